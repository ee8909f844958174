# pprint over nested data and dataclasses; inspect.getsource of a class.
import pprint
import dataclasses
import inspect

data = {"name": "x" * 30, "items": list(range(30)), "nested": {"a": [1, 2, {"b": (3, 4)}], "s": {5, 6}},
        "t": tuple("abcdefghijklmnopqrstuvwxyz"), "f": frozenset({1}), "bytes": b"\x00" * 40, "e": []}
pprint.pprint(data)
pprint.pprint(data, width=40, compact=True)
pprint.pprint(data, depth=2, sort_dicts=False)
print(pprint.pformat(list(range(5))), pprint.isreadable(data), pprint.isrecursive(data))
r = [1]
r.append(r)
print(pprint.pformat(r).replace(str(id(r)), "ID"), pprint.isrecursive(r), pprint.saferepr(r).replace(str(id(r)), "ID"))


@dataclasses.dataclass
class P:
    xs: list
    name: str = "p"


pprint.pprint(P(list(range(40)), "n" * 20))
pprint.pp({"b": 1, "a": 2})
print(inspect.getsource(P))
