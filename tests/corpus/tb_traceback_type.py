# types.TracebackType: construction, argument checks, and printing a
# hand-built chain (traceback module and the uncaught-exception printout).
import sys
import traceback
import types

T = types.TracebackType
print(T.__name__, T.__module__, T is type(sys.exc_info()[2]) or T)


def fail():
    return 1 / 0


def run():
    return fail()


try:
    run()
except ZeroDivisionError as e:
    err = e

tb = err.__traceback__
inner = tb.tb_next.tb_next
print(inner.tb_frame.f_code.co_name, inner.tb_lineno)

# Argument checks (CPython's messages).
frame = inner.tb_frame
cases = [
    (),
    (None,),
    (None, frame),
    (None, frame, 0),
    (None, 1, 2, 3),
    (5, frame, 0, 1),
    ("x", frame, 0, 1),
    (None, frame, "a", 1),
    (None, frame, 0, 2.5),
    (None, frame, 2**40, 1),
    (None, frame, 0, -2**40),
    (None, frame, 0, 1, 5),
]
for args in cases:
    try:
        T(*args)
    except (TypeError, OverflowError) as x:
        print(type(x).__name__ + ":", x)
try:
    T(tb_next=None, tb_frame=frame, tb_lasti=0, tb_lineno=1, extra=2)
except TypeError as x:
    print("TypeError:", x)
try:
    T(None, frame, 0, 1, tb_next=None)
except TypeError as x:
    print("TypeError:", x)
for bad in (int, 5):
    try:
        T.__new__(bad)
    except TypeError as x:
        print("TypeError:", x)
try:
    class Sub(T):
        pass
except TypeError as x:
    print("TypeError:", x)

# A copy of the innermost entry, and a chain built by hand.
copy = T(None, inner.tb_frame, inner.tb_lasti, inner.tb_lineno)
print(copy.tb_next, copy.tb_frame is inner.tb_frame, copy.tb_lineno == inner.tb_lineno, copy.tb_lasti == inner.tb_lasti)
head = T(tb_next=copy, tb_frame=tb.tb_frame, tb_lasti=tb.tb_lasti, tb_lineno=tb.tb_lineno)
print(head.tb_next is copy)
try:
    copy.tb_next = head
except ValueError as x:
    print("ValueError:", x)

print("".join(traceback.format_tb(head)), end="")
print([(f.name, f.lineno, f.line) for f in traceback.extract_tb(head)])
print([(f.f_code.co_name, n) for f, n in traceback.walk_tb(head)])
print("".join(traceback.format_exception(ZeroDivisionError, err, head)), end="")

# A traceback object's line number is its own: the uncaught-exception
# printout shows the given line (here past the end of the file: no source).
odd = T(None, inner.tb_frame, inner.tb_lasti, 1000)
print(odd.tb_lineno)
sys.stdout.flush()
raise err.with_traceback(T(odd, tb.tb_frame, tb.tb_lasti, tb.tb_lineno))
