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

/// Module resolution over the real environment: the standard library's
/// non-test files import only modules that exist, except ones CPython
/// builds in C for other platforms and that typeshed does not describe
/// either. Every one left is printed; the count may only go down.
#[test]
fn stdlib_imports_resolve() {
    /// Measured with typeshed_client 2.15 on Linux; see docs/conformance.md.
    /// Both left are real: `lib2to3/pgen2/conv.py` imports `pgen2` as a
    /// top-level module (a leftover that cannot import), and
    /// `platform._java_getprop` imports Jython's `java.lang` in a function
    /// only Jython calls.
    const CEILING: usize = 2;
    let files: Vec<_> = pyx_tests::stdlib_files().into_iter().filter(|p| !is_test_file(p)).collect();
    let stdlib = files[0].ancestors().find(|a| a.join("os.py").is_file()).expect("the stdlib root").to_path_buf();
    let system = pyx_semantics::system::OsSystem;
    let found = pyx_semantics::resolve::discover::discover_settings(
        &system,
        &stdlib,
        &pyx_semantics::resolve::discover::DiscoveryOptions::default(),
    );
    assert!(found.settings.typeshed_stdlib.is_some(), "typeshed_client is installed (./x installs it)");
    let mut db = pyx_semantics::RootDatabase::new(Arc::new(system));
    db.set_project(found.settings);
    let mut unresolved = Vec::new();
    for path in &files {
        let file = db.file(path);
        let text = source_text(&db, file).text.clone();
        let index = pyx_syntax::line_index::LineIndex::new(&text);
        for d in file_diagnostics(&db, file).iter().filter(|d| d.rule.code() == "unresolved-import") {
            let (l, c) = index.line_col(d.range.start());
            unresolved.push(format!("{}:{l}:{}: {}", path.display(), c + 1, d.message));
        }
    }
    println!("unresolved imports in {} non-test stdlib files: {}", files.len(), unresolved.len());
    for u in &unresolved {
        println!("  {u}");
    }
    assert!(unresolved.len() <= CEILING, "{} unresolved imports, above the ceiling of {CEILING}", unresolved.len());
}
