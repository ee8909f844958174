//! The lint rules on the patterns real code uses: each fixture lists the
//! exact findings expected (line:col rule), so both false positives and
//! misses fail.

use std::sync::Arc;

use pyx_semantics::db::Db;
use pyx_semantics::queries::{file_diagnostics, source_text};
use pyx_semantics::system::MemorySystem;
use pyx_semantics::RootDatabase;

fn findings_in(path: &str, src: &str) -> Vec<String> {
    let system = Arc::new(MemorySystem::new());
    system.write_file(path, src);
    let db = RootDatabase::new(system);
    let file = db.file(std::path::Path::new(path));
    let text = source_text(&db, file).text.clone();
    let index = pyx_syntax::line_index::LineIndex::new(&text);
    file_diagnostics(&db, file)
        .iter()
        .map(|d| {
            let (l, c) = index.line_col(d.range.start());
            format!("{l}:{} {}", c + 1, d.rule.code())
        })
        .collect()
}

fn findings(src: &str) -> Vec<String> {
    findings_in("/p/mod.py", src)
}

#[track_caller]
fn check(src: &str, expected: &[&str]) {
    let got = findings(src);
    assert_eq!(got, expected, "source:\n{src}");
}

#[test]
fn builtins_and_module_dunders_are_defined() {
    check("print(len([]), __name__, __file__, __doc__, __builtins__, Ellipsis, NotImplemented)\n", &[]);
    check("class C:\n    x = __module__, __qualname__\n    def m(self):\n        return __class__\n", &[]);
}

#[test]
fn undefined_names_are_found_in_every_scope() {
    check(
        "def f():\n    return missing\nclass C:\n    y = also_missing\nlambda: nope\n[q for _ in ()]\n",
        &["2:12 undefined-name", "4:9 undefined-name", "5:9 undefined-name", "6:2 undefined-name"],
    );
}

#[test]
fn class_scope_is_not_visible_in_methods() {
    check(
        "class C:\n    attr = 1\n    def m(self):\n        return attr\n    other = attr\n",
        &["4:16 undefined-name"],
    );
}

#[test]
fn comprehension_variables_and_walrus() {
    check(
        "def f(xs):\n    ys = [x * 2 for x in xs if (n := x)]\n    return ys, n\nprint([i for i in range(3)], i)\n",
        &["4:30 undefined-name"],
    );
}

#[test]
fn global_and_nonlocal() {
    check(
        "def setup():\n    global CONFIG\n    CONFIG = {}\ndef use():\n    return CONFIG\ndef outer():\n    count = 0\n    def inc():\n        nonlocal count\n        count += 1\n    return inc\n",
        &[],
    );
}

#[test]
fn star_imports_silence_undefined_names() {
    check("from os.path import *\nprint(join('a', 'b'), whatever)\n", &[]);
}

#[test]
fn names_defined_dynamically_are_not_reported() {
    check("globals().update({'X': 1})\nprint(X)\n", &[]);
    // However deep the write is nested, in control flow or in a function.
    check(
        "def setup(names):\n    for n in names:\n        if n:\n            try:\n                pass\n            except KeyError:\n                globals()[n] = 1\n\nprint(Y)\n",
        &[],
    );
    check("with open('f') as f:\n    while True:\n        exec(f.read())\nprint(Z)\n", &[]);
    // Without such a write, the name is undefined.
    check("def setup(names):\n    for n in names:\n        if n:\n            pass\n\nprint(Y)\n", &["6:7 undefined-name"]);
}

#[test]
fn name_error_probes_are_not_reported() {
    check("try:\n    unicode\nexcept NameError:\n    unicode = str\n", &[]);
}

#[test]
fn unused_imports() {
    check(
        "import os\nimport sys\nfrom json import dumps, loads\nimport collections.abc\nprint(sys.argv, loads)\n",
        &["1:8 unused-import", "3:18 unused-import", "4:8 unused-import"],
    );
}

