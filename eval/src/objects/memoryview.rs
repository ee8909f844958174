//! `memoryview` over bytes and bytearray (format 'B', one dimension):
//! slicing without copying, writes through to a bytearray, release.

use std::cell::RefCell;

use crate::types::add_method;
use crate::value::{Payload, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

pub struct MemView {
    pub obj: Value,
    /// Positions of the viewed bytes in the underlying object.
    pub start: i64,
    pub step: i64,
    pub len: usize,
    pub released: bool,
    /// The item format (`'B'` unless made by `cast`): its code and size;
    /// an item is `itemsize` consecutive bytes at `start + k * step`.
    fmt: u8,
    itemsize: usize,
}

/// A view of an `array.array` counts as one of the buffers it exports
/// (which forbid resizing it) until it is released or freed.
impl Drop for MemView {
    fn drop(&mut self) {
        if !self.released {
            crate::modules::array::export(&self.obj, -1);
        }
    }
}

/// A new memoryview object over `st` (counting the export of an array).
fn new_view(vm: &Vm, st: MemView) -> Value {
    crate::modules::array::export(&st.obj, 1);
    vm.new_object(&vm.types.memoryview.clone(), Payload::MemoryView(RefCell::new(st)), false)
}

/// The items of a view of an `array('u')` (format 'w') are not supported.
fn format_w(vm: &Vm) -> crate::PyErr {
    vm.err(&vm.types.exc.not_implemented_error.clone(), "memoryview: format w not supported")
}

/// The bytes of a view's underlying object (bytes, bytearray, array).
fn obj_bytes(obj: &Value) -> Option<Vec<u8>> {
    crate::objects::bytes::bytes_of(obj).or_else(|| crate::modules::array::buffer_bytes(obj))
}

pub fn install(vm: &mut Vm) {
    let c = vm.types.memoryview.clone();
    crate::types::add_native(&c, "__new__", mv_new, false, true);
    let methods: &[(&'static str, crate::value::NativeFn)] = &[
        ("tobytes", tobytes),
        ("tolist", tolist),
        ("cast", cast),
        ("hex", hex),
        ("release", release),
        ("__enter__", enter),
        ("__exit__", exit),
        ("__len__", len),
        ("__getitem__", getitem),
        ("__setitem__", setitem),
        ("__eq__", eq),
        ("__repr__", repr),
    ];
    for (n, f) in methods {
        add_method(&c, n, *f);
    }
    if let Some(d) = &c.dict {
        d.borrow_mut().set_str("__hash__", Value::None);
    }
}

fn mv_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(obj) = a.pos.get(1).or_else(|| a.kwarg("object")).cloned() else {
        return Err(vm.type_error("memoryview() missing required argument 'object' (pos 1)"));
    };
    let len = match obj.payload() {
        Some(Payload::Bytes(b)) => b.len(),
        Some(Payload::ByteArray(b)) => b.borrow().len(),
        Some(Payload::MemoryView(m)) => {
            let m = m.borrow();
            let st = MemView { obj: m.obj.clone(), start: m.start, step: m.step, len: m.len, released: false, fmt: m.fmt, itemsize: m.itemsize };
            return Ok(new_view(vm, st));
        }
        Some(Payload::Opaque(_)) if crate::modules::array::buffer_format(&obj).is_some() => {
            let (fmt, size) = crate::modules::array::buffer_format(&obj).unwrap_or((b'B', 1));
            let n = obj_bytes(&obj).map_or(0, |b| b.len());
            let st = MemView { obj, start: 0, step: size as i64, len: n / size, released: false, fmt, itemsize: size };
            return Ok(new_view(vm, st));
        }
        _ => return Err(vm.type_error(format!("memoryview: a bytes-like object is required, not '{}'", vm.type_name(&obj)))),
    };
    let st = MemView { obj, start: 0, step: 1, len, released: false, fmt: b'B', itemsize: 1 };
    Ok(new_view(vm, st))
}

/// A fresh 'B'-format view of a bytes or bytearray object.
pub fn new_bytes_view(vm: &Vm, obj: Value) -> Value {
    let len = crate::objects::bytes::bytes_of(&obj).map(|b| b.len()).unwrap_or(0);
    let st = MemView { obj, start: 0, step: 1, len, released: false, fmt: b'B', itemsize: 1 };
    vm.new_object(&vm.types.memoryview.clone(), Payload::MemoryView(RefCell::new(st)), false)
}

fn view<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a RefCell<MemView>> {
    match v.payload() {
        Some(Payload::MemoryView(m)) => {
            if m.borrow().released {
                return Err(vm.value_error("operation forbidden on released memoryview object"));
            }
            Ok(m)
        }
        _ => Err(vm.type_error("descriptor requires a 'memoryview' object")),
    }
}

/// The bytes a view shows, released or not (for `bytes(view)`).
pub fn raw_bytes(v: &Value) -> Option<Vec<u8>> {
    let Some(Payload::MemoryView(m)) = v.payload() else { return None };
    let m = m.borrow();
    let data = obj_bytes(&m.obj)?;
    Some(item_bytes(&m, &data))
}

/// The bytes of an unreleased, C-contiguous view (what a `PyBUF_SIMPLE`
/// buffer request accepts), or None.
pub fn contiguous_bytes(v: &Value) -> Option<Vec<u8>> {
    let Some(Payload::MemoryView(m)) = v.payload() else { return None };
    let m = m.borrow();
    if m.released || (m.len > 1 && m.step != m.itemsize as i64) {
        return None;
    }
    let data = obj_bytes(&m.obj)?;
    Some(item_bytes(&m, &data))
}

/// The bytes a view shows now.
pub fn view_bytes(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    let m = view(vm, v)?.borrow();
    let data = obj_bytes(&m.obj).unwrap_or_default();
    Ok(item_bytes(&m, &data))
}

/// The bytes of every item of a view, in order.
fn item_bytes(m: &MemView, data: &[u8]) -> Vec<u8> {
    // Contiguous (every slice `[a:b]` of a buffer): one copy.
    if m.step == m.itemsize as i64 && m.start >= 0 {
        let start = m.start as usize;
        let end = start.saturating_add(m.len * m.itemsize).min(data.len());
        return data.get(start..end).map(<[u8]>::to_vec).unwrap_or_default();
    }
    let mut out = Vec::with_capacity(m.len * m.itemsize);
    for k in 0..m.len {
        let at = m.start + k as i64 * m.step;
        for b in 0..m.itemsize {
            if let Some(&c) = data.get((at + b as i64) as usize) {
                out.push(c);
            }
        }
    }
    out
}

fn readonly(m: &MemView) -> bool {
    !matches!(m.obj.payload(), Some(Payload::ByteArray(_))) && crate::modules::array::buffer_format(&m.obj).is_none()
}

fn tobytes(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = view_bytes(vm, &a.pos[0])?;
    Ok(crate::objects::bytes::new_bytes(vm, b))
}

fn tolist(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = view_bytes(vm, &a.pos[0])?;
    let (fmt, size) = {
        let m = view(vm, &a.pos[0])?.borrow();
        (m.fmt, m.itemsize)
    };
    if fmt == b'B' {
        return Ok(vm.new_list(b.into_iter().map(|c| Value::Int(c as i64)).collect()));
    }
    if fmt == b'w' {
        return Err(format_w(vm));
    }
    let items: Vec<Value> = b.chunks(size.max(1)).map(|c| decode_item(vm, fmt, c)).collect();
    Ok(vm.new_list(items))
}

fn hex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = view_bytes(vm, &a.pos[0])?;
    Ok(vm.new_str(&b.iter().map(|c| format!("{c:02x}")).collect::<String>()))
}

