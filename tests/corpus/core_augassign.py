# topic: augmented assignment on names, attributes, subscripts, evaluation order
log = []
class Obj:
    def __init__(self):
        self.v = 1
class Box:
    def __init__(self):
        self.data = {"k": 10}
    def __getitem__(self, k):
        log.append(("get", k))
        return self.data[k]
    def __setitem__(self, k, val):
        log.append(("set", k, val))
        self.data[k] = val
def key():
    log.append("key")
    return "k"
def box():
    log.append("box")
    return b
b = Box()
box()[key()] += 5
print(log, b.data)
o = Obj()
o.v += 41
o.v *= 2
o.v -= 4
o.v //= 3
o.v **= 2
o.v %= 100
print(o.v)
x = 7
x <<= 3; print(x)
x >>= 1; print(x)
x |= 1; print(x)
x &= 0xF; print(x)
x ^= 0xFF; print(x)
x /= 2; print(x)
lst = [1, 2]
alias = lst
lst += [3]
print(lst, alias, lst is alias)
t = (1,)
talias = t
t += (2,)
print(t, talias)
s = "ab"
s *= 3
print(s)
m = [[0, 0], [0, 0]]
m[1][0] += 9
print(m)
d = {}
try:
    d["missing"] += 1
except KeyError as e:
    print("KeyError", e)
class Attr:
    def __getattr__(self, name):
        log.append("getattr " + name)
        return 100
a = Attr()
log.clear()
a.z += 1
print(a.z, log)
