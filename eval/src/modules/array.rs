//! The native `array` module: `array.array` over a contiguous buffer of
//! machine values (every typecode of CPython 3.11 on a 64-bit
//! little-endian Linux: `u` is a 4-byte wchar_t, `l`/`L` are 8 bytes),
//! with CPython's conversions and messages, its buffer (for `bytes()`,
//! `bytearray()`, `memoryview()` and bytes-like arguments), pickling by
//! `__reduce_ex__` and `_array_reconstructor`, and `array.arrayiterator`.

use std::cell::{Cell, RefCell};

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use super::native;
use crate::objects::str::PyStr;
use crate::value::{Payload, PyRef, Value};
use crate::vm::{Args, Vm};
use crate::{PyErr, PyResult};

const TYPECODES: &str = "bBuhHiIlLqQfd";

/// The state of an `array.array`: its typecode, its items as raw native
/// bytes, and how many buffers (memoryviews) it is exporting.
pub struct ArrayData {
    tc: u8,
    data: Vec<u8>,
    exports: Cell<usize>,
}

struct Classes {
    array: PyRef,
    iterator: PyRef,
    reconstructor: Value,
}

thread_local! {
    static CLASSES: RefCell<Option<Classes>> = const { RefCell::new(None) };
}

fn array_class() -> PyRef {
    CLASSES.with(|c| c.borrow().as_ref().expect("array is initialized").array.clone())
}

fn itemsize(tc: u8) -> usize {
    match tc {
        b'b' | b'B' => 1,
        b'h' | b'H' => 2,
        b'u' | b'i' | b'I' | b'f' => 4,
        _ => 8,
    }
}

/// CPython's machine format code of each typecode (little-endian).
fn mformat_code(tc: u8) -> i64 {
    match tc {
        b'b' => 1,
        b'B' => 0,
        b'u' => 20,
        b'h' => 4,
        b'H' => 2,
        b'i' => 8,
        b'I' => 6,
        b'l' | b'q' => 12,
        b'L' | b'Q' => 10,
        b'f' => 14,
        _ => 16,
    }
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(vm, "array", &[("_array_reconstructor", array_reconstructor)]);
    native::set(&m, "__doc__", vm.new_str(include_str!("array_doc.txt")));
    native::set(&m, "typecodes", vm.new_str(TYPECODES));
    let cls = native::native_class(vm, "array", "array", None);
    if let Payload::Class(c) = &cls.payload {
        c.collection_flags.set(crate::value::COLLECTION_SEQUENCE);
    }
    native::set(&Value::Obj(cls.clone()), "__doc__", vm.new_str(include_str!("array_class_doc.txt")));
    native::add_new(&cls, array_new);
    let methods: &[(&'static str, crate::value::NativeFn)] = &[
        ("__repr__", a_repr),
        ("__len__", a_len),
        ("__getitem__", a_getitem),
        ("__setitem__", a_setitem),
        ("__delitem__", a_delitem),
        ("__contains__", a_contains),
        ("__iter__", a_iter),
        ("__add__", a_add),
        ("__mul__", a_mul),
        ("__rmul__", a_mul),
        ("__iadd__", a_iadd),
        ("__imul__", a_imul),
        ("__eq__", a_eq),
        ("__ne__", a_ne),
        ("__lt__", a_lt),
        ("__le__", a_le),
        ("__gt__", a_gt),
        ("__ge__", a_ge),
        ("__copy__", a_copy),
        ("__deepcopy__", a_deepcopy),
        ("__reduce_ex__", a_reduce_ex),
        ("__sizeof__", a_sizeof),
        ("append", a_append),
        ("buffer_info", a_buffer_info),
        ("byteswap", a_byteswap),
        ("count", a_count),
        ("extend", a_extend),
        ("frombytes", a_frombytes),
        ("fromfile", a_fromfile),
        ("fromlist", a_fromlist),
        ("fromunicode", a_fromunicode),
        ("index", a_index),
        ("insert", a_insert),
        ("pop", a_pop),
        ("remove", a_remove),
        ("reverse", a_reverse),
        ("tobytes", a_tobytes),
        ("tofile", a_tofile),
        ("tolist", a_tolist),
        ("tounicode", a_tounicode),
    ];
    for (n, f) in methods {
        native::add_method(&cls, n, *f);
    }
    native::set(&Value::Obj(cls.clone()), "__hash__", Value::None);
    native::add_property(vm, &cls, "typecode", a_typecode, not_writable_typecode);
    native::add_property(vm, &cls, "itemsize", a_itemsize, not_writable_itemsize);

    let it = native::native_final_class(vm, "array", "arrayiterator");
    native::add_new(&it, no_new_iterator);
    native::add_method(&it, "__iter__", it_iter);
    native::add_method(&it, "__next__", it_next);
    native::add_method(&it, "__reduce__", it_reduce);
    native::add_method(&it, "__setstate__", it_setstate);

    native::set(&m, "array", Value::Obj(cls.clone()));
    native::set(&m, "ArrayType", Value::Obj(cls.clone()));
    let reconstructor = native::module_dict(&m).and_then(|d| match &d.payload {
        Payload::Dict(d) => d.borrow().get_str("_array_reconstructor").cloned(),
        _ => None,
    });
    CLASSES.with(|c| *c.borrow_mut() = Some(Classes { array: cls, iterator: it, reconstructor: reconstructor.unwrap_or(Value::None) }));
    Ok(m)
}

// ---- access --------------------------------------------------------------------------

fn data_of(v: &Value) -> Option<std::cell::Ref<'_, ArrayData>> {
    native::opaque::<ArrayData>(v)
}

fn data_mut(v: &Value) -> Option<std::cell::RefMut<'_, ArrayData>> {
    native::opaque_mut::<ArrayData>(v)
}

fn is_array(v: &Value) -> bool {
    data_of(v).is_some()
}

/// The raw bytes of an array (its buffer), for bytes-like arguments.
pub fn buffer_bytes(v: &Value) -> Option<Vec<u8>> {
    data_of(v).map(|d| d.data.clone())
}

/// The memoryview format and item size of an array's buffer.
pub fn buffer_format(v: &Value) -> Option<(u8, usize)> {
    data_of(v).map(|d| (if d.tc == b'u' { b'w' } else { d.tc }, itemsize(d.tc)))
}

/// Count a buffer export (a memoryview) of `v` starting (+1) or ending (-1).
pub fn export(v: &Value, delta: isize) {
    if let Some(Payload::Opaque(cell)) = v.payload() {
        if let Ok(b) = cell.try_borrow() {
            if let Some(d) = b.downcast_ref::<ArrayData>() {
                d.exports.set(d.exports.get().saturating_add_signed(delta));
            }
        }
    }
}

