# _collections.deque: construction, the end operations, maxlen, indexing.
from _collections import deque

d = deque()
print(d, len(d), bool(d), d.maxlen)
d = deque('abc')
print(d, len(d), bool(d), list(d))
print(deque(range(5)), deque([1, 2, 3], 2), deque('abcdef', maxlen=3), deque([], 0), deque(maxlen=None))
print(deque(iterable=[1], maxlen=5), deque([1, 2], maxlen=True))

d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, d.pop(), d.popleft(), d)
d.extend([5, 6])
d.extendleft('ab')
print(d)
d.extend(d)
print(d, len(d))
d.clear()
print(d, len(d))
d.clear()

# maxlen trimming from the opposite end
d = deque(maxlen=3)
for i in range(6):
    d.append(i)
    print(d)
d.appendleft('L')
print(d)
d.extendleft(['x', 'y'])
print(d)
d.extend(range(10))
print(d, d.maxlen)
z = deque('abc', 0)
z.append(1)
z.extend(range(3))
z.appendleft(2)
print(z)

# rotate
d = deque(range(6))
d.rotate()
print(d)
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
d.rotate(13)
print(d)
d.rotate(-14)
print(d)
e = deque()
e.rotate(5)
deque([1]).rotate(-3)

# indexing
d = deque('abcdef')
print(d[0], d[-1], d[2], d[-3])
d[0] = 'A'
d[-1] = 'F'
print(d)
del d[1]
del d[-2]
print(d)
for bad in (6, -7, 100):
    try:
        d[bad]
    except IndexError as e:
        print('IndexError', e)
try:
    d['x']
except TypeError as e:
    print('TypeError', e)
try:
    d[1:2]
except TypeError as e:
    print('TypeError', e)
try:
    d[10] = 1
except IndexError as e:
    print('IndexError', e)
try:
    del d[10]
except IndexError as e:
    print('IndexError', e)
print(d[True], d[False])

# search and edit
d = deque([1, 2, 3, 2, 1, 2])
print(d.count(2), d.count(9), 3 in d, 9 in d, d.index(2), d.index(2, 2), d.index(2, 2, 4), d.index(1, -2))
print(d.index(2, -100, 100))
for args in ((9,), (3, 3), (1, 1, 4), (2, 10)):
    try:
        d.index(*args)
    except ValueError as e:
        print('ValueError', e)
d.remove(2)
print(d)
try:
    d.remove('nope')
except ValueError as e:
    print('ValueError', e)
d.insert(0, 'a')
d.insert(2, 'b')
d.insert(-1, 'c')
d.insert(100, 'z')
d.insert(-100, 'y')
print(d)
d.reverse()
print(d)
m = deque([1, 2], maxlen=2)
try:
    m.insert(0, 3)
except IndexError as e:
    print('IndexError', e)
for name in ('pop', 'popleft'):
    try:
        getattr(deque(), name)()
    except IndexError as e:
        print('IndexError', e)

# copies
d = deque([1, [2]], 5)
c = d.copy()
print(c, c == d, c is d, c[1] is d[1], c.maxlen)
print(d.__copy__(), type(d.__copy__()))
print(list(reversed(deque('abc'))), list(iter(deque('abc'))))
print(deque.__name__, deque.__module__, repr(deque), type(deque()).__name__)
