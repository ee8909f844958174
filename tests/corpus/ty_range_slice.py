# topic: range and slice objects in detail: negative steps, empty ranges, equality, repr
for r in [range(5), range(2, 8), range(10, 0, -3), range(0, -5, -1), range(3, 3), range(5, 1)]:
    print(r, list(r), len(r), bool(r), r[:2], r[::-1] if r else r)
print(range(0, 10, 2) == range(0, 9, 2), range(0, 3) != range(3), range(1, 1) == range(5, 5))
print(range(10)[-3:-1], range(10)[8:2:-2], range(-5, 5)[5], range(7).count(3), range(7).count(8))
print(hash(slice(1, 2)) if False else "slice unhashable in 3.11")
s = slice(-3, None)
print(s.indices(10), [0, 1, 2, 3, 4][s], s.start, s.stop, s.step)
print(slice(None, None, -1).indices(5), slice(-100, 100).indices(5), slice(5, -5, -1).indices(3))
print(range(3).__reversed__().__class__.__name__, 2.0 in range(5), "2" in range(5))
