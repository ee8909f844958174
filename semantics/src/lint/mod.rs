//! Lint rules over a file's symbol tables and name occurrences:
//! `undefined-name`, `unused-import`, `unused-variable`,
//! `redefined-while-unused`.
//!
//! Names are resolved exactly as CPython's compiler resolves them (the
//! tables are CPython's), so closures, class scopes, `global`/`nonlocal`
//! and comprehensions need no special cases here. What the rules add is
//! knowledge of idioms: `__all__`, star imports, `try: ... except
//! ImportError`, `except NameError` probes, `__init__.py` re-exports,
//! names used only in string annotations.

pub mod builtins;
mod compile_checks;

use rustc_hash::{FxHashMap, FxHashSet};

use pyx_syntax::ast::*;
use pyx_syntax::TextRange;

use crate::diagnostics::{Diagnostic, Rule};
use crate::symtable::flags::*;
use crate::symtable::{BlockKind, OccKind, Occurrence, ScopeId, SymbolScope, SymbolTable};

pub use compile_checks::compile_checks;

/// Facts about the file the rules need besides the tables.
#[derive(Clone, Debug, Default)]
pub struct FileFacts {
    /// The file is a package's `__init__.py(i)`: its imports are exports.
    pub is_package_init: bool,
    /// A stub file (`.pyi`).
    pub is_stub: bool,
}

/// Names defined in every module namespace.
const MODULE_DUNDERS: &[&str] = &[
    "__annotations__",
    "__builtins__",
    "__cached__",
    "__dict__",
    "__doc__",
    "__file__",
    "__loader__",
    "__name__",
    "__package__",
    "__path__",
    "__spec__",
];

/// Idioms found by walking the module.
#[derive(Default)]
struct Idioms {
    all_names: FxHashSet<String>,
    star_import: bool,
    /// Bodies of `try` statements that catch `NameError` (probing whether a
    /// name exists).
    name_error_bodies: Vec<TextRange>,
    /// Bodies of `try` statements that catch `ImportError` (optional
    /// imports).
    import_error_bodies: Vec<TextRange>,
    /// Bodies of `if TYPE_CHECKING:` blocks.
    type_checking_bodies: Vec<TextRange>,
    /// Function scopes (by range) that call `locals()`, `vars()` or `eval`.
    dynamic_scopes: Vec<TextRange>,
    /// Ranges of functions decorated with anything (their redefinition is
    /// idiomatic: overloads, property setters, dispatch registrations).
    decorated_defs: FxHashSet<(u32, u32)>,
    /// `from __future__ import x` aliases.
    future_imports: Vec<TextRange>,
    /// Module-level code writes the module namespace dynamically
    /// (`globals()[...] = `, `globals().update(...)`, `exec`, enum
    /// `_convert_`): names it reads may be defined that way.
    dynamic_module: bool,
}

