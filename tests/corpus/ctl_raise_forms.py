# topic: raise forms: class, instance, bare re-raise, re-raise in nested handler, raise outside handler
def f(kind):
    try:
        if kind == 1:
            raise ValueError
        if kind == 2:
            raise ValueError("msg", 2)
        if kind == 3:
            raise
    except RuntimeError as e:
        return "RuntimeError: " + str(e)
    except ValueError as e:
        return repr(e)
for k in (1, 2, 3):
    print(f(k))
try:
    try:
        raise KeyError("a")
    except KeyError:
        try:
            raise TypeError("b")
        except TypeError:
            pass
        raise
except KeyError as e:
    print("re-raised the KeyError:", repr(e))
class NotExc:
    pass
try:
    raise NotExc
except TypeError as e:
    print("TypeError", e)
try:
    raise NotExc()
except TypeError as e:
    print("TypeError", e)
class MyErr(Exception):
    def __init__(self, a, b):
        super().__init__(a)
        self.b = b
try:
    raise MyErr("first", "second")
except MyErr as e:
    print(repr(e), e.args, e.b, str(e))
try:
    raise MyErr
except TypeError as e:
    print("TypeError", e)
