# topic: chained generator pipelines and infinite generators with islice-like consumption
def numbers():
    n = 0
    while True:
        yield n
        n += 1
def evens(src):
    for x in src:
        if x % 2 == 0:
            yield x
def squares(src):
    for x in src:
        yield x * x
def take(n, src):
    for i, x in enumerate(src):
        if i >= n:
            return
        yield x
print(list(take(6, squares(evens(numbers())))))
def running_total(src):
    s = 0
    for x in src:
        s += x
        yield s
print(list(running_total(take(10, numbers()))))
g = numbers()
print(next(g), next(g), next(g))
print(list(zip(numbers(), "abc")))