pub fn lint(module: &Module, table: &SymbolTable, occurrences: &[Occurrence], facts: &FileFacts) -> Vec<Diagnostic> {
    let mut idioms = Idioms::default();
    collect_idioms(&module.body, &mut idioms, true, None);
    let parents = parents(table);
    let mut diags = Vec::new();

    // Which scope binds each use (None: builtin or undefined).
    let module_defined: FxHashSet<&str> = module_bindings(table, occurrences);
    // Positions of uses per (binding scope, name), for "redefined while
    // unused"; a name is used when it has an entry (names in `__all__`
    // have one without positions).
    let mut use_positions: FxHashMap<(ScopeId, &str), Vec<u32>> =
        FxHashMap::with_capacity_and_hasher(occurrences.len() / 4, Default::default());

    for occ in occurrences {
        let is_use = matches!(occ.kind, OccKind::Use | OccKind::StringAnnotationUse | OccKind::Del | OccKind::AugAssign);
        if !is_use {
            continue;
        }
        let binder = resolve(table, &parents, occ.scope, &occ.name, &module_defined);
        match binder {
            Some(b) => {
                use_positions.entry((b, occ.name.as_str())).or_default().push(occ.range.start().into());
            }
            None => {
                if occ.kind != OccKind::Use || is_builtin_name(table, occ.scope, &occ.name) {
                    continue;
                }
                if idioms.star_import || idioms.dynamic_module || in_any(&idioms.name_error_bodies, occ.range) {
                    continue;
                }
                diags.push(Diagnostic::new(
                    Rule::UndefinedName,
                    occ.range,
                    format!("undefined name `{}`", occ.name),
                ));
            }
        }
    }
    // Names exported through `__all__` are used.
    for n in &idioms.all_names {
        use_positions.entry((ScopeId(0), n.as_str())).or_default();
    }
    let used = &use_positions;

    // unused-import
    for occ in occurrences {
        if !matches!(occ.kind, OccKind::Import | OccKind::ImportAs) {
            continue;
        }
        let scope = table.scope(occ.scope);
        // `global x; import x` inside a function binds the module's `x`.
        let binder = match scope.symbols.get(occ.name.as_str()) {
            Some(sym) if sym.scope == SymbolScope::GlobalExplicit => ScopeId(0),
            _ => occ.scope,
        };
        if scope.kind == BlockKind::Class || used.contains_key(&(binder, occ.name.as_str())) {
            continue;
        }
        if binder == ScopeId(0) && has_other_binding(occurrences, occ) {
            // Defined differently on another branch (`if X: from a import f
            // else: def f(): ...`): the import is one of the definitions.
            continue;
        }
        if is_submodule_import(module, occ.range) && imports_same_package(module, occurrences, occ) {
            // `import a.b` next to `import a as x`: loads the submodule.
            continue;
        }
        if occ.scope == ScopeId(0) && (facts.is_package_init || facts.is_stub) {
            continue;
        }
        if in_any(&idioms.import_error_bodies, occ.range) || in_any(&idioms.future_imports, occ.range) {
            continue;
        }
        // `import a as a` / `from m import a as a`: an explicit re-export.
        if occ.kind == OccKind::ImportAs && is_redundant_alias(module, occ.range) {
            continue;
        }
        if occ.scope != ScopeId(0) && in_any(&idioms.dynamic_scopes, scope.range) {
            continue;
        }
        diags.push(Diagnostic::new(
            Rule::UnusedImport,
            occ.range,
            format!("`{}` imported but unused", import_display(module, occ.range).unwrap_or_else(|| occ.name.to_string())),
        ));
    }

    // Unused `except E as name:` outside functions (CPython deletes the
    // name when the handler ends, so nothing later can read it).
    for occ in occurrences {
        if occ.kind != OccKind::ExceptAs || table.scope(occ.scope).kind == BlockKind::Function {
            continue;
        }
        if is_dummy(&occ.name) || used.contains_key(&(occ.scope, occ.name.as_str())) {
            continue;
        }
        diags.push(Diagnostic::new(
            Rule::UnusedVariable,
            occ.range,
            format!("local variable `{}` is assigned to but never used", occ.name),
        ));
    }

    // unused-variable: locals of functions assigned but never read.
    for occ in occurrences {
        if !matches!(
            occ.kind,
            OccKind::Assign | OccKind::ExceptAs | OccKind::NamedExpr | OccKind::With
        ) {
            continue;
        }
        let scope = table.scope(occ.scope);
        if scope.kind != BlockKind::Function || scope.comprehension.is_some() || scope.name == "lambda" {
            continue;
        }
        let Some(sym) = scope.symbols.get(occ.name.as_str()) else { continue };
        if sym.scope != SymbolScope::Local || sym.has(USE) {
            continue;
        }
        if is_dummy(&occ.name) || in_any(&idioms.dynamic_scopes, scope.range) {
            continue;
        }
        if used.contains_key(&(occ.scope, occ.name.as_str())) {
            continue;
        }
        diags.push(Diagnostic::new(
            Rule::UnusedVariable,
            occ.range,
            format!("local variable `{}` is assigned to but never used", occ.name),
        ));
    }

    // redefined-while-unused: an import, def or class rebound in the same
    // statement list before anything read it.
    let mut last_def: FxHashMap<(ScopeId, &str), &Occurrence> = FxHashMap::default();
    for occ in occurrences {
        let key = (occ.scope, occ.name.as_str());
        match occ.kind {
            OccKind::Import | OccKind::ImportAs | OccKind::Def | OccKind::Class => {
                let decorated = occ.kind == OccKind::Def
                    && idioms.decorated_defs.contains(&(occ.range.start().into(), occ.range.end().into()));
                if let Some(prev) = last_def.get(&key) {
                    let prev_decorated = prev.kind == OccKind::Def
                        && idioms.decorated_defs.contains(&(prev.range.start().into(), prev.range.end().into()));
                    let between = |p: &u32| *p >= u32::from(prev.range.start()) && *p < u32::from(occ.range.start());
                    let read_between = use_positions.get(&key).is_some_and(|v| v.iter().any(between));
                    let submodule = is_submodule_import(module, prev.range) || is_submodule_import(module, occ.range);
                    if prev.block == occ.block
                        && !submodule
                        && !read_between
                        && !decorated
                        && !prev_decorated
                        && !in_any(&idioms.import_error_bodies, occ.range)
                        && !in_any(&idioms.type_checking_bodies, prev.range)
                    {
                        let what = match prev.kind {
                            OccKind::Def => "function",
                            OccKind::Class => "class",
                            _ => "import",
                        };
                        let line = line_of(module, prev.range);
                        diags.push(
                            Diagnostic::new(
                                Rule::RedefinedWhileUnused,
                                occ.range,
                                format!("redefinition of unused `{}` from line {line}", occ.name),
                            )
                            .with_related(prev.range, format!("previous {what} definition here")),
                        );
                    }
                }
                last_def.insert(key, occ);
            }
            OccKind::Assign | OccKind::Unpack | OccKind::AugAssign | OccKind::For | OccKind::With | OccKind::Del => {
                last_def.remove(&key);
            }
            _ => {}
        }
    }

    diags.sort_by_key(|d| (d.range.start(), d.rule));
    diags
}

