# topic: __getattr__ fallback and __getattribute__ interception
class Fallback:
    a = 1
    def __getattr__(self, name):
        if name.startswith("dyn_"):
            return name[4:]
        raise AttributeError(f"no attribute {name!r}")
f = Fallback()
print(f.a, f.dyn_hello)
try:
    f.other
except AttributeError as e:
    print("AttributeError", e)
print(getattr(f, "missing", "default"), hasattr(f, "dyn_x"), hasattr(f, "nope"))
class Everything:
    def __init__(self):
        self.real = "real"
    def __getattribute__(self, name):
        if name == "secret":
            return "intercepted"
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        return "fallback " + name
e = Everything()
print(e.real, e.secret, e.nothing)
class Logging:
    def __init__(self):
        object.__setattr__(self, "log", [])
    def __getattribute__(self, name):
        object.__getattribute__(self, "log").append(name)
        return object.__getattribute__(self, name)
l = Logging()
l.log
l.__class__
print(object.__getattribute__(l, "log"))
class Raising:
    @property
    def prop(self):
        raise AttributeError("from property")
    def __getattr__(self, name):
        return "getattr rescued " + name
print(Raising().prop)
class NoGetattr:
    pass
try:
    NoGetattr().x
except AttributeError as e:
    print("AttributeError", e)
try:
    NoGetattr.y
except AttributeError as e:
    print("AttributeError", e)
