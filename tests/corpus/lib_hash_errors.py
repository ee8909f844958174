# The native hash modules: argument errors and module contents.
import _md5, _sha1, _sha256, _sha512, _sha3

def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)

for m in [_md5, _sha1, _sha256, _sha512, _sha3]:
    print(m.__name__, sorted(n for n in dir(m) if not n.startswith('__')))
print(_md5.MD5Type, _sha1.SHA1Type, _sha256.SHA224Type, _sha256.SHA256Type, _sha512.SHA384Type)
print(type(_md5.md5()), type(_sha3.sha3_224()), _sha3.shake_128)
print(type(_md5.md5()) is _md5.MD5Type, type(_sha256.sha224()) is _sha256.SHA224Type)
for c in [_md5.md5, _sha1.sha1, _sha256.sha256, _sha512.sha512, _sha3.sha3_256, _sha3.shake_128]:
    t(c, 'abc')
    t(c, 1)
    t(c, b'a', b'b')
    t(c, data=b'a')
    t(lambda: type(c(string=b'a')).__name__)
    h = c()
    t(h.update, 'x')
    t(h.update, 1)
    t(h.update)
    t(h.update, b'a', b'b')
    t(h.update, None)
    print(h.update(bytearray(b'x')), h.update(memoryview(b'y')))
t(_md5.md5().digest, 1)
t(_md5.md5().hexdigest, 1)
t(_md5.md5().copy, 1)
t(_sha3.sha3_224().digest, 1)
t(type(_md5.md5()))
t(type(_sha1.sha1()))
s = _sha3.shake_128(b'abc')
t(s.digest)
t(s.digest, -1)
t(s.digest, 2**29)
t(s.digest, 2**29 - 1 if False else 5)
t(s.digest, 2**70)
t(s.digest, 'x')
t(s.digest, length=3)
t(s.hexdigest)
t(s.hexdigest, 1.0)
