//! The event-based recursive-descent parser.
//!
//! The grammar functions (in `grammar/`) never build a tree: they emit
//! events — start a node, consume a token, finish a node — through
//! [`Parser`]. Markers must be completed or abandoned; `precede` wraps an
//! already completed node in a new parent, which is how left-recursive
//! constructs (binary operators, calls, `a = b`) are built. A checkpoint lets
//! the grammar try an alternative and rewind, for the few places where Python
//! needs more than one token of lookahead (`match` statements, parenthesized
//! `with` items).

mod grammar;

use crate::kind::SyntaxKind::{self, *};
use crate::lexer::{ErrorKind, Token};
use crate::TextRange;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub kind: ErrorKind,
    pub msg: String,
    pub range: TextRange,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Event {
    Start {
        kind: SyntaxKind,
        /// How many events later the parent given by `precede` starts
        /// (never 0: a `NonZeroU32` keeps an event in 8 bytes).
        forward_parent: Option<std::num::NonZeroU32>,
    },
    Finish,
    Token,
    Tombstone,
}

pub(crate) struct Parser<'t> {
    text: &'t str,
    tokens: &'t [Token],
    /// Indices into `tokens` of the tokens the grammar sees.
    sig: Vec<u32>,
    /// The kinds of those tokens (the grammar asks for them most).
    kinds: Vec<SyntaxKind>,
    pos: usize,
    pub(crate) events: Vec<Event>,
    pub(crate) errors: Vec<ParseError>,
    steps: u32,
    step_limit: u32,
    pub(crate) type_comments: bool,
    /// Where the expression statement being parsed starts (a position in
    /// `kinds`): `:=` is refused outside brackets there.
    pub(crate) stmt_expr_start: Option<usize>,
}

/// Whether the parser skips this token kind.
pub(crate) fn is_parser_trivia(kind: SyntaxKind, type_comments: bool) -> bool {
    kind.is_trivia() && !(type_comments && kind == TYPE_COMMENT)
}

