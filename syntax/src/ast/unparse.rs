//! CPython 3.11's `Python/ast_unparse.c`: an expression back to source
//! text, as the compiler stores annotations under `from __future__ import
//! annotations` (`_PyAST_ExprAsUnicode`). Not `ast.unparse` (the Python
//! one), which differs in places (`lambda*a: 0`, `(yield)`, ...).

use super::nodes::*;
use super::repr::{write_constant_repr, write_str_repr};

// Precedence levels (ast_unparse.c's PR_*).
const PR_TUPLE: u8 = 0;
const PR_TEST: u8 = 1;
const PR_OR: u8 = 2;
const PR_AND: u8 = 3;
const PR_NOT: u8 = 4;
const PR_CMP: u8 = 5;
const PR_EXPR: u8 = 6;
const PR_BOR: u8 = PR_EXPR;
const PR_BXOR: u8 = 7;
const PR_BAND: u8 = 8;
const PR_SHIFT: u8 = 9;
const PR_ARITH: u8 = 10;
const PR_TERM: u8 = 11;
const PR_FACTOR: u8 = 12;
const PR_POWER: u8 = 13;
const PR_AWAIT: u8 = 14;
const PR_ATOM: u8 = 15;

/// The text of `e` (`_PyAST_ExprAsUnicode`).
pub fn expr_as_str(e: &Expr) -> PyStr {
    let mut w = W { out: Vec::new() };
    w.expr(e, PR_TEST);
    PyStr::from_code_points(w.out)
}

struct W {
    out: Vec<u32>,
}

impl W {
    fn s(&mut self, s: &str) {
        self.out.extend(s.chars().map(|c| c as u32));
    }

    fn s_if(&mut self, cond: bool, s: &str) {
        if cond {
            self.s(s);
        }
    }

    /// `repr()` of a constant, with `inf` spelled `1e309` in floats and
    /// complex numbers.
    fn repr(&mut self, c: &Constant) {
        let mut r = String::new();
        write_constant_repr(&mut r, c);
        let r = match c {
            Constant::Float(f) if f.is_infinite() => r.replace("inf", "1e309"),
            Constant::Complex { .. } => r.replace("inf", "1e309"),
            _ => r,
        };
        self.s(&r);
    }

    fn constant(&mut self, c: &Constant) {
        match c {
            Constant::Tuple(items) => {
                self.s("(");
                for (i, x) in items.iter().enumerate() {
                    self.s_if(i > 0, ", ");
                    self.constant(x);
                }
                self.s_if(items.len() == 1, ",");
                self.s(")");
            }
            // `repr` of a str may hold lone surrogates.
            Constant::Str(s) => {
                let mut r = String::new();
                write_str_repr(&mut r, s);
                self.s(&r);
            }
            _ => self.repr(c),
        }
    }

    fn exprs(&mut self, v: &[Expr], sep: &str, level: u8) {
        for (i, e) in v.iter().enumerate() {
            self.s_if(i > 0, sep);
            self.expr(e, level);
        }
    }

    fn arg(&mut self, a: &Arg) {
        self.s(&a.arg);
        if let Some(ann) = &a.annotation {
            self.s(": ");
            self.expr(ann, PR_TEST);
        }
    }

    fn args(&mut self, a: &Arguments) {
        let mut first = true;
        let mut sep = |w: &mut W| {
            if first {
                first = false;
            } else {
                w.s(", ");
            }
        };
        let npos = a.posonlyargs.len();
        let n = npos + a.args.len();
        let ndef = a.defaults.len() as isize;
        for i in 0..n {
            sep(self);
            if i < npos {
                self.arg(&a.posonlyargs[i]);
            } else {
                self.arg(&a.args[i - npos]);
            }
            let di = i as isize - n as isize + ndef;
            if di >= 0 {
                self.s("=");
                self.expr(&a.defaults[di as usize], PR_TEST);
            }
            if npos > 0 && i + 1 == npos {
                self.s(", /");
            }
        }
        if a.vararg.is_some() || !a.kwonlyargs.is_empty() {
            sep(self);
            self.s("*");
            if let Some(v) = &a.vararg {
                self.arg(v);
            }
        }
        let nkw = a.kwonlyargs.len() as isize;
        let nkwd = a.kw_defaults.len() as isize;
        for (i, k) in a.kwonlyargs.iter().enumerate() {
            sep(self);
            self.arg(k);
            let di = i as isize - nkw + nkwd;
            if di >= 0 {
                if let Some(Some(d)) = a.kw_defaults.get(di as usize) {
                    self.s("=");
                    self.expr(d, PR_TEST);
                }
            }
        }
        if let Some(k) = &a.kwarg {
            sep(self);
            self.s("**");
            self.arg(k);
        }
    }

    fn comprehensions(&mut self, gens: &[Comprehension]) {
        for g in gens {
            self.s(if g.is_async { " async for " } else { " for " });
            self.expr(&g.target, PR_TUPLE);
            self.s(" in ");
            self.expr(&g.iter, PR_TEST + 1);
            for i in &g.ifs {
                self.s(" if ");
                self.expr(i, PR_TEST + 1);
            }
        }
    }

