//! `bytes` and `bytearray`: constructors, methods, items, operators
//! (CPython 3.11 semantics and messages).

use std::cell::RefCell;
use std::rc::Rc;

use num_traits::{Signed, ToPrimitive};

use crate::code::BinOp;
use crate::objects::codecs;
use crate::objects::methods::slice_indices;
use crate::objects::str_methods::{
    a_capitalize, a_swapcase, a_title, adjust, center_pad, count_in, expandtabs_units, find_in, istitle_iter, kwargs, noargs, onearg,
    replace_units, rfind_in, rsplit_sep, rsplit_ws, slice_arg, split_sep, split_ws, splitlines_units, ssize, strip_range, tupleargs,
    varargs, zfill_units,
};
use crate::types::{add_classmethod, add_method, add_native};
use crate::value::{Payload, PyRef, Value};
use crate::vm::{ops, Args, Vm};
use crate::PyResult;

pub fn install(vm: &mut Vm) {
    let b = vm.types.bytes.clone();
    let ba = vm.types.bytearray.clone();
    let common: &[(&'static str, crate::value::NativeFn)] = &[
        ("capitalize", b_capitalize),
        ("center", b_center),
        ("count", b_count),
        ("decode", b_decode),
        ("endswith", b_endswith),
        ("expandtabs", b_expandtabs),
        ("find", b_find),
        ("hex", b_hex),
        ("index", b_index),
        ("isalnum", b_isalnum),
        ("isalpha", b_isalpha),
        ("isascii", b_isascii),
        ("isdigit", b_isdigit),
        ("islower", b_islower),
        ("isspace", b_isspace),
        ("istitle", b_istitle),
        ("isupper", b_isupper),
        ("join", b_join),
        ("ljust", b_ljust),
        ("lower", b_lower),
        ("lstrip", b_lstrip),
        ("partition", b_partition),
        ("removeprefix", b_removeprefix),
        ("removesuffix", b_removesuffix),
        ("replace", b_replace),
        ("rfind", b_rfind),
        ("rindex", b_rindex),
        ("rjust", b_rjust),
        ("rpartition", b_rpartition),
        ("rsplit", b_rsplit),
        ("rstrip", b_rstrip),
        ("split", b_split),
        ("splitlines", b_splitlines),
        ("startswith", b_startswith),
        ("strip", b_strip),
        ("swapcase", b_swapcase),
        ("title", b_title),
        ("translate", b_translate),
        ("upper", b_upper),
        ("zfill", b_zfill),
        ("__getitem__", b_getitem),
        ("__len__", b_len),
        ("__iter__", b_iter),
        ("__contains__", b_contains),
        ("__add__", b_add),
        ("__mul__", b_mul),
        ("__rmul__", b_mul),
        ("__mod__", b_mod),
        ("__rmod__", b_rmod),
        ("__eq__", b_eq),
        ("__ne__", b_ne),
        ("__lt__", b_lt),
        ("__le__", b_le),
        ("__gt__", b_gt),
        ("__ge__", b_ge),
        ("__repr__", b_repr),
        ("__str__", b_repr),
    ];
    for cls in [&b, &ba] {
        for (name, f) in common {
            add_method(cls, name, *f);
        }
        add_classmethod(&vm.types.classmethod, cls, "fromhex", b_fromhex);
        add_native(cls, "maketrans", b_maketrans, false, false);
    }
    add_native(&b, "__new__", bytes_new, false, true);
    add_method(&b, "__bytes__", bytes_bytes);
    add_method(&b, "__hash__", b_hash);
    add_method(&b, "__getnewargs__", bytes_getnewargs);
    add_native(&ba, "__new__", bytearray_new, false, true);
    add_method(&ba, "__init__", bytearray_init);
    let bam: &[(&'static str, crate::value::NativeFn)] = &[
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
        ("__imul__", ba_imul),
        ("__alloc__", ba_alloc),
    ];
    for (name, f) in bam {
        add_method(&ba, name, *f);
    }
    if let Some(d) = &ba.dict {
        d.borrow_mut().set_str("__hash__", Value::None);
    }
    add_method(&vm.types.exc.unicode_decode_error.clone(), "__init__", unicode_decode_error_init);
    add_method(&vm.types.exc.unicode_encode_error.clone(), "__init__", unicode_encode_error_init);
    add_method(&vm.types.exc.unicode_translate_error.clone(), "__init__", unicode_translate_error_init);
}

/// `UnicodeTranslateError(object, start, end, reason)`; `encoding` is None.
fn unicode_translate_error_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let n = a.pos.len().saturating_sub(1);
    if n != 4 {
        return Err(vm.type_error(format!("function takes exactly 4 arguments ({n} given)")));
    }
    let p = &a.pos[1..];
    for i in [0usize, 3] {
        if p[i].as_str().is_none() {
            return Err(vm.type_error(format!("argument {} must be str, not {}", i + 1, vm.type_name(&p[i]))));
        }
    }
    let start = ssize(vm, &p[1])?;
    let end = ssize(vm, &p[2])?;
    if let Some(Payload::Exception(x)) = a.pos[0].payload() {
        *x.args.borrow_mut() = vm.new_tuple(p.to_vec());
    }
    if let Some(d) = a.pos[0].obj().and_then(|o| o.dict.as_ref()) {
        let mut d = d.borrow_mut();
        d.set_str("encoding", Value::None);
        d.set_str("object", p[0].clone());
        d.set_str("start", Value::Int(start));
        d.set_str("end", Value::Int(end));
        d.set_str("reason", p[3].clone());
    }
    Ok(Value::None)
}

/// `UnicodeDecodeError(encoding, object, start, end, reason)` (and the
/// encode variant): the arguments become attributes.
fn unicode_error_init(vm: &mut Vm, a: &Args, decode: bool) -> PyResult<Value> {
    let n = a.pos.len().saturating_sub(1);
    if n != 5 {
        return Err(vm.type_error(format!("function takes exactly 5 arguments ({n} given)")));
    }
    let p = &a.pos[1..];
    let must = |vm: &Vm, i: usize, what: &str, ok: bool| -> PyResult<()> {
        if ok {
            Ok(())
        } else {
            Err(vm.type_error(format!("argument {} must be {what}, not {}", i + 1, vm.type_name(&p[i]))))
        }
    };
    must(vm, 0, "str", p[0].as_str().is_some())?;
    if decode {
        if !is_bytes_like(&p[1]) {
            return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(&p[1]))));
        }
    } else {
        must(vm, 1, "str", p[1].as_str().is_some())?;
    }
    let start = ssize(vm, &p[2])?;
    let end = ssize(vm, &p[3])?;
    must(vm, 4, "str", p[4].as_str().is_some())?;
    let object = match bytes_of(&p[1]) {
        Some(b) if decode => new_bytes(vm, b),
        _ => p[1].clone(),
    };
    if let Some(Payload::Exception(x)) = a.pos[0].payload() {
        *x.args.borrow_mut() = vm.new_tuple(p.to_vec());
    }
    if let Some(d) = a.pos[0].obj().and_then(|o| o.dict.as_ref()) {
        let mut d = d.borrow_mut();
        d.set_str("encoding", p[0].clone());
        d.set_str("object", object);
        d.set_str("start", Value::Int(start));
        d.set_str("end", Value::Int(end));
        d.set_str("reason", p[4].clone());
    }
    Ok(Value::None)
}

fn unicode_decode_error_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    unicode_error_init(vm, a, true)
}

