# topic: repr of self-referencing lists, dicts, and nested containers
a = [1, 2]
a.append(a)
print(a, repr(a), str(a))
d = {"k": 1}
d["self"] = d
print(d)
b = [a, [a]]
print(b)
x = []
y = [x]
x.append(y)
print(x, y)
s = {"list": []}
s["list"].append(s)
print(s)
t = ([],)
t[0].append(t)
print(t)
class Node:
    def __init__(self):
        self.children = []
    def __repr__(self):
        return f"Node({self.children!r})"
n = Node()
n.children.append(n)
try:
    print(repr(n))
except RecursionError as e:
    print("RecursionError", e)
