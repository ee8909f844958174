PATTERNS = [
    ('abc', 0), ('abc', 2), ('[a-z]+', 2), ('[^a-z]+', 2), ('k', 2), ('\u212a', 2), ('s', 2), ('[k-l]', 2), ('[\u0100-\u017f]+', 2),
    ('(a)\\1', 2), ('(\u00e9)\\1', 2), ('\u03c3+', 2), ('[\u03c3]+', 2), ('\u00df', 2), ('i', 2), ('\u0130', 2),
    ('abc', 258), ('[a-z]+', 258), ('\\w+', 256), ('\\w+', 0), ('\\d+', 256), ('\\s+', 256), ('\\bx', 256), ('\\bx', 0),
    (b'abc', 0), (b'abc', 2), (b'[a-z]+', 2), (b'\\w+', 0), (b'\\s+', 0), (b'(a)\\1', 2), (b'\\xe9', 2),
    (b'abc', 4), (b'abc', 6), (b'[a-z]+', 6), (b'\\w+', 4), (b'\\bx', 4), (b'(a)\\1', 6), (b'[^a]', 6),
    ('[\u4e00-\u9fff]+', 0), ('[\u0400-\u04ff\u4e00-\u4e10]+', 0), ('[^\u4e00-\u9fff]+', 0), ('[\U0001f600-\U0001f64f]', 0),
    ('[\u1f80\u1f88]', 2), ('\u1f80', 2), ('[\u1e00-\u1eff]+', 2), ('[A-Z\u0391-\u03a9]+', 2),
    ('\\W', 0), ('[\\d\\s]+', 0), ('[\\w-]+', 0), ('[^\\W\\d]+', 0), ('x+', 2), ('[xy]+?z', 2), ('\u00e0+', 2),
]
#---
def show(pat, flags, subjects):
    p = C(pat, flags)
    for s in subjects:
        m = p.search(s)
        print(repr(pat), flags, repr(s) if not isinstance(s, memoryview) else 'mv', m and m.span())

show('abc', 2, ['ABC', 'aBc', 'xAbC'])
show('[a-z]+', 2, ['HeLLo World', '\u212a', '\u0131\u017f'])
show('[^a-z]+', 2, ['HeLLo World 123'])
show('k', 2, ['K', '\u212a', 'k'])
show('\u212a', 2, ['K', 'k', '\u212a'])
show('s', 2, ['S', '\u017f'])
show('[k-l]', 2, ['\u212a', 'L'])
show('[\u0100-\u017f]+', 2, ['\u0100\u0101\u017f', 'S', 'K'])
show('(a)\\1', 2, ['aA', 'Aa', 'ab'])
show('(\u00e9)\\1', 2, ['\u00e9\u00c9', '\u00c9\u00e9'])
show('\u03c3+', 2, ['\u03a3\u03c3\u03c2'])
show('[\u03c3]+', 2, ['\u03a3\u03c3\u03c2'])
show('\u00df', 2, ['\u1e9e', 'SS', '\u00df'])
show('i', 2, ['I', '\u0130', '\u0131'])
show('\u0130', 2, ['i', 'I', '\u0130'])
show('abc', 258, ['ABC'])
show('[a-z]+', 258, ['\u212aK', 'Kk'])
show('\\w+', 256, ['caf\u00e9 x'])
show('\\w+', 0, ['caf\u00e9 x', '\u0661\u0662'])
show('\\d+', 256, ['\u0661\u0662 12'])
show('\\s+', 256, ['a\u00a0\u2003 \tb'])
show('\\bx', 256, ['\u00e9x', 'ax', ' x'])
show('\\bx', 0, ['\u00e9x', ' x'])
show(b'abc', 0, [b'xabcx', bytearray(b'abc'), memoryview(b'zzabc')])
show(b'abc', 2, [b'ABC'])
show(b'[a-z]+', 2, [b'HeLLo'])
show(b'\\w+', 0, [b'caf\xe9 x'])
show(b'\\s+', 0, [b'a \t\x0b\x1cb'])
show(b'(a)\\1', 2, [b'aA'])
show(b'\\xe9', 2, [b'\xc9', b'\xe9'])
show(b'abc', 4, [b'ABC', b'abc'])
show(b'abc', 6, [b'ABC', b'aBc'])
show(b'[a-z]+', 6, [b'HeLLo'])
show(b'\\w+', 4, [b'ab\xe9c'])
show(b'\\bx', 4, [b'\xe9x', b' x'])
show(b'(a)\\1', 6, [b'aA'])
show(b'[^a]', 6, [b'A', b'b'])
show('[\u4e00-\u9fff]+', 0, ['abc\u4e2d\u6587def'])
show('[\u0400-\u04ff\u4e00-\u4e10]+', 0, ['x\u0416\u4e05\u4e20'])
show('[^\u4e00-\u9fff]+', 0, ['\u4e2dab\u6587'])
show('[\U0001f600-\U0001f64f]', 0, ['hi \U0001f600', '\U0001f680'])
show('[\u1f80\u1f88]', 2, ['\u1f88', '\u1f80'])
show('\u1f80', 2, ['\u1f88'])
show('[\u1e00-\u1eff]+', 2, ['\u1e00\u1e01\u1e9e\u00df'])
show('[A-Z\u0391-\u03a9]+', 2, ['abc\u03b1\u03c9\u03c2'])
show('\\W', 0, ['ab c'])
show('[\\d\\s]+', 0, ['ab 12 3c'])
show('[\\w-]+', 0, ['!a-b_c!'])
show('[^\\W\\d]+', 0, ['12ab3'])
show('x+', 2, ['XxXy'])
show('[xy]+?z', 2, ['XYz'])
show('\u00e0+', 2, ['\u00c0\u00e0'])
for m in [C(b'abc', 0).search(bytearray(b'zabc')), C(b'abc', 0).search(memoryview(b'abc'))]:
    print(m.group(), type(m.group()).__name__, type(m.string).__name__, m.span())
T(C(b'abc').search, 'abc')
T(C('abc', 2).search, b'abc')
T(C('abc').match, 12)
T(C('abc').match, None)
T(C('abc').match, ['a'])
print(_sre.unicode_tolower(ord('A')), _sre.unicode_tolower(0x130), _sre.unicode_tolower(0x212a), _sre.ascii_tolower(0xc0), _sre.ascii_tolower(ord('Q')))
print(_sre.unicode_iscased(ord('a')), _sre.unicode_iscased(ord('1')), _sre.unicode_iscased(0xdf), _sre.ascii_iscased(0xe9), _sre.ascii_iscased(ord('z')))
low = [c for c in range(0x110000) if _sre.unicode_tolower(c) != c]
cased = [c for c in range(0, 0x110000, 1) if _sre.unicode_iscased(c)]
print(len(low), sum(low) % 1000003, sum(_sre.unicode_tolower(c) for c in low) % 1000003)
print(len(cased), sum(cased) % 1000003)
print([c for c in range(512) if _sre.ascii_iscased(c)] == [c for c in range(128) if chr(c).isalpha()])
print([_sre.ascii_tolower(c) for c in range(60, 100)], _sre.ascii_tolower(300))
T(_sre.unicode_tolower, 'a')
T(_sre.unicode_tolower, 2**40)
T(_sre.ascii_iscased)
print(_sre.unicode_tolower(-5), _sre.unicode_iscased(-5), _sre.ascii_tolower(-1))
