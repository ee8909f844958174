//! `match` statements (PEP 634).
//!
//! Each pattern consumes the subject on top of the stack. On success it
//! falls through with the subject gone; on failure it jumps to the case's
//! fail target, through a small trampoline that pops whatever the pattern
//! had pushed above the depth that target expects. Capture names are bound
//! as soon as their sub-pattern matches.

use pyx_syntax::ast::{self, Constant, ExprContext, Pattern, PatternKind, Stmt};

use super::{err, Compiler, Label, R};
use crate::code::{CmpOp, Const, Instr};

/// Where a failing pattern goes, and the stack depth (above the match's
/// base) expected there.
#[derive(Clone, Copy)]
struct Fail {
    label: Label,
    depth: u32,
}

pub(super) struct MatchState {
    /// Trampolines to emit after the statement: (entry, pops, target).
    pads: Vec<(Label, u32, Label)>,
    /// Current stack depth above the match statement's base.
    depth: u32,
}

impl Compiler<'_> {
    pub(super) fn match_stmt(&mut self, s: &Stmt, subject: &ast::Expr, cases: &[ast::MatchCase]) -> R {
        self.expr(subject)?;
        let end = self.new_label();
        let mut st = MatchState { pads: Vec::new(), depth: 1 };
        self.u().depth += 1;
        for (i, case) in cases.iter().enumerate() {
            let next = self.new_label();
            let fail = Fail { label: next, depth: 1 };
            let irrefutable_last = i + 1 == cases.len();
            check_pattern(&case.pattern, &mut Vec::new())?;
            self.set_pos(&case.pattern.pos);
            self.emit(Instr::Copy(1));
            st.depth = 2;
            self.pattern(&case.pattern, fail, &mut st)?;
            if let Some(g) = &case.guard {
                self.jump_if(g, false, next)?;
            }
            // The subject is not needed by the body.
            self.emit(Instr::PopTop);
            self.u().depth -= 1;
            self.body(&case.body)?;
            self.u().depth += 1;
            self.emit(Instr::Jump(end.0));
            self.place(next);
            let _ = irrefutable_last;
        }
        self.set_pos(&s.pos);
        self.emit(Instr::PopTop);
        self.u().depth -= 1;
        let after = self.new_label();
        self.emit(Instr::Jump(after.0));
        for (entry, pops, target) in std::mem::take(&mut st.pads) {
            self.place(entry);
            for _ in 0..pops {
                self.emit(Instr::PopTop);
            }
            self.emit(Instr::Jump(target.0));
        }
        self.place(after);
        self.place(end);
        Ok(())
    }

    /// A label to jump to from the current depth that ends at `fail`.
    fn fail_from(&mut self, fail: Fail, st: &mut MatchState) -> Label {
        let pops = st.depth.saturating_sub(fail.depth);
        if pops == 0 {
            return fail.label;
        }
        let l = self.new_label();
        st.pads.push((l, pops, fail.label));
        l
    }

    fn pop_jump_if_false(&mut self, fail: Fail, st: &mut MatchState) {
        // The condition is popped before the jump.
        st.depth -= 1;
        let l = self.fail_from(fail, st);
        self.emit(Instr::PopJumpIfFalse(l.0));
    }

    fn store_capture(&mut self, name: &str, st: &mut MatchState) {
        self.name_op(name, ExprContext::Store);
        st.depth -= 1;
    }

    fn pattern(&mut self, p: &Pattern, fail: Fail, st: &mut MatchState) -> R {
        self.set_pos(&p.pos);
        match &p.kind {
            PatternKind::MatchAs { pattern: None, name: None } => {
                self.emit(Instr::PopTop);
                st.depth -= 1;
            }
            PatternKind::MatchAs { pattern: None, name: Some(n) } => self.store_capture(n, st),
            PatternKind::MatchAs { pattern: Some(inner), name } => match name {
                Some(n) => {
                    self.emit(Instr::Copy(1));
                    st.depth += 1;
                    self.pattern(inner, fail, st)?;
                    self.set_pos(&p.pos);
                    self.store_capture(n, st);
                }
                None => self.pattern(inner, fail, st)?,
            },
            PatternKind::MatchStar { name } => match name {
                Some(n) => self.store_capture(n, st),
                None => {
                    self.emit(Instr::PopTop);
                    st.depth -= 1;
                }
            },
            PatternKind::MatchValue { value } => {
                self.expr(value)?;
                self.set_pos(&p.pos);
                self.emit(Instr::CompareOp(CmpOp::Eq));
                self.pop_jump_if_false(fail, st);
            }
            PatternKind::MatchSingleton { value } => {
                let c = match value {
                    Constant::None => Const::None,
                    Constant::Bool(b) => Const::Bool(*b),
                    _ => return Err(err(&p.pos, "patterns may only match literals and attribute lookups")),
                };
                self.load_const(c);
                self.emit(Instr::IsOp(false));
                self.pop_jump_if_false(fail, st);
            }
            PatternKind::MatchOr { patterns } => {
                let end = self.new_label();
                let base = st.depth;
                for (i, alt) in patterns.iter().enumerate() {
                    st.depth = base;
                    if i + 1 == patterns.len() {
                        self.pattern(alt, fail, st)?;
                        break;
                    }
                    let next = self.new_label();
                    self.emit(Instr::Copy(1));
                    st.depth += 1;
                    self.pattern(alt, Fail { label: next, depth: base }, st)?;
                    // Matched: drop the subject this alternative copied.
                    self.emit(Instr::PopTop);
                    self.emit(Instr::Jump(end.0));
                    self.place(next);
                }
                self.place(end);
                st.depth = base - 1;
            }
            PatternKind::MatchSequence { patterns } => {
                let star = patterns.iter().position(|q| matches!(q.kind, PatternKind::MatchStar { .. }));
                if patterns.iter().filter(|q| matches!(q.kind, PatternKind::MatchStar { .. })).count() > 1 {
                    return Err(err(&p.pos, "multiple starred names in sequence pattern"));
                }
                self.emit(Instr::MatchSequence);
                st.depth += 1;
                self.pop_jump_if_false(fail, st);
                let n = patterns.len() as u32;
                // `[*x]` needs no length: len() >= 0 always.
                if star.is_none() || n > 1 {
                    self.emit(Instr::GetLen);
                    st.depth += 1;
                    match star {
                        None => {
                            self.load_const(Const::Int(n.into()));
                            self.emit(Instr::CompareOp(CmpOp::Eq));
                        }
                        Some(_) => {
                            self.load_const(Const::Int((n - 1).into()));
                            self.emit(Instr::CompareOp(CmpOp::Ge));
                        }
                    }
                    self.pop_jump_if_false(fail, st);
                }
                // The length check popped: only the subject is above.
                let wildcard = |q: &Pattern| matches!(q.kind, PatternKind::MatchAs { pattern: None, name: None } | PatternKind::MatchStar { name: None });
                if patterns.iter().all(wildcard) {
                    self.emit(Instr::PopTop);
                    st.depth -= 1;
                    return Ok(());
                }
                if let Some(s) = star.filter(|&s| wildcard(&patterns[s])) {
                    // `[a, *_, b]`: items are fetched by index (from the
                    // end through len(), as the subject may not accept
                    // negative indices), never by iterating the subject.
                    for (i, q) in patterns.iter().enumerate() {
                        if i == s || wildcard(q) {
                            continue;
                        }
                        self.emit(Instr::Copy(1));
                        st.depth += 1;
                        if i < s {
                            self.load_const(Const::Int(i.into()));
                        } else {
                            self.emit(Instr::GetLen);
                            self.load_const(Const::Int((patterns.len() - i).into()));
                            self.emit(Instr::BinaryOp(crate::code::BinOp::Sub));
                        }
                        self.emit(Instr::BinarySubscr);
                        self.pattern(q, fail, st)?;
                    }
                    self.emit(Instr::PopTop);
                    st.depth -= 1;
                    return Ok(());
                }
                // The subject is consumed by the unpacking.
                st.depth -= 1;
                match star {
                    None => self.emit(Instr::UnpackSequence(n)),
                    Some(i) => {
                        let before = i as u32;
                        let after = n - before - 1;
                        self.emit(Instr::UnpackEx(before | (after << 8)));
                    }
                }
                st.depth += n;
                for q in patterns {
                    self.pattern(q, fail, st)?;
                }
            }
            PatternKind::MatchMapping { keys, patterns, rest } => {
                self.emit(Instr::MatchMapping);
                st.depth += 1;
                self.pop_jump_if_false(fail, st);
                if keys.is_empty() && rest.is_none() {
                    self.emit(Instr::PopTop);
                    st.depth -= 1;
                    return Ok(());
                }
                if !keys.is_empty() {
                    self.emit(Instr::GetLen);
                    st.depth += 1;
                    self.load_const(Const::Int(keys.len().into()));
                    self.emit(Instr::CompareOp(CmpOp::Ge));
                    self.pop_jump_if_false(fail, st);
                }
                for k in keys {
                    self.expr(k)?;
                }
                self.set_pos(&p.pos);
                self.emit(Instr::BuildTuple(keys.len() as u32));
                st.depth += 1;
                self.emit(Instr::MatchKeys);
                st.depth += 1;
                self.emit(Instr::Copy(1));
                st.depth += 1;
                st.depth -= 1;
                let l = self.fail_from(fail, st);
                self.emit(Instr::PopJumpIfNone(l.0));
                self.emit(Instr::UnpackSequence(keys.len() as u32));
                st.depth += keys.len() as u32;
                st.depth -= 1;
                for q in patterns {
                    self.pattern(q, fail, st)?;
                }
                self.set_pos(&p.pos);
                // [subject, keys]
                match rest {
                    Some(r) => {
                        self.emit(Instr::CopyDictWithoutKeys);
                        self.store_capture(r, st);
                        self.emit(Instr::PopTop);
                        st.depth -= 1;
                    }
                    None => {
                        self.emit(Instr::PopTop);
                        self.emit(Instr::PopTop);
                        st.depth -= 2;
                    }
                }
            }
            PatternKind::MatchClass { cls, patterns, kwd_attrs, kwd_patterns } => {
                for (i, a) in kwd_attrs.iter().enumerate() {
                    if kwd_attrs[..i].contains(a) {
                        return Err(err(&kwd_patterns[i].pos, format!("attribute name repeated in class pattern: {a}")));
                    }
                }
                self.expr(cls)?;
                self.set_pos(&p.pos);
                let names = Const::Tuple(kwd_attrs.iter().map(|a| Const::Str(ast::PyStr::from(a.as_str()))).collect());
                self.load_const(names);
                self.emit(Instr::MatchClass(patterns.len() as u32));
                // subject, class and names → attributes or None
                st.depth += 2;
                st.depth -= 2;
                self.emit(Instr::Copy(1));
                st.depth += 1;
                st.depth -= 1;
                let l = self.fail_from(fail, st);
                self.emit(Instr::PopJumpIfNone(l.0));
                let n = (patterns.len() + kwd_patterns.len()) as u32;
                self.emit(Instr::UnpackSequence(n));
                st.depth += n;
                st.depth -= 1;
                for q in patterns.iter().chain(kwd_patterns.iter()) {
                    self.pattern(q, fail, st)?;
                }
            }
        }
        Ok(())
    }
}

