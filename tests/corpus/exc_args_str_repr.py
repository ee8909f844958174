# topic: exception args, str and repr with zero, one, several args; with_traceback; notes
for e in [Exception(), Exception("one"), Exception("a", 2), Exception(None), ValueError(""), ValueError(("t",)), KeyError(), KeyError("k"), KeyError("a", "b"), KeyError(5), IndexError(3), UnicodeError("u")]:
    print(repr(e), repr(str(e)), e.args)
e = ValueError("x")
e.args = ("changed", 1)
print(e, repr(e))
e.args = "abc"
print(e.args)
try:
    raise RuntimeError("with tb")
except RuntimeError as err:
    tb = err.__traceback__
    new = ValueError("new").with_traceback(tb)
    print(new.__traceback__ is tb)
n = ValueError("noted")
n.add_note("first note")
n.add_note("second")
print(n.__notes__, str(n))
try:
    n.add_note(5)
except TypeError as err:
    print("TypeError", err)
class E(Exception):
    pass
print(repr(E("a")), str(E()), E.__name__, E.__module__, E.__qualname__)
print(BaseException.__new__(ValueError).args)
print(Exception("a") == Exception("a"), bool(Exception()))
