# topic: hostile: __repr__/__str__ that raise while printing containers and f-strings; uncaught at the end
class BadRepr:
    def __repr__(self):
        raise ValueError("repr exploded")
class BadStr:
    def __str__(self):
        raise KeyError("str exploded")
for fn in (lambda: repr(BadRepr()), lambda: print([1, BadRepr()]), lambda: f"{BadRepr()!r}", lambda: str({"k": BadRepr()}), lambda: "%r" % (BadRepr(),)):
    try:
        fn()
    except ValueError as e:
        print("ValueError", e)
for fn in (lambda: str(BadStr()), lambda: f"{BadStr()}", lambda: "%s" % BadStr(), lambda: "{}".format(BadStr())):
    try:
        fn()
    except KeyError as e:
        print("KeyError", e)
class ReprNotStr:
    def __repr__(self):
        return 42
try:
    repr(ReprNotStr())
except TypeError as e:
    print("TypeError", e)
print("now printing one directly")
print(BadStr())
