//! The native `zlib` module over zlib-rs (a Rust implementation of the
//! zlib C API): one-shot and streaming compression and decompression with
//! CPython's loops, buffers and messages, and the checksums.
//!
//! Every zlib call here is `unsafe` FFI-style code on a `z_stream` that is
//! boxed (zlib keeps a pointer back to it) and only touched while the
//! object's state is borrowed; no Python code runs during those calls.

use std::ffi::CStr;

use libz_rs_sys as z;
use num_traits::ToPrimitive;

use super::native::{self, add_getter, add_method, add_new, bind_posonly, new_opaque, opaque, opaque_mut};
use crate::objects::bytes::new_bytes;
use crate::value::{PyRef, Value};
use crate::vm::{Args, Vm};
use crate::{PyErr, PyResult};

const DEF_BUF_SIZE: usize = 16384;
const MAX_WBITS: i32 = 15;
const DEF_MEM_LEVEL: i32 = 8;

struct Classes {
    error: PyRef,
    compress: PyRef,
    decompress: PyRef,
}

thread_local! {
    static CLASSES: std::cell::RefCell<Option<std::rc::Rc<Classes>>> = const { std::cell::RefCell::new(None) };
}

fn classes(vm: &mut Vm) -> PyResult<std::rc::Rc<Classes>> {
    if let Some(c) = CLASSES.with(|c| c.borrow().clone()) {
        return Ok(c);
    }
    let error = native::exception_class(vm, "zlib", "error", None)?;
    let compress = native::native_final_class(vm, "zlib", "Compress");
    add_new(&compress, no_new_compress);
    add_method(&compress, "compress", c_compress);
    add_method(&compress, "flush", c_flush);
    add_method(&compress, "copy", c_copy);
    add_method(&compress, "__copy__", c_copy);
    add_method(&compress, "__deepcopy__", c_deepcopy);
    let decompress = native::native_final_class(vm, "zlib", "Decompress");
    add_new(&decompress, no_new_decompress);
    add_method(&decompress, "decompress", d_decompress);
    add_method(&decompress, "flush", d_flush);
    add_method(&decompress, "copy", d_copy);
    add_method(&decompress, "__copy__", d_copy);
    add_method(&decompress, "__deepcopy__", d_deepcopy);
    add_getter(vm, &decompress, "unused_data", d_unused_data);
    add_getter(vm, &decompress, "unconsumed_tail", d_unconsumed_tail);
    add_getter(vm, &decompress, "eof", d_eof);
    let c = std::rc::Rc::new(Classes { error, compress, decompress });
    CLASSES.with(|cell| *cell.borrow_mut() = Some(c.clone()));
    Ok(c)
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(
        vm,
        "zlib",
        &[
            ("adler32", adler32),
            ("compress", compress),
            ("compressobj", compressobj),
            ("crc32", crc32),
            ("decompress", decompress),
            ("decompressobj", decompressobj),
        ],
    );
    let doc = "The functions in this module allow compression and decompression using the\nzlib library, which is based on GNU zip.\n\nadler32(string[, start]) -- Compute an Adler-32 checksum.\ncompress(data[, level]) -- Compress data, with compression level 0-9 or -1.\ncompressobj([level[, ...]]) -- Return a compressor object.\ncrc32(string[, start]) -- Compute a CRC-32 checksum.\ndecompress(string,[wbits],[bufsize]) -- Decompresses a compressed string.\ndecompressobj([wbits[, zdict]]) -- Return a decompressor object.\n\n'wbits' is window buffer size and container format.\nCompressor objects support compress() and flush() methods; decompressor\nobjects support decompress() and flush().";
    native::set(&m, "__doc__", vm.new_str(doc));
    let c = classes(vm)?;
    native::set(&m, "error", Value::Obj(c.error.clone()));
    let ints: &[(&str, i64)] = &[
        ("DEFLATED", 8),
        ("DEF_BUF_SIZE", DEF_BUF_SIZE as i64),
        ("DEF_MEM_LEVEL", DEF_MEM_LEVEL as i64),
        ("MAX_WBITS", MAX_WBITS as i64),
        ("Z_BEST_COMPRESSION", 9),
        ("Z_BEST_SPEED", 1),
        ("Z_BLOCK", 5),
        ("Z_DEFAULT_COMPRESSION", -1),
        ("Z_DEFAULT_STRATEGY", 0),
        ("Z_FILTERED", 1),
        ("Z_FINISH", 4),
        ("Z_FIXED", 4),
        ("Z_FULL_FLUSH", 3),
        ("Z_HUFFMAN_ONLY", 2),
        ("Z_NO_COMPRESSION", 0),
        ("Z_NO_FLUSH", 0),
        ("Z_PARTIAL_FLUSH", 1),
        ("Z_RLE", 3),
        ("Z_SYNC_FLUSH", 2),
        ("Z_TREES", 6),
    ];
    for (k, v) in ints {
        native::set(&m, k, Value::Int(*v));
    }
    let version = unsafe { CStr::from_ptr(z::zlibVersion()) }.to_string_lossy().into_owned();
    native::set(&m, "ZLIB_VERSION", vm.new_str(&version));
    native::set(&m, "ZLIB_RUNTIME_VERSION", vm.new_str(&version));
    Ok(m)
}

