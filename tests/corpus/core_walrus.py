# topic: assignment expressions (walrus) in conditions, comprehensions, scopes
data = [1, 5, 9, 3]
if (n := len(data)) > 3:
    print("long", n)
vals = []
it = iter(data)
while (x := next(it, None)) is not None:
    vals.append(x * 2)
print(vals)
print([y for v in data if (y := v * 10) > 20])
print(y)
total = 0
sums = [total := total + v for v in data]
print(sums, total)
def f():
    [z := i for i in range(3)]
    return z
print(f())
print((w := 5) + w)
g = lambda: (q := 7) * 2
print(g())
print(any((hit := v) > 4 for v in data), hit)
