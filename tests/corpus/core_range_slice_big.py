# Ranges beyond sys.maxsize, range equality and hashing by value, slices
# with huge steps, slice.indices with big lengths.
import array
import sys

a, b = -sys.maxsize, sys.maxsize
x = range(a, b)
print(a in x, b in x, bool(x), x[-1], x[sys.maxsize + 1])
print(x.count(5), x.index(5), x[sys.maxsize:sys.maxsize + 2])
try:
    len(x)
except OverflowError as e:
    print("OverflowError", e)
print(range(2**100)[::-2**99], range(2**100)[2**99:], range(0, 2**100, 3)[-1])
print(5.0 in range(10), range(10).count(5.0), range(10).index(5.0), True in range(2))


class I(int):
    def __eq__(self, other):
        return True

    __hash__ = int.__hash__


print(I(50) in range(3), range(3).count(I(7)), range(3).index(I(9)))
try:
    range(3).index("a")
except ValueError as e:
    print("ValueError", e)

print(range(0, 2**30) == range(0, 2**30), range(0) == range(5, 5), range(0, 3, 2) == range(0, 4, 2))
print(range(1, 2, 5) == range(1, 3, 7), range(2**100) != range(2**100 + 1))
print(hash(range(0)) == hash(range(7, 7)), hash(range(1, 2, 5)) == hash(range(1, 3, 7)),
      hash(range(0, 10, 2)) == hash(range(0, 9, 2)), hash(range(2**100)) == hash(range(2**100)))

for s in (slice(None, None, 2**100), slice(-2**100, 2**100, -7), slice(None, -2**100, -1), slice(3, None, sys.maxsize)):
    print(s.indices(2**100), s.indices(7), s.indices(0))
try:
    slice(None).indices(-1)
except ValueError as e:
    print("ValueError", e)
try:
    slice(None, None, 0).indices(2**100)
except ValueError as e:
    print("ValueError", e)
try:
    slice("a").indices(3)
except TypeError as e:
    print("TypeError", e)

for seq in ([0, 1, 2, 3, 4], (0, 1, 2, 3, 4), "01234", b"01234", bytearray(b"01234"),
            array.array("i", [0, 1, 2, 3, 4]), range(5)):
    print(seq[3::sys.maxsize], seq[3::-sys.maxsize], seq[1:4:sys.maxsize], seq[::-sys.maxsize - 1],
          seq[-2**128:3], seq[3:2**145])
print(list(memoryview(b"01234")[3::sys.maxsize]))
l = list(range(10))
l[1::sys.maxsize] = ["x"]
print(l)
del l[::sys.maxsize]
print(l)
