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
    let mut d = Dumper {
        out: String::with_capacity(4096),
        attrs: include_attributes,
    };
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
        Fields {
            items: [("", V::NoneLit); 11],
            len: 0,
        }
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
    fn opt_str<S: AsRef<str>>(&mut self, name: &'static str, v: &'a Option<S>) {
        if let Some(s) = v {
            self.push(name, V::Str(s.as_ref()));
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
        self.out
            .push_str(std::str::from_utf8(&buf[i..]).expect("digits are ASCII"));
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
                            | ExprKind::Slice {
                                lower: None,
                                upper: None,
                                step: None
                            }
                    )
            }
            V::Pattern(p) => {
                !self.attrs
                    && matches!(
                        p.kind,
                        PatternKind::MatchAs {
                            pattern: None,
                            name: None
                        } | PatternKind::MatchStar { name: None }
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
            StmtKind::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            } => {
                f.push("name", V::Str(name));
                f.push("bases", V::Exprs(bases));
                f.push("keywords", V::Keywords(keywords));
                f.push("body", V::Stmts(body));
                f.push("decorator_list", V::Exprs(decorator_list));
            }
            StmtKind::Return { value } => f.opt_expr("value", value),
            StmtKind::Delete { targets } => f.push("targets", V::Exprs(targets)),
            StmtKind::Assign {
                targets,
                value,
                type_comment,
            } => {
                f.push("targets", V::Exprs(targets));
                f.push("value", V::Expr(value));
                f.opt_str("type_comment", type_comment);
            }
            StmtKind::AugAssign { target, op, value } => {
                f.push("target", V::Expr(target));
                f.push("op", V::Tag(op.name()));
                f.push("value", V::Expr(value));
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                f.push("target", V::Expr(target));
                f.push("annotation", V::Expr(annotation));
                f.opt_expr("value", value);
                f.push("simple", V::Int(*simple as i64));
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                type_comment,
            }
            | StmtKind::AsyncFor {
                target,
                iter,
                body,
                orelse,
                type_comment,
            } => {
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
            StmtKind::With {
                items,
                body,
                type_comment,
            }
            | StmtKind::AsyncWith {
                items,
                body,
                type_comment,
            } => {
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
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            }
            | StmtKind::TryStar {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
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
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
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
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                f.push("key", V::Expr(key));
                f.push("value", V::Expr(value));
                f.push("generators", V::Comps(generators));
            }
            ExprKind::Await { value } | ExprKind::YieldFrom { value } => {
                f.push("value", V::Expr(value))
            }
            ExprKind::Yield { value } => f.opt_expr("value", value),
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                f.push("left", V::Expr(left));
                f.push("ops", V::CmpOps(ops));
                f.push("comparators", V::Exprs(comparators));
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                f.push("func", V::Expr(func));
                f.push("args", V::Exprs(args));
                f.push("keywords", V::Keywords(keywords));
            }
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
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
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => {
                f.push("keys", V::Exprs(keys));
                f.push("patterns", V::Patterns(patterns));
                f.opt_str("rest", rest);
            }
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => {
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

#[cfg(test)]
mod tests {
    //! `dump` is checked against CPython itself: python3 parses source (with
    //! `type_comments=True`, as `python3 -m ast` does), serializes the tree in
    //! a simple token format that the reader below turns into our node types,
    //! and also prints `ast.dump(tree, indent=3)` with and without attributes.
    //! Our `dump` of the rebuilt tree must match both texts byte for byte.

    use super::*;
    use num_bigint::BigInt;
    use std::io::Write as _;
    use std::iter::Peekable;
    use std::process::{Command, Stdio};
    use std::str::SplitAsciiWhitespace;

    const PY_SERIALIZE: &str = r#"
import ast, os, struct, sys
sys.setrecursionlimit(100000)

def ser(v, out):
    if isinstance(v, ast.AST):
        out.append('N' + type(v).__name__)
        for f in v._fields:
            ser(getattr(v, f, None), out)
        for a in v._attributes:
            ser(getattr(v, a, None), out)
    elif isinstance(v, list):
        out.append('L%d' % len(v))
        for x in v:
            ser(x, out)
    elif v is None:
        out.append('_')
    elif v is True:
        out.append('T')
    elif v is False:
        out.append('X')
    elif v is Ellipsis:
        out.append('E')
    elif isinstance(v, int):
        out.append('I%d' % v)
    elif isinstance(v, float):
        out.append('F' + struct.pack('<d', v).hex())
    elif isinstance(v, complex):
        out.append('C' + struct.pack('<d', v.real).hex() + ',' + struct.pack('<d', v.imag).hex())
    elif isinstance(v, str):
        out.append('S' + ','.join('%x' % ord(c) for c in v))
    elif isinstance(v, bytes):
        out.append('B' + v.hex())
    else:
        raise TypeError(type(v))

stdlib = os.path.dirname(os.__file__)
res = sys.stdout.buffer
for line in sys.stdin.read().split('\n'):
    if not line:
        continue
    if line.startswith('@'):
        src = bytes.fromhex(line[1:])
    else:
        with open(os.path.join(stdlib, line), 'rb') as f:
            src = f.read()
    try:
        tree = ast.parse(src, type_comments=True)
    except (SyntaxError, ValueError):
        res.write(b'SKIP\n')
        continue
    out = []
    ser(tree, out)
    blobs = [' '.join(out).encode(), ast.dump(tree, indent=3).encode(),
             ast.dump(tree, include_attributes=True, indent=3).encode()]
    res.write(('%d %d %d\n' % tuple(len(b) for b in blobs)).encode())
    for b in blobs:
        res.write(b)
"#;

    struct Reader<'a> {
        toks: Peekable<SplitAsciiWhitespace<'a>>,
    }

    fn range() -> TextRange {
        TextRange::empty(0.into())
    }

    impl<'a> Reader<'a> {
        fn tok(&mut self) -> &'a str {
            self.toks.next().expect("serialized tree ends early")
        }
        fn is_none(&mut self) -> bool {
            if self.toks.peek() == Some(&"_") {
                self.toks.next();
                true
            } else {
                false
            }
        }
        fn node(&mut self) -> &'a str {
            let t = self.tok();
            t.strip_prefix('N')
                .unwrap_or_else(|| panic!("expected a node, got {t}"))
        }
        fn expect_node(&mut self, name: &str) {
            let n = self.node();
            assert_eq!(n, name);
        }
        fn int(&mut self) -> i64 {
            let t = self.tok();
            t.strip_prefix('I')
                .and_then(|d| d.parse().ok())
                .unwrap_or_else(|| panic!("expected int, got {t}"))
        }
        fn u32(&mut self) -> u32 {
            self.int() as u32
        }
        fn pystr(&mut self) -> PyStr {
            let t = self.tok();
            let body = t
                .strip_prefix('S')
                .unwrap_or_else(|| panic!("expected str, got {t}"));
            let cps = body
                .split(',')
                .filter(|x| !x.is_empty())
                .map(|x| u32::from_str_radix(x, 16).expect("hex code point"))
                .collect();
            PyStr::from_code_points(cps)
        }
        fn string<T: From<String>>(&mut self) -> T {
            match self.pystr() {
                PyStr::Utf8(s) => s.into(),
                PyStr::CodePoints(_) => panic!("identifier with a surrogate"),
            }
        }
        fn opt_string<T: From<String>>(&mut self) -> Option<T> {
            if self.is_none() {
                None
            } else {
                Some(self.string())
            }
        }
        fn f64_hex(h: &str) -> f64 {
            let mut b = [0u8; 8];
            for (i, byte) in b.iter_mut().enumerate() {
                *byte = u8::from_str_radix(&h[2 * i..2 * i + 2], 16).expect("hex");
            }
            f64::from_le_bytes(b)
        }
        fn constant(&mut self) -> Constant {
            let t = *self.toks.peek().expect("constant");
            match &t[..1] {
                "S" => return Constant::Str(self.pystr()),
                _ => {
                    self.tok();
                }
            }
            let rest = &t[1..];
            match &t[..1] {
                "_" => Constant::None,
                "T" => Constant::Bool(true),
                "X" => Constant::Bool(false),
                "E" => Constant::Ellipsis,
                "I" => Constant::Int(rest.parse::<BigInt>().expect("int")),
                "F" => Constant::Float(Self::f64_hex(rest)),
                "C" => {
                    let (re, im) = rest.split_once(',').expect("complex");
                    Constant::Complex {
                        real: Self::f64_hex(re),
                        imag: Self::f64_hex(im),
                    }
                }
                "B" => Constant::Bytes(
                    (0..rest.len() / 2)
                        .map(|i| u8::from_str_radix(&rest[2 * i..2 * i + 2], 16).expect("hex"))
                        .collect(),
                ),
                _ => panic!("bad constant {t}"),
            }
        }
        fn list<T>(&mut self, mut f: impl FnMut(&mut Self) -> T) -> Vec<T> {
            let t = self.tok();
            let n: usize = t
                .strip_prefix('L')
                .and_then(|d| d.parse().ok())
                .unwrap_or_else(|| panic!("expected list, got {t}"));
            (0..n).map(|_| f(self)).collect()
        }
        fn pos(&mut self) -> Pos {
            Pos {
                lineno: self.u32(),
                col_offset: self.u32(),
                end_lineno: self.u32(),
                end_col_offset: self.u32(),
            }
        }
        fn module(&mut self) -> Module {
            self.expect_node("Module");
            Module {
                body: self.list(|r| r.stmt()),
                type_ignores: self.list(|r| {
                    r.expect_node("TypeIgnore");
                    TypeIgnore {
                        lineno: r.u32(),
                        tag: r.string(),
                    }
                }),
            }
        }
        fn stmts(&mut self) -> Vec<Stmt> {
            self.list(|r| r.stmt())
        }
        fn exprs(&mut self) -> Vec<Expr> {
            self.list(|r| r.expr())
        }
        fn bexpr(&mut self) -> Box<Expr> {
            Box::new(self.expr())
        }
        fn opt_expr(&mut self) -> Option<Box<Expr>> {
            if self.is_none() {
                None
            } else {
                Some(self.bexpr())
            }
        }
        fn ctx(&mut self) -> ExprContext {
            match self.node() {
                "Load" => ExprContext::Load,
                "Store" => ExprContext::Store,
                "Del" => ExprContext::Del,
                n => panic!("bad ctx {n}"),
            }
        }
        fn operator(&mut self) -> Operator {
            use Operator::*;
            match self.node() {
                "Add" => Add,
                "Sub" => Sub,
                "Mult" => Mult,
                "MatMult" => MatMult,
                "Div" => Div,
                "Mod" => Mod,
                "Pow" => Pow,
                "LShift" => LShift,
                "RShift" => RShift,
                "BitOr" => BitOr,
                "BitXor" => BitXor,
                "BitAnd" => BitAnd,
                "FloorDiv" => FloorDiv,
                n => panic!("bad operator {n}"),
            }
        }
        fn cmpop(&mut self) -> CmpOp {
            use CmpOp::*;
            match self.node() {
                "Eq" => Eq,
                "NotEq" => NotEq,
                "Lt" => Lt,
                "LtE" => LtE,
                "Gt" => Gt,
                "GtE" => GtE,
                "Is" => Is,
                "IsNot" => IsNot,
                "In" => In,
                "NotIn" => NotIn,
                n => panic!("bad cmpop {n}"),
            }
        }
        fn func_def(&mut self) -> FunctionDef {
            FunctionDef {
                name: self.string(),
                args: Box::new(self.arguments()),
                body: self.stmts(),
                decorator_list: self.exprs(),
                returns: self.opt_expr(),
                type_comment: self.opt_string(),
            }
        }
        fn stmt(&mut self) -> Stmt {
            let name = self.node();
            let kind = match name {
                "FunctionDef" => StmtKind::FunctionDef(self.func_def()),
                "AsyncFunctionDef" => StmtKind::AsyncFunctionDef(self.func_def()),
                "ClassDef" => StmtKind::ClassDef {
                    name: self.string(),
                    bases: self.exprs(),
                    keywords: self.list(|r| r.keyword()),
                    body: self.stmts(),
                    decorator_list: self.exprs(),
                },
                "Return" => StmtKind::Return {
                    value: self.opt_expr(),
                },
                "Delete" => StmtKind::Delete {
                    targets: self.exprs(),
                },
                "Assign" => StmtKind::Assign {
                    targets: self.exprs(),
                    value: self.bexpr(),
                    type_comment: self.opt_string(),
                },
                "AugAssign" => StmtKind::AugAssign {
                    target: self.bexpr(),
                    op: self.operator(),
                    value: self.bexpr(),
                },
                "AnnAssign" => StmtKind::AnnAssign {
                    target: self.bexpr(),
                    annotation: self.bexpr(),
                    value: self.opt_expr(),
                    simple: self.int() != 0,
                },
                "For" | "AsyncFor" => {
                    let (target, iter, body, orelse, type_comment) = (
                        self.bexpr(),
                        self.bexpr(),
                        self.stmts(),
                        self.stmts(),
                        self.opt_string(),
                    );
                    if name == "For" {
                        StmtKind::For {
                            target,
                            iter,
                            body,
                            orelse,
                            type_comment,
                        }
                    } else {
                        StmtKind::AsyncFor {
                            target,
                            iter,
                            body,
                            orelse,
                            type_comment,
                        }
                    }
                }
                "While" => StmtKind::While {
                    test: self.bexpr(),
                    body: self.stmts(),
                    orelse: self.stmts(),
                },
                "If" => StmtKind::If {
                    test: self.bexpr(),
                    body: self.stmts(),
                    orelse: self.stmts(),
                },
                "With" | "AsyncWith" => {
                    let items = self.list(|r| {
                        r.expect_node("withitem");
                        WithItem {
                            context_expr: r.expr(),
                            optional_vars: r.opt_expr(),
                        }
                    });
                    let (body, type_comment) = (self.stmts(), self.opt_string());
                    if name == "With" {
                        StmtKind::With {
                            items,
                            body,
                            type_comment,
                        }
                    } else {
                        StmtKind::AsyncWith {
                            items,
                            body,
                            type_comment,
                        }
                    }
                }
                "Match" => StmtKind::Match {
                    subject: self.bexpr(),
                    cases: self.list(|r| {
                        r.expect_node("match_case");
                        MatchCase {
                            pattern: r.pattern(),
                            guard: r.opt_expr(),
                            body: r.stmts(),
                        }
                    }),
                },
                "Raise" => StmtKind::Raise {
                    exc: self.opt_expr(),
                    cause: self.opt_expr(),
                },
                "Try" | "TryStar" => {
                    let body = self.stmts();
                    let handlers = self.list(|r| {
                        r.expect_node("ExceptHandler");
                        let (type_, name, body) = (r.opt_expr(), r.opt_string(), r.stmts());
                        ExceptHandler {
                            type_,
                            name,
                            body,
                            pos: r.pos(),
                            range: range(),
                        }
                    });
                    let (orelse, finalbody) = (self.stmts(), self.stmts());
                    if name == "Try" {
                        StmtKind::Try {
                            body,
                            handlers,
                            orelse,
                            finalbody,
                        }
                    } else {
                        StmtKind::TryStar {
                            body,
                            handlers,
                            orelse,
                            finalbody,
                        }
                    }
                }
                "Assert" => StmtKind::Assert {
                    test: self.bexpr(),
                    msg: self.opt_expr(),
                },
                "Import" => StmtKind::Import {
                    names: self.list(|r| r.alias()),
                },
                "ImportFrom" => StmtKind::ImportFrom {
                    module: self.opt_string(),
                    names: self.list(|r| r.alias()),
                    level: self.u32(),
                },
                "Global" => StmtKind::Global {
                    names: self.list(|r| r.string()),
                },
                "Nonlocal" => StmtKind::Nonlocal {
                    names: self.list(|r| r.string()),
                },
                "Expr" => StmtKind::Expr {
                    value: self.bexpr(),
                },
                "Pass" => StmtKind::Pass,
                "Break" => StmtKind::Break,
                "Continue" => StmtKind::Continue,
                n => panic!("unknown stmt {n}"),
            };
            Stmt {
                kind,
                pos: self.pos(),
                range: range(),
            }
        }
        fn comprehensions(&mut self) -> Vec<Comprehension> {
            self.list(|r| {
                r.expect_node("comprehension");
                Comprehension {
                    target: r.expr(),
                    iter: r.expr(),
                    ifs: r.exprs(),
                    is_async: r.int() != 0,
                }
            })
        }
        fn expr(&mut self) -> Expr {
            let name = self.node();
            let kind = match name {
                "BoolOp" => ExprKind::BoolOp {
                    op: match self.node() {
                        "And" => BoolOp::And,
                        "Or" => BoolOp::Or,
                        n => panic!("bad boolop {n}"),
                    },
                    values: self.exprs(),
                },
                "NamedExpr" => ExprKind::NamedExpr {
                    target: self.bexpr(),
                    value: self.bexpr(),
                },
                "BinOp" => ExprKind::BinOp {
                    left: self.bexpr(),
                    op: self.operator(),
                    right: self.bexpr(),
                },
                "UnaryOp" => ExprKind::UnaryOp {
                    op: match self.node() {
                        "Invert" => UnaryOp::Invert,
                        "Not" => UnaryOp::Not,
                        "UAdd" => UnaryOp::UAdd,
                        "USub" => UnaryOp::USub,
                        n => panic!("bad unaryop {n}"),
                    },
                    operand: self.bexpr(),
                },
                "Lambda" => ExprKind::Lambda {
                    args: Box::new(self.arguments()),
                    body: self.bexpr(),
                },
                "IfExp" => ExprKind::IfExp {
                    test: self.bexpr(),
                    body: self.bexpr(),
                    orelse: self.bexpr(),
                },
                "Dict" => ExprKind::Dict {
                    keys: self.list(|r| if r.is_none() { None } else { Some(r.expr()) }),
                    values: self.exprs(),
                },
                "Set" => ExprKind::Set { elts: self.exprs() },
                "ListComp" => ExprKind::ListComp {
                    elt: self.bexpr(),
                    generators: self.comprehensions(),
                },
                "SetComp" => ExprKind::SetComp {
                    elt: self.bexpr(),
                    generators: self.comprehensions(),
                },
                "GeneratorExp" => ExprKind::GeneratorExp {
                    elt: self.bexpr(),
                    generators: self.comprehensions(),
                },
                "DictComp" => ExprKind::DictComp {
                    key: self.bexpr(),
                    value: self.bexpr(),
                    generators: self.comprehensions(),
                },
                "Await" => ExprKind::Await {
                    value: self.bexpr(),
                },
                "Yield" => ExprKind::Yield {
                    value: self.opt_expr(),
                },
                "YieldFrom" => ExprKind::YieldFrom {
                    value: self.bexpr(),
                },
                "Compare" => ExprKind::Compare {
                    left: self.bexpr(),
                    ops: self.list(|r| r.cmpop()),
                    comparators: self.exprs(),
                },
                "Call" => ExprKind::Call {
                    func: self.bexpr(),
                    args: self.exprs(),
                    keywords: self.list(|r| r.keyword()),
                },
                "FormattedValue" => ExprKind::FormattedValue {
                    value: self.bexpr(),
                    conversion: self.int() as i32,
                    format_spec: self.opt_expr(),
                },
                "JoinedStr" => ExprKind::JoinedStr {
                    values: self.exprs(),
                },
                "Constant" => ExprKind::Constant {
                    value: self.constant(),
                    kind: self.opt_string(),
                },
                "Attribute" => ExprKind::Attribute {
                    value: self.bexpr(),
                    attr: self.string(),
                    ctx: self.ctx(),
                },
                "Subscript" => ExprKind::Subscript {
                    value: self.bexpr(),
                    slice: self.bexpr(),
                    ctx: self.ctx(),
                },
                "Starred" => ExprKind::Starred {
                    value: self.bexpr(),
                    ctx: self.ctx(),
                },
                "Name" => ExprKind::Name {
                    id: self.string(),
                    ctx: self.ctx(),
                },
                "List" => ExprKind::List {
                    elts: self.exprs(),
                    ctx: self.ctx(),
                },
                "Tuple" => ExprKind::Tuple {
                    elts: self.exprs(),
                    ctx: self.ctx(),
                },
                "Slice" => ExprKind::Slice {
                    lower: self.opt_expr(),
                    upper: self.opt_expr(),
                    step: self.opt_expr(),
                },
                n => panic!("unknown expr {n}"),
            };
            Expr {
                kind,
                pos: self.pos(),
                range: range(),
            }
        }
        fn patterns(&mut self) -> Vec<Pattern> {
            self.list(|r| r.pattern())
        }
        fn pattern(&mut self) -> Pattern {
            let kind = match self.node() {
                "MatchValue" => PatternKind::MatchValue {
                    value: self.bexpr(),
                },
                "MatchSingleton" => PatternKind::MatchSingleton {
                    value: self.constant(),
                },
                "MatchSequence" => PatternKind::MatchSequence {
                    patterns: self.patterns(),
                },
                "MatchMapping" => PatternKind::MatchMapping {
                    keys: self.exprs(),
                    patterns: self.patterns(),
                    rest: self.opt_string(),
                },
                "MatchClass" => PatternKind::MatchClass {
                    cls: self.bexpr(),
                    patterns: self.patterns(),
                    kwd_attrs: self.list(|r| r.string()),
                    kwd_patterns: self.patterns(),
                },
                "MatchStar" => PatternKind::MatchStar {
                    name: self.opt_string(),
                },
                "MatchAs" => PatternKind::MatchAs {
                    pattern: if self.is_none() {
                        None
                    } else {
                        Some(Box::new(self.pattern()))
                    },
                    name: self.opt_string(),
                },
                "MatchOr" => PatternKind::MatchOr {
                    patterns: self.patterns(),
                },
                n => panic!("unknown pattern {n}"),
            };
            Pattern {
                kind,
                pos: self.pos(),
                range: range(),
            }
        }
        fn arg(&mut self) -> Arg {
            self.expect_node("arg");
            let (arg, annotation, type_comment) =
                (self.string(), self.opt_expr(), self.opt_string());
            Arg {
                arg,
                annotation,
                type_comment,
                pos: self.pos(),
                range: range(),
            }
        }
        fn opt_arg(&mut self) -> Option<Box<Arg>> {
            if self.is_none() {
                None
            } else {
                Some(Box::new(self.arg()))
            }
        }
        fn arguments(&mut self) -> Arguments {
            self.expect_node("arguments");
            Arguments {
                posonlyargs: self.list(|r| r.arg()),
                args: self.list(|r| r.arg()),
                vararg: self.opt_arg(),
                kwonlyargs: self.list(|r| r.arg()),
                kw_defaults: self.list(|r| if r.is_none() { None } else { Some(r.expr()) }),
                kwarg: self.opt_arg(),
                defaults: self.exprs(),
            }
        }
        fn keyword(&mut self) -> Keyword {
            self.expect_node("keyword");
            let (arg, value) = (self.opt_string(), self.expr());
            Keyword {
                arg,
                value,
                pos: self.pos(),
                range: range(),
            }
        }
        fn alias(&mut self) -> Alias {
            self.expect_node("alias");
            let (name, asname) = (self.string(), self.opt_string());
            Alias {
                name,
                asname,
                pos: self.pos(),
                range: range(),
            }
        }
    }

    /// Each input is either a path relative to CPython's stdlib directory or
    /// `@` + hex-encoded source. Returns, per input, `None` when CPython
    /// rejects it, else (our tree, CPython's dump, CPython's dump with attributes).
    fn reference(inputs: &[String]) -> Vec<Option<(Module, String, String)>> {
        let mut child = Command::new("python3")
            .arg("-c")
            .arg(PY_SERIALIZE)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("these tests need CPython 3.11 installed as `python3` on PATH (the reference implementation)");
        let input = inputs.join("\n");
        let mut stdin = child.stdin.take().expect("stdin is piped");
        let writer = std::thread::spawn(move || {
            stdin.write_all(input.as_bytes()).expect("write to python3")
        });
        let out = child.wait_with_output().expect("python3 runs");
        writer.join().expect("writer thread");
        assert!(
            out.status.success(),
            "python3 failed on the serializer script"
        );
        let data = out.stdout;
        let mut at = 0;
        let mut res = Vec::new();
        for _ in inputs {
            let nl = at
                + data[at..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .expect("header line");
            let header = std::str::from_utf8(&data[at..nl]).expect("ASCII header");
            at = nl + 1;
            if header == "SKIP" {
                res.push(None);
                continue;
            }
            let lens: Vec<usize> = header
                .split(' ')
                .map(|x| x.parse().expect("length"))
                .collect();
            let mut blobs = Vec::new();
            for len in lens {
                blobs.push(
                    std::str::from_utf8(&data[at..at + len])
                        .expect("UTF-8 output")
                        .to_owned(),
                );
                at += len;
            }
            let mut r = Reader {
                toks: blobs[0].split_ascii_whitespace().peekable(),
            };
            let module = r.module();
            assert!(r.toks.next().is_none(), "trailing tokens");
            res.push(Some((module, blobs[1].clone(), blobs[2].clone())));
        }
        res
    }

    fn hex(src: &str) -> String {
        let mut s = String::from("@");
        for b in src.bytes() {
            s.push_str(&format!("{b:02x}"));
        }
        s
    }

    /// Returns how many inputs were compared, and the time spent in `dump`
    /// and the bytes it printed (both modes).
    fn check_against_python(inputs: Vec<String>) -> (usize, std::time::Duration, usize) {
        let refs = reference(&inputs);
        let mut checked = 0;
        let mut time = std::time::Duration::ZERO;
        let mut bytes = 0;
        for (input, r) in inputs.iter().zip(refs) {
            let Some((module, plain, with_attrs)) = r else {
                continue;
            };
            let start = std::time::Instant::now();
            let ours = dump(&module, false);
            let ours_a = dump(&module, true);
            time += start.elapsed();
            bytes += ours.len() + ours_a.len();
            assert!(
                ours == plain,
                "dump differs for {input}:\n--- python\n{plain}\n--- ours\n{ours}"
            );
            assert!(
                ours_a == with_attrs,
                "dump -a differs for {input}:\n--- python\n{with_attrs}\n--- ours\n{ours_a}"
            );
            checked += 1;
        }
        (checked, time, bytes)
    }

    /// Snippets that together use every node class and every optional field
    /// both present and absent.
    const SNIPPETS: &[&str] = &[
        "",
        "pass\nbreak\ncontinue\n",
        "x = 1\nx: int\nx: int = 2\n(y): int = 3\na.b: c\nx += 1\nx @= y\ndel a, b[0], c.d\n",
        "x = 1  # type: int\nfor a in b:  # type: int\n  pass\nwith a as b:  # type: ignore\n  pass\n",
        "import a  # type: ignore[misc]\nx = 1 # type: ignore\n",
        "def f(a, # type: int\n      b):\n    # type: (...) -> None\n    pass\n",
        "from . import x\nfrom .. a import b as c\nfrom a import *\nimport a.b as c, d\n",
        "def f(a, b=1, /, c=2, *d, e, f=3, **g) -> int: return\n",
        "def f(*, a): yield\ndef g(): yield 1; yield from x\nasync def h(): await x; return 1\n",
        "@dec\n@dec2(1)\nclass C(A, B, metaclass=M, **kw):\n    '''doc'''\n    x: int\n",
        "lambda: 0\nlambda x, *y, z=1, **w: x\nlambda *, a: a\n",
        "a if b else c\na and b or c and d\nnot a\n-a\n+a\n~a\n(x := 1)\n",
        "a + b - c * d / e // f % g ** h << i >> j | k ^ l & m @ n\n",
        "a < b <= c > d >= e == f != g is h is not i in j not in k\n",
        "{}\n{1: 2, **x, 3: 4}\n{1, 2}\n[1, 2]\n(1, 2)\n()\n[]\n",
        "[x for x in y if x if z]\n{x for x in y}\n{k: v for k, v in y}\n(x for x in y)\n[x async for x in y]\n",
        "f(a, *b, c=d, **e)\nf()\na.b.c\na[1]\na[1:2]\na[::]\na[1:2:3, ::4]\na[...]\n*a, b = c\n",
        "f'{x}' f'{y!r:>{w}}' f'{z!s}' f'{q!a}'\nf''\nf'a{{b}}c'\nf'{x=}'\nu'x'\n",
        "'a' 'b'\nb'x' b'\\x00\\xff'\n'\\ud800'\n'\\U0001f600 \\u200b'\n\"it's\"\n'\\''\nNone\nTrue\nFalse\n...\n",
        "1\n0\n10**100\n0x10\n1.5\n1e16\n1e-5\n2j\n1.5j\n1e300j\n0j\n1_000\n0o17\n0b101\n",
        "if a:\n  pass\nelif b:\n  pass\nelse:\n  pass\nwhile a:\n  break\nelse:\n  pass\n",
        "for a, b in c:\n  pass\nelse:\n  pass\nasync def f():\n  async for a in b: pass\n  async with a as b, c: pass\n",
        "with a, b as (c, d): pass\n",
        "try:\n  pass\nexcept A as e:\n  pass\nexcept (B, C):\n  pass\nexcept:\n  pass\nelse:\n  pass\nfinally:\n  pass\n",
        "try:\n  pass\nexcept* A as e:\n  pass\nexcept* B:\n  pass\n",
        "raise\nraise a\nraise a from b\nassert a\nassert a, b\nglobal a, b\ndef f():\n  nonlocal x\n",
        "match x:\n  case None: pass\n  case True | False: pass\n  case 1 | -2 | 3+4j | 'a' | b'b': pass\n  case a.b: pass\n",
        "match x:\n  case _: pass\n  case [a, *_, b]: pass\n  case [*r]: pass\n  case (a, b) if a > b: pass\n  case a as b: pass\n",
        "match x:\n  case {1: a, 'b': c, **r}: pass\n  case {}: pass\n  case C(): pass\n  case C(1, a, x=2, y=_): pass\n  case C(x=[]): pass\n",
        "x[1:2, 3]\nx[a:b]\nx[:]\nx[::2]\n",
        "é = ñ = 日本 = 1\n",
    ];

    #[test]
    fn dump_matches_python_on_snippets() {
        let inputs: Vec<String> = SNIPPETS.iter().map(|s| hex(s)).collect();
        let n = inputs.len();
        let (checked, _, _) = check_against_python(inputs);
        assert_eq!(checked, n, "CPython rejected a snippet");
    }

    /// A sample of real code: stdlib modules and CPython's own grammar tests.
    #[test]
    fn dump_matches_python_on_stdlib_sample() {
        let files = [
            "ast.py",
            "typing.py",
            "dataclasses.py",
            "asyncio/tasks.py",
            "test/test_grammar.py",
            "test/test_patma.py",
            "test/test_fstring.py",
            "test/test_except_star.py",
            "test/test_float.py",
            "test/test_complex.py",
            "test/test_unicode.py",
            "test/test_bytes.py",
            "test/test_type_comments.py",
            "test/test_coroutines.py",
            "test/test_positional_only_arg.py",
        ];
        let inputs: Vec<String> = files.iter().map(|f| f.to_string()).collect();
        let (checked, _, _) = check_against_python(inputs);
        assert!(
            checked >= files.len() - 1,
            "too few stdlib files parsed: {checked}"
        );
    }

    /// A module built by hand, against `ast.dump` output produced by python3.
    #[test]
    fn dump_hand_built_module() {
        let p = |l, c, el, ec| Pos {
            lineno: l,
            col_offset: c,
            end_lineno: el,
            end_col_offset: ec,
        };
        let name = |id: &str, ctx, pos| Expr {
            kind: ExprKind::Name { id: id.into(), ctx },
            pos,
            range: range(),
        };
        // Source: "x = f(y, k=1)\npass\n"
        let call = Expr {
            kind: ExprKind::Call {
                func: Box::new(name("f", ExprContext::Load, p(1, 4, 1, 5))),
                args: vec![name("y", ExprContext::Load, p(1, 6, 1, 7))],
                keywords: vec![Keyword {
                    arg: Some("k".into()),
                    value: Expr {
                        kind: ExprKind::Constant {
                            value: Constant::Int(1.into()),
                            kind: None,
                        },
                        pos: p(1, 11, 1, 12),
                        range: range(),
                    },
                    pos: p(1, 9, 1, 12),
                    range: range(),
                }],
            },
            pos: p(1, 4, 1, 13),
            range: range(),
        };
        let module = Module {
            body: vec![
                Stmt {
                    kind: StmtKind::Assign {
                        targets: vec![name("x", ExprContext::Store, p(1, 0, 1, 1))],
                        value: Box::new(call),
                        type_comment: None,
                    },
                    pos: p(1, 0, 1, 13),
                    range: range(),
                },
                Stmt {
                    kind: StmtKind::Pass,
                    pos: p(2, 0, 2, 4),
                    range: range(),
                },
            ],
            type_ignores: vec![],
        };
        let script = "import ast, sys\nt = ast.parse('x = f(y, k=1)\\npass\\n')\nsys.stdout.write(ast.dump(t, indent=3) + '\\0' + ast.dump(t, include_attributes=True, indent=3))";
        let out = Command::new("python3")
            .arg("-c")
            .arg(script)
            .output()
            .expect("these tests need CPython 3.11 installed as `python3` on PATH");
        let out = String::from_utf8(out.stdout).expect("UTF-8");
        let (plain, attrs) = out.split_once('\0').expect("two dumps");
        assert_eq!(dump(&module, false), plain);
        assert_eq!(dump(&module, true), attrs);
    }
}