/// Write `bytes` into an array's buffer at `offset` (memoryview writes).
pub fn write_buffer(v: &Value, offset: usize, bytes: &[u8]) {
    if let Some(mut d) = data_mut(v) {
        if let Some(slot) = d.data.get_mut(offset..offset + bytes.len()) {
            slot.copy_from_slice(bytes);
        }
    }
}

fn this<'a>(vm: &Vm, a: &'a Args, name: &str) -> PyResult<&'a Value> {
    native::this_method::<ArrayData>(vm, a, "array.array", name)
}

/// (typecode, a copy of the bytes) of `self`.
fn snapshot(vm: &Vm, v: &Value) -> PyResult<(u8, Vec<u8>)> {
    let d = data_of(v).ok_or_else(|| vm.type_error("array expected"))?;
    Ok((d.tc, d.data.clone()))
}

fn len_of(v: &Value) -> usize {
    data_of(v).map(|d| d.data.len() / itemsize(d.tc)).unwrap_or(0)
}

fn tc_of(v: &Value) -> u8 {
    data_of(v).map(|d| d.tc).unwrap_or(b'b')
}

fn resize_error(vm: &Vm) -> PyErr {
    vm.err(&vm.types.exc.buffer_error.clone(), "cannot resize an array that is exporting buffers")
}

/// Replace `self`'s bytes `range` by `new` (changing its size: refused
/// while buffers are exported).
fn splice(vm: &Vm, v: &Value, range: std::ops::Range<usize>, new: &[u8]) -> PyResult<()> {
    let mut d = data_mut(v).ok_or_else(|| vm.type_error("array expected"))?;
    if d.exports.get() > 0 && range.len() != new.len() {
        return Err(resize_error(vm));
    }
    d.data.splice(range, new.iter().copied());
    Ok(())
}

fn new_array(vm: &Vm, cls: &PyRef, tc: u8, data: Vec<u8>) -> Value {
    native::new_opaque(vm, cls, ArrayData { tc, data, exports: Cell::new(0) })
}

fn new_exact(vm: &Vm, tc: u8, data: Vec<u8>) -> Value {
    new_array(vm, &array_class(), tc, data)
}

// ---- item conversion --------------------------------------------------------------------

/// Item `i` of a buffer as a Python value.
fn get_item(vm: &Vm, tc: u8, data: &[u8], i: usize) -> PyResult<Value> {
    let n = itemsize(tc);
    let b = &data[i * n..i * n + n];
    let mut w = [0u8; 8];
    w[..n].copy_from_slice(b);
    let u = u64::from_le_bytes(w);
    Ok(match tc {
        b'b' => Value::Int(u as u8 as i8 as i64),
        b'B' => Value::Int(u as u8 as i64),
        b'h' => Value::Int(u as u16 as i16 as i64),
        b'H' => Value::Int(u as u16 as i64),
        b'i' => Value::Int(u as u32 as i32 as i64),
        b'I' => Value::Int(u as u32 as i64),
        b'l' | b'q' => Value::Int(u as i64),
        b'L' | b'Q' => {
            if u <= i64::MAX as u64 {
                Value::Int(u as i64)
            } else {
                vm.int(BigInt::from(u))
            }
        }
        b'f' => Value::float(f32::from_bits(u as u32) as f64),
        b'd' => Value::float(f64::from_bits(u)),
        _ => {
            let c = u as u32;
            if c > 0x10FFFF {
                return Err(vm.value_error("chr() arg not in range(0x110000)"));
            }
            vm.new_pystr(PyStr::from_code_points(vec![c]))
        }
    })
}

/// `PyLong_AsLong` of an integer-like value.
fn as_long(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let b = crate::builtins::index_big(vm, v)?;
    b.to_i64().ok_or_else(|| vm.overflow_error("Python int too large to convert to C long"))
}

fn range_check(vm: &Vm, x: i64, lo: i64, hi: i64, what: &str) -> PyResult<i64> {
    if x < lo {
        Err(vm.overflow_error(format!("{what} is less than minimum")))
    } else if x > hi {
        Err(vm.overflow_error(format!("{what} is greater than maximum")))
    } else {
        Ok(x)
    }
}

/// A value as the bytes of one item, with CPython's `*_setitem` checks.
fn pack(vm: &mut Vm, tc: u8, v: &Value) -> PyResult<Vec<u8>> {
    let long = if matches!(tc, b'b' | b'B' | b'h' | b'H' | b'i') { as_long(vm, v)? } else { 0 };
    Ok(match tc {
        b'b' => {
            let x = range_check(vm, long, i16::MIN as i64, i16::MAX as i64, "signed short integer")?;
            (range_check(vm, x, -128, 127, "signed char")? as i8).to_le_bytes().to_vec()
        }
        b'B' => (range_check(vm, long, 0, 255, "unsigned byte integer")? as u8).to_le_bytes().to_vec(),
        b'h' => (range_check(vm, long, i16::MIN as i64, i16::MAX as i64, "signed short integer")? as i16).to_le_bytes().to_vec(),
        b'H' => {
            let x = range_check(vm, long, i32::MIN as i64, i32::MAX as i64, "signed integer")?;
            (range_check(vm, x, 0, u16::MAX as i64, "unsigned short")? as u16).to_le_bytes().to_vec()
        }
        b'i' => (range_check(vm, long, i32::MIN as i64, i32::MAX as i64, "signed integer")? as i32).to_le_bytes().to_vec(),
        b'l' => as_long(vm, v)?.to_le_bytes().to_vec(),
        b'I' | b'L' => {
            let b = crate::builtins::index_big(vm, v)?;
            if b.is_negative() {
                return Err(vm.overflow_error("can't convert negative value to unsigned int"));
            }
            let x = b.to_u64().ok_or_else(|| vm.overflow_error("Python int too large to convert to C unsigned long"))?;
            if tc == b'I' {
                if x > u32::MAX as u64 {
                    return Err(vm.overflow_error("unsigned int is greater than maximum"));
                }
                (x as u32).to_le_bytes().to_vec()
            } else {
                x.to_le_bytes().to_vec()
            }
        }
        b'q' => {
            let b = crate::builtins::index_big(vm, v)?;
            b.to_i64().ok_or_else(|| vm.overflow_error("int too big to convert"))?.to_le_bytes().to_vec()
        }
        b'Q' => {
            let b = crate::builtins::index_big(vm, v)?;
            if b.is_negative() {
                return Err(vm.overflow_error("can't convert negative int to unsigned"));
            }
            b.to_u64().ok_or_else(|| vm.overflow_error("int too big to convert"))?.to_le_bytes().to_vec()
        }
        b'f' => (crate::value::canonical_nan(real(vm, v)?) as f32).to_le_bytes().to_vec(),
        b'd' => crate::value::canonical_nan(real(vm, v)?).to_le_bytes().to_vec(),
        _ => match v.as_str() {
            Some(s) if s.len() == 1 => s.at(0).to_le_bytes().to_vec(),
            _ => return Err(vm.type_error("array item must be unicode character")),
        },
    })
}

