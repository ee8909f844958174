//! `_lzma`: `LZMACompressor`, `LZMADecompressor`, filter specifiers and
//! `LZMAError` (CPython 3.11's `Modules/_lzmamodule.c`) over liblzma.
//! liblzma is the C library itself (xz 5.8, built from the sources that
//! the `liblzma-sys` crate bundles, with its `static` feature): no pure
//! Rust implementation offers liblzma's push-style streaming API with raw
//! filter chains, integrity checks and identical encoder output.

use std::ffi::c_void;

use num_traits::ToPrimitive;

use liblzma_sys as lz;

use crate::modules::native;
use crate::modules::outbuf::OutBuf;
use crate::value::{Payload, PyRef, Value};
use crate::vm::{str_key, Args, Vm};
use crate::PyResult;

const COMPRESSOR: &str = "_lzma.LZMACompressor";
const DECOMPRESSOR: &str = "_lzma.LZMADecompressor";

const FORMAT_AUTO: i64 = 0;
const FORMAT_XZ: i64 = 1;
const FORMAT_ALONE: i64 = 2;
const FORMAT_RAW: i64 = 3;
const CHECK_UNKNOWN: i64 = lz::LZMA_CHECK_ID_MAX as i64 + 1;

thread_local! {
    static ERROR: std::cell::RefCell<Option<PyRef>> = const { std::cell::RefCell::new(None) };
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(
        vm,
        "_lzma",
        &[("is_check_supported", is_check_supported), ("_encode_filter_properties", encode_filter_properties), ("_decode_filter_properties", decode_filter_properties)],
    );
    let consts: &[(&str, i64)] = &[
        ("FORMAT_AUTO", FORMAT_AUTO),
        ("FORMAT_XZ", FORMAT_XZ),
        ("FORMAT_ALONE", FORMAT_ALONE),
        ("FORMAT_RAW", FORMAT_RAW),
        ("CHECK_NONE", lz::LZMA_CHECK_NONE as i64),
        ("CHECK_CRC32", lz::LZMA_CHECK_CRC32 as i64),
        ("CHECK_CRC64", lz::LZMA_CHECK_CRC64 as i64),
        ("CHECK_SHA256", lz::LZMA_CHECK_SHA256 as i64),
        ("CHECK_ID_MAX", lz::LZMA_CHECK_ID_MAX as i64),
        ("CHECK_UNKNOWN", CHECK_UNKNOWN),
        ("FILTER_LZMA1", lz::LZMA_FILTER_LZMA1 as i64),
        ("FILTER_LZMA2", lz::LZMA_FILTER_LZMA2 as i64),
        ("FILTER_DELTA", lz::LZMA_FILTER_DELTA as i64),
        ("FILTER_X86", lz::LZMA_FILTER_X86 as i64),
        ("FILTER_IA64", lz::LZMA_FILTER_IA64 as i64),
        ("FILTER_ARM", lz::LZMA_FILTER_ARM as i64),
        ("FILTER_ARMTHUMB", lz::LZMA_FILTER_ARMTHUMB as i64),
        ("FILTER_SPARC", lz::LZMA_FILTER_SPARC as i64),
        ("FILTER_POWERPC", lz::LZMA_FILTER_POWERPC as i64),
        ("MF_HC3", lz::LZMA_MF_HC3 as i64),
        ("MF_HC4", lz::LZMA_MF_HC4 as i64),
        ("MF_BT2", lz::LZMA_MF_BT2 as i64),
        ("MF_BT3", lz::LZMA_MF_BT3 as i64),
        ("MF_BT4", lz::LZMA_MF_BT4 as i64),
        ("MODE_FAST", lz::LZMA_MODE_FAST as i64),
        ("MODE_NORMAL", lz::LZMA_MODE_NORMAL as i64),
        ("PRESET_DEFAULT", lz::LZMA_PRESET_DEFAULT as i64),
        ("PRESET_EXTREME", lz::LZMA_PRESET_EXTREME as i64),
    ];
    for (n, v) in consts {
        native::set(&m, n, Value::Int(*v));
    }
    let err = native::exception_class(vm, "_lzma", "LZMAError", None)?;
    native::set(&Value::Obj(err.clone()), "__doc__", vm.new_str("Call to liblzma failed."));
    native::set(&m, "LZMAError", Value::Obj(err.clone()));
    ERROR.with(|e| *e.borrow_mut() = Some(err));

    let c = native::native_final_class(vm, "_lzma", "LZMACompressor");
    native::set(&Value::Obj(c.clone()), "__doc__", vm.new_str("LZMACompressor(format=FORMAT_XZ, check=-1, preset=None, filters=None)\n\nCreate a compressor object for compressing data incrementally.\n\nFor one-shot compression, use the compress() function instead.\n"));
    native::add_new(&c, compressor_new);
    native::add_method(&c, "compress", compressor_compress);
    native::add_method(&c, "flush", compressor_flush);
    native::set(&m, "LZMACompressor", Value::Obj(c));

    let d = native::native_final_class(vm, "_lzma", "LZMADecompressor");
    native::set(&Value::Obj(d.clone()), "__doc__", vm.new_str("Create a decompressor object for decompressing data incrementally.\n\nFor one-shot decompression, use the decompress() function instead."));
    native::add_new(&d, decompressor_new);
    native::add_method(&d, "decompress", decompressor_decompress);
    native::add_readonly_member(vm, &d, "check", d_check);
    native::add_readonly_member(vm, &d, "eof", d_eof);
    native::add_readonly_member(vm, &d, "needs_input", d_needs_input);
    native::add_readonly_member(vm, &d, "unused_data", d_unused_data);
    native::set(&m, "LZMADecompressor", Value::Obj(d));
    Ok(m)
}

