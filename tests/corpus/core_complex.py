# topic: complex numbers
z = 3 + 4j
print(z, abs(z), z.real, z.imag, z.conjugate())
print(z * (1 - 2j), z / (1 + 1j), z ** 2, -z, +z)
print(1j * 1j, 2j, -2j, 0j, complex(1), complex(1, -0.0), complex("1+2j"), complex(" 3j "))
print(repr(complex(0, 1)), repr(complex(1.5, -2.25)), complex(-0.0, -0.0))
print(z == 3 + 4j, z != 3, (1 + 0j) == 1, complex(2, 0) == 2.0)
print(complex(float("inf"), float("nan")))
try:
    z < z
except TypeError as e:
    print("TypeError", e)
try:
    (1 + 1j) // 2
except TypeError as e:
    print("TypeError", e)
try:
    1j / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
print(type(z).__name__, isinstance(z, complex), hash(complex(3, 0)) == hash(3))
print(pow(1j, 2), 2 ** 1j == complex(2) ** 1j)
