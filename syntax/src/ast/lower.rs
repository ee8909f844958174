//! Lowering: concrete syntax tree → CPython-shaped AST.
//!
//! Positions follow CPython 3.11 exactly (they are checked against
//! `python3 -m ast -a` on the whole standard library). Lowering never fails:
//! where the tree is incomplete (after a syntax error) a placeholder takes the
//! missing part's place — an empty `Name` for a missing expression — so that
//! editors still get every other statement of the file.
//!
//! Errors that CPython's grammar reports but ours defers to this pass
//! (invalid assignment targets, argument order, literal escapes) are
//! collected in [`Lowered::errors`].

use num_bigint::BigInt;
use num_traits::Num;
use rowan::{NodeOrToken, TextSize};


use super::nodes::*;
use crate::kind::SyntaxKind::{self, *};
use crate::lexer::{type_comment_body, ErrorKind};
use crate::line_index::LineIndex;
use crate::{SyntaxError, SyntaxNode, TextRange};

mod expr;
mod strings;
pub(crate) mod tree;

pub use tree::Flat;
use tree::{Node, Token};

/// The AST of a file and the errors lowering found.
#[derive(Clone, Debug, PartialEq)]
pub struct Lowered {
    pub module: Module,
    pub errors: Vec<SyntaxError>,
}

/// Lower a parsed file. `type_comments` says whether the file was parsed
/// with type comments on (they then fill `type_comment` fields and
/// `type_ignores`). `text` is the tree's text.
pub fn lower(root: &SyntaxNode, text: &str, type_comments: bool) -> Lowered {
    let green = root.green();
    lower_flat(&Flat::from_green(&green, text), type_comments)
}

/// Lower a file from the flat copy of its tree.
pub(crate) fn lower_flat(tree: &Flat<'_>, type_comments: bool) -> Lowered {
    let text = tree.text();
    let mut cx = Ctx {
        index: LineIndex::new(text),
        line_hint: std::cell::Cell::new(0),
        text,
        errors: Vec::new(),
        type_comments,
    };
    let body = cx.stmts_of(&tree.root());
    let mut type_ignores = Vec::new();
    if type_comments {
        for t in tree.tokens() {
            if t.kind() == TYPE_IGNORE {
                let rest = type_comment_body(t.text()).unwrap_or("");
                let tag = rest.get(6..).unwrap_or("").to_string();
                let (line, _) = cx.index.line_col(t.text_range().start());
                type_ignores.push(TypeIgnore { lineno: line, tag });
            }
        }
    }
    Lowered {
        module: Module { body, type_ignores },
        errors: cx.errors,
    }
}

pub(crate) struct Ctx<'a> {
    index: LineIndex,
    /// The line of the last position looked up: lowering moves through the
    /// file mostly forwards, so the next lookup usually hits it or the next
    /// line.
    line_hint: std::cell::Cell<usize>,
    text: &'a str,
    errors: Vec<SyntaxError>,
    type_comments: bool,
}

pub(crate) fn is_sig(kind: SyntaxKind) -> bool {
    !kind.is_trivia() && !matches!(kind, NEWLINE | INDENT | DEDENT | TYPE_COMMENT)
}

pub(crate) fn child_token<'g>(node: &Node<'g>, kind: SyntaxKind) -> Option<Token<'g>> {
    node.children_with_tokens()
        .filter_map(|e| e.into_token())
        .find(|t| t.kind() == kind)
}

pub(crate) fn has_token(node: &Node<'_>, kind: SyntaxKind) -> bool {
    child_token(node, kind).is_some()
}

pub(crate) fn is_expr_kind(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        NAME_EXPR
            | LITERAL
            | STRING_EXPR
            | PAREN_EXPR
            | TUPLE_EXPR
            | LIST_EXPR
            | SET_EXPR
            | DICT_EXPR
            | LIST_COMP
            | SET_COMP
            | DICT_COMP
            | GENERATOR_EXPR
            | BIN_EXPR
            | BOOL_EXPR
            | UNARY_EXPR
            | NOT_EXPR
            | COMPARE_EXPR
            | LAMBDA_EXPR
            | IF_EXPR
            | NAMED_EXPR
            | AWAIT_EXPR
            | YIELD_EXPR
            | STARRED_EXPR
            | CALL_EXPR
            | ATTRIBUTE_EXPR
            | SUBSCRIPT_EXPR
            | SLICE_EXPR
    )
}