fn unicode_encode_error_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    unicode_error_init(vm, a, false)
}

// ---- helpers ---------------------------------------------------------------

/// The bytes of a bytes-like object (bytes, bytearray).
pub fn bytes_of(v: &Value) -> Option<Vec<u8>> {
    match v.payload() {
        Some(Payload::Bytes(b)) => Some(b.to_vec()),
        Some(Payload::ByteArray(b)) => Some(b.borrow().clone()),
        _ => None,
    }
}

pub fn is_bytes_like(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::Bytes(_) | Payload::ByteArray(_)))
}

pub fn new_bytes(vm: &Vm, v: Vec<u8>) -> Value {
    vm.new_object(&vm.types.bytes, Payload::Bytes(v.into_boxed_slice()), false)
}

pub fn new_bytearray(vm: &Vm, v: Vec<u8>) -> Value {
    vm.new_object(&vm.types.bytearray, Payload::ByteArray(RefCell::new(v)), false)
}

fn mk(vm: &Vm, ba: bool, v: Vec<u8>) -> Value {
    if ba {
        new_bytearray(vm, v)
    } else {
        new_bytes(vm, v)
    }
}

/// `self` of a bytes/bytearray method: its data and whether it is a bytearray.
fn this_b(vm: &Vm, a: &Args, name: &str) -> PyResult<(Vec<u8>, bool)> {
    match a.pos.first() {
        None => Err(vm.type_error(format!("unbound method bytes.{name}() needs an argument"))),
        Some(v) => match v.payload() {
            Some(Payload::Bytes(b)) => Ok((b.to_vec(), false)),
            Some(Payload::ByteArray(b)) => Ok((b.borrow().clone(), true)),
            _ => Err(vm.type_error(format!("descriptor '{name}' for 'bytes' objects doesn't apply to a '{}' object", vm.type_name(v)))),
        },
    }
}

fn tn(ba: bool) -> &'static str {
    if ba {
        "bytearray"
    } else {
        "bytes"
    }
}

fn need_buf(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    bytes_of(v).ok_or_else(|| vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(v))))
}

/// A byte value from an int-like (`__index__`), range-checked.
fn byte_value(vm: &mut Vm, v: &Value) -> PyResult<u8> {
    let b = crate::builtins::index_big(vm, v)?;
    match b.to_u8() {
        Some(x) => Ok(x),
        None => Err(vm.value_error("byte must be in range(0, 256)")),
    }
}

fn is_intlike(vm: &Vm, v: &Value) -> bool {
    if ops::as_big(v).is_some() {
        return true;
    }
    let cls = vm.type_of(v);
    vm.lookup_mro(&cls, "__index__").is_some()
}

fn is_ws(c: u32) -> bool {
    matches!(c, 9..=13 | 32)
}

// ---- constructors ----------------------------------------------------------

fn class_of_new(a: &Args, default: &PyRef) -> PyRef {
    match a.pos.first() {
        Some(Value::Obj(o)) if matches!(o.payload, Payload::Class(_)) => o.clone(),
        _ => default.clone(),
    }
}

/// The data `bytes(...)`/`bytearray(...)` builds from its arguments.
fn build_data(vm: &mut Vm, a: &Args, name: &str) -> PyResult<Vec<u8>> {
    let args = kwargs(vm, a, name, &["source", "encoding", "errors"])?;
    let (src, enc, errs) = (args[0].clone(), args[1].clone(), args[2].clone());
    let str_arg = |vm: &Vm, v: &Value, what: &str| -> PyResult<String> {
        v.as_str()
            .map(|s| s.to_string_lossy())
            .ok_or_else(|| vm.type_error(format!("{name}() argument '{what}' must be str, not {}", vm.type_name(v))))
    };
    if enc.is_some() || errs.is_some() {
        let encoding = match &enc {
            Some(e) => str_arg(vm, e, "encoding")?,
            None => "utf-8".into(),
        };
        let errors = match &errs {
            Some(e) => Some(str_arg(vm, e, "errors")?),
            None => None,
        };
        let Some(s) = src.as_ref().and_then(|v| v.as_str()) else {
            return Err(vm.type_error(if enc.is_some() {
                "encoding without a string argument"
            } else {
                "errors without a string argument"
            }));
        };
        let r = codecs::encode_text(vm, s, src.as_ref(), &encoding, errors.as_deref())?;
        return Ok(bytes_of(&r).unwrap_or_default());
    }
    let Some(src) = src else { return Ok(Vec::new()) };
    if src.as_str().is_some() {
        return Err(vm.type_error("string argument without an encoding"));
    }
    if name == "bytes" {
        let cls = vm.type_of(&src);
        if !is_bytes_like(&src) || !crate::types::is_builtin_class(&cls) {
            if let Some(f) = vm.lookup_mro(&cls, "__bytes__") {
                if !matches!(f.payload(), Some(Payload::Native(_))) || !is_bytes_like(&src) {
                    let r = vm.call(&f, vec![src.clone()])?;
                    return match r.payload() {
                        Some(Payload::Bytes(b)) => Ok(b.to_vec()),
                        _ => Err(vm.type_error(format!("__bytes__ returned non-bytes (type {})", vm.type_name(&r)))),
                    };
                }
            }
        }
    }
    if let Some(b) = bytes_of(&src).or_else(|| crate::modules::array::buffer_bytes(&src)) {
        return Ok(b);
    }
    if let Some(Payload::MemoryView(_)) = src.payload() {
        return crate::objects::memoryview::view_bytes(vm, &src);
    }
    if is_intlike(vm, &src) {
        let n = crate::builtins::index_big(vm, &src)?;
        if n.is_negative() {
            return Err(vm.value_error("negative count"));
        }
        let Some(n) = n.to_usize().filter(|&n| n < (1usize << 40)) else {
            return Err(if n.to_i64().is_none() {
                vm.overflow_error("cannot fit 'int' into an index-sized integer")
            } else {
                vm.memory_error()
            });
        };
        return Ok(vec![0; n]);
    }
    let cls = vm.type_of(&src);
    let iterable = matches!(src.payload(), Some(Payload::List(_) | Payload::Tuple(_)))
        || vm.lookup_mro(&cls, "__iter__").is_some_and(|f| !f.is_none())
        || vm.lookup_mro(&cls, "__getitem__").is_some();
    if !iterable {
        return Err(vm.type_error(format!("cannot convert '{}' object to {name}", vm.type_name(&src))));
    }
    let items = vm.to_vec(&src)?;
    let mut out = Vec::with_capacity(items.len());
    for x in &items {
        let b = crate::builtins::index_big(vm, x)?;
        match b.to_u8() {
            Some(v) => out.push(v),
            None => {
                return Err(vm.value_error(if name == "bytes" {
                    "bytes must be in range(0, 256)"
                } else {
                    "byte must be in range(0, 256)"
                }))
            }
        }
    }
    Ok(out)
}

fn bytes_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let default = vm.types.bytes.clone();
    let cls = class_of_new(a, &default);
    let data = build_data(vm, a, "bytes")?;
    let exact = Rc::ptr_eq(&cls, &default);
    Ok(vm.new_object(&cls, Payload::Bytes(data.into_boxed_slice()), !exact))
}

fn bytearray_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let default = vm.types.bytearray.clone();
    let cls = class_of_new(a, &default);
    let exact = Rc::ptr_eq(&cls, &default);
    Ok(vm.new_object(&cls, Payload::ByteArray(RefCell::new(Vec::new())), !exact))
}

