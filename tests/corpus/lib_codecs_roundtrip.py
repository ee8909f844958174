import codecs

texts = ['', 'hello', 'héllo wörld', 'Ελληνικά', 'русский текст', '日本語テキスト', '€ – “quotes”', 'a\x00b\x7f\x80\xff', '𝄞 music 🎵', 'tab\tnew\nline\r\\']
encs = ['utf-8', 'utf-16', 'utf-16-le', 'utf-16-be', 'utf-32', 'utf-32-le', 'utf-32-be', 'utf-7',
        'latin-1', 'ascii', 'cp1252', 'cp1251', 'cp437', 'cp850', 'koi8_r', 'koi8-u', 'iso8859_2', 'iso8859-15',
        'iso8859_5', 'iso8859_7', 'mac_roman', 'cp1250', 'cp866', 'unicode_escape', 'raw_unicode_escape',
        'utf_8_sig', 'cp037', 'hp_roman8', 'tis_620', 'cp1253', 'mac_cyrillic', 'ptcp154', 'kz1048', 'cp273']
for enc in encs:
    for t in texts:
        for errors in ('strict', 'replace', 'ignore', 'backslashreplace', 'xmlcharrefreplace'):
            try:
                b = t.encode(enc, errors)
            except UnicodeEncodeError as e:
                print(enc, errors, repr(t), 'EncErr', e.start, e.end, e.reason)
                continue
            try:
                back = b.decode(enc, 'strict')
            except UnicodeDecodeError as e:
                print(enc, errors, repr(t), 'DecErr', e.start, e.end, e.reason)
                continue
            print(enc, errors, repr(b)[:80], back == t)

# decoding arbitrary bytes
data = bytes(range(256))
for enc in ['utf-8', 'ascii', 'latin-1', 'cp1252', 'koi8_r', 'cp437', 'utf-16-le', 'utf-32-be', 'iso8859_3', 'cp874', 'mac_greek']:
    for errors in ('replace', 'ignore', 'backslashreplace', 'surrogateescape'):
        try:
            s = data.decode(enc, errors)
            print(enc, errors, len(s), ascii(s[:40]), ascii(s[-20:]))
        except Exception as e:
            print(enc, errors, type(e).__name__, e)

print(codecs.encode('Hello', 'rot13'), codecs.decode('Uryyb', 'rot_13'))
print(codecs.encode(b'hello world', 'hex'), codecs.decode(b'68656c6c6f', 'hex_codec'))
print(codecs.encode(b'hello world', 'base64'), codecs.decode(b'aGVsbG8=\n', 'base64'))
print(codecs.decode(codecs.encode(b'hello world' * 5, 'zlib'), 'zlib'))
print(codecs.encode(b'abc', 'quopri'), codecs.encode(b'a=b\xff', 'quopri_codec'))
print(codecs.encode(b'abc\n', 'uu'))
for name in ['UTF8', 'utf_8', 'U8', 'Latin1', 'iso-8859-1', 'L1', 'cp65001', 'ASCII', '646', 'us-ascii', 'UTF-16LE', 'utf16', 'mbcs']:
    try:
        print(name, codecs.lookup(name).name)
    except LookupError as e:
        print(name, 'LookupError', e)
