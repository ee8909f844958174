# topic: set operators |, &, -, ^ and in-place forms, with frozenset mixing and type of result
a = {1, 2, 3, 4}
b = frozenset({3, 4, 5})
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b), type(a | b).__name__, type(b | a).__name__, type(b & a).__name__)
c = set(a)
c |= {10}
c &= {1, 2, 10}
c -= {2}
c ^= {1, 20}
print(sorted(c))
try:
    a | [1]
except TypeError as e:
    print("TypeError", e)
print(sorted({x % 4 for x in range(20)}), {1, 2, 3} - {1, 2, 3}, len({(1, 2), (1, 2)}), 3 in a, 9 not in a)
print({frozenset([1]): "ok"}[frozenset([1])], frozenset([1, 2]) | {3}, sorted(frozenset("aab")))
print(repr({1}), repr(set()), repr(frozenset({2, 1})), {-1, -2, 0})
