//! The owned AST: one Rust type per node class of CPython 3.11's `ast` module.
//!
//! Every field mirrors the ASDL of CPython 3.11 (`Parser/Python.asdl`), in the
//! same order as the class's `_fields`, because `dump` prints fields in that
//! order and the compiler, symbol tables and the interpreter's `_ast` module
//! all expect CPython's shapes.
//!
//! How this was checked: a script walked `ast.AST.__subclasses__()`
//! recursively in CPython 3.11.7 and printed, for every class, `_fields`,
//! `_attributes` and which names have a class attribute equal to `None`
//! (that is how `ast.dump` decides that a `None` field is optional and must be
//! omitted). The result:
//!
//! * ASDL `?` fields (class default `None`, omitted by `dump` when `None`):
//!   FunctionDef/AsyncFunctionDef `returns`, `type_comment`; Return `value`;
//!   Assign/For/AsyncFor/With/AsyncWith `type_comment`; AnnAssign `value`;
//!   Raise `exc`, `cause`; Assert `msg`; ImportFrom `module` **and `level`**
//!   (but the parser always fills `level`, so `level=0` is printed for
//!   absolute imports); Yield `value`; FormattedValue `format_spec`;
//!   Constant `kind`; Slice `lower`, `upper`, `step`; ExceptHandler `type`,
//!   `name`; arguments `vararg`, `kwarg`; arg `annotation`, `type_comment`;
//!   keyword `arg`; alias `asname`; withitem `optional_vars`; match_case
//!   `guard`; MatchMapping `rest`; MatchStar `name`; MatchAs `pattern`, `name`.
//! * Not optional, so printed even when the value is `None`: Constant `value`
//!   (`Constant(value=None)`) and MatchSingleton `value`
//!   (`MatchSingleton(value=None)`). Elements of list fields are printed as
//!   `None` too: Dict `keys` (for `**x` entries) and arguments `kw_defaults`
//!   (for keyword-only arguments without a default).
//! * `_attributes` are `lineno, col_offset, end_lineno, end_col_offset` on
//!   stmt, expr, excepthandler, arg, keyword, alias and pattern; none on mod,
//!   comprehension, arguments, withitem, match_case, type_ignore and the
//!   operator/context singletons. `TypeIgnore` has the *fields*
//!   `lineno, tag`.
//! * `int` fields printed as integers: AnnAssign `simple` and comprehension
//!   `is_async` (0/1, never True/False), ImportFrom `level`, FormattedValue
//!   `conversion` (-1 or the code point of `s`, `r`, `a`).

use num_bigint::BigInt;
pub use rowan::TextRange;

/// An identifier, already NFKC-normalized as CPython stores it.
pub type Identifier = compact_str::CompactString;

/// CPython's position attributes: 1-based lines, 0-based columns counted in
/// UTF-8 bytes. Printed by `dump` with `include_attributes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub struct Pos {
    pub lineno: u32,
    pub col_offset: u32,
    pub end_lineno: u32,
    pub end_col_offset: u32,
}

/// `Module(stmt* body, type_ignore* type_ignores)`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Module {
    pub body: Vec<Stmt>,
    pub type_ignores: Vec<TypeIgnore>,
}

/// `TypeIgnore(int lineno, string tag)`: a `# type: ignore[tag]` comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeIgnore {
    pub lineno: u32,
    pub tag: String,
}

// ---------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub pos: Pos,
    /// Byte range of the CST node this statement was lowered from (never printed).
    pub range: TextRange,
}

