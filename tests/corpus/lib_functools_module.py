# functools: partial, reduce, cmp_to_key from _functools, and the Python parts.
import functools
from functools import (partial, partialmethod, reduce, cmp_to_key, lru_cache, wraps,
                       total_ordering, cached_property, update_wrapper)

print(partial is functools.partial, partial.__module__, reduce(lambda a, b: a + b, range(5)))
print(sorted(['b', 'A', 'c'], key=cmp_to_key(lambda a, b: (a.lower() > b.lower()) - (a.lower() < b.lower()))))
p = partial(int, base=16)
print(p('ff'), p.func, p.args, p.keywords, repr(p))


@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(40), fib.cache_info())
fib.cache_clear()
print(fib.cache_info())


@lru_cache(maxsize=2)
def sq(x):
    print('  computing', x)
    return x * x


print(sq(2), sq(3), sq(2), sq(4), sq(3), sq.cache_info())


def deco(f):
    @wraps(f)
    def inner(*a, **k):
        return f(*a, **k)
    return inner


@deco
def documented(x):
    """Doc string."""
    return x


print(documented.__name__, documented.__doc__, documented.__wrapped__.__name__, documented(3))


@total_ordering
class Version:
    def __init__(self, n):
        self.n = n

    def __eq__(self, o):
        return self.n == o.n

    def __lt__(self, o):
        return self.n < o.n


print(Version(1) < Version(2), Version(2) <= Version(2), Version(3) > Version(2), Version(1) >= Version(2))


class Circle:
    def __init__(self, r):
        self.r = r

    @cached_property
    def area(self):
        print('  computing area')
        return 3 * self.r ** 2


c = Circle(2)
print(c.area, c.area, 'area' in c.__dict__)


class Cell:
    def __init__(self):
        self.v = None

    def set(self, v):
        self.v = v

    set_one = partialmethod(set, 1)


cell = Cell()
cell.set_one()
print(cell.v)


def base():
    pass


def wrapper():
    pass


update_wrapper(wrapper, base)
print(wrapper.__name__, wrapper.__wrapped__ is base)
print(reduce(lambda acc, f: f(acc), [str.upper, str.strip], '  hi  '))
