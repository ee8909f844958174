# _collections.defaultdict: the default factory, __missing__, copies, repr.
from _collections import defaultdict

d = defaultdict(list)
d['a'].append(1)
d['b'].append(2)
d['a'].append(3)
print(d, dict(d), len(d), d['new'], d)
print('x' in d, d.get('x'), d.get('x', 0), len(d))

counts = defaultdict(int)
for ch in 'mississippi':
    counts[ch] += 1
print(sorted(counts.items()), counts.default_factory)

d = defaultdict()
print(d, d.default_factory)
try:
    d['missing']
except KeyError as e:
    print('KeyError', e)
d = defaultdict(None, {'a': 1}, b=2)
print(d)
d = defaultdict(lambda: 'default', [(1, 'one')])
print(d[1], d[2], sorted(d.items()))
d.default_factory = set
print(d[3], d.default_factory)
d.default_factory = None
try:
    d[4]
except KeyError as e:
    print('KeyError', e)

print(defaultdict(list).__missing__('k'))
dd = defaultdict(list)
print(dd.__missing__('k'), dd)
try:
    defaultdict().__missing__((1, 2))
except KeyError as e:
    print('KeyError', e)

for args in ((1,), ('x',), (list, {}, {})):
    try:
        defaultdict(*args)
    except TypeError as e:
        print('TypeError', e)

# copies and operators
d = defaultdict(list, a=[1])
c = d.copy()
print(c, type(c).__name__, c == d, c is d, c['a'] is d['a'], c.default_factory)
print(d.__copy__(), type(d.__copy__()).__name__)
u = d | {'b': [2]}
print(u, type(u).__name__)
u = {'z': 0} | d
print(u, type(u).__name__)
d |= {'c': [3]}
print(d, type(d).__name__)
try:
    d | 5
except TypeError as e:
    print('TypeError', e)
r = defaultdict(int, x=1).__reduce__()
print(r[0], r[1], r[2], r[3], list(r[4]))
print(defaultdict().__reduce__()[1])
print(defaultdict(int) == {}, defaultdict(int, a=1) == {'a': 1}, {} == defaultdict(list))
try:
    hash(defaultdict())
except TypeError as e:
    print('TypeError', e)

# repr
print(repr(defaultdict(list)), repr(defaultdict(int, {1: 2})), repr(defaultdict(None)))
rec = defaultdict(list)
rec['self'] = rec
print(rec)


class Factory:
    def __init__(self):
        self.d = None

    def __call__(self):
        return 0

    def __repr__(self):
        return 'Factory(' + repr(self.d) + ')'


f = Factory()
fd = defaultdict(f)
f.d = fd
print(fd)


# subclasses
class Tree(defaultdict):
    def __init__(self):
        super().__init__(Tree)

    def __repr__(self):
        return 'Tree' + repr(dict(self))


t = Tree()
t['a']['b']['c'] = 1
print(t, isinstance(t, dict), isinstance(t, defaultdict))


class Counted(defaultdict):
    pass


cd = Counted(int)
cd['a'] += 2
cd.tag = 'x'
print(cd, cd.tag, type(cd.copy()).__name__, cd.copy())
print(defaultdict[str, int], defaultdict.__module__, defaultdict.__name__, issubclass(defaultdict, dict))
print(sorted(defaultdict(int, b=1, a=2)), list(reversed(defaultdict(int, b=1, a=2))))