fn bytearray_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let data = build_data(vm, a, "bytearray")?;
    if let Some(Payload::ByteArray(b)) = a.pos.first().and_then(|v| v.payload()) {
        *b.borrow_mut() = data;
    }
    Ok(Value::None)
}

fn bytes_bytes(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (d, _) = this_b(vm, a, "__bytes__")?;
    match a.pos.first() {
        Some(v @ Value::Obj(o)) if crate::vm::is_exact_builtin(o) => Ok(v.clone()),
        _ => Ok(new_bytes(vm, d)),
    }
}

fn bytes_getnewargs(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (d, _) = this_b(vm, a, "__getnewargs__")?;
    let b = new_bytes(vm, d);
    Ok(vm.new_tuple(vec![b]))
}

fn b_hash(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (d, _) = this_b(vm, a, "__hash__")?;
    let b = new_bytes(vm, d);
    vm.hash(&b).map(Value::Int)
}

// ---- items -------------------------------------------------------------------

fn index_value(vm: &mut Vm, key: &Value, what: &str) -> PyResult<Option<i64>> {
    if let Value::Int(i) = key {
        return Ok(Some(*i));
    }
    let b = match ops::as_big(key) {
        Some(b) => b,
        None => {
            if matches!(key.payload(), Some(Payload::Slice(..))) {
                return Ok(None);
            }
            let cls = vm.type_of(key);
            if vm.lookup_mro(&cls, "__index__").is_none() {
                return Err(vm.type_error(format!("{what} indices must be integers or slices, not {}", vm.type_name(key))));
            }
            crate::builtins::index_big(vm, key)?
        }
    };
    Ok(Some(b.to_i64().unwrap_or(if b.is_negative() { i64::MIN / 2 } else { i64::MAX / 2 })))
}

fn positions(start: i64, stop: i64, step: i64) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        match i.checked_add(step) {
            Some(n) => i = n,
            None => break,
        }
    }
    out
}

/// `b[key]` for bytes and bytearray.
pub fn getitem(vm: &mut Vm, obj: &Value, key: &Value) -> PyResult<Value> {
    let ba = match obj.payload() {
        Some(Payload::Bytes(_)) => false,
        Some(Payload::ByteArray(_)) => true,
        _ => return Err(vm.type_error("expected bytes")),
    };
    let what = if ba { "bytearray" } else { "byte" };
    match index_value(vm, key, what)? {
        Some(i) => {
            let at = |j: i64| -> Option<u8> {
                let j = usize::try_from(j).ok()?;
                match obj.payload() {
                    Some(Payload::Bytes(b)) => b.get(j).copied(),
                    Some(Payload::ByteArray(b)) => b.borrow().get(j).copied(),
                    _ => None,
                }
            };
            let n = match obj.payload() {
                Some(Payload::Bytes(b)) => b.len() as i64,
                Some(Payload::ByteArray(b)) => b.borrow().len() as i64,
                _ => 0,
            };
            let j = if i < 0 { i + n } else { i };
            match at(j) {
                Some(x) => Ok(Value::Int(x as i64)),
                None => Err(vm.index_error(if ba { "bytearray index out of range" } else { "index out of range" })),
            }
        }
        None => {
            let data = bytes_of(obj).unwrap_or_default();
            let (s, e, st) = slice_indices(vm, key, data.len())?;
            let v = positions(s, e, st).into_iter().map(|i| data[i]).collect();
            Ok(mk(vm, ba, v))
        }
    }
}

/// Bytes to assign to a bytearray slice.
fn assign_source(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_of(v) {
        return Ok(b);
    }
    let cls = vm.type_of(v);
    let iterable = matches!(v.payload(), Some(Payload::List(_) | Payload::Tuple(_))) || vm.lookup_mro(&cls, "__iter__").is_some();
    if v.as_str().is_some() || is_intlike(vm, v) || !iterable {
        return Err(vm.type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)"));
    }
    let items = vm.to_vec(v)?;
    let mut out = Vec::with_capacity(items.len());
    for x in &items {
        out.push(byte_value(vm, x)?);
    }
    Ok(out)
}

pub fn setitem(vm: &mut Vm, obj: &Value, key: &Value, v: &Value) -> PyResult<()> {
    let Some(Payload::ByteArray(cell)) = obj.payload() else {
        return Err(vm.type_error(format!("'{}' object does not support item assignment", vm.type_name(obj))));
    };
    match index_value(vm, key, "bytearray")? {
        Some(i) => {
            let x = byte_value(vm, v)?;
            let n = cell.borrow().len() as i64;
            let j = if i < 0 { i + n } else { i };
            if j < 0 || j >= n {
                return Err(vm.index_error("bytearray index out of range"));
            }
            cell.borrow_mut()[j as usize] = x;
            Ok(())
        }
        None => {
            let new = assign_source(vm, v)?;
            let len = cell.borrow().len();
            let (s, e, st) = slice_indices(vm, key, len)?;
            if st == 1 {
                let e = e.max(s);
                cell.borrow_mut().splice(s as usize..e as usize, new);
                return Ok(());
            }
            let pos = positions(s, e, st);
            if pos.len() != new.len() {
                return Err(vm.value_error(format!(
                    "attempt to assign bytes of size {} to extended slice of size {}",
                    new.len(),
                    pos.len()
                )));
            }
            let mut b = cell.borrow_mut();
            for (p, x) in pos.into_iter().zip(new) {
                b[p] = x;
            }
            Ok(())
        }
    }
}

pub fn delitem(vm: &mut Vm, obj: &Value, key: &Value) -> PyResult<()> {
    let Some(Payload::ByteArray(cell)) = obj.payload() else {
        return Err(vm.type_error(format!("'{}' object doesn't support item deletion", vm.type_name(obj))));
    };
    match index_value(vm, key, "bytearray")? {
        Some(i) => {
            let n = cell.borrow().len() as i64;
            let j = if i < 0 { i + n } else { i };
            if j < 0 || j >= n {
                return Err(vm.index_error("bytearray index out of range"));
            }
            cell.borrow_mut().remove(j as usize);
            Ok(())
        }
        None => {
            let len = cell.borrow().len();
            let (s, e, st) = slice_indices(vm, key, len)?;
            let mut pos = positions(s, e, st);
            pos.sort_unstable();
            let mut b = cell.borrow_mut();
            for p in pos.into_iter().rev() {
                b.remove(p);
            }
            Ok(())
        }
    }
}

fn b_getitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (_, _) = this_b(vm, a, "__getitem__")?;
    let Some(k) = a.pos.get(1) else { return Err(vm.type_error("expected 1 argument, got 0")) };
    getitem(vm, &a.pos[0], k)
}

fn ba_setitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() != 3 {
        return Err(vm.type_error(format!("expected 2 arguments, got {}", a.pos.len().saturating_sub(1))));
    }
    setitem(vm, &a.pos[0], &a.pos[1], &a.pos[2])?;
    Ok(Value::None)
}

fn ba_delitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(k) = a.pos.get(1) else { return Err(vm.type_error("expected 1 argument, got 0")) };
    delitem(vm, &a.pos[0], k)?;
    Ok(Value::None)
}

fn b_len(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (d, _) = this_b(vm, a, "__len__")?;
    Ok(Value::Int(d.len() as i64))
}

fn b_iter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let _ = this_b(vm, a, "__iter__")?;
    Ok(vm.new_iter(crate::value::IterState::Seq { seq: a.pos[0].clone(), index: 0 }))
}