fn release(_vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if let Some(Payload::MemoryView(m)) = a.pos[0].payload() {
        let mut m = m.borrow_mut();
        if !m.released {
            m.released = true;
            crate::modules::array::export(&m.obj, -1);
        }
    }
    Ok(Value::None)
}

fn enter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    view(vm, &a.pos[0])?;
    Ok(a.pos[0].clone())
}

fn exit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    release(vm, a)
}

fn len(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Int(view(vm, &a.pos[0])?.borrow().len as i64))
}

fn getitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let key = a.pos.get(1).cloned().unwrap_or(Value::None);
    native_getitem(vm, &a.pos[0], &key)
}

pub fn native_getitem(vm: &mut Vm, v: &Value, key: &Value) -> PyResult<Value> {
    let cell = view(vm, v)?;
    let (obj, start, step, len, fmt, itemsize) = {
        let m = cell.borrow();
        (m.obj.clone(), m.start, m.step, m.len, m.fmt, m.itemsize)
    };
    if let Some(Payload::Slice(..)) = key.payload() {
        let (s, e, st) = crate::objects::methods::slice_indices(vm, key, len)?;
        let (s128, e128, st128) = (s as i128, e as i128, st as i128);
        let n = if (st > 0 && s < e) || (st < 0 && s > e) { ((e128 - s128).abs() + st128.abs() - 1) / st128.abs() } else { 0 };
        // With one item or none the step never matters (and a step near
        // sys.maxsize would overflow when scaled).
        let new_step = if n <= 1 { step } else { step.checked_mul(st).unwrap_or(step) };
        let sub = MemView { obj, start: start + s * step, step: new_step, len: n as usize, released: false, fmt, itemsize };
        return Ok(new_view(vm, sub));
    }
    let Some(i) = crate::vm::ops::as_i64(key) else {
        return Err(vm.type_error("memoryview: invalid slice key"));
    };
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(vm.index_error("index out of bounds on dimension 1"));
    }
    let data = obj_bytes(&obj).unwrap_or_default();
    if fmt == b'w' {
        return Err(format_w(vm));
    }
    if fmt != b'B' {
        let at = (start + j * step) as usize;
        let item: Vec<u8> = (0..itemsize).map(|b| data.get(at + b).copied().unwrap_or(0)).collect();
        return Ok(decode_item(vm, fmt, &item));
    }
    Ok(Value::Int(data.get((start + j * step) as usize).copied().unwrap_or(0) as i64))
}

