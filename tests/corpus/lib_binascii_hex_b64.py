# binascii: hex and base64 codings.
import binascii as b

def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__module__, type(e).__name__, e)

print(sorted(n for n in dir(b) if not n.startswith('__')))
print(b.Error.__mro__, b.Incomplete.__mro__, b.__doc__)
print(b.Error.__module__, issubclass(b.Error, ValueError))

data = bytes(range(0, 256, 7))
for f in (b.hexlify, b.b2a_hex):
    t(f, data)
    t(f, b'')
    t(f, bytearray(b'\x00\xff'))
    t(f, memoryview(b'xyz'))
    for sep in ['-', b':', ' ']:
        for per in [1, 2, 3, -1, -2, -3, 0, 5, -5, 100]:
            t(f, b'\x01\x02\x03\x04\x05', sep, per)
    t(f, b'\x01\x02\x03', sep='.', bytes_per_sep=2)
    t(f, data=b'\x01')
    t(f, b'\x01\x02\x03', '--')
    t(f, b'\x01\x02\x03', '')
    t(f, b'\x01\x02\x03', 1)
    t(f, b'\x01\x02\x03', None)
    t(f, b'\x01\x02\x03', bytearray(b'x'))
    t(f, b'\x01\x02\x03', '-', 2**70)
    t(f, b'\x01\x02\x03', '-', 1.0)
    t(f, 'abc')
    t(f, 5)
    t(f)
    t(f, b'', '-', 1, 2)
for f in (b.unhexlify, b.a2b_hex):
    t(f, '0123456789abcdefABCDEF')
    t(f, b'00ff7f')
    t(f, bytearray(b'00ff'))
    t(f, memoryview(b'00ff'))
    t(f, '')
    t(f, 'abc')
    t(f, 'zz')
    t(f, '0g')
    t(f, 'é0')
    t(f, 12)
    t(f, hexstr='00')
    t(f)
print(b.unhexlify(b.hexlify(data)) == data)

for s in [b'', b'a', b'ab', b'abc', b'abcd', b'abcde', bytes(range(256)), b'\xff\xfe\xfd']:
    enc = b.b2a_base64(s)
    print(enc, b.b2a_base64(s, newline=False), b.a2b_base64(enc) == s, b.a2b_base64(enc.decode()) == s)
t(b.b2a_base64, 'abc')
t(b.b2a_base64, b'x', True)
t(b.b2a_base64, b'x', nl=True)
t(b.b2a_base64, data=b'x')
t(b.b2a_base64)
for s in ['YWJj', 'YWJ', 'YW', 'Y', 'YWJjZ', 'YWJjZA', 'YWJjZA=', 'YWJjZA==', 'YWJjZA===', 'YW=Jj', 'YW==Jj', '=YWJj',
          'Y===', 'YW=', 'YWJ=', 'YWJ==x', 'YW Jj\n', 'Y!W@J#j', '====', '', 'YWJjZA==YWJj', 'YWJj=YWJj', 'ab\ncd\n',
          'YQ', 'YQ=', 'YQ==', 'YR==', 'A', 'AB', 'ABC', 'ABCD', '@@@@', 'Y\x00WJj']:
    print(repr(s), end=' ')
    t(b.a2b_base64, s)
    print('  strict', end=' ')
    t(b.a2b_base64, s, strict_mode=True)
t(b.a2b_base64, b'YWJj', True)
t(b.a2b_base64, 'é')
t(b.a2b_base64, 5)
t(b.a2b_base64, bytearray(b'YWJj'))
t(b.a2b_base64, memoryview(b'YWJj'))
t(b.a2b_base64, data=b'YWJj')
