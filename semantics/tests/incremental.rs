//! Incrementality, measured: which queries salsa re-executes after an edit.

use std::path::Path;
use std::sync::Arc;

use pyx_semantics::db::Db;
use pyx_semantics::queries::{file_diagnostics, source_text, symbol_table};
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

/// The `Id(n)` salsa prints for a file in the log (`file_imports(Id(3))`).
fn id_of(file: pyx_semantics::File) -> String {
    let debug = format!("{file:?}");
    let start = debug.find("Id(").expect("a salsa id in the Debug output");
    let end = start + debug[start..].find(')').expect("closing parenthesis") + 1;
    format!("({})", &debug[start..end])
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
    let a_id = id_of(a);
    let b_id = id_of(b);
    assert!(!log.is_empty(), "the edited file is re-analyzed");
    assert!(
        log.iter().all(|l| !l.contains(&b_id) || l.contains(&a_id)),
        "queries of b.py ran after editing a.py: {log:?} (b is {b_id})"
    );
    assert!(names(&log).contains(&"parse".to_string()), "{log:?}");
    assert!(names(&log).contains(&"semantic_index".to_string()), "a body edit re-analyzes: {log:?}");
}

/// A comment rewritten in place: the AST and every scope's relative AST
/// stay equal, so nothing from the symbol table on re-runs.
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

/// Module resolution depends on the settings and on which files exist,
/// never on what a file says: editing one file re-runs its own import list
/// and no resolution, and no import query of another file.
#[test]
fn editing_one_file_re_resolves_no_imports() {
    let system = Arc::new(MemorySystem::new());
    system.write_file("/p/a.py", "import os\nimport b\nx = 1\n");
    system.write_file("/p/b.py", "import os\nimport json\n");
    system.write_file("/ts/stdlib/VERSIONS", "os: 3.0-\njson: 3.0-\n");
    system.write_file("/ts/stdlib/os/__init__.pyi", "");
    system.write_file("/ts/stdlib/json/__init__.pyi", "");
    let mut db = RootDatabase::new(system.clone());
    db.set_project(pyx_semantics::project::Settings {
        roots: vec!["/p".into()],
        typeshed_stdlib: Some("/ts/stdlib".into()),
        ..Default::default()
    });
    let check_all = |db: &RootDatabase| {
        for path in ["/p/a.py", "/p/b.py"] {
            let _ = file_diagnostics(db, db.file(Path::new(path)));
        }
    };
    check_all(&db);
    let a = db.file(Path::new("/p/a.py"));
    assert!(
        file_diagnostics(&db, a).iter().all(|d| d.rule.code() != "unresolved-import"),
        "{:?}",
        file_diagnostics(&db, a)
    );
    db.start_logging();
    system.write_file("/p/a.py", "import os\nimport b\nx = 2\nimport json\n");
    db.file_changed(Path::new("/p/a.py"));
    check_all(&db);
    let log = db.take_log();
    let b_id = id_of(db.file(Path::new("/p/b.py")));
    let a_id = id_of(a);
    let ran = names(&log);
    assert!(ran.contains(&"file_imports".to_string()), "a.py's imports are re-read: {log:?}");
    assert!(
        log.iter().filter(|l| l.starts_with("file_imports")).all(|l| l.contains(&a_id) && !l.contains(&b_id)),
        "only a.py's import list re-runs: {log:?}"
    );
    // `json` was resolved for b.py already; a.py's new import reuses it.
    assert!(!ran.contains(&"resolve_module".to_string()), "no module is re-resolved: {log:?}");
    assert!(!ran.contains(&"search_paths".to_string()), "{log:?}");
}

const SCOPES: &str = "\
import os

def f(x):
    y = x + 1
    return y

def g():
    return os.sep

class C:
    def m(self):
        return self
";

fn scopes_setup() -> (Arc<MemorySystem>, RootDatabase) {
    let system = Arc::new(MemorySystem::new());
    system.write_file("/p/s.py", SCOPES);
    let db = RootDatabase::new(system.clone());
    let _ = file_diagnostics(&db, db.file(Path::new("/p/s.py")));
    db.start_logging();
    (system, db)
}

/// Editing the body of one function (so that everything after it moves)
/// re-runs pass 1 of that function only; `g` and `C` are spliced in from
/// before.
#[test]
fn editing_one_function_reruns_only_its_scope() {
    let (system, mut db) = scopes_setup();
    system.write_file("/p/s.py", SCOPES.replace("    y = x + 1\n", "    y = x + 1\n    z = y * 2\n    y = z\n"));
    db.file_changed(Path::new("/p/s.py"));
    let file = db.file(Path::new("/p/s.py"));
    let _ = file_diagnostics(&db, file);
    let ran = names(&db.take_log());
    assert_eq!(ran.iter().filter(|n| *n == "scope_pass1").count(), 1, "only f's scope is rebuilt: {ran:?}");
    assert!(ran.contains(&"semantic_index".to_string()), "{ran:?}");
    // And the result is what a fresh database computes.
    let fresh_system = Arc::new(MemorySystem::new());
    fresh_system.write_file("/p/s.py", source_text(&db, file).text.to_string());
    let fresh = RootDatabase::new(fresh_system);
    let fresh_file = fresh.file(Path::new("/p/s.py"));
    assert_eq!(symbol_table(&db, file), symbol_table(&fresh, fresh_file));
}

