# topic: match statements: or/as/guards/star/mapping rest/class patterns/singletons
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x; self.y = y

def classify(v):
    match v:
        case 0 | 1 as small:
            return f"small {small}"
        case [x, y, *rest] if x == y:
            return f"pair-start {x} rest={rest}"
        case [x, *_, (a, b)]:
            return f"ends with tuple {a},{b} first {x}"
        case (1, 2):
            return "one-two"
        case {"kind": "circle", "r": r, **others}:
            return f"circle r={r} others={others}"
        case {"kind": k}:
            return f"kind {k}"
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=yy):
            return f"on y axis {yy}"
        case Point(xx, yy) if xx == yy:
            return f"diagonal {xx}"
        case Point():
            return "some point"
        case int(n) | float(n) if n > 100:
            return f"big {n}"
        case str() as s:
            return f"string {s!r}"
        case None:
            return "none"
        case True:
            return "true"
        case _:
            return "other"

for v in [0, 1, [3, 3, 4, 5], [1, 2, (7, 8)], (1, 2), {"kind": "circle", "r": 2, "c": "red"},
          {"kind": "sq"}, Point(0, 0), Point(0, 5), Point(3, 3), Point(1, 2), 500, 2.5e3, "hi", None, True, 7, [], {}]:
    print(repr(v) if not isinstance(v, Point) else "Point", "->", classify(v))

match [1, [2, 3]]:
    case [a, [b, c]]:
        print(a, b, c)
try:
    match Point(1, 2):
        case Point(1, 2, 3):
            pass
except TypeError as e:
    print("TypeError", e)
match 5:
    case x:
        print("captured", x)