/// Size of a native single-character struct format (`cast` targets).
fn format_size(f: u8) -> Option<usize> {
    Some(match f {
        b'B' | b'b' | b'c' | b'?' => 1,
        b'H' | b'h' | b'e' => 2,
        b'I' | b'i' | b'f' => 4,
        b'L' | b'l' | b'Q' | b'q' | b'N' | b'n' | b'd' | b'P' => 8,
        _ => return None,
    })
}

/// One item of a cast view (native byte order).
fn decode_item(vm: &Vm, fmt: u8, b: &[u8]) -> Value {
    let mut w = [0u8; 8];
    let n = b.len().min(8);
    w[..n].copy_from_slice(&b[..n]);
    let u = u64::from_le_bytes(w);
    match fmt {
        b'b' => Value::Int(b[0] as i8 as i64),
        b'c' => crate::objects::bytes::new_bytes(vm, b.to_vec()),
        b'?' => Value::Bool(u != 0),
        b'h' => Value::Int(u as u16 as i16 as i64),
        b'i' => Value::Int(u as u32 as i32 as i64),
        b'l' | b'q' | b'n' => Value::Int(u as i64),
        b'L' | b'Q' | b'N' | b'P' => vm.int(num_bigint::BigInt::from(u)),
        b'f' => Value::float(f32::from_bits(u as u32) as f64),
        b'd' => Value::float(f64::from_bits(u)),
        _ => Value::Int(u as i64),
    }
}

