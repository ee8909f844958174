//! The tracked queries over files: text, parse, AST, symbol tables.

use std::sync::Arc;


use pyx_syntax::TextRange;

use crate::db::{Db, File};
use crate::diagnostics::{Diagnostic, Rule};
use crate::symtable::{Occurrence, SymbolTable, SymtableError};

/// A file's decoded text, and why it could not be read or decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceText {
    pub text: Arc<str>,
    /// The file could not be read (it is treated as empty).
    pub read_error: Option<String>,
    /// The bytes could not be decoded (PEP 263); CPython's message.
    pub decode_error: Option<pyx_syntax::source::DecodeError>,
}

#[salsa::tracked(returns(ref))]
pub fn source_text(db: &dyn Db, file: File) -> SourceText {
    if let Some(text) = file.overlay(db) {
        return SourceText {
            text: text.clone(),
            read_error: None,
            decode_error: None,
        };
    }
    // Depend on the revision: bumped when the file changes on disk.
    let _ = file.revision(db);
    match db.system().read(file.path(db)) {
        Ok(bytes) => {
            let decoded = pyx_syntax::source::decode(&bytes);
            SourceText {
                text: Arc::from(decoded.text.as_ref()),
                read_error: None,
                decode_error: decoded.error,
            }
        }
        Err(e) => SourceText {
            text: Arc::from(""),
            read_error: Some(e.to_string()),
            decode_error: None,
        },
    }
}

/// The file's lossless syntax tree and parser errors. Re-runs on every edit.
#[salsa::tracked(returns(ref))]
pub fn parse(db: &dyn Db, file: File) -> Arc<pyx_syntax::Parse> {
    let text = source_text(db, file);
    Arc::new(pyx_syntax::parse(&text.text))
}

/// The CPython-shaped AST of a file and every syntax error (parser and
/// lowering). A firewall: an edit that leaves the AST as it was (a comment
/// changed) is backdated here, and nothing downstream re-runs.
#[derive(Debug, PartialEq)]
pub struct FileAst {
    pub module: pyx_syntax::ast::Module,
    pub errors: Vec<pyx_syntax::SyntaxError>,
}

#[salsa::tracked(returns(ref))]
pub fn ast(db: &dyn Db, file: File) -> Arc<FileAst> {
    let tree = parse(db, file);
    let text = source_text(db, file);
    let lowered = pyx_syntax::ast::lower::lower(&tree.syntax_node(), &text.text, false);
    let mut errors = tree.errors().to_vec();
    if !lowered.errors.is_empty() {
        errors.extend(lowered.errors);
        errors.sort_by_key(|e| e.range.start());
    }
    Arc::new(FileAst {
        module: lowered.module,
        errors,
    })
}

/// A file's symbol tables and every mention of a name in it.
#[derive(Debug, PartialEq, Eq)]
pub struct SemanticIndex {
    pub table: SymbolTable,
    pub occurrences: Vec<Occurrence>,
}

/// The file's symbol tables and name occurrences, or the symbol-table
/// pass's error. Files with syntax errors get tables for what could be
/// parsed.
#[salsa::tracked(returns(ref))]
pub fn semantic_index(db: &dyn Db, file: File) -> Result<Arc<SemanticIndex>, SymtableError> {
    let parsed = ast(db, file);
    crate::symtable::build_with_occurrences(&parsed.module)
        .map(|(table, occurrences)| Arc::new(SemanticIndex { table, occurrences }))
}

/// The file's symbol tables (as CPython's compiler builds them).
#[salsa::tracked(returns(ref))]
pub fn symbol_table(db: &dyn Db, file: File) -> Result<Arc<SymbolTable>, SymtableError> {
    semantic_index(db, file).as_ref().map(|i| Arc::new(i.table.clone())).map_err(|e| e.clone())
}

/// Every diagnostic of a file: syntax errors (parser, symbol table,
/// compiler), then the lint rules. Suppression comments and configured
/// severities are applied by the caller.
#[salsa::tracked(returns(ref))]
pub fn file_diagnostics(db: &dyn Db, file: File) -> Arc<Vec<Diagnostic>> {
    let text = source_text(db, file);
    let mut out = Vec::new();
    if let Some(e) = &text.decode_error {
        out.push(Diagnostic::new(Rule::SyntaxError, TextRange::default(), e.msg.clone()));
        return Arc::new(out);
    }
    let parsed = ast(db, file);
    if !parsed.errors.is_empty() {
        // One error per line: recovery often trips twice over one mistake.
        let index = pyx_syntax::line_index::LineIndex::new(&text.text);
        let mut last_line = 0;
        for e in &parsed.errors {
            let (line, _) = index.line_col(e.range.start());
            if line != last_line {
                out.push(Diagnostic::new(Rule::SyntaxError, e.range, e.msg.clone()));
                last_line = line;
            }
        }
        return Arc::new(out);
    }
    match semantic_index(db, file) {
        Err(e) => out.push(Diagnostic::new(Rule::SyntaxError, e.range, e.msg.clone())),
        Ok(index) => {
            out.extend(crate::lint::compile_checks(&parsed.module));
            let path = file.path(db);
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let facts = crate::lint::FileFacts {
                is_package_init: name == "__init__.py" || name == "__init__.pyi",
                is_stub: name.ends_with(".pyi"),
            };
            out.extend(crate::lint::lint(&parsed.module, &index.table, &index.occurrences, &facts));
            out.extend(crate::imports::unresolved_imports(db, file));
        }
    }
    out.sort_by_key(|d| (d.range.start(), d.rule));
    Arc::new(out)
}
