# topic: generator functions: laziness, exhaustion, return value in StopIteration
def gen(n):
    print("start")
    for i in range(n):
        print("yielding", i)
        yield i
    print("end")
    return "done"
g = gen(2)
print("created", type(g).__name__)
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration value", repr(e.value), e.args)
try:
    next(g)
except StopIteration as e:
    print("again", repr(e.value))
print(list(gen(3)))
def empty():
    return
    yield
print(list(empty()))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(15)])
print(iter(g) is g, g.__name__, g.__qualname__)