// ---- streams -----------------------------------------------------------------

/// A zlib stream on the heap (zlib keeps a pointer back to it).
struct Stream {
    zst: Box<z::z_stream>,
    init: bool,
    deflate: bool,
}

impl Stream {
    fn new(deflate: bool) -> Stream {
        Stream { zst: Box::default(), init: false, deflate }
    }

    fn msg(&self) -> Option<String> {
        if self.zst.msg.is_null() {
            return None;
        }
        Some(unsafe { CStr::from_ptr(self.zst.msg) }.to_string_lossy().into_owned())
    }

    fn end(&mut self) -> i32 {
        if !self.init {
            return z::Z_OK;
        }
        self.init = false;
        unsafe {
            if self.deflate {
                z::deflateEnd(&mut *self.zst)
            } else {
                z::inflateEnd(&mut *self.zst)
            }
        }
    }

    /// One `deflate`/`inflate` call with `room` bytes of output appended to `out`.
    fn step(&mut self, out: &mut Vec<u8>, room: usize, flush: i32) -> i32 {
        if !self.init {
            return z::Z_STREAM_ERROR;
        }
        let room = room.min(u32::MAX as usize);
        let old = out.len();
        out.resize(old + room, 0);
        let err = unsafe {
            self.zst.next_out = out.as_mut_ptr().add(old);
            self.zst.avail_out = room as u32;
            if self.deflate {
                z::deflate(&mut *self.zst, flush)
            } else {
                z::inflate(&mut *self.zst, flush)
            }
        };
        let produced = room - self.zst.avail_out as usize;
        out.truncate(old + produced);
        self.zst.next_out = std::ptr::null_mut();
        err
    }

    /// Point the input at `data[pos..]` (at most 4 GiB at once); returns
    /// how much was offered.
    fn offer(&mut self, data: &[u8], pos: usize) -> usize {
        let n = (data.len() - pos).min(u32::MAX as usize);
        self.zst.next_in = data[pos..].as_ptr();
        self.zst.avail_in = n as u32;
        n
    }

    /// How much of the offered input was consumed.
    fn consumed(&self, offered: usize) -> usize {
        offered - self.zst.avail_in as usize
    }

    fn copy(&mut self) -> Option<Stream> {
        if !self.init {
            return None;
        }
        // zlib-rs refuses to copy a stream whose buffers are unset.
        let mut dummy = [0u8; 1];
        self.zst.next_out = dummy.as_mut_ptr();
        self.zst.avail_out = 0;
        self.zst.next_in = dummy.as_ptr();
        self.zst.avail_in = 0;
        let mut s = Stream::new(self.deflate);
        let err = unsafe {
            if self.deflate {
                z::deflateCopy(&mut *s.zst, &mut *self.zst)
            } else {
                z::inflateCopy(&mut *s.zst, &*self.zst)
            }
        };
        self.zst.next_out = std::ptr::null_mut();
        self.zst.next_in = std::ptr::null();
        s.zst.next_out = std::ptr::null_mut();
        s.zst.next_in = std::ptr::null();
        if err != z::Z_OK {
            return None;
        }
        s.init = true;
        Some(s)
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        self.end();
    }
}

