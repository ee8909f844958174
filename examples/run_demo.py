"""A program `pyx run` runs without the standard library: classes, closures,
generators, match, exceptions and f-strings."""


class Shape:
    def area(self):
        raise NotImplementedError


class Rect(Shape):
    def __init__(self, w, h):
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h

    def __repr__(self):
        return f"Rect({self.w}, {self.h})"


class Square(Rect):
    def __init__(self, side):
        super().__init__(side, side)


def fibs():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def describe(value):
    match value:
        case Rect(w=w, h=h) if w == h:
            return f"a square of side {w}"
        case Rect():
            return f"a rectangle of area {value.area()}"
        case [first, *rest]:
            return f"a list starting with {first!r} and {len(rest)} more"
        case _:
            return "something else"


def counter():
    count = 0

    def bump():
        nonlocal count
        count += 1
        return count

    return bump


shapes = [Rect(2, 3), Square(4)]
print(sorted(shapes, key=lambda s: s.area()))
for thing in (*shapes, [1, 2, 3], 42):
    print(describe(thing))
gen = fibs()
print([next(gen) for _ in range(12)])
bump = counter()
print(bump(), bump(), bump())
try:
    Shape().area()
except NotImplementedError as e:
    print("NotImplementedError caught:", type(e).__name__)
print(f"{2 ** 100 = }")
print({word: len(word) for word in "pyx runs python".split()})
