# topic: StopIteration value, StopIteration propagating from next(), return in generators
it = iter([])
try:
    next(it)
except StopIteration as e:
    print(repr(e), e.value, e.args)
print(StopIteration().value, StopIteration(1, 2).value, StopIteration(None).value)
def g():
    return (yield 1)
x = g()
next(x)
try:
    x.send("sent")
except StopIteration as e:
    print(e.value)
def stopper():
    raise StopIteration("outside generator is normal")
try:
    stopper()
except StopIteration as e:
    print("StopIteration", e)
print(list(map(lambda v: v, iter([1, 2]))))
