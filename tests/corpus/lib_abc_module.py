# abc with the _abc accelerator: ABCMeta, register, caches, __subclasshook__,
# abstract methods, collections.abc / numbers, weak registry, pattern flags.
import abc
import _abc
import collections.abc as cabc
import numbers

print(sorted(n for n in dir(_abc) if not n.startswith("__")))
print(abc.ABCMeta.__module__, abc.ABCMeta.__name__, abc.ABC.__module__, type(abc.ABC).__name__)
print(type(abc.ABC._abc_impl), abc.get_cache_token is _abc.get_cache_token)
print(_abc.__doc__)

class Base(abc.ABC):
    @abc.abstractmethod
    def f(self): ...
    @property
    @abc.abstractmethod
    def p(self): ...
    @classmethod
    @abc.abstractmethod
    def c(cls): ...
    def concrete(self): return "concrete"

print(sorted(Base.__abstractmethods__), type(Base.__abstractmethods__).__name__)
try:
    Base()
except TypeError as e:
    print("TypeError", e)

class Half(Base):
    def f(self): return 1
print(sorted(Half.__abstractmethods__))
try:
    Half()
except TypeError as e:
    print("TypeError", e)

class Full(Half):
    p = 3
    @classmethod
    def c(cls): return "c"
print(sorted(Full.__abstractmethods__), Full().f(), Full().p, Full.c(), Full().concrete())
print(isinstance(Full(), Base), issubclass(Full, Base), issubclass(Full, Half), issubclass(Base, Full))

# register: returns the class, works as a decorator, refuses cycles
class Plain:
    pass
tok = abc.get_cache_token()
r = Base.register(Plain)
print(r is Plain, abc.get_cache_token() - tok, issubclass(Plain, Base), isinstance(Plain(), Base))
print(Base.register(Plain) is Plain, abc.get_cache_token() - tok)
print(Base.register(Full) is Full, abc.get_cache_token() - tok)
@Base.register
class Deco:
    pass
print(Deco.__name__, issubclass(Deco, Base), isinstance(Deco(), Half))
for bad in [lambda: Base.register(1), lambda: Base.register(Plain()), lambda: Plain.register]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
class A(abc.ABC):
    pass
class B(A):
    pass
try:
    B.register(A)
except RuntimeError as e:
    print("RuntimeError", e)
print(A.register(A) is A, B.register(B) is B)
print(issubclass(int, A), A.register(int) is int, issubclass(int, A), issubclass(bool, A), isinstance(True, A))

# registry through chains of registrations
class C1(abc.ABC): pass
class C2(abc.ABC): pass
class Leaf: pass
C2.register(Leaf)
C1.register(C2)
print(issubclass(Leaf, C1), isinstance(Leaf(), C1), issubclass(C1, C2))

# _get_dump, _abc_registry_clear, _abc_caches_clear
class D(abc.ABC): pass
class E: pass
class F: pass
D.register(E)
print(issubclass(E, D), issubclass(F, D), issubclass(F, D))
reg, cache, neg, version = _abc._get_dump(D)
print(len(reg), len(cache), len(neg), version == abc.get_cache_token(), type(reg).__name__)
print(sorted(type(r).__name__ for r in reg), [r() is E for r in reg], [r() is F for r in neg])
D._abc_caches_clear()
print([len(x) for x in _abc._get_dump(D)[:3]])
D._abc_registry_clear()
print([len(x) for x in _abc._get_dump(D)[:3]], issubclass(E, D))
import io
D.register(E)
buf = io.StringIO()
D._dump_registry(file=buf)
print(buf.getvalue().splitlines()[0], len(buf.getvalue().splitlines()))

# __subclasshook__
class Hooked(abc.ABC):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is Hooked:
            if any("quack" in k.__dict__ for k in C.__mro__):
                return True
            if any("bark" in k.__dict__ for k in C.__mro__):
                return False
        return NotImplemented
class Duck:
    def quack(self): pass
class Dog:
    def bark(self): pass
class Other: pass
Hooked.register(Dog)
print(issubclass(Duck, Hooked), isinstance(Duck(), Hooked), issubclass(Dog, Hooked), issubclass(Other, Hooked))
class BadHook(abc.ABC):
    @classmethod
    def __subclasshook__(cls, C):
        return 1
try:
    issubclass(int, BadHook)
