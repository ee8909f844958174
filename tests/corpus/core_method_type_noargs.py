# types.MethodType built directly, and the argument checks of methods that
# take no arguments.
import types
from contextlib import ExitStack


class C:
    pass


def f(self, x=2):
    return (type(self).__name__, x)


m = types.MethodType(f, C())
print(m(), m(5), m.__func__ is f, type(m.__self__).__name__)
for args in [(f,), (f, None), (1, C()), (f, C(), 3)]:
    try:
        types.MethodType(*args)
    except TypeError as e:
        print("TypeError", e)


class CM:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, *exc):
        print("exit", exc[0].__name__ if exc[0] else None)
        return True


with ExitStack() as stack:
    stack.enter_context(CM())
    raise ValueError("swallowed")
print("after ExitStack")

d = {"a": 1}
for name in ["keys", "values", "items", "copy", "clear", "popitem"]:
    try:
        getattr(d, name)(None)
    except TypeError as e:
        print("TypeError", e)
try:
    d.keys(x=1)
except TypeError as e:
    print("TypeError", e)
for obj, name in [([], "clear"), ([], "copy"), (set(), "pop"), (set(), "clear")]:
    try:
        getattr(obj, name)(1)
    except TypeError as e:
        print("TypeError", e)
print(d, d.copy(), list(d.items()))
for f in [lambda: [].pop(1, 2), lambda: [].extend(), lambda: [].reverse(1), lambda: [].sort(1),
          lambda: [].extend(a=1), lambda: [3].pop(0, 1)]:
    try:
        f()
    except TypeError as e:
        print("TypeError", e)
x = [3, 1, 2]
x.sort(reverse=True)
x.extend([0])
print(x, x.pop(), x)
import sys
for seq in ([0, 1, 0, 2], (0, 1, 0, 2)):
    print(seq.index(0, -4 * sys.maxsize, 4 * sys.maxsize), seq.index(0, 1, 2**100), seq.index(2, -(2**100)))
