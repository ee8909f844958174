# The base64 module (Lib/base64.py over the native binascii).
import base64

for s in [b'', b'f', b'fo', b'foo', b'foob', b'fooba', b'foobar', bytes(range(256))]:
    e = base64.b64encode(s)
    print(e[:40], base64.b64decode(e) == s, base64.standard_b64encode(s)[:20], base64.urlsafe_b64encode(s)[:40])
    print('  ', base64.b32encode(s)[:40], base64.b32decode(base64.b32encode(s)) == s, base64.b16encode(s)[:20])
    print('  ', base64.b85encode(s)[:30], base64.b85decode(base64.b85encode(s)) == s)
    print('  ', base64.a85encode(s)[:30], base64.a85decode(base64.a85encode(s)) == s)
    print('  ', base64.encodebytes(s)[:30], base64.decodebytes(base64.encodebytes(s)) == s)
print(base64.b64encode(b'\xfb\xff', altchars=b'-_'), base64.b64decode(b'-_8=', altchars=b'-_'))
print(base64.urlsafe_b64decode('-_8='), base64.b64decode('Zm9v'), base64.b64decode(b'Zm9v\n'))
print(base64.b64decode(b'Zm9v!', validate=False))
try:
    base64.b64decode(b'Zm9v!', validate=True)
except Exception as e:
    print(type(e).__name__, e)
try:
    base64.b64decode(b'Zm9')
except Exception as e:
    print(type(e).__name__, e)
print(base64.b32hexencode(b'hello'), base64.b32hexdecode(base64.b32hexencode(b'hello')))
print(base64.b16decode('666F6F'), base64.b16decode('666f6f', casefold=True))
print(base64.encodebytes(b'x' * 100))
print(base64.a85encode(b'hello world', wrapcol=10, adobe=True))
