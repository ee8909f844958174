//! Text encodings: the codecs CPython implements in C (utf-8, utf-16,
//! utf-32, utf-7, latin-1, ascii, charmap, unicode-escape,
//! raw-unicode-escape, bytes escapes) with CPython's error handling
//! (built-in handlers inline, registered handlers through `_codecs`), and
//! `str.encode` / `bytes.decode`, which take the codec registry for any
//! encoding that is not one of the three built in.

use crate::objects::str::PyStr;
use crate::value::{Payload, Value};
use crate::vm::{str_key, Vm};
use crate::{PyErr, PyResult};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Codec {
    Utf8,
    Latin1,
    Ascii,
}

/// The built-in codec for an encoding name (CPython's fast paths in
/// `PyUnicode_AsEncodedString` / `PyUnicode_Decode`, plus the aliases the
/// registry would resolve to the same codec).
pub fn lookup(name: &str) -> Option<Codec> {
    let n: String = name.trim().to_ascii_lowercase().chars().map(|c| if c == '_' || c == ' ' { '-' } else { c }).collect();
    match n.as_str() {
        "utf-8" | "utf8" | "u8" | "utf" | "cp65001" => Some(Codec::Utf8),
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819" | "l1" | "latin" | "iso-ir-100" => Some(Codec::Latin1),
        "ascii" | "us-ascii" | "646" | "us" => Some(Codec::Ascii),
        _ => None,
    }
}

impl Codec {
    /// The name CPython reports in errors (`'utf-8' codec can't …`).
    pub fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Latin1 => "latin-1",
            Codec::Ascii => "ascii",
        }
    }
}

pub fn unknown_encoding(vm: &Vm, name: &str) -> PyErr {
    vm.err(&vm.types.exc.lookup_error, format!("unknown encoding: {name}"))
}

/// A UnicodeEncodeError/UnicodeDecodeError with its attributes.
pub fn unicode_error(vm: &mut Vm, encode: bool, encoding: &str, object: Value, start: usize, end: usize, reason: &str) -> PyErr {
    let cls = if encode { vm.types.exc.unicode_encode_error.clone() } else { vm.types.exc.unicode_decode_error.clone() };
    let args = vec![vm.new_str(encoding), object.clone(), Value::Int(start as i64), Value::Int(end as i64), vm.new_str(reason)];
    let e = vm.new_exception(&cls, args);
    if let Some(d) = e.0.obj().and_then(|o| o.dict.as_ref()) {
        let mut d = d.borrow_mut();
        d.set_str("encoding", vm.new_str(encoding));
        d.set_str("object", object);
        d.set_str("start", Value::Int(start as i64));
        d.set_str("end", Value::Int(end as i64));
        d.set_str("reason", vm.new_str(reason));
    }
    e
}

fn char_escape(c: u32) -> String {
    if c < 0x100 {
        format!("\\x{c:02x}")
    } else if c < 0x10000 {
        format!("\\u{c:04x}")
    } else {
        format!("\\U{c:08x}")
    }
}

/// `str(UnicodeEncodeError)` / `str(UnicodeDecodeError)` /
/// `str(UnicodeTranslateError)`.
pub fn unicode_error_str(vm: &mut Vm, e: &Value) -> Option<String> {
    let d = e.obj()?.dict.as_ref()?;
    let d = d.borrow();
    let enc = d.get_str("encoding").and_then(|v| v.as_str().map(|s| s.to_string_lossy()));
    let obj = d.get_str("object")?.clone();
    let start = crate::vm::ops::as_i64(d.get_str("start")?)?;
    let end = crate::vm::ops::as_i64(d.get_str("end")?)?;
    let reason = d.get_str("reason")?.as_str()?.to_string_lossy();
    drop(d);
    let _ = vm;
    match obj.payload() {
        Some(Payload::Str(s)) => {
            let single = start >= 0 && (start as usize) < s.len() && end == start + 1;
            let what = if enc.is_some() { "encode" } else { "translate" };
            let prefix = match &enc {
                Some(enc) => format!("'{enc}' codec can't {what}"),
                None => format!("can't {what}"),
            };
            Some(if single {
                let c = s.at(start as usize);
                format!("{prefix} character '{}' in position {start}: {reason}", char_escape(c))
            } else {
                format!("{prefix} characters in position {start}-{}: {reason}", end - 1)
            })
        }
        Some(Payload::Bytes(b)) => {
            let enc = enc?;
            let single = start >= 0 && (start as usize) < b.len() && end == start + 1;
            Some(if single {
                format!("'{enc}' codec can't decode byte 0x{:02x} in position {start}: {reason}", b[start as usize])
            } else {
                format!("'{enc}' codec can't decode bytes in position {start}-{}: {reason}", end - 1)
            })
        }
        _ => None,
    }
}

// ---- error handling ------------------------------------------------------------

/// What an encoding error handler gives back: text the codec encodes
/// itself, or bytes copied to the output.
pub enum Rep {
    Str(Vec<u32>),
    Bytes(Vec<u8>),
}

/// An encoder's view of its input, for error handlers.
pub struct EncCtx<'a> {
    pub encoding: &'a str,
    pub errors: &'a str,
    pub s: &'a [u32],
    obj: Option<Value>,
    /// The codec handles `surrogateescape` inline (ascii, latin-1,
    /// utf-8): a run that is partly escapable is reported from its first
    /// unescapable character.
    pub inline_se: bool,
}

impl<'a> EncCtx<'a> {
    pub fn new(encoding: &'a str, errors: &'a str, s: &'a [u32], obj: Option<Value>) -> Self {
        EncCtx { encoding, errors, s, obj, inline_se: false }
    }

    fn object(&mut self, vm: &Vm) -> Value {
        if let Some(o) = &self.obj {
            return o.clone();
        }
        let o = vm.new_pystr(PyStr::from_code_points(self.s.to_vec()));
        self.obj = Some(o.clone());
        o
    }

    /// The UnicodeEncodeError for `[start, end)`.
    pub fn error(&mut self, vm: &mut Vm, start: usize, end: usize, reason: &str) -> PyErr {
        let o = self.object(vm);
        unicode_error(vm, true, self.encoding, o, start, end, reason)
    }
}

