# topic: C3 method resolution order, diamond inheritance, inconsistent MRO error
class O: pass
class A(O): pass
class B(O): pass
class C(O): pass
class D(O): pass
class E(O): pass
class K1(A, B, C): pass
class K2(D, B, E): pass
class K3(D, A): pass
class Z(K1, K2, K3): pass
print([c.__name__ for c in Z.__mro__])
print([c.__name__ for c in Z.mro()])
class X: pass
class Y: pass
try:
    class Bad(X, Y, X): pass
except TypeError as e:
    print("TypeError", e)
class P(X, Y): pass
class Q(Y, X): pass
try:
    class R(P, Q): pass
except TypeError as e:
    print("TypeError", e)
try:
    class S(object, X): pass
except TypeError as e:
    print("TypeError", e)
class Base:
    def who(self):
        return "Base"
class Left(Base):
    def who(self):
        return "Left>" + super().who()
class Right(Base):
    def who(self):
        return "Right>" + super().who()
class Bottom(Left, Right):
    def who(self):
        return "Bottom>" + super().who()
print(Bottom().who())
print(Bottom.__bases__ == (Left, Right), Bottom.__base__.__name__)
