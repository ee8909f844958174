# random: many seeds and distributions, state round trips, subclasses, errors.
import random

for seed in [0, 1, -1, 2**100, 3.14, 'abc', b'xyz', bytearray(b'q'), None.__class__.__name__]:
    random.seed(seed)
    print(repr(seed), random.random(), random.randrange(10**30), random.getrandbits(65))
for version in [1, 2]:
    random.seed('hello', version=version)
    print(version, random.random())
r = random.Random(2024)
print([r.randint(-5, 5) for _ in range(20)])
print([r.randrange(3, 100, 3) for _ in range(10)])
print(r.sample(range(10**9), 5), r.sample(['a', 'b', 'c'], counts=[1, 2, 3], k=4))
print(r.choices(range(10), cum_weights=list(range(1, 11)), k=5))
seq = list('abcdefghij')
r.shuffle(seq)
print(seq)
print(r.randbytes(12), r.uniform(-1, 1), r.triangular(), r.triangular(1, 2))
print([round(r.gauss(), 12) for _ in range(4)], [round(r.normalvariate(), 12) for _ in range(3)])
print(r.expovariate(0.5), r.gammavariate(0.5, 2), r.gammavariate(1, 3), r.gammavariate(5, 1))
print(r.betavariate(0.5, 0.5), r.paretovariate(1.5), r.weibullvariate(2, 0.5), r.vonmisesvariate(0, 0))
print(r.lognormvariate(1, 0.5), r.vonmisesvariate(3, 4))
s = r.getstate()
x = [r.random() for _ in range(3)]
r.setstate(s)
print(x == [r.random() for _ in range(3)])
r2 = random.Random()
r2.setstate(s)
print(r2.random() == x[0])
try:
    r.setstate((1, 2, 3))
except Exception as e:
    print(type(e).__name__, e)
try:
    r.setstate((3, (1,) * 10, None))
except Exception as e:
    print(type(e).__name__, e)
class Lcg(random.Random):
    def __init__(self, seed):
        self.x = seed
        super().__init__(seed)
    def random(self):
        self.x = (self.x * 1103515245 + 12345) % 2**31
        return self.x / 2**31
    def getrandbits(self, k):
        return int(self.random() * 2**k)
g = Lcg(5)
print(g.random(), g.randrange(100), g.choice('abc'), g.sample(range(10), 3))
for bad in [lambda: r.randrange(5, 1), lambda: r.randrange(1, 10, 0),
            lambda: r.choices([], k=1), lambda: r.choices([1, 2], weights=[1], k=1), lambda: r.sample(range(5), -1),
            lambda: r.sample({1, 2}, 1), lambda: r.gammavariate(-1, 1), lambda: r.triangular(1, 1),
            lambda: r.randbytes(-1), lambda: r.uniform('a', 1)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
print(random.Random.__mro__)
print(isinstance(random._inst, random.Random), random.randint is not None)
