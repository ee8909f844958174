# Closures, cells and nonlocal.
def counter():
    n = 0
    def inc(k):
        nonlocal n
        n += k
        return n
    return inc
def compose(f, g):
    return lambda x: f(g(x))
c = counter()
add1 = lambda x: x + 1
dbl = lambda x: x * 2
h = compose(add1, dbl)
t = 0
for i in range(400_000):
    t += h(i) + c(1)
print(t)
