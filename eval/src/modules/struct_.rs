//! The native `_struct` module: packing values into bytes and back, as
//! CPython's `struct` (format strings with byte orders, native sizes and
//! alignment, repeat counts, half floats), with CPython's messages.

use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};

use super::native::{self, add_getter, add_method, add_new, bind, native_class, new_opaque, opaque, opaque_mut};
use crate::value::{Payload, PyRef, Value};
use crate::vm::{str_key, Args, Vm};
use crate::{PyErr, PyResult};

/// The classes of the module, kept for the functions that need them.
struct Classes {
    error: PyRef,
    strukt: PyRef,
    iter: PyRef,
}

thread_local! {
    static CLASSES: std::cell::RefCell<Option<std::rc::Rc<Classes>>> = const { std::cell::RefCell::new(None) };
}

fn classes(vm: &mut Vm) -> PyResult<std::rc::Rc<Classes>> {
    if let Some(c) = CLASSES.with(|c| c.borrow().clone()) {
        return Ok(c);
    }
    init(vm)?;
    CLASSES.with(|c| c.borrow().clone()).ok_or_else(|| vm.err(&vm.types.exc.system_error.clone(), "_struct is not initialized"))
}

fn error(vm: &mut Vm, msg: impl AsRef<str>) -> PyErr {
    match classes(vm) {
        Ok(c) => vm.err(&c.error, msg),
        Err(e) => e,
    }
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(
        vm,
        "_struct",
        &[
            ("pack", m_pack),
            ("pack_into", m_pack_into),
            ("unpack", m_unpack),
            ("unpack_from", m_unpack_from),
            ("iter_unpack", m_iter_unpack),
            ("calcsize", m_calcsize),
            ("_clearcache", m_clearcache),
        ],
    );
    let doc = "Functions to convert between Python values and C structs.\nPython bytes objects are used to hold the data representing the C struct\nand also as format strings (explained below) to describe the layout of data\nin the C struct.";
    native::set(&m, "__doc__", vm.new_str(doc));
    let c = match CLASSES.with(|c| c.borrow().clone()) {
        Some(c) => c,
        None => {
            let error = native::exception_class(vm, "struct", "error", None)?;
            let strukt = native_class(vm, "_struct", "Struct", None);
            add_new(&strukt, struct_new);
            add_method(&strukt, "__init__", struct_init);
            add_method(&strukt, "pack", s_pack);
            add_method(&strukt, "pack_into", s_pack_into);
            add_method(&strukt, "unpack", s_unpack);
            add_method(&strukt, "unpack_from", s_unpack_from);
            add_method(&strukt, "iter_unpack", s_iter_unpack);
            add_method(&strukt, "__sizeof__", s_sizeof);
            add_getter(vm, &strukt, "format", s_format);
            add_getter(vm, &strukt, "size", s_size);
            let iter = native::native_final_class(vm, "_struct", "unpack_iterator");
            add_new(&iter, iter_new);
            add_method(&iter, "__iter__", iter_iter);
            add_method(&iter, "__next__", iter_next);
            add_method(&iter, "__length_hint__", iter_length_hint);
            let c = std::rc::Rc::new(Classes { error, strukt, iter });
            CLASSES.with(|cell| *cell.borrow_mut() = Some(c.clone()));
            c
        }
    };
    native::set(&m, "error", Value::Obj(c.error.clone()));
    native::set(&m, "Struct", Value::Obj(c.strukt.clone()));
    Ok(m)
}

// ---- format strings ----------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `@`: native sizes and alignment.
    Native,
    /// `=`, `<`: standard sizes, little-endian (this machine's order for `=`).
    Little,
    /// `>`, `!`: standard sizes, big-endian.
    Big,
}

#[derive(Clone)]
struct Code {
    ch: u8,
    offset: usize,
    /// The size of one item (for `s` and `p`: the count).
    size: usize,
    repeat: usize,
}

#[derive(Clone)]
struct Layout {
    format: String,
    mode: Mode,
    size: usize,
    /// How many values it packs.
    len: usize,
    codes: Vec<Code>,
}

/// A `Struct` object's state (`None` before `__init__`).
struct StructState(Option<Layout>);