fn lzma_error(vm: &Vm, msg: impl AsRef<str>) -> crate::PyErr {
    match ERROR.with(|e| e.borrow().clone()) {
        Some(cls) => vm.err(&cls, msg),
        None => vm.err(&vm.types.exc.os_error.clone(), msg),
    }
}

/// `catch_lzma_error`.
fn check(vm: &Vm, ret: lz::lzma_ret) -> PyResult<()> {
    match ret {
        lz::LZMA_OK | lz::LZMA_GET_CHECK | lz::LZMA_NO_CHECK | lz::LZMA_STREAM_END => Ok(()),
        lz::LZMA_UNSUPPORTED_CHECK => Err(lzma_error(vm, "Unsupported integrity check")),
        lz::LZMA_MEM_ERROR => Err(vm.memory_error()),
        lz::LZMA_MEMLIMIT_ERROR => Err(lzma_error(vm, "Memory usage limit exceeded")),
        lz::LZMA_FORMAT_ERROR => Err(lzma_error(vm, "Input format not supported by decoder")),
        lz::LZMA_OPTIONS_ERROR => Err(lzma_error(vm, "Invalid or unsupported options")),
        lz::LZMA_DATA_ERROR => Err(lzma_error(vm, "Corrupt input data")),
        lz::LZMA_BUF_ERROR => Err(lzma_error(vm, "Insufficient buffer space")),
        lz::LZMA_PROG_ERROR => Err(lzma_error(vm, "Internal error")),
        other => Err(lzma_error(vm, format!("Unrecognized error from liblzma: {other}"))),
    }
}

/// An `lzma_stream` that never moves.
struct Stream(Box<lz::lzma_stream>);

impl Stream {
    fn new() -> Stream {
        // LZMA_STREAM_INIT: all zeros.
        Stream(Box::new(unsafe { std::mem::zeroed() }))
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        unsafe { lz::lzma_end(&mut *self.0) }
    }
}

// ---- integer converters ------------------------------------------------------

