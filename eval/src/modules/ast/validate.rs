//! CPython 3.11's `_PyAST_Validate` (`Python/ast.c`) over a tree converted
//! from `ast` node objects: the checks `compile(tree, ...)` makes after
//! the conversion and before the symbol table. Messages and the order of
//! the checks are CPython's. Node positions are checked during the
//! conversion instead (pyx's positions are unsigned).

use pyx_syntax::ast::*;

/// The exception a failed check raises.
pub enum Kind {
    Value,
    Type,
    System,
    Recursion,
}

pub struct Invalid(pub Kind, pub String);

type R = Result<(), Invalid>;

fn value(msg: impl Into<String>) -> R {
    Err(Invalid(Kind::Value, msg.into()))
}

/// CPython scales the recursion limit (1000) by 3 for the validator.
const LIMIT: u32 = 3000;

struct V {
    depth: u32,
}

pub fn module(body: &[Stmt]) -> R {
    V { depth: 0 }.stmts(body)
}

pub fn expression(e: &Expr) -> R {
    V { depth: 0 }.expr(e, ExprContext::Load)
}

fn ctx_name(c: ExprContext) -> &'static str {
    c.name()
}

fn validate_name(name: &str) -> R {
    for f in ["None", "True", "False"] {
        if name == f {
            return value(format!("identifier field can't represent '{f}' constant"));
        }
    }
    Ok(())
}

fn validate_capture(name: &str) -> R {
    if name == "_" {
        return value("can't capture name '_' in patterns");
    }
    validate_name(name)
}

fn nonempty<T>(seq: &[T], what: &str, owner: &str) -> R {
    if seq.is_empty() {
        return value(format!("empty {what} on {owner}"));
    }
    Ok(())
}

impl V {
    fn enter(&mut self) -> R {
        self.depth += 1;
        if self.depth > LIMIT {
            return Err(Invalid(Kind::Recursion, "maximum recursion depth exceeded during compilation".into()));
        }
        Ok(())
    }

