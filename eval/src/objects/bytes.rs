//! `bytes` and `bytearray`: construction, the byte-string methods (ASCII
//! semantics for case and whitespace), item access and mutation.

use std::cell::RefCell;

use crate::types::{add_classmethod, add_method, add_native};
use crate::value::{Payload, PyRef, Value};
use crate::vm::{ops, Args, Vm};
use crate::PyResult;

pub fn install(vm: &mut Vm) {
    let t = &vm.types;
    for cls in [t.bytes.clone(), t.bytearray.clone()] {
        let common: &[(&'static str, crate::value::NativeFn)] = &[
            ("decode", decode),
            ("hex", hex),
            ("count", count),
            ("find", find),
            ("rfind", rfind),
            ("index", index),
            ("rindex", rindex),
            ("startswith", startswith),
            ("endswith", endswith),
            ("join", join),
            ("split", split),
            ("rsplit", rsplit),
            ("strip", strip),
            ("lstrip", lstrip),
            ("rstrip", rstrip),
            ("replace", replace),
            ("upper", upper),
            ("lower", lower),
            ("capitalize", capitalize),
            ("swapcase", swapcase),
            ("title", title),
            ("partition", partition),
            ("rpartition", rpartition),
            ("isdigit", isdigit),
            ("isalpha", isalpha),
            ("isalnum", isalnum),
            ("isspace", isspace),
            ("isupper", isupper),
            ("islower", islower),
            ("isascii", isascii),
            ("istitle", istitle),
            ("expandtabs", expandtabs),
            ("splitlines", splitlines),
            ("center", center),
            ("ljust", ljust),
            ("rjust", rjust),
            ("zfill", zfill),
            ("removeprefix", removeprefix),
            ("removesuffix", removesuffix),
            ("__getitem__", getitem),
            ("__len__", len),
            ("__iter__", iter),
            ("__contains__", contains),
        ];
        for (name, f) in common {
            add_method(&cls, name, *f);
        }
        add_classmethod(&t.classmethod, &cls, "fromhex", fromhex);
    }
    add_native(&t.bytes, "__new__", bytes_new, false, true);
    add_native(&t.bytearray, "__new__", bytearray_new, false, true);
    add_method(&t.bytearray, "__init__", bytearray_init);
    let ba = t.bytearray.clone();
    let muts: &[(&'static str, crate::value::NativeFn)] = &[
        ("append", ba_append),
        ("extend", ba_extend),
        ("pop", ba_pop),
        ("insert", ba_insert),
        ("remove", ba_remove),
        ("reverse", ba_reverse),
        ("clear", ba_clear),
        ("copy", ba_copy),
        ("__setitem__", ba_setitem),
        ("__delitem__", ba_delitem),
        ("__iadd__", ba_iadd),
    ];
    for (name, f) in muts {
        add_method(&ba, name, *f);
    }
    if let Some(d) = &ba.dict {
        d.borrow_mut().set_str("__hash__", Value::None);
    }
}

/// The bytes of a bytes-like object.
pub fn bytes_of(v: &Value) -> Option<Vec<u8>> {
    match v.payload() {
        Some(Payload::Bytes(b)) => Some(b.to_vec()),
        Some(Payload::ByteArray(b)) => Some(b.borrow().clone()),
        Some(Payload::MemoryView(_)) => crate::objects::memoryview::raw_bytes(v),
        _ => None,
    }
}

fn this(vm: &Vm, a: &Args) -> PyResult<Vec<u8>> {
    a.pos.first().and_then(bytes_of).ok_or_else(|| vm.type_error("descriptor requires a 'bytes' object"))
}

/// A result of the same kind as `like` (bytes or bytearray).
fn same(vm: &Vm, like: &Value, data: Vec<u8>) -> Value {
    match like.payload() {
        Some(Payload::ByteArray(_)) => new_bytearray(vm, data),
        _ => new_bytes(vm, data),
    }
}

pub fn new_bytes(vm: &Vm, data: Vec<u8>) -> Value {
    vm.new_object(&vm.types.bytes.clone(), Payload::Bytes(data.into_boxed_slice()), false)
}

pub fn new_bytearray(vm: &Vm, data: Vec<u8>) -> Value {
    vm.new_object(&vm.types.bytearray.clone(), Payload::ByteArray(RefCell::new(data)), false)
}

fn arg_bytes(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    bytes_of(v).ok_or_else(|| vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(v))))
}