/// `PyLong_AsUnsignedLongLong`.
fn as_u64(vm: &Vm, v: &Value) -> PyResult<u64> {
    let Some(b) = crate::vm::ops::as_big(v) else { return Err(vm.type_error("an integer is required")) };
    if b.sign() == num_bigint::Sign::Minus {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    b.to_u64().ok_or_else(|| vm.overflow_error("int too big to convert"))
}

/// `uint32_converter`.
fn as_u32(vm: &Vm, v: &Value) -> PyResult<u32> {
    let x = as_u64(vm, v)?;
    u32::try_from(x).map_err(|_| vm.overflow_error("Value too large for uint32_t type"))
}

/// An `i` argument (C int).
fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    if matches!(v, Value::Float(_)) || matches!(v.payload(), Some(Payload::Float(_))) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let b = crate::builtins::index_big(vm, v)?;
    match b.to_i32() {
        Some(i) => Ok(i as i64),
        None => Err(vm.overflow_error(if b.sign() == num_bigint::Sign::Minus {
            "Python int too large to convert to C int"
        } else {
            "Python int too large to convert to C int"
        })),
    }
}

// ---- filter specifiers -------------------------------------------------------------

/// The options of one filter, owned (their address is handed to liblzma).
enum FilterOptions {
    Lzma(Box<lz::lzma_options_lzma>),
    Delta(Box<lz::lzma_options_delta>),
    Bcj(Box<lz::lzma_options_bcj>),
}

struct Filter {
    id: u64,
    options: FilterOptions,
}

impl Filter {
    fn raw(&self) -> lz::lzma_filter {
        let options: *mut c_void = match &self.options {
            FilterOptions::Lzma(o) => &**o as *const _ as *mut c_void,
            FilterOptions::Delta(o) => &**o as *const _ as *mut c_void,
            FilterOptions::Bcj(o) => &**o as *const _ as *mut c_void,
        };
        lz::lzma_filter { id: self.id, options }
    }
}

/// The chain terminated by `LZMA_VLI_UNKNOWN`.
fn raw_chain(filters: &[Filter]) -> Vec<lz::lzma_filter> {
    let mut v: Vec<lz::lzma_filter> = filters.iter().map(|f| f.raw()).collect();
    v.push(lz::lzma_filter { id: lz::LZMA_VLI_UNKNOWN, options: std::ptr::null_mut() });
    v
}

