//! `open()`: text and binary files (the `_io` classes' behaviour for real
//! files): modes, encodings, newline translation, seek/tell, iteration,
//! context management. Files close when their last reference goes.

use std::io::{Read, Seek, SeekFrom, Write};

use crate::objects::codecs::{self, Codec};
use crate::objects::str::PyStr;
use crate::types::add_method;
use crate::value::{Payload, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

pub struct FileState {
    file: Option<std::fs::File>,
    pub name: Value,
    pub mode: String,
    binary: bool,
    codec: Codec,
    encoding: String,
    errors: String,
    /// None: universal newlines; Some("") no translation; Some(nl).
    newline: Option<String>,
    readable: bool,
    writable: bool,
    append: bool,
    /// Raw bytes read ahead of the logical position.
    rbuf: Vec<u8>,
    /// Bytes written but not yet flushed.
    wbuf: Vec<u8>,
    /// A `\r` ended the last chunk read in universal-newline mode.
    pending_cr: bool,
    kind: &'static str,
    /// False: the descriptor stays open when the file object closes.
    closefd: bool,
}

impl Drop for FileState {
    fn drop(&mut self) {
        let _ = self.flush_raw();
        self.release();
    }
}

impl FileState {
    /// Drop the handle: closing the descriptor, unless `closefd=False`.
    fn release(&mut self) {
        if let Some(f) = self.file.take() {
            if !self.closefd {
                use std::os::fd::IntoRawFd;
                let _ = f.into_raw_fd();
            }
        }
    }

    fn flush_raw(&mut self) -> std::io::Result<()> {
        if let Some(f) = &mut self.file {
            if !self.wbuf.is_empty() {
                f.write_all(&self.wbuf)?;
                self.wbuf.clear();
            }
        }
        Ok(())
    }

    /// Undo the read-ahead so the OS position is the logical one.
    fn sync_read(&mut self) -> std::io::Result<()> {
        if !self.rbuf.is_empty() {
            if let Some(f) = &mut self.file {
                f.seek(SeekFrom::Current(-(self.rbuf.len() as i64)))?;
            }
            self.rbuf.clear();
        }
        self.pending_cr = false;
        Ok(())
    }

    fn fill(&mut self, want: usize) -> std::io::Result<usize> {
        let mut buf = vec![0u8; want.max(8192)];
        let Some(f) = &mut self.file else { return Ok(0) };
        let n = f.read(&mut buf)?;
        self.rbuf.extend_from_slice(&buf[..n]);
        Ok(n)
    }

    fn read_all_raw(&mut self) -> std::io::Result<Vec<u8>> {
        self.flush_raw()?;
        let mut out = std::mem::take(&mut self.rbuf);
        if let Some(f) = &mut self.file {
            f.read_to_end(&mut out)?;
        }
        Ok(out)
    }
}

pub fn install(vm: &mut Vm) {
    let t = &vm.types;
    for cls in [t.file_text.clone(), t.file_buffered_reader.clone(), t.file_buffered_writer.clone(), t.file_buffered_random.clone(), t.file_io.clone()] {
        add_method(&cls, "read", f_read);
        add_method(&cls, "readline", f_readline);
        add_method(&cls, "readlines", f_readlines);
        add_method(&cls, "write", f_write);
        add_method(&cls, "writelines", f_writelines);
        add_method(&cls, "close", f_close);
        add_method(&cls, "flush", f_flush);
        add_method(&cls, "seek", f_seek);
        add_method(&cls, "tell", f_tell);
        add_method(&cls, "fileno", f_fileno);
        add_method(&cls, "readable", f_readable);
        add_method(&cls, "writable", f_writable);
        add_method(&cls, "seekable", f_seekable);
        add_method(&cls, "isatty", f_isatty);
        add_method(&cls, "truncate", f_truncate);
        add_method(&cls, "__enter__", f_enter);
        add_method(&cls, "__exit__", f_exit);
        add_method(&cls, "__iter__", f_enter);
        add_method(&cls, "__next__", f_next);
        add_method(&cls, "__repr__", f_repr);
    }
}

fn io_error(vm: &mut Vm, e: &std::io::Error, filename: Option<&Value>) -> crate::PyErr {
    let errno = e.raw_os_error().unwrap_or(5);
    let msg = e.to_string();
    let msg = msg.split(" (os error").next().unwrap_or(&msg).to_string();
    let mut args = vec![Value::Int(errno as i64), vm.new_str(&msg)];
    if let Some(f) = filename {
        args.push(f.clone());
    }
    let cls = Value::Obj(vm.types.exc.os_error.clone());
    match vm.call(&cls, args) {
        Ok(exc) => crate::PyErr(exc),
        Err(e) => e,
    }
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True)`.
pub fn open(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    open_as(vm, a, None)
}

/// `open()`, making an instance of `cls` (a subclass of the class open()
/// would pick) when given: `FileIO(...)` constructed from Python.
pub fn open_as(vm: &mut Vm, a: &Args, cls_override: Option<crate::value::PyRef>) -> PyResult<Value> {
    let names = ["file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"];
    for (k, _) in &a.kw {
        let ks = k.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
        if !names.contains(&ks.as_str()) {
            return Err(vm.type_error(format!("'{ks}' is an invalid keyword argument for open()")));
        }
    }
    let arg = |i: usize, name: &str| a.pos.get(i).or_else(|| a.kwarg(name)).cloned();
    let Some(file) = arg(0, "file") else {
        return Err(vm.type_error("open() missing required argument 'file' (pos 1)"));
    };
    let mode = match arg(1, "mode") {
        None => "r".to_string(),
        Some(m) => match m.as_str() {
            Some(s) => s.to_string_lossy(),
            None => return Err(vm.type_error(format!("open() argument 'mode' must be str, not {}", vm.type_name(&m)))),
        },
    };
    let buffering = match arg(2, "buffering") {
        Some(b) if !b.is_none() => crate::builtins::index_i64(vm, &b)?,
        _ => -1,
    };
    let opt_str = |vm: &mut Vm, v: Option<Value>, what: &str| -> PyResult<Option<String>> {
        match v {
            None | Some(Value::None) => Ok(None),
            Some(v) => match v.as_str() {
                Some(s) => Ok(Some(s.to_string_lossy())),
                None => Err(vm.type_error(format!("open() argument '{what}' must be str or None, not {}", vm.type_name(&v)))),
            },
        }
    };
    let encoding = opt_str(vm, arg(3, "encoding"), "encoding")?;
    let errors = opt_str(vm, arg(4, "errors"), "errors")?;
    let newline = opt_str(vm, arg(5, "newline"), "newline")?;
    // Mode validation, with CPython's messages.
    let mut seen = String::new();
    for c in mode.chars() {
        if !"rwaxbt+U".contains(c) || seen.contains(c) {
            return Err(vm.value_error(format!("invalid mode: '{mode}'")));
        }
        seen.push(c);
    }
    let creating = mode.contains('x');
    let reading = mode.contains('r');
    let writing = mode.contains('w');
    let appending = mode.contains('a');
    let updating = mode.contains('+');
    let binary = mode.contains('b');
    if mode.contains('t') && binary {
        return Err(vm.value_error("can't have text and binary mode at once"));
    }
    if [creating, reading, writing, appending].iter().filter(|b| **b).count() != 1 {
        return Err(vm.value_error("must have exactly one of create/read/write/append mode"));
    }
    if binary && encoding.is_some() {
        return Err(vm.value_error("binary mode doesn't take an encoding argument"));
    }
    if binary && errors.is_some() {
        return Err(vm.value_error("binary mode doesn't take an errors argument"));
    }
    if binary && newline.is_some() {
        return Err(vm.value_error("binary mode doesn't take a newline argument"));
    }
    if binary && buffering == 1 {
        // CPython warns and falls back to default buffering.
    }
    if !binary && buffering == 0 {
        return Err(vm.value_error("can't have unbuffered text I/O"));
    }
    if let Some(nl) = &newline {
        if !["", "\n", "\r", "\r\n"].contains(&nl.as_str()) {
            return Err(vm.value_error(format!("illegal newline value: {nl}")));
        }
    }
    let enc_name = match encoding.as_deref() {
        None | Some("locale") => "utf-8".to_string(),
        Some(e) => e.to_string(),
    };
    let codec = match codecs::lookup(&enc_name) {
        Some(c) => c,
        None if binary => Codec::Utf8,
        None => return Err(codecs::unknown_encoding(vm, &enc_name)),
    };
    // A path-like object opens its `__fspath__()` (the file's `name` stays
    // the object, as CPython's).
    let fs = match file.payload() {
        Some(Payload::Str(_)) | Some(Payload::Bytes(_)) => file.clone(),
        _ if crate::vm::ops::as_i64(&file).is_some() => file.clone(),
        _ => crate::modules::posix::fspath_value(vm, &file)?,
    };
    let path = match fs.payload() {
        Some(Payload::Str(s)) => s.to_string_lossy(),
        Some(Payload::Bytes(b)) => String::from_utf8_lossy(b).into_owned(),
        _ if crate::vm::ops::as_i64(&file).is_some() => String::new(),
        _ => {
            return Err(vm.type_error(format!("expected str, bytes or os.PathLike object, not {}", vm.type_name(&file))));
        }
    };
    let closefd = match arg(6, "closefd") {
        Some(v) => vm.truthy(&v)?,
        None => true,
    };
    let opener = arg(7, "opener").filter(|o| !o.is_none());
    let mut flags = if reading && !updating {
        libc::O_RDONLY
    } else if updating {
        libc::O_RDWR
    } else {
        libc::O_WRONLY
    };
    if writing {
        flags |= libc::O_CREAT | libc::O_TRUNC;
    }
    if appending {
        flags |= libc::O_CREAT | libc::O_APPEND;
    }
    if creating {
        flags |= libc::O_CREAT | libc::O_EXCL;
    }
    flags |= libc::O_CLOEXEC;
    // A descriptor (given, or from `opener(path, flags)`).
    let fd = match (crate::vm::ops::as_i64(&file), opener) {
        (Some(fd), _) => Some(fd),
        (None, Some(op)) => {
            let r = vm.call(&op, vec![fs.clone(), Value::Int(flags as i64)])?;
            match crate::vm::ops::as_i64(&r) {
                Some(fd) if fd >= 0 => Some(fd),
                Some(fd) => return Err(vm.value_error(format!("opener returned {fd}"))),
                None => return Err(vm.type_error("expected integer from opener")),
            }
        }
        (None, None) => None,
    };
    if fd.is_none() && !closefd {
        return Err(vm.value_error("Cannot use closefd=False with file name"));
    }
    if let Some(fd) = fd {
        if fd < 0 || fd > i32::MAX as i64 {
            return Err(vm.value_error("negative file descriptor"));
        }
        // SAFETY: fstat only inspects the descriptor.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        if unsafe { libc::fstat(fd as i32, &mut st) } != 0 {
            let e = std::io::Error::last_os_error();
            return Err(io_error(vm, &e, None));
        }
        if st.st_mode & libc::S_IFMT == libc::S_IFDIR {
            let e = std::io::Error::from_raw_os_error(21);
            return Err(io_error(vm, &e, None));
        }
        use std::os::fd::FromRawFd;
        // SAFETY: the descriptor is open (fstat succeeded); when
        // `closefd` is false it is released, not closed, by `release`.
        let f = unsafe { std::fs::File::from_raw_fd(fd as i32) };
        return finish_open(vm, f, file, FinishOpts { mode, binary, buffering, updating, reading, writing, appending, creating, codec, enc_name, errors, newline, closefd }, cls_override);
    }
    let mut oo = std::fs::OpenOptions::new();
    oo.read(reading || updating);
    oo.write(writing || appending || creating || updating);
    if writing {
        oo.create(true).truncate(true);
    }
    if appending {
        oo.create(true).append(true);
    }
    if creating {
        oo.create_new(true);
    }
    let f = match oo.open(&path) {
        Ok(f) => f,
        Err(e) => return Err(io_error(vm, &e, Some(&file))),
    };
    if f.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        let e = std::io::Error::from_raw_os_error(21);
        return Err(io_error(vm, &e, Some(&file)));
    }
    finish_open(vm, f, file, FinishOpts { mode, binary, buffering, updating, reading, writing, appending, creating, codec, enc_name, errors, newline, closefd: true }, cls_override)
}

struct FinishOpts {
    mode: String,
    binary: bool,
    buffering: i64,
    updating: bool,
    reading: bool,
    writing: bool,
    appending: bool,
    creating: bool,
    codec: Codec,
    enc_name: String,
    errors: Option<String>,
    newline: Option<String>,
    closefd: bool,
}

fn finish_open(vm: &mut Vm, f: std::fs::File, file: Value, o: FinishOpts, cls_override: Option<crate::value::PyRef>) -> PyResult<Value> {
    let FinishOpts { mode, binary, buffering, updating, reading, writing, appending, creating, codec, enc_name, errors, newline, closefd } = o;
    let clean_mode = {
        let base = if creating { "x" } else if reading { "r" } else if writing { "w" } else { "a" };
        format!("{base}{}{}", if updating { "+" } else { "" }, if binary { "b" } else { "" })
    };
    let (cls, kind) = if !binary {
        (vm.types.file_text.clone(), "TextIOWrapper")
    } else if buffering == 0 {
        (vm.types.file_io.clone(), "FileIO")
    } else if updating {
        (vm.types.file_buffered_random.clone(), "BufferedRandom")
    } else if reading {
        (vm.types.file_buffered_reader.clone(), "BufferedReader")
    } else {
        (vm.types.file_buffered_writer.clone(), "BufferedWriter")
    };
    let state = FileState {
        file: Some(f),
        name: file.clone(),
        mode: if binary { clean_mode } else { mode.clone() },
        binary,
        codec,
        encoding: enc_name,
        errors: errors.unwrap_or_else(|| "strict".into()),
        newline,
        readable: reading || updating,
        writable: writing || appending || creating || updating,
        append: appending,
        rbuf: Vec::new(),
        wbuf: Vec::new(),
        pending_cr: false,
        kind,
        closefd,
    };
    let _ = state.append;
    let cls = match cls_override {
        Some(c) => c,
        None => cls,
    };
    Ok(vm.new_object(&cls, Payload::File(Box::new(std::cell::RefCell::new(state))), true))
}

fn state<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a std::cell::RefCell<FileState>> {
    match v.payload() {
        Some(Payload::File(s)) => Ok(s),
        _ => Err(vm.type_error("descriptor requires a file object")),
    }
}

fn check_open(vm: &Vm, s: &FileState) -> PyResult<()> {
    if s.file.is_none() {
        return Err(vm.value_error("I/O operation on closed file."));
    }
    Ok(())
}

fn unsupported(vm: &mut Vm, what: &str) -> crate::PyErr {
    crate::modules::io::unsupported(vm, what)
}

/// Decode raw text bytes, translating newlines as the mode asks.
fn decode_text(vm: &mut Vm, s: &mut FileState, raw: &[u8], at_eof: bool) -> PyResult<Vec<u32>> {
    let text = codecs::decode(vm, raw, s.codec, &s.errors)?;
    let cps = text.code_points();
    Ok(match s.newline.as_deref() {
        None => {
            let mut out = Vec::with_capacity(cps.len());
            let mut i = 0;
            if s.pending_cr && cps.first() == Some(&('\n' as u32)) {
                i = 1;
            }
            s.pending_cr = false;
            while i < cps.len() {
                let c = cps[i];
                if c == '\r' as u32 {
                    out.push('\n' as u32);
                    if cps.get(i + 1) == Some(&('\n' as u32)) {
                        i += 1;
                    } else if i + 1 == cps.len() && !at_eof {
                        s.pending_cr = true;
                    }
                } else {
                    out.push(c);
                }
                i += 1;
            }
            out
        }
        _ => cps,
    })
}

/// How many bytes of `raw` form complete characters (for incremental
/// UTF-8 decoding of chunks).
pub fn complete_prefix(codec: Codec, raw: &[u8]) -> usize {
    if codec != Codec::Utf8 {
        return raw.len();
    }
    let n = raw.len();
    for back in 1..=3.min(n) {
        let b = raw[n - back];
        if b & 0xc0 == 0x80 {
            continue;
        }
        let need = if b >= 0xf0 {
            4
        } else if b >= 0xe0 {
            3
        } else if b >= 0xc0 {
            2
        } else {
            1
        };
        return if need > back { n - back } else { n };
    }
    n
}

/// `read1(size=-1)` of a binary file: what is buffered, else the result of
/// at most one read of the raw file (a pipe gives what has arrived).
pub fn f_read1(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos[0].clone();
    let cell = state(vm, &this)?;
    let size = match a.pos.get(1).or_else(|| a.kwarg("size")) {
        Some(Value::None) | None => -1,
        Some(v) => crate::builtins::index_i64(vm, v)?,
    };
    let mut s = cell.borrow_mut();
    check_open(vm, &s)?;
    if !s.readable || !s.binary {
        drop(s);
        return Err(unsupported(vm, "not readable"));
    }
    if let Err(e) = s.flush_raw() {
        drop(s);
        return Err(io_error(vm, &e, None));
    }
    if s.rbuf.is_empty() && size != 0 {
        let want = if size < 0 { 8192 } else { size as usize };
        if let Err(e) = s.fill(want) {
            drop(s);
            return Err(io_error(vm, &e, None));
        }
    }
    let n = if size < 0 { s.rbuf.len() } else { (size as usize).min(s.rbuf.len()) };
    let data: Vec<u8> = s.rbuf.drain(..n).collect();
    drop(s);
    Ok(vm.new_object(&vm.types.bytes.clone(), Payload::Bytes(data.into_boxed_slice()), false))
}

pub fn f_read(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos[0].clone();
    let cell = state(vm, &this)?;
    let size = match a.pos.get(1) {
        Some(Value::None) | None => -1,
        Some(v) => crate::builtins::index_i64(vm, v)?,
    };
    let mut s = cell.borrow_mut();
    check_open(vm, &s)?;
    if !s.readable {
        drop(s);
        return Err(unsupported(vm, "not readable"));
    }
    if s.binary {
        let data = if size < 0 {
            match s.read_all_raw() {
                Ok(d) => d,
                Err(e) => {
                    drop(s);
                    return Err(io_error(vm, &e, None));
                }
            }
        } else {
            let want = size as usize;
            if let Err(e) = s.flush_raw() {
                drop(s);
                return Err(io_error(vm, &e, None));
            }
            while s.rbuf.len() < want {
                let missing = want - s.rbuf.len();
                match s.fill(missing) {
                    Ok(0) => break,
                    Ok(_) => {}
                    Err(e) => {
                        drop(s);
                        return Err(io_error(vm, &e, None));
                    }
                }
            }
            let n = want.min(s.rbuf.len());
            s.rbuf.drain(..n).collect()
        };
        drop(s);
        return Ok(vm.new_object(&vm.types.bytes.clone(), Payload::Bytes(data.into_boxed_slice()), false));
    }
    if size < 0 {
        let raw = match s.read_all_raw() {
            Ok(d) => d,
            Err(e) => {
                drop(s);
                return Err(io_error(vm, &e, None));
            }
        };
        let cps = decode_text(vm, &mut s, &raw, true);
        drop(s);
        return Ok(vm.new_pystr(PyStr::from_code_points(cps?)));
    }
    // Read characters one chunk at a time until `size` are decoded.
    let want = size as usize;
    let mut out: Vec<u32> = Vec::new();
    loop {
        if out.len() >= want {
            break;
        }
        if s.rbuf.is_empty() {
            match s.fill(8192) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => {
                    drop(s);
                    return Err(io_error(vm, &e, None));
                }
            }
        }
        let end = complete_prefix(s.codec, &s.rbuf);
        let end = if end == 0 { s.rbuf.len() } else { end };
        // Decode one character at a time from the buffer's complete part.
        let raw: Vec<u8> = s.rbuf[..end].to_vec();
        let cps = decode_text(vm, &mut s, &raw, false)?;
        let take = (want - out.len()).min(cps.len());
        if take == cps.len() {
            s.rbuf.drain(..end);
            out.extend(cps);
        } else {
            // Put back the bytes of the characters not taken.
            let kept: String = cps[take..].iter().filter_map(|&c| char::from_u32(c)).collect();
            let kept_bytes = codecs::encode(vm, &PyStr::new(&kept), s.codec, "replace").unwrap_or_default();
            s.rbuf.drain(..end);
            let mut nb = kept_bytes;
            nb.extend_from_slice(&s.rbuf);
            s.rbuf = nb;
            out.extend_from_slice(&cps[..take]);
        }
    }
    drop(s);
    Ok(vm.new_pystr(PyStr::from_code_points(out)))
}

/// Read one line (bytes, including its end) from the raw buffer.
fn raw_line(s: &mut FileState, limit: Option<usize>) -> std::io::Result<Vec<u8>> {
    s.flush_raw()?;
    loop {
        let universal = !s.binary && s.newline.is_none();
        let cr_only = !s.binary && s.newline.as_deref() == Some("\r");
        let pos = if universal {
            s.rbuf.iter().position(|&b| b == b'\n' || b == b'\r').map(|p| {
                if s.rbuf[p] == b'\r' && s.rbuf.get(p + 1) == Some(&b'\n') {
                    p + 1
                } else {
                    p
                }
            })
        } else if cr_only {
            s.rbuf.iter().position(|&b| b == b'\r')
        } else {
            s.rbuf.iter().position(|&b| b == b'\n')
        };
        // A lone `\r` at the end of the buffer may be followed by `\n`.
        let ambiguous = universal && pos == Some(s.rbuf.len() - 1) && s.rbuf.last() == Some(&b'\r');
        if let Some(p) = pos {
            if !ambiguous {
                let end = match limit {
                    Some(l) if l < p + 1 => l,
                    _ => p + 1,
                };
                return Ok(s.rbuf.drain(..end).collect());
            }
        }
        if let Some(l) = limit {
            if s.rbuf.len() >= l {
                return Ok(s.rbuf.drain(..l).collect());
            }
        }
        if s.fill(8192)? == 0 {
            return Ok(std::mem::take(&mut s.rbuf));
        }
    }
}

fn line_value(vm: &mut Vm, s: &mut FileState, raw: Vec<u8>) -> PyResult<Value> {
    if s.binary {
        return Ok(vm.new_object(&vm.types.bytes.clone(), Payload::Bytes(raw.into_boxed_slice()), false));
    }
    let cps = decode_text(vm, s, &raw, true)?;
    s.pending_cr = false;
    Ok(vm.new_pystr(PyStr::from_code_points(cps)))
}

pub fn f_readline(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos[0].clone();
    let cell = state(vm, &this)?;
    let limit = match a.pos.get(1) {
        Some(Value::None) | None => None,
        Some(v) => {
            let n = crate::builtins::index_i64(vm, v)?;
            if n < 0 {
                None
            } else {
                Some(n as usize)
            }
        }
    };
    let mut s = cell.borrow_mut();
    check_open(vm, &s)?;
    if !s.readable {
        drop(s);
        return Err(unsupported(vm, "not readable"));
    }
    let raw = match raw_line(&mut s, limit) {
        Ok(r) => r,
        Err(e) => {
            drop(s);
            return Err(io_error(vm, &e, None));
        }
    };
    let r = line_value(vm, &mut s, raw);
    drop(s);
    r
}

pub fn f_readlines(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos[0].clone();
    let mut lines = Vec::new();
    loop {
        let l = f_readline(vm, &Args::new(vec![this.clone()]))?;
        let empty = match l.payload() {
            Some(Payload::Str(s)) => s.is_empty(),
            Some(Payload::Bytes(b)) => b.is_empty(),
            _ => true,
        };
        if empty {
            break;
        }
        lines.push(l);
    }
    Ok(vm.new_list(lines))
}

pub fn f_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let l = f_readline(vm, &Args::new(vec![a.pos[0].clone()]))?;
    let empty = match l.payload() {
        Some(Payload::Str(s)) => s.is_empty(),
        Some(Payload::Bytes(b)) => b.is_empty(),
        _ => true,
    };
    if empty {
        return Err(vm.stop_iteration(Value::None));
    }
    Ok(l)
}

pub fn f_write(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos[0].clone();
    let cell = state(vm, &this)?;
    let Some(data) = a.pos.get(1).cloned() else {
        return Err(vm.type_error("write() takes exactly one argument (0 given)"));
    };
    let mut s = cell.borrow_mut();
    check_open(vm, &s)?;
    if !s.writable {
        drop(s);
        return Err(unsupported(vm, "not writable"));
    }
    if let Err(e) = s.sync_read() {
        drop(s);
        return Err(io_error(vm, &e, None));
    }
    let (bytes, count) = if s.binary {
        match data.payload() {
            Some(Payload::Bytes(b)) => (b.to_vec(), b.len()),
            Some(Payload::ByteArray(b)) => {
                let v = b.borrow().clone();
                let n = v.len();
                (v, n)
            }
            Some(Payload::MemoryView(_)) => {
                let v = match crate::objects::memoryview::view_bytes(vm, &data) {
                    Ok(v) => v,
                    Err(e) => {
                        drop(s);
                        return Err(e);
                    }
                };
                let n = v.len();
                (v, n)
            }
            _ => match crate::modules::array::buffer_bytes(&data) {
                Some(v) => {
                    let n = v.len();
                    (v, n)
                }
                None => {
                    drop(s);
                    return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(&data))));
                }
            },
        }
    } else {
        let Some(text) = data.as_str() else {
            drop(s);
            return Err(vm.type_error(format!("write() argument must be str, not {}", vm.type_name(&data))));
        };
        let count = text.len();
        let translated = match s.newline.as_deref() {
            Some("\r") | Some("\r\n") => {
                let nl: Vec<u32> = s.newline.as_deref().unwrap_or("\n").chars().map(|c| c as u32).collect();
                let mut out = Vec::with_capacity(text.len());
                for c in text.iter() {
                    if c == '\n' as u32 {
                        out.extend_from_slice(&nl);
                    } else {
                        out.push(c);
                    }
                }
                PyStr::from_code_points(out)
            }
            _ => text.substring(0, text.len()),
        };
        let (codec, errors) = (s.codec, s.errors.clone());
        let bytes = codecs::encode(vm, &translated, codec, &errors)?;
        (bytes, count)
    };
    s.wbuf.extend_from_slice(&bytes);
    if s.wbuf.len() > 65536 || s.kind == "FileIO" {
        if let Err(e) = s.flush_raw() {
            drop(s);
            return Err(io_error(vm, &e, None));
        }
    }
    Ok(Value::Int(count as i64))
}

pub fn f_writelines(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos[0].clone();
    let Some(src) = a.pos.get(1) else {
        return Err(vm.type_error("writelines() takes exactly one argument (0 given)"));
    };
    for line in vm.to_vec(src)? {
        f_write(vm, &Args::new(vec![this.clone(), line]))?;
    }
    Ok(Value::None)
}

pub fn f_close(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos[0].clone();
    let cell = state(vm, &this)?;
    let mut s = cell.borrow_mut();
    let r = s.flush_raw();
    s.release();
    drop(s);
    if let Err(e) = r {
        return Err(io_error(vm, &e, None));
    }
    Ok(Value::None)
}

pub fn f_flush(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos[0].clone();
    let cell = state(vm, &this)?;
    let mut s = cell.borrow_mut();
    check_open(vm, &s)?;
    if let Err(e) = s.flush_raw() {
        drop(s);
        return Err(io_error(vm, &e, None));
    }
    Ok(Value::None)
}

pub fn f_seek(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos[0].clone();
    let cell = state(vm, &this)?;
    let Some(off) = a.pos.get(1) else {
        return Err(vm.type_error("seek() takes at least 1 argument (0 given)"));
    };
    let off = crate::builtins::index_i64(vm, off)?;
    let whence = match a.pos.get(2) {
        Some(w) => crate::builtins::index_i64(vm, w)?,
        None => 0,
    };
    let mut s = cell.borrow_mut();
    check_open(vm, &s)?;
    if !s.binary && whence != 0 && off != 0 {
        drop(s);
        return Err(unsupported(vm, if whence == 1 { "can't do nonzero cur-relative seeks" } else { "can't do nonzero end-relative seeks" }));
    }
    let target = match whence {
        0 => {
            if off < 0 {
                drop(s);
                return Err(vm.value_error(format!("negative seek position {off}")));
            }
            SeekFrom::Start(off as u64)
        }
        1 => SeekFrom::Current(off),
        2 => SeekFrom::End(off),
        _ => {
            drop(s);
            return Err(vm.value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)")));
        }
    };
    let r = s.flush_raw().and_then(|_| s.sync_read()).and_then(|_| match &mut s.file {
        Some(f) => f.seek(target),
        None => Ok(0),
    });
    drop(s);
    match r {
        Ok(p) => Ok(Value::Int(p as i64)),
        Err(e) => Err(io_error(vm, &e, None)),
    }
}

pub fn f_tell(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos[0].clone();
    let cell = state(vm, &this)?;
    let mut s = cell.borrow_mut();
    check_open(vm, &s)?;
    let ahead = s.rbuf.len() as i64;
    let pending = s.wbuf.len() as i64;
    let r = match &mut s.file {
        Some(f) => f.stream_position(),
        None => Ok(0),
    };
    drop(s);
    match r {
        Ok(p) => Ok(Value::Int(p as i64 - ahead + pending)),
        Err(e) => Err(io_error(vm, &e, None)),
    }
}

pub fn f_truncate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let pos = f_tell(vm, &Args::new(vec![a.pos[0].clone()]))?;
    let size = match a.pos.get(1) {
        Some(Value::None) | None => crate::vm::ops::as_i64(&pos).unwrap_or(0),
        Some(v) => crate::builtins::index_i64(vm, v)?,
    };
    let this = a.pos[0].clone();
    let cell = state(vm, &this)?;
    let mut s = cell.borrow_mut();
    let r = s.flush_raw().and_then(|_| match &s.file {
        Some(f) => f.set_len(size.max(0) as u64),
        None => Ok(()),
    });
    drop(s);
    match r {
        Ok(()) => Ok(Value::Int(size)),
        Err(e) => Err(io_error(vm, &e, None)),
    }
}

pub fn f_fileno(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    use std::os::fd::AsRawFd;
    let this = a.pos[0].clone();
    let cell = state(vm, &this)?;
    let s = cell.borrow();
    check_open(vm, &s)?;
    Ok(Value::Int(s.file.as_ref().map(|f| f.as_raw_fd() as i64).unwrap_or(-1)))
}

fn flag(vm: &mut Vm, a: &Args, f: fn(&FileState) -> bool) -> PyResult<Value> {
    let this = a.pos[0].clone();
    let cell = state(vm, &this)?;
    let s = cell.borrow();
    check_open(vm, &s)?;
    Ok(Value::Bool(f(&s)))
}

pub fn f_readable(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    flag(vm, a, |s| s.readable)
}

pub fn f_writable(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    flag(vm, a, |s| s.writable)
}

pub fn f_seekable(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    flag(vm, a, |_| true)
}

pub fn f_isatty(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    flag(vm, a, |_| false)
}

pub fn f_enter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos[0].clone();
    let cell = state(vm, &this)?;
    check_open(vm, &cell.borrow())?;
    Ok(this)
}

pub fn f_exit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    f_close(vm, &Args::new(vec![a.pos[0].clone()]))?;
    Ok(Value::None)
}

pub fn f_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos[0].clone();
    let cell = state(vm, &this)?;
    let (name, mode, kind, enc, binary) = {
        let s = cell.borrow();
        (s.name.clone(), s.mode.clone(), s.kind, s.encoding.clone(), s.binary)
    };
    let n = vm.repr(&name)?.to_string_lossy();
    let text = if !binary {
        format!("<_io.{kind} name={n} mode='{mode}' encoding='{enc}'>")
    } else if kind == "FileIO" {
        format!("<_io.FileIO name={n} mode='{mode}' closefd=True>")
    } else {
        format!("<_io.{kind} name={n}>")
    };
    Ok(vm.new_str(&text))
}

/// Attributes of file objects: `closed`, `name`, `mode`, `encoding`…
pub fn is_file(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::File(_)))
}

pub fn file_attr(vm: &mut Vm, v: &Value, name: &str) -> Option<Value> {
    let Some(Payload::File(s)) = v.payload() else { return None };
    let s = s.borrow();
    Some(match name {
        "closed" => Value::Bool(s.file.is_none()),
        "name" => s.name.clone(),
        "mode" => vm.new_str(&s.mode),
        "encoding" if !s.binary => vm.new_str(&s.encoding),
        "errors" if !s.binary => vm.new_str(&s.errors),
        "newlines" if !s.binary => Value::None,
        "line_buffering" if !s.binary => Value::Bool(false),
        // open()'s binary files are their own raw layer: `f.raw` is `f`.
        "raw" if s.binary && s.kind != "FileIO" => v.clone(),
        _ => return None,
    })
}

/// `f.name = value` (tempfile names its files by descriptor this way).
pub fn set_file_name(v: &Value, name: Value) -> bool {
    match v.payload() {
        Some(Payload::File(s)) => {
            s.borrow_mut().name = name;
            true
        }
        _ => false,
    }
}