/// The content `bytes(x)` / `bytearray(x)` make.
fn construct(vm: &mut Vm, a: &Args, name: &str) -> PyResult<Vec<u8>> {
    let src = a.pos.get(1).or_else(|| a.kwarg("source")).cloned();
    let encoding = a.pos.get(2).or_else(|| a.kwarg("encoding")).cloned();
    let errors = a.pos.get(3).or_else(|| a.kwarg("errors")).cloned();
    let Some(src) = src else {
        if encoding.is_some() || errors.is_some() {
            return Err(vm.type_error(if encoding.is_some() { "encoding without a string argument" } else { "errors without a string argument" }));
        }
        return Ok(Vec::new());
    };
    if let Some(s) = src.as_str() {
        let Some(enc) = encoding else {
            return Err(vm.type_error("string argument without an encoding"));
        };
        let enc = enc.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
        let errs = errors.and_then(|e| e.as_str().map(|s| s.to_string_lossy())).unwrap_or_else(|| "strict".into());
        let Some(codec) = crate::objects::codecs::lookup(&enc) else {
            return Err(crate::objects::codecs::unknown_encoding(vm, &enc));
        };
        let s = s.substring(0, s.len());
        return crate::objects::codecs::encode(vm, &s, codec, &errs);
    }
    if encoding.is_some() {
        return Err(vm.type_error("encoding without a string argument"));
    }
    if let Some(b) = bytes_of(&src) {
        return Ok(b);
    }
    if let Some(n) = ops::as_big(&src) {
        use num_traits::{Signed, ToPrimitive};
        if n.is_negative() {
            return Err(vm.value_error("negative count"));
        }
        if n.to_i64().is_none() {
            return Err(vm.overflow_error("cannot fit 'int' into an index-sized integer"));
        }
        let n = n.to_usize().filter(|n| *n < (1 << 40)).ok_or_else(|| vm.memory_error())?;
        return Ok(vec![0; n]);
    }
    let cls = vm.type_of(&src);
    if let Some(f) = vm.lookup_mro(&cls, "__bytes__") {
        let r = vm.call(&f, vec![src.clone()])?;
        return bytes_of(&r).ok_or_else(|| vm.type_error(format!("__bytes__ returned non-bytes (type {})", vm.type_name(&r))));
    }
    if vm.lookup_mro(&cls, "__index__").is_some() {
        let n = crate::builtins::index_i64(vm, &src)?;
        if n < 0 {
            return Err(vm.value_error("negative count"));
        }
        return Ok(vec![0; n as usize]);
    }
    let items = match vm.to_vec(&src) {
        Ok(i) => i,
        Err(_) => return Err(vm.type_error(format!("cannot convert '{}' object to {name}", vm.type_name(&src)))),
    };
    let mut out = Vec::with_capacity(items.len());
    for x in items {
        let v = match ops::as_big(&x) {
            Some(v) => v,
            None => {
                if vm.lookup_mro(&vm.type_of(&x), "__index__").is_some() {
                    crate::builtins::index_big(vm, &x)?
                } else {
                    return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(&x))));
                }
            }
        };
        use num_traits::ToPrimitive;
        match v.to_i64() {
            Some(b) if (0..256).contains(&b) => out.push(b as u8),
            _ => return Err(vm.value_error("bytes must be in range(0, 256)")),
        }
    }
    Ok(out)
}

fn cls_of(vm: &Vm, a: &Args, default: &PyRef) -> PyRef {
    a.pos.first().and_then(|c| c.obj()).filter(|o| matches!(o.payload, Payload::Class(_))).cloned().unwrap_or_else(|| {
        let _ = vm;
        default.clone()
    })
}

fn bytes_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let data = construct(vm, a, "bytes")?;
    let cls = cls_of(vm, a, &vm.types.bytes.clone());
    let exact = std::rc::Rc::ptr_eq(&cls, &vm.types.bytes);
    Ok(vm.new_object(&cls, Payload::Bytes(data.into_boxed_slice()), !exact))
}

fn bytearray_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cls = cls_of(vm, a, &vm.types.bytearray.clone());
    let exact = std::rc::Rc::ptr_eq(&cls, &vm.types.bytearray);
    Ok(vm.new_object(&cls, Payload::ByteArray(RefCell::new(Vec::new())), !exact))
}

fn bytearray_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let data = construct(vm, a, "bytearray")?;
    if let Some(Payload::ByteArray(b)) = a.pos.first().and_then(|v| v.payload()) {
        *b.borrow_mut() = data;
    }
    Ok(Value::None)
}

fn decode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = this(vm, a)?;
    let enc = a.pos.get(1).or_else(|| a.kwarg("encoding")).and_then(|v| v.as_str().map(|s| s.to_string_lossy())).unwrap_or_else(|| "utf-8".into());
    let errors = a.pos.get(2).or_else(|| a.kwarg("errors")).and_then(|v| v.as_str().map(|s| s.to_string_lossy())).unwrap_or_else(|| "strict".into());
    let Some(codec) = crate::objects::codecs::lookup(&enc) else {
        return Err(crate::objects::codecs::unknown_encoding(vm, &enc));
    };
    let s = crate::objects::codecs::decode(vm, &b, codec, &errors)?;
    Ok(vm.new_pystr(s))
}

