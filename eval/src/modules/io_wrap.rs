//! `_io.TextIOWrapper`, `BufferedReader`/`Writer`/`Random`/`RWPair` and
//! `FileIO` constructed from Python over arbitrary objects, and
//! `IncrementalNewlineDecoder`.
//!
//! The classes are the ones `open()` returns (objects/files.rs keeps its
//! direct implementation for real files, `Payload::File`); each method
//! here dispatches to files.rs for those and otherwise works on a wrapper
//! state (`Payload::Opaque`) that talks to the wrapped object through its
//! Python methods. State borrows never span such calls.

use std::cell::RefMut;

use crate::modules::io::{self, rest, this};
use crate::modules::native::{self, bind};
use crate::objects::codecs::{self, Codec};
use crate::objects::files;
use crate::objects::str::PyStr;
use crate::value::{NativeFn, Payload, PyRef, Value};
use crate::vm::{str_key, Args, Vm};
use crate::{PyErr, PyResult};

const CHUNK: usize = 8192;

pub fn install(vm: &mut Vm, m: &Value, buffered: &PyRef) -> PyResult<()> {
    install_text(vm);
    install_buffered(vm);
    install_fileio(vm);
    let rwpair = io::io_class(vm, "BufferedRWPair", Some(buffered.clone()));
    native::add_new(&rwpair, rw_new);
    let methods: &[(&'static str, NativeFn)] = &[
        ("read", rw_read),
        ("read1", rw_read1),
        ("peek", rw_peek),
        ("readline", rw_readline),
        ("readinto", rw_readinto),
        ("readinto1", rw_readinto1),
        ("write", rw_write),
        ("flush", rw_flush),
        ("readable", rw_readable),
        ("writable", rw_writable),
        ("isatty", rw_isatty),
        ("close", rw_close),
    ];
    for (n, f) in methods {
        native::add_method(&rwpair, n, *f);
    }
    native::add_getter(vm, &rwpair, "closed", rw_closed);
    native::set(m, "BufferedRWPair", Value::Obj(rwpair));

    let decoder = native::native_class(vm, "_io", "IncrementalNewlineDecoder", None);
    native::add_new(&decoder, nd_new);
    let methods: &[(&'static str, NativeFn)] = &[("__init__", nd_init), ("decode", nd_decode), ("getstate", nd_getstate), ("setstate", nd_setstate), ("reset", nd_reset)];
    for (n, f) in methods {
        native::add_method(&decoder, n, *f);
    }
    native::add_getter(vm, &decoder, "newlines", nd_newlines);
    native::set(m, "IncrementalNewlineDecoder", Value::Obj(decoder));
    Ok(())
}

fn call0(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Value> {
    vm.call_method(obj, name, vec![])
}

fn truthy_call(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<bool> {
    let r = call0(vm, obj, name)?;
    vm.truthy(&r)
}

fn bytes_value(vm: &Vm, data: Vec<u8>) -> Value {
    crate::objects::bytes::new_bytes(vm, data)
}

// ------------------------------------------------------------ TextIOWrapper

pub struct TextWrap {
    buffer: Value,
    init: bool,
    detached: bool,
    encoding: String,
    codec: Codec,
    errors: String,
    /// The `newline` argument: None for universal newlines.
    newline: Option<String>,
    line_buffering: bool,
    write_through: bool,
    readable: bool,
    writable: bool,
    has_read1: bool,
    /// Decoded text read ahead, before newline translation.
    pending: Vec<u32>,
    /// Bytes read but not decoded yet (an incomplete character).
    rbytes: Vec<u8>,
    eof: bool,
    seennl: u8,
    /// Encoded text not yet written to the buffer.
    wpending: Vec<u8>,
}

impl TextWrap {
    fn empty() -> TextWrap {
        TextWrap {
            buffer: Value::None,
            init: false,
            detached: false,
            encoding: String::new(),
            codec: Codec::Utf8,
            errors: "strict".into(),
            newline: None,
            line_buffering: false,
            write_through: false,
            readable: false,
            writable: false,
            has_read1: false,
            pending: Vec::new(),
            rbytes: Vec::new(),
            eof: false,
            seennl: 0,
            wpending: Vec::new(),
        }
    }

    fn universal(&self) -> bool {
        self.newline.as_deref().is_none_or(|n| n.is_empty())
    }

    fn record_newlines(&mut self) {
        if !self.universal() {
            return;
        }
        let (cr, lf) = ('\r' as u32, '\n' as u32);
        let n = self.pending.len();
        let mut i = 0;
        while i < n {
            let c = self.pending[i];
            if c == cr {
                if i + 1 < n {
                    if self.pending[i + 1] == lf {
                        self.seennl |= 4;
                        i += 1;
                    } else {
                        self.seennl |= 2;
                    }
                } else if self.eof {
                    self.seennl |= 2;
                }
            } else if c == lf {
                self.seennl |= 1;
            }
            i += 1;
        }
    }

    /// Walk the read-ahead text producing output (translated as the mode
    /// asks), up to `max` characters, or through the first line end when
    /// `line`. Returns the output, how much read-ahead it used, and
    /// whether it is complete (false: more data is needed).
    fn scan(&self, max: Option<usize>, line: bool) -> (Vec<u32>, usize, bool) {
        let (cr, lf) = ('\r' as u32, '\n' as u32);
        let p = &self.pending;
        let mut out = Vec::new();
        let mut i = 0;
        let nl = self.newline.as_deref();
        let full = |out: &Vec<u32>| max.is_some_and(|m| out.len() >= m);
        while i < p.len() {
            if full(&out) {
                return (out, i, true);
            }
            let c = p[i];
            if c == cr {
                let needs_next = matches!(nl, None | Some("") | Some("\r\n"));
                if needs_next && i + 1 == p.len() && !self.eof {
                    return (out, i, false);
                }
                let next_lf = p.get(i + 1) == Some(&lf);
                match nl {
                    None => {
                        out.push(lf);
                        i += if next_lf { 2 } else { 1 };
                        if line {
                            return (out, i, true);
                        }
                    }
                    Some("") | Some("\r\n") => {
                        out.push(cr);
                        i += 1;
                        if next_lf {
                            if full(&out) {
                                return (out, i, true);
                            }
                            out.push(lf);
                            i += 1;
                            if line {
                                return (out, i, true);
                            }
                        } else if line && nl == Some("") {
                            return (out, i, true);
                        }
                    }
                    Some("\r") => {
                        out.push(cr);
                        i += 1;
                        if line {
                            return (out, i, true);
                        }
                    }
                    _ => {
                        out.push(cr);
                        i += 1;
                    }
                }
            } else {
                out.push(c);
                i += 1;
                if c == lf && line && matches!(nl, None | Some("") | Some("\n")) {
                    return (out, i, true);
                }
            }
        }
        let done = self.eof || full(&out);
        (out, i, done)
    }
}

fn tw_state<'a>(vm: &Vm, v: &'a Value) -> PyResult<RefMut<'a, TextWrap>> {
    native::opaque_mut::<TextWrap>(v).ok_or_else(|| vm.type_error(format!("descriptor requires a '_io.TextIOWrapper' object but received a '{}'", vm.type_name(v))))
}

/// The wrapped buffer, after the attached / initialized checks.
fn tw_buffer(vm: &Vm, slf: &Value) -> PyResult<Value> {
    let s = tw_state(vm, slf)?;
    if !s.init {
        return Err(vm.value_error("I/O operation on uninitialized object"));
    }
    if s.detached {
        return Err(vm.value_error("underlying buffer has been detached"));
    }
    Ok(s.buffer.clone())
}

fn tw_check_closed(vm: &mut Vm, slf: &Value) -> PyResult<Value> {
    let b = tw_buffer(vm, slf)?;
    let c = vm.getattr(&b, &str_key("closed"))?;
    if vm.truthy(&c)? {
        return Err(io::closed_error(vm));
    }
    Ok(b)
}

fn tw_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first().cloned() else { return Err(vm.type_error("TextIOWrapper.__new__(X): X is not a type object")) };
    Ok(vm.new_object(&cls, Payload::Opaque(std::cell::RefCell::new(Box::new(TextWrap::empty()))), true))
}

fn opt_str_arg(vm: &Vm, v: &Option<Value>, what: &str) -> PyResult<Option<String>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => match v.as_str() {
            Some(s) => Ok(Some(s.to_string_lossy())),
            None => Err(vm.type_error(format!("TextIOWrapper() argument '{what}' must be str or None, not {}", vm.type_name(v)))),
        },
    }
}