fn item_size(ch: u8, mode: Mode) -> Option<(usize, usize)> {
    let native = mode == Mode::Native;
    let size = match ch {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' => {
            if native {
                8
            } else {
                4
            }
        }
        b'q' | b'Q' | b'd' => 8,
        b'n' | b'N' | b'P' if native => 8,
        _ => return None,
    };
    let align = if native && !matches!(ch, b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p') { size } else { 0 };
    Some((size, align))
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

fn parse(vm: &mut Vm, format: String, bytes: &[u8]) -> PyResult<Layout> {
    if bytes.contains(&0) {
        return Err(error(vm, "embedded null character"));
    }
    let (mode, rest) = match bytes.first() {
        Some(b'@') => (Mode::Native, &bytes[1..]),
        Some(b'=') | Some(b'<') => (Mode::Little, &bytes[1..]),
        Some(b'>') | Some(b'!') => (Mode::Big, &bytes[1..]),
        _ => (Mode::Native, bytes),
    };
    const MAX: usize = isize::MAX as usize;
    let too_long = |vm: &mut Vm| error(vm, "total struct size too long");
    let mut size: usize = 0;
    let mut len: usize = 0;
    let mut codes = Vec::new();
    let mut i = 0;
    while i < rest.len() {
        let mut c = rest[i];
        i += 1;
        if is_space(c) {
            continue;
        }
        let num = if c.is_ascii_digit() {
            let mut num = (c - b'0') as usize;
            loop {
                match rest.get(i) {
                    Some(d) if d.is_ascii_digit() => {
                        let d = (d - b'0') as usize;
                        if num > (MAX - d) / 10 {
                            return Err(too_long(vm));
                        }
                        num = num * 10 + d;
                        i += 1;
                    }
                    Some(&d) => {
                        c = d;
                        i += 1;
                        break;
                    }
                    None => return Err(error(vm, "repeat count given without format specifier")),
                }
            }
            num
        } else {
            1
        };
        let Some((isize_, align)) = item_size(c, mode) else {
            return Err(error(vm, "bad char in struct format"));
        };
        if align > 0 && size > 0 {
            let extra = (align - 1) - (size - 1) % align;
            if extra > MAX - size {
                return Err(too_long(vm));
            }
            size += extra;
        }
        if num > (MAX - size) / isize_ {
            return Err(too_long(vm));
        }
        match c {
            b's' | b'p' => {
                codes.push(Code { ch: c, offset: size, size: num, repeat: 1 });
                len += 1;
            }
            b'x' => {}
            _ => {
                if num > 0 {
                    codes.push(Code { ch: c, offset: size, size: isize_, repeat: num });
                    len += num;
                }
            }
        }
        size += num * isize_;
    }
    Ok(Layout { format, mode, size, len, codes })
}

/// A format argument as (str, bytes): str or bytes, else the given error.
fn format_arg(vm: &mut Vm, v: &Value) -> PyResult<Option<(String, Vec<u8>)>> {
    if let Some(s) = v.as_str() {
        let s = s.to_string_lossy();
        if let Some((pos, ch)) = s.chars().enumerate().find(|(_, c)| !c.is_ascii()) {
            let cls = vm.types.exc.unicode_encode_error.clone();
            let args = vec![
                vm.new_str("ascii"),
                v.clone(),
                Value::Int(pos as i64),
                Value::Int(pos as i64 + 1),
                vm.new_str("ordinal not in range(128)"),
            ];
            let _ = ch;
            let e = vm.call(&Value::Obj(cls), args)?;
            return Err(PyErr(e));
        }
        let b = s.clone().into_bytes();
        return Ok(Some((s, b)));
    }
    if let Some(Payload::Bytes(b)) = v.payload() {
        return Ok(Some((String::from_utf8_lossy(b).into_owned(), b.to_vec())));
    }
    Ok(None)
}

/// The layout of a module function's format argument (CPython looks it up
/// in a cache dict first, so unhashable formats fail with that error).
fn layout_of(vm: &mut Vm, fmt: &Value) -> PyResult<Layout> {
    if let Some(l) = opaque::<StructState>(fmt).and_then(|s| s.0.clone()) {
        // A Struct object given as format (CPython accepts it too).
        return Ok(l);
    }
    vm.hash(fmt)?;
    match format_arg(vm, fmt)? {
        Some((s, b)) => parse(vm, s, &b),
        None => Err(vm.type_error(format!("Struct() argument 1 must be a str or bytes object, not {}", vm.type_name(fmt)))),
    }
}

// ---- values ----------------------------------------------------------------

/// `get_pylong`: an int, or `__index__`, else struct.error.
fn get_int(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    if let Some(b) = crate::vm::ops::as_big(v) {
        return Ok(b);
    }
    let cls = vm.type_of(v);
    if vm.lookup_mro(&cls, "__index__").is_some() {
        return crate::builtins::index_big(vm, v);
    }
    Err(error(vm, "required argument is not an integer"))
}

fn get_i64(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let b = get_int(vm, v)?;
    b.to_i64().ok_or_else(|| error(vm, "argument out of range"))
}

fn get_u64(vm: &mut Vm, v: &Value) -> PyResult<u64> {
    let b = get_int(vm, v)?;
    b.to_u64().ok_or_else(|| error(vm, "argument out of range"))
}

fn range_error(vm: &mut Vm, ch: u8, size: usize, unsigned: bool) -> PyErr {
    let bits = size * 8;
    let msg = if unsigned {
        let max: u128 = (1u128 << bits) - 1;
        format!("'{}' format requires 0 <= number <= {max}", ch as char)
    } else {
        let max: i128 = (1i128 << (bits - 1)) - 1;
        format!("'{}' format requires {} <= number <= {max}", ch as char, -max - 1)
    };
    error(vm, msg)
}

/// `PyFloat_AsDouble`: floats, `__float__`, `__index__`; `None` when the
/// value is not a number (or its conversion failed).
fn get_f64(vm: &mut Vm, v: &Value) -> Result<f64, Option<PyErr>> {
    match v {
        Value::Float(f) => return Ok(*f),
        Value::Int(i) => return Ok(*i as f64),
        Value::Bool(b) => return Ok(*b as i64 as f64),
        _ => {}
    }
    match v.payload() {
        Some(Payload::Float(f)) => return Ok(*f),
        Some(Payload::BigInt(b)) => return b.to_f64().filter(|f| f.is_finite()).ok_or(None),
        _ => {}
    }
    let cls = vm.type_of(v);
    if let Some(f) = vm.lookup_mro(&cls, "__float__") {
        let r = vm.call(&f, vec![v.clone()]).map_err(|_| None)?;
        return match r {
            Value::Float(f) => Ok(f),
            _ => match r.payload() {
                Some(Payload::Float(f)) => Ok(*f),
                _ => Err(None),
            },
        };
    }
    if vm.lookup_mro(&cls, "__index__").is_some() {
        let b = crate::builtins::index_big(vm, v).map_err(|_| None)?;
        return b.to_f64().filter(|f| f.is_finite()).ok_or(None);
    }
    Err(None)
}

fn is_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_)) || matches!(v.payload(), Some(Payload::BigInt(_)))
}

