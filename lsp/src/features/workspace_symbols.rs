//! Workspace symbols: the outline symbols of every file of the workspace
//! whose name matches the query fuzzily (its characters in order, case
//! ignored), best matches first.

use pyx_semantics::{Db, File};
use pyx_syntax::TextRange;

use crate::features::document_symbols::{document_symbols, DocumentSymbol, SymbolKind};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceSymbol {
    pub name: String,
    pub kind: SymbolKind,
    pub file: File,
    pub selection: TextRange,
    pub container: Option<String>,
}

/// Lower is better; `None` when `query` is not a subsequence of `name`.
pub fn fuzzy_score(query: &str, name: &str) -> Option<u32> {
    if query.is_empty() {
        return Some(0);
    }
    let name_l = name.to_lowercase();
    let mut chars = name_l.char_indices();
    let mut first = None;
    let mut last = 0;
    for q in query.to_lowercase().chars() {
        let (i, _) = chars.by_ref().find(|&(_, c)| c == q)?;
        first.get_or_insert(i);
        last = i;
    }
    let start = first.unwrap_or(0) as u32;
    let spread = last as u32 - start;
    let exact = if name_l == query.to_lowercase() { 0 } else { 1 };
    Some(exact * 1000 + start * 10 + spread)
}

pub fn workspace_symbols(db: &dyn Db, query: &str) -> Vec<WorkspaceSymbol> {
    let mut out: Vec<(u32, WorkspaceSymbol)> = Vec::new();
    for path in crate::features::references::workspace_files(db) {
        db.unwind_if_revision_cancelled();
        let file = db.file(&path);
        fn walk(file: File, query: &str, syms: &[DocumentSymbol], container: Option<&str>, out: &mut Vec<(u32, WorkspaceSymbol)>) {
            for s in syms {
                if let Some(score) = fuzzy_score(query, &s.name) {
                    out.push((
                        score,
                        WorkspaceSymbol {
                            name: s.name.clone(),
                            kind: s.kind,
                            file,
                            selection: s.selection,
                            container: container.map(str::to_string),
                        },
                    ));
                }
                walk(file, query, &s.children, Some(&s.name), out);
            }
        }
        walk(file, query, &document_symbols(db, file), None, &mut out);
    }
    out.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
    out.truncate(500);
    out.into_iter().map(|(_, s)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::fixture;

    #[test]
    fn fuzzy() {
        let f = fixture("//- a.py\nclass HttpServer:\n    def handle_request(self): ...\n//- b.py\ndef serve(): ...\nHOST = 'x'\n");
        let out: Vec<String> = workspace_symbols(&f.db, "hs")
            .iter()
            .map(|s| format!("{} {:?} in {:?} {}", s.name, s.kind, s.container, f.show_path(s.file.path(&f.db))))
            .collect();
        insta::assert_snapshot!(out.join("\n"), @r#"
            HOST Constant in None b.py
            HttpServer Class in None a.py
            handle_request Method in Some("HttpServer") a.py
            "#);
    }
}
