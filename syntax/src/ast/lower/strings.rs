//! Lowering of literals: numbers, strings, bytes, implicit concatenation and
//! f-strings (with CPython 3.11's positions: every piece of an f-string gets
//! the range of the whole concatenated literal, while the expressions inside
//! replacement fields keep their own).

use super::*;

/// Decoded literal text: UTF-8 while it can be, code points once a lone
/// surrogate appears.
enum Buf {
    Utf8(String),
    Wide(Vec<u32>),
}

impl Buf {
    fn new() -> Buf {
        Buf::Utf8(String::new())
    }
    fn push(&mut self, c: u32) {
        match self {
            Buf::Utf8(s) => match char::from_u32(c) {
                Some(ch) => s.push(ch),
                None => {
                    let mut v: Vec<u32> = s.chars().map(|c| c as u32).collect();
                    v.push(c);
                    *self = Buf::Wide(v);
                }
            },
            Buf::Wide(v) => v.push(c),
        }
    }
    fn push_str(&mut self, text: &str) {
        match self {
            Buf::Utf8(s) => s.push_str(text),
            Buf::Wide(v) => v.extend(text.chars().map(|c| c as u32)),
        }
    }
    fn is_empty(&self) -> bool {
        match self {
            Buf::Utf8(s) => s.is_empty(),
            Buf::Wide(v) => v.is_empty(),
        }
    }
    fn take(&mut self) -> PyStr {
        match std::mem::replace(self, Buf::new()) {
            Buf::Utf8(s) => PyStr::Utf8(s),
            Buf::Wide(v) => PyStr::from_code_points(v),
        }
    }
}

struct Prefix {
    raw: bool,
    bytes: bool,
    unicode: bool,
    /// Length of prefix plus opening quote(s).
    open: usize,
    /// Length of the closing quote(s).
    close: usize,
}

fn prefix_of(text: &str) -> Prefix {
    let b = text.as_bytes();
    let mut i = 0;
    let (mut raw, mut bytes, mut unicode) = (false, false, false);
    while i < b.len() && b[i] != b'\'' && b[i] != b'"' {
        match b[i] {
            b'r' | b'R' => raw = true,
            b'b' | b'B' => bytes = true,
            b'u' | b'U' => unicode = true,
            _ => {}
        }
        i += 1;
    }
    let q = b.get(i).copied().unwrap_or(b'"');
    let triple = b.len() >= i + 3 && b[i + 1] == q && b[i + 2] == q;
    let ql = if triple { 3 } else { 1 };
    let open = (i + ql).min(b.len());
    // An unterminated literal (after a syntax error) has no closing quote.
    let closed = b.len() >= open + ql && b[b.len() - ql..].iter().all(|&c| c == q);
    Prefix {
        raw,
        bytes,
        unicode,
        open,
        close: if closed { ql } else { 0 },
    }
}

