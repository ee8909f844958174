# topic: str is* predicates across ascii and unicode samples
samples = ["abc", "ABC", "Abc Def", "abc123", "123", "١٢٣", "½", "²", " \t\n", "", "_id", "class", "ñ", "a b", "Hello World", "hello world", "\x00", "日本", "x2", "9a"]
for s in samples:
    print(repr(s), s.isalpha(), s.isalnum(), s.isdigit(), s.isdecimal(), s.isnumeric(), s.isspace(), s.islower(), s.isupper(), s.istitle(), s.isidentifier(), s.isprintable(), s.isascii())
