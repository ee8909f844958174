# Built-in exceptions refuse keyword arguments unless a subclass's own
# __init__ takes them; add_note needs __notes__ to be a list.
class E(Exception):
    pass


class Fancy(BaseException):
    def __init__(self, fancy_arg):
        BaseException.__init__(self)
        self.fancy_arg = fancy_arg


for f in [lambda: BaseException(a=1), lambda: E(a=1), lambda: ValueError(x=1), lambda: Fancy(fancy_arg=42).fancy_arg,
          lambda: ImportError("m", name="n").name]:
    try:
        print(f())
    except TypeError as e:
        print("TypeError", e)

e = ValueError(3)
e.add_note("first")
try:
    e.add_note(42)
except TypeError as x:
    print("TypeError", x)
print(e.__notes__)
e.__notes__ = 42
try:
    e.add_note("will not work")
except TypeError as x:
    print("TypeError", x)
print(e.__notes__)
del e.__notes__
e.add_note("again")
print(e.__notes__)