/// `PyFloat_AsDouble` with the "d" converter's message.
fn real(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => return Ok(*f),
        Value::Int(i) => return Ok(*i as f64),
        Value::Bool(b) => return Ok(*b as i64 as f64),
        _ => {}
    }
    if v.as_str().is_some() || matches!(v.payload(), Some(Payload::Bytes(_) | Payload::ByteArray(_))) {
        return Err(vm.type_error(format!("must be real number, not {}", vm.type_name(v))));
    }
    let cls = vm.type_of(v);
    let numeric = matches!(v.payload(), Some(Payload::Float(_) | Payload::BigInt(_)))
        || vm.lookup_mro(&cls, "__float__").is_some()
        || vm.lookup_mro(&cls, "__index__").is_some();
    if !numeric {
        return Err(vm.type_error(format!("must be real number, not {}", vm.type_name(v))));
    }
    crate::builtins::float_of(vm, v)
}

/// The items of a buffer as a list.
fn to_list(vm: &Vm, tc: u8, data: &[u8]) -> PyResult<Vec<Value>> {
    let n = data.len() / itemsize(tc);
    (0..n).map(|i| get_item(vm, tc, data, i)).collect()
}

/// The characters of a `u` array as a str (CPython's `PyUnicode_FromWideChar`).
fn to_unicode(vm: &Vm, data: &[u8]) -> PyResult<Value> {
    let mut cps = Vec::with_capacity(data.len() / 4);
    for c in data.chunks_exact(4) {
        let c = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        if c > 0x10FFFF {
            return Err(vm.value_error(format!("character U+{c:x} is not in range [U+0000; U+10ffff]")));
        }
        cps.push(c);
    }
    Ok(vm.new_pystr(PyStr::from_code_points(cps)))
}

fn unicode_bytes(s: &PyStr) -> Vec<u8> {
    s.iter().flat_map(|c| c.to_le_bytes()).collect()
}

// ---- construction ---------------------------------------------------------------------------

fn bad_typecode(vm: &Vm) -> PyErr {
    vm.value_error("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)")
}

fn array_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first().cloned() else { return Err(vm.type_error("array.__new__(X): X is not a type object")) };
    let args = &a.pos[1..];
    if std::rc::Rc::ptr_eq(&cls, &array_class()) && !a.kw.is_empty() {
        return Err(vm.type_error("array.array() takes no keyword arguments"));
    }
    if args.is_empty() {
        return Err(vm.type_error("array() takes at least 1 argument (0 given)"));
    }
    if args.len() > 2 {
        return Err(vm.type_error(format!("array() takes at most 2 arguments ({} given)", args.len())));
    }
    let tc = match args[0].as_str() {
        Some(s) if s.len() == 1 => s.at(0),
        _ => return Err(vm.type_error(format!("array() argument 1 must be a unicode character, not {}", vm.type_name(&args[0])))),
    };
    let tc = match char::from_u32(tc).filter(|c| TYPECODES.contains(*c)) {
        Some(c) => c as u8,
        None => return Err(bad_typecode(vm)),
    };
    make(vm, &cls, tc, args.get(1))
}

/// CPython's `array_new` once the typecode is known.
fn make(vm: &mut Vm, cls: &PyRef, tc: u8, initial: Option<&Value>) -> PyResult<Value> {
    let Some(init) = initial else { return Ok(new_array(vm, cls, tc, Vec::new())) };
    if tc != b'u' {
        if init.as_str().is_some() {
            return Err(vm.type_error(format!("cannot use a str to initialize an array with typecode '{}'", tc as char)));
        }
        if data_of(init).is_some_and(|d| d.tc == b'u') {
            return Err(vm.type_error(format!("cannot use a unicode array to initialize an array with typecode '{}'", tc as char)));
        }
    }
    match init.payload() {
        Some(Payload::List(_) | Payload::Tuple(_)) => {
            let items = vm.to_vec(init)?;
            let mut data = Vec::with_capacity(items.len() * itemsize(tc));
            for v in &items {
                data.extend(pack(vm, tc, v)?);
            }
            return Ok(new_array(vm, cls, tc, data));
        }
        Some(Payload::Bytes(_) | Payload::ByteArray(_)) => {
            let b = crate::objects::bytes::bytes_of(init).unwrap_or_default();
            if b.len() % itemsize(tc) != 0 {
                return Err(vm.value_error("bytes length not a multiple of item size"));
            }
            return Ok(new_array(vm, cls, tc, b));
        }
        Some(Payload::Str(s)) if tc == b'u' => return Ok(new_array(vm, cls, tc, unicode_bytes(s))),
        _ => {}
    }
    if let Some(d) = data_of(init).filter(|d| d.tc == tc) {
        let data = d.data.clone();
        drop(d);
        return Ok(new_array(vm, cls, tc, data));
    }
    let it = vm.iter(init)?;
    let out = new_array(vm, cls, tc, Vec::new());
    extend_from_iter(vm, &out, tc, &it)?;
    Ok(out)
}

fn extend_from_iter(vm: &mut Vm, this: &Value, tc: u8, it: &Value) -> PyResult<()> {
    while let Some(v) = vm.next(it)? {
        let b = pack(vm, tc, &v)?;
        let n = data_of(this).map(|d| d.data.len()).unwrap_or(0);
        splice(vm, this, n..n, &b)?;
    }
    Ok(())
}

