# types.MethodType(function, instance) builds bound methods (unittest.mock's
# patch decorators and contextlib.ExitStack rely on it), with CPython's checks.
import contextlib
import types
from unittest import mock

class A:
    def f(self, x=0):
        return (type(self).__name__, x)

a = A()
m = types.MethodType(A.f, a)
print(m(2), m.__self__ is a, m.__func__ is A.f, type(m) is type(a.f))
print(types.MethodType(len, [1, 2])())
print(m == types.MethodType(A.f, a), m == a.f)
for args in [(1, 2), (len, None), (len,), (len, 1, 2)]:
    try:
        types.MethodType(*args)
    except TypeError as e:
        print("TypeError", e)
try:
    types.MethodType(func=len, instance=1)
except TypeError as e:
    print("TypeError", e)

class CM:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, *exc):
        print("exit", exc[0])

with contextlib.ExitStack() as stack:
    stack.enter_context(CM())
    print("inside")

import os
@mock.patch("os.getcwd", return_value="patched")
def check(mocked):
    return os.getcwd(), mocked.called
print(check())
with mock.patch.object(A, "f", lambda self: "replaced"):
    print(a.f())
print(a.f(1))