fn is_dummy(name: &str) -> bool {
    name.starts_with('_')
}

fn in_any(ranges: &[TextRange], r: TextRange) -> bool {
    ranges.iter().any(|b| b.contains_range(r))
}

fn line_of(module: &Module, r: TextRange) -> u32 {
    // Find a statement or alias with this range to report its line.
    fn find(stmts: &[Stmt], r: TextRange) -> Option<u32> {
        for s in stmts {
            if s.range == r {
                return Some(s.pos.lineno);
            }
            if !s.range.contains_range(r) {
                continue;
            }
            match &s.kind {
                StmtKind::Import { names } | StmtKind::ImportFrom { names, .. } => {
                    for a in names {
                        if a.range == r {
                            return Some(a.pos.lineno);
                        }
                    }
                }
                _ => {}
            }
            for body in child_bodies(s) {
                if let Some(l) = find(body, r) {
                    return Some(l);
                }
            }
        }
        None
    }
    find(&module.body, r).unwrap_or(0)
}

/// The statement lists directly inside a statement: a `try`'s body,
/// `else`, `finally`, then its handlers'; a `match`'s cases; … (nothing for
/// a simple statement). An iterator, so that walks visiting every statement
/// allocate nothing.
pub(crate) fn child_bodies(s: &Stmt) -> ChildBodies<'_> {
    let mut out = ChildBodies { fixed: [None; 3], next: 0, handlers: [].iter(), cases: [].iter() };
    match &s.kind {
        StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => out.fixed[0] = Some(&f.body),
        StmtKind::ClassDef { body, .. } | StmtKind::With { body, .. } | StmtKind::AsyncWith { body, .. } => {
            out.fixed[0] = Some(body)
        }
        StmtKind::For { body, orelse, .. }
        | StmtKind::AsyncFor { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::If { body, orelse, .. } => out.fixed = [Some(body), Some(orelse), None],
        StmtKind::Try { body, handlers, orelse, finalbody } | StmtKind::TryStar { body, handlers, orelse, finalbody } => {
            out.fixed = [Some(body), Some(orelse), Some(finalbody)];
            out.handlers = handlers.iter();
        }
        StmtKind::Match { cases, .. } => out.cases = cases.iter(),
        _ => {}
    }
    out
}

/// See [`child_bodies`].
pub(crate) struct ChildBodies<'a> {
    fixed: [Option<&'a Vec<Stmt>>; 3],
    next: usize,
    handlers: std::slice::Iter<'a, ExceptHandler>,
    cases: std::slice::Iter<'a, MatchCase>,
}

impl<'a> Iterator for ChildBodies<'a> {
    type Item = &'a Vec<Stmt>;