/// `PyMapping_GetItemString(spec, key)`, `None` on KeyError.
fn mapping_get(vm: &mut Vm, spec: &Value, key: &str) -> PyResult<Option<Value>> {
    match vm.getitem(spec, &str_key(key)) {
        Ok(v) => Ok(Some(v)),
        Err(e) if vm.isinstance(&e.0, &vm.types.exc.key_error.clone()) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The entries of a filter spec as keyword arguments (`PyArg_ParseTupleAndKeywords`
/// with the spec as `**kwargs`): `None` when that would fail.
fn spec_items(spec: &Value, names: &[&str]) -> Option<Vec<(String, Value)>> {
    let Some(Payload::Dict(d)) = spec.payload() else { return None };
    let mut out = Vec::new();
    for (k, v) in d.borrow().items() {
        let k = k.as_str()?.to_string_lossy();
        if !names.contains(&k.as_str()) {
            return None;
        }
        out.push((k, v));
    }
    Some(out)
}

fn parse_filter_spec_lzma(vm: &mut Vm, spec: &Value) -> PyResult<FilterOptions> {
    let mut preset = lz::LZMA_PRESET_DEFAULT;
    if let Some(p) = mapping_get(vm, spec, "preset")? {
        preset = as_u32(vm, &p)?;
    }
    let mut options: Box<lz::lzma_options_lzma> = Box::new(unsafe { std::mem::zeroed() });
    if unsafe { lz::lzma_lzma_preset(&mut *options, preset) } != 0 {
        return Err(lzma_error(vm, format!("Invalid compression preset: {preset}")));
    }
    let bad = |vm: &Vm| vm.value_error("Invalid filter specifier for LZMA filter");
    let names = ["id", "preset", "dict_size", "lc", "lp", "pb", "mode", "nice_len", "mf", "depth"];
    let Some(items) = spec_items(spec, &names) else { return Err(bad(vm)) };
    for (k, v) in items {
        if k == "id" || k == "preset" {
            continue;
        }
        let Ok(x) = as_u32(vm, &v) else { return Err(bad(vm)) };
        match k.as_str() {
            "dict_size" => options.dict_size = x,
            "lc" => options.lc = x,
            "lp" => options.lp = x,
            "pb" => options.pb = x,
            "mode" => options.mode = x as _,
            "nice_len" => options.nice_len = x,
            "mf" => options.mf = x as _,
            _ => options.depth = x,
        }
    }
    Ok(FilterOptions::Lzma(options))
}

fn parse_filter_spec_delta(vm: &mut Vm, spec: &Value) -> PyResult<FilterOptions> {
    let bad = |vm: &Vm| vm.value_error("Invalid filter specifier for delta filter");
    let Some(items) = spec_items(spec, &["id", "dist"]) else { return Err(bad(vm)) };
    let mut dist = 1u32;
    for (k, v) in items {
        if k == "dist" {
            let Ok(x) = as_u32(vm, &v) else { return Err(bad(vm)) };
            dist = x;
        }
    }
    let mut o: Box<lz::lzma_options_delta> = Box::new(unsafe { std::mem::zeroed() });
    o.type_ = 0; // LZMA_DELTA_TYPE_BYTE
    o.dist = dist;
    Ok(FilterOptions::Delta(o))
}

fn parse_filter_spec_bcj(vm: &mut Vm, spec: &Value) -> PyResult<FilterOptions> {
    let bad = |vm: &Vm| vm.value_error("Invalid filter specifier for BCJ filter");
    let Some(items) = spec_items(spec, &["id", "start_offset"]) else { return Err(bad(vm)) };
    let mut start = 0u32;
    for (k, v) in items {
        if k == "start_offset" {
            let Ok(x) = as_u32(vm, &v) else { return Err(bad(vm)) };
            start = x;
        }
    }
    Ok(FilterOptions::Bcj(Box::new(lz::lzma_options_bcj { start_offset: start })))
}

/// `PyMapping_Check`.
fn is_mapping(vm: &Vm, v: &Value) -> bool {
    match v.payload() {
        Some(Payload::Dict(_) | Payload::List(_) | Payload::Tuple(_) | Payload::Str(_) | Payload::Bytes(_) | Payload::ByteArray(_)) => true,
        _ => vm.lookup_mro(&vm.type_of(v), "__getitem__").is_some(),
    }
}

/// `lzma_filter_converter`.
fn parse_filter(vm: &mut Vm, spec: &Value) -> PyResult<Filter> {
    if !is_mapping(vm, spec) {
        return Err(vm.type_error("Filter specifier must be a dict or dict-like object"));
    }
    let Some(id_obj) = mapping_get(vm, spec, "id")? else {
        return Err(vm.value_error("Filter specifier must have an \"id\" entry"));
    };
    let id = as_u64(vm, &id_obj)?;
    let options = match id {
        lz::LZMA_FILTER_LZMA1 | lz::LZMA_FILTER_LZMA2 => parse_filter_spec_lzma(vm, spec)?,
        lz::LZMA_FILTER_DELTA => parse_filter_spec_delta(vm, spec)?,
        lz::LZMA_FILTER_X86 | lz::LZMA_FILTER_POWERPC | lz::LZMA_FILTER_IA64 | lz::LZMA_FILTER_ARM | lz::LZMA_FILTER_ARMTHUMB | lz::LZMA_FILTER_SPARC => {
            parse_filter_spec_bcj(vm, spec)?
        }
        _ => return Err(vm.value_error(format!("Invalid filter ID: {id}"))),
    };
    Ok(Filter { id, options })
}

/// `parse_filter_chain_spec`.
fn parse_filter_chain(vm: &mut Vm, specs: &Value) -> PyResult<Vec<Filter>> {
    let n = vm.len(specs)?;
    if n > lz::LZMA_FILTERS_MAX as usize {
        return Err(vm.value_error(format!("Too many filters - liblzma supports a maximum of {}", lz::LZMA_FILTERS_MAX)));
    }
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let spec = vm.getitem(specs, &Value::Int(i as i64))?;
        out.push(parse_filter(vm, &spec)?);
    }
    Ok(out)
}

/// `build_filter_spec`.
fn build_filter_spec(vm: &mut Vm, f: &lz::lzma_filter) -> PyResult<Value> {
    let d = vm.new_dict(crate::objects::dict::Dict::new());
    let Some(Payload::Dict(cell)) = d.payload() else { unreachable!() };
    let int = |x: u64| crate::vm::ops::int_from_big(num_bigint::BigInt::from(x));
    crate::objects::dict::set(vm, cell, str_key("id"), int(f.id))?;
    let fields: Vec<(&str, u64)> = unsafe {
        match f.id {
            lz::LZMA_FILTER_LZMA1 => {
                let o = &*(f.options as *const lz::lzma_options_lzma);
                vec![("lc", o.lc as u64), ("lp", o.lp as u64), ("pb", o.pb as u64), ("dict_size", o.dict_size as u64)]
            }
            lz::LZMA_FILTER_LZMA2 => {
                let o = &*(f.options as *const lz::lzma_options_lzma);
                vec![("dict_size", o.dict_size as u64)]
            }
            lz::LZMA_FILTER_DELTA => {
                let o = &*(f.options as *const lz::lzma_options_delta);
                vec![("dist", o.dist as u64)]
            }
            lz::LZMA_FILTER_X86 | lz::LZMA_FILTER_POWERPC | lz::LZMA_FILTER_IA64 | lz::LZMA_FILTER_ARM | lz::LZMA_FILTER_ARMTHUMB | lz::LZMA_FILTER_SPARC => {
                // liblzma leaves the options NULL when the start offset is 0.
                let start = if f.options.is_null() { 0 } else { (*(f.options as *const lz::lzma_options_bcj)).start_offset };
                vec![("start_offset", start as u64)]
            }
            _ => return Err(vm.value_error(format!("Invalid filter ID: {}", f.id))),
        }
    };
    for (k, v) in fields {
        crate::objects::dict::set(vm, cell, str_key(k), int(v))?;
    }
    Ok(d)
}

// ---- module functions ------------------------------------------------------------

fn is_check_supported(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("_lzma.is_check_supported() takes no keyword arguments"));
    }
    if a.pos.len() != 1 {
        return Err(vm.type_error(format!("_lzma.is_check_supported() takes exactly one argument ({} given)", a.pos.len())));
    }
    let id = int_arg(vm, &a.pos[0].clone())?;
    Ok(Value::Bool(unsafe { lz::lzma_check_is_supported(id as i32 as _) } != 0))
}

