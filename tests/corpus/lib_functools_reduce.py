# _functools.reduce and cmp_to_key.
import operator
from _functools import reduce, cmp_to_key

print(reduce(operator.add, [1, 2, 3, 4]))
print(reduce(operator.add, [1, 2, 3, 4], 10))
print(reduce(operator.add, [], 'start'), reduce(operator.add, ['only']))
print(reduce(lambda acc, x: acc + [x * 2], range(4), []))
print(reduce(max, [3, 9, 2]), reduce(operator.mul, range(1, 11)))
print(reduce(operator.add, 'abc'), reduce(operator.add, iter([[1], [2]])))
print(reduce(lambda a, b: a, [None, 1]))

calls = []


def f(a, b):
    calls.append((a, b))
    return a + b


reduce(f, [1, 2, 3], 0)
print(calls)
cases = ['reduce()', 'reduce(f)', 'reduce(f, 1)', 'reduce(f, [])', 'reduce(f, [], 1, 2)',
         'reduce(f, [], initial=1)', 'reduce(function=f, iterable=[])', 'reduce(f, [1, "a"])',
         'reduce(1, [1, 2])']
for c in cases:
    try:
        print(c, '->', eval(c))
    except Exception as e:
        print(c, '!!', type(e).__name__, e)


def gen():
    yield 1
    raise ValueError('from the iterable')


try:
    reduce(f, gen())
except ValueError as e:
    print('ValueError', e)

# cmp_to_key
def numeric(a, b):
    return a - b


def by_len_then_alpha(a, b):
    if len(a) != len(b):
        return len(a) - len(b)
    return (a > b) - (a < b)


print(sorted([3, 1, 2], key=cmp_to_key(numeric)))
print(sorted([3, 1, 2], key=cmp_to_key(numeric), reverse=True))
print(sorted(['bb', 'a', 'ccc', 'ab'], key=cmp_to_key(by_len_then_alpha)))
print(max([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)), min('xyz', key=cmp_to_key(by_len_then_alpha)))
K = cmp_to_key(numeric)
print(type(K).__name__, type(K(1)).__name__, type(K) is type(K(1)))
k1, k2 = K(1), K(2)
print(k1 < k2, k1 <= k2, k1 == k2, k1 != k2, k1 > k2, k1 >= k2, k1.obj, k2.obj)
k1.obj = 5
print(k1 > k2, k1.obj)
print(cmp_to_key(mycmp=numeric)(3).obj)
print(cmp_to_key(lambda a, b: 'result')(1) < cmp_to_key(lambda a, b: 0)(2) if False else 'skip')
cases = ['cmp_to_key()', 'K()', 'K(1, 2)', 'K(obj=3).obj', 'K(1) < 2', 'K(1) == 1', 'K < K',
         'hash(K(1))', 'K(1) < cmp_to_key(lambda a, b: 1 / 0)(2)', 'K(1) < cmp_to_key(lambda a, b: "s")(2)']
for c in cases:
    try:
        print(c, '->', eval(c))
    except Exception as e:
        print(c, '!!', type(e).__name__, e)
