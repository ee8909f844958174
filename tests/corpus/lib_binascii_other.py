# binascii: uuencode, quoted-printable, CRCs.
import binascii as b

def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__module__, type(e).__name__, e)

for s in [b'', b'a', b'abc', b'\x00\x00\x00', b'hello world', bytes(range(45)), b'\xff' * 10]:
    e = b.b2a_uu(s)
    print(e, b.b2a_uu(s, backtick=True), b.a2b_uu(e) == s, b.a2b_uu(b.b2a_uu(s, backtick=True)) == s)
t(b.b2a_uu, b'x' * 46)
t(b.b2a_uu, 'abc')
t(b.b2a_uu, b'a', True)
for s in [b'', b' ', b'!', b'#86)C\n', b'#86)C  \n', b'#86)C\r\n', b'#86)C xx', b'#86)C``', b'\x7f', b'$86)C',
          b'!\x19', '#86)C', b'#86', b'(86)C', b'#86)C\n\n', b'`\n', b'#`````']:
    print(repr(s), end=' ')
    t(b.a2b_uu, s)
t(b.a2b_uu, 'é')
t(b.a2b_uu, 3)
t(b.a2b_uu)

for s in [b'', b'abc', b'hello world', bytes(range(256)), b'a' * 1000]:
    print(b.crc32(s), b.crc32(s, 1), b.crc32(s, 0xffffffff), b.crc32(s, -1), b.crc32(s, 2**40 + 5), b.crc_hqx(s, 0), b.crc_hqx(s, 0xffff), b.crc_hqx(s, 0x1ffff))
crc = 0
for chunk in [b'hel', b'lo ', b'world']:
    crc = b.crc32(chunk, crc)
print(crc == b.crc32(b'hello world'))
t(b.crc32, 'abc')
t(b.crc32, b'abc', 1.5)
t(b.crc32, b'abc', crc=1)
t(b.crc32)
t(b.crc32, b'a', 1, 2)
t(b.crc32, bytearray(b'abc'))
t(b.crc_hqx, b'abc')
t(b.crc_hqx, b'abc', -1)
t(b.crc_hqx, 'abc', 0)
t(b.crc_hqx, b'abc', None)

for s in [b'', b'hello = world\t\n', b'a b\tc \n', b'line with trailing space \nnext\t\n', b'caf\xc3\xa9',
          b'x' * 100, b'=' * 40, b'a\r\nb \r\nc', b'.', b'.\n.x\n', b'\x00\x01\x7f\x80', b'a_b c', b'end ', b'end\t',
          b'a' * 74 + b'\n' + b'b' * 80, b'a' * 75 + b'=', b'a\rb', b' \n \n', b'x' * 73 + b' ' + b'\n']:
    for kw in [{}, {'quotetabs': True}, {'istext': False}, {'header': True}, {'quotetabs': 1, 'istext': 0, 'header': 1}]:
        e = b.b2a_qp(s, **kw)
        print(e, b.a2b_qp(e, header=kw.get('header', False)) == s)
for s in [b'', b'a=3Db', b'a=\nb', b'a=\r\nb', b'a=  \nb', b'a==b', b'a=4', b'a=zz', b'a=', b'=41=42=4a=4A', b'a_b',
          'x=41', b'=\r', b'=\rabc', b'a=4g']:
    print(repr(s), b.a2b_qp(s), b.a2b_qp(s, header=True), b.a2b_qp(data=s, header=False))
t(b.b2a_qp, 'x')
t(b.a2b_qp, 'é')
t(b.b2a_qp, data=b'x', quotetabs=1, istext=0, header=0, extra=1)
t(b.b2a_qp)
