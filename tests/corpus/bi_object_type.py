# topic: object() and type() builtins: attributes, type of type, one-arg type
o = object()
print(type(o).__name__, type(type).__name__, type(object).__name__, object.__bases__, type.__bases__)
try:
    o.x = 1
except AttributeError as e:
    print("AttributeError", e)
try:
    object(1)
except TypeError as e:
    print("TypeError", e)
print(type(1), type("a"), type(None), type([]), type(len), type(lambda: 0), type(type))
print(str(int), repr(object), type.__name__, type.__module__ if hasattr(type, "__module__") else "")
try:
    type()
except TypeError as e:
    print("TypeError", e)
try:
    type("A", 1, {})
except TypeError as e:
    print("TypeError", e)
print(o == o, o != object(), object.__eq__(o, o), object.__eq__(o, 1))
print(type.__subclasses__(type) == [] or True, [c.__name__ for c in bool.__subclasses__()])
class A: pass
class B(A): pass
class C(A): pass
print([c.__name__ for c in A.__subclasses__()])
print(object.__str__(5), object.__repr__(A).startswith("<class"), object.__ne__(1, 2))
