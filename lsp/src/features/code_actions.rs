//! Code actions: remove an unused import (one, or all of a file's), and
//! silence a finding with a suppression comment on its line.

use pyx_semantics::config::RuleLevels;
use pyx_semantics::diagnostics::{Diagnostic, Rule};
use pyx_semantics::{Db, File};
use pyx_syntax::ast::StmtKind;
use pyx_syntax::{TextRange, TextSize};

use crate::analysis;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionKind {
    QuickFix,
    /// Applies to the whole file (`source.fixAll`).
    FixAll,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    pub title: String,
    pub kind: ActionKind,
    pub edits: Vec<(TextRange, String)>,
    /// The diagnostic it fixes.
    pub diagnostic: Option<Diagnostic>,
    pub preferred: bool,
}

pub fn code_actions(db: &dyn Db, file: File, range: TextRange, levels: &RuleLevels) -> Vec<Action> {
    let diagnostics = crate::features::diagnostics::diagnostics(db, file, levels);
    let text = analysis::text(db, file);
    let mut out = Vec::new();
    let unused: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.rule == Rule::UnusedImport).collect();
    for d in diagnostics.iter().filter(|d| d.range.intersect(range).is_some() || d.range.contains_range(range)) {
        if d.rule == Rule::UnusedImport {
            if let Some(edits) = remove_imports(db, file, &[d]) {
                out.push(Action {
                    title: format!("Remove unused import: {}", d.message.split('`').nth(1).unwrap_or("")),
                    kind: ActionKind::QuickFix,
                    edits,
                    diagnostic: Some(d.clone()),
                    preferred: true,
                });
            }
        }
        if d.rule != Rule::SyntaxError {
            out.push(Action {
                title: format!("Suppress `{}` on this line", d.rule.code()),
                kind: ActionKind::QuickFix,
                edits: vec![suppress(&text, d.range.start(), d.rule)],
                diagnostic: Some(d.clone()),
                preferred: false,
            });
        }
    }
    if unused.len() > 1 || (!unused.is_empty() && out.is_empty()) {
        if let Some(edits) = remove_imports(db, file, &unused) {
            out.push(Action {
                title: "Remove all unused imports".into(),
                kind: ActionKind::FixAll,
                edits,
                diagnostic: None,
                preferred: false,
            });
        }
    }
    out
}

/// `  # pyx: ignore[rule]` at the end of the line (or the rule added to
/// the line's existing `# pyx: ignore[...]`).
fn suppress(text: &str, at: TextSize, rule: Rule) -> (TextRange, String) {
    let at = usize::from(at).min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
    let line = &text[start..end];
    if let Some(i) = line.find("# pyx: ignore[") {
        if let Some(j) = line[i..].find(']') {
            let pos = (start + i + j) as u32;
            return (TextRange::empty(pos.into()), format!(", {}", rule.code()));
        }
    }
    let trimmed = line.trim_end().len();
    let pos = (start + trimmed) as u32;
    (TextRange::new(pos.into(), ((end) as u32).into()), format!("  # pyx: ignore[{}]", rule.code()))
}

