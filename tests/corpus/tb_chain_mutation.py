# Traceback objects form a linked chain whose tb_next can be reassigned;
# the uncaught-exception printout follows the chain as modified.
import sys


def level3():
    raise KeyError("deep")


def level2():
    level3()


def level1():
    level2()


def catch():
    try:
        level1()
    except KeyError as e:
        return e


def names(tb):
    out = []
    while tb is not None:
        out.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    return out


err = catch()
tb = err.__traceback__
print(names(tb))

# Identity is stable across reads, all along the chain.
print(err.__traceback__ is tb, tb.tb_next is tb.tb_next, tb.tb_next.tb_next is tb.tb_next.tb_next)
print(tb.tb_frame is tb.tb_frame, type(tb).__name__, type(tb.tb_lasti).__name__)

# Assigning None cuts the chain; another traceback splices it.
second = tb.tb_next
third = second.tb_next
second.tb_next = None
print(names(tb))
second.tb_next = third
print(names(tb))
tb.tb_next = third
print(names(tb), names(second))

# Wrong types, deletion, loops.
for bad in (5, "tb", err):
    try:
        tb.tb_next = bad
    except TypeError as x:
        print("TypeError:", x)
try:
    del tb.tb_next
except TypeError as x:
    print("TypeError:", x)
for target in (tb, third):
    try:
        third.tb_next = target
    except ValueError as x:
        print("ValueError:", x)
try:
    third.tb_next.tb_next = tb
except ValueError as x:
    print("ValueError:", x)
except AttributeError as x:
    print("AttributeError:", x)
print(names(tb))

# Read-only attributes.
for attr in ("tb_frame", "tb_lasti", "tb_lineno"):
    try:
        setattr(tb, attr, 1)
    except AttributeError as x:
        print("AttributeError:", attr, x)
    try:
        delattr(tb, attr)
    except AttributeError as x:
        print("AttributeError: del", attr, x)
try:
    tb.extra = 1
except AttributeError as x:
    print("AttributeError:", x)

# __traceback__ assignment checks its value.
try:
    err.__traceback__ = "nope"
except TypeError as x:
    print("TypeError:", x)
e2 = ValueError("other")
print(e2.__traceback__, e2.with_traceback(third) is e2, e2.__traceback__ is third)
e2.__traceback__ = None
print(e2.__traceback__)

# Raise with the modified chain: the printout shows <module> (this raise),
# catch, then level3 (level1 and level2 were spliced out).
sys.stdout.flush()
raise err