fn array_reconstructor(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = native::positional_only(vm, a, "_array_reconstructor", 4, 4)?.to_vec();
    let cls = match &args[0] {
        Value::Obj(o) if matches!(o.payload, Payload::Class(_)) => o.clone(),
        v => return Err(vm.type_error(format!("first argument must be a type object, not {}", vm.type_name(v)))),
    };
    if !vm.is_subclass(&cls, &array_class()) {
        return Err(vm.type_error(format!("{} is not a subtype of array.array", crate::types::class_name(&cls))));
    }
    let tc = match args[1].as_str() {
        Some(s) if s.len() == 1 => s.at(0),
        _ => return Err(vm.type_error(format!("_array_reconstructor() argument 2 must be a unicode character, not {}", vm.type_name(&args[1])))),
    };
    let Some(tc) = char::from_u32(tc).filter(|c| TYPECODES.contains(*c)).map(|c| c as u8) else {
        return Err(vm.value_error("second argument must be a valid type code"));
    };
    let code = match &args[2] {
        Value::Int(i) => *i,
        v => return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(v)))),
    };
    if !(0..=21).contains(&code) {
        return Err(vm.value_error("third argument must be a valid machine format code."));
    }
    let Some(Payload::Bytes(items)) = args[3].payload() else {
        return Err(vm.type_error(format!("fourth argument should be bytes, not {}", vm.type_name(&args[3]))));
    };
    let items = items.to_vec();
    if code == mformat_code(tc) {
        let b = crate::objects::bytes::new_bytes(vm, items);
        return make(vm, &cls, tc, Some(&b));
    }
    // Convert from another machine format: (size, signed, big-endian).
    let (size, signed, big) = match code {
        0 => (1, false, false),
        1 => (1, true, false),
        2..=13 => {
            let k = code - 2;
            let size = [2, 4, 8][(k / 4) as usize];
            (size, k % 4 >= 2, k % 2 == 1)
        }
        14 | 15 => (4, true, code == 15),
        16 | 17 => (8, true, code == 17),
        18 | 19 => (2, false, code == 19),
        _ => (4, false, code == 21),
    };
    // (CPython's table gives the UTF-16 and UTF-32 codes sizes 4 and 8.)
    let check = match code {
        18 | 19 => 4,
        20 | 21 => 8,
        _ => size,
    };
    if items.len() % check != 0 {
        return Err(vm.value_error("string length not a multiple of item size"));
    }
    // Integers become the (last) native integer typecode of their size
    // and signedness, whatever typecode was asked for.
    let tc = if code <= 13 {
        match (size, signed) {
            (1, true) => b'b',
            (1, false) => b'B',
            (2, true) => b'h',
            (2, false) => b'H',
            (4, true) => b'i',
            (4, false) => b'I',
            (_, true) => b'q',
            (_, false) => b'Q',
        }
    } else {
        tc
    };
    let word = |c: &[u8]| -> u64 {
        let mut w = [0u8; 8];
        for (k, b) in c.iter().enumerate() {
            w[if big { size - 1 - k } else { k }] = *b;
        }
        u64::from_le_bytes(w)
    };
    let converted: Value = match code {
        14 | 15 => {
            let v = items.chunks(size).map(|c| Value::float(f32::from_bits(word(c) as u32) as f64)).collect();
            vm.new_list(v)
        }
        16 | 17 => {
            let v = items.chunks(size).map(|c| Value::float(f64::from_bits(word(c)))).collect();
            vm.new_list(v)
        }
        18..=21 => {
            let units: Vec<u32> = items.chunks(size).map(|c| word(c) as u32).collect();
            let cps = if size == 2 {
                let u16s: Vec<u16> = units.iter().map(|&u| u as u16).collect();
                char::decode_utf16(u16s.iter().copied()).map(|r| r.map(|c| c as u32).unwrap_or_else(|e| e.unpaired_surrogate() as u32)).collect()
            } else {
                units
            };
            vm.new_pystr(PyStr::from_code_points(cps))
        }
        _ => {
            let v = items
                .chunks(size)
                .map(|c| {
                    let u = word(c);
                    let bits = size * 8;
                    if signed {
                        let shift = 64 - bits;
                        Value::Int(((u << shift) as i64) >> shift)
                    } else if u <= i64::MAX as u64 {
                        Value::Int(u as i64)
                    } else {
                        vm.int(BigInt::from(u))
                    }
                })
                .collect();
            vm.new_list(v)
        }
    };
    make(vm, &cls, tc, Some(&converted))
}

// ---- the sequence protocol -------------------------------------------------------------------

fn a_len(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = native::this_slot::<ArrayData>(vm, a, "array.array", "__len__")?;
    Ok(Value::Int(len_of(s) as i64))
}

/// An index argument (`PyNumber_AsSsize_t(item, IndexError)`).
fn index_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let b = crate::builtins::index_big(vm, v)?;
    b.to_i64().ok_or_else(|| vm.index_error(format!("cannot fit '{}' into an index-sized integer", vm.type_name(v))))
}

/// A `Py_ssize_t` argument (OverflowError when too big).
fn ssize_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let b = crate::builtins::index_big(vm, v)?;
    b.to_i64().ok_or_else(|| vm.overflow_error("Python int too large to convert to C ssize_t"))
}

fn is_index(vm: &Vm, v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_)) || matches!(v.payload(), Some(Payload::BigInt(_))) || vm.lookup_mro(&vm.type_of(v), "__index__").is_some()
}

fn slice_positions(vm: &mut Vm, key: &Value, len: usize) -> PyResult<Vec<usize>> {
    let (s, e, st) = crate::objects::methods::slice_indices(vm, key, len)?;
    let mut out = Vec::new();
    let mut i = s;
    while (st > 0 && i < e) || (st < 0 && i > e) {
        out.push(i as usize);
        match i.checked_add(st) {
            Some(n) => i = n,
            None => break,
        }
    }
    Ok(out)
}

fn a_getitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = native::this_slot::<ArrayData>(vm, a, "array.array", "__getitem__")?.clone();
    let key = a.pos.get(1).cloned().unwrap_or(Value::None);
    let (tc, data) = snapshot(vm, &s)?;
    let n = itemsize(tc);
    let len = data.len() / n;
    if let Some(Payload::Slice(..)) = key.payload() {
        let pos = slice_positions(vm, &key, len)?;
        let mut out = Vec::with_capacity(pos.len() * n);
        for p in pos {
            out.extend_from_slice(&data[p * n..p * n + n]);
        }
        return Ok(new_exact(vm, tc, out));
    }
    if !is_index(vm, &key) {
        return Err(vm.type_error("array indices must be integers"));
    }
    let mut i = index_arg(vm, &key)?;
    if i < 0 {
        i += len as i64;
    }
    if i < 0 || i >= len as i64 {
        return Err(vm.index_error("array index out of range"));
    }
    get_item(vm, tc, &data, i as usize)
}

fn a_setitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = native::this_slot::<ArrayData>(vm, a, "array.array", "__setitem__")?.clone();
    let key = a.pos.get(1).cloned().unwrap_or(Value::None);
    let value = a.pos.get(2).cloned().unwrap_or(Value::None);
    assign(vm, &s, &key, Some(&value))?;
    Ok(Value::None)
}

fn a_delitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = native::this_slot::<ArrayData>(vm, a, "array.array", "__delitem__")?.clone();
    let key = a.pos.get(1).cloned().unwrap_or(Value::None);
    assign(vm, &s, &key, None)?;
    Ok(Value::None)
}

