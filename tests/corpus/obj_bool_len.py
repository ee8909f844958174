# topic: __bool__ and __len__ for truth testing, errors from bad returns
class B:
    def __init__(self, v): self.v = v
    def __bool__(self): return self.v
class L:
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
print(bool(B(True)), bool(B(False)), bool(L(0)), bool(L(3)), len(L(7)))
for bad in (B(1), B("yes"), B(None)):
    try:
        bool(bad)
    except TypeError as e:
        print("TypeError", e)
for bad in (L(-1), L("3"), L(2 ** 70), L(3.0)):
    try:
        len(bad)
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
try:
    bool(L(-1))
except ValueError as e:
    print("ValueError", e)
class Both:
    def __bool__(self): return True
    def __len__(self): return 0
print(bool(Both()), not Both())
class Idx:
    def __index__(self): return 4
class LIdx:
    def __len__(self): return Idx()
print(len(LIdx()))
try:
    len(5)
except TypeError as e:
    print("TypeError", e)
print(bool(object()), bool(type), bool(None))
