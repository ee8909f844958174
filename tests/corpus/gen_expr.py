# topic: generator expressions: laziness, first iterable evaluated eagerly, exhaustion
def src():
    print("src called")
    return range(3)
ge = (x * 10 for x in src())
print("created")
print(list(ge))
print(list(ge))
try:
    (x for x in 5)
except TypeError as e:
    print("TypeError", e)
total = sum(x * x for x in range(10) if x % 2)
print(total)
print(max((len(w), w) for w in ["a", "ccc", "bb"]))
nested = ((i, j) for i in range(2) for j in range(2))
print(list(nested))
print(type(x for x in []).__name__)