/// Shared by `FunctionDef` and `AsyncFunctionDef`, whose fields are identical.
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionDef {
    pub name: Identifier,
    pub args: Box<Arguments>,
    pub body: Vec<Stmt>,
    pub decorator_list: Vec<Expr>,
    pub returns: Option<Box<Expr>>,
    pub type_comment: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    FunctionDef(FunctionDef),
    AsyncFunctionDef(FunctionDef),
    ClassDef {
        name: Identifier,
        bases: Vec<Expr>,
        keywords: Vec<Keyword>,
        body: Vec<Stmt>,
        decorator_list: Vec<Expr>,
    },
    Return {
        value: Option<Box<Expr>>,
    },
    Delete {
        targets: Vec<Expr>,
    },
    Assign {
        targets: Vec<Expr>,
        value: Box<Expr>,
        type_comment: Option<String>,
    },
    AugAssign {
        target: Box<Expr>,
        op: Operator,
        value: Box<Expr>,
    },
    AnnAssign {
        target: Box<Expr>,
        annotation: Box<Expr>,
        value: Option<Box<Expr>>,
        /// Printed as `simple=1` / `simple=0`.
        simple: bool,
    },
    For {
        target: Box<Expr>,
        iter: Box<Expr>,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
        type_comment: Option<String>,
    },
    AsyncFor {
        target: Box<Expr>,
        iter: Box<Expr>,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
        type_comment: Option<String>,
    },
    While {
        test: Box<Expr>,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    If {
        test: Box<Expr>,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    With {
        items: Vec<WithItem>,
        body: Vec<Stmt>,
        type_comment: Option<String>,
    },
    AsyncWith {
        items: Vec<WithItem>,
        body: Vec<Stmt>,
        type_comment: Option<String>,
    },
    Match {
        subject: Box<Expr>,
        cases: Vec<MatchCase>,
    },
    Raise {
        exc: Option<Box<Expr>>,
        cause: Option<Box<Expr>>,
    },
    Try {
        body: Vec<Stmt>,
        handlers: Vec<ExceptHandler>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
    },
    TryStar {
        body: Vec<Stmt>,
        handlers: Vec<ExceptHandler>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
    },
    Assert {
        test: Box<Expr>,
        msg: Option<Box<Expr>>,
    },
    Import {
        names: Vec<Alias>,
    },
    ImportFrom {
        module: Option<Identifier>,
        names: Vec<Alias>,
        /// Always printed, including `level=0` (CPython's parser always sets it).
        level: u32,
    },
    Global {
        names: Vec<Identifier>,
    },
    Nonlocal {
        names: Vec<Identifier>,
    },
    Expr {
        value: Box<Expr>,
    },
    Pass,
    Break,
    Continue,
}

// ---------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub pos: Pos,
    /// Byte range of the CST node this expression was lowered from (never printed).
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    BoolOp {
        op: BoolOp,
        values: Vec<Expr>,
    },
    NamedExpr {
        target: Box<Expr>,
        value: Box<Expr>,
    },
    BinOp {
        left: Box<Expr>,
        op: Operator,
        right: Box<Expr>,
    },
    UnaryOp {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Lambda {
        args: Box<Arguments>,
        body: Box<Expr>,
    },
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    Dict {
        /// `None` for a `**mapping` entry.
        keys: Vec<Option<Expr>>,
        values: Vec<Expr>,
    },
    Set {
        elts: Vec<Expr>,
    },
    ListComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    SetComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    DictComp {
        key: Box<Expr>,
        value: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    GeneratorExp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    Await {
        value: Box<Expr>,
    },
    Yield {
        value: Option<Box<Expr>>,
    },
    YieldFrom {
        value: Box<Expr>,
    },
    Compare {
        left: Box<Expr>,
        ops: Vec<CmpOp>,
        comparators: Vec<Expr>,
    },
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        keywords: Vec<Keyword>,
    },
    FormattedValue {
        value: Box<Expr>,
        /// -1 (none), 115 (`!s`), 114 (`!r`) or 97 (`!a`).
        conversion: i32,
        format_spec: Option<Box<Expr>>,
    },
    JoinedStr {
        values: Vec<Expr>,
    },
    Constant {
        value: Constant,
        /// `Some("u")` for `u`-prefixed string literals, otherwise `None`.
        /// (A boxed `str`, not a `String`: this is the largest variant, and
        /// 8 bytes more here are 8 bytes more in every expression.)
        kind: Option<Box<str>>,
    },
    Attribute {
        value: Box<Expr>,
        attr: Identifier,
        ctx: ExprContext,
    },
    Subscript {
        value: Box<Expr>,
        slice: Box<Expr>,
        ctx: ExprContext,
    },
    Starred {
        value: Box<Expr>,
        ctx: ExprContext,
    },
    Name {
        id: Identifier,
        ctx: ExprContext,
    },
    List {
        elts: Vec<Expr>,
        ctx: ExprContext,
    },
    Tuple {
        elts: Vec<Expr>,
        ctx: ExprContext,
    },
    Slice {
        lower: Option<Box<Expr>>,
        upper: Option<Box<Expr>>,
        step: Option<Box<Expr>>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExprContext {
    Load,
    Store,
    Del,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BoolOp {
    And,
    Or,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operator {
    Add,
    Sub,
    Mult,
    MatMult,
    Div,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
    FloorDiv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    Invert,
    Not,
    UAdd,
    USub,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

impl ExprContext {
    /// The CPython class name, as `dump` prints it.
    pub fn name(self) -> &'static str {
        match self {
            ExprContext::Load => "Load",
            ExprContext::Store => "Store",
            ExprContext::Del => "Del",
        }
    }
}

impl BoolOp {
    /// The CPython class name, as `dump` prints it.
    pub fn name(self) -> &'static str {
        match self {
            BoolOp::And => "And",
            BoolOp::Or => "Or",
        }
    }
}

impl Operator {
    /// The CPython class name, as `dump` prints it.
    pub fn name(self) -> &'static str {
        match self {
            Operator::Add => "Add",
            Operator::Sub => "Sub",
            Operator::Mult => "Mult",
            Operator::MatMult => "MatMult",
            Operator::Div => "Div",
            Operator::Mod => "Mod",
            Operator::Pow => "Pow",
            Operator::LShift => "LShift",
            Operator::RShift => "RShift",
            Operator::BitOr => "BitOr",
            Operator::BitXor => "BitXor",
            Operator::BitAnd => "BitAnd",
            Operator::FloorDiv => "FloorDiv",
        }
    }
}

impl UnaryOp {
    /// The CPython class name, as `dump` prints it.
    pub fn name(self) -> &'static str {
        match self {
            UnaryOp::Invert => "Invert",
            UnaryOp::Not => "Not",
            UnaryOp::UAdd => "UAdd",
            UnaryOp::USub => "USub",
        }
    }
}

impl CmpOp {
    /// The CPython class name, as `dump` prints it.
    pub fn name(self) -> &'static str {
        match self {
            CmpOp::Eq => "Eq",
            CmpOp::NotEq => "NotEq",
            CmpOp::Lt => "Lt",
            CmpOp::LtE => "LtE",
            CmpOp::Gt => "Gt",
            CmpOp::GtE => "GtE",
            CmpOp::Is => "Is",
            CmpOp::IsNot => "IsNot",
            CmpOp::In => "In",
            CmpOp::NotIn => "NotIn",
        }
    }
}

// ---------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------

/// The value of a `Constant` node (and of `MatchSingleton`).
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    None,
    Bool(bool),
    Ellipsis,
    Int(BigInt),
    Float(f64),
    /// Imaginary literals lower to `Complex { real: 0.0, imag }`.
    Complex {
        real: f64,
        imag: f64,
    },
    Str(PyStr),
    Bytes(Vec<u8>),
    /// Only in trees built from `ast` node objects (`compile(tree, ...)`):
    /// the parser never makes these.
    Tuple(Vec<Constant>),
    FrozenSet(Vec<Constant>),
}

/// A Python `str` value. Python strings are sequences of code points and may
/// hold lone surrogates (`"\ud800"` is a legal literal), which a Rust `String`
/// cannot. Almost every string is valid Unicode, so that case stays a plain
/// `String`; only strings that really contain a surrogate use `CodePoints`.
///
/// Invariant (kept by the constructors, relied on by the derived `PartialEq`):
/// `CodePoints` is used only when at least one element is a surrogate
/// (U+D800..=U+DFFF); every element is `<= 0x10FFFF`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum PyStr {
    Utf8(String),
    CodePoints(Vec<u32>),
}

