# topic: exceptions raised in except/else/finally, handler variable scope, nested handlers restoring context
try:
    try:
        raise ValueError("a")
    except ValueError:
        raise TypeError("b")
    finally:
        print("finally runs")
except TypeError as e:
    print("TypeError", e, "context", repr(e.__context__))
try:
    try:
        pass
    except ValueError:
        pass
    else:
        raise KeyError("from else")
except KeyError as e:
    print("KeyError from else", e, e.__context__)
import sys
try:
    raise ValueError("outer")
except ValueError:
    try:
        raise TypeError("inner")
    except TypeError:
        print("inner info", sys.exc_info()[0].__name__)
    print("restored info", sys.exc_info()[0].__name__, sys.exc_info()[1])
print("after", sys.exc_info())
def gen_ctx():
    try:
        raise KeyError("in gen")
    except KeyError:
        yield sys.exc_info()[0].__name__
g = gen_ctx()
print(next(g), sys.exc_info()[0])
