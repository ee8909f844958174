# topic: remaining str methods: index with unicode, encode round trip, __getitem__, ljust unicode, join generator, mul errors
s = "Größe"
print(len(s), s.upper(), s.encode("utf-8"), s.encode("utf-8").decode("utf-8") == s, s[2], s[-1:], s.center(9, "·"))
print("abc".__getitem__(1), "abc".__mul__(2), "abc".__rmul__(2), "a,b".__contains__(","), "x".__eq__(1), "ab".__lt__("b"))
try:
    "a" * 1.5
except TypeError as e:
    print("TypeError", e)
try:
    "abc" - "b"
except TypeError as e:
    print("TypeError", e)
print(str.join("-", "abc"), str.upper("x"), "%s" % "percent", "x".zfill(0))
print("\u00e9" == "e\u0301", len("e\u0301"), "ǅ".istitle(), "Ǆ".lower(), "ﬀ".upper())
print("a".isidentifier(), "1a".isidentifier(), "αβ".isidentifier(), "_".isidentifier(), "".isidentifier())