/// `view.cast(format)`: a one-dimensional view of the same bytes as items
/// of another native format (from or to bytes, as CPython allows).
fn cast(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cell = view(vm, &a.pos[0])?;
    let Some(f) = a.pos.get(1).or_else(|| a.kwarg("format")).cloned() else {
        return Err(vm.type_error("cast() missing required argument 'format' (pos 1)"));
    };
    let Some(fs) = f.as_str().map(|s| s.to_string_lossy()) else {
        return Err(vm.type_error(format!("cast() argument 'format' must be str, not {}", vm.type_name(&f))));
    };
    if a.pos.len() > 2 || a.kwarg("shape").is_some() {
        return Err(vm.type_error("memoryview: cast with a shape is not supported"));
    }
    let code = fs.strip_prefix('@').unwrap_or(&fs);
    let (fmt, size) = match code.as_bytes() {
        [c] => match format_size(*c) {
            Some(n) => (*c, n),
            None => return Err(vm.value_error("memoryview: destination format must be a native single character format prefixed with an optional '@'")),
        },
        _ => return Err(vm.value_error("memoryview: destination format must be a native single character format prefixed with an optional '@'")),
    };
    let (obj, start, step, len, cur, cur_size) = {
        let m = cell.borrow();
        (m.obj.clone(), m.start, m.step, m.len, m.fmt, m.itemsize)
    };
    if step != cur_size as i64 {
        return Err(vm.type_error("memoryview: casts are restricted to C-contiguous views"));
    }
    let byte_fmt = |c: u8| matches!(c, b'B' | b'b' | b'c');
    if !byte_fmt(cur) && !byte_fmt(fmt) {
        return Err(vm.type_error("memoryview: cannot cast between two non-byte formats"));
    }
    let nbytes = len * cur_size;
    if nbytes % size != 0 {
        return Err(vm.type_error("memoryview: length is not a multiple of itemsize"));
    }
    let st = MemView { obj, start, step: size as i64, len: nbytes / size, released: false, fmt, itemsize: size };
    Ok(new_view(vm, st))
}

fn setitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() != 3 {
        return Err(vm.type_error("expected 2 arguments"));
    }
    let cell = view(vm, &a.pos[0])?;
    let (obj, start, step, len, ro) = {
        let m = cell.borrow();
        (m.obj.clone(), m.start, m.step, m.len, readonly(&m))
    };
    if ro {
        return Err(vm.type_error("cannot modify read-only memory"));
    }
    if crate::modules::array::buffer_format(&obj).is_some() {
        return set_array_item(vm, &a.pos[0], &obj, &a.pos[1], &a.pos[2]);
    }
    let Some(Payload::ByteArray(target)) = obj.payload() else { return Ok(Value::None) };
    let key = &a.pos[1];
    if let Some(Payload::Slice(..)) = key.payload() {
        let (s, e, st) = crate::objects::methods::slice_indices(vm, key, len)?;
        let n = if (st > 0 && s < e) || (st < 0 && s > e) { ((e - s).abs() + st.abs() - 1) / st.abs() } else { 0 };
        let Some(src) = crate::objects::bytes::bytes_of(&a.pos[2]) else {
            return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(&a.pos[2]))));
        };
        if src.len() != n as usize {
            return Err(vm.value_error("memoryview assignment: lvalue and rvalue have different structures"));
        }
        let mut t = target.borrow_mut();
        for (k, c) in src.into_iter().enumerate() {
            let pos = start + (s + k as i64 * st) * step;
            if let Some(slot) = t.get_mut(pos as usize) {
                *slot = c;
            }
        }
        return Ok(Value::None);
    }
    let i = crate::builtins::index_i64(vm, key)?;
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(vm.index_error("index out of bounds on dimension 1"));
    }
    let c = crate::builtins::index_i64(vm, &a.pos[2])?;
    if !(0..256).contains(&c) {
        return Err(vm.value_error("memoryview: invalid value for format 'B'"));
    }
    if let Some(slot) = target.borrow_mut().get_mut((start + j * step) as usize) {
        *slot = c as u8;
    }
    Ok(Value::None)
}

