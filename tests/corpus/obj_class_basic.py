# topic: class definition, instances, class vs instance attributes, methods, bound methods
class Dog:
    """A dog."""
    kind = "canine"
    def __init__(self, name):
        self.name = name
        self.tricks = []
    def add(self, trick):
        self.tricks.append(trick)
        return self
    def __repr__(self):
        return f"Dog({self.name!r})"
d = Dog("rex")
e = Dog("fido")
d.add("sit").add("roll")
print(d, e, d.kind, e.kind, d.tricks, e.tricks)
d.kind = "wolf"
print(d.kind, e.kind, Dog.kind, "kind" in vars(d))
Dog.kind = "dog"
print(e.kind)
m = d.add
print(m.__self__ is d, m.__func__ is Dog.add, m.__name__)
print(Dog.add(e, "bark").tricks)
print(type(d) is Dog, type(Dog) is type, Dog.__name__, Dog.__doc__, Dog.__module__)
print(d.__class__.__name__, isinstance(d, object))
class Empty:
    pass
print(repr(Empty.__doc__), Empty.__bases__ == (object,))
print(bool(Empty()), Empty() == Empty())
d.dynamic = 5
print(sorted(vars(d)))
print(m == d.add, m is d.add)