/// A pattern that matches anything: `_`, a capture, or an or-pattern with
/// such an alternative.
fn irrefutable(p: &Pattern) -> Option<Option<&str>> {
    match &p.kind {
        PatternKind::MatchAs { pattern: None, name } => Some(name.as_deref()),
        PatternKind::MatchAs { pattern: Some(inner), .. } => irrefutable(inner),
        PatternKind::MatchOr { patterns } => patterns.iter().find_map(irrefutable),
        _ => None,
    }
}

/// A literal's value as matching compares it: numbers as complex, so that
/// `0`, `False`, `0.0`, `-0` and `0j` are one key.
#[derive(PartialEq)]
enum KeyVal {
    Num(f64, f64),
    Big(String),
    Str(String),
    Bytes(Vec<u8>),
    None,
    Ellipsis,
}

/// The value and repr of a literal pattern expression (a constant, a
/// negated number or a complex literal); `None` for attribute lookups.
fn literal_value(e: &ast::Expr) -> Option<(KeyVal, String)> {
    use num_traits::ToPrimitive;
    use pyx_syntax::ast::ExprKind;
    let constant = |c: &Constant, negate: bool| -> Option<(KeyVal, String)> {
        let sg = if negate { -1.0 } else { 1.0 };
        Some(match c {
            Constant::None => (KeyVal::None, "None".into()),
            Constant::Ellipsis => (KeyVal::Ellipsis, "Ellipsis".into()),
            Constant::Bool(b) => (KeyVal::Num(*b as i64 as f64, 0.0), if *b { "True" } else { "False" }.into()),
            Constant::Int(i) => {
                let i = if negate { -i.clone() } else { i.clone() };
                match i.to_i64().filter(|v| v.unsigned_abs() < (1u64 << 53)) {
                    Some(v) => (KeyVal::Num(v as f64, 0.0), v.to_string()),
                    None => (KeyVal::Big(i.to_string()), i.to_string()),
                }
            }
            Constant::Float(f) => (KeyVal::Num(sg * f, 0.0), crate::vm::ops::float_repr(sg * f)),
            Constant::Complex { real, imag } => {
                let (re, im) = (sg * real, sg * imag);
                (KeyVal::Num(re, im), crate::objects::repr::complex_repr(re, im))
            }
            Constant::Str(s) => (KeyVal::Str(s.to_string_lossy()), crate::objects::str::PyStr::from_ast(s).repr()),
            Constant::Bytes(b) => (KeyVal::Bytes(b.clone()), crate::objects::repr::bytes_repr(b)),
            _ => return None,
        })
    };
    match &e.kind {
        ExprKind::Constant { value, .. } => constant(value, false),
        ExprKind::UnaryOp { op: ast::UnaryOp::USub, operand } => match &operand.kind {
            ExprKind::Constant { value, .. } => constant(value, true),
            _ => None,
        },
        ExprKind::BinOp { left, op, right } => {
            let (KeyVal::Num(re, _), _) = literal_value(left)? else { return None };
            let (KeyVal::Num(_, im), _) = literal_value(right)? else { return None };
            let im = if matches!(op, ast::Operator::Sub) { -im } else { im };
            Some((KeyVal::Num(re, im), crate::objects::repr::complex_repr(re, im)))
        }
        _ => None,
    }
}