    fn next(&mut self) -> Option<&'a Vec<Stmt>> {
        while self.next < self.fixed.len() {
            self.next += 1;
            if let Some(body) = self.fixed[self.next - 1] {
                return Some(body);
            }
        }
        if let Some(h) = self.handlers.next() {
            return Some(&h.body);
        }
        self.cases.next().map(|c| &c.body)
    }
}

/// The import text for messages: `os.path`, `x.y as z`.
fn import_display(module: &Module, r: TextRange) -> Option<String> {
    fn find(stmts: &[Stmt], r: TextRange) -> Option<String> {
        for s in stmts {
            if !s.range.contains_range(r) {
                continue;
            }
            match &s.kind {
                StmtKind::Import { names } => {
                    for a in names {
                        if a.range == r {
                            return Some(a.name.to_string());
                        }
                    }
                }
                StmtKind::ImportFrom { module, names, level } => {
                    for a in names {
                        if a.range == r {
                            let m = format!("{}{}", ".".repeat(*level as usize), module.as_deref().unwrap_or(""));
                            let sep = if m.ends_with('.') || m.is_empty() { "" } else { "." };
                            return Some(format!("{m}{sep}{}", a.name));
                        }
                    }
                }
                _ => {}
            }
            for body in child_bodies(s) {
                if let Some(x) = find(body, r) {
                    return Some(x);
                }
            }
        }
        None
    }
    find(&module.body, r)
}

/// Another binding of the same name in the same scope, in a different
/// statement list.
fn has_other_binding(occurrences: &[Occurrence], occ: &Occurrence) -> bool {
    occurrences.iter().any(|o| {
        o.scope == occ.scope
            && o.name == occ.name
            && o.block != occ.block
            && o.flag & DEF_BOUND != 0
            && !std::ptr::eq(o, occ)
    })
}

/// Is the top-level package of this `import a.b` imported elsewhere in the
/// file too?
fn imports_same_package(module: &Module, occurrences: &[Occurrence], occ: &Occurrence) -> bool {
    let Some(full) = import_display(module, occ.range) else { return false };
    let top = full.split('.').next().unwrap_or("");
    occurrences.iter().any(|o| {
        !std::ptr::eq(o, occ)
            && matches!(o.kind, OccKind::Import | OccKind::ImportAs)
            && import_display(module, o.range).is_some_and(|d| d.split('.').next() == Some(top))
    })
}

/// `import a.b` (binding `a` while importing a submodule).
fn is_submodule_import(module: &Module, r: TextRange) -> bool {
    fn find(stmts: &[Stmt], r: TextRange) -> Option<bool> {
        for s in stmts {
            if !s.range.contains_range(r) {
                continue;
            }
            if let StmtKind::Import { names } = &s.kind {
                for a in names {
                    if a.range == r {
                        return Some(a.asname.is_none() && a.name.contains('.'));
                    }
                }
            }
            for body in child_bodies(s) {
                if let Some(x) = find(body, r) {
                    return Some(x);
                }
            }
        }
        None
    }
    find(&module.body, r).unwrap_or(false)
}

fn is_redundant_alias(module: &Module, r: TextRange) -> bool {
    fn find(stmts: &[Stmt], r: TextRange) -> Option<bool> {
        for s in stmts {
            if !s.range.contains_range(r) {
                continue;
            }
            match &s.kind {
                StmtKind::Import { names } | StmtKind::ImportFrom { names, .. } => {
                    for a in names {
                        if a.range == r {
                            return Some(a.asname.as_deref() == Some(a.name.as_str()));
                        }
                    }
                }
                _ => {}
            }
            for body in child_bodies(s) {
                if let Some(x) = find(body, r) {
                    return Some(x);
                }
            }
        }
        None
    }
    find(&module.body, r).unwrap_or(false)
}

fn parents(table: &SymbolTable) -> Vec<Option<ScopeId>> {
    let mut p = vec![None; table.scopes.len()];
    for (i, s) in table.scopes.iter().enumerate() {
        for c in &s.children {
            p[c.0 as usize] = Some(ScopeId(i as u32));
        }
    }
    p
}

