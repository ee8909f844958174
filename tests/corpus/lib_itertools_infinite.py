# itertools.count, cycle, repeat: values, reprs, laziness, subclasses.
import itertools
from itertools import count, cycle, repeat, islice


def take(n, it):
    return list(islice(it, n))


# count
print(take(5, count()))
print(take(4, count(10)))
print(take(4, count(10, 3)))
print(take(4, count(-2, -2)))
print(take(3, count(0.5, 0.25)))
print(take(3, count(1, 0.1)))
print(take(3, count(2 ** 64, 2 ** 63)))
print(take(3, count(1j, 1)))
print(take(3, count(start=3, step=2)))
print(take(3, count(step=5)))
c = count(5)
print(c, next(c), next(c), c)
print(repr(count()), repr(count(1, 2)), repr(count(1.5)), repr(count(1, 1.0)))
print(count(True), next(count(True)), count(True, 2), next(count(True, 2)))
print(count(False, True))
print(count(2 ** 70), count(0, 2 ** 70), count(-1, -1))
big = count(9223372036854775805)
print(take(4, big), big)
print(count(3).__reduce__(), count(3, 2).__reduce__()[1], count(1.5).__reduce__()[1])
z = count(7, 0)
print(take(3, z), z)

# cycle
print(take(8, cycle('abc')))
print(take(5, cycle([1])))
print(list(cycle([])))
print(list(cycle('')))


def gen():
    print('  gen starts')
    yield 1
    print('  gen yields 2')
    yield 2
    print('  gen ends')


cy = cycle(gen())
print('cycle created')
print(next(cy))
print(next(cy))
print(next(cy))
print(next(cy), next(cy))

# repeat
print(list(repeat('x', 3)), list(repeat(None, 0)), list(repeat(1, -5)))
print(take(4, repeat(7)))
r = repeat('a', 3)
print(r, r.__length_hint__(), next(r), r, r.__length_hint__())
print(list(r), r, r.__length_hint__())
print(repeat('a'), repeat([1, 2], 2), repeat(object=5, times=2), repeat(3, times=-1))
try:
    repeat(1).__length_hint__()
except TypeError as e:
    print('TypeError', e)
print(repeat('a', 2).__reduce__(), repeat('a').__reduce__())
print(list(map(pow, range(5), repeat(2))))
print(list(zip(range(3), repeat('z'))))
lst = [1]
rep = repeat(lst, 2)
a, b = rep
print(a is lst, b is lst)


# subclasses
class MyCount(count):
    pass


class MyRepeat(repeat):
    def __next__(self):
        return super().__next__() * 2


mc = MyCount(3, 2)
print(mc, take(2, mc), mc, type(mc).__name__, isinstance(mc, count))
mr = MyRepeat(21, 2)
print(mr, list(mr))
mc.label = 'x'
print(mc.label)
try:
    count().label = 1
except AttributeError as e:
    print('AttributeError', e)
print(count.__name__, count.__module__, count.__qualname__, repr(count), type(count()))
print(iter(c) is c, hasattr(c, '__next__'))