/// `item in b`.
pub fn contains(vm: &mut Vm, container: &Value, item: &Value) -> PyResult<bool> {
    let data = bytes_of(container).unwrap_or_default();
    if let Some(sub) = bytes_of(item) {
        return Ok(find_in(&data, &sub, 0, data.len()).is_some());
    }
    if is_intlike(vm, item) {
        let x = byte_value(vm, item)?;
        return Ok(data.contains(&x));
    }
    Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(item))))
}

fn b_contains(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let _ = this_b(vm, a, "__contains__")?;
    let Some(x) = a.pos.get(1) else { return Err(vm.type_error("expected 1 argument, got 0")) };
    contains(vm, &a.pos[0], x).map(Value::Bool)
}

// ---- operators -----------------------------------------------------------------

/// `a op b` where `a` or `b` is bytes/bytearray: `+`, `*`, `%`; `None`
/// when the operation does not apply (the caller raises).
pub fn binop(vm: &mut Vm, a: &Value, b: &Value, op: BinOp) -> PyResult<Option<Value>> {
    match op {
        BinOp::Add => {
            let (Some(x), Some(y)) = (bytes_of(a), bytes_of(b)) else { return Ok(None) };
            let ba = matches!(a.payload(), Some(Payload::ByteArray(_)));
            let mut v = x;
            v.extend_from_slice(&y);
            Ok(Some(mk(vm, ba, v)))
        }
        BinOp::Mul => {
            let (seq, n) = if is_bytes_like(a) { (a, b) } else { (b, a) };
            if !is_bytes_like(seq) || !is_intlike(vm, n) {
                return Ok(None);
            }
            let n = crate::builtins::index_big(vm, n)?;
            if n.to_i64().is_none() {
                return Err(vm.overflow_error("cannot fit 'int' into an index-sized integer"));
            }
            let data = bytes_of(seq).unwrap_or_default();
            let n = if n.is_negative() { 0 } else { n.to_usize().unwrap_or(usize::MAX) };
            if !data.is_empty() && n.checked_mul(data.len()).is_none_or(|t| t > (1usize << 40)) {
                return Err(vm.memory_error());
            }
            let ba = matches!(seq.payload(), Some(Payload::ByteArray(_)));
            Ok(Some(mk(vm, ba, data.repeat(n))))
        }
        BinOp::Mod => {
            if !is_bytes_like(a) {
                return Ok(None);
            }
            let ba = matches!(a.payload(), Some(Payload::ByteArray(_)));
            let fmt = bytes_of(a).unwrap_or_default();
            let r = percent_format(vm, &fmt, b)?;
            Ok(Some(mk(vm, ba, r)))
        }
        _ => Ok(None),
    }
}

/// The TypeError for `bytes + x` when nothing applies.
pub fn concat_error(vm: &Vm, a: &Value, b: &Value) -> crate::PyErr {
    vm.type_error(format!("can't concat {} to {}", vm.type_name(b), vm.type_name(a)))
}

fn op_self(vm: &mut Vm, a: &Args, name: &str, op: BinOp, reflected: bool) -> PyResult<Value> {
    let _ = this_b(vm, a, name)?;
    let Some(other) = a.pos.get(1) else { return Err(vm.type_error("expected 1 argument, got 0")) };
    let (x, y) = if reflected { (other.clone(), a.pos[0].clone()) } else { (a.pos[0].clone(), other.clone()) };
    if op == BinOp::Add && !is_bytes_like(&y) {
        return Err(concat_error(vm, &x, &y));
    }
    match binop(vm, &x, &y, op)? {
        Some(v) => Ok(v),
        None => Ok(vm.types.not_implemented.clone()),
    }
}

fn b_add(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    op_self(vm, a, "__add__", BinOp::Add, false)
}
fn b_mul(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    op_self(vm, a, "__mul__", BinOp::Mul, false)
}
fn b_mod(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    op_self(vm, a, "__mod__", BinOp::Mod, false)
}
fn b_rmod(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(vm.types.not_implemented.clone())
}

fn ba_iadd(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(other) = a.pos.get(1) else { return Err(vm.type_error("expected 1 argument, got 0")) };
    let Some(Payload::ByteArray(cell)) = a.pos[0].payload() else { return Ok(vm.types.not_implemented.clone()) };
    let Some(y) = bytes_of(other) else {
        return Err(vm.type_error(format!("can't concat {} to bytearray", vm.type_name(other))));
    };
    cell.borrow_mut().extend_from_slice(&y);
    Ok(a.pos[0].clone())
}

fn ba_imul(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(other) = a.pos.get(1) else { return Err(vm.type_error("expected 1 argument, got 0")) };
    let Some(Payload::ByteArray(cell)) = a.pos[0].payload() else { return Ok(vm.types.not_implemented.clone()) };
    if !is_intlike(vm, other) {
        return Ok(vm.types.not_implemented.clone());
    }
    let n = crate::builtins::index_big(vm, other)?;
    let n = if n.is_negative() { 0 } else { n.to_usize().unwrap_or(usize::MAX) };
    let len = cell.borrow().len();
    if len != 0 && n.checked_mul(len).is_none_or(|t| t > (1usize << 40)) {
        return Err(vm.memory_error());
    }
    let v = cell.borrow().repeat(n);
    *cell.borrow_mut() = v;
    Ok(a.pos[0].clone())
}

/// In-place `+=`/`*=` on a bytearray (mutates it).
pub fn inplace(vm: &mut Vm, a: &Value, b: &Value, op: BinOp) -> PyResult<Option<Value>> {
    let args = Args::new(vec![a.clone(), b.clone()]);
    match op {
        BinOp::Add => ba_iadd(vm, &args).map(Some),
        BinOp::Mul if is_intlike(vm, b) => ba_imul(vm, &args).map(Some),
        _ => Ok(None),
    }
}

fn cmp_impl(vm: &mut Vm, a: &Args, f: fn(std::cmp::Ordering) -> bool) -> PyResult<Value> {
    let (x, _) = this_b(vm, a, "__eq__")?;
    let Some(other) = a.pos.get(1) else { return Err(vm.type_error("expected 1 argument, got 0")) };
    match bytes_of(other) {
        Some(y) => Ok(Value::Bool(f(x.cmp(&y)))),
        None => Ok(vm.types.not_implemented.clone()),
    }
}
fn b_eq(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    cmp_impl(vm, a, |o| o.is_eq())
}
fn b_ne(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    cmp_impl(vm, a, |o| o.is_ne())
}
fn b_lt(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    cmp_impl(vm, a, |o| o.is_lt())
}
fn b_le(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    cmp_impl(vm, a, |o| o.is_le())
}
fn b_gt(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    cmp_impl(vm, a, |o| o.is_gt())
}
fn b_ge(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    cmp_impl(vm, a, |o| o.is_ge())
}

/// Ordering of two bytes-like values.
pub fn compare(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    Some(bytes_of(a)?.cmp(&bytes_of(b)?))
}

pub fn repr_of(v: &Value) -> Option<String> {
    match v.payload() {
        Some(Payload::Bytes(b)) => Some(crate::objects::repr::bytes_repr(b)),
        Some(Payload::ByteArray(b)) => Some(bytearray_repr(&b.borrow())),
        _ => None,
    }
}