pub(crate) fn expr_children<'g>(node: &Node<'g>) -> impl Iterator<Item = Node<'g>> {
    node.children().filter(|n| is_expr_kind(n.kind()))
}

/// Python identifiers are NFKC-normalized (PEP 3131).
pub(crate) fn identifier(text: &str) -> Identifier {
    if text.is_ascii() {
        Identifier::from(text)
    } else {
        use unicode_normalization::UnicodeNormalization;
        text.nfkc().collect::<String>().into()
    }
}

impl Ctx<'_> {
    /// 1-based line and 0-based byte column of an offset, as
    /// `LineIndex::line_col` gives them.
    fn line_col(&self, offset: TextSize) -> (u32, u32) {
        let off: u32 = offset.into();
        let starts = self.index.starts();
        let hint = self.line_hint.get();
        let line = if starts[hint] <= off && starts.get(hint + 1).map_or(true, |&s| s > off) {
            hint
        } else if starts.get(hint + 1).is_some_and(|&s| s <= off) && starts.get(hint + 2).map_or(true, |&s| s > off) {
            hint + 1
        } else {
            starts.partition_point(|&s| s <= off).max(1) - 1
        };
        self.line_hint.set(line);
        (line as u32 + 1, off.saturating_sub(starts[line]))
    }

    pub(crate) fn pos(&self, range: TextRange) -> Pos {
        let (lineno, col_offset) = self.line_col(range.start());
        let (end_lineno, end_col_offset) = self.line_col(range.end());
        Pos {
            lineno,
            col_offset,
            end_lineno,
            end_col_offset,
        }
    }

    /// The first and last significant tokens of a node.
    pub(crate) fn sig_range(&self, node: &Node<'_>) -> TextRange {
        match tree::sig_range_inside(node, is_sig) {
            Some(r) => r,
            None => tree::red_sig_range(node, is_sig),
        }
    }

    pub(crate) fn error(&mut self, range: TextRange, msg: impl Into<String>) {
        self.errors.push(SyntaxError {
            kind: ErrorKind::Syntax,
            msg: msg.into(),
            range,
            from_lexer: false,
            bracket_line_end: None,
        });
    }

    fn stmt(&self, kind: StmtKind, range: TextRange) -> Stmt {
        // A compound statement ends where its last statement does (which
        // can be past its last token: an assignment's type comment counts).
        let end = last_body(&kind).and_then(|b| b.last()).map(|s| s.range.end());
        let range = match end {
            Some(e) if e > range.end() => TextRange::new(range.start(), e),
            _ => range,
        };
        Stmt {
            kind,
            pos: self.pos(range),
            range,
        }
    }

    /// The statements that are children of a file or block node (statements
    /// inside error nodes included, so that nothing is lost).
    fn stmts_of(&mut self, node: &Node<'_>) -> Vec<Stmt> {
        // Nearly every child is one statement.
        let mut out = Vec::with_capacity(node.children().count());
        for child in node.children() {
            self.push_stmt(&child, &mut out);
        }
        out
    }

    fn push_stmt(&mut self, node: &Node<'_>, out: &mut Vec<Stmt>) {
        match node.kind() {
            ERROR => {
                for c in node.children() {
                    self.push_stmt(&c, out);
                }
            }
            BLOCK => {
                for c in node.children() {
                    self.push_stmt(&c, out);
                }
            }
            _ => {
                if let Some(s) = self.lower_stmt(node) {
                    out.push(s);
                }
            }
        }
    }

    fn block_of(&mut self, node: &Node<'_>) -> Vec<Stmt> {
        match node.children().find(|c| c.kind() == BLOCK) {
            Some(b) => self.stmts_of(&b),
            None => Vec::new(),
        }
    }

    fn type_comment_in(&self, node: &Node<'_>) -> Option<String> {
        if !self.type_comments {
            return None;
        }
        let t = child_token(node, TYPE_COMMENT)?;
        type_comment_body(t.text()).map(|s| s.to_string())
    }

    fn lower_stmt(&mut self, node: &Node<'_>) -> Option<Stmt> {
        let range = self.sig_range(node);
        let kind = match node.kind() {
            EXPR_STMT => {
                let value = self.expr_child(node, 0);
                StmtKind::Expr { value: Box::new(value) }
            }
            ASSIGN_STMT => {
                let mut exprs: Vec<Node<'_>> = expr_children(node).collect();
                let value_node = exprs.pop();
                let value = match &value_node {
                    Some(n) => self.expr(n),
                    None => self.missing(range),
                };
                let targets = exprs
                    .iter()
                    .map(|n| {
                        let e = self.expr(n);
                        self.store_target(e, TargetKind::Assign)
                    })
                    .collect();
                let type_comment = self.type_comment_in(node);
                if type_comment.is_some() {
                    // CPython's statement ends where its type comment does.
                    if let Some(t) = child_token(node, TYPE_COMMENT) {
                        let range = TextRange::new(range.start(), t.text_range().end());
                        let kind = StmtKind::Assign {
                            targets,
                            value: Box::new(value),
                            type_comment,
                        };
                        return Some(self.stmt(kind, range));
                    }
                }
                StmtKind::Assign {
                    targets,
                    value: Box::new(value),
                    type_comment,
                }
            }
            AUG_ASSIGN_STMT => {
                let target = self.expr_child(node, 0);
                let target = self.store_target(target, TargetKind::Aug);
                let op = node
                    .children_with_tokens()
                    .filter_map(|e| e.into_token())
                    .find_map(|t| aug_op(t.kind()))
                    .unwrap_or(Operator::Add);
                let value = self.expr_child(node, 1);
                StmtKind::AugAssign {
                    target: Box::new(target),
                    op,
                    value: Box::new(value),
                }
            }
            ANN_ASSIGN_STMT => {
                let kids: Vec<Node<'_>> = expr_children(node).collect();
                let simple = kids.first().is_some_and(|k| k.kind() == NAME_EXPR);
                let target = self.expr_child(node, 0);
                let target = self.store_target(target, TargetKind::Ann);
                let annotation = self.expr_child(node, 1);
                let value = kids.get(2).map(|n| Box::new(self.expr(n)));
                StmtKind::AnnAssign {
                    target: Box::new(target),
                    annotation: Box::new(annotation),
                    value,
                    simple,
                }
            }
            RETURN_STMT => StmtKind::Return {
                value: expr_children(node).next().map(|n| Box::new(self.expr(&n))),
            },
            DELETE_STMT => {
                let mut targets = Vec::new();
                for n in expr_children(node) {
                    if n.kind() == TUPLE_EXPR && !has_token(&n, L_PAREN) {
                        for e in expr_children(&n) {
                            let e = self.expr(&e);
                            targets.push(self.del_target(e));
                        }
                    } else {
                        let e = self.expr(&n);
                        targets.push(self.del_target(e));
                    }
                }
                StmtKind::Delete { targets }
            }
            PASS_STMT => StmtKind::Pass,
            BREAK_STMT => StmtKind::Break,
            CONTINUE_STMT => StmtKind::Continue,
            RAISE_STMT => {
                let mut kids = expr_children(node);
                let exc = kids.next().map(|n| Box::new(self.expr(&n)));
                let cause = kids.next().map(|n| Box::new(self.expr(&n)));
                StmtKind::Raise { exc, cause }
            }
            GLOBAL_STMT | NONLOCAL_STMT => {
                let names = node
                    .children_with_tokens()
                    .filter_map(|e| e.into_token())
                    .filter(|t| t.kind() == NAME)
                    .map(|t| identifier(t.text()))
                    .collect();
                if node.kind() == GLOBAL_STMT {
                    StmtKind::Global { names }
                } else {
                    StmtKind::Nonlocal { names }
                }
            }
            ASSERT_STMT => {
                let mut kids = expr_children(node);
                let test = match kids.next() {
                    Some(n) => self.expr(&n),
                    None => self.missing(range),
                };
                let msg = kids.next().map(|n| Box::new(self.expr(&n)));
                StmtKind::Assert {
                    test: Box::new(test),
                    msg,
                }
            }
            IMPORT_STMT => StmtKind::Import {
                names: node
                    .children()
                    .filter(|c| c.kind() == IMPORT_ALIAS)
                    .map(|c| self.alias(&c))
                    .collect(),
            },
            IMPORT_FROM_STMT => self.import_from(node),
            IF_STMT => self.if_stmt(node),
            WHILE_STMT => {
                let test = self.expr_child(node, 0);
                let body = self.block_of(node);
                let orelse = self.else_of(node);
                StmtKind::While {
                    test: Box::new(test),
                    body,
                    orelse,
                }
            }
            FOR_STMT => {
                let is_async = has_token(node, ASYNC_KW);
                let target = self.expr_child(node, 0);
                let target = self.store_target(target, TargetKind::For);
                let iter = self.expr_child(node, 1);
                let body = self.block_of(node);
                let orelse = self.else_of(node);
                let type_comment = self.type_comment_in(node);
                if is_async {
                    StmtKind::AsyncFor {
                        target: Box::new(target),
                        iter: Box::new(iter),
                        body,
                        orelse,
                        type_comment,
                    }
                } else {
                    StmtKind::For {
                        target: Box::new(target),
                        iter: Box::new(iter),
                        body,
                        orelse,
                        type_comment,
                    }
                }
            }
            WITH_STMT => {
                let is_async = has_token(node, ASYNC_KW);
                let items = node
                    .children()
                    .filter(|c| c.kind() == WITH_ITEM)
                    .map(|c| self.with_item(&c))
                    .collect();
                let body = self.block_of(node);
                let type_comment = self.type_comment_in(node);
                if is_async {
                    StmtKind::AsyncWith {
                        items,
                        body,
                        type_comment,
                    }
                } else {
                    StmtKind::With {
                        items,
                        body,
                        type_comment,
                    }
                }
            }
            TRY_STMT => self.try_stmt(node),
            FUNCTION_DEF => return Some(self.function_def(node)),
            CLASS_DEF => return Some(self.class_def(node)),
            MATCH_STMT => self.match_stmt(node),
            _ => return None,
        };
        Some(self.stmt(kind, range))
    }

    fn else_of(&mut self, node: &Node<'_>) -> Vec<Stmt> {
        match node.children().find(|c| c.kind() == ELSE_CLAUSE) {
            Some(e) => self.block_of(&e),
            None => Vec::new(),
        }
    }

    fn alias(&mut self, node: &Node<'_>) -> Alias {
        let range = self.sig_range(node);
        let name = match node.children().find(|c| c.kind() == DOTTED_NAME) {
            Some(d) => dotted_name(&d),
            None => node
                .children_with_tokens()
                .filter_map(|e| e.into_token())
                .find(|t| t.kind() == NAME)
                .map(|t| identifier(t.text()))
                .unwrap_or_default(),
        };
        let mut after_as = false;
        let mut asname = None;
        for t in node.children_with_tokens().filter_map(|e| e.into_token()) {
            if t.kind() == AS_KW {
                after_as = true;
            } else if after_as && t.kind() == NAME {
                asname = Some(identifier(t.text()));
            }
        }
        Alias {
            name,
            asname,
            pos: self.pos(range),
            range,
        }
    }

    fn import_from(&mut self, node: &Node<'_>) -> StmtKind {
        let mut level = 0;
        let mut module = None;
        let mut names = Vec::new();
        for el in node.children_with_tokens() {
            match el {
                NodeOrToken::Token(t) => match t.kind() {
                    DOT => level += 1,
                    ELLIPSIS => level += 3,
                    STAR => {
                        let range = t.text_range();
                        names.push(Alias {
                            name: "*".into(),
                            asname: None,
                            pos: self.pos(range),
                            range,
                        });
                    }
                    _ => {}
                },
                NodeOrToken::Node(n) => match n.kind() {
                    DOTTED_NAME => module = Some(dotted_name(&n)),
                    IMPORT_ALIAS => names.push(self.alias(&n)),
                    _ => {}
                },
            }
        }
        StmtKind::ImportFrom { module, names, level }
    }

    fn if_stmt(&mut self, node: &Node<'_>) -> StmtKind {
        let test = self.expr_child(node, 0);
        let body = self.block_of(node);
        // `elif` clauses become nested `If`s in `orelse`, built from the last
        // one outwards.
        let elifs: Vec<Node<'_>> = node.children().filter(|c| c.kind() == ELIF_CLAUSE).collect();
        let mut orelse = self.else_of(node);
        let else_end = node
            .children()
            .find(|c| c.kind() == ELSE_CLAUSE)
            .map(|e| self.sig_range(&e).end());
        let mut end = else_end;
        for elif in elifs.iter().rev() {
            let r = self.sig_range(elif);
            let stop = end.unwrap_or(r.end());
            let range = TextRange::new(r.start(), stop.max(r.start()));
            let test = self.expr_child(elif, 0);
            let body = self.block_of(elif);
            let s = self.stmt(
                StmtKind::If {
                    test: Box::new(test),
                    body,
                    orelse,
                },
                range,
            );
            orelse = vec![s];
            end = Some(stop);
        }
        StmtKind::If {
            test: Box::new(test),
            body,
            orelse,
        }
    }

    fn with_item(&mut self, node: &Node<'_>) -> WithItem {
        let mut kids = expr_children(node);
        let context_expr = match kids.next() {
            Some(n) => self.expr(&n),
            None => self.missing(self.sig_range(node)),
        };
        let optional_vars = kids.next().map(|n| {
            let e = self.expr(&n);
            Box::new(self.store_target(e, TargetKind::With))
        });
        WithItem {
            context_expr,
            optional_vars,
        }
    }

    fn try_stmt(&mut self, node: &Node<'_>) -> StmtKind {
        let body = self.block_of(node);
        let mut handlers = Vec::new();
        let mut star = false;
        for c in node.children().filter(|c| c.kind() == EXCEPT_CLAUSE) {
            star |= has_token(&c, STAR);
            let range = self.sig_range(&c);
            let mut kids = expr_children(&c);
            let type_ = kids.next().map(|n| Box::new(self.expr(&n)));
            let mut after_as = false;
            let mut name = None;
            for t in c.children_with_tokens().filter_map(|e| e.into_token()) {
                if t.kind() == AS_KW {
                    after_as = true;
                } else if after_as && t.kind() == NAME {
                    name = Some(identifier(t.text()));
                }
            }
            let hbody = self.block_of(&c);
            let range = match hbody.last() {
                Some(l) if l.range.end() > range.end() => TextRange::new(range.start(), l.range.end()),
                _ => range,
            };
            handlers.push(ExceptHandler {
                type_,
                name,
                body: hbody,
                pos: self.pos(range),
                range,
            });
        }
        let orelse = self.else_of(node);
        let finalbody = match node.children().find(|c| c.kind() == FINALLY_CLAUSE) {
            Some(f) => self.block_of(&f),
            None => Vec::new(),
        };
        if star {
            StmtKind::TryStar {
                body,
                handlers,
                orelse,
                finalbody,
            }
        } else {
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            }
        }
    }

    fn function_def(&mut self, node: &Node<'_>) -> Stmt {
        let full = self.sig_range(node);
        let start = node
            .children_with_tokens()
            .filter_map(|e| e.into_token())
            .find(|t| matches!(t.kind(), DEF_KW | ASYNC_KW))
            .map_or(full.start(), |t| t.text_range().start());
        let range = TextRange::new(start, full.end().max(start));
        let is_async = has_token(node, ASYNC_KW);
        let decorator_list = self.decorators(node);
        let name = child_token(node, NAME).map(|t| identifier(t.text())).unwrap_or_default();
        let args = match node.children().find(|c| c.kind() == PARAMETERS) {
            Some(p) => self.parameters(&p),
            None => Arguments::default(),
        };
        let returns = node
            .children()
            .find(|c| c.kind() == RETURN_ANNOTATION)
            .and_then(|r| expr_children(&r).next())
            .map(|n| Box::new(self.expr(&n)));
        let block = node.children().find(|c| c.kind() == BLOCK);
        let type_comment = block.as_ref().and_then(|b| self.type_comment_in(b));
        let body = match &block {
            Some(b) => self.stmts_of(b),
            None => Vec::new(),
        };
        let def = FunctionDef {
            name,
            args: Box::new(args),
            body,
            decorator_list,
            returns,
            type_comment,
        };
        let kind = if is_async {
            StmtKind::AsyncFunctionDef(def)
        } else {
            StmtKind::FunctionDef(def)
        };
        self.stmt(kind, range)
    }

    fn decorators(&mut self, node: &Node<'_>) -> Vec<Expr> {
        node.children()
            .filter(|c| c.kind() == DECORATOR)
            .map(|d| self.expr_child(&d, 0))
            .collect()
    }

    fn class_def(&mut self, node: &Node<'_>) -> Stmt {
        let full = self.sig_range(node);
        let start = child_token(node, CLASS_KW).map_or(full.start(), |t| t.text_range().start());
        let range = TextRange::new(start, full.end().max(start));
        let decorator_list = self.decorators(node);
        let name = child_token(node, NAME).map(|t| identifier(t.text())).unwrap_or_default();
        let (bases, keywords) = match node.children().find(|c| c.kind() == ARG_LIST) {
            Some(a) => self.call_args(&a),
            None => (Vec::new(), Vec::new()),
        };
        let body = self.block_of(node);
        self.stmt(
            StmtKind::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            },
            range,
        )
    }

    /// Function or lambda parameters.
    pub(crate) fn parameters(&mut self, node: &Node<'_>) -> Arguments {
        let mut a = Arguments::default();
        let mut seen_star = false;
        let mut seen_default = false;
        enum Last {
            None,
            Pos,
            Vararg,
            Kwonly,
            Kwarg,
        }
        let mut last = Last::None;
        for el in node.children_with_tokens() {
            match el {
                NodeOrToken::Token(t) => match t.kind() {
                    SLASH => {
                        a.posonlyargs.append(&mut a.args);
                    }
                    STAR => seen_star = true,
                    TYPE_COMMENT if self.type_comments => {
                        let tc = type_comment_body(t.text()).map(|s| s.to_string());
                        let target = match last {
                            Last::Pos => a.args.last_mut(),
                            Last::Vararg => a.vararg.as_deref_mut(),
                            Last::Kwonly => a.kwonlyargs.last_mut(),
                            Last::Kwarg => a.kwarg.as_deref_mut(),
                            Last::None => None,
                        };
                        if let Some(arg) = target {
                            arg.type_comment = tc;
                        }
                    }
                    _ => {}
                },
                NodeOrToken::Node(p) if p.kind() == PARAM => {
                    let (arg, default, stars) = self.param(&p);
                    match stars {
                        1 => {
                            seen_star = true;
                            a.vararg = Some(Box::new(arg));
                            last = Last::Vararg;
                        }
                        2 => {
                            a.kwarg = Some(Box::new(arg));
                            last = Last::Kwarg;
                        }
                        _ if seen_star => {
                            a.kwonlyargs.push(arg);
                            a.kw_defaults.push(default);
                            last = Last::Kwonly;
                        }
                        _ => {
                            match default {
                                Some(d) => {
                                    seen_default = true;
                                    a.defaults.push(d);
                                }
                                None if seen_default => {
                                    let r = self.sig_range(&p);
                                    self.error(r, "non-default argument follows default argument");
                                }
                                None => {}
                            }
                            a.args.push(arg);
                            last = Last::Pos;
                        }
                    }
                }
                _ => {}
            }
        }
        a
    }

    fn param(&mut self, node: &Node<'_>) -> (Arg, Option<Expr>, u8) {
        let stars = if has_token(node, DSTAR) {
            2
        } else if has_token(node, STAR) {
            1
        } else {
            0
        };
        let name_tok = child_token(node, NAME);
        let name = name_tok.as_ref().map(|t| identifier(t.text())).unwrap_or_default();
        let start = name_tok.as_ref().map_or(self.sig_range(node).start(), |t| t.text_range().start());
        let mut annotation = None;
        let mut default = None;
        let mut after = None;
        for el in node.children_with_tokens() {
            match el {
                NodeOrToken::Token(t) if t.kind() == COLON => after = Some(COLON),
                NodeOrToken::Token(t) if t.kind() == EQ => after = Some(EQ),
                NodeOrToken::Node(n) if is_expr_kind(n.kind()) => match after {
                    Some(COLON) => annotation = Some(n),
                    Some(EQ) => default = Some(n),
                    _ => {}
                },
                _ => {}
            }
        }
        let mut end = name_tok.as_ref().map_or(start, |t| t.text_range().end());
        let annotation = annotation.map(|n| {
            end = self.sig_range(&n).end();
            Box::new(self.expr(&n))
        });
        let default = default.map(|n| self.expr(&n));
        let range = TextRange::new(start, end.max(start));
        (
            Arg {
                arg: name,
                annotation,
                type_comment: None,
                pos: self.pos(range),
                range,
            },
            default,
            stars,
        )
    }

    fn match_stmt(&mut self, node: &Node<'_>) -> StmtKind {
        let subject = self.expr_child(node, 0);
        let mut cases = Vec::new();
        if let Some(block) = node.children().find(|c| c.kind() == BLOCK) {
            for c in block.children().filter(|c| c.kind() == CASE_CLAUSE) {
                let pattern = match c.children().find(|n| is_pattern_kind(n.kind())) {
                    Some(p) => self.pattern(&p),
                    None => self.missing_pattern(self.sig_range(&c)),
                };
                let guard = c
                    .children()
                    .find(|n| n.kind() == GUARD)
                    .map(|g| Box::new(self.expr_child(&g, 0)));
                let body = self.block_of(&c);
                cases.push(MatchCase { pattern, guard, body });
            }
        }
        StmtKind::Match {
            subject: Box::new(subject),
            cases,
        }
    }

    fn missing_pattern(&self, range: TextRange) -> Pattern {
        Pattern {
            kind: PatternKind::MatchAs { pattern: None, name: None },
            pos: self.pos(range),
            range,
        }
    }

    fn pattern(&mut self, node: &Node<'_>) -> Pattern {
        let range = self.sig_range(node);
        let kind = match node.kind() {
            MATCH_AS => {
                if has_token(node, AS_KW) {
                    let inner = node.children().find(|n| is_pattern_kind(n.kind()));
                    let pattern = inner.map(|p| Box::new(self.pattern(&p)));
                    let name = node
                        .children_with_tokens()
                        .filter_map(|e| e.into_token())
                        .filter(|t| t.kind() == NAME)
                        .last()
                        .map(|t| identifier(t.text()));
                    if name.as_deref() == Some("_") {
                        self.error(range, "cannot use '_' as a target");
                    }
                    PatternKind::MatchAs { pattern, name }
                } else {
                    let text = node
                        .children()
                        .next()
                        .map(|n| n.text().to_string())
                        .unwrap_or_default();
                    let name = if text == "_" { None } else { Some(identifier(&text)) };
                    PatternKind::MatchAs { pattern: None, name }
                }
            }
            MATCH_VALUE => PatternKind::MatchValue {
                value: Box::new(self.expr_child(node, 0)),
            },
            MATCH_SINGLETON => {
                let value = match node.first_token().map(|t| t.kind()) {
                    Some(TRUE_KW) => Constant::Bool(true),
                    Some(FALSE_KW) => Constant::Bool(false),
                    _ => Constant::None,
                };
                PatternKind::MatchSingleton { value }
            }
            MATCH_SEQUENCE => PatternKind::MatchSequence {
                patterns: node
                    .children()
                    .filter(|n| is_pattern_kind(n.kind()))
                    .map(|p| self.pattern(&p))
                    .collect(),
            },
            MATCH_GROUP => {
                return match node.children().find(|n| is_pattern_kind(n.kind())) {
                    Some(p) => self.pattern(&p),
                    None => self.missing_pattern(range),
                };
            }
            MATCH_STAR => {
                let name = child_token(node, NAME).map(|t| identifier(t.text()));
                PatternKind::MatchStar {
                    name: name.filter(|n| n != "_"),
                }
            }
            MATCH_OR => PatternKind::MatchOr {
                patterns: node
                    .children()
                    .filter(|n| is_pattern_kind(n.kind()))
                    .map(|p| self.pattern(&p))
                    .collect(),
            },
            MATCH_MAPPING => {
                let mut keys = Vec::new();
                let mut patterns = Vec::new();
                let mut rest = None;
                for c in node.children() {
                    match c.kind() {
                        MATCH_KEY_VALUE => {
                            keys.push(self.expr_child(&c, 0));
                            patterns.push(match c.children().find(|n| is_pattern_kind(n.kind())) {
                                Some(p) => self.pattern(&p),
                                None => self.missing_pattern(self.sig_range(&c)),
                            });
                        }
                        MATCH_DSTAR => rest = child_token(&c, NAME).map(|t| identifier(t.text())),
                        _ => {}
                    }
                }
                PatternKind::MatchMapping { keys, patterns, rest }
            }
            MATCH_CLASS => {
                let cls = self.expr_child(node, 0);
                let mut patterns = Vec::new();
                let mut kwd_attrs = Vec::new();
                let mut kwd_patterns = Vec::new();
                if let Some(args) = node.children().find(|n| n.kind() == PATTERN_ARGS) {
                    for c in args.children() {
                        if c.kind() == MATCH_KEYWORD {
                            kwd_attrs.push(child_token(&c, NAME).map(|t| identifier(t.text())).unwrap_or_default());
                            kwd_patterns.push(match c.children().find(|n| is_pattern_kind(n.kind())) {
                                Some(p) => self.pattern(&p),
                                None => self.missing_pattern(self.sig_range(&c)),
                            });
                        } else if is_pattern_kind(c.kind()) {
                            if !kwd_attrs.is_empty() {
                                let r = self.sig_range(&c);
                                self.error(r, "positional patterns follow keyword patterns");
                            }
                            patterns.push(self.pattern(&c));
                        }
                    }
                }
                PatternKind::MatchClass {
                    cls: Box::new(cls),
                    patterns,
                    kwd_attrs,
                    kwd_patterns,
                }
            }
            _ => return self.missing_pattern(range),
        };
        Pattern {
            kind,
            pos: self.pos(range),
            range,
        }
    }
}

