# topic: reflected comparisons: __lt__ falls back to the other's __gt__, subclass priority, == fallback to identity
class A:
    def __init__(self, v): self.v = v
    def __gt__(self, other):
        print(f"A({self.v}).__gt__")
        return self.v > getattr(other, "v", other)
class B:
    def __init__(self, v): self.v = v
print(B(1) < A(2))
print(5 < A(2))
print(A(3) > 1)
try:
    A(1) < B(2)
except TypeError as e:
    print("TypeError", e)
class P:
    def __eq__(self, other):
        print("P.__eq__")
        return NotImplemented
class Q(P):
    def __eq__(self, other):
        print("Q.__eq__")
        return NotImplemented
p, q = P(), Q()
print(p == q)
print(p == p)
print(p != q)
