# match statements: every pattern kind.
import ast

SOURCES = [
    "match x:\n    case 1:\n        pass",
    "match x:\n    case -1 | 1+2j | -1-2j | 'a' 'b' | b'x':\n        pass",
    "match x:\n    case None | True | False:\n        pass",
    "match x:\n    case [a, b, *rest]:\n        pass\n    case (a, *_, b):\n        pass\n    case []:\n        pass\n    case ():\n        pass",
    "match x:\n    case {'a': 1, 'b': c, **rest}:\n        pass\n    case {}:\n        pass",
    "match x:\n    case Point(x=0, y=y):\n        pass\n    case Point(1, 2, z=3):\n        pass\n    case a.b.C():\n        pass",
    "match x:\n    case _:\n        pass",
    "match x:\n    case (1 | 2) as y if y > 0:\n        pass",
    "match x:\n    case a.b:\n        pass",
    "match x, y:\n    case 1, 2:\n        pass\n    case [1, [2, (3)]]:\n        pass",
    "match (x):\n    case {**rest}:\n        pass",
    "match x:\n    case str() | bytes():\n        pass\n    case [*_]:\n        pass",
    "match = 1\ncase = 2\n_ = 3",
    "match x:\n    case 'é' as v:\n        print(v)",
]

for src in SOURCES:
    print("----", repr(src))
    print(ast.dump(ast.parse(src), include_attributes=True, indent=1))
