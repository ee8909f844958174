# zlib: compression round trips (compressed bytes themselves depend on the
# zlib implementation, so only properties are printed), objects, errors.
import zlib

def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__module__, type(e).__name__, e)

print(sorted(n for n in dir(zlib) if not n.startswith('__')))
print(zlib.error.__mro__, zlib.error.__module__)
for name in ['DEFLATED', 'DEF_BUF_SIZE', 'DEF_MEM_LEVEL', 'MAX_WBITS', 'Z_BEST_COMPRESSION', 'Z_BEST_SPEED', 'Z_BLOCK',
             'Z_DEFAULT_COMPRESSION', 'Z_DEFAULT_STRATEGY', 'Z_FILTERED', 'Z_FINISH', 'Z_FIXED', 'Z_FULL_FLUSH',
             'Z_HUFFMAN_ONLY', 'Z_NO_COMPRESSION', 'Z_NO_FLUSH', 'Z_PARTIAL_FLUSH', 'Z_RLE', 'Z_SYNC_FLUSH', 'Z_TREES']:
    print(name, getattr(zlib, name))
print(type(zlib.ZLIB_VERSION).__name__, type(zlib.ZLIB_RUNTIME_VERSION).__name__)

samples = [b'', b'a', b'hello world', b'hello world ' * 1000, bytes(range(256)) * 20, b'\x00' * 100000]
for s in samples:
    for level in [-1, 0, 1, 6, 9]:
        c = zlib.compress(s, level)
        assert zlib.decompress(c) == s
        print(len(s), level, c[:1], zlib.decompress(c) == s, len(c) <= len(s) + 16 + len(s) // 1000 * 5)
    for wbits in [9, 12, 15, -9, -15, 25, 31]:
        c = zlib.compress(s, 6, wbits)
        back = zlib.decompress(c, wbits)
        auto = zlib.decompress(c, 47) if wbits > 0 else None
        print(' ', wbits, back == s, auto == s if auto is not None else '-', c[:2] if wbits > 16 else '')
print(zlib.compress(b'abc', 0), zlib.compress(b'', 0))
print(zlib.compress(b'x', wbits=8)[:1])
print(zlib.compress(data=b'x') if False else zlib.compress(b'x', level=1)[:1], zlib.compress(b'x', 9)[:2])
t(zlib.compress, b'x', 10)
t(zlib.compress, b'x', -2)
t(zlib.compress, b'x', wbits=7)
t(zlib.compress, b'x', wbits=-8)
t(zlib.compress, b'x', wbits=100)
t(zlib.compress, 'x')
t(zlib.compress, b'x', level=1.5)
t(zlib.compress, b'x', 2**40)
t(zlib.compress)
t(zlib.compress, b'x', 1, 2, 3)
t(zlib.compress, b'x', lvl=1)

# compressobj
big = b'compressobj streaming test data ' * 500
for args in [(), (9,), (1, zlib.DEFLATED, -12), (6, zlib.DEFLATED, 31), (0,), (9, zlib.DEFLATED, 15, 9, zlib.Z_FILTERED),
             (6, zlib.DEFLATED, 15, 1, zlib.Z_HUFFMAN_ONLY), (6, zlib.DEFLATED, 15, 8, zlib.Z_RLE), (6, zlib.DEFLATED, 15, 8, zlib.Z_FIXED)]:
    c = zlib.compressobj(*args)
    out = b''
    for i in range(0, len(big), 1000):
        out += c.compress(big[i:i + 1000])
    out += c.flush()
    wbits = args[2] if len(args) > 2 else 15
    print(args, zlib.decompress(out, wbits) == big, type(c).__name__)
c = zlib.compressobj(level=9, wbits=-15, memLevel=9, strategy=zlib.Z_DEFAULT_STRATEGY, method=zlib.DEFLATED)
print(zlib.decompress(c.compress(big) + c.flush(), -15) == big)

# flush modes keep the stream decodable so far
c = zlib.compressobj()
d = zlib.decompressobj()
got = b''
for mode in [zlib.Z_SYNC_FLUSH, zlib.Z_FULL_FLUSH, zlib.Z_PARTIAL_FLUSH, zlib.Z_BLOCK, zlib.Z_NO_FLUSH]:
    piece = c.compress(b'chunk %d ' % mode) + c.flush(mode)
    got += d.decompress(piece)
    print(mode, got)
got += d.decompress(c.flush(zlib.Z_FINISH))
print(got, d.eof)
print(c.flush(zlib.Z_NO_FLUSH))
t(c.compress, b'after finish')
t(c.flush)
t(c.copy)

# copy of a compressor
c = zlib.compressobj()
head = c.compress(b'shared prefix ')
c2 = c.copy()
c3 = c.__copy__()
a = head + c.compress(b'first ending') + c.flush()
b = head + c2.compress(b'second ending') + c2.flush()
e = head + c3.compress(b'third') + c3.flush()
print(zlib.decompress(a), zlib.decompress(b), zlib.decompress(e))
print(type(c.__deepcopy__({})).__name__ if False else '')

# dictionaries
zd = b'common words shared by both sides'
c = zlib.compressobj(zdict=zd)
blob = c.compress(b'common words shared by both sides, again and again') + c.flush()
d = zlib.decompressobj(zdict=zd)
print(d.decompress(blob), d.eof)
c = zlib.compressobj(wbits=-15, zdict=bytearray(zd))
blob = c.compress(b'words shared raw') + c.flush()
d = zlib.decompressobj(wbits=-15, zdict=memoryview(zd))
print(d.decompress(blob))
t(zlib.decompress, zlib.compress(b'x'))

# errors
t(zlib.compressobj, 10)
t(zlib.compressobj, wbits=100)
t(zlib.compressobj, method=9)
t(zlib.compressobj, memLevel=10)
t(zlib.compressobj, memLevel=0)
t(zlib.compressobj, strategy=10)
t(zlib.compressobj, zdict='x')
t(zlib.compressobj, zdict=1)
t(zlib.compressobj, 1, 2, 3, 4, 5, 6, 7)
t(zlib.compressobj, foo=1)
c = zlib.compressobj()
t(c.compress, 'abc')
t(c.compress)
t(c.compress, b'a', b'b')
t(c.flush, 1.5)
t(type(c))
t(type(zlib.decompressobj()))
