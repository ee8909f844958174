# List building, indexing, slicing, sorting.
data = []
for i in range(200_000):
    data.append((i * 7919) % 100_003)
total = 0
for i in range(0, len(data) - 10, 3):
    total += data[i] - data[i + 5]
chunks = [data[i:i + 50] for i in range(0, len(data), 50)]
data.sort()
rev = sorted(data, reverse=True)
print(total, len(chunks), data[:3], rev[:3], sum(data[::1000]))
