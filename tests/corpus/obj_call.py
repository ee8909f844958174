# topic: __call__, callable(), calling non-callables, bound __call__ on class vs instance
class Adder:
    def __init__(self, n): self.n = n
    def __call__(self, x, *, scale=1):
        return (x + self.n) * scale
add5 = Adder(5)
print(add5(1), add5(1, scale=10), callable(add5), callable(Adder), callable(5))
try:
    five = 5
    five()
except TypeError as e:
    print("TypeError", e)
try:
    st = "s"
    st()
except TypeError as e:
    print("TypeError", e)
class NoCall:
    pass
try:
    NoCall()()
except TypeError as e:
    print("TypeError", e)
inst = NoCall()
inst.__call__ = lambda: "instance attr is ignored"
try:
    inst()
except TypeError as e:
    print("TypeError", e)
class Meta(type):
    def __call__(cls, *a):
        return "intercepted construction"
class X(metaclass=Meta):
    pass
print(X())
print(callable(len), callable(print), callable(lambda: 0), callable(int.__add__), callable(None))
