# topic: isinstance/issubclass with user classes, __instancecheck__, __subclasscheck__, tuples
class Meta(type):
    def __instancecheck__(cls, obj):
        return hasattr(obj, "quack")
    def __subclasscheck__(cls, sub):
        return hasattr(sub, "quack")
class Duck(metaclass=Meta):
    pass
class Robot:
    def quack(self): pass
print(isinstance(Robot(), Duck), isinstance(1, Duck), issubclass(Robot, Duck), issubclass(int, Duck))
class A: pass
class B(A): pass
print(isinstance(B(), A), isinstance(A(), B), issubclass(B, (int, A)), isinstance(1, (str, (bytes, int))))
print(issubclass(bool, int), issubclass(int, object), isinstance(type, type), isinstance(object, type))
try:
    isinstance(1, 1)
except TypeError as e:
    print("TypeError", e)
try:
    issubclass(1, int)
except TypeError as e:
    print("TypeError", e)
print(isinstance(1, int | str), issubclass(bool, int | None), int | str)
print(type(None).__name__, isinstance(None, type(None)))