impl<'t> Parser<'t> {
    pub(crate) fn new(text: &'t str, tokens: &'t [Token], type_comments: bool) -> Parser<'t> {
        let mut sig: Vec<u32> = Vec::with_capacity(tokens.len());
        let mut kinds: Vec<SyntaxKind> = Vec::with_capacity(tokens.len());
        for (i, t) in tokens.iter().enumerate() {
            if !is_parser_trivia(t.kind, type_comments) {
                sig.push(i as u32);
                kinds.push(t.kind);
            }
        }
        let step_limit = 64 * (sig.len() as u32).saturating_add(64);
        let sig_len = sig.len();
        Parser {
            text,
            tokens,
            sig,
            kinds,
            pos: 0,
            // About 2.3 events per significant token on the standard
            // library, never more than 2.75 in a file of any size but one.
            events: Vec::with_capacity(sig_len * 11 / 4 + 16),
            errors: Vec::new(),
            steps: 0,
            step_limit,
            type_comments,
            stmt_expr_start: None,
        }
    }

    /// Whether the current token is outside every bracket opened since the
    /// expression statement being parsed began.
    pub(crate) fn at_statement_level(&self) -> bool {
        let Some(start) = self.stmt_expr_start else { return false };
        let mut depth = 0i32;
        for &k in &self.kinds[start.min(self.pos)..self.pos] {
            match k {
                L_PAREN | L_BRACK | L_BRACE => depth += 1,
                R_PAREN | R_BRACK | R_BRACE => depth -= 1,
                _ => {}
            }
        }
        depth <= 0
    }

    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    fn token_at(&self, n: usize) -> Option<&Token> {
        self.sig.get(self.pos + n).map(|&i| &self.tokens[i as usize])
    }

    #[inline]
    pub(crate) fn nth(&mut self, n: usize) -> SyntaxKind {
        self.steps += 1;
        if self.steps > self.step_limit {
            return self.step_limit_exceeded();
        }
        self.kinds.get(self.pos + n).copied().unwrap_or(EOF)
    }

    #[cold]
    #[inline(never)]
    fn step_limit_exceeded(&mut self) -> SyntaxKind {
        if self.steps == self.step_limit + 1 {
            let at = self.text.len() as u32;
            self.errors.push(ParseError {
                kind: ErrorKind::Syntax,
                msg: "parser step limit exceeded (a bug in pyx)".into(),
                range: TextRange::new(at.into(), at.into()),
            });
        }
        EOF
    }

    #[inline]
    pub(crate) fn current(&mut self) -> SyntaxKind {
        self.nth(0)
    }

    #[inline]
    pub(crate) fn at(&mut self, kind: SyntaxKind) -> bool {
        self.nth(0) == kind
    }

    #[inline]
    pub(crate) fn nth_at(&mut self, n: usize, kind: SyntaxKind) -> bool {
        self.nth(n) == kind
    }

    /// The text of the `n`th token ahead ("" at the end).
    pub(crate) fn nth_text(&self, n: usize) -> &'t str {
        match self.token_at(n) {
            Some(t) => &self.text[t.start as usize..t.end as usize],
            None => "",
        }
    }

    /// Is the current token the soft keyword (or plain name) `text`?
    pub(crate) fn at_name(&mut self, text: &str) -> bool {
        self.at(NAME) && self.nth_text(0) == text
    }

    pub(crate) fn nth_range(&self, n: usize) -> TextRange {
        match self.token_at(n) {
            Some(t) => t.range(),
            None => {
                let end = self.text.len() as u32;
                TextRange::new(end.into(), end.into())
            }
        }
    }

    pub(crate) fn current_range(&self) -> TextRange {
        self.nth_range(0)
    }

    /// The range of the last consumed token.
    pub(crate) fn prev_range(&self) -> TextRange {
        if self.pos == 0 {
            return TextRange::new(0.into(), 0.into());
        }
        self.tokens[self.sig[self.pos - 1] as usize].range()
    }

    #[inline]
    pub(crate) fn bump(&mut self) {
        if self.pos < self.sig.len() {
            self.pos += 1;
            self.events.push(Event::Token);
        }
    }

    #[inline]
    pub(crate) fn eat(&mut self, kind: SyntaxKind) -> bool {
        if self.at(kind) {
            self.bump();
            true
        } else {
            false
        }
    }

    /// Consume `kind` or report `msg` at the current token.
    pub(crate) fn expect_msg(&mut self, kind: SyntaxKind, msg: &str) -> bool {
        if self.eat(kind) {
            true
        } else {
            self.error_here(msg);
            false
        }
    }

    pub(crate) fn expect(&mut self, kind: SyntaxKind) -> bool {
        self.expect_msg(kind, "invalid syntax")
    }

    /// CPython reports an error at the end of the input on the line of the
    /// final newline (its tokenizer does not move past it), not on the
    /// empty line after it.
    fn at_input_end(&self, range: TextRange) -> TextRange {
        let len = self.text.len() as u32;
        if u32::from(range.start()) < len {
            return range;
        }
        let at = if self.text.ends_with("\r\n") {
            len - 2
        } else if self.text.ends_with('\n') || self.text.ends_with('\r') {
            len - 1
        } else {
            len
        };
        TextRange::new(at.into(), at.into())
    }

    pub(crate) fn error_at(&mut self, range: TextRange, msg: impl Into<String>) {
        let range = self.at_input_end(range);
        let range = self.type_comment_body_range(range);
        // One error per position is enough: recovery paths often notice the
        // same problem twice.
        if self.errors.last().is_some_and(|e| e.range.start() == range.start()) {
            return;
        }
        self.errors.push(ParseError {
            kind: ErrorKind::Syntax,
            msg: msg.into(),
            range,
        });
    }

    pub(crate) fn error_kind_at(&mut self, kind: ErrorKind, range: TextRange, msg: impl Into<String>) {
        let range = self.at_input_end(range);
        self.errors.push(ParseError {
            kind,
            msg: msg.into(),
            range,
        });
    }

    /// CPython's TYPE_COMMENT token starts at the comment's text (after
    /// `# type:` and blanks): an error at one points there.
    fn type_comment_body_range(&self, range: TextRange) -> TextRange {
        if !self.type_comments || self.kinds.get(self.pos) != Some(&TYPE_COMMENT) || self.current_range() != range {
            return range;
        }
        let text = &self.text[usize::from(range.start())..usize::from(range.end())];
        match crate::lexer::type_comment_body(text) {
            Some(body) => TextRange::new(range.end() - crate::TextSize::from(body.len() as u32), range.end()),
            None => range,
        }
    }

    pub(crate) fn error_here(&mut self, msg: impl Into<String>) {
        let range = self.current_range();
        self.error_at(range, msg);
    }

    pub(crate) fn start(&mut self) -> Marker {
        let pos = self.events.len() as u32;
        self.events.push(Event::Tombstone);
        Marker { pos }
    }

    /// Wrap the current token in an ERROR node, consuming it.
    pub(crate) fn bump_error(&mut self) {
        let m = self.start();
        self.bump();
        m.complete(self, ERROR);
    }

    pub(crate) fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            events: self.events.len(),
            pos: self.pos,
            errors: self.errors.len(),
        }
    }

    pub(crate) fn rewind(&mut self, cp: Checkpoint) {
        self.events.truncate(cp.events);
        self.pos = cp.pos;
        self.errors.truncate(cp.errors);
    }

    pub(crate) fn errors_since(&self, cp: &Checkpoint) -> bool {
        self.errors.len() > cp.errors
    }

    /// A Python 2 statement call among the tokens consumed since `cp`: the
    /// name `print` or `exec` (not an attribute) followed by something that
    /// starts an expression other than `(`. Returns the range from the name
    /// to the last consumed token, and the name.
    pub(crate) fn legacy_call_since(
        &self,
        cp: &Checkpoint,
        starts_expr: fn(SyntaxKind) -> bool,
    ) -> Option<(TextRange, &'t str)> {
        let end = self.pos.min(self.sig.len());
        for i in cp.pos..end {
            let tok = &self.tokens[self.sig[i] as usize];
            let text = &self.text[tok.start as usize..tok.end as usize];
            if self.kinds[i] != NAME || !(text == "print" || text == "exec") {
                continue;
            }
            if i > cp.pos && self.kinds[i - 1] == DOT {
                continue;
            }
            let next = self.kinds.get(i + 1).copied().unwrap_or(EOF);
            if next == L_PAREN || !starts_expr(next) {
                continue;
            }
            let last = &self.tokens[self.sig[end - 1] as usize];
            let word: &'t str = if text == "print" { "print" } else { "exec" };
            return Some((TextRange::new(tok.start.into(), last.end.into()), word));
        }
        None
    }

    pub(crate) fn checkpoint_pos_eq(&self, cp: &Checkpoint) -> bool {
        self.pos == cp.pos
    }

    /// The 1-based line number of a byte offset (used only for messages).
    pub(crate) fn line_of(&self, offset: u32) -> usize {
        let end = (offset as usize).min(self.text.len());
        self.text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
    }

    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.sig.len()
    }
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Checkpoint {
    events: usize,
    pos: usize,
    errors: usize,
}

