# topic: bytes: constructors, methods, errors, operators, %-formatting, hashing
F = 1.5
class B:
    def __bytes__(self):
        return b"from dunder"
class I:
    def __index__(self):
        return 66
print(bytes(), bytes(2), bytes([1, 2, 255]), bytes(b"x"), bytes(bytearray(b"y")), bytes(B()), bytes([I()]), bytes(range(65, 68)), bytes("ü", "latin-1"), bytes("ab", encoding="ascii"))
print(bytes(source=b"k"), bytes((x for x in [104, 105])), bytes("é", "ascii", "replace"), bytes("é", "utf-8", errors="strict"))
b = b"Hello, World! hello"
print(b.count(b"l"), b.count(108), b.find(b"World"), b.find(111, 6), b.rfind(b"l"), b.index(b"o"), b.rindex(111), b.startswith((b"x", b"He")), b.endswith(b"lo", 0, 100))
print(b.split(), b.split(b"l"), b.split(b"l", 2), b.rsplit(b"l", 2), b"a\tb\nc".split(maxsplit=1), b" x ".rsplit(), b"1,2,,3".split(b","))
print(b.lower(), b.upper(), b.swapcase(), b"hELLO wORLD".title(), b"hELLO".capitalize(), b"\xe9a".upper(), b.partition(b"o"), b.rpartition(b"o"), b.partition(b"zz"))
print(b.replace(b"l", b""), b.replace(b"", b"."), b.replace(b"o", b"0", 1), b"  pad ".strip(), b"xxyxx".lstrip(b"x"), b"xxyxx".rstrip(b"yx"), b"ab".strip(None))
print(b"abc".hex(), b"abcdef".hex(":", 2), b"abcdef".hex(":", -4), b"abcde".hex(b"-", 2), b"".hex(), bytes.fromhex(""), bytes.fromhex(" 0a 0B\n ff "), b"x".fromhex("7a"))
print(b"a\r\nb\rc\nd".splitlines(), b"a\nb\n".splitlines(keepends=True), b"a\x0bb".splitlines(), b"ab\tc".expandtabs(), b"ab\tc".expandtabs(tabsize=3))
print(b"42".zfill(5), b"-42".zfill(5), b"ab".center(5), b"ab".ljust(5, b"-"), b"ab".rjust(5, bytearray(b"#")), b"abc".removeprefix(b"ab"), b"abc".removesuffix(b"bc"))
print(b"abc".translate(None), b"abc".translate(None, b"b"), b"abc".translate(bytes.maketrans(b"abc", b"ABC")), b"abc".translate(bytes.maketrans(b"a", b"z"), delete=b"c"))
print(b"AbC1 ".isalnum(), b"Ab".isalpha(), b"09".isdigit(), b"a b".islower(), b"A B".isupper(), b" \t\n\x0b\x0c\r".isspace(), b"Ab Cd".istitle(), b"\x80".isascii(), b"".isalpha())
print(b"ab" + b"cd", b"ab" * 2, 3 * b"x", b"ab" * 0, b"b" in b"abc", 97 in b"abc", b"" in b"a", b"abc"[1], b"abc"[-1], b"abcdef"[1:5:2], b"abc"[::-1], b"abc"[5:])
print(b"a" == b"a", b"a" != b"b", b"a" < b"b", b"b" >= b"a", b"a" == "a", b"abc" > b"ab", sorted([b"b", b"a", b"ab"]), hash(b"x") == hash(b"x"), {b"k": 1}[b"k"])
print(list(b"hi"), [x for x in b"\x00\xff"], len(b"abc"), bool(b""), bool(b"\x00"), b"abc".__len__(), b"abc".__getitem__(0), bytes.__add__(b"a", b"b"), iter(b"x").__next__())
print(b"%s %d %x %5.2f %-4s| %r %c %c %% %o %X %i" % (b"s", 42, 255, 3.14159, b"ab", "é", 66, b"C", 8, 171, 7), b"%(k)s=%(v)d" % {b"k": b"key", b"v": 9}, b"%s" % b"one", b"%5b|" % b"r")
print(repr(b"\x00\n\t'\""), str(b"q"), b"x".decode(), b"\xc3\xa9".decode(encoding="utf-8"), b"\xff\xfe".decode("latin-1"), b"a\xffb".decode("utf-8", "ignore"), b"\xff".decode("ascii", "backslashreplace"))
print(b"-".join([b"a", bytearray(b"b"), b"c"]), b"".join([]), b", ".join((b"x", b"y")), b"abc".__contains__(b"bc"), b"x".__mul__(2), b"x".__rmul__(2), b"x".__eq__("x"))
for bad in [lambda: bytes([256]), lambda: bytes([-1]), lambda: bytes("s"), lambda: bytes(1.5), lambda: bytes(None), lambda: bytes(-1), lambda: bytes(["a"]), lambda: bytes(x=1),
            lambda: bytes(b"a", "utf-8"), lambda: bytes(errors="x"), lambda: bytes("a", 1), lambda: b"a" + "b", lambda: b"a" + 1, lambda: 1 + b"a", lambda: b"a" * "x",
            lambda: b"a" < "a", lambda: bytes.fromhex("zz"), lambda: bytes.fromhex("a"), lambda: bytes.fromhex(1), lambda: b"\xff".decode(), lambda: b"a".decode("nope"),
            lambda: b"a".find("a"), lambda: b"a".count(1000), lambda: b"a".strip("a"), lambda: b"a".replace("a", b"b"), lambda: b"a".startswith("a"), lambda: b"a".startswith(("a",)),
            lambda: b"a".hex(""), lambda: b"a".hex(1), lambda: b"a".center(3, "x"), lambda: b"a".center(3, b"xy"), lambda: b"a".split(b""), lambda: b"a".split("a"),
            lambda: b"a".partition(b""), lambda: b"a".index(b"z"), lambda: b"a".rindex(98), lambda: b"a".join([1]), lambda: b"a".join(1), lambda: b"a"[F], lambda: b"a"[5],
            lambda: b"a".translate(b"x"), lambda: bytes.maketrans(b"a", b"bc"), lambda: "a" in b"a", lambda: 300 in b"a", lambda: b"a" % 1, lambda: b"%d" % "x", lambda: b"%s" % "x",
            lambda: b"%s %s" % (b"a",), lambda: b"%z" % 1, lambda: b"a".upper(1), lambda: b"a".find(), lambda: b"a".split(1, 2, 3), lambda: b"a".__setitem__(0, 1)]:
    try:
        print(repr(bad()))
    except Exception as e:
        print(type(e).__name__, e)
