# _io.StringIO: values, newline modes, reads, seeks, errors.
import _io

def t(f):
    try:
        r = f()
        print(repr(r))
    except Exception as e:
        print(type(e).__name__, e)

s = _io.StringIO("hello\nworld\n")
print(repr(s.read(3)), s.tell())
print(repr(s.readline()), repr(s.readline()), repr(s.readline()))
s.seek(0)
print(s.readlines())
s.seek(0)
print(list(s))
print(s.write("abc"), repr(s.getvalue()), s.tell())
s.seek(2)
print(s.write("XYZ"), repr(s.getvalue()))
s.seek(20)
s.write("end")
print(repr(s.getvalue()))
print(s.truncate(5), repr(s.getvalue()), s.tell())
s.seek(0)
print(repr(s.read()))
print(repr(s.read()), repr(s.readline()))
s.seek(0)
print(repr(s.read(None)), repr(s.readline(-1)))
s.seek(0)
print(repr(s.readline(2)), repr(s.readline(0)))
print(s.readable(), s.writable(), s.seekable(), s.isatty())
print(s.line_buffering, s.encoding, s.errors, s.newlines, s.closed)

for nl in [None, "", "\n", "\r", "\r\n"]:
    s = _io.StringIO("a\nb\rc\r\nd", newline=nl)
    print(repr(nl), repr(s.getvalue()), s.readlines(), repr(s.newlines))
    s = _io.StringIO(newline=nl)
    s.write("x\r\ny\n")
    s.write("z\r")
    s.seek(0)
    print(repr(s.getvalue()), list(s), repr(s.newlines))

s = _io.StringIO()
t(lambda: s.seek(1, 1))
t(lambda: s.seek(1, 2))
t(lambda: s.seek(-1))
t(lambda: s.seek(0, 5))
t(lambda: s.truncate(-1))
t(lambda: s.read("x"))
t(lambda: s.write(1))
t(lambda: s.write(b"x"))
t(lambda: _io.StringIO(1))
t(lambda: _io.StringIO("", 1))
t(lambda: _io.StringIO("", "x"))
t(lambda: _io.StringIO("", newline="\n\n"))
t(lambda: s.seek(0, 2))
t(lambda: s.seek(0, 1))
print(s.write("\u00e9\u20ac\U0001f600"), len(s.getvalue()), s.tell())
s.seek(1)
print(repr(s.read(1)))
with _io.StringIO("ctx") as c:
    print(c.read())
print(c.closed)
for f in [c.read, c.getvalue, c.tell, c.readline, lambda: c.write("x"), lambda: c.seek(0), c.readable, lambda: c.newlines, lambda: c.line_buffering, lambda: iter(c), lambda: next(c)]:
    t(f)
c.close()
st = _io.StringIO("state", newline="\r")
st.seek(2)
state = st.__getstate__()
print(state)
n = _io.StringIO()
n.__setstate__(("abc", None, 1, {"k": 5}))
print(repr(n.read()), n.k, repr(n.newlines))

class My(_io.StringIO):
    def __init__(self, v):
        super().__init__(v.upper())
        self.extra = 1
m = My("sub\nclass\n")
print(type(m).__name__, m.read(), m.extra, isinstance(m, _io._TextIOBase), isinstance(m, _io._IOBase))

class Lines(_io.StringIO):
    def readline(self, size=-1):
        return super().readline(size).upper()
print(list(Lines("a\nb\n")))
print(_io.StringIO.__mro__)
big = _io.StringIO()
for i in range(1000):
    big.write("line %d\n" % i)
print(len(big.getvalue()), big.getvalue().count("\n"))
big.seek(0)
print(sum(1 for _ in big))
print(_io.StringIO("abc").read(-5), _io.StringIO("abc").read(0) == "")
