# int()/float()/round()/format() corners: protocol results of strict
# subclasses (DeprecationWarning), __trunc__, buffers, huge ndigits, exact
# int true division, alternate float forms.
import array
import warnings


def show(label, f):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            r = f()
            print(label, type(r).__name__, repr(r))
        except Exception as e:
            print(label, type(e).__name__, e)
        for x in w:
            print("   warning:", x.category.__name__, str(x.message))


class FloatSub(float):
    pass


class IntSub(int):
    pass


class RetFloatSub:
    def __float__(self):
        return FloatSub(2.5)


class RetBool:
    def __int__(self):
        return True


class IndexBool:
    def __index__(self):
        return True


class MyInt(int):
    def __int__(self):
        return 42


class BadInt(int):
    def __int__(self):
        return 42.0


class Trunc:
    def __init__(self, r):
        self.r = r

    def __trunc__(self):
        return self.r


show("float(__float__ -> subclass)", lambda: float(RetFloatSub()))
show("int(__int__ -> bool)", lambda: int(RetBool()))
show("int(__index__ -> bool)", lambda: int(IndexBool()))
show("operator.index", lambda: __import__("operator").index(IndexBool()))
show("int(MyInt(7))", lambda: int(MyInt(7)))
show("int(BadInt(7))", lambda: int(BadInt(7)))
show("int(trunc->3)", lambda: int(Trunc(3)))
show("int(trunc->IndexBool)", lambda: int(Trunc(IndexBool())))
show("int(trunc->RetBool)", lambda: int(Trunc(RetBool())))
show("int(trunc->True) subclass", lambda: IntSub(Trunc(True)))
show("int(memoryview)", lambda: int(memoryview(b"123")[1:3]))
show("int(array)", lambda: int(array.array("b", b"100")))
show("int(bad memoryview)", lambda: int(memoryview(b"12a")))
show("int base huge", lambda: int("10", 2**100))
show("int base -huge", lambda: int("10", -(2**100)))
show("float unicode digits", lambda: float("  \u0663.\u0661\u0664  "))
show("float unicode spaces", lambda: float("\u20001.5\u3000"))
show("float bad", lambda: float("1.5\u0663x"))
show("__getformat__(1)", lambda: float.__getformat__(1))


class KwFloat(float):
    def __init__(self, value, extra=None):
        self.extra = extra


class PlainSub(float):
    pass


show("float subclass kw", lambda: (KwFloat(2.5, extra=3), KwFloat(2.5, extra=3).extra))
show("plain float subclass kw", lambda: PlainSub(2.5, extra=3))
show("float kw", lambda: float(x=1))

for n in [2, 0, -1, -2, -308, -309, -400, 1 - 2**31, -2**100, 2**100, 400]:
    show(f"round(123.456, {n})", lambda: round(123.456, n))
    show(f"round(-123.456, {n})", lambda: round(-123.456, n))
show("round(1e300, -2**100)", lambda: round(1e300, -2**100))
show("round(1.6e308, -308)", lambda: round(1.6e308, -308))
show("round(-1.7e308, -308)", lambda: round(-1.7e308, -308))
show("round(125.0, -1)", lambda: round(125.0, -1))
show("round(135.0, -1)", lambda: round(135.0, -1))
show("round(5e-324, -1)", lambda: round(5e-324, -1))
show("round(12345, -100)", lambda: round(12345, -100))
show("round(-12345, -5)", lambda: round(-12345, -5))
show("round(12345, 2**100)", lambda: round(12345, 2**100))
show("round(15, -1)", lambda: round(15, -1))

INF = float("inf")
for x, y in [(-0.0, -INF), (0.0, -INF), (-INF, -0.5), (-INF, 0.5), (-INF, 3.0), (-2.0, 0.5), (0.0, -1.0), (-0.0, -3.0)]:
    show(f"{x!r} ** {y!r}", lambda: x ** y)

big = 98765 * 7**81
for a, b in [(12345 * 2**30, big), (1, 3), (2**1100, 3**600), (10**400, 10**399), (1, 2**1074), (1, 2**1075), (3, 2**1076), (2**2000, 3), (-(2**64 + 1), 2**11)]:
    show(f"{a} / {b}"[:40], lambda: a / b)
huge = 1 << 30000
show("huge / huge", lambda: huge / huge)
show("huge / 1", lambda: huge / 1)
show("complex(huge)", lambda: complex(huge))
show("complex(1, huge)", lambda: complex(1, -huge))

for spec in ["#.0e", "#.0E", "#.0f", "#.0%", "#.1g", "#.0g", "#g", ".0e", ".1g", "#.3g"]:
    for v in [0.01, 1.0, 123456.0, 1e-10]:
        show(f"format({v!r}, {spec!r})", lambda: format(v, spec))
for spec in ["1.3", ".0d", ".2x"]:
    show(f"format(3, {spec!r})", lambda: format(3, spec))


class ValidBytes:
    def __bytes__(self):
        return b"\x01\x00"


class InvalidBytes:
    def __bytes__(self):
        return "abc"


show("from_bytes(str)", lambda: int.from_bytes("", "big"))
show("from_bytes(__bytes__)", lambda: int.from_bytes(ValidBytes(), "big"))
show("from_bytes(bad __bytes__)", lambda: int.from_bytes(InvalidBytes(), "big"))
show("from_bytes(list)", lambda: int.from_bytes([1, 2], "little"))
