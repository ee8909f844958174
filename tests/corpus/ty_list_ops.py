# topic: list operations: slicing, slice assignment, comparison, concatenation, contains, nested mutation
a = list(range(10))
print(a[2:7], a[::-1], a[-3:], a[:-3], a[1:8:2], a[8:2:-2], a[100:], a[::-3])
a[2:4] = []
print(a)
a[1:1] = [100, 101]
print(a)
a[-1:] = "xyz"
print(a)
a[:3] = range(1)
print(a)
print([1, 2] + [3], [1, 2] == [1, 2], [1, 2] < [1, 3], [1] < [1, 0], [2] > [1, 99], 3 in [1, 2, 3], [] in [[]])
m = [[0] * 2] * 2
m[0][0] = 1
print(m)
m = [[0] * 2 for _ in range(2)]
m[0][0] = 1
print(m)
try:
    [1] + (2,)
except TypeError as e:
    print("TypeError", e)
try:
    a[100]
except IndexError as e:
    print("IndexError", e)
try:
    a[100] = 1
except IndexError as e:
    print("IndexError", e)
try:
    a["x"]
except TypeError as e:
    print("TypeError", e)
b = [1, 2, 3]
b[5:] = [4]
print(b, len(b))
c = [1, 2, 3, 4, 5]
del c[::-2]
print(c)
print(list.__len__([1, 2]), [3, 4].__getitem__(1), [1].__mul__(3), [].__class__.__name__)
