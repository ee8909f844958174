# topic: min and max: key, default, multiple args, errors, first-of-equals
print(min(3, 1, 2), max([3, 1, 2]), min("hello"), max("abc", "b", key=len), max([], default="empty"))
print(min([(1, "b"), (1, "a")]), max([1, 3, 3.0], key=lambda v: v), max([3.0, 3]), min([3.0, 3]))
print(max({"a": 5, "b": 9}, key=lambda k: {"a": 5, "b": 9}[k]), min([-1, 2], key=abs))
for call in (lambda: min([]), lambda: max(), lambda: min(1), lambda: max(1, 2, default=0), lambda: min([1, "a"])):
    try:
        call()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(max(iter([4, 8, 2])), min(range(5, 0, -1)), max("b", "ab"), min([[2], [1, 9]]))
