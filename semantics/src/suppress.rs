//! Suppression comments, and the diagnostics a user sees once they and the
//! configured rule levels are applied.
//!
//! `pyx check` and the language server both call [`checked_diagnostics`],
//! so a comment silences the same findings in both.
//!
//! The comments:
//!
//! - `# type: ignore` or `# pyx: ignore` — every finding on the line;
//! - `# type: ignore[a, b]` or `# pyx: ignore[a, b]` — findings of the rules
//!   with codes `a` and `b` (other codes, such as mypy's, silence nothing);
//! - on the *first* line of a statement that spans several lines, the
//!   comment covers every line of the statement (so
//!   `from m import (  # type: ignore` works as it does with mypy); on any
//!   other line it covers that line only. A compound statement's body is not
//!   part of its header: `if x:  # pyx: ignore` covers only the `if` line;
//! - one of the above on a line of its own before any code (a docstring is
//!   code) — the whole file, as PEP 484 says of `# type: ignore`;
//! - `# pyx: ignore-file` or `# pyx: ignore-file[a, b]` anywhere — the whole
//!   file.
//!
//! A comment may hold several directives (`# noqa: F401  # type: ignore`).
//! Syntax errors are never suppressed: a file that does not parse has not
//! been checked, and hiding that would hide everything.
//!
//! Comments are found with the lexer, so `#` inside a string is not one.

use std::collections::BTreeMap;

use pyx_syntax::kind::SyntaxKind;
use pyx_syntax::line_index::LineIndex;

use crate::config::RuleLevels;
use crate::db::{Db, File};
use crate::diagnostics::{Diagnostic, Rule};

/// What one directive silences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    All,
    /// Rule codes as written.
    Codes(Vec<String>),
}

impl Scope {
    pub fn covers(&self, rule: Rule) -> bool {
        match self {
            Scope::All => true,
            Scope::Codes(codes) => codes.iter().any(|c| c == rule.code()),
        }
    }

    fn merge(&mut self, other: Scope) {
        match (&mut *self, other) {
            (Scope::All, _) => {}
            (_, Scope::All) => *self = Scope::All,
            (Scope::Codes(a), Scope::Codes(b)) => {
                for code in b {
                    if !a.contains(&code) {
                        a.push(code);
                    }
                }
            }
        }
    }
}

/// One suppression comment's meaning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub scope: Scope,
    /// `# pyx: ignore-file`: the whole file, wherever the comment is.
    pub whole_file: bool,
}

/// The suppressions of one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Suppressions {
    file: Option<Scope>,
    /// 1-based line → what is silenced on it.
    lines: BTreeMap<u32, Scope>,
}

fn add(slot: &mut Option<Scope>, scope: Scope) {
    match slot {
        Some(existing) => existing.merge(scope),
        None => *slot = Some(scope),
    }
}

impl Suppressions {
    /// The suppressions in a source text.
    pub fn from_text(text: &str) -> Suppressions {
        let mut out = Suppressions::default();
        // Most files have none; the lexer is not worth running for them.
        if !(text.contains("type:") || text.contains("pyx:")) || !text.contains("ignore") {
            return out;
        }
        let index = LineIndex::new(text);
        let line_of = |offset: u32| index.line_col(offset.into()).0;
        let lexed = pyx_syntax::lexer::lex(text);
        let mut seen_code = false;
        // The first line of the logical line being read, and the directives
        // met in it (line, scope).
        let mut statement_start: Option<u32> = None;
        let mut pending: Vec<(u32, Scope)> = Vec::new();
        for token in &lexed.tokens {
            match token.kind {
                SyntaxKind::COMMENT | SyntaxKind::TYPE_IGNORE | SyntaxKind::TYPE_COMMENT => {
                    let Some(comment) = text.get(token.start as usize..token.end as usize) else {
                        continue;
                    };
                    let Some(directive) = parse_comment(comment) else {
                        continue;
                    };
                    if directive.whole_file || !seen_code {
                        add(&mut out.file, directive.scope);
                    } else if statement_start.is_some() {
                        pending.push((line_of(token.start), directive.scope));
                    } else {
                        // A comment on a line of its own.
                        out.add_lines(line_of(token.start), line_of(token.start), directive.scope);
                    }
                }
                SyntaxKind::NEWLINE | SyntaxKind::EOF => {
                    if let Some(first) = statement_start.take() {
                        let last = line_of(token.start);
                        for (line, scope) in pending.drain(..) {
                            let end = if line == first { last } else { line };
                            out.add_lines(line, end, scope);
                        }
                    }
                }
                SyntaxKind::INDENT | SyntaxKind::DEDENT => {}
                kind if kind.is_trivia() => {}
                _ => {
                    seen_code = true;
                    if statement_start.is_none() {
                        statement_start = Some(line_of(token.start));
                    }
                }
            }
        }
        // A file that ends inside a statement (a syntax error) keeps the
        // comments of that statement on their own lines.
        for (line, scope) in pending {
            out.add_lines(line, line, scope);
        }
        out
    }