/// Names bound at module level: by module statements, or by functions
/// that declare them `global`.
fn module_bindings<'a>(table: &'a SymbolTable, occurrences: &'a [Occurrence]) -> FxHashSet<&'a str> {
    let mut out: FxHashSet<&str> = FxHashSet::default();
    for (name, sym) in &table.scope(ScopeId(0)).symbols {
        if sym.has(DEF_BOUND) {
            out.insert(name.as_str());
        }
    }
    for occ in occurrences {
        if occ.flag & DEF_BOUND != 0 {
            let sym = table.scope(occ.scope).symbols.get(occ.name.as_str());
            if sym.is_some_and(|s| s.scope == SymbolScope::GlobalExplicit) {
                out.insert(occ.name.as_str());
            }
        }
    }
    out
}

/// The scope whose binding a use of `name` in `scope` refers to.
fn resolve(
    table: &SymbolTable,
    parents: &[Option<ScopeId>],
    scope: ScopeId,
    name: &str,
    module_defined: &FxHashSet<&str>,
) -> Option<ScopeId> {
    let s = table.scope(scope);
    let sym = s.symbols.get(name).copied();
    let sc = match sym {
        Some(sym) => sym.scope,
        // Only string-annotation uses are missing from the tables: resolve
        // them like a load in this scope would be.
        None => {
            let mut cur = Some(scope);
            while let Some(c) = cur {
                let cs = table.scope(c);
                if (c == scope || cs.kind != BlockKind::Class)
                    && cs.symbols.get(name).is_some_and(|x| x.has(DEF_BOUND))
                {
                    return Some(c);
                }
                cur = parents[c.0 as usize];
            }
            return module_defined.contains(name).then_some(ScopeId(0));
        }
    };
    match sc {
        SymbolScope::Local | SymbolScope::Cell => {
            if sym.is_some_and(|x| x.has(DEF_BOUND)) || scope == ScopeId(0) {
                Some(scope)
            } else {
                None
            }
        }
        SymbolScope::Free => {
            if name == "__class__" {
                return Some(scope);
            }
            let mut cur = parents[scope.0 as usize];
            while let Some(c) = cur {
                let cs = table.scope(c);
                if cs.kind == BlockKind::Function {
                    if let Some(x) = cs.symbols.get(name) {
                        if matches!(x.scope, SymbolScope::Local | SymbolScope::Cell) {
                            return Some(c);
                        }
                    }
                }
                cur = parents[c.0 as usize];
            }
            Some(scope)
        }
        SymbolScope::GlobalExplicit | SymbolScope::GlobalImplicit | SymbolScope::None => {
            if module_defined.contains(name) {
                Some(ScopeId(0))
            } else if s.kind == BlockKind::Class && sym.is_some_and(|x| x.has(DEF_BOUND)) {
                Some(scope)
            } else {
                None
            }
        }
    }
}

/// The builtins and the module dunders, as one set: looked up for every
/// name a module does not define (a hash lookup instead of a binary
/// search through ~150 names and a scan of the dunders).
fn always_defined() -> &'static FxHashSet<&'static str> {
    static SET: std::sync::OnceLock<FxHashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| builtins::BUILTINS.iter().chain(MODULE_DUNDERS).copied().collect())
}

fn is_builtin_name(table: &SymbolTable, scope: ScopeId, name: &str) -> bool {
    if always_defined().contains(name) {
        return true;
    }
    let s = table.scope(scope);
    match s.kind {
        BlockKind::Class => matches!(name, "__module__" | "__qualname__"),
        _ => name == "__class__",
    }
}

