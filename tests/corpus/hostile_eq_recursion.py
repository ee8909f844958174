# topic: hostile: __eq__ that recurses forever, and comparing two distinct self-containing lists
class Loop:
    def __eq__(self, other):
        return self == other
    __hash__ = object.__hash__
try:
    Loop() == Loop()
except RecursionError as e:
    print("RecursionError", e)
try:
    Loop() in [Loop()]
except RecursionError as e:
    print("RecursionError in contains", e)
a = [1]
a.append(a)
b = [1]
b.append(b)
print(a == a, a is a, a[1] is a)
try:
    print(a == b)
except RecursionError as e:
    print("RecursionError", e)
d1 = {}
d1["k"] = d1
d2 = {}
d2["k"] = d2
try:
    d1 == d2
except RecursionError as e:
    print("RecursionError dict", e)
print("done")
