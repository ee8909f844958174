# compile() modes and flags: eval-mode syntax error locations (CPython's
# eval tokenizer adds no newline), func_type, future-import placement,
# str sources with a BOM, eval() skipping leading blanks.
import ast

for src in ['', '\n', '# c', '\n\n', 'x = 1', '\nx=1', '1\n2', 'pass', 'if x: pass', 'x = 1\n', 'x = 1\n\n', '1;2', '1\n2\n', '1 +', 'a, *b', 'x := 1', 'yield x', 'lambda: (yield)', '\n\n1 +', '1 + # c', 'f(**)', 'pass\n', 'a b', '1 2', '*a', '(yield)', 'a, b := 1', 'await x', 'yield', '(*a, b)', 'x := 1, 2', '1 # c\n', "f'{1}' x", 'x += 1', 'x: int', 'del x', 'import os', '@d\ndef f(): pass', 'é = 1', 'é(1) +', '  \n1', '1\n', '[1,\n 2] x']:
    for flags in (0, 1024):
        try:
            compile(src, '<s>', 'eval', flags)
            print(repr(src), flags, 'ok')
        except SyntaxError as e:
            print(repr(src), flags, e.msg, e.lineno, e.offset, repr(e.text), e.end_lineno, e.end_offset)

for s in ['(int, str) -> bool', '() -> None', '(a) -> b', '((a, b)) -> c', '(*a, **k) -> x', '(a, *b) -> lambda: 1', '(List[int], Dict[str, "x"]) -> Optional[int]', '(\n  a,\n  b\n) -> c', '(é) -> ü']:
    print(ast.dump(ast.parse(s, mode='func_type'), include_attributes=True))
for s in ['int -> bool', '(a) -> b, c', '(a)', '(a,) -> b', '(a) b']:
    try: ast.parse(s, mode='func_type'); print('ok')
    except SyntaxError as e: print(e.msg, e.lineno, e.offset, repr(e.text), e.end_lineno, e.end_offset)
for args in [("x", "s", "func_type"), ("x", "s", "exec", 0x8000000), ("x", "s", "exec", 0, False, 5), ("(a) -> b", "s", "func_type", 0x400)]:
    try: print(type(compile(*args)).__name__)
    except (ValueError, SyntaxError) as e: print(type(e).__name__, e)

for src in ['"""doc"""\nfrom __future__ import annotations\nx = 1', 'import os\nfrom __future__ import annotations', 'from __future__ import annotations; import os', 'def f():\n    from __future__ import annotations', 'from __future__ import annotations\nfrom __future__ import division\nx=1\nfrom __future__ import generators', 'x = 1; from __future__ import annotations', 'from __future__ import braces']:
    try:
        compile(src, '<s>', 'exec'); print('ok')
    except SyntaxError as e:
        print(e.msg, e.lineno, e.offset, e.end_offset)

for f in [lambda s: compile(s, '<s>', 'exec'), lambda s: exec(s), lambda s: eval(s), lambda s: compile(s.encode(), '<s>', 'exec')]:
    try:
        f('\ufeffx=1')
        print('ok')
    except SyntaxError as e:
        print(e.msg, e.lineno, e.offset, repr(e.text), e.end_lineno, e.end_offset)
print(eval('  \t 1+1'), eval(b' 2'))
