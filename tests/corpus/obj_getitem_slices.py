# topic: __getitem__/__setitem__/__delitem__ with ints, slices, tuples, Ellipsis; slice objects
class Show:
    def __getitem__(self, key):
        return key
    def __setitem__(self, key, value):
        print("set", key, value)
    def __delitem__(self, key):
        print("del", key)
s = Show()
print(s[1], s[1:2], s[::3], s[1:2, 3], s[...], s[:, None], s["k"], s[-1:])
s[1:5] = "x"
s[::2] = [1]
del s[2:]
del s[0, 1]
sl = slice(1, 10, 2)
print(sl.start, sl.stop, sl.step, sl.indices(5), slice(None).indices(3), slice(-1, None, -1).indices(4))
print(slice(3), slice(1, 2), repr(slice(None, None, None)), slice(1, 2) == slice(1, 2))
class Matrix:
    def __init__(self):
        self.d = {}
    def __getitem__(self, rc):
        r, c = rc
        return self.d.get((r, c), 0)
    def __setitem__(self, rc, v):
        self.d[rc] = v
m = Matrix()
m[1, 2] = 5
m[0, 0] += 3
print(m[1, 2], m[0, 0], m[9, 9])
lst = list(range(10))
lst[2:5] = ["a"]
print(lst)
lst[::3] = "XYZ"
print(lst)
try:
    lst[::2] = [1, 2]
except ValueError as e:
    print("ValueError", e)
try:
    slice(1, 2, 0).indices(5)
except ValueError as e:
    print("ValueError", e)
print(list(range(10))[slice(2, 8, 3)], "abcdef"[slice(None, None, -2)])
try:
    [1][1:"x"]
except TypeError as e:
    print("TypeError", e)
class Idx:
    def __index__(self): return 2
print([10, 20, 30][Idx()], "abc"[Idx():], [0, 1, 2, 3][:Idx()])
