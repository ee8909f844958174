//! Methods and attributes of int, bool, float and complex, and complex
//! arithmetic.

use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive, Zero};

use crate::code::BinOp;
use crate::types::{add_method, add_native};
use crate::value::{Payload, Value};
use crate::vm::{ops, Args, Vm};
use crate::PyResult;

pub fn install(vm: &mut Vm) {
    let t = &vm.types;
    let i = t.int.clone();
    add_method(&i, "bit_length", int_bit_length);
    add_method(&i, "bit_count", int_bit_count);
    add_method(&i, "to_bytes", int_to_bytes);
    add_method(&i, "conjugate", int_conjugate);
    add_method(&i, "as_integer_ratio", int_as_integer_ratio);
    add_method(&i, "__round__", int_round);
    crate::types::add_classmethod(&t.classmethod, &i, "from_bytes", int_from_bytes);
    let f = t.float.clone();
    add_method(&f, "is_integer", float_is_integer);
    crate::types::add_classmethod(&t.classmethod, &f, "__getformat__", float_getformat);
    add_method(&f, "hex", float_hex);
    add_method(&f, "as_integer_ratio", float_as_integer_ratio);
    add_method(&f, "conjugate", float_conjugate);
    add_method(&f, "__round__", float_round);
    crate::types::add_classmethod(&t.classmethod, &f, "fromhex", float_fromhex);
    add_method(&i, "__floor__", int_conjugate);
    add_method(&i, "__ceil__", int_conjugate);
    add_method(&f, "__floor__", float_floor);
    add_method(&f, "__ceil__", float_ceil);
    add_method(&t.range, "index", range_index);
    add_method(&t.range, "__reversed__", range_reversed);
    add_method(&i, "__divmod__", int_divmod);
    add_method(&i, "__rdivmod__", int_rdivmod);
    add_method(&f, "__divmod__", int_divmod);
    add_method(&f, "__rdivmod__", int_rdivmod);
    add_method(&t.range, "count", range_count);
    add_method(&t.slice, "indices", slice_indices_method);
    for (cls, f) in [(t.none_type.clone(), none_new as crate::value::NativeFn), (t.not_implemented_type.clone(), notimpl_new), (t.ellipsis_type.clone(), ellipsis_new)] {
        add_native(&cls, "__new__", f, false, true);
    }
    let c = t.complex.clone();
    add_method(&c, "conjugate", complex_conjugate);
    add_native(&c, "__new__", complex_new, false, true);
}

fn this(a: &Args) -> Value {
    a.pos.first().cloned().unwrap_or(Value::None)
}

fn big(vm: &Vm, v: &Value) -> PyResult<BigInt> {
    ops::as_big(v).ok_or_else(|| vm.type_error(format!("descriptor requires an 'int' object but received '{}'", vm.type_name(v))))
}

pub fn float_val(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(*f),
        _ => match v.payload() {
            Some(Payload::Float(f)) => Some(*f),
            _ => None,
        },
    }
}

/// `int.real`, `float.imag`, `complex.real` …
pub fn number_attr(vm: &mut Vm, v: &Value, name: &str) -> Option<Value> {
    if let Some(b) = ops::as_big(v) {
        return Some(match name {
            "real" | "numerator" => ops::int_from_big(b),
            "imag" => Value::Int(0),
            "denominator" => Value::Int(1),
            _ => return None,
        });
    }
    if let Some(f) = float_val(v) {
        return Some(match name {
            "real" => Value::Float(f),
            "imag" => Value::Float(0.0),
            _ => return None,
        });
    }
    if let Some(Payload::Complex(re, im)) = v.payload() {
        let _ = vm;
        return Some(match name {
            "real" => Value::Float(*re),
            "imag" => Value::Float(*im),
            _ => return None,
        });
    }
    None
}

fn int_bit_length(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = big(vm, &this(a))?;
    Ok(Value::Int(b.bits() as i64))
}

fn int_bit_count(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = big(vm, &this(a))?;
    let (_, digits) = b.to_u64_digits();
    Ok(Value::Int(digits.iter().map(|d| d.count_ones() as i64).sum()))
}

fn int_conjugate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(ops::int_from_big(big(vm, &this(a))?))
}

