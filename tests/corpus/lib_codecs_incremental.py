import codecs, io

text = 'aé€𝄞\n' * 3 + 'plain ascii\r\nline two\n'
for enc in ['utf-8', 'utf-8-sig', 'utf-16', 'utf-16-le', 'utf-16-be', 'utf-32', 'utf-32-le', 'utf-32-be', 'utf-7',
            'latin-1', 'cp1252', 'koi8_r', 'unicode_escape', 'raw_unicode_escape', 'ascii']:
    try:
        data = text.encode(enc, 'backslashreplace' if enc in ('latin-1', 'cp1252', 'koi8_r', 'ascii') else 'strict')
    except UnicodeEncodeError as e:
        print(enc, 'cannot', e)
        continue
    dec = codecs.getincrementaldecoder(enc)()
    parts = []
    for i in range(len(data)):
        parts.append(dec.decode(data[i:i+1]))
    parts.append(dec.decode(b'', final=True))
    print(enc, ascii(''.join(parts)), [len(p) for p in parts][:30])
    # state
    dec.reset()
    print(' state', dec.getstate() if hasattr(dec, 'getstate') else None)
    enc_ = codecs.getincrementalencoder(enc)()
    out = b''.join(enc_.encode(c) for c in text) + enc_.encode('', final=True)
    print(' incenc', out == data, len(out))

# truncated input with final=True
for enc, data in [('utf-8', b'ab\xe2\x82'), ('utf-16-le', b'a\x00b'), ('utf-32-le', b'a\x00\x00'), ('utf-16-le', b'\x00\xd8'), ('utf-7', b'a+AGE')]:
    d = codecs.getincrementaldecoder(enc)()
    print(enc, ascii(d.decode(data)))
    try:
        print(ascii(d.decode(b'', final=True)))
    except UnicodeDecodeError as e:
        print('final', e)
    d = codecs.getincrementaldecoder(enc)('replace')
    print(enc, ascii(d.decode(data, final=True)))

# the low-level functions with final flag
print(codecs.utf_8_decode(b'ab\xe2\x82', 'strict', False))
print(codecs.utf_8_decode(b'ab\xe2\x82', 'replace', True))
print(codecs.utf_16_decode(b'\xff\xfea\x00b', 'strict', False))
print(codecs.utf_16_ex_decode(b'\xfe\xff\x00a', 'strict', 0, True))
print(codecs.utf_16_ex_decode(b'\x00a', 'strict', 0, True))
print(codecs.utf_32_ex_decode(b'\xff\xfe\x00\x00a\x00\x00\x00', 'strict', 0, True))
print(codecs.utf_16_encode('ab'), codecs.utf_16_encode('ab', 'strict', 1), codecs.utf_16_encode('ab', 'strict', -1))
print(codecs.utf_32_encode('ab'), codecs.utf_32_be_encode('ab'))
print(codecs.latin_1_encode('abc'), codecs.ascii_decode(b'abc'), codecs.latin_1_decode(b'\xff'))
print(codecs.charmap_decode(b'\x00\x01\x02', 'strict', 'xyz'))
print(codecs.charmap_decode(b'\x00\x01\x02', 'replace', 'xy'))
print(codecs.charmap_decode(b'\x00\x01', 'strict', {0: 'A', 1: 0x42}))
print(codecs.charmap_encode('abc', 'strict', {97: 1, 98: b'BB', 99: None} if False else {97: 1, 98: b'BB', 99: 3}))
try:
    codecs.charmap_encode('abd', 'strict', {97: 1, 98: b'BB'})
except UnicodeEncodeError as e:
    print(e)
m = codecs.charmap_build('abc' + ''.join(chr(i) for i in range(3, 256)))
print(type(m).__name__, m.size())
print(codecs.charmap_encode('abc\x05', 'strict', m))
print(codecs.unicode_escape_decode(b'a\\nb\\x41'), codecs.unicode_escape_encode('a\n\xe9\u20ac\U0001f600'))
print(codecs.raw_unicode_escape_decode(b'a\\nb\\u0041'), codecs.raw_unicode_escape_encode('a\n\xe9\u20ac\U0001f600'))
print(codecs.escape_decode(b'a\\nb'), codecs.escape_encode(b'a\nb'))
print(codecs.readbuffer_encode(b'abc'), codecs.readbuffer_encode('abé'))
print(codecs.utf_7_encode('a€'), codecs.utf_7_decode(b'a+IKw', 'strict', False), codecs.utf_7_decode(b'a+IKw-', 'strict', True))
print(codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE, codecs.BOM)

# streams
buf = io.BytesIO()
w = codecs.getwriter('utf-16')(buf)
w.write('héllo\n')
w.writelines(['a', 'b\n'])
print(buf.getvalue())
buf.seek(0)
r = codecs.getreader('utf-16')(buf)
print(ascii(r.readline()), ascii(r.read()))
buf = io.BytesIO('line1\nline2\r\nline3'.encode('cp1252'))
r = codecs.getreader('cp1252')(buf)
print(r.readlines())
buf = io.BytesIO('αβγ\nδεζ\n'.encode('utf-8'))
r = codecs.getreader('utf-8')(buf)
print([l for l in r])
buf = io.BytesIO()
srw = codecs.StreamReaderWriter(buf, codecs.getreader('utf-8'), codecs.getwriter('utf-8'))
srw.write('xyz€')
print(buf.getvalue())
buf = io.BytesIO(b'abc\xe9')
rec = codecs.StreamRecoder(buf, codecs.getencoder('utf-8'), codecs.getdecoder('utf-8'), codecs.getreader('latin-1'), codecs.getwriter('latin-1'))
print(rec.read())
ew = codecs.EncodedFile(io.BytesIO(b'caf\xc3\xa9'), 'latin-1', 'utf-8')
print(ew.read())
import tempfile, os
fd, path = tempfile.mkstemp()
os.close(fd)
with codecs.open(path, 'w', 'utf-16') as f:
    f.write('codecs.open ünïcode\n')
with codecs.open(path, 'r', 'utf-16') as f:
    print(ascii(f.read()), f.encoding)
with open(path, 'rb') as f:
    print(f.read()[:10])
os.remove(path)
print(list(codecs.iterdecode([b'\xc3', b'\xa9', b'x'], 'utf-8')))
print(b''.join(codecs.iterencode(['a', 'é'], 'utf-16-le')))