/// Walk the module for `__all__`, star imports and try/except idioms.
/// `func` is the innermost function whose body `stmts` belong to (not
/// through a class), and whether it reads its locals dynamically so far.
fn collect_idioms(stmts: &[Stmt], out: &mut Idioms, module_level: bool, mut func: Option<&mut bool>) {
    for s in stmts {
        match &s.kind {
            StmtKind::ImportFrom { module, names, .. } => {
                if names.iter().any(|a| a.name == "*") && module_level {
                    out.star_import = true;
                }
                if module.as_deref() == Some("__future__") {
                    for a in names {
                        out.future_imports.push(a.range);
                    }
                }
            }
            StmtKind::Assign { targets, value, .. } if module_level => {
                if targets.iter().any(|t| matches!(&t.kind, ExprKind::Name { id, .. } if id == "__all__")) {
                    strings_in(value, &mut out.all_names);
                }
            }
            StmtKind::AnnAssign { target, value: Some(value), .. } if module_level => {
                if matches!(&target.kind, ExprKind::Name { id, .. } if id == "__all__") {
                    strings_in(value, &mut out.all_names);
                }
            }
            StmtKind::AugAssign { target, value, .. } if module_level => {
                if matches!(&target.kind, ExprKind::Name { id, .. } if id == "__all__") {
                    strings_in(value, &mut out.all_names);
                }
            }
            StmtKind::Expr { value } if module_level => {
                // __all__.extend([...]) / __all__.append("x")
                if let ExprKind::Call { func, args, .. } = &value.kind {
                    if let ExprKind::Attribute { value: obj, attr, .. } = &func.kind {
                        if matches!(&obj.kind, ExprKind::Name { id, .. } if id == "__all__")
                            && matches!(attr.as_str(), "extend" | "append")
                        {
                            for a in args {
                                strings_in(a, &mut out.all_names);
                            }
                        }
                    }
                }
            }
            StmtKind::Try { body, handlers, .. } | StmtKind::TryStar { body, handlers, .. } => {
                let catches = |names: &[&str]| {
                    handlers.iter().any(|h| match &h.type_ {
                        None => true,
                        Some(t) => mentions_any(t, names),
                    })
                };
                if let (Some(first), Some(last)) = (body.first(), body.last()) {
                    let r = TextRange::new(first.range.start(), last.range.end());
                    if catches(&["NameError", "Exception", "BaseException"]) {
                        out.name_error_bodies.push(r);
                    }
                    if catches(&["ImportError", "ModuleNotFoundError", "Exception", "BaseException"]) {
                        out.import_error_bodies.push(r);
                    }
                }
            }
            StmtKind::If { test, body, .. } => {
                if mentions_any(test, &["TYPE_CHECKING"]) {
                    if let (Some(first), Some(last)) = (body.first(), body.last()) {
                        out.type_checking_bodies.push(TextRange::new(first.range.start(), last.range.end()));
                    }
                }
            }
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
                if !f.decorator_list.is_empty() {
                    out.decorated_defs.insert((s.range.start().into(), s.range.end().into()));
                }
            }
            _ => {}
        }
        // Functions anywhere in the module may write its namespace too; a
        // function reads its locals dynamically if any statement of its own
        // does. One walk of the statement's own expressions answers both
        // (every statement is visited here).
        let want_scope = func.as_deref() == Some(&false);
        if !out.dynamic_module || want_scope {
            let (namespace, scope) = dynamic_calls(s, !out.dynamic_module, want_scope);
            out.dynamic_module |= namespace;
            if scope {
                if let Some(flag) = func.as_deref_mut() {
                    *flag = true;
                }
            }
        }
        let nested_module_level = module_level
            && matches!(
                s.kind,
                StmtKind::If { .. } | StmtKind::Try { .. } | StmtKind::TryStar { .. } | StmtKind::With { .. } | StmtKind::For { .. } | StmtKind::While { .. }
            );
        match &s.kind {
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
                let mut dynamic = false;
                collect_idioms(&f.body, out, false, Some(&mut dynamic));
                if dynamic {
                    out.dynamic_scopes.push(s.range);
                }
            }
            StmtKind::ClassDef { body, .. } => collect_idioms(body, out, false, None),
            _ => {
                for body in child_bodies(s) {
                    collect_idioms(body, out, nested_module_level, func.as_deref_mut());
                }
            }
        }
    }
}