fn int_as_integer_ratio(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = big(vm, &this(a))?;
    Ok(vm.new_tuple(vec![ops::int_from_big(b), Value::Int(1)]))
}

fn int_round(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let f = vm.builtins_get("round").unwrap_or(Value::None);
    let x = ops::int_from_big(big(vm, &this(a))?);
    let mut args = vec![x];
    args.extend(a.pos.get(1).cloned());
    vm.call(&f, args)
}

fn byteorder(vm: &mut Vm, a: &Args, pos: usize) -> PyResult<bool> {
    let v = a.pos.get(pos).or_else(|| a.kwarg("byteorder")).cloned();
    match v {
        None => Ok(false),
        Some(v) => match v.as_str().map(|s| s.to_string_lossy()) {
            Some(s) if s == "big" => Ok(false),
            Some(s) if s == "little" => Ok(true),
            Some(_) => Err(vm.value_error("byteorder must be either 'little' or 'big'")),
            None => Err(vm.type_error(format!("to_bytes() argument 'byteorder' must be str, not {}", vm.type_name(&v)))),
        },
    }
}

fn int_to_bytes(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = big(vm, &this(a))?;
    let length = match a.pos.get(1).or_else(|| a.kwarg("length")) {
        Some(l) => crate::builtins::index_i64(vm, &l.clone())?,
        None => 1,
    };
    if length < 0 {
        return Err(vm.value_error("length argument must be non-negative"));
    }
    let little = byteorder(vm, a, 2)?;
    let signed = match a.kwarg("signed") {
        Some(s) => vm.truthy(&s.clone())?,
        None => false,
    };
    if b.is_negative() && !signed {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    let mut bytes = if signed { b.to_signed_bytes_le() } else { b.to_bytes_le().1 };
    if b.is_zero() {
        bytes = vec![];
    }
    let length = length as usize;
    if bytes.len() > length {
        // Signed encodings may carry a redundant sign byte.
        let trimmed = bytes.len() == length + 1 && signed && ((bytes[length] == 0 && bytes[length - 1.min(length)] < 0x80) || (bytes[length] == 0xff && length > 0 && bytes[length - 1] >= 0x80));
        if !trimmed || length == 0 {
            return Err(vm.overflow_error("int too big to convert"));
        }
        bytes.truncate(length);
    }
    let fill = if b.is_negative() { 0xff } else { 0 };
    bytes.resize(length, fill);
    if !little {
        bytes.reverse();
    }
    Ok(vm.new_object(&vm.types.bytes.clone(), Payload::Bytes(bytes.into_boxed_slice()), false))
}

fn int_from_bytes(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(src) = a.pos.get(1).or_else(|| a.kwarg("bytes")).cloned() else {
        return Err(vm.type_error("from_bytes() missing required argument 'bytes' (pos 1)"));
    };
    let data: Vec<u8> = match src.payload() {
        Some(Payload::Bytes(b)) => b.to_vec(),
        Some(Payload::ByteArray(b)) => b.borrow().clone(),
        Some(Payload::Str(_)) => return Err(vm.type_error("cannot convert 'str' object to bytes")),
        _ if vm.lookup_mro(&vm.type_of(&src), "__bytes__").is_some() => {
            let f = vm.lookup_mro(&vm.type_of(&src), "__bytes__").expect("checked");
            let r = vm.call(&f, vec![src.clone()])?;
            match crate::objects::bytes::bytes_of(&r) {
                Some(b) if matches!(r.payload(), Some(Payload::Bytes(_))) => b.to_vec(),
                _ => return Err(vm.type_error(format!("__bytes__ returned non-bytes (type {})", vm.type_name(&r)))),
            }
        }
        _ => {
            let items = vm.to_vec(&src)?;
            let mut out = Vec::new();
            for x in items {
                match ops::as_i64(&x) {
                    Some(v) if (0..256).contains(&v) => out.push(v as u8),
                    _ => return Err(vm.value_error("bytes must be in range(0, 256)")),
                }
            }
            out
        }
    };
    let little = byteorder(vm, a, 2)?;
    let signed = match a.kwarg("signed") {
        Some(s) => vm.truthy(&s.clone())?,
        None => false,
    };
    let mut le = data;
    if !little {
        le.reverse();
    }
    let v = if signed { BigInt::from_signed_bytes_le(&le) } else { BigInt::from_bytes_le(Sign::Plus, &le) };
    let r = ops::int_from_big(v);
    match a.pos.first() {
        Some(cls) if !cls.is(&Value::Obj(vm.types.int.clone())) => vm.call(&cls.clone(), vec![r]),
        _ => Ok(r),
    }
}

fn fval(vm: &Vm, v: &Value) -> PyResult<f64> {
    float_val(v).ok_or_else(|| vm.type_error(format!("descriptor requires a 'float' object but received '{}'", vm.type_name(v))))
}

fn float_is_integer(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let f = fval(vm, &this(a))?;
    Ok(Value::Bool(f.is_finite() && f.fract() == 0.0))
}

fn float_conjugate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Float(fval(vm, &this(a))?))
}