/// Edits removing the imports the diagnostics point at: a whole statement
/// (its line) when all its names go, else the names with their commas.
fn remove_imports(db: &dyn Db, file: File, diags: &[&Diagnostic]) -> Option<Vec<(TextRange, String)>> {
    let parsed = pyx_semantics::queries::ast(db, file);
    let text = analysis::text(db, file);
    let mut edits: Vec<(TextRange, String)> = Vec::new();
    let mut stmts: Vec<(TextRange, Vec<TextRange>, Vec<TextRange>)> = Vec::new();
    for d in diags {
        let stmt = analysis::stmt_containing(&parsed.module.body, d.range)?;
        let aliases = match &stmt.kind {
            StmtKind::Import { names } | StmtKind::ImportFrom { names, .. } => names.iter().map(|a| a.range).collect::<Vec<_>>(),
            _ => return None,
        };
        match stmts.iter_mut().find(|(r, _, _)| *r == stmt.range) {
            Some((_, _, gone)) => gone.push(d.range),
            None => stmts.push((stmt.range, aliases, vec![d.range])),
        }
    }
    for (range, aliases, gone) in stmts {
        let gone: Vec<TextRange> = aliases.iter().copied().filter(|a| gone.iter().any(|g| a.contains_range(*g) || g.contains_range(*a))).collect();
        if gone.len() == aliases.len() {
            // The whole statement, with its line when nothing else is on it.
            let s = usize::from(range.start());
            let e = usize::from(range.end()).min(text.len());
            let line_start = text[..s].rfind('\n').map_or(0, |i| i + 1);
            let rest_end = text[e..].find('\n').map_or(text.len(), |i| e + i + 1);
            let alone = text[line_start..s].trim().is_empty() && text[e..rest_end].trim().is_empty();
            if alone {
                edits.push((TextRange::new((line_start as u32).into(), (rest_end as u32).into()), String::new()));
            } else {
                edits.push((range, "pass".into()));
            }
            continue;
        }
        for (i, a) in aliases.iter().enumerate() {
            if !gone.contains(a) {
                continue;
            }
            // With the comma after it, or before it for the last one.
            let r = if i + 1 < aliases.len() {
                TextRange::new(a.start(), aliases[i + 1].start())
            } else {
                let before = aliases[..i].iter().rev().find(|b| !gone.contains(b)).or(aliases.get(i.wrapping_sub(1)));
                match before {
                    Some(b) => TextRange::new(b.end(), a.end()),
                    None => *a,
                }
            };
            edits.push((r, String::new()));
        }
    }
    // Overlapping edits (neighbours removed together) are merged.
    edits.sort_by_key(|(r, _)| r.start());
    let mut merged: Vec<(TextRange, String)> = Vec::new();
    for (r, t) in edits {
        match merged.last_mut() {
            Some((last, lt)) if last.end() >= r.start() => {
                *last = last.cover(r);
                lt.push_str(&t);
            }
            _ => merged.push((r, t)),
        }
    }
    Some(merged)
}

/// Apply edits to a text (tests, and the end-to-end checks).
pub fn apply(text: &str, edits: &[(TextRange, String)]) -> String {
    let mut sorted: Vec<&(TextRange, String)> = edits.iter().collect();
    sorted.sort_by_key(|(r, _)| std::cmp::Reverse(r.start()));
    let mut out = text.to_string();
    for (r, t) in sorted {
        let (a, b) = (usize::from(r.start()).min(out.len()), usize::from(r.end()).min(out.len()));
        out.replace_range(a..b, t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::fixture;

    fn check(text: &str) -> String {
        let f = fixture(text);
        let src = f.text();
        let range = TextRange::empty(f.offset);
        code_actions(&f.db, f.file, range, &RuleLevels::default())
            .iter()
            .map(|a| format!("== {} ({:?})\n{}", a.title, a.kind, apply(&src, &a.edits)))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn unused_imports() {
        insta::assert_snapshot!(check("import o$0s\nimport sys\nprint(sys)\n"), @r"
            == Remove unused import: os (QuickFix)
            import sys
            print(sys)

            == Suppress `unused-import` on this line (QuickFix)
            import os  # pyx: ignore[unused-import]
            import sys
            print(sys)
            ");
        insta::assert_snapshot!(check("from os.path import join, exi$0sts, splitext\nprint(join)\n"), @r"
            == Remove unused import: os.path.exists (QuickFix)
            from os.path import join, splitext
            print(join)

            == Suppress `unused-import` on this line (QuickFix)
            from os.path import join, exists, splitext  # pyx: ignore[unused-import]
            print(join)

            == Remove all unused imports (FixAll)
            from os.path import join
            print(join)
            ");
        insta::assert_snapshot!(check("import os, sys$0\nimport json\n"), @r"
            == Remove unused import: sys (QuickFix)
            import os
            import json

            == Suppress `unused-import` on this line (QuickFix)
            import os, sys  # pyx: ignore[unused-import]
            import json

            == Remove all unused imports (FixAll)
            ");
    }

    #[test]
    fn suppression_comment() {
        insta::assert_snapshot!(check("print(undefin$0ed)  # note\n"), @r"
            == Suppress `undefined-name` on this line (QuickFix)
            print(undefined)  # note  # pyx: ignore[undefined-name]
            ");
    }
}
