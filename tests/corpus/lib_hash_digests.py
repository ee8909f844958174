# The native hash modules: known digests, incremental updates, copies.
import _md5, _sha1, _sha256, _sha512, _sha3, _blake2

ctors = [_md5.md5, _sha1.sha1, _sha256.sha224, _sha256.sha256, _sha512.sha384, _sha512.sha512,
         _sha3.sha3_224, _sha3.sha3_256, _sha3.sha3_384, _sha3.sha3_512, _blake2.blake2b, _blake2.blake2s]
inputs = [b'', b'abc', b'The quick brown fox jumps over the lazy dog', bytes(range(256)) * 5, b'a' * 1000]
for c in ctors:
    h = c()
    print(h.name, h.digest_size, h.block_size, type(h).__name__, type(h).__module__)
    for data in inputs:
        print(' ', c(data).hexdigest())
    # incremental == one shot
    h = c()
    for data in inputs:
        h.update(data)
    print('  inc', h.hexdigest() == c(b''.join(inputs)).hexdigest(), h.digest() == bytes.fromhex(h.hexdigest()))
    # copy is independent
    h1 = c(b'abc')
    h2 = h1.copy()
    h2.update(b'def')
    print('  copy', h1.hexdigest() == c(b'abc').hexdigest(), h2.hexdigest() == c(b'abcdef').hexdigest(), type(h2) is type(h1))
    # bytearray and memoryview
    print('  buf', c(bytearray(b'xyz')).digest() == c(b'xyz').digest(), c(memoryview(b'xyz')).digest() == c(b'xyz').digest())
    h = c(usedforsecurity=False)
    h.update(memoryview(b'q'))
    print('  ufs', h.hexdigest() == c(b'q').hexdigest())

for c in [_sha3.shake_128, _sha3.shake_256]:
    h = c(b'abc')
    print(h.name, h.digest_size, h.block_size, h._capacity_bits, h._rate_bits, h._suffix)
    for n in [0, 1, 16, 32, 100, 300]:
        print(' ', n, h.hexdigest(n))
    print(' ', h.digest(10), c().hexdigest(20))
    h2 = h.copy()
    h2.update(b'd')
    print(' ', h2.hexdigest(8) == c(b'abcd').hexdigest(8), h.hexdigest(8) == c(b'abc').hexdigest(8))
for c in [_sha3.sha3_224, _sha3.sha3_512]:
    h = c()
    print(h.name, h._capacity_bits, h._rate_bits, h._suffix)
print(_sha3.implementation, _sha3.keccakopt)

# hashlib-style generic use
print(_md5.md5(string=b'abc').hexdigest(), _sha256.sha256(b'').hexdigest()[:16])
try:
    _sha256.sha256(None)
except TypeError as e:
    print(e)
