# _collections helpers: _count_elements, _tuplegetter, the deque iterator types.
import _collections
from _collections import _count_elements, _tuplegetter, deque

d = {}
print(_count_elements(d, 'abracadabra'), d)
_count_elements(d, 'aab')
print(d)
d = {'a': 10}
_count_elements(d, iter('aaz'))
print(d)


class Logged(dict):
    def __setitem__(self, k, v):
        print('  set', k, v)
        super().__setitem__(k, v)


lg = Logged()
_count_elements(lg, 'xyx')
print(lg)


class Getter(dict):
    def get(self, k, default=None):
        print('  get', k)
        return super().get(k, default)


gt = Getter()
_count_elements(gt, 'ab')
print(gt)


class Mapping:
    def __init__(self):
        self.data = {}

    def get(self, k, default):
        return self.data.get(k, default)

    def __setitem__(self, k, v):
        self.data[k] = v


m = Mapping()
_count_elements(m, [1, 2, 1])
print(m.data)
for args in ((1, 'a'), ({}, 1), ({},), ({}, [[1]])):
    try:
        _count_elements(*args)
    except Exception as e:
        print(type(e).__name__, e)

# _tuplegetter
tg = _tuplegetter(1, 'second field')
print(tg, tg.__doc__, tg.__reduce__())


class Pair(tuple):
    first = _tuplegetter(0, 'first field')
    second = tg


p = Pair((10, 20))
print(p.first, p.second, Pair.first, Pair.second.__doc__)
for action in (lambda: setattr(p, 'first', 5), lambda: delattr(p, 'first')):
    try:
        action()
    except AttributeError as e:
        print('AttributeError', e)
try:
    Pair(()).first
except IndexError as e:
    print('IndexError', e)
try:
    tg.__get__(5, int)
except TypeError as e:
    print('TypeError', e)
print(tg.__get__(None, Pair) is tg, tg.__get__((1, 2, 3)), tg.__get__(p))
tg.__doc__ = 'changed'
print(tg.__doc__, tg)
for args in (('a', 'doc'), (1,), (1, 2, 3)):
    try:
        _tuplegetter(*args)
    except TypeError as e:
        print('TypeError', e)
try:
    type('X', (_tuplegetter,), {})
except TypeError as e:
    print('TypeError', e)

# iterator types
it = iter(deque('abc'))
rit = reversed(deque('abc'))
print(type(it).__name__, type(rit).__name__, type(it) is _collections._deque_iterator, type(rit) is _collections._deque_reverse_iterator)
print(list(_collections._deque_iterator(deque([1, 2, 3]), 1)), list(_collections._deque_reverse_iterator(deque([1, 2, 3]), 1)))
print(list(_collections._deque_iterator(deque([1, 2]), 5)), list(_collections._deque_iterator(deque([1, 2]))))
it = iter(deque([1, 2, 3]))
next(it)
r = it.__reduce__()
print(r[0] is _collections._deque_iterator, r[1][1], list(r[0](*r[1])))
try:
    _collections._deque_iterator(5)
except TypeError as e:
    print('TypeError', e)
# OrderedDict is left to collections' pure-Python version.
print(sorted(n for n in dir(_collections) if not n.startswith('__') and n != 'OrderedDict'))