/// A decoder's view of its input, for error handlers.
pub struct DecCtx<'a> {
    pub encoding: &'a str,
    pub errors: &'a str,
    pub data: &'a [u8],
    obj: Option<Value>,
}

impl<'a> DecCtx<'a> {
    pub fn new(encoding: &'a str, errors: &'a str, data: &'a [u8]) -> Self {
        DecCtx { encoding, errors, data, obj: None }
    }

    fn object(&mut self, vm: &Vm) -> Value {
        if let Some(o) = &self.obj {
            return o.clone();
        }
        let o = crate::objects::bytes::new_bytes(vm, self.data.to_vec());
        self.obj = Some(o.clone());
        o
    }

    pub fn error(&mut self, vm: &mut Vm, start: usize, end: usize, reason: &str) -> PyErr {
        let o = self.object(vm);
        unicode_error(vm, false, self.encoding, o, start, end, reason)
    }
}

/// `\xNN`, `\uNNNN`, `\UNNNNNNNN` for each character.
pub fn backslash_rep(cps: &[u32]) -> Vec<u32> {
    cps.iter().flat_map(|&c| char_escape(c).chars().map(|ch| ch as u32).collect::<Vec<_>>()).collect()
}

pub fn xmlcharref_rep(cps: &[u32]) -> Vec<u32> {
    cps.iter().flat_map(|&c| format!("&#{c};").chars().map(|ch| ch as u32).collect::<Vec<_>>()).collect()
}

/// `\N{NAME}`, or the backslash form for characters without a name.
pub fn namereplace_rep(cps: &[u32]) -> Vec<u32> {
    let mut out = String::new();
    for &c in cps {
        match char::from_u32(c).and_then(pyx_ucd::char_name) {
            Some(n) => out.push_str(&format!("\\N{{{n}}}")),
            None => out.push_str(&char_escape(c)),
        }
    }
    out.chars().map(|c| c as u32).collect()
}

/// The UTF form `surrogatepass` knows for an encoding name (CPython's
/// `get_standard_encoding`): (bytes per code unit, big endian).
pub fn standard_utf(encoding: &str) -> Option<(usize, bool)> {
    let b = encoding.as_bytes();
    if b.len() >= 3 && b[..3].eq_ignore_ascii_case(b"utf") {
        let mut r = &b[3..];
        if r.first().is_some_and(|&c| c == b'-' || c == b'_') {
            r = &r[1..];
        }
        if r == b"8" {
            return Some((3, false));
        }
        let (n, rest) = if let Some(rest) = r.strip_prefix(b"16") {
            (2, rest)
        } else if let Some(rest) = r.strip_prefix(b"32") {
            (4, rest)
        } else {
            return None;
        };
        if rest.is_empty() {
            return Some((n, false));
        }
        if rest.len() == 3 && (rest[0] == b'-' || rest[0] == b'_') {
            if rest[1..].eq_ignore_ascii_case(b"le") {
                return Some((n, false));
            }
            if rest[1..].eq_ignore_ascii_case(b"be") {
                return Some((n, true));
            }
        }
        return None;
    }
    if encoding == "CP_UTF8" {
        return Some((3, false));
    }
    None
}

/// `surrogatepass` for encoding: the surrogates of `cps` in the UTF form.
pub fn surrogatepass_encode(encoding: &str, cps: &[u32]) -> Option<Vec<u8>> {
    let (n, be) = standard_utf(encoding)?;
    let mut out = Vec::new();
    for &c in cps {
        if !(0xd800..0xe000).contains(&c) {
            return None;
        }
        match n {
            3 => out.extend_from_slice(&[0xe0 | (c >> 12) as u8, 0x80 | ((c >> 6) & 0x3f) as u8, 0x80 | (c & 0x3f) as u8]),
            2 => out.extend_from_slice(&if be { (c as u16).to_be_bytes() } else { (c as u16).to_le_bytes() }),
            _ => out.extend_from_slice(&if be { c.to_be_bytes() } else { c.to_le_bytes() }),
        }
    }
    Some(out)
}

/// `surrogatepass` for decoding: the surrogate at `start`, and its length.
pub fn surrogatepass_decode(encoding: &str, data: &[u8], start: usize) -> Option<(u32, usize)> {
    let (n, be) = standard_utf(encoding)?;
    let p = data.get(start..start + n)?;
    let c = match n {
        3 => {
            if p[0] & 0xf0 == 0xe0 && p[1] & 0xc0 == 0x80 && p[2] & 0xc0 == 0x80 {
                ((p[0] as u32 & 0x0f) << 12) | ((p[1] as u32 & 0x3f) << 6) | (p[2] as u32 & 0x3f)
            } else {
                return None;
            }
        }
        2 => {
            let a = [p[0], p[1]];
            (if be { u16::from_be_bytes(a) } else { u16::from_le_bytes(a) }) as u32
        }
        _ => {
            let a = [p[0], p[1], p[2], p[3]];
            if be {
                u32::from_be_bytes(a)
            } else {
                u32::from_le_bytes(a)
            }
        }
    };
    if (0xd800..0xe000).contains(&c) {
        Some((c, n))
    } else {
        None
    }
}

/// Resolve a handler's new position (negative: from the end).
fn new_position(vm: &Vm, pos: &Value, len: usize) -> PyResult<usize> {
    let p = match crate::vm::ops::as_i64(pos) {
        Some(p) => p,
        None => return Err(vm.err(&vm.types.exc.index_error, format!("position {} from error handler out of bounds", pos_text(pos)))),
    };
    let q = if p < 0 { p + len as i64 } else { p };
    if q < 0 || q > len as i64 {
        return Err(vm.err(&vm.types.exc.index_error, format!("position {p} from error handler out of bounds")));
    }
    Ok(q as usize)
}

fn pos_text(v: &Value) -> String {
    crate::vm::ops::as_big(v).map(|b| b.to_string()).unwrap_or_default()
}

