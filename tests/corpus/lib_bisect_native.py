import bisect, _bisect
print(bisect.bisect_right is _bisect.bisect_right, bisect.bisect is bisect.bisect_right, bisect.insort is bisect.insort_right)
a = [1, 2, 2, 2, 3, 5, 8, 13]
for x in [0, 1, 2, 2.5, 3, 4, 13, 14]:
    print(x, bisect.bisect_left(a, x), bisect.bisect_right(a, x), bisect.bisect_left(a, x, 2), bisect.bisect_right(a, x, 1, 5), bisect.bisect(a, x, hi=3))
# key=
recs = [('a', 1), ('b', 3), ('c', 3), ('d', 7)]
for k in [0, 3, 4, 8]:
    print(k, bisect.bisect_left(recs, k, key=lambda r: r[1]), bisect.bisect_right(recs, k, key=lambda r: r[1]))
r = list(recs)
bisect.insort(r, ('x', 3), key=lambda r: r[1])
bisect.insort_left(r, ('y', 3), key=lambda r: r[1])
print(r)
l = []
for x in [5, 1, 4, 1, 5, 9, 2, 6]:
    bisect.insort(l, x)
    bisect.insort_left(l, -x)
print(l)
# non-list sequences
print(bisect.bisect('abcdef', 'c'), bisect.bisect_left((1, 3, 5), 3), bisect.bisect(range(0, 100, 3), 50))
class MySeq(list):
    def insert(self, i, x):
        print('insert called', i, x)
        list.insert(self, i, x)
m = MySeq([1, 3])
bisect.insort(m, 2)
print(m)
class Probe:
    def __init__(self, n): self.n = n; self.probes = []
    def __len__(self): return self.n
    def __getitem__(self, i):
        self.probes.append(i)
        return i * 10
p = Probe(100)
print(bisect.bisect_left(p, 437), p.probes)
# comparisons count
calls = []
class K:
    def __init__(self, v): self.v = v
    def __lt__(self, o):
        calls.append((self.v, o.v))
        return self.v < o.v
ks = [K(i) for i in range(20)]
bisect.bisect_right(ks, K(7.5))
print(calls)
for f in [lambda: bisect.bisect_right([], 1, -1), lambda: bisect.bisect(3, 1), lambda: bisect.insort((), 1), lambda: bisect.bisect([1], 1, hi=-5),
          lambda: bisect.bisect([1], 1, lo=None), lambda: bisect.bisect([1], 1, 0, 'x'), lambda: bisect.bisect([1], 1, key=3),
          lambda: bisect.bisect([1, 2], 1, 0, 5), lambda: bisect.bisect([1, 2], 1, 0, -1), lambda: bisect.bisect(x=1, a=[1]),
          lambda: bisect.bisect([1]), lambda: bisect.bisect([1], 1, 2**70), lambda: bisect.bisect({1: 2}, 1),
          lambda: bisect.bisect([1], 1, 0, 1, None), lambda: bisect.bisect([1], 1, foo=1), lambda: bisect.bisect([1, 'a'], 0.5),
          lambda: bisect.insort([1], 2, 0, None, key=None), lambda: bisect.bisect([1, 2, 3], 2, 5)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
