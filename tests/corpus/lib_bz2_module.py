# bz2 / _bz2: one-shot and incremental (de)compression, max_length,
# unused_data, errors; streams made by CPython's libbzip2 embedded.
import bz2
import _bz2
import io
import zlib

def digest(b):
    return (len(b), zlib.crc32(b))

texts = [b"", b"a", b"hello world " * 1000, bytes(range(256)) * 50, b"x" * 100000,
         bytes((i * 7919 + 13) % 251 for i in range(20000))]
for t in texts:
    for level in (1, 5, 9):
        c = bz2.compress(t, level)
        print(digest(t), level, digest(c), bz2.decompress(c) == t)

# incremental compression gives the same stream as one-shot
comp = _bz2.BZ2Compressor(7)
out = b"".join(comp.compress(texts[2][i:i + 777]) for i in range(0, len(texts[2]), 777)) + comp.flush()
print(digest(out), out == bz2.compress(texts[2], 7))
for call in [lambda: comp.compress(b"x"), lambda: comp.flush()]:
    try:
        call()
    except ValueError as e:
        print("ValueError", e)

# incremental decompression, byte by byte and with max_length
data = bz2.compress(texts[4])
d = _bz2.BZ2Decompressor()
parts = []
for i in range(len(data)):
    parts.append(d.decompress(data[i:i + 1]))
print(digest(b"".join(parts)), d.eof, d.needs_input, d.unused_data)
d = _bz2.BZ2Decompressor()
first = d.decompress(data, 10)
print(len(first), d.needs_input, d.eof)
got = [first]
while not d.eof:
    got.append(d.decompress(b"", 30000))
    print(len(got[-1]), d.needs_input, d.eof)
print(b"".join(got) == texts[4])
try:
    d.decompress(b"x")
except EOFError as e:
    print("EOFError", e)
d = _bz2.BZ2Decompressor()
print(d.decompress(data[:20], 0), d.needs_input, d.decompress(data[20:40]), d.needs_input)

# streams produced by CPython: two concatenated streams, trailing garbage
bz2_multi = b'BZh91AY&SY\x9d\xad=\x0e\x00\x00\x02\x11\x80@\x00#"\x1c\x00 \x00"\x03\x04 \xc9\x8800\x91d\xca\xf1w$S\x85\t\t\xda\xd3\xd0\xe0BZh91AY&SY\xf0\x93\x97\xfb\x00\x00\x05\x11\x80@\x00.\x03\x9c\x00 \x001\x00\xd3M\x04\x01\xa3%[\x0e \xf2Hx\xbb\x92)\xc2\x84\x87\x84\x9c\xbf\xd8'
print(bz2.decompress(bz2_multi))
d = _bz2.BZ2Decompressor()
print(d.decompress(bz2_multi), d.eof, len(d.unused_data), d.unused_data[:4])
d = _bz2.BZ2Decompressor()
print(d.decompress(bz2.compress(b"abc") + b"trailing"), d.unused_data, d.needs_input)
for bad in [b"not bz2 data", bz2.compress(b"abc")[:-3], b"BZh9" + b"\x00" * 20]:
    try:
        print(bz2.decompress(bad))
    except Exception as e:
        print(type(e).__name__, e)
try:
    print(bz2.decompress(bz2.compress(b"ok") + b"junk!"))
except Exception as e:
    print(type(e).__name__, e)

# bz2.open / BZ2File on in-memory files
buf = io.BytesIO()
with bz2.BZ2File(buf, "wb", compresslevel=3) as f:
    f.write(b"line one\n")
    f.write(b"line two\n" * 100)
raw = buf.getvalue()
print(digest(raw), raw == bz2.compress(b"line one\n" + b"line two\n" * 100, 3))
with bz2.open(io.BytesIO(raw), "rb") as f:
    print(f.readline(), len(f.read()), f.read())
with bz2.BZ2File(io.BytesIO(raw)) as f:
    print(f.read(5), f.peek(3)[:3], f.seek(0), len(f.read()), f.tell())
print(len(list(bz2.BZ2File(io.BytesIO(raw * 2)))))

print(_bz2.BZ2Compressor, _bz2.BZ2Decompressor, sorted(n for n in dir(_bz2.BZ2Decompressor()) if not n.startswith("_")))
for call in ["_bz2.BZ2Decompressor(1)", "_bz2.BZ2Decompressor(x=1)", "_bz2.BZ2Compressor(1, 2)", "_bz2.BZ2Compressor(x=1)",
             "_bz2.BZ2Compressor(0)", "_bz2.BZ2Compressor(10)", "_bz2.BZ2Compressor('a')", "_bz2.BZ2Compressor().compress()",
             "_bz2.BZ2Compressor().compress('s')", "_bz2.BZ2Decompressor().decompress(b'xx')",
             "_bz2.BZ2Decompressor().decompress(data=b'', max_length='a')", "_bz2.BZ2Decompressor().decompress()",
             "_bz2.BZ2Compressor().flush(1)", "bz2.compress(b'x', 0)", "bz2.decompress('text')"]:
    try:
        print(call, eval(call))
    except Exception as e:
        print(call, type(e).__name__, e)
try:
    class Sub(_bz2.BZ2Compressor):
        pass
except TypeError as e:
    print("TypeError", e)

# real files, text mode
import os
import tempfile
tmp = tempfile.mkdtemp()
path = os.path.join(tmp, "t.bz2")
with bz2.open(path, "wt", encoding="utf-8") as f:
    f.write("héllo\nwörld\n" * 3)
with open(path, "rb") as f:
    raw = f.read()
print(digest(raw), bz2.decompress(raw).decode("utf-8").count("ö"))
with bz2.open(path, "rt", encoding="utf-8") as f:
    print(f.readline(), len(f.readlines()))
with bz2.BZ2File(path, "ab") as f:
    f.write(b"appended")
print(bz2.BZ2File(path).read()[-8:])
os.remove(path)
os.rmdir(tmp)
