//! The matching engine of `_sre`: executes the code lists that CPython's
//! `re._compiler` produces, with CPython's backtracking semantics.
//!
//! Backtracking never recurses on the Rust stack: every nested attempt is
//! a context on an explicit stack, and the saved marks and `last_ptr`
//! values live on a data stack (the same discipline as CPython's engine,
//! whose behaviour this follows opcode by opcode). Every code word is read
//! with a bounds check, so malformed code fails instead of panicking.

use crate::objects::str_methods as sm;

pub const MAXREPEAT: u32 = u32::MAX;
pub const MAXGROUPS: u32 = 0x3fff_ffff;

// Opcodes (re._constants, 3.11).
const FAILURE: u32 = 0;
const SUCCESS: u32 = 1;
const ANY: u32 = 2;
const ANY_ALL: u32 = 3;
const ASSERT: u32 = 4;
const ASSERT_NOT: u32 = 5;
const AT: u32 = 6;
const BRANCH: u32 = 7;
const CATEGORY: u32 = 8;
const CHARSET: u32 = 9;
const BIGCHARSET: u32 = 10;
const GROUPREF: u32 = 11;
const GROUPREF_EXISTS: u32 = 12;
const IN: u32 = 13;
const INFO: u32 = 14;
const JUMP: u32 = 15;
const LITERAL: u32 = 16;
const MARK: u32 = 17;
const MAX_UNTIL: u32 = 18;
const MIN_UNTIL: u32 = 19;
const NOT_LITERAL: u32 = 20;
const NEGATE: u32 = 21;
const RANGE: u32 = 22;
const REPEAT: u32 = 23;
const REPEAT_ONE: u32 = 24;
const MIN_REPEAT_ONE: u32 = 26;
const ATOMIC_GROUP: u32 = 27;
const POSSESSIVE_REPEAT: u32 = 28;
const POSSESSIVE_REPEAT_ONE: u32 = 29;
const GROUPREF_IGNORE: u32 = 30;
const IN_IGNORE: u32 = 31;
const LITERAL_IGNORE: u32 = 32;
const NOT_LITERAL_IGNORE: u32 = 33;
const GROUPREF_LOC_IGNORE: u32 = 34;
const IN_LOC_IGNORE: u32 = 35;
const LITERAL_LOC_IGNORE: u32 = 36;
const NOT_LITERAL_LOC_IGNORE: u32 = 37;
const GROUPREF_UNI_IGNORE: u32 = 38;
const IN_UNI_IGNORE: u32 = 39;
const LITERAL_UNI_IGNORE: u32 = 40;
const NOT_LITERAL_UNI_IGNORE: u32 = 41;
const RANGE_UNI_IGNORE: u32 = 42;

// AT codes.
const AT_BEGINNING: u32 = 0;
const AT_BEGINNING_LINE: u32 = 1;
const AT_BEGINNING_STRING: u32 = 2;
const AT_BOUNDARY: u32 = 3;
const AT_NON_BOUNDARY: u32 = 4;
const AT_END: u32 = 5;
const AT_END_LINE: u32 = 6;
const AT_END_STRING: u32 = 7;
const AT_LOC_BOUNDARY: u32 = 8;
const AT_LOC_NON_BOUNDARY: u32 = 9;
const AT_UNI_BOUNDARY: u32 = 10;
const AT_UNI_NON_BOUNDARY: u32 = 11;

/// Why a match attempt stopped without an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SreError {
    /// Malformed code (CPython: "internal error in regular expression engine").
    Illegal,
    /// Ctrl-C arrived while matching.
    Interrupted,
}

type R<T> = Result<T, SreError>;

/// A unit of the subject: a byte, or a code point.
pub trait Ch: Copy {
    fn cp(self) -> u32;
}
impl Ch for u8 {
    #[inline]
    fn cp(self) -> u32 {
        self as u32
    }
}
impl Ch for u32 {
    #[inline]
    fn cp(self) -> u32 {
        self
    }
}

// ----- character predicates and case mappings -----

fn ascii_isalnum(c: u32) -> bool {
    c < 128 && (c as u8).is_ascii_alphanumeric()
}
fn is_word(c: u32) -> bool {
    c < 128 && (ascii_isalnum(c) || c == '_' as u32)
}
fn is_digit(c: u32) -> bool {
    c < 128 && (c as u8).is_ascii_digit()
}
fn is_space(c: u32) -> bool {
    matches!(c, 9..=13 | 32)
}
fn is_linebreak(c: u32) -> bool {
    c == 10
}
// The C locale: only ASCII letters and digits are alphanumeric.
fn loc_is_word(c: u32) -> bool {
    c < 256 && (ascii_isalnum(c) || c == '_' as u32)
}
fn uni_is_word(c: u32) -> bool {
    sm::is_alnum(c) || c == '_' as u32
}
fn uni_is_linebreak(c: u32) -> bool {
    matches!(c, 0x0a..=0x0d | 0x1c..=0x1e | 0x85 | 0x2028 | 0x2029)
}

pub fn lower_ascii(c: u32) -> u32 {
    if c < 128 {
        (c as u8).to_ascii_lowercase() as u32
    } else {
        c
    }
}
fn lower_locale(c: u32) -> u32 {
    if c < 256 {
        lower_ascii(c)
    } else {
        c
    }
}
fn upper_locale(c: u32) -> u32 {
    if c < 128 {
        (c as u8).to_ascii_uppercase() as u32
    } else {
        c
    }
}

/// The lowercase mapping CPython's engine uses (one code point).
pub fn lower_unicode(c: u32) -> u32 {
    if c < 128 {
        return lower_ascii(c);
    }
    single(crate::objects::unicode_tables::LOWER_MAP, c)
}

/// The uppercase mapping CPython's engine uses (one code point).
pub fn upper_unicode(c: u32) -> u32 {
    if c < 128 {
        return (c as u8).to_ascii_uppercase() as u32;
    }
    single(crate::objects::unicode_tables::UPPER_MAP, c)
}

/// CPython's one-code-point case mapping: the first code point of the
/// full mapping (`c` itself when the table has no entry).
fn single(t: &'static [(u32, &'static [u32])], c: u32) -> u32 {
    match t.binary_search_by(|&(k, _)| k.cmp(&c)) {
        Ok(i) => t[i].1.first().copied().unwrap_or(c),
        _ => c,
    }
}

pub fn unicode_iscased(c: u32) -> bool {
    c != lower_unicode(c) || c != upper_unicode(c)
}
pub fn ascii_iscased(c: u32) -> bool {
    c < 128 && (c as u8).is_ascii_alphabetic()
}

fn char_loc_ignore(pattern: u32, c: u32) -> bool {
    c == pattern || lower_locale(c) == pattern || upper_locale(c) == pattern
}