fn float_round(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let f = vm.builtins_get("round").unwrap_or(Value::None);
    let x = Value::Float(fval(vm, &this(a))?);
    let mut args = vec![x];
    args.extend(a.pos.get(1).cloned());
    vm.call(&f, args)
}

fn float_as_integer_ratio(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let f = fval(vm, &this(a))?;
    if f.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = bits & ((1u64 << 52) - 1);
    let (m, e) = if exp == 0 { (mant, -1074) } else { (mant | (1u64 << 52), exp - 1075) };
    let mut num = BigInt::from(m);
    let mut den = BigInt::from(1);
    if e > 0 {
        num <<= e as usize;
    } else {
        den <<= (-e) as usize;
    }
    let g = num_integer::Integer::gcd(&num, &den);
    if !g.is_zero() {
        num /= &g;
        den /= &g;
    }
    if f < 0.0 {
        num = -num;
    }
    Ok(vm.new_tuple(vec![ops::int_from_big(num), ops::int_from_big(den)]))
}

/// `float.hex()`: `[-]0x1.<13 hex digits>p<exp>`, trailing zeros removed.
pub fn float_hex_string(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = bits & ((1u64 << 52) - 1);
    let (lead, e) = if exp == 0 { (0, -1022) } else { (1, exp - 1023) };
    let digits = format!("{mant:013x}");
    format!("{sign}0x{lead}.{digits}p{}{e}", if e >= 0 { "+" } else { "" })
}

fn float_hex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let f = fval(vm, &this(a))?;
    Ok(vm.new_str(&float_hex_string(f)))
}

/// The float a hexadecimal string denotes (`float.fromhex`): `Ok(None)` if
/// the string is malformed, `Err(())` if the value overflows.
fn parse_hex_float(s: &str) -> Result<Option<f64>, ()> {
    let ws = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c');
    let t = s.trim_matches(ws);
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let sign = |v: f64| if neg { -v } else { v };
    let lower = body.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Ok(Some(sign(f64::INFINITY)));
    }
    if lower == "nan" {
        return Ok(Some(sign(f64::NAN)));
    }
    let b = lower.as_bytes();
    let mut i = 0;
    if b.len() >= 2 && b[0] == b'0' && b[1] == b'x' {
        i = 2;
    }
    // The hexadecimal digits, integer part then fraction.
    let mut digits: Vec<u8> = Vec::new();
    let mut frac_len: i128 = 0;
    let mut seen_point = false;
    while i < b.len() {
        let c = b[i];
        if c == b'.' && !seen_point {
            seen_point = true;
        } else if let Some(d) = (c as char).to_digit(16) {
            digits.push(d as u8);
            if seen_point {
                frac_len += 1;
            }
        } else {
            break;
        }
        i += 1;
    }
    if digits.is_empty() {
        return Ok(None);
    }
    let mut exp: i128 = 0;
    if i < b.len() && b[i] == b'p' {
        i += 1;
        let eneg = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            // Saturate: anything this large overflows or underflows anyway.
            exp = (exp * 10 + (b[i] - b'0') as i128).min(1 << 80);
            i += 1;
        }
        if i == start {
            return Ok(None);
        }
        if eneg {
            exp = -exp;
        }
    }
    if i != b.len() {
        return Ok(None);
    }
    // value = D * 2**exp, D the integer the digits spell.
    let exp = exp - 4 * frac_len;
    let lead = digits.iter().position(|&d| d != 0);
    let Some(lead) = lead else { return Ok(Some(sign(0.0))) };
    let digits = &digits[lead..];
    let nbits = 4 * (digits.len() as i128 - 1) + (8 - (digits[0] as u8).leading_zeros() as i128);
    // Bit `k` of D, counting from the least significant.
    let bit = |k: i128| -> u64 {
        if k < 0 || k >= nbits {
            return 0;
        }
        let d = digits[digits.len() - 1 - (k / 4) as usize];
        ((d >> (k % 4)) & 1) as u64
    };
    let top = nbits - 1 + exp;
    if top > 1023 {
        return Err(());
    }
    // Exponent of the last bit kept: 53 significant bits, fewer below the
    // normal range.
    let lsb = (top - 52).max(-1074);
    let shift = lsb - exp;
    let mut m: u64;
    if shift <= 0 {
        m = 0;
        for k in 0..nbits {
            m |= bit(k) << k;
        }
        m <<= -shift;
    } else {
        m = 0;
        for j in 0..54 {
            m |= bit(shift + j) << j;
        }
        let half = bit(shift - 1);
        let sticky = (0..(shift - 1).min(nbits)).any(|k| bit(k) == 1);
        if half == 1 && (sticky || m & 1 == 1) {
            m += 1;
        }
    }
    if m == 0 {
        return Ok(Some(sign(0.0)));
    }
    if lsb + (64 - m.leading_zeros() as i128) - 1 > 1023 {
        return Err(());
    }
    let pow2 = |k: i128| f64::from_bits(((k + 1023) as u64) << 52);
    let v = if lsb < -1022 { (m as f64) * pow2(lsb + 200) * pow2(-200) } else { (m as f64) * pow2(lsb) };
    Ok(Some(sign(v)))
}