/// IEEE 754 half precision, rounding half to even; `None` on overflow.
fn pack_half(x: f64) -> Option<u16> {
    let sign: u16 = if x.is_sign_negative() { 0x8000 } else { 0 };
    if x.is_nan() {
        return Some(sign | 0x7e00);
    }
    let a = x.abs();
    if a.is_infinite() {
        return Some(sign | 0x7c00);
    }
    if a == 0.0 {
        return Some(sign);
    }
    if a < 6.103515625e-05 {
        // Subnormal: units of 2**-24 (a rounding up to 1024 is the smallest normal).
        let m = (a * 16777216.0).round_ties_even() as u16;
        return Some(sign | m);
    }
    let bits = a.to_bits();
    let mut e = ((bits >> 52) & 0x7ff) as i64 - 1023;
    let mant = a / 2f64.powi(e as i32);
    let mut f = ((mant - 1.0) * 1024.0).round_ties_even() as u32;
    if f >= 1024 {
        f = 0;
        e += 1;
    }
    if e > 15 {
        return None;
    }
    Some(sign | (((e + 15) as u16) << 10) | f as u16)
}

fn unpack_half(h: u16) -> f64 {
    let neg = h & 0x8000 != 0;
    let e = ((h >> 10) & 0x1f) as i32;
    let f = (h & 0x3ff) as f64;
    let v = if e == 0 {
        f * 2f64.powi(-24)
    } else if e == 0x1f {
        if f == 0.0 {
            f64::INFINITY
        } else {
            f64::NAN
        }
    } else {
        (1.0 + f / 1024.0) * 2f64.powi(e - 15)
    };
    if neg {
        -v
    } else {
        v
    }
}

