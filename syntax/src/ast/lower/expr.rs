//! Lowering of expressions, targets and call arguments.

use super::*;

impl Ctx<'_> {
    /// A placeholder for an expression the tree lacks (after a syntax error).
    pub(crate) fn missing(&self, range: TextRange) -> Expr {
        let range = TextRange::empty(range.end());
        Expr {
            kind: ExprKind::Name {
                id: Identifier::default(),
                ctx: ExprContext::Load,
            },
            pos: self.pos(range),
            range,
        }
    }

    /// The `n`th expression child of `node`, or a placeholder.
    pub(crate) fn expr_child(&mut self, node: &Node<'_>, n: usize) -> Expr {
        match expr_children(node).nth(n) {
            Some(c) => self.expr(&c),
            None => self.missing(self.sig_range(node)),
        }
    }

    fn mk(&self, kind: ExprKind, range: TextRange) -> Expr {
        Expr {
            kind,
            pos: self.pos(range),
            range,
        }
    }

    pub(crate) fn expr(&mut self, node: &Node<'_>) -> Expr {
        let range = self.sig_range(node);
        let kind = match node.kind() {
            NAME_EXPR => ExprKind::Name {
                id: match node.single_token_text() {
                    Some(text) => identifier(text),
                    None => identifier(&node.text()),
                },
                ctx: ExprContext::Load,
            },
            LITERAL => {
                let tok = node.first_token();
                let value = match tok.as_ref().map(|t| t.kind()) {
                    Some(NONE_KW) => Constant::None,
                    Some(TRUE_KW) => Constant::Bool(true),
                    Some(FALSE_KW) => Constant::Bool(false),
                    Some(ELLIPSIS) => Constant::Ellipsis,
                    Some(NUMBER) => {
                        let t = tok.expect("matched Some above");
                        self.number(t.text(), t.text_range())
                    }
                    _ => Constant::None,
                };
                ExprKind::Constant { value, kind: None }
            }
            STRING_EXPR => return self.strings(node),
            PAREN_EXPR => {
                return match expr_children(node).next() {
                    Some(inner) => self.expr(&inner),
                    None => self.missing(range),
                }
            }
            TUPLE_EXPR => ExprKind::Tuple {
                elts: self.exprs(node),
                ctx: ExprContext::Load,
            },
            LIST_EXPR => ExprKind::List {
                elts: self.exprs(node),
                ctx: ExprContext::Load,
            },
            SET_EXPR => ExprKind::Set { elts: self.exprs(node) },
            DICT_EXPR => {
                let mut keys = Vec::new();
                let mut values = Vec::new();
                for c in node.children() {
                    match c.kind() {
                        DICT_ITEM => {
                            keys.push(Some(self.expr_child(&c, 0)));
                            values.push(self.expr_child(&c, 1));
                        }
                        DICT_UNPACK => {
                            keys.push(None);
                            values.push(self.expr_child(&c, 0));
                        }
                        _ => {}
                    }
                }
                ExprKind::Dict { keys, values }
            }
            LIST_COMP | SET_COMP | GENERATOR_EXPR => {
                let elt = Box::new(self.expr_child(node, 0));
                let generators = self.comprehensions(node);
                match node.kind() {
                    LIST_COMP => ExprKind::ListComp { elt, generators },
                    SET_COMP => ExprKind::SetComp { elt, generators },
                    _ => {
                        let range = if has_token(node, L_PAREN) {
                            range
                        } else {
                            // A generator that is a call's only argument
                            // takes the call's parentheses as its own.
                            node.parent().map_or(range, |p| self.sig_range(&p))
                        };
                        return self.mk(ExprKind::GeneratorExp { elt, generators }, range);
                    }
                }
            }
            DICT_COMP => {
                let item = node.children().find(|c| c.kind() == DICT_ITEM);
                let (key, value) = match item {
                    Some(i) => (self.expr_child(&i, 0), self.expr_child(&i, 1)),
                    None => (self.missing(range), self.missing(range)),
                };
                ExprKind::DictComp {
                    key: Box::new(key),
                    value: Box::new(value),
                    generators: self.comprehensions(node),
                }
            }
            BIN_EXPR => {
                let op = node
                    .children_with_tokens()
                    .filter_map(|e| e.into_token())
                    .find_map(|t| bin_op(t.kind()))
                    .unwrap_or(Operator::Add);
                ExprKind::BinOp {
                    left: Box::new(self.expr_child(node, 0)),
                    op,
                    right: Box::new(self.expr_child(node, 1)),
                }
            }
            BOOL_EXPR => {
                let op = if has_token(node, AND_KW) { BoolOp::And } else { BoolOp::Or };
                let mut values = Vec::new();
                self.flatten_bool(node, op, &mut values);
                ExprKind::BoolOp { op, values }
            }
            UNARY_EXPR => {
                let op = match node.first_token().map(|t| t.kind()) {
                    Some(MINUS) => UnaryOp::USub,
                    Some(PLUS) => UnaryOp::UAdd,
                    _ => UnaryOp::Invert,
                };
                ExprKind::UnaryOp {
                    op,
                    operand: Box::new(self.expr_child(node, 0)),
                }
            }
            NOT_EXPR => ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand: Box::new(self.expr_child(node, 0)),
            },
            COMPARE_EXPR => {
                let mut ops = Vec::new();
                let mut operands = Vec::new();
                let mut pending: Option<SyntaxKind> = None;
                for el in node.children_with_tokens() {
                    match el {
                        NodeOrToken::Token(t) => {
                            let k = t.kind();
                            match (pending, k) {
                                (Some(IS_KW), NOT_KW) => {
                                    ops.push(CmpOp::IsNot);
                                    pending = None;
                                }
                                (Some(NOT_KW), IN_KW) => {
                                    ops.push(CmpOp::NotIn);
                                    pending = None;
                                }
                                (_, IS_KW) | (_, NOT_KW) => pending = Some(k),
                                _ => {
                                    if let Some(op) = cmp_op(k) {
                                        ops.push(op);
                                    }
                                }
                            }
                        }
                        NodeOrToken::Node(n) if is_expr_kind(n.kind()) => {
                            if pending == Some(IS_KW) {
                                ops.push(CmpOp::Is);
                            }
                            pending = None;
                            operands.push(self.expr(&n));
                        }
                        _ => {}
                    }
                }
                let mut operands = operands.into_iter();
                let left = operands.next().unwrap_or_else(|| self.missing(range));
                let comparators: Vec<Expr> = operands.collect();
                ops.truncate(comparators.len());
                ExprKind::Compare {
                    left: Box::new(left),
                    ops,
                    comparators,
                }
            }
            LAMBDA_EXPR => {
                let args = match node.children().find(|c| c.kind() == PARAMETERS) {
                    Some(p) => self.parameters(&p),
                    None => Arguments::default(),
                };
                ExprKind::Lambda {
                    args: Box::new(args),
                    body: Box::new(self.expr_child(node, 0)),
                }
            }
            IF_EXPR => ExprKind::IfExp {
                body: Box::new(self.expr_child(node, 0)),
                test: Box::new(self.expr_child(node, 1)),
                orelse: Box::new(self.expr_child(node, 2)),
            },
            NAMED_EXPR => {
                let target = self.expr_child(node, 0);
                let target = self.store_target(target, TargetKind::Named);
                ExprKind::NamedExpr {
                    target: Box::new(target),
                    value: Box::new(self.expr_child(node, 1)),
                }
            }
            AWAIT_EXPR => ExprKind::Await {
                value: Box::new(self.expr_child(node, 0)),
            },
            YIELD_EXPR => {
                let value = expr_children(node).next().map(|n| Box::new(self.expr(&n)));
                if has_token(node, FROM_KW) {
                    ExprKind::YieldFrom {
                        value: value.unwrap_or_else(|| Box::new(self.missing(range))),
                    }
                } else {
                    ExprKind::Yield { value }
                }
            }
            STARRED_EXPR => ExprKind::Starred {
                value: Box::new(self.expr_child(node, 0)),
                ctx: ExprContext::Load,
            },
            CALL_EXPR => {
                let func = self.expr_child(node, 0);
                let (args, keywords) = match node.children().find(|c| c.kind() == ARG_LIST) {
                    Some(a) => self.call_args(&a),
                    None => (Vec::new(), Vec::new()),
                };
                ExprKind::Call {
                    func: Box::new(func),
                    args,
                    keywords,
                }
            }
            ATTRIBUTE_EXPR => {
                let value = self.expr_child(node, 0);
                let attr = node
                    .children_with_tokens()
                    .filter_map(|e| e.into_token())
                    .filter(|t| t.kind() == NAME)
                    .last()
                    .map(|t| identifier(t.text()))
                    .unwrap_or_default();
                ExprKind::Attribute {
                    value: Box::new(value),
                    attr,
                    ctx: ExprContext::Load,
                }
            }
            SUBSCRIPT_EXPR => ExprKind::Subscript {
                value: Box::new(self.expr_child(node, 0)),
                slice: Box::new(self.expr_child(node, 1)),
                ctx: ExprContext::Load,
            },
            SLICE_EXPR => {
                let mut parts: [Option<Box<Expr>>; 3] = [None, None, None];
                let mut i = 0;
                for el in node.children_with_tokens() {
                    match el {
                        NodeOrToken::Token(t) if t.kind() == COLON => i += 1,
                        NodeOrToken::Node(n) if is_expr_kind(n.kind()) && i < 3 => {
                            parts[i] = Some(Box::new(self.expr(&n)));
                        }
                        _ => {}
                    }
                }
                let [lower, upper, step] = parts;
                ExprKind::Slice { lower, upper, step }
            }
            _ => return self.missing(range),
        };
        self.mk(kind, range)
    }

    fn exprs(&mut self, node: &Node<'_>) -> Vec<Expr> {
        expr_children(node).map(|n| self.expr(&n)).collect()
    }

    fn flatten_bool(&mut self, node: &Node<'_>, op: BoolOp, out: &mut Vec<Expr>) {
        for c in expr_children(node) {
            let same = c.kind() == BOOL_EXPR
                && (if op == BoolOp::And { has_token(&c, AND_KW) } else { has_token(&c, OR_KW) });
            if same {
                self.flatten_bool(&c, op, out);
            } else {
                out.push(self.expr(&c));
            }
        }
    }

    fn comprehensions(&mut self, node: &Node<'_>) -> Vec<Comprehension> {
        let mut out = Vec::new();
        for c in node.children().filter(|c| c.kind() == COMP_FOR) {
            let is_async = has_token(&c, ASYNC_KW);
            let target = self.expr_child(&c, 0);
            let target = self.store_target(target, TargetKind::Comp);
            let iter = self.expr_child(&c, 1);
            let ifs = c
                .children()
                .filter(|n| n.kind() == COMP_IF)
                .map(|n| self.expr_child(&n, 0))
                .collect();
            out.push(Comprehension {
                target,
                iter,
                ifs,
                is_async,
            });
        }
        out
    }

    /// The positional and keyword arguments of a call or class definition.
    pub(crate) fn call_args(&mut self, node: &Node<'_>) -> (Vec<Expr>, Vec<Keyword>) {
        let n_args = node.children().count();
        // Most calls pass their arguments by position.
        let mut args = Vec::with_capacity(n_args);
        let mut keywords = Vec::new();
        let mut seen_kw = false;
        let mut seen_dstar = false;
        for c in node.children() {
            let range = self.sig_range(&c);
            match c.kind() {
                KEYWORD_ARG => {
                    seen_kw = true;
                    let arg = child_token(&c, NAME).map(|t| identifier(t.text()));
                    let value = self.expr_child(&c, 0);
                    keywords.push(Keyword {
                        arg,
                        value,
                        pos: self.pos(range),
                        range,
                    });
                }
                DSTAR_ARG => {
                    seen_dstar = true;
                    let value = self.expr_child(&c, 0);
                    keywords.push(Keyword {
                        arg: None,
                        value,
                        pos: self.pos(range),
                        range,
                    });
                }
                STARRED_EXPR => {
                    if seen_dstar {
                        self.error(range, "iterable argument unpacking follows keyword argument unpacking");
                    }
                    args.push(self.expr(&c));
                }
                k if is_expr_kind(k) => {
                    if seen_dstar {
                        self.error(range, "positional argument follows keyword argument unpacking");
                    } else if seen_kw {
                        self.error(range, "positional argument follows keyword argument");
                    }
                    if k == GENERATOR_EXPR && !has_token(&c, L_PAREN) && n_args > 1 {
                        self.error(range, "Generator expression must be parenthesized");
                    }
                    args.push(self.expr(&c));
                }
                _ => {}
            }
        }
        (args, keywords)
    }

    /// Give an assignment target Store context, reporting what CPython
    /// reports for expressions that cannot be assigned to.
    pub(crate) fn store_target(&mut self, mut e: Expr, kind: TargetKind) -> Expr {
        if let Some((range, what)) = self.set_ctx(&mut e, ExprContext::Store, kind) {
            let msg = match kind {
                TargetKind::Aug => format!("'{what}' is an illegal expression for augmented assignment"),
                TargetKind::Ann => format!("illegal target for annotation"),
                TargetKind::Named => format!("cannot use assignment expressions with {what}"),
                TargetKind::Assign if matches!(what, "function call" | "comparison" | "expression" | "attribute") || what.ends_with("literal") => {
                    format!("cannot assign to {what} here. Maybe you meant '==' instead of '='?")
                }
                _ => format!("cannot assign to {what}"),
            };
            self.error(range, msg);
        }
        e
    }

    pub(crate) fn del_target(&mut self, mut e: Expr) -> Expr {
        if let Some((range, what)) = self.set_ctx(&mut e, ExprContext::Del, TargetKind::Assign) {
            self.error(range, format!("cannot delete {what}"));
        }
        e
    }

    /// Set the context of a target expression; return the first invalid
    /// part and its description.
    fn set_ctx(&mut self, e: &mut Expr, ctx: ExprContext, kind: TargetKind) -> Option<(TextRange, &'static str)> {
        let range = e.range;
        match &mut e.kind {
            ExprKind::Name { ctx: c, .. } => {
                *c = ctx;
                None
            }
            ExprKind::Attribute { ctx: c, .. } | ExprKind::Subscript { ctx: c, .. } => {
                if matches!(kind, TargetKind::Named) {
                    return Some((range, if matches!(e.kind, ExprKind::Attribute { .. }) { "attribute" } else { "subscript" }));
                }
                *c = ctx;
                None
            }
            ExprKind::Starred { value, ctx: c } => {
                if matches!(kind, TargetKind::Aug | TargetKind::Named | TargetKind::Ann) || ctx == ExprContext::Del {
                    return Some((range, "starred"));
                }
                *c = ctx;
                self.set_ctx(value, ctx, kind)
            }
            ExprKind::List { elts, ctx: c } => {
                if matches!(kind, TargetKind::Aug | TargetKind::Named | TargetKind::Ann) {
                    return Some((range, "list"));
                }
                *c = ctx;
                self.set_ctx_all(elts, ctx, kind)
            }
            ExprKind::Tuple { elts, ctx: c } => {
                if matches!(kind, TargetKind::Aug | TargetKind::Named | TargetKind::Ann) {
                    return Some((range, "tuple"));
                }
                *c = ctx;
                self.set_ctx_all(elts, ctx, kind)
            }
            other => Some((range, expr_description(other))),
        }
    }
}

