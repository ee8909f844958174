# The traceback module, sys.exc_info and context managers see the same
# traceback objects, and format chains as modified (unittest-style trimming).
import sys
import traceback


def helper_check(x):
    if x < 0:
        raise ValueError(f"negative: {x}")


def user_code(x):
    helper_check(x)


def runner(x):
    user_code(x)


try:
    runner(-1)
except ValueError:
    t, v, tb = sys.exc_info()
    print(tb is v.__traceback__, sys.exc_info()[2] is tb)
    err = v

print("".join(traceback.format_tb(tb)), end="")
print("--- drop the runner frame (like unittest's _is_relevant_tb_level)")
tb = tb.tb_next.tb_next
print("".join(traceback.format_exception(type(err), err, tb)), end="")
print("--- cut at the helper (like _remove_unittest_tb_frames)")
prev = None
cur = tb
while cur is not None and cur.tb_frame.f_code.co_name != "helper_check":
    prev, cur = cur, cur.tb_next
prev.tb_next = None
print("".join(traceback.format_exception(type(err), err, tb)), end="")
err.__traceback__ = tb
te = traceback.TracebackException.from_exception(err)
print([f.name for f in te.stack])
print("".join(te.format()), end="")
print("--- limits")
print("".join(traceback.format_tb(err.__traceback__.tb_next, limit=1)), end="")
traceback.print_exception(err, limit=-1, file=sys.stdout)


# Chained exceptions keep their own (trimmed) chains.
def outer():
    try:
        runner(-2)
    except ValueError as e:
        e.__traceback__.tb_next.tb_next = None
        raise RuntimeError("wrapped") from e


try:
    outer()
except RuntimeError as e:
    wrapped = e
print("".join(traceback.format_exception(wrapped)), end="")


# __exit__ receives the exception's own traceback object.
class Catch:
    def __enter__(self):
        return self

    def __exit__(self, tp, val, tb):
        self.same = tb is val.__traceback__
        self.names = [f.name for f in traceback.extract_tb(tb)]
        return True


with Catch() as c:
    runner(-3)
print(c.same, c.names)

# Re-raising prepends entries in front of the existing chain objects.
first = err.__traceback__


def again():
    raise err


try:
    again()
except ValueError as e:
    chain = []
    t = e.__traceback__
    while t is not None:
        chain.append(t)
        t = t.tb_next
    print(len(chain), chain[2] is first, [x.tb_frame.f_code.co_name for x in chain])



# generator.throw(typ, val, tb) continues from the given traceback.
def gen():
    yield 1
    yield 2


g = gen()
next(g)
try:
    g.throw(ValueError, ValueError("thrown"), first)
except ValueError as e:
    print([f.name for f in traceback.extract_tb(e.__traceback__)])
g = gen()
next(g)
try:
    g.throw(ValueError, None, 5)
except TypeError as x:
    print("TypeError:", x)

# sys.tracebacklimit limits the uncaught-exception printout to the
# innermost entries.
sys.tracebacklimit = 2
sys.stdout.flush()
runner(-4)
