import codecs

seen = []
def search(name):
    seen.append(name)
    if name == 'my_codec':
        def enc(s, errors='strict'):
            return s.upper().encode('ascii', errors), len(s)
        def dec(b, errors='strict'):
            print(' dec got', type(b).__name__)
            return bytes(b).decode('ascii', errors).lower(), len(b)
        return codecs.CodecInfo(enc, dec, name='my-codec')
    if name == 'bad_codec':
        return (1, 2, 3)
    if name == 'tuple_codec':
        return (lambda s, e='strict': (b'T', len(s)), lambda b, e='strict': ('t', len(b)), None, None)
    if name == 'wrong_ret':
        return codecs.CodecInfo(lambda s, e='strict': b'x', lambda b, e='strict': 'x', name='wrong')
    if name == 'raising':
        def enc(s, errors='strict'):
            raise ValueError('boom')
        def dec(b, errors='strict'):
            raise RuntimeError('a', 'b')
        return codecs.CodecInfo(enc, dec, name='raising')
    return None

codecs.register(search)
print(codecs.lookup('My-Codec').name, seen)
print(codecs.lookup('MY CODEC').name, seen)
print('Hello'.encode('my_codec'), b'HELLO'.decode('my-codec'))
print(codecs.encode('abc', 'my codec'), codecs.decode(b'ABC', 'My_Codec'))
print(codecs.lookup('my.codec') if False else '')
for n in ['bad_codec', 'tuple_codec', 'wrong_ret', 'raising']:
    try:
        print(n, 'x'.encode(n))
    except Exception as e:
        print(n, type(e).__name__, e, repr(e.__cause__))
    try:
        print(n, b'x'.decode(n))
    except Exception as e:
        print(n, type(e).__name__, e, repr(e.__cause__))
    try:
        print(n, codecs.encode('x', n))
    except Exception as e:
        print(n, type(e).__name__, e)
print(seen)
for name in ['Utf-8', 'UTF 8', 'utf--8', ' utf8 ', 'latin 1', 'x.y-z', 'a' * 3]:
    seen.clear()
    try:
        codecs.lookup(name)
    except LookupError as e:
        print('LookupError', e)
    print(repr(name), seen)
try:
    codecs.register(3)
except TypeError as e:
    print(e)
codecs.unregister(search)
try:
    codecs.lookup('my_codec')
except LookupError as e:
    print(e)
info = codecs.lookup('utf-8')
print(info.name, info.encode, info.decode.__name__, info.incrementalencoder, info.streamreader)
print(repr(info).split(' at ')[0], info[0] is info.encode, len(info), tuple(info)[:2] == (info.encode, info.decode))
print(info._is_text_encoding, codecs.lookup('rot13')._is_text_encoding)
print(codecs.getencoder('latin-1'), codecs.getdecoder('ascii'))

# custom error handlers
def myhandler(exc):
    print(' handler', type(exc).__name__, exc.start, exc.end, ascii(exc.object[exc.start:exc.end]))
    if isinstance(exc, UnicodeEncodeError):
        return ('[%s]' % ','.join(hex(ord(c)) for c in exc.object[exc.start:exc.end]), exc.end)
    if isinstance(exc, UnicodeDecodeError):
        return ('<%s>' % exc.object[exc.start:exc.end].hex(), exc.end)
    raise TypeError('no')
codecs.register_error('my', myhandler)
print(codecs.lookup_error('my') is myhandler)
print('aé€z'.encode('ascii', 'my'))
print('aé€z'.encode('latin-1', 'my'))
print('aé€𝄞z'.encode('cp1252', 'my'))
print(b'a\xff\xfez'.decode('ascii', 'my'))
print(b'a\xff\xc3z'.decode('utf-8', 'my'))
print(b'a\x81z'.decode('cp1252', 'my'))
print('aéz'.encode('utf-8', 'my'))

def backwards(exc):
    return ('?', exc.start - 1 if exc.start else 0)
codecs.register_error('back', lambda exc: ('X', exc.end + 1 if exc.end < len(exc.object) else exc.end))
print('aéébc'.encode('ascii', 'back'))
codecs.register_error('neg', lambda exc: ('N', -1))
print('aébc'.encode('ascii', 'neg'))
codecs.register_error('badret', lambda exc: 'oops')
for f in [lambda: 'é'.encode('ascii', 'badret'), lambda: b'\xff'.decode('ascii', 'badret')]:
    try:
        f()
    except TypeError as e:
        print('TypeError', e)
codecs.register_error('badpos', lambda exc: ('', 100))
for f in [lambda: 'é'.encode('ascii', 'badpos'), lambda: b'\xff'.decode('ascii', 'badpos')]:
    try:
        f()
    except IndexError as e:
        print('IndexError', e)
codecs.register_error('bytesrep', lambda exc: (b'\xAA', exc.end))
print('aéz'.encode('ascii', 'bytesrep') if True else '')
try:
    b'\xff'.decode('ascii', 'bytesrep')
except TypeError as e:
    print('TypeError', e)
codecs.register_error('nonascii', lambda exc: ('é', exc.end))
try:
    'a€'.encode('ascii', 'nonascii')
except UnicodeEncodeError as e:
    print('UnicodeEncodeError', e)
print('a€'.encode('latin-1', 'nonascii'))
try:
    codecs.register_error('x', 5)
except TypeError as e:
    print(e)