fn float_fromhex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(s) = a.pos.get(1).and_then(|v| v.as_str().map(|s| s.to_string_lossy())) else {
        return Err(vm.type_error("bad argument type for built-in operation"));
    };
    let val = match parse_hex_float(&s) {
        Ok(Some(v)) => v,
        Ok(None) => return Err(vm.value_error("invalid hexadecimal floating-point string")),
        Err(()) => return Err(vm.overflow_error("hexadecimal value too large to represent as a float")),
    };
    let r = Value::Float(val);
    match a.pos.first() {
        Some(cls) if !cls.is(&Value::Obj(vm.types.float.clone())) => vm.call(&cls.clone(), vec![r]),
        _ => Ok(r),
    }
}

fn complex_conjugate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    match this(a).payload() {
        Some(Payload::Complex(re, im)) => Ok(new_complex(vm, *re, -im)),
        _ => Err(vm.type_error("descriptor 'conjugate' requires a 'complex' object")),
    }
}

pub fn new_complex(vm: &Vm, re: f64, im: f64) -> Value {
    vm.new_object(&vm.types.complex.clone(), Payload::Complex(re, im), false)
}

/// A number as a complex `(re, im)`, if it is one.
pub fn as_complex(v: &Value) -> Option<(f64, f64)> {
    match v {
        Value::Int(i) => Some((*i as f64, 0.0)),
        Value::Bool(b) => Some((*b as i64 as f64, 0.0)),
        Value::Float(f) => Some((*f, 0.0)),
        _ => match v.payload() {
            Some(Payload::Complex(re, im)) => Some((*re, *im)),
            Some(Payload::Float(f)) => Some((*f, 0.0)),
            Some(Payload::BigInt(b)) => b.to_f64().map(|f| (f, 0.0)),
            _ => None,
        },
    }
}

