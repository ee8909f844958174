//! Symbol tables of tricky scoping cases and the compile-time errors of the
//! symbol-table pass, each compared with CPython's own tables
//! (`shared/tools/symtable_dump.py` run by python3 in the same test).

use std::path::{Path, PathBuf};
use std::process::Command;

const SNIPPETS: &[&str] = &[
    // Closures, cells, free variables through several levels.
    "def f():\n    x = 1\n    def g():\n        def h():\n            return x\n        return h\n    return g\n",
    // `global` in a middle scope hides the outer binding from inner scopes.
    "def outer():\n    x = 1\n    def mid():\n        global x\n        def inner():\n            return x\n        return inner\n    return mid\n",
    // nonlocal, and a name that is both a class local and free in a method.
    "def f():\n    x = 1\n    class C:\n        x = 2\n        def m(self):\n            nonlocal x\n            x = 3\n            return x\n    return C\n",
    "def f():\n    y = 0\n    class C:\n        y = 1\n        def m(self):\n            return y\n    return C\n",
    // super() and __class__.
    "class A:\n    def m(self):\n        return super().m()\n    def n(self):\n        return __class__\n    def o(self):\n        return [super() for _ in ()]\n",
    // Mangling.
    "class _C:\n    __a = 1\n    def __m(self, __p):\n        import __mod.sub as __alias\n        return self.__a, __p, __d__\n    class __Inner:\n        __b = [__x for __x in __y]\n",
    "class ___:\n    __a = 1\n",
    // Comprehensions: scopes, the outermost iterable outside, walrus inside.
    "def f(data):\n    return [y := x * 2 for x in data if (z := x)]\n",
    "xs = [[a for a in row] for row in rows]\nys = {k: v for k, v in items}\ng = (i for i in range(3) for j in range(i))\n",
    "class C:\n    xs = [x for x in range(3)]\n    ys = [y for y in xs if y in xs]\n",
    "def f():\n    global total\n    return [total := total + v for v in values]\n",
    // Lambdas, defaults and annotations evaluated outside.
    "def f(a=lambda: b, *, c: int = d, **kw: 'e') -> g:\n    return lambda x, y=a: x + y + c\n",
    "from __future__ import annotations\ndef f(a: List[int], *b: T) -> X:\n    y: Dict = {}\n    return y\nclass C:\n    attr: int\n    other: str = 'x'\n",
    // Annotated assignments.
    "x: int\ny: int = 1\n(z): int = 2\nobj.attr: int = 3\ndef f():\n    a: int\n    (b): int\n    c.d: int = 1\n",
    // Imports, star import, try/except names, match captures, with targets.
    "import os.path\nimport a.b.c as d\nfrom . import e\nfrom .f import *\ntry:\n    pass\nexcept E as err:\n    pass\nwith open(p) as (fh, other):\n    pass\nmatch v:\n    case [1, *rest] | {'k': rest, **kw} if rest:\n        pass\n    case Point(x=px) as pt:\n        pass\n",
    // async, await, yield, generators.
    "async def f():\n    async with a as b:\n        async for c in d:\n            await e\n    return [x async for x in g]\ndef gen():\n    yield from h\n    x = yield\n",
    // del, augmented assignment, nested classes.
    "def f():\n    x = 1\n    del x\n    y += 1\n    class A:\n        class B:\n            z = y\n",
    // Class keywords and decorators evaluated outside the class.
    "@dec(a)\nclass C(Base, metaclass=M, **kw):\n    @staticmethod\n    def m():\n        return C\n",
    // Errors from the symbol-table pass.
    "nonlocal x\n",
    "def f():\n    nonlocal x\n",
    "def f():\n    x = 1\n    global x\n",
    "def f():\n    print(x)\n    global x\n",
    "def f(x):\n    global x\n",
    "def f(a, a):\n    pass\n",
    "lambda a, a: 0\n",
    "def f():\n    x: int\n    global x\n",
    "def f():\n    global x\n    x: int = 1\n",
    "def f():\n    from os import *\n",
    "def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x\n",
    "[(yield) for x in y]\n",
    "def f():\n    return {x: (yield) for x in y}\n",
    "[i := 0 for i in range(3)]\n",
    "[x for x in (y := range(3))]\n",
    "class C:\n    [(z := x) for x in range(3)]\n",
    "[[(j := i) for i in range(3)] for j in range(3)]\n",
    "from __future__ import braces\n",
    "from __future__ import nonexistent\n",
    "import os; from __future__ import annotations\n",
    "from __future__ import annotations\ndef f(x: (yield)): pass\n",
    // Not symbol-table errors (CPython's compiler reports these later).
    "return 1\nyield 2\nawait x\nbreak\n",
];

fn tools() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/tools");
    assert!(dir.join("symtable_dump.py").exists(), "missing {}", dir.display());
    dir
}

#[test]
fn snippets_match_cpython_symbol_tables() {
    let dir = std::env::temp_dir().join(format!("pyx-symtable-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut failures = Vec::new();
    for (i, src) in SNIPPETS.iter().enumerate() {
        let path = dir.join(format!("snippet{i}.py"));
        std::fs::write(&path, src).expect("write snippet");
        let cpython = Command::new("python3")
            .arg(tools().join("symtable_dump.py"))
            .arg(&path)
            .output()
            .expect("this test needs CPython 3.11 as `python3`");
        let theirs = String::from_utf8_lossy(&cpython.stdout).to_string();
        let ours = symtable_text(src);
        if ours != theirs {
            failures.push(format!("snippet {i}:\n{src}\n--- pyx:\n{ours}--- cpython:\n{theirs}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), SNIPPETS.len(), failures.join("\n"));
}

fn symtable_text(src: &str) -> String {
    let parsed = pyx_syntax::parse_module(src, pyx_syntax::ParseOptions::default());
    if let Some(e) = parsed.first_error() {
        let (line, _) = pyx_syntax::line_index::LineIndex::new(src).line_col(e.range.start());
        return format!("SyntaxError: {} (line {line})\n", e.msg);
    }
    match pyx_semantics::symtable::build(&parsed.module) {
        Ok(t) => pyx_semantics::symtable::dump(&t),
        Err(e) => format!("SyntaxError: {} (line {})\n", e.msg, e.lineno),
    }
}