fn tw_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "__init__")?;
    if files::is_file(&slf) {
        return Ok(Value::None);
    }
    let s = bind(vm, &rest(a), "TextIOWrapper", &["buffer", "encoding", "errors", "newline", "line_buffering", "write_through"], 1, 6)?;
    let buffer = s[0].clone().unwrap_or(Value::None);
    let encoding = opt_str_arg(vm, &s[1], "encoding")?;
    let errors = opt_str_arg(vm, &s[2], "errors")?;
    let newline = opt_str_arg(vm, &s[3], "newline")?;
    if let Some(nl) = &newline {
        if !["", "\n", "\r", "\r\n"].contains(&nl.as_str()) {
            return Err(vm.value_error(format!("illegal newline value: {nl}")));
        }
    }
    let flag = |vm: &mut Vm, v: &Option<Value>| -> PyResult<bool> {
        match v {
            None => Ok(false),
            Some(v) => Ok(crate::builtins::index_i64(vm, v)? != 0),
        }
    };
    let line_buffering = flag(vm, &s[4])?;
    let write_through = flag(vm, &s[5])?;
    let encoding = match encoding.as_deref() {
        None | Some("locale") => "utf-8".to_string(),
        Some(e) => e.to_string(),
    };
    let Some(codec) = codecs::lookup(&encoding) else { return Err(codecs::unknown_encoding(vm, &encoding)) };
    let readable = truthy_call(vm, &buffer, "readable")?;
    let writable = truthy_call(vm, &buffer, "writable")?;
    let has_read1 = match vm.getattr(&buffer, &str_key("read1")) {
        Ok(_) => true,
        Err(e) if vm.isinstance(&e.0, &vm.types.exc.attribute_error.clone()) => false,
        Err(e) => return Err(e),
    };
    let mut st = tw_state(vm, &slf)?;
    *st = TextWrap {
        buffer,
        init: true,
        encoding,
        codec,
        errors: errors.unwrap_or_else(|| "strict".into()),
        newline,
        line_buffering,
        write_through,
        readable,
        writable,
        has_read1,
        ..TextWrap::empty()
    };
    Ok(Value::None)
}

/// Write the encoded text waiting in the wrapper to its buffer.
fn tw_flush_pending(vm: &mut Vm, slf: &Value) -> PyResult<()> {
    let (buffer, data) = {
        let mut s = tw_state(vm, slf)?;
        if s.wpending.is_empty() {
            return Ok(());
        }
        (s.buffer.clone(), std::mem::take(&mut s.wpending))
    };
    let b = bytes_value(vm, data);
    vm.call_method(&buffer, "write", vec![b])?;
    Ok(())
}

/// Read one more chunk from the buffer into the read-ahead text.
/// Returns false at end of file.
fn tw_fill(vm: &mut Vm, slf: &Value, all: bool) -> PyResult<bool> {
    let (buffer, has_read1) = {
        let s = tw_state(vm, slf)?;
        (s.buffer.clone(), s.has_read1)
    };
    let data = if all {
        vm.call_method(&buffer, "read", vec![])?
    } else if has_read1 {
        vm.call_method(&buffer, "read1", vec![Value::Int(CHUNK as i64)])?
    } else {
        vm.call_method(&buffer, "read", vec![Value::Int(CHUNK as i64)])?
    };
    let bytes = match data.payload() {
        Some(Payload::Bytes(b)) => b.to_vec(),
        _ if data.is_none() => Vec::new(),
        _ => match crate::objects::bytes::bytes_of(&data) {
            Some(b) => b,
            None => {
                let what = if all || !has_read1 { "read" } else { "read1" };
                return Err(vm.type_error(format!("underlying {what}() should have returned a bytes-like object, not '{}'", vm.type_name(&data))));
            }
        },
    };
    let at_eof = bytes.is_empty() || all;
    let (raw, codec, errors) = {
        let mut s = tw_state(vm, slf)?;
        let mut raw = std::mem::take(&mut s.rbytes);
        raw.extend_from_slice(&bytes);
        if at_eof {
            s.eof = true;
        }
        let keep = if at_eof { raw.len() } else { files::complete_prefix(s.codec, &raw) };
        let tail = raw.split_off(keep);
        s.rbytes = tail;
        (raw, s.codec, s.errors.clone())
    };
    let text = codecs::decode(vm, &raw, codec, &errors)?;
    let mut s = tw_state(vm, slf)?;
    s.pending.extend(text.iter());
    s.record_newlines();
    Ok(!bytes.is_empty())
}

fn tw_read_chars(vm: &mut Vm, slf: &Value, max: Option<usize>, line: bool) -> PyResult<Vec<u32>> {
    loop {
        {
            let mut s = tw_state(vm, slf)?;
            let (out, used, complete) = s.scan(max, line);
            if complete {
                s.pending.drain(..used);
                return Ok(out);
            }
        }
        tw_fill(vm, slf, false)?;
    }
}

fn tw_check_readable(vm: &mut Vm, slf: &Value) -> PyResult<()> {
    tw_check_closed(vm, slf)?;
    let readable = tw_state(vm, slf)?.readable;
    if !readable {
        return Err(io::unsupported(vm, "not readable"));
    }
    tw_flush_pending(vm, slf)
}

fn tw_read(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "read")?;
    if files::is_file(&slf) {
        return files::f_read(vm, a);
    }
    let size = io::size_arg(vm, a.pos.get(1).or_else(|| a.kwarg("size")))?;
    tw_check_readable(vm, &slf)?;
    if size < 0 {
        let eof = tw_state(vm, &slf)?.eof;
        if !eof {
            tw_fill(vm, &slf, true)?;
        }
    }
    let out = tw_read_chars(vm, &slf, if size < 0 { None } else { Some(size as usize) }, false)?;
    Ok(vm.new_pystr(PyStr::from_code_points(out)))
}

fn tw_readline(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "readline")?;
    if files::is_file(&slf) {
        return files::f_readline(vm, a);
    }
    let size = io::size_arg(vm, a.pos.get(1).or_else(|| a.kwarg("size")))?;
    tw_check_readable(vm, &slf)?;
    let out = tw_read_chars(vm, &slf, if size < 0 { None } else { Some(size as usize) }, true)?;
    Ok(vm.new_pystr(PyStr::from_code_points(out)))
}

fn tw_readlines(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "readlines")?;
    if files::is_file(&slf) {
        return files::f_readlines(vm, a);
    }
    let hint = io::size_arg(vm, a.pos.get(1).or_else(|| a.kwarg("hint")))?;
    tw_check_readable(vm, &slf)?;
    let mut lines = Vec::new();
    let mut total = 0usize;
    loop {
        let l = tw_read_chars(vm, &slf, None, true)?;
        if l.is_empty() {
            break;
        }
        total += l.len();
        lines.push(vm.new_pystr(PyStr::from_code_points(l)));
        if hint > 0 && total as i64 > hint {
            break;
        }
    }
    Ok(vm.new_list(lines))
}

fn tw_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "__next__")?;
    if files::is_file(&slf) {
        return files::f_next(vm, a);
    }
    let l = tw_readline(vm, &Args::new(vec![slf]))?;
    if l.as_str().is_some_and(|s| s.is_empty()) {
        return Err(vm.stop_iteration(Value::None));
    }
    Ok(l)
}

