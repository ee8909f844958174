# topic: calls with *args and **kwargs expansions, duplicate keywords, keyword ordering
def show(*args, **kwargs):
    return args, list(kwargs.items())
print(show(*range(3), *"ab", 7))
print(show(**{"a": 1}, b=2, **{"c": 3}))
print(show(1, *(), **{}))
try:
    show(**{"a": 1}, **{"a": 2})
except TypeError as e:
    print("TypeError", e)
try:
    show(a=1, **{"a": 2})
except TypeError as e:
    print("TypeError", e)
try:
    show(**{1: 2})
except TypeError as e:
    print("TypeError", e)
def f(a, b, c=3):
    return a, b, c
print(f(*[1, 2]), f(1, *[2], c=4), f(**{"a": 5, "b": 6}), f(*"xy"))
class Mapping:
    def keys(self):
        return ["p", "q"]
    def __getitem__(self, k):
        return k.upper()
print(show(**Mapping()), dict(Mapping()), {**Mapping()})
