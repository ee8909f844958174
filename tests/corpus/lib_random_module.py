# random (the stdlib module over _random.Random): same sequences as CPython.
import random

random.seed(42)
print(random.random(), random.random())
print([random.randint(1, 100) for _ in range(10)])
print([random.randrange(0, 1000, 7) for _ in range(5)], random.randrange(10))
print(random.choice('abcdefgh'), random.choice([1, 2, 3]), random.choice(range(1000)))
l = list(range(20))
random.shuffle(l)
print(l)
print(random.sample(range(100), 10), random.sample('abcdef', 3))
print(random.choices('abc', k=10), random.choices(range(5), weights=[1, 2, 3, 4, 5], k=6))
print(random.uniform(1, 2), random.triangular(0, 10, 3), random.gauss(0, 1), random.gauss(5, 2))
print(random.normalvariate(0, 1), random.lognormvariate(0, 1), random.expovariate(2))
print(random.betavariate(2, 3), random.gammavariate(2, 1), random.paretovariate(3), random.weibullvariate(1, 2))
print(random.vonmisesvariate(1, 2), random.getrandbits(100), random.randbytes(8))
random.seed('a string seed')
print(random.random())
random.seed(b'bytes seed')
print(random.random())
random.seed(12345, version=1)
print(random.random())
st = random.getstate()
a = [random.random() for _ in range(5)]
random.setstate(st)
print(a == [random.random() for _ in range(5)], len(st), st[0], len(st[1]), st[2])
r = random.Random(7)
print(r.random(), r.randint(0, 10), r.choice('xyz'))
r2 = random.Random()
r2.seed(7)
print(r2.random() == random.Random(7).random())
class MyRandom(random.Random):
    def random(self):
        return 0.5
m = MyRandom(1)
print(m.random(), m.choice([10, 20, 30]), m.randint(1, 3))
for bad in [lambda: random.randint(5, 1), lambda: random.choice([]), lambda: random.sample([1, 2], 3),
            lambda: random.randrange(0), lambda: random.seed([1, 2]), lambda: random.getrandbits(-1)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
sr = random.SystemRandom()
x = sr.random()
print(0 <= x < 1, type(sr.randint(1, 6)).__name__)