fn tw_write(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "write")?;
    if files::is_file(&slf) {
        return files::f_write(vm, a);
    }
    let Some(arg) = a.pos.get(1).cloned() else { return Err(vm.type_error("write() takes exactly one argument (0 given)")) };
    tw_check_closed(vm, &slf)?;
    let Some(text) = arg.as_str() else { return Err(vm.type_error(format!("write() argument must be str, not {}", vm.type_name(&arg)))) };
    let n = text.len();
    let (writable, newline, codec, errors, line_buffering, write_through) = {
        let s = tw_state(vm, &slf)?;
        (s.writable, s.newline.clone(), s.codec, s.errors.clone(), s.line_buffering, s.write_through)
    };
    if !writable {
        return Err(io::unsupported(vm, "not writable"));
    }
    let cps = text.code_points();
    let haslf = cps.contains(&('\n' as u32));
    let needflush = line_buffering && (haslf || cps.contains(&('\r' as u32)));
    let translated = match newline.as_deref() {
        Some(nl @ ("\r" | "\r\n")) if haslf => {
            let nlc: Vec<u32> = nl.chars().map(|c| c as u32).collect();
            let mut out = Vec::with_capacity(cps.len() + 8);
            for c in cps {
                if c == '\n' as u32 {
                    out.extend_from_slice(&nlc);
                } else {
                    out.push(c);
                }
            }
            PyStr::from_code_points(out)
        }
        _ => text.substring(0, text.len()),
    };
    let encoded = codecs::encode(vm, &translated, codec, &errors)?;
    let over = {
        let mut s = tw_state(vm, &slf)?;
        s.wpending.extend_from_slice(&encoded);
        s.pending.clear();
        s.rbytes.clear();
        s.eof = false;
        s.wpending.len() > CHUNK
    };
    if over || needflush || write_through {
        tw_flush_pending(vm, &slf)?;
    }
    if needflush {
        let b = tw_buffer(vm, &slf)?;
        call0(vm, &b, "flush")?;
    }
    Ok(Value::Int(n as i64))
}

fn tw_writelines(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "writelines")?;
    if files::is_file(&slf) {
        return files::f_writelines(vm, a);
    }
    let Some(lines) = a.pos.get(1).cloned() else { return Err(vm.type_error("writelines() takes exactly one argument (0 given)")) };
    tw_check_closed(vm, &slf)?;
    let it = vm.iter(&lines)?;
    while let Some(line) = vm.next(&it)? {
        tw_write(vm, &Args::new(vec![slf.clone(), line]))?;
    }
    Ok(Value::None)
}

fn tw_flush(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "flush")?;
    if files::is_file(&slf) {
        return files::f_flush(vm, a);
    }
    let b = tw_check_closed(vm, &slf)?;
    tw_flush_pending(vm, &slf)?;
    call0(vm, &b, "flush")
}

fn tw_close(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "close")?;
    if files::is_file(&slf) {
        return files::f_close(vm, a);
    }
    let b = tw_buffer(vm, &slf)?;
    let c = vm.getattr(&b, &str_key("closed"))?;
    if vm.truthy(&c)? {
        return Ok(Value::None);
    }
    let r = tw_flush(vm, &Args::new(vec![slf.clone()]));
    call0(vm, &b, "close")?;
    r?;
    Ok(Value::None)
}

fn tw_tell(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "tell")?;
    if files::is_file(&slf) {
        return files::f_tell(vm, a);
    }
    let b = tw_check_closed(vm, &slf)?;
    if !truthy_call(vm, &b, "seekable")? {
        return Err(io::unsupported(vm, "underlying stream is not seekable"));
    }
    tw_flush(vm, &Args::new(vec![slf.clone()]))?;
    let pos = call0(vm, &b, "tell")?;
    let pos = crate::builtins::index_i64(vm, &pos)?;
    let (pending, ahead, codec) = {
        let s = tw_state(vm, &slf)?;
        (s.pending.clone(), s.rbytes.len(), s.codec)
    };
    let enc = codecs::encode(vm, &PyStr::from_code_points(pending), codec, "surrogatepass").or_else(|_| Ok::<_, PyErr>(Vec::new()))?;
    Ok(Value::Int(pos - ahead as i64 - enc.len() as i64))
}

fn tw_reset_read(vm: &Vm, slf: &Value) -> PyResult<()> {
    let mut s = tw_state(vm, slf)?;
    s.pending.clear();
    s.rbytes.clear();
    s.eof = false;
    Ok(())
}

fn tw_seek(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "seek")?;
    if files::is_file(&slf) {
        return files::f_seek(vm, a);
    }
    let Some(cookie) = a.pos.get(1).cloned() else { return Err(vm.type_error("seek expected at least 1 argument, got 0")) };
    let cookie = crate::builtins::index_i64(vm, &cookie)?;
    let whence = match a.pos.get(2) {
        Some(w) => crate::builtins::index_i64(vm, w)?,
        None => 0,
    };
    let b = tw_check_closed(vm, &slf)?;
    if !truthy_call(vm, &b, "seekable")? {
        return Err(io::unsupported(vm, "underlying stream is not seekable"));
    }
    match whence {
        1 => {
            if cookie != 0 {
                return Err(io::unsupported(vm, "can't do nonzero cur-relative seeks"));
            }
            tw_tell(vm, &Args::new(vec![slf]))
        }
        2 => {
            if cookie != 0 {
                return Err(io::unsupported(vm, "can't do nonzero end-relative seeks"));
            }
            tw_flush(vm, &Args::new(vec![slf.clone()]))?;
            tw_reset_read(vm, &slf)?;
            vm.call_method(&b, "seek", vec![Value::Int(0), Value::Int(2)])
        }
        0 => {
            if cookie < 0 {
                return Err(vm.value_error(format!("negative seek position {cookie}")));
            }
            tw_flush(vm, &Args::new(vec![slf.clone()]))?;
            tw_reset_read(vm, &slf)?;
            vm.call_method(&b, "seek", vec![Value::Int(cookie)])?;
            Ok(Value::Int(cookie))
        }
        _ => Err(vm.value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)"))),
    }
}

fn tw_truncate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "truncate")?;
    if files::is_file(&slf) {
        return files::f_truncate(vm, a);
    }
    let b = tw_check_closed(vm, &slf)?;
    tw_flush(vm, &Args::new(vec![slf.clone()]))?;
    let pos = a.pos.get(1).cloned().unwrap_or(Value::None);
    vm.call_method(&b, "truncate", vec![pos])
}

fn tw_detach(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "detach")?;
    if files::is_file(&slf) {
        return Err(io::unsupported(vm, "detach"));
    }
    let b = tw_buffer(vm, &slf)?;
    tw_flush(vm, &Args::new(vec![slf.clone()]))?;
    let mut s = tw_state(vm, &slf)?;
    s.detached = true;
    s.buffer = Value::None;
    Ok(b)
}

macro_rules! tw_delegate {
    ($name:ident, $file_fn:path, $method:expr) => {
        fn $name(vm: &mut Vm, a: &Args) -> PyResult<Value> {
            let slf = this(vm, a, $method)?;
            if files::is_file(&slf) {
                return $file_fn(vm, a);
            }
            let b = tw_buffer(vm, &slf)?;
            call0(vm, &b, $method)
        }
    };
}

tw_delegate!(tw_fileno, files::f_fileno, "fileno");
tw_delegate!(tw_isatty, files::f_isatty, "isatty");
tw_delegate!(tw_readable, files::f_readable, "readable");
tw_delegate!(tw_writable, files::f_writable, "writable");
tw_delegate!(tw_seekable, files::f_seekable, "seekable");

fn tw_enter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "__enter__")?;
    if files::is_file(&slf) {
        return files::f_enter(vm, a);
    }
    tw_check_closed(vm, &slf)?;
    Ok(slf)
}

fn tw_exit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "__exit__")?;
    if files::is_file(&slf) {
        return files::f_exit(vm, a);
    }
    vm.call_method(&slf, "close", vec![])
}

fn tw_iter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    tw_enter(vm, a)
}