fn encode_filter_properties(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("_lzma._encode_filter_properties() takes no keyword arguments"));
    }
    if a.pos.len() != 1 {
        return Err(vm.type_error(format!("_lzma._encode_filter_properties() takes exactly one argument ({} given)", a.pos.len())));
    }
    let f = parse_filter(vm, &a.pos[0].clone())?;
    let raw = f.raw();
    let mut size: u32 = 0;
    check(vm, unsafe { lz::lzma_properties_size(&mut size, &raw) })?;
    let mut out = vec![0u8; size as usize];
    check(vm, unsafe { lz::lzma_properties_encode(&raw, out.as_mut_ptr()) })?;
    Ok(crate::objects::bytes::new_bytes(vm, out))
}

fn decode_filter_properties(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("_lzma._decode_filter_properties() takes no keyword arguments"));
    }
    if a.pos.len() != 2 {
        return Err(vm.type_error(format!("_decode_filter_properties expected 2 arguments, got {}", a.pos.len())));
    }
    let id = as_u64(vm, &a.pos[0])?;
    let props = native::buffer_bytes(vm, &a.pos[1])?;
    let mut f = lz::lzma_filter { id, options: std::ptr::null_mut() };
    let ret = unsafe { lz::lzma_properties_decode(&mut f, std::ptr::null(), props.as_ptr(), props.len()) };
    check(vm, ret)?;
    let r = build_filter_spec(vm, &f);
    unsafe { libc::free(f.options) };
    r
}

// ---- LZMACompressor ---------------------------------------------------------------

struct Compressor {
    s: Stream,
    flushed: bool,
}

