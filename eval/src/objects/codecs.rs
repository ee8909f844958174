//! Text encodings the core needs (utf-8, latin-1, ascii) with CPython's
//! error handlers and `UnicodeEncodeError`/`UnicodeDecodeError` details.

use crate::objects::str::PyStr;
use crate::value::{Payload, Value};
use crate::vm::Vm;
use crate::{PyErr, PyResult};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Codec {
    Utf8,
    Latin1,
    Ascii,
}

/// The codec for an encoding name, as `codecs.lookup` normalizes it.
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

fn check_errors(vm: &Vm, errors: &str) -> PyResult<()> {
    match errors {
        "strict" | "ignore" | "replace" | "backslashreplace" | "surrogateescape" | "xmlcharrefreplace" | "namereplace" | "surrogatepass" => Ok(()),
        _ => Err(vm.err(&vm.types.exc.lookup_error, format!("unknown error handler name '{errors}'"))),
    }
}

/// A UnicodeEncodeError/UnicodeDecodeError with its attributes.
fn unicode_error(vm: &mut Vm, encode: bool, codec: Codec, object: Value, start: usize, end: usize, reason: &str) -> PyErr {
    let cls = if encode { vm.types.exc.unicode_encode_error.clone() } else { vm.types.exc.unicode_decode_error.clone() };
    let args = vec![vm.new_str(codec.name()), object.clone(), Value::Int(start as i64), Value::Int(end as i64), vm.new_str(reason)];
    let e = vm.new_exception(&cls, args);
    if let Some(d) = e.0.obj().and_then(|o| o.dict.as_ref()) {
        let mut d = d.borrow_mut();
        d.set_str("encoding", vm.new_str(codec.name()));
        d.set_str("object", object);
        d.set_str("start", Value::Int(start as i64));
        d.set_str("end", Value::Int(end as i64));
        d.set_str("reason", vm.new_str(reason));
    }
    e
}

/// `str(UnicodeEncodeError)` / `str(UnicodeDecodeError)`.
pub fn unicode_error_str(vm: &mut Vm, e: &Value) -> Option<String> {
    let d = e.obj()?.dict.as_ref()?;
    let d = d.borrow();
    let enc = d.get_str("encoding")?.as_str()?.to_string_lossy();
    let obj = d.get_str("object")?.clone();
    let start = crate::vm::ops::as_i64(d.get_str("start")?)? as usize;
    let end = crate::vm::ops::as_i64(d.get_str("end")?)? as usize;
    let reason = d.get_str("reason")?.as_str()?.to_string_lossy();
    drop(d);
    let _ = vm;
    match obj.payload() {
        Some(Payload::Str(s)) => {
            let c = if start < s.len() { s.at(start) } else { 0 };
            let shown = if c < 0x100 {
                format!("\\x{c:02x}")
            } else if c < 0x10000 {
                format!("\\u{c:04x}")
            } else {
                format!("\\U{c:08x}")
            };
            Some(if end == start + 1 {
                format!("'{enc}' codec can't encode character '{shown}' in position {start}: {reason}")
            } else {
                format!("'{enc}' codec can't encode characters in position {start}-{}: {reason}", end - 1)
            })
        }
        Some(Payload::Bytes(b)) => {
            let byte = b.get(start).copied().unwrap_or(0);
            Some(if end == start + 1 {
                format!("'{enc}' codec can't decode byte 0x{byte:02x} in position {start}: {reason}")
            } else {
                format!("'{enc}' codec can't decode bytes in position {start}-{}: {reason}", end - 1)
            })
        }
        _ => None,
    }
}