    fn stmts(&mut self, body: &[Stmt]) -> R {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn body(&mut self, body: &[Stmt], owner: &str) -> R {
        nonempty(body, "body", owner)?;
        self.stmts(body)
    }

    fn exprs(&mut self, v: &[Expr], ctx: ExprContext) -> R {
        for e in v {
            self.expr(e, ctx)?;
        }
        Ok(())
    }

    fn opt(&mut self, e: &Option<Box<Expr>>) -> R {
        match e {
            Some(e) => self.expr(e, ExprContext::Load),
            None => Ok(()),
        }
    }

    fn load(&mut self, e: &Expr) -> R {
        self.expr(e, ExprContext::Load)
    }

    fn keywords(&mut self, ks: &[Keyword]) -> R {
        for k in ks {
            self.load(&k.value)?;
        }
        Ok(())
    }

    fn args(&mut self, args: &[Arg]) -> R {
        for a in args {
            self.opt(&a.annotation)?;
        }
        Ok(())
    }

    fn arguments(&mut self, a: &Arguments) -> R {
        self.args(&a.posonlyargs)?;
        self.args(&a.args)?;
        if let Some(v) = &a.vararg {
            self.opt(&v.annotation)?;
        }
        self.args(&a.kwonlyargs)?;
        if let Some(k) = &a.kwarg {
            self.opt(&k.annotation)?;
        }
        if a.defaults.len() > a.posonlyargs.len() + a.args.len() {
            return value("more positional defaults than args on arguments");
        }
        if a.kw_defaults.len() != a.kwonlyargs.len() {
            return value("length of kwonlyargs is not the same as kw_defaults on arguments");
        }
        self.exprs(&a.defaults, ExprContext::Load)?;
        for d in a.kw_defaults.iter().flatten() {
            self.load(d)?;
        }
        Ok(())
    }

    fn comprehension(&mut self, gens: &[Comprehension]) -> R {
        if gens.is_empty() {
            return value("comprehension with no generators");
        }
        for g in gens {
            self.expr(&g.target, ExprContext::Store)?;
            self.load(&g.iter)?;
            self.exprs(&g.ifs, ExprContext::Load)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> R {
        self.enter()?;
        let r = self.stmt_inner(s);
        self.depth -= 1;
        r
    }

    fn stmt_inner(&mut self, s: &Stmt) -> R {
        use ExprContext::{Del, Load, Store};
        match &s.kind {
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
                self.body(&f.body, s.kind.name())?;
                self.arguments(&f.args)?;
                self.exprs(&f.decorator_list, Load)?;
                self.opt(&f.returns)
            }
            StmtKind::ClassDef { bases, keywords, body, decorator_list, .. } => {
                self.body(body, "ClassDef")?;
                self.exprs(bases, Load)?;
                self.keywords(keywords)?;
                self.exprs(decorator_list, Load)
            }
            StmtKind::Return { value } => self.opt(value),
            StmtKind::Delete { targets } => {
                nonempty(targets, "targets", "Delete")?;
                self.exprs(targets, Del)
            }
            StmtKind::Assign { targets, value, .. } => {
                nonempty(targets, "targets", "Assign")?;
                self.exprs(targets, Store)?;
                self.load(value)
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target, Store)?;
                self.load(value)
            }
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                if *simple && !matches!(target.kind, ExprKind::Name { .. }) {
                    return Err(Invalid(Kind::Type, "AnnAssign with simple non-Name target".into()));
                }
                self.expr(target, Store)?;
                self.opt(value)?;
                self.load(annotation)
            }
            StmtKind::For { target, iter, body, orelse, .. } | StmtKind::AsyncFor { target, iter, body, orelse, .. } => {
                self.expr(target, Store)?;
                self.load(iter)?;
                self.body(body, s.kind.name())?;
                self.stmts(orelse)
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.load(test)?;
                self.body(body, s.kind.name())?;
                self.stmts(orelse)
            }
            StmtKind::With { items, body, .. } | StmtKind::AsyncWith { items, body, .. } => {
                nonempty(items, "items", s.kind.name())?;
                for w in items {
                    self.load(&w.context_expr)?;
                    if let Some(v) = &w.optional_vars {
                        self.expr(v, Store)?;
                    }
                }
                self.body(body, s.kind.name())
            }
            StmtKind::Match { subject, cases } => {
                self.load(subject)?;
                nonempty(cases, "cases", "Match")?;
                for c in cases {
                    self.pattern(&c.pattern, false)?;
                    self.opt(&c.guard)?;
                    self.body(&c.body, "match_case")?;
                }
                Ok(())
            }
            StmtKind::Raise { exc, cause } => match exc {
                Some(e) => {
                    self.load(e)?;
                    self.opt(cause)
                }
                None if cause.is_some() => value("Raise with cause but no exception"),
                None => Ok(()),
            },
            StmtKind::Try { body, handlers, orelse, finalbody }
            | StmtKind::TryStar { body, handlers, orelse, finalbody } => {
                let owner = s.kind.name();
                self.body(body, owner)?;
                if handlers.is_empty() && finalbody.is_empty() {
                    return value(format!("{owner} has neither except handlers nor finalbody"));
                }
                if handlers.is_empty() && !orelse.is_empty() {
                    return value(format!("{owner} has orelse but no except handlers"));
                }
                for h in handlers {
                    self.opt(&h.type_)?;
                    self.body(&h.body, "ExceptHandler")?;
                }
                self.stmts(finalbody)?;
                self.stmts(orelse)
            }
            StmtKind::Assert { test, msg } => {
                self.load(test)?;
                self.opt(msg)
            }
            StmtKind::Import { names } => nonempty(names, "names", "Import"),
            StmtKind::ImportFrom { names, .. } => nonempty(names, "names", "ImportFrom"),
            StmtKind::Global { names } => nonempty(names, "names", "Global"),
            StmtKind::Nonlocal { names } => nonempty(names, "names", "Nonlocal"),
            StmtKind::Expr { value } => self.load(value),
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => Ok(()),
        }
    }

