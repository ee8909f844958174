# re: sub/subn with string templates, callables and counts; split; findall; finditer.
import re


def T(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)


print(re.sub(r'(\w+)@(\w+)', r'\2 at \1', 'joe@home, ann@work'))
print(re.sub(r'(?P<a>\d)', r'<\g<a>\g<0>\g<1>>', 'a1b2'), re.subn(r'\d', '#', 'a1b2c3', 2))
print(re.sub('x*', '-', 'abxd'), re.sub('', '-', 'abc'), re.sub(r'\s+', ' ', '  a \t b\n\nc  '))
print(re.sub(r'\d+', lambda m: str(int(m.group()) * 2), 'a5 b10 c15'), re.sub('a', r'\n', 'bab'), re.sub('a', '\\\\', 'bab'))
print(re.sub(b'(\\d)', b'[\\1]', b'a1b2'), re.sub(b'a', lambda m: b'AA', b'banana', count=2))
print(re.sub('(a)|b', r'[\1]', 'ab'), re.sub(r'(?i)HELLO', 'bye', 'Hello hello'), re.sub('a', 'b', 'aaa', flags=re.I))
T(re.sub, 'a', r'\2', 'a')
T(re.sub, 'a', r'\g<x>', 'a')
T(re.sub, '(a)', r'\g<1', 'a')
T(re.sub, 'a', '\\', 'a')
T(re.sub, 'a', lambda m: 3, 'a')
print(re.split(r'\W+', 'Words, words, words.'), re.split(r'(\W+)', 'Words, words, words.'), re.split(r'\W+', 'Words, words, words.', 1))
print(re.split('[a-f]+', '0a3B9', flags=re.I), re.split(r'(\d)?x', 'ax1xb'), re.split(r'\b', 'a b'), re.split('x*', 'axbc'))
print(re.findall(r'\bf[a-z]*', 'which foot or hand fell fastest'), re.findall(r'(\w+)=(\d+)', 'set width=20 and height=10'))
print(re.findall(r'(a)(b)?', 'ab a'), re.findall('', 'ab'), re.findall(r'\d*', 'a12b'))
print([(m.start(), m.group()) for m in re.finditer(r'\w+ly\b', 'He was carefully disguised but captured quickly by police.')])
print([m.span() for m in re.finditer('a*', 'baac')], [m.groups() for m in re.finditer(r'(\w)(\d)?', 'a1 b c3')])
s = re.compile(r'\d').scanner('a1b2')
print(s.search().group(), s.search().group(), s.search())
sc = re.Scanner([(r'\d+', lambda s, t: ('NUM', t)), (r'[a-z]+', lambda s, t: ('ID', t)), (r'\s+', None)])
print(sc.scan('abc 12 de 3 !'))