fn compressor_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first().cloned() else { return Err(vm.type_error("LZMACompressor.__new__(X): X is not a type object")) };
    let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let v = native::bind(vm, &rest, "LZMACompressor", &["format", "check", "preset", "filters"], 0, 4)?;
    let format = match &v[0] {
        Some(x) => int_arg(vm, x)?,
        None => FORMAT_XZ,
    };
    let check_id = match &v[1] {
        Some(x) => int_arg(vm, x)?,
        None => -1,
    };
    let preset_obj = v[2].clone().unwrap_or(Value::None);
    let filters = v[3].clone().unwrap_or(Value::None);
    if format != FORMAT_XZ && check_id != -1 && check_id != lz::LZMA_CHECK_NONE as i64 {
        return Err(vm.value_error("Integrity checks are only supported by FORMAT_XZ"));
    }
    if !preset_obj.is_none() && !filters.is_none() {
        return Err(vm.value_error("Cannot specify both preset and filter chain"));
    }
    let preset = if preset_obj.is_none() { lz::LZMA_PRESET_DEFAULT } else { as_u32(vm, &preset_obj)? };
    let mut s = Stream::new();
    match format {
        FORMAT_XZ => {
            let chk = if check_id == -1 { lz::LZMA_CHECK_CRC64 as i64 } else { check_id };
            let ret = if filters.is_none() {
                unsafe { lz::lzma_easy_encoder(&mut *s.0, preset, chk as _) }
            } else {
                let chain = parse_filter_chain(vm, &filters)?;
                let raw = raw_chain(&chain);
                unsafe { lz::lzma_stream_encoder(&mut *s.0, raw.as_ptr(), chk as _) }
            };
            check(vm, ret)?;
        }
        FORMAT_ALONE => {
            let ret = if filters.is_none() {
                let mut options: lz::lzma_options_lzma = unsafe { std::mem::zeroed() };
                if unsafe { lz::lzma_lzma_preset(&mut options, preset) } != 0 {
                    return Err(lzma_error(vm, format!("Invalid compression preset: {preset}")));
                }
                unsafe { lz::lzma_alone_encoder(&mut *s.0, &options) }
            } else {
                let chain = parse_filter_chain(vm, &filters)?;
                if chain.len() == 1 && chain[0].id == lz::LZMA_FILTER_LZMA1 {
                    let raw = chain[0].raw();
                    unsafe { lz::lzma_alone_encoder(&mut *s.0, raw.options as *const lz::lzma_options_lzma) }
                } else {
                    return Err(vm.value_error("Invalid filter chain for FORMAT_ALONE - must be a single LZMA1 filter"));
                }
            };
            check(vm, ret)?;
        }
        FORMAT_RAW => {
            if filters.is_none() {
                return Err(vm.value_error("Must specify filters for FORMAT_RAW"));
            }
            let chain = parse_filter_chain(vm, &filters)?;
            let raw = raw_chain(&chain);
            check(vm, unsafe { lz::lzma_raw_encoder(&mut *s.0, raw.as_ptr()) })?;
        }
        _ => return Err(vm.value_error(format!("Invalid container format: {format}"))),
    }
    Ok(native::new_opaque(vm, &cls, Compressor { s, flushed: false }))
}

fn compress(vm: &Vm, c: &mut Compressor, data: &[u8], action: lz::lzma_action) -> PyResult<Vec<u8>> {
    let mut out = OutBuf::new(-1);
    let strm = &mut *c.s.0;
    strm.next_in = data.as_ptr();
    strm.avail_in = data.len();
    let r = loop {
        let avail = out.avail();
        strm.next_out = unsafe { out.data.as_mut_ptr().add(out.len) };
        strm.avail_out = avail;
        let mut ret = unsafe { lz::lzma_code(strm, action) };
        out.len += avail - strm.avail_out;
        if ret == lz::LZMA_BUF_ERROR && data.is_empty() && strm.avail_out > 0 {
            ret = lz::LZMA_OK;
        }
        if let Err(e) = check(vm, ret) {
            break Err(e);
        }
        if (action == lz::LZMA_RUN && strm.avail_in == 0) || (action == lz::LZMA_FINISH && ret == lz::LZMA_STREAM_END) {
            break Ok(());
        } else if out.avail() == 0 {
            out.grow();
        }
    };
    strm.next_in = std::ptr::null();
    strm.avail_in = 0;
    strm.next_out = std::ptr::null_mut();
    strm.avail_out = 0;
    r?;
    Ok(out.finish())
}