fn hex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = this(vm, a)?;
    let sep = a.pos.get(1).or_else(|| a.kwarg("sep")).and_then(|v| v.as_str().map(|s| s.to_string_lossy()));
    let per = match a.pos.get(2).or_else(|| a.kwarg("bytes_per_sep")) {
        Some(v) => crate::builtins::index_i64(vm, v)?,
        None => 1,
    };
    let digits: Vec<String> = b.iter().map(|c| format!("{c:02x}")).collect();
    let s = match sep {
        Some(sep) if !digits.is_empty() && per != 0 => {
            let n = per.unsigned_abs() as usize;
            let groups: Vec<String> = if per > 0 {
                // Groups counted from the right.
                let mut g: Vec<String> = Vec::new();
                let mut end = digits.len();
                while end > 0 {
                    let start = end.saturating_sub(n);
                    g.push(digits[start..end].concat());
                    end = start;
                }
                g.reverse();
                g
            } else {
                digits.chunks(n).map(|c| c.concat()).collect()
            };
            groups.join(&sep)
        }
        _ => digits.concat(),
    };
    Ok(vm.new_str(&s))
}

fn fromhex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(s) = a.pos.get(1).and_then(|v| v.as_str()).map(|s| s.to_string_lossy()) else {
        return Err(vm.type_error("fromhex() argument must be str"));
    };
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = chars[i].to_digit(16);
        let lo = chars.get(i + 1).and_then(|c| c.to_digit(16));
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => {
                let pos = if hi.is_none() { i } else { i + 1 };
                return Err(vm.value_error(format!("non-hexadecimal number found in fromhex() arg at position {pos}")));
            }
        }
        i += 2;
    }
    let r = new_bytes(vm, out);
    match a.pos.first() {
        Some(c) if c.obj().is_some_and(|o| std::rc::Rc::ptr_eq(o, &vm.types.bytearray)) => {
            let b = bytes_of(&r).unwrap_or_default();
            Ok(new_bytearray(vm, b))
        }
        _ => Ok(r),
    }
}

fn sub_arg(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_of(v) {
        return Ok(b);
    }
    if let Some(i) = ops::as_i64(v) {
        if (0..256).contains(&i) {
            return Ok(vec![i as u8]);
        }
        return Err(vm.value_error("byte must be in range(0, 256)"));
    }
    Err(vm.type_error(format!("argument should be integer or bytes-like object, not '{}'", vm.type_name(v))))
}

fn span(vm: &mut Vm, a: &Args, len: usize) -> PyResult<(usize, usize)> {
    let conv = |vm: &mut Vm, v: Option<&Value>, d: i64| -> PyResult<i64> {
        match v {
            None | Some(Value::None) => Ok(d),
            Some(v) => crate::builtins::index_i64(vm, v),
        }
    };
    let n = len as i64;
    let s = conv(vm, a.pos.get(2), 0)?;
    let e = conv(vm, a.pos.get(3), n)?;
    let fix = |x: i64| if x < 0 { (x + n).max(0) } else { x.min(n) };
    Ok((fix(s) as usize, fix(e) as usize))
}

fn find_in(h: &[u8], n: &[u8], s: usize, e: usize, rev: bool) -> Option<usize> {
    if s > e || e > h.len() || e - s < n.len() {
        return if n.is_empty() && s <= e && s <= h.len() { Some(if rev { e } else { s }) } else { None };
    }
    let range = s..=e - n.len();
    if rev {
        range.rev().find(|&i| &h[i..i + n.len()] == n)
    } else {
        range.into_iter().find(|&i| &h[i..i + n.len()] == n)
    }
}

fn find_common(vm: &mut Vm, a: &Args, rev: bool) -> PyResult<Option<usize>> {
    let b = this(vm, a)?;
    let Some(sv) = a.pos.get(1) else { return Err(vm.type_error("find expected at least 1 argument, got 0")) };
    let sub = sub_arg(vm, sv)?;
    let (s, e) = span(vm, a, b.len())?;
    Ok(find_in(&b, &sub, s, e, rev))
}

fn find(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Int(find_common(vm, a, false)?.map(|i| i as i64).unwrap_or(-1)))
}
fn rfind(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Int(find_common(vm, a, true)?.map(|i| i as i64).unwrap_or(-1)))
}
fn index(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    find_common(vm, a, false)?.map(|i| Value::Int(i as i64)).ok_or_else(|| vm.value_error("subsection not found"))
}
fn rindex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    find_common(vm, a, true)?.map(|i| Value::Int(i as i64)).ok_or_else(|| vm.value_error("subsection not found"))
}

fn count(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = this(vm, a)?;
    let Some(sv) = a.pos.get(1) else { return Err(vm.type_error("count expected at least 1 argument, got 0")) };
    let sub = sub_arg(vm, sv)?;
    let (s, e) = span(vm, a, b.len())?;
    if s > e {
        return Ok(Value::Int(0));
    }
    if sub.is_empty() {
        return Ok(Value::Int((e - s + 1) as i64));
    }
    let (mut i, mut n) = (s, 0);
    while i + sub.len() <= e {
        if b[i..i + sub.len()] == sub[..] {
            n += 1;
            i += sub.len();
        } else {
            i += 1;
        }
    }
    Ok(Value::Int(n))
}