fn put(out: &mut [u8], v: u64, size: usize, little: bool) {
    for k in 0..size.min(8) {
        let byte = (v >> (8 * k)) as u8;
        let idx = if little { k } else { size - 1 - k };
        if let Some(slot) = out.get_mut(idx) {
            *slot = byte;
        }
    }
}

fn get(data: &[u8], size: usize, little: bool) -> u64 {
    let mut v: u64 = 0;
    for k in 0..size.min(8) {
        let idx = if little { k } else { size - 1 - k };
        v |= (data.get(idx).copied().unwrap_or(0) as u64) << (8 * k);
    }
    v
}

/// Pack one item of `code` into `out` (exactly the item's bytes).
fn pack_item(vm: &mut Vm, ch: u8, mode: Mode, v: &Value, out: &mut [u8]) -> PyResult<()> {
    let little = mode != Mode::Big;
    let size = out.len();
    match ch {
        b'c' => match v.payload() {
            Some(Payload::Bytes(b)) if b.len() == 1 => out[0] = b[0],
            _ => return Err(error(vm, "char format requires a bytes object of length 1")),
        },
        b'?' => {
            let t = vm.truthy(v)?;
            out[0] = t as u8;
        }
        b'b' => {
            let x = get_i64(vm, v)?;
            if !(-128..=127).contains(&x) {
                return Err(error(vm, "byte format requires -128 <= number <= 127"));
            }
            out[0] = x as u8;
        }
        b'B' => {
            let x = get_i64(vm, v)?;
            if !(0..=255).contains(&x) {
                return Err(error(vm, "ubyte format requires 0 <= number <= 255"));
            }
            out[0] = x as u8;
        }
        b'h' if mode == Mode::Big => {
            let x = get_i64(vm, v)?;
            if !(-32768..=32767).contains(&x) {
                return Err(range_error(vm, ch, 2, false));
            }
            put(out, x as u64, 2, little);
        }
        b'H' if mode == Mode::Big => {
            let x = get_u64(vm, v)?;
            if x > 65535 {
                return Err(range_error(vm, ch, 2, true));
            }
            put(out, x, 2, little);
        }
        b'h' => {
            let x = get_i64(vm, v)?;
            if !(-32768..=32767).contains(&x) {
                return Err(error(vm, "short format requires -32768 <= number <= 32767"));
            }
            put(out, x as u64, 2, little);
        }
        b'H' => {
            let x = get_i64(vm, v)?;
            if !(0..=65535).contains(&x) {
                return Err(error(vm, "ushort format requires 0 <= number <= 65535"));
            }
            put(out, x as u64, 2, little);
        }
        b'i' | b'l' | b'q' | b'n' if size == 4 => {
            let x = get_i64(vm, v)?;
            if x < i32::MIN as i64 || x > i32::MAX as i64 {
                return Err(range_error(vm, ch, 4, false));
            }
            put(out, x as u64, 4, little);
        }
        b'I' | b'L' | b'Q' | b'N' if size == 4 => {
            let x = get_u64(vm, v)?;
            if x > u32::MAX as u64 {
                return Err(range_error(vm, ch, 4, true));
            }
            put(out, x, 4, little);
        }
        b'q' if mode == Mode::Big => {
            let b = get_int(vm, v)?;
            let x = b.to_i64().ok_or_else(|| error(vm, "int too large to convert"))?;
            put(out, x as u64, 8, little);
        }
        b'Q' if mode == Mode::Big => {
            let b = get_int(vm, v)?;
            let x = b.to_u64().ok_or_else(|| error(vm, "int too large to convert"))?;
            put(out, x, 8, little);
        }
        b'l' | b'q' | b'n' => {
            let x = get_i64(vm, v)?;
            put(out, x as u64, 8, little);
        }
        b'L' | b'Q' | b'N' => {
            let x = get_u64(vm, v)?;
            put(out, x, 8, little);
        }
        b'P' => {
            let b = get_int(vm, v)?;
            let x = if b < BigInt::zero() { b.to_i64().map(|x| x as u64) } else { b.to_u64() };
            let x = x.ok_or_else(|| error(vm, "int too large to convert"))?;
            put(out, x, 8, little);
        }
        b'e' | b'f' | b'd' => {
            let x = match get_f64(vm, v) {
                Ok(x) => x,
                Err(_) => return Err(error(vm, "required argument is not a float")),
            };
            let overflow = |vm: &mut Vm| {
                if is_int(v) {
                    error(vm, "int too large to convert")
                } else {
                    vm.overflow_error(format!("float too large to pack with {} format", ch as char))
                }
            };
            match ch {
                b'e' => {
                    let h = pack_half(x).ok_or_else(|| overflow(vm))?;
                    put(out, h as u64, 2, little);
                }
                b'f' => {
                    let y = crate::value::canonical_nan(x) as f32;
                    if mode != Mode::Native && y.is_infinite() && x.is_finite() {
                        return Err(overflow(vm));
                    }
                    put(out, y.to_bits() as u64, 4, little);
                }
                _ => put(out, crate::value::canonical_nan(x).to_bits(), 8, little),
            }
        }
        _ => {}
    }
    Ok(())
}