/// CPython's `array_ass_subscr` (`value` None: delete).
fn assign(vm: &mut Vm, s: &Value, key: &Value, value: Option<&Value>) -> PyResult<()> {
    let (tc, len) = (tc_of(s), len_of(s));
    let n = itemsize(tc);
    if let Some(Payload::Slice(..)) = key.payload() {
        let (start, stop, step) = crate::objects::methods::slice_indices(vm, key, len)?;
        let new: Vec<u8> = match value {
            None => Vec::new(),
            Some(v) => {
                let Some(d) = data_of(v) else {
                    return Err(vm.type_error(format!("can only assign array (not \"{}\") to array slice", vm.type_name(v))));
                };
                if d.tc != tc {
                    drop(d);
                    return Err(vm.type_error("bad argument type for built-in operation"));
                }
                d.data.clone()
            }
        };
        let needed = new.len() / n;
        if step == 1 {
            let start = start as usize;
            let stop = (stop.max(start as i64)) as usize;
            return splice(vm, s, start * n..stop * n, &new);
        }
        let pos = slice_positions(vm, key, len)?;
        // (An empty array assigned to an extended slice deletes it, as in CPython.)
        if value.is_none() || needed == 0 {
            // Delete an extended slice.
            let mut keep = vec![true; len];
            for p in &pos {
                keep[*p] = false;
            }
            let data = snapshot(vm, s)?.1;
            let mut out = Vec::with_capacity(data.len());
            for (i, k) in keep.iter().enumerate() {
                if *k {
                    out.extend_from_slice(&data[i * n..i * n + n]);
                }
            }
            let total = data.len();
            return splice(vm, s, 0..total, &out);
        }
        if needed != pos.len() {
            return Err(vm.value_error(format!("attempt to assign array of size {needed} to extended slice of size {}", pos.len())));
        }
        let mut d = data_mut(s).ok_or_else(|| vm.type_error("array expected"))?;
        for (k, p) in pos.iter().enumerate() {
            d.data[p * n..p * n + n].copy_from_slice(&new[k * n..k * n + n]);
        }
        return Ok(());
    }
    if !is_index(vm, key) {
        return Err(vm.type_error("array indices must be integers"));
    }
    let mut i = index_arg(vm, key)?;
    if i < 0 {
        i += len as i64;
    }
    if i < 0 || i >= len as i64 {
        return Err(vm.index_error("array assignment index out of range"));
    }
    let i = i as usize;
    match value {
        None => splice(vm, s, i * n..i * n + n, &[]),
        Some(v) => {
            let b = pack(vm, tc, v)?;
            if let Some(mut d) = data_mut(s) {
                d.data[i * n..i * n + n].copy_from_slice(&b);
            }
            Ok(())
        }
    }
}

/// Python's `==` between an item and `v`.
fn item_eq(vm: &mut Vm, item: &Value, v: &Value) -> PyResult<bool> {
    let r = vm.compare(item, v, crate::code::CmpOp::Eq)?;
    vm.truthy(&r)
}

fn a_contains(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = native::this_slot::<ArrayData>(vm, a, "array.array", "__contains__")?.clone();
    let v = a.pos.get(1).cloned().unwrap_or(Value::None);
    let (tc, data) = snapshot(vm, &s)?;
    for i in 0..data.len() / itemsize(tc) {
        let item = get_item(vm, tc, &data, i)?;
        if item_eq(vm, &item, &v)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn a_count(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "count")?.clone();
    let args = one(vm, a, "count")?;
    let (tc, data) = snapshot(vm, &s)?;
    let mut k = 0;
    for i in 0..data.len() / itemsize(tc) {
        let item = get_item(vm, tc, &data, i)?;
        if item_eq(vm, &item, &args)? {
            k += 1;
        }
    }
    Ok(Value::Int(k))
}

/// The one argument of a METH_O method.
fn one(vm: &Vm, a: &Args, name: &str) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("array.{name}() takes no keyword arguments")));
    }
    if a.pos.len() != 2 {
        return Err(vm.type_error(format!("array.{name}() takes exactly one argument ({} given)", a.pos.len().saturating_sub(1))));
    }
    Ok(a.pos[1].clone())
}

/// Positional arguments of a clinic method (after `self`).
fn positional<'a>(vm: &Vm, a: &'a Args, name: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    let args = &a.pos[1..];
    if args.len() < min || args.len() > max {
        let msg = if min == max {
            format!("{name}() takes exactly {min} positional argument{} ({} given)", if min == 1 { "" } else { "s" }, args.len())
        } else if args.len() < min {
            format!("{name} expected at least {min} argument{}, got {}", if min == 1 { "" } else { "s" }, args.len())
        } else {
            format!("{name} expected at most {max} argument{}, got {}", if max == 1 { "" } else { "s" }, args.len())
        };
        return Err(vm.type_error(msg));
    }
    Ok(args)
}

fn a_index(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "index")?.clone();
    let args = positional(vm, a, "index", 1, 3)?.to_vec();
    let (tc, data) = snapshot(vm, &s)?;
    let len = (data.len() / itemsize(tc)) as i64;
    let clamp = |x: i64| if x < 0 { (x + len).max(0) } else { x };
    let start = match args.get(1) {
        Some(v) => clamp(slice_index(vm, v)?),
        None => 0,
    };
    let stop = match args.get(2) {
        Some(v) => clamp(slice_index(vm, v)?),
        None => len,
    };
    let mut i = start;
    while i < stop.min(len) {
        let item = get_item(vm, tc, &data, i as usize)?;
        if item_eq(vm, &item, &args[0])? {
            return Ok(Value::Int(i));
        }
        i += 1;
    }
    Err(vm.value_error("array.index(x): x not in array"))
}

/// `_PyEval_SliceIndexNotNone`: an index clamped to the ssize range.
fn slice_index(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    if !is_index(vm, v) {
        return Err(vm.type_error("slice indices must be integers or have an __index__ method"));
    }
    let b = crate::builtins::index_big(vm, v)?;
    Ok(b.to_i64().unwrap_or(if b.is_negative() { i64::MIN } else { i64::MAX }))
}

fn a_remove(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "remove")?.clone();
    let v = one(vm, a, "remove")?;
    let (tc, data) = snapshot(vm, &s)?;
    let n = itemsize(tc);
    for i in 0..data.len() / n {
        let item = get_item(vm, tc, &data, i)?;
        if item_eq(vm, &item, &v)? {
            splice(vm, &s, i * n..i * n + n, &[])?;
            return Ok(Value::None);
        }
    }
    Err(vm.value_error("array.remove(x): x not in array"))
}

