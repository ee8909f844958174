# topic: lambda: defaults, closures, varargs, late binding
add = lambda a, b=10: a + b
print(add(1), add(1, 2), add.__name__, (lambda: 0).__qualname__)
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs])
print((lambda *a, **k: (a, k))(1, 2, x=3))
print((lambda x, /, y, *, z: (x, y, z))(1, y=2, z=3))
print(sorted(["bb", "a", "ccc"], key=lambda s: -len(s)))
compose = lambda f, g: lambda x: f(g(x))
print(compose(lambda x: x + 1, lambda x: x * 2)(5))
print((lambda: (yield 1))().__class__.__name__)
