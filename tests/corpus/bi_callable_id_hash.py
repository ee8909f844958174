# topic: callable, id (only compared), hash of builtins, identity semantics
a = [1]
b = a
print(id(a) == id(b), id(a) == id([1]), a is b, hash("abc") == hash("abc"), hash(b"abc") == hash(b"abc"))
print(hash(0), hash(1), hash(-1), hash(2 ** 61 - 1), hash(2 ** 61), hash(0.0), hash(1.5), hash(-0.5))
print(hash(None) == hash(None), hash((1, "a")) == hash((1, "a")), hash(float("inf")), hash(float("-inf")))
print(callable(print), callable("x"), callable(str), callable(str.upper), callable(a.append))
x = 256
y = 256
print(x is y)
