//! The imports a file makes, and the `unresolved-import` rule.
//!
//! [`file_imports`] reads a file's AST once and lists its import
//! statements; resolving them goes through [`crate::resolve`], whose
//! queries depend only on the settings and the file-system revision. So an
//! edit to one file re-runs that file's `file_imports` and nothing of any
//! other file's imports (tests/incremental.rs shows it).

use std::sync::Arc;

use pyx_syntax::ast::{Stmt, StmtKind};
use pyx_syntax::TextRange;

use crate::db::{Db, File};
use crate::diagnostics::{Diagnostic, Rule};
use crate::queries::ast;
use crate::resolve::{resolve_module_by_name, resolve_relative};
use crate::static_cond::{evaluate, stops_here, Target};

/// One imported module as written.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ImportRef {
    /// The leading dots of a `from` import; 0 for absolute imports.
    pub level: u32,
    /// The dotted module as written (`None` for `from . import x`).
    pub module: Option<String>,
    /// For `from m import a, b`: the imported names (a `*` is `"*"`);
    /// empty for `import m`.
    pub names: Vec<String>,
    /// Where to report a problem: the alias for `import m`, the statement
    /// for `from m import ...`.
    pub range: TextRange,
    /// Inside the body of a `try` whose handlers catch `ImportError` (or
    /// a base class of it): the code expects the import may fail.
    pub guarded: bool,
}

/// Every import statement of `file`, in source order, nested ones (in
/// functions, classes, branches) included.
#[salsa::tracked(returns(ref))]
pub fn file_imports(db: &dyn Db, file: File) -> Arc<Vec<ImportRef>> {
    let parsed = ast(db, file);
    let target = target(db);
    let mut out = Vec::new();
    collect(&parsed.module.body, false, &target, &mut out);
    Arc::new(out)
}

/// The platform and version the project is checked for.
pub fn target(db: &dyn Db) -> Target {
    let settings = db.project().settings(db);
    Target {
        platform: settings.python_platform.clone().unwrap_or_else(|| Target::host_platform().to_string()),
        version: crate::resolve::python_version(settings),
    }
}

/// Imports in code that cannot run on the target (under `if sys.platform
/// == "win32":` on Linux, say) are not collected.
fn collect(stmts: &[Stmt], guarded: bool, target: &Target, out: &mut Vec<ImportRef>) {
    for s in stmts {
        if stops_here(s, target) {
            return;
        }
        match &s.kind {
            StmtKind::Import { names } => {
                for alias in names {
                    out.push(ImportRef {
                        level: 0,
                        module: Some(alias.name.to_string()),
                        names: Vec::new(),
                        range: alias.range,
                        guarded,
                    });
                }
            }
            StmtKind::ImportFrom { module, names, level } => out.push(ImportRef {
                level: *level,
                module: module.as_ref().map(|m| m.to_string()),
                names: names.iter().map(|a| a.name.to_string()).collect(),
                range: s.range,
                guarded,
            }),
            StmtKind::Try { body, handlers, orelse, finalbody }
            | StmtKind::TryStar { body, handlers, orelse, finalbody } => {
                let catches = handlers.iter().any(|h| match &h.type_ {
                    None => true,
                    Some(t) => crate::lint::mentions_any(
                        t,
                        &["ImportError", "ModuleNotFoundError", "Exception", "BaseException"],
                    ),
                });
                collect(body, guarded || catches, target, out);
                for h in handlers {
                    collect(&h.body, guarded, target, out);
                }
                collect(orelse, guarded, target, out);
                collect(finalbody, guarded, target, out);
            }
            StmtKind::If { test, body, orelse } => match evaluate(test, target) {
                Some(true) => collect(body, guarded, target, out),
                Some(false) => collect(orelse, guarded, target, out),
                None => {
                    collect(body, guarded, target, out);
                    collect(orelse, guarded, target, out);
                }
            },
            _ => {
                for body in crate::lint::child_bodies(s) {
                    collect(body, guarded, target, out);
                }
            }
        }
    }
}

/// Can unresolved imports be reported at all? Only when the project knows
/// a standard library (typeshed or sources): without one every `import os`
/// would be a false positive.
pub fn resolution_configured(db: &dyn Db) -> bool {
    let settings = db.project().settings(db);
    settings.stdlib.is_some() || settings.typeshed_stdlib.is_some()
}

/// `unresolved-import` diagnostics for `file`: relative imports that have
/// no meaning (with CPython's `ImportError` message), and modules that no
/// search path provides. Imports guarded by `except ImportError` are left
/// alone. For `import a.b.c` the first missing prefix is named; for `from
/// m import x`, only `m` must resolve (`x` may be an attribute).
pub fn unresolved_imports(db: &dyn Db, file: File) -> Vec<Diagnostic> {
    if !resolution_configured(db) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for import in file_imports(db, file).iter() {
        if import.guarded {
            continue;
        }
        let absolute = match resolve_relative(db, file, import.level, import.module.as_deref()) {
            Ok(name) => name,
            Err(e) => {
                out.push(e.to_diagnostic(import.range));
                continue;
            }
        };
        let mut prefix = String::new();
        for part in absolute.split('.') {
            if !prefix.is_empty() {
                prefix.push('.');
            }
            prefix.push_str(part);
            // Below a plain module nothing resolves (CPython: "'a' is not
            // a package"), so the loop stops at the first missing prefix.
            if resolve_module_by_name(db, &prefix).is_none() {
                let written = match (import.level, &import.module) {
                    (0, _) => absolute.clone(),
                    (level, m) => format!("{}{}", ".".repeat(level as usize), m.as_deref().unwrap_or("")),
                };
                let message = if prefix == absolute {
                    format!("Cannot resolve module '{written}'")
                } else {
                    format!("Cannot resolve module '{written}': no module named '{prefix}'")
                };
                out.push(Diagnostic::new(Rule::UnresolvedImport, import.range, message));
                break;
            }
        }
    }
    out
}
