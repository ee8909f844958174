# topic: __setattr__ and __delattr__ overrides, object.__setattr__, frozen objects
class Frozen:
    def __init__(self, x):
        object.__setattr__(self, "x", x)
    def __setattr__(self, name, value):
        raise AttributeError(f"cannot set {name}")
    def __delattr__(self, name):
        raise AttributeError(f"cannot delete {name}")
f = Frozen(1)
print(f.x)
for action in (lambda: setattr(f, "x", 2), lambda: delattr(f, "x")):
    try:
        action()
    except AttributeError as e:
        print("AttributeError", e)
class Recording:
    def __setattr__(self, name, value):
        print("set", name, value)
        super().__setattr__(name, value.upper() if isinstance(value, str) else value)
    def __delattr__(self, name):
        print("del", name)
        super().__delattr__(name)
r = Recording()
r.a = "hi"
r.b = 2
r.b += 1
print(vars(r))
del r.a
print(vars(r))
try:
    object().x = 1
except AttributeError as e:
    print("AttributeError", e)
try:
    setattr(1, "real", 5)
except AttributeError as e:
    print("AttributeError", e)
try:
    int.newattr = 1
except TypeError as e:
    print("TypeError", e)
try:
    setattr(r, 1, 2)
except TypeError as e:
    print("TypeError", e)
