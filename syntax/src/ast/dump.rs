//! `dump`: prints a [`Module`] exactly like CPython 3.11's
//! `ast.dump(tree, include_attributes=A, indent=3)`, which is what
//! `python3 -m ast [-a] FILE` prints.
//!
//! CPython's algorithm (`Lib/ast.py`, `dump._format`), restated:
//!
//! * A node prints as `Name(field=value, ...)`; every field is written in
//!   `name=value` form (annotate_fields is true), in `_fields` order, followed
//!   with `include_attributes` by `lineno`, `col_offset`, `end_lineno`,
//!   `end_col_offset` for the node classes that have `_attributes`.
//! * An optional (`?`) field whose value is `None` is left out. Non-optional
//!   `None`s (`Constant(value=None)`, `MatchSingleton(value=None)`, `None`
//!   elements of `Dict.keys` and `arguments.kw_defaults`) print as `None`.
//! * A value is *simple* when it is a scalar (`repr()` of str/int/constant),
//!   an empty list, or a node that prints no field at all (`Load()`,
//!   `Add()`, and without attributes `Pass()`, `Yield()`, `Slice()`,
//!   `MatchAs()`, `MatchStar()`, `Return()`...).
//! * A node whose printed fields are all simple and at most 3 in number goes
//!   on one line, joined by `, `. Otherwise each field goes on its own line,
//!   indented 3 spaces deeper than the node's level: `Name(\n<ind>f=v,\n<ind>g=w)`.
//! * A non-empty list always prints as `[\n<ind>item,\n<ind>item]`; an empty
//!   list is `[]`.
//!
//! Because "simple" only looks one level down, whether a node goes on one line
//! is decided before printing it, so the whole dump is written straight into
//! one `String` with no intermediate allocations.

use super::nodes::*;
use super::repr::{write_constant_repr, write_str_repr_utf8};

/// Prints `module` as `ast.dump(module, include_attributes=include_attributes, indent=3)`.
pub fn dump(module: &Module, include_attributes: bool) -> String {
    let mut d = Dumper { out: String::with_capacity(4096), attrs: include_attributes };
    let mut f = Fields::new();
    f.push("body", V::Stmts(&module.body));
    f.push("type_ignores", V::TypeIgnores(&module.type_ignores));
    d.node("Module", &f, 0);
    d.out
}

