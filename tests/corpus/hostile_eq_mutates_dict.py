# topic: hostile: __eq__ that mutates the dict being searched; lookup must terminate
class Evil:
    def __init__(self, d, name):
        self.d = d
        self.name = name
    def __hash__(self):
        return 42
    def __eq__(self, other):
        self.d.clear()
        return False
d = {}
d[Evil(d, "first")] = 1
try:
    print(Evil(d, "probe") in d)
except RuntimeError as e:
    print("RuntimeError", e)
print(len(d))
class Grower:
    def __init__(self, d):
        self.d = d
    def __hash__(self):
        return 7
    def __eq__(self, other):
        if len(self.d) < 50:
            self.d[len(self.d) + 1000] = 0
        return False
d2 = {}
d2[Grower(d2)] = 1
try:
    d2[Grower(d2)] = 2
    print("inserted", len(d2) > 2)
except RuntimeError as e:
    print("RuntimeError", e)
s = set()
class SetEvil:
    def __hash__(self):
        return 3
    def __eq__(self, other):
        s.clear()
        return False
s.add(SetEvil())
try:
    print(SetEvil() in s)
except RuntimeError as e:
    print("RuntimeError", e)
print("terminated")
