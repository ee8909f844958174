PATTERNS = [
    ('abc', 0), ('a.c', 0), ('a.c', 16), ('a*', 0), ('a+b', 0), ('a?b', 0), ('a{2,3}', 0),
    ('a*?b', 0), ('(a)(b)(c)', 0), ('(?P<first>\\w+) (?P<last>\\w+)', 0), ('x(y)?z', 0),
    ('[a-c]+', 0), ('[^a-c]+', 0), ('\\d+', 0), ('\\D+', 0), ('\\s+', 0), ('\\S+', 0), ('\\w+', 0), ('\\W+', 0),
    ('^abc$', 0), ('^b', 8), ('a$', 8), ('\\Aab\\Z', 0), ('\\bfoo\\b', 0), ('\\Boo\\B', 0),
    ('cat|dog|bird', 0), ('(a|ab)(c|bcd)(d*)', 0), ('', 0), ('x*', 0), ('(a*)*', 0), ('(a*)+', 0), ('(a|b)*?c', 0),
    ('(?:ab)+', 0), ('(?:ab){2}', 0), ('(?:a|b){1,3}?c', 0), ('.', 0), ('$', 0), ('a\\nb', 0), ('a.b', 16),
]
#---
p = C('abc')
print(p.pattern, p.flags, p.groups, p.groupindex)
T(p.match, 'abcdef')
T(p.match, 'xabc')
T(p.search, 'xxabcxx')
T(p.fullmatch, 'abc')
T(p.fullmatch, 'abcd')
T(p.match, 'abcdef', 1)
T(p.search, 'abcabc', 1)
T(p.search, 'abcabc', 1, 5)
T(p.search, 'abcabc', 1, 6)
T(p.search, 'abcabc', -10, 100)
T(p.match, 'zabc', pos=1)
T(p.match, string='abc')
T(p.match, 'abc', endpos=2)
print(C('a.c').match('a\nc'), C('a.c', 16).match('a\nc'))
for pat in ['a*', 'a+b', 'a?b', 'a{2,3}', 'a*?b']:
    p = C(pat)
    for s in ['', 'a', 'b', 'ab', 'aab', 'aaab', 'aaaab', 'xab']:
        m = p.match(s)
        print(pat, repr(s), m and m.span(), p.search(s) and p.search(s).span(), p.fullmatch(s) and p.fullmatch(s).span())
m = C('(a)(b)(c)').match('abcd')
print(m.group(), m.group(0), m.group(1), m.group(3), m.group(1, 2, 3), m.groups(), m.span(2), m.start(3), m.end(1), m.regs)
print(m[0], m[1], m.lastindex, m.lastgroup, m.pos, m.endpos, m.string)
m = C('(?P<first>\\w+) (?P<last>\\w+)').match('Jane Doe Smith')
print(m.group('first'), m['last'], m.groupdict(), m.span('last'), m.lastindex, m.lastgroup, m.re.groupindex)
m = C('x(y)?z').match('xz')
print(m.groups(), m.groups('-'), m.group(1), m.span(1), m.start(1), m.end(1), m.lastindex)
m = C('x(y)?z').match('xyz')
print(m.groups(), m.span(1), m.lastindex)
for pat in ['[a-c]+', '[^a-c]+', '\\d+', '\\D+', '\\s+', '\\S+', '\\w+', '\\W+']:
    p = C(pat)
    print(pat, [p.search(s) and p.search(s).group() for s in ['abcdef', 'xyz 123 \t\n', '  ab_9!', '\u00e9\u00e8\u0663 x', '']])
print(C('^abc$').match('abc'), C('^abc$').search('abc\n'), C('^abc$').search('xabc'))
print(C('^b', 8).search('a\nb'), C('a$', 8).search('a\nb'), C('\\Aab\\Z').match('ab'), C('\\Aab\\Z').match('ab\n'))
print(C('\\bfoo\\b').search('a foo b'), C('\\bfoo\\b').search('afoo'), C('\\Boo\\B').search('foox'), C('\\Boo\\B').search('xoox'))
p = C('cat|dog|bird')
print([p.search(s) for s in ['a dog', 'birds', 'cow', 'category']])
print(C('(a|ab)(c|bcd)(d*)').match('abcd').groups())
print(C('').match('abc'), C('').search('abc', 2), C('x*').search('aaa'), C('x*').fullmatch(''))
print(C('(a*)*').match('aaa').groups(), C('(a*)+').match('aaa').groups(), C('(a*)+').match('b').groups())
print(C('(a|b)*?c').match('abac').groups(), C('(a|b)*?c').match('abab'))
print(C('(?:ab)+').match('ababa'), C('(?:ab){2}').match('ababab'), C('(?:a|b){1,3}?c').match('abbc'), C('(?:a|b){1,3}?c').match('abbbc'))
print(C('.').findall('a\nb'), C('$').findall('a\nb\n'), C('a\\nb').match('a\nb'), C('a.b', 16).match('a\nb'))
print(C('').match('abcdef', 5, 2), C('x*').match('abcdef', 5, 2), C('$').search('abc', 4, 1))
