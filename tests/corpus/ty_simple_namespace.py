# types.SimpleNamespace (sys.implementation's type): keywords, repr (cycles, subclasses), ==, __reduce__, unhashable.
import types, sys
n = types.SimpleNamespace(a=1, b='x'); print(n, repr(types.SimpleNamespace()), n == types.SimpleNamespace(a=1,b='x'), n != types.SimpleNamespace(a=2))
try: types.SimpleNamespace(1)
except TypeError as e: print(e)
class S(types.SimpleNamespace): pass
s = S(z=2); print(s, s == types.SimpleNamespace(z=2), type(sys.implementation).__name__)
print(n.__reduce__())
n.self = n; print(n)
try: hash(n)
except TypeError as e: print(e)
del n.a; print(n.__dict__.keys())