/// What a statement's own expressions (not those of the statements in its
/// bodies) call: (does it write the module's namespace — `globals()`,
/// `vars()`, `exec`, an enum's `_convert_`, `@global_enum` —, does it read
/// the enclosing function's locals by name — `locals()`, `vars()`,
/// `eval`, `exec`). Only what is asked for is looked for.
fn dynamic_calls(s: &Stmt, namespace: bool, scope: bool) -> (bool, bool) {
    let mut found = (false, false);
    // `@enum.global_enum` puts the members in the module namespace.
    if namespace {
        if let StmtKind::ClassDef { decorator_list, .. } = &s.kind {
            found.0 = decorator_list.iter().any(|d| mentions_any(d, &["global_enum"]));
        }
    }
    fn scan(e: &Expr, namespace: bool, scope: bool, found: &mut (bool, bool)) {
        if let ExprKind::Call { func, args, .. } = &e.kind {
            match &func.kind {
                ExprKind::Name { id, .. } => {
                    let id = id.as_str();
                    if matches!(id, "globals" | "exec") || (id == "vars" && args.is_empty()) {
                        found.0 = true;
                    }
                    if matches!(id, "locals" | "vars" | "eval" | "exec") {
                        found.1 = true;
                    }
                }
                ExprKind::Attribute { attr, .. } if attr == "_convert_" => found.0 = true,
                _ => {}
            }
        }
        if (found.0 || !namespace) && (found.1 || !scope) {
            return;
        }
        pyx_syntax_walk::walk_expr_children(e, &mut |c| scan(c, namespace, scope, found));
    }
    if !((found.0 || !namespace) && (found.1 || !scope)) {
        pyx_syntax_walk::walk_own_exprs(s, &mut |e| scan(e, namespace, scope, &mut found));
    }
    (found.0 && namespace, found.1 && scope)
}

fn strings_in(e: &Expr, out: &mut FxHashSet<String>) {
    match &e.kind {
        ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } | ExprKind::Set { elts } => {
            for x in elts {
                strings_in(x, out);
            }
        }
        ExprKind::Constant { value: Constant::Str(s), .. } => {
            if let Some(t) = s.as_str() {
                out.insert(t.to_string());
            }
        }
        ExprKind::BinOp { left, right, .. } => {
            strings_in(left, out);
            strings_in(right, out);
        }
        _ => {}
    }
}

pub(crate) fn mentions_any(e: &Expr, names: &[&str]) -> bool {
    match &e.kind {
        ExprKind::Name { id, .. } => names.contains(&id.as_str()),
        ExprKind::Attribute { attr, .. } => names.contains(&attr.as_str()),
        ExprKind::Tuple { elts, .. } => elts.iter().any(|x| mentions_any(x, names)),
        ExprKind::BoolOp { values, .. } => values.iter().any(|x| mentions_any(x, names)),
        ExprKind::UnaryOp { operand, .. } => mentions_any(operand, names),
        _ => false,
    }
}

/// Small AST walking helpers.
mod pyx_syntax_walk {
    use pyx_syntax::ast::*;