/// `repr(bytearray)`: like bytes, but `'` is always escaped.
pub fn bytearray_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut out = String::from("bytearray(b");
    out.push(quote);
    for &c in b {
        match c {
            b'\'' | b'\\' => {
                out.push('\\');
                out.push(c as char);
            }
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            0x20..=0x7e => out.push(c as char),
            _ => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out.push(')');
    out
}

fn b_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let _ = this_b(vm, a, "__repr__")?;
    let r = repr_of(&a.pos[0]).unwrap_or_default();
    let r = match a.pos[0].payload() {
        Some(Payload::ByteArray(_)) if !a.pos[0].obj().is_some_and(crate::vm::is_exact_builtin) => {
            let n = vm.type_name(&a.pos[0]);
            r.replacen("bytearray", &n, 1)
        }
        _ => r,
    };
    Ok(vm.new_str(&r))
}

// ---- methods: case and predicates ---------------------------------------------

fn map_b(vm: &mut Vm, a: &Args, name: &str, f: fn(&[u8]) -> Vec<u8>) -> PyResult<Value> {
    let (d, ba) = this_b(vm, a, name)?;
    noargs(vm, a, tn(ba), name)?;
    Ok(mk(vm, ba, f(&d)))
}
fn b_upper(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    map_b(vm, a, "upper", |s| s.to_ascii_uppercase())
}
fn b_lower(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    map_b(vm, a, "lower", |s| s.to_ascii_lowercase())
}
fn b_swapcase(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    map_b(vm, a, "swapcase", a_swapcase)
}
fn b_title(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    map_b(vm, a, "title", a_title)
}
fn b_capitalize(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    map_b(vm, a, "capitalize", a_capitalize)
}

fn pred_b(vm: &mut Vm, a: &Args, name: &str, f: fn(u8) -> bool) -> PyResult<Value> {
    let (d, ba) = this_b(vm, a, name)?;
    noargs(vm, a, tn(ba), name)?;
    Ok(Value::Bool(!d.is_empty() && d.iter().all(|&c| f(c))))
}
fn b_isalnum(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred_b(vm, a, "isalnum", |c| c.is_ascii_alphanumeric())
}
fn b_isalpha(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred_b(vm, a, "isalpha", |c| c.is_ascii_alphabetic())
}
fn b_isdigit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred_b(vm, a, "isdigit", |c| c.is_ascii_digit())
}
fn b_isspace(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred_b(vm, a, "isspace", |c| is_ws(c as u32))
}
fn b_isascii(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (d, ba) = this_b(vm, a, "isascii")?;
    noargs(vm, a, tn(ba), "isascii")?;
    Ok(Value::Bool(d.is_ascii()))
}
fn b_islower(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (d, ba) = this_b(vm, a, "islower")?;
    noargs(vm, a, tn(ba), "islower")?;
    Ok(Value::Bool(d.iter().any(|c| c.is_ascii_lowercase()) && !d.iter().any(|c| c.is_ascii_uppercase())))
}
fn b_isupper(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (d, ba) = this_b(vm, a, "isupper")?;
    noargs(vm, a, tn(ba), "isupper")?;
    Ok(Value::Bool(d.iter().any(|c| c.is_ascii_uppercase()) && !d.iter().any(|c| c.is_ascii_lowercase())))
}
fn b_istitle(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (d, ba) = this_b(vm, a, "istitle")?;
    noargs(vm, a, tn(ba), "istitle")?;
    let up = |c: u32| c < 128 && (c as u8).is_ascii_uppercase();
    let low = |c: u32| c < 128 && (c as u8).is_ascii_lowercase();
    Ok(Value::Bool(istitle_iter(d.iter().map(|&c| c as u32), up, low, |_| false)))
}

// ---- methods: search ---------------------------------------------------------

/// The `sub` of find/count/index: bytes-like or a byte value.
fn sub_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_of(v) {
        return Ok(b);
    }
    if is_intlike(vm, v) {
        return Ok(vec![byte_value(vm, v)?]);
    }
    Err(vm.type_error(format!("argument should be integer or bytes-like object, not '{}'", vm.type_name(v))))
}

fn find_args(vm: &mut Vm, a: &Args, name: &str) -> PyResult<(Vec<u8>, Vec<u8>, usize, usize)> {
    let (d, ba) = this_b(vm, a, name)?;
    let args = tupleargs(vm, a, tn(ba), name, 1, 3)?;
    let sub = sub_arg(vm, &args[0])?;
    let st = slice_arg(vm, args.get(1))?;
    let en = slice_arg(vm, args.get(2))?;
    let (st, en) = adjust(st, en, d.len());
    Ok((d, sub, st, en))
}

fn b_find(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (d, s, st, en) = find_args(vm, a, "find")?;
    Ok(Value::Int(find_in(&d, &s, st, en).map(|p| p as i64).unwrap_or(-1)))
}
fn b_rfind(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (d, s, st, en) = find_args(vm, a, "rfind")?;
    Ok(Value::Int(rfind_in(&d, &s, st, en).map(|p| p as i64).unwrap_or(-1)))
}
fn b_index(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (d, s, st, en) = find_args(vm, a, "index")?;
    match find_in(&d, &s, st, en) {
        Some(p) => Ok(Value::Int(p as i64)),
        None => Err(vm.value_error("subsection not found")),
    }
}
fn b_rindex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (d, s, st, en) = find_args(vm, a, "rindex")?;
    match rfind_in(&d, &s, st, en) {
        Some(p) => Ok(Value::Int(p as i64)),
        None => Err(vm.value_error("subsection not found")),
    }
}
fn b_count(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (d, s, st, en) = find_args(vm, a, "count")?;
    Ok(Value::Int(count_in(&d, &s, st, en, usize::MAX) as i64))
}

fn tail(d: &[u8], sub: &[u8], st: usize, en: usize, end: bool) -> bool {
    if st > d.len() || en < st || en - st < sub.len() {
        return false;
    }
    let at = if end { en - sub.len() } else { st };
    d[at..at + sub.len()] == *sub
}

fn starts_ends(vm: &mut Vm, a: &Args, name: &str, end: bool) -> PyResult<Value> {
    let (d, ba) = this_b(vm, a, name)?;
    let args = tupleargs(vm, a, tn(ba), name, 1, 3)?;
    let st = slice_arg(vm, args.get(1))?;
    let en = slice_arg(vm, args.get(2))?;
    let (st, en) = adjust(st, en, d.len());
    if let Some(Payload::Tuple(t)) = args[0].payload() {
        for x in t.iter() {
            let sub = need_buf(vm, x)?;
            if tail(&d, &sub, st, en, end) {
                return Ok(Value::Bool(true));
            }
        }
        return Ok(Value::Bool(false));
    }
    match bytes_of(&args[0]) {
        Some(sub) => Ok(Value::Bool(tail(&d, &sub, st, en, end))),
        None => Err(vm.type_error(format!("{name} first arg must be bytes or a tuple of bytes, not {}", vm.type_name(&args[0])))),
    }
}
fn b_startswith(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    starts_ends(vm, a, "startswith", false)
}
fn b_endswith(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    starts_ends(vm, a, "endswith", true)
}

// ---- methods: split, join, strip, pad -------------------------------------------

fn pieces(vm: &Vm, d: &[u8], ba: bool, r: Vec<(usize, usize)>) -> Value {
    let items = r.into_iter().map(|(x, y)| mk(vm, ba, d[x..y].to_vec())).collect();
    vm.new_list(items)
}