fn compressor_compress(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = native::this_method::<Compressor>(vm, a, COMPRESSOR, "compress")?.clone();
    if !a.kw.is_empty() {
        return Err(vm.type_error("LZMACompressor.compress() takes no keyword arguments"));
    }
    if a.pos.len() != 2 {
        return Err(vm.type_error(format!("LZMACompressor.compress() takes exactly one argument ({} given)", a.pos.len() - 1)));
    }
    let data = native::buffer_bytes(vm, &a.pos[1])?;
    let mut c = native::opaque_mut::<Compressor>(&this).expect("checked");
    if c.flushed {
        return Err(vm.value_error("Compressor has been flushed"));
    }
    let out = compress(vm, &mut c, &data, lz::LZMA_RUN)?;
    drop(c);
    Ok(crate::objects::bytes::new_bytes(vm, out))
}

fn compressor_flush(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = native::this_method::<Compressor>(vm, a, COMPRESSOR, "flush")?.clone();
    if a.pos.len() != 1 || !a.kw.is_empty() {
        return Err(vm.type_error(format!("LZMACompressor.flush() takes no arguments ({} given)", a.pos.len() - 1 + a.kw.len())));
    }
    let mut c = native::opaque_mut::<Compressor>(&this).expect("checked");
    if c.flushed {
        return Err(vm.value_error("Repeated call to flush()"));
    }
    c.flushed = true;
    let out = compress(vm, &mut c, &[], lz::LZMA_FINISH)?;
    drop(c);
    Ok(crate::objects::bytes::new_bytes(vm, out))
}

// ---- LZMADecompressor ---------------------------------------------------------------

struct Decompressor {
    s: Stream,
    check: i64,
    eof: bool,
    unused_data: Vec<u8>,
    needs_input: bool,
    pending: Vec<u8>,
}

fn decompressor_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first().cloned() else { return Err(vm.type_error("LZMADecompressor.__new__(X): X is not a type object")) };
    let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let v = native::bind(vm, &rest, "LZMADecompressor", &["format", "memlimit", "filters"], 0, 3)?;
    let format = match &v[0] {
        Some(x) => int_arg(vm, x)?,
        None => FORMAT_AUTO,
    };
    let memlimit = v[1].clone().unwrap_or(Value::None);
    let filters = v[2].clone().unwrap_or(Value::None);
    let mut limit = u64::MAX;
    if !memlimit.is_none() {
        if format == FORMAT_RAW {
            return Err(vm.value_error("Cannot specify memory limit with FORMAT_RAW"));
        }
        limit = as_u64(vm, &memlimit)?;
    }
    if format == FORMAT_RAW && filters.is_none() {
        return Err(vm.value_error("Must specify filters for FORMAT_RAW"));
    } else if format != FORMAT_RAW && !filters.is_none() {
        return Err(vm.value_error("Cannot specify filters except with FORMAT_RAW"));
    }
    let flags = lz::LZMA_TELL_ANY_CHECK | lz::LZMA_TELL_NO_CHECK;
    let mut s = Stream::new();
    let mut chk = CHECK_UNKNOWN;
    match format {
        FORMAT_AUTO => check(vm, unsafe { lz::lzma_auto_decoder(&mut *s.0, limit, flags) })?,
        FORMAT_XZ => check(vm, unsafe { lz::lzma_stream_decoder(&mut *s.0, limit, flags) })?,
        FORMAT_ALONE => {
            chk = lz::LZMA_CHECK_NONE as i64;
            check(vm, unsafe { lz::lzma_alone_decoder(&mut *s.0, limit) })?
        }
        FORMAT_RAW => {
            chk = lz::LZMA_CHECK_NONE as i64;
            let chain = parse_filter_chain(vm, &filters)?;
            let raw = raw_chain(&chain);
            check(vm, unsafe { lz::lzma_raw_decoder(&mut *s.0, raw.as_ptr()) })?
        }
        _ => return Err(vm.value_error(format!("Invalid container format: {format}"))),
    }
    Ok(native::new_opaque(vm, &cls, Decompressor { s, check: chk, eof: false, unused_data: Vec::new(), needs_input: true, pending: Vec::new() }))
}

