# re: error messages and positions for bad patterns, flags and arguments.
import re

for pat in ['(', ')', '[a', 'a**', '*a', '(?P<1>a)', '(?P<a>a)(?P<a>b)', r'\1', '(?<=a+)b', '(?x', 'a{2,1}',
            r'\p', '[z-a]', '(?P=x)', '(?(2)a)', '(?#abc', '(?i', '(?z)', 'a{99999999999}', r'\x1', r'\u12', '(?<a>b)',
            '(?P<a b>x)', '(a)(?(a)b)', '+', '(?<!a|bc)x', '(?i)(?-i:a)(?i)b']:
    try:
        re.compile(pat)
        print(repr(pat), 'ok')
    except re.error as e:
        print(repr(pat), '|', e, '|', e.msg, e.pos, e.lineno, e.colno)
    except Exception as e:
        print(repr(pat), type(e).__name__, e)
try:
    re.compile('a\n(b')
except re.error as e:
    print(e.lineno, e.colno, e.pos, str(e))
for args in [(1,), ('a', 'x'), (b'a', re.A)]:
    try:
        re.compile(*args)
    except Exception as e:
        print(type(e).__name__, e)
print(re.error.__name__, re.error.__module__, issubclass(re.error, Exception))
