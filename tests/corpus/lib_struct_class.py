# _struct.Struct objects and unpack iterators.
import _struct as struct

def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)

s = struct.Struct('<hiq')
print(s.format, s.size, type(s).__name__, type(s).__module__)
b = s.pack(1, -2, 3)
print(b, s.unpack(b), s.unpack_from(b'xx' + b, 2), s.unpack_from(b + b'yy'))
print(s.unpack_from(buffer=b, offset=0))
ba = bytearray(20)
print(s.pack_into(ba, 3, 7, 8, 9), ba)
print(s.unpack_from(ba, offset=3))
print(struct.Struct(b'>3s').format, struct.Struct(format='i').size)
print(struct.Struct('  i').format, struct.Struct('=  2h').size)
t(struct.Struct)
t(struct.Struct, 1)
t(struct.Struct, 'z')
t(struct.Struct, 'i', 'h')
t(struct.Struct, fmt='i')
t(s.pack, 1, 2)
t(s.pack, 1, 2, 3, 4)
t(s.unpack)
t(s.unpack, b'abc')
t(s.unpack, b'a', b'b')
t(s.pack_into)
t(s.pack_into, bytearray(20))
t(s.pack_into, bytearray(2), 0, 1, 2, 3)
t(s.iter_unpack, b'abcd', 1)
t(s.unpack_from)
t(s.unpack_from, b'')
try:
    s.foo = 1
except AttributeError:
    print('no attribute foo')
print(isinstance(s, struct.Struct))

# Re-initialising.
s2 = struct.Struct('i')
s2.__init__('hh')
print(s2.size, s2.format, s2.pack(1, 2))

# Module functions accept the same formats.
print(struct.calcsize('<hiq'), struct.pack('<hiq', 1, -2, 3) == b)

# A subclass.
class S(struct.Struct):
    def __init__(self, fmt, tag):
        super().__init__(fmt)
        self.tag = tag
    def total(self, data):
        return sum(self.unpack(data))
x = S('<3h', 'T')
print(x.tag, x.size, x.format, x.total(x.pack(1, 2, 3)), isinstance(x, struct.Struct), type(x).__name__)

# iter_unpack.
it = struct.iter_unpack('<hb', b'abcdefghi')
print(type(it).__name__, it.__length_hint__())
print(next(it), it.__length_hint__())
print(list(it), it.__length_hint__())
t(next, it)
print(list(struct.Struct('>H').iter_unpack(b'\x00\x01\x00\x02\x00\x03')))
print(list(struct.iter_unpack('<i', bytearray(b'\x01\x00\x00\x00\x02\x00\x00\x00'))))
print(list(struct.iter_unpack('<i', memoryview(b'\x01\x00\x00\x00'))))
print(list(struct.iter_unpack('<i', b'')))
print(iter(it) is it)
t(type(it))

# Counting with a struct over a large buffer.
data = struct.pack('<100i', *range(100))
print(len(data), sum(struct.unpack('<100i', data)), struct.unpack_from('<2i', data, 396 - 4))
print(sum(v for (v,) in struct.iter_unpack('<i', data)))
print(sorted(n for n in dir(struct) if not n.startswith('__')))
print(sorted(n for n in dir(struct.Struct) if not n.startswith('__')))
