# topic: match statement: literal, value, capture, wildcard, or-patterns, guards
class Color:
    RED = "red"
    GREEN = "green"
def describe(x):
    match x:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case -1:
            return "minus one"
        case 1.5:
            return "one and a half"
        case "hello":
            return "greeting"
        case b"raw":
            return "bytes"
        case True:
            return "true"
        case None:
            return "none"
        case Color.RED:
            return "the color red"
        case int(n) if n > 100:
            return f"big {n}"
        case str() as s if len(s) > 5:
            return f"long string {s}"
        case other:
            return f"other {other!r}"
for v in [0, 2, -1, 1.5, "hello", b"raw", True, 1.0, None, "red", 500, "abcdefg", "ab", 3 + 0j, False]:
    print(repr(v), "->", describe(v))
match 5:
    case _:
        print("wildcard")
def g(x):
    match x:
        case 1 if False:
            return "never"
        case _ if x > 0:
            return "positive"
    return "fell through"
print(g(1), g(-3))