fn category(code: u32, c: u32) -> bool {
    match code {
        0 => is_digit(c),
        1 => !is_digit(c),
        2 => is_space(c),
        3 => !is_space(c),
        4 => is_word(c),
        5 => !is_word(c),
        6 => is_linebreak(c),
        7 => !is_linebreak(c),
        8 => loc_is_word(c),
        9 => !loc_is_word(c),
        10 => sm::is_decimal(c),
        11 => !sm::is_decimal(c),
        12 => sm::is_space(c),
        13 => !sm::is_space(c),
        14 => uni_is_word(c),
        15 => !uni_is_word(c),
        16 => uni_is_linebreak(c),
        17 => !uni_is_linebreak(c),
        _ => false,
    }
}

// ----- the matcher -----

#[derive(Clone, Copy, PartialEq, Eq)]
enum Jump {
    None,
    MaxUntil1,
    MaxUntil2,
    MaxUntil3,
    MinUntil1,
    MinUntil2,
    MinUntil3,
    Repeat,
    RepeatOne1,
    RepeatOne2,
    MinRepeatOne,
    Branch,
    Assert,
    AssertNot,
    PossRepeat1,
    PossRepeat2,
    Atomic,
}

struct Ctx {
    pc: usize,
    ptr: isize,
    count: isize,
    chr: u32,
    rep: usize,
    lastmark: isize,
    lastindex: isize,
    toplevel: bool,
    jump: Jump,
}

impl Ctx {
    fn new(pc: usize, toplevel: bool, jump: Jump) -> Ctx {
        Ctx { pc, ptr: 0, count: 0, chr: 0, rep: 0, lastmark: -1, lastindex: -1, toplevel, jump }
    }
}

struct Repeat {
    count: isize,
    /// Index of the REPEAT's skip word.
    pattern: usize,
    prev: Option<usize>,
    last_ptr: isize,
}

enum Step {
    Enter,
    Continue,
    Call(usize, bool, Jump),
    Return(bool),
}

/// One matching run over a subject.
pub struct State<'a, C: Ch> {
    s: &'a [C],
    code: &'a [u32],
    /// Where this attempt starts.
    pub start: isize,
    pub end: isize,
    /// Where the last successful (sub)match ended.
    pub ptr: isize,
    pub marks: Vec<isize>,
    pub lastmark: isize,
    pub lastindex: isize,
    repeats: Vec<Repeat>,
    repeat: Option<usize>,
    pub match_all: bool,
    pub must_advance: bool,
    data: Vec<isize>,
    sigcount: u32,
    /// Nesting of `count` -> `run` (one level for code from re._compiler;
    /// bounded so that hand-made code cannot exhaust the Rust stack).
    depth: u32,
}

const NULL: isize = -1;

