//! The Python 3.11 grammar: statements here, expressions, parameters and
//! patterns in their own files.

mod expr;
mod params;
mod pattern;

use super::{Checkpoint, CompletedMarker, Parser};
use crate::kind::SyntaxKind::{self, *};
use crate::lexer::ErrorKind;

pub(crate) fn file(p: &mut Parser<'_>) {
    let m = p.start();
    while !p.at(EOF) {
        statement(p);
    }
    m.complete(p, SOURCE_FILE);
}

/// One statement (compound, or a line of simple statements). Always consumes
/// at least one token unless at the end of the input.
fn statement(p: &mut Parser<'_>) {
    match p.current() {
        DEF_KW => function_def(p, None),
        CLASS_KW => class_def(p, None),
        AT => decorated(p),
        IF_KW => if_stmt(p),
        WHILE_KW => while_stmt(p),
        FOR_KW => for_stmt(p, None),
        TRY_KW => try_stmt(p),
        WITH_KW => with_stmt(p, None),
        ASYNC_KW => {
            let m = p.start();
            p.bump();
            match p.current() {
                DEF_KW => function_def(p, Some(m)),
                FOR_KW => for_stmt(p, Some(m)),
                WITH_KW => with_stmt(p, Some(m)),
                _ => {
                    p.error_here("invalid syntax");
                    m.complete(p, ERROR);
                    recover_line(p);
                }
            }
        }
        NAME if p.nth_text(0) == "match" && match_stmt(p) => {}
        INDENT => {
            let r = p.current_range();
            let r = line_range_of(p, r);
            p.error_kind_at(ErrorKind::Indentation, r, "unexpected indent");
            // Keep the over-indented statements in the tree, inside an error
            // node, so that nothing is lost.
            let m = p.start();
            p.bump();
            while !p.at(DEDENT) && !p.at(EOF) {
                statement(p);
            }
            p.eat(DEDENT);
            m.complete(p, ERROR);
        }
        DEDENT | NEWLINE | TYPE_COMMENT => {
            p.error_here("invalid syntax");
            p.bump_error();
        }
        _ => simple_stmts(p),
    }
}

/// The range CPython reports for an indentation error: the whole line.
fn line_range_of(p: &Parser<'_>, r: crate::TextRange) -> crate::TextRange {
    let _ = p;
    r
}

/// Skip to the end of the logical line (consuming its NEWLINE), wrapping
/// what was skipped in an ERROR node.
fn recover_line(p: &mut Parser<'_>) {
    let m = p.start();
    let mut any = false;
    while !matches!(p.current(), NEWLINE | EOF) {
        p.bump();
        any = true;
    }
    if any {
        m.complete(p, ERROR);
    } else {
        m.abandon(p);
    }
    p.eat(NEWLINE);
}

/// `simple_stmt (';' simple_stmt)* [';'] NEWLINE`
fn simple_stmts(p: &mut Parser<'_>) {
    let line_start = p.checkpoint();
    loop {
        let before = p.checkpoint();
        simple_stmt(p);
        if p.checkpoint_pos_eq(&before) {
            // Nothing could be parsed: skip the offending token.
            p.error_here("invalid syntax");
            p.bump_error();
        }
        if p.at(SEMI) {
            p.bump();
            if matches!(p.current(), NEWLINE | EOF) {
                break;
            }
            continue;
        }
        break;
    }
    if p.at(TYPE_COMMENT) {
        p.error_here("invalid syntax");
        p.bump_error();
    }
    if !p.eat(NEWLINE) && !p.at(EOF) {
        match p.legacy_call_since(&line_start, expr::starts_expr) {
            // Python 2's `print x` / `exec code`: CPython names the fix.
            Some((range, word)) => {
                p.error_at(range, format!("Missing parentheses in call to '{word}'. Did you mean {word}(...)?"))
            }
            None => p.error_here("invalid syntax"),
        }
        recover_line(p);
    }
}