fn complex_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let real = a.pos.get(1).or_else(|| a.kwarg("real")).cloned();
    let imag = a.pos.get(2).or_else(|| a.kwarg("imag")).cloned();
    let (re, im) = match (&real, &imag) {
        (None, None) => (0.0, 0.0),
        (Some(r), _) if r.as_str().is_some() => {
            if imag.is_some() {
                return Err(vm.type_error("complex() can't take second arg if first is a string"));
            }
            let s = r.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
            parse_complex(&s).ok_or_else(|| vm.value_error("complex() arg is a malformed string"))?
        }
        _ => {
            let to = |vm: &mut Vm, v: &Option<Value>| -> PyResult<(f64, f64)> {
                match v {
                    None => Ok((0.0, 0.0)),
                    Some(v) => match as_complex(v) {
                        Some((re, _)) if re.is_infinite() && ops::as_big(v).is_some() => {
                            Err(vm.overflow_error("int too large to convert to float"))
                        }
                        Some(c) => Ok(c),
                        None => {
                            let cls = vm.type_of(v);
                            if let Some(f) = vm.lookup_mro(&cls, "__complex__") {
                                let r = vm.call(&f, vec![v.clone()])?;
                                return as_complex(&r).ok_or_else(|| vm.type_error("__complex__ returned non-complex"));
                            }
                            let f = crate::builtins::float_of(vm, v).map_err(|_| {
                                vm.type_error(format!(
                                    "complex() first argument must be a string or a number, not '{}'",
                                    vm.type_name(v)
                                ))
                            })?;
                            Ok((f, 0.0))
                        }
                    },
                }
            };
            let real_is_complex = real.as_ref().is_some_and(|v| matches!(v.payload(), Some(Payload::Complex(..))));
            let imag_is_complex = imag.as_ref().is_some_and(|v| matches!(v.payload(), Some(Payload::Complex(..))));
            let (mut r1, i1) = to(vm, &real)?;
            let (mut r2, i2) = to(vm, &imag)?;
            if imag_is_complex {
                r1 -= i2;
            }
            if real_is_complex {
                r2 += i1;
            }
            (r1, r2)
        }
    };
    Ok(new_complex(vm, re, im))
}

fn parse_complex(s: &str) -> Option<(f64, f64)> {
    let t = s.trim();
    let t = t.strip_prefix('(').and_then(|x| x.strip_suffix(')')).unwrap_or(t).trim();
    if let Some(body) = t.strip_suffix(['j', 'J']) {
        // Find the split between real and imaginary parts.
        let bytes = body.as_bytes();
        let mut split = None;
        for i in (1..bytes.len()).rev() {
            if (bytes[i] == b'+' || bytes[i] == b'-') && !matches!(bytes[i - 1], b'e' | b'E') {
                split = Some(i);
                break;
            }
        }
        let parse_im = |x: &str| -> Option<f64> {
            match x {
                "" | "+" => Some(1.0),
                "-" => Some(-1.0),
                _ => crate::builtins::parse_float(x),
            }
        };
        return match split {
            Some(i) => Some((crate::builtins::parse_float(&body[..i])?, parse_im(&body[i..])?)),
            None => Some((0.0, parse_im(body)?)),
        };
    }
    Some((crate::builtins::parse_float(t)?, 0.0))
}

/// Arithmetic when either side is complex.
pub fn complex_binop(vm: &mut Vm, a: &Value, b: &Value, op: BinOp) -> PyResult<Option<Value>> {
    let is_c = |v: &Value| matches!(v.payload(), Some(Payload::Complex(..)));
    if !is_c(a) && !is_c(b) {
        return Ok(None);
    }
    let (Some((ar, ai)), Some((br, bi))) = (as_complex(a), as_complex(b)) else { return Ok(None) };
    let (r, i) = match op {
        BinOp::Add => (ar + br, ai + bi),
        BinOp::Sub => (ar - br, ai - bi),
        BinOp::Mul => (ar * br - ai * bi, ar * bi + ai * br),
        BinOp::TrueDiv => {
            if br == 0.0 && bi == 0.0 {
                return Err(vm.zero_division("complex division by zero"));
            }
            // Smith's algorithm, as CPython.
            if br.abs() >= bi.abs() {
                let ratio = bi / br;
                let den = br + bi * ratio;
                ((ar + ai * ratio) / den, (ai - ar * ratio) / den)
            } else {
                let ratio = br / bi;
                let den = br * ratio + bi;
                ((ar * ratio + ai) / den, (ai * ratio - ar) / den)
            }
        }
        BinOp::Pow => {
            if br == 0.0 && bi == 0.0 {
                (1.0, 0.0)
            } else if ar == 0.0 && ai == 0.0 {
                if bi != 0.0 || br < 0.0 {
                    return Err(vm.zero_division("0.0 to a negative or complex power"));
                }
                (0.0, 0.0)
            } else if bi == 0.0 && br.fract() == 0.0 && br.abs() <= 100.0 {
                // Integer powers by repeated multiplication (exact as CPython).
                let n = br.abs() as u32;
                let (mut rr, mut ri) = (1.0f64, 0.0f64);
                let (mut xr, mut xi) = (ar, ai);
                let mut k = n;
                while k > 0 {
                    if k & 1 == 1 {
                        let t = rr * xr - ri * xi;
                        ri = rr * xi + ri * xr;
                        rr = t;
                    }
                    let t = xr * xr - xi * xi;
                    xi = 2.0 * xr * xi;
                    xr = t;
                    k >>= 1;
                }
                if br < 0.0 {
                    // 1 / r by Smith's algorithm (CPython's `c_quot`).
                    if rr.abs() >= ri.abs() {
                        if rr == 0.0 && ri == 0.0 {
                            return Err(vm.zero_division("0.0 to a negative or complex power"));
                        }
                        let ratio = ri / rr;
                        let den = rr + ri * ratio;
                        (1.0 / den, (0.0 - ratio) / den)
                    } else {
                        let ratio = rr / ri;
                        let den = rr * ratio + ri;
                        ((ratio + 0.0) / den, -1.0 / den)
                    }
                } else {
                    (rr, ri)
                }
            } else {
                let vabs = ar.hypot(ai);
                let len = vabs.powf(br);
                let at = ai.atan2(ar);
                let mut phase = at * br;
                let mut len = len;
                if bi != 0.0 {
                    len /= (at * bi).exp();
                    phase += bi * vabs.ln();
                }
                (len * phase.cos(), len * phase.sin())
            }
        }
        BinOp::FloorDiv | BinOp::Mod => {
            return Err(vm.type_error(format!(
                "unsupported operand type(s) for {}: '{}' and '{}'",
                op.symbol(),
                vm.type_name(a),
                vm.type_name(b)
            )))
        }
        _ => return Ok(None),
    };
    Ok(Some(new_complex(vm, r, i)))
}