/// The block of a compound statement that comes last in the source.
fn last_body(kind: &StmtKind) -> Option<&Vec<Stmt>> {
    let nonempty = |v: &'_ Vec<Stmt>| !v.is_empty();
    match kind {
        StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => Some(&f.body),
        StmtKind::ClassDef { body, .. } | StmtKind::With { body, .. } | StmtKind::AsyncWith { body, .. } => Some(body),
        StmtKind::For { body, orelse, .. }
        | StmtKind::AsyncFor { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::If { body, orelse, .. } => Some(if nonempty(orelse) { orelse } else { body }),
        StmtKind::Try { body, handlers, orelse, finalbody } | StmtKind::TryStar { body, handlers, orelse, finalbody } => {
            Some(if nonempty(finalbody) {
                finalbody
            } else if nonempty(orelse) {
                orelse
            } else if let Some(h) = handlers.last() {
                &h.body
            } else {
                body
            })
        }
        StmtKind::Match { cases, .. } => cases.last().map(|c| &c.body),
        _ => None,
    }
}

pub(crate) fn is_pattern_kind(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        MATCH_VALUE | MATCH_SINGLETON | MATCH_SEQUENCE | MATCH_MAPPING | MATCH_CLASS | MATCH_STAR | MATCH_AS | MATCH_OR | MATCH_GROUP
    )
}

fn dotted_name(node: &Node<'_>) -> Identifier {
    let mut s = Identifier::default();
    for t in node.children_with_tokens().filter_map(|e| e.into_token()) {
        match t.kind() {
            NAME => s.push_str(&identifier(t.text())),
            DOT => s.push('.'),
            _ => {}
        }
    }
    s
}

fn aug_op(kind: SyntaxKind) -> Option<Operator> {
    Some(match kind {
        PLUSEQ => Operator::Add,
        MINUSEQ => Operator::Sub,
        STAREQ => Operator::Mult,
        SLASHEQ => Operator::Div,
        DSLASHEQ => Operator::FloorDiv,
        PERCENTEQ => Operator::Mod,
        ATEQ => Operator::MatMult,
        AMPEQ => Operator::BitAnd,
        PIPEEQ => Operator::BitOr,
        CARETEQ => Operator::BitXor,
        LSHIFTEQ => Operator::LShift,
        RSHIFTEQ => Operator::RShift,
        DSTAREQ => Operator::Pow,
        _ => return None,
    })
}

/// Where an assignment target appears, for CPython's error messages.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum TargetKind {
    Assign,
    Aug,
    Ann,
    For,
    With,
    Comp,
    Named,
}