fn split_impl(vm: &mut Vm, a: &Args, name: &str, rev: bool) -> PyResult<Value> {
    let (d, ba) = this_b(vm, a, name)?;
    let args = kwargs(vm, a, name, &["sep", "maxsplit"])?;
    let maxsplit = match &args[1] {
        Some(v) => ssize(vm, v)?,
        None => -1,
    };
    let r = match &args[0] {
        Some(v) if !v.is_none() => {
            let sep = need_buf(vm, v)?;
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            if rev {
                rsplit_sep(&d, &sep, maxsplit)
            } else {
                split_sep(&d, &sep, maxsplit)
            }
        }
        _ => {
            if rev {
                rsplit_ws(&d, maxsplit, is_ws)
            } else {
                split_ws(&d, maxsplit, is_ws)
            }
        }
    };
    Ok(pieces(vm, &d, ba, r))
}
fn b_split(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    split_impl(vm, a, "split", false)
}
fn b_rsplit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    split_impl(vm, a, "rsplit", true)
}

fn b_splitlines(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (d, ba) = this_b(vm, a, "splitlines")?;
    let args = kwargs(vm, a, "splitlines", &["keepends"])?;
    let keep = match &args[0] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let r = splitlines_units(&d, keep, false);
    Ok(pieces(vm, &d, ba, r))
}

fn b_join(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (sep, ba) = this_b(vm, a, "join")?;
    let it = onearg(vm, a, tn(ba), "join")?.clone();
    let cls = vm.type_of(&it);
    if !matches!(it.payload(), Some(Payload::List(_) | Payload::Tuple(_)))
        && vm.lookup_mro(&cls, "__iter__").is_none()
        && vm.lookup_mro(&cls, "__getitem__").is_none()
    {
        return Err(vm.type_error("can only join an iterable"));
    }
    let items = vm.to_vec(&it)?;
    let mut out = Vec::new();
    for (i, x) in items.iter().enumerate() {
        let Some(b) = bytes_of(x) else {
            return Err(vm.type_error(format!("sequence item {i}: expected a bytes-like object, {} found", vm.type_name(x))));
        };
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend_from_slice(&b);
    }
    Ok(mk(vm, ba, out))
}

fn partition_impl(vm: &mut Vm, a: &Args, name: &str, rev: bool) -> PyResult<Value> {
    let (d, ba) = this_b(vm, a, name)?;
    let s = onearg(vm, a, tn(ba), name)?;
    let sep = need_buf(vm, s)?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let p = if rev { rfind_in(&d, &sep, 0, d.len()) } else { find_in(&d, &sep, 0, d.len()) };
    let parts = match p {
        Some(p) => vec![mk(vm, ba, d[..p].to_vec()), mk(vm, ba, sep.clone()), mk(vm, ba, d[p + sep.len()..].to_vec())],
        None if rev => vec![mk(vm, ba, vec![]), mk(vm, ba, vec![]), mk(vm, ba, d.clone())],
        None => vec![mk(vm, ba, d.clone()), mk(vm, ba, vec![]), mk(vm, ba, vec![])],
    };
    Ok(vm.new_tuple(parts))
}
fn b_partition(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    partition_impl(vm, a, "partition", false)
}
fn b_rpartition(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    partition_impl(vm, a, "rpartition", true)
}

fn b_replace(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (d, ba) = this_b(vm, a, "replace")?;
    let args = varargs(vm, a, tn(ba), "replace", 2, 3)?;
    let old = need_buf(vm, &args[0])?;
    let new = need_buf(vm, &args[1])?;
    let count = match args.get(2) {
        Some(v) => ssize(vm, v)?,
        None => -1,
    };
    Ok(mk(vm, ba, replace_units(&d, &old, &new, count)))
}

fn strip_impl(vm: &mut Vm, a: &Args, name: &str, which: u8) -> PyResult<Value> {
    let (d, ba) = this_b(vm, a, name)?;
    let args = varargs(vm, a, tn(ba), name, 0, 1)?;
    let chars = match args.first() {
        Some(v) if !v.is_none() => Some(need_buf(vm, v)?),
        _ => None,
    };
    let (x, y) = match &chars {
        None => strip_range(&d, which, &|c: u8| is_ws(c as u32)),
        Some(set) => strip_range(&d, which, &|c: u8| set.contains(&c)),
    };
    Ok(mk(vm, ba, d[x..y].to_vec()))
}
fn b_strip(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    strip_impl(vm, a, "strip", 0)
}
fn b_lstrip(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    strip_impl(vm, a, "lstrip", 1)
}
fn b_rstrip(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    strip_impl(vm, a, "rstrip", 2)
}

fn pad_impl(vm: &mut Vm, a: &Args, name: &str, how: u8) -> PyResult<Value> {
    let (d, ba) = this_b(vm, a, name)?;
    let args = varargs(vm, a, tn(ba), name, 1, 2)?;
    let width = ssize(vm, &args[0])?;
    let fill = match args.get(1) {
        None => b' ',
        Some(v) => match bytes_of(v) {
            Some(f) if f.len() == 1 => f[0],
            _ => return Err(vm.type_error(format!("{name}() argument 2 must be a byte string of length 1, not {}", vm.type_name(v)))),
        },
    };
    let len = d.len();
    if width <= len as i64 {
        return Ok(mk(vm, ba, d));
    }
    let width = width as usize;
    if width > (1usize << 40) {
        return Err(vm.memory_error());
    }
    let (l, r) = match how {
        0 => center_pad(len, width),
        1 => (0, width - len),
        _ => (width - len, 0),
    };
    let mut out = vec![fill; l];
    out.extend_from_slice(&d);
    out.extend(std::iter::repeat_n(fill, r));
    Ok(mk(vm, ba, out))
}
fn b_center(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pad_impl(vm, a, "center", 0)
}
fn b_ljust(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pad_impl(vm, a, "ljust", 1)
}
fn b_rjust(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pad_impl(vm, a, "rjust", 2)
}

fn b_zfill(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (d, ba) = this_b(vm, a, "zfill")?;
    let w = onearg(vm, a, tn(ba), "zfill")?;
    let width = ssize(vm, w)?;
    if width > (1i64 << 40) {
        return Err(vm.memory_error());
    }
    Ok(mk(vm, ba, zfill_units(&d, width.max(0) as usize)))
}

fn b_expandtabs(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (d, ba) = this_b(vm, a, "expandtabs")?;
    let args = kwargs(vm, a, "expandtabs", &["tabsize"])?;
    let ts = match &args[0] {
        Some(v) => crate::objects::str_methods::c_int(vm, v)?,
        None => 8,
    };
    if ts > (1 << 30) && d.contains(&9) {
        return Err(vm.memory_error());
    }
    Ok(mk(vm, ba, expandtabs_units(&d, ts)))
}

fn affix(vm: &mut Vm, a: &Args, name: &str, suffix: bool) -> PyResult<Value> {
    let (d, ba) = this_b(vm, a, name)?;
    let p = onearg(vm, a, tn(ba), name)?;
    let p = need_buf(vm, p)?;
    if !p.is_empty() && tail(&d, &p, 0, d.len(), suffix) {
        let r = if suffix { d[..d.len() - p.len()].to_vec() } else { d[p.len()..].to_vec() };
        return Ok(mk(vm, ba, r));
    }
    Ok(mk(vm, ba, d))
}
fn b_removeprefix(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    affix(vm, a, "removeprefix", false)
}
fn b_removesuffix(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    affix(vm, a, "removesuffix", true)
}

// ---- methods: codecs, hex, translate ---------------------------------------------

