# Built-in iterators: __reduce__, __setstate__, __length_hint__, pickling,
# and exhausted iterators letting go of their sequence.
import copy
import operator
import pickle


def roundtrip(it):
    r = it.__reduce__()
    head = r[1] if not isinstance(r[1][0], list) or len(r[1][0]) < 5 else "..."
    print(type(it).__name__, getattr(r[0], "__name__", r[0]), head, r[2:])
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        d = pickle.loads(pickle.dumps(it, proto))
        assert type(d) is type(it), (type(d), type(it))
    return list(pickle.loads(pickle.dumps(it)))


for it in [iter([1, 2, 3]), iter((1, 2)), iter("abc"), iter("é1"),
           iter(range(0, 10, 3)), iter(range(2**65, 2**65 + 3)),
           reversed([1, 2, 3]), iter({1: 2, 3: 4}), iter({1: 2}.values()),
           iter({1: 2}.items()), iter({5, 6}), enumerate("ab", 3),
           zip("ab", "cd"), zip("ab", "cd", strict=True), map(str, [1, 2]),
           filter(None, [0, 1, 2]), reversed("abc"), iter(lambda: 1, 1)]:
    print(roundtrip(it))

it = iter([1, 2, 3])
next(it)
print(roundtrip(it), operator.length_hint(it), it.__length_hint__())
list(it)
print(it.__reduce__(), roundtrip(it))
it = iter((1, 2))
list(it)
print(it.__reduce__())
it = reversed([1, 2])
list(it)
print(it.__reduce__())

it = iter(range(10, 20, 3))
it.__setstate__(2)
print(list(it))
it = iter(range(2**32 + 2))
print(it.__reduce__()[2])
it.__setstate__(2**32 + 1)
print(it.__reduce__()[2], next(it))
it = iter(range(2**65, 2**65 + 10))
it.__setstate__(8)
print(it.__reduce__(), list(it))
it = iter([1, 2, 3])
it.__setstate__(-5)
print(list(it))
it = iter([1, 2, 3])
it.__setstate__(2)
print(list(it))
it = iter([1, 2, 3])
it.__setstate__(10)
print(list(it))
it = reversed([1, 2, 3])
it.__setstate__(1)
print(list(it))
it = iter("hello")
it.__setstate__(3)
print(list(it))

print(iter({1, 2, 3}).__length_hint__(), reversed(range(5)).__length_hint__(),
      iter(range(2**70)).__length_hint__() == 2**63 - 1 or "big")

a = [1, 2, 3]
it = iter(a)
list(it)
a.append(4)
print(list(it))


class S:
    def __getitem__(self, i):
        if i < 3:
            return i
        raise IndexError

    def __len__(self):
        return 3


it = iter(S())
print(it.__length_hint__(), it.__reduce__()[2], list(it), it.__reduce__())
print(type(copy.copy(iter([1, 2]))).__name__)
print(range(5).__reduce__(), range(1, 9, 2).__reduce__())
print(slice(1, 2).__reduce__(), slice(None, None, -1).__reduce__())
print(pickle.loads(pickle.dumps(slice(1, 2, 3))), pickle.loads(pickle.dumps(range(3, 9, 2))))
print(Ellipsis.__reduce__(), NotImplemented.__reduce__())
print(pickle.loads(pickle.dumps(...)), pickle.loads(pickle.dumps(NotImplemented)))
print(iter.__reduce__(), len.__module__, pickle.loads(pickle.dumps(len)) is len)
m = pickle.loads(pickle.dumps([5].count))
print(m(5), [].append.__reduce__()[0] is getattr)