/// Handle an encoding error on `[start, end)`: the replacement and the
/// position to go on from.
pub fn encode_error(vm: &mut Vm, e: &mut EncCtx, start: usize, end: usize, reason: &str) -> PyResult<(Rep, usize)> {
    let run = &e.s[start..end];
    match e.errors {
        "strict" => Err(e.error(vm, start, end, reason)),
        "ignore" => Ok((Rep::Bytes(Vec::new()), end)),
        "replace" => Ok((Rep::Str(vec!['?' as u32; end - start]), end)),
        "backslashreplace" => Ok((Rep::Str(backslash_rep(run)), end)),
        "xmlcharrefreplace" => Ok((Rep::Str(xmlcharref_rep(run)), end)),
        "namereplace" if crate::modules::codecs::handler_is_builtin(e.errors) => Ok((Rep::Str(namereplace_rep(run)), end)),
        "surrogateescape" => {
            let k = run.iter().position(|c| !(0xdc80..0xdd00).contains(c));
            match k {
                None => Ok((Rep::Bytes(run.iter().map(|c| (c - 0xdc00) as u8).collect()), end)),
                Some(k) => {
                    let from = if e.inline_se { start + k } else { start };
                    Err(e.error(vm, from, end, reason))
                }
            }
        }
        "surrogatepass" => match surrogatepass_encode(e.encoding, run) {
            Some(b) => Ok((Rep::Bytes(b), end)),
            None => Err(e.error(vm, start, end, reason)),
        },
        name => {
            let name = name.to_string();
            let handler = crate::modules::codecs::lookup_error(vm, &name)?;
            let exc = e.error(vm, start, end, reason);
            let r = vm.call(&handler, vec![exc.0.clone()])?;
            let bad = || vm.type_error("encoding error handler must return (str/bytes, int) tuple");
            let items = match r.payload() {
                Some(Payload::Tuple(t)) if t.len() == 2 && vm.isinstance(&r, &vm.types.tuple) => t.to_vec(),
                _ => return Err(bad()),
            };
            let rep = match items[0].payload() {
                Some(Payload::Str(s)) => Rep::Str(s.code_points()),
                Some(Payload::Bytes(b)) => Rep::Bytes(b.to_vec()),
                _ => return Err(bad()),
            };
            if crate::vm::ops::as_big(&items[1]).is_none() {
                return Err(bad());
            }
            let pos = new_position(vm, &items[1], e.s.len())?;
            Ok((rep, pos))
        }
    }
}

/// Handle a decoding error on `[start, end)`.
pub fn decode_error(vm: &mut Vm, d: &mut DecCtx, start: usize, end: usize, reason: &str) -> PyResult<(Vec<u32>, usize)> {
    match d.errors {
        "strict" => Err(d.error(vm, start, end, reason)),
        "ignore" => Ok((Vec::new(), end)),
        "replace" => Ok((vec![0xfffd], end)),
        "backslashreplace" => Ok((d.data[start..end.min(d.data.len())].iter().flat_map(|&c| format!("\\x{c:02x}").chars().map(|ch| ch as u32).collect::<Vec<_>>()).collect(), end)),
        "surrogateescape" => {
            let mut out = Vec::new();
            let mut i = start;
            while i < end.min(d.data.len()) && out.len() < 4 && d.data[i] >= 0x80 {
                out.push(0xdc00 + d.data[i] as u32);
                i += 1;
            }
            if out.is_empty() {
                return Err(d.error(vm, start, end, reason));
            }
            Ok((out, i))
        }
        "surrogatepass" => match surrogatepass_decode(d.encoding, d.data, start) {
            Some((c, n)) => Ok((vec![c], start + n)),
            None => Err(d.error(vm, start, end, reason)),
        },
        "xmlcharrefreplace" | "namereplace" if crate::modules::codecs::handler_is_builtin(d.errors) => {
            Err(vm.type_error("don't know how to handle UnicodeDecodeError in error callback"))
        }
        name => {
            let name = name.to_string();
            let handler = crate::modules::codecs::lookup_error(vm, &name)?;
            let exc = d.error(vm, start, end, reason);
            let r = vm.call(&handler, vec![exc.0.clone()])?;
            let bad = || vm.type_error("decoding error handler must return (str, int) tuple");
            let items = match r.payload() {
                Some(Payload::Tuple(t)) if t.len() == 2 => t.to_vec(),
                _ => return Err(bad()),
            };
            let rep = match items[0].payload() {
                Some(Payload::Str(s)) => s.code_points(),
                _ => return Err(bad()),
            };
            if crate::vm::ops::as_big(&items[1]).is_none() {
                return Err(bad());
            }
            let pos = new_position(vm, &items[1], d.data.len())?;
            Ok((rep, pos))
        }
    }
}

// ---- encoders ------------------------------------------------------------------

/// ascii (limit 0x80) and latin-1 (limit 0x100).
pub fn encode_ucs1(vm: &mut Vm, e: &mut EncCtx, limit: u32) -> PyResult<Vec<u8>> {
    e.inline_se = true;
    let reason = if limit == 0x80 { "ordinal not in range(128)" } else { "ordinal not in range(256)" };
    let s = e.s;
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if c < limit {
            out.push(c as u8);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < s.len() && s[end] >= limit {
            end += 1;
        }
        let (rep, pos) = encode_error(vm, e, i, end, reason)?;
        match rep {
            Rep::Bytes(b) => out.extend_from_slice(&b),
            Rep::Str(r) => {
                for c in r {
                    if c >= limit {
                        return Err(e.error(vm, i, end, reason));
                    }
                    out.push(c as u8);
                }
            }
        }
        i = pos;
    }
    Ok(out)
}

fn push_utf8(out: &mut Vec<u8>, c: u32) {
    if c < 0x80 {
        out.push(c as u8);
    } else if c < 0x800 {
        out.extend_from_slice(&[0xc0 | (c >> 6) as u8, 0x80 | (c & 0x3f) as u8]);
    } else if c < 0x10000 {
        out.extend_from_slice(&[0xe0 | (c >> 12) as u8, 0x80 | ((c >> 6) & 0x3f) as u8, 0x80 | (c & 0x3f) as u8]);
    } else {
        out.extend_from_slice(&[0xf0 | (c >> 18) as u8, 0x80 | ((c >> 12) & 0x3f) as u8, 0x80 | ((c >> 6) & 0x3f) as u8, 0x80 | (c & 0x3f) as u8]);
    }
}

