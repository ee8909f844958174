//! `_bz2`: `BZ2Compressor` and `BZ2Decompressor` over libbzip2's stream
//! API (CPython 3.11's `Modules/_bz2module.c`), implemented by the
//! pure-Rust `libbz2-rs-sys` (a drop-in port of libbzip2 1.0.8 whose output
//! is the same as the C library's).

use std::ffi::c_int;

use libbz2_rs_sys as bz;

use crate::modules::native;
use crate::modules::outbuf::OutBuf;
use crate::value::{Payload, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

const COMPRESSOR: &str = "_bz2.BZ2Compressor";
const DECOMPRESSOR: &str = "_bz2.BZ2Decompressor";

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(vm, "_bz2", &[]);
    let c = native::native_final_class(vm, "_bz2", "BZ2Compressor");
    native::set(&Value::Obj(c.clone()), "__doc__", vm.new_str("Create a compressor object for compressing data incrementally.\n\n  compresslevel\n    Compression level, as a number between 1 and 9.\n\nFor one-shot compression, use the compress() function instead."));
    native::add_new(&c, compressor_new);
    native::add_method(&c, "compress", compressor_compress);
    native::add_method(&c, "flush", compressor_flush);
    native::set(&m, "BZ2Compressor", Value::Obj(c));

    let d = native::native_final_class(vm, "_bz2", "BZ2Decompressor");
    native::set(&Value::Obj(d.clone()), "__doc__", vm.new_str("Create a decompressor object for decompressing data incrementally.\n\nFor one-shot decompression, use the decompress() function instead."));
    native::add_new(&d, decompressor_new);
    native::add_method(&d, "decompress", decompressor_decompress);
    native::add_readonly_member(vm, &d, "eof", d_eof);
    native::add_readonly_member(vm, &d, "unused_data", d_unused_data);
    native::add_readonly_member(vm, &d, "needs_input", d_needs_input);
    native::set(&m, "BZ2Decompressor", Value::Obj(d));
    Ok(m)
}

/// A `bz_stream` that never moves (libbzip2 keeps a pointer to it).
struct Stream(Box<bz::bz_stream>);

fn new_stream() -> Stream {
    Stream(Box::new(bz::bz_stream {
        next_in: std::ptr::null(),
        avail_in: 0,
        total_in_lo32: 0,
        total_in_hi32: 0,
        next_out: std::ptr::null_mut(),
        avail_out: 0,
        total_out_lo32: 0,
        total_out_hi32: 0,
        state: std::ptr::null_mut(),
        bzalloc: None,
        bzfree: None,
        opaque: std::ptr::null_mut(),
    }))
}

/// `catch_bz2_error`.
fn check(vm: &Vm, ret: c_int) -> PyResult<()> {
    let exc = &vm.types.exc;
    match ret {
        bz::BZ_OK | bz::BZ_RUN_OK | bz::BZ_FLUSH_OK | bz::BZ_FINISH_OK | bz::BZ_STREAM_END => Ok(()),
        bz::BZ_CONFIG_ERROR => Err(vm.err(&exc.system_error.clone(), "libbzip2 was not compiled correctly")),
        bz::BZ_PARAM_ERROR => Err(vm.value_error("Internal error - invalid parameters passed to libbzip2")),
        bz::BZ_MEM_ERROR => Err(vm.memory_error()),
        bz::BZ_DATA_ERROR | bz::BZ_DATA_ERROR_MAGIC => Err(vm.err(&exc.os_error.clone(), "Invalid data stream")),
        bz::BZ_IO_ERROR => Err(vm.err(&exc.os_error.clone(), "Unknown I/O error")),
        bz::BZ_UNEXPECTED_EOF => Err(vm.err(&exc.eof_error.clone(), "Compressed file ended before the logical end-of-stream was detected")),
        bz::BZ_SEQUENCE_ERROR => Err(vm.err(&exc.runtime_error.clone(), "Internal error - Invalid sequence of commands sent to libbzip2")),
        other => Err(vm.err(&exc.os_error.clone(), format!("Unrecognized error from libbzip2: {other}"))),
    }
}

