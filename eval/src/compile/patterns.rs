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
                // The length check popped: only the subject is above.
                st.depth -= 1;
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
