//! Symbol tables, built exactly as CPython 3.11's compiler builds them.
//!
//! Two passes, as in CPython: [`build`] walks the AST and records raw facts
//! about every name in every scope (bound here, used here, a parameter,
//! declared global, ...), then `analyze` decides each name's scope (local,
//! cell, free, global explicit or implicit) by passing the names bound in
//! enclosing functions down the tree and the free names of nested scopes up.
//! The interpreter's compiler depends on these tables being CPython's, so the
//! differential test compares them with `_symtable` on the whole standard
//! library.

mod analyze;
mod builder;
mod dump;

use indexmap::IndexMap;
use pyx_syntax::TextRange;

pub use builder::{build, build_partial, build_split, build_with_occurrences, future_annotations, Partial, Prebuilt};
pub use dump::dump;

/// Flags recorded for a name in a scope (CPython's `DEF_*` and `USE`).
pub mod flags {
    pub const DEF_GLOBAL: u32 = 1;
    pub const DEF_LOCAL: u32 = 2;
    pub const DEF_PARAM: u32 = 2 << 1;
    pub const DEF_NONLOCAL: u32 = 2 << 2;
    pub const USE: u32 = 2 << 3;
    pub const DEF_FREE: u32 = 2 << 4;
    pub const DEF_FREE_CLASS: u32 = 2 << 5;
    pub const DEF_IMPORT: u32 = 2 << 6;
    pub const DEF_ANNOT: u32 = 2 << 7;
    pub const DEF_COMP_ITER: u32 = 2 << 8;
    pub const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;
}

/// Where a name lives at run time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum SymbolScope {
    /// Not yet analyzed (only seen in tables that failed to build).
    #[default]
    None,
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Symbol {
    pub flags: u32,
    pub scope: SymbolScope,
}

impl Symbol {
    pub fn has(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Module,
    Function,
    Class,
    /// Annotations under `from __future__ import annotations`: visited for
    /// errors, but never a child of anything (as in CPython).
    Annotation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CompKind {
    List,
    Set,
    Dict,
    Generator,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScopeId(pub u32);

/// One scope (CPython's symbol table entry).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    pub kind: BlockKind,
    /// `top`, the function or class name, `lambda`, `listcomp`, ...
    pub name: String,
    pub lineno: u32,
    /// The source range of the AST node that opens the scope.
    pub range: TextRange,
    /// Inside a function (directly or not).
    pub nested: bool,
    /// Names in first-seen order, as CPython's dict keeps them.
    pub symbols: IndexMap<String, Symbol, rustc_hash::FxBuildHasher>,
    /// Parameters in order (the start of `co_varnames`).
    pub varnames: Vec<String>,
    pub children: Vec<ScopeId>,
    pub comprehension: Option<CompKind>,
    pub generator: bool,
    pub coroutine: bool,
    pub varargs: bool,
    pub varkeywords: bool,
    pub returns_value: bool,
    /// Has free variables of its own.
    pub free: bool,
    /// A nested scope has free variables.
    pub child_free: bool,
    /// A class whose methods use `__class__` (or `super`).
    pub needs_class_closure: bool,
}

/// The symbol tables of a module: scope 0 is the module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    /// `from __future__` features in effect.
    pub future_annotations: bool,
}

impl SymbolTable {
    pub fn root(&self) -> ScopeId {
        ScopeId(0)
    }
    pub fn scope(&self, id: ScopeId) -> &Scope {
        &self.scopes[id.0 as usize]
    }
}

/// A compile-time error found while building the tables, with CPython's
/// message and position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SymtableError {
    pub msg: String,
    pub lineno: u32,
    /// 0-based UTF-8 column, as in the AST.
    pub col_offset: u32,
    pub range: TextRange,
}

/// CPython's private-name mangling: `__x` inside class `C` is `_C__x`.
pub fn mangle(class_name: Option<&str>, name: &str) -> String {
    mangled(class_name, name).into_owned()
}

/// [`mangle`], borrowing `name` when it is left as it is (nearly always).
pub fn mangled<'a>(class_name: Option<&str>, name: &'a str) -> std::borrow::Cow<'a, str> {
    let Some(class) = class_name else {
        return name.into();
    };
    let b = name.as_bytes();
    if b.len() < 2 || b[0] != b'_' || b[1] != b'_' {
        return name.into();
    }
    if name.ends_with("__") || name.contains('.') {
        return name.into();
    }
    let stripped = class.trim_start_matches('_');
    if stripped.is_empty() {
        return name.into();
    }
    format!("_{stripped}{name}").into()
}

/// What a mention of a name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OccKind {
    /// A load.
    Use,
    /// A name inside a string annotation (not in CPython's tables).
    StringAnnotationUse,
    /// `x = ...` (or `x: T = ...`).
    Assign,
    /// A name inside a tuple/list/starred target: `a, b = ...`.
    Unpack,
    /// `x: T` without a value.
    Annotated,
    AugAssign,
    For,
    With,
    ExceptAs,
    Import,
    /// `import a as b`, `from m import a as b`.
    ImportAs,
    Def,
    Class,
    Param,
    Pattern,
    NamedExpr,
    Comprehension,
    Del,
    Global,
    Nonlocal,
    /// Names the compiler adds (`.0`, `__class__` for `super`).
    Implicit,
}

/// One mention of a name: where, in which scope, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub scope: ScopeId,
    /// The name as stored (mangled inside classes).
    pub name: pyx_syntax::ast::Identifier,
    /// The flag recorded (`USE`, `DEF_LOCAL`, ...).
    pub flag: u32,
    pub range: TextRange,
    pub kind: OccKind,
    /// The statement list it occurs in (for "redefined while unused").
    pub block: u32,
}
