//! The lossless lexer: every byte of the text lands in exactly one token.
//!
//! Besides ordinary tokens it produces Python's layout tokens: `NEWLINE` at the
//! end of each logical line, and zero-width `INDENT`/`DEDENT` tokens placed
//! right before the first token of a line whose indentation changed. Newlines
//! that do not end a logical line (blank lines, newlines inside brackets) are
//! `NL` trivia.
//!
//! f-strings are split into `FSTRING_START`, `FSTRING_MIDDLE`, ordinary tokens
//! for each replacement field's expression, and `FSTRING_END`, so that the
//! parser can build real expression nodes for the fields. Where a string ends
//! is decided exactly as CPython 3.11 decides it (quote scanning only), so the
//! 3.11 rules — no reuse of the outer quote inside a field — hold.

use crate::kind::SyntaxKind::{self, *};
use crate::{TextRange, TextSize};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: SyntaxKind,
    pub start: u32,
    pub end: u32,
}

impl Token {
    pub fn range(&self) -> TextRange {
        TextRange::new(self.start.into(), self.end.into())
    }
    pub fn len(&self) -> u32 {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// What kind of error, so that the CLI can print `IndentationError` or
/// `TabError` where CPython does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Syntax,
    Indentation,
    Tab,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexError {
    pub kind: ErrorKind,
    pub msg: String,
    pub range: TextRange,
    /// For an unclosed bracket: where the bracket's line ends (see
    /// `SyntaxError::bracket_line_end`).
    pub bracket_line_end: Option<TextSize>,
}

/// The result of lexing a whole text.
#[derive(Debug, Default)]
pub struct Lexed {
    pub tokens: Vec<Token>,
    pub errors: Vec<LexError>,
}

pub fn lex(text: &str) -> Lexed {
    lex_with(text, true)
}

/// [`lex`] without the trivia the AST never needs: whitespace, comments,
/// blank-line newlines, line continuations and the byte-order mark (type
/// comments and `# type: ignore` stay). The tokens no longer cover the
/// whole text; the errors are the same as [`lex`]'s. For
/// [`crate::parse_ast`], which builds no lossless tree: a third fewer
/// tokens to store, filter out and replay.
pub fn lex_significant(text: &str) -> Lexed {
    lex_with(text, false)
}

fn lex_with(text: &str, keep_trivia: bool) -> Lexed {
    let mut lx = Lexer {
        keep_trivia,
        text,
        bytes: text.as_bytes(),
        pos: 0,
        tokens: Vec::with_capacity(text.len() / 3),
        errors: Vec::new(),
        indents: vec![(0, 0)],
        brackets: Vec::new(),
        line_has_token: false,
        at_line_start: true,
        unclosed_reported: false,
        too_deep_reported: false,
    };
    lx.run();
    Lexed {
        tokens: lx.tokens,
        errors: lx.errors,
    }
}

struct Lexer<'a> {
    /// Whether whitespace, comments, NL, continuations and the BOM are
    /// kept as tokens (see [`lex_significant`]).
    keep_trivia: bool,
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    tokens: Vec<Token>,
    errors: Vec<LexError>,
    /// Indentation levels as (column with tabs to multiples of 8, column with
    /// tabs counted as 1), to detect inconsistent tabs the way CPython does.
    indents: Vec<(u32, u32)>,
    /// Open brackets: (the bracket byte, its offset).
    brackets: Vec<(u8, usize)>,
    /// Whether the current logical line has had a significant token.
    line_has_token: bool,
    at_line_start: bool,
    /// Whether an unclosed bracket was already reported (CPython reports
    /// only one).
    unclosed_reported: bool,
    /// "too many nested parentheses" was reported (once per text).
    too_deep_reported: bool,
}

/// The trivia the AST never needs (the flat tree lowering walks leaves
/// the same kinds out).
#[inline]
pub(crate) fn is_ast_free_trivia(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        SyntaxKind::WHITESPACE | SyntaxKind::COMMENT | SyntaxKind::NL | SyntaxKind::LINE_CONTINUATION | SyntaxKind::BOM
    )
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || (!c.is_ascii() && crate::unicode_tables::is_xid_start(c))
}

fn is_name_continue(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || c == '_'
        || (!c.is_ascii() && crate::unicode_tables::is_xid_continue(c))
}

/// Where a string literal's quote starts, after a prefix of `prefix_len`
/// bytes, if the word at `pos` is a string prefix followed by a quote.
fn string_prefix(bytes: &[u8], pos: usize) -> Option<(usize, bool)> {
    // Returns (prefix length, is f-string).
    let mut i = pos;
    let mut f = false;
    let mut r = false;
    let mut b = false;
    let mut u = false;
    while i < bytes.len() && i - pos < 2 {
        match bytes[i] {
            b'f' | b'F' if !f && !b && !u => f = true,
            b'r' | b'R' if !r && !u => r = true,
            b'b' | b'B' if !b && !f && !u => b = true,
            b'u' | b'U' if i == pos => u = true,
            b'\'' | b'"' => return Some((i - pos, f)),
            _ => return None,
        }
        i += 1;
    }
    if u && i - pos == 2 {
        return None;
    }
    match bytes.get(i) {
        Some(b'\'') | Some(b'"') => Some((i - pos, f)),
        _ => None,
    }
}