/// One field value, borrowed from the tree.
#[derive(Clone, Copy)]
enum V<'a> {
    Int(i64),
    /// A `str` field (identifier, type comment, `kind`, tag), printed with `repr()`.
    Str(&'a str),
    Const(&'a Constant),
    /// The literal `None` (element of `Dict.keys` / `arguments.kw_defaults`).
    NoneLit,
    /// A node without fields or attributes: `Load()`, `Add()`, `Eq()`...
    Tag(&'static str),
    Expr(&'a Expr),
    Arguments(&'a Arguments),
    Arg(&'a Arg),
    Pattern(&'a Pattern),
    Stmts(&'a [Stmt]),
    Exprs(&'a [Expr]),
    OptExprs(&'a [Option<Expr>]),
    Strs(&'a [Identifier]),
    CmpOps(&'a [CmpOp]),
    ArgList(&'a [Arg]),
    Keywords(&'a [Keyword]),
    Aliases(&'a [Alias]),
    WithItems(&'a [WithItem]),
    Cases(&'a [MatchCase]),
    Patterns(&'a [Pattern]),
    Handlers(&'a [ExceptHandler]),
    Comps(&'a [Comprehension]),
    TypeIgnores(&'a [TypeIgnore]),
}

/// The printed fields of one node, on the stack. The largest node,
/// `arguments`, has 7 fields; stmt/expr nodes have at most 6 fields plus 4
/// attributes.
struct Fields<'a> {
    items: [(&'static str, V<'a>); 11],
    len: usize,
}

impl<'a> Fields<'a> {
    #[inline]
    fn new() -> Self {
        Fields { items: [("", V::NoneLit); 11], len: 0 }
    }

    #[inline]
    fn push(&mut self, name: &'static str, v: V<'a>) {
        self.items[self.len] = (name, v);
        self.len += 1;
    }

    #[inline]
    fn opt_expr(&mut self, name: &'static str, v: &'a Option<Box<Expr>>) {
        if let Some(e) = v {
            self.push(name, V::Expr(e));
        }
    }

    #[inline]
    fn opt_str(&mut self, name: &'static str, v: &'a Option<String>) {
        if let Some(s) = v {
            self.push(name, V::Str(s));
        }
    }

    #[inline]
    fn pos(&mut self, pos: &Pos, attrs: bool) {
        if attrs {
            self.push("lineno", V::Int(pos.lineno as i64));
            self.push("col_offset", V::Int(pos.col_offset as i64));
            self.push("end_lineno", V::Int(pos.end_lineno as i64));
            self.push("end_col_offset", V::Int(pos.end_col_offset as i64));
        }
    }

    #[inline]
    fn as_slice(&self) -> &[(&'static str, V<'a>)] {
        &self.items[..self.len]
    }
}

const INDENT: &str = "   ";
const SPACES: &str = "                                                                                                                                ";

struct Dumper {
    out: String,
    attrs: bool,
}

impl Dumper {
    #[inline]
    fn newline_indent(&mut self, level: usize) {
        self.out.push('\n');
        let mut n = level * INDENT.len();
        while n > 0 {
            let k = n.min(SPACES.len());
            self.out.push_str(&SPACES[..k]);
            n -= k;
        }
    }

    fn int(&mut self, v: i64) {
        let mut buf = [0u8; 20];
        let mut i = buf.len();
        let mut u = v.unsigned_abs();
        loop {
            i -= 1;
            buf[i] = b'0' + (u % 10) as u8;
            u /= 10;
            if u == 0 {
                break;
            }
        }
        if v < 0 {
            self.out.push('-');
        }
        self.out.push_str(std::str::from_utf8(&buf[i..]).expect("digits are ASCII"));
    }

    /// Whether `v` is "simple" in `ast.dump`'s sense (see the module docs).
    fn is_simple(&self, v: V<'_>) -> bool {
        match v {
            V::Int(_) | V::Str(_) | V::Const(_) | V::NoneLit | V::Tag(_) => true,
            V::Expr(e) => {
                !self.attrs
                    && matches!(
                        e.kind,
                        ExprKind::Yield { value: None }
                            | ExprKind::Slice { lower: None, upper: None, step: None }
                    )
            }
            V::Pattern(p) => {
                !self.attrs
                    && matches!(
                        p.kind,
                        PatternKind::MatchAs { pattern: None, name: None }
                            | PatternKind::MatchStar { name: None }
                    )
            }
            // `arguments` always prints its five list fields; `arg` its name.
            V::Arguments(_) | V::Arg(_) => false,
            V::Stmts(l) => l.is_empty(),
            V::Exprs(l) => l.is_empty(),
            V::OptExprs(l) => l.is_empty(),
            V::Strs(l) => l.is_empty(),
            V::CmpOps(l) => l.is_empty(),
            V::ArgList(l) => l.is_empty(),
            V::Keywords(l) => l.is_empty(),
            V::Aliases(l) => l.is_empty(),
            V::WithItems(l) => l.is_empty(),
            V::Cases(l) => l.is_empty(),
            V::Patterns(l) => l.is_empty(),
            V::Handlers(l) => l.is_empty(),
            V::Comps(l) => l.is_empty(),
            V::TypeIgnores(l) => l.is_empty(),
        }
    }

    /// Prints a node whose printed fields are `f`; `level` is the caller's
    /// nesting level (CPython's `level` before its `level += 1`).
    fn node(&mut self, name: &str, f: &Fields<'_>, level: usize) {
        let level = level + 1;
        let items = f.as_slice();
        let one_line = items.len() <= 3 && items.iter().all(|&(_, v)| self.is_simple(v));
        self.out.push_str(name);
        self.out.push('(');
        for (i, &(fname, v)) in items.iter().enumerate() {
            if one_line {
                if i > 0 {
                    self.out.push_str(", ");
                }
            } else {
                if i > 0 {
                    self.out.push(',');
                }
                self.newline_indent(level);
            }
            self.out.push_str(fname);
            self.out.push('=');
            self.value(v, level);
        }
        self.out.push(')');
    }

    fn list<T>(&mut self, items: &[T], level: usize, mut each: impl FnMut(&mut Self, &T, usize)) {
        if items.is_empty() {
            self.out.push_str("[]");
            return;
        }
        let level = level + 1;
        self.out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.newline_indent(level);
            each(self, item, level);
        }
        self.out.push(']');
    }

    fn tag(&mut self, name: &str) {
        self.out.push_str(name);
        self.out.push_str("()");
    }

    fn value(&mut self, v: V<'_>, level: usize) {
        match v {
            V::Int(i) => self.int(i),
            V::Str(s) => write_str_repr_utf8(&mut self.out, s),
            V::Const(c) => write_constant_repr(&mut self.out, c),
            V::NoneLit => self.out.push_str("None"),
            V::Tag(name) => self.tag(name),
            V::Expr(e) => self.expr(e, level),
            V::Arguments(a) => self.arguments(a, level),
            V::Arg(a) => self.arg(a, level),
            V::Pattern(p) => self.pattern(p, level),
            V::Stmts(l) => self.list(l, level, |d, s, lv| d.stmt(s, lv)),
            V::Exprs(l) => self.list(l, level, |d, e, lv| d.expr(e, lv)),
            V::OptExprs(l) => self.list(l, level, |d, e, lv| match e {
                Some(e) => d.expr(e, lv),
                None => d.out.push_str("None"),
            }),
            V::Strs(l) => self.list(l, level, |d, s, _| write_str_repr_utf8(&mut d.out, s)),
            V::CmpOps(l) => self.list(l, level, |d, op, _| d.tag(op.name())),
            V::ArgList(l) => self.list(l, level, |d, a, lv| d.arg(a, lv)),
            V::Keywords(l) => self.list(l, level, |d, k, lv| d.keyword(k, lv)),
            V::Aliases(l) => self.list(l, level, |d, a, lv| d.alias(a, lv)),
            V::WithItems(l) => self.list(l, level, |d, w, lv| d.withitem(w, lv)),
            V::Cases(l) => self.list(l, level, |d, c, lv| d.match_case(c, lv)),
            V::Patterns(l) => self.list(l, level, |d, p, lv| d.pattern(p, lv)),
            V::Handlers(l) => self.list(l, level, |d, h, lv| d.handler(h, lv)),
            V::Comps(l) => self.list(l, level, |d, c, lv| d.comprehension(c, lv)),
            V::TypeIgnores(l) => self.list(l, level, |d, t, lv| {
                let mut f = Fields::new();
                f.push("lineno", V::Int(t.lineno as i64));
                f.push("tag", V::Str(&t.tag));
                d.node("TypeIgnore", &f, lv);
            }),
        }
    }

    fn stmt(&mut self, s: &Stmt, level: usize) {
        let mut f = Fields::new();
        match &s.kind {
            StmtKind::FunctionDef(def) | StmtKind::AsyncFunctionDef(def) => {
                f.push("name", V::Str(&def.name));
                f.push("args", V::Arguments(&def.args));
                f.push("body", V::Stmts(&def.body));
                f.push("decorator_list", V::Exprs(&def.decorator_list));
                f.opt_expr("returns", &def.returns);
                f.opt_str("type_comment", &def.type_comment);
            }
            StmtKind::ClassDef { name, bases, keywords, body, decorator_list } => {
                f.push("name", V::Str(name));
                f.push("bases", V::Exprs(bases));
                f.push("keywords", V::Keywords(keywords));
                f.push("body", V::Stmts(body));
                f.push("decorator_list", V::Exprs(decorator_list));
            }
            StmtKind::Return { value } => f.opt_expr("value", value),
            StmtKind::Delete { targets } => f.push("targets", V::Exprs(targets)),
            StmtKind::Assign { targets, value, type_comment } => {
                f.push("targets", V::Exprs(targets));
                f.push("value", V::Expr(value));
                f.opt_str("type_comment", type_comment);
            }
            StmtKind::AugAssign { target, op, value } => {
                f.push("target", V::Expr(target));
                f.push("op", V::Tag(op.name()));
                f.push("value", V::Expr(value));
            }
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                f.push("target", V::Expr(target));
                f.push("annotation", V::Expr(annotation));
                f.opt_expr("value", value);
                f.push("simple", V::Int(*simple as i64));
            }
            StmtKind::For { target, iter, body, orelse, type_comment }
            | StmtKind::AsyncFor { target, iter, body, orelse, type_comment } => {
                f.push("target", V::Expr(target));
                f.push("iter", V::Expr(iter));
                f.push("body", V::Stmts(body));
                f.push("orelse", V::Stmts(orelse));
                f.opt_str("type_comment", type_comment);
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                f.push("test", V::Expr(test));
                f.push("body", V::Stmts(body));
                f.push("orelse", V::Stmts(orelse));
            }
            StmtKind::With { items, body, type_comment }
            | StmtKind::AsyncWith { items, body, type_comment } => {
                f.push("items", V::WithItems(items));
                f.push("body", V::Stmts(body));
                f.opt_str("type_comment", type_comment);
            }
            StmtKind::Match { subject, cases } => {
                f.push("subject", V::Expr(subject));
                f.push("cases", V::Cases(cases));
            }
            StmtKind::Raise { exc, cause } => {
                f.opt_expr("exc", exc);
                f.opt_expr("cause", cause);
            }
            StmtKind::Try { body, handlers, orelse, finalbody }
            | StmtKind::TryStar { body, handlers, orelse, finalbody } => {
                f.push("body", V::Stmts(body));
                f.push("handlers", V::Handlers(handlers));
                f.push("orelse", V::Stmts(orelse));
                f.push("finalbody", V::Stmts(finalbody));
            }
            StmtKind::Assert { test, msg } => {
                f.push("test", V::Expr(test));
                f.opt_expr("msg", msg);
            }
            StmtKind::Import { names } => f.push("names", V::Aliases(names)),
            StmtKind::ImportFrom { module, names, level } => {
                f.opt_str("module", module);
                f.push("names", V::Aliases(names));
                f.push("level", V::Int(*level as i64));
            }
            StmtKind::Global { names } | StmtKind::Nonlocal { names } => {
                f.push("names", V::Strs(names))
            }
            StmtKind::Expr { value } => f.push("value", V::Expr(value)),
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
        f.pos(&s.pos, self.attrs);
        self.node(s.kind.name(), &f, level);
    }

    fn expr(&mut self, e: &Expr, level: usize) {
        let mut f = Fields::new();
        match &e.kind {
            ExprKind::BoolOp { op, values } => {
                f.push("op", V::Tag(op.name()));
                f.push("values", V::Exprs(values));
            }
            ExprKind::NamedExpr { target, value } => {
                f.push("target", V::Expr(target));
                f.push("value", V::Expr(value));
            }
            ExprKind::BinOp { left, op, right } => {
                f.push("left", V::Expr(left));
                f.push("op", V::Tag(op.name()));
                f.push("right", V::Expr(right));
            }
            ExprKind::UnaryOp { op, operand } => {
                f.push("op", V::Tag(op.name()));
                f.push("operand", V::Expr(operand));
            }
            ExprKind::Lambda { args, body } => {
                f.push("args", V::Arguments(args));
                f.push("body", V::Expr(body));
            }
            ExprKind::IfExp { test, body, orelse } => {
                f.push("test", V::Expr(test));
                f.push("body", V::Expr(body));
                f.push("orelse", V::Expr(orelse));
            }
            ExprKind::Dict { keys, values } => {
                f.push("keys", V::OptExprs(keys));
                f.push("values", V::Exprs(values));
            }
            ExprKind::Set { elts } => f.push("elts", V::Exprs(elts)),
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                f.push("elt", V::Expr(elt));
                f.push("generators", V::Comps(generators));
            }
            ExprKind::DictComp { key, value, generators } => {
                f.push("key", V::Expr(key));
                f.push("value", V::Expr(value));
                f.push("generators", V::Comps(generators));
            }
            ExprKind::Await { value } | ExprKind::YieldFrom { value } => {
                f.push("value", V::Expr(value))
            }
            ExprKind::Yield { value } => f.opt_expr("value", value),
            ExprKind::Compare { left, ops, comparators } => {
                f.push("left", V::Expr(left));
                f.push("ops", V::CmpOps(ops));
                f.push("comparators", V::Exprs(comparators));
            }
            ExprKind::Call { func, args, keywords } => {
                f.push("func", V::Expr(func));
                f.push("args", V::Exprs(args));
                f.push("keywords", V::Keywords(keywords));
            }
            ExprKind::FormattedValue { value, conversion, format_spec } => {
                f.push("value", V::Expr(value));
                f.push("conversion", V::Int(*conversion as i64));
                f.opt_expr("format_spec", format_spec);
            }
            ExprKind::JoinedStr { values } => f.push("values", V::Exprs(values)),
            ExprKind::Constant { value, kind } => {
                f.push("value", V::Const(value));
                f.opt_str("kind", kind);
            }
            ExprKind::Attribute { value, attr, ctx } => {
                f.push("value", V::Expr(value));
                f.push("attr", V::Str(attr));
                f.push("ctx", V::Tag(ctx.name()));
            }
            ExprKind::Subscript { value, slice, ctx } => {
                f.push("value", V::Expr(value));
                f.push("slice", V::Expr(slice));
                f.push("ctx", V::Tag(ctx.name()));
            }
            ExprKind::Starred { value, ctx } => {
                f.push("value", V::Expr(value));
                f.push("ctx", V::Tag(ctx.name()));
            }
            ExprKind::Name { id, ctx } => {
                f.push("id", V::Str(id));
                f.push("ctx", V::Tag(ctx.name()));
            }
            ExprKind::List { elts, ctx } | ExprKind::Tuple { elts, ctx } => {
                f.push("elts", V::Exprs(elts));
                f.push("ctx", V::Tag(ctx.name()));
            }
            ExprKind::Slice { lower, upper, step } => {
                f.opt_expr("lower", lower);
                f.opt_expr("upper", upper);
                f.opt_expr("step", step);
            }
        }
        f.pos(&e.pos, self.attrs);
        self.node(e.kind.name(), &f, level);
    }

    fn pattern(&mut self, p: &Pattern, level: usize) {
        let mut f = Fields::new();
        match &p.kind {
            PatternKind::MatchValue { value } => f.push("value", V::Expr(value)),
            PatternKind::MatchSingleton { value } => f.push("value", V::Const(value)),
            PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => {
                f.push("patterns", V::Patterns(patterns))
            }
            PatternKind::MatchMapping { keys, patterns, rest } => {
                f.push("keys", V::Exprs(keys));
                f.push("patterns", V::Patterns(patterns));
                f.opt_str("rest", rest);
            }
            PatternKind::MatchClass { cls, patterns, kwd_attrs, kwd_patterns } => {
                f.push("cls", V::Expr(cls));
                f.push("patterns", V::Patterns(patterns));
                f.push("kwd_attrs", V::Strs(kwd_attrs));
                f.push("kwd_patterns", V::Patterns(kwd_patterns));
            }
            PatternKind::MatchStar { name } => f.opt_str("name", name),
            PatternKind::MatchAs { pattern, name } => {
                if let Some(p) = pattern {
                    f.push("pattern", V::Pattern(p));
                }
                f.opt_str("name", name);
            }
        }
        f.pos(&p.pos, self.attrs);
        self.node(p.kind.name(), &f, level);
    }

    fn arguments(&mut self, a: &Arguments, level: usize) {
        let mut f = Fields::new();
        f.push("posonlyargs", V::ArgList(&a.posonlyargs));
        f.push("args", V::ArgList(&a.args));
        if let Some(v) = &a.vararg {
            f.push("vararg", V::Arg(v));
        }
        f.push("kwonlyargs", V::ArgList(&a.kwonlyargs));
        f.push("kw_defaults", V::OptExprs(&a.kw_defaults));
        if let Some(k) = &a.kwarg {
            f.push("kwarg", V::Arg(k));
        }
        f.push("defaults", V::Exprs(&a.defaults));
        self.node("arguments", &f, level);
    }

    fn arg(&mut self, a: &Arg, level: usize) {
        let mut f = Fields::new();
        f.push("arg", V::Str(&a.arg));
        f.opt_expr("annotation", &a.annotation);
        f.opt_str("type_comment", &a.type_comment);
        f.pos(&a.pos, self.attrs);
        self.node("arg", &f, level);
    }

    fn keyword(&mut self, k: &Keyword, level: usize) {
        let mut f = Fields::new();
        f.opt_str("arg", &k.arg);
        f.push("value", V::Expr(&k.value));
        f.pos(&k.pos, self.attrs);
        self.node("keyword", &f, level);
    }

    fn alias(&mut self, a: &Alias, level: usize) {
        let mut f = Fields::new();
        f.push("name", V::Str(&a.name));
        f.opt_str("asname", &a.asname);
        f.pos(&a.pos, self.attrs);
        self.node("alias", &f, level);
    }

    fn withitem(&mut self, w: &WithItem, level: usize) {
        let mut f = Fields::new();
        f.push("context_expr", V::Expr(&w.context_expr));
        f.opt_expr("optional_vars", &w.optional_vars);
        self.node("withitem", &f, level);
    }

    fn match_case(&mut self, c: &MatchCase, level: usize) {
        let mut f = Fields::new();
        f.push("pattern", V::Pattern(&c.pattern));
        f.opt_expr("guard", &c.guard);
        f.push("body", V::Stmts(&c.body));
        self.node("match_case", &f, level);
    }

    fn handler(&mut self, h: &ExceptHandler, level: usize) {
        let mut f = Fields::new();
        f.opt_expr("type", &h.type_);
        f.opt_str("name", &h.name);
        f.push("body", V::Stmts(&h.body));
        f.pos(&h.pos, self.attrs);
        self.node("ExceptHandler", &f, level);
    }

    fn comprehension(&mut self, c: &Comprehension, level: usize) {
        let mut f = Fields::new();
        f.push("target", V::Expr(&c.target));
        f.push("iter", V::Expr(&c.iter));
        f.push("ifs", V::Exprs(&c.ifs));
        f.push("is_async", V::Int(c.is_async as i64));
        self.node("comprehension", &f, level);
    }
}
