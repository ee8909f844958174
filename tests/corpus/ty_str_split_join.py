# topic: str split/rsplit/splitlines/join/partition/rpartition
print("a b  c".split(), "a b  c".split(" "), " a b ".split(), "a,b,,c".split(","), "a,b,c".split(",", 1), "a,b,c".rsplit(",", 1))
print("".split(), "".split(","), "   ".split(), "a\tb\nc\x0bd".split(), "abc".split("abc"), "1<>2<>3".split("<>"))
print(" a  b  c ".rsplit(None, 1), "a b c".split(maxsplit=1), "a.b.c".rsplit(".", maxsplit=0))
try:
    "a".split("")
except ValueError as e:
    print("ValueError", e)
print("line1\nline2\r\nline3\rline4".splitlines(), "a\n\nb\n".splitlines(), "x\ny\n".splitlines(True), "".splitlines(), "a\x1cb\u2028c".splitlines())
print("-".join(["a", "b", "c"]), "".join([]), ", ".join("xyz"), "|".join(str(i) for i in range(3)))
try:
    ",".join([1, 2])
except TypeError as e:
    print("TypeError", e)
print("key=value=x".partition("="), "key=value=x".rpartition("="), "none".partition("="), "none".rpartition("="))
try:
    "a".partition("")
except ValueError as e:
    print("ValueError", e)
