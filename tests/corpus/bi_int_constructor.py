# topic: int() construction: bases, strings with underscores/whitespace, errors
print(int(), int("42"), int("  -7  "), int("1_000"), int("ff", 16), int("0xff", 16), int("0xff", 0), int("0o17", 0), int("0b101", 0), int("z", 36), int("10", 2))
print(int(3.99), int(-3.99), int(True), int("+5"), int(b"12"), int(bytearray(b"9")), int("١٢"))
for args in [("abc",), ("1.5",), ("", ), ("12", 1), ("12", 37), ("0x1", 10), ("1__0",), ("_1",), ("08", 0), (1.5, 10), ("9" * 5000,)]:
    try:
        print(int(*args))
    except (ValueError, TypeError) as e:
        print(type(e).__name__, str(e)[:80])
class T:
    def __int__(self): return 8
print(int(T()))
class TI:
    def __index__(self): return 9
print(int(TI()))
print(int("-0"), int("0" * 20), int("  0x10  ", 0))
try:
    int(None)
except TypeError as e:
    print("TypeError", e)
try:
    int([1])
except TypeError as e:
    print("TypeError", e)
