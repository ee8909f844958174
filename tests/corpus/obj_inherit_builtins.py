# topic: subclassing list, dict, str, int, Exception; overriding and missing keys
class MyList(list):
    def sum(self):
        return sum(self)
l = MyList([1, 2, 3])
l.append(4)
print(l, l.sum(), type(l[1:]).__name__, type(l + l).__name__, isinstance(l, list))
class Default(dict):
    def __missing__(self, key):
        return f"missing {key}"
d = Default(a=1)
print(d["a"], d["zz"], d.get("zz"), "zz" in d, len(d))
class Counter(dict):
    def __missing__(self, key):
        self[key] = 0
        return 0
c = Counter()
for ch in "abracadabra":
    c[ch] += 1
print(sorted(c.items()))
class Str(str):
    def shout(self):
        return self.upper() + "!"
s = Str("hey")
print(s.shout(), s == "hey", hash(s) == hash("hey"), type(s * 2).__name__)
class NoisyDict(dict):
    def __setitem__(self, k, v):
        print("setitem", k)
        super().__setitem__(k, v)
nd = NoisyDict()
nd["a"] = 1
nd.update(b=2)
print(nd)
class R(list):
    def __repr__(self):
        return "R" + super().__repr__()
print(R([1]), [R([2])])