impl PyStr {
    /// Builds a string from code points, choosing the `Utf8` form whenever no
    /// surrogate is present. Code points above U+10FFFF are invalid for Python
    /// too; they are replaced by U+FFFD so the invariant holds.
    pub fn from_code_points(cps: Vec<u32>) -> PyStr {
        if cps.iter().all(|&c| char::from_u32(c).is_some()) {
            let s: String = cps
                .iter()
                .map(|&c| char::from_u32(c).expect("checked above"))
                .collect();
            PyStr::Utf8(s)
        } else {
            PyStr::CodePoints(
                cps.into_iter()
                    .map(|c| if c > 0x10FFFF { 0xFFFD } else { c })
                    .collect(),
            )
        }
    }

    /// The string as `&str` if it holds no lone surrogate.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            PyStr::Utf8(s) => Some(s),
            PyStr::CodePoints(_) => None,
        }
    }

    /// Number of code points (Python's `len()`).
    pub fn char_len(&self) -> usize {
        match self {
            PyStr::Utf8(s) => s.chars().count(),
            PyStr::CodePoints(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            PyStr::Utf8(s) => s.is_empty(),
            PyStr::CodePoints(v) => v.is_empty(),
        }
    }

    /// Iterates over the code points, surrogates included.
    pub fn code_points(&self) -> PyStrCodePoints<'_> {
        match self {
            PyStr::Utf8(s) => PyStrCodePoints::Utf8(s.chars()),
            PyStr::CodePoints(v) => PyStrCodePoints::Raw(v.iter()),
        }
    }

    /// Appends `other`, keeping the invariant (used when concatenating
    /// adjacent string literals).
    pub fn push_str(&mut self, other: &PyStr) {
        match (&mut *self, other) {
            (PyStr::Utf8(a), PyStr::Utf8(b)) => a.push_str(b),
            (PyStr::CodePoints(a), o) => a.extend(o.code_points()),
            (PyStr::Utf8(a), PyStr::CodePoints(b)) => {
                let mut v: Vec<u32> = a.chars().map(|c| c as u32).collect();
                v.extend_from_slice(b);
                *self = PyStr::CodePoints(v);
            }
        }
    }

    /// Lossy conversion: lone surrogates become U+FFFD.
    pub fn to_string_lossy(&self) -> String {
        match self {
            PyStr::Utf8(s) => s.clone(),
            PyStr::CodePoints(v) => v
                .iter()
                .map(|&c| char::from_u32(c).unwrap_or('\u{FFFD}'))
                .collect(),
        }
    }
}

