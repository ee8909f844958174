# Native classes of the hash, zlib and struct modules that cannot be subclassed.
import _blake2, _sha3, zlib, _struct, _md5
for c in [_blake2.blake2b, _sha3.sha3_256, _sha3.shake_128, type(zlib.compressobj()), type(zlib.decompressobj()), type(_struct.iter_unpack('b', b'')), type(_md5.md5())]:
    try:
        class X(c): pass
        print(c.__name__, 'ok')
    except TypeError as e: print(e)
print(_sha3.sha3_256(b'x').hexdigest()[:8], _blake2.blake2s(b'x').hexdigest()[:8], list(_struct.iter_unpack('b', b'\x01')))
import _struct as st
class S(st.Struct):
    pass
print(S('<h').pack(5), type(S('b')).__mro__)
s = st.Struct('i')
try:
    s.foo = 1
except AttributeError as e:
    print(e)
for t in [type(zlib.compressobj()), type(zlib.decompressobj()), type(_md5.md5()), _sha3.sha3_224, _blake2.blake2b, type(st.iter_unpack('b', b''))]:
    print(t, t.__module__, t.__name__, t.__qualname__)
