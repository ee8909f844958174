# topic: mixed int/float/complex arithmetic promotion, comparisons between numeric types, equality of huge ints and floats
print(1 + 2.0, 2 * 3j, 1.5 + 1j, 7 // 2.0, 2 ** 0.5, (-8) ** (1 / 3))
print(1 == 1.0 == (1 + 0j), 2 ** 53 + 1 == float(2 ** 53 + 1), 2 ** 53 + 1 > float(2 ** 53), 10 ** 400 > 1e308, -(10 ** 400) < -1e308)
print(0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-9, 1 / 3 * 3 == 1.0, 9007199254740993 == 9007199254740992.0)
print(float("nan") in [float("nan")], (n := float("nan")) in [n], 1 < float("inf"), 10 ** 1000 < float("inf"))
print(True + 1.5, False * 1j, int(2.0) is not None, round(2.675, 2), 3 % -2.0, -3 % 2.0, 5.5 // -2)
print(divmod(-7, 2.5), (2 ** 63) * 1.0, float(2 ** 63) == 2 ** 63, hash(2 ** 63) == hash(float(2 ** 63)))
