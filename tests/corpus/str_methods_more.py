# topic: more str methods: keywords, unicode cases, argument errors, sigma, title, splitlines, translate
print("a,b,c".split(sep=",", maxsplit=1), "a b c".rsplit(maxsplit=1), "x\ny".splitlines(keepends=True), "a\tb".expandtabs(tabsize=2))
print("ΣΑΣ ΟΔΟΣ".lower(), "ΣΑΣ".swapcase(), "Σ".lower(), "aΣ".lower(), "aΣb".lower(), "a.Σ".lower(), "ǆungla".title(), "ǆ".capitalize())
print("ﬁx ﬂow".title(), "ß".title(), "ŉ".upper(), "İ".lower(), len("İ".lower()), "ﬃ".casefold(), "ẞ".casefold(), "µ".casefold(), "ᾳ".upper(), "ᾳ".title())
print("hello world".title(), "HELLO wORLD".swapcase(), "o'neil mc-donald 3rd".title(), "ABC".casefold(), "éÉ".upper(), "ÿ".upper())
print("Abc".istitle(), "ABC".istitle(), "A Title Case".istitle(), "a".istitle(), "1A".istitle(), "ǅ".isupper(), "ǅ".islower())
print("abc".encode("utf-8"), "ü".encode("latin-1"), "ü€".encode("ascii", "replace"), "ü€".encode("ascii", errors="backslashreplace"), "x".encode(encoding="ascii"))
print("a\u2028b\u2029c\x85d\x1ce\x1df\x1eg\x0bh\x0ci".splitlines(), "\r\n\r\n".splitlines(True), "abc\r".splitlines())
print("   ".split(" "), "a  b".split(" ", 1), " a b ".rsplit(" "), "aXbXc".rsplit("X", 1), "é è  ê".split(), "日本 語".split())
print("abcabc".rfind("c", 0, 5), "abcabc".rindex("ab"), "abc".find("c", -1), "abc".find("a", None, None), "abc".count("", 1), "abc".count("", 5))
print("".startswith(""), "".startswith("", 1), "abc".startswith("", 3), "abc".startswith("", 4), "abc".endswith("c", -1), "abc".endswith(("a", "bc"), 0, 3))
print("x".center(4, "é"), "é".rjust(3, "*"), "abc".ljust(-1), "-0".zfill(4), "+".zfill(2), "é".zfill(3))
print("a b".replace(" ", ""), "aaaa".replace("a", "bb", 0), "aaaa".replace("a", "", -5), "é".replace("", "|"), "abc".replace("", "-", 2))
print("abc".translate({ord("a"): "xyz", ord("b"): None}), "abc".translate(str.maketrans("ab", "ba")), str.maketrans({"a": 1, 98: "x"}))
print("hello"[1:4], "hello"[::-2], "hello"[-2:], "hello".__getitem__(slice(1, 3)), "ab".__mul__(3), "ab".__rmod__(1), "%s" .__mod__(1))
print(str.lower("ABC"), str.split("a b"), str.__len__("abc"), "abc".__contains__("b"), "é".isascii(), "".isascii(), "".isprintable(), "\t".isprintable())
print("Ⅻ".isalpha(), "Ⅻ".isnumeric(), "𝟘".isdecimal(), "٣".isdigit(), "①".isdigit(), "①".isdecimal(), "ं".isalpha(), "a\u0301".isalpha())
print("x".removeprefix(""), "abc".removesuffix("c"), "abc".removesuffix("abcd"), "ab".partition("b"), "ab".rpartition("a"))
for bad in [lambda: "a".center(), lambda: "a".center(1, 2, 3), lambda: "a".center(w=1), lambda: "a".find(), lambda: "a".find(1, 2, 3, 4),
            lambda: "a".split(1, 2, 3), lambda: "a".split(x=1), lambda: "a".split(",", sep=","), lambda: "a".zfill(), lambda: "a".join(),
            lambda: "a".strip(1, 2), lambda: "a".replace("a"), lambda: "a".upper(1), lambda: "a".encode(1), lambda: "a".expandtabs("x"),
            lambda: "a".count(1), lambda: "a".startswith(1), lambda: "a".center("x"), lambda: "a".center(2, 1), lambda: "a".center(3, ""),
            lambda: "a".split(1), lambda: "a".strip(1), lambda: "a".replace(1, "b"), lambda: "a".join([1]), lambda: "a".join(5),
            lambda: "a".partition(1), lambda: "a".removeprefix(1), lambda: "a".translate(1), lambda: "a".find("a", "x"),
            lambda: "a".ljust(2**70), lambda: str.upper(1), lambda: str.upper(), lambda: "a".isalpha(1), lambda: "a".encode("nope"),
            lambda: str.maketrans(1), lambda: str.maketrans({1.5: 2}), lambda: str.maketrans({"ab": 2}), lambda: str.maketrans("a", 1),
            lambda: str.maketrans("a", "b", 3), lambda: "a".translate({97: 2**40}), lambda: "a".translate({97: 1.5}), lambda: "a".rindex("b"),
            lambda: "a".startswith(("a", 1)), lambda: "a".startswith((1, "a")), lambda: "a".index("b"), lambda: "ab".split(""), lambda: "é".encode("ascii")]:
    try:
        print(repr(bad()))
    except Exception as e:
        print(type(e).__name__, e)
class S(str):
    pass
s = S("Hello")
print(s.upper(), type(s.upper()).__name__, s.split("l"), type(s[0]).__name__, s + "!", S("a") == "a", "{}".format(s), str.__len__(s))
