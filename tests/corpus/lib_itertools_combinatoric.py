# itertools.product, permutations, combinations, combinations_with_replacement.
from itertools import product, permutations, combinations, combinations_with_replacement as cwr

print(list(product('ab', range(2))))
print(list(product([0, 1], repeat=3)))
print(list(product('ab', 'cd', repeat=2))[:5], len(list(product('ab', 'cd', repeat=2))))
print(list(product()), list(product(repeat=3)), list(product('ab', [])), list(product([], repeat=0)))
print(list(product('a', repeat=0)))


def gen():
    print('  gen consumed')
    yield 1
    yield 2


p = product(gen(), 'x')
print('product made')
print(list(p))

print(list(permutations('ABC', 2)))
print(list(permutations(range(3))))
print(list(permutations([])), list(permutations([], 0)), list(permutations('ab', 0)))
print(list(permutations('ab', 3)), list(permutations('abc', None)))
print(len(list(permutations(range(6)))), len(list(permutations(range(7), 3))))
print(list(permutations([1, 1, 2], 2)))
print(list(permutations(iterable='xy', r=2)))

print(list(combinations('ABCD', 2)))
print(list(combinations(range(4), 3)))
print(list(combinations('ab', 3)), list(combinations('ab', 0)), list(combinations([], 0)))
print(len(list(combinations(range(12), 5))))
print(list(combinations(iterable='abc', r=2)))

print(list(cwr('ABC', 2)))
print(list(cwr([1, 2], 3)))
print(list(cwr('', 0)), list(cwr('', 2)), list(cwr('ab', 0)))
print(len(list(cwr(range(5), 4))))

for f in (permutations, combinations, cwr):
    it = f(gen(), 2)
    print(f.__name__, 'made')
    print(list(it))

# Results are fresh tuples.
res = list(combinations('abc', 2))
print(res[0] is res[1], type(res[0]))
print(sorted(set(permutations('aab'))))