fn affix(vm: &mut Vm, a: &Args, end: bool) -> PyResult<Value> {
    let b = this(vm, a)?;
    let Some(p) = a.pos.get(1).cloned() else { return Err(vm.type_error("startswith expected at least 1 argument, got 0")) };
    let (s, e) = span(vm, a, b.len())?;
    let cands = match p.payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => vec![p.clone()],
    };
    for c in cands {
        let x = bytes_of(&c).ok_or_else(|| {
            let what = if end { "endswith" } else { "startswith" };
            vm.type_error(format!("{what} first arg must be bytes or a tuple of bytes, not {}", vm.type_name(&c)))
        })?;
        if s <= e && e <= b.len() {
            let hay = &b[s..e];
            if (end && hay.ends_with(&x)) || (!end && hay.starts_with(&x)) {
                return Ok(Value::Bool(true));
            }
        }
    }
    Ok(Value::Bool(false))
}
fn startswith(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    affix(vm, a, false)
}
fn endswith(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    affix(vm, a, true)
}

fn join(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let sep = this(vm, a)?;
    let Some(src) = a.pos.get(1) else { return Err(vm.type_error("join() takes exactly one argument (0 given)")) };
    let items = vm.to_vec(src)?;
    let mut out = Vec::new();
    for (i, x) in items.iter().enumerate() {
        let Some(b) = bytes_of(x) else {
            return Err(vm.type_error(format!("sequence item {i}: expected a bytes-like object, {} found", vm.type_name(x))));
        };
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend(b);
    }
    Ok(same(vm, &a.pos[0], out))
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn split_common(vm: &mut Vm, a: &Args, rev: bool) -> PyResult<Value> {
    let b = this(vm, a)?;
    let sep = match a.pos.get(1).or_else(|| a.kwarg("sep")) {
        None | Some(Value::None) => None,
        Some(v) => {
            let s = arg_bytes(vm, v)?;
            if s.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            Some(s)
        }
    };
    let max = match a.pos.get(2).or_else(|| a.kwarg("maxsplit")) {
        Some(v) => crate::builtins::index_i64(vm, v)?,
        None => -1,
    };
    let mut left = if max < 0 { usize::MAX } else { max as usize };
    let mut parts: Vec<Vec<u8>> = Vec::new();
    let data: Vec<u8> = if rev { b.iter().rev().copied().collect() } else { b.clone() };
    let sep_r: Option<Vec<u8>> = sep.map(|s| if rev { s.into_iter().rev().collect() } else { s });
    match sep_r {
        None => {
            let mut i = 0;
            let n = data.len();
            loop {
                while i < n && is_space(data[i]) {
                    i += 1;
                }
                if i >= n {
                    break;
                }
                if left == 0 {
                    let mut rest = data[i..].to_vec();
                    while rest.last().is_some_and(|&c| is_space(c)) {
                        rest.pop();
                    }
                    parts.push(rest);
                    break;
                }
                let st = i;
                while i < n && !is_space(data[i]) {
                    i += 1;
                }
                parts.push(data[st..i].to_vec());
                left -= 1;
            }
        }
        Some(sep) => {
            let (mut st, mut i) = (0, 0);
            while left > 0 && i + sep.len() <= data.len() {
                if data[i..i + sep.len()] == sep[..] {
                    parts.push(data[st..i].to_vec());
                    i += sep.len();
                    st = i;
                    left -= 1;
                } else {
                    i += 1;
                }
            }
            parts.push(data[st..].to_vec());
        }
    }
    if rev {
        parts = parts.into_iter().rev().map(|p| p.into_iter().rev().collect()).collect();
    }
    let like = a.pos[0].clone();
    let items = parts.into_iter().map(|p| same(vm, &like, p)).collect();
    Ok(vm.new_list(items))
}
fn split(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    split_common(vm, a, false)
}
fn rsplit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    split_common(vm, a, true)
}

fn strip_common(vm: &mut Vm, a: &Args, l: bool, r: bool) -> PyResult<Value> {
    let b = this(vm, a)?;
    let chars = match a.pos.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(arg_bytes(vm, v)?),
    };
    let strip = |c: u8| match &chars {
        None => is_space(c),
        Some(s) => s.contains(&c),
    };
    let (mut s, mut e) = (0, b.len());
    if l {
        while s < e && strip(b[s]) {
            s += 1;
        }
    }
    if r {
        while e > s && strip(b[e - 1]) {
            e -= 1;
        }
    }
    Ok(same(vm, &a.pos[0], b[s..e].to_vec()))
}
fn strip(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    strip_common(vm, a, true, true)
}
fn lstrip(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    strip_common(vm, a, true, false)
}
fn rstrip(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    strip_common(vm, a, false, true)
}