impl<'a, C: Ch> State<'a, C> {
    /// `start`..`end` must already be clamped to the subject.
    pub fn new(s: &'a [C], code: &'a [u32], groups: usize, start: usize, end: usize) -> State<'a, C> {
        State {
            s,
            code,
            start: start as isize,
            end: end.min(s.len()) as isize,
            ptr: start as isize,
            marks: vec![NULL; groups.saturating_mul(2).saturating_add(2)],
            lastmark: -1,
            lastindex: -1,
            repeats: Vec::new(),
            repeat: None,
            match_all: false,
            must_advance: false,
            data: Vec::new(),
            sigcount: 0,
            depth: 0,
        }
    }

    pub fn reset(&mut self) {
        self.lastmark = -1;
        self.lastindex = -1;
        self.repeat = None;
        self.repeats.clear();
        self.data.clear();
    }

    #[inline]
    fn c(&self, i: usize) -> R<u32> {
        self.code.get(i).copied().ok_or(SreError::Illegal)
    }

    /// The character at `p` (the caller has checked `p < end`).
    #[inline]
    fn ch(&self, p: isize) -> u32 {
        if p < 0 {
            return 0;
        }
        self.s.get(p as usize).map(|c| c.cp()).unwrap_or(0)
    }

    fn at(&self, ptr: isize, at: u32) -> bool {
        let (beg, end) = (0isize, self.end);
        let word = |f: fn(u32) -> bool, neg: bool| -> bool {
            if beg == end {
                return false;
            }
            let that = ptr > beg && f(self.ch(ptr - 1));
            let this = ptr < end && f(self.ch(ptr));
            if neg {
                this == that
            } else {
                this != that
            }
        };
        match at {
            AT_BEGINNING | AT_BEGINNING_STRING => ptr == beg,
            AT_BEGINNING_LINE => ptr == beg || is_linebreak(self.ch(ptr - 1)),
            AT_END => (end - ptr == 1 && is_linebreak(self.ch(ptr))) || ptr == end,
            AT_END_LINE => ptr == end || is_linebreak(self.ch(ptr)),
            AT_END_STRING => ptr == end,
            AT_BOUNDARY => word(is_word, false),
            AT_NON_BOUNDARY => word(is_word, true),
            AT_LOC_BOUNDARY => word(loc_is_word, false),
            AT_LOC_NON_BOUNDARY => word(loc_is_word, true),
            AT_UNI_BOUNDARY => word(uni_is_word, false),
            AT_UNI_NON_BOUNDARY => word(uni_is_word, true),
            _ => false,
        }
    }

    fn charset(&self, mut pc: usize, ch: u32) -> R<bool> {
        let mut ok = true;
        loop {
            let op = self.c(pc)?;
            pc += 1;
            match op {
                FAILURE => return Ok(!ok),
                LITERAL => {
                    if ch == self.c(pc)? {
                        return Ok(ok);
                    }
                    pc += 1;
                }
                CATEGORY => {
                    if category(self.c(pc)?, ch) {
                        return Ok(ok);
                    }
                    pc += 1;
                }
                CHARSET => {
                    if ch < 256 && (self.c(pc + (ch / 32) as usize)? & (1u32 << (ch & 31))) != 0 {
                        return Ok(ok);
                    }
                    pc += 8;
                }
                RANGE => {
                    if self.c(pc)? <= ch && ch <= self.c(pc + 1)? {
                        return Ok(ok);
                    }
                    pc += 2;
                }
                RANGE_UNI_IGNORE => {
                    let (lo, hi) = (self.c(pc)?, self.c(pc + 1)?);
                    if lo <= ch && ch <= hi {
                        return Ok(ok);
                    }
                    let u = upper_unicode(ch);
                    if lo <= u && u <= hi {
                        return Ok(ok);
                    }
                    pc += 2;
                }
                NEGATE => ok = !ok,
                BIGCHARSET => {
                    let count = self.c(pc)? as usize;
                    pc += 1;
                    if ch < 0x10000 {
                        let idx = (ch >> 8) as usize;
                        let word = self.c(pc + idx / 4)?;
                        let block = word.to_le_bytes()[idx % 4] as usize;
                        let bit = block * 256 + (ch & 255) as usize;
                        if (self.c(pc + 64 + bit / 32)? & (1u32 << (bit & 31))) != 0 {
                            return Ok(ok);
                        }
                    }
                    pc = pc.checked_add(64 + count.checked_mul(8).ok_or(SreError::Illegal)?).ok_or(SreError::Illegal)?;
                }
                _ => return Ok(false),
            }
        }
    }

    fn charset_loc_ignore(&self, pc: usize, ch: u32) -> R<bool> {
        let lo = lower_locale(ch);
        if self.charset(pc, lo)? {
            return Ok(true);
        }
        let up = upper_locale(ch);
        Ok(up != lo && self.charset(pc, up)?)
    }

    /// How many times the single-width item at `pc` matches from `self.ptr`.
    fn count(&mut self, pc: usize, maxcount: u32) -> R<isize> {
        let start = self.ptr;
        let mut ptr = start;
        let mut end = self.end;
        if maxcount != MAXREPEAT && (maxcount as isize) < end - ptr {
            end = ptr + maxcount as isize;
        }
        let op = self.c(pc)?;
        match op {
            IN => {
                while ptr < end && self.charset(pc + 2, self.ch(ptr))? {
                    ptr += 1;
                }
            }
            ANY => {
                while ptr < end && !is_linebreak(self.ch(ptr)) {
                    ptr += 1;
                }
            }
            ANY_ALL => {
                if ptr < end {
                    ptr = end;
                }
            }
            LITERAL => {
                let c = self.c(pc + 1)?;
                while ptr < end && self.ch(ptr) == c {
                    ptr += 1;
                }
            }
            LITERAL_IGNORE => {
                let c = self.c(pc + 1)?;
                while ptr < end && lower_ascii(self.ch(ptr)) == c {
                    ptr += 1;
                }
            }
            LITERAL_UNI_IGNORE => {
                let c = self.c(pc + 1)?;
                while ptr < end && lower_unicode(self.ch(ptr)) == c {
                    ptr += 1;
                }
            }
            LITERAL_LOC_IGNORE => {
                let c = self.c(pc + 1)?;
                while ptr < end && char_loc_ignore(c, self.ch(ptr)) {
                    ptr += 1;
                }
            }
            NOT_LITERAL => {
                let c = self.c(pc + 1)?;
                while ptr < end && self.ch(ptr) != c {
                    ptr += 1;
                }
            }
            NOT_LITERAL_IGNORE => {
                let c = self.c(pc + 1)?;
                while ptr < end && lower_ascii(self.ch(ptr)) != c {
                    ptr += 1;
                }
            }
            NOT_LITERAL_UNI_IGNORE => {
                let c = self.c(pc + 1)?;
                while ptr < end && lower_unicode(self.ch(ptr)) != c {
                    ptr += 1;
                }
            }
            NOT_LITERAL_LOC_IGNORE => {
                let c = self.c(pc + 1)?;
                while ptr < end && !char_loc_ignore(c, self.ch(ptr)) {
                    ptr += 1;
                }
            }
            _ => {
                // A general single-width item: match it repeatedly (one
                // nested level at most, as the item is one character).
                if self.depth >= 500 {
                    return Err(SreError::Illegal);
                }
                self.depth += 1;
                while self.ptr < end {
                    let before = self.ptr;
                    match self.run(pc, false) {
                        Ok(true) if self.ptr > before => {}
                        Ok(_) => break,
                        Err(e) => {
                            self.depth -= 1;
                            return Err(e);
                        }
                    }
                }
                self.depth -= 1;
                return Ok(self.ptr - start);
            }
        }
        Ok(ptr - start)
    }

    fn check_signals(&mut self) -> R<()> {
        self.sigcount = self.sigcount.wrapping_add(1);
        if self.sigcount & 0xfff == 0 && crate::vm::finalize::INTERRUPTED.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(SreError::Interrupted);
        }
        Ok(())
    }

    fn lastmark_save(&self, ctx: &mut Ctx) {
        ctx.lastmark = self.lastmark;
        ctx.lastindex = self.lastindex;
    }
    fn lastmark_restore(&mut self, ctx: &Ctx) {
        self.lastmark = ctx.lastmark;
        self.lastindex = ctx.lastindex;
    }
    fn mark_push(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = (lastmark as usize + 1).min(self.marks.len());
            self.data.extend_from_slice(&self.marks[..n]);
            // Keep the frame size fixed even if the marks are fewer.
            for _ in n..lastmark as usize + 1 {
                self.data.push(NULL);
            }
        }
    }
    fn mark_pop_inner(&mut self, lastmark: isize, discard: bool) {
        if lastmark >= 0 {
            let size = lastmark as usize + 1;
            let base = self.data.len().saturating_sub(size);
            let n = size.min(self.marks.len());
            for i in 0..n {
                if let Some(&v) = self.data.get(base + i) {
                    self.marks[i] = v;
                }
            }
            if discard {
                self.data.truncate(base);
            }
        }
    }
    fn mark_pop(&mut self, lastmark: isize) {
        self.mark_pop_inner(lastmark, true)
    }
    fn mark_pop_keep(&mut self, lastmark: isize) {
        self.mark_pop_inner(lastmark, false)
    }
    fn mark_pop_discard(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let base = self.data.len().saturating_sub(lastmark as usize + 1);
            self.data.truncate(base);
        }
    }

    fn rep(&mut self, i: usize) -> R<&mut Repeat> {
        self.repeats.get_mut(i).ok_or(SreError::Illegal)
    }

    fn group_span(&self, g: usize) -> Option<(isize, isize)> {
        let p = *self.marks.get(g)?;
        let e = *self.marks.get(g + 1)?;
        if p < 0 || e < 0 || e < p {
            None
        } else {
            Some((p, e))
        }
    }

    /// Match the code at `pc` from `self.ptr`; on success `self.ptr` is
    /// where the match ended.
    pub fn run(&mut self, pc0: usize, toplevel: bool) -> R<bool> {
        let mut stack: Vec<Ctx> = vec![Ctx::new(pc0, toplevel, Jump::None)];
        let mut step = Step::Enter;
        loop {
            step = match step {
                Step::Call(pc, tl, jump) => {
                    stack.push(Ctx::new(pc, tl, jump));
                    Step::Enter
                }
                Step::Return(r) => {
                    let Some(child) = stack.pop() else { return Err(SreError::Illegal) };
                    match stack.last_mut() {
                        None => return Ok(r),
                        Some(parent) => self.resume(parent, child.jump, r)?,
                    }
                }
                Step::Enter => {
                    let Some(ctx) = stack.last_mut() else { return Err(SreError::Illegal) };
                    ctx.ptr = self.ptr;
                    if self.c(ctx.pc)? == INFO {
                        let min = self.c(ctx.pc + 3)?;
                        let avail = self.end - ctx.ptr;
                        if min != 0 && avail >= 0 && (avail as u64) < min as u64 {
                            Step::Return(false)
                        } else {
                            ctx.pc += self.c(ctx.pc + 1)? as usize + 1;
                            self.dispatch(ctx)?
                        }
                    } else {
                        self.dispatch(ctx)?
                    }
                }
                Step::Continue => {
                    let Some(ctx) = stack.last_mut() else { return Err(SreError::Illegal) };
                    self.dispatch(ctx)?
                }
            };
        }
    }

    fn call(&self, ctx: &mut Ctx, pc: usize, ptr: isize, next: usize, toplevel: bool, jump: Jump) -> Step {
        ctx.pc = pc;
        ctx.ptr = ptr;
        Step::Call(next, toplevel, jump)
    }

    /// Continue a context after the attempt it started returned `ret`.
    fn resume(&mut self, ctx: &mut Ctx, jump: Jump, ret: bool) -> R<Step> {
        let pc = ctx.pc;
        let ptr = ctx.ptr;
        match jump {
            Jump::None => Err(SreError::Illegal),
            Jump::Branch => {
                if ret {
                    if self.repeat.is_some() {
                        self.mark_pop_discard(ctx.lastmark);
                    }
                    return Ok(Step::Return(true));
                }
                if self.repeat.is_some() {
                    self.mark_pop_keep(ctx.lastmark);
                }
                self.lastmark_restore(ctx);
                let next = pc + self.c(pc)? as usize;
                self.branch_loop(ctx, next, ptr)
            }
            Jump::RepeatOne1 | Jump::RepeatOne2 => {
                if ret {
                    if self.repeat.is_some() {
                        self.mark_pop_discard(ctx.lastmark);
                    }
                    return Ok(Step::Return(true));
                }
                if self.repeat.is_some() {
                    self.mark_pop_keep(ctx.lastmark);
                }
                self.lastmark_restore(ctx);
                ctx.count -= 1;
                if jump == Jump::RepeatOne1 {
                    self.repeat_one_literal(ctx, pc, ptr - 1)
                } else {
                    self.repeat_one_general(ctx, pc, ptr - 1)
                }
            }
            Jump::MinRepeatOne => {
                if ret {
                    if self.repeat.is_some() {
                        self.mark_pop_discard(ctx.lastmark);
                    }
                    return Ok(Step::Return(true));
                }
                if self.repeat.is_some() {
                    self.mark_pop_keep(ctx.lastmark);
                }
                self.lastmark_restore(ctx);
                self.ptr = ptr;
                let n = self.count(pc + 3, 1)?;
                if n == 0 {
                    if self.repeat.is_some() {
                        self.mark_pop_discard(ctx.lastmark);
                    }
                    return Ok(Step::Return(false));
                }
                ctx.count += 1;
                self.min_repeat_one_loop(ctx, pc, ptr + 1)
            }
            Jump::Repeat => {
                let prev = self.repeats.get(ctx.rep).ok_or(SreError::Illegal)?.prev;
                self.repeat = prev;
                self.repeats.truncate(ctx.rep);
                Ok(Step::Return(ret))
            }
            Jump::MaxUntil1 | Jump::MinUntil1 => {
                if ret {
                    return Ok(Step::Return(true));
                }
                let count = ctx.count;
                self.rep(ctx.rep)?.count = count - 1;
                self.ptr = ptr;
                Ok(Step::Return(false))
            }
            Jump::MaxUntil2 => {
                let saved = self.data.pop().unwrap_or(NULL);
                self.rep(ctx.rep)?.last_ptr = saved;
                if ret {
                    self.mark_pop_discard(ctx.lastmark);
                    return Ok(Step::Return(true));
                }
                self.mark_pop(ctx.lastmark);
                self.lastmark_restore(ctx);
                let count = ctx.count;
                self.rep(ctx.rep)?.count = count - 1;
                self.ptr = ptr;
                self.max_until_tail(ctx, pc, ptr)
            }
            Jump::MaxUntil3 => {
                self.repeat = Some(ctx.rep);
                if ret {
                    return Ok(Step::Return(true));
                }
                self.ptr = ptr;
                Ok(Step::Return(false))
            }
            Jump::MinUntil2 => {
                let repeat_of_tail = self.repeat;
                self.repeat = Some(ctx.rep);
                if ret {
                    if repeat_of_tail.is_some() {
                        self.mark_pop_discard(ctx.lastmark);
                    }
                    return Ok(Step::Return(true));
                }
                if repeat_of_tail.is_some() {
                    self.mark_pop(ctx.lastmark);
                }
                self.lastmark_restore(ctx);
                self.ptr = ptr;
                let rp = self.rep(ctx.rep)?.pattern;
                let max = self.c(rp + 2)?;
                let last_ptr = self.rep(ctx.rep)?.last_ptr;
                if (ctx.count >= max as isize && max != MAXREPEAT) || self.ptr == last_ptr {
                    return Ok(Step::Return(false));
                }
                let count = ctx.count;
                let cur = self.ptr;
                let r = self.rep(ctx.rep)?;
                r.count = count;
                let old = r.last_ptr;
                r.last_ptr = cur;
                self.data.push(old);
                Ok(self.call(ctx, pc, ptr, rp + 3, ctx.toplevel, Jump::MinUntil3))
            }
            Jump::MinUntil3 => {
                let saved = self.data.pop().unwrap_or(NULL);
                self.rep(ctx.rep)?.last_ptr = saved;
                if ret {
                    return Ok(Step::Return(true));
                }
                let count = ctx.count;
                self.rep(ctx.rep)?.count = count - 1;
                self.ptr = ptr;
                Ok(Step::Return(false))
            }
            Jump::PossRepeat1 => {
                if ret {
                    ctx.count += 1;
                    self.poss_repeat_min(ctx, pc, ptr)
                } else {
                    self.ptr = ptr;
                    Ok(Step::Return(false))
                }
            }
            Jump::PossRepeat2 => {
                if ret {
                    self.mark_pop_discard(ctx.lastmark);
                    ctx.count += 1;
                    self.poss_repeat_more(ctx, pc, ptr)
                } else {
                    self.mark_pop(ctx.lastmark);
                    self.lastmark_restore(ctx);
                    self.ptr = ptr;
                    ctx.pc = pc + self.c(pc)? as usize + 1;
                    ctx.ptr = self.ptr;
                    Ok(Step::Continue)
                }
            }
            Jump::Atomic => {
                if !ret {
                    self.ptr = ptr;
                    return Ok(Step::Return(false));
                }
                ctx.pc = pc + self.c(pc)? as usize;
                ctx.ptr = self.ptr;
                Ok(Step::Continue)
            }
            Jump::Assert => {
                if !ret {
                    return Ok(Step::Return(false));
                }
                ctx.pc = pc + self.c(pc)? as usize;
                Ok(Step::Continue)
            }
            Jump::AssertNot => {
                if ret {
                    if self.repeat.is_some() {
                        self.mark_pop_discard(ctx.lastmark);
                    }
                    return Ok(Step::Return(false));
                }
                if self.repeat.is_some() {
                    self.mark_pop(ctx.lastmark);
                }
                self.lastmark_restore(ctx);
                ctx.pc = pc + self.c(pc)? as usize;
                Ok(Step::Continue)
            }
        }
    }

    fn branch_loop(&mut self, ctx: &mut Ctx, mut pc: usize, ptr: isize) -> R<Step> {
        let end = self.end;
        loop {
            let skip = self.c(pc)? as usize;
            if skip == 0 {
                break;
            }
            let op = self.c(pc + 1)?;
            if op == LITERAL && (ptr >= end || self.ch(ptr) != self.c(pc + 2)?) {
                pc += skip;
                continue;
            }
            if op == IN && (ptr >= end || !self.charset(pc + 3, self.ch(ptr))?) {
                pc += skip;
                continue;
            }
            self.ptr = ptr;
            return Ok(self.call(ctx, pc, ptr, pc + 1, ctx.toplevel, Jump::Branch));
        }
        if self.repeat.is_some() {
            self.mark_pop_discard(ctx.lastmark);
        }
        Ok(Step::Return(false))
    }

    fn repeat_one_literal(&mut self, ctx: &mut Ctx, pc: usize, mut ptr: isize) -> R<Step> {
        let min = self.c(pc + 1)? as isize;
        let skip = self.c(pc)? as usize;
        let end = self.end;
        while ctx.count >= min && (ptr >= end || self.ch(ptr) != ctx.chr) {
            ptr -= 1;
            ctx.count -= 1;
        }
        if ctx.count < min {
            if self.repeat.is_some() {
                self.mark_pop_discard(ctx.lastmark);
            }
            return Ok(Step::Return(false));
        }
        self.ptr = ptr;
        Ok(self.call(ctx, pc, ptr, pc + skip, ctx.toplevel, Jump::RepeatOne1))
    }

    fn repeat_one_general(&mut self, ctx: &mut Ctx, pc: usize, ptr: isize) -> R<Step> {
        let min = self.c(pc + 1)? as isize;
        let skip = self.c(pc)? as usize;
        if ctx.count >= min {
            self.ptr = ptr;
            return Ok(self.call(ctx, pc, ptr, pc + skip, ctx.toplevel, Jump::RepeatOne2));
        }
        if self.repeat.is_some() {
            self.mark_pop_discard(ctx.lastmark);
        }
        Ok(Step::Return(false))
    }

    fn min_repeat_one_loop(&mut self, ctx: &mut Ctx, pc: usize, ptr: isize) -> R<Step> {
        let max = self.c(pc + 2)?;
        let skip = self.c(pc)? as usize;
        if max == MAXREPEAT || ctx.count <= max as isize {
            self.ptr = ptr;
            return Ok(self.call(ctx, pc, ptr, pc + skip, ctx.toplevel, Jump::MinRepeatOne));
        }
        if self.repeat.is_some() {
            self.mark_pop_discard(ctx.lastmark);
        }
        Ok(Step::Return(false))
    }

    fn max_until_tail(&mut self, ctx: &mut Ctx, pc: usize, ptr: isize) -> R<Step> {
        let prev = self.repeats.get(ctx.rep).ok_or(SreError::Illegal)?.prev;
        self.repeat = prev;
        Ok(self.call(ctx, pc, ptr, pc, ctx.toplevel, Jump::MaxUntil3))
    }

    fn poss_repeat_min(&mut self, ctx: &mut Ctx, pc: usize, ptr: isize) -> R<Step> {
        let min = self.c(pc + 1)? as isize;
        if ctx.count < min {
            return Ok(self.call(ctx, pc, ptr, pc + 3, false, Jump::PossRepeat1));
        }
        // No previous position yet: the loop below is entered.
        self.poss_repeat_more(ctx, pc, isize::MIN)
    }

    fn poss_repeat_more(&mut self, ctx: &mut Ctx, pc: usize, ptr: isize) -> R<Step> {
        let max = self.c(pc + 2)?;
        if (ctx.count < max as isize || max == MAXREPEAT) && self.ptr != ptr {
            self.lastmark_save(ctx);
            self.mark_push(ctx.lastmark);
            let p = self.ptr;
            return Ok(self.call(ctx, pc, p, pc + 3, false, Jump::PossRepeat2));
        }
        ctx.pc = pc + self.c(pc)? as usize + 1;
        ctx.ptr = self.ptr;
        Ok(Step::Continue)
    }

    /// Run opcodes from `ctx.pc` at `ctx.ptr` until the context calls a
    /// nested attempt or returns.
    fn dispatch(&mut self, ctx: &mut Ctx) -> R<Step> {
        let mut pc = ctx.pc;
        let mut ptr = ctx.ptr;
        let end = self.end;
        macro_rules! fail {
            () => {
                return Ok(Step::Return(false))
            };
        }
        loop {
            self.check_signals()?;
            let op = self.c(pc)?;
            pc += 1;
            match op {
                MARK => {
                    let i = self.c(pc)? as isize;
                    if i as usize >= self.marks.len() {
                        return Err(SreError::Illegal);
                    }
                    if i & 1 == 1 {
                        self.lastindex = i / 2 + 1;
                    }
                    if i > self.lastmark {
                        let mut j = self.lastmark + 1;
                        while j < i {
                            self.marks[j as usize] = NULL;
                            j += 1;
                        }
                        self.lastmark = i;
                    }
                    self.marks[i as usize] = ptr;
                    pc += 1;
                }
                LITERAL => {
                    if ptr >= end || self.ch(ptr) != self.c(pc)? {
                        fail!();
                    }
                    pc += 1;
                    ptr += 1;
                }
                NOT_LITERAL => {
                    if ptr >= end || self.ch(ptr) == self.c(pc)? {
                        fail!();
                    }
                    pc += 1;
                    ptr += 1;
                }
                SUCCESS => {
                    if ctx.toplevel && ((self.match_all && ptr != end) || (self.must_advance && ptr == self.start)) {
                        fail!();
                    }
                    self.ptr = ptr;
                    return Ok(Step::Return(true));
                }
                AT => {
                    if !self.at(ptr, self.c(pc)?) {
                        fail!();
                    }
                    pc += 1;
                }
                CATEGORY => {
                    if ptr >= end || !category(self.c(pc)?, self.ch(ptr)) {
                        fail!();
                    }
                    pc += 1;
                    ptr += 1;
                }
                ANY => {
                    if ptr >= end || is_linebreak(self.ch(ptr)) {
                        fail!();
                    }
                    ptr += 1;
                }
                ANY_ALL => {
                    if ptr >= end {
                        fail!();
                    }
                    ptr += 1;
                }
                IN | IN_IGNORE | IN_UNI_IGNORE | IN_LOC_IGNORE => {
                    if ptr >= end {
                        fail!();
                    }
                    let c = self.ch(ptr);
                    let ok = match op {
                        IN => self.charset(pc + 1, c)?,
                        IN_IGNORE => self.charset(pc + 1, lower_ascii(c))?,
                        IN_UNI_IGNORE => self.charset(pc + 1, lower_unicode(c))?,
                        _ => self.charset_loc_ignore(pc + 1, c)?,
                    };
                    if !ok {
                        fail!();
                    }
                    pc += self.c(pc)? as usize;
                    ptr += 1;
                }
                LITERAL_IGNORE | LITERAL_UNI_IGNORE | LITERAL_LOC_IGNORE | NOT_LITERAL_IGNORE | NOT_LITERAL_UNI_IGNORE
                | NOT_LITERAL_LOC_IGNORE => {
                    if ptr >= end {
                        fail!();
                    }
                    let c = self.ch(ptr);
                    let p = self.c(pc)?;
                    let eq = match op {
                        LITERAL_IGNORE | NOT_LITERAL_IGNORE => lower_ascii(c) == p,
                        LITERAL_UNI_IGNORE | NOT_LITERAL_UNI_IGNORE => lower_unicode(c) == p,
                        _ => char_loc_ignore(p, c),
                    };
                    let want = matches!(op, LITERAL_IGNORE | LITERAL_UNI_IGNORE | LITERAL_LOC_IGNORE);
                    if eq != want {
                        fail!();
                    }
                    pc += 1;
                    ptr += 1;
                }
                JUMP | INFO => {
                    pc += self.c(pc)? as usize;
                }
                BRANCH => {
                    self.lastmark_save(ctx);
                    if self.repeat.is_some() {
                        self.mark_push(ctx.lastmark);
                    }
                    return self.branch_loop(ctx, pc, ptr);
                }
                REPEAT_ONE | MIN_REPEAT_ONE | POSSESSIVE_REPEAT_ONE => {
                    let skip = self.c(pc)? as usize;
                    let min = self.c(pc + 1)?;
                    let max = self.c(pc + 2)?;
                    if min as isize > end - ptr {
                        fail!();
                    }
                    self.ptr = ptr;
                    if op == MIN_REPEAT_ONE {
                        if min == 0 {
                            ctx.count = 0;
                        } else {
                            let n = self.count(pc + 3, min)?;
                            if n < min as isize {
                                fail!();
                            }
                            ctx.count = n;
                            ptr += n;
                        }
                        let next = self.c(pc + skip)?;
                        if next == SUCCESS
                            && !(ctx.toplevel && ((self.match_all && ptr != end) || (self.must_advance && ptr == self.start)))
                        {
                            self.ptr = ptr;
                            return Ok(Step::Return(true));
                        }
                        self.lastmark_save(ctx);
                        if self.repeat.is_some() {
                            self.mark_push(ctx.lastmark);
                        }
                        return self.min_repeat_one_loop(ctx, pc, ptr);
                    }
                    let n = self.count(pc + 3, max)?;
                    ctx.count = n;
                    ptr += n;
                    if n < min as isize {
                        fail!();
                    }
                    let next = self.c(pc + skip)?;
                    if op == POSSESSIVE_REPEAT_ONE {
                        pc += skip;
                        if next == SUCCESS && ptr == end && !(ctx.toplevel && self.must_advance && ptr == self.start) {
                            self.ptr = ptr;
                            return Ok(Step::Return(true));
                        }
                        continue;
                    }
                    if next == SUCCESS && ptr == end && !(ctx.toplevel && self.must_advance && ptr == self.start) {
                        self.ptr = ptr;
                        return Ok(Step::Return(true));
                    }
                    self.lastmark_save(ctx);
                    if self.repeat.is_some() {
                        self.mark_push(ctx.lastmark);
                    }
                    if next == LITERAL {
                        ctx.chr = self.c(pc + skip + 1)?;
                        return self.repeat_one_literal(ctx, pc, ptr);
                    }
                    return self.repeat_one_general(ctx, pc, ptr);
                }
                REPEAT => {
                    let idx = self.repeats.len();
                    self.repeats.push(Repeat { count: -1, pattern: pc, prev: self.repeat, last_ptr: NULL });
                    ctx.rep = idx;
                    self.repeat = Some(idx);
                    self.ptr = ptr;
                    let skip = self.c(pc)? as usize;
                    return Ok(self.call(ctx, pc, ptr, pc + skip, ctx.toplevel, Jump::Repeat));
                }
                MAX_UNTIL | MIN_UNTIL => {
                    let Some(rep) = self.repeat else { return Err(SreError::Illegal) };
                    ctx.rep = rep;
                    self.ptr = ptr;
                    let (rcount, rp, last_ptr) = {
                        let r = self.rep(rep)?;
                        (r.count, r.pattern, r.last_ptr)
                    };
                    ctx.count = rcount + 1;
                    let min = self.c(rp + 1)?;
                    let max = self.c(rp + 2)?;
                    let j1 = if op == MAX_UNTIL { Jump::MaxUntil1 } else { Jump::MinUntil1 };
                    if ctx.count < min as isize {
                        let count = ctx.count;
                        self.rep(rep)?.count = count;
                        return Ok(self.call(ctx, pc, ptr, rp + 3, ctx.toplevel, j1));
                    }
                    if op == MAX_UNTIL {
                        if (ctx.count < max as isize || max == MAXREPEAT) && self.ptr != last_ptr {
                            let count = ctx.count;
                            let cur = self.ptr;
                            self.rep(rep)?.count = count;
                            self.lastmark_save(ctx);
                            self.mark_push(ctx.lastmark);
                            self.data.push(last_ptr);
                            self.rep(rep)?.last_ptr = cur;
                            return Ok(self.call(ctx, pc, ptr, rp + 3, ctx.toplevel, Jump::MaxUntil2));
                        }
                        return self.max_until_tail(ctx, pc, ptr);
                    }
                    // MIN_UNTIL: try the tail first.
                    let prev = self.rep(rep)?.prev;
                    self.repeat = prev;
                    self.lastmark_save(ctx);
                    if self.repeat.is_some() {
                        self.mark_push(ctx.lastmark);
                    }
                    return Ok(self.call(ctx, pc, ptr, pc, ctx.toplevel, Jump::MinUntil2));
                }
                POSSESSIVE_REPEAT => {
                    self.ptr = ptr;
                    ctx.count = 0;
                    return self.poss_repeat_min(ctx, pc, ptr);
                }
                ATOMIC_GROUP => {
                    self.ptr = ptr;
                    return Ok(self.call(ctx, pc, ptr, pc + 1, false, Jump::Atomic));
                }
                GROUPREF | GROUPREF_IGNORE | GROUPREF_UNI_IGNORE | GROUPREF_LOC_IGNORE => {
                    let g = self.c(pc)? as isize * 2;
                    if g >= self.lastmark {
                        fail!();
                    }
                    let Some((mut p, e)) = self.group_span(g as usize) else { fail!() };
                    while p < e {
                        if ptr >= end {
                            fail!();
                        }
                        let (a, b) = (self.ch(ptr), self.ch(p));
                        let same = match op {
                            GROUPREF => a == b,
                            GROUPREF_IGNORE => lower_ascii(a) == lower_ascii(b),
                            GROUPREF_UNI_IGNORE => lower_unicode(a) == lower_unicode(b),
                            _ => lower_locale(a) == lower_locale(b),
                        };
                        if !same {
                            fail!();
                        }
                        p += 1;
                        ptr += 1;
                    }
                    pc += 1;
                }
                GROUPREF_EXISTS => {
                    let g = self.c(pc)? as isize * 2;
                    if g >= self.lastmark || self.group_span(g as usize).is_none() {
                        pc += self.c(pc + 1)? as usize;
                    } else {
                        pc += 2;
                    }
                }
                ASSERT => {
                    let back = self.c(pc + 1)? as isize;
                    if ptr < back {
                        fail!();
                    }
                    self.ptr = ptr - back;
                    return Ok(self.call(ctx, pc, ptr, pc + 2, false, Jump::Assert));
                }
                ASSERT_NOT => {
                    let back = self.c(pc + 1)? as isize;
                    if ptr >= back {
                        self.ptr = ptr - back;
                        self.lastmark_save(ctx);
                        if self.repeat.is_some() {
                            self.mark_push(ctx.lastmark);
                        }
                        return Ok(self.call(ctx, pc, ptr, pc + 2, false, Jump::AssertNot));
                    }
                    pc += self.c(pc)? as usize;
                }
                FAILURE => fail!(),
                _ => return Err(SreError::Illegal),
            }
        }
    }

    /// `pattern.match` / `fullmatch` from `self.start`.
    pub fn do_match(&mut self) -> R<bool> {
        self.ptr = self.start;
        self.run(0, true)
    }

    /// `pattern.search` from `self.start`: on success `self.start` is
    /// where the match begins and `self.ptr` where it ends.
    pub fn do_search(&mut self) -> R<bool> {
        let mut ptr = self.start;
        let end = self.end;
        if ptr > end {
            return Ok(false);
        }
        let mut pc = 0usize;
        let mut stop = end;
        if self.c(0)? == INFO {
            let min = self.c(3)? as isize;
            if min != 0 && end - ptr < min {
                return Ok(false);
            }
            if min > 1 {
                stop = end - (min - 1);
                if stop <= ptr {
                    stop = ptr;
                }
            }
            pc = 1 + self.c(1)? as usize;
        }
        self.start = ptr;
        self.ptr = ptr;
        let mut status = self.run(pc, true)?;
        self.must_advance = false;
        if !status && self.c(pc)? == AT && matches!(self.c(pc + 1)?, AT_BEGINNING | AT_BEGINNING_STRING) {
            self.start = end;
            self.ptr = end;
            return Ok(false);
        }
        while !status && ptr < stop {
            ptr += 1;
            self.lastmark = -1;
            self.lastindex = -1;
            self.start = ptr;
            self.ptr = ptr;
            status = self.run(pc, false)?;
        }
        Ok(status)
    }

    /// The span of group `g` (1-based) after a match, as CPython reads
    /// the marks: `Err(())` for a span whose start is after its end.
    pub fn span(&self, g: usize) -> Result<Option<(usize, usize)>, ()> {
        let j = (g - 1) * 2;
        if (j as isize) + 1 > self.lastmark {
            return Ok(None);
        }
        let (Some(&a), Some(&b)) = (self.marks.get(j), self.marks.get(j + 1)) else { return Ok(None) };
        if a < 0 || b < 0 {
            return Ok(None);
        }
        if a > b {
            return Err(());
        }
        Ok(Some((a as usize, b as usize)))
    }
}