except AssertionError as e:
    print("AssertionError", e)
class SubHook(Hooked): pass
print(issubclass(Duck, SubHook), issubclass(SubHook, Hooked))

# __instancecheck__ with a lying __class__
class Liar:
    @property
    def __class__(self):
        return Duck
print(isinstance(Liar(), Hooked), isinstance(Liar(), Duck))

# errors of the helpers
for call in ["_abc._abc_subclasscheck(Base, 1)", "_abc._abc_instancecheck(int, 1)", "issubclass(1, Base)",
             "_abc._abc_init()", "_abc._abc_register(Base)", "_abc._get_dump(int)", "_abc.get_cache_token(1)"]:
    try:
        print(call, eval(call))
    except Exception as e:
        print(call, type(e).__name__, e)
class Wrong(abc.ABC): pass
Wrong._abc_impl = 5
try:
    issubclass(int, Wrong)
except TypeError as e:
    print("TypeError", e)

# collections.abc and numbers
samples = [1, 2.5, 1j, True, "s", b"b", bytearray(), [1], (1,), {1: 2}, {1}, frozenset(), range(3),
           iter([]), (x for x in ()), None, len, {}.keys(), {}.items(), {}.values()]
abcs = [cabc.Hashable, cabc.Iterable, cabc.Iterator, cabc.Generator, cabc.Sized, cabc.Container,
        cabc.Callable, cabc.Collection, cabc.Sequence, cabc.MutableSequence, cabc.Set, cabc.MutableSet,
        cabc.Mapping, cabc.MutableMapping, cabc.MappingView, cabc.KeysView, cabc.ItemsView, cabc.ValuesView,
        cabc.ByteString, cabc.Reversible, cabc.Awaitable, cabc.AsyncIterable,
        numbers.Number, numbers.Complex, numbers.Real, numbers.Rational, numbers.Integral]
for a in abcs:
    print(a.__name__, "".join("1" if isinstance(s, a) else "." for s in samples))
for a in abcs:
    print(a.__name__, "".join("1" if issubclass(type(s), a) else "." for s in samples))

class MySeq(cabc.Sequence):
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
    def __getitem__(self, i):
        if i >= self.n: raise IndexError
        return i * 10
s = MySeq(3)
print(list(s), 20 in s, s.index(20), s.count(10), list(reversed(s)), isinstance(s, cabc.Reversible))
class MyMap(cabc.Mapping):
    def __init__(self, d): self.d = d
    def __getitem__(self, k): return self.d[k]
    def __len__(self): return len(self.d)
    def __iter__(self): return iter(self.d)
m = MyMap({"a": 1})
print(dict(m), m.get("a"), m.get("z", 0), "a" in m, list(m.items()), m == {"a": 1})
try:
    cabc.Sequence()
except TypeError as e:
    print("TypeError", e)

# pattern matching follows the Sequence / Mapping marks
class RegSeq:
    def __len__(self): return 2
    def __getitem__(self, i):
        if i >= 2: raise IndexError
        return i
class RegMap:
    def __getitem__(self, k): return 1
    def get(self, k, d=None): return 1
    def keys(self): return ["x"]
    def __iter__(self): return iter(["x"])
    def __len__(self): return 1
class SubRegSeq(RegSeq): pass
def kind(x):
    match x:
        case {"x": v}:
            return "mapping"
        case [a, b]:
            return "sequence"
        case _:
            return "other"
print(kind(RegSeq()), kind(RegMap()), kind(s), kind(m), kind(SubRegSeq()))
cabc.Sequence.register(RegSeq)
cabc.Mapping.register(RegMap)
print(kind(RegSeq()), kind(RegMap()), kind(SubRegSeq()), kind([1, 2]), kind({"x": 1}), kind("ab"))
import collections
print(kind(collections.deque([1, 2])), kind(collections.OrderedDict(x=1)), kind(collections.UserList([1, 2])))
print("__abc_tpflags__" in cabc.Sequence.__dict__, "__abc_tpflags__" in cabc.Mapping.__dict__)

# update_abstractmethods
class U(abc.ABC):
    @abc.abstractmethod
    def m(self): ...
class V(U):
    pass
V.m = lambda self: 1
print(sorted(V.__abstractmethods__), sorted(abc.update_abstractmethods(V).__abstractmethods__))
print(V().m())