fn tw_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "__repr__")?;
    if files::is_file(&slf) {
        return files::f_repr(vm, a);
    }
    let cls = vm.type_of(&slf);
    let mut out = format!("<{}", crate::types::class_name(&cls));
    for attr in ["name", "mode"] {
        match vm.getattr(&slf, &str_key(attr)) {
            Ok(v) => {
                let r = vm.repr(&v)?.to_string_lossy();
                out.push_str(&format!(" {attr}={r}"));
            }
            Err(e) if vm.isinstance(&e.0, &vm.types.exc.attribute_error.clone()) || vm.isinstance(&e.0, &vm.types.exc.value_error.clone()) => {}
            Err(e) => return Err(e),
        }
    }
    let enc = tw_state(vm, &slf)?.encoding.clone();
    let r = PyStr::new(&enc).repr();
    out.push_str(&format!(" encoding={r}>"));
    Ok(vm.new_str(&out))
}

/// A getter that serves real files through files.rs, wrappers otherwise.
fn tw_attr(vm: &mut Vm, a: &Args, name: &str) -> PyResult<Value> {
    let slf = this(vm, a, name)?;
    if files::is_file(&slf) {
        return match files::file_attr(vm, &slf, name) {
            Some(v) => Ok(v),
            None => Err(vm.no_attribute(&slf, name)),
        };
    }
    match name {
        "closed" | "name" => {
            let b = tw_buffer(vm, &slf)?;
            vm.getattr(&b, &str_key(name))
        }
        "buffer" => {
            let s = tw_state(vm, &slf)?;
            if !s.init {
                return Err(vm.value_error("I/O operation on uninitialized object"));
            }
            Ok(s.buffer.clone())
        }
        "encoding" => {
            let e = tw_state(vm, &slf)?.encoding.clone();
            Ok(vm.new_str(&e))
        }
        "errors" => {
            let e = tw_state(vm, &slf)?.errors.clone();
            Ok(vm.new_str(&e))
        }
        "line_buffering" => Ok(Value::Bool(tw_state(vm, &slf)?.line_buffering)),
        "write_through" => Ok(Value::Bool(tw_state(vm, &slf)?.write_through)),
        "newlines" => {
            let s = tw_state(vm, &slf)?;
            if !s.universal() || !s.readable {
                return Ok(Value::None);
            }
            let seen = s.seennl;
            drop(s);
            Ok(crate::modules::io_memory::newlines_value(vm, seen))
        }
        _ => Err(vm.no_attribute(&slf, name)),
    }
}

macro_rules! tw_getter {
    ($name:ident, $attr:expr) => {
        fn $name(vm: &mut Vm, a: &Args) -> PyResult<Value> {
            tw_attr(vm, a, $attr)
        }
    };
}

tw_getter!(tw_closed, "closed");
tw_getter!(tw_name, "name");
tw_getter!(tw_buffer_attr, "buffer");
tw_getter!(tw_encoding, "encoding");
tw_getter!(tw_errors, "errors");
tw_getter!(tw_line_buffering, "line_buffering");
tw_getter!(tw_write_through, "write_through");
tw_getter!(tw_newlines, "newlines");

fn tw_reconfigure(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "reconfigure")?;
    if files::is_file(&slf) {
        return Ok(Value::None);
    }
    let s = bind(vm, &rest(a), "reconfigure", &["encoding", "errors", "newline", "line_buffering", "write_through"], 0, 0)?;
    let encoding = opt_str_arg(vm, &s[0], "encoding")?;
    let errors = opt_str_arg(vm, &s[1], "errors")?;
    let newline = match &s[2] {
        None => None,
        Some(v) => Some(opt_str_arg(vm, &Some(v.clone()), "newline")?),
    };
    if let Some(Some(nl)) = &newline {
        if !["", "\n", "\r", "\r\n"].contains(&nl.as_str()) {
            return Err(vm.value_error(format!("illegal newline value: {nl}")));
        }
    }
    let lb = match &s[3] {
        None | Some(Value::None) => None,
        Some(v) => Some(vm.truthy(v)?),
    };
    let wt = match &s[4] {
        None | Some(Value::None) => None,
        Some(v) => Some(vm.truthy(v)?),
    };
    let codec = match &encoding {
        Some(e) => match codecs::lookup(e) {
            Some(c) => Some(c),
            None => return Err(codecs::unknown_encoding(vm, e)),
        },
        None => None,
    };
    tw_flush(vm, &Args::new(vec![slf.clone()]))?;
    let mut st = tw_state(vm, &slf)?;
    if let (Some(e), Some(c)) = (encoding, codec) {
        st.encoding = e;
        st.codec = c;
        if errors.is_none() {
            st.errors = "strict".into();
        }
    }
    if let Some(e) = errors {
        st.errors = e;
    }
    if let Some(nl) = newline {
        st.newline = nl;
    }
    if let Some(b) = lb {
        st.line_buffering = b;
    }
    if let Some(b) = wt {
        st.write_through = b;
    }
    Ok(Value::None)
}

fn install_text(vm: &mut Vm) {
    let cls = vm.types.file_text.clone();
    native::add_new(&cls, tw_new);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__init__", tw_init),
        ("read", tw_read),
        ("readline", tw_readline),
        ("readlines", tw_readlines),
        ("write", tw_write),
        ("writelines", tw_writelines),
        ("flush", tw_flush),
        ("close", tw_close),
        ("tell", tw_tell),
        ("seek", tw_seek),
        ("truncate", tw_truncate),
        ("detach", tw_detach),
        ("fileno", tw_fileno),
        ("isatty", tw_isatty),
        ("readable", tw_readable),
        ("writable", tw_writable),
        ("seekable", tw_seekable),
        ("reconfigure", tw_reconfigure),
        ("__enter__", tw_enter),
        ("__exit__", tw_exit),
        ("__iter__", tw_iter),
        ("__next__", tw_next),
        ("__repr__", tw_repr),
    ];
    for (n, f) in methods {
        native::add_method(&cls, n, *f);
    }
    let getters: &[(&'static str, NativeFn)] = &[
        ("closed", tw_closed),
        ("name", tw_name),
        ("buffer", tw_buffer_attr),
        ("encoding", tw_encoding),
        ("errors", tw_errors),
        ("line_buffering", tw_line_buffering),
        ("write_through", tw_write_through),
        ("newlines", tw_newlines),
    ];
    for (n, f) in getters {
        if *n == "name" {
            native::add_property(vm, &cls, n, *f, bf_set_name);
        } else {
            native::add_getter(vm, &cls, n, *f);
        }
    }
    native::set(&Value::Obj(cls), "_CHUNK_SIZE", Value::Int(CHUNK as i64));
}

// ------------------------------------------------------------ Buffered*

#[derive(Clone, Copy, PartialEq)]
enum BufKind {
    Reader,
    Writer,
    Random,
}

impl BufKind {
    fn name(self) -> &'static str {
        match self {
            BufKind::Reader => "BufferedReader",
            BufKind::Writer => "BufferedWriter",
            BufKind::Random => "BufferedRandom",
        }
    }
}

pub struct Buffered {
    raw: Value,
    kind: BufKind,
    init: bool,
    detached: bool,
    buffer_size: usize,
    rbuf: Vec<u8>,
    wbuf: Vec<u8>,
}

fn bf_state<'a>(vm: &Vm, v: &'a Value) -> PyResult<RefMut<'a, Buffered>> {
    native::opaque_mut::<Buffered>(v).ok_or_else(|| vm.type_error(format!("descriptor requires a buffered object but received a '{}'", vm.type_name(v))))
}

fn bf_raw(vm: &Vm, slf: &Value) -> PyResult<Value> {
    let s = bf_state(vm, slf)?;
    if !s.init {
        return Err(vm.value_error("I/O operation on uninitialized object"));
    }
    if s.detached {
        return Err(vm.value_error("raw stream has been detached"));
    }
    Ok(s.raw.clone())
}

fn bf_check_closed(vm: &mut Vm, slf: &Value, msg: &str) -> PyResult<Value> {
    let raw = bf_raw(vm, slf)?;
    let c = vm.getattr(&raw, &str_key("closed"))?;
    if vm.truthy(&c)? {
        return Err(vm.value_error(msg));
    }
    Ok(raw)
}

fn kind_of_class(vm: &Vm, cls: &PyRef) -> BufKind {
    let t = &vm.types;
    if vm.is_subclass(cls, &t.file_buffered_random) {
        BufKind::Random
    } else if vm.is_subclass(cls, &t.file_buffered_writer) {
        BufKind::Writer
    } else {
        BufKind::Reader
    }
}