fn b_decode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (d, _) = this_b(vm, a, "decode")?;
    let args = kwargs(vm, a, "decode", &["encoding", "errors"])?;
    let get = |vm: &Vm, v: &Option<Value>, what: &str, def: &str| -> PyResult<String> {
        match v {
            None => Ok(def.to_string()),
            Some(v) => v
                .as_str()
                .map(|s| s.to_string_lossy())
                .ok_or_else(|| vm.type_error(format!("decode() argument '{what}' must be str, not {}", vm.type_name(v)))),
        }
    };
    let enc = get(vm, &args[0], "encoding", "utf-8")?;
    let errors = match &args[1] {
        Some(_) => Some(get(vm, &args[1], "errors", "strict")?),
        None => None,
    };
    codecs::decode_text(vm, &d, None, &enc, errors.as_deref())
}

fn b_hex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (d, _) = this_b(vm, a, "hex")?;
    let args = kwargs(vm, a, "hex", &["sep", "bytes_per_sep"])?;
    let sep: Option<u32> = match &args[0] {
        None => None,
        Some(v) if v.is_none() => None,
        Some(v) => {
            let units: Vec<u32> = if let Some(s) = v.as_str() {
                s.code_points()
            } else if let Some(b) = bytes_of(v) {
                b.into_iter().map(u32::from).collect()
            } else {
                return Err(vm.type_error(format!("object of type '{}' has no len()", vm.type_name(v))));
            };
            if units.len() != 1 {
                return Err(vm.value_error("sep must be length 1."));
            }
            if units[0] > 127 {
                return Err(vm.value_error("sep must be ASCII."));
            }
            Some(units[0])
        }
    };
    let bps = match &args[1] {
        Some(v) => crate::objects::str_methods::c_int(vm, v)?,
        None => 1,
    };
    let mut out = String::with_capacity(d.len() * 3);
    let group = bps.unsigned_abs() as usize;
    let n = d.len();
    for (i, b) in d.iter().enumerate() {
        if i > 0 {
            if let Some(s) = sep {
                if group > 0 {
                    let boundary = if bps > 0 { (n - i) % group == 0 } else { i % group == 0 };
                    if boundary {
                        out.push(s as u8 as char);
                    }
                }
            }
        }
        out.push_str(&format!("{b:02x}"));
    }
    Ok(vm.new_str(&out))
}

fn b_fromhex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cls = match a.pos.first() {
        Some(Value::Obj(o)) if matches!(o.payload, Payload::Class(_)) => o.clone(),
        _ => vm.types.bytes.clone(),
    };
    let Some(s) = a.pos.get(1) else {
        return Err(vm.type_error("fromhex() takes exactly one argument (0 given)"));
    };
    let Some(text) = s.as_str() else {
        return Err(vm.type_error(format!("fromhex() argument must be str, not {}", vm.type_name(s))));
    };
    let cs = text.code_points();
    let hexv = |c: u32| -> Option<u8> { char::from_u32(c).and_then(|c| c.to_digit(16)).map(|d| d as u8) };
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        if is_ws(cs[i]) {
            i += 1;
            continue;
        }
        let Some(hi) = hexv(cs[i]) else {
            return Err(vm.value_error(format!("non-hexadecimal number found in fromhex() arg at position {i}")));
        };
        let Some(lo) = cs.get(i + 1).copied().and_then(hexv) else {
            return Err(vm.value_error(format!("non-hexadecimal number found in fromhex() arg at position {}", i + 1)));
        };
        out.push(hi * 16 + lo);
        i += 2;
    }
    if Rc::ptr_eq(&cls, &vm.types.bytes) {
        return Ok(new_bytes(vm, out));
    }
    if Rc::ptr_eq(&cls, &vm.types.bytearray) {
        return Ok(new_bytearray(vm, out));
    }
    let b = new_bytes(vm, out);
    vm.call(&Value::Obj(cls), vec![b])
}

fn b_maketrans(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() != 2 {
        return Err(vm.type_error(format!("maketrans expected 2 arguments, got {}", a.pos.len())));
    }
    let x = need_buf(vm, &a.pos[0])?;
    let y = need_buf(vm, &a.pos[1])?;
    if x.len() != y.len() {
        return Err(vm.value_error("maketrans arguments must have same length"));
    }
    let mut t: Vec<u8> = (0..=255u8).collect();
    for (f, to) in x.iter().zip(y.iter()) {
        t[*f as usize] = *to;
    }
    Ok(new_bytes(vm, t))
}

fn b_translate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (d, ba) = this_b(vm, a, "translate")?;
    let args = kwargs(vm, a, "translate", &["table", "delete"])?;
    let Some(tv) = &args[0] else {
        return Err(vm.type_error("translate() missing required argument 'table' (pos 1)"));
    };
    let table = if tv.is_none() {
        None
    } else {
        let t = need_buf(vm, tv)?;
        if t.len() != 256 {
            return Err(vm.value_error("translation table must be 256 characters long"));
        }
        Some(t)
    };
    let del = match &args[1] {
        Some(v) => need_buf(vm, v)?,
        None => Vec::new(),
    };
    let out = d
        .iter()
        .filter(|c| !del.contains(c))
        .map(|&c| match &table {
            Some(t) => t[c as usize],
            None => c,
        })
        .collect();
    Ok(mk(vm, ba, out))
}

// ---- bytearray mutation ------------------------------------------------------------

fn ba_cell<'a>(vm: &Vm, a: &'a Args, name: &str) -> PyResult<&'a RefCell<Vec<u8>>> {
    match a.pos.first().and_then(|v| v.payload()) {
        Some(Payload::ByteArray(b)) => Ok(b),
        _ => Err(vm.type_error(format!("descriptor '{name}' requires a 'bytearray' object"))),
    }
}

fn ba_append(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cell = ba_cell(vm, a, "append")?;
    let v = onearg(vm, a, "bytearray", "append")?;
    let x = byte_value(vm, v)?;
    cell.borrow_mut().push(x);
    Ok(Value::None)
}

fn ba_extend(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cell = ba_cell(vm, a, "extend")?;
    let v = onearg(vm, a, "bytearray", "extend")?.clone();
    if let Some(b) = bytes_of(&v) {
        cell.borrow_mut().extend_from_slice(&b);
        return Ok(Value::None);
    }
    let cls = vm.type_of(&v);
    let iterable = matches!(v.payload(), Some(Payload::List(_) | Payload::Tuple(_)))
        || vm.lookup_mro(&cls, "__iter__").is_some_and(|f| !f.is_none())
        || vm.lookup_mro(&cls, "__getitem__").is_some();
    if !iterable {
        return Err(vm.type_error(format!("can't extend bytearray with {}", vm.type_name(&v))));
    }
    let items = vm.to_vec(&v)?;
    let mut out = Vec::with_capacity(items.len());
    for x in &items {
        out.push(byte_value(vm, x)?);
    }
    cell.borrow_mut().extend_from_slice(&out);
    Ok(Value::None)
}

fn ba_pop(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cell = ba_cell(vm, a, "pop")?;
    let args = varargs(vm, a, "bytearray", "pop", 0, 1)?;
    let i = match args.first() {
        Some(v) => ssize(vm, v)?,
        None => -1,
    };
    let n = cell.borrow().len() as i64;
    if n == 0 {
        return Err(vm.index_error("pop from empty bytearray"));
    }
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("pop index out of range"));
    }
    Ok(Value::Int(cell.borrow_mut().remove(j as usize) as i64))
}

