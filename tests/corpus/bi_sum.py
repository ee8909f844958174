# topic: sum: start values, floats, lists with start, errors for strings
print(sum([1, 2, 3]), sum([1, 2], 10), sum([], 5), sum([0.1] * 10), sum(range(101)), sum([1.5, 2, True]))
print(sum([[1], [2, 3]], []), sum(((1,), (2,)), ()), sum([1 + 2j, 3]))
try:
    sum(["a", "b"], "")
except TypeError as e:
    print("TypeError", e)
try:
    sum([b"a"], b"")
except TypeError as e:
    print("TypeError", e)
try:
    sum([1, "a"])
except TypeError as e:
    print("TypeError", e)
print(sum([10 ** 20, 10 ** 20]), sum(x * x for x in range(4)), sum([], start=[]))
