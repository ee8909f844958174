# topic: match statement: mapping patterns, class patterns, __match_args__
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
class P3(Point):
    pass
def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=y):
            return f"on y axis at {y}"
        case Point(x, 0):
            return f"on x axis at {x}"
        case Point(x, y) if x == y:
            return "diagonal"
        case Point():
            return "somewhere"
    return "not a point"
for p in [Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), P3(1, 9), "pt"]:
    print(where(p))
def cfg(d):
    match d:
        case {"type": "user", "name": str(name), **rest}:
            return f"user {name} extra {rest}"
        case {"type": "group", "members": [*members]}:
            return f"group of {len(members)}"
        case {}:
            return "some mapping"
    return "not a mapping"
print(cfg({"type": "user", "name": "al", "age": 3}))
print(cfg({"type": "group", "members": [1, 2, 3]}))
print(cfg({"type": "other"}))
print(cfg([1]))
match 42:
    case int(x):
        print("int", x)
match {"a": 1}:
    case {"a": 1 | 2 as v}:
        print("v", v)
class NoArgs:
    pass
try:
    match NoArgs():
        case NoArgs(1):
            pass
except TypeError as e:
    print("TypeError", e)
match 3.0:
    case float(f):
        print("float", f)
