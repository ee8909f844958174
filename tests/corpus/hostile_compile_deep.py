# topic: hostile: deeply nested source given to eval/compile: nesting limits and RecursionError during compilation
for src in ["(" * 199 + ")" * 199, "(" * 250 + ")" * 250, "[" * 150 + "]" * 150, "-" * 5000 + "1", "not " * 5000 + "True"]:
    try:
        r = eval(src)
        print(len(src), "evaluated", type(r).__name__)
    except (SyntaxError, RecursionError, MemoryError) as e:
        print(len(src), type(e).__name__, e)
deep_src = "x = 0\n"
for i in range(150):
    deep_src += "    " * i + "if True:\n"
deep_src += "    " * 150 + "x = 1\n"
try:
    ns = {}
    exec(deep_src, ns)
    print("deep ifs", ns["x"])
except (SyntaxError, IndentationError, RecursionError) as e:
    print(type(e).__name__, e.msg if hasattr(e, "msg") else e)
lam = "lambda: " * 200 + "0"
try:
    f = eval(lam)
    print("nested lambdas compiled", callable(f))
except (RecursionError, SyntaxError) as e:
    print(type(e).__name__, e)
print("survived")
