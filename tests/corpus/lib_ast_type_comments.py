# ast.parse(..., type_comments=True): type comments, type: ignore, misplaced ones.
import ast
SRC = [
    "x = 1  # type: int",
    "def f(a,  # type: int\n      b,  # type: str\n      ):\n    # type: (...) -> None\n    pass",
    "def g(a, b):  # type: (int, str) -> bool\n    return True",
    "for x in y:  # type: int\n    pass",
    "with a as b:  # type: int\n    pass",
    "async def h():\n    async for x in y:  # type: int\n        pass\n    async with a as b:  # type: str\n        pass",
    "import os  # type: ignore",
    "x = 1  # type: ignore[misc]\ny = 2 # type:ignore",
    "a, b = 1, 2  # type: int, int",
    "def k(*args,  # type: int\n      **kw  # type: str\n      ):\n    pass",
]
for s in SRC:
    print(ast.dump(ast.parse(s, type_comments=True), include_attributes=True))
    print(ast.dump(ast.parse(s)))
for s in ["x = 1  # type: int  # type: str", "def f():  # type: int\n  # type: str\n  pass", "# type: int\nx = 1", "x = (1  # type: int\n)"]:
    try:
        print(ast.dump(ast.parse(s, type_comments=True)))
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno, e.offset)
print(ast.dump(ast.parse("x = 1", feature_version=(3, 8))))
print(ast.dump(ast.parse("(a) -> b  # type: ignore", mode="func_type", type_comments=True)))
