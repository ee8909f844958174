# topic: frozenset: immutability, hashing, as dict key, methods returning frozensets
f = frozenset([3, 1, 2])
print(sorted(f), len(f), 2 in f, f.union([4]) == {1, 2, 3, 4}, type(f.union([4])).__name__, type(f.copy()).__name__, f.copy() is f)
try:
    f.add(4)
except AttributeError as e:
    print("AttributeError", e)
d = {f: "value", frozenset(): "empty"}
print(d[frozenset([1, 2, 3])], d[frozenset()])
nested = frozenset([frozenset([1]), frozenset([2])])
print(len(nested), frozenset([1]) in nested)
print(frozenset() == set(), frozenset([1]) < frozenset([1, 2]), hash(frozenset()) == hash(frozenset([])))
