# math: gamma, lgamma, fsum, hypot, dist, prod, frexp, ldexp, modf, isclose, rounding.
import math

def t(f, *a, **k):
    try:
        print(f.__name__, repr(f(*a, **k)))
    except Exception as e:
        print(f.__name__, type(e).__name__, e)

inf = float('inf')
nan = float('nan')
xs = [1, 2, 3, 4.5, 10, 23, 24, 0.5, -0.5, -1.5, -2.5, 1e-10, -1e-10, 1e-25, -1e-25, 5.5, 6.0, 7.25,
      100.5, 140.0, 141.5, 171.0, 171.7, 172.0, 200.5, 201, -200.5, -201.5, -170.5, -0.0, 0.0, -1, -2, inf, -inf, nan,
      0.1, 0.9, 1.1, 1.9, 2.1, 2.9, 3.3, 12.34, 1e10, -1e10, 1e300, -150.25, 30.0]
for x in xs:
    t(math.gamma, x)
    t(math.lgamma, x)
# fsum
t(math.fsum, [])
t(math.fsum, [0.1] * 10)
t(math.fsum, [1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50])
t(math.fsum, [1e-16, 1, 1e16])
t(math.fsum, [1.0, 1e100, 1.0, -1e100])
t(math.fsum, [2.0**53, -0.5, -2.0**-54])
t(math.fsum, [inf, 1.0])
t(math.fsum, [inf, inf])
t(math.fsum, [-inf, -inf, 1e308])
t(math.fsum, [nan, 1.0])
t(math.fsum, [inf, nan])
t(math.fsum, [inf, -inf])
t(math.fsum, [1e308, 1e308])
t(math.fsum, [1e308, 1e308, -1e308])
t(math.fsum, iter([1, 2, 3]))
t(math.fsum, range(1000))
t(math.fsum, [x * 0.001 for x in range(1, 2000)])
t(math.fsum, [-0.0, -0.0])
t(math.fsum, [(-1) ** i / (i + 1) for i in range(10000)])
# hypot / dist
t(math.hypot)
t(math.hypot, 3)
t(math.hypot, -3)
t(math.hypot, 3, 4)
t(math.hypot, 1, 2, 3, 4, 5)
t(math.hypot, 1e308, 1e308)
t(math.hypot, 1e-320, 1e-320)
t(math.hypot, 5e-324, 5e-324, 5e-324)
t(math.hypot, inf, nan)
t(math.hypot, nan, 1)
t(math.hypot, -inf, 1)
t(math.hypot, *[0.1] * 100)
t(math.hypot, 0.0, -0.0)
t(math.hypot, 1.5, 2.25, 3.125)
t(math.dist, (0, 0), (3, 4))
t(math.dist, [1.5, 2.5, 3.5], (4, 5, 6))
t(math.dist, (), ())
t(math.dist, iter([1, 2]), [3, 4])
t(math.dist, (inf, 0), (1, 1))
t(math.dist, (1e308, -1e308), (-1e308, 1e308))
# prod
t(math.prod, [])
t(math.prod, range(1, 11))
t(math.prod, [1.5, 2, 3])
t(math.prod, [2] * 100)
t(math.prod, [], start=5)
t(math.prod, [2, 3], start=0.5)
t(math.prod, ['ab', 3])
t(math.prod, [3, 'ab'])
t(math.prod, [[1], 2], start=1)
t(math.prod, [1, 2], start='x')
# frexp / ldexp / modf
for x in [0.0, -0.0, 1.0, 8.0, -3.5, 0.1, 1e300, 5e-324, inf, -inf, nan, 7, 2**60]:
    t(math.frexp, x)
    t(math.modf, x)
for x, i in [(1.0, 10), (0.5, 1024), (0.5, 1025), (1.0, -1074), (1.0, -1075), (1.0, 2**70), (1.0, -2**70),
             (0.0, 2**70), (inf, -5), (nan, 3), (-1.5, 3), (3, 4), (1.0, True), (1e-300, -100), (-0.0, 5)]:
    t(math.ldexp, x, i)
# isclose
for a, b, kw in [(1.0, 1.0 + 1e-10, {}), (1.0, 1.0 + 1e-8, {}), (0.0, 1e-12, {}), (0.0, 1e-12, {'abs_tol': 1e-11}),
                 (inf, inf, {}), (inf, -inf, {}), (nan, nan, {}), (1e10, 1e10 + 1, {}), (1, 1.1, {'rel_tol': 0.1}),
                 (1, 1.2, {'rel_tol': 0.1}), (-inf, 1, {'abs_tol': inf})]:
    t(math.isclose, a, b, **kw)
# rounding through special methods
class R:
    def __floor__(self): return 'floor!'
    def __ceil__(self): return 'ceil!'
    def __trunc__(self): return 'trunc!'
    def __float__(self): return 2.5
class G:
    def __float__(self): return -2.5
class FS(float):
    def __floor__(self): return 'fs floor'
for f in [math.floor, math.ceil, math.trunc]:
    for x in [2.5, -2.5, 2.0, -0.0, 1e20, 7, -7, True, R(), G(), FS(1.5), 10**30, 2.9999999999999996]:
        t(f, x)
print(type(math.floor(2.5)), type(math.trunc(3.9)))
