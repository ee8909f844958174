# topic: exception chaining: __cause__, __context__, __suppress_context__, from None
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("during handling")
except ValueError as e:
    print(repr(e.__context__), e.__cause__, e.__suppress_context__)
try:
    try:
        {}["k"]
    except KeyError as k:
        raise RuntimeError("explicit") from k
except RuntimeError as e:
    print(repr(e.__cause__), repr(e.__context__), e.__suppress_context__)
try:
    try:
        raise OSError("os")
    except OSError:
        raise TypeError("quiet") from None
except TypeError as e:
    print(e.__cause__, repr(e.__context__), e.__suppress_context__)
e = ValueError("x")
print(e.__cause__, e.__context__, e.__suppress_context__, e.__traceback__)
e.__cause__ = KeyError("manual")
print(repr(e.__cause__), e.__suppress_context__)
try:
    raise ValueError("v") from 5
except TypeError as err:
    print("TypeError", err)
try:
    raise ValueError("v") from KeyError
except ValueError as err:
    print(repr(err.__cause__))
def tb_depth(exc):
    n = 0
    tb = exc.__traceback__
    while tb is not None:
        n += 1
        tb = tb.tb_next
    return n
def a():
    b()
def b():
    raise LookupError("deep")
try:
    a()
except LookupError as err:
    print("traceback entries", tb_depth(err), err.__traceback__.tb_lineno > 0)
try:
    try:
        raise ValueError(1)
    except ValueError as first:
        try:
            raise KeyError(2)
        except KeyError as second:
            raise IndexError(3)
except IndexError as third:
    print(repr(third.__context__), repr(third.__context__.__context__))
