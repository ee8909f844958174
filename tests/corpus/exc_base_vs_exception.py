# topic: BaseException subclasses not caught by except Exception: SystemExit, KeyboardInterrupt, GeneratorExit
for cls in (SystemExit, KeyboardInterrupt, GeneratorExit, Exception, ArithmeticError):
    try:
        try:
            raise cls("x")
        except Exception:
            print(cls.__name__, "caught by except Exception")
    except BaseException as e:
        print(cls.__name__, "escaped to BaseException handler:", repr(e))
se = SystemExit(5)
print(se.code, SystemExit().code, SystemExit(1, 2).code, SystemExit("msg").code)
try:
    raise StopIteration(7)
except Exception as e:
    print(type(e).__name__, e.value)
try:
    raise StopAsyncIteration
except Exception as e:
    print(type(e).__name__)
