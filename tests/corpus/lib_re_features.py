# re: lookarounds, backreferences, conditionals, atomic groups, possessive
# quantifiers, lazy quantifiers, unicode and bytes, case folding.
import re

for pat, s in [(r'foo(?=bar)', 'foobaz foobar'), (r'foo(?!bar)', 'foobar foobaz'), (r'(?<=\$)\d+', 'cost $42'),
               (r'(?<!\$)\b\d+', '$42 17'), (r'(\w)\1', 'hello'), (r'(?P<q>["\']).*?(?P=q)', 'say "hi" \'x\''),
               (r'(<)?\w+(?(1)>)', '<a> b <c'), (r'(?>a+)b', 'aaab'), (r'(?>a+)a', 'aaa'), (r'a++a', 'aaa'),
               (r'a*+b', 'aaab'), (r'(?:ab)++', 'ababa'), (r'a{2,3}?', 'aaaa'), (r'a+?b', 'aaab'), (r'<.*?>', '<a><b>'),
               (r'(a|ab)(c|bcd)(d*)', 'abcd'), (r'(?:(a)|b)*', 'ab'), (r'^(\w+)\s+\1$', 'hey hey'), (r'\bcat\b', 'concat cat'),
               (r'(?i)straße', 'STRASSE strasse straße'), (r'(?i)[ǅ]', 'ǆ Ǆ'), (r'(?i)\u212a', 'k K'), (r'[^\W\d]+', '12ab_3'),
               (r'\d+', '١٢٣ 123'), (r'(?a)\d+', '١٢٣ 123'), (r'\w+', 'naïve café'), (r'(?a)\w+', 'naïve'), (r'[\u4e00-\u9fff]+', 'abc中文def'),
               (r'(?s).', '\n'), (r'.', '\n'), (r'(?m)^\w', 'a\nb\nc'), (r'\Aa|b\Z', 'ab')]:
    print(pat, [(m.span(), m.group(), m.groups()) for m in re.finditer(pat, s)])
print(re.findall(rb'\w+', b'caf\xe9 ok'), re.findall(rb'(?i)[a-c]+', b'AbCd'), re.findall(rb'(?L)\w+', b'ab\xe9'))
print(re.match(rb'\x00+', b'\x00\x00a'), re.search(rb'[\x80-\xff]+', bytearray(b'ab\x90\xa0c')), re.search(b'b', memoryview(b'abc')))
print(re.fullmatch(r'(a+)+b', 'a' * 30 + 'b') is not None, re.match(r'(?:a|b)*c', 'ab' * 30000 + 'c').end())
print(re.sub(r'(?<=a)(?=b)', '-', 'abab'), re.split(r'(?<=,)', 'a,b,c'), re.findall(r'(?=(\w\w))', 'abcd'))
