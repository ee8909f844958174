# topic: dict insertion order: overwrite keeps position, delete and reinsert moves to end, equality ignores order
d = {}
d["z"] = 1
d["a"] = 2
d["m"] = 3
d["z"] = 10
print(list(d))
del d["z"]
d["z"] = 11
print(d)
d2 = {"m": 3, "a": 2, "z": 11}
print(d == d2, list(d) == list(d2))
print({i: i * i for i in range(5, 0, -1)})
print({1: "int", 1.0: "float", True: "bool"})
keys = [3, 1, 2]
print(dict.fromkeys(keys), {k: None for k in reversed(keys)})
print(dict(zip(range(4), "abcd")))
