# topic: iter() with sentinel, next() with default, iterating over callables
values = iter([1, 2, 3, 0, 4])
print(list(iter(lambda: next(values), 0)))
count = [0]
def tick():
    count[0] += 1
    return count[0]
print(list(iter(tick, 4)))
it = iter(int, 1)
print(next(it), next(it))
try:
    iter(5, 0)
except TypeError as e:
    print("TypeError", e)
s = iter("ab")
print(next(s), next(s), next(s, None), next(s, "x"))
print(type(iter([])).__name__, type(iter(())).__name__, type(iter("")).__name__, type(iter({})).__name__, type(iter(range(1))).__name__, type(iter(set())).__name__)
class Stop:
    def __init__(self): self.n = 0
    def __call__(self):
        self.n += 1
        if self.n > 2:
            raise StopIteration
        return self.n
print(list(iter(Stop(), None)))
