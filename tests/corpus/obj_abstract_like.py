# topic: NotImplementedError patterns, template methods, class attributes shadowing
class Shape:
    sides = 0
    def area(self):
        raise NotImplementedError(f"{type(self).__name__}.area")
    def describe(self):
        return f"{type(self).__name__} with {self.sides} sides, area {self.area()}"
class Square(Shape):
    sides = 4
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
class Blob(Shape):
    pass
print(Square(3).describe())
try:
    Blob().describe()
except NotImplementedError as e:
    print("NotImplementedError", e)
print(NotImplemented, repr(NotImplemented), type(NotImplemented).__name__, bool(Ellipsis))
