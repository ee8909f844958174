# topic: except ... as name is deleted after the handler; nested handlers and name reuse
e = "preserved?"
try:
    raise ValueError("v")
except ValueError as e:
    print("in handler", e)
print("e" in dir())
try:
    print(e)
except NameError as err:
    print("NameError", err)
def f():
    err = None
    try:
        1 / 0
    except ZeroDivisionError as err:
        saved = err
    return saved, "err" in locals()
print(f())
try:
    try:
        raise KeyError("k")
    except KeyError as x:
        raise ValueError("v") from x
except ValueError as y:
    print(repr(y.__cause__))