fn unpack_item(vm: &mut Vm, ch: u8, mode: Mode, data: &[u8]) -> Value {
    let little = mode != Mode::Big;
    let size = data.len();
    let raw = get(data, size, little);
    let signed = |raw: u64| -> i64 {
        let shift = 64 - 8 * size as u32;
        ((raw << shift) as i64) >> shift
    };
    match ch {
        b'c' => crate::objects::bytes::new_bytes(vm, data.to_vec()),
        b'?' => Value::Bool(raw != 0),
        b'b' | b'h' | b'i' | b'l' | b'q' | b'n' => Value::Int(signed(raw)),
        b'B' | b'H' | b'I' | b'L' | b'Q' | b'N' | b'P' => {
            if raw <= i64::MAX as u64 {
                Value::Int(raw as i64)
            } else {
                vm.int(BigInt::from(raw))
            }
        }
        b'e' => Value::float(unpack_half(raw as u16)),
        b'f' => Value::float(f32::from_bits(raw as u32) as f64),
        b'd' => Value::float(f64::from_bits(raw)),
        _ => Value::None,
    }
}

/// Pack `values` by `layout` into `out` (already `layout.size` bytes).
fn pack_values(vm: &mut Vm, layout: &Layout, values: &[Value], out: &mut [u8], fname: &str) -> PyResult<()> {
    if values.len() != layout.len {
        return Err(error(vm, format!("{fname} expected {} items for packing (got {})", layout.len, values.len())));
    }
    let mut vi = 0;
    for code in &layout.codes {
        match code.ch {
            b's' | b'p' => {
                let v = &values[vi];
                vi += 1;
                let data = match v.payload() {
                    Some(Payload::Bytes(b)) => b.to_vec(),
                    Some(Payload::ByteArray(b)) => b.borrow().clone(),
                    _ => return Err(error(vm, format!("argument for '{}' must be a bytes object", code.ch as char))),
                };
                let Some(dst) = out.get_mut(code.offset..code.offset + code.size) else { continue };
                if code.ch == b's' {
                    let n = data.len().min(code.size);
                    dst[..n].copy_from_slice(&data[..n]);
                } else if code.size > 0 {
                    let n = data.len().min(code.size - 1);
                    dst[1..1 + n].copy_from_slice(&data[..n]);
                    dst[0] = n.min(255) as u8;
                }
            }
            _ => {
                for k in 0..code.repeat {
                    let v = values[vi].clone();
                    vi += 1;
                    let start = code.offset + k * code.size;
                    let mut item = [0u8; 8];
                    pack_item(vm, code.ch, layout.mode, &v, &mut item[..code.size])?;
                    if let Some(dst) = out.get_mut(start..start + code.size) {
                        dst.copy_from_slice(&item[..code.size]);
                    }
                }
            }
        }
    }
    Ok(())
}

fn unpack_values(vm: &mut Vm, layout: &Layout, data: &[u8]) -> PyResult<Value> {
    let mut items = Vec::with_capacity(layout.len.min(1 << 16));
    for code in &layout.codes {
        match code.ch {
            b's' => {
                let d = data.get(code.offset..code.offset + code.size).unwrap_or(&[]).to_vec();
                items.push(crate::objects::bytes::new_bytes(vm, d));
            }
            b'p' => {
                if code.size == 0 {
                    return Err(vm.err(&vm.types.exc.system_error.clone(), "Negative size passed to PyBytes_FromStringAndSize"));
                }
                let d = data.get(code.offset..code.offset + code.size).unwrap_or(&[]);
                let n = (d.first().copied().unwrap_or(0) as usize).min(code.size - 1);
                items.push(crate::objects::bytes::new_bytes(vm, d.get(1..1 + n).unwrap_or(&[]).to_vec()));
            }
            _ => {
                for k in 0..code.repeat {
                    let start = code.offset + k * code.size;
                    let d = data.get(start..start + code.size).unwrap_or(&[]);
                    items.push(unpack_item(vm, code.ch, layout.mode, d));
                }
            }
        }
    }
    Ok(vm.new_tuple(items))
}

