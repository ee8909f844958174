//! Patterns of `case` clauses (PEP 634).

use super::*;

/// `patterns: open_sequence_pattern | pattern` — a comma makes an
/// unparenthesized sequence pattern.
pub(crate) fn patterns(p: &mut Parser<'_>) {
    let m = p.start();
    let first = pattern(p);
    if !p.at(COMMA) {
        m.abandon(p);
        if !first {
            p.error_here("invalid syntax");
        }
        return;
    }
    while p.eat(COMMA) {
        if !at_pattern_start(p) {
            break;
        }
        pattern(p);
    }
    m.complete(p, MATCH_SEQUENCE);
}

fn at_pattern_start(p: &mut Parser<'_>) -> bool {
    matches!(
        p.current(),
        NAME | NUMBER | STRING | FSTRING_START | MINUS | L_PAREN | L_BRACK | L_BRACE | NONE_KW | TRUE_KW | FALSE_KW | STAR
    )
}

/// `as_pattern | or_pattern` (a star pattern is accepted here too and
/// rejected later where it is not allowed). Returns false if nothing parsed.
pub(crate) fn pattern(p: &mut Parser<'_>) -> bool {
    if p.at(STAR) {
        let m = p.start();
        p.bump();
        p.expect(NAME);
        m.complete(p, MATCH_STAR);
        return true;
    }
    let m = p.start();
    if !or_pattern(p) {
        m.abandon(p);
        return false;
    }
    if p.at(AS_KW) {
        p.bump();
        p.expect(NAME);
        m.complete(p, MATCH_AS);
    } else {
        m.abandon(p);
    }
    true
}

fn or_pattern(p: &mut Parser<'_>) -> bool {
    let m = p.start();
    if !closed_pattern(p) {
        m.abandon(p);
        return false;
    }
    if !p.at(PIPE) {
        m.abandon(p);
        return true;
    }
    while p.eat(PIPE) {
        if !closed_pattern(p) {
            p.error_here("invalid syntax");
            break;
        }
    }
    m.complete(p, MATCH_OR);
    true
}

fn closed_pattern(p: &mut Parser<'_>) -> bool {
    match p.current() {
        NONE_KW | TRUE_KW | FALSE_KW => {
            let m = p.start();
            let l = p.start();
            p.bump();
            l.complete(p, LITERAL);
            m.complete(p, MATCH_SINGLETON);
        }
        NUMBER | MINUS => {
            let m = p.start();
            signed_number(p);
            m.complete(p, MATCH_VALUE);
        }
        STRING | FSTRING_START => {
            let m = p.start();
            expr::strings(p);
            m.complete(p, MATCH_VALUE);
        }
        NAME => name_or_class_pattern(p),
        L_PAREN => {
            let m = p.start();
            p.bump();
            if p.eat(R_PAREN) {
                m.complete(p, MATCH_SEQUENCE);
                return true;
            }
            pattern(p);
            let kind = if p.at(COMMA) {
                while p.eat(COMMA) {
                    if !at_pattern_start(p) {
                        break;
                    }
                    pattern(p);
                }
                MATCH_SEQUENCE
            } else {
                MATCH_GROUP
            };
            p.expect(R_PAREN);
            m.complete(p, kind);
        }
        L_BRACK => {
            let m = p.start();
            p.bump();
            while !p.at(R_BRACK) && at_pattern_start(p) {
                pattern(p);
                if !p.eat(COMMA) {
                    break;
                }
            }
            p.expect(R_BRACK);
            m.complete(p, MATCH_SEQUENCE);
        }
        L_BRACE => mapping_pattern(p),
        _ => return false,
    }
    true
}

/// A number, optionally negated, optionally `+`/`-` an imaginary number.
fn signed_number(p: &mut Parser<'_>) {
    let m = p.start();
    let lit = if p.at(MINUS) {
        let u = p.start();
        p.bump();
        let l = p.start();
        p.expect(NUMBER);
        l.complete(p, LITERAL);
        u.complete(p, UNARY_EXPR)
    } else {
        let l = p.start();
        p.bump();
        l.complete(p, LITERAL)
    };
    if matches!(p.current(), PLUS | MINUS) {
        let b = lit.precede(p);
        p.bump();
        let l = p.start();
        p.expect(NUMBER);
        l.complete(p, LITERAL);
        b.complete(p, BIN_EXPR);
    }
    m.abandon(p);
}

/// A capture (`x`), wildcard (`_`), value (`a.b`) or class (`a.B(...)`)
/// pattern.
fn name_or_class_pattern(p: &mut Parser<'_>) {
    let m = p.start();
    let n = p.start();
    p.bump();
    let mut e = n.complete(p, NAME_EXPR);
    let mut dotted = false;
    while p.at(DOT) {
        let a = e.precede(p);
        p.bump();
        p.expect(NAME);
        e = a.complete(p, ATTRIBUTE_EXPR);
        dotted = true;
    }
    if p.at(L_PAREN) {
        class_args(p);
        m.complete(p, MATCH_CLASS);
    } else if dotted {
        m.complete(p, MATCH_VALUE);
    } else {
        m.complete(p, MATCH_AS);
    }
}

fn class_args(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump(); // (
    while !p.at(R_PAREN) && !p.at(EOF) {
        if p.at(NAME) && p.nth_at(1, EQ) {
            let k = p.start();
            p.bump();
            p.bump();
            if !pattern(p) {
                p.error_here("invalid syntax");
            }
            k.complete(p, MATCH_KEYWORD);
        } else if !pattern(p) {
            p.error_here("invalid syntax");
            break;
        }
        if !p.eat(COMMA) {
            break;
        }
    }
    p.expect(R_PAREN);
    m.complete(p, PATTERN_ARGS);
}

fn mapping_pattern(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump(); // {
    while !p.at(R_BRACE) && !p.at(EOF) {
        if p.at(DSTAR) {
            let r = p.start();
            p.bump();
            p.expect(NAME);
            r.complete(p, MATCH_DSTAR);
        } else {
            let kv = p.start();
            match p.current() {
                NONE_KW | TRUE_KW | FALSE_KW => {
                    let l = p.start();
                    p.bump();
                    l.complete(p, LITERAL);
                }
                NUMBER | MINUS => signed_number(p),
                STRING | FSTRING_START => {
                    expr::strings(p);
                }
                NAME => {
                    let n = p.start();
                    p.bump();
                    let mut e = n.complete(p, NAME_EXPR);
                    while p.at(DOT) {
                        let a = e.precede(p);
                        p.bump();
                        p.expect(NAME);
                        e = a.complete(p, ATTRIBUTE_EXPR);
                    }
                }
                _ => {
                    p.error_here("invalid syntax");
                    kv.abandon(p);
                    break;
                }
            }
            p.expect(COLON);
            if !pattern(p) {
                p.error_here("invalid syntax");
            }
            kv.complete(p, MATCH_KEY_VALUE);
        }
        if !p.eat(COMMA) {
            break;
        }
    }
    p.expect(R_BRACE);
    m.complete(p, MATCH_MAPPING);
}
