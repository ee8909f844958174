# topic: __dict__, __module__, __qualname__, __name__, __doc__, __annotations__ of classes and functions
class Outer:
    """Outer doc."""
    x: int = 1
    class Inner:
        def method(self):
            "method doc"
            def local():
                pass
            return local
    def f(self): pass
print(Outer.__name__, Outer.__qualname__, Outer.__module__, Outer.__doc__)
print(Outer.Inner.__qualname__, Outer.Inner.method.__qualname__, Outer.Inner().method().__qualname__)
print(Outer.Inner.method.__doc__, Outer.f.__doc__, Outer.__annotations__)
print(sorted(k for k in Outer.__dict__ if not k.startswith("__")), type(Outer.__dict__).__name__)
print("__weakref__" in Outer.__dict__, "__dict__" in Outer.__dict__)
def func(a, b=1):
    "doc"
    return a
print(func.__name__, func.__qualname__, func.__module__, func.__doc__, func.__defaults__)
func.__name__ = "renamed"
func.attr = 3
print(func.__name__, func.__dict__, func.__code__.co_name)
o = Outer()
o.y = 2
print(o.__dict__, o.__class__.__name__, o.__module__)
o.__dict__ = {"z": 9}
print(o.z, vars(o))
try:
    o.__dict__ = 5
except TypeError as e:
    print("TypeError", e)
print(int.__name__, int.__qualname__, int.__module__, len.__module__, len.__name__, type(int.__dict__).__name__)
print(__name__, Outer.__init__.__qualname__ if hasattr(Outer.__init__, "__qualname__") else "")
try:
    Outer.__dict__["w"] = 1
except TypeError as e:
    print("TypeError", e)
lam = lambda: 0
print(lam.__name__, lam.__qualname__)
def outer():
    class Local:
        pass
    return Local
print(outer().__qualname__)
