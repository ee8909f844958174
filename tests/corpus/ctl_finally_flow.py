# topic: return/break/continue inside finally override exceptions and returns
def ret_in_finally():
    try:
        return "try"
    finally:
        return "finally"
print(ret_in_finally())
def swallow():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"
print(swallow())
def order():
    log = []
    try:
        log.append("try")
        return log
    finally:
        log.append("finally")
print(order())
for i in range(3):
    try:
        if i == 1:
            raise RuntimeError("x")
    finally:
        if i == 1:
            print("continue in finally at", i)
            continue
    print("body done", i)
while True:
    try:
        raise KeyError("gone")
    finally:
        print("break in finally")
        break
print("after while")
def nested():
    try:
        try:
            return 1
        finally:
            print("inner finally")
    finally:
        print("outer finally")
print(nested())
def finally_value():
    x = 1
    try:
        return x
    finally:
        x = 2
print(finally_value())
def exc_in_finally():
    try:
        raise ValueError("first")
    finally:
        raise TypeError("second")
try:
    exc_in_finally()
except TypeError as e:
    print(type(e).__name__, e, "context:", repr(e.__context__))
def loop_return():
    for i in range(5):
        try:
            if i == 2:
                return i
        finally:
            print("finally", i)
print(loop_return())
