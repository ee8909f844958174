# topic: sys.exc_info() across generator suspension: a generator's handled exception is its own, the caller's shows through otherwise
import sys


def name():
    t = sys.exc_info()[0]
    return t.__name__ if t else None


def gen():
    yield "start", name()
    try:
        raise KeyError("in gen")
    except KeyError:
        yield "in handler", name()
        yield "still", name()
    yield "after handler", name()


g = gen()
print(next(g), name())
try:
    raise ValueError("caller")
except ValueError:
    print(next(g), name())
    print(next(g), name())
print(next(g), name())
try:
    raise IndexError
except IndexError:
    print(next(g, "done"), name())


def outer():
    try:
        raise TypeError("outer")
    except TypeError:
        yield from inner()
        yield "outer after", name()


def inner():
    yield "inner", name()
    try:
        raise ZeroDivisionError
    except ZeroDivisionError:
        yield "inner handler", name()


print(list(outer()), name())


def catcher():
    while True:
        try:
            yield name()
        except Exception as e:
            yield "caught " + type(e).__name__ + " " + str(name())


c = catcher()
print(next(c))
print(c.throw(RuntimeError("x")), name())
print(next(c), name())
try:
    raise OSError
except OSError:
    print(c.send(None), name())
