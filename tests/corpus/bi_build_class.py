# topic: __build_class__ called directly and hooked through builtins
import builtins
def body():
    x = 1
    def method(self):
        return "method"
Made = builtins.__build_class__(body, "Made")
print(Made.__name__, Made.__qualname__, sorted(k for k in vars(Made) if not k.startswith("__")))
original = builtins.__build_class__
seen = []
def hook(func, name, *bases, **kw):
    seen.append(name)
    return original(func, name, *bases, **kw)
builtins.__build_class__ = hook
class Hooked:
    pass
class Another(Hooked):
    pass
builtins.__build_class__ = original
print(seen, Another.__bases__[0].__name__)
try:
    builtins.__build_class__(1, "x")
except TypeError as e:
    print("TypeError", e)
