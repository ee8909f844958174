# topic: str/bytes subclasses overriding methods and calling super(), unbound str/bytes methods, __new__ of subclasses
class U(str):
    def upper(self):
        return "U:" + super().upper()
    def __getitem__(self, i):
        return "item" + super().__getitem__(i)
    def split(self, *a, **k):
        return ["S"] + super().split(*a, **k)
u = U("a b")
print(u.upper(), u[0], u.split(), u.split(maxsplit=0), str.upper(u), "{0[0]}".format(u), U.__len__(u))
class K(bytes):
    def __new__(cls, x):
        return super().__new__(cls, x * 2)
k = K(b"ab")
print(k, type(k).__name__, k.hex(), K.fromhex("41"), type(K.fromhex("41")).__name__, k.decode())
print(str.__new__(U, "zz"), type(str.__new__(U, "zz")).__name__, bytes.__new__(K, b"q"), type(bytes.__new__(K, b"q")).__name__)
print(str.join(",", U("xy")), bytes.join(b"-", [b"a", b"b"]), bytearray.fromhex("ff"), str.format("{}", 1), str.__mod__("%d", 3))
print(getattr("abc", "upper")(), list(map(str.strip, [" a ", "b "])), sorted(["B", "a", "C"], key=str.lower), "a".__class__.__name__)