/// A zeroed buffer of `n` bytes, or MemoryError.
fn zeroed(vm: &Vm, n: usize) -> PyResult<Vec<u8>> {
    if n > isize::MAX as usize - 64 {
        return Err(vm.overflow_error("byte string is too large"));
    }
    let mut v = Vec::new();
    if v.try_reserve_exact(n).is_err() {
        return Err(vm.memory_error());
    }
    v.resize(n, 0);
    Ok(v)
}

fn pack_bytes(vm: &mut Vm, layout: &Layout, values: &[Value]) -> PyResult<Value> {
    if values.len() != layout.len {
        return Err(error(vm, format!("pack expected {} items for packing (got {})", layout.len, values.len())));
    }
    let mut out = zeroed(vm, layout.size)?;
    pack_values(vm, layout, values, &mut out, "pack")?;
    Ok(crate::objects::bytes::new_bytes(vm, out))
}

fn offset_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    crate::builtins::index_i64(vm, v)
}

/// Where to write for `pack_into`: the checked start offset.
fn pack_into(vm: &mut Vm, layout: &Layout, buffer: &Value, offset: &Value, values: &[Value]) -> PyResult<Value> {
    // The target must be writable: a bytearray, or a view of one.
    let (target, view) = match buffer.payload() {
        Some(Payload::ByteArray(_)) => (buffer.clone(), None),
        Some(Payload::MemoryView(m)) => {
            let m = m.borrow();
            if m.released || !matches!(m.obj.payload(), Some(Payload::ByteArray(_))) {
                return Err(vm.type_error("argument must be read-write bytes-like object, not memoryview"));
            }
            (m.obj.clone(), Some((m.start, m.step, m.len)))
        }
        _ => {
            let name = if buffer.is_none() { "None".to_string() } else { vm.type_name(buffer) };
            return Err(vm.type_error(format!("argument must be read-write bytes-like object, not {name}")));
        }
    };
    let mut offset = match crate::builtins::index_big(vm, offset)?.to_i64() {
        Some(o) => o,
        None => return Err(vm.index_error(format!("cannot fit '{}' into an index-sized integer", vm.type_name(offset)))),
    };
    let buf_len = match view {
        Some((_, _, len)) => len as i64,
        None => match target.payload() {
            Some(Payload::ByteArray(b)) => b.borrow().len() as i64,
            _ => 0,
        },
    };
    let size = layout.size as i64;
    if offset < 0 {
        if offset.saturating_add(size) > 0 {
            return Err(error(vm, format!("no space to pack {size} bytes at offset {offset}")));
        }
        if offset.saturating_add(buf_len) < 0 {
            return Err(error(vm, format!("offset {offset} out of range for {buf_len}-byte buffer")));
        }
        offset += buf_len;
    }
    if buf_len - offset < size {
        return Err(error(
            vm,
            format!(
                "pack_into requires a buffer of at least {} bytes for packing {size} bytes at offset {offset} (actual buffer size is {buf_len})",
                (size as u64).wrapping_add(offset as u64)
            ),
        ));
    }
    let mut out = zeroed(vm, layout.size)?;
    pack_values(vm, layout, values, &mut out, "pack_into")?;
    if let Some(Payload::ByteArray(b)) = target.payload() {
        let mut b = b.borrow_mut();
        let (start, step) = match view {
            Some((s, st, _)) => (s, st),
            None => (0, 1),
        };
        for (k, byte) in out.iter().enumerate() {
            let pos = start + (offset + k as i64) * step;
            if let Some(slot) = usize::try_from(pos).ok().and_then(|p| b.get_mut(p)) {
                *slot = *byte;
            }
        }
    }
    Ok(Value::None)
}

