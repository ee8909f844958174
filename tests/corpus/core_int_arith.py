# topic: integer arithmetic, floor division and modulo signs, shifts, bitwise ops
vals = [7, -7, 0, 1, -1, 13]
for a in (7, -7):
    for b in (2, -2, 3, -3):
        print(a, b, a + b, a - b, a * b, a // b, a % b, divmod(a, b))
print(1 << 10, 1024 >> 3, -1 >> 5, -16 >> 2, 5 & 3, 5 | 3, 5 ^ 3, ~5, ~-1)
print(-5 & 0xFF, -1 ^ 0, 0b1010 | 0o17)
print(2 ** 10, 2 ** -1, (-2) ** 3, -2 ** 2, 0 ** 0)
print(10 / 4, 9 / 3, -7 / 2)
try:
    1 // 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    1 % 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    1 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    1 << -1
except ValueError as e:
    print("ValueError", e)
print(+3, -(-3), abs(-9))
print(1_000_000, 0x_ff, 0b_1_0)