fn decompress(vm: &Vm, d: &mut Decompressor, data: &[u8], max_length: i64) -> PyResult<Vec<u8>> {
    let mut input = std::mem::take(&mut d.pending);
    input.extend_from_slice(data);
    let mut out = OutBuf::new(max_length);
    let strm = &mut *d.s.0;
    strm.next_in = input.as_ptr();
    strm.avail_in = input.len();
    let r = loop {
        let avail = out.avail();
        strm.next_out = unsafe { out.data.as_mut_ptr().add(out.len) };
        strm.avail_out = avail;
        let mut ret = unsafe { lz::lzma_code(strm, lz::LZMA_RUN) };
        out.len += avail - strm.avail_out;
        if ret == lz::LZMA_BUF_ERROR && strm.avail_in == 0 && strm.avail_out > 0 {
            ret = lz::LZMA_OK;
        }
        if let Err(e) = check(vm, ret) {
            break Err(e);
        }
        if ret == lz::LZMA_GET_CHECK || ret == lz::LZMA_NO_CHECK {
            d.check = unsafe { lz::lzma_get_check(strm) } as i64;
        }
        if ret == lz::LZMA_STREAM_END {
            d.eof = true;
            break Ok(());
        } else if strm.avail_out == 0 {
            if out.at_max() {
                break Ok(());
            }
            out.grow();
        } else if strm.avail_in == 0 {
            break Ok(());
        }
    };
    let left = strm.avail_in;
    let avail_out = strm.avail_out;
    strm.next_in = std::ptr::null();
    strm.avail_in = 0;
    strm.next_out = std::ptr::null_mut();
    strm.avail_out = 0;
    r?;
    let rest = &input[input.len() - left..];
    if d.eof {
        d.needs_input = false;
        if !rest.is_empty() {
            d.unused_data = rest.to_vec();
        }
    } else if rest.is_empty() {
        // Output space used up: the decoder may hold more output.
        d.needs_input = avail_out != 0;
    } else {
        d.needs_input = false;
        d.pending = rest.to_vec();
    }
    Ok(out.finish())
}

fn decompressor_decompress(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = native::this_method::<Decompressor>(vm, a, DECOMPRESSOR, "decompress")?.clone();
    let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let v = native::bind(vm, &rest, "decompress", &["data", "max_length"], 1, 2)?;
    let data = native::buffer_bytes(vm, &v[0].clone().unwrap_or(Value::None))?;
    let max_length = match &v[1] {
        Some(m) => crate::builtins::index_i64(vm, m)?,
        None => -1,
    };
    let mut d = native::opaque_mut::<Decompressor>(&this).expect("checked");
    if d.eof {
        return Err(vm.err(&vm.types.exc.eof_error.clone(), "Already at end of stream"));
    }
    let out = decompress(vm, &mut d, &data, max_length);
    drop(d);
    Ok(crate::objects::bytes::new_bytes(vm, out?))
}

fn d_check(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = native::this_slot::<Decompressor>(vm, a, DECOMPRESSOR, "check")?;
    Ok(Value::Int(native::opaque::<Decompressor>(s).map(|d| d.check).unwrap_or(0)))
}

fn d_eof(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = native::this_slot::<Decompressor>(vm, a, DECOMPRESSOR, "eof")?;
    Ok(Value::Bool(native::opaque::<Decompressor>(s).is_some_and(|d| d.eof)))
}

fn d_needs_input(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = native::this_slot::<Decompressor>(vm, a, DECOMPRESSOR, "needs_input")?;
    Ok(Value::Bool(native::opaque::<Decompressor>(s).is_some_and(|d| d.needs_input)))
}

fn d_unused_data(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = native::this_slot::<Decompressor>(vm, a, DECOMPRESSOR, "unused_data")?;
    let data = native::opaque::<Decompressor>(s).map(|d| d.unused_data.clone()).unwrap_or_default();
    Ok(crate::objects::bytes::new_bytes(vm, data))
}
