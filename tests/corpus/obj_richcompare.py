# topic: rich comparisons, reflection, NotImplemented, default ==/!= identity, total ordering by hand
class Ver:
    def __init__(self, *parts):
        self.parts = parts
    def __eq__(self, o):
        if not isinstance(o, Ver):
            return NotImplemented
        return self.parts == o.parts
    def __lt__(self, o):
        if not isinstance(o, Ver):
            return NotImplemented
        return self.parts < o.parts
    def __le__(self, o):
        return self == o or self < o
    def __repr__(self):
        return "Ver" + str(self.parts)
a, b = Ver(1, 2), Ver(1, 3)
print(a < b, a > b, a <= b, a >= b, a == Ver(1, 2), a != Ver(1, 2), a != b)
print(sorted([Ver(2), Ver(1, 5), Ver(1)]))
print(a == 5, a != 5, 5 == a)
try:
    a < 5
except TypeError as e:
    print("TypeError", e)
try:
    5 >= a
except TypeError as e:
    print("TypeError", e)
class Loud:
    def __init__(self, n): self.n = n
    def __eq__(self, o):
        print(f"Loud{self.n}.__eq__")
        return NotImplemented
x, y = Loud(1), Loud(2)
print(x == y)
print(x != y)
print(x == x)
class Weird:
    def __eq__(self, o):
        return "truthy string"
    def __lt__(self, o):
        return [1]
print(Weird() == 1, Weird() < 1, [Weird()] == [1])
if Weird() < 2:
    print("list result used as bool")
class OnlyEq:
    def __eq__(self, o):
        return True
print(OnlyEq() != 1)
class Sub(Ver):
    def __eq__(self, o):
        return "Sub.__eq__ called first"
print(Ver(1) == Sub(1))
print(max(Ver(3), Ver(10), Ver(2)), min([Ver(3), Ver(1, 1)]))
