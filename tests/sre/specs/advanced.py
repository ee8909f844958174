PATTERNS = [
    ('foo(?=bar)', 0), ('foo(?!bar)', 0), ('(?<=ab)c', 0), ('(?<!ab)c', 0), ('(?<=(a))b', 0),
    ('(\\w)\\1', 0), ('(?P<q>[\'"]).*?(?P=q)', 0), ('(a)?(?(1)b|c)', 0), ('(?P<x><)?\\w+(?(x)>)', 0),
    ('(?>a+)b', 0), ('(?>a+)a', 0), ('a++b', 0), ('a++a', 0), ('(?:ab)++a', 0), ('(?:ab)*+b', 0), ('a?+a', 0), ('a{1,2}+a', 0),
    ('(?>(a)|b)*c', 0), ('x(?:(a)|b)*+y', 0),
    ('(a+)+b', 0), ('(a|b)*', 0), ('(a*?)(a*)', 0), ('((a)|b)+', 0), ('(?:(a)|(b))+', 0), ('(a)|(b)', 0),
    ('(\\d+)-(\\d+)', 0), ('((\\w+)@(\\w+))\\.com', 0), ('(?:x|(y))*z', 0),
    ('(a)(?:(b)|c)*', 0), ('(?:a(b)?)+', 0), ('(?=(a+))a*b\\1', 0), ('(?!(a)b)\\w+', 0),
    ('(?:a|ab)(?:c|bcd)(?:d*)', 0), ('a{3}', 0), ('a{2,}?', 0), ('(?:a{2})*?$', 0), ('(?:)*x', 0), ('(?:a*)*b', 0), ('(?:a*?)+?b', 0),
    ('(?:a|)+b', 0), ('(|a)+b', 0), ('(a|)*?b', 0), ('^(?:(a)|b)*$', 0), ('(.)(?=(.))', 0),
    ('\\b\\w+(?<!s)\\b', 0), ('(?<=\\d{3})x', 0), ('(?<![a-z])\\d', 0),
]
#---
for pat, subj in [('foo(?=bar)', 'foobar foobaz'), ('foo(?!bar)', 'foobar foobaz'), ('(?<=ab)c', 'xbc abc'),
                  ('(?<!ab)c', 'abc xbc'), ('(?<=(a))b', 'ab')]:
    m = C(pat).search(subj)
    print(pat, m, m and m.groups())
print(C('(?<=ab)c').match('abc', 2), C('(?<=ab)c').search('abc', 2), C('(?<!ab)c').search('abc', 2))
for pat, subjs in [('(\\w)\\1', ['aa', 'ab', 'xyzzy']), ('(?P<q>[\'"]).*?(?P=q)', ['say "hi" now', "it's 'x'", '"open']),
                   ('(a)?(?(1)b|c)', ['ab', 'c', 'ac', 'b']), ('(?P<x><)?\\w+(?(x)>)', ['<abc>', 'abc', '<abc', 'abc>'])]:
    p = C(pat)
    for s in subjs:
        m = p.search(s)
        print(pat, repr(s), m and (m.group(), m.groups()))
for pat in ['(?>a+)b', '(?>a+)a', 'a++b', 'a++a', '(?:ab)++a', '(?:ab)*+b', 'a?+a', 'a{1,2}+a', '(?>(a)|b)*c', 'x(?:(a)|b)*+y']:
    p = C(pat)
    print(pat, [(m.span(), m.groups()) if m else None for m in (p.search(s) for s in ['aaab', 'aaa', 'ababa', 'ababb', 'a', 'aa', 'aaa', 'abac', 'xabay', 'xbby'])])
for pat in ['(a+)+b', '(a|b)*', '(a*?)(a*)', '((a)|b)+', '(?:(a)|(b))+', '(a)|(b)', '(\\d+)-(\\d+)', '((\\w+)@(\\w+))\\.com',
            '(?:x|(y))*z', '(a)(?:(b)|c)*', '(?:a(b)?)+', '(?=(a+))a*b\\1', '(?!(a)b)\\w+']:
    p = C(pat)
    for s in ['aab', 'abba', 'aaa', 'ab', 'ba', 'b', '12-345', 'me@home.com', 'xyxz', 'abcbc', 'abaab', 'aaba', 'ac']:
        m = p.search(s)
        if m:
            print(pat, repr(s), m.span(), m.groups(), m.lastindex, m.regs)
for pat in ['(?:a|ab)(?:c|bcd)(?:d*)', 'a{3}', 'a{2,}?', '(?:a{2})*?$', '(?:)*x', '(?:a*)*b', '(?:a*?)+?b',
            '(?:a|)+b', '(|a)+b', '(a|)*?b', '^(?:(a)|b)*$', '(.)(?=(.))']:
    p = C(pat)
    print(pat, [(m.span(), m.groups()) if m else None for m in (p.search(s) for s in ['abcd', 'aaaa', 'aaab', 'x', 'ab', 'abab', ''])])
print(C('(.)(?=(.))').findall('abcd'))
print(C('\\b\\w+(?<!s)\\b').findall('cats dog bus bird'), C('(?<=\\d{3})x').findall('12x 123x 1234x'), C('(?<![a-z])\\d').findall('a1 2 b3 4'))
# deep backtracking must neither overflow nor take forever
p = C('(a|b)*')
m = p.match('ab' * 50000)
print(m.span(), m.group(1))
p = C('(?:a*)*b')
print(p.match('a' * 21 + 'c'))
m = C('(a+)+b').search('a' * 20000 + 'b')
print(m.span())