fn float_floor(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let f = fval(vm, &this(a))?;
    let r = f.floor();
    crate::builtins::int_of(vm, &Value::Float(r)).map(ops::int_from_big)
}

fn float_ceil(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let f = fval(vm, &this(a))?;
    let r = f.ceil();
    crate::builtins::int_of(vm, &Value::Float(r)).map(ops::int_from_big)
}

fn range_parts(vm: &Vm, v: &Value) -> PyResult<(BigInt, BigInt, BigInt)> {
    match v.payload() {
        Some(Payload::Range { start, stop, step }) => Ok((start.clone(), stop.clone(), step.clone())),
        _ => Err(vm.type_error("descriptor requires a 'range' object")),
    }
}

/// Where `x` is in the range, if it is an int in it.
pub fn range_position(vm: &Vm, r: &Value, x: &Value) -> PyResult<Option<BigInt>> {
    let (start, stop, step) = range_parts(vm, r)?;
    let Some(x) = ops::as_big(x) else { return Ok(None) };
    let inside = if step.is_positive() { x >= start && x < stop } else { x <= start && x > stop };
    if !inside {
        return Ok(None);
    }
    let off = &x - &start;
    let (q, m) = ops::big_divmod(&off, &step);
    Ok(if m.is_zero() { Some(q) } else { None })
}

/// Exact ints and bools are found by arithmetic; anything else (a float, an
/// int subclass with its own `__eq__`) by comparing with each item, as
/// CPython's `range_index`/`range_count` do.
fn range_is_arith(x: &Value) -> bool {
    match x {
        Value::Int(_) | Value::Bool(_) => true,
        Value::Obj(o) => matches!(o.payload, Payload::BigInt(_)) && crate::vm::is_exact_builtin(o),
        _ => false,
    }
}

fn range_search(vm: &mut Vm, r: &Value, x: &Value, count: bool) -> PyResult<(usize, Option<usize>)> {
    let it = vm.iter(r)?;
    let (mut n, mut first, mut i) = (0, None, 0usize);
    while let Some(y) = vm.next(&it)? {
        if y.is(x) || vm.eq(&y, x)? {
            n += 1;
            if first.is_none() {
                first = Some(i);
                if !count {
                    break;
                }
            }
        }
        i += 1;
    }
    Ok((n, first))
}

