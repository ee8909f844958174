# topic: tuples: packing, single element, methods, comparison, hashing, immutability, concatenation
t = 1, 2, 3
print(t, (1,), (), tuple(), t.count(2), t.index(3), t[1:], t[::-1], t + (4,), t * 2, len(t), 2 in t)
print((1, 2) < (1, 2, 0), (1, [2]) == (1, [2]), hash((1, 2)) == hash((1, 2)), type(()).__name__)
try:
    t[0] = 5
except TypeError as e:
    print("TypeError", e)
try:
    t.index(9)
except ValueError as e:
    print("ValueError", e)
try:
    hash((1, [2]))
except TypeError as e:
    print("TypeError", e)
try:
    (1,) + [2]
except TypeError as e:
    print("TypeError", e)
x = (1, [2])
x[1].append(3)
print(x, repr((None,)), repr(((),)), str((1, "a")))
print(tuple(t) is t, t[:] is t)
