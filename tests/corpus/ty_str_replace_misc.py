# topic: str replace, translate/maketrans, encode, format_map, mul, comparisons, iteration
print("aaa".replace("a", "b"), "aaa".replace("a", "b", 2), "abc".replace("", "-"), "abc".replace("x", "y"), "aaa".replace("aa", "a"))
table = str.maketrans("abc", "xyz", "d")
print("abcd-abcd".translate(table), str.maketrans({"a": "1", "b": None}), "cab".translate({97: "A", 98: None, 99: 100}))
try:
    str.maketrans("ab", "c")
except ValueError as e:
    print("ValueError", e)
print("héllo".encode(), "héllo".encode("latin-1"), "héllo".encode("ascii", "replace"), "héllo".encode("ascii", "ignore"), "é".encode("ascii", "xmlcharrefreplace"), "é".encode("ascii", "backslashreplace"))
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError", e)
print("{name} is {age}".format_map({"name": "x", "age": 3}), list("abc"), [c for c in "日本"], sorted("hello"))
print("abc" * 2, "abc"[::-1], "a" < "ab", "B" < "a", max("hello"), min("hello"), "abc".__len__(), "ab".__add__("c"))
try:
    "{missing}".format_map({})
except KeyError as e:
    print("KeyError", e)
