//! Document symbols: the outline of a file — classes, functions and
//! methods, and the variables bound at module and class level — nested as
//! written.

use pyx_semantics::{Db, File};
use pyx_syntax::ast::{Expr, ExprKind, Stmt, StmtKind};
use pyx_syntax::{TextRange, TextSize};

use crate::analysis;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    Class,
    Function,
    Method,
    Variable,
    Constant,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentSymbol {
    pub name: String,
    pub kind: SymbolKind,
    /// The signature of a function (`(a, b=1) -> int`), the bases of a class.
    pub detail: Option<String>,
    pub range: TextRange,
    pub selection: TextRange,
    pub children: Vec<DocumentSymbol>,
}

pub fn document_symbols(db: &dyn Db, file: File) -> Vec<DocumentSymbol> {
    let parsed = pyx_semantics::queries::ast(db, file);
    let text = analysis::text(db, file);
    let mut out = Vec::new();
    collect(&text, &parsed.module.body, Level::Module, &mut out);
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Module,
    Class,
    Function,
}

fn name_range(text: &str, range: TextRange, keyword: &str, name: &str) -> TextRange {
    let start = usize::from(range.start()).min(text.len());
    let end = usize::from(range.end()).min(text.len()).max(start);
    let slice = &text[start..end];
    let after = slice.find(keyword).map_or(0, |i| i + keyword.len());
    match slice.get(after..).and_then(|s| s.find(name)) {
        Some(i) => TextRange::at(TextSize::from((start + after + i) as u32), TextSize::from(name.len() as u32)),
        None => range,
    }
}

/// The text of a `def` header from its `(` to the `:` that ends it.
pub fn signature_text(text: &str, stmt: &Stmt) -> Option<String> {
    let (StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f)) = &stmt.kind else { return None };
    let start = usize::from(stmt.range.start());
    let body_start = f.body.first().map_or(usize::from(stmt.range.end()), |b| usize::from(b.range.start()));
    let header = text.get(start..body_start)?;
    let open = header.find('(')?;
    let header = header[open..].trim_end();
    let header = strip_comments(header);
    let header = header.trim_end().strip_suffix(':').unwrap_or(header.trim_end());
    Some(collapse_whitespace(header))
}

fn strip_comments(s: &str) -> String {
    // Comments inside a header are rare; a `#` inside a default string is
    // rarer still, and then only the detail text is shortened.
    s.lines().map(|l| match l.find('#') {
        Some(i) if !l[..i].contains(['"', '\'']) => &l[..i],
        _ => l,
    }).collect::<Vec<_>>().join("\n")
}

/// One line: runs of whitespace (newlines included) become one space, and
/// none is left just inside brackets.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() && !out.ends_with(['(', '[', '{']) && !matches!(c, ')' | ']' | '}' | ',') {
            out.push(' ');
        }
        pending_space = false;
        if matches!(c, ')' | ']') && out.ends_with(',') {
            // A trailing comma before the closing bracket of a list that
            // was split over lines.
            out.pop();
        }
        out.push(c);
    }
    out
}

fn collect(text: &str, body: &[Stmt], level: Level, out: &mut Vec<DocumentSymbol>) {
    for s in body {
        match &s.kind {
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
                let mut children = Vec::new();
                collect(text, &f.body, Level::Function, &mut children);
                out.push(DocumentSymbol {
                    name: f.name.to_string(),
                    kind: if level == Level::Class { SymbolKind::Method } else { SymbolKind::Function },
                    detail: signature_text(text, s),
                    range: s.range,
                    selection: name_range(text, s.range, "def", &f.name),
                    children,
                });
            }
            StmtKind::ClassDef { name, body, bases, .. } => {
                let mut children = Vec::new();
                collect(text, body, Level::Class, &mut children);
                let detail = (!bases.is_empty()).then(|| {
                    let parts: Vec<&str> = bases
                        .iter()
                        .filter_map(|b| text.get(usize::from(b.range.start())..usize::from(b.range.end())))
                        .collect();
                    format!("({})", parts.join(", "))
                });
                out.push(DocumentSymbol {
                    name: name.to_string(),
                    kind: SymbolKind::Class,
                    detail,
                    range: s.range,
                    selection: name_range(text, s.range, "class", name),
                    children,
                });
            }
            StmtKind::Assign { targets, .. } if level != Level::Function => {
                for t in targets {
                    names_in_target(t, s.range, out);
                }
            }
            StmtKind::AnnAssign { target, .. } if level != Level::Function => names_in_target(target, s.range, out),
            _ if level != Level::Function => {
                // Definitions under `if`/`try`/`with` at module or class level.
                for b in analysis::child_bodies(s) {
                    collect(text, b, level, out);
                }
            }
            _ => {}
        }
    }
}

fn names_in_target(t: &Expr, stmt_range: TextRange, out: &mut Vec<DocumentSymbol>) {
    match &t.kind {
        ExprKind::Name { id, .. } => {
            if out.iter().any(|s| &s.name == id && matches!(s.kind, SymbolKind::Variable | SymbolKind::Constant)) {
                return;
            }
            let constant = id.chars().any(|c| c.is_ascii_uppercase()) && !id.chars().any(|c| c.is_lowercase());
            out.push(DocumentSymbol {
                name: id.to_string(),
                kind: if constant { SymbolKind::Constant } else { SymbolKind::Variable },
                detail: None,
                range: stmt_range,
                selection: t.range,
                children: Vec::new(),
            });
        }
        ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => elts.iter().for_each(|e| names_in_target(e, stmt_range, out)),
        ExprKind::Starred { value, .. } => names_in_target(value, stmt_range, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::fixture;

    fn show(f: &crate::testing::Fixture, syms: &[DocumentSymbol], depth: usize, out: &mut String) {
        for s in syms {
            let detail = s.detail.as_deref().map(|d| format!(" {d}")).unwrap_or_default();
            out.push_str(&format!("{}{:?} {}{detail} @ {}\n", "  ".repeat(depth), s.kind, s.name, f.show_range(f.file, s.selection)));
            show(f, &s.children, depth + 1, out);
        }
    }

    #[test]
    fn outline() {
        let f = fixture(
            "import os\nMAX = 3\nx, *rest = 1, 2\n\nclass Shape(Base, metaclass=M):\n    sides: int = 0\n    def area(self,\n             scale: float = 1.0,  # units\n             ) -> float:\n        inner = 1\n        def helper(): ...\n        return 0.0\n\nif os.name == 'nt':\n    def windows_only(): ...\nelse:\n    async def other(*args, **kw): ...\n",
        );
        let mut out = String::new();
        show(&f, &document_symbols(&f.db, f.file), 0, &mut out);
        insta::assert_snapshot!(out, @r"
        Constant MAX @ main.py:2:0: MAX
        Variable x @ main.py:3:0: x
        Variable rest @ main.py:3:4: rest
        Class Shape (Base) @ main.py:5:6: Shape
          Variable sides @ main.py:6:4: sides
          Method area (self, scale: float = 1.0) -> float @ main.py:7:8: area
            Function helper () @ main.py:11:12: helper
        Function windows_only () @ main.py:15:8: windows_only
        Function other (*args, **kw) @ main.py:17:14: other
        ");
    }
}
