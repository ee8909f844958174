# topic: map and filter: multiple iterables, None predicate, laziness
print(list(map(str, [1, 2])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])), list(map(pow, [2, 3], [3, 2], [5, 5])))
print(list(filter(None, [0, 1, "", "a", None, [], [0]])), list(filter(lambda x: x % 2, range(8))))
m = map(lambda x: print("map", x) or x, [1, 2])
print("map is lazy", type(m).__name__)
print(list(m))
try:
    map(len)
except TypeError as e:
    print("TypeError", e)
try:
    list(map(len, [1]))
except TypeError as e:
    print("TypeError", e)
f = filter(str.isdigit, "a1b2")
print(next(f), list(f))
