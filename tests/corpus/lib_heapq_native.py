import heapq, _heapq, random
print(heapq.heappush is _heapq.heappush)
rng = random.Random(12345)
for n in [0, 1, 2, 3, 10, 100, 2501, 3000, 5000]:
    data = [rng.randrange(1000) for _ in range(n)]
    h = list(data)
    heapq.heapify(h)
    print(n, hash(tuple(h)), h[:8])
    h2 = list(data)
    heapq._heapify_max(h2)
    print(' max', hash(tuple(h2)), h2[:8])
    out = [heapq.heappop(h) for _ in range(len(h))]
    print(' sorted', out == sorted(data))
    out2 = [heapq._heappop_max(h2) for _ in range(len(h2))]
    print(' sorted max', out2 == sorted(data, reverse=True))
h = []
for x in [5, 3, 8, 1, 9, 2, 7]:
    heapq.heappush(h, x)
    print(h)
print(heapq.heappushpop(h, 0), h)
print(heapq.heappushpop(h, 6), h)
print(heapq.heapreplace(h, 10), h)
print(heapq._heapreplace_max([9, 5, 7], 1))
print(heapq.heappushpop([], 3))
print(heapq.nlargest(3, [5, 1, 8, 3, 9]), heapq.nsmallest(2, [5, 1, 8, 3, 9], key=lambda x: -x))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6, 9])))
print(list(heapq.merge([7, 4, 1], [8, 5, 2], key=None, reverse=True)))
# tuples and stability
h = []
for i, w in enumerate('the quick brown fox jumps over the lazy dog'.split()):
    heapq.heappush(h, (len(w), w, i))
print([heapq.heappop(h) for _ in range(len(h))])
# errors
for f in [lambda: heapq.heappush((), 1), lambda: heapq.heappop([]), lambda: heapq.heapify(3), lambda: heapq.heappush([]),
          lambda: heapq._heappop_max(1), lambda: heapq.heapreplace([], 1), lambda: heapq.heappush([1, 'a'], 2),
          lambda: heapq.heappush([], 1, 2), lambda: heapq.heappop(h=[]), lambda: heapq._heapreplace_max([], 1)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
# comparison that mutates the heap
class Evil:
    def __init__(self, h): self.h = h
    def __lt__(self, other):
        self.h.clear()
        return True
h = [1, 2, 3]
h.append(Evil(h))
try:
    heapq.heappush(h, Evil(h))
except Exception as e:
    print(type(e).__name__, e)
class Bad:
    def __lt__(self, o): raise ValueError('no lt')
try:
    heapq.heapify([Bad(), Bad(), Bad()])
except ValueError as e:
    print('ValueError', e)
class Sub(list): pass
s = Sub([3, 1, 2])
heapq.heapify(s)
print(s, type(s).__name__)
# count comparisons
count = 0
class C:
    def __init__(self, v): self.v = v
    def __lt__(self, o):
        global count
        count += 1
        return self.v < o.v
data = [C(rng.random()) for _ in range(300)]
heapq.heapify(data)
while data:
    heapq.heappop(data)
print('comparisons', count)