    fn add_lines(&mut self, first: u32, last: u32, scope: Scope) {
        for line in first..=last.max(first) {
            match self.lines.get_mut(&line) {
                Some(existing) => existing.merge(scope.clone()),
                None => {
                    self.lines.insert(line, scope.clone());
                }
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.file.is_none() && self.lines.is_empty()
    }

    /// What is silenced in the whole file.
    pub fn file_scope(&self) -> Option<&Scope> {
        self.file.as_ref()
    }

    /// What is silenced on a 1-based line (besides the whole file).
    pub fn line_scope(&self, line: u32) -> Option<&Scope> {
        self.lines.get(&line)
    }

    /// Whether a finding of `rule` starting on 1-based `line` is silenced.
    pub fn suppresses(&self, rule: Rule, line: u32) -> bool {
        if rule == Rule::SyntaxError {
            return false;
        }
        self.file.as_ref().is_some_and(|s| s.covers(rule)) || self.lines.get(&line).is_some_and(|s| s.covers(rule))
    }
}

/// The suppression directives in one comment (`# ...`), merged; `None`
/// when it has none.
pub fn parse_comment(comment: &str) -> Option<Directive> {
    let mut found: Option<Directive> = None;
    for part in comment.split('#').skip(1) {
        let part = part.trim_start_matches([' ', '\t']);
        let (rest, pyx) = if let Some(r) = part.strip_prefix("type:") {
            (r, false)
        } else if let Some(r) = part.strip_prefix("pyx:") {
            (r, true)
        } else {
            continue;
        };
        let rest = rest.trim_start_matches([' ', '\t']);
        let (after, whole_file) = if let Some(a) = rest.strip_prefix("ignore-file").filter(|_| pyx) {
            (a, true)
        } else if let Some(a) = rest.strip_prefix("ignore") {
            (a, false)
        } else {
            continue;
        };
        let scope = if let Some(list) = after.strip_prefix('[') {
            let Some(end) = list.find(']') else { continue };
            let codes: Vec<String> = list[..end]
                .split(',')
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect();
            if codes.is_empty() {
                Scope::All
            } else {
                Scope::Codes(codes)
            }
        } else if after.is_empty() || after.starts_with([' ', '\t', '\r', '\n']) {
            Scope::All
        } else {
            // `# type: ignored`, `# pyx: ignorefoo`: not a directive.
            continue;
        };
        match &mut found {
            Some(f) => {
                if whole_file && !f.whole_file {
                    // A file-wide directive wins over a line one in the same
                    // comment.
                    *f = Directive { scope, whole_file };
                } else if whole_file == f.whole_file {
                    f.scope.merge(scope);
                }
            }
            None => found = Some(Directive { scope, whole_file }),
        }
    }
    found
}

/// The suppressions of a file (recomputed when its text changes).
#[salsa::tracked(returns(ref))]
pub fn suppressions(db: &dyn Db, file: File) -> Suppressions {
    Suppressions::from_text(&crate::queries::source_text(db, file).text)
}

/// The diagnostics of `file` a user sees: [`crate::queries::file_diagnostics`]
/// with the rules `levels` turns off removed, the severities `levels` sets,
/// and what suppression comments silence removed. In source order.
pub fn checked_diagnostics(db: &dyn Db, file: File, levels: &RuleLevels) -> Vec<Diagnostic> {
    let all = crate::queries::file_diagnostics(db, file);
    if all.is_empty() {
        return Vec::new();
    }
    let suppressions = suppressions(db, file);
    let mut index = None;
    let mut out = Vec::with_capacity(all.len());
    for d in all.iter() {
        let Some(severity) = levels.severity(d.rule) else {
            continue;
        };
        if !suppressions.is_empty() && d.rule != Rule::SyntaxError {
            let index = index.get_or_insert_with(|| LineIndex::new(&crate::queries::source_text(db, file).text));
            let (line, _) = index.line_col(d.range.start());
            if suppressions.suppresses(d.rule, line) {
                continue;
            }
        }
        let mut d = d.clone();
        d.severity = severity;
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(c: &[&str]) -> Scope {
        Scope::Codes(c.iter().map(|s| s.to_string()).collect())
    }

    fn line(scope: Scope) -> Option<Directive> {
        Some(Directive {
            scope,
            whole_file: false,
        })
    }

    #[test]
    fn comment_forms() {
        assert_eq!(parse_comment("# type: ignore"), line(Scope::All));
        assert_eq!(parse_comment("#type:ignore"), line(Scope::All));
        assert_eq!(parse_comment("# pyx: ignore"), line(Scope::All));
        assert_eq!(parse_comment("# pyx: ignore[]"), line(Scope::All));
        assert_eq!(
            parse_comment("# type: ignore[unused-import, undefined-name]"),
            line(codes(&["unused-import", "undefined-name"]))
        );
        assert_eq!(
            parse_comment("# noqa: F401  # pyx: ignore[unused-import]"),
            line(codes(&["unused-import"]))
        );
        assert_eq!(
            parse_comment("# type: ignore[a]  # pyx: ignore[b]"),
            line(codes(&["a", "b"]))
        );
        assert_eq!(parse_comment("# type: ignore  # explained"), line(Scope::All));
        assert_eq!(
            parse_comment("# pyx: ignore-file"),
            Some(Directive {
                scope: Scope::All,
                whole_file: true
            })
        );
        assert_eq!(
            parse_comment("# pyx: ignore-file[unused-import]"),
            Some(Directive {
                scope: codes(&["unused-import"]),
                whole_file: true
            })
        );
        assert_eq!(parse_comment("# type: ignore-file"), None);
        assert_eq!(parse_comment("# type: ignored"), None);
        assert_eq!(parse_comment("# type: int"), None);
        assert_eq!(parse_comment("# just a comment about ignore"), None);
        assert_eq!(parse_comment("# pyx: ignore[unclosed"), None);
    }

    #[test]
    fn lines_and_statements() {
        let s = Suppressions::from_text(
            "import os\n\
             from m import (  # type: ignore[unused-import]\n    a,\n    b,  # pyx: ignore[undefined-name]\n)\n\
             x = '# type: ignore'\n\
             if x:  # pyx: ignore\n    y = 1\n\
             # type: ignore\n",
        );
        assert!(s.file_scope().is_none());
        assert_eq!(s.line_scope(1), None);
        for l in 2..=5 {
            assert!(s.suppresses(Rule::UnusedImport, l), "line {l}");
        }
        assert!(s.suppresses(Rule::UndefinedName, 4));
        assert!(!s.suppresses(Rule::UndefinedName, 3));
        assert_eq!(s.line_scope(6), None);
        assert!(s.suppresses(Rule::UnusedVariable, 7));
        assert!(!s.suppresses(Rule::UnusedVariable, 8));
        assert!(s.suppresses(Rule::UnusedVariable, 9));
        assert!(!s.suppresses(Rule::SyntaxError, 7));
    }

    #[test]
    fn whole_file() {
        let top = Suppressions::from_text("#!/usr/bin/env python3\n# type: ignore\n\"\"\"doc\"\"\"\nimport os\n");
        assert_eq!(top.file_scope(), Some(&Scope::All));
        assert!(top.suppresses(Rule::UnusedImport, 4));
        let after_docstring = Suppressions::from_text("\"\"\"doc\"\"\"\n# type: ignore\nimport os\n");
        assert_eq!(after_docstring.file_scope(), None);
        let anywhere = Suppressions::from_text("import os\n# pyx: ignore-file[unused-import]\n");
        assert_eq!(anywhere.file_scope(), Some(&codes(&["unused-import"])));
        assert!(!anywhere.suppresses(Rule::UndefinedName, 1));
        assert!(Suppressions::from_text("import os  # nothing\n").is_empty());
    }
}
