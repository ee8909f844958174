# topic: repr, ascii, str on many builtin values
vals = [1, -0.5, 1e100, "it's", 'say "hi"', "tab\t", "é", "日本", "\x00", b"\x00\xff'", bytearray(b"a"), [1, "a"], (1,), (), {"k": [1]}, set(), frozenset(), {1, 2}, None, True, Ellipsis, NotImplemented, range(3), slice(1, 2), 3 - 4j, int, len, object, type(None), ValueError("x", 2), KeyError("k")]
for v in vals:
    print(repr(v), ascii(v), str(v))
print(repr(frozenset([3])), repr(memoryview(b"")).startswith("<memory at"), str(b"abc"))
class R:
    def __repr__(self): return "Rrepr é"
print(ascii(R()), ascii([R()]), repr([R()]))
