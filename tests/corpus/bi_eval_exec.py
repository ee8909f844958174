# topic: eval and exec with globals/locals dicts, expression vs statement errors
print(eval("1 + 2 * 3"), eval("x + y", {"x": 1, "y": 2}), eval("z", {}, {"z": "local"}))
ns = {}
exec("a = 5\ndef f(v):\n    return v * a\nb = f(3)", ns)
print(ns["a"], ns["b"], "__builtins__" in ns)
loc = {}
exec("c = 1 + 1", {}, loc)
print(loc)
try:
    eval("x = 1")
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    eval("undefined_thing")
except NameError as e:
    print("NameError", e)
print(eval("[i * i for i in range(4)]"), eval(" 42 "), eval("\n1\n".strip()))
g = {"__builtins__": {"len": len}}
print(eval("len('abc')", g))
try:
    eval("print('x')", g)
except NameError as e:
    print("NameError", e)
def scope_test():
    v = 10
    return eval("v + 1")
print(scope_test())
exec("print('printed from exec')")
print(exec("1 + 1"))
code = compile("q * 2", "<expr>", "eval")
print(eval(code, {"q": 21}), type(code).__name__, code.co_filename)