impl<'a> Lexer<'a> {
    #[inline]
    fn push(&mut self, kind: SyntaxKind, start: usize, end: usize) {
        if !self.keep_trivia && is_ast_free_trivia(kind) {
            return;
        }
        self.tokens.push(Token {
            kind,
            start: start as u32,
            end: end as u32,
        });
    }

    fn error(&mut self, kind: ErrorKind, msg: impl Into<String>, start: usize, end: usize) {
        self.errors.push(LexError {
            kind,
            msg: msg.into(),
            range: TextRange::new((start as u32).into(), (end as u32).into()),
            bracket_line_end: None,
        });
    }

    /// "'(' was never closed", remembering where the bracket's line ends.
    fn unclosed_error(&mut self, c: char, at: usize) {
        self.error(ErrorKind::Syntax, format!("'{c}' was never closed"), at, at + 1);
        let eol = self.bytes[at..].iter().position(|&x| x == b'\n' || x == b'\r').map_or(self.bytes.len(), |i| at + i);
        if let Some(e) = self.errors.last_mut() {
            e.bracket_line_end = Some((eol as u32).into());
        }
    }

    fn peek(&self, off: usize) -> u8 {
        self.bytes.get(self.pos + off).copied().unwrap_or(0)
    }

    fn current_char(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn run(&mut self) {
        if self.text.starts_with('\u{feff}') {
            self.push(BOM, 0, 3);
            self.pos = 3;
        }
        while self.pos < self.bytes.len() {
            if self.at_line_start && self.brackets.is_empty() {
                self.at_line_start = false;
                if self.indentation() {
                    continue;
                }
            }
            if self.pos >= self.bytes.len() {
                break;
            }
            self.token(false);
        }
        self.finish();
    }

    fn finish(&mut self) {
        let end = self.bytes.len();
        if let Some(&(b, at)) = self.brackets.last().filter(|_| !self.unclosed_reported) {
            let c = b as char;
            self.unclosed_error(c, at);
        }
        if self.line_has_token {
            self.push(NEWLINE, end, end);
            self.line_has_token = false;
        }
        while self.indents.len() > 1 {
            self.indents.pop();
            self.push(DEDENT, end, end);
        }
    }

    /// At the start of a physical line outside brackets: consume the
    /// indentation, handle blank lines, and emit INDENT/DEDENT. Returns true
    /// if the line was blank (and fully consumed, including its newline).
    fn indentation(&mut self) -> bool {
        let start = self.pos;
        let mut col: u32 = 0;
        let mut altcol: u32 = 0;
        while self.pos < self.bytes.len() {
            match self.bytes[self.pos] {
                b' ' => {
                    col += 1;
                    altcol += 1;
                }
                b'\t' => {
                    col = (col / 8 + 1) * 8;
                    altcol += 1;
                }
                b'\x0c' => {
                    col = 0;
                    altcol = 0;
                }
                _ => break,
            }
            self.pos += 1;
        }
        if self.pos > start {
            self.push(WHITESPACE, start, self.pos);
        }
        // Blank lines (only whitespace and a comment) do not affect indentation.
        match self.peek(0) {
            b'#' => {
                self.comment();
                if self.pos < self.bytes.len() {
                    self.newline(true);
                }
                self.at_line_start = true;
                return true;
            }
            b'\n' | b'\r' => {
                self.newline(true);
                self.at_line_start = true;
                return true;
            }
            0 if self.pos >= self.bytes.len() => return true,
            b'\\' => {
                // A line continuation right after the indentation: CPython
                // measures the indentation here and continues the line.
            }
            _ => {}
        }
        let &(cur, curalt) = self.indents.last().expect("indent stack is never empty");
        if col == cur {
            if altcol != curalt {
                self.tab_error();
            }
        } else if col > cur {
            if altcol <= curalt {
                self.tab_error();
            }
            if self.indents.len() >= 100 {
                // CPython's tokenizer keeps at most 100 levels.
                let start = self.text[..self.pos].rfind(['\n', '\r']).map_or(0, |i| i + 1);
                let end = self.line_end(self.pos);
                self.error(ErrorKind::Indentation, "too many levels of indentation", start, end);
            }
            self.indents.push((col, altcol));
            self.push(INDENT, self.pos, self.pos);
        } else {
            while self.indents.len() > 1 && col < self.indents.last().expect("non-empty").0 {
                self.indents.pop();
                self.push(DEDENT, self.pos, self.pos);
            }
            let &(now, nowalt) = self.indents.last().expect("indent stack is never empty");
            if col != now {
                let line_start = start;
                let line_end = self.line_end(self.pos);
                self.error(
                    ErrorKind::Indentation,
                    "unindent does not match any outer indentation level",
                    line_start,
                    line_end,
                );
            } else if altcol != nowalt {
                self.tab_error();
            }
        }
        false
    }

    fn tab_error(&mut self) {
        let end = self.line_end(self.pos);
        self.error(
            ErrorKind::Tab,
            "inconsistent use of tabs and spaces in indentation",
            self.pos,
            end,
        );
    }

    fn line_end(&self, from: usize) -> usize {
        let mut i = from;
        while i < self.bytes.len() && self.bytes[i] != b'\n' && self.bytes[i] != b'\r' {
            i += 1;
        }
        i
    }

    fn comment(&mut self) {
        let start = self.pos;
        let end = self.line_end(start);
        self.pos = end;
        let kind = classify_comment(&self.text[start..end]);
        self.push(kind, start, end);
    }

    /// Consume a newline sequence at `pos`; `blank` says whether it ends a
    /// blank line (or one inside brackets), making it `NL` trivia.
    fn newline(&mut self, blank: bool) {
        let start = self.pos;
        if self.peek(0) == b'\r' && self.peek(1) == b'\n' {
            self.pos += 2;
        } else {
            self.pos += 1;
        }
        if !blank && !self.brackets.is_empty() && self.statement_keyword_follows() {
            // Recovery for editors: a bracket left open before a line that
            // starts with a keyword no expression can contain (`def`,
            // `return`, ...) was never going to be closed. Closing it here
            // keeps the following statements out of the broken expression;
            // the error is the one CPython reports at the end of the file.
            let &(b, at) = self.brackets.last().expect("checked non-empty");
            self.unclosed_error(b as char, at);
            self.brackets.clear();
            self.unclosed_reported = true;
        }
        if blank || !self.line_has_token || !self.brackets.is_empty() {
            self.push(NL, start, self.pos);
        } else {
            self.push(NEWLINE, start, self.pos);
            self.line_has_token = false;
            self.at_line_start = true;
        }
    }

    /// Does the next physical line start with a keyword that can only begin
    /// a statement (so it cannot continue an expression inside brackets)?
    fn statement_keyword_follows(&self) -> bool {
        let mut i = self.pos;
        while i < self.bytes.len() && matches!(self.bytes[i], b' ' | b'\t' | b'\x0c') {
            i += 1;
        }
        let start = i;
        while i < self.bytes.len() && (self.bytes[i].is_ascii_alphanumeric() || self.bytes[i] == b'_') {
            i += 1;
        }
        if i < self.bytes.len() && self.bytes[i] >= 0x80 {
            return false;
        }
        matches!(
            &self.text[start..i],
            "def" | "class" | "return" | "import" | "with" | "while" | "try" | "except" | "finally" | "elif"
                | "pass" | "break" | "continue" | "raise" | "del" | "global" | "nonlocal" | "assert"
        )
    }

    /// Lex one token at `pos`. Inside an f-string replacement field
    /// (`in_fstring`) newlines are always trivia.
    fn token(&mut self, in_fstring: bool) {
        let start = self.pos;
        let b = self.bytes[self.pos];
        // The commonest tokens first, each behind one test rather than the
        // jump through the table below: a name (not a string prefix) and
        // a single space.
        if (b.is_ascii_lowercase() && !matches!(b, b'b' | b'f' | b'r' | b'u')) || b == b'_' {
            self.line_has_token = true;
            self.name();
            return;
        }
        if b == b' ' && !matches!(self.peek(1), b' ' | b'\t' | b'\x0c') {
            self.pos += 1;
            self.push(WHITESPACE, start, self.pos);
            return;
        }
        match b {
            b' ' | b'\t' | b'\x0c' => {
                while matches!(self.peek(0), b' ' | b'\t' | b'\x0c') {
                    self.pos += 1;
                }
                self.push(WHITESPACE, start, self.pos);
            }
            b'#' => self.comment(),
            b'\n' | b'\r' => {
                if in_fstring {
                    self.newline(true);
                } else {
                    self.newline(false);
                }
            }
            b'\\' => {
                let next = self.peek(1);
                if next == b'\n' || next == b'\r' {
                    self.pos += 1;
                    if self.peek(0) == b'\r' && self.peek(1) == b'\n' {
                        self.pos += 2;
                    } else {
                        self.pos += 1;
                    }
                    self.push(LINE_CONTINUATION, start, self.pos);
                    if self.pos >= self.bytes.len() {
                        self.error(ErrorKind::Syntax, "unexpected EOF while parsing", start, self.pos);
                    }
                } else {
                    self.pos += 1;
                    self.push(ERROR_TOKEN, start, self.pos);
                    let msg = if next == 0 && self.pos >= self.bytes.len() {
                        "unexpected EOF while parsing"
                    } else {
                        "unexpected character after line continuation character"
                    };
                    self.error(ErrorKind::Syntax, msg, start, self.pos);
                }
            }
            b'0'..=b'9' => {
                self.line_has_token = true;
                self.number();
            }
            b'.' if self.peek(1).is_ascii_digit() => {
                self.line_has_token = true;
                self.number();
            }
            b'\'' | b'"' => {
                self.line_has_token = true;
                self.string(0, false);
            }
            _ if b.is_ascii_alphabetic() || b == b'_' || b >= 0x80 => {
                self.line_has_token = true;
                if b.is_ascii_alphabetic() {
                    if let Some((plen, is_f)) = string_prefix(self.bytes, self.pos) {
                        self.string(plen, is_f);
                        return;
                    }
                }
                self.name();
            }
            _ => {
                self.line_has_token = true;
                self.operator();
            }
        }
    }

    fn name(&mut self) {
        /// Which bytes continue an ASCII name: letters, digits, `_`.
        const ASCII_NAME_CONTINUE: [bool; 256] = {
            let mut t = [false; 256];
            let mut c = 0;
            while c < 256 {
                let b = c as u8;
                t[c] = b.is_ascii_alphanumeric() || b == b'_';
                c += 1;
            }
            t
        };
        let start = self.pos;
        let mut first = true;
        // ASCII names (nearly all) without decoding characters.
        let b = self.bytes;
        if b[start].is_ascii_alphabetic() || b[start] == b'_' {
            let mut i = start + 1;
            while i < b.len() && ASCII_NAME_CONTINUE[b[i] as usize] {
                i += 1;
            }
            self.pos = i;
            first = false;
        }
        // An ASCII name ends at an ASCII byte (or the end): no character
        // to decode. Only a non-ASCII character can continue it.
        let ended = !first && b.get(self.pos).is_none_or(|&c| c < 0x80);
        while let Some(c) = self.current_char().filter(|_| !ended) {
            let ok = if first { is_name_start(c) } else { is_name_continue(c) };
            if !ok {
                break;
            }
            first = false;
            self.pos += c.len_utf8();
        }
        if self.pos == start {
            // Not an identifier character at all.
            let c = self.current_char().expect("name() is called with input left");
            self.pos += c.len_utf8();
            self.push(ERROR_TOKEN, start, self.pos);
            self.invalid_character(c, start);
            return;
        }
        let text = &self.text[start..self.pos];
        let kind = SyntaxKind::keyword(text).unwrap_or(NAME);
        self.push(kind, start, self.pos);
    }

    fn invalid_character(&mut self, c: char, start: usize) {
        let msg = if crate::unicode_tables::is_printable(c as u32) {
            format!("invalid character '{c}' (U+{:04X})", c as u32)
        } else {
            format!("invalid non-printable character U+{:04X}", c as u32)
        };
        self.error(ErrorKind::Syntax, msg, start, start + c.len_utf8());
    }

    fn operator(&mut self) {
        let start = self.pos;
        let b0 = self.peek(0);
        let b1 = self.peek(1);
        let b2 = self.peek(2);
        let (kind, len) = match (b0, b1, b2) {
            (b'*', b'*', b'=') => (DSTAREQ, 3),
            (b'/', b'/', b'=') => (DSLASHEQ, 3),
            (b'<', b'<', b'=') => (LSHIFTEQ, 3),
            (b'>', b'>', b'=') => (RSHIFTEQ, 3),
            (b'.', b'.', b'.') => (ELLIPSIS, 3),
            (b'*', b'*', _) => (DSTAR, 2),
            (b'/', b'/', _) => (DSLASH, 2),
            (b'<', b'<', _) => (LSHIFT, 2),
            (b'>', b'>', _) => (RSHIFT, 2),
            (b'<', b'=', _) => (LE, 2),
            (b'>', b'=', _) => (GE, 2),
            (b'=', b'=', _) => (EQEQ, 2),
            (b'!', b'=', _) => (NE, 2),
            (b'-', b'>', _) => (ARROW, 2),
            (b':', b'=', _) => (COLONEQ, 2),
            (b'+', b'=', _) => (PLUSEQ, 2),
            (b'-', b'=', _) => (MINUSEQ, 2),
            (b'*', b'=', _) => (STAREQ, 2),
            (b'/', b'=', _) => (SLASHEQ, 2),
            (b'%', b'=', _) => (PERCENTEQ, 2),
            (b'@', b'=', _) => (ATEQ, 2),
            (b'&', b'=', _) => (AMPEQ, 2),
            (b'|', b'=', _) => (PIPEEQ, 2),
            (b'^', b'=', _) => (CARETEQ, 2),
            (b'(', ..) => (L_PAREN, 1),
            (b')', ..) => (R_PAREN, 1),
            (b'[', ..) => (L_BRACK, 1),
            (b']', ..) => (R_BRACK, 1),
            (b'{', ..) => (L_BRACE, 1),
            (b'}', ..) => (R_BRACE, 1),
            (b',', ..) => (COMMA, 1),
            (b':', ..) => (COLON, 1),
            (b';', ..) => (SEMI, 1),
            (b'.', ..) => (DOT, 1),
            (b'@', ..) => (AT, 1),
            (b'=', ..) => (EQ, 1),
            (b'+', ..) => (PLUS, 1),
            (b'-', ..) => (MINUS, 1),
            (b'*', ..) => (STAR, 1),
            (b'/', ..) => (SLASH, 1),
            (b'%', ..) => (PERCENT, 1),
            (b'&', ..) => (AMP, 1),
            (b'|', ..) => (PIPE, 1),
            (b'^', ..) => (CARET, 1),
            (b'~', ..) => (TILDE, 1),
            (b'<', ..) => (LT, 1),
            (b'>', ..) => (GT, 1),
            (b'!', ..) => (BANG, 1),
            _ => {
                let c = self.current_char().expect("operator() is called with input left");
                self.pos += c.len_utf8();
                self.push(ERROR_TOKEN, start, self.pos);
                // CPython's tokenizer passes `$`, `?` and `` ` `` on as
                // operators its grammar then rejects ("invalid syntax").
                if !c.is_ascii_graphic() {
                    self.invalid_character(c, start);
                }
                return;
            }
        };
        self.pos += len;
        match kind {
            L_PAREN | L_BRACK | L_BRACE => {
                // CPython's tokenizer keeps at most 200 open brackets.
                if self.brackets.len() == 200 && !self.too_deep_reported {
                    self.too_deep_reported = true;
                    self.error(ErrorKind::Syntax, "too many nested parentheses", start, start + 1);
                }
                self.brackets.push((b0, start))
            }
            R_PAREN | R_BRACK | R_BRACE => self.close_bracket(b0, start),
            _ => {}
        }
        self.push(kind, start, self.pos);
    }

    fn close_bracket(&mut self, b: u8, at: usize) {
        let want = match b {
            b')' => b'(',
            b']' => b'[',
            _ => b'{',
        };
        match self.brackets.last() {
            None => {
                self.error(ErrorKind::Syntax, format!("unmatched '{}'", b as char), at, at + 1);
            }
            Some(&(open, open_at)) if open != want => {
                let open_line = self.text[..open_at].matches('\n').count();
                let close_line = self.text[..at].matches('\n').count();
                let msg = if open_line == close_line {
                    format!(
                        "closing parenthesis '{}' does not match opening parenthesis '{}'",
                        b as char, open as char
                    )
                } else {
                    format!(
                        "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                        b as char,
                        open as char,
                        open_line + 1
                    )
                };
                self.error(ErrorKind::Syntax, msg, at, at + 1);
                self.brackets.pop();
            }
            Some(_) => {
                self.brackets.pop();
            }
        }
    }

    fn digits(&mut self, ok: fn(u8) -> bool) -> bool {
        // Digits with single underscores between them. Returns false on a
        // misplaced underscore.
        let mut good = true;
        loop {
            while ok(self.peek(0)) {
                self.pos += 1;
            }
            if self.peek(0) == b'_' {
                self.pos += 1;
                if !ok(self.peek(0)) {
                    good = false;
                    break;
                }
            } else {
                break;
            }
        }
        good
    }

    fn number(&mut self) {
        let start = self.pos;
        // CPython names the kind of literal in its messages.
        let mut kind = "decimal";
        let mut error: Option<String> = None;
        if self.peek(0) == b'0' && matches!(self.peek(1), b'x' | b'X' | b'o' | b'O' | b'b' | b'B') {
            let base = self.peek(1).to_ascii_lowercase();
            self.pos += 2;
            if self.peek(0) == b'_' {
                self.pos += 1;
            }
            let ok: fn(u8) -> bool = match base {
                b'x' => |c| c.is_ascii_hexdigit(),
                b'o' => |c| (b'0'..=b'7').contains(&c),
                _ => |c| c == b'0' || c == b'1',
            };
            kind = match base {
                b'x' => "hexadecimal",
                b'o' => "octal",
                _ => "binary",
            };
            let before = self.pos;
            if !self.digits(ok) || self.pos == before {
                error = Some(format!("invalid {kind} literal"));
            } else if base != b'x' && self.peek(0).is_ascii_digit() {
                error = Some(format!("invalid digit '{}' in {kind} literal", self.peek(0) as char));
            }
        } else {
            let mut is_float = false;
            let mut bad = false;
            if self.peek(0) != b'.' {
                if !self.digits(|c| c.is_ascii_digit()) {
                    bad = true;
                }
            }
            if !bad && self.peek(0) == b'.' {
                is_float = true;
                self.pos += 1;
                if self.peek(0).is_ascii_digit() && !self.digits(|c| c.is_ascii_digit()) {
                    bad = true;
                }
            }
            if !bad && matches!(self.peek(0), b'e' | b'E') {
                let save = self.pos;
                self.pos += 1;
                if matches!(self.peek(0), b'+' | b'-') {
                    self.pos += 1;
                }
                if self.peek(0).is_ascii_digit() {
                    is_float = true;
                    if !self.digits(|c| c.is_ascii_digit()) {
                        bad = true;
                    }
                } else {
                    self.pos = save;
                }
            }
            if bad {
                error = Some("invalid decimal literal".into());
            } else if matches!(self.peek(0), b'j' | b'J') {
                self.pos += 1;
                kind = "imaginary";
            } else if !is_float {
                let text = &self.bytes[start..self.pos];
                if text.len() > 1 && text[0] == b'0' && text.iter().any(|&c| c != b'0' && c != b'_') {
                    error = Some(
                        "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"
                            .into(),
                    );
                }
            }
        }
        if error.is_none() && !self.number_may_end_here() {
            error = Some(format!("invalid {kind} literal"));
        }
        if let Some(msg) = error {
            let end = match self.current_char() {
                Some(c) if is_name_continue(c) => self.pos + c.len_utf8(),
                _ => self.pos,
            };
            self.error(ErrorKind::Syntax, msg, start, end.max(self.pos));
        }
        self.push(NUMBER, start, self.pos);
    }

    /// May a number literal end at the current position? Not if a letter,
    /// digit or underscore follows, except (as CPython allows, with a
    /// deprecation warning) a keyword that can follow a number: `1if x else
    /// 2`, `0x1for`, `1in y`.
    fn number_may_end_here(&self) -> bool {
        let Some(c) = self.current_char() else {
            return true;
        };
        if !c.is_ascii() {
            return !is_name_start(c);
        }
        if !(c.is_ascii_alphanumeric() || c == '_') {
            return true;
        }
        let rest = &self.bytes[self.pos..];
        ["and", "else", "for", "if", "in", "is", "not", "or"].iter().any(|kw| {
            rest.starts_with(kw.as_bytes())
                && rest.get(kw.len()).map_or(true, |&b| !(b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80))
        })
    }

    /// Find the end of a string literal whose quote starts at `q`, as
    /// CPython's tokenizer does. Returns (end offset, quote length,
    /// terminated).
    fn scan_string(&self, q: usize) -> (usize, usize, bool) {
        let quote = self.bytes[q];
        let triple = self.bytes.get(q + 1) == Some(&quote) && self.bytes.get(q + 2) == Some(&quote);
        let qlen = if triple { 3 } else { 1 };
        let mut i = q + qlen;
        if triple {
            // Docstrings: jump from one backslash or quote to the next.
            while let Some(j) = memchr::memchr2(b'\\', quote, &self.bytes[i.min(self.bytes.len())..]) {
                i += j;
                if self.bytes[i] == b'\\' {
                    i += 2;
                    // A backslash before \r\n escapes both.
                    if i <= self.bytes.len() && self.bytes[i - 1] == b'\r' && self.bytes.get(i) == Some(&b'\n') {
                        i += 1;
                    }
                    continue;
                }
                if self.bytes.get(i + 1) == Some(&quote) && self.bytes.get(i + 2) == Some(&quote) {
                    return (i + 3, qlen, true);
                }
                i += 1;
            }
            return (self.bytes.len(), qlen, false);
        }
        while i < self.bytes.len() {
            let c = self.bytes[i];
            if c == b'\\' {
                i += 2;
                // A backslash before \r\n escapes both.
                if i <= self.bytes.len() && self.bytes[i - 1] == b'\r' && self.bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                continue;
            }
            if c == quote {
                if !triple {
                    return (i + 1, qlen, true);
                }
                if self.bytes.get(i + 1) == Some(&quote) && self.bytes.get(i + 2) == Some(&quote) {
                    return (i + 3, qlen, true);
                }
            } else if !triple && (c == b'\n' || c == b'\r') {
                return (i, qlen, false);
            }
            i += 1;
        }
        (self.bytes.len().min(i), qlen, false)
    }

    fn string(&mut self, prefix_len: usize, is_f: bool) {
        let start = self.pos;
        let q = start + prefix_len;
        let (end, qlen, terminated) = self.scan_string(q);
        if !terminated {
            let mut line = self.text[..self.pos].matches('\n').count() + 1 + if qlen == 3 { self.text[start..end].matches('\n').count() } else { 0 };
            // At the end of the input CPython's tokenizer is still on the
            // line of the final newline.
            if qlen == 3 && end == self.bytes.len() && self.text.ends_with('\n') {
                line -= 1;
            }
            let msg = if qlen == 3 {
                format!("unterminated triple-quoted string literal (detected at line {line})")
            } else {
                format!("unterminated string literal (detected at line {line})")
            };
            self.error(ErrorKind::Syntax, msg, start, end);
            self.pos = end;
            self.push(if is_f { ERROR_TOKEN } else { STRING }, start, end);
            if !is_f {
                // Keep going: the rest of the line is lexed normally.
            }
            return;
        }
        if !is_f {
            self.pos = end;
            self.push(STRING, start, end);
            return;
        }
        self.fstring(start, q + qlen, end - qlen, end);
    }

    /// Split an f-string into its pieces. `body` .. `body_end` is the text
    /// between the quotes.
    fn fstring(&mut self, start: usize, body: usize, body_end: usize, end: usize) {
        self.push(FSTRING_START, start, body);
        self.pos = body;
        let raw = self.bytes[start..body].iter().any(|&c| c == b'r' || c == b'R');
        self.fstring_body(body_end, 0, start, raw);
        self.pos = body_end;
        self.push(FSTRING_END, body_end, end);
        self.pos = end;
    }

    /// Lex literal text and replacement fields up to `until`. `spec_depth` is
    /// 0 for the f-string itself and 1+ inside a format spec, where `{{` is not
    /// an escape and a `}` ends the spec.
    fn fstring_body(&mut self, until: usize, spec_depth: u32, fstart: usize, raw: bool) {
        let mut lit_start = self.pos;
        while self.pos < until {
            let c = self.bytes[self.pos];
            if c == b'{' {
                if spec_depth == 0 && self.bytes.get(self.pos + 1) == Some(&b'{') && self.pos + 1 < until {
                    self.pos += 2;
                    continue;
                }
                if self.pos > lit_start {
                    self.push(FSTRING_MIDDLE, lit_start, self.pos);
                }
                self.replacement_field(until, spec_depth, fstart, raw);
                lit_start = self.pos;
            } else if c == b'}' {
                if spec_depth > 0 {
                    // The end of this format spec.
                    break;
                }
                if self.bytes.get(self.pos + 1) == Some(&b'}') && self.pos + 1 < until {
                    self.pos += 2;
                    continue;
                }
                self.error(ErrorKind::Syntax, "f-string: single '}' is not allowed", fstart, until);
                self.pos += 1;
            } else if c == b'\\' && self.pos + 1 < until {
                let next = self.bytes[self.pos + 1];
                if next == b'\\' {
                    self.pos += 2;
                } else if !raw && next == b'N' && self.bytes.get(self.pos + 2) == Some(&b'{') {
                    // A named escape `\N{...}`: its braces are not a field.
                    self.pos += 3;
                    while self.pos < until && self.bytes[self.pos] != b'}' {
                        self.pos += 1;
                    }
                    self.pos = (self.pos + 1).min(until);
                } else {
                    self.pos += 1;
                }
            } else {
                self.pos += 1;
            }
        }
        if self.pos > lit_start {
            self.push(FSTRING_MIDDLE, lit_start, self.pos);
        }
    }

    /// Find where the expression of a replacement field ends, as CPython
    /// 3.11's f-string scanner does: at depth 0, a `!` not followed by `=`,
    /// a `:`, a `}`, or a lone `=`. Strings inside are skipped whole.
    fn scan_field_expr(&mut self, from: usize, until: usize, fstart: usize) -> usize {
        let mut i = from;
        let mut depth: Vec<u8> = Vec::new();
        while i < until {
            let c = self.bytes[i];
            match c {
                b'\\' => {
                    self.error(
                        ErrorKind::Syntax,
                        "f-string expression part cannot include a backslash",
                        fstart,
                        until,
                    );
                    i += 1;
                    continue;
                }
                b'\'' | b'"' => {
                    let triple = i + 2 < until && self.bytes[i + 1] == c && self.bytes[i + 2] == c;
                    let ql = if triple { 3 } else { 1 };
                    let mut j = i + ql;
                    let mut closed = false;
                    while j < until {
                        if self.bytes[j] == c
                            && (!triple || (j + 2 < until && self.bytes[j + 1] == c && self.bytes[j + 2] == c))
                        {
                            j += ql;
                            closed = true;
                            break;
                        }
                        j += 1;
                    }
                    if !closed {
                        self.error(
                            ErrorKind::Syntax,
                            "f-string: unterminated string",
                            fstart,
                            until,
                        );
                    }
                    i = j;
                    continue;
                }
                b'(' | b'[' | b'{' => depth.push(c),
                b')' | b']' | b'}' => {
                    if depth.is_empty() {
                        if c == b'}' {
                            return i;
                        }
                    } else {
                        depth.pop();
                    }
                }
                b'#' => {
                    self.error(
                        ErrorKind::Syntax,
                        "f-string expression part cannot include '#'",
                        fstart,
                        until,
                    );
                }
                b'!' if depth.is_empty() && self.bytes.get(i + 1) != Some(&b'=') => return i,
                b':' if depth.is_empty() => return i,
                b'=' if depth.is_empty() => {
                    let next = self.bytes.get(i + 1).copied();
                    let prev = if i > from { self.bytes[i - 1] } else { 0 };
                    if next != Some(b'=') && !matches!(prev, b'=' | b'!' | b'<' | b'>') {
                        return i;
                    }
                    if next == Some(b'=') {
                        i += 2;
                        continue;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        until
    }

    fn replacement_field(&mut self, until: usize, spec_depth: u32, fstart: usize, raw: bool) {
        let open = self.pos;
        if spec_depth >= 2 {
            // CPython 3.11 allows a replacement field inside a format spec,
            // but not one inside that field's own spec.
            self.error(ErrorKind::Syntax, "f-string: expressions nested too deeply", fstart, until);
        }
        self.push(L_BRACE, open, open + 1);
        self.pos += 1;
        let expr_end = self.scan_field_expr(self.pos, until, fstart);
        // Lex the expression with the ordinary lexer, newlines as trivia.
        // The field's tokens must not run past its end (a stray quote inside
        // a malformed field would), so the lexer sees the text cut there.
        let saved_brackets = std::mem::take(&mut self.brackets);
        let saved_line = self.line_has_token;
        let (full_text, full_bytes) = (self.text, self.bytes);
        self.text = &full_text[..expr_end];
        self.bytes = &full_bytes[..expr_end];
        while self.pos < expr_end {
            self.token(true);
        }
        self.text = full_text;
        self.bytes = full_bytes;
        if !self.brackets.is_empty() {
            self.error(ErrorKind::Syntax, "f-string: expecting '}'", fstart, until);
        }
        self.brackets = saved_brackets;
        self.line_has_token = saved_line;
        // Self-documenting `=`.
        if self.peek(0) == b'=' && self.pos < until {
            self.push(EQ, self.pos, self.pos + 1);
            self.pos += 1;
            self.field_trivia(until);
        }
        if self.peek(0) == b'!' && self.pos < until {
            self.push(BANG, self.pos, self.pos + 1);
            self.pos += 1;
            let s = self.pos;
            while self.pos < until && (self.bytes[self.pos].is_ascii_alphanumeric() || self.bytes[self.pos] == b'_') {
                self.pos += 1;
            }
            if self.pos > s {
                self.push(NAME, s, self.pos);
            }
        }
        if self.peek(0) == b':' && self.pos < until {
            self.push(COLON, self.pos, self.pos + 1);
            self.pos += 1;
            self.fstring_body(until, spec_depth + 1, fstart, raw);
        }
        if self.pos < until && self.bytes[self.pos] == b'}' {
            self.push(R_BRACE, self.pos, self.pos + 1);
            self.pos += 1;
        } else {
            self.error(ErrorKind::Syntax, "f-string: expecting '}'", fstart, until);
        }
    }

    fn field_trivia(&mut self, until: usize) {
        let s = self.pos;
        while self.pos < until && matches!(self.bytes[self.pos], b' ' | b'\t' | b'\x0c' | b'\n' | b'\r') {
            self.pos += 1;
        }
        if self.pos > s {
            self.push(WHITESPACE, s, self.pos);
        }
    }
}

/// Classify a comment's text (starting with `#`) as a plain comment, a type
/// comment or a `type: ignore` comment, following CPython's tokenizer: the
/// prefix `# type: ` where each space stands for any run of spaces and tabs.
pub fn classify_comment(text: &str) -> SyntaxKind {
    match type_comment_body(text) {
        None => COMMENT,
        Some(rest) => {
            if is_type_ignore(rest) {
                TYPE_IGNORE
            } else {
                TYPE_COMMENT
            }
        }
    }
}

/// The text after the `# type:` prefix (and the spaces after it).
pub fn type_comment_body(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    let mut i = 0;
    if b.first() != Some(&b'#') {
        return None;
    }
    i += 1;
    while matches!(b.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    if !b[i..].starts_with(b"type:") {
        return None;
    }
    i += 5;
    while matches!(b.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    Some(&text[i..])
}

fn is_type_ignore(rest: &str) -> bool {
    let b = rest.as_bytes();
    if !b.starts_with(b"ignore") {
        return false;
    }
    match b.get(6) {
        None => true,
        Some(&c) => !(c >= 128 || c.is_ascii_alphanumeric()),
    }
}
