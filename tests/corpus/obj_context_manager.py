# topic: user context managers: return values of __exit__, exception info, reentrancy
class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        self.caught = ev
        return et is not None and issubclass(et, self.types)
with Suppress(KeyError) as s:
    {}["x"]
print("suppressed", repr(s.caught))
try:
    with Suppress(KeyError):
        [][0]
except IndexError as e:
    print("not suppressed", e)
class Transaction:
    def __init__(self):
        self.log = []
    def __enter__(self):
        self.log.append("begin")
        return self.log
    def __exit__(self, et, ev, tb):
        self.log.append("rollback" if et else "commit")
t = Transaction()
with t as log:
    log.append("work")
try:
    with t:
        raise RuntimeError
except RuntimeError:
    pass
print(t.log)
class ExitRaises:
    def __enter__(self): return self
    def __exit__(self, *a):
        raise ValueError("from exit")
try:
    with ExitRaises():
        raise KeyError("body")
except ValueError as e:
    print("ValueError", e, "context", repr(e.__context__))
class EnterRaises:
    def __enter__(self): raise OSError("enter failed")
    def __exit__(self, *a):
        print("never called")
try:
    with EnterRaises():
        print("never")
except OSError as e:
    print("OSError", e)
class Truthy:
    def __enter__(self): return 1
    def __exit__(self, *a): return "yes"
with Truthy():
    raise TypeError("suppressed by truthy str")
print("after truthy")
