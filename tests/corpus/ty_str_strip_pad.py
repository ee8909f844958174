# topic: str strip/lstrip/rstrip, center/ljust/rjust/zfill, expandtabs
s = "  \t hello \n "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), "xxhixx".strip("x"), "abcba".strip("ab"), "www.example.com".lstrip("w."))
print(repr("hi".center(7)), repr("hi".center(6, "*")), repr("hi".ljust(5, ".")), repr("hi".rjust(5)), repr("hello".center(2)))
print("42".zfill(5), "-42".zfill(6), "+7".zfill(4), "abc".zfill(5), "".zfill(3), "-".zfill(3))
print(repr("a\tb\tc".expandtabs()), repr("a\tbc\td".expandtabs(4)), repr("\t".expandtabs(0)), repr("ab\ncd\te".expandtabs(3)))
try:
    "x".center(5, "ab")
except TypeError as e:
    print("TypeError", e)
