# topic: int methods: bit_length, bit_count, to_bytes/from_bytes, as_integer_ratio, conjugate, real/imag
for v in [0, 1, 255, -256, 2 ** 100]:
    print(v, v.bit_length(), v.bit_count(), v.as_integer_ratio(), v.conjugate(), v.real, v.imag, v.numerator, v.denominator)
print((1024).to_bytes(2, "big"), (1024).to_bytes(4, "little"), (-1).to_bytes(2, "big", signed=True), (255).to_bytes(1, "big"))
print(int.from_bytes(b"\x00\x10", "big"), int.from_bytes(b"\x00\x10", "little"), int.from_bytes(b"\xff\xff", "big", signed=True), int.from_bytes([1, 2], "big"))
print((5).to_bytes(), int.from_bytes(b"\x07"))
for call in (lambda: (256).to_bytes(1, "big"), lambda: (-1).to_bytes(1, "big"), lambda: (1).to_bytes(1, "middle")):
    try:
        call()
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
print(int.__add__(2, 3), (7).__mul__(6), (7).__rsub__(10), (3).__truediv__(2), (3).__eq__(3.0), (3).__eq__("3"))
print(int.__floordiv__(7, 2), (2).__pow__(5), (5).__neg__(), (5).__bool__(), (0).__bool__(), int.__lt__(1, 2))
print((12).__format__("04d"), (10).__round__(-1), (5).__trunc__(), (5).__ceil__(), (5).__floor__(), (17).__divmod__(5))
print(int.__radd__(1, 2), (1).__add__(1.5), (1).__lt__(1.5))
