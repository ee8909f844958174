# math: integer functions (factorial, comb, perm, isqrt, gcd, lcm) and big ints.
import math

def t(f, *a):
    try:
        print(f.__name__, a if len(repr(a)) < 80 else '...', repr(f(*a)))
    except Exception as e:
        print(f.__name__, type(e).__name__, e)

for n in [0, 1, 2, 5, 10, 20, 21, 25, 50, 100, True, False, -1, 1.0, 2**63]:
    t(math.factorial, n)
print(math.factorial(1000) % (10**40 + 7), len(str(math.factorial(2000))))
for n, k in [(5, 2), (10, 5), (10, 0), (10, 10), (10, 11), (0, 0), (100, 50), (-1, 2), (3, -1), (10**20, 3),
             (10**20, 10**20 - 2), (52, 5), (True, True), (5.0, 2), (5, 2.0), (2**70, 2**70 + 1)]:
    t(math.comb, n, k)
    t(math.perm, n, k)
for n in [0, 1, 5, 10, -1, 20]:
    t(math.perm, n)
t(math.perm, 5, None)
print(math.comb(1000, 500) % 1000000007)
for n in [0, 1, 2, 3, 4, 15, 16, 17, 24, 25, 10**20, 10**40 + 1, 2**200, 2**201 - 1, -1, True, 2.0]:
    t(math.isqrt, n)
for args in [(), (0,), (-12,), (12, 18), (12, -18), (0, 0), (0, 5), (7, 13), (2**100, 2**60 * 3), (12, 18, 27), (6, 10, 15, 1), (-4,), (True, 6), (3.0, 6)]:
    t(math.gcd, *args)
    t(math.lcm, *args)
print(math.gcd(*range(12, 1000, 12)), math.lcm(*range(1, 30)))
# logarithms of big ints
for n in [10**20, 10**300, 10**400, 2**1023, 2**1024, 2**10000, 3**5000, 10**1000 + 1, 1, 0, -10**400]:
    for f in [math.log, math.log2, math.log10]:
        t(f, n)
t(math.log, 10**400, 10)
t(math.log, 8, 2)
t(math.log, 100, 10)
t(math.log, 10, 1)
t(math.log, 0.5, 2**2000)
t(math.log, 10, 0)
t(math.log, 10, -1)
t(math.log, 1, 1)
t(math.log, 2.0, 0.5)
t(math.log1p, 10**400)
t(math.sqrt, 10**300)
t(math.sqrt, 2**1024)
for x in [10**20, 2**53 + 1, -2**63]:
    t(math.floor, x)
    t(math.ceil, x)
    t(math.trunc, x)
    t(math.fabs, x)
