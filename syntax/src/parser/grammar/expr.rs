//! Expressions: a function per precedence level of Python's grammar for the
//! boolean and comparison levels, and a Pratt loop for the binary operators.

use super::*;

/// Can this token start an expression?
pub(crate) fn at_expr_start(p: &mut Parser<'_>) -> bool {
    starts_expr(p.current())
}

/// Can a token of this kind start an expression?
pub(crate) fn starts_expr(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        NAME | NUMBER
            | STRING
            | FSTRING_START
            | L_PAREN
            | L_BRACK
            | L_BRACE
            | MINUS
            | PLUS
            | TILDE
            | NOT_KW
            | LAMBDA_KW
            | AWAIT_KW
            | NONE_KW
            | TRUE_KW
            | FALSE_KW
            | ELLIPSIS
    )
}

/// `star_expressions`: one or more (possibly starred) expressions; a comma
/// makes a tuple. With `allow_yield`, a yield expression is accepted too.
pub(crate) fn star_expressions(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    let first = star_expression(p)?;
    if !p.at(COMMA) {
        return Some(first);
    }
    let m = first.precede(p);
    while p.eat(COMMA) {
        if !at_star_expr_start(p) {
            break;
        }
        star_expression(p);
    }
    Some(m.complete(p, TUPLE_EXPR))
}

pub(crate) fn at_star_expr_start(p: &mut Parser<'_>) -> bool {
    p.at(STAR) || at_expr_start(p)
}

/// `yield_expr | star_expressions`, the right-hand side of assignments.
pub(crate) fn yield_or_star_expressions(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    if p.at(YIELD_KW) {
        Some(yield_expr(p))
    } else {
        star_expressions(p)
    }
}

pub(crate) fn yield_expr(p: &mut Parser<'_>) -> CompletedMarker {
    let m = p.start();
    p.bump(); // yield
    if p.eat(FROM_KW) {
        expect_expression(p);
    } else if at_star_expr_start(p) {
        star_expressions(p);
    }
    m.complete(p, YIELD_EXPR)
}

/// `'*' bitwise_or | named_expression`
pub(crate) fn star_expression(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    if p.at(STAR) {
        let m = p.start();
        p.bump();
        if bitwise_or(p).is_none() {
            p.error_here("invalid syntax");
        }
        Some(m.complete(p, STARRED_EXPR))
    } else {
        named_expression(p)
    }
}

/// `NAME ':=' expression | expression`
pub(crate) fn named_expression(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    let lhs = expression(p)?;
    if p.at(COLONEQ) {
        // An unparenthesized `:=` is no statement (`x := 1`).
        if lhs.kind() != NAME_EXPR || p.at_statement_level() {
            let r = p.current_range();
            p.error_at(r, "invalid syntax");
        }
        let m = lhs.precede(p);
        p.bump();
        expect_expression(p);
        return Some(m.complete(p, NAMED_EXPR));
    }
    Some(lhs)
}

pub(crate) fn expect_expression(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    let r = expression(p);
    if r.is_none() {
        p.error_here("invalid syntax");
    }
    r
}

/// `disjunction ['if' disjunction 'else' expression] | lambdef`
pub(crate) fn expression(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    if p.at(LAMBDA_KW) {
        return Some(lambda(p, true));
    }
    let body = disjunction(p)?;
    if p.at(IF_KW) {
        let m = body.precede(p);
        p.bump();
        if disjunction(p).is_none() {
            p.error_here("invalid syntax");
        }
        if p.expect_msg(ELSE_KW, "expected 'else' after 'if' expression") {
            expect_expression(p);
        }
        return Some(m.complete(p, IF_EXPR));
    }
    Some(body)
}

/// An expression that may not contain an unparenthesized conditional or
/// lambda (comprehension conditions and iterables).
pub(crate) fn lambda(p: &mut Parser<'_>, allow_cond: bool) -> CompletedMarker {
    let m = p.start();
    p.bump(); // lambda
    if !p.at(COLON) {
        super::params::parameters(p, false);
    }
    p.expect_msg(COLON, "expected ':'");
    if allow_cond {
        expect_expression(p);
    } else if p.at(LAMBDA_KW) {
        lambda(p, false);
    } else if disjunction(p).is_none() {
        p.error_here("invalid syntax");
    }
    m.complete(p, LAMBDA_EXPR)
}

