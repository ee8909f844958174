//! Real-world precision: the rules over the host CPython's standard library
//! (non-test files). Every `undefined-name` there would be a false positive
//! (the stdlib runs), so the test requires none.

use std::collections::BTreeMap;
use std::sync::Arc;

use pyx_semantics::db::Db;
use pyx_semantics::queries::{file_diagnostics, source_text};

fn is_test_file(path: &std::path::Path) -> bool {
    let s = path.to_string_lossy();
    s.contains("/test/") || s.contains("/tests/") || s.contains("/idle_test/")
}

#[test]
fn stdlib_has_no_undefined_names() {
    let files: Vec<_> = pyx_tests::stdlib_files().into_iter().filter(|p| !is_test_file(p)).collect();
    let db = pyx_semantics::RootDatabase::new(Arc::new(pyx_semantics::system::OsSystem));
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut undefined = Vec::new();
    for path in &files {
        let file = db.file(path);
        let diags = file_diagnostics(&db, file);
        let text = source_text(&db, file).text.clone();
        let index = pyx_syntax::line_index::LineIndex::new(&text);
        for d in diags.iter() {
            *counts.entry(d.rule.code()).or_default() += 1;
            if d.rule.code() == "undefined-name" {
                let (l, c) = index.line_col(d.range.start());
                undefined.push(format!("{}:{l}:{}: {}", path.display(), c + 1, d.message));
            }
        }
    }
    println!("stdlib lint over {} non-test files: {counts:?}", files.len());
    assert!(files.len() > 600, "expected the whole stdlib, found {} files", files.len());
    assert!(undefined.is_empty(), "undefined-name false positives:\n{}", undefined.join("\n"));
}
