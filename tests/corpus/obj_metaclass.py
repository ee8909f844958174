# topic: metaclasses: __new__/__init__/__call__/__prepare__, class keywords, type() 3-arg
class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        print("Meta.__new__", name, [b.__name__ for b in bases], sorted(k for k in ns if not k.startswith("__")), kw)
        cls = super().__new__(mcls, name, bases, ns)
        cls.tag = kw.get("tag", "none")
        return cls
    def __init__(cls, name, bases, ns, **kw):
        print("Meta.__init__", name)
        super().__init__(name, bases, ns)
    def __call__(cls, *a, **k):
        print("Meta.__call__", cls.__name__, a)
        return super().__call__(*a, **k)
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("__prepare__", name)
        return {"injected": 1}
class Thing(metaclass=Meta, tag="hello"):
    def method(self):
        return 1
    def __init__(self, x):
        self.x = x
t = Thing(5)
print(t.x, Thing.tag, Thing.injected, type(Thing).__name__)
class Sub(Thing):
    pass
print(Sub.tag, type(Sub) is Meta)
Dyn = type("Dyn", (object,), {"a": 1, "f": lambda self: self.a + 1})
print(Dyn.__name__, Dyn().f(), Dyn.__qualname__, Dyn.__module__)
print(type(5) is int, type(type) is type)
class M1(type): pass
class M2(type): pass
class A1(metaclass=M1): pass
class A2(metaclass=M2): pass
try:
    class AB(A1, A2): pass
except TypeError as e:
    print("TypeError", e)
class Registry(type):
    classes = []
    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        Registry.classes.append(name)
class Base(metaclass=Registry): pass
class One(Base): pass
class Two(One): pass
print(Registry.classes)
def functional_meta(name, bases, ns):
    ns["made_by"] = "function"
    return type(name, bases, ns)
class F(metaclass=functional_meta):
    pass
print(F.made_by, type(F).__name__)
try:
    type("x", (), {}, extra=1)
except TypeError as e:
    print("TypeError", e)
