//! Name resolution for editor features: what a name at a position refers
//! to, where it is bound, and what a module or class offers.
//!
//! Everything here reads the database's symbol tables and name occurrences
//! (CPython's own scoping rules, computed by pyx-semantics) and follows
//! imports through module resolution. No type inference: an attribute is
//! resolved when its object is a module, a class, or an instance whose class
//! is evident (`self`, a parameter annotated with a class, a variable
//! assigned a call of a class).

use std::sync::Arc;

use pyx_semantics::queries::{ast, semantic_index, source_text, SemanticIndex};
use pyx_semantics::resolve::{resolve_import, resolve_module_by_name, ModuleKind};
use pyx_semantics::symtable::{BlockKind, OccKind, Occurrence, ScopeId, SymbolScope, SymbolTable};
use pyx_semantics::{Db, File};
use pyx_syntax::ast::{Expr, ExprKind, Stmt, StmtKind};
use pyx_syntax::{SyntaxKind, SyntaxNode, SyntaxToken, TextRange, TextSize};

/// How deep imports and aliases are followed before giving up (import
/// cycles, `x = y; y = x`).
const MAX_HOPS: usize = 12;

/// A place where a name is bound.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Def {
    pub file: File,
    pub scope: ScopeId,
    /// The name as the symbol table stores it (mangled inside classes).
    pub name: String,
    pub kind: OccKind,
    /// The whole binding construct (a `def` statement, an import alias, a
    /// name target).
    pub range: TextRange,
    /// The name itself.
    pub focus: TextRange,
}

/// What a name or expression refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Def(Def),
    /// A module (its `__init__` file for a package; no file for a
    /// namespace package or a compiled module).
    Module { name: String, file: Option<File> },
    /// A builtin name when no `builtins` stub or source can be found.
    Builtin(String),
}

/// The symbol index of a file, or `None` when its symbol table could not be
/// built.
pub fn index(db: &dyn Db, file: File) -> Option<Arc<SemanticIndex>> {
    semantic_index(db, file).as_ref().ok().cloned()
}

pub fn text(db: &dyn Db, file: File) -> Arc<str> {
    source_text(db, file).text.clone()
}

/// The parent of each scope.
pub fn parents(table: &SymbolTable) -> Vec<Option<ScopeId>> {
    let mut out = vec![None; table.scopes.len()];
    for (i, s) in table.scopes.iter().enumerate() {
        for c in &s.children {
            if let Some(slot) = out.get_mut(c.0 as usize) {
                *slot = Some(ScopeId(i as u32));
            }
        }
    }
    out
}

/// Whether an occurrence binds its name.
pub fn is_binding(kind: OccKind) -> bool {
    matches!(
        kind,
        OccKind::Assign
            | OccKind::Unpack
            | OccKind::Annotated
            | OccKind::AugAssign
            | OccKind::For
            | OccKind::With
            | OccKind::ExceptAs
            | OccKind::Import
            | OccKind::ImportAs
            | OccKind::Def
            | OccKind::Class
            | OccKind::Param
            | OccKind::Pattern
            | OccKind::NamedExpr
            | OccKind::Comprehension
    )
}

/// Whether `name` is a whole identifier at `at` in `text`.
fn word_at(text: &str, at: usize, name: &str) -> bool {
    let is_ident = |c: char| c == '_' || c.is_alphanumeric();
    text.get(at..at + name.len()) == Some(name)
        && !text[..at].chars().next_back().is_some_and(is_ident)
        && !text[at + name.len()..].chars().next().is_some_and(is_ident)
}