pub fn encode_utf8(vm: &mut Vm, e: &mut EncCtx) -> PyResult<Vec<u8>> {
    e.inline_se = true;
    let s = e.s;
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    let sur = |c: u32| (0xd800..0xe000).contains(&c);
    while i < s.len() {
        let c = s[i];
        if !sur(c) {
            push_utf8(&mut out, c);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < s.len() && sur(s[end]) {
            end += 1;
        }
        let (rep, pos) = encode_error(vm, e, i, end, "surrogates not allowed")?;
        match rep {
            Rep::Bytes(b) => out.extend_from_slice(&b),
            Rep::Str(r) => {
                for c in r {
                    if c >= 0x80 {
                        return Err(e.error(vm, i, end, "surrogates not allowed"));
                    }
                    out.push(c as u8);
                }
            }
        }
        i = pos;
    }
    Ok(out)
}

/// utf-16 (`unit` 2) or utf-32 (`unit` 4); `byteorder` 0 writes a BOM and
/// native (little-endian) order, -1 little, 1 big endian.
pub fn encode_utf16_32(vm: &mut Vm, e: &mut EncCtx, unit: usize, byteorder: i64) -> PyResult<Vec<u8>> {
    let be = byteorder > 0;
    let mut out = Vec::with_capacity(e.s.len() * unit + unit);
    let put = |out: &mut Vec<u8>, c: u32| {
        if unit == 2 {
            let mut units = [0u16; 2];
            let n = if c >= 0x10000 {
                let v = c - 0x10000;
                units[0] = 0xd800 | (v >> 10) as u16;
                units[1] = 0xdc00 | (v & 0x3ff) as u16;
                2
            } else {
                units[0] = c as u16;
                1
            };
            for u in &units[..n] {
                out.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
            }
        } else {
            out.extend_from_slice(&if be { c.to_be_bytes() } else { c.to_le_bytes() });
        }
    };
    if byteorder == 0 {
        put(&mut out, 0xfeff);
    }
    let s = e.s;
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if !(0xd800..0xe000).contains(&c) {
            put(&mut out, c);
            i += 1;
            continue;
        }
        let (rep, pos) = encode_error(vm, e, i, i + 1, "surrogates not allowed")?;
        let at = pos.max(1) - 1;
        match rep {
            Rep::Bytes(b) => {
                if b.len() % unit != 0 {
                    return Err(e.error(vm, at, at + 1, "surrogates not allowed"));
                }
                out.extend_from_slice(&b);
            }
            Rep::Str(r) => {
                for c in r {
                    if c >= 0x80 {
                        return Err(e.error(vm, at, at + 1, "surrogates not allowed"));
                    }
                    put(&mut out, c);
                }
            }
        }
        i = pos;
    }
    Ok(out)
}

pub fn encode_unicode_escape(s: &[u32], raw: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for &c in s {
        if raw {
            if c < 0x100 {
                out.push(c as u8);
            } else if c < 0x10000 {
                out.extend_from_slice(format!("\\u{c:04x}").as_bytes());
            } else {
                out.extend_from_slice(format!("\\U{c:08x}").as_bytes());
            }
            continue;
        }
        match c {
            0x5c => out.extend_from_slice(b"\\\\"),
            0x09 => out.extend_from_slice(b"\\t"),
            0x0a => out.extend_from_slice(b"\\n"),
            0x0d => out.extend_from_slice(b"\\r"),
            0x20..=0x7e => out.push(c as u8),
            _ => out.extend_from_slice(char_escape(c).as_bytes()),
        }
    }
    out
}

/// `escape_encode`: bytes as in a bytes literal's repr, without quotes.
pub fn escape_encode(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    for &c in b {
        match c {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\'' => out.extend_from_slice(b"\\'"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0x20..=0x7e => out.push(c),
            _ => out.extend_from_slice(format!("\\x{c:02x}").as_bytes()),
        }
    }
    out
}

// ---- UTF-7 ---------------------------------------------------------------------

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64_value(c: u8) -> Option<u32> {
    B64.iter().position(|&x| x == c).map(|p| p as u32)
}

/// Characters UTF-7 writes directly: RFC 2152's set D and white space
/// (set O, '+', '\\' and '~' go in base64, as CPython writes them).
fn utf7_direct(c: u32) -> bool {
    c < 128 && ((c as u8).is_ascii_alphanumeric() || matches!(c as u8, b'\'' | b'(' | b')' | b',' | b'-' | b'.' | b'/' | b':' | b'?' | b' ' | b'\t' | b'\r' | b'\n'))
}

pub fn encode_utf7(s: &[u32]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut in_shift = false;
    let mut bits: u32 = 0;
    let mut nbits = 0;
    let mut units: Vec<u16> = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if in_shift {
            if utf7_direct(c) {
                // close the shift sequence
                if nbits > 0 {
                    out.push(B64[((bits << (6 - nbits)) & 0x3f) as usize]);
                }
                nbits = 0;
                bits = 0;
                // '-' is needed when the next character could be base64 or is '-'
                if b64_value(c as u8).is_some() || c == '-' as u32 {
                    out.push(b'-');
                }
                in_shift = false;
                out.push(c as u8);
                i += 1;
                continue;
            }
        } else if c == '+' as u32 {
            out.extend_from_slice(b"+-");
            i += 1;
            continue;
        } else if utf7_direct(c) {
            out.push(c as u8);
            i += 1;
            continue;
        } else {
            out.push(b'+');
            in_shift = true;
        }
        units.clear();
        if c >= 0x10000 {
            let v = c - 0x10000;
            units.push(0xd800 | (v >> 10) as u16);
            units.push(0xdc00 | (v & 0x3ff) as u16);
        } else {
            units.push(c as u16);
        }
        for &u in &units {
            bits = (bits << 16) | u as u32;
            nbits += 16;
            while nbits >= 6 {
                nbits -= 6;
                out.push(B64[((bits >> nbits) & 0x3f) as usize]);
            }
            bits &= (1 << nbits) - 1;
        }
        i += 1;
    }
    if in_shift {
        if nbits > 0 {
            out.push(B64[((bits << (6 - nbits)) & 0x3f) as usize]);
        }
        out.push(b'-');
    }
    out
}