fn version_ptr() -> *const std::ffi::c_char {
    z::zlibVersion()
}

fn deflate_init(s: &mut Stream, level: i32, method: i32, wbits: i32, mem: i32, strategy: i32) -> i32 {
    let err = unsafe { z::deflateInit2_(&mut *s.zst, level, method, wbits, mem, strategy, version_ptr(), std::mem::size_of::<z::z_stream>() as i32) };
    if err == z::Z_OK {
        s.init = true;
    }
    err
}

fn inflate_init(s: &mut Stream, wbits: i32) -> i32 {
    let err = unsafe { z::inflateInit2_(&mut *s.zst, wbits, version_ptr(), std::mem::size_of::<z::z_stream>() as i32) };
    if err == z::Z_OK {
        s.init = true;
    }
    err
}

fn zlib_error(vm: &mut Vm, s: &Stream, err: i32, what: &str) -> PyErr {
    let mut zmsg = if err == z::Z_VERSION_ERROR { Some("library version mismatch".to_string()) } else { None };
    if zmsg.is_none() {
        zmsg = s.msg();
    }
    if zmsg.is_none() {
        zmsg = match err {
            z::Z_BUF_ERROR => Some("incomplete or truncated stream".into()),
            z::Z_STREAM_ERROR => Some("inconsistent stream state".into()),
            z::Z_DATA_ERROR => Some("invalid input data".into()),
            _ => None,
        };
    }
    let msg = match zmsg {
        Some(m) => format!("Error {err} {what}: {m}"),
        None => format!("Error {err} {what}"),
    };
    error(vm, msg)
}

fn error(vm: &mut Vm, msg: impl AsRef<str>) -> PyErr {
    match classes(vm) {
        Ok(c) => vm.err(&c.error, msg),
        Err(e) => e,
    }
}

/// A C `int` argument (`__index__`), with CPython's overflow message.
fn int_arg(vm: &mut Vm, v: &Option<Value>, default: i32) -> PyResult<i32> {
    match v {
        None => Ok(default),
        Some(v) => {
            let b = crate::builtins::index_big(vm, v)?;
            b.to_i32().ok_or_else(|| vm.overflow_error("Python int too large to convert to C int"))
        }
    }
}

/// A `Py_ssize_t` argument.
fn ssize_arg(vm: &mut Vm, v: &Option<Value>, default: i64) -> PyResult<i64> {
    match v {
        None => Ok(default),
        Some(v) => crate::builtins::index_i64(vm, v),
    }
}

// ---- one-shot functions -----------------------------------------------------------

fn compress(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = bind_posonly(vm, a, "compress", &["data", "level", "wbits"], 1, 3, 1)?;
    let data = native::buffer_bytes(vm, b[0].as_ref().unwrap_or(&Value::None))?;
    let level = int_arg(vm, &b[1], -1)?;
    let wbits = int_arg(vm, &b[2], MAX_WBITS)?;
    let mut s = Stream::new(true);
    match deflate_init(&mut s, level, 8, wbits, DEF_MEM_LEVEL, 0) {
        z::Z_OK => {}
        z::Z_MEM_ERROR => return Err(vm.memory_error()),
        z::Z_STREAM_ERROR => return Err(error(vm, "Bad compression level")),
        err => return Err(zlib_error(vm, &s, err, "while compressing data")),
    }
    let mut out = Vec::with_capacity(data.len() / 2 + 64);
    let mut pos = 0;
    loop {
        let offered = s.offer(&data, pos);
        let flush = if pos + offered == data.len() { z::Z_FINISH } else { z::Z_NO_FLUSH };
        let mut err;
        loop {
            err = s.step(&mut out, DEF_BUF_SIZE.max(data.len() / 4), flush);
            if err == z::Z_STREAM_ERROR {
                return Err(zlib_error(vm, &s, err, "while compressing data"));
            }
            if s.zst.avail_out != 0 {
                break;
            }
        }
        pos += s.consumed(offered);
        if flush == z::Z_FINISH {
            break;
        }
        let _ = err;
    }
    let err = s.end();
    if err != z::Z_OK {
        return Err(zlib_error(vm, &s, err, "while finishing compression"));
    }
    Ok(new_bytes(vm, out))
}

