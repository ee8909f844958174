# topic: complex methods and attributes
z = complex(3, -4)
print(z.real, z.imag, z.conjugate(), abs(z), z.__abs__(), z.__neg__(), z.__add__(1), z.__mul__(1j), z.__eq__(3 - 4j), z.__bool__(), complex(0).__bool__())
print(complex.__new__(complex, 1, 1), (1j).__pow__(2), complex("-1.5-2.5j"), complex("(1+1j)"), repr(complex(1e20, -1e-20)))
print(complex(float("inf"), 0), complex(0, float("nan")), repr(-1j), repr(-(1j)), repr(0 - 1j), 1j.__repr__())
