# topic: vars, dir (sorted, __dir__), globals, locals
class C:
    a = 1
    def __init__(self):
        self.b = 2
    def m(self): pass
print(vars(C())["b"], "a" in vars(C), "m" in dir(C()), "b" in dir(C()), "__init__" in dir(C))
d = dir(C())
print(d == sorted(d), [n for n in d if not n.startswith("__")])
class Custom:
    def __dir__(self):
        return ["z", "a", "m"]
print(dir(Custom()))
try:
    vars(5)
except TypeError as e:
    print("TypeError", e)
def f(x):
    y = 2
    return sorted(locals().items())
print(f(1))
g = globals()
g["made_here"] = 10
print(made_here, "f" in g, g is globals(), "__name__" in g)
print(sorted(k for k in globals() if not k.startswith("__")))
def outer():
    v = 1
    def inner():
        return locals()
    return inner()
print(outer())
print([n for n in dir([]) if not n.startswith("_")])
print(len([n for n in dir(int) if not n.startswith("_")]) > 5)
