# _struct: every format character in every byte order, round trips.
import _struct as struct

values = {
    'b': [-128, -1, 0, 1, 127], 'B': [0, 1, 128, 255],
    'h': [-32768, -2, 0, 300, 32767], 'H': [0, 1, 65535],
    'i': [-2**31, -5, 0, 7, 2**31 - 1], 'I': [0, 3, 2**32 - 1],
    'l': [-2**31, 0, 2**31 - 1], 'L': [0, 2**32 - 1],
    'q': [-2**63, -1, 0, 2**63 - 1], 'Q': [0, 1, 2**64 - 1],
    '?': [True, False, 0, 1, [], [1], 'x'],
    'c': [b'a', b'\x00', b'\xff'],
    'e': [0.0, -0.0, 1.0, -2.5, 65504.0, 6.103515625e-05, 5.960464477539063e-08, 0.1],
    'f': [0.0, 1.5, -3.25, 1e10, 0.1],
    'd': [0.0, 1.5, -3.25, 1e300, 0.1, 5e-324],
}
for order in ['', '@', '=', '<', '>', '!']:
    for ch, vals in values.items():
        fmt = order + ch
        for v in vals:
            b = struct.pack(fmt, v)
            print(repr(fmt), repr(v), b, struct.unpack(fmt, b), struct.calcsize(fmt))

for ch in 'nNP':
    for v in [0, 1, 2**40, 2**63 - 1]:
        b = struct.pack(ch, v)
        print(ch, v, b, struct.unpack(ch, b))
print(struct.pack('n', -5), struct.unpack('n', struct.pack('n', -5)))
print(struct.pack('P', -1))
print(struct.unpack('P', b'\xff' * 8))
print(struct.unpack('N', b'\xff' * 8))

# Repeat counts, strings, pascal strings, padding.
print(struct.pack('3b', 1, 2, 3), struct.unpack('3b', b'\x01\x02\x03'))
print(struct.pack('<2h3B', 1, -1, 2, 3, 4))
print(struct.unpack('<2h3B', struct.pack('<2h3B', 1, -1, 2, 3, 4)))
print(struct.pack('5s', b'abc'), struct.pack('2s', b'abcdef'), struct.pack('0s', b'abc'))
print(struct.pack('5s', bytearray(b'xy')))
print(struct.unpack('5s', b'hello'), struct.unpack('0s', b''))
print(struct.pack('5p', b'abc'), struct.pack('5p', b'abcdefgh'), struct.pack('1p', b'abc'), struct.pack('p', b''))
print(struct.unpack('5p', b'\x03abcd'), struct.unpack('5p', b'\x09abcd'), struct.unpack('1p', b'\x05'))
long = struct.pack('300p', b'a' * 400)
print(len(long), long[0], long[1:4], struct.unpack('300p', long)[0][:5], len(struct.unpack('300p', long)[0]))
print(struct.pack('3x'), struct.pack('<x2xhx', 5), struct.unpack('<x2xhx', b'\x00' * 3 + b'\x05\x00\x00'))
print(struct.pack('3s2p', b'a', b'bc'), struct.unpack('3s2p', b'abc\x05z'))
print(struct.pack(''), struct.unpack('', b''), struct.calcsize(''))
print(struct.pack('<'), struct.calcsize('>'))
print(struct.pack(b'<hh', 1, 2), struct.unpack(b'>hh', b'\x00\x01\x00\x02'))
print(struct.pack(' < h  h ', 1, 2), struct.calcsize('\t2i\n3h '))
print(struct.pack('0i'), struct.unpack('0i', b''), struct.calcsize('0i'))

# Native alignment.
for fmt in ['ci', 'cP', 'c?', 'ce', 'cq0l', 'bhilqnNPefd?', 'ch', 'hc', 'cd', 'c3xi', 'ci0q', '@3sh', '=3sh',
            '<bhilqefd?', 'xq', '2c0i', 'c2i', 'i0c', 'cl', '=cl', '>cq', '!ce', '5p0q']:
    print(fmt, struct.calcsize(fmt))
print(struct.pack('ci', b'a', 1))
print(struct.pack('@hd', 1, 2.0))
print(struct.unpack('@hd', bytes(range(16))))
print(struct.pack('=hd', 1, 2.0))
print(struct.pack('bq', 1, 2))

# Ints through __index__, floats through __float__ / __index__.
class I:
    def __index__(self):
        return 7
class F:
    def __float__(self):
        return 2.5
print(struct.pack('i', I()), struct.pack('<Q', I()), struct.pack('b', I()), struct.pack('P', I()))
print(struct.pack('d', F()), struct.pack('<f', F()), struct.pack('>e', F()))
print(struct.pack('d', I()), struct.pack('e', I()), struct.pack('?', I()))
print(struct.pack('i', True), struct.pack('d', True), struct.pack('d', 3))
print(struct.pack('q', 2**62), struct.pack('>Q', 2**63))
