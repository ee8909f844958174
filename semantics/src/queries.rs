//! The tracked queries over files: text, parse, AST, symbol tables.

use std::sync::Arc;


use pyx_syntax::ast::StmtKind;
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
    let text = source_text(db, file);
    // A one-shot database needs no lossless tree: the AST is lowered
    // without building one (the same AST and errors).
    if !db.per_scope_firewall() {
        let parsed = pyx_syntax::parse_ast(&text.text, pyx_syntax::ParseOptions::default());
        return Arc::new(FileAst {
            module: parsed.module,
            errors: parsed.errors,
        });
    }
    let tree = parse(db, file);
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
///
/// Per-scope firewall: every module-level `def` and `class` is lowered on
/// its own with positions relative to its start ([`top_level_scopes`]), its
/// pass 1 runs on that ([`scope_pass1`]), and the results are spliced in
/// here. An edit inside one function re-runs that function's `scope_pass1`
/// and this splice, not the other scopes' pass 1; code that only moves
/// (lines added above it) is not rebuilt; an edit that leaves every scope's
/// relative AST and the module's AST equal (a comment rewritten in place)
/// re-runs nothing here at all. A database without the firewall
/// ([`Db::per_scope_firewall`]) builds the whole module at once: the same
/// tables (`tests/tests/stdlib_scopes.rs`), each scope lowered once.
#[salsa::tracked(returns(ref))]
pub fn semantic_index(db: &dyn Db, file: File) -> Result<Arc<SemanticIndex>, SymtableError> {
    let parsed = ast(db, file);
    if !db.per_scope_firewall() {
        return crate::symtable::build_with_occurrences(&parsed.module)
            .map(|(table, occurrences)| Arc::new(SemanticIndex { table, occurrences }));
    }
    let scopes = top_level_scopes(db, file);
    crate::symtable::build_split(&parsed.module, |i, _| {
        let scope = (*scopes.get(i)?)?;
        Some(crate::symtable::Prebuilt {
            partial: scope_pass1(db, scope).as_ref(),
            lines: scope.lines(db),
            bytes: scope.bytes(db),
        })
    })
    .map(|(table, occurrences)| Arc::new(SemanticIndex { table, occurrences }))
}

/// A module-level `def` or `class` lowered on its own: a module holding
/// that one statement, with positions relative to where it starts. Its
/// identity is its name (and order among same-named ones), so it survives
/// edits elsewhere; its AST is a tracked field that is compared, so an
/// edit that leaves it equal invalidates nothing that reads it.
#[salsa::tracked(debug)]
pub struct ScopeAst<'db> {
    #[returns(ref)]
    pub name: String,
    #[tracked]
    #[returns(ref)]
    pub module: Arc<pyx_syntax::ast::Module>,
    #[tracked]
    #[returns(copy)]
    pub future_annotations: bool,
    /// Lines before the statement (to add to its line numbers).
    #[tracked]
    #[returns(copy)]
    pub lines: u32,
    /// Its byte offset in the file (to add to its ranges).
    #[tracked]
    #[returns(copy)]
    pub bytes: u32,
}

/// The file's module-level statements, with a [`ScopeAst`] for each `def`
/// and `class` that starts a line (all of them, in practice) and `None`
/// for the others. Each is the statement of the file's AST, moved to
/// positions relative to its start (equal to what lowering its text alone
/// gives: `pyx_syntax::ast::relocate`), so that code which only moved
/// compares equal.
#[salsa::tracked(returns(ref))]
pub fn top_level_scopes(db: &dyn Db, file: File) -> Vec<Option<ScopeAst<'_>>> {
    let parsed = ast(db, file);
    let module = &parsed.module;
    let Ok(future) = crate::symtable::future_annotations(module) else {
        return Vec::new();
    };
    let text = &source_text(db, file).text;
    let index = pyx_syntax::line_index::LineIndex::new(text);
    let mut out = Vec::with_capacity(module.body.len());
    for s in &module.body {
        let (name, decorators) = match &s.kind {
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => (Some(&f.name), &f.decorator_list),
            StmtKind::ClassDef { name, decorator_list, .. } => (Some(name), decorator_list),
            _ => (None, &Vec::new()),
        };
        // The statement starts at its `def` or `class`; its decorators
        // come before, from the start of the first one's line.
        let (_, col) = index.line_col(s.range.start());
        let first = decorators.first().map_or(s.range.start(), |d| d.range.start().min(s.range.start()));
        let (line, _) = index.line_col(first);
        match (name, index.line_start(line)) {
            (Some(name), Some(start)) if col == 0 => {
                let mut moved = s.clone();
                pyx_syntax::ast::relocate::Shift { lines: line - 1, bytes: start }.stmt(&mut moved);
                let alone = pyx_syntax::ast::Module { body: vec![moved], type_ignores: Vec::new() };
                out.push(Some(ScopeAst::new(db, name.to_string(), Arc::new(alone), future, line - 1, start)));
            }
            _ => out.push(None),
        }
    }
    out
}

/// Pass 1 of the symbol table for one module-level `def` or `class`, over
/// its own relative AST; [`semantic_index`] splices it into the file's.
#[salsa::tracked(returns(ref))]
pub fn scope_pass1<'db>(db: &'db dyn Db, scope: ScopeAst<'db>) -> Arc<crate::symtable::Partial> {
    Arc::new(crate::symtable::build_partial(scope.module(db), scope.future_annotations(db)))
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
        out.push(Diagnostic::new(Rule::SyntaxError, decode_error_range(&text.text, e), e.msg.clone()));
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

/// Where a decoding error is shown: the first byte that could not be
/// decoded (a U+FFFD in the text), else the start of the line CPython
/// names, else (a problem with the encoding declaration itself, which
/// CPython gives no line) the start of the file.
fn decode_error_range(text: &str, e: &pyx_syntax::source::DecodeError) -> TextRange {
    let len = text.len();
    if let Some(offset) = e.offset.map(|o| o as usize).filter(|&o| o < len && text.is_char_boundary(o)) {
        let width = text[offset..].chars().next().map_or(0, char::len_utf8);
        return TextRange::at((offset as u32).into(), (width as u32).into());
    }
    if e.line > 1 {
        let start = text.match_indices('\n').nth(e.line as usize - 2).map_or(len, |(i, _)| i + 1);
        return TextRange::empty((start as u32).into());
    }
    TextRange::default()
}
