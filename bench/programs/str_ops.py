# String building, slicing, joining, f-strings and comparisons.
parts = []
for i in range(100_000):
    parts.append(f"item-{i}:{i % 7}")
joined = ",".join(parts)
n = 0
for p in parts:
    if p[-1] == "3":
        n += 1
s = ""
for i in range(20_000):
    s += chr(97 + i % 26)
upper = s.upper()
print(len(joined), n, len(s), upper[:10], max(parts), min(parts))
