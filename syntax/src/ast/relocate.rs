//! Moving a subtree of the AST: every position in it made relative to a
//! point of the file (a statement cut out of its module), as if the
//! subtree had been lowered from the text starting there.
//!
//! Columns are left alone: the point is the start of a line, so columns
//! (counted from the start of their own line) do not change. Positions
//! before the point (none in a well-formed subtree) become 0 rather than
//! wrap around.

use rowan::{TextRange, TextSize};

use super::nodes::*;

/// How far to move: `lines` to take from line numbers, `bytes` from byte
/// offsets.
#[derive(Clone, Copy, Debug)]
pub struct Shift {
    pub lines: u32,
    pub bytes: u32,
}

impl Shift {
    /// Make every position in `stmt` relative to the point.
    pub fn stmt(self, stmt: &mut Stmt) {
        self.pos(&mut stmt.pos);
        stmt.range = self.range(stmt.range);
        match &mut stmt.kind {
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
                self.exprs(&mut f.decorator_list);
                self.arguments(&mut f.args);
                self.opt_expr(&mut f.returns);
                self.stmts(&mut f.body);
            }
            StmtKind::ClassDef { bases, keywords, body, decorator_list, .. } => {
                self.exprs(decorator_list);
                self.exprs(bases);
                self.keywords(keywords);
                self.stmts(body);
            }
            StmtKind::Return { value } => self.opt_expr(value),
            StmtKind::Delete { targets } => self.exprs(targets),
            StmtKind::Assign { targets, value, .. } => {
                self.exprs(targets);
                self.expr(value);
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target);
                self.expr(value);
            }
            StmtKind::AnnAssign { target, annotation, value, .. } => {
                self.expr(target);
                self.expr(annotation);
                self.opt_expr(value);
            }
            StmtKind::For { target, iter, body, orelse, .. } | StmtKind::AsyncFor { target, iter, body, orelse, .. } => {
                self.expr(target);
                self.expr(iter);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::With { items, body, .. } | StmtKind::AsyncWith { items, body, .. } => {
                for item in items {
                    self.expr(&mut item.context_expr);
                    self.opt_expr(&mut item.optional_vars);
                }
                self.stmts(body);
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject);
                for case in cases {
                    self.pattern(&mut case.pattern);
                    self.opt_expr(&mut case.guard);
                    self.stmts(&mut case.body);
                }
            }
            StmtKind::Raise { exc, cause } => {
                self.opt_expr(exc);
                self.opt_expr(cause);
            }
            StmtKind::Try { body, handlers, orelse, finalbody }
            | StmtKind::TryStar { body, handlers, orelse, finalbody } => {
                self.stmts(body);
                for h in handlers {
                    self.pos(&mut h.pos);
                    h.range = self.range(h.range);
                    self.opt_expr(&mut h.type_);
                    self.stmts(&mut h.body);
                }
                self.stmts(orelse);
                self.stmts(finalbody);
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test);
                self.opt_expr(msg);
            }
            StmtKind::Import { names } | StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    self.pos(&mut a.pos);
                    a.range = self.range(a.range);
                }
            }
            StmtKind::Expr { value } => self.expr(value),
            StmtKind::Global { .. } | StmtKind::Nonlocal { .. } | StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
    }

    fn stmts(self, stmts: &mut [Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    fn expr(self, e: &mut Expr) {
        self.pos(&mut e.pos);
        e.range = self.range(e.range);
        match &mut e.kind {
            ExprKind::BoolOp { values, .. } => self.exprs(values),
            ExprKind::NamedExpr { target, value } => {
                self.expr(target);
                self.expr(value);
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left);
                self.expr(right);
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::Lambda { args, body } => {
                self.arguments(args);
                self.expr(body);
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test);
                self.expr(body);
                self.expr(orelse);
            }
            ExprKind::Dict { keys, values } => {
                for k in keys.iter_mut().flatten() {
                    self.expr(k);
                }
                self.exprs(values);
            }
            ExprKind::Set { elts } | ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => self.exprs(elts),
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                self.expr(elt);
                self.comprehensions(generators);
            }
            ExprKind::DictComp { key, value, generators } => {
                self.expr(key);
                self.expr(value);
                self.comprehensions(generators);
            }
            ExprKind::Await { value }
            | ExprKind::YieldFrom { value }
            | ExprKind::Attribute { value, .. }
            | ExprKind::Starred { value, .. } => self.expr(value),
            ExprKind::Yield { value } => self.opt_expr(value),
            ExprKind::Compare { left, comparators, .. } => {
                self.expr(left);
                self.exprs(comparators);
            }
            ExprKind::Call { func, args, keywords } => {
                self.expr(func);
                self.exprs(args);
                self.keywords(keywords);
            }
            ExprKind::FormattedValue { value, format_spec, .. } => {
                self.expr(value);
                self.opt_expr(format_spec);
            }
            ExprKind::JoinedStr { values } => self.exprs(values),
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value);
                self.expr(slice);
            }
            ExprKind::Slice { lower, upper, step } => {
                self.opt_expr(lower);
                self.opt_expr(upper);
                self.opt_expr(step);
            }
            ExprKind::Constant { .. } | ExprKind::Name { .. } => {}
        }
    }

    fn exprs(self, exprs: &mut [Expr]) {
        for e in exprs {
            self.expr(e);
        }
    }

    fn opt_expr(self, e: &mut Option<Box<Expr>>) {
        if let Some(e) = e {
            self.expr(e);
        }
    }

    fn keywords(self, keywords: &mut [Keyword]) {
        for k in keywords {
            self.pos(&mut k.pos);
            k.range = self.range(k.range);
            self.expr(&mut k.value);
        }
    }

    fn comprehensions(self, generators: &mut [Comprehension]) {
        for g in generators {
            self.expr(&mut g.target);
            self.expr(&mut g.iter);
            self.exprs(&mut g.ifs);
        }
    }

    fn arguments(self, a: &mut Arguments) {
        let Arguments { posonlyargs, args, vararg, kwonlyargs, kw_defaults, kwarg, defaults } = a;
        for arg in posonlyargs.iter_mut().chain(args.iter_mut()).chain(kwonlyargs.iter_mut()) {
            self.arg(arg);
        }
        for arg in [vararg, kwarg].into_iter().flatten() {
            self.arg(arg);
        }
        for d in kw_defaults.iter_mut().flatten() {
            self.expr(d);
        }
        self.exprs(defaults);
    }

    fn arg(self, arg: &mut Arg) {
        self.pos(&mut arg.pos);
        arg.range = self.range(arg.range);
        self.opt_expr(&mut arg.annotation);
    }

    fn pattern(self, p: &mut Pattern) {
        self.pos(&mut p.pos);
        p.range = self.range(p.range);
        match &mut p.kind {
            PatternKind::MatchValue { value } => self.expr(value),
            PatternKind::MatchSingleton { .. } | PatternKind::MatchStar { .. } => {}
            PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => self.patterns(patterns),
            PatternKind::MatchMapping { keys, patterns, .. } => {
                self.exprs(keys);
                self.patterns(patterns);
            }
            PatternKind::MatchClass { cls, patterns, kwd_patterns, .. } => {
                self.expr(cls);
                self.patterns(patterns);
                self.patterns(kwd_patterns);
            }
            PatternKind::MatchAs { pattern, .. } => {
                if let Some(p) = pattern {
                    self.pattern(p);
                }
            }
        }
    }

    fn patterns(self, patterns: &mut [Pattern]) {
        for p in patterns {
            self.pattern(p);
        }
    }

    fn pos(self, pos: &mut Pos) {
        pos.lineno = pos.lineno.saturating_sub(self.lines);
        pos.end_lineno = pos.end_lineno.saturating_sub(self.lines);
    }

    fn range(self, r: TextRange) -> TextRange {
        let back = |t: TextSize| TextSize::from(u32::from(t).saturating_sub(self.bytes));
        TextRange::new(back(r.start()), back(r.end()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each module-level statement of a file, moved to the start of its
    /// line, equals the statement lowered from its own text.
    #[test]
    fn a_moved_statement_equals_its_text_lowered_alone() {
        let text = "import os\n\n@dec(1)\ndef f(a, /, b: int = 2, *c, d=lambda: 3, **e) -> 'R':\n    \"\"\"Doc.\"\"\"\n    with open(a) as g, h:\n        match g:\n            case [1, *r] | {'k': _, **kw} if r:\n                pass\n            case C(x, y=Point(z)) as w:\n                return f'{a!r:>{b}}'\n    try:\n        yield [i async for i in c if i]\n    except* (E, F) as err:\n        global q\n    return {k: v for k, v in e.items()}, a[1:2, ::3], (x := 4), not -a or b\n\nclass K(B, metaclass=M):\n    x: int = 1\n    del x\n    async def m(self):\n        async for i in self: await i\n        from . import y as z\n        raise E from None\n        assert a, b\n        b += 1\n        while b: break\n";
        let parsed = crate::parse(text);
        let whole = crate::ast::lower::lower(&parsed.syntax_node(), text, false);
        assert!(whole.errors.is_empty(), "{:?}", whole.errors);
        let index = crate::line_index::LineIndex::new(text);
        let mut compared = 0;
        for (s, node) in whole.module.body.iter().zip(parsed.syntax_node().children()) {
            let start = u32::from(node.text_range().start());
            let (line, col) = index.line_col(node.text_range().start());
            assert_eq!(col, 0);
            let alone_text = &text[node.text_range()];
            let alone = crate::ast::lower::lower(&crate::parse(alone_text).syntax_node(), alone_text, false);
            let mut moved = s.clone();
            Shift { lines: line - 1, bytes: start }.stmt(&mut moved);
            assert_eq!(alone.module.body, vec![moved], "statement at line {line}");
            compared += 1;
        }
        assert_eq!(compared, 3);
    }
}
