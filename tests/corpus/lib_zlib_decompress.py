# zlib: decompressing data made by CPython's zlib (literal bytes), checksums.
import zlib

DATA = b'The quick brown fox jumps over the lazy dog. ' * 20 + bytes(range(256))
ZDATA = b'x\x9c\x0b\xc9HU(,\xcdL\xceVH*\xca/\xcfSH\xcb\xafP\xc8*\xcd-(V\xc8/K-R(\x01J\xe7$VU*\xa4\xe4\xa7\xeb)\x84\x8c*\x1eU<\xaa\x98\xda\x8a\x19\x18\x99\x98YX\xd9\xd898\xb9\xb8yx\xf9\xf8\x05\x04\x85\x84ED\xc5\xc4%$\xa5\xa4ed\xe5\xe4\x15\x14\x95\x94UT\xd5\xd454\xb5\xb4ut\xf5\xf4\r\x0c\x8d\x8cML\xcd\xcc-,\xad\xacml\xed\xec\x1d\x1c\x9d\x9c]\\\xdd\xdc=<\xbd\xbc}|\xfd\xfc\x03\x02\x83\x82CB\xc3\xc2#"\xa3\xa2cb\xe3\xe2\x13\x12\x93\x92SR\xd3\xd232\xb3\xb2sr\xf3\xf2\x0b\n\x8b\x8aKJ\xcb\xca+*\xab\xaakj\xeb\xea\x1b\x1a\x9b\x9a[Z\xdb\xda;:\xbb\xba{z\xfb\xfa\'L\x9c4y\xca\xd4i\xd3g\xcc\x9c5{\xce\xdcy\xf3\x17,\\\xb4x\xc9\xd2e\xcbW\xac\\\xb5z\xcd\xdau\xeb7l\xdc\xb4y\xcb\xd6m\xdbw\xec\xdc\xb5{\xcf\xde}\xfb\x0f\x1c<t\xf8\xc8\xd1c\xc7O\x9c<u\xfa\xcc\xd9s\xe7/\\\xbct\xf9\xca\xd5k\xd7o\xdc\xbcu\xfb\xce\xdd{\xf7\x1f<|\xf4\xf8\xc9\xd3g\xcf_\xbc|\xf5\xfa\xcd\xdbw\xef?|\xfc\xf4\xf9\xcb\xd7o\xdf\x7f\xfc\xfc\xf5\xfb\xcf\xdf\x7f\xff\x01\x14\x97\xc2\x9c'
RAW = b'\x0b\xc9HU(,\xcdL\xceVH*\xca/\xcfSH\xcb\xafP\xc8*\xcd-(V\xc8/K-R(\x01J\xe7$VU*\xa4\xe4\xa7\xeb)\x84\x8c*\x1eU<\xaa\x98\xda\x8a\x19\x18\x99\x98YX\xd9\xd898\xb9\xb8yx\xf9\xf8\x05\x04\x85\x84ED\xc5\xc4%$\xa5\xa4ed\xe5\xe4\x15\x14\x95\x94UT\xd5\xd454\xb5\xb4ut\xf5\xf4\r\x0c\x8d\x8cML\xcd\xcc-,\xad\xacml\xed\xec\x1d\x1c\x9d\x9c]\\\xdd\xdc=<\xbd\xbc}|\xfd\xfc\x03\x02\x83\x82CB\xc3\xc2#"\xa3\xa2cb\xe3\xe2\x13\x12\x93\x92SR\xd3\xd232\xb3\xb2sr\xf3\xf2\x0b\n\x8b\x8aKJ\xcb\xca+*\xab\xaakj\xeb\xea\x1b\x1a\x9b\x9a[Z\xdb\xda;:\xbb\xba{z\xfb\xfa\'L\x9c4y\xca\xd4i\xd3g\xcc\x9c5{\xce\xdcy\xf3\x17,\\\xb4x\xc9\xd2e\xcbW\xac\\\xb5z\xcd\xdau\xeb7l\xdc\xb4y\xcb\xd6m\xdbw\xec\xdc\xb5{\xcf\xde}\xfb\x0f\x1c<t\xf8\xc8\xd1c\xc7O\x9c<u\xfa\xcc\xd9s\xe7/\\\xbct\xf9\xca\xd5k\xd7o\xdc\xbcu\xfb\xce\xdd{\xf7\x1f<|\xf4\xf8\xc9\xd3g\xcf_\xbc|\xf5\xfa\xcd\xdbw\xef?|\xfc\xf4\xf9\xcb\xd7o\xdf\x7f\xfc\xfc\xf5\xfb\xcf\xdf\x7f\xff\x01'
GZ = b'\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\x0b\xc9HU(,\xcdL\xceVH*\xca/\xcfSH\xcb\xafP\xc8*\xcd-(V\xc8/K-R(\x01J\xe7$VU*\xa4\xe4\xa7\xeb)\x84\x8c*\x1eU<\xaa\x98\xda\x8a\x19\x18\x99\x98YX\xd9\xd898\xb9\xb8yx\xf9\xf8\x05\x04\x85\x84ED\xc5\xc4%$\xa5\xa4ed\xe5\xe4\x15\x14\x95\x94UT\xd5\xd454\xb5\xb4ut\xf5\xf4\r\x0c\x8d\x8cML\xcd\xcc-,\xad\xacml\xed\xec\x1d\x1c\x9d\x9c]\\\xdd\xdc=<\xbd\xbc}|\xfd\xfc\x03\x02\x83\x82CB\xc3\xc2#"\xa3\xa2cb\xe3\xe2\x13\x12\x93\x92SR\xd3\xd232\xb3\xb2sr\xf3\xf2\x0b\n\x8b\x8aKJ\xcb\xca+*\xab\xaakj\xeb\xea\x1b\x1a\x9b\x9a[Z\xdb\xda;:\xbb\xba{z\xfb\xfa\'L\x9c4y\xca\xd4i\xd3g\xcc\x9c5{\xce\xdcy\xf3\x17,\\\xb4x\xc9\xd2e\xcbW\xac\\\xb5z\xcd\xdau\xeb7l\xdc\xb4y\xcb\xd6m\xdbw\xec\xdc\xb5{\xcf\xde}\xfb\x0f\x1c<t\xf8\xc8\xd1c\xc7O\x9c<u\xfa\xcc\xd9s\xe7/\\\xbct\xf9\xca\xd5k\xd7o\xdc\xbcu\xfb\xce\xdd{\xf7\x1f<|\xf4\xf8\xc9\xd3g\xcf_\xbc|\xf5\xfa\xcd\xdbw\xef?|\xfc\xf4\xf9\xcb\xd7o\xdf\x7f\xfc\xfc\xf5\xfb\xcf\xdf\x7f\xff\x01\xd0\xef\xd8\xaa\x84\x04\x00\x00'
WITHDICT = b'x\xbbr\xa5\t\r\x0b\xc9HU(D\x93\xcb*\xcd-(V\xc8/K-R(\x01J\xc3\x94\xea)\x8c*\x1eU<\xaa\x98\xea\x8a\x19\x18\x99\x98YX\xd9\xd898\xb9\xb8yx\xf9\xf8\x05\x04\x85\x84ED\xc5\xc4%$\xa5\xa4ed\xe5\xe4\x15\x14\x95\x94UT\xd5\xd454\xb5\xb4ut\xf5\xf4\r\x0c\x8d\x8cML\xcd\xcc-,\xad\xacml\xed\xec\x1d\x1c\x9d\x9c]\\\xdd\xdc=<\xbd\xbc}|\xfd\xfc\x03\x02\x83\x82CB\xc3\xc2#"\xa3\xa2cb\xe3\xe2\x13\x12\x93\x92SR\xd3\xd232\xb3\xb2sr\xf3\xf2\x0b\n\x8b\x8aKJ\xcb\xca+*\xab\xaakj\xeb\xea\x1b\x1a\x9b\x9a[Z\xdb\xda;:\xbb\xba{z\xfb\xfa\'L\x9c4y\xca\xd4i\xd3g\xcc\x9c5{\xce\xdcy\xf3\x17,\\\xb4x\xc9\xd2e\xcbW\xac\\\xb5z\xcd\xdau\xeb7l\xdc\xb4y\xcb\xd6m\xdbw\xec\xdc\xb5{\xcf\xde}\xfb\x0f\x1c<t\xf8\xc8\xd1c\xc7O\x9c<u\xfa\xcc\xd9s\xe7/\\\xbct\xf9\xca\xd5k\xd7o\xdc\xbcu\xfb\xce\xdd{\xf7\x1f<|\xf4\xf8\xc9\xd3g\xcf_\xbc|\xf5\xfa\xcd\xdbw\xef?|\xfc\xf4\xf9\xcb\xd7o\xdf\x7f\xfc\xfc\xf5\xfb\xcf\xdf\x7f\xff\x01\x14\x97\xc2\x9c'
EMPTY = b'x\x9c\x03\x00\x00\x00\x00\x01'
STORED = b"x\x01\x01\x03\x00\xfc\xffabc\x02M\x01'"
SYNC = [b'x\x9c*H,*Q\xc8\xcfKU\x00\x00\x00\x00\xff\xff', b'*\x001J\xca\xf3\x01\x00\x00\x00\xff\xff', b'\x03\x009\x87\x06k']

