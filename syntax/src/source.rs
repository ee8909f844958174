//! Source decoding (PEP 263 and PEP 3120): bytes → text.
//!
//! UTF-8 is the default; a byte-order mark or a `coding:` cookie on one of the
//! first two lines can say otherwise. Decoding never fails: undecodable input
//! is decoded lossily and the problem reported as a [`DecodeError`] with the
//! message CPython gives.

use std::borrow::Cow;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    pub msg: String,
    /// The 1-based line CPython names (0 for problems with the declaration
    /// itself, as CPython reports them).
    pub line: u32,
    /// Byte offset into the decoded text of the first byte that could not
    /// be decoded (now U+FFFD), when the decoder got that far.
    pub offset: Option<u32>,
}

#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// The encoding's normalized name ("utf-8", "latin-1", "koi8-r", ...).
    pub encoding: String,
    pub error: Option<DecodeError>,
}

/// The encoding declared in a `coding[:=]` cookie on this line, if any.
fn cookie(line: &[u8]) -> Option<&str> {
    let mut i = 0;
    while i < line.len() && matches!(line[i], b' ' | b'\t' | b'\x0c') {
        i += 1;
    }
    if line.get(i) != Some(&b'#') {
        return None;
    }
    let rest = &line[i..];
    let pos = rest.windows(6).position(|w| w == b"coding")?;
    let after = &rest[pos + 6..];
    if !matches!(after.first(), Some(b':') | Some(b'=')) {
        return None;
    }
    let mut j = 1;
    while j < after.len() && matches!(after[j], b' ' | b'\t') {
        j += 1;
    }
    let start = j;
    while j < after.len() && (after[j].is_ascii_alphanumeric() || matches!(after[j], b'-' | b'_' | b'.')) {
        j += 1;
    }
    if j == start {
        return None;
    }
    std::str::from_utf8(&after[start..j]).ok()
}

fn is_blank_or_comment(line: &[u8]) -> bool {
    let mut i = 0;
    while i < line.len() && matches!(line[i], b' ' | b'\t' | b'\x0c') {
        i += 1;
    }
    i == line.len() || matches!(line[i], b'#' | b'\r' | b'\n')
}

/// CPython's normalization of an encoding name in a cookie.
fn normal_name(name: &str) -> String {
    let lower: String = name.chars().take(12).map(|c| if c == '_' { '-' } else { c.to_ascii_lowercase() }).collect();
    if lower == "utf-8" || lower.starts_with("utf-8-") {
        return "utf-8".into();
    }
    for l in ["latin-1", "iso-8859-1", "iso-latin-1"] {
        if lower == l || lower.starts_with(&format!("{l}-")) {
            return "iso-8859-1".into();
        }
    }
    name.to_string()
}

/// CPython's aliases of the `ascii` codec (`encodings.aliases`), as a
/// cookie may spell them.
fn is_ascii_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase().replace('-', "_");
    matches!(
        n.as_str(),
        "ascii" | "646" | "us_ascii" | "us" | "ansi_x3.4_1968" | "ansi_x3_4_1968" | "ansi_x3.4_1986" | "cp367"
            | "csascii" | "ibm367" | "iso646_us" | "iso_646.irv_1991" | "iso_ir_6"
    )
}

fn first_lines(bytes: &[u8]) -> (&[u8], &[u8]) {
    let split = |b: &'_ [u8]| -> usize {
        b.iter().position(|&c| c == b'\n').map_or(b.len(), |p| p + 1)
    };
    let n1 = split(bytes);
    let l1 = &bytes[..n1];
    let rest = &bytes[n1..];
    let n2 = split(rest);
    (l1, &rest[..n2])
}

pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let (l1, l2) = first_lines(if bom { &bytes[3..] } else { bytes });
    let declared = cookie(l1).or_else(|| if is_blank_or_comment(l1) { cookie(l2) } else { None });
    let mut encoding = "utf-8".to_string();
    if let Some(name) = declared {
        let norm = normal_name(name);
        if bom && norm != "utf-8" {
            return lossy(bytes, "utf-8", DecodeError { msg: format!("encoding problem: {name} with BOM"), line: 0, offset: None });
        }
        encoding = norm;
    }
    if encoding == "utf-8" {
        return match std::str::from_utf8(bytes) {
            Ok(s) => Decoded { text: Cow::Borrowed(s), encoding, error: None },
            Err(e) => {
                let bad = e.valid_up_to();
                let line = bytes[..bad].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
                let line_start = bytes[..bad].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
                let byte = bytes[bad];
                let reason = if e.error_len().is_none() {
                    "unexpected end of data"
                } else if (0x80..0xC2).contains(&byte) || byte >= 0xF5 {
                    "invalid start byte"
                } else {
                    "invalid continuation byte"
                };
                // CPython meets the bad byte while decoding a string
                // literal, and counts the position from the literal's body.
                let body_start = bytes[line_start..bad]
                    .iter()
                    .rposition(|&b| b == b'"' || b == b'\'')
                    .map_or(line_start, |q| line_start + q + 1);
                let msg = format!(
                    "(unicode error) 'utf-8' codec can't decode byte 0x{byte:02x} in position {}: {reason}",
                    bad - body_start
                );
                // The text up to the bad byte is valid, so it is where
                // the lossy text's U+FFFD starts.
                lossy(bytes, "utf-8", DecodeError { msg, line, offset: Some(bad as u32) })
            }
        };
    }
    if encoding == "iso-8859-1" {
        let text: String = bytes.iter().map(|&b| b as char).collect();
        return Decoded { text: Cow::Owned(text), encoding, error: None };
    }
    if is_ascii_name(&encoding) {
        // Not through encoding_rs: the WHATWG labels it follows make
        // "ascii" windows-1252, which decodes every byte.
        if let Some(bad) = bytes.iter().position(|&b| b >= 0x80) {
            let line = bytes[..bad].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
            let msg = format!(
                "'ascii' codec can't decode byte 0x{:02x} in position {bad}: ordinal not in range(128)",
                bytes[bad]
            );
            // The text before `bad` is ASCII: one byte per character in
            // the lossy text too.
            return lossy(bytes, "ascii", DecodeError { msg, line, offset: Some(bad as u32) });
        }
        let text = std::str::from_utf8(bytes).expect("ASCII bytes are UTF-8");
        return Decoded { text: Cow::Borrowed(text), encoding, error: None };
    }
    match encoding_rs::Encoding::for_label(encoding.as_bytes()) {
        Some(enc) => {
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            let error = had_errors.then(|| DecodeError {
                msg: format!("(unicode error) '{}' codec can't decode the source", encoding),
                line: 0,
                offset: None,
            });
            Decoded { text: Cow::Owned(text.into_owned()), encoding, error }
        }
        None => lossy(bytes, "utf-8", DecodeError { msg: format!("unknown encoding: {name}", name = declared.unwrap_or("")), line: 0, offset: None }),
    }
}

fn lossy<'a>(bytes: &'a [u8], encoding: &str, error: DecodeError) -> Decoded<'a> {
    Decoded {
        text: String::from_utf8_lossy(bytes),
        encoding: encoding.to_string(),
        error: Some(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_utf8_names_its_line_and_offset() {
        let d = decode(b"x = 1\ny = 2\nz = \"\xff\"\n");
        let e = d.error.expect("an error");
        assert_eq!(e.line, 3);
        assert_eq!(e.offset, Some(17));
        assert_eq!(&d.text[17..20], "\u{fffd}");
        assert_eq!(e.msg, "(unicode error) 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
    }

    #[test]
    fn ascii_cookie_rejects_other_bytes() {
        // As CPython: `'ascii' codec can't decode byte 0xe9 in position 27:
        // ordinal not in range(128)`.
        let d = decode(b"# coding: ascii\nx = 1\ns = \"\xe9\"\n");
        let e = d.error.expect("an error");
        assert_eq!(e.msg, "'ascii' codec can't decode byte 0xe9 in position 27: ordinal not in range(128)");
        assert_eq!((e.line, e.offset), (3, Some(27)));
        for name in ["ascii", "US-ASCII", "646"] {
            let ok = decode(format!("# coding: {name}\nx = 1\n").as_bytes()).error;
            assert!(ok.is_none(), "{name}: {ok:?}");
        }
    }

    #[test]
    fn declaration_problems_have_no_line() {
        let e = decode(b"# coding: no-such-codec\nx = 1\n").error.expect("an error");
        assert_eq!((e.line, e.offset), (0, None));
    }
}
