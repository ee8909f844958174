# topic: str case methods: upper, lower, casefold, capitalize, title, swapcase; unicode specials
for s in ["hello World", "ßtraße", "ǅemal", "İstanbul", "ﬁne", "hello-world_foo bar", "they're bill's", "ΣΑΣ", "123abc", ""]:
    print(repr(s), s.upper(), s.lower(), s.casefold(), s.capitalize(), s.title(), s.swapcase())
print("ß".upper(), len("ß".upper()), "ﬃ".upper(), "ΌΣΟΣ".lower())
