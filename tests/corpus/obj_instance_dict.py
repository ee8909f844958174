# topic: instance __dict__ replacement and deletion, __dict__/__weakref__ getset descriptors in class dicts, weak references to slotted objects
import weakref
class C:
    x = 1
print([k for k in C.__dict__], type(C.__dict__["__dict__"]).__name__)
print(C.__dict__["__dict__"], C.__dict__["__weakref__"], C.__dict__["__dict__"].__objclass__ is C)
c = C()
c.a = 1
old = c.__dict__
c.__dict__ = {"b": 2}
print(vars(c), c.b, hasattr(c, "a"), old)
d = {"z": 9}
c.__dict__ = d
d["w"] = 10
print(c.w, c.__dict__ is d)
c.v = 11
print(d)
for bad in (5, [("a", 1)], None):
    try:
        c.__dict__ = bad
    except TypeError as e:
        print("TypeError", e)
C.__dict__["__dict__"].__set__(c, {"q": 1})
print(c.q, C.__dict__["__dict__"].__get__(c))
try:
    C.__dict__["__dict__"].__get__(3)
except TypeError as e:
    print("TypeError", e)
del c.__dict__
print(c.__dict__, hasattr(c, "q"))
class DictSub(dict):
    pass
c.__dict__ = DictSub(k=1)
print(c.k, type(c.__dict__).__name__)

print(C.__dict__["__weakref__"].__get__(c))
r = weakref.ref(c)
print(c.__weakref__ is r, C.__dict__["__weakref__"].__get__(c) is r)
try:
    c.__weakref__ = None
except AttributeError as e:
    print("AttributeError", e)

class D(C):
    pass
print("__dict__" in D.__dict__, "__weakref__" in D.__dict__, list(D.__dict__))
class E(Exception):
    pass
print("__dict__" in E.__dict__, "__weakref__" in E.__dict__)
class S:
    __slots__ = ("a",)
class SW:
    __slots__ = ("a", "__weakref__")
print("__weakref__" in S.__dict__, "__weakref__" in SW.__dict__, "__dict__" in SW.__dict__)
try:
    weakref.ref(S())
except TypeError as e:
    print("TypeError", e)
try:
    weakref.ref(object())
except TypeError as e:
    print("TypeError", e)
sw = SW()
wr = weakref.ref(sw)
print(wr() is sw, sw.__weakref__ is wr)
del sw
print(wr())
class Empty:
    __slots__ = ()
class Mixed(Empty, C):
    pass
print([k for k in Mixed.__dict__])
class Meta(type):
    pass
class WithMeta(metaclass=Meta):
    pass
print("__dict__" in Meta.__dict__, "__weakref__" in Meta.__dict__, type(WithMeta.__dict__).__name__)
class Doc:
    "the doc"
class NoDoc(Doc):
    pass
print(Doc.__doc__, NoDoc.__doc__, NoDoc().__doc__, list(Doc.__dict__))
