# re: match/search/fullmatch, groups, flags, pos/endpos, Match and Pattern API.
import re


def T(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)


print(re.match(r'a+', 'aaab'), re.search(r'b', 'aaab'), re.fullmatch(r'a+b', 'aaab'), re.match('b', 'ab'))
m = re.match(r'(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)', '2024-03-15T10:00')
print(m.group(), m.group(1), m.group('month', 'day'), m.groups(), m.groupdict(), m.span('day'), m.start(2), m.end())
print(m['year'], m[0], m.lastindex, m.lastgroup, m.re.pattern, m.string, m.pos, m.endpos, m.regs)
print(m.expand(r'\g<day>/\g<month>/\1'), m.expand(r'\3.\2.\1'))
m = re.search(r'(a)|(b)', 'xb')
print(m.groups(), m.groups('-'), m.groupdict(), m.lastindex, m.span(1))
p = re.compile(r'\w+', re.ASCII)
print(p.pattern, p.flags == re.ASCII | 0, p.groups, dict(p.groupindex), p.search('  hi  ', 3), p.match('héllo'))
print(p.search('abc def', 1, 5), p.match('abc def', 4), p.fullmatch('abc def', 4, 7), p.findall('a bb ccc', 2))
print(re.match(r'(?i)ABC', 'aBc'), re.match('abc', 'ABC', re.I), re.search('^b', 'a\nb', re.M), re.search('a.b', 'a\nb', re.S))
print(re.match(r'(?x) a  b  # comment', 'ab'), re.search(r'(?m)x$', 'x\ny'), re.search(r'x\Z', 'x\n'), re.search(r'x$', 'x\n'))
print(re.compile('a') == re.compile('a'), re.compile('a') is re.compile('a'), hash(re.compile('a')) == hash(re.compile('a')))
print(repr(re.compile(r'\d+', re.I | re.M)), repr(re.compile(b'x', re.L)), repr(re.compile('x' * 250)))
print(repr(re.match(r'.*', 'q' * 80)))
T(m.group, 3)
T(m.group, 'nope')
T(re.compile, '(')
T(re.compile, 'a', re.compile('a').flags)
T(re.compile(r'\d').match, 3)
T(re.compile(b'a').match, 'a')
print(re.escape('a.b*c?d[e] f'), re.escape(b'a.b'))
print(type(m).__name__, type(p).__name__, re.Match, re.Pattern)
print(re.Pattern[str], re.Match[bytes])
print(re.compile(re.compile('a')) is not None)
