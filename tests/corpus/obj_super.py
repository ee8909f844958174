# topic: super(): zero-argument, two-argument, in classmethods, __init__ chains, unbound super
class A:
    def __init__(self):
        self.log = ["A"]
    def m(self):
        return "A.m"
    @classmethod
    def cm(cls):
        return "A.cm " + cls.__name__
class B(A):
    def __init__(self):
        super().__init__()
        self.log.append("B")
    def m(self):
        return "B.m+" + super().m()
    @classmethod
    def cm(cls):
        return "B.cm+" + super().cm()
class C(B):
    def m(self):
        return "C.m+" + super(B, self).m()
c = C()
print(c.log, c.m(), C.cm(), B().m())
print(super(C, c).m(), super(B, C).cm())
s = super(B, c)
print(type(s).__name__, s.__thisclass__.__name__, s.__self_class__.__name__)
def outside(self):
    return super().m()
try:
    outside(c)
except RuntimeError as e:
    print("RuntimeError", e)
class D(A):
    def m(self):
        def inner():
            return super().m()
        try:
            return inner()
        except RuntimeError as e:
            return "RuntimeError " + str(e)
print(D().m())
try:
    super(int, "x")
except TypeError as e:
    print("TypeError", e)
class E(A):
    def m(self):
        try:
            return [super().m() for _ in range(2)]
        except TypeError as e:
            return "TypeError in comprehension: " + str(e)
print(E().m())
class F(A):
    def __init__(self):
        super(F, self).__init__()
        self.log.append("F")
    def getattr_super(self):
        return super().__class__.__name__, super().__init__.__name__
print(F().log, F().getattr_super())
