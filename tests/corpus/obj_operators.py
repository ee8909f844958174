# topic: binary operator dunders, reflected forms, NotImplemented fallback
class V:
    def __init__(self, *c):
        self.c = c
    def __repr__(self):
        return f"V{self.c}"
    def __add__(self, o):
        if isinstance(o, V):
            return V(*(a + b for a, b in zip(self.c, o.c)))
        if isinstance(o, (int, float)):
            return V(*(a + o for a in self.c))
        return NotImplemented
    __radd__ = __add__
    def __sub__(self, o):
        return V(*(a - b for a, b in zip(self.c, o.c)))
    def __mul__(self, k):
        return V(*(a * k for a in self.c))
    def __rmul__(self, k):
        return V(*(k * a for a in self.c))
    def __truediv__(self, k): return V(*(a / k for a in self.c))
    def __floordiv__(self, k): return V(*(a // k for a in self.c))
    def __mod__(self, k): return V(*(a % k for a in self.c))
    def __pow__(self, k, mod=None): return V(*(pow(a, k, mod) for a in self.c))
    def __matmul__(self, o): return sum(a * b for a, b in zip(self.c, o.c))
    def __neg__(self): return V(*(-a for a in self.c))
    def __pos__(self): return self
    def __abs__(self): return V(*(abs(a) for a in self.c))
    def __invert__(self): return V(*(~a for a in self.c))
    def __lshift__(self, n): return V(*(a << n for a in self.c))
    def __rshift__(self, n): return V(*(a >> n for a in self.c))
    def __and__(self, n): return "and"
    def __or__(self, n): return "or"
    def __xor__(self, n): return "xor"
    def __rsub__(self, o): return "rsub"
    def __rtruediv__(self, o): return "rtruediv"
    def __rpow__(self, o): return "rpow"
    def __rmatmul__(self, o): return "rmatmul"
    def __divmod__(self, o): return "divmod"
    def __rdivmod__(self, o): return "rdivmod"
a, b = V(1, 2), V(3, 4)
print(a + b, a + 1, 1 + a, a - b, a * 3, 3 * a, a / 2, b // 2, b % 2, a ** 2, pow(b, 2, 5))
print(a @ b, -a, +a is a, abs(V(-1, 2)), ~a, a << 2, b >> 1, a & 1, a | 1, a ^ 1)
print(5 - a, 5 / a, 5 ** a, 5 @ a if False else "skip", divmod(a, 1), divmod(1, a))
try:
    a + "s"
except TypeError as e:
    print("TypeError", e)
try:
    "s" + a
except TypeError as e:
    print("TypeError", e)
class Sub(V):
    def __radd__(self, o):
        return "Sub.__radd__ wins"
print(V(1) + Sub(1))
class Base:
    def __add__(self, o): return "Base.add"
class Derived(Base):
    def __radd__(self, o): return "Derived.radd"
print(Base() + Derived(), Derived() + Base())
class NI:
    def __add__(self, o): return NotImplemented
    def __radd__(self, o): return NotImplemented
try:
    NI() + NI()
except TypeError as e:
    print("TypeError", e)
try:
    NI() < NI()
except TypeError as e:
    print("TypeError", e)
try:
    -NI()
except TypeError as e:
    print("TypeError", e)
try:
    NI() @ 1
except TypeError as e:
    print("TypeError", e)
