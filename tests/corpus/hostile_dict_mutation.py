# topic: hostile: mutating dicts and sets while iterating them raises RuntimeError
d = {i: i for i in range(5)}
try:
    for k in d:
        d[k + 100] = 1
except RuntimeError as e:
    print("RuntimeError", e)
d = {i: i for i in range(5)}
try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print("RuntimeError", e)
d = {"a": 1, "b": 2}
try:
    for k in d:
        d.pop("b", None)
        d["c"] = 3
except RuntimeError as e:
    print("RuntimeError", e)
d = {"a": 1, "b": 2}
try:
    for v in d.values():
        d.clear()
except RuntimeError as e:
    print("RuntimeError", e)
d = {"a": 1, "b": 2}
try:
    for kv in d.items():
        d.pop("a", None)
except RuntimeError as e:
    print("RuntimeError", e)
s = {1, 2, 3}
try:
    for x in s:
        s.add(x + 10)
except RuntimeError as e:
    print("RuntimeError", e)
s = {1, 2, 3}
try:
    for x in s:
        s.discard(x)
except RuntimeError as e:
    print("RuntimeError", e)
d = {"x": 1}
for k in d:
    d[k] = 2
print("value update is fine", d)
d = {i: i for i in range(3)}
for k in list(d):
    del d[k]
print("iterating a copy is fine", d)
