# hashlib over the native fallback modules (no OpenSSL _hashlib in pyx).
import hashlib

names = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3_224', 'sha3_256', 'sha3_384', 'sha3_512',
         'blake2b', 'blake2s']
for n in names:
    h = hashlib.new(n, b'hello')
    h2 = getattr(hashlib, n)(b'hello')
    print(n, h.name, h.digest_size, h.block_size, h.hexdigest(), h.hexdigest() == h2.hexdigest())
    h3 = hashlib.new(n)
    h3.update(b'hel')
    c = h3.copy()
    h3.update(b'lo')
    print('  ', h3.hexdigest() == h.hexdigest(), c.hexdigest() == hashlib.new(n, b'hel').hexdigest())
    print('  ', hashlib.new(n, data=b'x', usedforsecurity=False).hexdigest()[:16])
for n in ['shake_128', 'shake_256']:
    h = hashlib.new(n, b'hello')
    print(n, h.name, h.digest_size, h.block_size, h.hexdigest(16), len(h.digest(100)))
print(sorted(hashlib.algorithms_guaranteed))
print(hashlib.blake2b(b'abc', digest_size=16, key=b'key', salt=b'salt', person=b'me').hexdigest())
print(hashlib.blake2s(b'abc', digest_size=16).hexdigest())
print(hashlib.sha256(string=b'abc').hexdigest() if False else hashlib.sha256(b'abc').hexdigest())
try:
    hashlib.new('nonexistent')
except ValueError as e:
    print('ValueError', e)
try:
    hashlib.md5('text')
except TypeError as e:
    print('TypeError', e)
try:
    hashlib.new('sha256', 'text')
except TypeError as e:
    print('TypeError', e)
print(hashlib.new('SHA256', b'x').name, hashlib.new('MD5').name)