    pub fn walk_expr_children(e: &Expr, f: &mut dyn FnMut(&Expr)) {
        match &e.kind {
            ExprKind::BoolOp { values, .. } => values.iter().for_each(|x| f(x)),
            ExprKind::NamedExpr { target, value } => {
                f(target);
                f(value);
            }
            ExprKind::BinOp { left, right, .. } => {
                f(left);
                f(right);
            }
            ExprKind::UnaryOp { operand, .. } => f(operand),
            ExprKind::Lambda { body, .. } => f(body),
            ExprKind::IfExp { test, body, orelse } => {
                f(test);
                f(body);
                f(orelse);
            }
            ExprKind::Dict { keys, values } => {
                keys.iter().flatten().for_each(|x| f(x));
                values.iter().for_each(|x| f(x));
            }
            ExprKind::Set { elts } | ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => elts.iter().for_each(|x| f(x)),
            ExprKind::ListComp { elt, generators } | ExprKind::SetComp { elt, generators } | ExprKind::GeneratorExp { elt, generators } => {
                f(elt);
                for g in generators {
                    f(&g.target);
                    f(&g.iter);
                    g.ifs.iter().for_each(|x| f(x));
                }
            }
            ExprKind::DictComp { key, value, generators } => {
                f(key);
                f(value);
                for g in generators {
                    f(&g.target);
                    f(&g.iter);
                    g.ifs.iter().for_each(|x| f(x));
                }
            }
            ExprKind::Await { value } | ExprKind::YieldFrom { value } => f(value),
            ExprKind::Yield { value } => {
                if let Some(v) = value {
                    f(v)
                }
            }
            ExprKind::Compare { left, comparators, .. } => {
                f(left);
                comparators.iter().for_each(|x| f(x));
            }
            ExprKind::Call { func, args, keywords } => {
                f(func);
                args.iter().for_each(|x| f(x));
                keywords.iter().for_each(|k| f(&k.value));
            }
            ExprKind::FormattedValue { value, format_spec, .. } => {
                f(value);
                if let Some(s) = format_spec {
                    f(s);
                }
            }
            ExprKind::JoinedStr { values } => values.iter().for_each(|x| f(x)),
            ExprKind::Attribute { value, .. } | ExprKind::Starred { value, .. } => f(value),
            ExprKind::Subscript { value, slice, .. } => {
                f(value);
                f(slice);
            }
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    f(x);
                }
            }
            ExprKind::Constant { .. } | ExprKind::Name { .. } => {}
        }
    }

    /// Every expression directly in a statement, and the statements nested
    /// in it (not descending into nested functions or classes).
    pub fn walk_stmt_exprs(s: &Stmt, f: &mut dyn FnMut(&Expr)) {
        walk_own_exprs(s, f);
        let mut nested = |body: &[Stmt]| body.iter().for_each(|s| walk_stmt_exprs(s, f));
        match &s.kind {
            StmtKind::For { body, orelse, .. }
            | StmtKind::AsyncFor { body, orelse, .. }
            | StmtKind::While { body, orelse, .. }
            | StmtKind::If { body, orelse, .. } => {
                nested(body);
                nested(orelse);
            }
            StmtKind::With { body, .. } | StmtKind::AsyncWith { body, .. } => nested(body),
            StmtKind::Match { cases, .. } => cases.iter().for_each(|c| nested(&c.body)),
            StmtKind::Try { body, handlers, orelse, finalbody } | StmtKind::TryStar { body, handlers, orelse, finalbody } => {
                handlers.iter().for_each(|h| nested(&h.body));
                nested(body);
                nested(orelse);
                nested(finalbody);
            }
            _ => {}
        }
    }

    /// The expressions of a statement itself — a compound statement's
    /// header (an `if`'s test, a `for`'s target and iterable, a handler's
    /// exception type…), not the statements in its bodies — for walks
    /// that visit every statement anyway.
    pub fn walk_own_exprs(s: &Stmt, f: &mut dyn FnMut(&Expr)) {
        match &s.kind {
            StmtKind::FunctionDef(_) | StmtKind::AsyncFunctionDef(_) | StmtKind::ClassDef { .. } => {}
            StmtKind::Return { value } => {
                if let Some(v) = value {
                    f(v)
                }
            }
            StmtKind::Delete { targets } => targets.iter().for_each(|x| f(x)),
            StmtKind::Assign { targets, value, .. } => {
                targets.iter().for_each(|x| f(x));
                f(value);
            }
            StmtKind::AugAssign { target, value, .. } => {
                f(target);
                f(value);
            }
            StmtKind::AnnAssign { target, annotation, value, .. } => {
                f(target);
                f(annotation);
                if let Some(v) = value {
                    f(v)
                }
            }
            StmtKind::For { target, iter, .. } | StmtKind::AsyncFor { target, iter, .. } => {
                f(target);
                f(iter);
            }
            StmtKind::While { test, .. } | StmtKind::If { test, .. } => f(test),
            StmtKind::With { items, .. } | StmtKind::AsyncWith { items, .. } => {
                for i in items {
                    f(&i.context_expr);
                    if let Some(v) = &i.optional_vars {
                        f(v);
                    }
                }
            }
            StmtKind::Match { subject, cases } => {
                f(subject);
                for c in cases {
                    if let Some(g) = &c.guard {
                        f(g);
                    }
                }
            }
            StmtKind::Raise { exc, cause } => {
                for x in [exc, cause].into_iter().flatten() {
                    f(x);
                }
            }
            StmtKind::Try { handlers, .. } | StmtKind::TryStar { handlers, .. } => {
                for h in handlers {
                    if let Some(t) = &h.type_ {
                        f(t);
                    }
                }
            }
            StmtKind::Assert { test, msg } => {
                f(test);
                if let Some(m) = msg {
                    f(m);
                }
            }
            StmtKind::Expr { value } => f(value),
            StmtKind::Import { .. }
            | StmtKind::ImportFrom { .. }
            | StmtKind::Global { .. }
            | StmtKind::Nonlocal { .. }
            | StmtKind::Pass
            | StmtKind::Break
            | StmtKind::Continue => {}
        }
    }
}
