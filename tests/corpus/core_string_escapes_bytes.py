# topic: bytes literals, escapes, bytes/str distinctions, comparisons and concatenation errors
b = b"\x00\x01abc\n\t\\"
print(b, len(b), b[0], b[2:5], list(b[:3]), repr(b"'"), repr(b'"'), repr(b"'\""))
print(b"abc" == "abc", b"a" < b"b", b"abc".decode() == "abc", bytes("abc", "ascii") == b"abc")
try:
    b"a" + "b"
except TypeError as e:
    print("TypeError", e)
try:
    "a" in b"abc"
except TypeError as e:
    print("TypeError", e)
print(b"\xff\xfe".hex(), b"A" * 3, b"" == bytes(), rb"\n" == b"\\n", b"\101\x42")
