# Annotations under `from __future__ import annotations` are the unparsed
# expression (CPython's ast_unparse.c), from source and from a tree.
from __future__ import annotations
import ast
ANNS = [
    "a + b * c", "(a + b) * c", "a ** b ** c", "(a ** b) ** c", "-a ** b", "(-a) ** b", "not a and b or c",
    "a if b else c", "(a if b else c) if d else e", "lambda: 1", "lambda x, *y, z=1, **k: x", "lambda *a: 0",
    "lambda a, /, b: 0", "[x for x in y if x]", "{x: y async for x, y in z}", "(x for x in y)", "f(x for x in y)",
    "f(a, *b, c=1, **d)", "a[1:2, ::3]", "a[()]", "a[b, *c]", "x.y.z", "1 .real", "1.5 .real", "'s'", "b'x'", "u'x'",
    "1e400", "1e400j", "-1e400", "(1, 2)", "(1,)", "()", "[1, *a]", "{1, 2}", "{**a, 'b': 1}", "...",
    "f'{x!r:>{w}} {{}} {y=}'", "f'{ {1: 2}[1]}'", "a < b < c", "a is not b", "a not in b",
    "a | b ^ c & d << e >> f",
    "a @ b // c % d", "~a", "+a", "'é\\x00'", "'\\ud800'", "Callable[[int, str], None]", "a and (b or c)",
    "(a and b) or c", "not (not a)", "-(-a)", "x[a:b]", "x[:]", "x[::]", "Tuple[int, ...]",
]
src = "\n".join(f"v{i}: {a}" for i, a in enumerate(ANNS))
ns = {}
exec(compile("from __future__ import annotations\n" + src, "<anns>", "exec"), ns)
for k, v in ns["__annotations__"].items():
    print(k, v)
def f(a: List[int], *args: "x" or y, b: {1: 2}=3, **kw: lambda: x) -> None: pass
print(f.__annotations__)

src = '''from __future__ import annotations
def f(a: List[int], b: "x" = 1) -> Dict[str,  int]:
    pass
x: Optional[ int ] = 3
class C:
    y: list[int]
'''
ns = {}
exec(compile(ast.parse(src), "<t>", "exec"), ns)
print(ns["f"].__annotations__, ns["__annotations__"], ns["C"].__annotations__)
ns = {}
exec(compile(src, "<t>", "exec"), ns)
print(ns["f"].__annotations__, ns["__annotations__"], ns["C"].__annotations__)
