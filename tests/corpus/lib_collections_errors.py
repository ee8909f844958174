# _collections argument checking: CPython's exception types and messages.
from _collections import deque, defaultdict
import _collections

cases = [
    'deque(maxlen="a")', 'deque(maxlen=-1)', 'deque([], 2, 3)', 'deque(x=1)', 'deque(maxlen=2 ** 70)',
    'deque(maxlen=1.5)', 'deque(1)', 'deque().append()', 'deque().append(1, 2)', 'deque().pop(1)',
    'deque().extend(1)', 'deque().extend()', 'deque().insert(1)', 'deque().insert("a", 1)',
    'deque().insert(1, 2, 3)', 'deque().rotate(1, 2)', 'deque().rotate("a")', 'deque([1]).rotate(2 ** 70)',
    'deque().index()', 'deque([1]).index(1, None)', 'deque([1]).index(1, 0, 2, 3)', 'deque([1]).index(1, "a")',
    'deque([1]).count()', 'deque([1]).remove()', 'deque([1])[2 ** 70]',
    'deque.append()', 'deque.append(5, 1)', 'deque.__len__(5)', 'deque.__copy__(5)', 'deque.pop(5)',
    'deque.__iter__(5)', 'deque().maxlen2', 'deque().x', 'deque().__dict__',
    'defaultdict(1)', 'defaultdict(list, {}, {})', 'defaultdict().__missing__()', 'defaultdict.__missing__(1, 2)',
    '_collections._count_elements({})', '_collections._count_elements(1, "a")',
    '_collections._tuplegetter(1)', 'len(iter(deque()))',
]
for c in cases:
    try:
        r = eval(c)
        print(c, '->', r)
    except Exception as e:
        print(c, '!!', type(e).__name__, e)
for action in (lambda: setattr(deque(), 'maxlen', 3), lambda: delattr(deque(), 'maxlen'),
               lambda: setattr(deque(), 'other', 1)):
    try:
        action()
    except AttributeError as e:
        print('AttributeError', e)
