# topic: hostile: exceptions from __exit__, __enter__, __iter__, __index__, __bool__ in control flow
class BadBool:
    def __bool__(self):
        raise OverflowError("bool")
for label, fn in (
    ("if", lambda: 1 if BadBool() else 0),
    ("and", lambda: BadBool() and 1),
    ("not", lambda: not BadBool()),
    ("while", lambda: [None for _ in iter(int, 1) if BadBool()]),
    ("filter", lambda: list(filter(None, [BadBool()]))),
    ("any", lambda: any([BadBool()])),
):
    try:
        fn()
    except OverflowError as e:
        print(label, "OverflowError", e)
class BadIndex:
    def __index__(self):
        raise ArithmeticError("index")
for label, fn in (("slice", lambda: [1, 2][BadIndex():]), ("range", lambda: range(BadIndex())), ("mul", lambda: "a" * BadIndex()), ("hex", lambda: hex(BadIndex()))):
    try:
        fn()
    except ArithmeticError as e:
        print(label, "ArithmeticError", e)
class ExitRaises:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        raise LookupError("exit")
def in_loop():
    for i in range(3):
        with ExitRaises():
            if i == 0:
                continue
    return "unreachable"
try:
    in_loop()
except LookupError as e:
    print("LookupError from __exit__ on continue", e)
def in_return():
    with ExitRaises():
        return "value"
try:
    in_return()
except LookupError as e:
    print("LookupError from __exit__ on return", e)
print("end")
