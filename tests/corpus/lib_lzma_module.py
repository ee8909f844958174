# lzma / _lzma: formats, checks, presets, filter chains, incremental use,
# filter properties, errors; streams made by CPython's liblzma embedded.
import lzma
import _lzma
import io
import zlib

def digest(b):
    return (len(b), zlib.crc32(b))

print(sorted(k for k in dir(_lzma) if k.isupper()))
print([(k, getattr(lzma, k)) for k in sorted(dir(_lzma)) if k.isupper()])
print(lzma.LZMAError.__doc__, lzma.LZMAError.__mro__[1], [lzma.is_check_supported(c) for c in (0, 1, 4, 10, 3, 15, 16)])

texts = [b"", b"a", b"hello world " * 1000, bytes(range(256)) * 40, bytes((i * 7919 + 13) % 251 for i in range(20000))]
for t in texts:
    for kw in [{}, {"preset": 0}, {"preset": 9}, {"preset": 1 | lzma.PRESET_EXTREME}, {"check": lzma.CHECK_NONE},
               {"check": lzma.CHECK_CRC32}, {"check": lzma.CHECK_SHA256}, {"format": lzma.FORMAT_ALONE}]:
        c = lzma.compress(t, **kw)
        print(digest(t), kw, digest(c), lzma.decompress(c) == t)
filters = [
    [{"id": lzma.FILTER_LZMA2, "preset": 6, "dict_size": 1 << 16}],
    [{"id": lzma.FILTER_DELTA, "dist": 4}, {"id": lzma.FILTER_LZMA2, "preset": 1}],
    [{"id": lzma.FILTER_X86}, {"id": lzma.FILTER_LZMA2}],
    [{"id": lzma.FILTER_ARM, "start_offset": 16}, {"id": lzma.FILTER_LZMA2, "lc": 1, "lp": 2, "pb": 1, "mode": lzma.MODE_FAST, "nice_len": 32, "mf": lzma.MF_HC4, "depth": 8}],
]
for f in filters:
    for fmt in (lzma.FORMAT_XZ, lzma.FORMAT_RAW):
        c = lzma.compress(texts[3], format=fmt, filters=f)
        back = lzma.decompress(c, format=fmt, filters=f if fmt == lzma.FORMAT_RAW else None)
        print(fmt, [x["id"] for x in f], digest(c), back == texts[3])
c = lzma.compress(texts[2], format=lzma.FORMAT_ALONE, filters=[{"id": lzma.FILTER_LZMA1, "preset": 3, "lc": 0}])
print(digest(c), lzma.decompress(c) == texts[2], lzma.decompress(c, format=lzma.FORMAT_ALONE) == texts[2])
c = lzma.compress(texts[2], format=lzma.FORMAT_RAW, filters=[{"id": lzma.FILTER_LZMA1}])
print(digest(c), lzma.decompress(c, format=lzma.FORMAT_RAW, filters=[{"id": lzma.FILTER_LZMA1}]) == texts[2])

# streams produced by CPython
xz_crc32 = b'\xfd7zXZ\x00\x00\x01i"\xde6\x02\x00!\x01\x16\x00\x00\x00t/\xe5\xa3\xe0\x01\x17\x00\x15]\x00<\x1e\x80\x06q\xb45\xbb\xb5]\xf7\xa262\xaf\xaf\x95\xfc\xb2\xd0\x00\x00\x00\x00\x00\xe7\x1b\x86\xa1\x00\x01-\x98\x02\x00\x00\x00of\x183>0\r\x8b\x02\x00\x00\x00\x00\x01YZ'
alone = b']\x00\x00\x80\x00\xff\xff\xff\xff\xff\xff\xff\xff\x000\x9b\nC$\xc8\xb6\x08\nI\xbfb\xd8\xfefn/4\xbb\xfb\x13\xff\xff\xec\x0e\x80\x00'
raw_delta = b'\xe0\x03\xff\x00\x10]\x00\x00\x00RP\n\xa0\xef\x9cT\xaa\t\xbe\xb5\x05\xa9\x00\x00'
print(lzma.decompress(xz_crc32)[:28], lzma.decompress(alone)[:26])
print(lzma.decompress(raw_delta, format=lzma.FORMAT_RAW, filters=[{"id": lzma.FILTER_DELTA, "dist": 4}, {"id": lzma.FILTER_LZMA2, "preset": 1}]) == bytes(range(256)) * 4)
print(lzma.decompress(xz_crc32 + xz_crc32) == lzma.decompress(xz_crc32) * 2)
d = lzma.LZMADecompressor()
print(d.check, d.eof, d.needs_input, d.unused_data)
out = d.decompress(xz_crc32 + b"tail")
print(len(out), d.check, d.eof, d.needs_input, d.unused_data)
try:
    d.decompress(b"")
except EOFError as e:
    print("EOFError", e)
d = lzma.LZMADecompressor(lzma.FORMAT_ALONE)
print(d.check, len(d.decompress(alone)), d.eof)

# incremental: compressor in pieces, decompressor byte by byte and with max_length
comp = lzma.LZMACompressor(preset=2)
out = b"".join(comp.compress(texts[4][i:i + 999]) for i in range(0, len(texts[4]), 999)) + comp.flush()
print(digest(out), out == lzma.compress(texts[4], preset=2))
for call in [lambda: comp.compress(b"x"), lambda: comp.flush()]:
    try:
        call()
    except ValueError as e:
        print("ValueError", e)