fn unpack_from(vm: &mut Vm, layout: &Layout, buffer: &Value, offset: Option<&Value>) -> PyResult<Value> {
    let data = native::buffer_bytes(vm, buffer)?;
    let mut offset = match offset {
        Some(o) => offset_arg(vm, o)?,
        None => 0,
    };
    let size = layout.size as i64;
    let len = data.len() as i64;
    if offset < 0 {
        if offset.saturating_add(size) > 0 {
            return Err(error(vm, format!("not enough data to unpack {size} bytes at offset {offset}")));
        }
        if offset.saturating_add(len) < 0 {
            return Err(error(vm, format!("offset {offset} out of range for {len}-byte buffer")));
        }
        offset += len;
    }
    if len - offset < size {
        return Err(error(
            vm,
            format!(
                "unpack_from requires a buffer of at least {} bytes for unpacking {size} bytes at offset {offset} (actual buffer size is {len})",
                (size as u64).wrapping_add(offset as u64)
            ),
        ));
    }
    let start = offset as usize;
    unpack_values(vm, layout, data.get(start..).unwrap_or(&[]))
}

fn unpack(vm: &mut Vm, layout: &Layout, buffer: &Value) -> PyResult<Value> {
    let data = native::buffer_bytes(vm, buffer)?;
    if data.len() != layout.size {
        return Err(error(vm, format!("unpack requires a buffer of {} bytes", layout.size)));
    }
    unpack_values(vm, layout, &data)
}

struct IterState {
    layout: Layout,
    data: Vec<u8>,
    pos: usize,
}

fn iter_unpack(vm: &mut Vm, layout: &Layout, buffer: &Value) -> PyResult<Value> {
    if layout.size == 0 {
        return Err(error(vm, "cannot iteratively unpack with a struct of length 0"));
    }
    let data = native::buffer_bytes(vm, buffer)?;
    if data.len() % layout.size != 0 {
        return Err(error(vm, format!("iterative unpacking requires a buffer of a multiple of {} bytes", layout.size)));
    }
    let c = classes(vm)?;
    Ok(new_opaque(vm, &c.iter, IterState { layout: layout.clone(), data, pos: 0 }))
}

// ---- module functions ----------------------------------------------------------

fn m_pack(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("_struct.pack() takes no keyword arguments"));
    }
    let Some(fmt) = a.pos.first() else { return Err(vm.type_error("missing format argument")) };
    let layout = layout_of(vm, fmt)?;
    pack_bytes(vm, &layout, &a.pos[1..])
}

fn m_pack_into(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("_struct.pack_into() takes no keyword arguments"));
    }
    let Some(fmt) = a.pos.first() else { return Err(vm.type_error("missing format argument")) };
    let layout = layout_of(vm, fmt)?;
    pack_into_args(vm, &layout, &a.pos[1..])
}

fn pack_into_args(vm: &mut Vm, layout: &Layout, rest: &[Value]) -> PyResult<Value> {
    match rest {
        [] => {
            if layout.len == 0 {
                return Err(error(vm, "pack_into expected buffer argument"));
            }
            Err(error(vm, "pack_into expected buffer argument"))
        }
        [_] => Err(error(vm, "pack_into expected offset argument")),
        [buf, off, values @ ..] => {
            if values.len() != layout.len {
                return Err(error(vm, format!("pack_into expected {} items for packing (got {})", layout.len, values.len())));
            }
            pack_into(vm, layout, buf, off, values)
        }
    }
}

fn m_unpack(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = native::positional(vm, a, "unpack", 2, 2)?;
    let layout = layout_of(vm, &p[0])?;
    unpack(vm, &layout, &p[1])
}

fn m_unpack_from(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = native::bind_posonly(vm, a, "unpack_from", &["format", "buffer", "offset"], 2, 3, 1)?;
    let layout = layout_of(vm, &a.pos[0])?;
    let buffer = b[1].clone().unwrap_or(Value::None);
    unpack_from(vm, &layout, &buffer, b[2].as_ref())
}

fn m_iter_unpack(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = native::positional(vm, a, "iter_unpack", 2, 2)?;
    let layout = layout_of(vm, &p[0])?;
    iter_unpack(vm, &layout, &p[1])
}

fn m_calcsize(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("_struct.calcsize() takes no keyword arguments"));
    }
    if a.pos.len() != 1 {
        return Err(vm.type_error(format!("_struct.calcsize() takes exactly one argument ({} given)", a.pos.len())));
    }
    let layout = layout_of(vm, &a.pos[0])?;
    Ok(Value::Int(layout.size as i64))
}

fn m_clearcache(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::None)
}

// ---- Struct ------------------------------------------------------------------

fn struct_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first() else { return Err(vm.type_error("Struct.__new__(X): X is not a type object")) };
    let cls = cls.clone();
    Ok(new_opaque(vm, &cls, StructState(None)))
}

