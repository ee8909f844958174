# topic: with statement: __exit__ receives exception details; return values; exceptions in body vs __exit__
class Recorder:
    def __init__(self, swallow):
        self.swallow = swallow
    def __enter__(self):
        return self
    def __exit__(self, exc_type, exc, tb):
        self.args = (exc_type, exc, tb is None)
        return self.swallow
r = Recorder(False)
with r:
    pass
print(r.args)
r = Recorder(True)
with r:
    raise ValueError("inside")
print(r.args[0].__name__, repr(r.args[1]), r.args[2])
r = Recorder(0)
try:
    with r:
        raise KeyError("x")
except KeyError:
    print("falsy 0 does not suppress")
r = Recorder(True)
def f():
    with r:
        raise StopIteration
    return "after with"
print(f())
class CMGen:
    def __init__(self):
        self.log = []
    def __enter__(self):
        self.log.append("enter")
    def __exit__(self, *exc):
        self.log.append("exit")
        return False
c = CMGen()
def gen():
    with c:
        yield 1
        yield 2
g = gen()
next(g)
print(c.log)
g.close()
print(c.log)
