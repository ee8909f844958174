# topic: built-in exception class hierarchy (MRO of every builtin exception)
import builtins
names = sorted(n for n in dir(builtins) if isinstance(getattr(builtins, n), type) and issubclass(getattr(builtins, n), BaseException))
for n in names:
    cls = getattr(builtins, n)
    print(n, [c.__name__ for c in cls.__mro__[1:]])
print(len(names))
