//! Compiled code: `CodeUnit` is what the compiler produces (plain data,
//! `Send + Sync`, cacheable in the database); `Code` is its runtime form with
//! constants materialized as Python values (docs/eval.md, "Code").

use std::sync::Arc;

use num_bigint::BigInt;

use crate::value::Value;

/// One instruction. Jump targets are instruction indexes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Instr {
    Nop,
    PopTop,
    /// Push a copy of the item `n` deep (1 = top).
    Copy(u32),
    /// Swap the top with the item `n` deep.
    Swap(u32),
    LoadConst(u32),
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    /// Cells then free variables, by index into `cellvars ++ freevars`.
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    /// Push the cell object itself (to build a closure).
    LoadClosure(u32),
    /// Class bodies: a free variable looked up in the class namespace first.
    LoadClassDeref(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),
    LoadAttr(u32),
    StoreAttr(u32),
    DeleteAttr(u32),
    /// Push `[function, self]` when the attribute is a plain function found
    /// on the class, else `[attribute, NULL]` (the VM's `null` marker).
    LoadMethod(u32),
    /// `n` arguments above `[function, self]` or `[callable, NULL]`.
    CallMethod(u32),
    BinarySubscr,
    StoreSubscr,
    DeleteSubscr,
    BinaryOp(BinOp),
    UnaryNegative,
    UnaryPositive,
    UnaryNot,
    UnaryInvert,
    CompareOp(CmpOp),
    IsOp(bool),
    ContainsOp(bool),
    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    PopJumpIfNone(u32),
    PopJumpIfNotNone(u32),
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    GetIter,
    /// Next item of the iterator on top, or pop it and jump.
    ForIter(u32),
    BuildList(u32),
    BuildTuple(u32),
    BuildSet(u32),
    /// `n` key/value pairs.
    BuildMap(u32),
    /// Keys in a constant tuple on top, then `n` values below it.
    BuildConstKeyMap(u32),
    BuildString(u32),
    /// 2 or 3 items.
    BuildSlice(u32),
    ListAppend(u32),
    SetAdd(u32),
    MapAdd(u32),
    ListExtend(u32),
    SetUpdate(u32),
    DictUpdate(u32),
    /// Like DictUpdate but for `**` in calls: duplicate keys are an error.
    DictMerge(u32),
    ListToTuple,
    UnpackSequence(u32),
    /// Low byte: names before the star; high bytes: names after.
    UnpackEx(u32),
    /// `n` positional arguments (the keyword names, if any, were set by
    /// `KwNames`), callable below them.
    Call(u32),
    KwNames(u32),
    /// Flag 1: a mapping of keyword arguments on top.
    CallFunctionEx(u32),
    /// Flags: 1 defaults tuple, 2 kwdefaults dict, 4 annotations, 8 closure.
    MakeFunction(u32),
    ReturnValue,
    /// 0: re-raise; 1: raise TOS; 2: raise TOS1 from TOS.
    RaiseVarargs(u32),
    /// Re-raise TOS (from a handler or `finally`); with the flag, first
    /// restore the instruction index pushed under it.
    Reraise(u32),
    /// In a handler: push the exception being handled (save the previous).
    PushExcInfo,
    /// Leave a handler: restore the previously handled exception from TOS.
    PopExcept,
    /// TOS is the exception class(es); TOS1 the exception; push the match.
    CheckExcMatch,
    /// `except*` matching: leaves `[rest, match]`.
    CheckEgMatch,
    PrepReraiseStar,
    /// Flags: low 2 bits conversion (0 none, 1 str, 2 repr, 3 ascii); 4 a
    /// format spec on top.
    FormatValue(u32),
    ImportName(u32),
    ImportFrom(u32),
    ImportStar,
    LoadBuildClass,
    LoadAssertionError,
    SetupAnnotations,
    /// Yield TOS from a generator; the value sent in is pushed on resume.
    YieldValue,
    /// Drive the sub-iterator below TOS with TOS (sent value); at its end
    /// jump with its return value.
    Send(u32),
    GetYieldFromIter,
    GetAwaitable,
    GetAiter,
    GetAnext,
    EndAsyncFor,
    /// `async with`: push the bound `__aexit__`, then the awaitable of
    /// `__aenter__()`.
    BeforeAsyncWith,
    /// In an async generator, mark the value a `yield` produces.
    AsyncGenWrap,
    BeforeWith,
    /// Call the `__exit__` under the exception with it (the exception
    /// triple) and push the result.
    WithExceptStart,
    ReturnGenerator,
    /// Match support.
    GetLen,
    MatchMapping,
    MatchSequence,
    MatchKeys,
    MatchClass(u32),
    /// `{**rest}` in a mapping pattern: TOS (the keys) becomes a copy of
    /// the subject below it without those keys.
    CopyDictWithoutKeys,
    /// Pattern helpers for the compiler: push `len(TOS) >= n` etc.
    CopyFreeVars(u32),
    /// Prints TOS through `sys.displayhook` (interactive and `single` mode).
    PrintExpr,
    /// Deleting a name that must be unbound at block end (`except E as e`).
    Unreachable,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
    InplaceAdd,
    InplaceSub,
    InplaceMul,
    InplaceMatMul,
    InplaceTrueDiv,
    InplaceFloorDiv,
    InplaceMod,
    InplacePow,
    InplaceLShift,
    InplaceRShift,
    InplaceAnd,
    InplaceOr,
    InplaceXor,
}