def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__module__, type(e).__name__, e)

print(zlib.decompress(ZDATA) == DATA, zlib.decompress(ZDATA, 15) == DATA, zlib.decompress(ZDATA, 0) == DATA)
print(zlib.decompress(ZDATA, 32 + 15) == DATA, zlib.decompress(ZDATA, bufsize=1) == DATA, zlib.decompress(ZDATA, bufsize=0) == DATA)
print(zlib.decompress(RAW, -15) == DATA, zlib.decompress(RAW, wbits=-9) == DATA if False else '')
print(zlib.decompress(GZ, 31) == DATA, zlib.decompress(GZ, 16 + 15) == DATA, zlib.decompress(GZ, 47) == DATA)
print(zlib.decompress(EMPTY), zlib.decompress(STORED), zlib.decompress(bytearray(STORED)), zlib.decompress(memoryview(STORED)))
print(zlib.decompress(ZDATA + b'trailing garbage') == DATA)
t(zlib.decompress, GZ)
t(zlib.decompress, RAW)
t(zlib.decompress, ZDATA, 31)
t(zlib.decompress, ZDATA, -15)
t(zlib.decompress, ZDATA, 9)
t(zlib.decompress, ZDATA[:-1])
t(zlib.decompress, ZDATA[:10])
t(zlib.decompress, ZDATA[:2])
t(zlib.decompress, b'')
t(zlib.decompress, b'garbage')
bad = bytearray(ZDATA); bad[-1] ^= 1
t(zlib.decompress, bytes(bad))
bad = bytearray(GZ); bad[-5] ^= 1
t(zlib.decompress, bytes(bad), 31)
bad = bytearray(GZ); bad[-2] ^= 1
t(zlib.decompress, bytes(bad), 31)
t(zlib.decompress, b'\x78\x9c\xff\xff')
t(zlib.decompress, b'\x1f\x8c\x08', 31)
t(zlib.decompress, WITHDICT)
d = zlib.decompressobj(zdict=b'quick brown fox lazy dog')
print(d.decompress(WITHDICT) == DATA, d.eof)
d = zlib.decompressobj(zdict=bytearray(b'wrong dictionary'))
t(d.decompress, WITHDICT)
d = zlib.decompressobj()
t(d.decompress, WITHDICT)
d = zlib.decompressobj()
print(d.decompress(b''.join(SYNC)), d.eof)
d = zlib.decompressobj()
print(d.decompress(SYNC[0]), d.decompress(SYNC[1]), d.decompress(SYNC[2]), d.eof, d.flush())

