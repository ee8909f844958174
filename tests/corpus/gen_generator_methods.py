# topic: generator objects: __next__, send(None) equivalence, iteration after exception, frames and names
def counter():
    i = 0
    while True:
        got = yield i
        i = i + 1 if got is None else got
c = counter()
print(c.__next__(), c.send(None), next(c), c.send(10), next(c))
def failing():
    yield 1
    raise ValueError("broken")
f = failing()
print(next(f))
try:
    next(f)
except ValueError as e:
    print("ValueError", e)
try:
    next(f)
except StopIteration:
    print("exhausted after exception")
def named():
    yield
n = named()
print(n.__name__, n.__qualname__, type(n).__name__, n.gi_code.co_name)
class Holder:
    def method_gen(self):
        yield self
print(Holder().method_gen().__qualname__)
gen_expr = (i for i in range(2))
print(gen_expr.__name__, gen_expr.__qualname__)
