# topic: attribute lookup order: data descriptor > instance dict > non-data descriptor > class attr > __getattr__
class DataDesc:
    def __get__(self, obj, owner):
        return "data descriptor"
    def __set__(self, obj, value):
        obj.__dict__["dd"] = value
class NonDataDesc:
    def __get__(self, obj, owner):
        return "non-data descriptor"
class C:
    dd = DataDesc()
    nd = NonDataDesc()
    plain = "class attribute"
    def __getattr__(self, name):
        return f"__getattr__({name})"
c = C()
print(c.dd, c.nd, c.plain, c.missing)
c.__dict__.update(dd="instance dd", nd="instance nd", plain="instance plain")
print(c.dd, c.nd, c.plain)
del c.__dict__["plain"]
print(c.plain)
C.plain = "changed on class"
print(c.plain)
class Meta(type):
    attr = "from metaclass"
    def __getattr__(cls, name):
        return f"Meta.__getattr__({name})"
class WithMeta(metaclass=Meta):
    pass
print(WithMeta.attr, WithMeta.other)
try:
    WithMeta().attr
except AttributeError as e:
    print("AttributeError", e)
