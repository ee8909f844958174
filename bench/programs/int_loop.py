# Integer arithmetic in a while loop and a for loop.
total = 0
i = 0
while i < 1_500_000:
    total += (i * i) % 7 - (i >> 3) + (i & 15)
    i += 1
acc = 0
for j in range(1_500_000):
    acc ^= j * 31 + 7
print(total, acc)