#[test]
fn imports_exported_or_used_idiomatically_are_not_unused() {
    // __all__ (all its spellings), explicit `as` re-export, __future__.
    check(
        "from __future__ import annotations\nfrom a import b, c, d, e\nfrom f import g as g\n__all__ = ['b']\n__all__ += ['c']\n__all__.extend(['d'])\n__all__.append('e')\n",
        &[],
    );
    // Optional imports and TYPE_CHECKING imports used in string annotations.
    check(
        "from typing import TYPE_CHECKING\ntry:\n    import ujson as json\nexcept ImportError:\n    json = None\nif TYPE_CHECKING:\n    from decimal import Decimal\ndef f(x: 'Decimal') -> 'list[Decimal]':\n    return x\n",
        &[],
    );
    // `global x; import x` binds the module's name.
    check("def load():\n    global lib\n    import lib\ndef use():\n    return lib.f()\n", &[]);
    // A conditional definition on another branch.
    check("import sys\nif sys.platform == 'win32':\n    from nt import sep\nelse:\n    sep = '/'\n", &[]);
}

#[test]
fn package_init_reexports_are_not_unused() {
    assert_eq!(findings_in("/p/pkg/__init__.py", "from .core import Engine\nimport pkg.util\n"), Vec::<String>::new());
    assert_eq!(findings_in("/p/pkg/stub.pyi", "from .core import Engine\n"), Vec::<String>::new());
    assert_eq!(findings_in("/p/pkg/mod.py", "from .core import Engine\n"), vec!["1:19 unused-import"]);
}

#[test]
fn unused_variables() {
    check(
        "def f():\n    a = 1\n    b = 2\n    _ignored = 3\n    c, d = 4, 5\n    try:\n        pass\n    except ValueError as err:\n        pass\n    with open('x') as fh:\n        pass\n    return b\n",
        &["2:5 unused-variable", "8:5 unused-variable", "10:23 unused-variable"],
    );
    // Reads through locals() count; del and augmented assignment are uses;
    // closures use cells.
    check(
        "def f():\n    a = 1\n    return locals()\ndef g():\n    x = 1\n    del x\ndef h():\n    y = 1\n    y += 1\ndef k():\n    z = 1\n    return lambda: z\n",
        &[],
    );
}

#[test]
fn redefinitions_while_unused() {
    check(
        "import os\nimport os\ndef f(): pass\ndef f(): pass\nclass C: pass\nclass C: pass\n",
        &["1:8 unused-import", "2:8 unused-import", "2:8 redefined-while-unused", "4:1 redefined-while-unused", "6:1 redefined-while-unused"],
    );
    // Used in between, decorated (property setters, overloads), different
    // branches, submodule imports: all fine.
    check(
        "import os\nprint(os)\nimport os\nprint(os)\nclass P:\n    @property\n    def x(self): return 1\n    @x.setter\n    def x(self, v): pass\ntry:\n    from a import f\nexcept ImportError:\n    def f(): pass\nimport xml\nimport xml.dom\nprint(xml, f, P)\n",
        &[],
    );
}

#[test]
fn syntax_and_compile_errors_are_diagnostics() {
    check("x = )\n", &["1:5 syntax-error"]);
    check("nonlocal x\n", &["1:1 syntax-error"]);
    check("def f():\n    x = 1\n    global x\n", &["3:5 syntax-error"]);
    check("return 1\n", &["1:1 syntax-error"]);
    check("for x in y:\n    pass\nbreak\n", &["1:10 undefined-name", "3:1 syntax-error"]);
    check("def f():\n    await g()\n", &["2:5 syntax-error", "2:11 undefined-name"]);
    check("async def f():\n    yield 1\n    return 2\n", &["3:5 syntax-error"]);
    check("x = [await z for z in y]\n", &["1:5 syntax-error", "1:23 undefined-name"]);
}
