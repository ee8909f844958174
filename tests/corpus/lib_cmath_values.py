# cmath: every function on ordinary, large, tiny and special values.
import cmath

inf = float('inf')
nan = float('nan')
parts = [0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0, -3.0, 1e-310, 1e300, -1e300, 1e308, inf, -inf, nan]
values = [complex(a, b) for a in parts for b in parts]
values += [1, -1, 0, 2.5, 1+1j, 1j, -1j, 3-4j, 10**10, True]

def show(name, z):
    f = getattr(cmath, name)
    try:
        r = f(z)
        print(name, z, repr(r))
    except Exception as e:
        print(name, z, type(e).__name__, e)

for name in ['sqrt', 'exp', 'log', 'log10', 'sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh',
             'asin', 'acos', 'atan', 'asinh', 'acosh', 'atanh', 'phase', 'polar', 'isfinite', 'isinf', 'isnan']:
    for z in values:
        show(name, z)

for r in parts:
    for phi in parts:
        try:
            print('rect', r, phi, repr(cmath.rect(r, phi)))
        except Exception as e:
            print('rect', r, phi, type(e).__name__, e)
for x, b in [(8, 2), (100, 10), (1j, 2), (-1, 1j), (0, 2), (2, 0), (1, 1), (2, 1), (1+2j, 3-1j), (inf, 2), (nan, 2), (10, -1)]:
    try:
        print('log', x, b, repr(cmath.log(x, b)))
    except Exception as e:
        print('log', x, b, type(e).__name__, e)
print(cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.infj, cmath.nan, cmath.nanj)
