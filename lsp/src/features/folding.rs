//! Folding ranges: compound statements (from their header to the end of
//! their body), brackets and strings that span lines, runs of imports and
//! of comment lines.

use pyx_semantics::{Db, File};
use pyx_syntax::line_index::LineIndex;
use pyx_syntax::{SyntaxKind, TextSize};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldKind {
    Region,
    Imports,
    Comment,
}

/// 0-based first and last line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fold {
    pub start_line: u32,
    pub end_line: u32,
    pub kind: FoldKind,
}

pub fn folding_ranges(db: &dyn Db, file: File) -> Vec<Fold> {
    let text = crate::analysis::text(db, file);
    let parse = pyx_semantics::queries::parse(db, file).clone();
    let root = parse.syntax_node();
    let index = LineIndex::new(&text);
    let line = |o: TextSize| index.line_col(o).0 - 1;
    let mut out = Vec::new();
    let mut imports: Option<(u32, u32)> = None;
    let flush_imports = |imports: &mut Option<(u32, u32)>, out: &mut Vec<Fold>| {
        if let Some((a, b)) = imports.take() {
            if b > a {
                out.push(Fold { start_line: a, end_line: b, kind: FoldKind::Imports });
            }
        }
    };
    for node in root.descendants() {
        let kind = node.kind();
        let r = node.text_range();
        // The last character of the node, not the newline after it.
        let trimmed_end = {
            let t = text.get(usize::from(r.start())..usize::from(r.end())).unwrap_or("");
            r.start() + TextSize::from(t.trim_end().len() as u32)
        };
        let (a, b) = (line(r.start()), line(trimmed_end.max(r.start())));
        match kind {
            SyntaxKind::FUNCTION_DEF
            | SyntaxKind::CLASS_DEF
            | SyntaxKind::IF_STMT
            | SyntaxKind::ELIF_CLAUSE
            | SyntaxKind::ELSE_CLAUSE
            | SyntaxKind::WHILE_STMT
            | SyntaxKind::FOR_STMT
            | SyntaxKind::TRY_STMT
            | SyntaxKind::EXCEPT_CLAUSE
            | SyntaxKind::FINALLY_CLAUSE
            | SyntaxKind::WITH_STMT
            | SyntaxKind::MATCH_STMT
            | SyntaxKind::CASE_CLAUSE => {
                // An `if` folds up to its first `elif`/`else`, which fold
                // on their own.
                let end = node
                    .children()
                    .find(|c| matches!(c.kind(), SyntaxKind::ELIF_CLAUSE | SyntaxKind::ELSE_CLAUSE | SyntaxKind::EXCEPT_CLAUSE | SyntaxKind::FINALLY_CLAUSE))
                    .map(|c| line(c.text_range().start()).saturating_sub(1))
                    .unwrap_or(b);
                if end > a {
                    out.push(Fold { start_line: a, end_line: end, kind: FoldKind::Region });
                }
            }
            SyntaxKind::ARG_LIST
            | SyntaxKind::PARAMETERS
            | SyntaxKind::LIST_EXPR
            | SyntaxKind::DICT_EXPR
            | SyntaxKind::SET_EXPR
            | SyntaxKind::TUPLE_EXPR
            | SyntaxKind::PAREN_EXPR
            | SyntaxKind::LIST_COMP
            | SyntaxKind::DICT_COMP
            | SyntaxKind::SET_COMP
            | SyntaxKind::STRING_EXPR
                if b > a =>
            {
                // Up to the line before the closing bracket, so that it
                // stays visible.
                let closes = text.get(usize::from(r.start())..usize::from(trimmed_end)).is_some_and(|t| t.ends_with([')', ']', '}']));
                let end = if closes && kind != SyntaxKind::STRING_EXPR { b - 1 } else { b };
                if end > a {
                    out.push(Fold { start_line: a, end_line: end, kind: FoldKind::Region });
                }
            }
            SyntaxKind::IMPORT_STMT | SyntaxKind::IMPORT_FROM_STMT => {
                match imports {
                    Some((s, e)) if a <= e + 1 => imports = Some((s, b.max(e))),
                    _ => {
                        flush_imports(&mut imports, &mut out);
                        imports = Some((a, b));
                    }
                }
            }
            _ => {}
        }
    }
    flush_imports(&mut imports, &mut out);
    // Runs of comment-only lines.
    let mut run: Option<(u32, u32)> = None;
    for (i, l) in text.lines().enumerate() {
        let i = i as u32;
        if l.trim_start().starts_with('#') {
            run = match run {
                Some((s, e)) if e + 1 == i => Some((s, i)),
                _ => {
                    if let Some((s, e)) = run {
                        if e > s {
                            out.push(Fold { start_line: s, end_line: e, kind: FoldKind::Comment });
                        }
                    }
                    Some((i, i))
                }
            };
        }
    }
    if let Some((s, e)) = run {
        if e > s {
            out.push(Fold { start_line: s, end_line: e, kind: FoldKind::Comment });
        }
    }
    out.sort_by_key(|f| (f.start_line, f.end_line));
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::fixture;

    #[test]
    fn folds() {
        let f = fixture(
            "# a\n# b\nimport os\nimport sys\nfrom json import (\n    dumps,\n)\n\ndef f(x):\n    if x:\n        return [\n            1,\n        ]\n    else:\n        return 2\n\nclass C:\n    \"\"\"Doc\n    more.\n    \"\"\"\n",
        );
        let out: Vec<String> = folding_ranges(&f.db, f.file).iter().map(|x| format!("{}-{} {:?}", x.start_line, x.end_line, x.kind)).collect();
        insta::assert_snapshot!(out.join("\n"), @r"
            0-1 Comment
            2-6 Imports
            8-14 Region
            9-12 Region
            10-11 Region
            13-14 Region
            16-19 Region
            17-19 Region
            ");
    }
}
