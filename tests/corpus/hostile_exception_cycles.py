# topic: hostile: cyclic __context__ chains and self-cause; printing must terminate (uncaught at the end)
a = ValueError("a")
b = TypeError("b")
a.__context__ = b
b.__context__ = a
print(a.__context__.__context__ is a)
e = KeyError("self")
e.__cause__ = e
print(e.__cause__ is e)
try:
    try:
        raise a
    except ValueError:
        raise b
except TypeError as caught:
    print("caught", type(caught).__name__, type(caught.__context__).__name__)
def thrower():
    x = RuntimeError("outer")
    y = RuntimeError("inner")
    x.__context__ = y
    y.__context__ = x
    raise x
thrower()