/// `view[key] = value` on a view of an array: items packed in the
/// view's format (struct's native packing), slices from bytes-like values.
fn set_array_item(vm: &mut Vm, this: &Value, obj: &Value, key: &Value, value: &Value) -> PyResult<Value> {
    let (start, step, len, fmt, itemsize) = {
        let m = view(vm, this)?.borrow();
        (m.start, m.step, m.len, m.fmt, m.itemsize)
    };
    if let Some(Payload::Slice(..)) = key.payload() {
        let (s, e, st) = crate::objects::methods::slice_indices(vm, key, len)?;
        let n = if (st > 0 && s < e) || (st < 0 && s > e) { ((e - s).abs() + st.abs() - 1) / st.abs() } else { 0 };
        let src = match value.payload() {
            Some(Payload::MemoryView(_)) => view_bytes(vm, value)?,
            _ => obj_bytes(value).ok_or_else(|| vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(value))))?,
        };
        if src.len() != n as usize * itemsize {
            return Err(vm.value_error("memoryview assignment: lvalue and rvalue have different structures"));
        }
        for k in 0..n as usize {
            let pos = start + (s + k as i64 * st) * step;
            crate::modules::array::write_buffer(obj, pos as usize, &src[k * itemsize..(k + 1) * itemsize]);
        }
        return Ok(Value::None);
    }
    let i = crate::builtins::index_i64(vm, key)?;
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(vm.index_error("index out of bounds on dimension 1"));
    }
    let f = fmt as char;
    let bytes: Vec<u8> = match fmt {
        b'f' | b'd' => {
            let x = match value {
                Value::Float(x) => *x,
                Value::Int(i) => *i as f64,
                _ => match value.payload() {
                    Some(Payload::Float(x)) => *x,
                    _ => return Err(vm.type_error(format!("memoryview: invalid type for format '{f}'"))),
                },
            };
            let x = crate::value::canonical_nan(x);
            if fmt == b'f' {
                (x as f32).to_le_bytes().to_vec()
            } else {
                x.to_le_bytes().to_vec()
            }
        }
        b'w' => return Err(vm.err(&vm.types.exc.not_implemented_error.clone(), "memoryview: format w not supported")),
        _ => {
            let Some(x) = crate::vm::ops::as_big(value) else {
                return Err(vm.type_error(format!("memoryview: invalid type for format '{f}'")));
            };
            let signed = matches!(fmt, b'b' | b'h' | b'i' | b'l' | b'q' | b'n');
            let bits = itemsize as u32 * 8;
            let ok = if signed {
                let lim = num_bigint::BigInt::from(1) << (bits - 1);
                x >= -lim.clone() && x < lim
            } else {
                x >= num_bigint::BigInt::from(0) && x < (num_bigint::BigInt::from(1) << bits)
            };
            if !ok {
                return Err(vm.value_error(format!("memoryview: invalid value for format '{f}'")));
            }
            let (_, mut le) = x.to_bytes_le();
            if x < num_bigint::BigInt::from(0) {
                le = x.to_signed_bytes_le();
                le.resize(itemsize, 0xff);
            }
            le.resize(itemsize, 0);
            le
        }
    };
    crate::modules::array::write_buffer(obj, (start + j * step) as usize, &bytes);
    Ok(Value::None)
}

fn eq(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let other = a.pos.get(1).cloned().unwrap_or(Value::None);
    if let Some(Payload::MemoryView(m)) = a.pos[0].payload() {
        if m.borrow().released {
            return Ok(Value::Bool(a.pos[0].is(&other)));
        }
    }
    let mine = view_bytes(vm, &a.pos[0])?;
    let theirs = match other.payload() {
        Some(Payload::MemoryView(_)) => view_bytes(vm, &other)?,
        _ => match obj_bytes(&other) {
            Some(b) => b,
            None => return Ok(vm.types.not_implemented.clone()),
        },
    };
    Ok(Value::Bool(mine == theirs))
}

fn repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let released = matches!(a.pos[0].payload(), Some(Payload::MemoryView(m)) if m.borrow().released);
    let addr = crate::builtins::id_of(&a.pos[0]);
    Ok(vm.new_str(&if released { format!("<released memory at {addr:#x}>") } else { format!("<memory at {addr:#x}>") }))
}

/// `mv.obj`, `mv.readonly`, `mv.format`, …
pub fn attr(vm: &mut Vm, v: &Value, name: &str) -> Option<Value> {
    let Some(Payload::MemoryView(m)) = v.payload() else { return None };
    let m = m.borrow();
    Some(match name {
        "obj" => m.obj.clone(),
        "readonly" => Value::Bool(readonly(&m)),
        "format" => vm.new_str(&(m.fmt as char).to_string()),
        "itemsize" => Value::Int(m.itemsize as i64),
        "nbytes" => Value::Int((m.len * m.itemsize) as i64),
        "ndim" => Value::Int(1),
        "shape" => vm.new_tuple(vec![Value::Int(m.len as i64)]),
        "strides" => vm.new_tuple(vec![Value::Int(m.step)]),
        "released" => Value::Bool(m.released),
        "contiguous" | "c_contiguous" | "f_contiguous" => Value::Bool(m.step == 1),
        _ => return None,
    })
}
