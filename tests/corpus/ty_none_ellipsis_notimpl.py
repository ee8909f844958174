# topic: None, Ellipsis, NotImplemented: types, singletons, truthiness, comparisons
print(None is None, type(None)() is None, repr(None), bool(None), None == 0, None != False)
try:
    None < 1
except TypeError as e:
    print("TypeError", e)
print(type(Ellipsis)() is Ellipsis, bool(...), repr(...))
try:
    None.x
except AttributeError as e:
    print("AttributeError", e)
try:
    nothing = None
    nothing()
except TypeError as e:
    print("TypeError", e)
try:
    len(None)
except TypeError as e:
    print("TypeError", e)
def f():
    pass
print(f(), f() is None)
