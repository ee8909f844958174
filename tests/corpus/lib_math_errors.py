# math: argument errors and messages.
import math

def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)

class F:
    def __float__(self):
        return 2.5
class I:
    def __index__(self):
        return 7
class Bad:
    def __float__(self):
        return "x"
class BadI:
    def __index__(self):
        return 1.5
class Sub(float):
    pass

for f in [math.sqrt, math.exp, math.floor, math.ceil, math.trunc, math.log, math.log2, math.fabs, math.factorial, math.isqrt, math.frexp, math.modf, math.isnan, math.ulp]:
    t(f)
    t(f, 1, 2)
    t(f, x=1)
    t(f, 'x')
    t(f, None)
    t(f, F())
    t(f, I())
    t(f, Bad())
    t(f, Sub(2.25))
    t(f, [1])
for f in [math.atan2, math.copysign, math.fmod, math.remainder, math.pow, math.ldexp, math.nextafter, math.comb, math.dist]:
    t(f)
    t(f, 1)
    t(f, 1, 2, 3)
    t(f, x=1, y=2)
    t(f, 'a', 1)
t(math.log, 1, 2, 3)
t(math.log, x=1)
t(math.perm)
t(math.perm, 1, 2, 3)
t(math.perm, n=3)
t(math.gcd, 1.5)
t(math.gcd, 4, a=1)
t(math.lcm, 'x')
t(math.hypot, 'x')
t(math.hypot, x=1)
t(math.isclose)
t(math.isclose, 1)
t(math.isclose, 1, 2, 3)
t(math.isclose, 1, 2, tol=3)
t(math.isclose, 1, 2, rel_tol='x')
t(math.isclose, 1, 2, rel_tol=-1)
t(math.isclose, 1, 2, abs_tol=-1)
t(math.isclose, a=1, b=1.0000000001)
t(math.isclose, 1, b=2, a=3)
t(math.prod)
t(math.prod, [1], 2)
t(math.prod, [1], x=2)
t(math.prod, 5)
t(math.fsum, 5)
t(math.fsum, [1, 'a'])
t(math.fsum)
t(math.ldexp, 1.0, 2.0)
t(math.ldexp, 1.0, I())
t(math.dist, [1], [1, 2])
t(math.dist, 1, 2)
t(math.dist, [1, 'a'], [1, 2])
t(math.sqrt, 10**400)
t(math.exp, 10**400)
t(math.sqrt, F())
t(math.floor, 1e400)
t(math.floor, float('nan'))
t(math.trunc, float('inf'))
t(math.trunc, 'x')
t(math.trunc, Sub(-2.5))
