# topic: __new__ vs __init__, returning other types from __new__, singletons, immutable subclasses
class Single:
    _inst = None
    def __new__(cls, *a):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst
    def __init__(self, v):
        self.v = v
a = Single(1)
b = Single(2)
print(a is b, a.v)
class Other:
    def __new__(cls):
        return 42
    def __init__(self):
        print("never")
print(Other())
class Upper(str):
    def __new__(cls, s):
        return super().__new__(cls, s.upper())
u = Upper("hi")
print(u, type(u).__name__, isinstance(u, str), u + "!", len(u))
class Pos(int):
    def __new__(cls, v):
        return super().__new__(cls, abs(v))
print(Pos(-5), Pos(-5) + 1, type(Pos(3) + 1).__name__)
class Pt(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))
    @property
    def x(self): return self[0]
p = Pt(1, 2)
print(p, p.x, len(p))
try:
    object.__new__(int)
except TypeError as e:
    print("TypeError", e)
class InitArgs:
    pass
try:
    InitArgs(1)
except TypeError as e:
    print("TypeError", e)
class InitRet:
    def __init__(self):
        return 5
try:
    InitRet()
except TypeError as e:
    print("TypeError", e)
