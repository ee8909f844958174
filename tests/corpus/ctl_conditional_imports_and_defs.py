# topic: definitions inside if/while/try: functions and classes defined conditionally
import sys
if sys.maxsize > 2 ** 32:
    def bits():
        return 64
else:
    def bits():
        return 32
print(bits())
try:
    class Maybe:
        value = 1
except Exception:
    Maybe = None
print(Maybe.value)
i = 0
while i < 2:
    def make(i=i):
        return i
    i += 1
print(make())
for kind in ("a", "b"):
    class K:
        tag = kind
print(K.tag)
funcs = {}
for name in ("double", "triple"):
    factor = {"double": 2, "triple": 3}[name]
    def fn(x, factor=factor):
        return x * factor
    fn.__name__ = name
    funcs[name] = fn
print({k: f(5) for k, f in funcs.items()}, funcs["double"].__name__)