/// Where, inside `range`, the identifier `name` is written: the first time
/// (the last time for `import a as name`), after `def`/`class` for those.
/// Mangled names are looked for as written (`__x`, not `_C__x`).
pub fn focus_range(text: &str, occ: &Occurrence, class_name: Option<&str>) -> TextRange {
    let start = usize::from(occ.range.start()).min(text.len());
    let end = usize::from(occ.range.end()).min(text.len()).max(start);
    let Some(slice) = text.get(start..end) else {
        return occ.range;
    };
    let mut written = occ.name.as_str();
    if let Some(class) = class_name {
        let prefix = format!("_{}", class.trim_start_matches('_'));
        if let Some(rest) = written.strip_prefix(prefix.as_str()) {
            if rest.starts_with("__") {
                written = rest;
            }
        }
    }
    let mut from = 0;
    if matches!(occ.kind, OccKind::Def | OccKind::Class) {
        let kw = if occ.kind == OccKind::Def { "def" } else { "class" };
        if let Some(i) = find_word(slice, kw, 0) {
            from = i + kw.len();
        }
    }
    let found = if occ.kind == OccKind::ImportAs {
        rfind_word(slice, written)
    } else {
        find_word(slice, written, from)
    };
    match found {
        Some(i) => TextRange::at(
            TextSize::from((start + i) as u32),
            TextSize::from(written.len() as u32),
        ),
        None => occ.range,
    }
}

fn find_word(text: &str, word: &str, from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(j) = text.get(i..)?.find(word) {
        if word_at(text, i + j, word) {
            return Some(i + j);
        }
        i += j + word.len().max(1);
    }
    None
}

fn rfind_word(text: &str, word: &str) -> Option<usize> {
    let mut end = text.len();
    while let Some(j) = text.get(..end)?.rfind(word) {
        if word_at(text, j, word) {
            return Some(j);
        }
        end = j;
    }
    None
}

/// The class a scope belongs to directly (for mangled names).
fn class_of(table: &SymbolTable, parents: &[Option<ScopeId>], scope: ScopeId) -> Option<String> {
    let mut s = Some(scope);
    while let Some(id) = s {
        let sc = table.scopes.get(id.0 as usize)?;
        if sc.kind == BlockKind::Class {
            return Some(sc.name.clone());
        }
        s = parents.get(id.0 as usize).copied().flatten();
    }
    None
}

pub fn make_def(db: &dyn Db, file: File, index: &SemanticIndex, occ: &Occurrence) -> Def {
    let text = text(db, file);
    // Module-level names (most of what completion lists) need no parents.
    let class = match occ.scope {
        ScopeId(0) => None,
        scope => class_of(&index.table, &parents(&index.table), scope),
    };
    Def {
        file,
        scope: occ.scope,
        name: occ.name.to_string(),
        kind: occ.kind,
        range: occ.range,
        focus: focus_range(&text, occ, class.as_deref()),
    }
}

/// The scope whose binding of `name` a mention in `scope` reads: the scope
/// itself for locals, the nearest enclosing function binding it for free
/// variables, the module for globals (also for names bound nowhere, which
/// may be builtins).
pub fn binding_scope(table: &SymbolTable, parents: &[Option<ScopeId>], scope: ScopeId, name: &str) -> ScopeId {
    let Some(sc) = table.scopes.get(scope.0 as usize) else {
        return ScopeId(0);
    };
    let Some(sym) = sc.symbols.get(name) else {
        return ScopeId(0);
    };
    match sym.scope {
        SymbolScope::Local | SymbolScope::Cell => scope,
        SymbolScope::GlobalExplicit | SymbolScope::GlobalImplicit | SymbolScope::None => ScopeId(0),
        SymbolScope::Free => {
            let mut p = parents.get(scope.0 as usize).copied().flatten();
            while let Some(id) = p {
                let Some(s) = table.scopes.get(id.0 as usize) else { break };
                if s.kind != BlockKind::Class {
                    if let Some(sym) = s.symbols.get(name) {
                        if matches!(sym.scope, SymbolScope::Local | SymbolScope::Cell) {
                            return id;
                        }
                    }
                }
                p = parents.get(id.0 as usize).copied().flatten();
            }
            ScopeId(0)
        }
    }
}

/// The bindings of `name` in `scope`, in source order.
pub fn bindings<'a>(index: &'a SemanticIndex, scope: ScopeId, name: &'a str) -> impl Iterator<Item = &'a Occurrence> + 'a {
    index
        .occurrences
        .iter()
        .filter(move |o| o.scope == scope && o.name == name && is_binding(o.kind))
}

