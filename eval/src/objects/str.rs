//! `str`: code points, lone surrogates allowed (docs/eval.md, "str").

use std::cell::Cell;

/// A string's code points: ASCII bytes (also valid UTF-8), or one `u32` per
/// code point for anything else.
pub enum StrData {
    Ascii(Box<str>),
    Wide(Box<[u32]>),
}

pub struct PyStr {
    pub data: StrData,
    hash: Cell<i64>,
}

impl PyStr {
    pub fn new(s: &str) -> PyStr {
        if s.is_ascii() {
            PyStr { data: StrData::Ascii(s.into()), hash: Cell::new(-1) }
        } else {
            PyStr { data: StrData::Wide(s.chars().map(|c| c as u32).collect()), hash: Cell::new(-1) }
        }
    }

    pub fn from_string(s: String) -> PyStr {
        if s.is_ascii() {
            PyStr { data: StrData::Ascii(s.into_boxed_str()), hash: Cell::new(-1) }
        } else {
            PyStr::new(&s)
        }
    }

    pub fn from_code_points(cps: Vec<u32>) -> PyStr {
        if cps.iter().all(|&c| c < 128) {
            let s: String = cps.iter().map(|&c| c as u8 as char).collect();
            PyStr { data: StrData::Ascii(s.into_boxed_str()), hash: Cell::new(-1) }
        } else {
            PyStr { data: StrData::Wide(cps.into_boxed_slice()), hash: Cell::new(-1) }
        }
    }

    pub fn from_ast(s: &pyx_syntax::ast::PyStr) -> PyStr {
        match s {
            pyx_syntax::ast::PyStr::Utf8(s) => PyStr::new(s),
            pyx_syntax::ast::PyStr::CodePoints(v) => PyStr::from_code_points(v.clone()),
        }
    }

    pub fn len(&self) -> usize {
        match &self.data {
            StrData::Ascii(s) => s.len(),
            StrData::Wide(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The code point at `i` (`i < len`).
    pub fn at(&self, i: usize) -> u32 {
        match &self.data {
            StrData::Ascii(s) => s.as_bytes()[i] as u32,
            StrData::Wide(v) => v[i],
        }
    }

    pub fn code_points(&self) -> Vec<u32> {
        match &self.data {
            StrData::Ascii(s) => s.bytes().map(|b| b as u32).collect(),
            StrData::Wide(v) => v.to_vec(),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        let (a, w) = match &self.data {
            StrData::Ascii(s) => (Some(s.bytes().map(|b| b as u32)), None),
            StrData::Wide(v) => (None, Some(v.iter().copied())),
        };
        a.into_iter().flatten().chain(w.into_iter().flatten())
    }

    /// The text as UTF-8; lone surrogates become U+FFFD.
    pub fn to_string_lossy(&self) -> String {
        match &self.data {
            StrData::Ascii(s) => s.to_string(),
            StrData::Wide(v) => v.iter().map(|&c| char::from_u32(c).unwrap_or('\u{FFFD}')).collect(),
        }
    }

    /// The text as `&str` when it is ASCII.
    pub fn as_ascii(&self) -> Option<&str> {
        match &self.data {
            StrData::Ascii(s) => Some(s),
            StrData::Wide(_) => None,
        }
    }

    /// The text as UTF-8, or `None` when it holds a lone surrogate.
    pub fn to_utf8(&self) -> Option<String> {
        match &self.data {
            StrData::Ascii(s) => Some(s.to_string()),
            StrData::Wide(v) => v.iter().map(|&c| char::from_u32(c)).collect(),
        }
    }

    pub fn substring(&self, start: usize, end: usize) -> PyStr {
        match &self.data {
            StrData::Ascii(s) => PyStr::new(&s[start..end]),
            StrData::Wide(v) => PyStr::from_code_points(v[start..end].to_vec()),
        }
    }

    pub fn eq_str(&self, other: &PyStr) -> bool {
        match (&self.data, &other.data) {
            (StrData::Ascii(a), StrData::Ascii(b)) => a == b,
            (StrData::Wide(a), StrData::Wide(b)) => a == b,
            _ => false,
        }
    }

    pub fn eq_rust(&self, other: &str) -> bool {
        match &self.data {
            StrData::Ascii(a) => &**a == other,
            StrData::Wide(v) => v.iter().copied().eq(other.chars().map(|c| c as u32)),
        }
    }

    pub fn cmp_str(&self, other: &PyStr) -> std::cmp::Ordering {
        match (&self.data, &other.data) {
            (StrData::Ascii(a), StrData::Ascii(b)) => a.as_bytes().cmp(b.as_bytes()),
            _ => self.iter().cmp(other.iter()),
        }
    }

    /// CPython's string hash is randomized unless PYTHONHASHSEED is set; any
    /// consistent function serves (set iteration order of strs is not
    /// something programs may rely on). FNV-1a over the code points.
    pub fn hash(&self) -> i64 {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        let h = match &self.data {
            // ASCII: one byte per code point already.
            StrData::Ascii(s) => crate::objects::hashing::hash_bytes(s.as_bytes()),
            StrData::Wide(v) => crate::objects::hashing::hash_code_points(v.iter().copied()),
        };
        self.hash.set(h);
        h
    }

    pub fn concat(&self, other: &PyStr) -> PyStr {
        match (&self.data, &other.data) {
            (StrData::Ascii(a), StrData::Ascii(b)) => {
                let mut s = String::with_capacity(a.len() + b.len());
                s.push_str(a);
                s.push_str(b);
                PyStr { data: StrData::Ascii(s.into_boxed_str()), hash: Cell::new(-1) }
            }
            _ => {
                let mut v = self.code_points();
                v.extend(other.iter());
                PyStr::from_code_points(v)
            }
        }
    }

    /// `repr()` as CPython writes it: single quotes unless the text has a
    /// single quote and no double quote; escapes for the non-printable.
    pub fn repr(&self) -> String {
        let has_single = self.iter().any(|c| c == '\'' as u32);
        let has_double = self.iter().any(|c| c == '"' as u32);
        let quote = if has_single && !has_double { '"' } else { '\'' };
        let mut out = String::with_capacity(self.len() + 2);
        out.push(quote);
        for c in self.iter() {
            match c {
                0x5c => out.push_str("\\\\"),
                0x0a => out.push_str("\\n"),
                0x0d => out.push_str("\\r"),
                0x09 => out.push_str("\\t"),
                _ if c == quote as u32 => {
                    out.push('\\');
                    out.push(quote);
                }
                _ if c < 0x20 || c == 0x7f => out.push_str(&format!("\\x{c:02x}")),
                _ if c < 0x7f => out.push(c as u8 as char),
                _ => match char::from_u32(c) {
                    Some(ch) if is_printable(ch) => out.push(ch),
                    _ if c <= 0xff => out.push_str(&format!("\\x{c:02x}")),
                    _ if c <= 0xffff => out.push_str(&format!("\\u{c:04x}")),
                    _ => out.push_str(&format!("\\U{c:08x}")),
                },
            }
        }
        out.push(quote);
        out
    }
}

/// Python's `str.isprintable` for one character (CPython 3.11's table,
/// so that `repr` escapes exactly what CPython escapes).
pub fn is_printable(c: char) -> bool {
    crate::objects::str_methods::is_printable(c as u32)
}
