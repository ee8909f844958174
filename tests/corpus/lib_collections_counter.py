# collections.Counter (its counting helper is _collections._count_elements).
from collections import Counter

c = Counter('abracadabra')
print(c, c['a'], c['z'], len(c), sorted(c), c.total())
print(c.most_common(), c.most_common(2), c.most_common(0))
print(sorted(c.elements()))
c.update('aaz')
print(c)
c.update({'b': 5})
c.subtract('aa')
print(c)
c.subtract({'z': 3})
print(c, +c, -c)
d = Counter(a=3, b=1)
e = Counter(a=1, b=2)
print(d + e, d - e, d & e, d | e)
print(d == Counter(b=1, a=3), d <= d + e, d < e, Counter() == Counter(x=0))
print(Counter([1, 1, 2, 3, 3, 3]).most_common(1), Counter({'x': 2}), Counter(x=-1, y=0, z=2))
del d['a']
print(d, d.get('a'), 'a' in d)
print(Counter('hello world').most_common(3))
words = 'the cat and the hat and the bat'.split()
print(Counter(words), Counter(words)['the'])
cc = Counter(a=2)
cc['b'] += 1
cc['a'] -= 5
print(cc, dict(cc), repr(Counter()))
print(sum(Counter('aab').values()), list(Counter('cab').keys()))


class Logged(Counter):
    def __setitem__(self, k, v):
        print('  set', k, v)
        super().__setitem__(k, v)


print(Logged('xyx'))
print(Counter(iter('aabc')).copy(), type(Counter().copy()).__name__)
c = Counter(a=1)
c += Counter(a=2, b=-1)
print(c)
c -= Counter(a=10)
print(c)
print(Counter('abc') | Counter('bcd'), Counter.fromkeys if False else 'fromkeys disabled')
try:
    Counter.fromkeys('abc')
except NotImplementedError as e:
    print('NotImplementedError', e)