fn simple_stmt(p: &mut Parser<'_>) {
    let m = p.start();
    let kind = match p.current() {
        PASS_KW => {
            p.bump();
            PASS_STMT
        }
        BREAK_KW => {
            p.bump();
            BREAK_STMT
        }
        CONTINUE_KW => {
            p.bump();
            CONTINUE_STMT
        }
        RETURN_KW => {
            p.bump();
            if expr::at_star_expr_start(p) {
                expr::star_expressions(p);
            }
            RETURN_STMT
        }
        RAISE_KW => {
            p.bump();
            if expr::at_expr_start(p) {
                expr::expression(p);
                if p.eat(FROM_KW) {
                    expr::expect_expression(p);
                }
            }
            RAISE_STMT
        }
        GLOBAL_KW | NONLOCAL_KW => {
            let kind = if p.at(GLOBAL_KW) { GLOBAL_STMT } else { NONLOCAL_STMT };
            p.bump();
            p.expect(NAME);
            while p.eat(COMMA) {
                p.expect(NAME);
            }
            kind
        }
        DEL_KW => {
            p.bump();
            del_targets(p);
            DELETE_STMT
        }
        ASSERT_KW => {
            p.bump();
            expr::expect_expression(p);
            if p.eat(COMMA) {
                expr::expect_expression(p);
            }
            ASSERT_STMT
        }
        IMPORT_KW => {
            p.bump();
            loop {
                import_alias(p, true);
                if !p.eat(COMMA) {
                    break;
                }
            }
            IMPORT_STMT
        }
        FROM_KW => {
            import_from(p);
            IMPORT_FROM_STMT
        }
        _ => {
            m.abandon(p);
            expression_stmt(p);
            return;
        }
    };
    m.complete(p, kind);
}

fn del_targets(p: &mut Parser<'_>) {
    let m = p.start();
    let first = expr::bitwise_or_target(p);
    if first.is_none() {
        p.error_here("invalid syntax");
    }
    if p.at(COMMA) {
        while p.eat(COMMA) {
            if !expr::at_expr_start(p) {
                break;
            }
            expr::bitwise_or_target(p);
        }
        m.complete(p, TUPLE_EXPR);
    } else {
        m.abandon(p);
    }
}

fn dotted_name(p: &mut Parser<'_>) {
    let m = p.start();
    p.expect(NAME);
    while p.at(DOT) {
        p.bump();
        p.expect(NAME);
    }
    m.complete(p, DOTTED_NAME);
}

fn import_alias(p: &mut Parser<'_>, dotted: bool) {
    let m = p.start();
    if dotted {
        dotted_name(p);
    } else {
        p.expect(NAME);
    }
    if p.eat(AS_KW) {
        p.expect(NAME);
    }
    m.complete(p, IMPORT_ALIAS);
}

fn import_from(p: &mut Parser<'_>) {
    p.bump(); // from
    let mut dots = false;
    while matches!(p.current(), DOT | ELLIPSIS) {
        p.bump();
        dots = true;
    }
    if p.at(NAME) {
        dotted_name(p);
    } else if !dots {
        p.error_here("invalid syntax");
    }
    if !p.expect(IMPORT_KW) {
        return;
    }
    if p.eat(STAR) {
        return;
    }
    if p.eat(L_PAREN) {
        loop {
            if p.at(R_PAREN) {
                break;
            }
            import_alias(p, false);
            if !p.eat(COMMA) {
                break;
            }
        }
        p.expect(R_PAREN);
        return;
    }
    loop {
        import_alias(p, false);
        if !p.eat(COMMA) {
            break;
        }
        if matches!(p.current(), NEWLINE | EOF) {
            p.error_here("trailing comma not allowed without surrounding parentheses");
            break;
        }
    }
}

fn is_augassign(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        PLUSEQ
            | MINUSEQ
            | STAREQ
            | SLASHEQ
            | DSLASHEQ
            | PERCENTEQ
            | ATEQ
            | AMPEQ
            | PIPEEQ
            | CARETEQ
            | LSHIFTEQ
            | RSHIFTEQ
            | DSTAREQ
    )
}

/// An expression statement, or an assignment of any kind.
fn expression_stmt(p: &mut Parser<'_>) {
    let outer = p.stmt_expr_start.replace(p.position());
    expression_stmt_inner(p);
    p.stmt_expr_start = outer;
}

