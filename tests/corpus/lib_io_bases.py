# _io abstract bases: default methods, Python subclasses built on them.
import _io

def t(f):
    try:
        r = f()
        print(repr(r))
    except Exception as e:
        print(type(e).__name__, e)

class Raw(_io._RawIOBase):
    def __init__(self, data):
        self.data = data
        self.pos = 0
    def readable(self):
        return True
    def readinto(self, b):
        chunk = self.data[self.pos:self.pos + min(len(b), 3)]
        b[:len(chunk)] = chunk
        self.pos += len(chunk)
        return len(chunk)

r = Raw(b"abc\ndefgh\nij")
print(r.read(2), r.read(), r.read(), r.closed)
r = Raw(b"abc\ndefgh\nij")
print(r.readline(), r.readline(2), r.readlines())
r = Raw(b"one\ntwo\n")
print(list(r))
r = Raw(b"x\ny\nz\n")
print(r.readlines(2))
print(r.readable(), r.writable(), r.seekable(), r.isatty())
t(lambda: r.seek(0))
t(lambda: r.tell())
t(lambda: r.truncate())
t(lambda: r.fileno())
t(lambda: r.write(b"x"))
t(lambda: r._checkSeekable())
t(lambda: r._checkWritable())
t(lambda: r._checkReadable())
t(lambda: r._checkClosed())
with r as ctx:
    print(ctx is r, r.closed)
print(r.closed, r.__dict__.get("_IOBase__IOBase_closed"), sorted(k for k in r.__dict__))
t(lambda: r.flush())
t(lambda: iter(r))
t(lambda: r.isatty())
t(lambda: r.writelines([]))
t(lambda: r._checkClosed())
print(r.close())

class Bare(_io._RawIOBase):
    pass
t(lambda: Bare().read())
t(lambda: Bare().read(2))
t(lambda: Bare().readinto(bytearray(1)))

class W(_io._RawIOBase):
    def __init__(self):
        self.out = []
    def writable(self):
        return True
    def write(self, b):
        self.out.append(bytes(b))
        return len(b)
w = W()
w.writelines([b"a", b"bc"])
print(w.out)

class Buf(_io._BufferedIOBase):
    def __init__(self, data):
        self.data = data
    def read(self, n=-1):
        out, self.data = self.data[:n], self.data[n:]
        return out
b = Buf(b"hello")
ba = bytearray(3)
print(b.readinto(ba), ba, b.data)
t(lambda: Buf(b"").read1())
t(lambda: Buf(b"").write(b""))
t(lambda: Buf(b"").detach())
t(lambda: _io._BufferedIOBase().read())
t(lambda: _io._BufferedIOBase().readinto1(bytearray(2)))

class Txt(_io._TextIOBase):
    pass
x = Txt()
print(x.encoding, x.errors, x.newlines)
t(lambda: x.read())
t(lambda: x.readline())
t(lambda: x.write("s"))
t(lambda: x.detach())

class Gen(_io._TextIOBase):
    def __init__(self):
        self.lines = ["a\n", "b\n"]
    def readline(self):
        return self.lines.pop(0) if self.lines else ""
print(list(Gen()), Gen().readlines())
print(issubclass(_io.UnsupportedOperation, OSError), issubclass(_io.UnsupportedOperation, ValueError))
print(_io._IOBase.__module__, _io._RawIOBase.__mro__)
print(_io.FileIO.__mro__, _io.TextIOWrapper.__mro__)
print(_io.BufferedReader.__mro__)
print(_io.DEFAULT_BUFFER_SIZE, _io.text_encoding(None), _io.text_encoding("latin-1"))