impl Ctx<'_> {
    fn set_ctx_all(&mut self, elts: &mut [Expr], ctx: ExprContext, kind: TargetKind) -> Option<(TextRange, &'static str)> {
        let mut first = None;
        for el in elts.iter_mut() {
            let r = self.set_ctx(el, ctx, kind);
            if first.is_none() {
                first = r;
            }
        }
        first
    }
}

/// CPython's name for an expression in "cannot assign to ..." messages.
pub(crate) fn expr_description(kind: &ExprKind) -> &'static str {
    match kind {
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set { .. } => "set display",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Await { .. } => "await expression",
        ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => "yield expression",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::Call { .. } => "function call",
        ExprKind::FormattedValue { .. } | ExprKind::JoinedStr { .. } => "f-string expression",
        ExprKind::Constant { value, .. } => match value {
            Constant::None => "None",
            Constant::Bool(true) => "True",
            Constant::Bool(false) => "False",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::Slice { .. } => "slice",
        _ => "expression",
    }
}

fn bin_op(kind: SyntaxKind) -> Option<Operator> {
    Some(match kind {
        PLUS => Operator::Add,
        MINUS => Operator::Sub,
        STAR => Operator::Mult,
        SLASH => Operator::Div,
        DSLASH => Operator::FloorDiv,
        PERCENT => Operator::Mod,
        AT => Operator::MatMult,
        AMP => Operator::BitAnd,
        PIPE => Operator::BitOr,
        CARET => Operator::BitXor,
        LSHIFT => Operator::LShift,
        RSHIFT => Operator::RShift,
        DSTAR => Operator::Pow,
        _ => return None,
    })
}

fn cmp_op(kind: SyntaxKind) -> Option<CmpOp> {
    Some(match kind {
        EQEQ => CmpOp::Eq,
        NE => CmpOp::NotEq,
        LT => CmpOp::Lt,
        LE => CmpOp::LtE,
        GT => CmpOp::Gt,
        GE => CmpOp::GtE,
        IN_KW => CmpOp::In,
        _ => return None,
    })
}
