# topic: getattr, setattr, hasattr, delattr with defaults and errors
class C:
    cls_attr = "c"
o = C()
setattr(o, "x", 1)
print(getattr(o, "x"), getattr(o, "cls_attr"), getattr(o, "nope", None), hasattr(o, "x"), hasattr(o, "y"))
delattr(o, "x")
print(hasattr(o, "x"))
try:
    getattr(o, "x")
except AttributeError as e:
    print("AttributeError", e)
try:
    delattr(o, "x")
except AttributeError as e:
    print("AttributeError", e)
try:
    getattr(o, 5)
except TypeError as e:
    print("TypeError", e)
try:
    getattr(o)
except TypeError as e:
    print("TypeError", e)
setattr(o, "with space", 3)
print(getattr(o, "with space"), vars(o))
print(getattr(5, "real"), getattr("s", "upper")(), getattr([], "append").__name__)
class Boom:
    @property
    def p(self):
        raise ValueError("not an AttributeError")
try:
    hasattr(Boom(), "p")
except ValueError as e:
    print("hasattr propagates", e)
print(getattr(C, "cls_attr"), getattr(int, "__name__"))
try:
    getattr(None, "x")
except AttributeError as e:
    print("AttributeError", e)
try:
    getattr(int, "nothing")
except AttributeError as e:
    print("AttributeError", e)