/// The occurrence of a name at `offset` (its written name covers the
/// offset, end included).
pub fn occurrence_at(db: &dyn Db, file: File, index: &SemanticIndex, offset: TextSize) -> Option<Occurrence> {
    let text = text(db, file);
    let parents = parents(&index.table);
    let mut best: Option<(TextRange, &Occurrence)> = None;
    for o in &index.occurrences {
        if o.kind == OccKind::Implicit || !o.range.contains_inclusive(offset) {
            continue;
        }
        let class = class_of(&index.table, &parents, o.scope);
        let focus = focus_range(&text, o, class.as_deref());
        if focus.contains_inclusive(offset) && best.is_none_or(|(r, _)| focus.len() < r.len()) {
            best = Some((focus, o));
        }
    }
    best.map(|(_, o)| o.clone())
}

/// Resolve a name as read in `scope` of `file` to its bindings (imports
/// not followed).
pub fn resolve_name(db: &dyn Db, file: File, scope: ScopeId, name: &str) -> Vec<Target> {
    let Some(index) = index(db, file) else { return Vec::new() };
    let parents = parents(&index.table);
    let target = binding_scope(&index.table, &parents, scope, name);
    let defs: Vec<Target> = bindings(&index, target, name).map(|o| Target::Def(make_def(db, file, &index, o))).collect();
    if !defs.is_empty() || target != ScopeId(0) {
        return defs;
    }
    builtin(db, name)
}

/// A builtin name: its definitions in the `builtins` module.
pub fn builtin(db: &dyn Db, name: &str) -> Vec<Target> {
    if !pyx_semantics::lint::builtins::is_builtin(name) {
        return Vec::new();
    }
    if let Some(m) = resolve_module_by_name(db, "builtins") {
        if let Some(f) = m.file {
            let found = module_member(db, f, name, 0);
            if !found.is_empty() {
                return found;
            }
        }
    }
    vec![Target::Builtin(name.to_string())]
}

/// The statement of `module` (at any depth) that contains `range` most
/// closely.
pub fn stmt_containing(body: &[Stmt], range: TextRange) -> Option<&Stmt> {
    for s in body {
        if !s.range.contains_range(range) {
            continue;
        }
        let inner = child_bodies(s).into_iter().find_map(|b| stmt_containing(b, range));
        return inner.or(Some(s));
    }
    None
}

