# topic: abs, divmod, pow (2- and 3-argument), errors
print(abs(-3), abs(3.5), abs(-0.0), abs(3 + 4j), abs(True), abs(-(2 ** 70)))
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(17.5, 5), divmod(-2 ** 65, 7))
print(pow(2, 10), pow(2, -2), pow(2.0, 3), pow(-8, 1 / 3).real > 0, pow(3, 4, 5), pow(3, -1, 7), pow(-3, 3, 5), pow(2, 0, 1))
print(pow(base=2, exp=5), pow(2, 5, mod=3))
for args in [(2, 3, 0), (2, -1, 4), (2.0, 3, 5), (2, 1.5, 3)]:
    try:
        print(pow(*args))
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    abs("x")
except TypeError as e:
    print("TypeError", e)
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    divmod(1.0, 0.0)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    pow(0, -1)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    pow(0.0, -1)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
print(pow(-1, 0.5))
class A:
    def __abs__(self): return "abs called"
print(abs(A()))