// ---- BZ2Compressor -------------------------------------------------------------

struct Compressor {
    s: Stream,
    flushed: bool,
}

impl Drop for Compressor {
    fn drop(&mut self) {
        unsafe {
            bz::BZ2_bzCompressEnd(&mut *self.s.0);
        }
    }
}

fn compressor_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first().cloned() else { return Err(vm.type_error("BZ2Compressor.__new__(X): X is not a type object")) };
    if !a.kw.is_empty() {
        return Err(vm.type_error("BZ2Compressor() takes no keyword arguments"));
    }
    let n = a.pos.len() - 1;
    if n > 1 {
        return Err(vm.type_error(format!("BZ2Compressor expected at most 1 argument, got {n}")));
    }
    let level = match a.pos.get(1) {
        Some(v) => int_arg(vm, v)?,
        None => 9,
    };
    if !(1..=9).contains(&level) {
        return Err(vm.value_error("compresslevel must be between 1 and 9"));
    }
    let mut s = new_stream();
    let ret = unsafe { bz::BZ2_bzCompressInit(&mut *s.0, level as c_int, 0, 0) };
    check(vm, ret)?;
    Ok(native::new_opaque(vm, &cls, Compressor { s, flushed: false }))
}

/// An `int` (`i`) argument.
fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    if matches!(v, Value::Float(_)) || matches!(v.payload(), Some(Payload::Float(_))) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let i = crate::builtins::index_i64(vm, v)?;
    if i < i32::MIN as i64 || i > i32::MAX as i64 {
        return Err(vm.overflow_error(if i < 0 { "signed integer is less than minimum" } else { "signed integer is greater than maximum" }));
    }
    Ok(i)
}

/// `compress()`: feed `data` with `action` (BZ_RUN or BZ_FINISH).
fn compress(vm: &Vm, c: &mut Compressor, data: &[u8], action: c_int) -> PyResult<Vec<u8>> {
    let mut out = OutBuf::new(-1);
    let strm = &mut *c.s.0;
    strm.next_in = data.as_ptr() as *const _;
    strm.avail_in = 0;
    let mut len = data.len();
    loop {
        if strm.avail_in == 0 && len > 0 {
            let take = len.min(u32::MAX as usize);
            strm.avail_in = take as u32;
            len -= take;
        }
        if action == bz::BZ_RUN && strm.avail_in == 0 {
            break;
        }
        if out.avail() == 0 {
            out.grow();
        }
        let avail = out.avail().min(u32::MAX as usize);
        strm.next_out = unsafe { out.data.as_mut_ptr().add(out.len) } as *mut _;
        strm.avail_out = avail as u32;
        let ret = unsafe { bz::BZ2_bzCompress(strm, action) };
        out.len += avail - strm.avail_out as usize;
        check(vm, ret)?;
        if action == bz::BZ_FINISH && ret == bz::BZ_STREAM_END {
            break;
        }
    }
    strm.next_in = std::ptr::null();
    strm.next_out = std::ptr::null_mut();
    strm.avail_out = 0;
    Ok(out.finish())
}

fn compressor_compress(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = native::this_method::<Compressor>(vm, a, COMPRESSOR, "compress")?.clone();
    if !a.kw.is_empty() {
        return Err(vm.type_error("BZ2Compressor.compress() takes no keyword arguments"));
    }
    if a.pos.len() != 2 {
        return Err(vm.type_error(format!("BZ2Compressor.compress() takes exactly one argument ({} given)", a.pos.len() - 1)));
    }
    let data = native::buffer_bytes(vm, &a.pos[1])?;
    let mut c = native::opaque_mut::<Compressor>(&this).expect("checked");
    if c.flushed {
        return Err(vm.value_error("Compressor has been flushed"));
    }
    let out = compress(vm, &mut c, &data, bz::BZ_RUN)?;
    drop(c);
    Ok(crate::objects::bytes::new_bytes(vm, out))
}