fn expression_stmt_inner(p: &mut Parser<'_>) {
    let Some(lhs) = expr::yield_or_star_expressions(p) else {
        return;
    };
    let kind = p.current();
    if kind == COLON {
        let m = lhs.precede(p);
        p.bump();
        expr::expect_expression(p);
        if p.eat(EQ) {
            expr::yield_or_star_expressions(p);
        }
        m.complete(p, ANN_ASSIGN_STMT);
    } else if is_augassign(kind) {
        let m = lhs.precede(p);
        p.bump();
        if expr::yield_or_star_expressions(p).is_none() {
            p.error_here("invalid syntax");
        }
        m.complete(p, AUG_ASSIGN_STMT);
    } else if kind == EQ {
        let m = lhs.precede(p);
        while p.eat(EQ) {
            if expr::yield_or_star_expressions(p).is_none() {
                p.error_here("invalid syntax");
                break;
            }
        }
        if p.at(TYPE_COMMENT) {
            p.bump();
        }
        m.complete(p, ASSIGN_STMT);
    } else {
        let m = lhs.precede(p);
        m.complete(p, EXPR_STMT);
    }
}

/// `star_targets` of `for` and comprehensions: expressions at the
/// `bitwise_or` level (so that `in` is not taken as a comparison).
pub(super) fn target_list(p: &mut Parser<'_>) {
    let m = p.start();
    let first = expr::star_target(p);
    if first.is_none() {
        p.error_here("invalid syntax");
    }
    if p.at(COMMA) {
        while p.eat(COMMA) {
            if !expr::at_star_expr_start(p) {
                break;
            }
            expr::star_target(p);
        }
        m.complete(p, TUPLE_EXPR);
    } else {
        m.abandon(p);
    }
}

/// What the header of a compound statement was, for the message CPython
/// gives when its block is not indented.
struct Header {
    what: &'static str,
    line_start: u32,
}

fn header(p: &Parser<'_>, what: &'static str) -> Header {
    Header {
        what,
        line_start: p.current_range().start().into(),
    }
}

/// `':' block`, with CPython's messages for a missing colon or indentation.
fn colon_block(p: &mut Parser<'_>, h: &Header) {
    if !p.expect_msg(COLON, "expected ':'") {
        recover_line_keep_block(p);
        return;
    }
    block(p, h, false);
}

/// After a broken header: skip to the end of the line and still parse an
/// indented body if one follows, so its statements stay in the tree.
fn recover_line_keep_block(p: &mut Parser<'_>) {
    let m = p.start();
    let mut any = false;
    while !matches!(p.current(), NEWLINE | EOF) {
        p.bump();
        any = true;
    }
    if any {
        m.complete(p, ERROR);
    } else {
        m.abandon(p);
    }
    if p.eat(NEWLINE) && p.at(INDENT) {
        let b = p.start();
        p.bump();
        while !p.at(DEDENT) && !p.at(EOF) {
            statement(p);
        }
        p.eat(DEDENT);
        b.complete(p, BLOCK);
    }
}

fn block(p: &mut Parser<'_>, h: &Header, func: bool) {
    let m = p.start();
    let mut type_comment = false;
    if func && p.at(TYPE_COMMENT) {
        p.bump();
        type_comment = true;
    }
    if p.at(NEWLINE) {
        p.bump();
        if func && p.at(TYPE_COMMENT) {
            p.bump();
            p.eat(NEWLINE);
            if type_comment && p.at(INDENT) {
                // CPython's invalid_double_type_comments, reported where
                // its tokenizer stands: after the indentation.
                let r = p.current_range();
                p.error_at(crate::TextRange::empty(r.end()), "Cannot have two type comments on def");
            }
        }
        if !p.eat(INDENT) {
            let line = line_number(p, h.line_start);
            let r = p.current_range();
            p.error_kind_at(
                ErrorKind::Indentation,
                r,
                format!("expected an indented block after {} on line {line}", h.what),
            );
            m.complete(p, BLOCK);
            return;
        }
        while !p.at(DEDENT) && !p.at(EOF) {
            statement(p);
        }
        p.eat(DEDENT);
    } else if matches!(p.current(), EOF) {
        p.error_here("invalid syntax");
    } else {
        simple_stmts(p);
    }
    m.complete(p, BLOCK);
}

fn line_number(p: &Parser<'_>, offset: u32) -> usize {
    p.line_of(offset)
}

fn decorated(p: &mut Parser<'_>) {
    let m = p.start();
    while p.at(AT) {
        let d = p.start();
        p.bump();
        if expr::named_expression(p).is_none() {
            p.error_here("invalid syntax");
        }
        if !p.eat(NEWLINE) {
            p.error_here("invalid syntax");
            recover_line(p);
        }
        d.complete(p, DECORATOR);
    }
    match p.current() {
        DEF_KW => function_def(p, Some(m)),
        CLASS_KW => class_def(p, Some(m)),
        ASYNC_KW if p.nth_at(1, DEF_KW) => {
            p.bump();
            function_def(p, Some(m));
        }
        _ => {
            p.error_here("invalid syntax");
            m.complete(p, ERROR);
        }
    }
}

