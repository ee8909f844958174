# topic: user descriptors: data vs non-data precedence, __get__/__set__/__delete__, owner
class NonData:
    def __get__(self, obj, owner):
        return ("nondata", obj is None, owner.__name__)
class Data:
    def __init__(self):
        self.store = {}
    def __get__(self, obj, owner):
        if obj is None:
            return "class access"
        return ("data", self.store.get(id(obj), "unset") != "unset")
    def __set__(self, obj, value):
        print("Data.__set__", value)
        self.store[id(obj)] = value
    def __delete__(self, obj):
        print("Data.__delete__")
        self.store.pop(id(obj), None)
class C:
    nd = NonData()
    d = Data()
c = C()
print(c.nd, C.nd)
c.__dict__["nd"] = "instance wins"
print(c.nd)
c.d = 5
c.__dict__["d"] = "ignored: data descriptor wins"
print(c.d, C.d)
del c.d
print(c.d)
class Typed:
    def __set_name__(self, owner, name):
        self.attr = "_" + name
    def __get__(self, obj, owner):
        return getattr(obj, self.attr)
    def __set__(self, obj, v):
        if not isinstance(v, int):
            raise TypeError(f"{self.attr[1:]} must be int, not {type(v).__name__}")
        setattr(obj, self.attr, v)
class P:
    x = Typed()
p = P()
p.x = 3
print(p.x, vars(p))
try:
    p.x = "a"
except TypeError as e:
    print("TypeError", e)
class GetOnly:
    def __get__(self, obj, owner):
        return 1
    def __set__(self, obj, v):
        raise AttributeError("read only")
class H:
    g = GetOnly()
try:
    H().g = 2
except AttributeError as e:
    print("AttributeError", e)
def plain(self):
    return "function is a descriptor"
class W:
    f = plain
print(W().f(), plain.__get__(W(), W)(), type(plain.__get__(None, W)).__name__)