/// The statement lists directly inside a statement.
pub fn child_bodies(s: &Stmt) -> Vec<&[Stmt]> {
    match &s.kind {
        StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => vec![&f.body],
        StmtKind::ClassDef { body, .. } => vec![body],
        StmtKind::For { body, orelse, .. }
        | StmtKind::AsyncFor { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::If { body, orelse, .. } => vec![body, orelse],
        StmtKind::With { body, .. } | StmtKind::AsyncWith { body, .. } => vec![body],
        StmtKind::Try { body, handlers, orelse, finalbody } | StmtKind::TryStar { body, handlers, orelse, finalbody } => {
            let mut v: Vec<&[Stmt]> = vec![body];
            v.extend(handlers.iter().map(|h| h.body.as_slice()));
            v.push(orelse);
            v.push(finalbody);
            v
        }
        StmtKind::Match { cases, .. } => cases.iter().map(|c| c.body.as_slice()).collect(),
        _ => Vec::new(),
    }
}

/// Follow a binding to what it finally is: an import to the module or the
/// module's member, `x = y` (a plain name) to `y`. Other bindings are
/// their own answer.
pub fn follow(db: &dyn Db, target: Target, hops: usize) -> Vec<Target> {
    if hops > MAX_HOPS {
        return vec![target];
    }
    let Target::Def(def) = &target else { return vec![target] };
    match def.kind {
        OccKind::Import | OccKind::ImportAs => {
            let found = follow_import(db, def, hops);
            if found.is_empty() {
                vec![target]
            } else {
                found
            }
        }
        OccKind::Assign => {
            // `path = _path` in a stub: the alias is the thing.
            let parsed = ast(db, def.file);
            let Some(stmt) = stmt_containing(&parsed.module.body, def.range) else {
                return vec![target];
            };
            if let StmtKind::Assign { targets, value, .. } = &stmt.kind {
                if let (1, ExprKind::Name { id, .. }) = (targets.len(), &value.kind) {
                    if id != &def.name {
                        let found: Vec<Target> = resolve_name(db, def.file, def.scope, id)
                            .into_iter()
                            .flat_map(|t| follow(db, t, hops + 1))
                            .collect();
                        if !found.is_empty() {
                            return found;
                        }
                    }
                }
            }
            vec![target]
        }
        _ => vec![target],
    }
}

/// What an import binding imports.
fn follow_import(db: &dyn Db, def: &Def, hops: usize) -> Vec<Target> {
    let parsed = ast(db, def.file);
    let Some(stmt) = stmt_containing(&parsed.module.body, def.range) else {
        return Vec::new();
    };
    match &stmt.kind {
        StmtKind::Import { names } => {
            let Some(alias) = names.iter().find(|a| a.range.contains_range(def.focus) || a.range == def.range) else {
                return Vec::new();
            };
            // `import a.b.c` binds `a`; `import a.b as c` binds `a.b`.
            let module = match &alias.asname {
                Some(_) => alias.name.to_string(),
                None => alias.name.split('.').next().unwrap_or("").to_string(),
            };
            module_target(db, &module).into_iter().collect()
        }
        StmtKind::ImportFrom { module, names, level } => {
            let Some(alias) = names.iter().find(|a| a.range.contains_range(def.focus) || a.range == def.range) else {
                return Vec::new();
            };
            from_import_member(db, def.file, *level, module.as_deref(), &alias.name, hops)
        }
        _ => Vec::new(),
    }
}

/// `from <level><module> import <name>`: a submodule or a member.
pub fn from_import_member(db: &dyn Db, file: File, level: u32, module: Option<&str>, name: &str, hops: usize) -> Vec<Target> {
    let Ok(Some(resolved)) = resolve_import(db, file, level, module) else {
        return Vec::new();
    };
    let resolved = resolved.clone();
    let mut found = Vec::new();
    if let Some(f) = resolved.file {
        // A package whose `__init__` imports its own submodule under the
        // same name (`from . import path as path`) would loop back here.
        if f != file || hops == 0 {
            found = module_member(db, f, name, hops + 1);
        }
    }
    if found.is_empty() && resolved.is_package() {
        if let Some(t) = module_target(db, &format!("{}.{name}", resolved.name)) {
            found.push(t);
        }
    }
    found
}

pub fn module_target(db: &dyn Db, dotted: &str) -> Option<Target> {
    let m = resolve_module_by_name(db, dotted)?;
    Some(Target::Module {
        name: m.name.clone(),
        file: m.file,
    })
}

/// A module-level name of `module`, imports and aliases followed; for a
/// package, a submodule of that name when the package does not bind it.
pub fn module_member(db: &dyn Db, module: File, name: &str, hops: usize) -> Vec<Target> {
    if hops > MAX_HOPS {
        return Vec::new();
    }
    let Some(index) = index(db, module) else { return Vec::new() };
    let defs: Vec<Def> = bindings(&index, ScopeId(0), name).map(|o| make_def(db, module, &index, o)).collect();
    if defs.is_empty() {
        // `from posixpath import *` (typeshed's `os/path.pyi`); imports in
        // code the target platform does not run are not listed.
        for source in star_sources(db, module) {
            if source != module {
                let found = module_member(db, source, name, hops + 1);
                if !found.is_empty() {
                    return found;
                }
            }
        }
        if let Some(pkg) = pyx_semantics::resolve::file_module_name(db, module) {
            let is_init = module.path(db).file_stem().is_some_and(|s| s == "__init__");
            if is_init {
                return module_target(db, &format!("{pkg}.{name}")).into_iter().collect();
            }
        }
        return Vec::new();
    }
    // In a stub, the last binding is the one that counts for readers;
    // overloads are all `def`s: keep every `def` of the last run.
    let mut out = Vec::new();
    for d in defs {
        out.extend(follow(db, Target::Def(d), hops + 1));
    }
    dedup(out)
}

/// The modules a file star-imports (`from m import *`) at module level.
pub fn star_sources(db: &dyn Db, module: File) -> Vec<File> {
    pyx_semantics::imports::file_imports(db, module)
        .iter()
        .filter(|i| i.names.iter().any(|n| n == "*"))
        .filter_map(|i| resolve_import(db, module, i.level, i.module.as_deref()).ok().flatten())
        .filter_map(|m| m.file)
        .collect()
}

fn dedup(v: Vec<Target>) -> Vec<Target> {
    let mut out: Vec<Target> = Vec::new();
    for t in v {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// A class definition's own scope (the scope whose name and range match).
pub fn class_scope(index: &SemanticIndex, def: &Def) -> Option<ScopeId> {
    index
        .table
        .scopes
        .iter()
        .enumerate()
        .find(|(_, s)| s.kind == BlockKind::Class && s.range == def.range && s.name == def.name)
        .map(|(i, _)| ScopeId(i as u32))
}

/// A function definition's own scope.
pub fn function_scope(index: &SemanticIndex, def: &Def) -> Option<ScopeId> {
    index
        .table
        .scopes
        .iter()
        .enumerate()
        .find(|(_, s)| s.kind == BlockKind::Function && s.range == def.range && s.name == def.name)
        .map(|(i, _)| ScopeId(i as u32))
}

/// The members of a class: names bound in its body, then in its bases
/// that resolve to classes (depth-first, no duplicates).
pub fn class_members(db: &dyn Db, class: &Def, hops: usize) -> Vec<(String, Def)> {
    let mut out: Vec<(String, Def)> = Vec::new();
    if hops > MAX_HOPS {
        return out;
    }
    let Some(index) = index(db, class.file) else { return out };
    if let Some(scope) = class_scope(&index, class) {
        for o in index.occurrences.iter().filter(|o| o.scope == scope && is_binding(o.kind)) {
            if !out.iter().any(|(n, _)| n == &o.name) {
                out.push((o.name.to_string(), make_def(db, class.file, &index, o)));
            }
        }
        // Attributes set on `self` in methods are instance members too.
        for (name, def) in self_attributes(db, class, &index, scope) {
            if !out.iter().any(|(n, _)| n == &name) {
                out.push((name, def));
            }
        }
    }
    for base in class_bases(db, class) {
        for (n, d) in class_members(db, &base, hops + 1) {
            if !out.iter().any(|(m, _)| m == &n) {
                out.push((n, d));
            }
        }
    }
    out
}

/// `self.x = ...` in the methods of a class: the attribute `x`, bound there.
fn self_attributes(db: &dyn Db, class: &Def, index: &SemanticIndex, scope: ScopeId) -> Vec<(String, Def)> {
    let mut out = Vec::new();
    let parsed = ast(db, class.file);
    let Some(stmt) = stmt_containing(&parsed.module.body, class.range) else { return out };
    let StmtKind::ClassDef { body, .. } = &stmt.kind else { return out };
    let text = text(db, class.file);
    for s in body {
        let (StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f)) = &s.kind else { continue };
        let Some(first) = f.args.posonlyargs.first().or(f.args.args.first()) else { continue };
        let this = first.arg.clone();
        let method_scope = index
            .table
            .scope(scope)
            .children
            .iter()
            .copied()
            .find(|c| index.table.scopes.get(c.0 as usize).is_some_and(|sc| sc.range == s.range))
            .unwrap_or(scope);
        walk_stmts(&f.body, &mut |st| {
            let targets: Vec<&Expr> = match &st.kind {
                StmtKind::Assign { targets, .. } => targets.iter().collect(),
                StmtKind::AnnAssign { target, .. } | StmtKind::AugAssign { target, .. } => vec![target],
                _ => Vec::new(),
            };
            for t in targets {
                if let ExprKind::Attribute { value, attr, .. } = &t.kind {
                    if matches!(&value.kind, ExprKind::Name { id, .. } if *id == this)
                        && !out.iter().any(|(n, _): &(String, Def)| n == attr)
                    {
                        let end = usize::from(t.range.end()).min(text.len());
                        let focus = TextRange::new(
                            TextSize::from(end.saturating_sub(attr.len()) as u32),
                            TextSize::from(end as u32),
                        );
                        out.push((
                            attr.to_string(),
                            Def {
                                file: class.file,
                                scope: method_scope,
                                name: attr.to_string(),
                                kind: OccKind::Assign,
                                range: st.range,
                                focus,
                            },
                        ));
                    }
                }
            }
        });
    }
    out
}

/// Every statement, nested bodies included (not nested defs and classes).
pub fn walk_stmts(body: &[Stmt], f: &mut dyn FnMut(&Stmt)) {
    for s in body {
        f(s);
        if matches!(s.kind, StmtKind::FunctionDef(_) | StmtKind::AsyncFunctionDef(_) | StmtKind::ClassDef { .. }) {
            continue;
        }
        for b in child_bodies(s) {
            walk_stmts(b, f);
        }
    }
}

/// Every statement at any depth, nested definitions included.
pub fn walk_all_stmts(body: &[Stmt], f: &mut dyn FnMut(&Stmt)) {
    for s in body {
        f(s);
        for b in child_bodies(s) {
            walk_all_stmts(b, f);
        }
    }
}

/// The base classes of a class that resolve to class definitions.
fn class_bases(db: &dyn Db, class: &Def) -> Vec<Def> {
    let parsed = ast(db, class.file);
    let Some(stmt) = stmt_containing(&parsed.module.body, class.range) else { return Vec::new() };
    let StmtKind::ClassDef { bases, .. } = &stmt.kind else { return Vec::new() };
    let mut out = Vec::new();
    for b in bases {
        for t in eval_expr(db, class.file, class.scope, b, 0) {
            if let Value::Class(d) = t {
                out.push(d);
            }
        }
    }
    out
}

/// What an expression evaluates to, as far as can be told without types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Module { name: String, file: Option<File> },
    Class(Def),
    /// An instance of the class.
    Instance(Def),
    Function(Def),
    /// A name bound to something else.
    Other(Target),
}

impl Value {
    pub fn target(&self) -> Target {
        match self {
            Value::Module { name, file } => Target::Module { name: name.clone(), file: *file },
            Value::Class(d) | Value::Instance(d) | Value::Function(d) => Target::Def(d.clone()),
            Value::Other(t) => t.clone(),
        }
    }
}

/// Classify a final target.
pub fn value_of(db: &dyn Db, target: Target, hops: usize) -> Value {
    match target {
        Target::Module { name, file } => Value::Module { name, file },
        Target::Def(d) => match d.kind {
            OccKind::Class => Value::Class(d),
            OccKind::Def => Value::Function(d),
            OccKind::Param => match evident_param_class(db, &d, hops) {
                Some(c) => Value::Instance(c),
                None => Value::Other(Target::Def(d)),
            },
            OccKind::Assign | OccKind::Annotated => match evident_assigned_class(db, &d, hops) {
                Some(c) => Value::Instance(c),
                None => Value::Other(Target::Def(d)),
            },
            _ => Value::Other(Target::Def(d)),
        },
        t => Value::Other(t),
    }
}

/// `self` (the first parameter of a method) is an instance of the class;
/// a parameter annotated with a class is an instance of it.
fn evident_param_class(db: &dyn Db, param: &Def, hops: usize) -> Option<Def> {
    if hops > MAX_HOPS {
        return None;
    }
    let index = index(db, param.file)?;
    let parents = parents(&index.table);
    let scope = index.table.scopes.get(param.scope.0 as usize)?;
    let parsed = ast(db, param.file);
    let stmt = stmt_containing(&parsed.module.body, scope.range)?;
    let (StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f)) = &stmt.kind else { return None };
    let all: Vec<&pyx_syntax::ast::Arg> = f.args.posonlyargs.iter().chain(&f.args.args).chain(&f.args.kwonlyargs).collect();
    let arg = all.iter().find(|a| a.arg == param.name)?;
    if let Some(ann) = &arg.annotation {
        let parent = parents.get(param.scope.0 as usize).copied().flatten().unwrap_or(ScopeId(0));
        for v in eval_expr(db, param.file, parent, ann, hops + 1) {
            if let Value::Class(c) = v {
                return Some(c);
            }
        }
        return None;
    }
    let is_first = all.first().is_some_and(|a| a.arg == param.name);
    let static_or_class = f.decorator_list.iter().any(|d| {
        matches!(&d.kind, ExprKind::Name { id, .. } if id == "staticmethod" || id == "classmethod")
    });
    let parent = parents.get(param.scope.0 as usize).copied().flatten()?;
    let parent_scope = index.table.scopes.get(parent.0 as usize)?;
    if is_first && !static_or_class && parent_scope.kind == BlockKind::Class {
        let class_stmt = stmt_containing(&parsed.module.body, parent_scope.range)?;
        if let StmtKind::ClassDef { name, .. } = &class_stmt.kind {
            let grand = parents.get(parent.0 as usize).copied().flatten().unwrap_or(ScopeId(0));
            let occ = index
                .occurrences
                .iter()
                .find(|o| o.scope == grand && o.kind == OccKind::Class && o.range == parent_scope.range && &o.name == name)?;
            return Some(make_def(db, param.file, &index, occ));
        }
    }
    None
}