fn decompress(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = bind_posonly(vm, a, "decompress", &["data", "wbits", "bufsize"], 1, 3, 1)?;
    let data = native::buffer_bytes(vm, b[0].as_ref().unwrap_or(&Value::None))?;
    let wbits = int_arg(vm, &b[1], MAX_WBITS)?;
    let bufsize = ssize_arg(vm, &b[2], DEF_BUF_SIZE as i64)?;
    if bufsize < 0 {
        return Err(vm.value_error("bufsize must be non-negative"));
    }
    if bufsize > 1 << 40 {
        return Err(vm.err(&vm.types.exc.memory_error.clone(), "Unable to allocate output buffer."));
    }
    let bufsize = (bufsize.max(1) as usize).min(1 << 24);
    let mut s = Stream::new(false);
    match inflate_init(&mut s, wbits) {
        z::Z_OK => {}
        z::Z_MEM_ERROR => return Err(vm.memory_error()),
        err => return Err(zlib_error(vm, &s, err, "while preparing to decompress data")),
    }
    let mut out = Vec::new();
    let mut pos = 0;
    let mut err;
    let mut room = bufsize;
    loop {
        let offered = s.offer(&data, pos);
        let last = pos + offered == data.len();
        let flush = if last { z::Z_FINISH } else { z::Z_NO_FLUSH };
        loop {
            err = s.step(&mut out, room, flush);
            room = (room * 2).min(1 << 26);
            match err {
                z::Z_OK | z::Z_BUF_ERROR | z::Z_STREAM_END => {}
                z::Z_MEM_ERROR => return Err(vm.memory_error()),
                _ => {
                    let e = zlib_error(vm, &s, err, "while decompressing data");
                    s.end();
                    return Err(e);
                }
            }
            if s.zst.avail_out != 0 {
                break;
            }
        }
        pos += s.consumed(offered);
        if err == z::Z_STREAM_END || last {
            break;
        }
    }
    if err != z::Z_STREAM_END {
        let e = zlib_error(vm, &s, err, "while decompressing data");
        s.end();
        return Err(e);
    }
    let err = s.end();
    if err != z::Z_OK {
        return Err(zlib_error(vm, &s, err, "while finishing decompression"));
    }
    Ok(new_bytes(vm, out))
}

fn checksum_start(vm: &mut Vm, v: Option<&Value>, default: u32) -> PyResult<u32> {
    match v {
        None => Ok(default),
        Some(v) => {
            let b = crate::builtins::index_big(vm, v)?;
            let m: num_bigint::BigInt = b & num_bigint::BigInt::from(0xffff_ffffu32);
            Ok(m.to_u32().unwrap_or(0))
        }
    }
}

fn crc32(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("zlib.crc32() takes no keyword arguments"));
    }
    let p = native::positional(vm, a, "crc32", 1, 2)?;
    let data = native::buffer_bytes(vm, &p[0])?;
    let start = checksum_start(vm, p.get(1), 0)?;
    let mut h = crc32fast::Hasher::new_with_initial(start);
    h.update(&data);
    Ok(Value::Int(h.finalize() as i64))
}

fn adler32(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("zlib.adler32() takes no keyword arguments"));
    }
    let p = native::positional(vm, a, "adler32", 1, 2)?;
    let data = native::buffer_bytes(vm, &p[0])?;
    let start = checksum_start(vm, p.get(1), 1)?;
    let mut h = adler2::Adler32::from_checksum(start);
    h.write_slice(&data);
    Ok(Value::Int(h.checksum() as i64))
}

// ---- Compress objects ------------------------------------------------------------