/// UTF-7 decoding; returns the text and how many bytes were consumed.
pub fn decode_utf7(vm: &mut Vm, d: &mut DecCtx, fin: bool) -> PyResult<(Vec<u32>, usize)> {
    let data = d.data;
    let e = data.len();
    let mut out: Vec<u32> = Vec::with_capacity(e);
    let mut in_shift = false;
    let mut bits: u32 = 0;
    let mut buf: u32 = 0;
    let mut surrogate: u32 = 0;
    let mut shift_out_start = 0usize;
    let mut startinpos = 0usize;
    let mut s = 0;
    while s < e {
        let ch = data[s];
        let err: Option<&str>;
        if in_shift {
            if let Some(v) = b64_value(ch) {
                buf = (buf << 6) | v;
                bits += 6;
                s += 1;
                if bits >= 16 {
                    let outch = (buf >> (bits - 16)) & 0xffff;
                    bits -= 16;
                    buf &= (1u32 << bits) - 1;
                    if surrogate != 0 {
                        if (0xdc00..0xe000).contains(&outch) {
                            out.push(0x10000 + (((surrogate - 0xd800) << 10) | (outch - 0xdc00)));
                            surrogate = 0;
                            continue;
                        }
                        out.push(surrogate);
                        surrogate = 0;
                    }
                    if (0xd800..0xdc00).contains(&outch) {
                        surrogate = outch;
                    } else {
                        out.push(outch);
                    }
                }
                continue;
            }
            in_shift = false;
            if bits >= 6 {
                s += 1;
                err = Some("partial character in shift sequence");
            } else if bits > 0 && buf != 0 {
                s += 1;
                err = Some("non-zero padding bits in shift sequence");
            } else {
                if surrogate != 0 && ch < 0x80 && ch != b'+' {
                    out.push(surrogate);
                }
                surrogate = 0;
                if ch == b'-' {
                    s += 1;
                }
                continue;
            }
        } else if ch == b'+' {
            startinpos = s;
            s += 1;
            if s < e && data[s] == b'-' {
                s += 1;
                out.push('+' as u32);
                continue;
            } else if s < e && b64_value(data[s]).is_none() {
                s += 1;
                err = Some("ill-formed sequence");
            } else {
                in_shift = true;
                surrogate = 0;
                shift_out_start = out.len();
                bits = 0;
                buf = 0;
                continue;
            }
        } else if ch < 0x80 {
            s += 1;
            out.push(ch as u32);
            continue;
        } else {
            startinpos = s;
            s += 1;
            err = Some("unexpected special character");
        }
        if let Some(reason) = err {
            let (rep, np) = decode_error(vm, d, startinpos, s, reason)?;
            out.extend(rep);
            s = np;
        }
    }
    if in_shift && fin && (surrogate != 0 || bits >= 6 || (bits > 0 && buf != 0)) {
        let (rep, _) = decode_error(vm, d, startinpos, e, "unterminated shift sequence")?;
        out.extend(rep);
        return Ok((out, e));
    }
    if in_shift && !fin {
        out.truncate(shift_out_start);
        return Ok((out, startinpos));
    }
    Ok((out, s))
}

// ---- decoders ------------------------------------------------------------------

pub fn decode_ascii(vm: &mut Vm, d: &mut DecCtx) -> PyResult<Vec<u32>> {
    let data = d.data;
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        if c < 0x80 {
            out.push(c as u32);
            i += 1;
            continue;
        }
        let (rep, pos) = decode_error(vm, d, i, i + 1, "ordinal not in range(128)")?;
        out.extend(rep);
        i = pos;
    }
    Ok(out)
}

/// UTF-8; with `fin` false an incomplete sequence at the end is left
/// unconsumed.
pub fn decode_utf8(vm: &mut Vm, d: &mut DecCtx, fin: bool) -> PyResult<(Vec<u32>, usize)> {
    let data = d.data;
    let mut out: Vec<u32> = Vec::with_capacity(data.len());
    let mut pos = 0;
    while pos < data.len() {
        match std::str::from_utf8(&data[pos..]) {
            Ok(s) => {
                out.extend(s.chars().map(|c| c as u32));
                pos = data.len();
                break;
            }
            Err(err) => {
                let good = err.valid_up_to();
                if let Ok(s) = std::str::from_utf8(&data[pos..pos + good]) {
                    out.extend(s.chars().map(|c| c as u32));
                }
                let start = pos + good;
                let (end, reason) = match err.error_len() {
                    Some(n) => {
                        let first = data[start];
                        if (0x80..0xc2).contains(&first) || first >= 0xf5 {
                            (start + 1, "invalid start byte")
                        } else {
                            (start + n, "invalid continuation byte")
                        }
                    }
                    None => {
                        if !fin {
                            return Ok((out, start));
                        }
                        (data.len(), "unexpected end of data")
                    }
                };
                let (rep, np) = decode_error(vm, d, start, end, reason)?;
                out.extend(rep);
                pos = np;
            }
        }
    }
    Ok((out, pos))
}