data = lzma.compress(b"z" * 200000)
d = lzma.LZMADecompressor()
parts = [d.decompress(data[i:i + 1]) for i in range(len(data))]
print(digest(b"".join(parts)), d.eof, d.check)
d = lzma.LZMADecompressor()
got = [d.decompress(data, 100)]
print(len(got[0]), d.needs_input, d.eof)
while not d.eof:
    got.append(d.decompress(b"", 70000))
    print(len(got[-1]), d.needs_input, d.eof)
print(b"".join(got) == b"z" * 200000)

# filter properties (not the BCJ filters': CPython 3.11 with liblzma 5.4 crashes on them)
for spec in [{"id": lzma.FILTER_LZMA2, "preset": 6}, {"id": lzma.FILTER_LZMA2, "dict_size": 1 << 20},
             {"id": lzma.FILTER_LZMA1, "lc": 2, "lp": 1, "pb": 3, "dict_size": 4096}, {"id": lzma.FILTER_DELTA, "dist": 7}]:
    p = _lzma._encode_filter_properties(spec)
    print(p, _lzma._decode_filter_properties(spec["id"], p))

# errors
for bad in [b"not xz", xz_crc32[:-5], xz_crc32[:30] + b"\x00" * 10 + xz_crc32[40:]]:
    try:
        lzma.decompress(bad)
    except lzma.LZMAError as e:
        print("LZMAError", e)
    except EOFError as e:
        print("EOFError", e)
for call in ["lzma.LZMACompressor(format=lzma.FORMAT_RAW)", "lzma.LZMACompressor(format=lzma.FORMAT_ALONE, check=lzma.CHECK_CRC32)",
             "lzma.LZMACompressor(preset=1, filters=[])", "lzma.LZMACompressor(preset=10)", "lzma.LZMACompressor(format=lzma.FORMAT_ALONE, preset=10)",
             "lzma.LZMACompressor(format=5)", "lzma.LZMACompressor(filters=[{'id': 99}])", "lzma.LZMACompressor(filters=[{}])",
             "lzma.LZMACompressor(filters=[1])", "lzma.LZMACompressor(filters=[{'id': lzma.FILTER_LZMA2, 'bogus': 1}])",
             "lzma.LZMACompressor(filters=[{'id': lzma.FILTER_DELTA, 'dist': -1}])", "lzma.LZMACompressor(filters=[{'id': lzma.FILTER_X86, 'x': 1}])",
             "lzma.LZMACompressor(filters=[{'id': 3}] * 5)", "lzma.LZMACompressor(format=lzma.FORMAT_ALONE, filters=[{'id': lzma.FILTER_LZMA2}])",
             "lzma.LZMACompressor(check=lzma.CHECK_ID_MAX)", "lzma.LZMACompressor(filters=[{'id': lzma.FILTER_LZMA2, 'preset': 99}])",
             "lzma.LZMADecompressor(format=lzma.FORMAT_RAW)", "lzma.LZMADecompressor(format=lzma.FORMAT_RAW, memlimit=1)",
             "lzma.LZMADecompressor(filters=[])", "lzma.LZMADecompressor(format=9)", "lzma.LZMADecompressor(memlimit=1).decompress(xz_crc32)",
             "_lzma.is_check_supported()", "_lzma.is_check_supported('a')", "_lzma._decode_filter_properties(1)",
             "_lzma._encode_filter_properties()", "_lzma.LZMACompressor(1, 2, 3, 4, 5)", "_lzma.LZMACompressor(x=1)",
             "_lzma.LZMADecompressor(x=1)", "_lzma.LZMADecompressor(1, 2, 3, 4)", "_lzma.LZMACompressor(format=1.5)",
             "_lzma.LZMACompressor(preset=-1)", "_lzma.LZMACompressor(preset=2**40)", "_lzma.LZMACompressor(preset='a')",
             "_lzma.LZMACompressor().compress()", "_lzma.LZMADecompressor().decompress()", "_lzma.LZMADecompressor(memlimit=-1)",
             "_lzma.LZMADecompressor(memlimit='x')", "_lzma.LZMACompressor().flush(1)", "_lzma._decode_filter_properties(99, b'')",
             "_lzma._decode_filter_properties(lzma.FILTER_LZMA1, b'\\xff')"]:
    try:
        print(call, eval(call))
    except Exception as e:
        print(call, type(e).__name__, e)

# lzma.open / LZMAFile on in-memory files
buf = io.BytesIO()
with lzma.LZMAFile(buf, "wb", preset=1) as f:
    f.write(b"first\n" + b"more\n" * 500)
raw = buf.getvalue()
print(digest(raw), raw == lzma.compress(b"first\n" + b"more\n" * 500, preset=1))
with lzma.open(io.BytesIO(raw)) as f:
    print(f.readline(), len(f.read()))
with lzma.LZMAFile(io.BytesIO(raw)) as f:
    print(f.read(3), f.seek(2), f.read(4), f.tell())

# real files, text mode
import os
import tempfile
tmp = tempfile.mkdtemp()
path = os.path.join(tmp, "t.xz")
with lzma.open(path, "wt", encoding="utf-8", preset=3) as f:
    f.write("héllo\nwörld\n" * 3)
with open(path, "rb") as f:
    raw = f.read()
print(digest(raw), lzma.decompress(raw).decode("utf-8").count("ö"))
with lzma.open(path, "rt", encoding="utf-8") as f:
    print(f.readline(), len(f.readlines()))
with lzma.LZMAFile(path, "ab", format=lzma.FORMAT_ALONE) as f:
    f.write(b"appended")
print(lzma.LZMAFile(path).read()[-8:])
os.remove(path)
os.rmdir(tmp)
