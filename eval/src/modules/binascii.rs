//! The native `binascii` module: hex, base64, uuencode and
//! quoted-printable codings and the CRC-32 / CRC-CCITT checksums, with
//! CPython's messages.

use num_traits::ToPrimitive;

use super::native::{self, bind_posonly, positional};
use crate::objects::bytes::new_bytes;
use crate::value::{PyRef, Value};
use crate::vm::{Args, Vm};
use crate::{PyErr, PyResult};

thread_local! {
    static ERRORS: std::cell::RefCell<Option<(PyRef, PyRef)>> = const { std::cell::RefCell::new(None) };
}

fn errors(vm: &mut Vm) -> PyResult<(PyRef, PyRef)> {
    if let Some(e) = ERRORS.with(|e| e.borrow().clone()) {
        return Ok(e);
    }
    let value_error = vm.types.exc.value_error.clone();
    let error = native::exception_class(vm, "binascii", "Error", Some(value_error))?;
    let incomplete = native::exception_class(vm, "binascii", "Incomplete", None)?;
    ERRORS.with(|e| *e.borrow_mut() = Some((error.clone(), incomplete.clone())));
    Ok((error, incomplete))
}

fn error(vm: &mut Vm, msg: &str) -> PyErr {
    match errors(vm) {
        Ok((e, _)) => vm.err(&e, msg),
        Err(e) => e,
    }
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(
        vm,
        "binascii",
        &[
            ("a2b_uu", a2b_uu),
            ("b2a_uu", b2a_uu),
            ("a2b_base64", a2b_base64),
            ("b2a_base64", b2a_base64),
            ("crc_hqx", crc_hqx),
            ("crc32", crc32),
            ("b2a_hex", b2a_hex),
            ("hexlify", hexlify),
            ("a2b_hex", a2b_hex),
            ("unhexlify", unhexlify),
            ("a2b_qp", a2b_qp),
            ("b2a_qp", b2a_qp),
        ],
    );
    native::set(&m, "__doc__", vm.new_str("Conversion between binary data and ASCII"));
    let (e, i) = errors(vm)?;
    native::set(&m, "Error", Value::Obj(e));
    native::set(&m, "Incomplete", Value::Obj(i));
    Ok(m)
}

/// The input of an `a2b_*` function: bytes-like, or a str of ASCII only.
fn ascii_arg(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(s) = v.as_str() {
        let s = s.to_string_lossy();
        if !s.is_ascii() {
            return Err(vm.value_error("string argument should contain only ASCII characters"));
        }
        return Ok(s.into_bytes());
    }
    native::buffer_bytes(vm, v).map_err(|_| vm.type_error(format!("argument should be bytes, buffer or ASCII string, not '{}'", vm.type_name(v))))
}

fn flag(vm: &mut Vm, v: &Option<Value>, default: bool) -> PyResult<bool> {
    match v {
        Some(v) => vm.truthy(v),
        None => Ok(default),
    }
}

/// An `unsigned int(bitwise=True)` argument: any int, masked to 32 bits.
fn crc_arg(vm: &mut Vm, v: &Value) -> PyResult<u32> {
    let b = crate::builtins::index_big(vm, v)?;
    let m: num_bigint::BigInt = b & num_bigint::BigInt::from(0xffff_ffffu32);
    Ok(m.to_u32().unwrap_or(0))
}

// ---- hex -----------------------------------------------------------------------

fn hex_impl(vm: &mut Vm, a: &Args, fname: &str) -> PyResult<Value> {
    let b = bind_posonly(vm, a, fname, &["data", "sep", "bytes_per_sep"], 1, 3, 0)?;
    let data = native::buffer_bytes(vm, b[0].as_ref().unwrap_or(&Value::None))?;
    let sep = match &b[1] {
        None => None,
        Some(s) => {
            let n = vm.len(s)?;
            if n != 1 {
                return Err(vm.value_error("sep must be length 1."));
            }
            if let Some(st) = s.as_str() {
                let c = st.to_string_lossy().chars().next().map(|c| c as u32).unwrap_or(0);
                if c > 0xff {
                    return Err(vm.value_error("sep must be ASCII."));
                }
                Some(c as u8)
            } else if let Some(crate::value::Payload::Bytes(bb)) = s.payload() {
                Some(bb[0])
            } else {
                return Err(vm.type_error("sep must be str or bytes."));
            }
        }
    };
    let per = match &b[2] {
        None => 1,
        Some(v) => {
            let n = crate::builtins::index_big(vm, v)?;
            n.to_i32().ok_or_else(|| vm.overflow_error("Python int too large to convert to C int"))? as i64
        }
    };
    Ok(new_bytes(vm, hex_with_sep(&data, sep, per)))
}