// ----- validation -----

/// The checks CPython 3.11 makes on a code list in `_sre.compile`; `false`
/// means "invalid SRE code".
pub fn validate(code: &[u32], groups: usize) -> bool {
    if groups > MAXGROUPS as usize || code.last() != Some(&SUCCESS) {
        return false;
    }
    Validator { code, groups, depth: std::cell::Cell::new(0) }.inner(0, code.len() - 1)
}

struct Validator<'a> {
    code: &'a [u32],
    groups: usize,
    /// Nesting of blocks being checked: code from re._compiler nests as
    /// deep as the pattern's groups; far deeper hand-made code is refused
    /// rather than risking the Rust stack.
    depth: std::cell::Cell<u32>,
}

impl Validator<'_> {
    fn at(&self, i: usize, end: usize) -> Option<u32> {
        if i < end {
            self.code.get(i).copied()
        } else {
            None
        }
    }

    /// A skip word at `i`: its value, if `i + skip - adj` stays in bounds.
    fn skip(&self, i: usize, end: usize, adj: usize) -> Option<usize> {
        let skip = self.at(i, end)? as usize;
        let target = (i + skip).checked_sub(adj)?;
        if target < i || target > end {
            return None;
        }
        Some(skip)
    }

    fn charset(&self, mut i: usize, end: usize) -> bool {
        while i < end {
            let op = self.code[i];
            i += 1;
            match op {
                NEGATE => {}
                LITERAL => {
                    if self.at(i, end).is_none() {
                        return false;
                    }
                    i += 1;
                }
                RANGE | RANGE_UNI_IGNORE => {
                    if self.at(i + 1, end).is_none() {
                        return false;
                    }
                    i += 2;
                }
                CHARSET => {
                    if i + 8 > end {
                        return false;
                    }
                    i += 8;
                }
                BIGCHARSET => {
                    let Some(count) = self.at(i, end) else { return false };
                    i += 1;
                    if i + 64 > end {
                        return false;
                    }
                    for k in 0..256 {
                        if self.code[i + k / 4].to_le_bytes()[k % 4] as u32 >= count {
                            return false;
                        }
                    }
                    i += 64;
                    let Some(n) = (count as usize).checked_mul(8) else { return false };
                    if i + n > end {
                        return false;
                    }
                    i += n;
                }
                CATEGORY => match self.at(i, end) {
                    Some(c) if c <= 17 => i += 1,
                    _ => return false,
                },
                _ => return false,
            }
        }
        true
    }

    fn inner(&self, i: usize, end: usize) -> bool {
        if self.depth.get() > 10_000 {
            return false;
        }
        self.depth.set(self.depth.get() + 1);
        let ok = self.block(i, end);
        self.depth.set(self.depth.get() - 1);
        ok
    }

    fn block(&self, mut i: usize, end: usize) -> bool {
        if i > end {
            return false;
        }
        while i < end {
            let op = self.code[i];
            i += 1;
            match op {
                MARK => match self.at(i, end) {
                    Some(a) if (a as u64) <= 2 * self.groups as u64 + 1 => i += 1,
                    _ => return false,
                },
                LITERAL | NOT_LITERAL | LITERAL_IGNORE | NOT_LITERAL_IGNORE | LITERAL_UNI_IGNORE | NOT_LITERAL_UNI_IGNORE
                | LITERAL_LOC_IGNORE | NOT_LITERAL_LOC_IGNORE => {
                    if self.at(i, end).is_none() {
                        return false;
                    }
                    i += 1;
                }
                SUCCESS | FAILURE | ANY | ANY_ALL => {}
                AT => match self.at(i, end) {
                    Some(a) if a <= AT_UNI_NON_BOUNDARY => i += 1,
                    _ => return false,
                },
                IN | IN_IGNORE | IN_UNI_IGNORE | IN_LOC_IGNORE => {
                    let Some(skip) = self.skip(i, end, 0) else { return false };
                    if skip < 2 || !self.charset(i + 1, i + skip - 1) || self.code[i + skip - 1] != FAILURE {
                        return false;
                    }
                    i += skip;
                }
                INFO => {
                    let Some(skip) = self.skip(i, end, 0) else { return false };
                    let newcode = i + skip;
                    let (Some(flags), Some(_), Some(_)) = (self.at(i + 1, end), self.at(i + 2, end), self.at(i + 3, end)) else {
                        return false;
                    };
                    let mut c = i + 4;
                    if flags & !7 != 0 || (flags & 1 != 0 && flags & 4 != 0) || (flags & 2 != 0 && flags & 1 == 0) {
                        return false;
                    }
                    if flags & 1 != 0 {
                        let (Some(plen), Some(_)) = (self.at(c, end), self.at(c + 1, end)) else { return false };
                        let plen = plen as usize;
                        c += 2;
                        if newcode < c || plen > newcode - c {
                            return false;
                        }
                        c += plen;
                        if newcode < c || plen > newcode - c {
                            return false;
                        }
                        if self.code[c..c + plen].iter().any(|&o| o as usize >= plen) {
                            return false;
                        }
                        c += plen;
                    }
                    if flags & 4 != 0 {
                        if newcode == 0 || !self.charset(c, newcode - 1) || self.code.get(newcode - 1) != Some(&FAILURE) {
                            return false;
                        }
                        c = newcode;
                    } else if c != newcode {
                        return false;
                    }
                    i = c;
                }
                BRANCH => {
                    let mut target = None;
                    loop {
                        let Some(skip) = self.skip(i, end, 0) else { return false };
                        if skip == 0 {
                            i += 1;
                            break;
                        }
                        if skip < 3 || !self.inner(i + 1, i + skip - 2) {
                            return false;
                        }
                        let j = i + skip - 2;
                        if self.at(j, end) != Some(JUMP) {
                            return false;
                        }
                        let Some(skip2) = self.skip(j + 1, end, 0) else { return false };
                        let t = j + 1 + skip2;
                        match target {
                            None => target = Some(t),
                            Some(t0) if t0 != t => return false,
                            _ => {}
                        }
                        i = j + 2;
                    }
                }
                REPEAT_ONE | MIN_REPEAT_ONE | POSSESSIVE_REPEAT_ONE | REPEAT | POSSESSIVE_REPEAT => {
                    let Some(skip) = self.skip(i, end, 0) else { return false };
                    let (Some(min), Some(max)) = (self.at(i + 1, end), self.at(i + 2, end)) else { return false };
                    if min > max {
                        return false;
                    }
                    let one = matches!(op, REPEAT_ONE | MIN_REPEAT_ONE | POSSESSIVE_REPEAT_ONE);
                    let body_end = if one { (i + skip).checked_sub(1) } else { Some(i + skip) };
                    let Some(body_end) = body_end else { return false };
                    if !self.inner(i + 3, body_end) {
                        return false;
                    }
                    let Some(last) = self.at(body_end, end) else { return false };
                    let ok = match op {
                        REPEAT => last == MAX_UNTIL || last == MIN_UNTIL,
                        _ => last == SUCCESS,
                    };
                    if !ok {
                        return false;
                    }
                    i = body_end + 1;
                }
                ATOMIC_GROUP => {
                    let Some(skip) = self.skip(i, end, 0) else { return false };
                    let Some(body_end) = (i + skip).checked_sub(1) else { return false };
                    if !self.inner(i + 1, body_end) || self.at(body_end, end) != Some(SUCCESS) {
                        return false;
                    }
                    i = body_end + 1;
                }
                GROUPREF | GROUPREF_IGNORE | GROUPREF_UNI_IGNORE | GROUPREF_LOC_IGNORE => match self.at(i, end) {
                    Some(a) if (a as usize) < self.groups => i += 1,
                    _ => return false,
                },
                GROUPREF_EXISTS => {
                    match self.at(i, end) {
                        Some(a) if (a as usize) < self.groups => {}
                        _ => return false,
                    }
                    let s = i + 1;
                    let Some(skip) = self.skip(s, end, 1) else { return false };
                    if skip >= 3 && self.code.get(s + skip - 3) == Some(&JUMP) {
                        if !self.inner(s + 1, s + skip - 3) {
                            return false;
                        }
                        let p = s + skip - 2;
                        let Some(skipno) = self.skip(p, end, 0) else { return false };
                        let Some(no_end) = (p + skipno).checked_sub(0) else { return false };
                        if !self.inner(p + 1, no_end) {
                            return false;
                        }
                        i = no_end;
                    } else {
                        let Some(yes_end) = (s + skip).checked_sub(1) else { return false };
                        if !self.inner(s + 1, yes_end) {
                            return false;
                        }
                        i = yes_end;
                    }
                }
                ASSERT | ASSERT_NOT => {
                    let Some(skip) = self.skip(i, end, 0) else { return false };
                    let Some(back) = self.at(i + 1, end) else { return false };
                    if back & 0x8000_0000 != 0 {
                        return false;
                    }
                    let Some(body_end) = (i + skip).checked_sub(1) else { return false };
                    if !self.inner(i + 2, body_end) || self.at(body_end, end) != Some(SUCCESS) {
                        return false;
                    }
                    i = body_end + 1;
                }
                _ => return false,
            }
        }
        true
    }
}
