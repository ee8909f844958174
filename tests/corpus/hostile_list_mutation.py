# topic: hostile: list mutated during sort, during iteration, and by key functions
lst = [3, 1, 2]
try:
    lst.sort(key=lambda v: lst.append(v) or v)
except ValueError as e:
    print("ValueError", e)
print(len(lst) >= 3)
lst = [5, 4, 3, 2, 1]
def clearing_key(v):
    lst.clear()
    return v
try:
    lst.sort(key=clearing_key)
except ValueError as e:
    print("ValueError", e)
print(sorted(lst))
items = [1, 2, 3, 4, 5, 6]
for x in items:
    if x % 2 == 0:
        items.remove(x)
print(items)
grow = [0]
for x in grow:
    if len(grow) < 10:
        grow.append(x + 1)
print(grow)
class Bad:
    def __lt__(self, other):
        raise ValueError("cannot compare")
try:
    sorted([Bad(), Bad()])
except ValueError as e:
    print("ValueError", e)
class Liar:
    def __init__(self, n):
        self.n = n
    def __lt__(self, other):
        return (self.n * 7919 + other.n * 104729) % 3 == 0
r = sorted([Liar(i) for i in range(50)])
print(len(r), sorted(x.n for x in r) == list(range(50)))
