# topic: subclasses of str, bytes and bytearray: inherited methods, dunders, overrides, reprs
class B(bytes):
    pass
b = B(b"abc")
print(list(b), b[0], b[1:], len(b), b"b" in b, b + b"x", b * 2, b == b"abc", hash(b) == hash(b"abc"), repr(b), b.upper(), type(b).__name__, bytes(b), type(bytes(b)).__name__)
class S(str):
    def __len__(self):
        return 42
s = S("abc")
print(len(s), list(s), s[0], s.upper(), "b" in s, s.split("b"), str.__len__(s), repr(s), s + "d", "%s" % s, "{}".format(s), hash(s) == hash("abc"))
class BA(bytearray):
    pass
    def extra(self):
        return len(self) * 2
x = BA(b"xyz")
x.append(33)
x[0] = 88
x += b"?"
print(x, x.extra(), list(x), x[1:], type(x[1:]).__name__, x.upper(), type(x).__name__, x == b"Xyz!?", b"y" in x, len(x))