# streaming, byte by byte, with leftovers
for wbits, blob in [(15, ZDATA), (-15, RAW), (31, GZ), (47, GZ), (47, ZDATA)]:
    d = zlib.decompressobj(wbits)
    out = b''
    for i in range(len(blob)):
        out += d.decompress(blob[i:i + 1])
    print(wbits, out == DATA, d.eof, d.unused_data, d.unconsumed_tail, d.flush())
d = zlib.decompressobj()
out = d.decompress(ZDATA + b'extra', 0)
print(out == DATA, d.eof, d.unused_data, d.unconsumed_tail)
print(d.decompress(b'more'), d.unused_data)
print(d.flush(), d.eof)
t(d.decompress, b'x')
t(d.copy)
print(d.unused_data)

# max_length and unconsumed_tail
d = zlib.decompressobj()
chunks = [d.decompress(ZDATA, 100)]
print(len(chunks[0]), len(d.unconsumed_tail), d.eof)
while d.unconsumed_tail:
    chunks.append(d.decompress(d.unconsumed_tail, 333))
print([len(c) for c in chunks], b''.join(chunks) == DATA, d.eof, d.unconsumed_tail)
d = zlib.decompressobj()
first = d.decompress(ZDATA, 10)
rest = d.flush()
print(len(first), first + rest == DATA, d.eof, d.unconsumed_tail)
d = zlib.decompressobj()
print(d.decompress(ZDATA[:50]) == DATA[:len(d.decompress(b''))] or True, d.eof)

