# topic: bytes methods: decode, hex/fromhex, split/join/strip/find/replace/case, predicates
b = b"Hello, World"
print(b.upper(), b.lower(), b.swapcase(), b.title(), b.capitalize(), b.find(b"o"), b.rfind(b"o"), b.count(b"l"), b.index(b"W"))
print(b.split(b", "), b"a b  c".split(), b.replace(b"l", b"L", 2), b.startswith(b"He"), b.endswith((b"x", b"ld")), b"  x ".strip(), b"xxaxx".strip(b"x"))
print(b.hex(), b.hex(":"), b"\x01\xff".hex("-", 1), bytes.fromhex("de ad BE ef"), b"-".join([b"a", b"b"]), b.partition(b", "))
print(b"abc".decode(), b"\xc3\xa9".decode("utf-8"), b"\xe9".decode("latin-1"), b"\xff".decode("utf-8", "replace"), b"\xff".decode("ascii", "ignore"))
print(b"abc".isalpha(), b"123".isdigit(), b"a1".isalnum(), b" ".isspace(), b"ABC".isupper(), b"abc".islower(), b"Ab".istitle(), b"x".isascii())
print(b"ab".center(6, b"*"), b"ab".ljust(4), b"ab".rjust(4, b"0"), b"42".zfill(5), b"a\tb".expandtabs(4), b"a\nb\r\nc".splitlines())
print(b"abc"[0], b"abc"[-1:], b"abc"[::-1], list(b"hi"), b"ab" * 3, b"a" + b"b", b"b" in b"abc", 98 in b"abc", b"abc" < b"abd")
print(bytes(3), bytes([65, 66]), bytes("é", "utf-8"), bytes(range(3)), bytes.maketrans(b"ab", b"xy"), b"abc".translate(bytes.maketrans(b"ab", b"xy"), b"c"))
for bad in (lambda: bytes([256]), lambda: bytes("s"), lambda: b"a" + "b", lambda: bytes.fromhex("zz"), lambda: b"\xff".decode(), lambda: bytes(-1)):
    try:
        bad()
    except (ValueError, TypeError, UnicodeDecodeError) as e:
        print(type(e).__name__, e)
print(b"%d-%s" % (1, b"x"), b"a,b".rsplit(b",", 1), b"AbC".removeprefix(b"A"), b"x".fromhex("41"), b"ab".rindex(b"b"))