/// `x = C(...)` or `x: C` with `C` a class: an instance of `C`.
fn evident_assigned_class(db: &dyn Db, var: &Def, hops: usize) -> Option<Def> {
    if hops > MAX_HOPS {
        return None;
    }
    let parsed = ast(db, var.file);
    let stmt = stmt_containing(&parsed.module.body, var.range)?;
    let scope = var.scope;
    match &stmt.kind {
        StmtKind::Assign { targets, value, .. } if targets.len() == 1 && matches!(targets[0].kind, ExprKind::Name { .. }) => {
            if let ExprKind::Call { func, .. } = &value.kind {
                for v in eval_expr(db, var.file, scope, func, hops + 1) {
                    if let Value::Class(c) = v {
                        return Some(c);
                    }
                }
            }
            None
        }
        StmtKind::AnnAssign { annotation, .. } => {
            for v in eval_expr(db, var.file, scope, annotation, hops + 1) {
                if let Value::Class(c) = v {
                    return Some(c);
                }
            }
            None
        }
        _ => None,
    }
}

/// What an expression read in `scope` of `file` is: names, attributes of
/// modules, classes and evident instances, and calls of classes.
pub fn eval_expr(db: &dyn Db, file: File, scope: ScopeId, e: &Expr, hops: usize) -> Vec<Value> {
    if hops > MAX_HOPS {
        return Vec::new();
    }
    match &e.kind {
        ExprKind::Name { id, .. } => resolve_name(db, file, scope, id)
            .into_iter()
            .flat_map(|t| follow(db, t, hops + 1))
            .map(|t| value_of(db, t, hops + 1))
            .collect(),
        ExprKind::Attribute { value, attr, .. } => eval_expr(db, file, scope, value, hops + 1)
            .into_iter()
            .flat_map(|v| attribute(db, &v, attr, hops + 1))
            .map(|t| value_of(db, t, hops + 1))
            .collect(),
        ExprKind::Call { func, .. } => eval_expr(db, file, scope, func, hops + 1)
            .into_iter()
            .filter_map(|v| match v {
                Value::Class(c) => Some(Value::Instance(c)),
                _ => None,
            })
            .collect(),
        ExprKind::Subscript { value, .. } => eval_expr(db, file, scope, value, hops + 1)
            .into_iter()
            .filter(|v| matches!(v, Value::Class(_)))
            .collect(),
        _ => Vec::new(),
    }
}