struct CompState {
    s: Stream,
}

fn compressobj(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = bind_posonly(vm, a, "compressobj", &["level", "method", "wbits", "memLevel", "strategy", "zdict"], 0, 6, 0)?;
    let level = int_arg(vm, &b[0], -1)?;
    let method = int_arg(vm, &b[1], 8)?;
    let wbits = int_arg(vm, &b[2], MAX_WBITS)?;
    let mem = int_arg(vm, &b[3], DEF_MEM_LEVEL)?;
    let strategy = int_arg(vm, &b[4], 0)?;
    let zdict = match &b[5] {
        Some(v) if !v.is_none() => Some(native::buffer_bytes(vm, v)?),
        _ => None,
    };
    let mut s = Stream::new(true);
    match deflate_init(&mut s, level, method, wbits, mem, strategy) {
        z::Z_OK => {}
        z::Z_MEM_ERROR => return Err(vm.memory_error()),
        z::Z_STREAM_ERROR => return Err(vm.value_error("Invalid initialization option")),
        err => return Err(zlib_error(vm, &s, err, "while creating compression object")),
    }
    if let Some(d) = zdict {
        let err = unsafe { z::deflateSetDictionary(&mut *s.zst, d.as_ptr(), d.len().min(u32::MAX as usize) as u32) };
        if err != z::Z_OK {
            return Err(vm.value_error("Invalid dictionary"));
        }
    }
    let c = classes(vm)?;
    Ok(new_opaque(vm, &c.compress, CompState { s }))
}

fn no_new_compress(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(vm.type_error("cannot create 'zlib.Compress' instances"))
}

fn no_new_decompress(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(vm.type_error("cannot create 'zlib.Decompress' instances"))
}

fn self_of<'a>(vm: &Vm, a: &'a Args, what: &str) -> PyResult<&'a Value> {
    a.pos.first().ok_or_else(|| vm.type_error(format!("descriptor '{what}' needs an argument")))
}

fn c_compress(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = self_of(vm, a, "compress")?.clone();
    let sub = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let p = bind_posonly(vm, &sub, "compress", &["data"], 1, 1, 1)?;
    let data = native::buffer_bytes(vm, p[0].as_ref().unwrap_or(&Value::None))?;
    let result = {
        let Some(mut st) = opaque_mut::<CompState>(&this) else {
            return Err(vm.type_error("descriptor 'compress' requires a 'zlib.Compress' object"));
        };
        let s = &mut st.s;
        let mut out = Vec::new();
        let mut pos = 0;
        let mut failure = None;
        'outer: loop {
            let offered = s.offer(&data, pos);
            loop {
                let err = s.step(&mut out, DEF_BUF_SIZE, z::Z_NO_FLUSH);
                if err == z::Z_STREAM_ERROR {
                    failure = Some((err, s.msg()));
                    break 'outer;
                }
                if s.zst.avail_out != 0 {
                    break;
                }
            }
            pos += s.consumed(offered);
            if pos >= data.len() {
                break;
            }
        }
        match failure {
            None => Ok(out),
            Some(f) => Err(f),
        }
    };
    match result {
        Ok(out) => Ok(new_bytes(vm, out)),
        Err((err, msg)) => Err(stream_error(vm, err, msg, "while compressing data")),
    }
}

/// `zlib_error` for a stream no longer borrowed.
fn stream_error(vm: &mut Vm, err: i32, msg: Option<String>, what: &str) -> PyErr {
    let mut s = Stream::new(true);
    let c;
    if let Some(m) = msg {
        c = std::ffi::CString::new(m).unwrap_or_default();
        s.zst.msg = c.as_ptr() as *mut _;
        let e = zlib_error(vm, &s, err, what);
        s.zst.msg = std::ptr::null_mut();
        return e;
    }
    zlib_error(vm, &s, err, what)
}

