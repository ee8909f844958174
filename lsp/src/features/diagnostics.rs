//! Diagnostics: exactly what `pyx check` reports for the file — the same
//! rules, configured levels and suppression comments
//! (`pyx_semantics::suppress::checked_diagnostics`) — plus the facts the
//! editor shows differently (unused code is faded).

use pyx_semantics::config::RuleLevels;
use pyx_semantics::diagnostics::{Diagnostic, Rule};
use pyx_semantics::{Db, File};

pub fn diagnostics(db: &dyn Db, file: File, levels: &RuleLevels) -> Vec<Diagnostic> {
    pyx_semantics::suppress::checked_diagnostics(db, file, levels)
}

/// Findings about code that does nothing: editors fade it
/// (`DiagnosticTag.Unnecessary`).
pub fn is_unnecessary(rule: Rule) -> bool {
    matches!(rule, Rule::UnusedImport | Rule::UnusedVariable | Rule::RedefinedWhileUnused)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::fixture;

    fn check(text: &str) -> String {
        let f = fixture(text);
        let diags = diagnostics(&f.db, f.file, &RuleLevels::default());
        diags
            .iter()
            .map(|d| {
                format!(
                    "{} {} [{}{}] {}",
                    f.show_range(f.file, d.range),
                    d.severity.as_str(),
                    d.rule.code(),
                    if is_unnecessary(d.rule) { ", unnecessary" } else { "" },
                    d.message
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn same_rules_and_suppressions_as_check() {
        insta::assert_snapshot!(check(
            "import os\nimport sys  # pyx: ignore[unused-import]\nimport nonexistent_mod_xyz\n\ndef f():\n    unused = 1\n    return undefined_name\n"
        ), @r"
            main.py:1:7: os warning [unused-import, unnecessary] `os` imported but unused
            main.py:3:7: nonexistent_mod_xyz warning [unused-import, unnecessary] `nonexistent_mod_xyz` imported but unused
            main.py:3:7: nonexistent_mod_xyz error [unresolved-import] Cannot resolve module 'nonexistent_mod_xyz'
            main.py:6:4: unused warning [unused-variable, unnecessary] local variable `unused` is assigned to but never used
            main.py:7:11: undefined_name error [undefined-name] undefined name `undefined_name`
            ");
    }

    #[test]
    fn syntax_errors() {
        insta::assert_snapshot!(check("def f(:\n    pass\n"), @"main.py:1:5: ( error [syntax-error] '(' was never closed");
    }
}
