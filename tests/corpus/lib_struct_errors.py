# _struct: CPython's error types and messages.
import _struct as struct

def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__module__, type(e).__name__, e)

print(struct.error.__module__, struct.error.__name__, struct.error.__mro__)
for fmt in ['b', 'B', 'h', 'H', 'i', 'I', 'l', 'L', 'q', 'Q', 'n', 'N', 'P',
            '<b', '<B', '<h', '<H', '<i', '<I', '<l', '<L', '<q', '<Q',
            '>h', '>H', '>i', '>I', '>l', '>L', '>q', '>Q', '=l', '=L', '!i', '!q']:
    for v in [2**7, -129, 256, -1, 2**15, -2**15 - 1, 2**16, 2**31, -2**31 - 1, 2**32,
              2**63, -2**63 - 1, 2**64, -2**70]:
        print(fmt, v, end=' ')
        t(struct.pack, fmt, v)

# Not integers, not floats, wrong bytes.
class BadIndex:
    def __index__(self):
        return 'x'
t(struct.pack, 'i', 1.5)
t(struct.pack, 'i', '1')
t(struct.pack, 'Q', None)
t(struct.pack, 'i', BadIndex())
t(struct.pack, 'q', 5.0)
t(struct.pack, 'f', 'x')
t(struct.pack, 'd', None)
t(struct.pack, '<d', 10**400)
t(struct.pack, 'd', 10**400)
t(struct.pack, 'e', 1e300)
t(struct.pack, '<e', -1e300)
t(struct.pack, 'e', 65520.0)
t(struct.pack, '<e', 2**1000)
t(struct.pack, 'f', 1e300)
t(struct.pack, '<f', 1e300)
t(struct.pack, '>f', 3.4028236e38)
t(struct.pack, '<f', 2**1000)
t(struct.pack, 'c', 'a')
t(struct.pack, 'c', b'ab')
t(struct.pack, 'c', b'')
t(struct.pack, 'c', bytearray(b'a'))
t(struct.pack, 'c', 97)
t(struct.pack, 's', 'a')
t(struct.pack, '2s', 5)
t(struct.pack, '2s', memoryview(b'ab'))
t(struct.pack, '2p', 'ab')

# Argument counts.
t(struct.pack)
t(struct.pack, 'i')
t(struct.pack, 'i', 1, 2)
t(struct.pack, '2i', 1)
t(struct.pack, '3s', b'a', b'b')
t(struct.pack, 'x', 1)
t(struct.pack, 'i', x=1)
t(struct.pack_into)
t(struct.pack_into, 'i')
t(struct.pack_into, 'i', bytearray(4))
t(struct.pack_into, 'i', bytearray(4), 0)
t(struct.pack_into, 'i', bytearray(4), 0, 1, 2)
t(struct.unpack, 'i')
t(struct.unpack, 'i', b'abcd', 3)
t(struct.unpack_from)
t(struct.unpack_from, 'i')
t(struct.unpack_from, 'i', b'abcd', 0, 1)
t(struct.unpack_from, 'i', b'abcd', offset=0)
t(struct.unpack_from, format='i', buffer=b'abcd')
t(struct.unpack_from, 'i', buffer=b'abcd', offset=0)
t(struct.unpack_from, 'i', bufer=b'abcd')
t(struct.iter_unpack, 'i')
t(struct.calcsize)
t(struct.calcsize, 'i', 'i')

# Bad formats.
for fmt in ['z', '3', 'i3', '<<', 'i<', '=n', '<N', '>P', '2 i', 'i\x00i', b'i\x00', 'é', 'q!',
            '99999999999999999999i', '9999999999999999999b', '4611686018427387904q',
            '1152921504606846976s', b'\xff']:
    t(struct.calcsize, fmt)
t(struct.calcsize, '9999999999999999i')
t(struct.calcsize, 3)
t(struct.calcsize, None)
t(struct.calcsize, bytearray(b'ii'))
t(struct.calcsize, ['i'])
t(struct.pack, 3, 1)
t(struct.unpack, 1.5, b'')

# Buffers.
t(struct.unpack, 'i', b'abc')
t(struct.unpack, 'i', b'abcde')
t(struct.unpack, '2h', 'abcd')
t(struct.unpack, 'i', 5)
t(struct.unpack, 'i', [1, 2, 3, 4])
t(struct.unpack, 'i', None)
t(struct.unpack, 'i', memoryview(b'abcd'))
t(struct.unpack, 'i', bytearray(b'abcd'))
t(struct.unpack, '0p', b'')
for off in [0, 3, 4, 5, 20, -1, -2, -4, -7, -8, -20, 2**70, 'x', 1.0]:
    print('unpack_from', off, end=' ')
    t(struct.unpack_from, 'i', b'abcdefg', off)
t(struct.unpack_from, '10s', b'abcdefg', -8)
t(struct.unpack_from, '2s', b'abcdefg', -8)
t(struct.unpack_from, '2s', b'abcdefg', -7)
ba = bytearray(6)
for off in [0, 2, 3, 4, 20, -1, -2, -4, -6, -7, -20, 2**70, 'x']:
    print('pack_into', off, end=' ')
    t(struct.pack_into, 'i', ba, off, 0x01020304)
    print(ba)
t(struct.pack_into, '10s', bytearray(7), -8, b'')
t(struct.pack_into, 'i', b'abcdef', 0, 1)
t(struct.pack_into, 'i', memoryview(b'abcdef'), 0, 1)
t(struct.pack_into, 'i', 'abcdef', 0, 1)
t(struct.pack_into, 'i', None, 0, 1)
t(struct.pack_into, 'i', bytearray(8), 0, 'x')
t(struct.pack_into, 'i', bytearray(2), 0, 'x')
ba = bytearray(8)
mv = memoryview(ba)
t(struct.pack_into, '<i', mv, 2, -2)
print(ba)
t(struct.iter_unpack, 'i', b'abcdefg')
t(struct.iter_unpack, 'x0i', b'abcdefg')
t(struct.iter_unpack, '', b'')
t(struct.iter_unpack, 'h', 'ab')
