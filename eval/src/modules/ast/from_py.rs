//! `ast` node objects back to pyx's AST (CPython's `obj2ast_*` and the
//! checks of `Python/ast.c`), for `compile(tree, ...)`.
//!
//! Attributes are read before fields, fields in `_fields` order, with
//! CPython's messages: a missing field is a TypeError `required field "x"
//! missing from T`, a `None` where a node is needed a ValueError `field 'x'
//! is required for T`, a wrong node a TypeError `expected some sort of
//! expr, but got ...`. Every node gets a distinct one-byte source range:
//! the symbol tables and the compiler find a scope's table by its node's
//! range, and a converted tree has no source text.

use std::rc::Rc;

use num_bigint::BigInt;
use pyx_syntax::ast::*;
use pyx_syntax::TextSize;

use super::AstState;
use crate::value::{Payload, Value};
use crate::vm::{str_key, Vm};
use crate::{PyErr, PyResult};

/// CPython's limit is the interpreter's recursion limit.
const MAX_DEPTH: u32 = 1000;

pub struct FromPy<'a> {
    vm: &'a mut Vm,
    st: Rc<AstState>,
    next: u32,
    depth: u32,
}

type R<T> = PyResult<T>;

fn shorten(s: String) -> String {
    s
}

impl<'a> FromPy<'a> {
    pub fn new(vm: &'a mut Vm) -> FromPy<'a> {
        let st = super::state(vm);
        FromPy { vm, st, next: 0, depth: 0 }
    }

    fn range(&mut self) -> TextRange {
        self.next = self.next.saturating_add(2);
        TextRange::new(TextSize::from(self.next), TextSize::from(self.next + 1))
    }

    fn type_err(&self, msg: String) -> PyErr {
        self.vm.type_error(msg)
    }

    fn value_err(&self, msg: String) -> PyErr {
        self.vm.value_error(msg)
    }

    /// The node class `v` is an instance of (its most derived `_ast` class).
    fn kind_of(&self, v: &Value) -> Option<&'static str> {
        let cls = self.vm.type_of(v);
        for k in crate::types::mro_of(&cls) {
            if let Some(n) = self.st.by_ptr.get(&(Rc::as_ptr(&k) as usize)) {
                return Some(n);
            }
        }
        None
    }