fn bf_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first().cloned() else { return Err(vm.type_error("__new__(X): X is not a type object")) };
    let kind = kind_of_class(vm, &cls);
    let st = Buffered { raw: Value::None, kind, init: false, detached: false, buffer_size: CHUNK, rbuf: Vec::new(), wbuf: Vec::new() };
    Ok(vm.new_object(&cls, Payload::Opaque(std::cell::RefCell::new(Box::new(st))), true))
}

fn bf_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "__init__")?;
    if files::is_file(&slf) {
        return Ok(Value::None);
    }
    let kind = bf_state(vm, &slf)?.kind;
    let s = bind(vm, &rest(a), kind.name(), &["raw", "buffer_size"], 1, 2)?;
    let raw = s[0].clone().unwrap_or(Value::None);
    let size = match &s[1] {
        None => CHUNK as i64,
        Some(v) => crate::builtins::index_i64(vm, v)?,
    };
    if kind == BufKind::Random {
        if !truthy_call(vm, &raw, "seekable")? {
            return Err(io::unsupported(vm, "File or stream is not seekable."));
        }
    }
    if kind != BufKind::Writer && !truthy_call(vm, &raw, "readable")? {
        return Err(io::unsupported(vm, "File or stream is not readable."));
    }
    if kind != BufKind::Reader && !truthy_call(vm, &raw, "writable")? {
        return Err(io::unsupported(vm, "File or stream is not writable."));
    }
    if size <= 0 {
        return Err(vm.value_error("buffer size must be strictly positive"));
    }
    let mut st = bf_state(vm, &slf)?;
    *st = Buffered { raw, kind, init: true, detached: false, buffer_size: size as usize, rbuf: Vec::new(), wbuf: Vec::new() };
    Ok(Value::None)
}

/// Write out the write buffer.
fn bf_flush_w(vm: &mut Vm, slf: &Value) -> PyResult<()> {
    loop {
        let (raw, data) = {
            let s = bf_state(vm, slf)?;
            if s.wbuf.is_empty() {
                return Ok(());
            }
            (s.raw.clone(), s.wbuf.clone())
        };
        let b = bytes_value(vm, data);
        let n = vm.call_method(&raw, "write", vec![b])?;
        let n = if n.is_none() { 0 } else { crate::builtins::index_i64(vm, &n)? };
        let mut s = bf_state(vm, slf)?;
        let n = (n.max(0) as usize).min(s.wbuf.len());
        if n == 0 {
            return Err(vm.err(&vm.types.exc.blocking_io_error.clone(), "write could not complete without blocking"));
        }
        s.wbuf.drain(..n);
    }
}

/// Undo the read-ahead so the raw position is the logical one.
fn bf_rewind(vm: &mut Vm, slf: &Value) -> PyResult<()> {
    let (raw, n) = {
        let mut s = bf_state(vm, slf)?;
        let n = s.rbuf.len();
        s.rbuf.clear();
        (s.raw.clone(), n)
    };
    if n > 0 {
        vm.call_method(&raw, "seek", vec![Value::Int(-(n as i64)), Value::Int(1)])?;
    }
    Ok(())
}

/// One raw read of up to `n` bytes into the read buffer; false at EOF.
fn bf_fill(vm: &mut Vm, slf: &Value, n: usize) -> PyResult<bool> {
    let raw = bf_state(vm, slf)?.raw.clone();
    let data = vm.call_method(&raw, "read", vec![Value::Int(n as i64)])?;
    if data.is_none() {
        return Ok(false);
    }
    let Some(b) = crate::objects::bytes::bytes_of(&data) else {
        return Err(vm.type_error(format!("read() should return bytes, not '{}'", vm.type_name(&data))));
    };
    if b.is_empty() {
        return Ok(false);
    }
    bf_state(vm, slf)?.rbuf.extend_from_slice(&b);
    Ok(true)
}

fn bf_prepare_read(vm: &mut Vm, slf: &Value, msg: &str) -> PyResult<()> {
    bf_check_closed(vm, slf, msg)?;
    let kind = bf_state(vm, slf)?.kind;
    if kind == BufKind::Writer {
        return Err(io::unsupported(vm, "read"));
    }
    bf_flush_w(vm, slf)
}

fn bf_read(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "read")?;
    if files::is_file(&slf) {
        return files::f_read(vm, a);
    }
    let size = io::size_arg(vm, a.pos.get(1).or_else(|| a.kwarg("size")))?;
    if size < -1 {
        return Err(vm.value_error("read length must be non-negative or -1"));
    }
    bf_prepare_read(vm, &slf, "read of closed file")?;
    if size < 0 {
        let raw = bf_state(vm, &slf)?.raw.clone();
        let mut out = std::mem::take(&mut bf_state(vm, &slf)?.rbuf);
        let has_readall = vm.getattr(&raw, &str_key("readall")).is_ok();
        if has_readall {
            let d = call0(vm, &raw, "readall")?;
            if d.is_none() && out.is_empty() {
                return Ok(Value::None);
            }
            if let Some(b) = crate::objects::bytes::bytes_of(&d) {
                out.extend_from_slice(&b);
            }
        } else {
            while bf_fill(vm, &slf, CHUNK)? {
                let more = std::mem::take(&mut bf_state(vm, &slf)?.rbuf);
                out.extend_from_slice(&more);
            }
        }
        return Ok(bytes_value(vm, out));
    }
    let want = size as usize;
    loop {
        let (have, bs) = {
            let s = bf_state(vm, &slf)?;
            (s.rbuf.len(), s.buffer_size)
        };
        if have >= want {
            break;
        }
        if !bf_fill(vm, &slf, (want - have).max(bs))? {
            break;
        }
    }
    let mut s = bf_state(vm, &slf)?;
    let n = want.min(s.rbuf.len());
    let out: Vec<u8> = s.rbuf.drain(..n).collect();
    drop(s);
    Ok(bytes_value(vm, out))
}

fn bf_read1(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "read1")?;
    if files::is_file(&slf) {
        return files::f_read1(vm, a);
    }
    let size = io::size_arg(vm, a.pos.get(1).or_else(|| a.kwarg("size")))?;
    bf_prepare_read(vm, &slf, "read of closed file")?;
    let (empty, bs) = {
        let s = bf_state(vm, &slf)?;
        (s.rbuf.is_empty(), s.buffer_size)
    };
    if empty && size != 0 {
        bf_fill(vm, &slf, if size < 0 { bs } else { (size as usize).max(1) })?;
    }
    let mut s = bf_state(vm, &slf)?;
    let n = if size < 0 { s.rbuf.len() } else { (size as usize).min(s.rbuf.len()) };
    let out: Vec<u8> = s.rbuf.drain(..n).collect();
    drop(s);
    Ok(bytes_value(vm, out))
}

fn bf_peek(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "peek")?;
    if files::is_file(&slf) {
        return Err(vm.no_attribute(&slf, "peek"));
    }
    bf_prepare_read(vm, &slf, "peek of closed file")?;
    let (empty, bs) = {
        let s = bf_state(vm, &slf)?;
        (s.rbuf.is_empty(), s.buffer_size)
    };
    if empty {
        bf_fill(vm, &slf, bs)?;
    }
    let out = bf_state(vm, &slf)?.rbuf.clone();
    Ok(bytes_value(vm, out))
}

fn bf_readline(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "readline")?;
    if files::is_file(&slf) {
        return files::f_readline(vm, a);
    }
    let limit = io::size_arg(vm, a.pos.get(1).or_else(|| a.kwarg("size")))?;
    bf_prepare_read(vm, &slf, "readline of closed file")?;
    loop {
        {
            let mut s = bf_state(vm, &slf)?;
            let found = s.rbuf.iter().position(|&b| b == b'\n').map(|p| p + 1);
            let cut = match (found, limit) {
                (Some(p), l) if l < 0 || p as i64 <= l => Some(p),
                (_, l) if l >= 0 && s.rbuf.len() as i64 >= l => Some(l as usize),
                _ => None,
            };
            if let Some(n) = cut {
                let out: Vec<u8> = s.rbuf.drain(..n).collect();
                drop(s);
                return Ok(bytes_value(vm, out));
            }
        }
        let bs = bf_state(vm, &slf)?.buffer_size;
        if !bf_fill(vm, &slf, bs)? {
            let out = std::mem::take(&mut bf_state(vm, &slf)?.rbuf);
            return Ok(bytes_value(vm, out));
        }
    }
}