/// UTF-16 / UTF-32 (`unit` 2 or 4). `byteorder`: 0 detects a BOM (and
/// reports what it found), -1 little, 1 big endian. Returns the text,
/// bytes consumed and the byte order.
pub fn decode_utf16_32(vm: &mut Vm, data: &[u8], errors: &str, unit: usize, byteorder: i64, fin: bool) -> PyResult<(Vec<u32>, usize, i64)> {
    let mut bo = byteorder;
    let mut q = 0;
    if bo == 0 && data.len() >= unit {
        let bom = if unit == 2 { u16::from_le_bytes([data[0], data[1]]) as u32 } else { u32::from_le_bytes([data[0], data[1], data[2], data[3]]) };
        if bom == 0xfeff {
            q = unit;
            bo = -1;
        } else if (unit == 2 && bom == 0xfffe) || (unit == 4 && bom == 0xfffe0000) {
            q = unit;
            bo = 1;
        }
    }
    let be = bo > 0;
    let encoding = match (unit, be) {
        (2, false) => "utf-16-le",
        (2, true) => "utf-16-be",
        (_, false) => "utf-32-le",
        (_, true) => "utf-32-be",
    };
    let mut d = DecCtx::new(encoding, errors, data);
    let rd = |i: usize| -> u32 {
        if unit == 2 {
            let a = [data[i], data[i + 1]];
            (if be { u16::from_be_bytes(a) } else { u16::from_le_bytes(a) }) as u32
        } else {
            let a = [data[i], data[i + 1], data[i + 2], data[i + 3]];
            if be {
                u32::from_be_bytes(a)
            } else {
                u32::from_le_bytes(a)
            }
        }
    };
    let mut out = Vec::with_capacity(data.len() / unit);
    let e = data.len();
    while q < e {
        if e - q < unit {
            if !fin {
                break;
            }
            let (rep, np) = decode_error(vm, &mut d, q, e, "truncated data")?;
            out.extend(rep);
            q = np;
            continue;
        }
        let c = rd(q);
        if unit == 4 {
            if c < 0xd800 || (0xe000..0x110000).contains(&c) {
                out.push(c);
                q += 4;
                continue;
            }
            let reason = if c >= 0x110000 { "code point not in range(0x110000)" } else { "code point in surrogate code point range(0xd800, 0xe000)" };
            let (rep, np) = decode_error(vm, &mut d, q, q + 4, reason)?;
            out.extend(rep);
            q = np;
            continue;
        }
        if !(0xd800..0xe000).contains(&c) {
            out.push(c);
            q += 2;
            continue;
        }
        let (start, end, reason) = if c >= 0xdc00 {
            (q, q + 2, "illegal encoding")
        } else if e - q < 4 {
            if !fin {
                break;
            }
            (q, e, "unexpected end of data")
        } else {
            let c2 = rd(q + 2);
            if (0xdc00..0xe000).contains(&c2) {
                out.push(0x10000 + (((c - 0xd800) << 10) | (c2 - 0xdc00)));
                q += 4;
                continue;
            }
            (q, q + 2, "illegal UTF-16 surrogate")
        };
        let (rep, np) = decode_error(vm, &mut d, start, end, reason)?;
        out.extend(rep);
        q = np;
    }
    Ok((out, q, bo))
}

/// Decode with `unicode_escape` (`raw` false) or `raw_unicode_escape`.
pub fn decode_unicode_escape(vm: &mut Vm, data: &[u8], errors: &str, fin: bool, raw: bool) -> PyResult<(Vec<u32>, usize)> {
    let mut d = DecCtx::new(if raw { "rawunicodeescape" } else { "unicodeescape" }, errors, data);
    let mut out: Vec<u32> = Vec::with_capacity(data.len());
    let mut first_invalid: Option<u8> = None;
    let e = data.len();
    let mut s = 0;
    while s < e {
        let c = data[s];
        if c != b'\\' {
            out.push(c as u32);
            s += 1;
            continue;
        }
        let start = s;
        if raw {
            // only \u and \U after an odd number of backslashes
            if s + 1 >= e {
                out.push('\\' as u32);
                s += 1;
                if !fin && s == e {
                    out.pop();
                    return Ok((out, start));
                }
                continue;
            }
            let n = data[s + 1];
            if n != b'u' && n != b'U' {
                out.push('\\' as u32);
                out.push(n as u32);
                s += 2;
                continue;
            }
        }
        s += 1;
        if s >= e {
            if !fin {
                return Ok((out, start));
            }
            let (rep, np) = decode_error(vm, &mut d, start, e, "\\ at end of string")?;
            out.extend(rep);
            s = np;
            continue;
        }
        let c = data[s];
        s += 1;
        let simple = match c {
            b'\n' => Some(None),
            b'\\' => Some(Some('\\' as u32)),
            b'\'' => Some(Some('\'' as u32)),
            b'"' => Some(Some('"' as u32)),
            b'b' => Some(Some(8)),
            b'f' => Some(Some(12)),
            b't' => Some(Some(9)),
            b'n' => Some(Some(10)),
            b'r' => Some(Some(13)),
            b'v' => Some(Some(11)),
            b'a' => Some(Some(7)),
            _ => None,
        };
        if !raw {
            if let Some(v) = simple {
                out.extend(v);
                continue;
            }
            if (b'0'..=b'7').contains(&c) {
                let mut v = (c - b'0') as u32;
                for _ in 0..2 {
                    if s < e && (b'0'..=b'7').contains(&data[s]) {
                        v = v * 8 + (data[s] - b'0') as u32;
                        s += 1;
                    } else {
                        break;
                    }
                }
                out.push(v);
                continue;
            }
        }
        let (count, message) = match c {
            b'x' if !raw => (2, "truncated \\xXX escape"),
            b'u' => (4, "truncated \\uXXXX escape"),
            b'U' => (8, "truncated \\UXXXXXXXX escape"),
            b'N' if !raw => {
                // \N{name}
                let message = "malformed \\N character escape";
                let mut ok = None;
                if s < e && data[s] == b'{' {
                    let name_start = s + 1;
                    let mut j = name_start;
                    while j < e && data[j] != b'}' {
                        j += 1;
                    }
                    if j < e && j > name_start {
                        let name = String::from_utf8_lossy(&data[name_start..j]).to_string();
                        match pyx_ucd::lookup_name(&name) {
                            Some(ch) => ok = Some((ch as u32, j + 1)),
                            None => {
                                let (rep, np) = decode_error(vm, &mut d, start, j + 1, "unknown Unicode character name")?;
                                out.extend(rep);
                                s = np;
                                continue;
                            }
                        }
                    } else if j >= e && !fin {
                        return Ok((out, start));
                    }
                } else if s >= e && !fin {
                    return Ok((out, start));
                }
                match ok {
                    Some((ch, np)) => {
                        out.push(ch);
                        s = np;
                    }
                    None => {
                        let (rep, np) = decode_error(vm, &mut d, start, e.min(s.max(start + 2)), message)?;
                        let _ = message;
                        out.extend(rep);
                        s = np;
                    }
                }
                continue;
            }
            _ => {
                first_invalid.get_or_insert(c);
                out.push('\\' as u32);
                out.push(c as u32);
                continue;
            }
        };
        let mut v: u32 = 0;
        let mut k = 0;
        let mut bad = false;
        while k < count {
            if s >= e {
                if !fin {
                    return Ok((out, start));
                }
                bad = true;
                break;
            }
            match (data[s] as char).to_digit(16) {
                Some(h) => v = (v << 4) | h,
                None => {
                    bad = true;
                    break;
                }
            }
            s += 1;
            k += 1;
        }
        if bad {
            let (rep, np) = decode_error(vm, &mut d, start, s, message)?;
            out.extend(rep);
            s = np;
            continue;
        }
        if v > 0x10ffff {
            let reason = if raw { "\\Uxxxxxxxx out of range" } else { "illegal Unicode character" };
            let (rep, np) = decode_error(vm, &mut d, start, s, reason)?;
            out.extend(rep);
            s = np;
            continue;
        }
        out.push(v);
    }
    if let Some(c) = first_invalid {
        invalid_escape_warning(vm, c)?;
    }
    Ok((out, s.min(e)))
}