pub(crate) fn disjunction(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    let mut lhs = conjunction(p)?;
    while p.at(OR_KW) {
        let m = lhs.precede(p);
        p.bump();
        if conjunction(p).is_none() {
            p.error_here("invalid syntax");
        }
        lhs = m.complete(p, BOOL_EXPR);
    }
    Some(lhs)
}

fn conjunction(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    let mut lhs = inversion(p)?;
    while p.at(AND_KW) {
        let m = lhs.precede(p);
        p.bump();
        if inversion(p).is_none() {
            p.error_here("invalid syntax");
        }
        lhs = m.complete(p, BOOL_EXPR);
    }
    Some(lhs)
}

fn inversion(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    if p.at(NOT_KW) {
        let m = p.start();
        p.bump();
        if inversion(p).is_none() {
            p.error_here("invalid syntax");
        }
        return Some(m.complete(p, NOT_EXPR));
    }
    comparison(p)
}

/// The number of tokens of the comparison operator here (0 if none).
fn at_compare_op(p: &mut Parser<'_>) -> usize {
    match p.current() {
        LT | GT | LE | GE | EQEQ | NE | IN_KW => 1,
        IS_KW => {
            if p.nth_at(1, NOT_KW) {
                2
            } else {
                1
            }
        }
        NOT_KW if p.nth_at(1, IN_KW) => 2,
        _ => 0,
    }
}

fn comparison(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    let lhs = bitwise_or(p)?;
    let n = at_compare_op(p);
    if n == 0 {
        return Some(lhs);
    }
    let m = lhs.precede(p);
    loop {
        let n = at_compare_op(p);
        if n == 0 {
            break;
        }
        for _ in 0..n {
            p.bump();
        }
        if bitwise_or(p).is_none() {
            p.error_here("invalid syntax");
            break;
        }
    }
    Some(m.complete(p, COMPARE_EXPR))
}

fn infix_bp(kind: SyntaxKind) -> u8 {
    match kind {
        PIPE => 1,
        CARET => 2,
        AMP => 3,
        LSHIFT | RSHIFT => 4,
        PLUS | MINUS => 5,
        STAR | SLASH | DSLASH | PERCENT | AT => 6,
        _ => 0,
    }
}

/// `bitwise_or` and everything below it down to `factor`.
pub(crate) fn bitwise_or(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    binary(p, 0)
}

fn binary(p: &mut Parser<'_>, min_bp: u8) -> Option<CompletedMarker> {
    let mut lhs = factor(p)?;
    loop {
        let bp = infix_bp(p.current());
        if bp == 0 || bp <= min_bp {
            break;
        }
        let m = lhs.precede(p);
        p.bump();
        if binary(p, bp).is_none() {
            p.error_here("invalid syntax");
        }
        lhs = m.complete(p, BIN_EXPR);
    }
    Some(lhs)
}

fn factor(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    if matches!(p.current(), PLUS | MINUS | TILDE) {
        let m = p.start();
        p.bump();
        if factor(p).is_none() {
            p.error_here("invalid syntax");
        }
        return Some(m.complete(p, UNARY_EXPR));
    }
    power(p)
}

fn power(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    let lhs = await_primary(p)?;
    if p.at(DSTAR) {
        let m = lhs.precede(p);
        p.bump();
        if factor(p).is_none() {
            p.error_here("invalid syntax");
        }
        return Some(m.complete(p, BIN_EXPR));
    }
    Some(lhs)
}

fn await_primary(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    if p.at(AWAIT_KW) {
        let m = p.start();
        p.bump();
        if primary(p).is_none() {
            p.error_here("invalid syntax");
        }
        return Some(m.complete(p, AWAIT_EXPR));
    }
    primary(p)
}

