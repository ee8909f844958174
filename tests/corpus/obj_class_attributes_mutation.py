# topic: modifying classes at runtime: adding methods, changing __bases__ is rare, class attributes shared via instances
class Base:
    pass
def hello(self):
    return "hello from " + type(self).__name__
Base.hello = hello
b = Base()
print(b.hello())
Base.hello = lambda self: "replaced"
print(b.hello())
del Base.hello
print(hasattr(b, "hello"))
class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
        self.id = Counter.count
Counter(); Counter(); c = Counter()
print(Counter.count, c.id)
class Shared:
    items = []
a, b = Shared(), Shared()
a.items.append(1)
print(b.items, Shared.items is a.items)
c.__class__ = Base
print(type(c).__name__, c.hello() if hasattr(c, "hello") else "no hello")
try:
    c.__class__ = int
except TypeError as e:
    print("TypeError", e)
Base.__name__ = "Renamed"
print(Base.__name__, Base.__qualname__, repr(Base)[-10:])