pub fn hex_with_sep(data: &[u8], sep: Option<u8>, per: i64) -> Vec<u8> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = Vec::with_capacity(data.len() * 3);
    let group = per.unsigned_abs() as usize;
    let n = data.len();
    for (i, byte) in data.iter().enumerate() {
        if let (Some(s), true) = (sep, group > 0 && i > 0) {
            // Groups count from the right for a positive bytes_per_sep.
            let boundary = if per > 0 { (n - i) % group == 0 } else { i % group == 0 };
            if boundary {
                out.push(s);
            }
        }
        out.push(HEX[(byte >> 4) as usize]);
        out.push(HEX[(byte & 15) as usize]);
    }
    out
}

fn b2a_hex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    hex_impl(vm, a, "b2a_hex")
}

fn hexlify(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    hex_impl(vm, a, "hexlify")
}

fn unhex_impl(vm: &mut Vm, a: &Args, fname: &str) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("binascii.{fname}() takes no keyword arguments")));
    }
    if a.pos.len() != 1 {
        return Err(vm.type_error(format!("binascii.{fname}() takes exactly one argument ({} given)", a.pos.len())));
    }
    let data = ascii_arg(vm, &a.pos[0])?;
    if data.len() % 2 != 0 {
        return Err(error(vm, "Odd-length string"));
    }
    let mut out = Vec::with_capacity(data.len() / 2);
    for pair in data.chunks(2) {
        let hi = (pair[0] as char).to_digit(16);
        let lo = (pair[1] as char).to_digit(16);
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => return Err(error(vm, "Non-hexadecimal digit found")),
        }
    }
    Ok(new_bytes(vm, out))
}

fn a2b_hex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    unhex_impl(vm, a, "a2b_hex")
}

fn unhexlify(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    unhex_impl(vm, a, "unhexlify")
}

// ---- base64 ----------------------------------------------------------------------

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

pub fn base64_encode(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4 + 1);
    for chunk in data.chunks(3) {
        let b0 = chunk[0] as u32;
        let b1 = chunk.get(1).copied().unwrap_or(0) as u32;
        let b2 = chunk.get(2).copied().unwrap_or(0) as u32;
        let v = (b0 << 16) | (b1 << 8) | b2;
        out.push(B64[(v >> 18) as usize & 63]);
        out.push(B64[(v >> 12) as usize & 63]);
        out.push(if chunk.len() > 1 { B64[(v >> 6) as usize & 63] } else { b'=' });
        out.push(if chunk.len() > 2 { B64[v as usize & 63] } else { b'=' });
    }
    out
}

fn b2a_base64(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = bind_posonly(vm, a, "b2a_base64", &["data", "newline"], 1, 1, 1)?;
    let data = native::buffer_bytes(vm, b[0].as_ref().unwrap_or(&Value::None))?;
    let newline = flag(vm, &b[1], true)?;
    let mut out = base64_encode(&data);
    if newline {
        out.push(b'\n');
    }
    Ok(new_bytes(vm, out))
}

fn a2b_base64(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = bind_posonly(vm, a, "a2b_base64", &["data", "strict_mode"], 1, 1, 1)?;
    let data = ascii_arg(vm, b[0].as_ref().unwrap_or(&Value::None))?;
    let strict = flag(vm, &b[1], false)?;
    match base64_decode(&data, strict) {
        Ok(v) => Ok(new_bytes(vm, v)),
        Err(msg) => Err(error(vm, &msg)),
    }
}

