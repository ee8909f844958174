# topic: function parameters: defaults, keyword-only, positional-only, *args, **kwargs, errors
def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, kw)
print(f(1, c=3))
print(f(1, 5, 6, 7, c=3, e=9))
def pos(a, b, /, c):
    return a, b, c
print(pos(1, 2, c=3), pos(1, 2, 3))
def kwo(*, x):
    return x
print(kwo(x=1))
tests = [
    lambda: f(),
    lambda: f(1),
    lambda: f(1, 2, c=3, a=5),
    lambda: pos(1, b=2, c=3),
    lambda: kwo(1),
    lambda: kwo(y=1),
    lambda: (lambda: 0)(1),
    lambda: (lambda a, b: 0)(1),
    lambda: (lambda a: 0)(1, 2, 3),
    lambda: f(1, c=3, **{"c": 4}),
    lambda: f(*5),
    lambda: f(**[1]),
]
for t in tests:
    try:
        t()
    except TypeError as e:
        print("TypeError", e)
def mutable_default(x, acc=[]):
    acc.append(x)
    return acc
print(mutable_default(1), mutable_default(2))
print(f.__defaults__, f.__kwdefaults__, f.__code__.co_argcount, f.__code__.co_kwonlyargcount, pos.__code__.co_posonlyargcount)
print(f.__code__.co_varnames)
def kwname(**kw):
    return kw
print(kwname(**{"a b": 1, "if": 2}))
