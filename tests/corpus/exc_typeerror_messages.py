# topic: messages of common TypeErrors raised by the core language
five, none = 5, None
def f(a, b): pass
class C:
    def m(self): pass
cases = [
    lambda: 1 + "a",
    lambda: "a" + 1,
    lambda: [1] * "a",
    lambda: "a" * "b",
    lambda: len(5),
    lambda: hash([]),
    lambda: {[]: 1},
    lambda: five[0],
    lambda: (5).__getitem__,
    lambda: none[0],
    lambda: [x for x in 5],
    lambda: iter(None),
    lambda: five(),
    lambda: f(1),
    lambda: f(1, 2, 3),
    lambda: f(1, c=2),
    lambda: C().m(1),
    lambda: C.m(),
    lambda: int("1", base="x"),
    lambda: sorted(5),
    lambda: "abc"[1] .__setitem__,
    lambda: setattr("a", "b"),
    lambda: -"a",
    lambda: ~1.5,
    lambda: 1 < None,
    lambda: "a" > 1,
    lambda: [] < {},
    lambda: 1 @ 2,
    lambda: divmod("a", 1),
    lambda: {}.get(),
    lambda: [].append(),
    lambda: [].append(1, 2),
    lambda: dict(1, 2),
    lambda: "".join(5),
    lambda: "x".startswith(1),
    lambda: str.upper(5),
    lambda: int.__add__("a", 1),
    lambda: object.__init__(1, 2),
    lambda: type.__call__(5),
    lambda: isinstance(1, "int"),
    lambda: {1} | [2],
    lambda: (1, 2) + [3],
    lambda: abs(),
    lambda: max(1),
    lambda: print(sep=1),
    lambda: chr("a"),
    lambda: b"a"[0].foo,
]
for c in cases:
    try:
        r = c()
        print("no error:", type(r).__name__)
    except TypeError as e:
        print("TypeError:", e)
    except AttributeError as e:
        print("AttributeError:", e)
