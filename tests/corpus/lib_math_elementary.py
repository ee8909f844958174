# math: elementary functions at ordinary and special points, with errors.
import math

def show(name, *args):
    f = getattr(math, name)
    try:
        r = f(*args)
        print(name, args, repr(r))
    except Exception as e:
        print(name, args, type(e).__name__, e)

inf = float('inf')
nan = float('nan')
points = [0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0, 0.1, 3.7, -3.7, 10.0, 100.0, 710.0, -745.5, 1e-300, 1e300, inf, -inf, nan, 7, -2, True, 10**20]
for name in ['sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh',
             'asinh', 'acosh', 'atanh', 'exp', 'exp2', 'expm1', 'log', 'log2', 'log10',
             'log1p', 'sqrt', 'cbrt', 'fabs', 'erf', 'erfc', 'degrees', 'radians',
             'isfinite', 'isinf', 'isnan']:
    for x in points:
        show(name, x)

print(math.pi, math.e, math.tau, math.inf, math.nan, -math.inf)
print(type(math.pi), math.isnan(math.nan))

# two-argument functions
pairs = [(1.0, 2.0), (-1.0, 2.0), (0.0, -0.0), (-0.0, 0.0), (-0.0, -0.0), (inf, 1.0), (1.0, inf),
         (inf, inf), (-inf, inf), (inf, -inf), (nan, 1.0), (1.0, nan), (0.0, 0.0), (5.5, 2.0),
         (-5.5, 2.0), (5.0, -3.0), (2.0, 0.5), (3, 4), (1e308, 10.0), (-8.0, 1/3), (0.0, -1.0),
         (-0.0, -3.0), (10, 3), (-10, 3), (2.5, 0.5), (3.5, 1.0), (4.5, 1.0)]
for name in ['atan2', 'copysign', 'fmod', 'remainder', 'pow', 'nextafter']:
    for x, y in pairs:
        show(name, x, y)

for x in [0.0, -0.0, 1.0, 1e-320, 5e-324, 1.7976931348623157e308, inf, -inf, nan, -3.5, 2**52, 0.1]:
    show('ulp', x)
