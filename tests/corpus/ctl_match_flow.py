# topic: match statement as control flow: fall-through to no case, binding persists, nested match in loop
def parse(cmd):
    match cmd.split():
        case ["go", direction]:
            return f"going {direction}"
        case ["take", *items] if items:
            return f"taking {', '.join(items)}"
        case ["quit" | "exit"]:
            return "bye"
        case [verb, *_]:
            return f"unknown verb {verb}"
        case []:
            return "empty"
for c in ["go north", "take lamp key", "take", "quit", "exit", "dance now", ""]:
    print(repr(c), "->", parse(c))
def no_match(x):
    result = "default"
    match x:
        case 1:
            result = "one"
    return result
print(no_match(1), no_match(2))
match (1, 2):
    case (a, b):
        pass
print("bound after match", a, b)
for item in [{"k": 1}, [1, 2], "s", 3.5]:
    match item:
        case {"k": v}:
            print("mapping", v)
        case [x, y]:
            print("pair", x + y)
        case str(s):
            print("string", s)
        case _:
            print("other", item)