fn replace(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = this(vm, a)?;
    if a.pos.len() < 3 {
        return Err(vm.type_error("replace expected at least 2 arguments"));
    }
    let old = arg_bytes(vm, &a.pos[1])?;
    let new = arg_bytes(vm, &a.pos[2])?;
    let max = match a.pos.get(3) {
        Some(v) => crate::builtins::index_i64(vm, v)?,
        None => -1,
    };
    let mut left = if max < 0 { usize::MAX } else { max as usize };
    let mut out = Vec::with_capacity(b.len());
    if old.is_empty() {
        for &c in &b {
            if left > 0 {
                out.extend_from_slice(&new);
                left -= 1;
            }
            out.push(c);
        }
        if left > 0 {
            out.extend_from_slice(&new);
        }
    } else {
        let mut i = 0;
        while i < b.len() {
            if left > 0 && i + old.len() <= b.len() && b[i..i + old.len()] == old[..] {
                out.extend_from_slice(&new);
                i += old.len();
                left -= 1;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
    }
    Ok(same(vm, &a.pos[0], out))
}

fn map_bytes(vm: &mut Vm, a: &Args, f: fn(&[u8]) -> Vec<u8>) -> PyResult<Value> {
    let b = this(vm, a)?;
    Ok(same(vm, &a.pos[0], f(&b)))
}
fn upper(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    map_bytes(vm, a, |b| b.to_ascii_uppercase())
}
fn lower(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    map_bytes(vm, a, |b| b.to_ascii_lowercase())
}
fn capitalize(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    map_bytes(vm, a, |b| b.iter().enumerate().map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }).collect())
}
fn swapcase(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    map_bytes(vm, a, |b| b.iter().map(|c| if c.is_ascii_uppercase() { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() }).collect())
}
fn title(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    map_bytes(vm, a, |b| {
        let mut prev = false;
        b.iter()
            .map(|&c| {
                let r = if prev { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() };
                prev = c.is_ascii_alphabetic();
                r
            })
            .collect()
    })
}

fn partition_common(vm: &mut Vm, a: &Args, rev: bool) -> PyResult<Value> {
    let b = this(vm, a)?;
    let Some(sv) = a.pos.get(1) else { return Err(vm.type_error("partition() takes exactly one argument (0 given)")) };
    let sep = arg_bytes(vm, sv)?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let like = a.pos[0].clone();
    let parts = match find_in(&b, &sep, 0, b.len(), rev) {
        Some(p) => vec![b[..p].to_vec(), sep.clone(), b[p + sep.len()..].to_vec()],
        None if rev => vec![vec![], vec![], b],
        None => vec![b, vec![], vec![]],
    };
    let items = parts.into_iter().map(|p| same(vm, &like, p)).collect();
    Ok(vm.new_tuple(items))
}
fn partition(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    partition_common(vm, a, false)
}
fn rpartition(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    partition_common(vm, a, true)
}

fn pred(vm: &mut Vm, a: &Args, f: fn(&u8) -> bool) -> PyResult<Value> {
    let b = this(vm, a)?;
    Ok(Value::Bool(!b.is_empty() && b.iter().all(f)))
}
fn isdigit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred(vm, a, |c| c.is_ascii_digit())
}
fn isalpha(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred(vm, a, |c| c.is_ascii_alphabetic())
}
fn isalnum(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred(vm, a, |c| c.is_ascii_alphanumeric())
}
fn isspace(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred(vm, a, |c| is_space(*c))
}
fn isascii(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = this(vm, a)?;
    Ok(Value::Bool(b.is_ascii()))
}
fn isupper(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = this(vm, a)?;
    Ok(Value::Bool(b.iter().any(|c| c.is_ascii_uppercase()) && !b.iter().any(|c| c.is_ascii_lowercase())))
}
fn islower(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = this(vm, a)?;
    Ok(Value::Bool(b.iter().any(|c| c.is_ascii_lowercase()) && !b.iter().any(|c| c.is_ascii_uppercase())))
}

fn splitlines(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = this(vm, a)?;
    let keep = match a.pos.get(1).or_else(|| a.kwarg("keepends")) {
        Some(v) => vm.truthy(&v.clone())?,
        None => false,
    };
    let like = a.pos[0].clone();
    let mut parts = Vec::new();
    let (mut i, mut st) = (0, 0);
    while i < b.len() {
        if b[i] == b'\n' || b[i] == b'\r' {
            let mut eol = i + 1;
            if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                eol += 1;
            }
            parts.push(b[st..if keep { eol } else { i }].to_vec());
            i = eol;
            st = eol;
        } else {
            i += 1;
        }
    }
    if st < b.len() {
        parts.push(b[st..].to_vec());
    }
    let items = parts.into_iter().map(|p| same(vm, &like, p)).collect();
    Ok(vm.new_list(items))
}

