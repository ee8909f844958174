//! The compiler: AST + symbol tables → `CodeUnit` (docs/eval.md).
//!
//! Name operations follow the symbol tables (which are CPython's), and
//! exception handling uses a table of instruction ranges, as CPython 3.11's
//! compiler does: each instruction records the innermost handler active when
//! it was emitted, and the table is the runs of equal handlers.

use std::collections::HashMap;
use std::sync::Arc;

use pyx_semantics::symtable::{self, BlockKind, ScopeId, SymbolScope, SymbolTable};
use pyx_syntax::ast::{self, Constant, Expr, ExprContext, ExprKind, Pos, Stmt, StmtKind};
use pyx_syntax::TextRange;

use crate::code::{flags, BinOp, CmpOp, Const, CodeUnit, ExcEntry, Instr, Position};

mod patterns;

/// Set on `ListExtend`'s depth when the list is a call's `*args`.
pub const CALL_ARGS: u32 = 1 << 16;

/// A compile-time error: CPython raises these as `SyntaxError`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    pub msg: String,
    pub lineno: u32,
    /// 0-based UTF-8 column.
    pub col: u32,
    pub end_col: u32,
    /// `SyntaxError` or, for constructs pyx cannot run yet, `NotImplementedError`.
    pub kind: &'static str,
}

type R<T = ()> = Result<T, CompileError>;

thread_local! {
    /// How deeply expressions may nest (CPython: three times the recursion
    /// depth left when compiling starts).
    static DEPTH_LIMIT: std::cell::Cell<u32> = const { std::cell::Cell::new(3000) };
}

/// Set the expression nesting limit of the compilations that follow.
pub fn set_depth_limit(n: u32) {
    DEPTH_LIMIT.with(|d| d.set(n));
}

/// Compile a module whose symbol tables are `table`.
pub fn compile_module(module: &ast::Module, table: &SymbolTable, source: &str, filename: &str) -> R<CodeUnit> {
    let mut c = Compiler { table, source, filename: filename.to_string(), units: Vec::new(), star_finally: false, interactive: false, next_async_def: false, future_lineno: 0, depth: 0, depth_limit: DEPTH_LIMIT.with(|d| d.get()) };
    c.push_unit(table.root(), "<module>".into(), "<module>".into(), 1, None);
    c.future_lineno = future_lineno(&module.body);
    let body = &module.body;
    // A docstring is stored in `__doc__`.
    let start = if let Some(doc) = docstring(body) {
        c.set_pos(&body[0].pos);
        c.load_const(Const::Str(doc.clone()));
        c.store_name("__doc__");
        1
    } else {
        0
    };
    if has_annotations(body) {
        c.emit(Instr::SetupAnnotations);
    }
    let n = body.len();
    for (i, s) in body[start..].iter().enumerate() {
        c.stmt(s)?;
        let _ = (i, n);
    }
    c.load_const(Const::None);
    c.emit(Instr::ReturnValue);
    Ok(c.pop_unit())
}

/// Compile a module for `compile(..., "single")`: expression statements
/// print their values through `sys.displayhook`.
pub fn compile_interactive(module: &ast::Module, table: &SymbolTable, source: &str, filename: &str) -> R<CodeUnit> {
    let mut c = Compiler { table, source, filename: filename.to_string(), units: Vec::new(), star_finally: false, interactive: true, next_async_def: false, future_lineno: 0, depth: 0, depth_limit: DEPTH_LIMIT.with(|d| d.get()) };
    c.push_unit(table.root(), "<module>".into(), "<module>".into(), 1, None);
    c.future_lineno = future_lineno(&module.body);
    for s in &module.body {
        c.stmt(s)?;
    }
    c.load_const(Const::None);
    c.emit(Instr::ReturnValue);
    Ok(c.pop_unit())
}

/// Compile an expression for `eval()`: the code returns its value.
pub fn compile_expression(expr: &Expr, table: &SymbolTable, source: &str, filename: &str) -> R<CodeUnit> {
    let mut c = Compiler { table, source, filename: filename.to_string(), units: Vec::new(), star_finally: false, interactive: false, next_async_def: false, future_lineno: 0, depth: 0, depth_limit: DEPTH_LIMIT.with(|d| d.get()) };
    c.push_unit(table.root(), "<module>".into(), "<module>".into(), 1, None);
    c.expr(expr)?;
    c.emit(Instr::ReturnValue);
    Ok(c.pop_unit())
}

/// future.c's `future_parse`: the line of the last `from __future__`
/// import before the first other statement (a docstring excepted).
fn future_lineno(body: &[Stmt]) -> u32 {
    let start = usize::from(docstring(body).is_some());
    let mut line = 0;
    for s in &body[start.min(body.len())..] {
        match &s.kind {
            StmtKind::ImportFrom { module: Some(m), .. } if m == "__future__" => line = s.pos.lineno,
            _ => break,
        }
    }
    line
}

fn docstring(body: &[Stmt]) -> Option<&ast::PyStr> {
    match body.first().map(|s| &s.kind) {
        Some(StmtKind::Expr { value }) => match &value.kind {
            ExprKind::Constant { value: Constant::Str(s), .. } => Some(s),
            _ => None,
        },
        _ => None,
    }
}

fn has_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::AnnAssign { simple: true, target, .. } => matches!(target.kind, ExprKind::Name { .. }),
        StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
            has_annotations(body) || has_annotations(orelse)
        }
        StmtKind::For { body, orelse, .. } | StmtKind::AsyncFor { body, orelse, .. } => {
            has_annotations(body) || has_annotations(orelse)
        }
        StmtKind::With { body, .. } | StmtKind::AsyncWith { body, .. } => has_annotations(body),
        StmtKind::Try { body, handlers, orelse, finalbody } | StmtKind::TryStar { body, handlers, orelse, finalbody } => {
            has_annotations(body)
                || has_annotations(orelse)
                || has_annotations(finalbody)
                || handlers.iter().any(|h| has_annotations(&h.body))
        }
        StmtKind::Match { cases, .. } => cases.iter().any(|c| has_annotations(&c.body)),
        _ => false,
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
struct Label(u32);

/// A block that `return`, `break` and `continue` must unwind through.
#[derive(Clone)]
enum FBlock {
    /// A `for` loop: its iterator is on the stack.
    For { cont: Label, brk: Label },
    While { cont: Label, brk: Label },
    /// Inside `try` of a try/finally: run the final body on the way out.
    TryFinally { body: *const [Stmt] },
    /// Inside the final body run for an exception: `[prev, exc]` on the stack.
    FinallyEnd,
    /// Inside `with`: the `__exit__` is on the stack.
    With,
    /// Inside `async with`: the `__aexit__` is on the stack.
    AsyncWith,
    /// Inside an `except` body: the previous exception is on the stack.
    HandlerBody { name: Option<String> },
    /// A `try` body with handlers (its handler entry must be popped).
    TryExcept,
    /// An `except*` handler body: `break`, `continue` and `return` may not
    /// leave it.
    ExceptStar,
}

#[derive(Clone, Copy)]
struct Handler {
    target: Label,
    depth: u32,
}

struct Unit {
    scope: ScopeId,
    kind: BlockKind,
    name: String,
    qualname: String,
    firstlineno: u32,
    /// The class whose names are mangled here.
    class_name: Option<String>,
    instrs: Vec<Instr>,
    positions: Vec<Position>,
    /// The handler (index into `handlers`) each instruction is covered by.
    covers: Vec<Option<u32>>,
    handlers: Vec<Handler>,
    handler_stack: Vec<u32>,
    consts: Vec<Const>,
    names: Vec<String>,
    name_ix: HashMap<String, u32>,
    varnames: Vec<String>,
    var_ix: HashMap<String, u32>,
    cellvars: Vec<String>,
    freevars: Vec<String>,
    labels: Vec<Option<u32>>,
    /// Structural value-stack depth at statement level.
    depth: u32,
    fblocks: Vec<FBlock>,
    /// For each entry of `fblocks`: the handler stack's length when it was
    /// entered (its own handler is the last one pushed before it).
    fblock_hs: Vec<usize>,
    pos: Position,
    children: HashMap<(u32, u32), ScopeId>,
    flags: u32,
    argcount: u32,
    posonlyargcount: u32,
    kwonlyargcount: u32,
    docstring: Option<ast::PyStr>,
    /// The code of an `async def` (CPython's COMPILER_SCOPE_ASYNC_FUNCTION).
    async_def: bool,
}

struct Compiler<'t> {
    table: &'t SymbolTable,
    /// Expressions being compiled, nested.
    depth: u32,
    depth_limit: u32,
    /// The source text (empty for a tree built from `ast` objects); string
    /// annotations are unparsed from the tree, as CPython does.
    #[allow(dead_code)]
    source: &'t str,
    filename: String,
    units: Vec<Unit>,
    /// The next `try_finally` wraps a `try`/`except*`.
    star_finally: bool,
    /// `compile(..., "single")`: module-level expression values are shown.
    interactive: bool,
    /// The next function body compiled is an `async def`'s.
    next_async_def: bool,
    /// The line of the last `from __future__` import of the module's
    /// leading block (future.c's `ff_lineno`).
    future_lineno: u32,
}

/// CPython's compile-time check: only the last case may be irrefutable.
fn check_reachable(cases: &[ast::MatchCase]) -> R {
    use ast::PatternKind;
    fn irrefutable(p: &ast::Pattern) -> Option<Option<&str>> {
        match &p.kind {
            PatternKind::MatchAs { pattern: None, name } => Some(name.as_deref()),
            PatternKind::MatchAs { pattern: Some(inner), .. } => irrefutable(inner),
            PatternKind::MatchOr { patterns } => patterns.iter().find_map(irrefutable),
            _ => None,
        }
    }
    for (i, c) in cases.iter().enumerate() {
        if i + 1 == cases.len() || c.guard.is_some() {
            continue;
        }
        if let Some(name) = irrefutable(&c.pattern) {
            let msg = match name {
                Some(n) => format!("name capture '{n}' makes remaining patterns unreachable"),
                None => "wildcard makes remaining patterns unreachable".to_string(),
            };
            return Err(err(&c.pattern.pos, msg));
        }
    }
    Ok(())
}