impl Ctx<'_> {
    pub(crate) fn number(&mut self, text: &str, range: TextRange) -> Constant {
        // Most literals are small decimal integers: no copy, no lowering
        // of case (what follows gives the same value for them).
        if (1..=19).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(v) = text.parse::<u64>() {
                return Constant::Int(BigInt::from(v));
            }
        }
        let clean: String = if text.contains('_') {
            text.chars().filter(|&c| c != '_').collect()
        } else {
            text.to_string()
        };
        let lower = clean.to_ascii_lowercase();
        if let Some(im) = lower.strip_suffix('j') {
            let imag = im.parse::<f64>().unwrap_or(0.0);
            return Constant::Complex { real: 0.0, imag };
        }
        let radix = if lower.starts_with("0x") {
            16
        } else if lower.starts_with("0o") {
            8
        } else if lower.starts_with("0b") {
            2
        } else {
            10
        };
        if radix != 10 {
            return match BigInt::from_str_radix(&lower[2..], radix) {
                Ok(v) => Constant::Int(v),
                Err(_) => {
                    self.error(range, "invalid syntax");
                    Constant::Int(BigInt::from(0))
                }
            };
        }
        if lower.contains(['.', 'e']) {
            return Constant::Float(lower.parse::<f64>().unwrap_or(0.0));
        }
        if let Ok(v) = lower.parse::<u64>() {
            return Constant::Int(BigInt::from(v));
        }
        match BigInt::from_str_radix(&lower, 10) {
            Ok(v) => {
                // CPython refuses to convert more than 4300 digits (the int
                // max-str-digits limit applies to literals too).
                if lower.trim_start_matches('0').len() > 4300 {
                    self.error(
                        range,
                        format!(
                            "Exceeds the limit (4300 digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.",
                            lower.len()
                        ),
                    );
                }
                Constant::Int(v)
            }
            Err(_) => Constant::Int(BigInt::from(0)),
        }
    }

    /// One or more adjacent string literals.
    pub(crate) fn strings(&mut self, node: &Node<'_>) -> Expr {
        let range = self.sig_range(node);
        let pos = self.pos(range);
        let mut any_f = false;
        let mut any_bytes = false;
        let mut any_str = false;
        let mut kind_u = None;
        let mut first = true;
        for el in node.children_with_tokens() {
            let (is_bytes, is_u) = match &el {
                NodeOrToken::Token(t) if t.kind() == STRING => {
                    let p = prefix_of(t.text());
                    (p.bytes, p.unicode)
                }
                NodeOrToken::Node(n) if n.kind() == FSTRING => {
                    any_f = true;
                    (false, false)
                }
                _ => continue,
            };
            if first && is_u {
                kind_u = Some(Box::from("u"));
            }
            first = false;
            if is_bytes {
                any_bytes = true;
            } else {
                any_str = true;
            }
        }
        if any_bytes && any_str {
            self.error(range, "cannot mix bytes and nonbytes literals");
        }
        if any_bytes && !any_str {
            let mut out = Vec::new();
            for t in node.children_with_tokens().filter_map(|e| e.into_token()) {
                if t.kind() == STRING {
                    self.decode_bytes(t.text(), t.text_range(), &mut out);
                }
            }
            return Expr {
                kind: ExprKind::Constant {
                    value: Constant::Bytes(out),
                    kind: None,
                },
                pos,
                range,
            };
        }
        if !any_f {
            let mut buf = Buf::new();
            for t in node.children_with_tokens().filter_map(|e| e.into_token()) {
                if t.kind() == STRING {
                    self.decode_str_token(t.text(), t.text_range(), &mut buf);
                }
            }
            return Expr {
                kind: ExprKind::Constant {
                    value: Constant::Str(buf.take()),
                    kind: kind_u,
                },
                pos,
                range,
            };
        }
        // An f-string, perhaps concatenated with plain strings.
        let mut values = Vec::new();
        let mut buf = Buf::new();
        for el in node.children_with_tokens() {
            match el {
                NodeOrToken::Token(t) if t.kind() == STRING => {
                    self.decode_str_token(t.text(), t.text_range(), &mut buf);
                }
                NodeOrToken::Node(n) if n.kind() == FSTRING => {
                    let raw = n.first_token().is_some_and(|t| prefix_of(t.text()).raw);
                    let part = self.sig_range(&n);
                    self.fstring_parts(&n, raw, false, &mut buf, &mut values, range, part);
                }
                _ => {}
            }
        }
        self.flush(&mut buf, &mut values, range);
        Expr {
            kind: ExprKind::JoinedStr { values },
            pos,
            range,
        }
    }

    fn flush(&self, buf: &mut Buf, values: &mut Vec<Expr>, whole: TextRange) {
        if !buf.is_empty() {
            values.push(Expr {
                kind: ExprKind::Constant {
                    value: Constant::Str(buf.take()),
                    kind: None,
                },
                pos: self.pos(whole),
                range: whole,
            });
        }
    }

    /// The literal pieces and replacement fields of an f-string (or of a
    /// format spec, `in_spec`).
    fn fstring_parts(
        &mut self,
        node: &Node<'_>,
        raw: bool,
        in_spec: bool,
        buf: &mut Buf,
        values: &mut Vec<Expr>,
        whole: TextRange,
        part: TextRange,
    ) {
        for el in node.children_with_tokens() {
            match el {
                NodeOrToken::Token(t) if t.kind() == FSTRING_MIDDLE => {
                    self.decode_literal(t.text(), t.text_range(), raw, !in_spec, buf);
                }
                NodeOrToken::Node(f) if f.kind() == FSTRING_FIELD => {
                    self.fstring_field(&f, raw, buf, values, whole, part);
                }
                _ => {}
            }
        }
    }

    /// A replacement field. `whole` is the range of the whole concatenated
    /// literal, `part` that of the f-string token holding the field: CPython
    /// 3.11 gives format specs the latter.
    fn fstring_field(&mut self, node: &Node<'_>, raw: bool, buf: &mut Buf, values: &mut Vec<Expr>, whole: TextRange, part: TextRange) {
        let value = match expr_children(node).next() {
            Some(e) => {
                let mut v = self.expr(&e);
                if e.kind() == TUPLE_EXPR && !has_token(&e, L_PAREN) {
                    // CPython 3.11 parses a field's text wrapped in
                    // parentheses, which it puts where the braces (or the
                    // `!`, `:`, `=` ending the expression) are, and an
                    // unparenthesized tuple takes them into its range.
                    let open = node.first_token().map_or(v.range.start(), |t| t.text_range().start());
                    // The first sibling after the tuple that is not trivia.
                    let close = node
                        .children_with_tokens()
                        .skip_while(|el| !matches!(el, NodeOrToken::Node(n) if n.is_same(&e)))
                        .skip(1)
                        .find(|el| match el {
                            NodeOrToken::Node(_) => true,
                            NodeOrToken::Token(t) => !t.kind().is_trivia(),
                        });
                    let end = close.map_or(v.range.end(), |el| {
                        let start = match el {
                            NodeOrToken::Node(n) => n.text_range().start(),
                            NodeOrToken::Token(t) => t.text_range().start(),
                        };
                        start + TextSize::from(1)
                    });
                    v.range = TextRange::new(open, end);
                    v.pos = self.pos(v.range);
                }
                v
            }
            None => self.missing(self.sig_range(node)),
        };
        // Self-documenting `{expr=}`: the source text up to and including
        // the `=` and the whitespace after it is literal text.
        let mut conversion = -1;
        let mut has_eq = false;
        let mut format_spec = None;
        let mut after_bang = false;
        let open = node.first_token().map(|t| t.text_range().end());
        for el in node.children_with_tokens() {
            match el {
                NodeOrToken::Token(t) => match t.kind() {
                    EQ => {
                        has_eq = true;
                        if let Some(start) = open {
                            // The trivia after the `=` (the flat tree keeps
                            // only type comments of it; the rest is the gap
                            // after the last token kept).
                            let mut last = t;
                            let mut next = t.next_token();
                            while let Some(n) = next {
                                if !n.kind().is_trivia() {
                                    break;
                                }
                                last = n;
                                next = n.next_token();
                            }
                            let end = last.gap_end();
                            let text = &self.text[usize::from(start)..usize::from(end)];
                            buf.push_str(&text.replace("\r\n", "\n"));
                        }
                    }
                    BANG => after_bang = true,
                    NAME if after_bang => {
                        conversion = match t.text() {
                            "s" => 's' as i32,
                            "r" => 'r' as i32,
                            "a" => 'a' as i32,
                            _ => {
                                self.error(t.text_range(), "f-string: invalid conversion character: expected 's', 'r', or 'a'");
                                -1
                            }
                        };
                    }
                    _ => {}
                },
                NodeOrToken::Node(n) if n.kind() == FORMAT_SPEC => {
                    let mut sbuf = Buf::new();
                    let mut svalues = Vec::new();
                    self.fstring_parts(&n, raw, true, &mut sbuf, &mut svalues, part, part);
                    self.flush(&mut sbuf, &mut svalues, part);
                    format_spec = Some(Box::new(Expr {
                        kind: ExprKind::JoinedStr { values: svalues },
                        pos: self.pos(part),
                        range: part,
                    }));
                }
                _ => {}
            }
        }
        if has_eq && conversion == -1 && format_spec.is_none() {
            conversion = 'r' as i32;
        }
        self.flush(buf, values, whole);
        values.push(Expr {
            kind: ExprKind::FormattedValue {
                value: Box::new(value),
                conversion,
                format_spec,
            },
            pos: self.pos(whole),
            range: whole,
        });
    }

    fn decode_str_token(&mut self, text: &str, range: TextRange, buf: &mut Buf) {
        let p = prefix_of(text);
        let end = text.len().saturating_sub(p.close).max(p.open);
        let body = &text[p.open..end];
        let body_range = TextRange::new(range.start() + TextSize::from(p.open as u32), range.start() + TextSize::from(end as u32));
        self.decode_literal(body, body_range, p.raw, false, buf);
    }

    /// Decode the body of a str literal (or a literal piece of an f-string,
    /// where `{{` and `}}` stand for single braces when `braces`).
    fn decode_literal(&mut self, body: &str, range: TextRange, raw: bool, braces: bool, buf: &mut Buf) {
        let fast = !body.contains('\r') && (raw || !body.contains('\\')) && (!braces || !(body.contains("{{") || body.contains("}}")));
        if fast {
            buf.push_str(body);
            return;
        }
        let b = body.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            match c {
                b'\r' => {
                    buf.push('\n' as u32);
                    i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                }
                b'{' | b'}' if braces && b.get(i + 1) == Some(&c) => {
                    buf.push(c as u32);
                    i += 2;
                }
                b'\\' if !raw => {
                    i = self.escape(body, i, range, buf);
                }
                _ => {
                    // Copy a run of ordinary text at once.
                    let start = i;
                    while i < b.len() && !matches!(b[i], b'\r' | b'\\' | b'{' | b'}') {
                        i += 1;
                    }
                    if i == start {
                        buf.push(c as u32);
                        i += 1;
                    } else {
                        buf.push_str(&body[start..i]);
                    }
                }
            }
        }
    }

    /// Decode the escape sequence at `body[i]` (a backslash); return the
    /// index after it.
    fn escape(&mut self, body: &str, i: usize, range: TextRange, buf: &mut Buf) -> usize {
        let b = body.as_bytes();
        let Some(&n) = b.get(i + 1) else {
            buf.push('\\' as u32);
            return i + 1;
        };
        let simple = match n {
            b'\n' => Some(None),
            b'\\' => Some(Some(b'\\')),
            b'\'' => Some(Some(b'\'')),
            b'"' => Some(Some(b'"')),
            b'a' => Some(Some(7)),
            b'b' => Some(Some(8)),
            b'f' => Some(Some(12)),
            b'n' => Some(Some(b'\n')),
            b'r' => Some(Some(b'\r')),
            b't' => Some(Some(b'\t')),
            b'v' => Some(Some(11)),
            _ => None,
        };
        if let Some(out) = simple {
            if let Some(o) = out {
                buf.push(o as u32);
            }
            return i + 2;
        }
        if n == b'\r' {
            // A backslash-newline in a CRLF file.
            return if b.get(i + 2) == Some(&b'\n') { i + 3 } else { i + 2 };
        }
        if (b'0'..=b'7').contains(&n) {
            let mut j = i + 1;
            let mut v = 0u32;
            while j < b.len() && j < i + 4 && (b'0'..=b'7').contains(&b[j]) {
                v = v * 8 + (b[j] - b'0') as u32;
                j += 1;
            }
            buf.push(v);
            return j;
        }
        let hex = |len: usize| -> Option<u32> {
            let s = body.get(i + 2..i + 2 + len)?;
            if s.bytes().all(|c| c.is_ascii_hexdigit()) {
                u32::from_str_radix(s, 16).ok()
            } else {
                None
            }
        };
        let (len, what) = match n {
            b'x' => (2, "truncated \\xXX escape"),
            b'u' => (4, "truncated \\uXXXX escape"),
            b'U' => (8, "truncated \\UXXXXXXXX escape"),
            b'N' => {
                // As CPython's unicode-escape decoder: the error's end is
                // where it stopped reading.
                let fail = |this: &mut Self, end: usize, what: &str| {
                    this.error(range, format!("(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: {}", cpython_pos(body, i), cpython_pos(body, end) - 1, what));
                };
                if b.get(i + 2) != Some(&b'{') {
                    let end = (i + 2).min(b.len());
                    fail(self, end, "malformed \\N character escape");
                    return end;
                }
                let Some(close) = body[i + 3..].find('}').map(|k| k + i + 3) else {
                    fail(self, b.len(), "malformed \\N character escape");
                    return b.len();
                };
                if close == i + 3 {
                    fail(self, close, "malformed \\N character escape");
                    return close + 1;
                }
                if let Some(ch) = lookup_name(&body[i + 3..close]) {
                    buf.push(ch as u32);
                } else {
                    fail(self, close + 1, "unknown Unicode character name");
                }
                return close + 1;
            }
            _ => {
                // An invalid escape keeps its backslash (3.11 warns).
                buf.push('\\' as u32);
                return i + 1;
            }
        };
        match hex(len) {
            Some(v) if v <= 0x10FFFF => {
                buf.push(v);
                i + 2 + len
            }
            Some(_) => {
                self.error(range, format!("(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: illegal Unicode character", cpython_pos(body, i), cpython_pos(body, i) + 1 + len));
                i + 2 + len
            }
            None => {
                let mut j = i + 2;
                while j < b.len() && j < i + 2 + len && b[j].is_ascii_hexdigit() {
                    j += 1;
                }
                self.error(range, format!("(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: {}", cpython_pos(body, i), cpython_pos(body, j).saturating_sub(1), what));
                j
            }
        }
    }

    fn decode_bytes(&mut self, text: &str, range: TextRange, out: &mut Vec<u8>) {
        let p = prefix_of(text);
        let end = text.len().saturating_sub(p.close).max(p.open);
        let body = &text[p.open..end];
        if !body.is_ascii() {
            self.error(range, "bytes can only contain ASCII literal characters");
        }
        let b = body.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c == b'\r' {
                out.push(b'\n');
                i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                continue;
            }
            if c != b'\\' || p.raw {
                out.push(c);
                i += 1;
                continue;
            }
            let Some(&n) = b.get(i + 1) else {
                out.push(b'\\');
                break;
            };
            i += 2;
            match n {
                b'\n' => {}
                b'\r' => {
                    if b.get(i) == Some(&b'\n') {
                        i += 1;
                    }
                }
                b'\\' => out.push(b'\\'),
                b'\'' => out.push(b'\''),
                b'"' => out.push(b'"'),
                b'a' => out.push(7),
                b'b' => out.push(8),
                b'f' => out.push(12),
                b'n' => out.push(b'\n'),
                b'r' => out.push(b'\r'),
                b't' => out.push(b'\t'),
                b'v' => out.push(11),
                b'0'..=b'7' => {
                    let mut v = (n - b'0') as u32;
                    let mut k = 0;
                    while k < 2 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                        v = v * 8 + (b[i] - b'0') as u32;
                        i += 1;
                        k += 1;
                    }
                    out.push((v & 0xFF) as u8);
                }
                b'x' => {
                    let s = body.get(i..i + 2).filter(|s| s.bytes().all(|c| c.is_ascii_hexdigit()));
                    match s.and_then(|s| u8::from_str_radix(s, 16).ok()) {
                        Some(v) => {
                            out.push(v);
                            i += 2;
                        }
                        None => {
                            self.error(range, format!("(value error) invalid \\x escape at position {}", i - 2));
                        }
                    }
                }
                _ => {
                    out.push(b'\\');
                    i -= 1;
                }
            }
        }
    }
}

/// Where byte `i` of a literal's body is in the buffer CPython decodes
/// escapes from (and reports positions in): each non-ASCII character there
/// is written `\UXXXXXXXX`, and a backslash before one `\u005c`.
fn cpython_pos(body: &str, i: usize) -> usize {
    let b = body.as_bytes();
    let mut pos = 0;
    let mut k = 0;
    while k < i.min(b.len()) {
        if b[k] == b'\\' && b.get(k + 1).is_none_or(|&c| c >= 0x80) {
            pos += 6;
            k += 1;
        } else if b[k] >= 0x80 {
            pos += 10;
            k += body[k..].chars().next().map_or(1, char::len_utf8);
        } else {
            pos += 1;
            k += 1;
        }
    }
    pos + i.saturating_sub(b.len())
}

/// A character by its Unicode name or alias, as `\N{...}` accepts it
/// (Unicode 14.0, CPython 3.11's database).
fn lookup_name(name: &str) -> Option<char> {
    pyx_ucd::lookup_name(name)
}
