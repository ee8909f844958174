# topic: match statement: sequence patterns, star, nested
def m(x):
    match x:
        case []:
            return "empty"
        case [a]:
            return f"one {a}"
        case [a, b] if a == b:
            return f"pair of same {a}"
        case (a, b):
            return f"pair {a} {b}"
        case [0, *rest]:
            return f"starts with zero then {rest}"
        case [first, *_, last]:
            return f"first {first} last {last}"
        case _:
            return "not a sequence"
for v in [[], [1], (2, 2), [3, 4], [0, 1, 2], (5, 6, 7, 8), "ab", b"ab", {1, 2}, range(3), 7, bytearray(b"xy")]:
    print(repr(v), "->", m(v))
match [1, [2, [3, 4]]]:
    case [a, [b, [c, d]]]:
        print(a, b, c, d)
match (1, 2, 3):
    case [*all_]:
        print(all_, type(all_).__name__)
match [1, 2]:
    case [int(), str()]:
        print("no")
    case [int(), int() as second]:
        print("ints", second)