/// The attribute `name` of a value, followed.
pub fn attribute(db: &dyn Db, value: &Value, name: &str, hops: usize) -> Vec<Target> {
    match value {
        Value::Module { name: module, file } => {
            // A submodule wins when one exists (`os.path`), as after
            // `import os.path`.
            if let Some(m) = resolve_module_by_name(db, &format!("{module}.{name}")) {
                if m.kind != ModuleKind::Namespace || file.is_none() {
                    return vec![Target::Module { name: m.name.clone(), file: m.file }];
                }
            }
            match file {
                Some(f) => module_member(db, *f, name, hops + 1),
                None => Vec::new(),
            }
        }
        Value::Class(c) | Value::Instance(c) => class_members(db, c, hops + 1)
            .into_iter()
            .filter(|(n, _)| n == name)
            .flat_map(|(_, d)| follow(db, Target::Def(d), hops + 1))
            .collect(),
        _ => Vec::new(),
    }
}

/// The token at an offset, preferring a name over punctuation when the
/// offset sits between two tokens.
pub fn token_at(root: &SyntaxNode, offset: TextSize) -> Option<SyntaxToken> {
    if offset > root.text_range().end() {
        return None;
    }
    let tokens: Vec<SyntaxToken> = root.token_at_offset(offset).collect();
    tokens
        .iter()
        .find(|t| t.kind() == SyntaxKind::NAME)
        .or_else(|| tokens.iter().find(|t| !t.kind().is_trivia()))
        .or(tokens.first())
        .cloned()
}

