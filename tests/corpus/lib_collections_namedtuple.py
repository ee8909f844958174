# collections.namedtuple: fields, defaults, methods, _tuplegetter fields.
from collections import namedtuple

Point = namedtuple('Point', ['x', 'y'])
p = Point(1, 2)
print(p, p.x, p.y, p[0], p[1], len(p), list(p), tuple(p))
print(Point._fields, Point._field_defaults, Point.__name__, Point.__doc__)
print(Point.x, Point.x.__doc__, type(Point.x).__name__)
print(p._asdict(), p._replace(y=5), Point._make([3, 4]), p == (1, 2), hash(p) == hash((1, 2)))
x, y = p
print(x, y, p + (3,), p * 2, p.count(1), p.index(2))
print(Point(y=2, x=1), Point(*range(2)), Point(**{'x': 'a', 'y': 'b'}))
try:
    p.x = 5
except AttributeError as e:
    print('AttributeError', e)
try:
    Point(1)
except TypeError as e:
    print('TypeError', e)
try:
    Point(1, 2, 3)
except TypeError as e:
    print('TypeError', e)
try:
    p._replace(z=1)
except ValueError as e:
    print('ValueError', e)
try:
    Point._make([1])
except TypeError as e:
    print('TypeError', e)

P3 = namedtuple('P3', 'a b c', defaults=[10, 20])
print(P3(1), P3(1, 2), P3(1, 2, 3), P3._field_defaults)
R = namedtuple('R', 'class def x', rename=True)
print(R._fields, R(1, 2, 3))
S = namedtuple('S', 'a, b', module='mymod')
print(S.__module__, S(1, 2))
E = namedtuple('E', '')
print(E(), E._fields, len(E()))
for bad in (('1a', 'x'), ('N', 'x x'), ('N', '_x'), ('N', 'def')):
    try:
        namedtuple(*bad)
    except ValueError as e:
        print('ValueError', e)


class Vec(namedtuple('Vec', 'x y')):
    __slots__ = ()

    @property
    def norm2(self):
        return self.x ** 2 + self.y ** 2

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)


v = Vec(3, 4)
print(v, v.norm2, v + Vec(1, 1), isinstance(v, tuple), Vec._fields)
print(sorted([Point(2, 1), Point(1, 2), Point(1, 1)]))
print({Point(1, 2): 'a'}[(1, 2)], Point(1, [2]).y)
print(repr(Point('a', None)), str(Point(1.5, -2)))
print(Point.__match_args__)
match Point(0, 5):
    case Point(x=0, y=yy):
        print('matched y', yy)
