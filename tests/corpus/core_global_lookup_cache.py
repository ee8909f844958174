# LOAD_GLOBAL sees every change: rebinding, shadowing a builtin and
# deleting the shadow, patching builtins, one code run with other globals.
import builtins, importlib
def f():
    return len([1]), x
x = 1
print(f())
x = 2
print(f())
def len(o): return "mine"
print(f())
del len
print(f())
builtins.len = lambda o: "patched"
print(f())
del builtins.len
try:
    f()
except NameError as e:
    print(e)
builtins.len = (lambda o: 42)
print(f())
code = f.__code__
for g in [{"x": 5}, {"x": 6, "len": lambda o: "g"}, {"x": 7, "__builtins__": {"len": lambda o: "custom"}}, {"x": 8}]:
    print(eval(code, g))
del x
try: f()
except NameError as e: print(e)
def loop():
    out = []
    for i in range(3):
        out.append(len("ab" * i))
        if i == 1:
            globals()["len"] = lambda o: -1
    del globals()["len"]
    return out
print(loop(), len("abc"))