fn a_append(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "append")?.clone();
    let v = one(vm, a, "append")?;
    let b = pack(vm, tc_of(&s), &v)?;
    let end = data_of(&s).map(|d| d.data.len()).unwrap_or(0);
    splice(vm, &s, end..end, &b)?;
    Ok(Value::None)
}

fn a_insert(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "insert")?.clone();
    let args = positional(vm, a, "insert", 2, 2)?.to_vec();
    let i = ssize_arg(vm, &args[0])?;
    let tc = tc_of(&s);
    let b = pack(vm, tc, &args[1])?;
    let len = len_of(&s) as i64;
    let i = if i < 0 { (i + len).max(0) } else { i.min(len) } as usize;
    let n = itemsize(tc);
    splice(vm, &s, i * n..i * n, &b)?;
    Ok(Value::None)
}

fn a_pop(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "pop")?.clone();
    let args = positional(vm, a, "pop", 0, 1)?.to_vec();
    let mut i = match args.first() {
        Some(v) => ssize_arg(vm, v)?,
        None => -1,
    };
    let (tc, data) = snapshot(vm, &s)?;
    let n = itemsize(tc);
    let len = (data.len() / n) as i64;
    if len == 0 {
        return Err(vm.index_error("pop from empty array"));
    }
    if i < 0 {
        i += len;
    }
    if i < 0 || i >= len {
        return Err(vm.index_error("pop index out of range"));
    }
    let v = get_item(vm, tc, &data, i as usize)?;
    let i = i as usize;
    splice(vm, &s, i * n..i * n + n, &[])?;
    Ok(v)
}

fn a_reverse(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "reverse")?.clone();
    positional(vm, a, "reverse", 0, 0)?;
    if let Some(mut d) = data_mut(&s) {
        let n = itemsize(d.tc);
        let items: Vec<Vec<u8>> = d.data.chunks(n).rev().map(|c| c.to_vec()).collect();
        d.data = items.concat();
    }
    Ok(Value::None)
}

fn a_byteswap(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "byteswap")?.clone();
    positional(vm, a, "byteswap", 0, 0)?;
    if let Some(mut d) = data_mut(&s) {
        let n = itemsize(d.tc);
        for c in d.data.chunks_mut(n) {
            c.reverse();
        }
    }
    Ok(Value::None)
}

fn a_buffer_info(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "buffer_info")?.clone();
    positional(vm, a, "buffer_info", 0, 0)?;
    let d = data_of(&s).ok_or_else(|| vm.type_error("array expected"))?;
    let addr = d.data.as_ptr() as usize as i64;
    let len = (d.data.len() / itemsize(d.tc)) as i64;
    drop(d);
    Ok(vm.new_tuple(vec![Value::Int(addr), Value::Int(len)]))
}

fn a_extend(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "extend")?.clone();
    let args = positional(vm, a, "extend", 1, 1)?.to_vec();
    do_extend(vm, &s, &args[0])?;
    Ok(Value::None)
}

/// CPython's `array_do_extend`.
fn do_extend(vm: &mut Vm, s: &Value, other: &Value) -> PyResult<()> {
    let tc = tc_of(s);
    if let Some(d) = data_of(other) {
        if d.tc != tc {
            drop(d);
            return Err(vm.type_error("can only extend with array of same kind"));
        }
        let b = d.data.clone();
        drop(d);
        let end = data_of(s).map(|d| d.data.len()).unwrap_or(0);
        return splice(vm, s, end..end, &b);
    }
    let it = vm.iter(other)?;
    extend_from_iter(vm, s, tc, &it)
}

fn a_frombytes(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "frombytes")?.clone();
    let args = positional(vm, a, "frombytes", 1, 1)?.to_vec();
    let b = bytes_arg(vm, &args[0])?;
    frombytes(vm, &s, &b)?;
    Ok(Value::None)
}

fn frombytes(vm: &mut Vm, s: &Value, b: &[u8]) -> PyResult<()> {
    if b.len() % itemsize(tc_of(s)) != 0 {
        return Err(vm.value_error("bytes length not a multiple of item size"));
    }
    let end = data_of(s).map(|d| d.data.len()).unwrap_or(0);
    splice(vm, s, end..end, b)
}

/// A bytes-like argument (`Py_buffer`).
fn bytes_arg(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = buffer_bytes(v) {
        return Ok(b);
    }
    native::buffer(vm, v)
}

fn a_fromlist(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "fromlist")?.clone();
    let v = one(vm, a, "fromlist")?;
    if !matches!(v.payload(), Some(Payload::List(_))) {
        return Err(vm.type_error("arg must be list"));
    }
    let tc = tc_of(&s);
    let items = vm.to_vec(&v)?;
    let mut data = Vec::with_capacity(items.len() * itemsize(tc));
    for x in &items {
        data.extend(pack(vm, tc, x)?);
    }
    let end = data_of(&s).map(|d| d.data.len()).unwrap_or(0);
    splice(vm, &s, end..end, &data)?;
    Ok(Value::None)
}

fn a_fromunicode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "fromunicode")?.clone();
    let args = positional(vm, a, "fromunicode", 1, 1)?.to_vec();
    let Some(u) = args[0].as_str() else {
        return Err(vm.type_error(format!("fromunicode() argument must be str, not {}", vm.type_name(&args[0]))));
    };
    if tc_of(&s) != b'u' {
        return Err(vm.value_error("fromunicode() may only be called on unicode type arrays"));
    }
    let b = unicode_bytes(u);
    let end = data_of(&s).map(|d| d.data.len()).unwrap_or(0);
    splice(vm, &s, end..end, &b)?;
    Ok(Value::None)
}

fn a_tounicode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "tounicode")?.clone();
    positional(vm, a, "tounicode", 0, 0)?;
    let (tc, data) = snapshot(vm, &s)?;
    if tc != b'u' {
        return Err(vm.value_error("tounicode() may only be called on unicode type arrays"));
    }
    to_unicode(vm, &data)
}

fn a_tobytes(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "tobytes")?.clone();
    positional(vm, a, "tobytes", 0, 0)?;
    let data = snapshot(vm, &s)?.1;
    Ok(crate::objects::bytes::new_bytes(vm, data))
}

fn a_tolist(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "tolist")?.clone();
    positional(vm, a, "tolist", 0, 0)?;
    let (tc, data) = snapshot(vm, &s)?;
    let items = to_list(vm, tc, &data)?;
    Ok(vm.new_list(items))
}