fn pad_args(vm: &mut Vm, a: &Args) -> PyResult<(Vec<u8>, usize, u8)> {
    let b = this(vm, a)?;
    let w = match a.pos.get(1) {
        Some(v) => crate::builtins::index_i64(vm, v)?.max(0) as usize,
        None => return Err(vm.type_error("expected at least 1 argument, got 0")),
    };
    let f = match a.pos.get(2) {
        Some(v) => match bytes_of(v) {
            Some(x) if x.len() == 1 => x[0],
            _ => return Err(vm.type_error("argument 2 must be a byte string of length 1")),
        },
        None => b' ',
    };
    Ok((b, w, f))
}
fn center(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (b, w, f) = pad_args(vm, a)?;
    if b.len() >= w {
        return Ok(same(vm, &a.pos[0], b));
    }
    let marg = w - b.len();
    let left = marg / 2 + (marg & w & 1);
    let mut o = vec![f; left];
    o.extend(&b);
    o.extend(std::iter::repeat_n(f, marg - left));
    Ok(same(vm, &a.pos[0], o))
}
fn ljust(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (mut b, w, f) = pad_args(vm, a)?;
    while b.len() < w {
        b.push(f);
    }
    Ok(same(vm, &a.pos[0], b))
}
fn rjust(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (b, w, f) = pad_args(vm, a)?;
    let mut o = vec![f; w.saturating_sub(b.len())];
    o.extend(b);
    Ok(same(vm, &a.pos[0], o))
}
fn zfill(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = this(vm, a)?;
    let w = match a.pos.get(1) {
        Some(v) => crate::builtins::index_i64(vm, v)?.max(0) as usize,
        None => return Err(vm.type_error("zfill() takes exactly one argument (0 given)")),
    };
    if b.len() >= w {
        return Ok(same(vm, &a.pos[0], b));
    }
    let signed = matches!(b.first(), Some(b'+' | b'-'));
    let mut o = Vec::with_capacity(w);
    if signed {
        o.push(b[0]);
    }
    o.extend(std::iter::repeat_n(b'0', w - b.len()));
    o.extend_from_slice(if signed { &b[1..] } else { &b[..] });
    Ok(same(vm, &a.pos[0], o))
}
fn removeprefix(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = this(vm, a)?;
    let p = arg_bytes(vm, a.pos.get(1).unwrap_or(&Value::None))?;
    Ok(same(vm, &a.pos[0], if b.starts_with(&p) { b[p.len()..].to_vec() } else { b }))
}
fn removesuffix(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = this(vm, a)?;
    let p = arg_bytes(vm, a.pos.get(1).unwrap_or(&Value::None))?;
    Ok(same(vm, &a.pos[0], if !p.is_empty() && b.ends_with(&p) { b[..b.len() - p.len()].to_vec() } else { b }))
}

fn getitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let key = a.pos.get(1).cloned().unwrap_or(Value::None);
    match native_getitem(vm, &a.pos[0], &key)? {
        Some(v) => Ok(v),
        None => Err(vm.type_error("byte indices must be integers or slices")),
    }
}

/// `b[i]` (an int) and `b[i:j:k]` (bytes of the same kind).
pub fn native_getitem(vm: &mut Vm, obj: &Value, key: &Value) -> PyResult<Option<Value>> {
    let Some(b) = bytes_of(obj) else { return Ok(None) };
    let what = if matches!(obj.payload(), Some(Payload::ByteArray(_))) { "bytearray" } else { "byte" };
    if let Some(Payload::Slice(..)) = key.payload() {
        let (s, e, st) = crate::objects::methods::slice_indices(vm, key, b.len())?;
        let mut out = Vec::new();
        let mut i = s;
        while (st > 0 && i < e) || (st < 0 && i > e) {
            if let Some(c) = b.get(i as usize) {
                out.push(*c);
            }
            i += st;
        }
        return Ok(Some(same(vm, obj, out)));
    }
    let Some(i) = ops::as_i64(key).or_else(|| {
        if vm.lookup_mro(&vm.type_of(key), "__index__").is_some() {
            crate::builtins::index_i64(vm, key).ok()
        } else {
            None
        }
    }) else {
        return Err(vm.type_error(format!("{what} indices must be integers or slices, not {}", vm.type_name(key))));
    };
    let n = b.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error(if what == "byte" { "index out of range" } else { "bytearray index out of range" }));
    }
    Ok(Some(Value::Int(b[j as usize] as i64)))
}

fn len(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Int(this(vm, a)?.len() as i64))
}

fn iter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let items: Vec<Value> = this(vm, a)?.into_iter().map(|c| Value::Int(c as i64)).collect();
    let l = vm.new_list(items);
    Ok(vm.new_iter(crate::value::IterState::Seq { seq: l, index: 0 }))
}

fn contains(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = this(vm, a)?;
    let x = a.pos.get(1).cloned().unwrap_or(Value::None);
    if bytes_of(&x).is_none() && ops::as_i64(&x).is_none() {
        return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(&x))));
    }
    let sub = sub_arg(vm, &x)?;
    Ok(Value::Bool(find_in(&b, &sub, 0, b.len(), false).is_some()))
}

