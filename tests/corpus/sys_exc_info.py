# topic: sys.exc_info() inside and outside handlers, nested handlers, in finally, in called functions
import sys
print(sys.exc_info())
def show():
    t, v, tb = sys.exc_info()
    return (t.__name__ if t else None, str(v) if v else None, tb is not None)
try:
    raise ValueError("outer")
except ValueError:
    print(show())
    try:
        raise KeyError("inner")
    except KeyError:
        print(show())
    print(show())
print(show())
try:
    try:
        raise TypeError("in finally")
    finally:
        print("finally", show())
except TypeError:
    pass
try:
    raise IndexError("x")
except IndexError as e:
    print(sys.exc_info()[1] is e, sys.exc_info()[2] is e.__traceback__)
print(show())
