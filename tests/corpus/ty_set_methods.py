# topic: set methods: add/remove/discard/pop/update/intersection_update/etc., and errors
s = {1, 2, 3}
s.add(4)
s.add(1)
s.discard(10)
s.remove(2)
print(sorted(s), len(s))
try:
    s.remove(99)
except KeyError as e:
    print("KeyError", e)
s.update([5, 6], (7,))
print(sorted(s))
s.intersection_update({1, 5, 6, 7, 100})
print(sorted(s))
s.difference_update([5])
print(sorted(s))
s.symmetric_difference_update({1, 2})
print(sorted(s))
c = s.copy()
c.clear()
print(c, sorted(s))
p = {42}
print(p.pop(), p)
try:
    p.pop()
except KeyError as e:
    print("KeyError", e)
a, b = {1, 2, 3}, {3, 4}
print(sorted(a.union(b, [9])), sorted(a.intersection(b)), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
print(a.issubset({1, 2, 3, 4}), a.issuperset({1}), a.isdisjoint({9}), {1} < {1, 2}, {1, 2} <= {1, 2}, {1, 2} > {1})
try:
    s.add([1])
except TypeError as e:
    print("TypeError", e)
print(set([1, 2]) == frozenset([1, 2]), {1, 2} == {2, 1}, set() == set(), {0, 1} == {False, True})
