# array.array: construction for every typecode, repr, indexing, slicing,
# slice assignment, sequence methods, comparisons and arithmetic.
import array
from array import array as A

print(array.typecodes, array.ArrayType is A, A.__module__, A.__name__, type(A("b")).__name__)
inits = {
    "b": [-128, 0, 127], "B": [0, 255, 7], "u": "héllo", "h": [-32768, 32767], "H": [0, 65535],
    "i": [-2**31, 2**31 - 1], "I": [0, 2**32 - 1], "l": [-2**63, 2**63 - 1], "L": [0, 2**64 - 1],
    "q": [-2**63, 2**63 - 1], "Q": [0, 2**64 - 1], "f": [1.5, -0.25, 1e38, float("inf")], "d": [0.1, float("nan"), -2.5e300],
}
for tc, init in inits.items():
    a = A(tc, init)
    print(tc, a.typecode, a.itemsize, len(a), repr(a), a.tolist(), str(a) == repr(a))
    print("  ", a[0], a[-1], a[1:], a[::-1], a[:0], a[5:], a[::2], list(a), a[0] in a, init[0] in a, a.count(a[0]), a.index(a[-1]))
    print("  ", A(tc), A(tc, a), A(tc, a.tobytes()) == a, len(a.tobytes()), a.buffer_info()[1] == len(a))
print(A("d", [1, 2.5, True]), A("i", (x * x for x in range(5))), A("b", range(5)), A("u", ["a", "b"]) if False else A("u", "ab"))
print(A("f", [0.1]), A("f", [0.1])[0], A("d", [0.1])[0], A("f", [3.4e38 * 10])[0])
print(A("i", b"\x01\x00\x00\x00\x02\x00\x00\x00"), A("B", bytearray(b"xyz")), A("b", memoryview(b"\x01\x02")))
a = A("i", range(10))
print(a[2:8:3], a[-3:], a[100:], a[-100:2], a[::-3])
a[1] = 100
a[-1] = -5
a[2:4] = A("i", [7, 7, 7])
print(a)
a[::2] = A("i", [0] * len(a[::2]))
print(a)
del a[0]
del a[1:3]
del a[::3]
print(a, len(a))
a[len(a):] = A("i", [1, 2])
a[:0] = A("i", [9])
print(a)
a.append(42)
a.extend([1, 2])
a.extend(A("i", [3]))
a.extend(x for x in (4, 5))
a.insert(0, -1)
a.insert(100, 77)
a.insert(-2, 55)
a.insert(-100, 66)
print(a, a.pop(), a.pop(0), a.pop(-2), a)
a.remove(42)
print(a, a.index(9), a.index(1, 8), a.count(1), a.count(12345))
a.reverse()
print(a)
b = A("i", [1, 2, 3])
print(b + A("i", [4]), b * 2, 2 * b, b * 0, b * -1, A("i") * 5)
b += A("i", [5])
b *= 2
print(b, len(b))
c = A("i", [1, 2])
d = c
c += A("i", [3])
c *= 2
print(d is c, d)
print(A("i", [1, 2]) == A("i", [1, 2]), A("i", [1, 2]) == A("l", [1, 2]), A("i", [1]) == A("d", [1.0]), A("b", [1, 2]) < A("b", [1, 3]),
      A("b", [1, 2]) < A("b", [1, 2, 0]), A("b", [2]) > A("B", [1, 255]), A("i") == [], A("u", "ab") == A("u", "ab"),
      A("d", [float("nan")]) == A("d", [float("nan")]), A("b", [1]) <= A("b", [1]), A("b", [2]) >= A("b", [3]), A("b") != A("B"))
print(3 in A("i", [1, 3]), 3.0 in A("i", [1, 3]), "a" in A("i", [1]), 4 not in A("i", [1]))
a = A("H", [1, 2, 258])
a.byteswap()
print(a, a.tobytes())
a = A("d", [1.0])
a.byteswap()
print(a.tobytes().hex())
a = A("u", "ab")
a.byteswap()
print(a.tobytes().hex())
a = A("b")
a.frombytes(b"\x01\xff")
a.fromlist([3, -4])
print(a, a.tolist())
u = A("u", "xy")
u.fromunicode("zé\U0001f600")
print(u, u.tounicode(), len(u), u.itemsize)
print(A("B", b"abc").tobytes(), bytes(A("h", [1, -1])), bytearray(A("b", [65, 66])), list(memoryview(A("B", [1, 2]))))
import copy
a = A("i", [1, 2, 3])
b = copy.copy(a)
c = copy.deepcopy(a)
b[0] = 9
print(a, b, c, a.__copy__(), a.__deepcopy__({}))
print(A("i", [1, 2]).__reduce_ex__(3))
print(A("i", [1, 2]).__reduce_ex__(2))
for proto in range(0, 6):
    for x in (A("i", [1, -2]), A("d", [0.5]), A("u", "hé"), A("B"), A("Q", [2**64 - 1])):
        f, args, state = x.__reduce_ex__(proto)
        y = f(*args)
        assert y == x and y.typecode == x.typecode and state is None, (proto, x, y)
print("reduce ok")


class MyArr(A):
    pass


m = MyArr("i", [1, 2])
m.extra = 5
print(type(m).__name__, m, m.extra, type(m + m).__name__, type(m[:1]).__name__, type(copy.copy(m)).__name__, m == A("i", [1, 2]))
print(hash.__name__, A.__hash__ is None, sorted(A("i", [3, 1, 2])), max(A("d", [1, 5.5])), sum(A("b", [1, 2])))
it = iter(A("i", [1, 2]))
print(next(it), list(it), list(reversed(A("i", [1, 2, 3]))))
