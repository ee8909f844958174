# topic: tuple/list/star unpacking in assignment, for, calls and displays
a, b = 1, 2
a, b = b, a
print(a, b)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "hello"
print(init, last)
x, *mid, y = range(6)
print(x, mid, y)
p, *q = (9,)
print(p, q)
(c, d), e = (1, 2), 3
print(c, d, e)
[f, [g, *h]] = [1, [2, 3, 4]]
print(f, g, h)
for i, (j, k) in enumerate([(1, 2), (3, 4)]):
    print(i, j, k)
print(*[1, 2], *"ab", sep="-")
print([*range(3), *[7]], (*"xy",), {*[1, 2, 2]}, {**{"a": 1}, "b": 2, **{"a": 3}})
def f3(*args, **kw):
    return args, kw
print(f3(*[1, 2], 3, *(), **{"x": 1}, y=2))
try:
    u, v = [1, 2, 3]
except ValueError as e:
    print("ValueError", e)
try:
    u, v, w = [1, 2]
except ValueError as e:
    print("ValueError", e)
try:
    u, *v, w = [1]
except ValueError as e:
    print("ValueError", e)
try:
    u, v = 5
except TypeError as e:
    print("TypeError", e)
lst = [0, 0, 0]
i = 0
i, lst[i] = 1, 9
print(i, lst)
a = b = c = [1]
print(a is b is c)