fn c_flush(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = self_of(vm, a, "flush")?.clone();
    let sub = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let p = bind_posonly(vm, &sub, "flush", &["mode"], 0, 1, 1)?;
    let mode = int_arg(vm, &p[0], z::Z_FINISH)?;
    if mode == z::Z_NO_FLUSH {
        return Ok(new_bytes(vm, Vec::new()));
    }
    let result: Result<Vec<u8>, (i32, Option<String>, &str)> = {
        let Some(mut st) = opaque_mut::<CompState>(&this) else {
            return Err(vm.type_error("descriptor 'flush' requires a 'zlib.Compress' object"));
        };
        let s = &mut st.s;
        s.zst.avail_in = 0;
        s.zst.next_in = std::ptr::null();
        let mut out = Vec::new();
        let mut err;
        let mut failed = None;
        loop {
            err = s.step(&mut out, DEF_BUF_SIZE, mode);
            if err == z::Z_STREAM_ERROR {
                failed = Some((err, s.msg(), "while flushing"));
                break;
            }
            if s.zst.avail_out != 0 {
                break;
            }
        }
        if let Some(f) = failed {
            Err(f)
        } else if err == z::Z_STREAM_END && mode == z::Z_FINISH {
            let e = s.end();
            if e != z::Z_OK {
                Err((e, s.msg(), "while finishing compression"))
            } else {
                Ok(out)
            }
        } else if err != z::Z_OK && err != z::Z_BUF_ERROR {
            Err((err, s.msg(), "while flushing"))
        } else {
            Ok(out)
        }
    };
    match result {
        Ok(out) => Ok(new_bytes(vm, out)),
        Err((err, msg, what)) => Err(stream_error(vm, err, msg, what)),
    }
}

fn c_copy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = self_of(vm, a, "copy")?.clone();
    if a.pos.len() > 1 || !a.kw.is_empty() {
        return Err(vm.type_error("copy() takes no arguments"));
    }
    let copied = {
        let Some(mut st) = opaque_mut::<CompState>(&this) else {
            return Err(vm.type_error("descriptor 'copy' requires a 'zlib.Compress' object"));
        };
        st.s.copy()
    };
    match copied {
        Some(s) => {
            let c = classes(vm)?;
            Ok(new_opaque(vm, &c.compress, CompState { s }))
        }
        None => Err(vm.value_error("Inconsistent stream state")),
    }
}

fn c_deepcopy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let sub = Args { pos: a.pos.get(..1).unwrap_or(&[]).to_vec(), kw: Vec::new() };
    if a.pos.len() != 2 {
        return Err(vm.type_error(format!("__deepcopy__() takes exactly 1 positional argument ({} given)", a.pos.len().saturating_sub(1))));
    }
    c_copy(vm, &sub)
}

// ---- Decompress objects ------------------------------------------------------------

struct DecompState {
    s: Stream,
    zdict: Option<Vec<u8>>,
    unused_data: Vec<u8>,
    unconsumed_tail: Vec<u8>,
    eof: bool,
}

fn set_inflate_zdict(st: &mut DecompState) -> i32 {
    let Some(d) = &st.zdict else { return z::Z_OK };
    unsafe { z::inflateSetDictionary(&mut *st.s.zst, d.as_ptr(), d.len().min(u32::MAX as usize) as u32) }
}

fn decompressobj(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = bind_posonly(vm, a, "decompressobj", &["wbits", "zdict"], 0, 2, 0)?;
    let wbits = int_arg(vm, &b[0], MAX_WBITS)?;
    let zdict = match &b[1] {
        None => None,
        Some(v) => match native::buffer_bytes(vm, v) {
            Ok(d) => Some(d),
            Err(_) => return Err(vm.type_error("zdict argument must support the buffer protocol")),
        },
    };
    let mut st = DecompState { s: Stream::new(false), zdict, unused_data: Vec::new(), unconsumed_tail: Vec::new(), eof: false };
    match inflate_init(&mut st.s, wbits) {
        z::Z_OK => {}
        z::Z_STREAM_ERROR => return Err(vm.value_error("Invalid initialization option")),
        z::Z_MEM_ERROR => return Err(vm.memory_error()),
        err => return Err(zlib_error(vm, &st.s, err, "while creating decompression object")),
    }
    if st.zdict.is_some() && wbits < 0 {
        let err = set_inflate_zdict(&mut st);
        if err != z::Z_OK {
            return Err(zlib_error(vm, &st.s, err, "while setting zdict"));
        }
    }
    let c = classes(vm)?;
    Ok(new_opaque(vm, &c.decompress, st))
}

