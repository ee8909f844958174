# itertools.groupby (the shared iterator behind each group) and tee.
from itertools import groupby, tee, islice

print([(k, list(g)) for k, g in groupby('AAAABBBCCDAABBB')])
print([k for k, g in groupby('AAAABBBCCD')])
print([(k, len(list(g))) for k, g in groupby([1, 1, 2, 3, 3, 3, 1])])
print([(k, list(g)) for k, g in groupby(range(10), key=lambda x: x // 3)])
print([(k, list(g)) for k, g in groupby(['apple', 'avocado', 'banana', 'blueberry', 'cherry'], lambda w: w[0])])
print(list(groupby([])))

# Advancing the groupby invalidates the previous group.
g = groupby('aaabbbcc')
k1, g1 = next(g)
k2, g2 = next(g)
print(k1, list(g1), k2, list(g2))
g = groupby('aaabbc')
k1, g1 = next(g)
print(next(g1))
k2, g2 = next(g)
print(list(g1), k2, list(g2))
groups = list(groupby('xxyz'))
print([(k, list(gr)) for k, gr in groups])

# A group partly consumed, then the groupby moves on.
g = groupby([1, 1, 1, 2, 2, 3])
k, grp = next(g)
print(k, next(grp))
print(next(g)[0])
print(list(grp))


def noisy(items):
    for x in items:
        print('  produce', x)
        yield x


g = groupby(noisy([1, 1, 2]))
print('groupby made')
k, grp = next(g)
print('first key', k)
print(list(grp))
print(next(g)[0])
print(list(g))

# Key function calls.
calls = []


def key(x):
    calls.append(x)
    return x % 2


print([(k, list(v)) for k, v in groupby([1, 3, 2, 4, 5], key)])
print(calls)
print(type(next(groupby('a'))[1]).__name__)
try:
    list(groupby([1, 2], 5))
except TypeError as e:
    print('TypeError', e)


class Weird:
    def __eq__(self, other):
        raise ValueError('no compare')


try:
    list(groupby([Weird(), Weird()]))
except ValueError as e:
    print('ValueError', e)

# tee
a, b = tee(range(5))
print(list(a), list(b))
a, b, c = tee('abc', 3)
print(next(a), next(a), list(b), list(a), list(c))
print(tee([1], 0), len(tee([1], 1)), type(tee([])[0]).__name__)
a, b = tee(noisy('xyz'))
print('tee made')
print(next(a), next(a))
print(next(b))
print(list(a), list(b))
a, b = tee(iter(range(3)))
c = a.__copy__()
print(next(a), list(c), list(a), list(b))
x, y = tee(a)
print(x is a, list(x), list(y))
a, b = tee(range(200))
print(sum(a), sum(islice(b, 100)), sum(b))
t1, t2 = tee([1, 2, 3])
t3, t4 = tee(t1)
print(next(t3), list(t4), list(t1), list(t2))


class Copyable:
    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n > 2:
            raise StopIteration
        return self.n

    def __copy__(self):
        print('  __copy__ called')
        c = Copyable()
        c.n = self.n
        return c


p, q = tee(Copyable())
print(type(p).__name__, list(p), list(q))
