# topic: __hash__/__eq__ rules: eq without hash makes unhashable, explicit hash, dict keys
class EqOnly:
    def __eq__(self, o):
        return True
print(EqOnly.__hash__)
try:
    hash(EqOnly())
except TypeError as e:
    print("TypeError", e)
try:
    {EqOnly(): 1}
except TypeError as e:
    print("TypeError", e)
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, o):
        return isinstance(o, Point) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self):
        return hash((self.x, self.y))
d = {Point(1, 2): "a"}
print(d[Point(1, 2)], Point(1, 2) in d, Point(2, 1) in d)
print(len({Point(0, 0), Point(0, 0), Point(1, 1)}))
class Unhash:
    __hash__ = None
try:
    hash(Unhash())
except TypeError as e:
    print("TypeError", e)
class Inherit(Point):
    pass
print(hash(Inherit(1, 2)) == hash(Point(1, 2)))
class InheritEq(Point):
    def __eq__(self, o):
        return False
try:
    hash(InheritEq(1, 2))
except TypeError as e:
    print("TypeError", e)
class BigHash:
    def __hash__(self):
        return 2 ** 100
print(hash(BigHash()) == hash(2 ** 100))
class BadHash:
    def __hash__(self):
        return "no"
try:
    hash(BadHash())
except TypeError as e:
    print("TypeError", e)
print(hash(1) == hash(1.0) == hash(True), hash(-1), hash(-2), hash(0.5) == hash(0.5), hash(()) == hash(()))
print(hash((1, 2)) == hash((1, 2)), hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
for v in ([], {}, set(), bytearray()):
    try:
        hash(v)
    except TypeError as e:
        print("TypeError", e)
class Same:
    def __hash__(self):
        return 1
    def __eq__(self, o):
        return isinstance(o, Same)
s = {Same(), Same(), 1}
print(len(s))
