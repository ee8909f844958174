//! pyx's AST to `ast` node objects (CPython's `ast2obj_*`): every node
//! becomes an instance of its class with its fields, then its position
//! attributes, in the instance `__dict__`; context and operator nodes are
//! the shared singletons.

use std::rc::Rc;

use pyx_syntax::ast::*;

use super::AstState;
use crate::value::{Payload, Value};
use crate::vm::{str_key, Vm};

pub struct ToPy<'a> {
    pub vm: &'a mut Vm,
    st: Rc<AstState>,
}

type F = Vec<(&'static str, Value)>;

impl<'a> ToPy<'a> {
    pub fn new(vm: &'a mut Vm) -> ToPy<'a> {
        let st = super::state(vm);
        ToPy { vm, st }
    }

    fn node(&mut self, name: &str, fields: F, pos: Option<&Pos>) -> Value {
        let cls = self.st.class(name);
        let v = self.vm.new_object(&cls, Payload::Instance, true);
        if let Some(d) = v.obj().and_then(|o| o.dict.as_ref()) {
            let mut d = d.borrow_mut();
            for (k, x) in fields {
                d.set_str(k, x);
            }
            if let Some(p) = pos {
                d.set_str("lineno", Value::Int(p.lineno as i64));
                d.set_str("col_offset", Value::Int(p.col_offset as i64));
                d.set_str("end_lineno", Value::Int(p.end_lineno as i64));
                d.set_str("end_col_offset", Value::Int(p.end_col_offset as i64));
            }
        }
        v
    }

    fn single(&mut self, name: &str) -> Value {
        match self.st.singletons.get(name) {
            Some(v) => v.clone(),
            None => self.node(name, Vec::new(), None),
        }
    }

    fn ident(&self, s: &str) -> Value {
        str_key(s)
    }

    fn opt_ident<S: AsRef<str>>(&self, s: &Option<S>) -> Value {
        match s {
            Some(s) => str_key(s.as_ref()),
            None => Value::None,
        }
    }

    fn opt_str<S: AsRef<str>>(&self, s: &Option<S>) -> Value {
        match s {
            Some(s) => self.vm.new_str(s.as_ref()),
            None => Value::None,
        }
    }

    fn list(&self, items: Vec<Value>) -> Value {
        self.vm.new_list(items)
    }

    pub fn module(&mut self, m: &Module) -> Value {
        let body = self.stmts(&m.body);
        let ti: Vec<Value> = m
            .type_ignores
            .iter()
            .map(|t| {
                let tag = self.vm.new_str(&t.tag);
                self.node("TypeIgnore", vec![("lineno", Value::Int(t.lineno as i64)), ("tag", tag)], None)
            })
            .collect();
        let ti = self.list(ti);
        self.node("Module", vec![("body", body), ("type_ignores", ti)], None)
    }

    pub fn interactive(&mut self, m: &Module) -> Value {
        let body = self.stmts(&m.body);
        self.node("Interactive", vec![("body", body)], None)
    }

    pub fn expression(&mut self, e: &Expr) -> Value {
        let body = self.expr(e);
        self.node("Expression", vec![("body", body)], None)
    }

    pub fn function_type(&mut self, args: &[&Expr], returns: &Expr) -> Value {
        let a: Vec<Value> = args.iter().map(|e| self.expr(e)).collect();
        let a = self.list(a);
        let r = self.expr(returns);
        self.node("FunctionType", vec![("argtypes", a), ("returns", r)], None)
    }

    fn stmts(&mut self, v: &[Stmt]) -> Value {
        let items: Vec<Value> = v.iter().map(|s| self.stmt(s)).collect();
        self.list(items)
    }

    fn exprs(&mut self, v: &[Expr]) -> Value {
        let items: Vec<Value> = v.iter().map(|e| self.expr(e)).collect();
        self.list(items)
    }

    fn opt_expr(&mut self, e: &Option<Box<Expr>>) -> Value {
        match e {
            Some(e) => self.expr(e),
            None => Value::None,
        }
    }

    fn idents(&self, v: &[Identifier]) -> Value {
        self.list(v.iter().map(|s| str_key(s)).collect())
    }

    fn stmt(&mut self, s: &Stmt) -> Value {
        let name = s.kind.name();
        let f: F = match &s.kind {
            StmtKind::FunctionDef(fd) | StmtKind::AsyncFunctionDef(fd) => vec![
                ("name", self.ident(&fd.name)),
                ("args", self.arguments(&fd.args)),
                ("body", self.stmts(&fd.body)),
                ("decorator_list", self.exprs(&fd.decorator_list)),
                ("returns", self.opt_expr(&fd.returns)),
                ("type_comment", self.opt_str(&fd.type_comment)),
            ],
            StmtKind::ClassDef { name, bases, keywords, body, decorator_list } => vec![
                ("name", self.ident(name)),
                ("bases", self.exprs(bases)),
                ("keywords", self.keywords(keywords)),
                ("body", self.stmts(body)),
                ("decorator_list", self.exprs(decorator_list)),
            ],
            StmtKind::Return { value } => vec![("value", self.opt_expr(value))],
            StmtKind::Delete { targets } => vec![("targets", self.exprs(targets))],
            StmtKind::Assign { targets, value, type_comment } => vec![
                ("targets", self.exprs(targets)),
                ("value", self.expr(value)),
                ("type_comment", self.opt_str(type_comment)),
            ],
            StmtKind::AugAssign { target, op, value } => {
                vec![("target", self.expr(target)), ("op", self.single(op.name())), ("value", self.expr(value))]
            }
            StmtKind::AnnAssign { target, annotation, value, simple } => vec![
                ("target", self.expr(target)),
                ("annotation", self.expr(annotation)),
                ("value", self.opt_expr(value)),
                ("simple", Value::Int(*simple as i64)),
            ],
            StmtKind::For { target, iter, body, orelse, type_comment }
            | StmtKind::AsyncFor { target, iter, body, orelse, type_comment } => vec![
                ("target", self.expr(target)),
                ("iter", self.expr(iter)),
                ("body", self.stmts(body)),
                ("orelse", self.stmts(orelse)),
                ("type_comment", self.opt_str(type_comment)),
            ],
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                vec![("test", self.expr(test)), ("body", self.stmts(body)), ("orelse", self.stmts(orelse))]
            }
            StmtKind::With { items, body, type_comment } | StmtKind::AsyncWith { items, body, type_comment } => {
                let it: Vec<Value> = items
                    .iter()
                    .map(|w| {
                        let ce = self.expr(&w.context_expr);
                        let ov = self.opt_expr(&w.optional_vars);
                        self.node("withitem", vec![("context_expr", ce), ("optional_vars", ov)], None)
                    })
                    .collect();
                vec![("items", self.list(it)), ("body", self.stmts(body)), ("type_comment", self.opt_str(type_comment))]
            }
            StmtKind::Match { subject, cases } => {
                let subject = self.expr(subject);
                let cs: Vec<Value> = cases
                    .iter()
                    .map(|c| {
                        let p = self.pattern(&c.pattern);
                        let g = self.opt_expr(&c.guard);
                        let b = self.stmts(&c.body);
                        self.node("match_case", vec![("pattern", p), ("guard", g), ("body", b)], None)
                    })
                    .collect();
                vec![("subject", subject), ("cases", self.list(cs))]
            }
            StmtKind::Raise { exc, cause } => vec![("exc", self.opt_expr(exc)), ("cause", self.opt_expr(cause))],
            StmtKind::Try { body, handlers, orelse, finalbody }
            | StmtKind::TryStar { body, handlers, orelse, finalbody } => {
                let body = self.stmts(body);
                let hs: Vec<Value> = handlers
                    .iter()
                    .map(|h| {
                        let t = self.opt_expr(&h.type_);
                        let n = self.opt_ident(&h.name);
                        let b = self.stmts(&h.body);
                        self.node("ExceptHandler", vec![("type", t), ("name", n), ("body", b)], Some(&h.pos))
                    })
                    .collect();
                vec![
                    ("body", body),
                    ("handlers", self.list(hs)),
                    ("orelse", self.stmts(orelse)),
                    ("finalbody", self.stmts(finalbody)),
                ]
            }
            StmtKind::Assert { test, msg } => vec![("test", self.expr(test)), ("msg", self.opt_expr(msg))],
            StmtKind::Import { names } => vec![("names", self.aliases(names))],
            StmtKind::ImportFrom { module, names, level } => vec![
                ("module", self.opt_ident(module)),
                ("names", self.aliases(names)),
                ("level", Value::Int(*level as i64)),
            ],
            StmtKind::Global { names } | StmtKind::Nonlocal { names } => vec![("names", self.idents(names))],
            StmtKind::Expr { value } => vec![("value", self.expr(value))],
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => Vec::new(),
        };
        self.node(name, f, Some(&s.pos))
    }

    fn aliases(&mut self, names: &[Alias]) -> Value {
        let v: Vec<Value> = names
            .iter()
            .map(|a| {
                let n = self.ident(&a.name);
                let asn = self.opt_ident(&a.asname);
                self.node("alias", vec![("name", n), ("asname", asn)], Some(&a.pos))
            })
            .collect();
        self.list(v)
    }

    fn keywords(&mut self, ks: &[Keyword]) -> Value {
        let v: Vec<Value> = ks
            .iter()
            .map(|k| {
                let a = self.opt_ident(&k.arg);
                let v = self.expr(&k.value);
                self.node("keyword", vec![("arg", a), ("value", v)], Some(&k.pos))
            })
            .collect();
        self.list(v)
    }

    fn arg(&mut self, a: &Arg) -> Value {
        let n = self.ident(&a.arg);
        let ann = self.opt_expr(&a.annotation);
        let tc = self.opt_str(&a.type_comment);
        self.node("arg", vec![("arg", n), ("annotation", ann), ("type_comment", tc)], Some(&a.pos))
    }

    fn args(&mut self, v: &[Arg]) -> Value {
        let items: Vec<Value> = v.iter().map(|a| self.arg(a)).collect();
        self.list(items)
    }

    fn opt_arg(&mut self, a: &Option<Box<Arg>>) -> Value {
        match a {
            Some(a) => self.arg(a),
            None => Value::None,
        }
    }

    fn arguments(&mut self, a: &Arguments) -> Value {
        let kwd: Vec<Value> = a
            .kw_defaults
            .iter()
            .map(|d| match d {
                Some(e) => self.expr(e),
                None => Value::None,
            })
            .collect();
        let f = vec![
            ("posonlyargs", self.args(&a.posonlyargs)),
            ("args", self.args(&a.args)),
            ("vararg", self.opt_arg(&a.vararg)),
            ("kwonlyargs", self.args(&a.kwonlyargs)),
            ("kw_defaults", self.list(kwd)),
            ("kwarg", self.opt_arg(&a.kwarg)),
            ("defaults", self.exprs(&a.defaults)),
        ];
        self.node("arguments", f, None)
    }

    fn comprehensions(&mut self, gens: &[Comprehension]) -> Value {
        let v: Vec<Value> = gens
            .iter()
            .map(|g| {
                let f = vec![
                    ("target", self.expr(&g.target)),
                    ("iter", self.expr(&g.iter)),
                    ("ifs", self.exprs(&g.ifs)),
                    ("is_async", Value::Int(g.is_async as i64)),
                ];
                self.node("comprehension", f, None)
            })
            .collect();
        self.list(v)
    }

    pub fn constant(&mut self, c: &Constant) -> Value {
        match c {
            Constant::None => Value::None,
            Constant::Bool(b) => Value::Bool(*b),
            Constant::Ellipsis => self.vm.types.ellipsis.clone(),
            Constant::Int(i) => self.vm.int(i.clone()),
            Constant::Float(f) => Value::Float(*f),
            Constant::Complex { real, imag } => {
                self.vm.new_object(&self.vm.types.complex.clone(), Payload::Complex(*real, *imag), false)
            }
            Constant::Str(s) => self.vm.new_pystr(crate::objects::str::PyStr::from_ast(s)),
            Constant::Bytes(b) => {
                self.vm.new_object(&self.vm.types.bytes.clone(), Payload::Bytes(b.clone().into_boxed_slice()), false)
            }
            Constant::Tuple(items) => {
                let v: Vec<Value> = items.iter().map(|c| self.constant(c)).collect();
                self.vm.new_tuple(v)
            }
            Constant::FrozenSet(items) => {
                let v: Vec<Value> = items.iter().map(|c| self.constant(c)).collect();
                let t = self.vm.new_tuple(v);
                let cls = Value::Obj(self.vm.types.frozenset.clone());
                self.vm.call(&cls, vec![t]).unwrap_or(Value::None)
            }
        }
    }

    fn ctx(&mut self, c: ExprContext) -> Value {
        self.single(c.name())
    }

    pub fn expr(&mut self, e: &Expr) -> Value {
        let name = e.kind.name();
        let f: F = match &e.kind {
            ExprKind::BoolOp { op, values } => vec![("op", self.single(op.name())), ("values", self.exprs(values))],
            ExprKind::NamedExpr { target, value } => vec![("target", self.expr(target)), ("value", self.expr(value))],
            ExprKind::BinOp { left, op, right } => {
                vec![("left", self.expr(left)), ("op", self.single(op.name())), ("right", self.expr(right))]
            }
            ExprKind::UnaryOp { op, operand } => vec![("op", self.single(op.name())), ("operand", self.expr(operand))],
            ExprKind::Lambda { args, body } => vec![("args", self.arguments(args)), ("body", self.expr(body))],
            ExprKind::IfExp { test, body, orelse } => {
                vec![("test", self.expr(test)), ("body", self.expr(body)), ("orelse", self.expr(orelse))]
            }
            ExprKind::Dict { keys, values } => {
                let ks: Vec<Value> = keys
                    .iter()
                    .map(|k| match k {
                        Some(k) => self.expr(k),
                        None => Value::None,
                    })
                    .collect();
                vec![("keys", self.list(ks)), ("values", self.exprs(values))]
            }
            ExprKind::Set { elts } => vec![("elts", self.exprs(elts))],
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                vec![("elt", self.expr(elt)), ("generators", self.comprehensions(generators))]
            }
            ExprKind::DictComp { key, value, generators } => vec![
                ("key", self.expr(key)),
                ("value", self.expr(value)),
                ("generators", self.comprehensions(generators)),
            ],
            ExprKind::Await { value } | ExprKind::YieldFrom { value } => vec![("value", self.expr(value))],
            ExprKind::Yield { value } => vec![("value", self.opt_expr(value))],
            ExprKind::Compare { left, ops, comparators } => {
                let os: Vec<Value> = ops.iter().map(|o| self.single(o.name())).collect();
                vec![("left", self.expr(left)), ("ops", self.list(os)), ("comparators", self.exprs(comparators))]
            }
            ExprKind::Call { func, args, keywords } => {
                vec![("func", self.expr(func)), ("args", self.exprs(args)), ("keywords", self.keywords(keywords))]
            }
            ExprKind::FormattedValue { value, conversion, format_spec } => vec![
                ("value", self.expr(value)),
                ("conversion", Value::Int(*conversion as i64)),
                ("format_spec", self.opt_expr(format_spec)),
            ],
            ExprKind::JoinedStr { values } => vec![("values", self.exprs(values))],
            ExprKind::Constant { value, kind } => vec![("value", self.constant(value)), ("kind", self.opt_str(kind))],
            ExprKind::Attribute { value, attr, ctx } => {
                vec![("value", self.expr(value)), ("attr", self.ident(attr)), ("ctx", self.ctx(*ctx))]
            }
            ExprKind::Subscript { value, slice, ctx } => {
                vec![("value", self.expr(value)), ("slice", self.expr(slice)), ("ctx", self.ctx(*ctx))]
            }
            ExprKind::Starred { value, ctx } => vec![("value", self.expr(value)), ("ctx", self.ctx(*ctx))],
            ExprKind::Name { id, ctx } => vec![("id", self.ident(id)), ("ctx", self.ctx(*ctx))],
            ExprKind::List { elts, ctx } | ExprKind::Tuple { elts, ctx } => {
                vec![("elts", self.exprs(elts)), ("ctx", self.ctx(*ctx))]
            }
            ExprKind::Slice { lower, upper, step } => vec![
                ("lower", self.opt_expr(lower)),
                ("upper", self.opt_expr(upper)),
                ("step", self.opt_expr(step)),
            ],
        };
        self.node(name, f, Some(&e.pos))
    }

    fn patterns(&mut self, ps: &[Pattern]) -> Value {
        let v: Vec<Value> = ps.iter().map(|p| self.pattern(p)).collect();
        self.list(v)
    }

    fn pattern(&mut self, p: &Pattern) -> Value {
        let name = p.kind.name();
        let f: F = match &p.kind {
            PatternKind::MatchValue { value } => vec![("value", self.expr(value))],
            PatternKind::MatchSingleton { value } => vec![("value", self.constant(value))],
            PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => {
                vec![("patterns", self.patterns(patterns))]
            }
            PatternKind::MatchMapping { keys, patterns, rest } => vec![
                ("keys", self.exprs(keys)),
                ("patterns", self.patterns(patterns)),
                ("rest", self.opt_ident(rest)),
            ],
            PatternKind::MatchClass { cls, patterns, kwd_attrs, kwd_patterns } => vec![
                ("cls", self.expr(cls)),
                ("patterns", self.patterns(patterns)),
                ("kwd_attrs", self.idents(kwd_attrs)),
                ("kwd_patterns", self.patterns(kwd_patterns)),
            ],
            PatternKind::MatchStar { name } => vec![("name", self.opt_ident(name))],
            PatternKind::MatchAs { pattern, name } => {
                let p = match pattern {
                    Some(p) => self.pattern(p),
                    None => Value::None,
                };
                vec![("pattern", p), ("name", self.opt_ident(name))]
            }
        };
        self.node(name, f, Some(&p.pos))
    }
}
