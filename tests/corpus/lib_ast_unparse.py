# ast.unparse round trips.
import ast

SOURCES = [
    "x = 1 + 2 * (3 - 4) ** -5",
    "def f(a, /, b=1, *args, c, d=2, **kw) -> int:\n    '''doc'''\n    return a",
    "@dec(1)\nclass C(B, metaclass=M):\n    x: int = 3\n    async def m(self):\n        async with a as b:\n            await c\n        async for i in j:\n            yield i",
    "try:\n    pass\nexcept (A, B) as e:\n    raise X from e\nelse:\n    pass\nfinally:\n    del a, b",
    "try:\n    pass\nexcept* E:\n    pass",
    "with a as b, c as (d, e):\n    pass",
    "while not x:\n    break\nelse:\n    continue",
    "if a:\n    pass\nelif b:\n    pass\nelse:\n    pass",
    "f'a{x!r:>{w}}b{y=}' f'{{}}' 'c'",
    "f'{x:{\"a\"}}'",
    "lambda x, *, y=1: (x, y)",
    "[x async for x in y if x]",
    "{k: v for k, v in d}",
    "{*a, *b}",
    "{**a, 'b': 1}",
    "a[1:2, ::3]",
    "a[()]",
    "(yield x)",
    "x = yield",
    "global a\nnonlocal b",
    "import a.b as c\nfrom ..d import (e as f, g)",
    "from . import *",
    "assert x, 'm'",
    "print(*a, sep='', **k)",
    "x = (1,)",
    "x = ()",
    "-(-1)",
    "not (a and b) or c",
    "a if b else (c if d else e)",
    "(a := 1)",
    "match x:\n    case [1, *r] | {'k': v, **kw} if v:\n        pass\n    case Point(x=1) as p:\n        pass\n    case None:\n        pass\n    case _:\n        pass",
    "x = 1e400\ny = 1e400j\nz = -1e400",
    "s = 'a\\nb\\'c\"'",
    "b = b'\\x00\\xff'",
    "x = ...",
    "@property\ndef f(): pass",
    "class A(B, *C, **D): pass",
    "a < b < c",
    "a is not b",
    "x = 'é'",
    "for x, in y: pass",
    "f(**{'a': 1})",
    "(a, b) = c",
    "del (a), [b]",
    "x: 'List[int]'",
    "lambda: (yield)",
    "1 .real",
    "(1).real",
    "2 ** 3 ** 4",
    "(2 ** 3) ** 4",
    "-2 ** 2",
    "(-2) ** 2",
]

for src in SOURCES:
    tree = ast.parse(src)
    out = ast.unparse(tree)
    print("----")
    print(out)
    again = ast.unparse(ast.parse(out))
    print("stable", again == out)

print(ast.unparse(ast.parse("a+b", mode="eval")))
print(ast.unparse(ast.Name("x", ast.Load())))
print(ast.unparse(ast.BinOp(ast.Constant(1), ast.Add(), ast.Constant(2))))
print(ast.unparse(ast.Constant(value=(1, 2, "x"))))
print(ast.unparse(ast.Constant(value=frozenset())) if False else "skip")
