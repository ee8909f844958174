# Dictionary insertion, lookup, update and iteration with str and int keys.
words = ["w" + str(i % 5000) for i in range(200_000)]
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
ints = {}
for i in range(200_000):
    ints[i] = i * 2
s = 0
for k in range(0, 200_000, 3):
    s += ints[k]
for k, v in counts.items():
    s += v
print(len(counts), s)