fn bf_readinto_with(vm: &mut Vm, a: &Args, method: &str, read: NativeFn) -> PyResult<Value> {
    let slf = this(vm, a, method)?;
    let Some(target) = a.pos.get(1).cloned() else { return Err(vm.type_error(format!("{method}() takes exactly one argument (0 given)"))) };
    let n = io::buffer_len(vm, &target, method)?;
    let data = read(vm, &Args::new(vec![slf, Value::Int(n as i64)]))?;
    let b = crate::objects::bytes::bytes_of(&data).unwrap_or_default();
    io::fill_buffer(vm, &target, &b, method)?;
    Ok(Value::Int(b.len() as i64))
}

fn bf_readinto(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    bf_readinto_with(vm, a, "readinto", bf_read)
}

fn bf_readinto1(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    bf_readinto_with(vm, a, "readinto1", bf_read1)
}

fn bf_readall(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "readall")?;
    if files::is_file(&slf) {
        return files::f_read(vm, &Args::new(vec![slf]));
    }
    Err(vm.no_attribute(&slf, "readall"))
}

fn bf_write(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "write")?;
    if files::is_file(&slf) {
        return files::f_write(vm, a);
    }
    let Some(arg) = a.pos.get(1).cloned() else { return Err(vm.type_error("write() takes exactly one argument (0 given)")) };
    let data = native::buffer(vm, &arg)?;
    bf_check_closed(vm, &slf, "write to closed file")?;
    if bf_state(vm, &slf)?.kind == BufKind::Reader {
        return Err(io::unsupported(vm, "write"));
    }
    bf_rewind(vm, &slf)?;
    let over = {
        let mut s = bf_state(vm, &slf)?;
        s.wbuf.extend_from_slice(&data);
        s.wbuf.len() >= s.buffer_size
    };
    if over {
        bf_flush_w(vm, &slf)?;
    }
    Ok(Value::Int(data.len() as i64))
}

fn bf_flush(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "flush")?;
    if files::is_file(&slf) {
        return files::f_flush(vm, a);
    }
    bf_check_closed(vm, &slf, "flush of closed file")?;
    bf_flush_w(vm, &slf)?;
    Ok(Value::None)
}

fn bf_tell(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "tell")?;
    if files::is_file(&slf) {
        return files::f_tell(vm, a);
    }
    let raw = bf_raw(vm, &slf)?;
    let pos = call0(vm, &raw, "tell")?;
    let pos = crate::builtins::index_i64(vm, &pos)?;
    if pos < 0 {
        return Err(vm.err(&vm.types.exc.os_error.clone(), format!("Raw stream returned invalid position {pos}")));
    }
    let s = bf_state(vm, &slf)?;
    Ok(Value::Int((pos - s.rbuf.len() as i64 + s.wbuf.len() as i64).max(0)))
}

fn bf_seek(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "seek")?;
    if files::is_file(&slf) {
        return files::f_seek(vm, a);
    }
    let Some(target) = a.pos.get(1).cloned() else { return Err(vm.type_error("seek expected at least 1 argument, got 0")) };
    let target = crate::builtins::index_i64(vm, &target)?;
    let whence = match a.pos.get(2) {
        Some(w) => crate::builtins::index_i64(vm, w)?,
        None => 0,
    };
    if !(0..=2).contains(&whence) {
        return Err(vm.value_error(format!("whence value {whence} unsupported")));
    }
    let raw = bf_check_closed(vm, &slf, "seek of closed file")?;
    if !truthy_call(vm, &raw, "seekable")? {
        return Err(io::unsupported(vm, "File or stream is not seekable."));
    }
    bf_flush_w(vm, &slf)?;
    let ahead = {
        let mut s = bf_state(vm, &slf)?;
        let n = s.rbuf.len() as i64;
        s.rbuf.clear();
        n
    };
    let off = if whence == 1 { target - ahead } else { target };
    vm.call_method(&raw, "seek", vec![Value::Int(off), Value::Int(whence)])
}

fn bf_truncate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "truncate")?;
    if files::is_file(&slf) {
        return files::f_truncate(vm, a);
    }
    let raw = bf_check_closed(vm, &slf, "truncate of closed file")?;
    if bf_state(vm, &slf)?.kind == BufKind::Reader {
        return Err(io::unsupported(vm, "truncate"));
    }
    bf_flush_w(vm, &slf)?;
    let pos = match a.pos.get(1) {
        Some(v) if !v.is_none() => v.clone(),
        _ => bf_tell(vm, &Args::new(vec![slf.clone()]))?,
    };
    bf_rewind(vm, &slf)?;
    vm.call_method(&raw, "truncate", vec![pos])
}

fn bf_close(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "close")?;
    if files::is_file(&slf) {
        return files::f_close(vm, a);
    }
    let raw = bf_raw(vm, &slf)?;
    let c = vm.getattr(&raw, &str_key("closed"))?;
    if vm.truthy(&c)? {
        return Ok(Value::None);
    }
    let r = bf_flush_w(vm, &slf);
    call0(vm, &raw, "close")?;
    bf_state(vm, &slf)?.rbuf.clear();
    r?;
    Ok(Value::None)
}

fn bf_detach(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "detach")?;
    if files::is_file(&slf) {
        return Err(io::unsupported(vm, "detach"));
    }
    let raw = bf_raw(vm, &slf)?;
    bf_flush_w(vm, &slf)?;
    let mut s = bf_state(vm, &slf)?;
    s.detached = true;
    s.raw = Value::None;
    Ok(raw)
}

macro_rules! bf_delegate {
    ($name:ident, $file_fn:path, $method:expr) => {
        fn $name(vm: &mut Vm, a: &Args) -> PyResult<Value> {
            let slf = this(vm, a, $method)?;
            if files::is_file(&slf) {
                return $file_fn(vm, a);
            }
            let raw = bf_raw(vm, &slf)?;
            call0(vm, &raw, $method)
        }
    };
}

bf_delegate!(bf_fileno, files::f_fileno, "fileno");
bf_delegate!(bf_isatty, files::f_isatty, "isatty");
bf_delegate!(bf_readable_raw, files::f_readable, "readable");
bf_delegate!(bf_writable_raw, files::f_writable, "writable");

fn bf_readable(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "readable")?;
    if !files::is_file(&slf) && bf_state(vm, &slf)?.kind == BufKind::Writer {
        return Ok(Value::Bool(false));
    }
    bf_readable_raw(vm, a)
}

fn bf_writable(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "writable")?;
    if !files::is_file(&slf) && bf_state(vm, &slf)?.kind == BufKind::Reader {
        return Ok(Value::Bool(false));
    }
    bf_writable_raw(vm, a)
}

fn bf_readlines(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "readlines")?;
    if files::is_file(&slf) {
        return files::f_readlines(vm, a);
    }
    let hint = io::size_arg(vm, a.pos.get(1).or_else(|| a.kwarg("hint")))?;
    let mut lines = Vec::new();
    let mut total = 0usize;
    loop {
        let l = vm.call_method(&slf, "readline", vec![])?;
        let n = io::value_len(vm, &l)?;
        if n == 0 {
            break;
        }
        total += n;
        lines.push(l);
        if hint > 0 && total as i64 > hint {
            break;
        }
    }
    Ok(vm.new_list(lines))
}

fn bf_writelines(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "writelines")?;
    if files::is_file(&slf) {
        return files::f_writelines(vm, a);
    }
    let Some(lines) = a.pos.get(1).cloned() else { return Err(vm.type_error("writelines() takes exactly one argument (0 given)")) };
    let it = vm.iter(&lines)?;
    while let Some(line) = vm.next(&it)? {
        vm.call_method(&slf, "write", vec![line])?;
    }
    Ok(Value::None)
}

