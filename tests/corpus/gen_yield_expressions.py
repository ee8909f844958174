# topic: yield as an expression: in assignments, arguments, comprehensions-free contexts, yield inside try
def g():
    x = yield
    print("x =", x)
    y = (yield x) + 1
    print("y =", y)
    print("arg:", (yield "a"), (yield "b"))
    z = yield from [10, 20]
    print("z =", z)
it = g()
print(next(it))
print(it.send("first"))
print(it.send(41))
print(it.send("p"))
print(it.send("q"))
print(next(it))
try:
    next(it)
except StopIteration:
    print("end")
def lambdagen():
    f = lambda: (yield 5)
    return list(f())
print(lambdagen())
