# itertools argument checking: CPython's exception types and messages.
import itertools as it

cases = [
    'it.count("a")', 'it.count(1, "a")', 'it.count(1, 2, 3)', 'it.count(foo=1)', 'it.count(1, start=2)',
    'it.count(object())', 'it.cycle()', 'it.cycle(1)', 'it.cycle([], x=1)', 'it.cycle([], [])',
    'it.repeat()', 'it.repeat(1, 2, 3)', 'it.repeat(1, "a")', 'it.repeat(1, 2 ** 70)', 'it.repeat(1, foo=2)',
    'it.repeat(1, times=None)',
    'it.accumulate()', 'it.accumulate([], None, None)', 'it.accumulate([], x=1)', 'list(it.accumulate([1, 2], 5))',
    'it.chain(x=1)', 'it.chain.from_iterable()', 'it.chain.from_iterable(1)', 'list(it.chain(1))',
    'it.compress()', 'it.compress([])', 'it.compress([], 1)',
    'it.dropwhile()', 'it.dropwhile(1)', 'it.dropwhile(1, 2, x=1)', 'it.takewhile(1, 2)', 'list(it.takewhile(1, [1]))',
    'it.filterfalse(None, 1)', 'it.starmap(1)', 'it.starmap(pow, 1)',
    'it.groupby()', 'it.groupby([], 1, 2)', 'it.groupby(5)',
    'it.islice()', 'it.islice([])', 'it.islice([], 1, 2, 3, 4)', 'it.islice([], x=1)', 'it.islice([], -1)',
    'it.islice([], -2)', 'it.islice([], "a")', 'it.islice([], "a", "b")', 'it.islice([], -1, 3)',
    'it.islice([], 1, 3, 0)', 'it.islice([], 1, 3, -1)', 'it.islice([], 1, 3, "x")', 'it.islice(1, 3)',
    'it.islice([], 2 ** 70)', 'it.islice([], None, 2 ** 70)', 'it.islice([], 1.0)',
    'it.pairwise()', 'it.pairwise(1)', 'it.pairwise([], x=1)', 'it.pairwise([], [])',
    'it.tee()', 'it.tee([], -1)', 'it.tee([], 1, 2)', 'it.tee([], n=2)', 'it.tee(5)', 'it.tee([], "a")',
    'it.zip_longest(x=1)', 'it.zip_longest(fillvalue=1, x=2)', 'it.zip_longest([], 1)',
    'it.product(x=1)', 'it.product(repeat=-1)', 'it.product(repeat=1, x=2)', 'it.product(repeat="a")',
    'it.product([1], repeat=2 ** 62)', 'it.product(1)',
    'it.permutations()', 'it.permutations([], -1)', 'it.permutations([], "a")', 'it.permutations([], 2.0)',
    'it.permutations(1)', 'it.permutations([], 2 ** 70)',
    'it.combinations([])', 'it.combinations([], -1)', 'it.combinations([], "a")', 'it.combinations(r=2)',
    'it.combinations_with_replacement([], -1)', 'it.combinations_with_replacement("ab")',
    'it.count()[0]', 'len(it.count())', 'it.count().x', 'it.count.__next__(5)', 'next(it.count)',
    'type("X", (it._grouper,), {})', 'type("X", (it._tee,), {})', 'it._grouper(1, 2)', 'it._tee()',
    'it.repeat(1) + 1',
]
for c in cases:
    try:
        r = eval(c)
        print(c, '->', r if not hasattr(r, '__next__') else type(r).__name__)
    except Exception as e:
        print(c, '!!', type(e).__name__, e)
print(sorted(n for n in dir(it) if not n.startswith('__')))
