# topic: except* with ExceptionGroup: splitting, rest re-raised, nesting
def raiser():
    raise ExceptionGroup("group", [ValueError("v1"), TypeError("t1"), ValueError("v2"), KeyError("k")])
try:
    try:
        raiser()
    except* ValueError as eg:
        print("ValueErrors:", repr(eg), [str(e) for e in eg.exceptions])
    except* TypeError as eg:
        print("TypeErrors:", [repr(e) for e in eg.exceptions])
except ExceptionGroup as rest:
    print("rest:", repr(rest), rest.message)
try:
    raise ValueError("naked")
except* ValueError as eg:
    print("naked wrapped:", type(eg).__name__, repr(eg.exceptions))
eg = ExceptionGroup("outer", [ValueError(1), ExceptionGroup("inner", [TypeError(2), ValueError(3)])])
match, rest = eg.split(ValueError)
print(repr(match))
print(repr(rest))
print(repr(eg.subgroup(lambda e: isinstance(e, TypeError))))
print(repr(eg.subgroup(OSError)))
beg = BaseExceptionGroup("b", [KeyboardInterrupt()])
print(type(beg).__name__, type(BaseExceptionGroup("m", [ValueError()])).__name__)
try:
    ExceptionGroup("bad", [])
except ValueError as e:
    print("ValueError", e)
try:
    ExceptionGroup("bad", [KeyboardInterrupt()])
except TypeError as e:
    print("TypeError", e)
print(str(eg), eg.args[0], len(eg.exceptions))
try:
    try:
        raise ExceptionGroup("g", [OSError("o")])
    except* OSError:
        raise RuntimeError("from handler")
except Exception as e:
    print(type(e).__name__, [type(x).__name__ for x in getattr(e, "exceptions", [e])])
print(issubclass(ExceptionGroup, Exception), issubclass(ExceptionGroup, BaseExceptionGroup))
