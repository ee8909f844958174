# topic: __slots__ as real per-instance storage: member_descriptor get/set/delete, __objclass__, layout inheritance, name mangling, sorted members, errors
class P:
    __slots__ = ("y", "x")
    def __init__(self, x):
        self.x = x
d = P.__dict__["x"]
print(type(d).__name__, type(d) is type(P.y), repr(d), d.__name__, d.__qualname__, d.__objclass__ is P)
print([k for k in P.__dict__ if k in ("x", "y")], P.__slots__)
p = P(1)
print(d.__get__(p, P), d.__get__(None, P) is d, P.x is d)
d.__set__(p, 10)
print(p.x)
try:
    p.y
except AttributeError as e:
    print("AttributeError", e)
try:
    d.__get__(5)
except TypeError as e:
    print("TypeError", e)
try:
    P.y.__set__("s", 1)
except TypeError as e:
    print("TypeError", e)
P.y.__set__(p, 2)
print(p.y)
P.y.__delete__(p)
print(hasattr(p, "y"))
try:
    del p.y
except AttributeError as e:
    print("AttributeError", e)
try:
    P.y.__delete__(p)
except AttributeError as e:
    print("AttributeError", e)

class WithDict:
    __slots__ = ("a", "__dict__")
w = WithDict()
w.a = 1
w.b = 2
print(w.__dict__, vars(w), w.a, sorted(k for k in WithDict.__dict__ if not k.startswith("__") or k == "__dict__"))

class Sub(P):
    pass
s = Sub(3)
s.y = 4
s.z = 5
print(s.x, s.y, s.__dict__, "x" in Sub.__dict__, "__dict__" in Sub.__dict__)

class Deeper(P):
    __slots__ = ("w",)
q = Deeper(6)
q.w = 7
q.y = 8
print(q.x, q.y, q.w, hasattr(q, "__dict__"), Deeper.w.__objclass__.__name__)

class Mangled:
    __slots__ = ("__secret", "plain")
    def __init__(self):
        self.__secret = "hidden"
    def reveal(self):
        return self.__secret
m = Mangled()
print(m.reveal(), m._Mangled__secret, sorted(k for k in Mangled.__dict__ if "secret" in k or k == "plain"))

class A:
    __slots__ = ("a",)
class B:
    __slots__ = ("b",)
try:
    class AB(A, B):
        pass
except TypeError as e:
    print("TypeError", e)
class A2(A):
    pass
class A3(A):
    __slots__ = ("c",)
class A23(A2, A3):
    pass
o = A23()
o.a, o.c, o.extra = 1, 2, 3
print(o.a, o.c, o.extra)

for bad in [(1,), ("not valid",), ("__dict__", "__dict__")]:
    try:
        class Bad:
            __slots__ = bad
    except TypeError as e:
        print("TypeError", e)
class HasDict:
    pass
try:
    class Again(HasDict):
        __slots__ = ("__dict__",)
except TypeError as e:
    print("TypeError", e)
try:
    class IntSlots(int):
        __slots__ = ("v",)
except TypeError as e:
    print("TypeError", e)
class ListSlots(list):
    __slots__ = ("tag",)
ls = ListSlots([1, 2])
ls.tag = "t"
print(ls, ls.tag, hasattr(ls, "__dict__"))

class Same1:
    __slots__ = ("v",)
class Same2:
    __slots__ = ("v",)
class Other:
    __slots__ = ("u",)
x = Same1()
x.v = 1
x.__class__ = Same2
print(type(x).__name__, x.v)
try:
    x.__class__ = Other
except TypeError as e:
    print("TypeError", e)

# A chain of slotted nodes is freed without deep recursion.
class Node:
    __slots__ = ("next",)
head = None
for _ in range(200000):
    n = Node()
    n.next = head
    head = n
del head, n
print("freed")

class Finalized:
    __slots__ = ("name",)
    def __del__(self):
        print("del", self.name)
f = Finalized()
f.name = "slot value seen by __del__"
del f