impl Default for PyStr {
    fn default() -> Self {
        PyStr::Utf8(String::new())
    }
}

impl From<String> for PyStr {
    fn from(s: String) -> Self {
        PyStr::Utf8(s)
    }
}

impl From<&str> for PyStr {
    fn from(s: &str) -> Self {
        PyStr::Utf8(s.to_owned())
    }
}

/// Iterator over the code points of a [`PyStr`].
#[derive(Clone, Debug)]
pub enum PyStrCodePoints<'a> {
    Utf8(std::str::Chars<'a>),
    Raw(std::slice::Iter<'a, u32>),
}

impl Iterator for PyStrCodePoints<'_> {
    type Item = u32;
    #[inline]
    fn next(&mut self) -> Option<u32> {
        match self {
            PyStrCodePoints::Utf8(c) => c.next().map(|c| c as u32),
            PyStrCodePoints::Raw(i) => i.next().copied(),
        }
    }
}

// ---------------------------------------------------------------------------
// Auxiliary nodes
// ---------------------------------------------------------------------------

/// `comprehension(expr target, expr iter, expr* ifs, int is_async)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Comprehension {
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
    /// Printed as `is_async=1` / `is_async=0`.
    pub is_async: bool,
}

/// `ExceptHandler(expr? type, identifier? name, stmt* body)`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExceptHandler {
    /// CPython's field `type` (a Rust keyword).
    pub type_: Option<Box<Expr>>,
    pub name: Option<Identifier>,
    pub body: Vec<Stmt>,
    pub pos: Pos,
    pub range: TextRange,
}

/// `arguments(arg* posonlyargs, arg* args, arg? vararg, arg* kwonlyargs,
/// expr* kw_defaults, arg? kwarg, expr* defaults)`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Arguments {
    pub posonlyargs: Vec<Arg>,
    pub args: Vec<Arg>,
    pub vararg: Option<Box<Arg>>,
    pub kwonlyargs: Vec<Arg>,
    /// One entry per `kwonlyargs` element; `None` when it has no default.
    pub kw_defaults: Vec<Option<Expr>>,
    pub kwarg: Option<Box<Arg>>,
    /// Defaults of the last `len(defaults)` of `posonlyargs + args`.
    pub defaults: Vec<Expr>,
}

/// `arg(identifier arg, expr? annotation, string? type_comment)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Arg {
    pub arg: Identifier,
    pub annotation: Option<Box<Expr>>,
    pub type_comment: Option<String>,
    pub pos: Pos,
    pub range: TextRange,
}

/// `keyword(identifier? arg, expr value)`; `arg` is `None` for `**kwargs`.
#[derive(Clone, Debug, PartialEq)]
pub struct Keyword {
    pub arg: Option<Identifier>,
    pub value: Expr,
    pub pos: Pos,
    pub range: TextRange,
}

/// `alias(identifier name, identifier? asname)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    pub name: Identifier,
    pub asname: Option<Identifier>,
    pub pos: Pos,
    pub range: TextRange,
}

/// `withitem(expr context_expr, expr? optional_vars)`.
#[derive(Clone, Debug, PartialEq)]
pub struct WithItem {
    pub context_expr: Expr,
    pub optional_vars: Option<Box<Expr>>,
}

