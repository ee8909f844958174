# _sha512 (what random seeds str/bytes with): digests, copies, attributes, errors.
import _sha512

for data in [b'', b'abc', b'a' * 1000, bytearray(b'xyz'), memoryview(b'hello')]:
    h = _sha512.sha512(data)
    g = _sha512.sha384(data)
    print(h.hexdigest(), g.hexdigest())
    print(h.digest()[:8], len(h.digest()), len(g.digest()))
h = _sha512.sha512()
h.update(b'ab')
c = h.copy()
c.update(b'c')
h.update(b'c')
print(h.hexdigest() == c.hexdigest(), h.hexdigest() == _sha512.sha512(b'abc').hexdigest())
print(h.name, h.digest_size, h.block_size, _sha512.sha384().name, _sha512.sha384().digest_size)
print(type(h), type(_sha512.sha384()), _sha512.SHA384Type is type(h))
print(_sha512.sha512(string=b'abc', usedforsecurity=False).hexdigest()[:16])

def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)

t(_sha512.sha512, 'x')
t(_sha512.sha512, 5)
t(_sha512.sha512, b'a', b'b')
t(_sha512.sha512, foo=1)
t(h.update, 'x')
t(h.update)
t(h.update, None)
t(h.digest, 1)
t(type(h))
