# _io.TextIOWrapper and Buffered* over in-memory and user objects.
import _io

def t(f):
    try:
        r = f()
        print(repr(r))
    except Exception as e:
        print(type(e).__name__, e)

b = _io.BytesIO()
w = _io.TextIOWrapper(b, encoding="utf-8")
print(w.encoding, w.errors, w.line_buffering, w.write_through, w.buffer is b, repr(w))
print(w.write("h\u00e9llo\nw\u00f6rld\n"), b.getvalue())
w.flush()
print(b.getvalue())
w.seek(0)
print(repr(w.read(3)), repr(w.readline()), repr(w.read()))
print(w.tell(), w.seek(0), w.readlines())
print(w.readable(), w.writable(), w.seekable(), w.closed, w.newlines)
d = w.detach()
print(d is b)
t(lambda: w.read())
t(lambda: w.buffer)

r = _io.TextIOWrapper(_io.BytesIO(b"abc\r\ndef\rg\nh"))
print(list(r), r.newlines)
for nl in [None, "", "\n", "\r", "\r\n"]:
    r = _io.TextIOWrapper(_io.BytesIO(b"a\r\nb\rc\nd"), newline=nl)
    print(repr(nl), r.readlines(), repr(r.newlines))
    bb = _io.BytesIO()
    ww = _io.TextIOWrapper(bb, newline=nl)
    ww.write("x\ny\r\n")
    ww.flush()
    print(bb.getvalue())

r = _io.TextIOWrapper(_io.BytesIO("\u00e9t\u00e9\n\u20ac".encode("latin-1", "replace")), encoding="latin-1")
print(repr(r.read()))
t(lambda: _io.TextIOWrapper(_io.BytesIO(), encoding="nope"))
t(lambda: _io.TextIOWrapper(_io.BytesIO(), newline="x"))
t(lambda: _io.TextIOWrapper(_io.BytesIO(), encoding=1))
t(lambda: _io.TextIOWrapper(_io.BytesIO(), errors=1))
t(lambda: _io.TextIOWrapper(_io.BytesIO(), newline=1))
t(lambda: _io.TextIOWrapper())
w = _io.TextIOWrapper(_io.BytesIO(b"data"))
t(lambda: w.write(1))
t(lambda: w.seek(1, 1))
t(lambda: w.seek(1, 2))
t(lambda: w.seek(-1))
t(lambda: w.seek(0, 7))
print(w.seek(0, 2), w.read(), w.seek(0), w.read(2), w.seek(0, 1) if False else "")
w.close()
print(w.closed)
t(lambda: w.read())
t(lambda: w.write("x"))
t(lambda: w.tell())
w.close()

lb = _io.BytesIO()
lw = _io.TextIOWrapper(lb, line_buffering=True)
lw.write("no newline")
print(lb.getvalue())
lw.write(" then\n")
print(lb.getvalue())
wt = _io.BytesIO()
ww = _io.TextIOWrapper(wt, write_through=True)
ww.write("through")
print(wt.getvalue())
ww.reconfigure(line_buffering=True)
print(ww.line_buffering)

class Src:
    def __init__(self, data):
        self.data = data
        self.closed = False
    def readable(self): return True
    def writable(self): return False
    def seekable(self): return False
    def read(self, n=-1):
        if n < 0:
            n = len(self.data)
        out, self.data = self.data[:n], self.data[n:]
        return out
    def close(self): self.closed = True
    def flush(self): pass
s = Src(b"one\ntwo\nthree")
tw = _io.TextIOWrapper(s)
print(tw.readline(), tw.read(), repr(tw.read()))
t(lambda: tw.write("x"))
t(lambda: tw.tell())
with tw:
    pass
print(s.closed)

with _io.TextIOWrapper(_io.BytesIO(b"ctx\n")) as c:
    print(c.read())
print(c.closed)

class TW(_io.TextIOWrapper):
    def __init__(self, data):
        super().__init__(_io.BytesIO(data), encoding="ascii")
x = TW(b"sub\nclass")
print(type(x).__name__, x.readline(), x.encoding, isinstance(x, _io._TextIOBase))

# Buffered over a BytesIO (a raw-like object)
br = _io.BufferedReader(_io.BytesIO(b"0123456789\nabc"), 4)
print(repr(br), br.read(3), br.peek(1)[:1], br.read1(2), br.readline(), br.tell(), br.read())
br.seek(2)
print(br.read(2), br.tell(), br.seek(1, 1), br.read(1), br.readable(), br.writable(), br.seekable())
ba = bytearray(4)
br.seek(0)
print(br.readinto(ba), ba)
t(lambda: br.write(b"x"))
br.close()
t(lambda: br.read())
t(lambda: _io.BufferedReader(_io.BytesIO(), 0))
raw = _io.BytesIO()
bw = _io.BufferedWriter(raw)
print(bw.write(b"abc"), raw.getvalue(), bw.tell())
bw.flush()
print(raw.getvalue())
t(lambda: bw.read())
bw.close()
t(lambda: bw.write(b"x"))
rnd = _io.BufferedRandom(_io.BytesIO(b"hello world"))
print(rnd.read(5), rnd.write(b"!"), rnd.tell())
rnd.seek(0)
print(rnd.read())
pair = _io.BufferedRWPair(_io.BytesIO(b"in"), _io.BytesIO())
print(pair.read(), pair.write(b"out"), pair.readable(), pair.writable(), pair.closed)

dec = _io.IncrementalNewlineDecoder(None, translate=True)
print(repr(dec.decode("a\r")), repr(dec.decode("\nb\r")), repr(dec.decode("", final=True)), dec.newlines, dec.getstate())
dec.reset()
print(dec.newlines, repr(dec.decode("x\r\ny\n", True)), dec.newlines)
dec2 = _io.IncrementalNewlineDecoder(None, False)
print(repr(dec2.decode("p\rq\r\n")), dec2.newlines)
t(lambda: dec2.decode(b"x"))