    fn expr(&mut self, e: &Expr, ctx: ExprContext) -> R {
        self.enter()?;
        let r = self.expr_inner(e, ctx);
        self.depth -= 1;
        r
    }

    fn expr_inner(&mut self, e: &Expr, ctx: ExprContext) -> R {
        use ExprContext::Load;
        let actual = match &e.kind {
            ExprKind::Attribute { ctx, .. }
            | ExprKind::Subscript { ctx, .. }
            | ExprKind::Starred { ctx, .. }
            | ExprKind::Name { ctx, .. }
            | ExprKind::List { ctx, .. }
            | ExprKind::Tuple { ctx, .. } => Some(*ctx),
            _ => None,
        };
        match actual {
            None if ctx != Load => {
                return value(format!("expression which can't be assigned to in {} context", ctx_name(ctx)));
            }
            Some(a) if a != ctx => {
                return value(format!("expression must have {} context but has {} instead", ctx_name(ctx), ctx_name(a)));
            }
            _ => {}
        }
        match &e.kind {
            ExprKind::BoolOp { values, .. } => {
                if values.len() < 2 {
                    return value("BoolOp with less than 2 values");
                }
                self.exprs(values, Load)
            }
            ExprKind::BinOp { left, right, .. } => {
                self.load(left)?;
                self.load(right)
            }
            ExprKind::UnaryOp { operand, .. } => self.load(operand),
            ExprKind::Lambda { args, body } => {
                self.arguments(args)?;
                self.load(body)
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.load(test)?;
                self.load(body)?;
                self.load(orelse)
            }
            ExprKind::Dict { keys, values } => {
                if keys.len() != values.len() {
                    return value("Dict doesn't have the same number of keys as values");
                }
                for k in keys.iter().flatten() {
                    self.load(k)?;
                }
                self.exprs(values, Load)
            }
            ExprKind::Set { elts } => self.exprs(elts, Load),
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(generators)?;
                self.load(elt)
            }
            ExprKind::DictComp { key, value, generators } => {
                self.comprehension(generators)?;
                self.load(key)?;
                self.load(value)
            }
            ExprKind::Yield { value } => self.opt(value),
            ExprKind::YieldFrom { value } | ExprKind::Await { value } => self.load(value),
            ExprKind::Compare { left, ops, comparators } => {
                if comparators.is_empty() {
                    return value("Compare with no comparators");
                }
                if comparators.len() != ops.len() {
                    return value("Compare has a different number of comparators and operands");
                }
                self.exprs(comparators, Load)?;
                self.load(left)
            }
            ExprKind::Call { func, args, keywords } => {
                self.load(func)?;
                self.exprs(args, Load)?;
                self.keywords(keywords)
            }
            ExprKind::Constant { .. } => Ok(()),
            ExprKind::JoinedStr { values } => self.exprs(values, Load),
            ExprKind::FormattedValue { value, conversion, format_spec } => {
                self.load(value)?;
                self.opt(format_spec)?;
                // The compiler's check (compiler_formatted_value).
                if !matches!(*conversion, -1 | 115 | 114 | 97) {
                    return Err(Invalid(Kind::System, format!("Unrecognized conversion character {conversion}")));
                }
                Ok(())
            }
            ExprKind::Attribute { value, .. } => self.load(value),
            ExprKind::Subscript { value, slice, .. } => {
                self.load(slice)?;
                self.load(value)
            }
            ExprKind::Starred { value, .. } => self.expr(value, ctx),
            ExprKind::Slice { lower, upper, step } => {
                self.opt(lower)?;
                self.opt(upper)?;
                self.opt(step)
            }
            ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => self.exprs(elts, ctx),
            ExprKind::NamedExpr { target, value } => {
                if !matches!(target.kind, ExprKind::Name { .. }) {
                    return Err(Invalid(Kind::Type, "NamedExpr target must be a Name".into()));
                }
                self.load(value)
            }
            ExprKind::Name { id, .. } => validate_name(id),
        }
    }

    fn match_value(&mut self, e: &Expr) -> R {
        self.load(e)?;
        match &e.kind {
            ExprKind::Constant { value: c, .. } => match c {
                Constant::Int(_) | Constant::Float(_) | Constant::Bytes(_) | Constant::Complex { .. } | Constant::Str(_) => Ok(()),
                _ => value("unexpected constant inside of a literal pattern"),
            },
            ExprKind::Attribute { .. } | ExprKind::JoinedStr { .. } => Ok(()),
            ExprKind::UnaryOp { op: UnaryOp::USub, .. } => Ok(()),
            ExprKind::BinOp { op: Operator::Add | Operator::Sub, .. } => Ok(()),
            _ => value("patterns may only match literals and attribute lookups"),
        }
    }

    fn patterns(&mut self, ps: &[Pattern], star_ok: bool) -> R {
        for p in ps {
            self.pattern(p, star_ok)?;
        }
        Ok(())
    }

    fn pattern(&mut self, p: &Pattern, star_ok: bool) -> R {
        self.enter()?;
        let r = self.pattern_inner(p, star_ok);
        self.depth -= 1;
        r
    }

    fn pattern_inner(&mut self, p: &Pattern, star_ok: bool) -> R {
        match &p.kind {
            PatternKind::MatchValue { value } => self.match_value(value),
            PatternKind::MatchSingleton { value: c } => match c {
                Constant::None | Constant::Bool(_) => Ok(()),
                _ => value("MatchSingleton can only contain True, False and None"),
            },
            PatternKind::MatchSequence { patterns } => self.patterns(patterns, true),
            PatternKind::MatchMapping { keys, patterns, rest } => {
                if keys.len() != patterns.len() {
                    return value("MatchMapping doesn't have the same number of keys as patterns");
                }
                if let Some(r) = rest {
                    validate_capture(r)?;
                }
                for k in keys {
                    if let ExprKind::Constant { value: Constant::None | Constant::Bool(_), .. } = &k.kind {
                        continue;
                    }
                    self.match_value(k)?;
                }
                self.patterns(patterns, false)
            }
            PatternKind::MatchClass { cls, patterns, kwd_attrs, kwd_patterns } => {
                if kwd_attrs.len() != kwd_patterns.len() {
                    return value("MatchClass doesn't have the same number of keyword attributes as patterns");
                }
                self.load(cls)?;
                let mut c: &Expr = cls;
                loop {
                    match &c.kind {
                        ExprKind::Name { .. } => break,
                        ExprKind::Attribute { value, .. } => c = value,
                        _ => return value("MatchClass cls field can only contain Name or Attribute nodes."),
                    }
                }
                for a in kwd_attrs {
                    validate_name(a)?;
                }
                self.patterns(patterns, false)?;
                self.patterns(kwd_patterns, false)
            }
            PatternKind::MatchStar { name } => {
                if !star_ok {
                    return value("can't use MatchStar here");
                }
                match name {
                    Some(n) => validate_capture(n),
                    None => Ok(()),
                }
            }
            PatternKind::MatchAs { pattern, name } => {
                if let Some(n) = name {
                    validate_capture(n)?;
                }
                match (pattern, name) {
                    (None, _) => Ok(()),
                    (Some(_), None) => value("MatchAs must specify a target name if a pattern is given"),
                    (Some(p), Some(_)) => self.pattern(p, false),
                }
            }
            PatternKind::MatchOr { patterns } => {
                if patterns.len() < 2 {
                    return value("MatchOr requires at least 2 patterns");
                }
                self.patterns(patterns, false)
            }
        }
    }
}
