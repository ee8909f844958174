# topic: user-defined exception classes: custom __init__/__str__, hierarchies, catching order
class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, what):
        super().__init__(f"{what} not found")
        self.what = what
class Fancy(AppError):
    def __str__(self):
        return "fancy: " + ", ".join(map(str, self.args))
class NoSuper(Exception):
    def __init__(self, a, b):
        self.a = a
for exc in (NotFound("file"), Fancy(1, 2), AppError(), NoSuper(1, 2)):
    try:
        raise exc
    except NotFound as e:
        print("NotFound", e, e.what, e.args)
    except AppError as e:
        print("AppError", type(e).__name__, str(e), repr(e))
    except Exception as e:
        print("Exception", type(e).__name__, repr(e), e.args, str(e))
class WithSlots(Exception):
    __slots__ = ("x",)
w = WithSlots("m")
w.x = 1
print(w.x, w.args)
class Reprd(Exception):
    def __repr__(self):
        return "Reprd!"
print(repr(Reprd()), [Reprd()])
