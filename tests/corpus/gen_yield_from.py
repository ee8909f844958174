# topic: yield from: delegation, return values, send/throw passthrough
def inner():
    x = yield "i1"
    print("inner got", x)
    y = yield "i2"
    print("inner got", y)
    return "inner result"
def outer():
    r = yield from inner()
    print("outer got result", r)
    yield "o1"
    return "outer result"
o = outer()
print(next(o))
print(o.send("A"))
print(o.send("B"))
try:
    next(o)
except StopIteration as e:
    print("final", e.value)
def flatten(xs):
    for x in xs:
        if isinstance(x, list):
            yield from flatten(x)
        else:
            yield x
print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))
def from_iterable():
    yield from range(3)
    yield from "ab"
    yield from {"k": 1}
print(list(from_iterable()))
def thrower():
    try:
        yield 1
    except KeyError:
        yield "inner handled"
def deleg():
    yield from thrower()
d = deleg()
next(d)
print(d.throw(KeyError))
def closer():
    try:
        yield 1
    finally:
        print("inner finally on close")
def deleg2():
    yield from closer()
d2 = deleg2()
next(d2)
d2.close()
print(d2.gi_running, d2.gi_frame)
