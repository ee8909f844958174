# topic: dict views: keys/values/items, live updates, set operations on keys and items, reversed, mapping
d = {"a": 1, "b": 2, "c": 3}
k, v, it = d.keys(), d.values(), d.items()
print(k, v, it, len(k), "a" in k, 2 in v, ("b", 2) in it, ("b", 3) in it)
d["d"] = 4
del d["a"]
print(list(k), list(v), list(it))
print(sorted(k & {"b", "z"}), sorted(k | {"z"}), sorted(k - {"b"}), sorted(k ^ {"b", "q"}), k == {"b", "c", "d"}, k <= {"b", "c", "d", "e"})
print(sorted(it & {("b", 2), ("x", 0)}), k.isdisjoint(["x"]), list(reversed(k)), list(reversed(v)), list(reversed(it)))
print(k.mapping, type(k).__name__, type(v).__name__, type(it).__name__)
print(v == v, d.values() == d.values())
try:
    k[0]
except TypeError as e:
    print("TypeError", e)
try:
    {}.keys() < 5
except TypeError as e:
    print("TypeError", e)