/// Whether `e` is a number literal, possibly negated; `Some(true)` for an
/// imaginary one.
fn number_literal(e: &ast::Expr) -> Option<bool> {
    use pyx_syntax::ast::ExprKind;
    let c = match &e.kind {
        ExprKind::Constant { value, .. } => value,
        ExprKind::UnaryOp { op: ast::UnaryOp::USub, operand } => match &operand.kind {
            ExprKind::Constant { value, .. } => value,
            _ => return None,
        },
        _ => return None,
    };
    match c {
        Constant::Int(_) | Constant::Float(_) => Some(false),
        Constant::Complex { .. } => Some(true),
        _ => None,
    }
}

/// The expression of a value pattern or mapping key: a literal, a signed
/// number, a complex literal or an attribute lookup.
fn check_value(e: &ast::Expr, what: &str) -> R {
    use pyx_syntax::ast::ExprKind;
    let bad = || err(&e.pos, format!("{what} may only match literals and attribute lookups"));
    match &e.kind {
        ExprKind::Constant { .. } | ExprKind::Attribute { .. } => Ok(()),
        ExprKind::UnaryOp { op: ast::UnaryOp::USub, .. } => number_literal(e).map(|_| ()).ok_or_else(bad),
        ExprKind::BinOp { left, op: ast::Operator::Add | ast::Operator::Sub, right } => {
            if number_literal(left) != Some(false) {
                return Err(err(&left.pos, "real number required in complex literal"));
            }
            if !matches!(&right.kind, ExprKind::Constant { value: Constant::Complex { .. }, .. }) {
                return Err(err(&right.pos, "imaginary number required in complex literal"));
            }
            Ok(())
        }
        _ => Err(bad()),
    }
}

