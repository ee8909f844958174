# itertools iterators over finite inputs: results and when inputs are consumed.
import operator
from itertools import (accumulate, chain, compress, dropwhile, filterfalse,
                       islice, pairwise, starmap, takewhile, zip_longest)


class Tracer:
    """An iterator that reports each item it hands out."""

    def __init__(self, name, items):
        self.name = name
        self.items = list(items)
        self.i = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self.i >= len(self.items):
            print(f'  {self.name}: exhausted')
            raise StopIteration
        x = self.items[self.i]
        self.i += 1
        print(f'  {self.name} -> {x!r}')
        return x


# accumulate
print(list(accumulate([1, 2, 3, 4, 5])))
print(list(accumulate([1, 2, 3, 4], operator.mul)))
print(list(accumulate([3, 1, 4, 1, 5], max)))
print(list(accumulate([1, 2, 3], initial=100)))
print(list(accumulate([], initial=7)), list(accumulate([])))
print(list(accumulate(['a', 'b', 'c'])))
print(list(accumulate([1, 2, 3], func=lambda a, b: a - b)))
print(list(accumulate([1, 2], None, initial=None)))
acc = accumulate(Tracer('acc', [1, 2, 3]))
print('accumulate made')
print(next(acc), next(acc))
try:
    list(accumulate([1, 'x']))
except TypeError as e:
    print('TypeError', e)

# chain
print(list(chain('ab', [1, 2], (), range(2))))
print(list(chain()), list(chain([])))
print(list(chain.from_iterable(['ab', 'cd', ''])))
print(list(chain.from_iterable([[1], [2, 3]])))
ch = chain(Tracer('first', [1]), Tracer('second', [2]))
print('chain made')
print(list(ch))
print(list(ch))
ch2 = chain.from_iterable(Tracer('outer', ['xy', 'z']))
print('from_iterable made')
print(next(ch2), list(ch2))
bad = chain([1], 5, [2])
print(next(bad))
try:
    next(bad)
except TypeError as e:
    print('TypeError', e)
print(list(bad))
print(chain[int], chain[int, str].__origin__)

# compress
print(list(compress('ABCDEF', [1, 0, 1, 0, 1, 1])))
print(list(compress('ABC', [1, 1])), list(compress('AB', [0, 1, 1, 1])))
print(list(compress(range(10), (x % 3 == 0 for x in range(10)))))
print(list(compress(data=[1, 2, 3], selectors=[True, False, True])))
print(list(compress(Tracer('data', 'abc'), Tracer('sel', [0, 1]))))

# dropwhile / takewhile
print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(dropwhile(lambda x: True, [1, 2])), list(takewhile(lambda x: True, [1, 2])))
tw = takewhile(lambda x: x < 3, Tracer('tw', [1, 2, 3, 4]))
print(list(tw))
print(list(tw))
dw = dropwhile(lambda x: x < 3, Tracer('dw', [1, 2, 3, 1]))
print(list(dw))

# filterfalse
print(list(filterfalse(lambda x: x % 2, range(10))))
print(list(filterfalse(None, [0, 1, '', 'a', None, [], [0]])))
print(list(filterfalse(bool, [0, 1, 2, 0])))

# starmap
print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])))
print(list(starmap(max, [[1, 5], 'ab', range(3)])))
print(list(starmap(lambda *a: a, [(), (1,), (1, 2)])))
try:
    list(starmap(pow, [1]))
except TypeError as e:
    print('TypeError', e)

# pairwise
print(list(pairwise('ABCDE')), list(pairwise('A')), list(pairwise([])))
pw = pairwise(Tracer('pw', [1, 2, 3]))
print('pairwise made')
print(next(pw))
print(list(pw))
print(list(pw))

# zip_longest
print(list(zip_longest('ABCD', 'xy', fillvalue='-')))
print(list(zip_longest('AB', 'xyz', [1])))
print(list(zip_longest()), list(zip_longest('ab')))
print(list(zip_longest([], [], fillvalue=0)))
zl = zip_longest(Tracer('left', [1, 2]), Tracer('right', [3]), fillvalue=0)
print(list(zl))
print(list(zl))

# islice
s = 'ABCDEFG'
print(list(islice(s, 2)), list(islice(s, 2, 4)), list(islice(s, 2, None)))
print(list(islice(s, 0, None, 2)), list(islice(s, 1, 6, 3)), list(islice(s, None)))
print(list(islice(s, None, None, None)), list(islice(s, 10)), list(islice(s, 5, 2)))
print(list(islice(range(100), 95, 200, 2)), list(islice(s, 0)))
it = iter(range(10))
print(list(islice(it, 3)), next(it))
it = iter(range(10))
print(list(islice(it, 2, 5)), next(it))
it = iter(range(10))
print(list(islice(it, 1, 8, 3)), next(it))
isl = islice(Tracer('isl', 'abcdef'), 1, 4, 2)
print('islice made')
print(list(isl))
isl = islice(Tracer('zero', 'ab'), 0)
print(list(isl))
print(list(islice(range(10), True, 5, True)))