pub fn base64_decode(data: &[u8], strict: bool) -> Result<Vec<u8>, String> {
    if strict && data.first() == Some(&b'=') {
        return Err("Leading padding not allowed".into());
    }
    let mut out = Vec::with_capacity(data.len() / 4 * 3 + 3);
    let mut quad = 0;
    let mut left: u32 = 0;
    let mut pads = 0;
    let mut padding_started = false;
    for (i, &c) in data.iter().enumerate() {
        if c == b'=' {
            padding_started = true;
            if quad >= 2 {
                pads += 1;
                if quad + pads >= 4 {
                    if strict && i + 1 < data.len() {
                        return Err("Excess data after padding".into());
                    }
                    return Ok(out);
                }
            }
            continue;
        }
        let Some(v) = b64_value(c) else {
            if strict {
                return Err("Only base64 data is allowed".into());
            }
            continue;
        };
        if strict && padding_started {
            return Err("Discontinuous padding not allowed".into());
        }
        pads = 0;
        let v = v as u32;
        match quad {
            0 => {
                quad = 1;
                left = v;
            }
            1 => {
                quad = 2;
                out.push(((left << 2) | (v >> 4)) as u8);
                left = v & 0x0f;
            }
            2 => {
                quad = 3;
                out.push(((left << 4) | (v >> 2)) as u8);
                left = v & 0x03;
            }
            _ => {
                quad = 0;
                out.push(((left << 6) | v) as u8);
                left = 0;
            }
        }
    }
    if quad != 0 {
        if quad == 1 {
            return Err(format!(
                "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
                out.len() / 3 * 4 + 1
            ));
        }
        return Err("Incorrect padding".into());
    }
    Ok(out)
}

// ---- uuencode ---------------------------------------------------------------------

fn b2a_uu(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = bind_posonly(vm, a, "b2a_uu", &["data", "backtick"], 1, 1, 1)?;
    let data = native::buffer_bytes(vm, b[0].as_ref().unwrap_or(&Value::None))?;
    let backtick = flag(vm, &b[1], false)?;
    if data.len() > 45 {
        return Err(error(vm, "At most 45 bytes at once"));
    }
    let enc = |v: u32| -> u8 {
        if backtick && v == 0 {
            b'`'
        } else {
            b' ' + v as u8
        }
    };
    let mut out = vec![enc(data.len() as u32)];
    for chunk in data.chunks(3) {
        let b0 = chunk[0] as u32;
        let b1 = chunk.get(1).copied().unwrap_or(0) as u32;
        let b2 = chunk.get(2).copied().unwrap_or(0) as u32;
        let v = (b0 << 16) | (b1 << 8) | b2;
        for shift in [18, 12, 6, 0] {
            out.push(enc((v >> shift) & 63));
        }
    }
    out.push(b'\n');
    Ok(new_bytes(vm, out))
}

fn a2b_uu(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "binascii.a2b_uu", 1, 1)?;
    let data = ascii_arg(vm, &p[0])?;
    // An empty line reads as a length byte of NUL (CPython reads the terminator).
    let first = data.first().copied().unwrap_or(0);
    let mut bin_len = (first.wrapping_sub(b' ') & 0o77) as usize;
    let mut rest = data.get(1..).unwrap_or(&[]).iter();
    let mut out = Vec::with_capacity(bin_len);
    let mut left: u32 = 0;
    let mut bits = 0;
    while bin_len > 0 {
        let c = rest.next().copied();
        let v = match c {
            None | Some(b'\n') | Some(b'\r') => 0,
            Some(c) => {
                if !(b' '..=b' ' + 64).contains(&c) {
                    return Err(error(vm, "Illegal char"));
                }
                ((c - b' ') & 0o77) as u32
            }
        };
        left = (left << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((left >> bits) as u8);
            left &= (1 << bits) - 1;
            bin_len -= 1;
        }
    }
    for &c in rest {
        if c != b' ' && c != b' ' + 64 && c != b'\n' && c != b'\r' {
            return Err(error(vm, "Trailing garbage"));
        }
    }
    Ok(new_bytes(vm, out))
}

// ---- checksums ---------------------------------------------------------------------

fn crc32(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("binascii.crc32() takes no keyword arguments"));
    }
    let p = positional(vm, a, "crc32", 1, 2)?;
    let data = native::buffer_bytes(vm, &p[0])?;
    let start = match p.get(1) {
        Some(v) => crc_arg(vm, v)?,
        None => 0,
    };
    let mut h = crc32fast::Hasher::new_with_initial(start);
    h.update(&data);
    Ok(Value::Int(h.finalize() as i64))
}

fn crc_hqx(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "crc_hqx", 2, 2)?;
    let data = native::buffer_bytes(vm, &p[0])?;
    let mut crc = crc_arg(vm, &p[1])? & 0xffff;
    for &byte in &data {
        crc ^= (byte as u32) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 { (crc << 1) ^ 0x1021 } else { crc << 1 };
        }
        crc &= 0xffff;
    }
    Ok(Value::Int(crc as i64))
}