    fn genexp(&mut self, elt: &Expr, gens: &[Comprehension]) {
        self.s("(");
        self.expr(elt, PR_TEST);
        self.comprehensions(gens);
        self.s(")");
    }

    /// The body of an f-string (or of a format spec), braces doubled.
    fn fstring_body(&mut self, values: &[Expr]) {
        for v in values {
            self.fstring_element(v);
        }
    }

    fn fstring_element(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Constant { value: Constant::Str(s), .. } => {
                for c in s.code_points() {
                    if c == '{' as u32 || c == '}' as u32 {
                        self.out.push(c);
                    }
                    self.out.push(c);
                }
            }
            ExprKind::JoinedStr { values } => self.fstring_body(values),
            ExprKind::FormattedValue { .. } => self.formatted_value(e),
            _ => {}
        }
    }

    fn formatted_value(&mut self, e: &Expr) {
        let ExprKind::FormattedValue { value, conversion, format_spec } = &e.kind else { return };
        let mut inner = W { out: Vec::new() };
        inner.expr(value, PR_TEST + 1);
        // An expression starting with a brace is split from the outer one.
        self.s(if inner.out.first() == Some(&('{' as u32)) { "{ " } else { "{" });
        self.out.extend(inner.out);
        match u8::try_from(*conversion).ok().map(char::from) {
            Some('a') => self.s("!a"),
            Some('r') => self.s("!r"),
            Some('s') => self.s("!s"),
            _ => {}
        }
        if let Some(spec) = format_spec {
            self.s(":");
            self.fstring_element(spec);
        }
        self.s("}");
    }

    fn expr(&mut self, e: &Expr, level: u8) {
        match &e.kind {
            ExprKind::BoolOp { op, values } => {
                let (sep, pr) = match op {
                    BoolOp::And => (" and ", PR_AND),
                    BoolOp::Or => (" or ", PR_OR),
                };
                self.s_if(level > pr, "(");
                self.exprs(values, sep, pr + 1);
                self.s_if(level > pr, ")");
            }
            ExprKind::BinOp { left, op, right } => {
                let (s, pr, rassoc) = match op {
                    Operator::Add => (" + ", PR_ARITH, false),
                    Operator::Sub => (" - ", PR_ARITH, false),
                    Operator::Mult => (" * ", PR_TERM, false),
                    Operator::MatMult => (" @ ", PR_TERM, false),
                    Operator::Div => (" / ", PR_TERM, false),
                    Operator::Mod => (" % ", PR_TERM, false),
                    Operator::LShift => (" << ", PR_SHIFT, false),
                    Operator::RShift => (" >> ", PR_SHIFT, false),
                    Operator::BitOr => (" | ", PR_BOR, false),
                    Operator::BitXor => (" ^ ", PR_BXOR, false),
                    Operator::BitAnd => (" & ", PR_BAND, false),
                    Operator::FloorDiv => (" // ", PR_TERM, false),
                    Operator::Pow => (" ** ", PR_POWER, true),
                };
                self.s_if(level > pr, "(");
                self.expr(left, pr + u8::from(rassoc));
                self.s(s);
                self.expr(right, pr + u8::from(!rassoc));
                self.s_if(level > pr, ")");
            }
            ExprKind::UnaryOp { op, operand } => {
                let (s, pr) = match op {
                    UnaryOp::Invert => ("~", PR_FACTOR),
                    UnaryOp::Not => ("not ", PR_NOT),
                    UnaryOp::UAdd => ("+", PR_FACTOR),
                    UnaryOp::USub => ("-", PR_FACTOR),
                };
                self.s_if(level > pr, "(");
                self.s(s);
                self.expr(operand, pr);
                self.s_if(level > pr, ")");
            }
            ExprKind::Lambda { args, body } => {
                self.s_if(level > PR_TEST, "(");
                let positional = args.args.len() + args.posonlyargs.len();
                self.s(if positional > 0 { "lambda " } else { "lambda" });
                self.args(args);
                self.s(": ");
                self.expr(body, PR_TEST);
                self.s_if(level > PR_TEST, ")");
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.s_if(level > PR_TEST, "(");
                self.expr(body, PR_TEST + 1);
                self.s(" if ");
                self.expr(test, PR_TEST + 1);
                self.s(" else ");
                self.expr(orelse, PR_TEST);
                self.s_if(level > PR_TEST, ")");
            }
            ExprKind::Dict { keys, values } => {
                self.s("{");
                for (i, (k, v)) in keys.iter().zip(values).enumerate() {
                    self.s_if(i > 0, ", ");
                    match k {
                        Some(k) => {
                            self.expr(k, PR_TEST);
                            self.s(": ");
                            self.expr(v, PR_TEST);
                        }
                        None => {
                            self.s("**");
                            self.expr(v, PR_EXPR);
                        }
                    }
                }
                self.s("}");
            }
            ExprKind::Set { elts } => {
                self.s("{");
                self.exprs(elts, ", ", PR_TEST);
                self.s("}");
            }
            ExprKind::GeneratorExp { elt, generators } => self.genexp(elt, generators),
            ExprKind::ListComp { elt, generators } => {
                self.s("[");
                self.expr(elt, PR_TEST);
                self.comprehensions(generators);
                self.s("]");
            }
            ExprKind::SetComp { elt, generators } => {
                self.s("{");
                self.expr(elt, PR_TEST);
                self.comprehensions(generators);
                self.s("}");
            }
            ExprKind::DictComp { key, value, generators } => {
                self.s("{");
                self.expr(key, PR_TEST);
                self.s(": ");
                self.expr(value, PR_TEST);
                self.comprehensions(generators);
                self.s("}");
            }
            ExprKind::Yield { value } => match value {
                None => self.s("(yield)"),
                Some(v) => {
                    self.s("(yield ");
                    self.expr(v, PR_TEST);
                    self.s(")");
                }
            },
            ExprKind::YieldFrom { value } => {
                self.s("(yield from ");
                self.expr(value, PR_TEST);
                self.s(")");
            }
            ExprKind::Await { value } => {
                self.s_if(level > PR_AWAIT, "(");
                self.s("await ");
                self.expr(value, PR_ATOM);
                self.s_if(level > PR_AWAIT, ")");
            }
            ExprKind::Compare { left, ops, comparators } => {
                self.s_if(level > PR_CMP, "(");
                self.expr(left, PR_CMP + 1);
                for (op, c) in ops.iter().zip(comparators) {
                    self.s(match op {
                        CmpOp::Eq => " == ",
                        CmpOp::NotEq => " != ",
                        CmpOp::Lt => " < ",
                        CmpOp::LtE => " <= ",
                        CmpOp::Gt => " > ",
                        CmpOp::GtE => " >= ",
                        CmpOp::Is => " is ",
                        CmpOp::IsNot => " is not ",
                        CmpOp::In => " in ",
                        CmpOp::NotIn => " not in ",
                    });
                    self.expr(c, PR_CMP + 1);
                }
                self.s_if(level > PR_CMP, ")");
            }
            ExprKind::Call { func, args, keywords } => {
                self.expr(func, PR_ATOM);
                if let ([a], []) = (args.as_slice(), keywords.as_slice()) {
                    if let ExprKind::GeneratorExp { elt, generators } = &a.kind {
                        self.genexp(elt, generators);
                        return;
                    }
                }
                self.s("(");
                let mut first = true;
                for a in args {
                    if !first {
                        self.s(", ");
                    }
                    first = false;
                    self.expr(a, PR_TEST);
                }
                for k in keywords {
                    if !first {
                        self.s(", ");
                    }
                    first = false;
                    match &k.arg {
                        Some(n) => {
                            self.s(n);
                            self.s("=");
                        }
                        None => self.s("**"),
                    }
                    self.expr(&k.value, PR_TEST);
                }
                self.s(")");
            }
            ExprKind::Constant { value, kind } => {
                if let Constant::Ellipsis = value {
                    self.s("...");
                    return;
                }
                if kind.is_some() {
                    self.s("u");
                }
                self.constant(value);
            }
            ExprKind::JoinedStr { values } => {
                let mut body = W { out: Vec::new() };
                body.fstring_body(values);
                let mut r = String::new();
                write_str_repr(&mut r, &PyStr::from_code_points(body.out));
                self.s("f");
                self.s(&r);
            }
            ExprKind::FormattedValue { .. } => self.formatted_value(e),
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value, PR_ATOM);
                // An int needs a space before the period.
                let int = matches!(value.kind, ExprKind::Constant { value: Constant::Int(_), .. });
                self.s(if int { " ." } else { "." });
                self.s(attr);
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value, PR_ATOM);
                self.s("[");
                self.expr(slice, PR_TUPLE);
                self.s("]");
            }
            ExprKind::Starred { value, .. } => {
                self.s("*");
                self.expr(value, PR_EXPR);
            }
            ExprKind::Slice { lower, upper, step } => {
                if let Some(l) = lower {
                    self.expr(l, PR_TEST);
                }
                self.s(":");
                if let Some(u) = upper {
                    self.expr(u, PR_TEST);
                }
                if let Some(s) = step {
                    self.s(":");
                    self.expr(s, PR_TEST);
                }
            }
            ExprKind::Name { id, .. } => self.s(id),
            ExprKind::List { elts, .. } => {
                self.s("[");
                self.exprs(elts, ", ", PR_TEST);
                self.s("]");
            }
            ExprKind::Tuple { elts, .. } => {
                if elts.is_empty() {
                    self.s("()");
                    return;
                }
                self.s_if(level > PR_TUPLE, "(");
                self.exprs(elts, ", ", PR_TEST);
                self.s_if(elts.len() == 1, ",");
                self.s_if(level > PR_TUPLE, ")");
            }
            ExprKind::NamedExpr { target, value } => {
                self.s_if(level > PR_TUPLE, "(");
                self.expr(target, PR_ATOM);
                self.s(" := ");
                self.expr(value, PR_ATOM);
                self.s_if(level > PR_TUPLE, ")");
            }
        }
    }
}
