# topic: global and nonlocal declarations
counter = 0
def inc():
    global counter
    counter += 1
inc(); inc()
print(counter)
def make():
    n = 0
    def bump():
        nonlocal n
        n += 1
        return n
    def get():
        return n
    return bump, get
b, g = make()
b(); b(); b()
print(g())
def outer():
    x = "outer"
    def mid():
        x = "mid"
        def inner():
            nonlocal x
            x = "inner-set"
        inner()
        return x
    return mid(), x
print(outer())
def makeglobal():
    global newname
    newname = "created"
makeglobal()
print(newname)
def shadow():
    try:
        print(counter)
        counter = 5
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
shadow()
class C:
    global gc
    gc = "set from class"
print(gc)
