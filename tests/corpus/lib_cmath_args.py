# cmath: argument conversion, isclose and errors.
import cmath

def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)

class C:
    def __complex__(self): return 1+2j
class B:
    def __complex__(self): return 5
class F:
    def __float__(self): return 2.0
class I:
    def __index__(self): return 3
for x in [C(), B(), F(), I(), 10**400, 'x', None, [1], 2**60, -4, 4.0]:
    t(cmath.sqrt, x)
    t(cmath.phase, x)
t(cmath.sqrt)
t(cmath.sqrt, 1, 2)
t(cmath.sqrt, z=1)
t(cmath.log)
t(cmath.log, 1, 2, 3)
t(cmath.log, 1, 'x')
t(cmath.log, x=1)
t(cmath.rect)
t(cmath.rect, 1)
t(cmath.rect, 'a', 1)
t(cmath.rect, 1j, 1)
t(cmath.phase)
t(cmath.polar, 1, 2)
t(cmath.polar, complex(1e308, 1e308))
t(cmath.polar, complex(float('inf'), float('nan')))
t(cmath.isclose, 1)
t(cmath.isclose, 1, 2, 3)
t(cmath.isclose, 1j, 1j + 1e-10)
t(cmath.isclose, 1j, 1j + 1e-8)
t(cmath.isclose, 1j, 1.1j, rel_tol=0.2)
t(cmath.isclose, 0, 1e-12, abs_tol=1e-11)
t(cmath.isclose, 1, 2, rel_tol=-1)
t(cmath.isclose, complex('inf'), complex('inf'))
t(cmath.isclose, complex(float('inf'), 1), complex(float('inf'), 2))
t(cmath.isclose, float('nan'), float('nan'))
t(cmath.isclose, a=1, b=1)
t(cmath.isclose, 1, 1, foo=2)
t(cmath.exp, 1000)
t(cmath.exp, complex(710, 1))
t(cmath.exp, complex(709.9, 0.5))
t(cmath.cosh, complex(711, 0.1))
t(cmath.sinh, complex(-711, 0.1))
t(cmath.log10, 0)
t(cmath.atanh, 1)
t(cmath.atanh, -1)
t(cmath.atanh, complex(1, 1e-200))
t(cmath.tanh, complex(400, 1))
t(cmath.tan, complex(1, 400))
t(cmath.sqrt, complex(1e-320, 1e-320))
t(cmath.log, complex(1e-320, 1e-320))
t(cmath.log, complex(1e308, 1e308))
t(cmath.log, complex(0.8, 0.6))
t(cmath.acos, complex(1e300, 1e300))
t(cmath.asinh, complex(-1e300, -1e300))
t(cmath.acosh, complex(1e300, -1e300))
t(cmath.atanh, complex(1e300, 1e300))
print(sorted(n for n in dir(cmath) if not n.startswith('__')))
