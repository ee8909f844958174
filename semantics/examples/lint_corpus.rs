//! Developer tool: run the rules over files named on stdin, print findings.
use std::io::BufRead;
use std::sync::Arc;

use pyx_semantics::db::Db;

fn main() {
    let db = pyx_semantics::RootDatabase::new(Arc::new(pyx_semantics::system::OsSystem));
    let mut counts = std::collections::BTreeMap::new();
    for line in std::io::stdin().lock().lines() {
        let path = std::path::PathBuf::from(line.expect("line"));
        let file = db.file(&path);
        let diags = pyx_semantics::queries::file_diagnostics(&db, file);
        let text = pyx_semantics::queries::source_text(&db, file);
        let index = pyx_syntax::line_index::LineIndex::new(&text.text);
        for d in diags.iter() {
            let (l, c) = index.line_col(d.range.start());
            println!("{}:{}:{}: {}[{}] {}", path.display(), l, c + 1, d.severity.as_str(), d.rule.code(), d.message);
            *counts.entry(d.rule.code()).or_insert(0) += 1;
        }
    }
    eprintln!("{counts:?}");
}