/// The innermost expression of the file's AST with exactly this range.
pub fn expr_with_range(module: &pyx_syntax::ast::Module, range: TextRange) -> Option<Expr> {
    let mut found: Option<Expr> = None;
    let stmt = stmt_containing(&module.body, range)?;
    crate::walk::stmt_exprs(stmt, &mut |e| find_expr(e, range, &mut found));
    found
}

fn find_expr(e: &Expr, range: TextRange, found: &mut Option<Expr>) {
    if found.is_some() || !e.range.contains_range(range) {
        return;
    }
    if e.range == range {
        *found = Some(e.clone());
        return;
    }
    crate::walk::expr_children(e, &mut |c| find_expr(c, range, found));
}

/// The innermost scope whose code holds `offset`: a function's body runs
/// to the last line indented under its `def` (so a cursor on a fresh,
/// indented line at the end of a function is inside it).
pub fn scope_at(db: &dyn Db, file: File, index: &SemanticIndex, offset: TextSize) -> ScopeId {
    let text = text(db, file);
    let mut best = ScopeId(0);
    let mut best_start = TextSize::from(0);
    for (i, s) in index.table.scopes.iter().enumerate() {
        if i == 0 || !matches!(s.kind, BlockKind::Function | BlockKind::Class) || s.range.is_empty() {
            continue;
        }
        let start = s.range.start();
        if offset < start || start < best_start {
            continue;
        }
        // Inside the header (before its body starts) a name is the
        // enclosing scope's, except in the parameter list of a function
        // (close enough: the header line before the colon).
        let header_end = text
            .get(usize::from(start)..)
            .and_then(|t| t.find(':'))
            .map_or(start, |i| start + TextSize::from(i as u32));
        if offset <= header_end && s.kind == BlockKind::Class {
            continue;
        }
        if offset <= s.range.end() || extends_to(&text, s.range, offset) {
            best = ScopeId(i as u32);
            best_start = start;
        }
    }
    best
}