/// An atom followed by any number of `.name`, `(args)` and `[slices]`.
pub(crate) fn primary(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    let mut lhs = atom(p)?;
    loop {
        match p.current() {
            DOT => {
                let m = lhs.precede(p);
                p.bump();
                if !p.eat(NAME) {
                    p.error_here("invalid syntax");
                }
                lhs = m.complete(p, ATTRIBUTE_EXPR);
            }
            L_PAREN => {
                let m = lhs.precede(p);
                arg_list(p);
                lhs = m.complete(p, CALL_EXPR);
            }
            L_BRACK => {
                let m = lhs.precede(p);
                p.bump();
                slices(p);
                p.expect(R_BRACK);
                lhs = m.complete(p, SUBSCRIPT_EXPR);
            }
            _ => break,
        }
    }
    Some(lhs)
}

/// The inside of `[...]` after a primary: one slice, or several making a
/// tuple.
fn slices(p: &mut Parser<'_>) {
    let first = slice(p);
    if !p.at(COMMA) {
        match first {
            None => p.error_here("invalid syntax"),
            // `a[*b]` subscripts with a one-element tuple.
            Some(f) if f.kind() == STARRED_EXPR => {
                let m = f.precede(p);
                m.complete(p, TUPLE_EXPR);
            }
            Some(_) => {}
        }
        return;
    }
    let m = match first {
        Some(f) => f.precede(p),
        None => {
            p.error_here("invalid syntax");
            return;
        }
    };
    while p.eat(COMMA) {
        if p.at(R_BRACK) {
            break;
        }
        if slice(p).is_none() {
            p.error_here("invalid syntax");
            break;
        }
    }
    m.complete(p, TUPLE_EXPR);
}

fn slice(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    if p.at(STAR) {
        return star_expression(p);
    }
    let m = p.start();
    let lower = if p.at(COLON) { None } else { named_expression(p) };
    if !p.at(COLON) {
        m.abandon(p);
        return lower;
    }
    p.bump(); // :
    if !matches!(p.current(), COLON | COMMA | R_BRACK) {
        expect_expression(p);
    }
    if p.eat(COLON) && !matches!(p.current(), COMMA | R_BRACK) {
        expect_expression(p);
    }
    Some(m.complete(p, SLICE_EXPR))
}

/// `( args )` of a call or a class definition.
pub(crate) fn arg_list(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump(); // (
    while !p.at(R_PAREN) && !p.at(EOF) {
        if !argument(p) {
            break;
        }
        if !p.eat(COMMA) {
            break;
        }
    }
    if !p.eat(R_PAREN) {
        p.error_here("invalid syntax");
        recover_to_close(p, R_PAREN);
    }
    m.complete(p, ARG_LIST);
}

/// Skip tokens up to and including `close`, but not past a NEWLINE outside
/// brackets (where the lexer has told us the bracket was never closed).
fn recover_to_close(p: &mut Parser<'_>, close: SyntaxKind) {
    let m = p.start();
    let mut depth = 0u32;
    let mut any = false;
    loop {
        match p.current() {
            EOF | NEWLINE | INDENT | DEDENT => break,
            L_PAREN | L_BRACK | L_BRACE => depth += 1,
            k @ (R_PAREN | R_BRACK | R_BRACE) => {
                if depth == 0 {
                    if k == close {
                        p.bump();
                        any = true;
                    }
                    break;
                }
                depth -= 1;
            }
            _ => {}
        }
        p.bump();
        any = true;
    }
    if any {
        m.complete(p, ERROR);
    } else {
        m.abandon(p);
    }
}

/// One call argument. Returns false if nothing could be parsed.
fn argument(p: &mut Parser<'_>) -> bool {
    match p.current() {
        STAR => {
            // In call arguments, `*` takes a whole expression (`*a or b`).
            let m = p.start();
            p.bump();
            expect_expression(p);
            m.complete(p, STARRED_EXPR);
        }
        DSTAR => {
            let m = p.start();
            p.bump();
            expect_expression(p);
            m.complete(p, DSTAR_ARG);
        }
        NAME if p.nth_at(1, EQ) => {
            let m = p.start();
            p.bump();
            p.bump();
            expect_expression(p);
            m.complete(p, KEYWORD_ARG);
        }
        _ => {
            let Some(e) = named_expression(p) else {
                p.error_here("invalid syntax");
                return false;
            };
            if p.at(FOR_KW) || (p.at(ASYNC_KW) && p.nth_at(1, FOR_KW)) {
                let m = e.precede(p);
                comp_clauses(p);
                m.complete(p, GENERATOR_EXPR);
            } else if p.at(EQ) {
                // `f(a.b=1)`, `f(x+1=2)`: CPython's message.
                let r = p.current_range();
                p.error_at(r, "expression cannot contain assignment, perhaps you meant \"==\"?");
                p.bump();
                expression(p);
            }
        }
    }
    true
}