/// Encode a str.
pub fn encode(vm: &mut Vm, s: &PyStr, codec: Codec, errors: &str) -> PyResult<Vec<u8>> {
    check_errors(vm, errors)?;
    let limit: u32 = match codec {
        Codec::Utf8 => 0x110000,
        Codec::Latin1 => 0x100,
        Codec::Ascii => 0x80,
    };
    let cps = s.code_points();
    let mut out = Vec::with_capacity(cps.len());
    let mut i = 0;
    while i < cps.len() {
        let c = cps[i];
        let is_surrogate = (0xd800..0xe000).contains(&c);
        let ok = c < limit && !(codec == Codec::Utf8 && is_surrogate);
        if ok {
            match codec {
                Codec::Utf8 => {
                    let ch = char::from_u32(c).unwrap_or('\u{fffd}');
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                _ => out.push(c as u8),
            }
            i += 1;
            continue;
        }
        // A run of unencodable characters.
        let start = i;
        let mut end = i + 1;
        while end < cps.len() && (cps[end] >= limit || (codec == Codec::Utf8 && (0xd800..0xe000).contains(&cps[end]))) {
            end += 1;
        }
        match errors {
            "ignore" => {}
            "replace" => out.extend(std::iter::repeat_n(b'?', end - start)),
            "backslashreplace" => {
                for &c in &cps[start..end] {
                    let t = if c < 0x100 {
                        format!("\\x{c:02x}")
                    } else if c < 0x10000 {
                        format!("\\u{c:04x}")
                    } else {
                        format!("\\U{c:08x}")
                    };
                    out.extend_from_slice(t.as_bytes());
                }
            }
            "xmlcharrefreplace" => {
                for &c in &cps[start..end] {
                    out.extend_from_slice(format!("&#{c};").as_bytes());
                }
            }
            "surrogateescape" if cps[start..end].iter().all(|c| (0xdc80..0xdd00).contains(c)) => {
                out.extend(cps[start..end].iter().map(|c| (c - 0xdc00) as u8));
            }
            "surrogatepass" if codec == Codec::Utf8 && cps[start..end].iter().all(|c| (0xd800..0xe000).contains(c)) => {
                for &c in &cps[start..end] {
                    out.extend_from_slice(&[0xe0 | (c >> 12) as u8, 0x80 | ((c >> 6) & 0x3f) as u8, 0x80 | (c & 0x3f) as u8]);
                }
            }
            _ => {
                let reason = match codec {
                    Codec::Utf8 => "surrogates not allowed",
                    Codec::Latin1 => "ordinal not in range(256)",
                    Codec::Ascii => "ordinal not in range(128)",
                };
                // CPython reports the whole run for ascii/latin-1, one
                // character for utf-8 surrogates.
                let end = if codec == Codec::Utf8 { start + 1 } else { end };
                let obj = vm.new_pystr(s.substring(0, s.len()));
                return Err(unicode_error(vm, true, codec, obj, start, end, reason));
            }
        }
        i = end;
    }
    Ok(out)
}

/// Decode bytes.
pub fn decode(vm: &mut Vm, b: &[u8], codec: Codec, errors: &str) -> PyResult<PyStr> {
    check_errors(vm, errors)?;
    match codec {
        Codec::Latin1 => Ok(PyStr::from_code_points(b.iter().map(|&c| c as u32).collect())),
        Codec::Ascii => {
            if b.is_ascii() {
                return Ok(PyStr::new(std::str::from_utf8(b).unwrap_or_default()));
            }
            let mut out = Vec::with_capacity(b.len());
            for (i, &c) in b.iter().enumerate() {
                if c < 0x80 {
                    out.push(c as u32);
                    continue;
                }
                match errors {
                    "ignore" => {}
                    "replace" => out.push(0xfffd),
                    "backslashreplace" => out.extend(format!("\\x{c:02x}").chars().map(|ch| ch as u32)),
                    "surrogateescape" => out.push(0xdc00 + c as u32),
                    _ => {
                        let obj = vm.new_object(&vm.types.bytes.clone(), Payload::Bytes(b.to_vec().into_boxed_slice()), false);
                        return Err(unicode_error(vm, false, codec, obj, i, i + 1, "ordinal not in range(128)"));
                    }
                }
            }
            Ok(PyStr::from_code_points(out))
        }
        Codec::Utf8 => {
            if let Ok(s) = std::str::from_utf8(b) {
                return Ok(PyStr::new(s));
            }
            let mut out: Vec<u32> = Vec::with_capacity(b.len());
            let mut rest = b;
            let mut pos = 0;
            loop {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.extend(s.chars().map(|c| c as u32));
                        break;
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        if let Ok(s) = std::str::from_utf8(&rest[..good]) {
                            out.extend(s.chars().map(|c| c as u32));
                        }
                        let bad_len = e.error_len();
                        let (n, reason) = match bad_len {
                            Some(n) => {
                                let first = rest[good];
                                let reason = if (0x80..0xc2).contains(&first) || first >= 0xf5 { "invalid start byte" } else { "invalid continuation byte" };
                                (n, reason)
                            }
                            None => (rest.len() - good, "unexpected end of data"),
                        };
                        let start = pos + good;
                        match errors {
                            "ignore" => {}
                            "replace" => out.push(0xfffd),
                            "backslashreplace" => {
                                for &c in &rest[good..good + n] {
                                    out.extend(format!("\\x{c:02x}").chars().map(|ch| ch as u32));
                                }
                            }
                            "surrogateescape" => out.extend(rest[good..good + n].iter().map(|&c| 0xdc00 + c as u32)),
                            _ => {
                                let obj = vm.new_object(&vm.types.bytes.clone(), Payload::Bytes(b.to_vec().into_boxed_slice()), false);
                                let end = if reason == "invalid continuation byte" { start + n } else { start + 1 };
                                let end = if reason == "unexpected end of data" { pos + rest.len() } else { end };
                                return Err(unicode_error(vm, false, codec, obj, start, end, reason));
                            }
                        }
                        pos += good + n;
                        rest = &rest[good + n..];
                    }
                }
            }
            Ok(PyStr::from_code_points(out))
        }
    }
}
