# _random.Random: the Mersenne Twister, seeding, state, getrandbits, errors.
import _random

R = _random.Random
print(R.__name__, R.__module__, R.__qualname__)
for seed in [0, 1, 42, -42, 2**32, 2**32 - 1, 2**64 + 5, 10**50, -10**50, True, False, 3.5, -2.25, 0.0, (1, 2), None.__class__, 12345678901234567890]:
    if seed is None.__class__:
        continue
    r = R(seed)
    print(repr(seed), [r.random() for _ in range(3)], r.getrandbits(32), r.getrandbits(1), r.getrandbits(70))
r = R(42)
print([r.getrandbits(k) for k in [0, 1, 5, 31, 32, 33, 63, 64, 65, 100, 128, 200]])
r.seed(7)
print(r.random())
r.seed(7)
print(r.random())
s = r.getstate()
print(type(s), len(s), s[-1], s[:4])
a = [r.random() for _ in range(700)]
r.setstate(s)
b = [r.random() for _ in range(700)]
print(a == b, a[-1])
print(sum(r.getrandbits(8) for _ in range(10000)))
r2 = R(123)
for _ in range(1000):
    r2.random()
print(r2.random(), r2.getstate()[-1])
st = list(R(5).getstate())
st[-1] = 624
r.setstate(tuple(st))
print(r.random())
st[-1] = 0
r.setstate(tuple(st))
print(r.random())

def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)

t(R, 1, 2)
t(R, x=1)
t(r.getrandbits, -1)
t(r.getrandbits, 'x')
t(r.getrandbits, 2**40)
t(r.getrandbits, 1.5)
t(r.getrandbits)
t(r.setstate, 5)
t(r.setstate, (1, 2))
t(r.setstate, (1,) * 624 + (625,))
t(r.setstate, (1,) * 624 + (-1,))
t(r.setstate, (-1,) * 624 + (624,))
t(r.setstate, ('a',) * 624 + (624,))
t(r.seed, [1])
t(r.seed, 1, 2)
t(r.random, 1)
t(R.random)
t(R.random, 5)
t(R.getrandbits, 'x', 3)

class S(R):
    def __init__(self, a, b=2):
        print('init', a, b)
        super().__init__(a)
s = S(3, b=4)
print(s.random(), isinstance(s, R))
s.extra = 1
print(s.extra)
class T(R):
    pass
t(T, x=1)
print(T(9).random() == R(9).random())
try:
    R().foo = 1
except AttributeError as e:
    print('AttributeError')
x = R()
print(0.0 <= x.random() < 1.0, 0 <= x.getrandbits(10) < 1024)
x.seed()
print(0.0 <= x.random() < 1.0)
# seeds by hash (str hashing is fixed by PYTHONHASHSEED=0 in the corpus)
for s in ['hello', b'abc', 'é', (1, 'a'), frozenset([1, 2]), 3+4j, 1.5, -0.0]:
    print(repr(s), R(s).random())
# a subclass that skips seeding starts from the all-zero state
class Z(R):
    def __init__(self):
        pass
z = Z()
print(z.random(), z.getstate()[-1])
t(R.__init__, 5)
t(R.__new__, 5)
t(R.__new__, int)