fn a_tofile(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "tofile")?.clone();
    let args = positional(vm, a, "tofile", 1, 1)?.to_vec();
    let data = snapshot(vm, &s)?.1;
    const BLOCKSIZE: usize = 64 * 1024;
    for chunk in data.chunks(BLOCKSIZE) {
        let b = crate::objects::bytes::new_bytes(vm, chunk.to_vec());
        vm.call_method(&args[0], "write", vec![b])?;
    }
    Ok(Value::None)
}

fn a_fromfile(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "fromfile")?.clone();
    let args = positional(vm, a, "fromfile", 2, 2)?.to_vec();
    let n = ssize_arg(vm, &args[1])?;
    if n < 0 {
        return Err(vm.value_error("negative count"));
    }
    let nbytes = n as usize * itemsize(tc_of(&s));
    let b = vm.call_method(&args[0], "read", vec![Value::Int(nbytes as i64)])?;
    let Some(Payload::Bytes(bytes)) = b.payload() else {
        return Err(vm.type_error("read() didn't return bytes"));
    };
    let bytes = bytes.to_vec();
    frombytes(vm, &s, &bytes)?;
    if bytes.len() != nbytes {
        return Err(vm.err(&vm.types.exc.eof_error.clone(), "read() didn't return enough bytes"));
    }
    Ok(Value::None)
}

// ---- operators ------------------------------------------------------------------------------

fn a_add(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "__add__")?.clone();
    let other = a.pos.get(1).cloned().unwrap_or(Value::None);
    let Some(o) = data_of(&other) else {
        return Err(vm.type_error(format!("can only append array (not \"{}\") to array", vm.type_name(&other))));
    };
    let (tc, mut data) = snapshot(vm, &s)?;
    if o.tc != tc {
        drop(o);
        return Err(vm.type_error("bad argument type for built-in operation"));
    }
    data.extend_from_slice(&o.data);
    drop(o);
    Ok(new_exact(vm, tc, data))
}

/// A repeat count (`sq_repeat`), or the generic sequence message.
fn repeat_count(vm: &mut Vm, v: &Value) -> PyResult<Option<i64>> {
    if !is_index(vm, v) {
        return Ok(None);
    }
    let b = crate::builtins::index_big(vm, v)?;
    match b.to_i64() {
        Some(n) => Ok(Some(n.max(0))),
        None if b.is_negative() => Ok(Some(0)),
        None => Err(vm.overflow_error(format!("cannot fit '{}' into an index-sized integer", vm.type_name(v)))),
    }
}

fn a_mul(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "__mul__")?.clone();
    let other = a.pos.get(1).cloned().unwrap_or(Value::None);
    let Some(k) = repeat_count(vm, &other)? else {
        // CPython tries the other operand's `__rmul__` first, then the
        // sequence repeat, which refuses non-integers.
        let cls = vm.type_of(&other);
        if !is_array(&other) && vm.lookup_mro(&cls, "__rmul__").is_some_and(|f| !matches!(f.payload(), Some(Payload::Native(_)))) {
            return Ok(vm.types.not_implemented.clone());
        }
        return Err(vm.type_error(format!("can't multiply sequence by non-int of type '{}'", vm.type_name(&other))));
    };
    let (tc, data) = snapshot(vm, &s)?;
    if data.len().saturating_mul(k as usize) > (1 << 40) {
        return Err(vm.memory_error());
    }
    Ok(new_exact(vm, tc, data.repeat(k as usize)))
}

fn a_iadd(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "__iadd__")?.clone();
    let other = a.pos.get(1).cloned().unwrap_or(Value::None);
    if !is_array(&other) {
        return Err(vm.type_error(format!("can only extend array with array (not \"{}\")", vm.type_name(&other))));
    }
    do_extend(vm, &s, &other)?;
    Ok(s)
}

fn a_imul(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "__imul__")?.clone();
    let other = a.pos.get(1).cloned().unwrap_or(Value::None);
    let Some(k) = repeat_count(vm, &other)? else {
        return Ok(vm.types.not_implemented.clone());
    };
    let data = snapshot(vm, &s)?.1;
    if !data.is_empty() {
        if data.len().saturating_mul(k as usize) > (1 << 40) {
            return Err(vm.memory_error());
        }
        let total = data.len();
        splice(vm, &s, 0..total, &data.repeat(k as usize))?;
    }
    Ok(s)
}

/// CPython's `array_richcompare`.
fn compare(vm: &mut Vm, a: &Args, op: crate::code::CmpOp) -> PyResult<Value> {
    use crate::code::CmpOp;
    let s = this(vm, a, "__eq__")?.clone();
    let other = a.pos.get(1).cloned().unwrap_or(Value::None);
    if !is_array(&other) {
        return Ok(vm.types.not_implemented.clone());
    }
    let (tv, dv) = snapshot(vm, &s)?;
    let (tw, dw) = snapshot(vm, &other)?;
    let (lv, lw) = (dv.len() / itemsize(tv), dw.len() / itemsize(tw));
    if lv != lw && matches!(op, CmpOp::Eq | CmpOp::Ne) {
        return Ok(Value::Bool(op == CmpOp::Ne));
    }
    let mut k = 0;
    let mut differ = None;
    while k < lv && k < lw {
        let vi = get_item(vm, tv, &dv, k)?;
        let wi = get_item(vm, tw, &dw, k)?;
        if !item_eq(vm, &vi, &wi)? {
            differ = Some((vi, wi));
            break;
        }
        k += 1;
    }
    let Some((vi, wi)) = differ else {
        let r = match op {
            CmpOp::Lt => lv < lw,
            CmpOp::Le => lv <= lw,
            CmpOp::Eq => lv == lw,
            CmpOp::Ne => lv != lw,
            CmpOp::Gt => lv > lw,
            _ => lv >= lw,
        };
        return Ok(Value::Bool(r));
    };
    match op {
        CmpOp::Eq => Ok(Value::Bool(false)),
        CmpOp::Ne => Ok(Value::Bool(true)),
        _ => vm.compare(&vi, &wi, op),
    }
}

fn a_eq(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    compare(vm, a, crate::code::CmpOp::Eq)
}
fn a_ne(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    compare(vm, a, crate::code::CmpOp::Ne)
}
fn a_lt(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    compare(vm, a, crate::code::CmpOp::Lt)
}
fn a_le(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    compare(vm, a, crate::code::CmpOp::Le)
}
fn a_gt(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    compare(vm, a, crate::code::CmpOp::Gt)
}
fn a_ge(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    compare(vm, a, crate::code::CmpOp::Ge)
}

// ---- repr, copy, pickle ---------------------------------------------------------------------------

