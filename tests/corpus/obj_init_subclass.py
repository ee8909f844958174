# topic: __init_subclass__ with keywords, __set_name__, __class_getitem__
class Plugin:
    registry = {}
    def __init_subclass__(cls, key=None, **kw):
        super().__init_subclass__(**kw)
        Plugin.registry[key or cls.__name__] = cls
class A(Plugin, key="alpha"): pass
class B(Plugin): pass
print({k: v.__name__ for k, v in Plugin.registry.items()})
try:
    class C(Plugin, unknown=1): pass
except TypeError as e:
    print("TypeError", e)
class Field:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = name
    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return f"field {self.name} of {type(obj).__name__}"
class Model:
    first = Field()
    second = Field()
print(Model().first, Model.second.name)
class Box:
    def __class_getitem__(cls, item):
        return f"Box[{item!r}]"
print(Box[int], Box["x"], Box[1, 2])
print(list[int], dict[str, list[int]], tuple[int, ...], type[int])
print(list[int] == list[int], list[int]().__class__)
class Late:
    pass
f = Field()
Late.added = f
print(hasattr(f, "name"))