/// `for ... in ... [if ...]*` clauses, one or more.
pub(crate) fn comp_clauses(p: &mut Parser<'_>) {
    while p.at(FOR_KW) || (p.at(ASYNC_KW) && p.nth_at(1, FOR_KW)) {
        let m = p.start();
        p.eat(ASYNC_KW);
        p.bump(); // for
        super::target_list(p);
        if p.expect(IN_KW) && disjunction(p).is_none() {
            p.error_here("invalid syntax");
        }
        while p.at(IF_KW) {
            let c = p.start();
            p.bump();
            if disjunction(p).is_none() {
                p.error_here("invalid syntax");
            }
            c.complete(p, COMP_IF);
        }
        m.complete(p, COMP_FOR);
    }
}

fn at_comp_for(p: &mut Parser<'_>) -> bool {
    p.at(FOR_KW) || (p.at(ASYNC_KW) && p.nth_at(1, FOR_KW))
}

pub(crate) fn atom(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    let cm = match p.current() {
        NAME => {
            let m = p.start();
            p.bump();
            m.complete(p, NAME_EXPR)
        }
        NUMBER | NONE_KW | TRUE_KW | FALSE_KW | ELLIPSIS => {
            let m = p.start();
            p.bump();
            m.complete(p, LITERAL)
        }
        STRING | FSTRING_START => strings(p),
        L_PAREN => paren(p),
        L_BRACK => list(p),
        L_BRACE => brace(p),
        _ => return None,
    };
    Some(cm)
}

/// One or more adjacent string literals.
pub(crate) fn strings(p: &mut Parser<'_>) -> CompletedMarker {
    let m = p.start();
    loop {
        match p.current() {
            STRING => p.bump(),
            FSTRING_START => fstring(p),
            _ => break,
        }
    }
    m.complete(p, STRING_EXPR)
}

fn fstring(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump(); // FSTRING_START
    fstring_parts(p);
    p.expect(FSTRING_END);
    m.complete(p, FSTRING);
}

fn fstring_parts(p: &mut Parser<'_>) {
    loop {
        match p.current() {
            FSTRING_MIDDLE => p.bump(),
            L_BRACE => fstring_field(p),
            _ => break,
        }
    }
}

fn fstring_field(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump(); // {
    if matches!(p.current(), R_BRACE | BANG | COLON | EQ) {
        p.error_here("f-string: empty expression not allowed");
    } else if p.at(YIELD_KW) {
        yield_expr(p);
    } else if star_expressions(p).is_none() {
        p.error_here("f-string: invalid expression");
    }
    p.eat(EQ);
    if p.eat(BANG) && !p.eat(NAME) {
        p.error_here("f-string: invalid conversion character: expected 's', 'r', or 'a'");
    }
    if p.at(COLON) {
        let s = p.start();
        p.bump();
        fstring_parts(p);
        s.complete(p, FORMAT_SPEC);
    }
    if !p.eat(R_BRACE) {
        p.error_here("f-string: expecting '}'");
        // Skip whatever is left of the field.
        while !matches!(p.current(), R_BRACE | FSTRING_END | FSTRING_MIDDLE | EOF | NEWLINE) {
            p.bump();
        }
        p.eat(R_BRACE);
    }
    m.complete(p, FSTRING_FIELD);
}