pub(crate) struct Marker {
    pos: u32,
}

impl Marker {
    pub(crate) fn complete(self, p: &mut Parser<'_>, kind: SyntaxKind) -> CompletedMarker {
        match &mut p.events[self.pos as usize] {
            ev @ Event::Tombstone => {
                *ev = Event::Start {
                    kind,
                    forward_parent: None,
                }
            }
            _ => unreachable!("a marker's slot holds its tombstone until completed"),
        }
        p.events.push(Event::Finish);
        CompletedMarker { pos: self.pos, kind }
    }

    pub(crate) fn abandon(self, p: &mut Parser<'_>) {
        if self.pos as usize == p.events.len() - 1 {
            p.events.pop();
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct CompletedMarker {
    pos: u32,
    kind: SyntaxKind,
}

impl CompletedMarker {
    pub(crate) fn precede(self, p: &mut Parser<'_>) -> Marker {
        let m = p.start();
        if let Event::Start { forward_parent, .. } = &mut p.events[self.pos as usize] {
            *forward_parent = std::num::NonZeroU32::new(m.pos - self.pos);
        }
        m
    }

    pub(crate) fn kind(&self) -> SyntaxKind {
        self.kind
    }

    /// Change the kind of a completed node (e.g. a parenthesized expression
    /// that turns out to be a tuple).
    pub(crate) fn change_kind(&mut self, p: &mut Parser<'_>, kind: SyntaxKind) {
        if let Event::Start { kind: k, .. } = &mut p.events[self.pos as usize] {
            *k = kind;
        }
        self.kind = kind;
    }
}

/// Parse a whole file's tokens into events and errors.
pub(crate) fn parse_file(text: &str, tokens: &[Token], type_comments: bool) -> (Vec<Event>, Vec<ParseError>) {
    let mut p = Parser::new(text, tokens, type_comments);
    grammar::file(&mut p);
    (p.events, p.errors)
}
