# float() of bytes, bytearray and other buffer objects (PyFloat_FromString):
# the same grammar as float(str), ASCII only, C whitespace stripped.
import array


def show(x, label=None):
    label = label if label is not None else repr(x)
    try:
        print(label, "->", repr(float(x)))
    except (ValueError, TypeError) as e:
        msg = str(e)
        if "<memory at" in msg:
            msg = msg[: msg.index("<memory at")] + "<memory>"
        print(label, "->", type(e).__name__, msg)


for b in [b"1.5", b"  -2.25\n", b"\t+3e2\r", b"\x0b7\x0c", b"1_000.5", b"1__0", b"_1", b"1_",
          b"1_e5", b"1e_5", b"inf", b"-Infinity", b"+InF", b"nan", b"-NaN", b"infinit",
          b".5", b"5.", b".", b"e5", b"1e", b"1e+5", b"0x10", b"", b"   ", b"x", b"1.5x",
          b"\xa01", b"1\x1c", b"1\x00", b"\xd9\xa1", b"1" * 30, b"1e400", b"-1e400",
          b"1e-400", b"0.1", b"123456789012345678901234567890.5"]:
    show(b)

for b in [bytearray(b"2.5"), bytearray(b" -0.0 "), bytearray(b"bad"), bytearray()]:
    show(b)

show(memoryview(b"4.75"), "memoryview(b'4.75')")
show(memoryview(b"xx"), "memoryview(b'xx')")
show(memoryview(b"12345")[1:3], "memoryview(b'12345')[1:3]")
show(memoryview(b"1234")[::2], "memoryview(b'1234')[::2]")
show(memoryview(bytearray(b"9.5")), "memoryview(bytearray(b'9.5'))")
m = memoryview(b"1.0")
m.release()
show(m, "released memoryview")

show(array.array("b", b"12"))
show(array.array("B", b" 6.5 "))
show(array.array("b", b"z"))
show(array.array("i", [0x34]))

import struct
print(float(struct.pack("3s", b"8.5")))


class B(bytes):
    pass


class BF(bytes):
    def __float__(self):
        return 42.0


class SF(str):
    def __float__(self):
        return 43.0


print(float(B(b"3.25")), float(BF(b"1")), float(SF("1")))
show(B(b"q"))
print(type(float(b"1")).__name__)


class MyFloat(float):
    pass


f = MyFloat(b"2.5")
print(type(f).__name__, f)
print(float.fromhex("0x1p1"))
for v in [None, [], object(), 1j]:
    show(v, type(v).__name__)
