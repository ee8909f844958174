//! The per-scope symbol tables of the database (every module-level `def`
//! and `class` built on its own, then spliced in) equal the tables built
//! from the whole module at once, on every stdlib file: same scopes,
//! symbols, flags, positions, occurrences and errors.

use std::sync::Arc;

use pyx_semantics::db::Db;
use pyx_semantics::queries::{ast, semantic_index};

#[test]
fn spliced_tables_equal_whole_module_tables() {
    let files = pyx_tests::stdlib_files();
    let db = pyx_semantics::RootDatabase::new(Arc::new(pyx_semantics::system::OsSystem));
    let mut compared = 0usize;
    let mut differ = Vec::new();
    for path in &files {
        let file = db.file(path);
        let whole = pyx_semantics::symtable::build_with_occurrences(&ast(&db, file).module);
        let split = semantic_index(&db, file);
        let same = match (&whole, split) {
            (Ok((table, occurrences)), Ok(index)) => *table == index.table && *occurrences == index.occurrences,
            (Err(a), Err(b)) => a == b,
            _ => false,
        };
        compared += 1;
        if !same {
            differ.push(path.display().to_string());
        }
    }
    println!("per-scope symbol tables: {} of {compared} files equal the whole-module build", compared - differ.len());
    assert!(compared > 1700, "expected the whole stdlib, found {compared} files");
    assert!(differ.is_empty(), "{} files differ:\n{}", differ.len(), differ.join("\n"));
}