fn bf_no_read(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "read")?;
    if files::is_file(&slf) {
        return files::f_read(vm, a);
    }
    Err(io::unsupported(vm, "read"))
}

fn bf_no_readline(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "readline")?;
    if files::is_file(&slf) {
        return files::f_readline(vm, a);
    }
    Err(io::unsupported(vm, "read"))
}
bf_delegate!(bf_seekable, files::f_seekable, "seekable");

fn bf_enter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "__enter__")?;
    if files::is_file(&slf) {
        return files::f_enter(vm, a);
    }
    bf_check_closed(vm, &slf, "I/O operation on closed file.")?;
    Ok(slf)
}

fn bf_exit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "__exit__")?;
    if files::is_file(&slf) {
        return files::f_exit(vm, a);
    }
    vm.call_method(&slf, "close", vec![])
}

fn bf_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "__next__")?;
    if files::is_file(&slf) {
        return files::f_next(vm, a);
    }
    let l = bf_readline(vm, &Args::new(vec![slf]))?;
    if io::value_len(vm, &l)? == 0 {
        return Err(vm.stop_iteration(Value::None));
    }
    Ok(l)
}

fn bf_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "__repr__")?;
    if files::is_file(&slf) {
        return files::f_repr(vm, a);
    }
    let cls = vm.type_of(&slf);
    let mut out = format!("<{}", crate::types::class_name(&cls));
    match vm.getattr(&slf, &str_key("name")) {
        Ok(v) => {
            let r = vm.repr(&v)?.to_string_lossy();
            out.push_str(&format!(" name={r}"));
        }
        Err(e) if vm.isinstance(&e.0, &vm.types.exc.attribute_error.clone()) || vm.isinstance(&e.0, &vm.types.exc.value_error.clone()) => {}
        Err(e) => return Err(e),
    }
    out.push('>');
    Ok(vm.new_str(&out))
}

fn bf_attr(vm: &mut Vm, a: &Args, name: &str) -> PyResult<Value> {
    let slf = this(vm, a, name)?;
    if files::is_file(&slf) {
        return match files::file_attr(vm, &slf, name) {
            Some(v) => Ok(v),
            None => Err(vm.no_attribute(&slf, name)),
        };
    }
    if name == "raw" {
        let s = bf_state(vm, &slf)?;
        return Ok(s.raw.clone());
    }
    let raw = bf_raw(vm, &slf)?;
    vm.getattr(&raw, &str_key(name))
}

fn bf_closed(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    bf_attr(vm, a, "closed")
}

fn bf_name(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    bf_attr(vm, a, "name")
}

/// Setting `name`: open()'s files keep it (they are their own raw
/// layer); a Buffered* over another raw object has no settable name.
fn bf_set_name(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "name")?;
    let v = a.pos.get(1).cloned().unwrap_or(Value::None);
    if files::set_file_name(&slf, v) {
        return Ok(Value::None);
    }
    Err(vm.attribute_error(format!("attribute 'name' of '{}' objects is not writable", vm.type_name(&slf))))
}

fn bf_mode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    bf_attr(vm, a, "mode")
}

fn bf_raw_attr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    bf_attr(vm, a, "raw")
}

fn install_buffered(vm: &mut Vm) {
    let t = &vm.types;
    let classes = [(t.file_buffered_reader.clone(), BufKind::Reader), (t.file_buffered_writer.clone(), BufKind::Writer), (t.file_buffered_random.clone(), BufKind::Random)];
    for (cls, kind) in classes {
        native::add_new(&cls, bf_new);
        let mut methods: Vec<(&'static str, NativeFn)> = vec![
            ("__init__", bf_init),
            ("readlines", bf_readlines),
            ("writelines", bf_writelines),
            ("flush", bf_flush),
            ("close", bf_close),
            ("detach", bf_detach),
            ("tell", bf_tell),
            ("seek", bf_seek),
            ("truncate", bf_truncate),
            ("fileno", bf_fileno),
            ("isatty", bf_isatty),
            ("readable", bf_readable),
            ("writable", bf_writable),
            ("seekable", bf_seekable),
            ("__enter__", bf_enter),
            ("__exit__", bf_exit),
            ("__iter__", bf_enter),
            ("__next__", bf_next),
            ("__repr__", bf_repr),
        ];
        if kind != BufKind::Writer {
            methods.extend_from_slice(&[
                ("read", bf_read as NativeFn),
                ("read1", bf_read1),
                ("peek", bf_peek),
                ("readline", bf_readline),
                ("readinto", bf_readinto),
                ("readinto1", bf_readinto1),
            ]);
        }
        if kind != BufKind::Reader {
            methods.push(("write", bf_write));
        } else {
            // open()'s files of this class keep their own write (an error).
            methods.push(("write", bf_write));
        }
        if kind == BufKind::Writer {
            methods.push(("read", bf_no_read));
            methods.push(("readline", bf_no_readline));
        }
        for (n, f) in methods {
            native::add_method(&cls, n, f);
        }
        native::add_getter(vm, &cls, "closed", bf_closed);
        native::add_property(vm, &cls, "name", bf_name, bf_set_name);
        native::add_getter(vm, &cls, "mode", bf_mode);
        native::add_getter(vm, &cls, "raw", bf_raw_attr);
    }
}

// ------------------------------------------------------------ FileIO

fn fio_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first().cloned() else { return Err(vm.type_error("FileIO.__new__(X): X is not a type object")) };
    let s = bind(vm, &rest(a), "FileIO", &["file", "mode", "closefd", "opener"], 1, 4)?;
    let file = s[0].clone().unwrap_or(Value::None);
    let mode = match &s[1] {
        None => "r".to_string(),
        Some(m) => match m.as_str() {
            Some(m) => m.to_string_lossy(),
            None => return Err(vm.type_error(format!("FileIO() argument 'mode' must be str, not {}", vm.type_name(m)))),
        },
    };
    let mut seen = String::new();
    for c in mode.chars() {
        if !"rwxab+".contains(c) || seen.contains(c) {
            return Err(vm.value_error(format!("invalid mode: {mode}")));
        }
        seen.push(c);
    }
    if mode.chars().filter(|c| "rwxa".contains(*c)).count() != 1 {
        return Err(vm.value_error("Must have exactly one of create/read/write/append mode and at most one plus"));
    }
    if let Some(f) = file.as_str() {
        let _ = f;
    }
    if matches!(file, Value::Float(_)) {
        return Err(vm.type_error("integer argument expected, got float"));
    }
    let bmode = if mode.contains('b') { mode.clone() } else { format!("{mode}b") };
    let m = vm.new_str(&bmode);
    files::open_as(vm, &Args::new(vec![file, m, Value::Int(0)]), Some(cls))
}

fn fio_readinto(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "readinto")?;
    let Some(target) = a.pos.get(1).cloned() else { return Err(vm.type_error("readinto() takes exactly one argument (0 given)")) };
    let n = io::buffer_len(vm, &target, "readinto")?;
    let data = files::f_read(vm, &Args::new(vec![slf, Value::Int(n as i64)]))?;
    let b = crate::objects::bytes::bytes_of(&data).unwrap_or_default();
    io::fill_buffer(vm, &target, &b, "readinto")?;
    Ok(Value::Int(b.len() as i64))
}

fn fio_readall(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "readall")?;
    files::f_read(vm, &Args::new(vec![slf]))
}

fn fio_closefd(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::Bool(true))
}

fn install_fileio(vm: &mut Vm) {
    let cls = vm.types.file_io.clone();
    native::add_new(&cls, fio_new);
    native::add_method(&cls, "readinto", fio_readinto);
    native::add_method(&cls, "readall", fio_readall);
    native::add_getter(vm, &cls, "closefd", fio_closefd);
    // Buffered objects from open() answer these too.
    for c in [vm.types.file_buffered_reader.clone(), vm.types.file_buffered_random.clone()] {
        let _ = c;
    }
}

// ------------------------------------------------------------ BufferedRWPair

struct RwPair {
    reader: Value,
    writer: Value,
}