fn compressor_flush(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = native::this_method::<Compressor>(vm, a, COMPRESSOR, "flush")?.clone();
    if a.pos.len() != 1 || !a.kw.is_empty() {
        return Err(vm.type_error(format!("BZ2Compressor.flush() takes no arguments ({} given)", a.pos.len() - 1 + a.kw.len())));
    }
    let mut c = native::opaque_mut::<Compressor>(&this).expect("checked");
    if c.flushed {
        return Err(vm.value_error("Repeated call to flush()"));
    }
    c.flushed = true;
    let out = compress(vm, &mut c, &[], bz::BZ_FINISH)?;
    drop(c);
    Ok(crate::objects::bytes::new_bytes(vm, out))
}

// ---- BZ2Decompressor -------------------------------------------------------------

struct Decompressor {
    s: Stream,
    eof: bool,
    unused_data: Vec<u8>,
    needs_input: bool,
    /// Input given but not consumed yet (CPython's `input_buffer`).
    pending: Vec<u8>,
}

impl Drop for Decompressor {
    fn drop(&mut self) {
        unsafe {
            bz::BZ2_bzDecompressEnd(&mut *self.s.0);
        }
    }
}

fn decompressor_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first().cloned() else { return Err(vm.type_error("BZ2Decompressor.__new__(X): X is not a type object")) };
    if a.pos.len() > 1 {
        return Err(vm.type_error("BZ2Decompressor() takes no positional arguments"));
    }
    if !a.kw.is_empty() {
        return Err(vm.type_error("BZ2Decompressor() takes no keyword arguments"));
    }
    let mut s = new_stream();
    let ret = unsafe { bz::BZ2_bzDecompressInit(&mut *s.0, 0, 0) };
    check(vm, ret)?;
    Ok(native::new_opaque(vm, &cls, Decompressor { s, eof: false, unused_data: Vec::new(), needs_input: true, pending: Vec::new() }))
}

/// `decompress()` + `decompress_buf()`.
fn decompress(vm: &Vm, d: &mut Decompressor, data: &[u8], max_length: i64) -> PyResult<Vec<u8>> {
    let mut input = std::mem::take(&mut d.pending);
    input.extend_from_slice(data);
    let mut out = OutBuf::new(max_length);
    let strm = &mut *d.s.0;
    let mut pos = 0usize;
    let r = loop {
        let real = input.len() - pos;
        let avail_in = real.min(u32::MAX as usize);
        strm.next_in = unsafe { input.as_ptr().add(pos) } as *const _;
        strm.avail_in = avail_in as u32;
        let avail = out.avail().min(u32::MAX as usize);
        strm.next_out = unsafe { out.data.as_mut_ptr().add(out.len) } as *mut _;
        strm.avail_out = avail as u32;
        let ret = unsafe { bz::BZ2_bzDecompress(strm) };
        pos += avail_in - strm.avail_in as usize;
        out.len += avail - strm.avail_out as usize;
        if let Err(e) = check(vm, ret) {
            break Err(e);
        }
        if ret == bz::BZ_STREAM_END {
            d.eof = true;
            break Ok(());
        } else if pos == input.len() {
            break Ok(());
        } else if out.avail() == 0 {
            if out.at_max() {
                break Ok(());
            }
            out.grow();
        }
    };
    strm.next_in = std::ptr::null();
    strm.avail_in = 0;
    strm.next_out = std::ptr::null_mut();
    strm.avail_out = 0;
    r?;
    let rest = &input[pos..];
    if d.eof {
        d.needs_input = false;
        if !rest.is_empty() {
            d.unused_data = rest.to_vec();
        }
    } else if rest.is_empty() {
        d.needs_input = true;
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
        return Err(vm.err(&vm.types.exc.eof_error.clone(), "End of stream already reached"));
    }
    let out = decompress(vm, &mut d, &data, max_length);
    drop(d);
    Ok(crate::objects::bytes::new_bytes(vm, out?))
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
