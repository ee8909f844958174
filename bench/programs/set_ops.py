# Set insertion, membership and algebra.
a = set()
for i in range(200_000):
    a.add((i * 37) % 50_021)
b = {i for i in range(0, 60_000, 2)}
hits = 0
for i in range(200_000):
    if i in a:
        hits += 1
print(len(a), len(b), hits, len(a & b), len(a | b), len(a - b))
