# topic: dict methods: get/setdefault/pop/popitem/update/copy/clear/fromkeys and | |= operators
d = {"a": 1, "b": 2}
print(d.get("a"), d.get("z"), d.get("z", 0), d.setdefault("c", 3), d.setdefault("a", 99), d)
print(d.pop("a"), d.pop("z", "default"), d)
try:
    d.pop("z")
except KeyError as e:
    print("KeyError", e)
print(d.popitem(), d)
d.update({"x": 1}, y=2)
d.update([("z", 3)])
print(d)
e = d.copy()
e["x"] = 100
print(d["x"], e["x"])
e.clear()
print(e)
try:
    e.popitem()
except KeyError as err:
    print("KeyError", err)
print({"a": 1} | {"b": 2, "a": 3}, dict.fromkeys("ab", []))
f = {"k": 1}
f |= {"k": 2, "n": 3}
f |= [("m", 4)]
print(f)
try:
    {} | [("a", 1)]
except TypeError as err:
    print("TypeError", err)
print(len(f), "k" in f, 2 in f, list(f), {1: "a"} == {1: "a"}, {1: 1} == {1: 1.0}, {1: "a", 2: "b"} == {2: "b", 1: "a"})
try:
    d.update(5)
except TypeError as err:
    print("TypeError", err)
try:
    {}["nope"]
except KeyError as err:
    print("KeyError", err, repr(err), err.args)
try:
    {}[("t", 1)]
except KeyError as err:
    print("KeyError", err)
try:
    {}[[1]]
except TypeError as err:
    print("TypeError", err)
print(dict(sorted({"b": 1, "a": 2}.items())), {**{"a": 1}}, reversed({"a": 1, "b": 2}).__next__())