fn function_def(p: &mut Parser<'_>, m: Option<super::Marker>) {
    let m = m.unwrap_or_else(|| p.start());
    let h = header(p, "function definition");
    p.bump(); // def
    p.expect(NAME);
    if p.at(L_PAREN) {
        params::parameters(p, true);
    } else {
        p.error_here("invalid syntax");
    }
    if p.at(ARROW) {
        let r = p.start();
        p.bump();
        expr::expect_expression(p);
        r.complete(p, RETURN_ANNOTATION);
    }
    if p.expect_msg(COLON, "expected ':'") {
        block(p, &h, true);
    } else {
        recover_line_keep_block(p);
    }
    m.complete(p, FUNCTION_DEF);
}

fn class_def(p: &mut Parser<'_>, m: Option<super::Marker>) {
    let m = m.unwrap_or_else(|| p.start());
    let h = header(p, "class definition");
    p.bump(); // class
    p.expect(NAME);
    if p.at(L_PAREN) {
        expr::arg_list(p);
    }
    colon_block(p, &h);
    m.complete(p, CLASS_DEF);
}

fn if_stmt(p: &mut Parser<'_>) {
    let m = p.start();
    let h = header(p, "'if' statement");
    p.bump();
    if expr::named_expression(p).is_none() {
        p.error_here("invalid syntax");
    }
    colon_block(p, &h);
    while p.at(ELIF_KW) {
        let e = p.start();
        let h = header(p, "'elif' statement");
        p.bump();
        if expr::named_expression(p).is_none() {
            p.error_here("invalid syntax");
        }
        colon_block(p, &h);
        e.complete(p, ELIF_CLAUSE);
    }
    else_clause(p);
    m.complete(p, IF_STMT);
}

fn else_clause(p: &mut Parser<'_>) {
    if p.at(ELSE_KW) {
        let e = p.start();
        let h = header(p, "'else' statement");
        p.bump();
        colon_block(p, &h);
        e.complete(p, ELSE_CLAUSE);
    }
}

fn while_stmt(p: &mut Parser<'_>) {
    let m = p.start();
    let h = header(p, "'while' statement");
    p.bump();
    if expr::named_expression(p).is_none() {
        p.error_here("invalid syntax");
    }
    colon_block(p, &h);
    else_clause(p);
    m.complete(p, WHILE_STMT);
}

fn for_stmt(p: &mut Parser<'_>, m: Option<super::Marker>) {
    let m = m.unwrap_or_else(|| p.start());
    let h = header(p, "'for' statement");
    p.bump(); // for
    target_list(p);
    if p.expect(IN_KW) && expr::star_expressions(p).is_none() {
        p.error_here("invalid syntax");
    }
    if p.expect_msg(COLON, "expected ':'") {
        if p.at(TYPE_COMMENT) {
            p.bump();
        }
        block(p, &h, false);
    } else {
        recover_line_keep_block(p);
    }
    else_clause(p);
    m.complete(p, FOR_STMT);
}

fn try_stmt(p: &mut Parser<'_>) {
    let m = p.start();
    let h = header(p, "'try' statement");
    p.bump();
    colon_block(p, &h);
    let mut handlers = 0;
    while p.at(EXCEPT_KW) {
        let e = p.start();
        let h = header(p, "'except' statement");
        p.bump();
        let star = p.eat(STAR);
        if !p.at(COLON) {
            if expr::expression(p).is_none() {
                p.error_here("invalid syntax");
            } else if p.at(COMMA) {
                // `except A, B:` — a tuple without parentheses.
                let r = p.current_range();
                p.error_at(r, "multiple exception types must be parenthesized");
                while p.eat(COMMA) {
                    expr::expression(p);
                }
            }
            if p.eat(AS_KW) {
                p.expect(NAME);
            }
        } else if star {
            p.error_here("expected one or more exception types");
        }
        let h = if star { Header { what: "'except*' statement", ..h } } else { h };
        colon_block(p, &h);
        e.complete(p, EXCEPT_CLAUSE);
        handlers += 1;
    }
    if handlers > 0 {
        else_clause(p);
    }
    let mut has_finally = false;
    if p.at(FINALLY_KW) {
        let f = p.start();
        let h = header(p, "'finally' statement");
        p.bump();
        colon_block(p, &h);
        f.complete(p, FINALLY_CLAUSE);
        has_finally = true;
    }
    if handlers == 0 && !has_finally {
        p.error_here("expected 'except' or 'finally' block");
    }
    m.complete(p, TRY_STMT);
}

