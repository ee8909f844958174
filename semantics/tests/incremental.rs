//! Incrementality, measured: which queries salsa re-executes after an edit.

use std::path::Path;
use std::sync::Arc;

use pyx_semantics::db::Db;
use pyx_semantics::queries::{file_diagnostics, symbol_table};
use pyx_semantics::system::MemorySystem;
use pyx_semantics::RootDatabase;

const A: &str = "import os\n\ndef f(x):\n    # a comment\n    return x + 1\n\ndef g():\n    return os.sep\n";
const B: &str = "def h():\n    return 2\n";

fn setup() -> (Arc<MemorySystem>, RootDatabase) {
    let system = Arc::new(MemorySystem::new());
    system.write_file("/p/a.py", A);
    system.write_file("/p/b.py", B);
    let db = RootDatabase::new(system.clone());
    for path in ["/p/a.py", "/p/b.py"] {
        let file = db.file(Path::new(path));
        let _ = file_diagnostics(&db, file);
        let _ = symbol_table(&db, file);
    }
    db.start_logging();
    (system, db)
}

fn recheck(db: &RootDatabase) -> Vec<String> {
    for path in ["/p/a.py", "/p/b.py"] {
        let file = db.file(Path::new(path));
        let _ = file_diagnostics(db, file);
        let _ = symbol_table(db, file);
    }
    db.take_log()
}

/// The names of the queries in a log, in order (`ast(Id(0))` → `ast`).
fn names(log: &[String]) -> Vec<String> {
    log.iter().map(|l| l.split('(').next().unwrap_or("").to_string()).collect()
}

#[test]
fn editing_one_file_reruns_nothing_of_another() {
    let (system, mut db) = setup();
    system.write_file("/p/a.py", A.replace("x + 1", "x + 2"));
    db.file_changed(Path::new("/p/a.py"));
    let log = recheck(&db);
    let a = db.file(Path::new("/p/a.py"));
    let b = db.file(Path::new("/p/b.py"));
    let a_id = format!("{a:?}");
    let b_id = format!("{b:?}");
    assert!(!log.is_empty(), "the edited file is re-analyzed");
    assert!(
        log.iter().all(|l| !l.contains(&b_id) || l.contains(&a_id)),
        "queries of b.py ran after editing a.py: {log:?} (b is {b_id})"
    );
    assert!(names(&log).contains(&"parse".to_string()), "{log:?}");
    assert!(names(&log).contains(&"semantic_index".to_string()), "a body edit re-analyzes: {log:?}");
}

/// A comment rewritten in place. (An edit that moves code — a longer
/// comment — shifts the byte ranges the AST keeps as its source map, so the
/// AST differs and the tables re-run; per-scope firewalls with relative
/// ranges are the next step, see docs/semantics.md.)
#[test]
fn a_comment_only_edit_reruns_no_symbol_table() {
    let (system, mut db) = setup();
    system.write_file("/p/a.py", A.replace("# a comment", "# b remark!"));
    db.file_changed(Path::new("/p/a.py"));
    let log = names(&recheck(&db));
    assert!(log.contains(&"parse".to_string()), "the file is re-parsed: {log:?}");
    assert!(log.contains(&"ast".to_string()), "and re-lowered: {log:?}");
    assert!(!log.contains(&"semantic_index".to_string()), "no symbol table re-runs: {log:?}");
    assert!(!log.contains(&"symbol_table".to_string()), "no symbol table re-runs: {log:?}");
}

#[test]
fn an_unchanged_file_reruns_nothing() {
    let (_system, mut db) = setup();
    // Touched on disk, same contents.
    db.file_changed(Path::new("/p/b.py"));
    let log = names(&recheck(&db));
    assert!(!log.contains(&"parse".to_string()), "{log:?}");
    assert!(!log.contains(&"semantic_index".to_string()), "{log:?}");
}

#[test]
fn editor_overlays_win_over_the_disk() {
    let (_system, mut db) = setup();
    let a = db.file(Path::new("/p/a.py"));
    assert!(file_diagnostics(&db, a).is_empty());
    db.set_overlay(Path::new("/p/a.py"), Some(Arc::from("print(undefined_thing)\n")));
    let diags = file_diagnostics(&db, a);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].rule.code(), "undefined-name");
    db.set_overlay(Path::new("/p/a.py"), None);
    assert!(file_diagnostics(&db, a).is_empty());
}
