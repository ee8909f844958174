# topic: string literals, escapes, concatenation, indexing, slicing, unicode
s = "hello, world"
print(s[0], s[-1], s[2:5], s[::-1], s[::3], s[100:], s[-100:3])
print(len("日本語"), "日本語"[1], "é" == "\u00e9", "\N{GREEK SMALL LETTER ALPHA}", "\x41\101\u0042\U00000043")
print(repr("tab\there"), repr("quote'"), repr('dq"'), repr("both'\""), repr("\\"), repr("\x00\x7f\x80\xff"), repr("\u200b\U0001f600"))
print(r"raw\n\t", len(r"\n"), b"bytes\n", rb"raw\bytes")
print("abc" "def", "x" * 3, 3 * "y", "" * 10, "a" * -1)
print("ab" < "b", "Z" < "a", "abc" < "abd", "" < "a", "a" in "abc", "" in "abc", "ac" in "abc")
print("""triple
quoted""")
print("a\
b")
try:
    s[50]
except IndexError as e:
    print("IndexError", e)
try:
    s[0] = "H"
except TypeError as e:
    print("TypeError", e)
try:
    "a" + 1
except TypeError as e:
    print("TypeError", e)
try:
    1 + "a"
except TypeError as e:
    print("TypeError", e)
print(str(), str(12), str(b"x"), str(None), str([1, "a"]))
print(ord("€"), chr(8364), "\ud800".encode("utf-8", "surrogatepass"))
print(repr("\r\n\x0b\x0c\x1b"), ascii("naïve ☃"))
