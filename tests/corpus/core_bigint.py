# topic: arbitrary precision integers
a = 2 ** 100
print(a)
print(a * a)
print(a - 1, a + 1)
print(-a // 3, -a % 3, a // -7, a % -7)
print(divmod(a, 12345678901234567890))
f = 1
for i in range(1, 31):
    f *= i
print(f)
print(f // (2 ** 64), f % 1000000007)
print(3 ** 200 % (10 ** 20))
print((1 << 200) >> 190)
print(-(1 << 100) >> 99)
print((2 ** 128 - 1) & (2 ** 64 + 5), (2 ** 70) | 1, (2 ** 70) ^ (2 ** 69))
print(~(2 ** 80))
print(2 ** 64 == 18446744073709551616, 2 ** 64 > 2 ** 63, -(2 ** 64) < 0)
print(int("123456789012345678901234567890") * 10)
print(hex(2 ** 100), oct(2 ** 70), bin(2 ** 40))
print((10 ** 30).bit_length(), (-(10 ** 30)).bit_length())
print(pow(2, 1000, 10 ** 9 + 7))
x = 10 ** 50
print(x / 10 ** 48)
print(str(7 ** 77))
print(abs(-(10 ** 25)))
print(9223372036854775807 + 1, -9223372036854775808 - 1)
print(9223372036854775807 * 9223372036854775807)
