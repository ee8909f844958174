# topic: float(), str(), bool(), complex() constructors and their errors
print(float(), float("3"), float(" -2.5e3 "), float("inf"), float("-Infinity"), float("nan"), float(5), float("1_5.2_5"))
for arg in ["", "1e", "abc", "1.2.3", "0x10", "1_", "infinity and beyond"]:
    try:
        float(arg)
    except ValueError as e:
        print("ValueError", e)
try:
    float([])
except TypeError as e:
    print("TypeError", e)
print(str(1.0), str(b"x", "ascii"), str(bytearray(b"ab"), encoding="utf-8"), str(b"\xff", "utf-8", "replace"))
try:
    str(b"\xff", "utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e)
print(bool(), bool(0.0), bool("0"), complex(), complex("1e3j"), complex(1, 2), complex(complex(1, 1), 1))
try:
    complex("1+2i")
except ValueError as e:
    print("ValueError", e)
try:
    complex("1", 2)
except TypeError as e:
    print("TypeError", e)
class F:
    def __float__(self): return 2.5
print(float(F()), complex(F()))
class BadF:
    def __float__(self): return "x"
try:
    float(BadF())
except TypeError as e:
    print("TypeError", e)