/// A longer comment moves code without changing it: the AST changes (it
/// keeps byte ranges) and the file's table is re-spliced, but no scope is
/// rebuilt.
#[test]
fn moving_code_rebuilds_no_scope() {
    let (system, mut db) = scopes_setup();
    system.write_file("/p/s.py", format!("# a new, long comment at the top\n\n{SCOPES}"));
    db.file_changed(Path::new("/p/s.py"));
    let _ = file_diagnostics(&db, db.file(Path::new("/p/s.py")));
    let ran = names(&db.take_log());
    assert!(ran.contains(&"ast".to_string()), "{ran:?}");
    assert!(!ran.contains(&"scope_pass1".to_string()), "no scope is rebuilt: {ran:?}");
}

/// Decorated functions and classes are scopes of their own too (their
/// decorators come before the `def`): moving one rebuilds nothing, editing
/// one rebuilds only it, and the tables are what a fresh database builds.
#[test]
fn decorated_definitions_have_their_own_scopes() {
    const DECORATED: &str = "import functools\n\n@functools.cache\ndef f(x):\n    return x + 1\n\n@dataclass(frozen=True)\nclass C:\n    a: int = 1\n\ndef g():\n    return f(2)\n";
    let system = Arc::new(MemorySystem::new());
    system.write_file("/p/d.py", DECORATED);
    let mut db = RootDatabase::new(system.clone());
    let path = Path::new("/p/d.py");
    let _ = file_diagnostics(&db, db.file(path));
    db.start_logging();
    system.write_file("/p/d.py", format!("# a comment that moves everything\n\n{DECORATED}"));
    db.file_changed(path);
    let _ = file_diagnostics(&db, db.file(path));
    let ran = names(&db.take_log());
    assert!(!ran.contains(&"scope_pass1".to_string()), "no scope is rebuilt: {ran:?}");
    system.write_file("/p/d.py", format!("# a comment that moves everything\n\n{}", DECORATED.replace("x + 1", "x + 2")));
    db.file_changed(path);
    let file = db.file(path);
    let _ = file_diagnostics(&db, file);
    let ran = names(&db.take_log());
    assert_eq!(ran.iter().filter(|n| *n == "scope_pass1").count(), 1, "only f's scope is rebuilt: {ran:?}");
    let fresh_system = Arc::new(MemorySystem::new());
    fresh_system.write_file("/p/d.py", source_text(&db, file).text.to_string());
    let fresh = RootDatabase::new(fresh_system);
    let fresh_file = fresh.file(path);
    assert_eq!(symbol_table(&db, file), symbol_table(&fresh, fresh_file));
    assert_eq!(
        pyx_semantics::queries::semantic_index(&db, file),
        pyx_semantics::queries::semantic_index(&fresh, fresh_file)
    );
}

/// A one-shot database (`pyx check`) builds each file's symbol tables in
/// one pass, without lowering module-level scopes a second time or keeping
/// the lossless tree, and gets
/// the same tables and occurrences as the incremental one.
#[test]
fn a_one_shot_database_builds_no_scope_on_its_own() {
    let system = Arc::new(MemorySystem::new());
    let text = "import os\n\nclass C:\n    def m(self):\n        return os\n\ndef f(x):\n    y = 1\n    return lambda: x\n";
    system.write_file("/p/a.py", text);
    let one_shot = RootDatabase::new_one_shot(system.clone());
    let incremental = RootDatabase::new(system.clone());
    assert!(!one_shot.per_scope_firewall() && incremental.per_scope_firewall());
    one_shot.start_logging();
    incremental.start_logging();
    let path = Path::new("/p/a.py");
    let a = pyx_semantics::queries::semantic_index(&one_shot, one_shot.file(path));
    let b = pyx_semantics::queries::semantic_index(&incremental, incremental.file(path));
    let (a, b) = (a.as_ref().expect("tables"), b.as_ref().expect("tables"));
    assert_eq!(a.table, b.table);
    assert_eq!(a.occurrences, b.occurrences);
    assert_eq!(
        file_diagnostics(&one_shot, one_shot.file(path)),
        file_diagnostics(&incremental, incremental.file(path))
    );
    let one_shot_log = names(&one_shot.take_log());
    let incremental_log = names(&incremental.take_log());
    // Nor is the lossless tree kept: it is needed only to lower it.
    for query in ["top_level_scopes", "scope_pass1", "parse"] {
        assert!(!one_shot_log.iter().any(|q| q == query), "{query} ran: {one_shot_log:?}");
        assert!(incremental_log.iter().any(|q| q == query), "{query} did not run: {incremental_log:?}");
    }
}
