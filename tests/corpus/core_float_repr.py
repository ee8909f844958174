# topic: float repr (shortest round trip), special values, arithmetic
vals = [0.1, 0.2, 0.1 + 0.2, 1.0, -0.0, 1e16, 1e17, 1.5e-7, 123456789.123, 1e22, 1e-5, 0.0001, 2.5, 1/3, 2/3, 100.0, 1e300 * 10, 5e-324]
for v in vals:
    print(repr(v), str(v))
inf = float("inf")
nan = float("nan")
print(inf, -inf, nan, inf - inf, inf * 0)
print(nan == nan, nan != nan, inf > 1e308, -inf < -1e308)
print(float("1e500"), float("-1e500"), float("  3.25  "), float("1_0.5"))
print(1e308 * 10, 2.0 ** 0.5, 10.0 ** -3)
print(7.0 // 2, -7.0 // 2, 7.0 % -2, -7.5 % 2, divmod(7.5, 2))
print(0.1 * 3, 1.1 + 2.2, 3 * 1.1)
try:
    1.0 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    2.0 ** 10000
except OverflowError as e:
    print("OverflowError", e)
try:
    float("abc")
except ValueError as e:
    print("ValueError", e)
print(float(10 ** 20), float(-5), float(True))
print(int(3.9), int(-3.9), int(1e20))
try:
    int(inf)
except OverflowError as e:
    print("OverflowError", e)
try:
    int(nan)
except ValueError as e:
    print("ValueError", e)
