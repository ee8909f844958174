# topic: iteration protocol: __iter__/__next__, __getitem__ fallback, __reversed__, __contains__
class Countdown:
    def __init__(self, n): self.n = n
    def __iter__(self): return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(3)), sum(Countdown(4)), 2 in Countdown(5))
class Seq:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * i
print(list(Seq()), 9 in Seq(), 5 in Seq(), list(reversed([1, 2])))
try:
    reversed(Seq())
except TypeError as e:
    print("TypeError", e)
class SeqLen(Seq):
    def __len__(self): return 4
print(list(reversed(SeqLen())))
class Rev:
    def __iter__(self): return iter([1, 2, 3])
    def __reversed__(self): return iter(["custom", "reversed"])
    def __contains__(self, x):
        print("contains", x)
        return x == "magic"
print(list(reversed(Rev())), "magic" in Rev(), 1 in Rev(), 1 not in Rev())
class NotIter:
    pass
for action in (lambda: iter(NotIter()), lambda: [x for x in NotIter()], lambda: 1 in NotIter()):
    try:
        action()
    except TypeError as e:
        print("TypeError", e)
class BadIter:
    def __iter__(self): return 5
try:
    iter(BadIter())
except TypeError as e:
    print("TypeError", e)
class NoneIter:
    __iter__ = None
try:
    iter(NoneIter())
except TypeError as e:
    print("TypeError", e)
it = iter([1, 2])
print(next(it), next(it), next(it, "default"))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.args)
try:
    next([1])
except TypeError as e:
    print("TypeError", e)
