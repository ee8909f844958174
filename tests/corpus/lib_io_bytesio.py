# _io.BytesIO: reads, writes, seeks, readinto, getbuffer, state, errors.
import _io

def t(f):
    try:
        r = f()
        print(repr(r))
    except Exception as e:
        print(type(e).__name__, e)

b = _io.BytesIO(b"line1\nline2\nlast")
print(b.read(3), b.tell(), b.read1(2), b.readline(), b.readline(2))
b.seek(0)
print(b.readlines())
b.seek(0)
print(b.readlines(3), b.readlines(1), b.readlines(-1))
b.seek(0)
print(list(b))
print(b.write(b"++"), b.getvalue(), b.tell())
b.seek(3)
print(b.write(bytearray(b"AB")), b.write(memoryview(b"CD")), b.getvalue())
print(b.seek(30), b.write(b"z"), b.getvalue())
print(b.truncate(4), b.getvalue(), b.tell())
print(b.seek(-2, 2), b.read(), b.seek(-100, 1), b.seek(2, 1), b.seek(0, 2))
b.seek(0)
ba = bytearray(3)
print(b.readinto(ba), ba)
mv = memoryview(bytearray(10))
print(b.readinto(mv), bytes(mv))
print(b.readinto(bytearray(5)))
print(b.readable(), b.writable(), b.seekable(), b.isatty(), b.flush(), b.closed)
b.writelines([b"x", bytearray(b"y"), memoryview(b"z")])
print(b.getvalue())
buf = b.getbuffer()
print(type(buf).__name__, len(buf), bytes(buf))
del buf
t(lambda: b.seek(-1))
t(lambda: b.seek(0, 5))
t(lambda: b.seek(-1, 5))
t(lambda: b.seek("a"))
t(lambda: b.truncate(-1))
t(lambda: b.read("x"))
t(lambda: b.write("x"))
t(lambda: b.readlines("x"))
t(lambda: b.readinto(b"xx"))
t(lambda: _io.BytesIO("x"))
t(lambda: _io.BytesIO(b"", 1))
t(lambda: b.writelines([b"a", "b"]))
print(_io.BytesIO(bytearray(b"ba")).getvalue(), _io.BytesIO(None).getvalue(), _io.BytesIO(initial_bytes=b"kw").read())
with _io.BytesIO(b"ctx") as c:
    print(c.read())
print(c.closed)
for f in [c.read, c.getvalue, c.tell, c.readline, lambda: c.write(b"x"), lambda: c.seek(0), c.readable, lambda: iter(c) is c, lambda: next(c), c.flush, c.getbuffer, c.isatty, c.readlines]:
    t(f)
s = _io.BytesIO(b"state")
s.read(2)
print(s.__getstate__())
s.attr = 1
print(s.__getstate__())
n = _io.BytesIO()
n.__setstate__((b"xyz", 1, None))
print(n.read())

class Sub(_io.BytesIO):
    def __init__(self, data):
        super().__init__(data * 2)
x = Sub(b"ab")
print(x.getvalue(), isinstance(x, _io._BufferedIOBase), x.read(1))
print(_io.BytesIO.__mro__)
data = _io.BytesIO()
for i in range(2000):
    data.write(b"%d," % i)
print(len(data.getvalue()), data.getvalue()[-10:])
