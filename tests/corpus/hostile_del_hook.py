# topic: hostile: __del__ that raises is reported through sys.unraisablehook, program continues
import sys
seen = []
def hook(u):
    seen.append((u.exc_type.__name__, str(u.exc_value), u.object.__qualname__ if hasattr(u.object, "__qualname__") else type(u.object).__name__, u.err_msg))
sys.unraisablehook = hook
class Bomb:
    def __del__(self):
        raise ValueError("boom in __del__")
b = Bomb()
del b
print(seen)
def make():
    Bomb()
make()
print(len(seen))
class Resurrect:
    saved = []
    def __del__(self):
        Resurrect.saved.append(self)
r = Resurrect()
del r
print(len(Resurrect.saved))
print("continuing after __del__ errors")