/// Keep what the stream did not consume of `data` (from `pos`), as
/// CPython's `save_unconsumed_input`.
fn save_unconsumed(st: &mut DecompState, data: &[u8], pos: usize, err: i32) {
    let rest = data.get(pos..).unwrap_or(&[]);
    let mut avail = rest.len();
    if err == z::Z_STREAM_END && !rest.is_empty() {
        st.unused_data.extend_from_slice(rest);
        avail = 0;
    }
    if avail > 0 || !st.unconsumed_tail.is_empty() {
        st.unconsumed_tail = rest.to_vec();
    }
}

fn d_decompress(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = self_of(vm, a, "decompress")?.clone();
    let sub = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let b = bind_posonly(vm, &sub, "decompress", &["data", "max_length"], 1, 2, 1)?;
    let data = native::buffer_bytes(vm, b[0].as_ref().unwrap_or(&Value::None))?;
    let max_length = ssize_arg(vm, &b[1], 0)?;
    if max_length < 0 {
        return Err(vm.value_error("max_length must be non-negative"));
    }
    let limit = if max_length == 0 { usize::MAX } else { max_length as usize };
    let result: Result<Vec<u8>, (i32, Option<String>)> = {
        let Some(mut st) = opaque_mut::<DecompState>(&this) else {
            return Err(vm.type_error("descriptor 'decompress' requires a 'zlib.Decompress' object"));
        };
        let st = &mut *st;
        let mut out = Vec::new();
        let mut pos = 0;
        let mut err = z::Z_OK;
        let mut room = DEF_BUF_SIZE.min(limit);
        'outer: loop {
            let offered = st.s.offer(&data, pos);
            loop {
                if out.len() >= limit {
                    pos += st.s.consumed(offered);
                    break 'outer;
                }
                let r = room.min(limit - out.len());
                err = st.s.step(&mut out, r, z::Z_SYNC_FLUSH);
                room = (room * 2).min(1 << 26);
                match err {
                    z::Z_OK | z::Z_BUF_ERROR | z::Z_STREAM_END => {}
                    z::Z_NEED_DICT if st.zdict.is_some() => {
                        let e = set_inflate_zdict(st);
                        if e != z::Z_OK {
                            return Err(stream_error(vm, e, st.s.msg(), "while setting zdict"));
                        }
                    }
                    _ => {
                        pos += st.s.consumed(offered);
                        break 'outer;
                    }
                }
                if !(st.s.zst.avail_out == 0 || err == z::Z_NEED_DICT) {
                    break;
                }
            }
            pos += st.s.consumed(offered);
            if err == z::Z_STREAM_END || pos >= data.len() {
                break;
            }
        }
        save_unconsumed(st, &data, pos, err);
        if err == z::Z_STREAM_END {
            st.eof = true;
            Ok(out)
        } else if err != z::Z_OK && err != z::Z_BUF_ERROR {
            Err((err, st.s.msg()))
        } else {
            Ok(out)
        }
    };
    match result {
        Ok(out) => Ok(new_bytes(vm, out)),
        Err((err, msg)) => Err(stream_error(vm, err, msg, "while decompressing data")),
    }
}

