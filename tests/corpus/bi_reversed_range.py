# topic: reversed() on sequences and range, range arithmetic, membership and indexing
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(5))), list(reversed((1, 2))))
print(list(reversed(range(0, 10, 3))), reversed(range(3)).__class__.__name__, list(reversed({"a": 1, "b": 2})))
r = range(2, 20, 3)
print(r, len(r), r[2], r[-1], r[1:3], r[::-1], 8 in r, 9 in r, r.index(11), r.count(5))
print(range(5) == range(0, 5, 1), range(0) == range(2, 2), list(range(-3)), list(range(5, 0, -2)), range(10)[::2])
print(len(range(-10, 10, 7)), range(10 ** 20)[-1], range(0, 10 ** 20, 3)[-1])
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError", e)
try:
    range(1.5)
except TypeError as e:
    print("TypeError", e)
try:
    range(3)[5]
except IndexError as e:
    print("IndexError", e)
try:
    range(3).index(7)
except ValueError as e:
    print("ValueError", e)
try:
    reversed(5)
except TypeError as e:
    print("TypeError", e)
print(r.start, r.stop, r.step, bool(range(0)), hash(range(3)) == hash(range(0, 3)))
try:
    len(range(2 ** 64))
except OverflowError as e:
    print("OverflowError", e)
