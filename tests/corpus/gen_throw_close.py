# topic: generator throw() and close(): handlers, finally, GeneratorExit, yielding during close
def g():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print("caught inside", e)
        yield "recovered"
    finally:
        print("cleanup")
it = g()
print(next(it))
print(it.throw(ValueError("injected")))
try:
    next(it)
except StopIteration:
    print("stopped")
it = g()
next(it)
it.close()
print("closed")
it.close()
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield "no!"
s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError", e)
def unstarted():
    print("never runs")
    yield
u = unstarted()
u.close()
try:
    next(u)
except StopIteration:
    print("closed before start")
it = g()
try:
    it.throw(KeyError("early"))
except KeyError as e:
    print("throw into unstarted propagates", repr(e))
def catches_all():
    while True:
        try:
            yield
        except Exception as e:
            print("swallowed", type(e).__name__)
c = catches_all()
next(c)
c.throw(IndexError)
c.throw(TypeError, TypeError("x"))
c.close()
def returns_on_close():
    try:
        yield 1
    except GeneratorExit:
        return "ignored value"
r = returns_on_close()
next(r)
print(r.close())