// ---- quoted-printable -----------------------------------------------------------------

fn a2b_qp(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = bind_posonly(vm, a, "a2b_qp", &["data", "header"], 1, 2, 0)?;
    let data = ascii_arg(vm, b[0].as_ref().unwrap_or(&Value::None))?;
    let header = flag(vm, &b[1], false)?;
    let hexval = |c: u8| (c as char).to_digit(16);
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    let n = data.len();
    while i < n {
        let c = data[i];
        if c == b'=' {
            i += 1;
            if i >= n {
                break;
            }
            if data[i] == b'\n' || data[i] == b'\r' {
                // A soft line break.
                if data[i] != b'\n' {
                    while i < n && data[i] != b'\n' {
                        i += 1;
                    }
                }
                if i < n {
                    i += 1;
                }
            } else if data[i] == b'=' {
                out.push(b'=');
                i += 1;
            } else if let (true, Some(h), Some(l)) = (i + 1 < n, hexval(data[i]), data.get(i + 1).and_then(|&d| hexval(d))) {
                out.push((h * 16 + l) as u8);
                i += 2;
            } else {
                out.push(b'=');
            }
        } else if header && c == b'_' {
            out.push(b' ');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(new_bytes(vm, out))
}

fn b2a_qp(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = bind_posonly(vm, a, "b2a_qp", &["data", "quotetabs", "istext", "header"], 1, 4, 0)?;
    let data = native::buffer_bytes(vm, b[0].as_ref().unwrap_or(&Value::None))?;
    let quotetabs = flag(vm, &b[1], false)?;
    let istext = flag(vm, &b[2], true)?;
    let header = flag(vm, &b[3], false)?;
    Ok(new_bytes(vm, qp_encode(&data, quotetabs, istext, header)))
}

fn qp_encode(data: &[u8], quotetabs: bool, istext: bool, header: bool) -> Vec<u8> {
    const MAXLINE: usize = 76;
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let n = data.len();
    let crlf = match data.iter().position(|&c| c == b'\n') {
        Some(p) => p > 0 && data[p - 1] == b'\r',
        None => false,
    };
    let mut out: Vec<u8> = Vec::with_capacity(n * 3);
    let soft_break = |out: &mut Vec<u8>| {
        out.push(b'=');
        if crlf {
            out.push(b'\r');
        }
        out.push(b'\n');
    };
    let mut i = 0;
    let mut linelen = 0;
    while i < n {
        let c = data[i];
        let next = data.get(i + 1).copied();
        let quote = c > 126
            || c == b'='
            || (header && c == b'_')
            || (c == b'.' && linelen == 0 && matches!(next, None | Some(b'\n') | Some(b'\r') | Some(0)))
            || (!istext && (c == b'\r' || c == b'\n'))
            || ((c == b'\t' || c == b' ') && i + 1 == n)
            || (c < 33 && c != b'\r' && c != b'\n' && (quotetabs || (c != b'\t' && c != b' ')));
        if quote {
            if linelen + 3 >= MAXLINE {
                soft_break(&mut out);
                linelen = 0;
            }
            out.push(b'=');
            out.push(HEX[(c >> 4) as usize]);
            out.push(HEX[(c & 15) as usize]);
            i += 1;
            linelen += 3;
        } else if istext && (c == b'\n' || (c == b'\r' && next == Some(b'\n'))) {
            linelen = 0;
            // Whitespace at the end of a line is encoded.
            if let Some(&last) = out.last() {
                if last == b' ' || last == b'\t' {
                    out.pop();
                    out.push(b'=');
                    out.push(HEX[(last >> 4) as usize]);
                    out.push(HEX[(last & 15) as usize]);
                }
            }
            if crlf {
                out.push(b'\r');
            }
            out.push(b'\n');
            i += if c == b'\r' { 2 } else { 1 };
        } else {
            if i + 1 != n && next != Some(b'\n') && linelen + 1 >= MAXLINE {
                soft_break(&mut out);
                linelen = 0;
            }
            linelen += 1;
            if header && c == b' ' {
                out.push(b'_');
            } else {
                out.push(c);
            }
            i += 1;
        }
    }
    out
}