fn d_flush(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = self_of(vm, a, "flush")?.clone();
    let sub = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let p = bind_posonly(vm, &sub, "flush", &["length"], 0, 1, 1)?;
    let length = ssize_arg(vm, &p[0], DEF_BUF_SIZE as i64)?;
    if length <= 0 {
        return Err(vm.value_error("length must be greater than zero"));
    }
    if length > 1 << 40 {
        return Err(vm.err(&vm.types.exc.memory_error.clone(), "Unable to allocate output buffer."));
    }
    let result: Result<Vec<u8>, (i32, Option<String>)> = {
        let Some(mut st) = opaque_mut::<DecompState>(&this) else {
            return Err(vm.type_error("descriptor 'flush' requires a 'zlib.Decompress' object"));
        };
        let st = &mut *st;
        let data = std::mem::take(&mut st.unconsumed_tail);
        st.unconsumed_tail = data.clone();
        let mut out = Vec::new();
        let mut pos = 0;
        let mut err;
        let mut room = (length as usize).min(1 << 26);
        'outer: loop {
            let offered = st.s.offer(&data, pos);
            let flush = if pos + offered == data.len() { z::Z_FINISH } else { z::Z_NO_FLUSH };
            loop {
                err = st.s.step(&mut out, room, flush);
                room = (room * 2).min(1 << 26);
                match err {
                    z::Z_OK | z::Z_BUF_ERROR | z::Z_STREAM_END => {}
                    z::Z_NEED_DICT if st.zdict.is_some() => {
                        let e = set_inflate_zdict(st);
                        if e != z::Z_OK {
                            return Err(stream_error(vm, e, st.s.msg(), "while setting zdict"));
                        }
                    }
                    _ => {
                        pos += st.s.consumed(offered);
                        break 'outer;
                    }
                }
                if !(st.s.zst.avail_out == 0 || err == z::Z_NEED_DICT) {
                    break;
                }
            }
            pos += st.s.consumed(offered);
            if err == z::Z_STREAM_END || pos >= data.len() {
                break;
            }
        }
        save_unconsumed(st, &data, pos, err);
        if err == z::Z_STREAM_END {
            st.eof = true;
            let e = st.s.end();
            if e != z::Z_OK {
                Err((e, st.s.msg()))
            } else {
                Ok(out)
            }
        } else {
            Ok(out)
        }
    };
    match result {
        Ok(out) => Ok(new_bytes(vm, out)),
        Err((err, msg)) => Err(stream_error(vm, err, msg, "while finishing decompression")),
    }
}

fn d_copy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = self_of(vm, a, "copy")?.clone();
    if a.pos.len() > 1 || !a.kw.is_empty() {
        return Err(vm.type_error("copy() takes no arguments"));
    }
    let copied = {
        let Some(mut st) = opaque_mut::<DecompState>(&this) else {
            return Err(vm.type_error("descriptor 'copy' requires a 'zlib.Decompress' object"));
        };
        let st = &mut *st;
        st.s.copy().map(|s| DecompState {
            s,
            zdict: st.zdict.clone(),
            unused_data: st.unused_data.clone(),
            unconsumed_tail: st.unconsumed_tail.clone(),
            eof: st.eof,
        })
    };
    match copied {
        Some(st) => {
            let c = classes(vm)?;
            Ok(new_opaque(vm, &c.decompress, st))
        }
        None => Err(vm.value_error("Inconsistent stream state")),
    }
}

fn d_deepcopy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() != 2 {
        return Err(vm.type_error(format!("__deepcopy__() takes exactly 1 positional argument ({} given)", a.pos.len().saturating_sub(1))));
    }
    let sub = Args { pos: a.pos[..1].to_vec(), kw: Vec::new() };
    d_copy(vm, &sub)
}

fn d_field(vm: &mut Vm, a: &Args, f: fn(&DecompState) -> Value) -> PyResult<Value> {
    let this = self_of(vm, a, "attribute")?.clone();
    let v = opaque::<DecompState>(&this).map(|st| f(&st));
    v.ok_or_else(|| vm.type_error("descriptor requires a 'zlib.Decompress' object"))
}

fn d_unused_data(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = self_of(vm, a, "unused_data")?.clone();
    let d = opaque::<DecompState>(&this).map(|st| st.unused_data.clone()).unwrap_or_default();
    Ok(new_bytes(vm, d))
}

fn d_unconsumed_tail(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = self_of(vm, a, "unconsumed_tail")?.clone();
    let d = opaque::<DecompState>(&this).map(|st| st.unconsumed_tail.clone()).unwrap_or_default();
    Ok(new_bytes(vm, d))
}

fn d_eof(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    d_field(vm, a, |st| Value::Bool(st.eof))
}
