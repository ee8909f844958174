# topic: enumerate and zip: start, strict, unequal lengths, laziness
print(list(enumerate("abc")), list(enumerate("ab", start=5)), list(enumerate([], 3)))
e = enumerate(["x", "y"])
print(next(e), type(e).__name__)
print(list(zip()), list(zip([1, 2, 3], "ab")), list(zip(range(3), range(10, 13), "xyz")))
try:
    list(zip([1, 2], [1], strict=True))
except ValueError as err:
    print("ValueError", err)
try:
    list(zip([1], [1, 2], strict=True))
except ValueError as err:
    print("ValueError", err)
try:
    list(zip([1], [2], [3, 4], strict=True))
except ValueError as err:
    print("ValueError", err)
print(list(zip([1, 2], [3, 4], strict=True)))
a, b = zip(*[(1, "a"), (2, "b")])
print(a, b)
try:
    zip(1)
except TypeError as err:
    print("TypeError", err)
print(list(enumerate(zip("ab", "cd"))))