/// Whether `offset`, after the end of a block, is still inside it: every
/// line between them is blank or indented deeper than the block's first
/// line.
fn extends_to(text: &str, range: TextRange, offset: TextSize) -> bool {
    let start = usize::from(range.start()).min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let indent = start - line_start;
    let end = usize::from(range.end()).min(text.len());
    let off = usize::from(offset).min(text.len());
    if off <= end {
        return true;
    }
    let Some(between) = text.get(end..off) else { return false };
    let mut lines = between.split('\n');
    // The rest of the block's last line.
    lines.next();
    for line in lines {
        let trimmed = line.trim_start_matches([' ', '\t']);
        let width = line.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            // Blank (or the cursor's own line, so far): its indentation
            // decides when it is the last.
            continue;
        }
        if width <= indent {
            return false;
        }
    }
    // The cursor's line: indented deeper than the block's header.
    let cur = &text[..off];
    let cur_line = cur.rsplit('\n').next().unwrap_or("");
    let width = cur_line.len() - cur_line.trim_start_matches([' ', '\t']).len();
    width > indent || cur_line.trim().is_empty() && width > indent
}

/// The docstring of a module, class or function body.
pub fn docstring(body: &[Stmt]) -> Option<String> {
    let first = body.first()?;
    let StmtKind::Expr { value } = &first.kind else { return None };
    let ExprKind::Constant { value: pyx_syntax::ast::Constant::Str(s), .. } = &value.kind else { return None };
    Some(clean_doc(&s.to_string_lossy()))
}

/// `inspect.cleandoc`: strip the common indentation of all lines but the
/// first, and blank lines at both ends.
pub fn clean_doc(doc: &str) -> String {
    let doc = doc.replace('\t', "        ");
    let lines: Vec<&str> = doc.lines().collect();
    let margin = lines
        .iter()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out: Vec<String> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if i == 0 {
            out.push(l.trim_start().to_string());
        } else {
            out.push(l.get(margin..).unwrap_or("").trim_end().to_string());
        }
    }
    while out.first().is_some_and(|l| l.is_empty()) {
        out.remove(0);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}
