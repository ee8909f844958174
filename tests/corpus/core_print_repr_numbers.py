# topic: repr and str of many floats, ints and special numbers (shortest round-trip repr)
for v in [1.0, 10.0, 1e15, 1e16, 123456789012345678.0, 0.1, 1 / 7, 1e-4, 1e-5, 3.14e-10, 2.5e+25, 1.7976931348623157e308, 2.2250738585072014e-308, 4.9e-324, 0.30000000000000004, 100.125, 1234.5e-2, float(2 ** 80)]:
    print(repr(v), repr(-v))
for v in [0, -0, 1, 12, 123456789, -987654321, 10 ** 18, 2 ** 63, -(2 ** 63)]:
    print(repr(v), str(v), f"{v:,}")
