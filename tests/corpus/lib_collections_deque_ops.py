# _collections.deque: operators, comparisons, repr, mutation checks, subclasses.
from _collections import deque

a = deque([1, 2, 3])
b = deque([1, 2, 4])
print(a == b, a != b, a < b, a <= b, a > b, a >= b)
print(deque() == deque(), deque([1]) < deque([1, 2]), deque([2]) > deque([1, 2]), deque('ab') == deque('ab', 5))
print(a == [1, 2, 3], a != (1, 2, 3))
for op in ('<', '<=', '>', '>='):
    try:
        eval(f'a {op} [1]')
    except TypeError as e:
        print('TypeError', e)
print(a + b, a + deque(), deque([1], 2) + deque([2, 3, 4]))
print(a * 2, 2 * a, a * 0, a * -1, deque([1], 3) * 5, deque([1, 2], 3) * 2)
try:
    a + [4]
except TypeError as e:
    print('TypeError', e)
try:
    a * 'x'
except TypeError as e:
    print('TypeError', e)
try:
    [4] + a
except TypeError as e:
    print('TypeError', e)
c = a
c += [9, 8]
print(c, c is a)
c *= 2
print(c, c is a)
c *= 0
print(c)
try:
    hash(deque())
except TypeError as e:
    print('TypeError', e)

# repr
print(repr(deque()), repr(deque([1, 'a', None])), repr(deque(range(3), 7)))
r = deque([1])
r.append(r)
print(r)
r2 = deque()
r2.append([r2])
print(r2)
r3 = deque(maxlen=2)
r3.append(r3)
print(r3)

# mutation during iteration
d = deque([1, 2, 3])
try:
    for x in d:
        d.append(x)
except RuntimeError as e:
    print('RuntimeError', e)
print(d)
d = deque([1, 2, 3])
it = iter(d)
next(it)
d[0] = 'changed'
print(list(it))
it = iter(d)
d.pop()
try:
    next(it)
except RuntimeError as e:
    print('RuntimeError', e)
print(list(it))
d = deque([1, 2, 3])
rit = reversed(d)
print(next(rit), rit.__length_hint__())
d.rotate()
try:
    next(rit)
except RuntimeError as e:
    print('RuntimeError', e)
it = iter(deque('abc'))
print(it.__length_hint__(), next(it), it.__length_hint__(), list(it), it.__length_hint__())


class Mutator:
    def __init__(self, d):
        self.d = d

    def __eq__(self, other):
        self.d.append('boom')
        return False


d = deque()
d.extend([1, Mutator(d), 3])
for call in (lambda: d.count(3), lambda: 3 in d, lambda: d.index(3)):
    try:
        call()
    except RuntimeError as e:
        print('RuntimeError', e)
d = deque()
d.extend([Mutator(d), 3])
try:
    d.remove(3)
except IndexError as e:
    print('IndexError', e)

# iterating a deque while extending it from itself
d = deque([1, 2])
d.extend(d)
d.extendleft(d)
print(d)


# subclasses
class Stack(deque):
    def push(self, x):
        self.append(x)

    def __repr__(self):
        return 'Stack' + repr(list(self))


s = Stack([1, 2])
s.push(3)
print(s, len(s), s.pop(), s, isinstance(s, deque), type(s.copy()).__name__)
print(s + deque([7]), type(s + deque([7])).__name__, s * 2)


class Named(deque):
    def __init__(self, name, items=()):
        super().__init__(items, 4)
        self.name = name


n = Named('q', 'abcdef')
print(n, n.name, n.maxlen, n.__dict__)
try:
    n.copy()
except TypeError as e:
    print('TypeError', e)


class Plain(deque):
    pass


p = Plain('xy', 3)
print(p, p.copy(), type(p.copy()).__name__, p == deque('xy'), p.__reduce__()[:3])
print(deque([1], 3).__reduce__()[:3], deque().__reduce__()[:3], list(deque('ab').__reduce__()[3]))
print(deque[int], deque[int].__origin__ is deque)
d = deque()
d.__init__([1, 2], 5)
d.__init__('z')
print(d, d.maxlen)