    fn enter(&mut self, what: &str) -> R<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let cls = self.vm.types.exc.recursion_error.clone();
            return Err(self.vm.err(&cls, format!("maximum recursion depth exceeded while traversing '{what}' node")));
        }
        Ok(())
    }

    fn get(&mut self, obj: &Value, name: &str) -> R<Option<Value>> {
        match self.vm.getattr(obj, &str_key(name)) {
            Ok(v) => Ok(Some(v)),
            Err(e) if self.vm.isinstance(&e.0, &self.vm.types.exc.attribute_error.clone()) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn req(&mut self, obj: &Value, name: &str, owner: &str) -> R<Value> {
        match self.get(obj, name)? {
            Some(v) => Ok(v),
            None => Err(self.type_err(format!("required field \"{name}\" missing from {owner}"))),
        }
    }

    fn repr(&mut self, v: &Value) -> R<String> {
        Ok(shorten(self.vm.repr(v)?.to_string_lossy()))
    }

    fn int_value(&mut self, v: &Value) -> R<i64> {
        let is_int = matches!(v, Value::Int(_) | Value::Bool(_)) || matches!(v.payload(), Some(Payload::BigInt(_)));
        if !is_int {
            let r = self.repr(v)?;
            return Err(self.value_err(format!("invalid integer value: {r}")));
        }
        match crate::vm::ops::as_i64(v).filter(|i| i32::try_from(*i).is_ok()) {
            Some(i) => Ok(i),
            None => {
                let cls = self.vm.types.exc.overflow_error.clone();
                Err(self.vm.err(&cls, "Python int too large to convert to C int"))
            }
        }
    }

    fn int(&mut self, obj: &Value, name: &str, owner: &str) -> R<i64> {
        let v = self.req(obj, name, owner)?;
        self.int_value(&v)
    }

    fn opt_int(&mut self, obj: &Value, name: &str) -> R<Option<i64>> {
        match self.get(obj, name)? {
            None | Some(Value::None) => Ok(None),
            Some(v) => Ok(Some(self.int_value(&v)?)),
        }
    }

    fn str_exact(&self, v: &Value) -> bool {
        v.as_str().is_some() && Rc::ptr_eq(&self.vm.type_of(v), &self.vm.types.str_)
    }

    fn ident_value(&mut self, v: &Value) -> R<Identifier> {
        match v.as_str() {
            Some(s) if self.str_exact(v) => Ok(s.to_string_lossy().into()),
            _ => Err(self.type_err("AST identifier must be of type str".into())),
        }
    }

    fn ident(&mut self, obj: &Value, name: &str, owner: &str) -> R<Identifier> {
        let v = self.req(obj, name, owner)?;
        if v.is_none() {
            return Err(self.value_err(format!("field '{name}' is required for {owner}")));
        }
        self.ident_value(&v)
    }

    fn opt_ident(&mut self, obj: &Value, name: &str) -> R<Option<Identifier>> {
        match self.get(obj, name)? {
            None | Some(Value::None) => Ok(None),
            Some(v) => Ok(Some(self.ident_value(&v)?)),
        }
    }

    fn opt_string(&mut self, obj: &Value, name: &str) -> R<Option<String>> {
        match self.get(obj, name)? {
            None | Some(Value::None) => Ok(None),
            Some(v) => match v.as_str() {
                Some(s) if self.str_exact(&v) => Ok(Some(s.to_string_lossy())),
                _ => Err(self.type_err("AST string must be of type str".into())),
            },
        }
    }

    /// A `*` field: must be a list.
    fn seq(&mut self, obj: &Value, name: &str, owner: &str) -> R<Vec<Value>> {
        let v = self.req(obj, name, owner)?;
        match v.payload() {
            Some(Payload::List(items)) => Ok(items.borrow().clone()),
            _ => {
                let t = self.vm.type_name(&v);
                Err(self.type_err(format!("{owner} field \"{name}\" must be a list, not a {t}")))
            }
        }
    }

    fn idents(&mut self, obj: &Value, name: &str, owner: &str) -> R<Vec<Identifier>> {
        let items = self.seq(obj, name, owner)?;
        let mut out = Vec::with_capacity(items.len());
        for v in &items {
            if v.is_none() {
                return Err(self.value_err(format!("field '{name}' is required for {owner}")));
            }
            out.push(self.ident_value(v)?);
        }
        Ok(out)
    }

    fn pos(&mut self, obj: &Value, owner: &str) -> R<Pos> {
        let lineno = self.int(obj, "lineno", owner)?;
        let col = self.int(obj, "col_offset", owner)?;
        let end_lineno = self.opt_int(obj, "end_lineno")?.unwrap_or(lineno);
        let end_col = self.opt_int(obj, "end_col_offset")?.unwrap_or(col);
        if lineno > end_lineno {
            return Err(self.value_err(format!("AST node line range ({lineno}, {end_lineno}) is not valid")));
        }
        if (lineno < 0 && end_lineno != lineno) || (col < 0 && col != end_col) {
            return Err(self.value_err(format!(
                "AST node column range ({col}, {end_col}) for line range ({lineno}, {end_lineno}) is not valid"
            )));
        }
        if lineno == end_lineno && col > end_col {
            return Err(self.value_err(format!("line {lineno}, column {col}-{end_col} is not a valid range")));
        }
        let u = |i: i64| i.max(0) as u32;
        Ok(Pos { lineno: u(lineno), col_offset: u(col), end_lineno: u(end_lineno), end_col_offset: u(end_col) })
    }

    // ---- mod ------------------------------------------------------------

    /// The tree of `compile(tree, filename, mode)`: checks that it is the
    /// node `mode` needs and converts it.
    pub fn root(&mut self, tree: &Value, mode: &str) -> R<Root> {
        let want = match mode {
            "exec" => "Module",
            "eval" => "Expression",
            "single" => "Interactive",
            _ => "FunctionType",
        };
        let kind = self.kind_of(tree);
        if kind != Some(want) {
            let t = self.vm.type_name(tree);
            return Err(self.type_err(format!("expected {want} node, got {t}")));
        }
        match want {
            "Module" => {
                let body = self.stmts(tree, "body", "Module")?;
                let tis = self.seq(tree, "type_ignores", "Module")?;
                let mut type_ignores = Vec::new();
                for t in &tis {
                    if self.kind_of(t) != Some("TypeIgnore") {
                        let r = self.repr(t)?;
                        return Err(self.type_err(format!("expected some sort of type_ignore, but got {r}")));
                    }
                    let lineno = self.int(t, "lineno", "TypeIgnore")?;
                    let tag = match self.req(t, "tag", "TypeIgnore")? {
                        v if self.str_exact(&v) => v.as_str().map(|s| s.to_string_lossy()).unwrap_or_default(),
                        _ => return Err(self.type_err("AST string must be of type str".into())),
                    };
                    type_ignores.push(TypeIgnore { lineno: lineno.max(0) as u32, tag });
                }
                Ok(Root::Module(Module { body, type_ignores }))
            }
            "Interactive" => {
                let body = self.stmts(tree, "body", "Interactive")?;
                Ok(Root::Interactive(Module { body, type_ignores: Vec::new() }))
            }
            "Expression" => {
                let body = self.expr_field(tree, "body", "Expression")?;
                Ok(Root::Expression(*body))
            }
            _ => Err(self.value_err("compile() mode 'func_type' is not supported by pyx".into())),
        }
    }

    // ---- statements -------------------------------------------------------

    fn stmts(&mut self, obj: &Value, name: &str, owner: &str) -> R<Vec<Stmt>> {
        let items = self.seq(obj, name, owner)?;
        let mut out = Vec::with_capacity(items.len());
        for v in &items {
            if v.is_none() {
                return Err(self.value_err("None disallowed in statement list".into()));
            }
            out.push(self.stmt(v)?);
        }
        Ok(out)
    }

    fn body(&mut self, obj: &Value, name: &str, owner: &str) -> R<Vec<Stmt>> {
        self.stmts(obj, name, owner)
    }

    fn stmt(&mut self, obj: &Value) -> R<Stmt> {
        self.enter("stmt")?;
        let r = self.stmt_inner(obj);
        self.depth -= 1;
        r
    }

    fn stmt_inner(&mut self, obj: &Value) -> R<Stmt> {
        let pos = self.pos(obj, "stmt")?;
        let range = self.range();
        let Some(kind) = self.kind_of(obj) else { return self.not_a(obj, "stmt") };
        let o = obj;
        let k = match kind {
            "FunctionDef" | "AsyncFunctionDef" => {
                let name = self.ident(o, "name", kind)?;
                let args = self.arguments_field(o, "args", kind)?;
                let body = self.body(o, "body", kind)?;
                let decorator_list = self.exprs(o, "decorator_list", kind)?;
                let returns = self.opt_expr(o, "returns", kind)?;
                let type_comment = self.opt_string(o, "type_comment")?;
                let f = FunctionDef { name, args, body, decorator_list, returns, type_comment };
                if kind == "FunctionDef" {
                    StmtKind::FunctionDef(f)
                } else {
                    StmtKind::AsyncFunctionDef(f)
                }
            }
            "ClassDef" => StmtKind::ClassDef {
                name: self.ident(o, "name", kind)?,
                bases: self.exprs(o, "bases", kind)?,
                keywords: self.keywords(o, "keywords", kind)?,
                body: self.body(o, "body", kind)?,
                decorator_list: self.exprs(o, "decorator_list", kind)?,
            },
            "Return" => StmtKind::Return { value: self.opt_expr(o, "value", kind)? },
            "Delete" => {
                StmtKind::Delete { targets: self.exprs(o, "targets", kind)? }
            }
            "Assign" => {
                let targets = self.exprs(o, "targets", kind)?;
                let value = self.expr_field(o, "value", kind)?;
                let type_comment = self.opt_string(o, "type_comment")?;
                StmtKind::Assign { targets, value, type_comment }
            }
            "AugAssign" => {
                let target = self.expr_field(o, "target", kind)?;
                let op = self.operator(o, "op", kind)?;
                let value = self.expr_field(o, "value", kind)?;
                StmtKind::AugAssign { target, op, value }
            }
            "AnnAssign" => {
                let target = self.expr_field(o, "target", kind)?;
                let annotation = self.expr_field(o, "annotation", kind)?;
                let value = self.opt_expr(o, "value", kind)?;
                let simple = self.int(o, "simple", kind)?;
                StmtKind::AnnAssign { target, annotation, value, simple: simple != 0 }
            }
            "For" | "AsyncFor" => {
                let target = self.expr_field(o, "target", kind)?;
                let iter = self.expr_field(o, "iter", kind)?;
                let body = self.body(o, "body", kind)?;
                let orelse = self.stmts(o, "orelse", kind)?;
                let type_comment = self.opt_string(o, "type_comment")?;
                if kind == "For" {
                    StmtKind::For { target, iter, body, orelse, type_comment }
                } else {
                    StmtKind::AsyncFor { target, iter, body, orelse, type_comment }
                }
            }
            "While" | "If" => {
                let test = self.expr_field(o, "test", kind)?;
                let body = self.body(o, "body", kind)?;
                let orelse = self.stmts(o, "orelse", kind)?;
                if kind == "While" {
                    StmtKind::While { test, body, orelse }
                } else {
                    StmtKind::If { test, body, orelse }
                }
            }
            "With" | "AsyncWith" => {
                let raw = self.seq(o, "items", kind)?;
                let mut items = Vec::with_capacity(raw.len());
                for w in &raw {
                    if self.kind_of(w) != Some("withitem") {
                        return self.not_a(w, "withitem");
                    }
                    let context_expr = *self.expr_field(w, "context_expr", "withitem")?;
                    let optional_vars = self.opt_expr(w, "optional_vars", "withitem")?;
                    items.push(WithItem { context_expr, optional_vars });
                }
                let body = self.body(o, "body", kind)?;
                let type_comment = self.opt_string(o, "type_comment")?;
                if kind == "With" {
                    StmtKind::With { items, body, type_comment }
                } else {
                    StmtKind::AsyncWith { items, body, type_comment }
                }
            }
            "Match" => {
                let subject = self.expr_field(o, "subject", kind)?;
                let raw = self.seq(o, "cases", kind)?;
                let mut cases = Vec::with_capacity(raw.len());
                for c in &raw {
                    if self.kind_of(c) != Some("match_case") {
                        return self.not_a(c, "match_case");
                    }
                    let pattern = self.pattern_field(c, "pattern", "match_case")?;
                    let guard = self.opt_expr(c, "guard", "match_case")?;
                    let body = self.body(c, "body", "match_case")?;
                    cases.push(MatchCase { pattern, guard, body });
                }
                StmtKind::Match { subject, cases }
            }
            "Raise" => {
                let exc = self.opt_expr(o, "exc", kind)?;
                let cause = self.opt_expr(o, "cause", kind)?;
                StmtKind::Raise { exc, cause }
            }
            "Try" | "TryStar" => {
                let body = self.body(o, "body", kind)?;
                let raw = self.seq(o, "handlers", kind)?;
                let mut handlers = Vec::with_capacity(raw.len());
                for h in &raw {
                    handlers.push(self.handler(h)?);
                }
                let orelse = self.stmts(o, "orelse", kind)?;
                let finalbody = self.stmts(o, "finalbody", kind)?;
                if kind == "Try" {
                    StmtKind::Try { body, handlers, orelse, finalbody }
                } else {
                    StmtKind::TryStar { body, handlers, orelse, finalbody }
                }
            }
            "Assert" => StmtKind::Assert { test: self.expr_field(o, "test", kind)?, msg: self.opt_expr(o, "msg", kind)? },
            "Import" => {
                StmtKind::Import { names: self.aliases(o, kind)? }
            }
            "ImportFrom" => {
                let module = self.opt_ident(o, "module")?;
                let names = self.aliases(o, kind)?;
                let level = self.opt_int(o, "level")?.unwrap_or(0);
                if level < 0 {
                    return Err(self.value_err("Negative ImportFrom level".into()));
                }
                StmtKind::ImportFrom { module, names, level: level as u32 }
            }
            "Global" | "Nonlocal" => {
                let names = self.idents(o, "names", kind)?;
                if kind == "Global" {
                    StmtKind::Global { names }
                } else {
                    StmtKind::Nonlocal { names }
                }
            }
            "Expr" => StmtKind::Expr { value: self.expr_field(o, "value", kind)? },
            "Pass" => StmtKind::Pass,
            "Break" => StmtKind::Break,
            "Continue" => StmtKind::Continue,
            _ => return self.not_a(obj, "stmt"),
        };
        Ok(Stmt { kind: k, pos, range })
    }

    fn not_a<T>(&mut self, obj: &Value, what: &str) -> R<T> {
        let r = self.repr(obj)?;
        Err(self.type_err(format!("expected some sort of {what}, but got {r}")))
    }

    fn handler(&mut self, h: &Value) -> R<ExceptHandler> {
        if h.is_none() {
            return Err(self.value_err("field 'handlers' is required for Try".into()));
        }
        let pos = self.pos(h, "excepthandler")?;
        let range = self.range();
        if self.kind_of(h) != Some("ExceptHandler") {
            return self.not_a(h, "excepthandler");
        }
        let type_ = self.opt_expr(h, "type", "ExceptHandler")?;
        let name = self.opt_ident(h, "name")?;
        let body = self.body(h, "body", "ExceptHandler")?;
        Ok(ExceptHandler { type_, name, body, pos, range })
    }

    fn aliases(&mut self, o: &Value, owner: &str) -> R<Vec<Alias>> {
        let raw = self.seq(o, "names", owner)?;
        let mut out = Vec::with_capacity(raw.len());
        for a in &raw {
            let pos = self.pos(a, "alias")?;
            let range = self.range();
            if self.kind_of(a) != Some("alias") {
                return self.not_a(a, "alias");
            }
            let name = self.ident(a, "name", "alias")?;
            let asname = self.opt_ident(a, "asname")?;
            out.push(Alias { name, asname, pos, range });
        }
        Ok(out)
    }

    fn keywords(&mut self, o: &Value, name: &str, owner: &str) -> R<Vec<Keyword>> {
        let raw = self.seq(o, name, owner)?;
        let mut out = Vec::with_capacity(raw.len());
        for k in &raw {
            let pos = self.pos(k, "keyword")?;
            let range = self.range();
            if self.kind_of(k) != Some("keyword") {
                return self.not_a(k, "keyword");
            }
            let arg = self.opt_ident(k, "arg")?;
            let value = *self.expr_field(k, "value", "keyword")?;
            out.push(Keyword { arg, value, pos, range });
        }
        Ok(out)
    }

    fn arg(&mut self, a: &Value) -> R<Arg> {
        let pos = self.pos(a, "arg")?;
        let range = self.range();
        if self.kind_of(a) != Some("arg") {
            return self.not_a(a, "arg");
        }
        let arg = self.ident(a, "arg", "arg")?;
        let annotation = self.opt_expr(a, "annotation", "arg")?;
        let type_comment = self.opt_string(a, "type_comment")?;
        Ok(Arg { arg, annotation, type_comment, pos, range })
    }

    fn arg_list(&mut self, o: &Value, name: &str) -> R<Vec<Arg>> {
        let raw = self.seq(o, name, "arguments")?;
        let mut out = Vec::with_capacity(raw.len());
        for a in &raw {
            if a.is_none() {
                return Err(self.value_err(format!("field '{name}' is required for arguments")));
            }
            out.push(self.arg(a)?);
        }
        Ok(out)
    }

    fn opt_arg(&mut self, o: &Value, name: &str) -> R<Option<Box<Arg>>> {
        match self.get(o, name)? {
            None | Some(Value::None) => Ok(None),
            Some(a) => Ok(Some(Box::new(self.arg(&a)?))),
        }
    }

    fn arguments_field(&mut self, o: &Value, name: &str, owner: &str) -> R<Box<Arguments>> {
        let a = self.req(o, name, owner)?;
        if a.is_none() {
            return Err(self.value_err(format!("field '{name}' is required for {owner}")));
        }
        if self.kind_of(&a) != Some("arguments") {
            return self.not_a(&a, "arguments");
        }
        let posonlyargs = self.arg_list(&a, "posonlyargs")?;
        let args = self.arg_list(&a, "args")?;
        let vararg = self.opt_arg(&a, "vararg")?;
        let kwonlyargs = self.arg_list(&a, "kwonlyargs")?;
        let raw = self.seq(&a, "kw_defaults", "arguments")?;
        let mut kw_defaults = Vec::with_capacity(raw.len());
        for d in &raw {
            kw_defaults.push(self.expr(d)?);
        }
        let kwarg = self.opt_arg(&a, "kwarg")?;
        let defaults = self.exprs(&a, "defaults", "arguments")?;
        Ok(Box::new(Arguments { posonlyargs, args, vararg, kwonlyargs, kw_defaults, kwarg, defaults }))
    }

    // ---- expressions ------------------------------------------------------

    fn exprs(&mut self, obj: &Value, name: &str, owner: &str) -> R<Vec<Expr>> {
        let items = self.seq(obj, name, owner)?;
        let mut out = Vec::with_capacity(items.len());
        for v in &items {
            match self.expr(v)? {
                Some(e) => out.push(e),
                None => return Err(self.value_err("None disallowed in expression list".into())),
            }
        }
        Ok(out)
    }

    fn expr_field(&mut self, obj: &Value, name: &str, owner: &str) -> R<Box<Expr>> {
        let v = self.req(obj, name, owner)?;
        match self.expr(&v)? {
            Some(e) => Ok(Box::new(e)),
            None => Err(self.value_err(format!("field '{name}' is required for {owner}"))),
        }
    }

    fn opt_expr(&mut self, obj: &Value, name: &str, _owner: &str) -> R<Option<Box<Expr>>> {
        match self.get(obj, name)? {
            None => Ok(None),
            Some(v) => Ok(self.expr(&v)?.map(Box::new)),
        }
    }

    fn single(&mut self, obj: &Value, name: &str, owner: &str, what: &str) -> R<&'static str> {
        let v = self.req(obj, name, owner)?;
        let base = match self.kind_of(&v) {
            Some(k) => super::table::NODES.iter().find(|d| d.name == k).map(|d| d.base),
            None => None,
        };
        match (base, self.kind_of(&v)) {
            (Some(b), Some(k)) if b == what => Ok(k),
            _ => self.not_a(&v, what),
        }
    }

    fn operator(&mut self, obj: &Value, name: &str, owner: &str) -> R<Operator> {
        let k = self.single(obj, name, owner, "operator")?;
        Ok(match k {
            "Add" => Operator::Add,
            "Sub" => Operator::Sub,
            "Mult" => Operator::Mult,
            "MatMult" => Operator::MatMult,
            "Div" => Operator::Div,
            "Mod" => Operator::Mod,
            "Pow" => Operator::Pow,
            "LShift" => Operator::LShift,
            "RShift" => Operator::RShift,
            "BitOr" => Operator::BitOr,
            "BitXor" => Operator::BitXor,
            "BitAnd" => Operator::BitAnd,
            _ => Operator::FloorDiv,
        })
    }

    fn ctx(&mut self, obj: &Value, owner: &str) -> R<ExprContext> {
        let k = self.single(obj, "ctx", owner, "expr_context")?;
        Ok(match k {
            "Store" => ExprContext::Store,
            "Del" => ExprContext::Del,
            _ => ExprContext::Load,
        })
    }

    fn cmpop(&mut self, v: &Value) -> R<CmpOp> {
        let k = self.kind_of(v);
        let base = k.and_then(|k| super::table::NODES.iter().find(|d| d.name == k)).map(|d| d.base);
        if base != Some("cmpop") {
            return self.not_a(v, "cmpop");
        }
        Ok(match k.unwrap_or("Eq") {
            "NotEq" => CmpOp::NotEq,
            "Lt" => CmpOp::Lt,
            "LtE" => CmpOp::LtE,
            "Gt" => CmpOp::Gt,
            "GtE" => CmpOp::GtE,
            "Is" => CmpOp::Is,
            "IsNot" => CmpOp::IsNot,
            "In" => CmpOp::In,
            "NotIn" => CmpOp::NotIn,
            _ => CmpOp::Eq,
        })
    }

    fn comprehensions(&mut self, o: &Value, owner: &str) -> R<Vec<Comprehension>> {
        let raw = self.seq(o, "generators", owner)?;
        let mut out = Vec::with_capacity(raw.len());
        for g in &raw {
            if self.kind_of(g) != Some("comprehension") {
                return self.not_a(g, "comprehension");
            }
            let target = *self.expr_field(g, "target", "comprehension")?;
            let iter = *self.expr_field(g, "iter", "comprehension")?;
            let ifs = self.exprs(g, "ifs", "comprehension")?;
            let is_async = self.int(g, "is_async", "comprehension")?;
            out.push(Comprehension { target, iter, ifs, is_async: is_async != 0 });
        }
        Ok(out)
    }

    /// An expression node, or `None` for a `None` value.
    fn expr(&mut self, obj: &Value) -> R<Option<Expr>> {
        if obj.is_none() {
            return Ok(None);
        }
        self.enter("expr")?;
        let r = self.expr_inner(obj);
        self.depth -= 1;
        r.map(Some)
    }

    fn expr_inner(&mut self, obj: &Value) -> R<Expr> {
        let pos = self.pos(obj, "expr")?;
        let range = self.range();
        let Some(kind) = self.kind_of(obj) else { return self.not_a(obj, "expr") };
        let o = obj;
        let k = match kind {
            "BoolOp" => {
                let k = self.single(o, "op", kind, "boolop")?;
                let values = self.exprs(o, "values", kind)?;
                let op = if k == "And" { BoolOp::And } else { BoolOp::Or };
                ExprKind::BoolOp { op, values }
            }
            "NamedExpr" => {
                let target = self.expr_field(o, "target", kind)?;
                let value = self.expr_field(o, "value", kind)?;
                ExprKind::NamedExpr { target, value }
            }
            "BinOp" => {
                let left = self.expr_field(o, "left", kind)?;
                let op = self.operator(o, "op", kind)?;
                let right = self.expr_field(o, "right", kind)?;
                ExprKind::BinOp { left, op, right }
            }
            "UnaryOp" => {
                let k = self.single(o, "op", kind, "unaryop")?;
                let operand = self.expr_field(o, "operand", kind)?;
                let op = match k {
                    "Invert" => UnaryOp::Invert,
                    "Not" => UnaryOp::Not,
                    "UAdd" => UnaryOp::UAdd,
                    _ => UnaryOp::USub,
                };
                ExprKind::UnaryOp { op, operand }
            }
            "Lambda" => {
                let args = self.arguments_field(o, "args", kind)?;
                let body = self.expr_field(o, "body", kind)?;
                ExprKind::Lambda { args, body }
            }
            "IfExp" => ExprKind::IfExp {
                test: self.expr_field(o, "test", kind)?,
                body: self.expr_field(o, "body", kind)?,
                orelse: self.expr_field(o, "orelse", kind)?,
            },
            "Dict" => {
                let raw = self.seq(o, "keys", kind)?;
                let mut keys = Vec::with_capacity(raw.len());
                for k in &raw {
                    keys.push(self.expr(k)?);
                }
                let values = self.exprs(o, "values", kind)?;
                ExprKind::Dict { keys, values }
            }
            "Set" => ExprKind::Set { elts: self.exprs(o, "elts", kind)? },
            "ListComp" | "SetComp" | "GeneratorExp" => {
                let elt = self.expr_field(o, "elt", kind)?;
                let generators = self.comprehensions(o, kind)?;
                match kind {
                    "ListComp" => ExprKind::ListComp { elt, generators },
                    "SetComp" => ExprKind::SetComp { elt, generators },
                    _ => ExprKind::GeneratorExp { elt, generators },
                }
            }
            "DictComp" => ExprKind::DictComp {
                key: self.expr_field(o, "key", kind)?,
                value: self.expr_field(o, "value", kind)?,
                generators: self.comprehensions(o, kind)?,
            },
            "Await" => ExprKind::Await { value: self.expr_field(o, "value", kind)? },
            "Yield" => ExprKind::Yield { value: self.opt_expr(o, "value", kind)? },
            "YieldFrom" => ExprKind::YieldFrom { value: self.expr_field(o, "value", kind)? },
            "Compare" => {
                let left = self.expr_field(o, "left", kind)?;
                let raw = self.seq(o, "ops", kind)?;
                let mut ops = Vec::with_capacity(raw.len());
                for v in &raw {
                    ops.push(self.cmpop(v)?);
                }
                let comparators = self.exprs(o, "comparators", kind)?;
                ExprKind::Compare { left, ops, comparators }
            }
            "Call" => ExprKind::Call {
                func: self.expr_field(o, "func", kind)?,
                args: self.exprs(o, "args", kind)?,
                keywords: self.keywords(o, "keywords", kind)?,
            },
            "FormattedValue" => {
                let value = self.expr_field(o, "value", kind)?;
                let conversion = self.int(o, "conversion", kind)?;
                let format_spec = self.opt_expr(o, "format_spec", kind)?;
                ExprKind::FormattedValue { value, conversion: conversion as i32, format_spec }
            }
            "JoinedStr" => ExprKind::JoinedStr { values: self.exprs(o, "values", kind)? },
            "Constant" => {
                let v = self.req(o, "value", kind)?;
                let value = self.constant(&v)?;
                let kind = self.opt_string(o, "kind")?;
                ExprKind::Constant { value, kind: kind.map(String::into_boxed_str) }
            }
            "Attribute" => ExprKind::Attribute {
                value: self.expr_field(o, "value", kind)?,
                attr: self.ident(o, "attr", kind)?,
                ctx: self.ctx(o, kind)?,
            },
            "Subscript" => ExprKind::Subscript {
                value: self.expr_field(o, "value", kind)?,
                slice: self.expr_field(o, "slice", kind)?,
                ctx: self.ctx(o, kind)?,
            },
            "Starred" => ExprKind::Starred { value: self.expr_field(o, "value", kind)?, ctx: self.ctx(o, kind)? },
            "Name" => {
                let id = self.ident(o, "id", kind)?;
                let ctx = self.ctx(o, kind)?;
                ExprKind::Name { id, ctx }
            }
            "List" | "Tuple" => {
                let elts = self.exprs(o, "elts", kind)?;
                let ctx = self.ctx(o, kind)?;
                if kind == "List" {
                    ExprKind::List { elts, ctx }
                } else {
                    ExprKind::Tuple { elts, ctx }
                }
            }
            "Slice" => ExprKind::Slice {
                lower: self.opt_expr(o, "lower", kind)?,
                upper: self.opt_expr(o, "upper", kind)?,
                step: self.opt_expr(o, "step", kind)?,
            },
            _ => return self.not_a(obj, "expr"),
        };
        Ok(Expr { kind: k, pos, range })
    }

    /// A `Constant` value: CPython's `validate_constant` (`None`,
    /// `Ellipsis`, exact `int`/`float`/`complex`/`str`/`bytes`, `bool`, and
    /// exact tuples and frozensets of those).
    fn constant(&mut self, v: &Value) -> R<Constant> {
        match self.constant_inner(v)? {
            Some(c) => Ok(c),
            None => {
                let n = self.vm.type_name(v);
                Err(self.type_err(format!("got an invalid type in Constant: {n}")))
            }
        }
    }

    fn constant_inner(&mut self, v: &Value) -> R<Option<Constant>> {
        let t = self.vm.type_of(v);
        let ty = &self.vm.types;
        let c = match v {
            Value::None => Constant::None,
            Value::Bool(b) => Constant::Bool(*b),
            Value::Int(i) => Constant::Int(BigInt::from(*i)),
            Value::Float(f) => Constant::Float(*f),
            _ if Rc::ptr_eq(&t, &ty.ellipsis_type) => Constant::Ellipsis,
            _ => match v.payload() {
                Some(Payload::BigInt(b)) if Rc::ptr_eq(&t, &ty.int) => Constant::Int(b.clone()),
                Some(Payload::Float(f)) if Rc::ptr_eq(&t, &ty.float) => Constant::Float(*f),
                Some(Payload::Complex(re, im)) if Rc::ptr_eq(&t, &ty.complex) => Constant::Complex { real: *re, imag: *im },
                Some(Payload::Str(s)) if Rc::ptr_eq(&t, &ty.str_) => {
                    Constant::Str(pyx_syntax::ast::PyStr::from_code_points(s.code_points()))
                }
                Some(Payload::Bytes(b)) if Rc::ptr_eq(&t, &ty.bytes) => Constant::Bytes(b.to_vec()),
                Some(Payload::Tuple(_)) | Some(Payload::FrozenSet(_))
                    if Rc::ptr_eq(&t, &ty.tuple) || Rc::ptr_eq(&t, &ty.frozenset) =>
                {
                    let tuple = Rc::ptr_eq(&t, &ty.tuple);
                    let items = self.vm.to_vec(v)?;
                    let mut out = Vec::with_capacity(items.len());
                    for i in &items {
                        match self.constant_inner(i)? {
                            Some(c) => out.push(c),
                            None => return Ok(None),
                        }
                    }
                    if tuple {
                        Constant::Tuple(out)
                    } else {
                        Constant::FrozenSet(out)
                    }
                }
                _ => return Ok(None),
            },
        };
        Ok(Some(c))
    }

    // ---- patterns ---------------------------------------------------------

    fn pattern_field(&mut self, obj: &Value, name: &str, owner: &str) -> R<Pattern> {
        let v = self.req(obj, name, owner)?;
        if v.is_none() {
            return Err(self.value_err(format!("field '{name}' is required for {owner}")));
        }
        self.pattern(&v)
    }

    fn patterns(&mut self, obj: &Value, name: &str, owner: &str) -> R<Vec<Pattern>> {
        let items = self.seq(obj, name, owner)?;
        let mut out = Vec::with_capacity(items.len());
        for v in &items {
            if v.is_none() {
                return Err(self.value_err(format!("field '{name}' is required for {owner}")));
            }
            out.push(self.pattern(v)?);
        }
        Ok(out)
    }

    fn pattern(&mut self, obj: &Value) -> R<Pattern> {
        self.enter("pattern")?;
        let r = self.pattern_inner(obj);
        self.depth -= 1;
        r
    }

    fn pattern_inner(&mut self, obj: &Value) -> R<Pattern> {
        let pos = self.pos(obj, "pattern")?;
        let range = self.range();
        let Some(kind) = self.kind_of(obj) else { return self.not_a(obj, "pattern") };
        let o = obj;
        let k = match kind {
            "MatchValue" => PatternKind::MatchValue { value: self.expr_field(o, "value", kind)? },
            "MatchSingleton" => {
                let v = self.req(o, "value", kind)?;
                let value = match v {
                    Value::None => Constant::None,
                    Value::Bool(b) => Constant::Bool(b),
                    // CPython converts any object and the validator
                    // rejects it.
                    _ => Constant::Ellipsis,
                };
                PatternKind::MatchSingleton { value }
            }
            "MatchSequence" => PatternKind::MatchSequence { patterns: self.patterns(o, "patterns", kind)? },
            "MatchMapping" => PatternKind::MatchMapping {
                keys: self.exprs(o, "keys", kind)?,
                patterns: self.patterns(o, "patterns", kind)?,
                rest: self.opt_ident(o, "rest")?,
            },
            "MatchClass" => PatternKind::MatchClass {
                cls: self.expr_field(o, "cls", kind)?,
                patterns: self.patterns(o, "patterns", kind)?,
                kwd_attrs: self.idents(o, "kwd_attrs", kind)?,
                kwd_patterns: self.patterns(o, "kwd_patterns", kind)?,
            },
            "MatchStar" => PatternKind::MatchStar { name: self.opt_ident(o, "name")? },
            "MatchAs" => {
                let pattern = match self.get(o, "pattern")? {
                    None | Some(Value::None) => None,
                    Some(p) => Some(Box::new(self.pattern(&p)?)),
                };
                PatternKind::MatchAs { pattern, name: self.opt_ident(o, "name")? }
            }
            "MatchOr" => PatternKind::MatchOr { patterns: self.patterns(o, "patterns", kind)? },
            _ => return self.not_a(obj, "pattern"),
        };
        Ok(Pattern { kind: k, pos, range })
    }
}

/// A converted tree, by mode.
pub enum Root {
    Module(Module),
    Interactive(Module),
    Expression(Expr),
}