/// `( ... )`: a parenthesized expression, a tuple, a generator expression
/// or a parenthesized yield.
fn paren(p: &mut Parser<'_>) -> CompletedMarker {
    let m = p.start();
    p.bump(); // (
    if p.eat(R_PAREN) {
        return m.complete(p, TUPLE_EXPR);
    }
    if p.at(YIELD_KW) {
        yield_expr(p);
        if !p.eat(R_PAREN) {
            p.error_here("invalid syntax");
            recover_to_close(p, R_PAREN);
        }
        return m.complete(p, PAREN_EXPR);
    }
    let first = star_expression(p);
    let kind = if first.is_some() && at_comp_for(p) {
        comp_clauses(p);
        GENERATOR_EXPR
    } else if p.at(COMMA) {
        while p.eat(COMMA) {
            if !at_star_expr_start(p) {
                break;
            }
            star_expression(p);
        }
        TUPLE_EXPR
    } else {
        if first.is_none() {
            p.error_here("invalid syntax");
        }
        PAREN_EXPR
    };
    if !p.eat(R_PAREN) {
        p.error_here("invalid syntax");
        recover_to_close(p, R_PAREN);
    }
    m.complete(p, kind)
}

fn list(p: &mut Parser<'_>) -> CompletedMarker {
    let m = p.start();
    p.bump(); // [
    let mut kind = LIST_EXPR;
    if !p.at(R_BRACK) {
        let first = star_expression(p);
        if first.is_some() && at_comp_for(p) {
            comp_clauses(p);
            kind = LIST_COMP;
        } else {
            if first.is_none() {
                p.error_here("invalid syntax");
            }
            while p.eat(COMMA) {
                if !at_star_expr_start(p) {
                    break;
                }
                star_expression(p);
            }
        }
    }
    if !p.eat(R_BRACK) {
        p.error_here("invalid syntax");
        recover_to_close(p, R_BRACK);
    }
    m.complete(p, kind)
}

/// `{ ... }`: dict or set display or comprehension.
fn brace(p: &mut Parser<'_>) -> CompletedMarker {
    let m = p.start();
    p.bump(); // {
    if p.eat(R_BRACE) {
        return m.complete(p, DICT_EXPR);
    }
    let kind;
    if p.at(DSTAR) || dict_item_ahead(p) {
        // A dict display or comprehension.
        let first_is_item = !p.at(DSTAR);
        dict_entry(p);
        if first_is_item && at_comp_for(p) {
            comp_clauses(p);
            kind = DICT_COMP;
        } else {
            while p.eat(COMMA) {
                if p.at(R_BRACE) || p.at(EOF) {
                    break;
                }
                dict_entry(p);
            }
            kind = DICT_EXPR;
        }
    } else {
        let first = star_expression(p);
        if first.is_some() && at_comp_for(p) {
            comp_clauses(p);
            kind = SET_COMP;
        } else {
            if first.is_none() {
                p.error_here("invalid syntax");
            }
            while p.eat(COMMA) {
                if !at_star_expr_start(p) {
                    break;
                }
                star_expression(p);
            }
            kind = SET_EXPR;
        }
    }
    if !p.eat(R_BRACE) {
        p.error_here("invalid syntax");
        recover_to_close(p, R_BRACE);
    }
    m.complete(p, kind)
}

/// Is the first entry of a brace display a `key: value` pair? Decided by
/// parsing the key and looking for `:` without keeping anything.
fn dict_item_ahead(p: &mut Parser<'_>) -> bool {
    let cp = p.checkpoint();
    let ok = expression(p).is_some() && p.at(COLON);
    p.rewind(cp);
    ok
}

fn dict_entry(p: &mut Parser<'_>) {
    if p.at(DSTAR) {
        let m = p.start();
        p.bump();
        if bitwise_or(p).is_none() {
            p.error_here("invalid syntax");
        }
        m.complete(p, DICT_UNPACK);
        return;
    }
    let m = p.start();
    if expression(p).is_none() {
        p.error_here("invalid syntax");
    }
    if p.expect_msg(COLON, "':' expected after dictionary key") {
        if expression(p).is_none() {
            p.error_here("expression expected after dictionary key and ':'");
        }
    }
    m.complete(p, DICT_ITEM);
}

/// A target of `for`, a comprehension or `with ... as`: `'*'? bitwise_or`.
pub(crate) fn star_target(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    if p.at(STAR) {
        let m = p.start();
        p.bump();
        if bitwise_or(p).is_none() {
            p.error_here("invalid syntax");
        }
        return Some(m.complete(p, STARRED_EXPR));
    }
    bitwise_or(p)
}

/// A `del` target.
pub(crate) fn bitwise_or_target(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    bitwise_or(p)
}
