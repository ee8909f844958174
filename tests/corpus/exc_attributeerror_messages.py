# topic: AttributeError messages and .name/.obj attributes
class C:
    __slots__ = ("a",)
class D:
    pass
cases = [
    lambda: (1).foo,
    lambda: "s".foo,
    lambda: [].foo,
    lambda: None.foo,
    lambda: C().a,
    lambda: C().b,
    lambda: D().x,
    lambda: D.x,
    lambda: int.foo,
    lambda: setattr(C(), "b", 1),
    lambda: delattr(D(), "x"),
    lambda: setattr(1, "x", 1),
    lambda: (lambda: 0).nope,
    lambda: object().__dict__,
    lambda: type.__dict__["__name__"].__set__(int, "x"),
]
for c in cases:
    try:
        c()
        print("no error")
    except (AttributeError, TypeError) as e:
        print(type(e).__name__ + ":", e)
try:
    D().missing_attr
except AttributeError as e:
    print(e.name, type(e.obj).__name__)
e = AttributeError("custom", name="n", obj=5)
print(e, e.name, e.obj)
