# topic: sorted and list.sort: stability, key, reverse, errors, mixed types
people = [("bob", 25), ("alice", 30), ("carol", 25), ("dave", 30), ("eve", 22)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
print(sorted("Banana Apple cherry".split(), key=str.lower))
print(sorted([3, 1, 2], reverse=True), sorted("bca"), sorted({3: 1, 1: 2}), sorted((x for x in [2, 1])))
print(sorted([1.5, 1, True, 0.5, -2]))
try:
    sorted([1, "a"])
except TypeError as e:
    print("TypeError", e)
try:
    sorted([1], lambda x: x)
except TypeError as e:
    print("TypeError", e)
lst = [5, 3, 9]
print(lst.sort(), lst)
lst.sort(key=lambda v: -v)
print(lst)
words = ["aa", "b", "cc", "d", "ee"]
words.sort(key=len, reverse=True)
print(words)
print(sorted([[2, "b"], [1, "z"], [2, "a"]]), sorted([(1, 2), (1,), ()]))
print(sorted([], key=len), sorted(range(5), key=lambda v: v % 2))
nan = float("nan")
print(sorted([3, 1, 2]) == [1, 2, 3])
