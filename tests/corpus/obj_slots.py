# topic: __slots__: restricted attributes, no __dict__, inheritance, slot descriptors
class P:
    __slots__ = ("x", "y")
    def __init__(self, x):
        self.x = x
p = P(1)
print(p.x, hasattr(p, "__dict__"))
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError", e)
try:
    p.y
except AttributeError as e:
    print("AttributeError", e)
p.y = 2
del p.y
print(hasattr(p, "y"), type(P.x).__name__)
class Q(P):
    pass
q = Q(1)
q.z = 5
print(q.z, hasattr(q, "__dict__"))
class R(P):
    __slots__ = ("w",)
r = R(1)
r.w = 2
print(r.x, r.w, hasattr(r, "__dict__"))
class WithDict:
    __slots__ = ("a", "__dict__")
wd = WithDict()
wd.a = 1
wd.b = 2
print(wd.a, wd.__dict__)
try:
    class Conflict:
        __slots__ = ("v",)
        v = 1
except ValueError as e:
    print("ValueError", e)
class Single:
    __slots__ = "only"
s = Single()
s.only = 1
print(s.only, Single.__slots__)
