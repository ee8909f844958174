# Arbitrary-precision integers.
f = 1
for i in range(1, 2500):
    f *= i
p = 3 ** 20000
q = (p * p) // (f + 1)
digits = 0
x = 7 ** 3000
while x:
    x //= 10
    digits += 1
print(f % 1_000_003, p % 999_983, q % 1009, digits)
