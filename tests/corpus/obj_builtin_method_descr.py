# Methods of built-in types are descriptors: __get__ binds them, and
# type.__prepare__ gives metaclasses a fresh namespace.
class P:
    __slots__ = ("a",)

p = P()
setter = object.__setattr__.__get__(p)
setter("a", 5)
print(p.a, object.__setattr__.__get__(None, P) is object.__setattr__)
up = str.upper.__get__("abc")
print(up(), str.upper.__get__("xy", str)())
print(list.append.__get__([1]).__self__)
try:
    str.upper.__get__(5)
except TypeError as e:
    print("TypeError", e)

class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        ns = super().__prepare__(name, bases, **kw)
        ns["seen"] = (name, len(bases), sorted(kw))
        return ns
    def __new__(mcls, name, bases, ns, **kw):
        return super().__new__(mcls, name, bases, ns)

class C(metaclass=Meta, flag=1):
    pass

print(C.seen, type.__prepare__("X", ()), type(type.__prepare__()))
