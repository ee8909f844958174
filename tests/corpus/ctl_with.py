# topic: with statement: enter/exit order, multiple managers, suppression, as-targets
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev, tb is not None)
        return self.suppress
with CM("a") as a, CM("b") as b:
    print("body", a, b)
with CM("outer", suppress=True):
    with CM("inner"):
        raise ValueError("boom")
print("after suppression")
try:
    with CM("x"):
        raise KeyError("k")
except KeyError as e:
    print("propagated", repr(e))
def ret():
    with CM("r"):
        return "returned"
print(ret())
for i in range(2):
    with CM(f"loop{i}"):
        if i == 0:
            continue
        break
with CM("t") as (p):
    print(p)
class ListTarget:
    def __enter__(self):
        return (1, 2)
    def __exit__(self, *a):
        return None
with ListTarget() as (x, y):
    print(x, y)
try:
    with 5:
        pass
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)
class NoExit:
    def __enter__(self):
        return self
try:
    with NoExit():
        pass
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)
with (CM("p1") as p1,
      CM("p2") as p2):
    print(p1, p2)