impl BinOp {
    pub fn from_ast(op: pyx_syntax::ast::Operator, inplace: bool) -> BinOp {
        use pyx_syntax::ast::Operator as O;
        let b = match op {
            O::Add => BinOp::Add,
            O::Sub => BinOp::Sub,
            O::Mult => BinOp::Mul,
            O::MatMult => BinOp::MatMul,
            O::Div => BinOp::TrueDiv,
            O::Mod => BinOp::Mod,
            O::Pow => BinOp::Pow,
            O::LShift => BinOp::LShift,
            O::RShift => BinOp::RShift,
            O::BitOr => BinOp::Or,
            O::BitXor => BinOp::Xor,
            O::BitAnd => BinOp::And,
            O::FloorDiv => BinOp::FloorDiv,
        };
        if inplace {
            b.inplace()
        } else {
            b
        }
    }

    pub fn inplace(self) -> BinOp {
        match self {
            BinOp::Add => BinOp::InplaceAdd,
            BinOp::Sub => BinOp::InplaceSub,
            BinOp::Mul => BinOp::InplaceMul,
            BinOp::MatMul => BinOp::InplaceMatMul,
            BinOp::TrueDiv => BinOp::InplaceTrueDiv,
            BinOp::FloorDiv => BinOp::InplaceFloorDiv,
            BinOp::Mod => BinOp::InplaceMod,
            BinOp::Pow => BinOp::InplacePow,
            BinOp::LShift => BinOp::InplaceLShift,
            BinOp::RShift => BinOp::InplaceRShift,
            BinOp::And => BinOp::InplaceAnd,
            BinOp::Or => BinOp::InplaceOr,
            BinOp::Xor => BinOp::InplaceXor,
            other => other,
        }
    }

    /// The operator without its in-place form.
    pub fn base(self) -> BinOp {
        match self {
            BinOp::InplaceAdd => BinOp::Add,
            BinOp::InplaceSub => BinOp::Sub,
            BinOp::InplaceMul => BinOp::Mul,
            BinOp::InplaceMatMul => BinOp::MatMul,
            BinOp::InplaceTrueDiv => BinOp::TrueDiv,
            BinOp::InplaceFloorDiv => BinOp::FloorDiv,
            BinOp::InplaceMod => BinOp::Mod,
            BinOp::InplacePow => BinOp::Pow,
            BinOp::InplaceLShift => BinOp::LShift,
            BinOp::InplaceRShift => BinOp::RShift,
            BinOp::InplaceAnd => BinOp::And,
            BinOp::InplaceOr => BinOp::Or,
            BinOp::InplaceXor => BinOp::Xor,
            other => other,
        }
    }

    pub fn is_inplace(self) -> bool {
        self.base() != self
    }

