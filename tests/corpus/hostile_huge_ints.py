# topic: hostile: huge integers: int/str conversion limits, large powers, float overflow, shifts
big = 10 ** 100000
print(big.bit_length(), big % 1000007, (big + 1) % 9)
try:
    str(big)
except ValueError as e:
    print("ValueError", e)
try:
    int("7" * 10000)
except ValueError as e:
    print("ValueError", e)
try:
    float(big)
except OverflowError as e:
    print("OverflowError", e)
try:
    big / 3
except OverflowError as e:
    print("OverflowError", e)
print(len(hex(big)), (big >> 300000) > 0, big >> 400000, big << 0 == big)
try:
    1 << -5
except ValueError as e:
    print("ValueError", e)
print(pow(3, 10 ** 6, 10 ** 9 + 7), (-big) // big, big // -big)
print(hash(big) == hash(big), big == big + 0, big > float("1e308"), big < float("inf"))
print(int(1e308) == 10 ** 308, (2 ** 1024 - 1) > 1.7976931348623157e308)
