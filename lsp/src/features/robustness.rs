//! Every feature at every offset of awkward files: incomplete code,
//! non-ASCII text, tabs, CRLF line ends, deep nesting, syntax errors. None
//! may panic.

#[cfg(test)]
mod tests {
    use pyx_semantics::config::RuleLevels;
    use pyx_syntax::{TextRange, TextSize};

    use crate::features::*;
    use crate::testing::fixture;

    const SOURCES: &[&str] = &[
        "import os\nos.\nfrom os import (\n    pa\nclass C(\n    def m(self, x=\n",
        "def f(a, *, b: 'List[int]' = [], **kw) -> 'é':\n\t\"\"\"Doc é 😀\"\"\"\n\treturn f'{a!r:>{b}}' + lambda: 0\r\n@dec\r\nclass 𝒞: x: int = 1\r\n",
        "x = ((((((((((((((((((((1))))))))))))))))))))\nfor i in x:\n    match i:\n        case [1, *rest] if rest: print(rest)\n        case {'k': v, **kw}: pass\n",
        "def outer():\n    x = 1\n    def inner():\n        nonlocal x\n        global y\n        x, y = y, x\n        del x\n    return [z for z in range(3) if (w := z)]\nasync def a():\n    async with b as c, d: await c\n",
        "from . import nothing\nfrom .. import beyond\nimport a.b.c as d\nd.e.f(\n",
        "if True:\n  x = 1\n    y = 2\n  z = 'unterminated\n\"\"\"also\n",
        "class A:\n    __private = 1\n    def m(self):\n        return self.__private + A.__private\nA().m(A, A.m(), \n",
    ];

    #[test]
    fn no_feature_panics_anywhere() {
        for (n, src) in SOURCES.iter().enumerate() {
            let f = fixture(src);
            let (db, file) = (&f.db, f.file);
            let levels = RuleLevels::default();
            let _ = diagnostics::diagnostics(db, file, &levels);
            let _ = document_symbols::document_symbols(db, file);
            let _ = folding::folding_ranges(db, file);
            let _ = semantic_tokens::semantic_tokens(db, file, None);
            let end = src.len() as u32;
            // Every offset, the end and beyond it included.
            for off in 0..=end + 2 {
                let o = TextSize::from(off);
                let ctx = format!("source {n}, offset {off}");
                let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let _ = goto_definition::goto_definition(db, file, o);
                    let _ = goto_definition::goto_type_definition(db, file, o);
                    let _ = hover::hover(db, file, o);
                    let _ = completion::completion(db, file, o);
                    let _ = references::references(db, file, o, true);
                    let _ = references::document_highlight(db, file, o);
                    let _ = rename::prepare_rename(db, file, o);
                    let _ = rename::rename(db, file, o, "renamed");
                    let _ = selection::selection_ranges(db, file, o);
                    let _ = signature_help::signature_help(db, file, o);
                    let r = TextRange::new(o, TextSize::from((off + 5).min(end + 2)));
                    let _ = code_actions::code_actions(db, file, r, &levels);
                    let _ = semantic_tokens::semantic_tokens(db, file, Some(r));
                }));
                assert!(run.is_ok(), "a feature panicked at {ctx}");
            }
        }
    }
}
