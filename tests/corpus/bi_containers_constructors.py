# topic: list(), tuple(), dict(), set(), frozenset() construction from iterables, kwargs, errors
print(list(), list("ab"), list((1, 2)), list({"a": 1}), list(range(3)), tuple([1, 2]), tuple("x"))
print(dict(), dict(a=1, b=2), dict([("x", 1), ["y", 2]]), dict({"k": 1}, k2=2), dict(zip("ab", [1, 2])))
print(sorted(set("hello")), set(), frozenset(), frozenset([1, 1, 2]), set([3, 1, 3]))
for bad in (lambda: dict([1, 2]), lambda: dict([(1, 2, 3)]), lambda: list(5), lambda: set([[1]]), lambda: dict(1), lambda: tuple(None)):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0), list(dict(a=1).keys()))
