# topic: hostile: __repr__/__str__/__format__ recursing into themselves raise RecursionError
class SelfRepr:
    def __repr__(self):
        return "SelfRepr(" + repr(self) + ")"
class SelfStr:
    def __str__(self):
        return str(self) + "!"
class SelfFormat:
    def __format__(self, spec):
        return format(self, spec)
for obj, fn in ((SelfRepr(), repr), (SelfStr(), str), (SelfFormat(), format)):
    try:
        fn(obj)
    except RecursionError as e:
        print(type(obj).__name__, "RecursionError", e)
try:
    print([SelfRepr()])
except RecursionError as e:
    print("print of list", e)
print("recovered")
