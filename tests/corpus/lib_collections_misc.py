# collections.OrderedDict, ChainMap, UserDict/UserList, deque/defaultdict re-exports.
import collections
import collections.abc
from collections import OrderedDict, ChainMap, deque, defaultdict, UserDict, UserList, UserString

o = OrderedDict()
o['b'] = 1
o['a'] = 2
o['c'] = 3
print(o, list(o), list(o.items()))
o.move_to_end('b')
print(list(o))
o.move_to_end('c', last=False)
print(list(o))
print(o.popitem(), o.popitem(last=False), o)
o2 = OrderedDict.fromkeys('xyz', 0)
print(o2, o2 == OrderedDict.fromkeys('zyx', 0), dict(o2) == dict.fromkeys('zyx', 0))
print(OrderedDict(a=1) | {'b': 2}, list(reversed(OrderedDict.fromkeys('abc'))))

cm = ChainMap({'a': 1}, {'a': 2, 'b': 3})
print(cm['a'], cm['b'], len(cm), sorted(cm), cm.maps)
cm['c'] = 4
print(cm, cm.maps[0])
child = cm.new_child({'a': 0})
print(child['a'], child.parents['a'], dict(child))
try:
    del cm['b']
except KeyError as e:
    print('KeyError', e)

print(collections.deque is deque, deque.__module__, defaultdict.__module__)
print(isinstance(deque(), collections.abc.MutableSequence), issubclass(deque, collections.abc.Sequence))
print(isinstance(defaultdict(), collections.abc.MutableMapping), isinstance(OrderedDict(), dict))
d = deque('abc', maxlen=5)
d.extend('de')
print(d, d.maxlen, list(reversed(d)))
dd = defaultdict(lambda: deque(maxlen=2))
for k, v in [('x', 1), ('x', 2), ('x', 3), ('y', 4)]:
    dd[k].append(v)
print(sorted(dd.items()))

ud = UserDict(a=1)
ud['b'] = 2
print(ud, ud.data, len(ud), 'a' in ud)
ul = UserList([3, 1, 2])
ul.sort()
print(ul, ul[0], ul + [4], type(ul + [4]).__name__)
us = UserString('hello')
print(us.upper(), us[1:3], len(us), us + '!')
