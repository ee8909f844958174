//! Parameter lists of `def` (in parentheses, with annotations) and `lambda`
//! (up to the `:`, without annotations).

use super::*;

/// Parse parameters. For a `def` the current token is `(`; for a lambda the
/// list runs up to the `:`.
pub(crate) fn parameters(p: &mut Parser<'_>, is_def: bool) {
    let m = p.start();
    let close = if is_def { R_PAREN } else { COLON };
    if is_def {
        p.bump(); // (
    }
    while !p.at(close) && !p.at(EOF) {
        match p.current() {
            SLASH => p.bump(),
            STAR if !matches!(p.nth(1), NAME) => p.bump(),
            STAR | DSTAR | NAME => param(p, is_def),
            _ => {
                p.error_here("invalid syntax");
                break;
            }
        }
        if !p.eat(COMMA) {
            if is_def && p.at(TYPE_COMMENT) {
                p.bump();
            }
            break;
        }
        if is_def && p.at(TYPE_COMMENT) {
            p.bump();
        }
    }
    if is_def && !p.eat(R_PAREN) {
        p.error_here("invalid syntax");
        while !matches!(p.current(), R_PAREN | COLON | NEWLINE | EOF) {
            p.bump();
        }
        p.eat(R_PAREN);
    }
    m.complete(p, PARAMETERS);
}

fn param(p: &mut Parser<'_>, is_def: bool) {
    let m = p.start();
    let starred = p.eat(STAR) || p.eat(DSTAR);
    p.expect(NAME);
    if is_def && p.eat(COLON) {
        if starred && p.at(STAR) {
            // `*args: *Ts` is 3.11 syntax (PEP 646).
            expr::star_expression(p);
        } else {
            expr::expect_expression(p);
        }
    }
    if p.eat(EQ) {
        expr::expect_expression(p);
    }
    m.complete(p, PARAM);
}