// ---- bytearray mutation ----------------------------------------------------------

fn ba(vm: &Vm, v: &Value) -> PyResult<std::rc::Rc<crate::value::Object>> {
    match v.payload() {
        Some(Payload::ByteArray(_)) => Ok(v.obj().expect("object").clone()),
        _ => Err(vm.type_error("descriptor requires a 'bytearray' object")),
    }
}

fn with_ba<R>(o: &crate::value::Object, f: impl FnOnce(&mut Vec<u8>) -> R) -> R {
    let Payload::ByteArray(b) = &o.payload else { unreachable!("checked by ba()") };
    let mut b = b.borrow_mut();
    f(&mut b)
}

fn byte_value(vm: &mut Vm, v: &Value) -> PyResult<u8> {
    let i = crate::builtins::index_i64(vm, v)?;
    if !(0..256).contains(&i) {
        return Err(vm.value_error("byte must be in range(0, 256)"));
    }
    Ok(i as u8)
}

fn ba_append(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let o = ba(vm, &a.pos[0])?;
    let Some(v) = a.pos.get(1) else { return Err(vm.type_error("append() takes exactly one argument (0 given)")) };
    let c = byte_value(vm, v)?;
    with_ba(&o, |b| b.push(c));
    Ok(Value::None)
}

fn ba_extend(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let o = ba(vm, &a.pos[0])?;
    let Some(v) = a.pos.get(1) else { return Err(vm.type_error("extend() takes exactly one argument (0 given)")) };
    let data = match bytes_of(v) {
        Some(b) => b,
        None => {
            let items = vm.to_vec(v)?;
            let mut out = Vec::with_capacity(items.len());
            for x in items {
                out.push(byte_value(vm, &x)?);
            }
            out
        }
    };
    with_ba(&o, |b| b.extend(data));
    Ok(Value::None)
}

fn ba_iadd(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let o = ba(vm, &a.pos[0])?;
    let Some(v) = a.pos.get(1) else { return Err(vm.type_error("expected 1 argument")) };
    let Some(data) = bytes_of(v) else {
        return Err(vm.type_error(format!("can't concat {} to bytearray", vm.type_name(v))));
    };
    with_ba(&o, |b| b.extend(data));
    Ok(a.pos[0].clone())
}

fn ba_pop(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let o = ba(vm, &a.pos[0])?;
    let i = match a.pos.get(1) {
        Some(v) => crate::builtins::index_i64(vm, v)?,
        None => -1,
    };
    let r = with_ba(&o, |b| {
        if b.is_empty() {
            return Err("pop from empty bytearray");
        }
        let n = b.len() as i64;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err("pop index out of range");
        }
        Ok(b.remove(j as usize))
    });
    r.map(|c| Value::Int(c as i64)).map_err(|m| vm.index_error(m))
}

fn ba_insert(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let o = ba(vm, &a.pos[0])?;
    if a.pos.len() != 3 {
        return Err(vm.type_error("insert expected 2 arguments"));
    }
    let i = crate::builtins::index_i64(vm, &a.pos[1])?;
    let c = byte_value(vm, &a.pos[2])?;
    with_ba(&o, |b| {
        let n = b.len() as i64;
        let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
        b.insert(j as usize, c);
    });
    Ok(Value::None)
}

fn ba_remove(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let o = ba(vm, &a.pos[0])?;
    let Some(v) = a.pos.get(1) else { return Err(vm.type_error("remove() takes exactly one argument (0 given)")) };
    let c = byte_value(vm, v)?;
    let found = with_ba(&o, |b| match b.iter().position(|&x| x == c) {
        Some(p) => {
            b.remove(p);
            true
        }
        None => false,
    });
    if found {
        Ok(Value::None)
    } else {
        Err(vm.value_error("value not found in bytearray"))
    }
}

fn ba_reverse(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let o = ba(vm, &a.pos[0])?;
    with_ba(&o, |b| b.reverse());
    Ok(Value::None)
}

fn ba_clear(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let o = ba(vm, &a.pos[0])?;
    with_ba(&o, |b| b.clear());
    Ok(Value::None)
}

fn ba_copy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = this(vm, a)?;
    Ok(new_bytearray(vm, b))
}

fn ba_setitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() != 3 {
        return Err(vm.type_error("expected 2 arguments"));
    }
    native_setitem(vm, &a.pos[0], &a.pos[1], &a.pos[2])?;
    Ok(Value::None)
}

