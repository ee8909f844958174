# topic: float methods: hex/fromhex, is_integer, as_integer_ratio, conjugate, __round__, trunc
for v in [0.5, 1.0, -2.75, 0.1, 1e300, 5e-324, 3.0, 0.0, -0.0]:
    print(repr(v), v.hex(), v.is_integer(), v.as_integer_ratio())
print(float.fromhex("0x1.8p1"), float.fromhex("-0x1p-2"), float.fromhex("0x1.fffffffffffffp+1023"), float.fromhex(" 0X10 "), float.fromhex("inf"))
try:
    float("inf").as_integer_ratio()
except OverflowError as e:
    print("OverflowError", e)
try:
    float("nan").as_integer_ratio()
except ValueError as e:
    print("ValueError", e)
try:
    float.fromhex("0xzz")
except ValueError as e:
    print("ValueError", e)
print(float("inf").hex(), float("nan").hex(), float("inf").is_integer())
print((2.5).conjugate(), (2.5).real, (2.5).imag, (2.7).__trunc__(), (2.5).__round__(), (-2.5).__floor__(), (-2.5).__ceil__())
print((1.5).__add__(1), (1.5).__radd__(2), (1.5).__add__("x"), float.__mul__(2.0, 3.0), (7.0).__mod__(-3), (0.1).__repr__())
print(float.__getformat__("double"))