/// `match_case(pattern pattern, expr? guard, stmt* body)`.
#[derive(Clone, Debug, PartialEq)]
pub struct MatchCase {
    pub pattern: Pattern,
    pub guard: Option<Box<Expr>>,
    pub body: Vec<Stmt>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    pub kind: PatternKind,
    pub pos: Pos,
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PatternKind {
    MatchValue {
        value: Box<Expr>,
    },
    /// `value` is `None`, `True` or `False`; printed even when `None`.
    MatchSingleton {
        value: Constant,
    },
    MatchSequence {
        patterns: Vec<Pattern>,
    },
    MatchMapping {
        keys: Vec<Expr>,
        patterns: Vec<Pattern>,
        rest: Option<Identifier>,
    },
    MatchClass {
        cls: Box<Expr>,
        patterns: Vec<Pattern>,
        kwd_attrs: Vec<Identifier>,
        kwd_patterns: Vec<Pattern>,
    },
    MatchStar {
        name: Option<Identifier>,
    },
    MatchAs {
        pattern: Option<Box<Pattern>>,
        name: Option<Identifier>,
    },
    MatchOr {
        patterns: Vec<Pattern>,
    },
}

impl StmtKind {
    /// The CPython class name of this statement.
    pub fn name(&self) -> &'static str {
        match self {
            StmtKind::FunctionDef(_) => "FunctionDef",
            StmtKind::AsyncFunctionDef(_) => "AsyncFunctionDef",
            StmtKind::ClassDef { .. } => "ClassDef",
            StmtKind::Return { .. } => "Return",
            StmtKind::Delete { .. } => "Delete",
            StmtKind::Assign { .. } => "Assign",
            StmtKind::AugAssign { .. } => "AugAssign",
            StmtKind::AnnAssign { .. } => "AnnAssign",
            StmtKind::For { .. } => "For",
            StmtKind::AsyncFor { .. } => "AsyncFor",
            StmtKind::While { .. } => "While",
            StmtKind::If { .. } => "If",
            StmtKind::With { .. } => "With",
            StmtKind::AsyncWith { .. } => "AsyncWith",
            StmtKind::Match { .. } => "Match",
            StmtKind::Raise { .. } => "Raise",
            StmtKind::Try { .. } => "Try",
            StmtKind::TryStar { .. } => "TryStar",
            StmtKind::Assert { .. } => "Assert",
            StmtKind::Import { .. } => "Import",
            StmtKind::ImportFrom { .. } => "ImportFrom",
            StmtKind::Global { .. } => "Global",
            StmtKind::Nonlocal { .. } => "Nonlocal",
            StmtKind::Expr { .. } => "Expr",
            StmtKind::Pass => "Pass",
            StmtKind::Break => "Break",
            StmtKind::Continue => "Continue",
        }
    }
}

impl ExprKind {
    /// The CPython class name of this expression.
    pub fn name(&self) -> &'static str {
        match self {
            ExprKind::BoolOp { .. } => "BoolOp",
            ExprKind::NamedExpr { .. } => "NamedExpr",
            ExprKind::BinOp { .. } => "BinOp",
            ExprKind::UnaryOp { .. } => "UnaryOp",
            ExprKind::Lambda { .. } => "Lambda",
            ExprKind::IfExp { .. } => "IfExp",
            ExprKind::Dict { .. } => "Dict",
            ExprKind::Set { .. } => "Set",
            ExprKind::ListComp { .. } => "ListComp",
            ExprKind::SetComp { .. } => "SetComp",
            ExprKind::DictComp { .. } => "DictComp",
            ExprKind::GeneratorExp { .. } => "GeneratorExp",
            ExprKind::Await { .. } => "Await",
            ExprKind::Yield { .. } => "Yield",
            ExprKind::YieldFrom { .. } => "YieldFrom",
            ExprKind::Compare { .. } => "Compare",
            ExprKind::Call { .. } => "Call",
            ExprKind::FormattedValue { .. } => "FormattedValue",
            ExprKind::JoinedStr { .. } => "JoinedStr",
            ExprKind::Constant { .. } => "Constant",
            ExprKind::Attribute { .. } => "Attribute",
            ExprKind::Subscript { .. } => "Subscript",
            ExprKind::Starred { .. } => "Starred",
            ExprKind::Name { .. } => "Name",
            ExprKind::List { .. } => "List",
            ExprKind::Tuple { .. } => "Tuple",
            ExprKind::Slice { .. } => "Slice",
        }
    }
}

impl PatternKind {
    /// The CPython class name of this pattern.
    pub fn name(&self) -> &'static str {
        match self {
            PatternKind::MatchValue { .. } => "MatchValue",
            PatternKind::MatchSingleton { .. } => "MatchSingleton",
            PatternKind::MatchSequence { .. } => "MatchSequence",
            PatternKind::MatchMapping { .. } => "MatchMapping",
            PatternKind::MatchClass { .. } => "MatchClass",
            PatternKind::MatchStar { .. } => "MatchStar",
            PatternKind::MatchAs { .. } => "MatchAs",
            PatternKind::MatchOr { .. } => "MatchOr",
        }
    }
}