fn range_index(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = a.pos.get(1).cloned().unwrap_or(Value::None);
    if !range_is_arith(&x) {
        return match range_search(vm, &this(a), &x, false)?.1 {
            Some(i) => Ok(Value::Int(i as i64)),
            None => Err(vm.value_error("sequence.index(x): x not in sequence")),
        };
    }
    match range_position(vm, &this(a), &x)? {
        Some(i) => Ok(ops::int_from_big(i)),
        None => {
            let r = vm.repr(&x)?.to_string_lossy();
            Err(vm.value_error(format!("{r} is not in range")))
        }
    }
}

fn range_count(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = a.pos.get(1).cloned().unwrap_or(Value::None);
    if !range_is_arith(&x) {
        return Ok(Value::Int(range_search(vm, &this(a), &x, true)?.0 as i64));
    }
    Ok(Value::Int(range_position(vm, &this(a), &x)?.is_some() as i64))
}

fn slice_indices_method(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let n = match a.pos.get(1) {
        Some(v) => crate::builtins::index_big(vm, &v.clone())?,
        None => return Err(vm.type_error("indices() takes exactly one argument (0 given)")),
    };
    if n.is_negative() {
        return Err(vm.value_error("length should not be negative"));
    }
    let (s, e, st) = crate::objects::methods::slice_indices_big(vm, &this(a), &n)?;
    Ok(vm.new_tuple(vec![ops::int_from_big(s), ops::int_from_big(e), ops::int_from_big(st)]))
}

fn none_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() > 1 || !a.kw.is_empty() {
        return Err(vm.type_error("NoneType takes no arguments"));
    }
    Ok(Value::None)
}

fn notimpl_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() > 1 || !a.kw.is_empty() {
        return Err(vm.type_error("NotImplementedType takes no arguments"));
    }
    Ok(vm.types.not_implemented.clone())
}

fn ellipsis_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() > 1 || !a.kw.is_empty() {
        return Err(vm.type_error("ellipsis takes no arguments"));
    }
    Ok(vm.types.ellipsis.clone())
}

fn range_reversed(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let f = vm.builtins_get("reversed").unwrap_or(Value::None);
    vm.call(&f, vec![this(a)])
}

fn divmod_of(vm: &mut Vm, x: Value, y: Value) -> PyResult<Value> {
    if let (Some(p), Some(q)) = (ops::as_big(&x), ops::as_big(&y)) {
        if q.is_zero() {
            return Err(vm.zero_division("integer division or modulo by zero"));
        }
        let (d, m) = ops::big_divmod(&p, &q);
        return Ok(vm.new_tuple(vec![ops::int_from_big(d), ops::int_from_big(m)]));
    }
    let as_f = |v: &Value| float_val(v).or_else(|| ops::as_big(v).and_then(|b| b.to_f64()));
    let (Some(a), Some(b)) = (as_f(&x), as_f(&y)) else {
        return Ok(vm.types.not_implemented.clone());
    };
    if b == 0.0 {
        return Err(vm.zero_division("float divmod()"));
    }
    let m = a % b;
    let m = if m != 0.0 && ((m < 0.0) != (b < 0.0)) { m + b } else { m };
    let q = ((a - m) / b).round();
    Ok(vm.new_tuple(vec![Value::Float(q), Value::Float(m)]))
}

fn int_divmod(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = crate::objects::slots::unwrap_builtin(vm, &this(a));
    let y = a.pos.get(1).map(|v| crate::objects::slots::unwrap_builtin(vm, v)).unwrap_or(Value::None);
    divmod_of(vm, x, y)
}

fn int_rdivmod(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = crate::objects::slots::unwrap_builtin(vm, &this(a));
    let y = a.pos.get(1).map(|v| crate::objects::slots::unwrap_builtin(vm, v)).unwrap_or(Value::None);
    divmod_of(vm, y, x)
}

fn float_getformat(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if let Some(v) = a.pos.get(1).filter(|v| v.as_str().is_none()) {
        return Err(vm.type_error(format!("__getformat__() argument must be str, not {}", vm.type_name(v))));
    }
    match a.pos.get(1).and_then(|v| v.as_str()).map(|s| s.to_string_lossy()).as_deref() {
        Some("double") | Some("float") => Ok(vm.new_str(if cfg!(target_endian = "little") { "IEEE, little-endian" } else { "IEEE, big-endian" })),
        _ => Err(vm.value_error("__getformat__() argument 1 must be 'double' or 'float'")),
    }
}
