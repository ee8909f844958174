# topic: property: getter/setter/deleter, decorators chain, read-only errors, docs
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def celsius(self):
        "Temperature in C."
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("too cold")
        self._c = v
    @celsius.deleter
    def celsius(self):
        print("deleting")
        self._c = None
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
t = Temp()
t.celsius = 100
print(t.celsius, t.fahrenheit, Temp.celsius.__doc__)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError", e)
try:
    t.fahrenheit = 5
except AttributeError as e:
    print("AttributeError", e)
try:
    del t.fahrenheit
except AttributeError as e:
    print("AttributeError", e)
del t.celsius
print(t.celsius)
p = property(lambda self: 7)
class Q:
    x = p
print(Q().x, type(Q.x).__name__, p.fget is not None, p.fset, p.fdel)
class R:
    x = property()
try:
    R().x
except AttributeError as e:
    print("AttributeError", e)
