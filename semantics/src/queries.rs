//! The tracked queries over files: text, parse, AST, symbol tables.

use std::sync::Arc;

use pyx_syntax::{ParseOptions, ParsedModule};

use crate::db::{Db, File};
use crate::symtable::{SymbolTable, SymtableError};

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

/// The file parsed and lowered: lossless tree, AST, syntax errors.
#[salsa::tracked(returns(ref))]
pub fn parsed_module(db: &dyn Db, file: File) -> Arc<ParsedModule> {
    let text = source_text(db, file);
    Arc::new(pyx_syntax::parse_module(&text.text, ParseOptions::default()))
}

/// The file's symbol tables, or the symbol-table pass's error. Files with
/// syntax errors get tables for what could be parsed.
#[salsa::tracked(returns(ref))]
pub fn symbol_table(db: &dyn Db, file: File) -> Result<Arc<SymbolTable>, SymtableError> {
    let parsed = parsed_module(db, file);
    crate::symtable::build(&parsed.module).map(Arc::new)
}