fn err(pos: &Pos, msg: impl Into<String>) -> CompileError {
    CompileError {
        msg: msg.into(),
        lineno: pos.lineno,
        col: pos.col_offset,
        end_col: pos.end_col_offset,
        kind: "SyntaxError",
    }
}


fn key(r: TextRange) -> (u32, u32) {
    (r.start().into(), r.end().into())
}

impl<'t> Compiler<'t> {
    fn u(&mut self) -> &mut Unit {
        self.units.last_mut().expect("a unit is always open while compiling")
    }

    fn ur(&self) -> &Unit {
        self.units.last().expect("a unit is always open while compiling")
    }

    fn push_unit(&mut self, scope: ScopeId, name: String, qualname: String, firstlineno: u32, class_name: Option<String>) {
        let s = self.table.scope(scope);
        let mut children = HashMap::new();
        for &c in &s.children {
            children.insert(key(self.table.scope(c).range), c);
        }
        let mut varnames = Vec::new();
        let mut var_ix = HashMap::new();
        let mut cellvars = Vec::new();
        let mut freevars = Vec::new();
        if s.kind == BlockKind::Function {
            for p in &s.varnames {
                var_ix.insert(p.clone(), varnames.len() as u32);
                varnames.push(p.clone());
            }
            for (n, sym) in &s.symbols {
                if sym.scope == SymbolScope::Local && !var_ix.contains_key(n) {
                    var_ix.insert(n.clone(), varnames.len() as u32);
                    varnames.push(n.clone());
                }
            }
        }
        for (n, sym) in &s.symbols {
            match sym.scope {
                SymbolScope::Cell => cellvars.push(n.clone()),
                SymbolScope::Free => freevars.push(n.clone()),
                // A class-local name that methods see as free: the class
                // passes the enclosing cell on (CPython's DEF_FREE_CLASS).
                _ if s.kind == BlockKind::Class && sym.has(symtable::flags::DEF_FREE_CLASS) => freevars.push(n.clone()),
                _ => {}
            }
        }
        if s.kind == BlockKind::Class && s.needs_class_closure {
            cellvars.push("__class__".into());
        }
        cellvars.sort();
        freevars.sort();
        let mut flags = 0;
        if s.kind == BlockKind::Function {
            flags |= flags::OPTIMIZED | flags::NEWLOCALS;
            if s.varargs {
                flags |= flags::VARARGS;
            }
            if s.varkeywords {
                flags |= flags::VARKEYWORDS;
            }
            if s.generator && s.coroutine {
                flags |= flags::ASYNC_GENERATOR;
            } else if s.generator {
                flags |= flags::GENERATOR;
            } else if s.coroutine {
                flags |= flags::COROUTINE;
            }
        }
        if s.nested {
            flags |= flags::NESTED;
        }
        self.units.push(Unit {
            scope,
            kind: s.kind,
            name,
            qualname,
            firstlineno,
            class_name,
            instrs: Vec::new(),
            positions: Vec::new(),
            covers: Vec::new(),
            handlers: Vec::new(),
            handler_stack: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            name_ix: HashMap::new(),
            varnames,
            var_ix,
            cellvars,
            freevars,
            labels: Vec::new(),
            depth: 0,
            fblocks: Vec::new(),
            fblock_hs: Vec::new(),
            pos: Position { line: firstlineno, end_line: firstlineno, col: 0, end_col: 0 },
            children,
            flags,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            docstring: None,
            async_def: std::mem::take(&mut self.next_async_def),
        });
    }

    fn pop_unit(&mut self) -> CodeUnit {
        let u = self.units.pop().expect("pop_unit after push_unit");
        // Resolve labels.
        let resolve = |l: u32| u.labels[l as usize].expect("every label used is placed");
        let instrs: Vec<Instr> = u
            .instrs
            .iter()
            .map(|&i| match i {
                Instr::Jump(l) => Instr::Jump(resolve(l)),
                Instr::PopJumpIfFalse(l) => Instr::PopJumpIfFalse(resolve(l)),
                Instr::PopJumpIfTrue(l) => Instr::PopJumpIfTrue(resolve(l)),
                Instr::PopJumpIfNone(l) => Instr::PopJumpIfNone(resolve(l)),
                Instr::PopJumpIfNotNone(l) => Instr::PopJumpIfNotNone(resolve(l)),
                Instr::JumpIfFalseOrPop(l) => Instr::JumpIfFalseOrPop(resolve(l)),
                Instr::JumpIfTrueOrPop(l) => Instr::JumpIfTrueOrPop(resolve(l)),
                Instr::ForIter(l) => Instr::ForIter(resolve(l)),
                Instr::Send(l) => Instr::Send(resolve(l)),
                other => other,
            })
            .collect();
        let mut exc_table: Vec<ExcEntry> = Vec::new();
        let mut i = 0;
        while i < u.covers.len() {
            if let Some(h) = u.covers[i] {
                let start = i;
                while i < u.covers.len() && u.covers[i] == Some(h) {
                    i += 1;
                }
                let handler = u.handlers[h as usize];
                exc_table.push(ExcEntry {
                    start: start as u32,
                    end: i as u32,
                    target: resolve(handler.target.0),
                    depth: handler.depth,
                    lasti: false,
                });
            } else {
                i += 1;
            }
        }
        let s = self.table.scope(u.scope);
        let cell_params = u
            .cellvars
            .iter()
            .enumerate()
            .filter_map(|(ci, n)| s.varnames.iter().position(|p| p == n).map(|vi| (ci as u32, vi as u32)))
            .collect();
        CodeUnit {
            name: u.name,
            qualname: u.qualname,
            filename: self.filename.clone(),
            firstlineno: u.firstlineno,
            flags: u.flags,
            argcount: u.argcount,
            posonlyargcount: u.posonlyargcount,
            kwonlyargcount: u.kwonlyargcount,
            instrs,
            positions: u.positions,
            consts: u.consts,
            names: u.names,
            varnames: u.varnames,
            cellvars: u.cellvars,
            freevars: u.freevars,
            cell_params,
            exc_table,
            docstring: u.docstring,
        }
    }

    // ---- emission -------------------------------------------------------

    fn set_pos(&mut self, pos: &Pos) {
        self.u().pos = Position { line: pos.lineno, end_line: pos.end_lineno, col: pos.col_offset, end_col: pos.end_col_offset };
    }

    fn emit(&mut self, i: Instr) {
        let u = self.u();
        u.instrs.push(i);
        u.positions.push(u.pos);
        let h = u.handler_stack.last().copied();
        u.covers.push(h);
    }

    fn new_label(&mut self) -> Label {
        let u = self.u();
        u.labels.push(None);
        Label(u.labels.len() as u32 - 1)
    }

    fn place(&mut self, l: Label) {
        let u = self.u();
        u.labels[l.0 as usize] = Some(u.instrs.len() as u32);
    }

    /// Start covering instructions with a handler at `target`, the stack cut
    /// back to the current structural depth plus `extra`.
    fn push_handler(&mut self, target: Label, extra: u32) {
        let u = self.u();
        let depth = u.depth + extra;
        u.handlers.push(Handler { target, depth });
        let ix = u.handlers.len() as u32 - 1;
        u.handler_stack.push(ix);
    }

    fn pop_handler(&mut self) {
        self.u().handler_stack.pop();
    }

    fn add_const(&mut self, c: Const) -> u32 {
        let u = self.u();
        // Reuse equal constants (floats compared by bits so 0.0 and -0.0 differ).
        for (i, k) in u.consts.iter().enumerate() {
            let same = match (k, &c) {
                (Const::Float(a), Const::Float(b)) => a.to_bits() == b.to_bits(),
                (Const::Bool(_), Const::Int(_)) | (Const::Int(_), Const::Bool(_)) => false,
                (Const::Code(_), _) | (_, Const::Code(_)) => false,
                _ => k == &c,
            };
            if same {
                return i as u32;
            }
        }
        u.consts.push(c);
        u.consts.len() as u32 - 1
    }

    fn load_const(&mut self, c: Const) {
        let i = self.add_const(c);
        self.emit(Instr::LoadConst(i));
    }

    fn name_index(&mut self, name: &str) -> u32 {
        let u = self.u();
        if let Some(&i) = u.name_ix.get(name) {
            return i;
        }
        let i = u.names.len() as u32;
        u.names.push(name.to_string());
        u.name_ix.insert(name.to_string(), i);
        i
    }

    fn mangle(&self, name: &str) -> String {
        symtable::mangle(self.ur().class_name.as_deref(), name)
    }

    fn store_name(&mut self, name: &str) {
        let i = self.name_index(name);
        self.emit(Instr::StoreName(i));
    }

    // ---- names ----------------------------------------------------------

    fn name_op(&mut self, raw: &str, ctx: ExprContext) {
        let name = self.mangle(raw);
        let (scope_kind, sym_scope) = {
            let u = self.ur();
            let s = self.table.scope(u.scope);
            let sc = s.symbols.get(&name).map(|s| s.scope).unwrap_or(SymbolScope::GlobalImplicit);
            (u.kind, sc)
        };
        let deref_ix = |c: &Self| -> Option<u32> {
            let u = c.ur();
            if let Some(i) = u.cellvars.iter().position(|n| *n == name) {
                return Some(i as u32);
            }
            u.freevars.iter().position(|n| *n == name).map(|i| (u.cellvars.len() + i) as u32)
        };
        enum Op {
            Fast(u32),
            Deref(u32),
            ClassDeref(u32),
            Global,
            Name,
        }
        let op = match sym_scope {
            SymbolScope::Free | SymbolScope::Cell => match deref_ix(self) {
                Some(i) if scope_kind == BlockKind::Class && sym_scope == SymbolScope::Free => Op::ClassDeref(i),
                Some(i) => Op::Deref(i),
                None => Op::Name,
            },
            SymbolScope::Local if scope_kind == BlockKind::Function => match self.ur().var_ix.get(&name) {
                Some(&i) => Op::Fast(i),
                None => Op::Name,
            },
            SymbolScope::GlobalExplicit => Op::Global,
            SymbolScope::GlobalImplicit if scope_kind == BlockKind::Function => Op::Global,
            _ => Op::Name,
        };
        let instr = match (op, ctx) {
            (Op::Fast(i), ExprContext::Load) => Instr::LoadFast(i),
            (Op::Fast(i), ExprContext::Store) => Instr::StoreFast(i),
            (Op::Fast(i), ExprContext::Del) => Instr::DeleteFast(i),
            (Op::Deref(i), ExprContext::Load) => Instr::LoadDeref(i),
            (Op::ClassDeref(i), ExprContext::Load) => Instr::LoadClassDeref(i),
            (Op::Deref(i) | Op::ClassDeref(i), ExprContext::Store) => Instr::StoreDeref(i),
            (Op::Deref(i) | Op::ClassDeref(i), ExprContext::Del) => Instr::DeleteDeref(i),
            (Op::Global, c) => {
                let i = self.name_index(&name);
                match c {
                    ExprContext::Load => Instr::LoadGlobal(i),
                    ExprContext::Store => Instr::StoreGlobal(i),
                    ExprContext::Del => Instr::DeleteGlobal(i),
                }
            }
            (Op::Name, c) => {
                let i = self.name_index(&name);
                match c {
                    ExprContext::Load => Instr::LoadName(i),
                    ExprContext::Store => Instr::StoreName(i),
                    ExprContext::Del => Instr::DeleteName(i),
                }
            }
        };
        self.emit(instr);
    }