fn with_stmt(p: &mut Parser<'_>, m: Option<super::Marker>) {
    let m = m.unwrap_or_else(|| p.start());
    let h = header(p, "'with' statement");
    p.bump(); // with
    let mut done = false;
    if p.at(L_PAREN) {
        // Try `with ( item, item, ) :` first, as CPython's grammar does.
        let cp: Checkpoint = p.checkpoint();
        p.bump();
        loop {
            with_item(p);
            if !p.eat(COMMA) || p.at(R_PAREN) {
                break;
            }
        }
        if p.eat(R_PAREN) && p.at(COLON) && !p.errors_since(&cp) {
            done = true;
        } else {
            p.rewind(cp);
        }
    }
    if !done {
        loop {
            with_item(p);
            if !p.eat(COMMA) {
                break;
            }
        }
    }
    if p.expect_msg(COLON, "expected ':'") {
        if !done && p.at(TYPE_COMMENT) {
            p.bump();
        }
        block(p, &h, false);
    } else {
        recover_line_keep_block(p);
    }
    m.complete(p, WITH_STMT);
}

fn with_item(p: &mut Parser<'_>) {
    let m = p.start();
    if expr::expression(p).is_none() {
        p.error_here("invalid syntax");
    }
    if p.eat(AS_KW) && expr::star_target(p).is_none() {
        p.error_here("invalid syntax");
    }
    m.complete(p, WITH_ITEM);
}

/// Try to parse a `match` statement; rewind and return false if this is not
/// one (`match` is a soft keyword: `match = 1` and `match(x)` are fine).
fn match_stmt(p: &mut Parser<'_>) -> bool {
    if matches!(
        p.nth(1),
        EQ | DOT | COMMA | NEWLINE | EOF | SEMI | COLON | R_PAREN | R_BRACK | R_BRACE | IN_KW | IS_KW | AND_KW | OR_KW | IF_KW
    ) || is_augassign(p.nth(1))
    {
        return false;
    }
    let cp = p.checkpoint();
    let m = p.start();
    let h = header(p, "'match' statement");
    p.bump(); // match
    let subject = if p.at(STAR) {
        expr::star_expressions(p)
    } else {
        expr::named_expression(p).map(|first| {
            if p.at(COMMA) {
                let t = first.precede(p);
                while p.eat(COMMA) {
                    if !expr::at_star_expr_start(p) {
                        break;
                    }
                    expr::star_expression(p);
                }
                t.complete(p, TUPLE_EXPR)
            } else {
                first
            }
        })
    };
    if subject.is_none() || !p.at(COLON) || p.errors_since(&cp) {
        p.rewind(cp);
        return false;
    }
    p.bump(); // :
    let b = p.start();
    if !p.eat(NEWLINE) {
        p.error_here("invalid syntax");
    } else if !p.eat(INDENT) {
        let line = line_number(p, h.line_start);
        let r = p.current_range();
        p.error_kind_at(
            ErrorKind::Indentation,
            r,
            format!("expected an indented block after 'match' statement on line {line}"),
        );
        b.complete(p, BLOCK);
        m.complete(p, MATCH_STMT);
        return true;
    }
    while !p.at(DEDENT) && !p.at(EOF) {
        if p.at_name("case") {
            case_clause(p);
        } else {
            p.error_here("invalid syntax");
            statement(p);
        }
    }
    p.eat(DEDENT);
    b.complete(p, BLOCK);
    m.complete(p, MATCH_STMT);
    true
}

fn case_clause(p: &mut Parser<'_>) {
    let m = p.start();
    let h = header(p, "'case' statement");
    p.bump(); // case
    pattern::patterns(p);
    if p.at(IF_KW) {
        let g = p.start();
        p.bump();
        if expr::named_expression(p).is_none() {
            p.error_here("invalid syntax");
        }
        g.complete(p, GUARD);
    }
    colon_block(p, &h);
    m.complete(p, CASE_CLAUSE);
}

impl CompletedMarker {
    #[allow(dead_code)]
    fn is(&self, kind: SyntaxKind) -> bool {
        self.kind() == kind
    }
}