fn invalid_escape_warning(vm: &mut Vm, c: u8) -> PyResult<()> {
    let shown = if c < 0x80 { (c as char).to_string() } else { format!("\\x{c:02x}") };
    let msg = vm.new_str(&format!("invalid escape sequence '\\{shown}'"));
    let cat = Value::Obj(vm.types.exc.deprecation_warning.clone());
    let w = crate::modules::lookup(vm, "warnings");
    let w = match w {
        Some(w) => w,
        None => crate::modules::import(vm, &str_key("warnings"), &Value::None, &Value::Int(0))?,
    };
    let f = vm.getattr(&w, &str_key("warn"))?;
    vm.call(&f, vec![msg, cat, Value::Int(1)])?;
    Ok(())
}

/// `escape_decode`: the escapes of a bytes literal.
pub fn escape_decode(vm: &mut Vm, data: &[u8], errors: &str) -> PyResult<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    let mut first_invalid: Option<u8> = None;
    let e = data.len();
    let mut s = 0;
    while s < e {
        let c = data[s];
        if c != b'\\' {
            out.push(c);
            s += 1;
            continue;
        }
        s += 1;
        if s >= e {
            return Err(vm.value_error("Trailing \\ in string"));
        }
        let c = data[s];
        s += 1;
        match c {
            b'\n' => {}
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b't' => out.push(9),
            b'n' => out.push(10),
            b'r' => out.push(13),
            b'v' => out.push(11),
            b'a' => out.push(7),
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                for _ in 0..2 {
                    if s < e && (b'0'..=b'7').contains(&data[s]) {
                        v = v * 8 + (data[s] - b'0') as u32;
                        s += 1;
                    } else {
                        break;
                    }
                }
                out.push(v as u8);
            }
            b'x' => {
                let h = |i: usize| data.get(i).and_then(|&b| (b as char).to_digit(16));
                if let (Some(a), Some(b)) = (h(s), h(s + 1)) {
                    out.push((a * 16 + b) as u8);
                    s += 2;
                    continue;
                }
                match errors {
                    "strict" => return Err(vm.value_error(format!("invalid \\x escape at position {}", s - 2))),
                    "replace" => out.push(b'?'),
                    "ignore" => {}
                    other => return Err(vm.value_error(format!("decoding error; unknown error handling code: {other}"))),
                }
                // skip the hex digits that are there
                if h(s).is_some() {
                    s += 1;
                }
            }
            _ => {
                first_invalid.get_or_insert(c);
                out.push(b'\\');
                s -= 1;
            }
        }
    }
    if let Some(c) = first_invalid {
        invalid_escape_warning(vm, c)?;
    }
    Ok(out)
}

// ---- charmap ---------------------------------------------------------------------

/// `charmap_decode` with a mapping (a decoding table str, or any object
/// indexed by byte value).
pub fn decode_charmap(vm: &mut Vm, data: &[u8], errors: &str, mapping: &Value) -> PyResult<Vec<u32>> {
    let mut d = DecCtx::new("charmap", errors, data);
    let mut out = Vec::with_capacity(data.len());
    let table: Option<Vec<u32>> = mapping.as_str().map(|s| s.code_points());
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        let got: Option<Vec<u32>> = match &table {
            Some(t) => match t.get(b as usize) {
                Some(&c) if c != 0xfffe => Some(vec![c]),
                _ => None,
            },
            None => {
                let r = vm.getitem(mapping, &Value::Int(b as i64));
                match r {
                    Err(e) if vm.isinstance(&e.0, &vm.types.exc.lookup_error.clone()) => None,
                    Err(e) => return Err(e),
                    Ok(v) if v.is_none() => None,
                    Ok(v) => match v.payload() {
                        Some(Payload::Str(s)) => {
                            let cps = s.code_points();
                            if cps.len() == 1 && cps[0] == 0xfffe {
                                None
                            } else {
                                Some(cps)
                            }
                        }
                        _ => match crate::vm::ops::as_big(&v).filter(|_| !matches!(v, Value::Float(_))) {
                            Some(n) => {
                                use num_traits::ToPrimitive;
                                match n.to_u32().filter(|&c| c < 0x110000) {
                                    Some(0xfffe) => None,
                                    Some(c) => Some(vec![c]),
                                    None => return Err(vm.type_error("character mapping must be in range(0x110000)")),
                                }
                            }
                            None => return Err(vm.type_error("character mapping must return integer, None or str")),
                        },
                    },
                }
            }
        };
        match got {
            Some(cs) => {
                out.extend(cs);
                i += 1;
            }
            None => {
                let (rep, np) = decode_error(vm, &mut d, i, i + 1, "character maps to <undefined>")?;
                out.extend(rep);
                i = np;
            }
        }
    }
    Ok(out)
}