    /// The operator as written (`+`, `+=`), for error messages.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::MatMul => "@",
            BinOp::TrueDiv => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "** or pow()",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Xor => "^",
            BinOp::InplaceAdd => "+=",
            BinOp::InplaceSub => "-=",
            BinOp::InplaceMul => "*=",
            BinOp::InplaceMatMul => "@=",
            BinOp::InplaceTrueDiv => "/=",
            BinOp::InplaceFloorDiv => "//=",
            BinOp::InplaceMod => "%=",
            BinOp::InplacePow => "**=",
            BinOp::InplaceLShift => "<<=",
            BinOp::InplaceRShift => ">>=",
            BinOp::InplaceAnd => "&=",
            BinOp::InplaceOr => "|=",
            BinOp::InplaceXor => "^=",
        }
    }

    /// `(__op__, __rop__, __iop__)`.
    pub fn dunders(self) -> (&'static str, &'static str, &'static str) {
        match self.base() {
            BinOp::Add => ("__add__", "__radd__", "__iadd__"),
            BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
            BinOp::Mul => ("__mul__", "__rmul__", "__imul__"),
            BinOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
            BinOp::TrueDiv => ("__truediv__", "__rtruediv__", "__itruediv__"),
            BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
            BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
            BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
            BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
            BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
            BinOp::And => ("__and__", "__rand__", "__iand__"),
            BinOp::Or => ("__or__", "__ror__", "__ior__"),
            BinOp::Xor => ("__xor__", "__rxor__", "__ixor__"),
            _ => unreachable!("base() returns a non-inplace operator"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }

    pub fn dunder(self) -> &'static str {
        match self {
            CmpOp::Lt => "__lt__",
            CmpOp::Le => "__le__",
            CmpOp::Eq => "__eq__",
            CmpOp::Ne => "__ne__",
            CmpOp::Gt => "__gt__",
            CmpOp::Ge => "__ge__",
        }
    }

    /// The reflected operator (`a < b` is `b > a`).
    pub fn swapped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Eq => CmpOp::Eq,
            CmpOp::Ne => CmpOp::Ne,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
        }
    }
}

/// A literal constant of a code unit.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Const {
    None,
    Bool(bool),
    Ellipsis,
    Int(BigInt),
    Float(f64),
    Complex(f64, f64),
    Str(pyx_syntax::ast::PyStr),
    Bytes(Vec<u8>),
    Tuple(Vec<Const>),
    /// Only from a `Constant` of a tree built in Python.
    FrozenSet(Vec<Const>),
    Code(Arc<CodeUnit>),
}

/// A source position per instruction: lines 1-based, columns 0-based in
/// UTF-8 bytes (as in the AST). `line == 0` means none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Position {
    pub line: u32,
    pub end_line: u32,
    pub col: u32,
    pub end_col: u32,
}

/// One entry of the exception table: instructions `start..end` are handled
/// at `target`, after unwinding the value stack to `depth`; with `lasti`,
/// the failing instruction's index is pushed first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExcEntry {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub depth: u32,
    pub lasti: bool,
}

