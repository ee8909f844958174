# topic: obj.__dict__ and vars(obj) are the live attribute namespace
class P:
    def __init__(self, **kw):
        self.__dict__.update(kw)
p = P(x=1, y=2)
print(p.x, p.y, sorted(vars(p)))
vars(p)["z"] = 3
print(p.z, "z" in p.__dict__)
del p.__dict__["x"]
print(hasattr(p, "x"), p.__dict__)
p.w = 4
d = p.__dict__
print(d is p.__dict__, d is vars(p), list(d))
class Slotted:
    __slots__ = ("a",)
s = Slotted()
s.a = 1
print(hasattr(s, "__dict__"), s.a)
try:
    s.b = 2
except AttributeError as e:
    print("AttributeError", e)
print(type(p.__dict__).__name__, type(vars(p)).__name__)
