# The struct module (Lib/struct.py over the native _struct).
import struct

print(struct.__name__, struct.error.__name__, struct.error.__module__, struct.Struct.__name__)
print(sorted(n for n in struct.__all__))
print(struct.pack('<hiq', 1, -2, 3), struct.unpack('>I', b'\x00\x00\x01\x00'))
print(struct.calcsize('@ci'), struct.calcsize('=ci'), struct.calcsize('P'))
s = struct.Struct('<2sH')
print(s.pack(b'ab', 513), s.unpack(b'xy\x01\x02'), s.size, s.format)
buf = bytearray(10)
struct.pack_into('<I', buf, 2, 0xdeadbeef)
print(buf, struct.unpack_from('<I', buf, 2), struct.unpack_from('<I', buf, offset=2))
print(list(struct.iter_unpack('<B', b'\x01\x02\x03')))
try:
    struct.pack('B', 256)
except struct.error as e:
    print('struct.error:', e)
try:
    struct.unpack('<I', b'\x00')
except struct.error as e:
    print('struct.error:', e)
# records, as a typical program would use them
records = [(1, b'alice', 3.5), (2, b'bob', -1.25), (3, b'carol', 1e10)]
fmt = '<I8sd'
blob = b''.join(struct.pack(fmt, *r) for r in records)
print(len(blob), struct.calcsize(fmt))
for rec in struct.iter_unpack(fmt, blob):
    print(rec[0], rec[1].rstrip(b'\x00'), rec[2])
