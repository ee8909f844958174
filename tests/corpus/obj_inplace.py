# topic: in-place operator dunders and fallback to binary operators
class Acc:
    def __init__(self, v):
        self.v = v
    def __iadd__(self, o):
        print("iadd")
        self.v += o
        return self
    def __add__(self, o):
        print("add")
        return Acc(self.v + o)
    def __imul__(self, o):
        return NotImplemented
    def __mul__(self, o):
        print("mul fallback")
        return Acc(self.v * o)
    def __isub__(self, o):
        return "isub returned a str"
    def __repr__(self):
        return f"Acc({self.v})"
a = Acc(1)
orig = a
a += 5
print(a, a is orig)
a *= 3
print(a, a is orig)
a -= 1
print(a)
class OnlyAdd:
    def __init__(self, v): self.v = v
    def __add__(self, o): return OnlyAdd(self.v + o)
o = OnlyAdd(1)
before = o
o += 1
print(o.v, o is before)
class Radd:
    def __radd__(self, other):
        return "radd via augmented"
x = 1
x += Radd()
print(x)
lst = [1]
t = (lst,)
try:
    t[0] += [2]
except TypeError as e:
    print("TypeError", e)
print(t)
for op in ("@=", "**=", "//=", "%=", "<<=", ">>=", "&=", "|=", "^=", "/="):
    try:
        y = object()
        exec(f"y {op} 1")
    except TypeError as e:
        print("TypeError", e)
