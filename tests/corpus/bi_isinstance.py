# topic: isinstance/issubclass with builtins, tuples, unions, abstract-ish bases
vals = [1, 1.0, "s", b"b", [], (), {}, set(), None, True, 1j, range(1), len]
for v in vals:
    print(repr(v) if not callable(v) else "builtin", isinstance(v, (int, float)), isinstance(v, (list, tuple)), type(v).__name__)
print(issubclass(bool, (str, int)), issubclass(float, int), issubclass(type, object), issubclass(object, type))
print(isinstance(int, type), isinstance(len, type), issubclass(ValueError, (KeyError, Exception)))
print(isinstance(3, ()), issubclass(int, ()))