/// CPython's compile-time checks of one case's pattern: value and key
/// expressions, duplicate mapping keys, names bound twice, or-patterns
/// whose alternatives bind different names or hide later ones. `names`
/// collects the names bound so far.
fn check_pattern(p: &Pattern, names: &mut Vec<String>) -> R {
    let bind = |n: &str, names: &mut Vec<String>| -> R {
        if names.iter().any(|m| m == n) {
            return Err(err(&p.pos, format!("multiple assignments to name '{n}' in pattern")));
        }
        names.push(n.to_string());
        Ok(())
    };
    match &p.kind {
        PatternKind::MatchValue { value } => check_value(value, "patterns")?,
        PatternKind::MatchSingleton { .. } => {}
        PatternKind::MatchAs { pattern, name } => {
            if let Some(inner) = pattern {
                check_pattern(inner, names)?;
            }
            if let Some(n) = name {
                bind(n, names)?;
            }
        }
        PatternKind::MatchStar { name } => {
            if let Some(n) = name {
                bind(n, names)?;
            }
        }
        PatternKind::MatchSequence { patterns } => {
            for q in patterns {
                check_pattern(q, names)?;
            }
        }
        PatternKind::MatchMapping { keys, patterns, rest } => {
            let mut seen: Vec<KeyVal> = Vec::new();
            for k in keys {
                check_value(k, "mapping pattern keys")?;
                if let Some((v, r)) = literal_value(k) {
                    if seen.contains(&v) {
                        return Err(err(&p.pos, format!("mapping pattern checks duplicate key ({r})")));
                    }
                    seen.push(v);
                }
            }
            for q in patterns {
                check_pattern(q, names)?;
            }
            if let Some(r) = rest {
                if r == "_" {
                    return Err(err(&p.pos, "invalid syntax"));
                }
                bind(r, names)?;
            }
        }
        PatternKind::MatchClass { patterns, kwd_patterns, .. } => {
            for q in patterns.iter().chain(kwd_patterns) {
                check_pattern(q, names)?;
            }
        }
        PatternKind::MatchOr { patterns } => {
            for (i, alt) in patterns.iter().enumerate() {
                if i + 1 < patterns.len() {
                    if let Some(name) = irrefutable(alt) {
                        return Err(err(
                            &alt.pos,
                            match name {
                                Some(n) => format!("name capture '{n}' makes remaining patterns unreachable"),
                                None => "wildcard makes remaining patterns unreachable".to_string(),
                            },
                        ));
                    }
                }
            }
            let base = names.len();
            let mut first: Option<Vec<String>> = None;
            for alt in patterns {
                let mut own = names[..base].to_vec();
                check_pattern(alt, &mut own)?;
                let mut added = own[base..].to_vec();
                added.sort();
                match &first {
                    None => first = Some(added),
                    Some(f) if *f != added => return Err(err(&alt.pos, "alternative patterns bind different names")),
                    Some(_) => {}
                }
            }
            names.extend(first.unwrap_or_default());
        }
    }
    Ok(())
}