/// How `charmap_encode` looks a character up.
pub enum CharmapEnc<'a> {
    /// An `EncodingMap` from `charmap_build`.
    Table(&'a std::collections::HashMap<u32, u8>),
    /// Any object indexed by code point.
    Object(&'a Value),
}

fn charmap_lookup(vm: &mut Vm, m: &CharmapEnc, c: u32) -> PyResult<Option<Vec<u8>>> {
    match m {
        CharmapEnc::Table(t) => Ok(t.get(&c).map(|&b| vec![b])),
        CharmapEnc::Object(o) => {
            let r = vm.getitem(o, &Value::Int(c as i64));
            match r {
                Err(e) if vm.isinstance(&e.0, &vm.types.exc.lookup_error.clone()) => Ok(None),
                Err(e) => Err(e),
                Ok(v) if v.is_none() => Ok(None),
                Ok(v) => match v.payload() {
                    Some(Payload::Bytes(b)) => Ok(Some(b.to_vec())),
                    _ => match crate::vm::ops::as_big(&v).filter(|_| !matches!(v, Value::Float(_))) {
                        Some(n) => {
                            use num_traits::ToPrimitive;
                            match n.to_u8() {
                                Some(b) => Ok(Some(vec![b])),
                                None => Err(vm.type_error("character mapping must be in range(256)")),
                            }
                        }
                        None => Err(vm.type_error(format!("character mapping must return integer, bytes or None, not {}", vm.type_name(&v)))),
                    },
                },
            }
        }
    }
}

pub fn encode_charmap(vm: &mut Vm, e: &mut EncCtx, m: &CharmapEnc) -> PyResult<Vec<u8>> {
    let s = e.s;
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if let Some(b) = charmap_lookup(vm, m, s[i])? {
            out.extend_from_slice(&b);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < s.len() && charmap_lookup(vm, m, s[end])?.is_none() {
            end += 1;
        }
        let reason = "character maps to <undefined>";
        let (rep, pos) = encode_error(vm, e, i, end, reason)?;
        match rep {
            Rep::Bytes(b) => out.extend_from_slice(&b),
            Rep::Str(r) => {
                for c in r {
                    match charmap_lookup(vm, m, c)? {
                        Some(b) => out.extend_from_slice(&b),
                        None => return Err(e.error(vm, i, end, reason)),
                    }
                }
            }
        }
        i = pos;
    }
    Ok(out)
}

// ---- the three built-in codecs, for the core --------------------------------------

/// Encode a str with a built-in codec.
pub fn encode(vm: &mut Vm, s: &PyStr, codec: Codec, errors: &str) -> PyResult<Vec<u8>> {
    let cps = s.code_points();
    let mut e = EncCtx::new(codec.name(), errors, &cps, None);
    match codec {
        Codec::Utf8 => encode_utf8(vm, &mut e),
        Codec::Latin1 => encode_ucs1(vm, &mut e, 0x100),
        Codec::Ascii => encode_ucs1(vm, &mut e, 0x80),
    }
}

/// Decode bytes with a built-in codec.
pub fn decode(vm: &mut Vm, b: &[u8], codec: Codec, errors: &str) -> PyResult<PyStr> {
    match codec {
        Codec::Latin1 => Ok(PyStr::from_code_points(b.iter().map(|&c| c as u32).collect())),
        Codec::Ascii => {
            if b.is_ascii() {
                return Ok(PyStr::new(std::str::from_utf8(b).unwrap_or_default()));
            }
            let mut d = DecCtx::new("ascii", errors, b);
            Ok(PyStr::from_code_points(decode_ascii(vm, &mut d)?))
        }
        Codec::Utf8 => {
            if let Ok(s) = std::str::from_utf8(b) {
                return Ok(PyStr::new(s));
            }
            let mut d = DecCtx::new("utf-8", errors, b);
            Ok(PyStr::from_code_points(decode_utf8(vm, &mut d, true)?.0))
        }
    }
}

/// `str.encode(encoding, errors)`: the built-in codecs directly, any other
/// encoding through the codec registry (which must give bytes).
/// The `s` argument format: no embedded NUL in an encoding or error name.
fn no_nul(vm: &Vm, encoding: &str, errors: Option<&str>) -> PyResult<()> {
    if encoding.contains('\0') || errors.is_some_and(|e| e.contains('\0')) {
        return Err(vm.value_error("embedded null character"));
    }
    Ok(())
}

pub fn encode_text(vm: &mut Vm, s: &PyStr, obj: Option<&Value>, encoding: &str, errors: Option<&str>) -> PyResult<Value> {
    no_nul(vm, encoding, errors)?;
    if let Some(codec) = lookup(encoding) {
        let b = encode(vm, s, codec, errors.unwrap_or("strict"))?;
        return Ok(crate::objects::bytes::new_bytes(vm, b));
    }
    let info = crate::modules::codecs::lookup_text_encoding(vm, encoding, "codecs.encode()")?;
    let enc = vm.getitem(&info, &Value::Int(0))?;
    let obj = match obj {
        Some(o) => o.clone(),
        None => vm.new_pystr(s.substring(0, s.len())),
    };
    let r = crate::modules::codecs::call_codec(vm, &enc, obj, errors, encoding, "encoding")?;
    match r.payload() {
        Some(Payload::Bytes(_)) => Ok(r),
        Some(Payload::ByteArray(b)) => {
            let b = b.borrow().clone();
            Ok(crate::objects::bytes::new_bytes(vm, b))
        }
        _ => Err(vm.type_error(format!(
            "'{encoding}' encoder returned '{}' instead of 'bytes'; use codecs.encode() to encode to arbitrary types",
            vm.type_name(&r)
        ))),
    }
}

/// `bytes.decode(encoding, errors)`, likewise.
pub fn decode_text(vm: &mut Vm, b: &[u8], obj: Option<&Value>, encoding: &str, errors: Option<&str>) -> PyResult<Value> {
    no_nul(vm, encoding, errors)?;
    if let Some(codec) = lookup(encoding) {
        let s = decode(vm, b, codec, errors.unwrap_or("strict"))?;
        return Ok(vm.new_pystr(s));
    }
    let info = crate::modules::codecs::lookup_text_encoding(vm, encoding, "codecs.decode()")?;
    let dec = vm.getitem(&info, &Value::Int(1))?;
    let obj = match obj {
        Some(o) => o.clone(),
        // CPython's `PyUnicode_Decode` hands the codec a memoryview.
        None => {
            let b = crate::objects::bytes::new_bytes(vm, b.to_vec());
            crate::objects::memoryview::new_bytes_view(vm, b)
        }
    };
    let r = crate::modules::codecs::call_codec(vm, &dec, obj, errors, encoding, "decoding")?;
    if r.as_str().is_some() {
        return Ok(r);
    }
    Err(vm.type_error(format!(
        "'{encoding}' decoder returned '{}' instead of 'str'; use codecs.decode() to decode to arbitrary types",
        vm.type_name(&r)
    )))
}