pub mod flags {
    pub const OPTIMIZED: u32 = 1;
    pub const NEWLOCALS: u32 = 2;
    pub const VARARGS: u32 = 4;
    pub const VARKEYWORDS: u32 = 8;
    pub const NESTED: u32 = 16;
    pub const GENERATOR: u32 = 32;
    pub const COROUTINE: u32 = 0x80;
    pub const ITERABLE_COROUTINE: u32 = 0x100;
    pub const ASYNC_GENERATOR: u32 = 0x200;
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CodeUnit {
    pub name: String,
    pub qualname: String,
    pub filename: String,
    pub firstlineno: u32,
    pub flags: u32,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub instrs: Vec<Instr>,
    pub positions: Vec<Position>,
    pub consts: Vec<Const>,
    pub names: Vec<String>,
    pub varnames: Vec<String>,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    /// For each cell variable that is also a parameter: its varnames index.
    pub cell_params: Vec<(u32, u32)>,
    pub exc_table: Vec<ExcEntry>,
    pub docstring: Option<pyx_syntax::ast::PyStr>,
}

/// The runtime form of a `CodeUnit`.
pub struct Code {
    pub unit: Arc<CodeUnit>,
    pub consts: Vec<Value>,
    /// Interned `str` values of `names`.
    pub names: Vec<Value>,
    pub varnames: Vec<Value>,
    pub name: Value,
    pub qualname: Value,
    /// Source lines of the file, for tracebacks.
    pub source: Option<std::rc::Rc<str>>,
    /// The code object showing this code, while one lives: every
    /// `f.__code__`, `gi_code` and `f_code` of it is the same object.
    pub obj: std::cell::RefCell<std::rc::Weak<crate::value::Object>>,
    /// A function CPython implements in C (see [`is_c_accelerated`]): its
    /// frames are left out of tracebacks and `sys._getframe` chains.
    pub hidden: bool,
    /// `LOAD_GLOBAL`'s inline cache, one slot per name (made on first use).
    pub globals_cache: std::cell::RefCell<Vec<GlobalSlot>>,
}

/// Where `LOAD_GLOBAL` last found a name, valid while the dicts it looked
/// in have the versions it saw (a dict's version changes whenever a key is
/// added or removed, so a key's entry position holds until then). The
/// globals are remembered by a weak reference: while the slot holds it,
/// the dict's address cannot be reused by another dict, so address and
/// version name one state of one dict.
#[derive(Clone, Default)]
pub struct GlobalSlot {
    pub globals: std::rc::Weak<crate::value::Object>,
    pub globals_version: u64,
    /// Found in the globals at `pos`; else in the builtins at `pos`.
    pub in_globals: bool,
    pub pos: u32,
    /// For a builtin: the builtins' version, and the globals' own
    /// `__builtins__` entry (its position and the object it held, which
    /// was the real builtins), if the globals have one.
    pub builtins_version: u64,
    pub builtins_entry: Option<(u32, std::rc::Weak<crate::value::Object>)>,
}

/// Functions of the pure-Python standard library that CPython 3.11 runs
/// as C code from an accelerator module pyx does not have (`_asyncio`'s
/// Future and Task, its running-loop functions): in CPython they have no
/// Python frame, so tracebacks and frame chains must not show theirs.
pub fn is_c_accelerated(filename: &str, qualname: &str) -> bool {
    let Some(base) = filename.rsplit_once('/').map(|(dir, f)| (dir.rsplit('/').next().unwrap_or(""), f)) else { return false };
    match base {
        ("asyncio", "futures.py") => qualname.starts_with("Future."),
        ("asyncio", "tasks.py") => {
            qualname.starts_with("Task.") || matches!(qualname, "_register_task" | "_unregister_task" | "_enter_task" | "_leave_task")
        }
        ("asyncio", "events.py") => {
            matches!(qualname, "_get_running_loop" | "_set_running_loop" | "get_running_loop" | "get_event_loop" | "_get_event_loop")
        }
        _ => false,
    }
}

impl Code {
    pub fn nlocals(&self) -> usize {
        self.unit.varnames.len()
    }
    pub fn ncells(&self) -> usize {
        self.unit.cellvars.len() + self.unit.freevars.len()
    }
}

/// A listing of a code unit and the units nested in it (`PYX_DIS=1`, for
/// debugging the compiler).
pub fn disassemble(unit: &CodeUnit) -> String {
    let mut out = format!("== {} ({}) argc={} flags={:#x}\n", unit.qualname, unit.filename, unit.argcount, unit.flags);
    out.push_str(&format!("   varnames={:?} cells={:?} free={:?}\n", unit.varnames, unit.cellvars, unit.freevars));
    for (i, ins) in unit.instrs.iter().enumerate() {
        let p = unit.positions.get(i).copied().unwrap_or_default();
        out.push_str(&format!("{:4} {:4}:{:<3} {:?}\n", i, p.line, p.col, ins));
    }
    for e in &unit.exc_table {
        out.push_str(&format!("   exc {}..{} -> {} depth={} lasti={}\n", e.start, e.end, e.target, e.depth, e.lasti));
    }
    for c in &unit.consts {
        if let Const::Code(u) = c {
            out.push_str(&disassemble(u));
        }
    }
    out
}
