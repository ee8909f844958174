# List, dict and set comprehensions, nested.
n = 300
grid = [[(i * j) % 10 for j in range(n)] for i in range(n)]
flat = [v for row in grid for v in row if v > 4]
index = {i: [j for j in range(i % 17)] for i in range(20_000)}
uniq = {v * 3 for row in grid for v in row}
total = sum(len(v) for v in index.values())
print(len(flat), len(index), sorted(uniq), total)