/// `ba[i] = x` and `ba[i:j] = iterable`.
pub fn native_setitem(vm: &mut Vm, obj: &Value, key: &Value, v: &Value) -> PyResult<()> {
    let o = ba(vm, obj)?;
    let len = with_ba(&o, |b| b.len());
    if let Some(Payload::Slice(..)) = key.payload() {
        let (s, e, st) = crate::objects::methods::slice_indices(vm, key, len)?;
        let data = match bytes_of(v) {
            Some(b) => b,
            None => {
                let items = vm.to_vec(v).map_err(|_| vm.type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)"))?;
                let mut out = Vec::new();
                for x in items {
                    out.push(byte_value(vm, &x)?);
                }
                out
            }
        };
        if st == 1 {
            let (s, e) = (s as usize, (e.max(s)) as usize);
            with_ba(&o, |b| {
                b.splice(s..e, data);
            });
            return Ok(());
        }
        let mut idx = Vec::new();
        let mut i = s;
        while (st > 0 && i < e) || (st < 0 && i > e) {
            idx.push(i as usize);
            i += st;
        }
        if idx.len() != data.len() {
            return Err(vm.value_error(format!("attempt to assign bytes of size {} to extended slice of size {}", data.len(), idx.len())));
        }
        with_ba(&o, |b| {
            for (k, &j) in idx.iter().enumerate() {
                b[j] = data[k];
            }
        });
        return Ok(());
    }
    let i = crate::builtins::index_i64(vm, key)?;
    let c = byte_value(vm, v)?;
    let n = len as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("bytearray index out of range"));
    }
    with_ba(&o, |b| b[j as usize] = c);
    Ok(())
}

fn ba_delitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let o = ba(vm, &a.pos[0])?;
    let key = a.pos.get(1).cloned().unwrap_or(Value::None);
    let len = with_ba(&o, |b| b.len());
    if let Some(Payload::Slice(..)) = key.payload() {
        let (s, e, st) = crate::objects::methods::slice_indices(vm, &key, len)?;
        let mut idx = Vec::new();
        let mut i = s;
        while (st > 0 && i < e) || (st < 0 && i > e) {
            idx.push(i as usize);
            i += st;
        }
        idx.sort_unstable();
        with_ba(&o, |b| {
            for &j in idx.iter().rev() {
                if j < b.len() {
                    b.remove(j);
                }
            }
        });
        return Ok(Value::None);
    }
    let i = crate::builtins::index_i64(vm, &key)?;
    let n = len as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("bytearray index out of range"));
    }
    with_ba(&o, |b| {
        b.remove(j as usize);
    });
    Ok(Value::None)
}

/// `+`, `*` and comparisons between bytes-like objects.
pub fn binop(vm: &mut Vm, a: &Value, b: &Value, op: crate::code::BinOp) -> PyResult<Option<Value>> {
    use crate::code::BinOp;
    let (Some(x), is_ba) = (bytes_of(a), matches!(a.payload(), Some(Payload::ByteArray(_)))) else { return Ok(None) };
    match op {
        BinOp::Add => {
            let Some(y) = bytes_of(b) else {
                if !crate::types::is_builtin_class(&vm.type_of(b)) {
                    return Ok(None);
                }
                return Err(vm.type_error(format!("can't concat {} to {}", vm.type_name(b), vm.type_name(a))));
            };
            let mut out = x;
            out.extend(y);
            Ok(Some(if is_ba { new_bytearray(vm, out) } else { new_bytes(vm, out) }))
        }
        BinOp::Mul => {
            let Some(n) = ops::as_big(b) else { return Ok(None) };
            use num_traits::{Signed, ToPrimitive};
            let n = if n.is_negative() { 0 } else { n.to_usize().unwrap_or(usize::MAX) };
            if !x.is_empty() && n.checked_mul(x.len()).is_none_or(|t| t > (1usize << 40)) {
                return Err(vm.memory_error());
            }
            let out = x.repeat(n);
            Ok(Some(if is_ba { new_bytearray(vm, out) } else { new_bytes(vm, out) }))
        }
        _ => Ok(None),
    }
}

fn istitle(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = this(vm, a)?;
    let (mut prev, mut any) = (false, false);
    for c in b {
        if c.is_ascii_uppercase() {
            if prev {
                return Ok(Value::Bool(false));
            }
            prev = true;
            any = true;
        } else if c.is_ascii_lowercase() {
            if !prev {
                return Ok(Value::Bool(false));
            }
            prev = true;
            any = true;
        } else {
            prev = false;
        }
    }
    Ok(Value::Bool(any))
}

fn expandtabs(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = this(vm, a)?;
    let tab = match a.pos.get(1).or_else(|| a.kwarg("tabsize")) {
        Some(v) => crate::builtins::index_i64(vm, v)?,
        None => 8,
    };
    let mut out = Vec::with_capacity(b.len());
    let mut col = 0i64;
    for c in b {
        if c == b'\t' {
            if tab > 0 {
                let n = tab - col % tab;
                out.extend(std::iter::repeat_n(b' ', n as usize));
                col += n;
            }
        } else {
            out.push(c);
            col = if c == b'\n' || c == b'\r' { 0 } else { col + 1 };
        }
    }
    Ok(same(vm, &a.pos[0], out))
}
