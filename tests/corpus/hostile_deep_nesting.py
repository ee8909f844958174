# topic: hostile: 100000-deep nested lists/dicts/tuples: repr, comparison, isinstance and dropping them
nest = []
for _ in range(100000):
    nest = [nest]
other = []
for _ in range(100000):
    other = [other]
for label, fn in (("repr", lambda: repr(nest)), ("str", lambda: str(nest)), ("eq", lambda: nest == other), ("lt", lambda: nest < other)):
    try:
        fn()
        print(label, "no error")
    except RecursionError as e:
        print(label, "RecursionError", e)
d = {}
for _ in range(100000):
    d = {"k": d}
try:
    repr(d)
except RecursionError as e:
    print("dict repr RecursionError", e)
t = int
for _ in range(100000):
    t = (t,)
try:
    isinstance(1, t)
except RecursionError as e:
    print("isinstance RecursionError", e)
depth = 0
cur = nest
while cur:
    cur = cur[0]
    depth += 1
print("depth", depth)
del nest, other, d, t, cur
print("dropped without crashing")
chain = None
for i in range(100000):
    chain = (i, chain)
chain = None
print("dropped a linked tuple chain")