fn rw_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first().cloned() else { return Err(vm.type_error("BufferedRWPair.__new__(X): X is not a type object")) };
    let s = bind(vm, &rest(a), "BufferedRWPair", &["reader", "writer", "buffer_size"], 2, 3)?;
    let reader = s[0].clone().unwrap_or(Value::None);
    let writer = s[1].clone().unwrap_or(Value::None);
    let size = s[2].clone().unwrap_or(Value::Int(CHUNK as i64));
    if !truthy_call(vm, &reader, "readable")? {
        return Err(io::unsupported(vm, "File or stream is not readable."));
    }
    if !truthy_call(vm, &writer, "writable")? {
        return Err(io::unsupported(vm, "File or stream is not writable."));
    }
    let rc = Value::Obj(vm.types.file_buffered_reader.clone());
    let wc = Value::Obj(vm.types.file_buffered_writer.clone());
    let r = vm.call(&rc, vec![reader, size.clone()])?;
    let w = vm.call(&wc, vec![writer, size])?;
    Ok(vm.new_object(&cls, Payload::Opaque(std::cell::RefCell::new(Box::new(RwPair { reader: r, writer: w }))), true))
}

fn rw_side(vm: &Vm, a: &Args, writer: bool) -> PyResult<Value> {
    let Some(v) = a.pos.first() else { return Err(vm.type_error("BufferedRWPair method needs an argument")) };
    let s = native::opaque::<RwPair>(v).ok_or_else(|| vm.type_error("descriptor requires a '_io.BufferedRWPair' object"))?;
    Ok(if writer { s.writer.clone() } else { s.reader.clone() })
}

macro_rules! rw_forward {
    ($name:ident, $method:expr, $writer:expr) => {
        fn $name(vm: &mut Vm, a: &Args) -> PyResult<Value> {
            let side = rw_side(vm, a, $writer)?;
            vm.call_method(&side, $method, a.pos.iter().skip(1).cloned().collect())
        }
    };
}

rw_forward!(rw_read, "read", false);
rw_forward!(rw_read1, "read1", false);
rw_forward!(rw_peek, "peek", false);
rw_forward!(rw_readline, "readline", false);
rw_forward!(rw_readinto, "readinto", false);
rw_forward!(rw_readinto1, "readinto1", false);
rw_forward!(rw_readable, "readable", false);
rw_forward!(rw_write, "write", true);
rw_forward!(rw_flush, "flush", true);
rw_forward!(rw_writable, "writable", true);

fn rw_isatty(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let w = rw_side(vm, a, true)?;
    let r = call0(vm, &w, "isatty")?;
    if vm.truthy(&r)? {
        return Ok(r);
    }
    let rd = rw_side(vm, a, false)?;
    call0(vm, &rd, "isatty")
}

fn rw_close(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let w = rw_side(vm, a, true)?;
    let rd = rw_side(vm, a, false)?;
    let r = call0(vm, &w, "close");
    call0(vm, &rd, "close")?;
    r
}

fn rw_closed(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let w = rw_side(vm, a, true)?;
    vm.getattr(&w, &str_key("closed"))
}

// ------------------------------------------------------------ IncrementalNewlineDecoder

struct NlDecoder {
    decoder: Value,
    translate: bool,
    pendingcr: bool,
    seennl: u8,
}

fn nd_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first().cloned() else { return Err(vm.type_error("IncrementalNewlineDecoder.__new__(X): X is not a type object")) };
    Ok(vm.new_object(&cls, Payload::Opaque(std::cell::RefCell::new(Box::new(NlDecoder { decoder: Value::None, translate: false, pendingcr: false, seennl: 0 }))), true))
}

fn nd_state<'a>(vm: &Vm, a: &'a Args) -> PyResult<RefMut<'a, NlDecoder>> {
    let Some(v) = a.pos.first() else { return Err(vm.type_error("IncrementalNewlineDecoder method needs an argument")) };
    native::opaque_mut::<NlDecoder>(v).ok_or_else(|| vm.type_error("descriptor requires an '_io.IncrementalNewlineDecoder' object"))
}

fn nd_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, &rest(a), "IncrementalNewlineDecoder", &["decoder", "translate", "errors"], 2, 3)?;
    let decoder = s[0].clone().unwrap_or(Value::None);
    let translate = match &s[1] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let mut st = nd_state(vm, a)?;
    *st = NlDecoder { decoder, translate, pendingcr: false, seennl: 0 };
    Ok(Value::None)
}

fn nd_decode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, &rest(a), "decode", &["input", "final"], 1, 2)?;
    let input = s[0].clone().unwrap_or(Value::None);
    let final_ = match &s[1] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let decoder = nd_state(vm, a)?.decoder.clone();
    let output = if decoder.is_none() {
        input
    } else {
        let f = vm.getattr(&decoder, &str_key("decode"))?;
        vm.call_kw(&f, vec![input], vec![(str_key("final"), Value::Bool(final_))])?
    };
    let Some(text) = output.as_str() else {
        return Err(vm.type_error(format!("decoder should return a string result, not '{}'", vm.type_name(&output))));
    };
    let mut cps = text.code_points();
    let mut st = nd_state(vm, a)?;
    if st.pendingcr && (!cps.is_empty() || final_) {
        cps.insert(0, '\r' as u32);
        st.pendingcr = false;
    }
    if !final_ && cps.last() == Some(&('\r' as u32)) {
        cps.pop();
        st.pendingcr = true;
    }
    let (cr, lf) = ('\r' as u32, '\n' as u32);
    let mut out = Vec::with_capacity(cps.len());
    let mut i = 0;
    while i < cps.len() {
        let c = cps[i];
        if c == cr {
            if cps.get(i + 1) == Some(&lf) {
                st.seennl |= 4;
                if st.translate {
                    out.push(lf);
                } else {
                    out.push(cr);
                    out.push(lf);
                }
                i += 2;
                continue;
            }
            st.seennl |= 2;
            out.push(if st.translate { lf } else { cr });
        } else {
            if c == lf {
                st.seennl |= 1;
            }
            out.push(c);
        }
        i += 1;
    }
    drop(st);
    Ok(vm.new_pystr(PyStr::from_code_points(out)))
}

fn nd_getstate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (decoder, pendingcr) = {
        let st = nd_state(vm, a)?;
        (st.decoder.clone(), st.pendingcr)
    };
    let (buf, flag) = if decoder.is_none() {
        (bytes_value(vm, Vec::new()), 0i64)
    } else {
        let state = call0(vm, &decoder, "getstate")?;
        let items = vm.to_vec(&state)?;
        if items.len() != 2 {
            return Err(vm.type_error("illegal decoder state"));
        }
        let f = crate::builtins::index_i64(vm, &items[1])?;
        (items[0].clone(), f)
    };
    let flag = (flag << 1) | pendingcr as i64;
    Ok(vm.new_tuple(vec![buf, Value::Int(flag)]))
}

fn nd_setstate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(state) = a.pos.get(1).cloned() else { return Err(vm.type_error("setstate() takes exactly one argument (0 given)")) };
    let items = vm.to_vec(&state)?;
    if items.len() != 2 {
        return Err(vm.type_error("state argument must be a tuple"));
    }
    let flag = crate::builtins::index_i64(vm, &items[1])?;
    let decoder = {
        let mut st = nd_state(vm, a)?;
        st.pendingcr = flag & 1 != 0;
        st.decoder.clone()
    };
    if !decoder.is_none() {
        let t = vm.new_tuple(vec![items[0].clone(), Value::Int(flag >> 1)]);
        vm.call_method(&decoder, "setstate", vec![t])?;
    }
    Ok(Value::None)
}

fn nd_reset(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let decoder = {
        let mut st = nd_state(vm, a)?;
        st.seennl = 0;
        st.pendingcr = false;
        st.decoder.clone()
    };
    if !decoder.is_none() {
        call0(vm, &decoder, "reset")?;
    }
    Ok(Value::None)
}

fn nd_newlines(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let seen = nd_state(vm, a)?.seennl;
    Ok(crate::modules::io_memory::newlines_value(vm, seen))
}