fn struct_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let sub = Args { pos: a.pos.get(1..).unwrap_or(&[]).to_vec(), kw: a.kw.clone() };
    let b = bind(vm, &sub, "Struct", &["format"], 1, 1)?;
    let fmt = b[0].clone().unwrap_or(Value::None);
    let Some((s, bytes)) = format_arg(vm, &fmt)? else {
        return Err(vm.type_error(format!("Struct() argument 1 must be a str or bytes object, not {}", vm.type_name(&fmt))));
    };
    let layout = parse(vm, s, &bytes)?;
    match opaque_mut::<StructState>(&this) {
        Some(mut st) => st.0 = Some(layout),
        None => return Err(vm.type_error("descriptor '__init__' requires a '_struct.Struct' object")),
    }
    Ok(Value::None)
}

fn this_layout(vm: &mut Vm, a: &Args, method: &str) -> PyResult<Layout> {
    let st = native::this::<StructState>(vm, a, "_struct.Struct", method)?;
    let l = st.0.clone();
    drop(st);
    // An uninitialized Struct behaves as an empty format.
    Ok(l.unwrap_or(Layout { format: String::new(), mode: Mode::Native, size: 0, len: 0, codes: Vec::new() }))
}

fn s_pack(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let layout = this_layout(vm, a, "pack")?;
    if !a.kw.is_empty() {
        return Err(vm.type_error("Struct.pack() takes no keyword arguments"));
    }
    pack_bytes(vm, &layout, &a.pos[1..])
}

fn s_pack_into(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let layout = this_layout(vm, a, "pack_into")?;
    if !a.kw.is_empty() {
        return Err(vm.type_error("Struct.pack_into() takes no keyword arguments"));
    }
    pack_into_args(vm, &layout, &a.pos[1..])
}

fn s_unpack(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let layout = this_layout(vm, a, "unpack")?;
    let sub = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let p = native::positional(vm, &sub, "Struct.unpack", 1, 1)?;
    unpack(vm, &layout, &p[0])
}

fn s_unpack_from(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let layout = this_layout(vm, a, "unpack_from")?;
    let sub = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let b = bind(vm, &sub, "unpack_from", &["buffer", "offset"], 1, 2)?;
    let buffer = b[0].clone().unwrap_or(Value::None);
    unpack_from(vm, &layout, &buffer, b[1].as_ref())
}

fn s_iter_unpack(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let layout = this_layout(vm, a, "iter_unpack")?;
    let sub = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let p = native::positional(vm, &sub, "Struct.iter_unpack", 1, 1)?;
    iter_unpack(vm, &layout, &p[0])
}

fn s_sizeof(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let layout = this_layout(vm, a, "__sizeof__")?;
    Ok(Value::Int(72 + 24 * (layout.codes.len() as i64 + 1)))
}

fn s_format(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let layout = this_layout(vm, a, "format")?;
    Ok(vm.new_str(&layout.format))
}

fn s_size(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let layout = this_layout(vm, a, "size")?;
    Ok(Value::Int(layout.size as i64))
}

// ---- unpack_iterator -------------------------------------------------------------

fn iter_new(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(vm.type_error("Cannot create 'unpack_iterator objects"))
}

fn iter_iter(_vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(a.pos.first().cloned().unwrap_or(Value::None))
}

fn iter_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let next = {
        let mut st = match a.pos.first().and_then(|v| opaque_mut::<IterState>(v)) {
            Some(st) => st,
            None => return Err(vm.type_error("descriptor '__next__' requires a '_struct.unpack_iterator' object")),
        };
        let size = st.layout.size;
        if size == 0 || st.pos + size > st.data.len() {
            None
        } else {
            let chunk = st.data[st.pos..st.pos + size].to_vec();
            st.pos += size;
            Some((st.layout.clone(), chunk))
        }
    };
    match next {
        Some((layout, chunk)) => unpack_values(vm, &layout, &chunk),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

fn iter_length_hint(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let st = native::this::<IterState>(vm, a, "_struct.unpack_iterator", "__length_hint__")?;
    let n = if st.layout.size == 0 { 0 } else { st.data.len().saturating_sub(st.pos) / st.layout.size };
    Ok(Value::Int(n as i64))
}

#[allow(dead_code)]
fn key(name: &str) -> Value {
    str_key(name)
}