    // ---- statements -----------------------------------------------------

    fn body(&mut self, stmts: &[Stmt]) -> R {
        for s in stmts {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> R {
        self.set_pos(&s.pos);
        match &s.kind {
            StmtKind::Expr { value } if self.interactive && self.units.len() == 1 => {
                // `single` mode: the value goes to sys.displayhook.
                self.expr(value)?;
                self.set_pos(&s.pos);
                self.emit(Instr::PrintExpr);
            }
            StmtKind::Expr { value } => {
                if matches!(value.kind, ExprKind::Constant { .. }) {
                    // A constant expression statement does nothing.
                    return Ok(());
                }
                self.expr(value)?;
                self.set_pos(&s.pos);
                self.emit(Instr::PopTop);
            }
            StmtKind::Pass => {}
            StmtKind::Assign { targets, value, .. } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Instr::Copy(1));
                    }
                    self.assign(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(s, target, *op, value)?,
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.assign(target)?;
                }
                if let ExprKind::Name { id, .. } = &target.kind {
                    if *simple && matches!(self.ur().kind, BlockKind::Module | BlockKind::Class) {
                        if self.table.future_annotations {
                            self.load_const(Const::Str(pyx_syntax::ast::unparse::expr_as_str(annotation)));
                        } else {
                            self.expr(annotation)?;
                        }
                        let ann = self.name_index("__annotations__");
                        self.emit(Instr::LoadName(ann));
                        let key = self.mangle(id);
                        self.load_const(Const::Str(key.into()));
                        self.emit(Instr::StoreSubscr);
                    }
                } else if value.is_none() {
                    // `a.b: int` evaluates the target's object (and `a[i]` its index).
                    match &target.kind {
                        ExprKind::Attribute { value, .. } => {
                            self.expr(value)?;
                            self.emit(Instr::PopTop);
                        }
                        ExprKind::Subscript { value, slice, .. } => {
                            self.expr(value)?;
                            self.emit(Instr::PopTop);
                            self.expr(slice)?;
                            self.emit(Instr::PopTop);
                        }
                        _ => {}
                    }
                }
            }
            StmtKind::Delete { targets } => {
                for t in targets {
                    self.delete(t)?;
                }
            }
            StmtKind::If { test, body, orelse } => {
                let end = self.new_label();
                let else_ = if orelse.is_empty() { end } else { self.new_label() };
                self.jump_if(test, false, else_)?;
                self.body(body)?;
                if !orelse.is_empty() {
                    self.emit(Instr::Jump(end.0));
                    self.place(else_);
                    self.body(orelse)?;
                }
                self.place(end);
            }
            StmtKind::While { test, body, orelse } => {
                let top = self.new_label();
                let brk = self.new_label();
                let else_ = self.new_label();
                self.place(top);
                self.jump_if(test, false, else_)?;
                self.push_fblock(FBlock::While { cont: top, brk });
                self.body(body)?;
                self.pop_fblock();
                self.emit(Instr::Jump(top.0));
                self.place(else_);
                self.body(orelse)?;
                self.place(brk);
            }
            StmtKind::For { target, iter, body, orelse, .. } => {
                self.expr(iter)?;
                self.set_pos(&iter.pos);
                self.emit(Instr::GetIter);
                let top = self.new_label();
                let exhausted = self.new_label();
                let brk = self.new_label();
                self.place(top);
                self.set_pos(&s.pos);
                self.emit(Instr::ForIter(exhausted.0));
                self.u().depth += 1;
                self.push_fblock(FBlock::For { cont: top, brk });
                self.assign(target)?;
                self.body(body)?;
                self.pop_fblock();
                self.u().depth -= 1;
                self.emit(Instr::Jump(top.0));
                self.place(exhausted);
                self.body(orelse)?;
                self.place(brk);
            }
            StmtKind::Break | StmtKind::Continue => {
                let is_break = matches!(s.kind, StmtKind::Break);
                let blocks = self.ur().fblocks.clone();
                let Some(li) = blocks.iter().rposition(|b| matches!(b, FBlock::For { .. } | FBlock::While { .. })) else {
                    return Err(err(&s.pos, if is_break { "'break' outside loop" } else { "'continue' not properly in loop" }));
                };
                // Unwind the blocks inside the loop, innermost first.
                let saved = self.u().fblocks.clone();
                let hs = self.ur().fblock_hs.clone();
                for i in (li + 1..blocks.len()).rev() {
                    self.u().fblocks.truncate(i);
                    self.u().fblock_hs.truncate(i);
                    self.unwind_at(&blocks, &hs, i, false)?;
                }
                self.u().fblocks = saved;
                self.u().fblock_hs = hs;
                self.set_pos(&s.pos);
                match blocks[li] {
                    FBlock::For { cont, brk } => {
                        if is_break {
                            self.emit(Instr::PopTop);
                            self.emit(Instr::Jump(brk.0));
                        } else {
                            self.emit(Instr::Jump(cont.0));
                        }
                    }
                    FBlock::While { cont, brk } => self.emit(Instr::Jump(if is_break { brk.0 } else { cont.0 })),
                    _ => unreachable!("rposition found a loop block"),
                }
            }
            StmtKind::Return { value } => {
                if self.ur().kind != BlockKind::Function {
                    return Err(err(&s.pos, "'return' outside function"));
                }
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Const::None),
                }
                let blocks = self.ur().fblocks.clone();
                let saved = blocks.clone();
                let hs = self.ur().fblock_hs.clone();
                for i in (0..blocks.len()).rev() {
                    self.u().fblocks.truncate(i);
                    self.u().fblock_hs.truncate(i);
                    self.unwind_at(&blocks, &hs, i, true)?;
                }
                self.u().fblocks = saved;
                self.u().fblock_hs = hs;
                self.set_pos(&s.pos);
                self.emit(Instr::ReturnValue);
            }
            StmtKind::FunctionDef(f) => self.function_def(s, f, false)?,
            StmtKind::AsyncFunctionDef(f) => self.function_def(s, f, true)?,
            StmtKind::ClassDef { name, bases, keywords, body, decorator_list } => {
                self.class_def(s, name, bases, keywords, body, decorator_list)?
            }
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.set_pos(&s.pos);
                self.emit(Instr::RaiseVarargs(n));
            }
            StmtKind::Assert { test, msg } => {
                let end = self.new_label();
                self.jump_if(test, true, end)?;
                self.set_pos(&test.pos);
                self.emit(Instr::LoadAssertionError);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.set_pos(&test.pos);
                    self.emit(Instr::Call(1));
                }
                self.emit(Instr::RaiseVarargs(1));
                self.place(end);
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse)?;
                } else {
                    self.try_finally(s, body, handlers, orelse, finalbody)?;
                }
            }
            StmtKind::With { items, body, .. } => self.with(s, items, body)?,
            StmtKind::Global { .. } | StmtKind::Nonlocal { .. } => {}
            StmtKind::Import { names } => {
                for a in names {
                    self.set_pos(&a.pos);
                    self.load_const(Const::Int(0.into()));
                    self.load_const(Const::None);
                    let i = self.name_index(&a.name);
                    self.emit(Instr::ImportName(i));
                    match &a.asname {
                        Some(asname) => {
                            // `import a.b.c as d` binds the submodule.
                            for part in a.name.split('.').skip(1) {
                                let p = self.name_index(part);
                                self.emit(Instr::ImportFrom(p));
                                self.emit(Instr::Swap(2));
                                self.emit(Instr::PopTop);
                            }
                            self.name_op(asname, ExprContext::Store);
                        }
                        None => {
                            let first = a.name.split('.').next().unwrap_or(&a.name).to_string();
                            self.name_op(&first, ExprContext::Store);
                        }
                    }
                }
            }
            StmtKind::ImportFrom { module, names, level } => {
                if module.as_deref() == Some("__future__") && s.pos.lineno > self.future_lineno {
                    return Err(err(&s.pos, "from __future__ imports must occur at the beginning of the file"));
                }
                self.load_const(Const::Int((*level).into()));
                let fromlist: Vec<Const> = names.iter().map(|a| Const::Str(a.name.as_str().into())).collect();
                self.load_const(Const::Tuple(fromlist));
                let i = self.name_index(module.as_deref().unwrap_or(""));
                self.emit(Instr::ImportName(i));
                if names.len() == 1 && names[0].name == "*" {
                    self.emit(Instr::ImportStar);
                } else {
                    for a in names {
                        self.set_pos(&a.pos);
                        let i = self.name_index(&a.name);
                        self.emit(Instr::ImportFrom(i));
                        self.name_op(a.asname.as_deref().unwrap_or(&a.name), ExprContext::Store);
                    }
                    self.emit(Instr::PopTop);
                }
            }
            StmtKind::Match { subject, cases } => {
                check_reachable(cases)?;
                self.match_stmt(s, subject, cases)?
            }
            StmtKind::TryStar { body, handlers, orelse, finalbody } => {
                if finalbody.is_empty() {
                    self.try_star(body, handlers, orelse)?;
                } else {
                    self.star_finally = true;
                    self.try_finally(s, body, handlers, orelse, finalbody)?;
                }
            }
            StmtKind::AsyncFor { target, iter, body, orelse, .. } => {
                self.check_async(s)?;
                self.expr(iter)?;
                self.set_pos(&iter.pos);
                self.emit(Instr::GetAiter);
                let top = self.new_label();
                let brk = self.new_label();
                let stop = self.new_label();
                self.place(top);
                self.u().depth += 1;
                self.push_handler(stop, 0);
                self.set_pos(&s.pos);
                self.emit(Instr::GetAnext);
                self.emit_await_loop();
                self.pop_handler();
                self.push_fblock(FBlock::For { cont: top, brk });
                self.assign(target)?;
                self.body(body)?;
                self.pop_fblock();
                self.emit(Instr::Jump(top.0));
                // [aiter, exc]: StopAsyncIteration ends the loop.
                self.place(stop);
                self.set_pos(&s.pos);
                self.emit(Instr::EndAsyncFor);
                self.u().depth -= 1;
                self.body(orelse)?;
                self.place(brk);
            }
            StmtKind::AsyncWith { items, body, .. } => {
                self.check_async(s)?;
                self.async_with(s, items, body)?
            }
        }
        Ok(())
    }

    /// Code leaving `block` early (return/break/continue). With `keep_tos`,
    /// a return value sits on top of the stack and must stay there.
    fn push_fblock(&mut self, b: FBlock) {
        let u = self.u();
        u.fblock_hs.push(u.handler_stack.len());
        u.fblocks.push(b);
    }

    fn pop_fblock(&mut self) {
        let u = self.u();
        u.fblocks.pop();
        u.fblock_hs.pop();
    }

    /// Leave block `i` of the current `fblocks` (for break/continue/return):
    /// the code that does so is covered by the handlers outside the block,
    /// as in CPython (an exception from `__exit__` or a `finally` body must
    /// not re-enter the block's own handler).
    fn unwind_at(&mut self, blocks: &[FBlock], hs: &[usize], i: usize, keep_tos: bool) -> R {
        let block = &blocks[i];
        let recorded = hs.get(i).copied().unwrap_or(0);
        let own = match block {
            FBlock::For { .. } | FBlock::While { .. } => 0,
            FBlock::HandlerBody { name: Some(_) } => 2,
            _ => 1,
        };
        let saved = self.ur().handler_stack.clone();
        let keep = recorded.saturating_sub(own).min(saved.len());
        self.u().handler_stack.truncate(keep);
        let r = self.unwind(block, keep_tos);
        self.u().handler_stack = saved;
        r
    }

    fn unwind(&mut self, block: &FBlock, keep_tos: bool) -> R {
        match block {
            FBlock::ExceptStar => {
                let p = self.ur().pos;
                return Err(CompileError {
                    msg: "'break', 'continue' and 'return' cannot appear in an except* block".into(),
                    lineno: p.line,
                    col: p.col,
                    end_col: p.end_col,
                    kind: "SyntaxError",
                });
            }
            FBlock::For { .. } => {
                if keep_tos {
                    self.emit(Instr::Swap(2));
                }
                self.emit(Instr::PopTop);
            }
            FBlock::While { .. } | FBlock::TryExcept => {
                if matches!(block, FBlock::TryExcept) {
                    // Leaving the try body: its handler no longer applies.
                }
            }
            FBlock::TryFinally { body } => {
                // SAFETY-free: the pointer is to statements of the AST being
                // compiled, which outlives compilation.
                let stmts: &[Stmt] = unsafe { &**body };
                if keep_tos {
                    self.u().depth += 1;
                }
                self.body(stmts)?;
                if keep_tos {
                    self.u().depth -= 1;
                }
            }
            FBlock::FinallyEnd => {
                // [prev, exc] (+ tos)
                if keep_tos {
                    self.emit(Instr::Swap(2));
                    self.emit(Instr::PopTop);
                    self.emit(Instr::Swap(2));
                } else {
                    self.emit(Instr::PopTop);
                }
                self.emit(Instr::PopExcept);
            }
            FBlock::With | FBlock::AsyncWith => {
                if keep_tos {
                    self.emit(Instr::Swap(2));
                }
                self.load_const(Const::None);
                self.load_const(Const::None);
                self.load_const(Const::None);
                self.emit(Instr::Call(3));
                if matches!(block, FBlock::AsyncWith) {
                    self.emit(Instr::GetAwaitable);
                    self.emit_await_loop();
                }
                self.emit(Instr::PopTop);
            }
            FBlock::HandlerBody { name } => {
                if keep_tos {
                    self.emit(Instr::Swap(2));
                }
                self.emit(Instr::PopExcept);
                if let Some(n) = name {
                    self.load_const(Const::None);
                    self.name_op(n, ExprContext::Store);
                    self.name_op(n, ExprContext::Del);
                }
            }
        }
        // Instructions emitted while unwinding are covered by the handlers
        // outside the block, which the caller arranges by truncating
        // `fblocks`; handler coverage follows `handler_stack`, so pop the
        // handlers that belong to the block being left.
        Ok(())
    }

    fn try_except(&mut self, body: &[Stmt], handlers: &[ast::ExceptHandler], orelse: &[Stmt]) -> R {
        let handler = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        self.push_handler(handler, 0);
        self.push_fblock(FBlock::TryExcept);
        let hs_len = self.ur().handler_stack.len();
        self.body(body)?;
        debug_assert_eq!(hs_len, self.ur().handler_stack.len());
        self.pop_fblock();
        self.pop_handler();
        self.emit(Instr::Nop);
        self.body(orelse)?;
        self.emit(Instr::Jump(end.0));
        // The handler: [exc] → [prev, exc].
        self.place(handler);
        if let Some(h) = handlers.first() {
            self.set_pos(&h.pos);
        }
        self.emit(Instr::PushExcInfo);
        self.push_handler(cleanup, 1);
        for h in handlers {
            self.set_pos(&h.pos);
            let next = self.new_label();
            if let Some(t) = &h.type_ {
                self.expr(t)?;
                self.set_pos(&h.pos);
                self.emit(Instr::CheckExcMatch);
                self.emit(Instr::PopJumpIfFalse(next.0));
            }
            self.u().depth += 1; // prev
            match &h.name {
                Some(name) => {
                    self.name_op(name, ExprContext::Store);
                    let name_cleanup = self.new_label();
                    self.push_handler(name_cleanup, 0);
                    self.push_fblock(FBlock::HandlerBody { name: Some(name.to_string()) });
                    self.body(&h.body)?;
                    self.pop_fblock();
                    self.pop_handler();
                    self.pop_handler();
                    self.emit(Instr::PopExcept);
                    self.load_const(Const::None);
                    self.name_op(name, ExprContext::Store);
                    self.name_op(name, ExprContext::Del);
                    self.emit(Instr::Jump(end.0));
                    // An exception in the body: unbind the name, re-raise.
                    self.push_handler(cleanup, 0);
                    self.place(name_cleanup);
                    self.load_const(Const::None);
                    self.name_op(name, ExprContext::Store);
                    self.name_op(name, ExprContext::Del);
                    self.emit(Instr::Reraise(1));
                }
                None => {
                    self.emit(Instr::PopTop);
                    self.push_fblock(FBlock::HandlerBody { name: None });
                    self.body(&h.body)?;
                    self.pop_fblock();
                    self.pop_handler();
                    self.emit(Instr::PopExcept);
                    self.emit(Instr::Jump(end.0));
                    self.push_handler(cleanup, 0);
                }
            }
            self.u().depth -= 1;
            self.place(next);
        }
        // No handler matched: re-raise (caught by the cleanup below), at
        // the last `except` clause (where the frame is then reported).
        if let Some(h) = handlers.last() {
            self.set_pos(&h.pos);
        }
        self.emit(Instr::Reraise(0));
        self.pop_handler();
        // Cleanup: [prev, exc] → restore prev, re-raise exc.
        self.place(cleanup);
        self.emit(Instr::Swap(2));
        self.emit(Instr::PopExcept);
        self.emit(Instr::Reraise(1));
        self.place(end);
        Ok(())
    }

    fn try_star(&mut self, body: &[Stmt], handlers: &[ast::ExceptHandler], orelse: &[Stmt]) -> R {
        let handler = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        let reraise = self.new_label();
        self.push_handler(handler, 0);
        self.push_fblock(FBlock::TryExcept);
        self.body(body)?;
        self.pop_fblock();
        self.pop_handler();
        self.emit(Instr::Nop);
        self.body(orelse)?;
        self.emit(Instr::Jump(end.0));
        // [exc] → [prev, orig, list, rest]
        self.place(handler);
        if let Some(h) = handlers.first() {
            self.set_pos(&h.pos);
        }
        self.emit(Instr::PushExcInfo);
        self.push_handler(cleanup, 1);
        self.u().depth += 1;
        self.emit(Instr::BuildList(0));
        self.emit(Instr::Copy(2));
        self.u().depth += 3;
        for h in handlers {
            self.set_pos(&h.pos);
            let next = self.new_label();
            let no_match = self.new_label();
            let body_exc = self.new_label();
            let Some(t) = &h.type_ else {
                return Err(err(&h.pos, "expected one or more exception types"));
            };
            self.expr(t)?;
            self.set_pos(&h.pos);
            self.emit(Instr::CheckEgMatch);
            self.emit(Instr::Copy(1));
            self.emit(Instr::PopJumpIfNone(no_match.0));
            match &h.name {
                Some(n) => self.name_op(n, ExprContext::Store),
                None => self.emit(Instr::PopTop),
            }
            self.push_handler(body_exc, 0);
            self.push_fblock(FBlock::ExceptStar);
            self.body(&h.body)?;
            self.pop_fblock();
            self.pop_handler();
            if let Some(n) = &h.name {
                self.load_const(Const::None);
                self.name_op(n, ExprContext::Store);
                self.name_op(n, ExprContext::Del);
            }
            self.emit(Instr::Jump(next.0));
            // Raised in the handler body: [.., rest, raised] → list.
            self.place(body_exc);
            if let Some(n) = &h.name {
                self.load_const(Const::None);
                self.name_op(n, ExprContext::Store);
                self.name_op(n, ExprContext::Del);
            }
            self.emit(Instr::ListAppend(2));
            self.emit(Instr::Jump(next.0));
            self.place(no_match);
            self.emit(Instr::PopTop);
            self.place(next);
        }
        self.u().depth -= 3;
        // [prev, orig, list, rest] → [prev, result]
        self.emit(Instr::ListAppend(1));
        self.emit(Instr::PrepReraiseStar);
        self.emit(Instr::Copy(1));
        self.emit(Instr::PopJumpIfNotNone(reraise.0));
        self.emit(Instr::PopTop);
        self.emit(Instr::PopExcept);
        self.emit(Instr::Jump(end.0));
        self.pop_handler();
        self.place(reraise);
        self.emit(Instr::Swap(2));
        self.emit(Instr::PopExcept);
        self.emit(Instr::Reraise(0));
        self.place(cleanup);
        self.emit(Instr::Swap(2));
        self.emit(Instr::PopExcept);
        self.emit(Instr::Reraise(1));
        self.u().depth -= 1;
        self.place(end);
        Ok(())
    }

    fn try_finally(
        &mut self,
        s: &Stmt,
        body: &[Stmt],
        handlers: &[ast::ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) -> R {
        let handler = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        self.push_handler(handler, 0);
        self.push_fblock(FBlock::TryFinally { body: finalbody as *const [Stmt] });
        let star = std::mem::take(&mut self.star_finally);
        if handlers.is_empty() {
            self.body(body)?;
        } else if star {
            self.try_star(body, handlers, orelse)?;
        } else {
            self.try_except(body, handlers, orelse)?;
        }
        self.pop_fblock();
        self.pop_handler();
        if handlers.is_empty() {
            self.body(orelse)?;
        }
        // Normal exit: run the final body.
        self.body(finalbody)?;
        self.emit(Instr::Jump(end.0));
        // Exceptional exit: [exc] → [prev, exc], final body, re-raise.
        self.place(handler);
        self.set_pos(&s.pos);
        self.emit(Instr::PushExcInfo);
        self.push_handler(cleanup, 1);
        self.u().depth += 2;
        self.push_fblock(FBlock::FinallyEnd);
        self.body(finalbody)?;
        self.pop_fblock();
        self.u().depth -= 2;
        self.emit(Instr::Reraise(0));
        self.pop_handler();
        self.place(cleanup);
        self.emit(Instr::Swap(2));
        self.emit(Instr::PopExcept);
        self.emit(Instr::Reraise(1));
        self.place(end);
        Ok(())
    }

    fn with(&mut self, s: &Stmt, items: &[ast::WithItem], body: &[Stmt]) -> R {
        let Some((first, rest)) = items.split_first() else {
            return self.body(body);
        };
        self.expr(&first.context_expr)?;
        self.set_pos(&s.pos);
        self.emit(Instr::BeforeWith);
        let handler = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        let suppress = self.new_label();
        self.u().depth += 1;
        self.push_handler(handler, 0);
        self.push_fblock(FBlock::With);
        match &first.optional_vars {
            Some(t) => self.assign(t)?,
            None => self.emit(Instr::PopTop),
        }
        if rest.is_empty() {
            self.body(body)?;
        } else {
            self.with(s, rest, body)?;
        }
        self.pop_fblock();
        self.pop_handler();
        self.u().depth -= 1;
        self.set_pos(&s.pos);
        self.load_const(Const::None);
        self.load_const(Const::None);
        self.load_const(Const::None);
        self.emit(Instr::Call(3));
        self.emit(Instr::PopTop);
        self.emit(Instr::Jump(end.0));
        // [exit, exc] → [exit, prev, exc, result]
        self.place(handler);
        self.emit(Instr::PushExcInfo);
        self.u().depth += 1;
        self.push_handler(cleanup, 1);
        self.u().depth -= 1;
        self.emit(Instr::WithExceptStart);
        self.emit(Instr::PopJumpIfTrue(suppress.0));
        self.emit(Instr::Reraise(1));
        self.place(suppress);
        self.pop_handler();
        self.emit(Instr::PopTop); // exc
        self.emit(Instr::PopExcept); // prev
        self.emit(Instr::PopTop); // exit
        self.emit(Instr::Jump(end.0));
        // [exit, prev, exc2]
        self.place(cleanup);
        self.emit(Instr::Swap(2));
        self.emit(Instr::PopExcept);
        self.emit(Instr::Swap(2));
        self.emit(Instr::PopTop);
        self.emit(Instr::Reraise(1));
        self.place(end);
        Ok(())
    }

    /// `async for`/`async with` only in a coroutine.
    fn check_async(&mut self, s: &Stmt) -> R {
        if self.ur().flags & (flags::COROUTINE | flags::ASYNC_GENERATOR) == 0 {
            let what = if matches!(s.kind, StmtKind::AsyncFor { .. }) { "'async for'" } else { "'async with'" };
            return Err(err(&s.pos, format!("{what} outside async function")));
        }
        Ok(())
    }

    /// Await the awaitable iterator on top: leaves its result.
    fn emit_await_loop(&mut self) {
        self.load_const(Const::None);
        let top = self.new_label();
        let end = self.new_label();
        self.place(top);
        self.emit(Instr::Send(end.0));
        self.emit(Instr::YieldValue);
        self.emit(Instr::Jump(top.0));
        self.place(end);
    }

    fn async_with(&mut self, s: &Stmt, items: &[ast::WithItem], body: &[Stmt]) -> R {
        let Some((first, rest)) = items.split_first() else {
            return self.body(body);
        };
        self.expr(&first.context_expr)?;
        self.set_pos(&s.pos);
        self.emit(Instr::BeforeAsyncWith);
        self.emit(Instr::GetAwaitable);
        self.emit_await_loop();
        let handler = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        let suppress = self.new_label();
        self.u().depth += 1;
        self.push_handler(handler, 0);
        self.push_fblock(FBlock::AsyncWith);
        match &first.optional_vars {
            Some(t) => self.assign(t)?,
            None => self.emit(Instr::PopTop),
        }
        if rest.is_empty() {
            self.body(body)?;
        } else {
            self.async_with(s, rest, body)?;
        }
        self.pop_fblock();
        self.pop_handler();
        self.u().depth -= 1;
        self.set_pos(&s.pos);
        self.load_const(Const::None);
        self.load_const(Const::None);
        self.load_const(Const::None);
        self.emit(Instr::Call(3));
        self.emit(Instr::GetAwaitable);
        self.emit_await_loop();
        self.emit(Instr::PopTop);
        self.emit(Instr::Jump(end.0));
        // [exit, exc] → [exit, prev, exc, result]
        self.place(handler);
        self.emit(Instr::PushExcInfo);
        self.u().depth += 1;
        self.push_handler(cleanup, 1);
        self.u().depth -= 1;
        self.emit(Instr::WithExceptStart);
        self.emit(Instr::GetAwaitable);
        self.emit_await_loop();
        self.emit(Instr::PopJumpIfTrue(suppress.0));
        self.emit(Instr::Reraise(1));
        self.place(suppress);
        self.pop_handler();
        self.emit(Instr::PopTop);
        self.emit(Instr::PopExcept);
        self.emit(Instr::PopTop);
        self.emit(Instr::Jump(end.0));
        self.place(cleanup);
        self.emit(Instr::Swap(2));
        self.emit(Instr::PopExcept);
        self.emit(Instr::Swap(2));
        self.emit(Instr::PopTop);
        self.emit(Instr::Reraise(1));
        self.place(end);
        Ok(())
    }

    fn aug_assign(&mut self, s: &Stmt, target: &Expr, op: ast::Operator, value: &Expr) -> R {
        let bop = BinOp::from_ast(op, true);
        match &target.kind {
            ExprKind::Name { id, .. } => {
                self.name_op(id, ExprContext::Load);
                self.expr(value)?;
                self.set_pos(&s.pos);
                self.emit(Instr::BinaryOp(bop));
                self.name_op(id, ExprContext::Store);
            }
            ExprKind::Attribute { value: obj, attr, .. } => {
                self.expr(obj)?;
                self.emit(Instr::Copy(1));
                let a = self.mangle(attr);
                let i = self.name_index(&a);
                self.set_pos(&target.pos);
                self.emit(Instr::LoadAttr(i));
                self.expr(value)?;
                self.set_pos(&s.pos);
                self.emit(Instr::BinaryOp(bop));
                self.emit(Instr::Swap(2));
                self.emit(Instr::StoreAttr(i));
            }
            ExprKind::Subscript { value: obj, slice, .. } => {
                self.expr(obj)?;
                self.expr(slice)?;
                self.emit(Instr::Copy(2));
                self.emit(Instr::Copy(2));
                self.set_pos(&target.pos);
                self.emit(Instr::BinarySubscr);
                self.expr(value)?;
                self.set_pos(&s.pos);
                self.emit(Instr::BinaryOp(bop));
                // [obj, key, result] → result, obj, key
                self.emit(Instr::Swap(3));
                self.emit(Instr::Swap(2));
                self.emit(Instr::StoreSubscr);
            }
            _ => return Err(err(&target.pos, "'expression' is an illegal expression for augmented assignment")),
        }
        Ok(())
    }

    fn assign(&mut self, t: &Expr) -> R {
        match &t.kind {
            ExprKind::Name { id, .. } => self.name_op(id, ExprContext::Store),
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value)?;
                let a = self.mangle(attr);
                let i = self.name_index(&a);
                self.set_pos(&t.pos);
                self.emit(Instr::StoreAttr(i));
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.set_pos(&t.pos);
                self.emit(Instr::StoreSubscr);
            }
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
                self.set_pos(&t.pos);
                match elts.iter().position(|e| matches!(e.kind, ExprKind::Starred { .. })) {
                    Some(star) => {
                        let after = elts.len() - star - 1;
                        self.emit(Instr::UnpackEx(star as u32 | ((after as u32) << 8)));
                    }
                    None => self.emit(Instr::UnpackSequence(elts.len() as u32)),
                }
                for e in elts {
                    match &e.kind {
                        ExprKind::Starred { value, .. } => self.assign(value)?,
                        _ => self.assign(e)?,
                    }
                }
            }
            ExprKind::Starred { .. } => return Err(err(&t.pos, "starred assignment target must be in a list or tuple")),
            _ => return Err(err(&t.pos, "cannot assign to expression")),
        }
        Ok(())
    }

    fn delete(&mut self, t: &Expr) -> R {
        self.set_pos(&t.pos);
        match &t.kind {
            ExprKind::Name { id, .. } => self.name_op(id, ExprContext::Del),
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value)?;
                let a = self.mangle(attr);
                let i = self.name_index(&a);
                self.set_pos(&t.pos);
                self.emit(Instr::DeleteAttr(i));
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.set_pos(&t.pos);
                self.emit(Instr::DeleteSubscr);
            }
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
                for e in elts {
                    self.delete(e)?;
                }
            }
            _ => return Err(err(&t.pos, "cannot delete expression")),
        }
        Ok(())
    }

    fn child_scope(&self, range: TextRange) -> ScopeId {
        *self.ur().children.get(&key(range)).expect("the symbol table has a scope for every def, class, lambda and comprehension")
    }

    fn qualname_for(&self, name: &str) -> String {
        let u = self.ur();
        match u.kind {
            BlockKind::Module => name.to_string(),
            BlockKind::Function => format!("{}.<locals>.{}", u.qualname, name),
            _ => format!("{}.{}", u.qualname, name),
        }
    }

    /// Push the defaults, kwdefaults; return the MAKE_FUNCTION flags so far.
    fn defaults(&mut self, args: &ast::Arguments) -> R<u32> {
        let mut fl = 0;
        if !args.defaults.is_empty() {
            for d in &args.defaults {
                self.expr(d)?;
            }
            self.emit(Instr::BuildTuple(args.defaults.len() as u32));
            fl |= 1;
        }
        let kw: Vec<(&ast::Arg, &Expr)> =
            args.kwonlyargs.iter().zip(&args.kw_defaults).filter_map(|(a, d)| d.as_ref().map(|d| (a, d))).collect();
        if !kw.is_empty() {
            for (a, d) in &kw {
                let n = self.mangle(&a.arg);
                self.load_const(Const::Str(n.into()));
                self.expr(d)?;
            }
            self.emit(Instr::BuildMap(kw.len() as u32));
            fl |= 2;
        }
        Ok(fl)
    }

    /// Annotations of a function as a tuple of name/value pairs (flag 4).
    fn annotations(&mut self, args: &ast::Arguments, returns: Option<&Expr>) -> R<u32> {
        let mut n = 0;
        let all = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(args.vararg.as_deref())
            .chain(&args.kwonlyargs)
            .chain(args.kwarg.as_deref());
        let pairs: Vec<(String, &Expr)> =
            all.filter_map(|a| a.annotation.as_deref().map(|e| (self.mangle(&a.arg), e))).collect();
        for (name, e) in pairs {
            self.load_const(Const::Str(name.into()));
            self.annotation(e)?;
            n += 1;
        }
        if let Some(r) = returns {
            self.load_const(Const::Str("return".into()));
            self.annotation(r)?;
            n += 1;
        }
        if n == 0 {
            return Ok(0);
        }
        self.emit(Instr::BuildTuple(n * 2));
        Ok(4)
    }

    fn annotation(&mut self, e: &Expr) -> R {
        if self.table.future_annotations {
            self.load_const(Const::Str(pyx_syntax::ast::unparse::expr_as_str(e)));
            Ok(())
        } else if let ExprKind::Starred { value, .. } = &e.kind {
            // `*args: *Ts` (PEP 646): the single item the value unpacks to.
            self.expr(value)?;
            self.emit(Instr::UnpackSequence(1));
            Ok(())
        } else {
            self.expr(e)
        }
    }

    /// Push the closure tuple for a child code unit (flag 8) if it has free
    /// variables.
    fn closure(&mut self, child: &CodeUnit) -> R<u32> {
        if child.freevars.is_empty() {
            return Ok(0);
        }
        for name in &child.freevars {
            let u = self.ur();
            let ix = u
                .cellvars
                .iter()
                .position(|n| n == name)
                .or_else(|| u.freevars.iter().position(|n| n == name).map(|i| u.cellvars.len() + i));
            match ix {
                Some(i) => self.emit(Instr::LoadClosure(i as u32)),
                None => {
                    return Err(CompileError {
                        msg: format!("internal: no cell for free variable '{name}'"),
                        lineno: child.firstlineno,
                        col: 0,
                        end_col: 0,
                        kind: "SystemError",
                    })
                }
            }
        }
        self.emit(Instr::BuildTuple(child.freevars.len() as u32));
        Ok(8)
    }

    fn function_body(&mut self, scope: ScopeId, f_name: &str, args: &ast::Arguments, body: FnBody, lineno: u32) -> R<CodeUnit> {
        let qualname = self.qualname_for(f_name);
        let class_name = self.ur().class_name.clone();
        self.push_unit(scope, f_name.to_string(), qualname, lineno, class_name);
        {
            let u = self.u();
            u.argcount = (args.posonlyargs.len() + args.args.len()) as u32;
            u.posonlyargcount = args.posonlyargs.len() as u32;
            u.kwonlyargcount = args.kwonlyargs.len() as u32;
        }
        match body {
            FnBody::Stmts(stmts) => {
                let start = match docstring(stmts) {
                    Some(d) => {
                        self.u().docstring = Some(d.clone());
                        1
                    }
                    None => 0,
                };
                self.body(&stmts[start..])?;
                self.load_const(Const::None);
                self.emit(Instr::ReturnValue);
            }
            FnBody::Expr(e) => {
                self.expr(e)?;
                self.emit(Instr::ReturnValue);
            }
        }
        Ok(self.pop_unit())
    }

    fn function_def(&mut self, s: &Stmt, f: &ast::FunctionDef, is_async: bool) -> R {
        for d in &f.decorator_list {
            self.expr(d)?;
        }
        self.set_pos(&s.pos);
        let mut fl = self.defaults(&f.args)?;
        fl |= self.annotations(&f.args, f.returns.as_deref())?;
        let scope = self.child_scope(s.range);
        let lineno = f.decorator_list.first().map(|d| d.pos.lineno).unwrap_or(s.pos.lineno);
        self.next_async_def = is_async;
        let code = self.function_body(scope, &f.name, &f.args, FnBody::Stmts(&f.body), lineno)?;
        self.set_pos(&s.pos);
        fl |= self.closure(&code)?;
        self.load_const(Const::Code(Arc::new(code)));
        self.emit(Instr::MakeFunction(fl));
        for _ in &f.decorator_list {
            self.emit(Instr::Call(1));
        }
        self.name_op(&f.name, ExprContext::Store);
        Ok(())
    }

    fn class_def(
        &mut self,
        s: &Stmt,
        name: &str,
        bases: &[Expr],
        keywords: &[ast::Keyword],
        body: &[Stmt],
        decorators: &[Expr],
    ) -> R {
        for d in decorators {
            self.expr(d)?;
        }
        self.set_pos(&s.pos);
        self.emit(Instr::LoadBuildClass);
        let scope = self.child_scope(s.range);
        let qualname = self.qualname_for(name);
        let lineno = decorators.first().map(|d| d.pos.lineno).unwrap_or(s.pos.lineno);
        self.push_unit(scope, name.to_string(), qualname.clone(), lineno, Some(name.to_string()));
        self.set_pos(&s.pos);
        let n = self.name_index("__name__");
        self.emit(Instr::LoadName(n));
        self.store_name("__module__");
        self.load_const(Const::Str(qualname.as_str().into()));
        self.store_name("__qualname__");
        let start = match docstring(body) {
            Some(d) => {
                self.load_const(Const::Str(d.clone()));
                self.store_name("__doc__");
                1
            }
            None => 0,
        };
        if has_annotations(body) {
            self.emit(Instr::SetupAnnotations);
        }
        self.body(&body[start..])?;
        let needs_cell = self.ur().cellvars.iter().any(|c| c == "__class__");
        if needs_cell {
            let i = self.ur().cellvars.iter().position(|c| c == "__class__").expect("checked above") as u32;
            self.emit(Instr::LoadClosure(i));
            self.emit(Instr::Copy(1));
            self.store_name("__classcell__");
        } else {
            self.load_const(Const::None);
        }
        self.emit(Instr::ReturnValue);
        let code = self.pop_unit();
        self.set_pos(&s.pos);
        let fl = self.closure(&code)?;
        self.load_const(Const::Code(Arc::new(code)));
        self.emit(Instr::MakeFunction(fl));
        self.load_const(Const::Str(name.into()));
        self.call_args(2, bases, keywords)?;
        for _ in decorators {
            self.emit(Instr::Call(1));
        }
        self.name_op(name, ExprContext::Store);
        Ok(())
    }

    // ---- expressions ----------------------------------------------------

    /// Jump to `target` if `e`'s truth equals `when`.
    fn jump_if(&mut self, e: &Expr, when: bool, target: Label) -> R {
        match &e.kind {
            ExprKind::UnaryOp { op: ast::UnaryOp::Not, operand } => return self.jump_if(operand, !when, target),
            ExprKind::BoolOp { op, values } => {
                let is_and = matches!(op, ast::BoolOp::And);
                // `a and b` jumps on false if either is false.
                if is_and != when {
                    for v in values {
                        self.jump_if(v, when, target)?;
                    }
                } else {
                    let skip = self.new_label();
                    let (last, init) = values.split_last().expect("a BoolOp has at least two values");
                    for v in init {
                        self.jump_if(v, !when, skip)?;
                    }
                    self.jump_if(last, when, target)?;
                    self.place(skip);
                }
                return Ok(());
            }
            _ => {}
        }
        self.expr(e)?;
        self.set_pos(&e.pos);
        self.emit(if when { Instr::PopJumpIfTrue(target.0) } else { Instr::PopJumpIfFalse(target.0) });
        Ok(())
    }

    fn constant(&mut self, c: &Constant) -> Const {
        match c {
            Constant::None => Const::None,
            Constant::Bool(b) => Const::Bool(*b),
            Constant::Ellipsis => Const::Ellipsis,
            Constant::Int(i) => Const::Int(i.clone()),
            Constant::Float(f) => Const::Float(*f),
            Constant::Complex { real, imag } => Const::Complex(*real, *imag),
            Constant::Str(s) => Const::Str(s.clone()),
            Constant::Bytes(b) => Const::Bytes(b.clone()),
            Constant::Tuple(items) => Const::Tuple(items.iter().map(|c| self.constant(c)).collect()),
            Constant::FrozenSet(items) => Const::FrozenSet(items.iter().map(|c| self.constant(c)).collect()),
        }
    }

    /// Compile an expression; instructions emitted after its operands get
    /// its own position back (so a call's CALL points at the whole call).
    fn expr(&mut self, e: &Expr) -> R {
        if self.depth >= self.depth_limit {
            return Err(CompileError {
                msg: "maximum recursion depth exceeded during compilation".into(),
                lineno: e.pos.lineno,
                col: 0,
                end_col: 0,
                kind: "RecursionError",
            });
        }
        self.depth += 1;
        let saved = self.ur().pos;
        let r = self.expr_here(e);
        self.u().pos = saved;
        self.depth -= 1;
        r
    }

    fn expr_here(&mut self, e: &Expr) -> R {
        self.set_pos(&e.pos);
        match &e.kind {
            ExprKind::Constant { value, .. } => {
                let c = self.constant(value);
                self.load_const(c);
            }
            ExprKind::Name { id, ctx } => self.name_op(id, *ctx),
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.set_pos(&e.pos);
                self.emit(Instr::BinaryOp(BinOp::from_ast(*op, false)));
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                self.set_pos(&e.pos);
                self.emit(match op {
                    ast::UnaryOp::Invert => Instr::UnaryInvert,
                    ast::UnaryOp::Not => Instr::UnaryNot,
                    ast::UnaryOp::UAdd => Instr::UnaryPositive,
                    ast::UnaryOp::USub => Instr::UnaryNegative,
                });
            }
            ExprKind::BoolOp { op, values } => {
                let end = self.new_label();
                let (last, init) = values.split_last().expect("a BoolOp has at least two values");
                for v in init {
                    self.expr(v)?;
                    self.set_pos(&e.pos);
                    self.emit(match op {
                        ast::BoolOp::And => Instr::JumpIfFalseOrPop(end.0),
                        ast::BoolOp::Or => Instr::JumpIfTrueOrPop(end.0),
                    });
                }
                self.expr(last)?;
                self.place(end);
            }
            ExprKind::Compare { left, ops, comparators } => {
                self.expr(left)?;
                if ops.len() == 1 {
                    self.expr(&comparators[0])?;
                    self.set_pos(&e.pos);
                    self.cmp(ops[0]);
                } else {
                    let cleanup = self.new_label();
                    let end = self.new_label();
                    for (i, (op, c)) in ops.iter().zip(comparators).enumerate() {
                        self.expr(c)?;
                        self.set_pos(&e.pos);
                        if i + 1 < ops.len() {
                            self.emit(Instr::Swap(2));
                            self.emit(Instr::Copy(2));
                            self.cmp(*op);
                            self.emit(Instr::JumpIfFalseOrPop(cleanup.0));
                        } else {
                            self.cmp(*op);
                        }
                    }
                    self.emit(Instr::Jump(end.0));
                    self.place(cleanup);
                    self.emit(Instr::Swap(2));
                    self.emit(Instr::PopTop);
                    self.place(end);
                }
            }
            ExprKind::IfExp { test, body, orelse } => {
                let else_ = self.new_label();
                let end = self.new_label();
                self.jump_if(test, false, else_)?;
                self.expr(body)?;
                self.emit(Instr::Jump(end.0));
                self.place(else_);
                self.expr(orelse)?;
                self.place(end);
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.emit(Instr::Copy(1));
                self.assign(target)?;
            }
            ExprKind::Attribute { value, attr, ctx } => {
                self.expr(value)?;
                let a = self.mangle(attr);
                let i = self.name_index(&a);
                self.set_pos(&e.pos);
                match ctx {
                    ExprContext::Load => self.emit(Instr::LoadAttr(i)),
                    ExprContext::Store => self.emit(Instr::StoreAttr(i)),
                    ExprContext::Del => self.emit(Instr::DeleteAttr(i)),
                }
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.set_pos(&e.pos);
                self.emit(Instr::BinarySubscr);
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(x) => self.expr(x)?,
                        None => self.load_const(Const::None),
                    }
                }
                match step {
                    Some(x) => {
                        self.expr(x)?;
                        self.emit(Instr::BuildSlice(3));
                    }
                    None => self.emit(Instr::BuildSlice(2)),
                }
            }
            ExprKind::Tuple { elts, .. } => {
                if let Some(c) = self.const_tuple(elts) {
                    self.load_const(c);
                } else {
                    self.sequence(elts, SeqKind::Tuple)?;
                }
            }
            ExprKind::List { elts, .. } => self.sequence(elts, SeqKind::List)?,
            ExprKind::Set { elts } => self.sequence(elts, SeqKind::Set)?,
            ExprKind::Dict { keys, values } => {
                let mut n = 0;
                let mut built = false;
                for (k, v) in keys.iter().zip(values) {
                    match k {
                        Some(k) => {
                            self.expr(k)?;
                            self.expr(v)?;
                            n += 1;
                        }
                        None => {
                            if !built {
                                self.emit(Instr::BuildMap(n));
                                built = true;
                            } else if n > 0 {
                                self.emit(Instr::BuildMap(n));
                                self.emit(Instr::DictUpdate(1));
                            }
                            n = 0;
                            self.expr(v)?;
                            self.emit(Instr::DictUpdate(1));
                        }
                    }
                }
                if !built {
                    self.emit(Instr::BuildMap(n));
                } else if n > 0 {
                    self.emit(Instr::BuildMap(n));
                    self.emit(Instr::DictUpdate(1));
                }
            }
            ExprKind::Call { func, args, keywords } => {
                let plain = !args.iter().any(|a| matches!(a.kind, ExprKind::Starred { .. })) && !keywords.iter().any(|k| k.arg.is_none());
                match &func.kind {
                    // `obj.name(args)`: no bound method is made when the
                    // attribute is a plain function on the class.
                    ExprKind::Attribute { value, attr, ctx: ExprContext::Load } if plain => {
                        self.expr(value)?;
                        let a = self.mangle(attr);
                        let i = self.name_index(&a);
                        self.set_pos(&func.pos);
                        self.emit(Instr::LoadMethod(i));
                        for x in args {
                            self.expr(x)?;
                        }
                        for k in keywords {
                            self.expr(&k.value)?;
                        }
                        self.set_pos(&e.pos);
                        if !keywords.is_empty() {
                            let names: Vec<Const> = keywords.iter().map(|k| Const::Str(k.arg.as_deref().unwrap_or("").into())).collect();
                            let ki = self.add_const(Const::Tuple(names));
                            self.emit(Instr::KwNames(ki));
                        }
                        self.emit(Instr::CallMethod((args.len() + keywords.len()) as u32));
                    }
                    _ => {
                        self.expr(func)?;
                        self.set_pos(&e.pos);
                        self.call_args(0, args, keywords)?;
                    }
                }
            }
            ExprKind::JoinedStr { values } => {
                for v in values {
                    self.expr(v)?;
                }
                if values.len() != 1 {
                    self.emit(Instr::BuildString(values.len() as u32));
                } else if matches!(values[0].kind, ExprKind::Constant { .. }) {
                    // A single literal part is already a str.
                }
            }
            ExprKind::FormattedValue { value, conversion, format_spec } => {
                self.expr(value)?;
                let mut fl = match *conversion {
                    115 => 1, // 's'
                    114 => 2, // 'r'
                    97 => 3,  // 'a'
                    _ => 0,
                };
                if let Some(spec) = format_spec {
                    self.expr(spec)?;
                    fl |= 4;
                }
                self.set_pos(&e.pos);
                self.emit(Instr::FormatValue(fl));
            }
            ExprKind::Lambda { args, body } => {
                let mut fl = self.defaults(args)?;
                let scope = self.child_scope(e.range);
                let code = self.function_body(scope, "<lambda>", args, FnBody::Expr(body), e.pos.lineno)?;
                self.set_pos(&e.pos);
                fl |= self.closure(&code)?;
                self.load_const(Const::Code(Arc::new(code)));
                self.emit(Instr::MakeFunction(fl));
            }
            ExprKind::ListComp { elt, generators } => self.comprehension(e, "<listcomp>", CompKind::List, elt, None, generators)?,
            ExprKind::SetComp { elt, generators } => self.comprehension(e, "<setcomp>", CompKind::Set, elt, None, generators)?,
            ExprKind::DictComp { key, value, generators } => {
                self.comprehension(e, "<dictcomp>", CompKind::Dict, key, Some(value), generators)?
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, "<genexpr>", CompKind::Gen, elt, None, generators)?
            }
            ExprKind::Yield { value } => {
                if self.ur().kind != BlockKind::Function {
                    return Err(err(&e.pos, "'yield' outside function"));
                }
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Const::None),
                }
                self.set_pos(&e.pos);
                if self.ur().flags & flags::ASYNC_GENERATOR != 0 {
                    self.emit(Instr::AsyncGenWrap);
                }
                self.emit(Instr::YieldValue);
            }
            ExprKind::YieldFrom { value } => {
                self.expr(value)?;
                self.set_pos(&e.pos);
                self.emit(Instr::GetYieldFromIter);
                self.load_const(Const::None);
                let top = self.new_label();
                let end = self.new_label();
                self.place(top);
                self.emit(Instr::Send(end.0));
                self.emit(Instr::YieldValue);
                self.emit(Instr::Jump(top.0));
                self.place(end);
            }
            ExprKind::Await { value } => {
                // compile.c's checks (no PyCF_ALLOW_TOP_LEVEL_AWAIT).
                if self.ur().kind != BlockKind::Function {
                    return Err(err(&e.pos, "'await' outside function"));
                }
                let u = self.ur();
                let comprehension = matches!(u.name.as_str(), "<listcomp>" | "<setcomp>" | "<dictcomp>" | "<genexpr>");
                if !comprehension && !u.async_def {
                    return Err(err(&e.pos, "'await' outside async function"));
                }
                self.expr(value)?;
                self.set_pos(&e.pos);
                self.emit(Instr::GetAwaitable);
                self.load_const(Const::None);
                let top = self.new_label();
                let end = self.new_label();
                self.place(top);
                self.emit(Instr::Send(end.0));
                self.emit(Instr::YieldValue);
                self.emit(Instr::Jump(top.0));
                self.place(end);
            }
            ExprKind::Starred { .. } => return Err(err(&e.pos, "can't use starred expression here")),
        }
        Ok(())
    }

    fn cmp(&mut self, op: ast::CmpOp) {
        use ast::CmpOp as C;
        self.emit(match op {
            C::Eq => Instr::CompareOp(CmpOp::Eq),
            C::NotEq => Instr::CompareOp(CmpOp::Ne),
            C::Lt => Instr::CompareOp(CmpOp::Lt),
            C::LtE => Instr::CompareOp(CmpOp::Le),
            C::Gt => Instr::CompareOp(CmpOp::Gt),
            C::GtE => Instr::CompareOp(CmpOp::Ge),
            C::Is => Instr::IsOp(false),
            C::IsNot => Instr::IsOp(true),
            C::In => Instr::ContainsOp(false),
            C::NotIn => Instr::ContainsOp(true),
        });
    }

    fn const_tuple(&mut self, elts: &[Expr]) -> Option<Const> {
        let mut out = Vec::with_capacity(elts.len());
        for e in elts {
            match &e.kind {
                ExprKind::Constant { value, .. } => out.push(self.constant(value)),
                _ => return None,
            }
        }
        Some(Const::Tuple(out))
    }

    fn sequence(&mut self, elts: &[Expr], kind: SeqKind) -> R {
        let has_star = elts.iter().any(|e| matches!(e.kind, ExprKind::Starred { .. }));
        if !has_star {
            for x in elts {
                self.expr(x)?;
            }
            let n = elts.len() as u32;
            self.emit(match kind {
                SeqKind::Tuple => Instr::BuildTuple(n),
                SeqKind::List => Instr::BuildList(n),
                SeqKind::Set => Instr::BuildSet(n),
            });
            return Ok(());
        }
        // Build a list (or set) piece by piece.
        let set = matches!(kind, SeqKind::Set);
        self.emit(if set { Instr::BuildSet(0) } else { Instr::BuildList(0) });
        for x in elts {
            match &x.kind {
                ExprKind::Starred { value, .. } => {
                    self.expr(value)?;
                    self.emit(if set { Instr::SetUpdate(1) } else { Instr::ListExtend(1) });
                }
                _ => {
                    self.expr(x)?;
                    self.emit(if set { Instr::SetAdd(1) } else { Instr::ListAppend(1) });
                }
            }
        }
        if matches!(kind, SeqKind::Tuple) {
            self.emit(Instr::ListToTuple);
        }
        Ok(())
    }

    /// Arguments of a call whose callable (and `extra` leading arguments
    /// already pushed) is on the stack.
    fn call_args(&mut self, extra: u32, args: &[Expr], keywords: &[ast::Keyword]) -> R {
        let starred = args.iter().any(|a| matches!(a.kind, ExprKind::Starred { .. }));
        let dstar = keywords.iter().any(|k| k.arg.is_none());
        if !starred && !dstar {
            for a in args {
                self.expr(a)?;
            }
            let n = extra + args.len() as u32;
            if keywords.is_empty() {
                self.emit(Instr::Call(n));
            } else {
                for k in keywords {
                    self.expr(&k.value)?;
                }
                let names: Vec<Const> =
                    keywords.iter().map(|k| Const::Str(k.arg.as_deref().unwrap_or("").into())).collect();
                let i = self.add_const(Const::Tuple(names));
                self.emit(Instr::KwNames(i));
                self.emit(Instr::Call(n + keywords.len() as u32));
            }
            return Ok(());
        }
        // General form: a tuple of positional arguments and a dict of keywords.
        // The `extra` arguments are already on the stack: fold them in.
        self.emit(Instr::BuildList(extra));
        for a in args {
            match &a.kind {
                ExprKind::Starred { value, .. } => {
                    self.expr(value)?;
                    // Flag: the list holds call arguments (for messages).
                    self.emit(Instr::ListExtend(1 | CALL_ARGS));
                }
                _ => {
                    self.expr(a)?;
                    self.emit(Instr::ListAppend(1));
                }
            }
        }
        self.emit(Instr::ListToTuple);
        if keywords.is_empty() {
            self.emit(Instr::CallFunctionEx(0));
            return Ok(());
        }
        self.emit(Instr::BuildMap(0));
        for k in keywords {
            match &k.arg {
                Some(name) => {
                    self.load_const(Const::Str(name.as_str().into()));
                    self.expr(&k.value)?;
                    self.emit(Instr::BuildMap(1));
                    self.emit(Instr::DictMerge(1));
                }
                None => {
                    self.expr(&k.value)?;
                    self.emit(Instr::DictMerge(1));
                }
            }
        }
        self.emit(Instr::CallFunctionEx(1));
        Ok(())
    }

    fn comprehension(
        &mut self,
        e: &Expr,
        name: &str,
        kind: CompKind,
        elt: &Expr,
        value: Option<&Expr>,
        generators: &[ast::Comprehension],
    ) -> R {
        let scope = self.child_scope(e.range);
        let qualname = self.qualname_for(name);
        let class_name = self.ur().class_name.clone();
        // The outermost iterable is evaluated in the enclosing scope.
        self.expr(&generators[0].iter)?;
        self.set_pos(&e.pos);
        self.emit(if generators[0].is_async { Instr::GetAiter } else { Instr::GetIter });
        let outer = self.ur();
        let outer_async = outer.async_def || matches!(outer.name.as_str(), "<listcomp>" | "<setcomp>" | "<dictcomp>" | "<genexpr>");
        self.push_unit(scope, name.to_string(), qualname, e.pos.lineno, class_name);
        let is_coroutine = self.ur().flags & flags::COROUTINE != 0;
        if is_coroutine && !matches!(kind, CompKind::Gen) && !outer_async {
            return Err(err(&e.pos, "asynchronous comprehension outside of an asynchronous function"));
        }
        self.u().argcount = 1;
        self.set_pos(&e.pos);
        match kind {
            CompKind::List => self.emit(Instr::BuildList(0)),
            CompKind::Set => self.emit(Instr::BuildSet(0)),
            CompKind::Dict => self.emit(Instr::BuildMap(0)),
            CompKind::Gen => {}
        }
        let result_depth = if matches!(kind, CompKind::Gen) { 0 } else { 1 };
        self.comp_loop(e, kind, elt, value, generators, 0, result_depth)?;
        if matches!(kind, CompKind::Gen) {
            self.load_const(Const::None);
        }
        self.emit(Instr::ReturnValue);
        let code = self.pop_unit();
        self.set_pos(&e.pos);
        let fl = self.closure(&code)?;
        // [iter] → [func, iter] → call
        self.load_const(Const::Code(Arc::new(code)));
        self.emit(Instr::MakeFunction(fl));
        self.emit(Instr::Swap(2));
        self.emit(Instr::Call(1));
        // An async list/set/dict comprehension is a coroutine to await.
        if is_coroutine && !matches!(kind, CompKind::Gen) {
            self.emit(Instr::GetAwaitable);
            self.emit_await_loop();
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn comp_loop(
        &mut self,
        e: &Expr,
        kind: CompKind,
        elt: &Expr,
        value: Option<&Expr>,
        generators: &[ast::Comprehension],
        level: usize,
        depth: u32,
    ) -> R {
        let g = &generators[level];
        if level == 0 {
            let dot0 = self.ur().var_ix.get(".0").copied().unwrap_or(0);
            self.emit(Instr::LoadFast(dot0));
        } else {
            self.expr(&g.iter)?;
            self.set_pos(&e.pos);
            self.emit(if g.is_async { Instr::GetAiter } else { Instr::GetIter });
        }
        let top = self.new_label();
        let end = self.new_label();
        self.place(top);
        self.set_pos(&e.pos);
        if g.is_async {
            self.u().depth += depth + 1;
            self.push_handler(end, 0);
            self.u().depth -= depth + 1;
            self.emit(Instr::GetAnext);
            self.emit_await_loop();
            self.pop_handler();
        } else {
            self.emit(Instr::ForIter(end.0));
        }
        self.assign(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, false, top)?;
        }
        if level + 1 < generators.len() {
            self.comp_loop(e, kind, elt, value, generators, level + 1, depth + 1)?;
        } else {
            // The result container sits under every loop's iterator.
            let d = generators.len() as u32 + 1;
            let _ = depth;
            match kind {
                CompKind::List => {
                    self.expr(elt)?;
                    self.emit(Instr::ListAppend(d));
                }
                CompKind::Set => {
                    self.expr(elt)?;
                    self.emit(Instr::SetAdd(d));
                }
                CompKind::Dict => {
                    self.expr(elt)?;
                    self.expr(value.expect("a dict comprehension has a value"))?;
                    self.emit(Instr::MapAdd(d));
                }
                CompKind::Gen => {
                    self.expr(elt)?;
                    if self.ur().flags & flags::ASYNC_GENERATOR != 0 {
                        self.emit(Instr::AsyncGenWrap);
                    }
                    self.emit(Instr::YieldValue);
                    self.emit(Instr::PopTop);
                }
            }
        }
        self.emit(Instr::Jump(top.0));
        self.place(end);
        if g.is_async {
            // [.., aiter, exc]: StopAsyncIteration ends this loop.
            self.emit(Instr::EndAsyncFor);
        }
        Ok(())
    }
}

enum FnBody<'a> {
    Stmts(&'a [Stmt]),
    Expr(&'a Expr),
}

#[derive(Clone, Copy)]
enum SeqKind {
    Tuple,
    List,
    Set,
}

#[derive(Clone, Copy)]
enum CompKind {
    List,
    Set,
    Dict,
    Gen,
}
