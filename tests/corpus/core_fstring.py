# topic: f-strings: expressions, conversions, nested specs, debugging =
name = "pyx"
n = 42
pi = 3.14159265
print(f"{name} {n} {pi}")
print(f"{name!r} {name!s} {name!a} {'é'!a}")
print(f"{n:5d}|{n:<5}|{n:^6}|{n:>5}|{n:05}|{n:+d}|{-n: d}|{n:x}|{n:#X}|{n:o}|{n:#b}")
print(f"{pi:.2f}|{pi:10.3f}|{pi:<10.1f}|{pi:e}|{pi:.3g}|{pi:%}|{1234567.891:,.2f}|{1234567:_}")
width, prec = 12, 4
print(f"{pi:{width}.{prec}f}|{name:*^{width}}")
print(f"{n=}", f"{n + 1 = }", f"{name=!s}", f"{pi=:.1f}")
print(f"{{literal}} {{{n}}}")
print(f"{'nested ' + f'{n}'}")
print(f"{[x * 2 for x in range(3)]} {dict(a=1)['a']} {(lambda y: y + 1)(1)}")
print(f"{n if n > 40 else 0}")
print(f"a" f"b" "c" f"{1}")
d = {"k": "v"}
print(f"{d['k']}")
class P:
    def __format__(self, spec):
        return f"P<{spec}>"
    def __repr__(self):
        return "P()"
    def __str__(self):
        return "p-str"
print(f"{P()} {P():abc} {P()!r} {P()!s:>8}")
print(f"{3.0:g} {1e20:g} {0.0001:g} {1e-5:g} {123456789:g}")
print(f"{'left':<8}|{'right':>8}|{'c':^5}|")
print(f"{True} {None} {b'x'}")
multi = f"""line1
{n}
line3"""
print(multi)