fn a_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = native::this_slot::<ArrayData>(vm, a, "array.array", "__repr__")?.clone();
    let (tc, data) = snapshot(vm, &s)?;
    let cls = vm.type_of(&s);
    // `_PyType_Name`: the name after the last dot.
    let full = crate::types::class_name(&cls);
    let name = full.rsplit('.').next().unwrap_or(&full).to_string();
    if data.is_empty() {
        return Ok(vm.new_str(&format!("{name}('{}')", tc as char)));
    }
    let v = if tc == b'u' {
        to_unicode(vm, &data)?
    } else {
        let items = to_list(vm, tc, &data)?;
        vm.new_list(items)
    };
    let r = vm.repr(&v)?.to_string_lossy();
    Ok(vm.new_str(&format!("{name}('{}', {r})", tc as char)))
}

fn a_copy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "__copy__")?.clone();
    let (tc, data) = snapshot(vm, &s)?;
    Ok(new_exact(vm, tc, data))
}

fn a_deepcopy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "__deepcopy__")?.clone();
    one(vm, a, "__deepcopy__")?;
    let (tc, data) = snapshot(vm, &s)?;
    Ok(new_exact(vm, tc, data))
}

fn a_sizeof(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "__sizeof__")?.clone();
    let n = data_of(&s).map(|d| d.data.capacity()).unwrap_or(0);
    Ok(Value::Int(64 + n as i64))
}

fn a_reduce_ex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "__reduce_ex__")?.clone();
    let args = positional(vm, a, "__reduce_ex__", 1, 1)?.to_vec();
    let protocol = match &args[0] {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        v if matches!(v.payload(), Some(Payload::BigInt(_))) => crate::builtins::index_i64(vm, v)?,
        _ => return Err(vm.type_error("__reduce_ex__ argument should be an integer")),
    };
    let dict = match s.obj().and_then(|o| o.dict.as_ref()) {
        Some(_) => vm.getattr(&s, &crate::vm::str_key("__dict__"))?,
        None => Value::None,
    };
    let cls = Value::Obj(vm.type_of(&s));
    let (tc, data) = snapshot(vm, &s)?;
    let code = vm.new_str(&(tc as char).to_string());
    if protocol < 3 {
        let items = to_list(vm, tc, &data)?;
        let list = vm.new_list(items);
        let args = vm.new_tuple(vec![code, list]);
        return Ok(vm.new_tuple(vec![cls, args, dict]));
    }
    let rec = CLASSES.with(|c| c.borrow().as_ref().map(|c| c.reconstructor.clone())).unwrap_or(Value::None);
    let bytes = crate::objects::bytes::new_bytes(vm, data);
    let args = vm.new_tuple(vec![cls, code, Value::Int(mformat_code(tc)), bytes]);
    Ok(vm.new_tuple(vec![rec, args, dict]))
}

fn a_typecode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = native::this::<ArrayData>(vm, a, "array.array", "typecode")?;
    let tc = s.tc;
    drop(s);
    Ok(vm.new_str(&(tc as char).to_string()))
}

fn a_itemsize(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = native::this::<ArrayData>(vm, a, "array.array", "itemsize")?;
    Ok(Value::Int(itemsize(s.tc) as i64))
}

fn not_writable_typecode(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(vm.attribute_error("attribute 'typecode' of 'array.array' objects is not writable"))
}

fn not_writable_itemsize(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(vm.attribute_error("attribute 'itemsize' of 'array.array' objects is not writable"))
}

// ---- the iterator ---------------------------------------------------------------------------------

struct ArrayIter {
    array: Option<Value>,
    index: usize,
}

fn no_new_iterator(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(vm.type_error("cannot create 'array.arrayiterator' instances"))
}

fn a_iter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = native::this_slot::<ArrayData>(vm, a, "array.array", "__iter__")?.clone();
    let cls = CLASSES.with(|c| c.borrow().as_ref().map(|c| c.iterator.clone())).expect("array is initialized");
    Ok(native::new_opaque(vm, &cls, ArrayIter { array: Some(s), index: 0 }))
}

fn it_iter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    native::this_slot::<ArrayIter>(vm, a, "array.arrayiterator", "__iter__").cloned()
}

fn it_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = native::this_slot::<ArrayIter>(vm, a, "array.arrayiterator", "__next__")?.clone();
    let (arr, i) = {
        let st = native::opaque::<ArrayIter>(&s).ok_or_else(|| vm.type_error("arrayiterator expected"))?;
        (st.array.clone(), st.index)
    };
    let Some(arr) = arr else { return Err(vm.stop_iteration(Value::None)) };
    let item = {
        let d = data_of(&arr).ok_or_else(|| vm.type_error("array expected"))?;
        let n = itemsize(d.tc);
        if i < d.data.len() / n {
            Some(get_item(vm, d.tc, &d.data, i)?)
        } else {
            None
        }
    };
    let mut st = native::opaque_mut::<ArrayIter>(&s).ok_or_else(|| vm.type_error("arrayiterator expected"))?;
    match item {
        Some(v) => {
            st.index += 1;
            Ok(v)
        }
        None => {
            st.array = None;
            drop(st);
            Err(vm.stop_iteration(Value::None))
        }
    }
}

fn it_reduce(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = native::this_method::<ArrayIter>(vm, a, "array.arrayiterator", "__reduce__")?.clone();
    let (arr, i) = {
        let st = native::opaque::<ArrayIter>(&s).ok_or_else(|| vm.type_error("arrayiterator expected"))?;
        (st.array.clone(), st.index)
    };
    let iter = crate::modules::builtins_module(vm);
    let iter = vm.getattr(&iter, &crate::vm::str_key("iter"))?;
    Ok(match arr {
        Some(arr) => {
            let args = vm.new_tuple(vec![arr]);
            vm.new_tuple(vec![iter, args, Value::Int(i as i64)])
        }
        None => {
            let empty = vm.new_tuple(vec![]);
            let args = vm.new_tuple(vec![empty]);
            vm.new_tuple(vec![iter, args])
        }
    })
}

fn it_setstate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = native::this_method::<ArrayIter>(vm, a, "array.arrayiterator", "__setstate__")?.clone();
    let v = a.pos.get(1).cloned().unwrap_or(Value::None);
    let mut i = crate::builtins::index_i64(vm, &v)?;
    let len = native::opaque::<ArrayIter>(&s).and_then(|st| st.array.as_ref().map(len_of)).unwrap_or(0) as i64;
    if i < 0 {
        i = 0;
    }
    if i > len {
        i = len;
    }
    if let Some(mut st) = native::opaque_mut::<ArrayIter>(&s) {
        st.index = i as usize;
    }
    Ok(Value::None)
}
