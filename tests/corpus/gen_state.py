# topic: generator state inspection: gi_running, gi_frame, re-entrancy error, gi_yieldfrom
def selfref():
    yield next(me)
me = selfref()
try:
    next(me)
except ValueError as e:
    print("ValueError", e)
def g():
    yield 1
x = g()
print(x.gi_running, x.gi_frame is not None)
next(x)
print(x.gi_frame.f_lineno if x.gi_frame else None)
list(x)
print(x.gi_frame)
def sub():
    yield 1
def dele():
    yield from sub()
d = dele()
next(d)
print(type(d.gi_yieldfrom).__name__, d.gi_code.co_name)