# copy of a decompressor
d = zlib.decompressobj()
part = d.decompress(ZDATA[:100])
d2 = d.copy()
print(part + d.decompress(ZDATA[100:]) == DATA, part + d2.decompress(ZDATA[100:]) == DATA, d2.eof)

d3 = copy.copy(zlib.decompressobj()) if False else zlib.decompressobj().__copy__()
print(type(d3).__name__, d3.decompress(STORED))

# errors of the objects
d = zlib.decompressobj()
t(d.decompress, b'x', -1)
t(d.decompress, 'abc')
t(d.decompress)
t(d.decompress, b'garbage!')
t(d.flush, 0)
t(d.flush, -5)
t(zlib.decompressobj, 100)
t(zlib.decompressobj, 15, 'x')
t(zlib.decompressobj, zdict=1)
t(zlib.decompressobj, wbits=1.5)
t(zlib.decompress)
t(zlib.decompress, 'abc')
t(zlib.decompress, ZDATA, bufsize=-1)
t(zlib.decompress, ZDATA, 100)
t(zlib.decompress, data=ZDATA)
t(zlib.decompress, ZDATA, 15, 1, 2)

# checksums
for s in [b'', b'a', b'abc', DATA, bytearray(b'xyz'), memoryview(b'xyz')]:
    print(zlib.crc32(s), zlib.crc32(s, 1), zlib.crc32(s, -1), zlib.adler32(s), zlib.adler32(s, 0), zlib.adler32(s, 2**40 + 3))
crc, adl = 0, 1
for i in range(0, len(DATA), 37):
    crc = zlib.crc32(DATA[i:i + 37], crc)
    adl = zlib.adler32(DATA[i:i + 37], adl)
print(crc == zlib.crc32(DATA), adl == zlib.adler32(DATA))
t(zlib.crc32, 'abc')
t(zlib.crc32, b'abc', 1.5)
t(zlib.crc32, b'abc', value=1)
t(zlib.adler32)
t(zlib.adler32, b'a', 1, 2)