fn ba_insert(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cell = ba_cell(vm, a, "insert")?;
    let args = varargs(vm, a, "bytearray", "insert", 2, 2)?;
    let i = ssize(vm, &args[0])?;
    let x = byte_value(vm, &args[1])?;
    let n = cell.borrow().len() as i64;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
    cell.borrow_mut().insert(j as usize, x);
    Ok(Value::None)
}

fn ba_remove(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cell = ba_cell(vm, a, "remove")?;
    let v = onearg(vm, a, "bytearray", "remove")?;
    let x = byte_value(vm, v)?;
    let pos = cell.borrow().iter().position(|&c| c == x);
    match pos {
        Some(p) => {
            cell.borrow_mut().remove(p);
            Ok(Value::None)
        }
        None => Err(vm.value_error("value not found in bytearray")),
    }
}

fn ba_reverse(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cell = ba_cell(vm, a, "reverse")?;
    noargs(vm, a, "bytearray", "reverse")?;
    cell.borrow_mut().reverse();
    Ok(Value::None)
}

fn ba_clear(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cell = ba_cell(vm, a, "clear")?;
    noargs(vm, a, "bytearray", "clear")?;
    cell.borrow_mut().clear();
    Ok(Value::None)
}

fn ba_copy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cell = ba_cell(vm, a, "copy")?;
    noargs(vm, a, "bytearray", "copy")?;
    let d = cell.borrow().clone();
    Ok(new_bytearray(vm, d))
}

fn ba_alloc(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cell = ba_cell(vm, a, "__alloc__")?;
    let n = cell.borrow().capacity().max(cell.borrow().len() + 1);
    Ok(Value::Int(n as i64))
}

// ---- %-formatting --------------------------------------------------------------------

/// `bytes % args`.
pub fn percent_format(vm: &mut Vm, fmt: &[u8], args: &Value) -> PyResult<Vec<u8>> {
    let is_tuple = matches!(args.payload(), Some(Payload::Tuple(_)));
    let dict = {
        let cls = vm.type_of(args);
        if !is_tuple && !is_bytes_like(args) && args.as_str().is_none() && vm.lookup_mro(&cls, "__getitem__").is_some() {
            Some(args.clone())
        } else {
            None
        }
    };
    let mut cur = args.clone();
    let (mut arglen, mut argidx): (i64, i64) = match args.payload() {
        Some(Payload::Tuple(t)) => (t.len() as i64, 0),
        _ => (-1, -2),
    };
    let mut out = Vec::with_capacity(fmt.len());
    let mut i = 0;
    while i < fmt.len() {
        let c = fmt[i];
        i += 1;
        if c != b'%' {
            out.push(c);
            continue;
        }
        if i >= fmt.len() {
            return Err(vm.value_error("incomplete format"));
        }
        if fmt[i] == b'%' {
            out.push(b'%');
            i += 1;
            continue;
        }
        if fmt[i] == b'(' {
            let Some(d) = dict.clone() else { return Err(vm.type_error("format requires a mapping")) };
            let mut depth = 1;
            let st = i + 1;
            let mut j = st;
            while j < fmt.len() && depth > 0 {
                if fmt[j] == b'(' {
                    depth += 1;
                } else if fmt[j] == b')' {
                    depth -= 1;
                }
                j += 1;
            }
            if depth > 0 {
                return Err(vm.value_error("incomplete format key"));
            }
            let key = new_bytes(vm, fmt[st..j - 1].to_vec());
            cur = vm.getitem(&d, &key)?;
            arglen = -1;
            argidx = -2;
            i = j;
        }
        let mut take = |vm: &mut Vm| -> PyResult<Value> {
            if argidx < arglen {
                argidx += 1;
                if arglen < 0 {
                    return Ok(cur.clone());
                }
                if let Some(Payload::Tuple(t)) = cur.payload() {
                    if let Some(v) = t.get((argidx - 1) as usize) {
                        return Ok(v.clone());
                    }
                }
            }
            Err(vm.type_error("not enough arguments for format string"))
        };
        let sp = crate::objects::str_methods::pct_parse_spec(vm, fmt, &mut i, &mut take)?;
        if i >= fmt.len() {
            return Err(vm.value_error("incomplete format"));
        }
        let conv = fmt[i];
        i += 1;
        let v = take(vm)?;
        let body: Vec<u8> = match conv {
            b's' | b'b' => {
                let mut b = match bytes_of(&v) {
                    Some(b) => b,
                    None => {
                        let cls = vm.type_of(&v);
                        match vm.lookup_mro(&cls, "__bytes__") {
                            Some(f) => {
                                let r = vm.call(&f, vec![v.clone()])?;
                                match bytes_of(&r) {
                                    Some(b) => b,
                                    None => return Err(vm.type_error(format!("__bytes__ returned non-bytes (type {})", vm.type_name(&r)))),
                                }
                            }
                            None => {
                                return Err(vm.type_error(format!(
                                    "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
                                    vm.type_name(&v)
                                )))
                            }
                        }
                    }
                };
                if let Some(p) = sp.prec {
                    b.truncate(p);
                }
                b
            }
            b'r' | b'a' => {
                let mut b = vm.ascii(&v)?.into_bytes();
                if let Some(p) = sp.prec {
                    b.truncate(p);
                }
                b
            }
            b'c' => {
                if let Some(b) = bytes_of(&v) {
                    if b.len() != 1 {
                        return Err(vm.type_error("%c requires an integer in range(256) or a single byte"));
                    }
                    b
                } else if is_intlike(vm, &v) {
                    let n = crate::builtins::index_big(vm, &v)?;
                    match n.to_u8() {
                        Some(x) => vec![x],
                        None => return Err(vm.overflow_error("%c arg not in range(256)")),
                    }
                } else {
                    return Err(vm.type_error("%c requires an integer in range(256) or a single byte"));
                }
            }
            b'd' | b'i' | b'u' | b'x' | b'X' | b'o' | b'e' | b'E' | b'f' | b'F' | b'g' | b'G' => {
                // Already padded.
                let s = crate::objects::str_methods::pct_number(vm, &v, conv, &sp, true)?;
                out.extend_from_slice(s.as_bytes());
                continue;
            }
            c => {
                if c > 127 {
                    // CPython formats the byte as a negative C char here.
                    return Err(vm.overflow_error("character argument not in range(0x110000)"));
                }
                let shown = if (31..=127).contains(&c) { c as char } else { '?' };
                return Err(vm.value_error(format!("unsupported format character '{shown}' (0x{c:x}) at index {}", i - 1)));
            }
        };
        if body.len() < sp.width {
            let pad = sp.width - body.len();
            if sp.left {
                out.extend_from_slice(&body);
                out.extend(std::iter::repeat_n(b' ', pad));
            } else {
                out.extend(std::iter::repeat_n(b' ', pad));
                out.extend_from_slice(&body);
            }
        } else {
            out.extend_from_slice(&body);
        }
    }
    if argidx < arglen && dict.is_none() {
        return Err(vm.type_error("not all arguments converted during bytes formatting"));
    }
    Ok(out)
}

/// `native_getitem`'s entry for bytes and bytearray.
pub fn native_getitem(vm: &mut Vm, obj: &Value, key: &Value) -> PyResult<Option<Value>> {
    if !is_bytes_like(obj) {
        return Ok(None);
    }
    getitem(vm, obj, key).map(Some)
}

/// `native_setitem`'s entry for bytearray.
pub fn native_setitem(vm: &mut Vm, obj: &Value, key: &Value, v: &Value) -> PyResult<()> {
    setitem(vm, obj, key, v)
}
