# array.array through pickle (every protocol) and the machine-format
# conversions of _array_reconstructor.
import array
import pickle
from array import array as A

for proto in range(0, pickle.HIGHEST_PROTOCOL + 1):
    for x in (A("i", [1, -2]), A("d", [0.5, -1e300]), A("u", "hé\U0001f600"), A("B"), A("Q", [2**64 - 1]), A("f", [1.5]), A("h", [-3])):
        y = pickle.loads(pickle.dumps(x, proto))
        print(proto, y == x, y.typecode == x.typecode, y)


class Sub(A):
    pass


s = Sub("l", [5, 6])
s.tag = "t"
for proto in (2, 4):
    t = pickle.loads(pickle.dumps(s, proto))
    print(type(t).__name__, t, t.tag)
r = array._array_reconstructor
for code, data in [(0, b"\x01\xff"), (1, b"\x01\xff"), (3, b"\x00\x01\x01\x00"), (5, b"\xff\xfe"), (7, b"\x00\x00\x00\x05"),
                   (9, b"\xff\xff\xff\xfb"), (11, b"\x00" * 7 + b"\x09"), (13, b"\xff" * 8), (15, b"\x3f\xc0\x00\x00"),
                   (17, b"\x40\x09\x21\xfb\x54\x44\x2d\x18"), (19, b"\x00\x41\xd8\x3d\xde\x00"), (21, b"\x00\x00\x00\x42")]:
    for tc in "bBhHiIlLqQfdu":
        try:
            print(code, tc, r(A, tc, code, data))
        except Exception as e:
            print(code, tc, type(e).__name__, e)
