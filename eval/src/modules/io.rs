//! `_io`: the classes `io` re-exports. Real files come from `open()`
//! (objects/files.rs); this module gives them their `_io` class hierarchy,
//! the abstract bases with CPython's default methods (`_IOBase`,
//! `_RawIOBase`, `_BufferedIOBase`, `_TextIOBase`), `open_code`,
//! `text_encoding`; the in-memory streams are in io_memory.rs, the
//! wrappers over arbitrary objects in io_wrap.rs.

use std::cell::RefCell;

use crate::modules::native::{self, bind};
use crate::value::{Payload, PyRef, Value};
use crate::vm::{str_key, Args, Vm};
use crate::{PyErr, PyResult};

thread_local! {
    static UNSUPPORTED: RefCell<Option<Value>> = const { RefCell::new(None) };
    static BASES: RefCell<Option<[PyRef; 4]>> = const { RefCell::new(None) };
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(vm, "_io", &[("open", crate::objects::files::open), ("open_code", open_code), ("text_encoding", text_encoding)]);
    let [iobase, raw, buffered, text] = bases(vm);
    let t = &vm.types;
    let (file_io, reader, writer, random, file_text, text_io) =
        (t.file_io.clone(), t.file_buffered_reader.clone(), t.file_buffered_writer.clone(), t.file_buffered_random.clone(), t.file_text.clone(), t.text_io.clone());
    for (name, v) in [
        ("_IOBase", &iobase),
        ("_RawIOBase", &raw),
        ("_BufferedIOBase", &buffered),
        ("_TextIOBase", &text),
        ("FileIO", &file_io),
        ("BufferedReader", &reader),
        ("BufferedWriter", &writer),
        ("BufferedRandom", &random),
        ("TextIOWrapper", &file_text),
    ] {
        native::set(&m, name, Value::Obj(v.clone()));
    }
    let _ = text_io;
    crate::modules::io_wrap::install(vm, &m, &buffered)?;
    crate::modules::io_memory::install(vm, &m, &buffered, &text)?;
    native::set(&m, "DEFAULT_BUFFER_SIZE", Value::Int(8192));
    native::set(&m, "BlockingIOError", Value::Obj(vm.types.exc.blocking_io_error.clone()));
    let unsupported = unsupported_class(vm)?;
    native::set(&m, "UnsupportedOperation", unsupported);
    Ok(m)
}

/// The four abstract bases, made once (and the file classes reparented
/// under them): `[_IOBase, _RawIOBase, _BufferedIOBase, _TextIOBase]`.
pub fn bases(vm: &mut Vm) -> [PyRef; 4] {
    if let Some(b) = BASES.with(|b| b.borrow().clone()) {
        return b;
    }
    let iobase = io_class(vm, "_IOBase", None);
    let raw = io_class(vm, "_RawIOBase", Some(iobase.clone()));
    let buffered = io_class(vm, "_BufferedIOBase", Some(iobase.clone()));
    let text = io_class(vm, "_TextIOBase", Some(iobase.clone()));
    native::add_new(&iobase, iobase_new);
    let base_methods: &[(&'static str, crate::value::NativeFn)] = &[
        ("seek", iobase_seek),
        ("tell", iobase_tell),
        ("truncate", iobase_truncate),
        ("flush", iobase_flush),
        ("close", iobase_close),
        ("seekable", false_method),
        ("readable", false_method),
        ("writable", false_method),
        ("_checkClosed", check_closed_method),
        ("_checkSeekable", check_seekable_method),
        ("_checkReadable", check_readable_method),
        ("_checkWritable", check_writable_method),
        ("fileno", iobase_fileno),
        ("isatty", iobase_isatty),
        ("__enter__", iobase_enter),
        ("__exit__", iobase_exit),
        ("__iter__", iobase_iter),
        ("__next__", iobase_next),
        ("readline", iobase_readline),
        ("readlines", iobase_readlines),
        ("writelines", iobase_writelines),
    ];
    for (n, f) in base_methods {
        native::add_method(&iobase, n, *f);
    }
    native::add_getter(vm, &iobase, "closed", iobase_closed);
    native::add_method(&raw, "read", raw_read);
    native::add_method(&raw, "readall", raw_readall);
    native::add_method(&raw, "readinto", not_implemented);
    native::add_method(&raw, "write", not_implemented);
    native::add_method(&buffered, "read", buffered_read);
    native::add_method(&buffered, "read1", buffered_read1);
    native::add_method(&buffered, "write", buffered_write);
    native::add_method(&buffered, "detach", detach_unsupported);
    native::add_method(&buffered, "readinto", buffered_readinto);
    native::add_method(&buffered, "readinto1", buffered_readinto1);
    native::add_method(&text, "detach", detach_unsupported);
    native::add_method(&text, "read", text_read);
    native::add_method(&text, "readline", text_readline);
    native::add_method(&text, "write", text_write);
    for n in ["encoding", "newlines", "errors"] {
        native::add_getter(vm, &text, n, none_getter);
    }
    let t = &vm.types;
    let (file_io, reader, writer, random, file_text, text_io) =
        (t.file_io.clone(), t.file_buffered_reader.clone(), t.file_buffered_writer.clone(), t.file_buffered_random.clone(), t.file_text.clone(), t.text_io.clone());
    reparent(&file_io, &raw);
    for c in [&reader, &writer, &random] {
        reparent(c, &buffered);
    }
    reparent(&file_text, &text);
    reparent(&text_io, &text);
    let out = [iobase, raw, buffered, text];
    BASES.with(|b| *b.borrow_mut() = Some(out.clone()));
    out
}

/// A class of `_io`: its instances have a `__dict__`, as CPython's.
pub fn io_class(vm: &mut Vm, name: &str, base: Option<PyRef>) -> PyRef {
    let cls = native::native_class(vm, "_io", name, base);
    if let Payload::Class(c) = &cls.payload {
        c.no_dict.set(false);
    }
    cls
}

/// Give a built-in class a new single base (and the MRO that follows).
fn reparent(cls: &PyRef, base: &PyRef) {
    if let (Payload::Class(c), Payload::Class(b)) = (&cls.payload, &base.payload) {
        *c.bases.borrow_mut() = vec![base.clone()];
        let name = c.name.borrow().clone();
        *c.tp_name.borrow_mut() = Some(format!("_io.{name}"));
        let mut mro = vec![cls.clone()];
        mro.extend(b.mro.borrow().iter().cloned());
        *c.mro.borrow_mut() = mro;
        if let Some(d) = &cls.dict {
            d.borrow_mut().set_str("__module__", str_key("_io"));
        }
        crate::vm::bump_type_epoch();
    }
}

/// `io.UnsupportedOperation` (made once, shared by `open()`'s files).
pub fn unsupported_class(vm: &mut Vm) -> PyResult<Value> {
    if let Some(v) = UNSUPPORTED.with(|u| u.borrow().clone()) {
        return Ok(v);
    }
    let type_ = Value::Obj(vm.types.type_.clone());
    let bases = vm.new_tuple(vec![Value::Obj(vm.types.exc.os_error.clone()), Value::Obj(vm.types.exc.value_error.clone())]);
    let ns = vm.new_dict(crate::objects::dict::Dict::new());
    vm.setitem(&ns, str_key("__module__"), str_key("io"))?;
    let cls = vm.call(&type_, vec![vm.new_str("UnsupportedOperation"), bases, ns])?;
    UNSUPPORTED.with(|u| *u.borrow_mut() = Some(cls.clone()));
    Ok(cls)
}

/// An `io.UnsupportedOperation(msg)` to raise.
pub fn unsupported(vm: &mut Vm, msg: &str) -> PyErr {
    let cls = match unsupported_class(vm) {
        Ok(c) => c,
        Err(e) => return e,
    };
    let m = vm.new_str(msg);
    match vm.call(&cls, vec![m]) {
        Ok(e) => PyErr(e),
        Err(e) => e,
    }
}

pub fn closed_error(vm: &Vm) -> PyErr {
    vm.value_error("I/O operation on closed file.")
}

/// `self` of a method call.
pub fn this(vm: &Vm, a: &Args, method: &str) -> PyResult<Value> {
    a.pos.first().cloned().ok_or_else(|| vm.type_error(format!("{method}() needs an argument")))
}

/// The arguments after `self`.
pub fn rest(a: &Args) -> Args {
    Args { pos: a.pos.iter().skip(1).cloned().collect(), kw: a.kw.clone() }
}

/// CPython's `_Py_convert_optional_to_ssize_t`: None is -1.
pub fn size_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<i64> {
    match v {
        None | Some(Value::None) => Ok(-1),
        Some(Value::Int(i)) => Ok(*i),
        Some(v) => {
            let cls = vm.type_of(v);
            if vm.lookup_mro(&cls, "__index__").is_none() {
                return Err(vm.type_error(format!("argument should be integer or None, not '{}'", vm.type_name(v))));
            }
            crate::builtins::index_i64(vm, v)
        }
    }
}

/// The length of a str or bytes-like value (for readline/readlines).
pub fn value_len(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    match v.payload() {
        Some(Payload::Str(s)) => Ok(s.len()),
        Some(Payload::Bytes(b)) => Ok(b.len()),
        Some(Payload::ByteArray(b)) => Ok(b.borrow().len()),
        _ => vm.len(v),
    }
}

fn iobase_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first().cloned() else { return Err(vm.type_error("_IOBase.__new__(X): X is not a type object")) };
    Ok(vm.new_object(&cls, Payload::Instance, true))
}

/// `__IOBase_closed` of an instance (the default `closed`).
fn base_closed_flag(v: &Value) -> bool {
    v.obj()
        .and_then(|o| o.dict.as_ref())
        .and_then(|d| d.borrow().get_str("__IOBase_closed").cloned())
        .is_some_and(|x| !matches!(x, Value::None | Value::Bool(false) | Value::Int(0)))
}

fn iobase_closed(_vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Bool(a.pos.first().is_some_and(base_closed_flag)))
}

/// Raise ValueError if `self.closed` is true.
pub fn check_closed(vm: &mut Vm, v: &Value) -> PyResult<()> {
    let c = vm.getattr(v, &str_key("closed"))?;
    if vm.truthy(&c)? {
        return Err(closed_error(vm));
    }
    Ok(())
}

fn check_closed_method(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "_checkClosed")?;
    check_closed(vm, &s)?;
    Ok(Value::None)
}

fn check_flag(vm: &mut Vm, a: &Args, method: &str, msg: &str) -> PyResult<Value> {
    let s = this(vm, a, method)?;
    let r = vm.call_method(&s, method, vec![])?;
    if !matches!(r, Value::Bool(true)) {
        return Err(unsupported(vm, msg));
    }
    Ok(r)
}

fn check_seekable_method(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_flag(vm, a, "seekable", "File or stream is not seekable.")
}

fn check_readable_method(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_flag(vm, a, "readable", "File or stream is not readable.")
}

fn check_writable_method(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_flag(vm, a, "writable", "File or stream is not writable.")
}

fn iobase_seek(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(unsupported(vm, "seek"))
}

fn iobase_truncate(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(unsupported(vm, "truncate"))
}

fn iobase_fileno(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(unsupported(vm, "fileno"))
}

fn iobase_tell(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "tell")?;
    vm.call_method(&s, "seek", vec![Value::Int(0), Value::Int(1)])
}

fn iobase_flush(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "flush")?;
    check_closed(vm, &s)?;
    Ok(Value::None)
}

fn iobase_close(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "close")?;
    if base_closed_flag(&s) {
        return Ok(Value::None);
    }
    let r = vm.call_method(&s, "flush", vec![]);
    if let Some(d) = s.obj().and_then(|o| o.dict.as_ref()) {
        d.borrow_mut().set_str("__IOBase_closed", Value::Bool(true));
    }
    r?;
    Ok(Value::None)
}

fn false_method(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::Bool(false))
}

fn iobase_isatty(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "isatty")?;
    check_closed(vm, &s)?;
    Ok(Value::Bool(false))
}

fn iobase_enter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "__enter__")?;
    check_closed(vm, &s)?;
    Ok(s)
}

fn iobase_exit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "__exit__")?;
    vm.call_method(&s, "close", vec![])
}

fn iobase_iter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "__iter__")?;
    check_closed(vm, &s)?;
    Ok(s)
}

fn iobase_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "__next__")?;
    let line = vm.call_method(&s, "readline", vec![])?;
    if value_len(vm, &line)? == 0 {
        return Err(vm.stop_iteration(Value::None));
    }
    Ok(line)
}

/// The default `readline`: bytes up to and including b'\n', read one
/// byte at a time through `self.read` (or in runs through `self.peek`).
fn iobase_readline(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "readline")?;
    let limit = size_arg(vm, a.pos.get(1).or_else(|| a.kwarg("size")))?;
    let peek = match vm.getattr(&s, &str_key("peek")) {
        Ok(p) => Some(p),
        Err(e) if vm.isinstance(&e.0, &vm.types.exc.attribute_error.clone()) => None,
        Err(e) => return Err(e),
    };
    let mut out: Vec<u8> = Vec::new();
    while limit < 0 || (out.len() as i64) < limit {
        let mut nreadahead = 1usize;
        if let Some(p) = &peek {
            let ahead = vm.call(p, vec![Value::Int(1)])?;
            let Some(bytes) = crate::objects::bytes::bytes_of(&ahead).filter(|_| matches!(ahead.payload(), Some(Payload::Bytes(_)))) else {
                return Err(vm.err(&vm.types.exc.os_error.clone(), format!("peek() should have returned a bytes object, not '{}'", vm.type_name(&ahead))));
            };
            if !bytes.is_empty() {
                let room = if limit < 0 { bytes.len() } else { bytes.len().min((limit as usize).saturating_sub(out.len())) };
                let mut n = 0;
                while n < room {
                    n += 1;
                    if bytes[n - 1] == b'\n' {
                        break;
                    }
                }
                nreadahead = n.max(1);
            }
        }
        let b = vm.call_method(&s, "read", vec![Value::Int(nreadahead as i64)])?;
        let data = match b.payload() {
            Some(Payload::Bytes(d)) => d.to_vec(),
            _ if b.is_none() => Vec::new(),
            _ => return Err(vm.err(&vm.types.exc.os_error.clone(), format!("read() should have returned a bytes object, not '{}'", vm.type_name(&b)))),
        };
        if data.is_empty() {
            break;
        }
        out.extend_from_slice(&data);
        if out.last() == Some(&b'\n') {
            break;
        }
    }
    Ok(crate::objects::bytes::new_bytes(vm, out))
}

/// The `hint` of `readlines`: None or an int.
pub fn hint_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<i64> {
    match v {
        None | Some(Value::None) => Ok(-1),
        Some(Value::Int(i)) => Ok(*i),
        Some(Value::Bool(b)) => Ok(*b as i64),
        Some(v) => match v.payload() {
            Some(Payload::BigInt(_)) => crate::builtins::index_i64(vm, v),
            _ => Err(vm.type_error(format!("integer argument expected, got '{}'", vm.type_name(v)))),
        },
    }
}

fn iobase_readlines(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "readlines")?;
    let hint = size_arg(vm, a.pos.get(1).or_else(|| a.kwarg("hint")))?;
    let it = vm.iter(&s)?;
    let mut lines = Vec::new();
    let mut total = 0usize;
    while let Some(line) = vm.next(&it)? {
        if hint > 0 {
            total += value_len(vm, &line)?;
        }
        lines.push(line);
        if hint > 0 && total as i64 > hint {
            break;
        }
    }
    Ok(vm.new_list(lines))
}

fn iobase_writelines(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "writelines")?;
    let Some(lines) = a.pos.get(1).cloned() else {
        return Err(vm.type_error("writelines() takes exactly one argument (0 given)"));
    };
    check_closed(vm, &s)?;
    let it = vm.iter(&lines)?;
    while let Some(line) = vm.next(&it)? {
        vm.call_method(&s, "write", vec![line])?;
    }
    Ok(Value::None)
}

fn not_implemented(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    let cls = Value::Obj(vm.types.exc.not_implemented_error.clone());
    Err(PyErr(vm.call(&cls, vec![])?))
}

fn raw_read(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "read")?;
    let size = size_arg(vm, a.pos.get(1).or_else(|| a.kwarg("size")))?;
    if size < 0 {
        return vm.call_method(&s, "readall", vec![]);
    }
    let size = usize::try_from(size).unwrap_or(0);
    let b = crate::objects::bytes::new_bytearray(vm, vec![0; size]);
    let r = vm.call_method(&s, "readinto", vec![b.clone()])?;
    if r.is_none() {
        return Ok(Value::None);
    }
    let n = crate::builtins::index_i64(vm, &r)?;
    if n < 0 || n as usize > size {
        return Err(vm.value_error(format!("readinto returned {n} outside buffer size {size}")));
    }
    let mut data = crate::objects::bytes::bytes_of(&b).unwrap_or_default();
    data.truncate(n as usize);
    Ok(crate::objects::bytes::new_bytes(vm, data))
}

fn raw_readall(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "readall")?;
    let mut out: Vec<u8> = Vec::new();
    let mut got_any = false;
    loop {
        let data = vm.call_method(&s, "read", vec![Value::Int(8192)])?;
        if data.is_none() {
            if !got_any {
                return Ok(Value::None);
            }
            break;
        }
        let Some(Payload::Bytes(b)) = data.payload() else {
            return Err(vm.type_error("read() should return bytes"));
        };
        if b.is_empty() {
            break;
        }
        got_any = true;
        out.extend_from_slice(b);
    }
    Ok(crate::objects::bytes::new_bytes(vm, out))
}

fn buffered_read(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(unsupported(vm, "read"))
}

fn buffered_read1(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(unsupported(vm, "read1"))
}

fn buffered_write(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(unsupported(vm, "write"))
}

fn detach_unsupported(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(unsupported(vm, "detach"))
}

/// Copy `data` into the start of a writable buffer (bytearray, or a
/// memoryview over one); CPython's error for anything else.
pub fn fill_buffer(vm: &mut Vm, target: &Value, data: &[u8], method: &str) -> PyResult<()> {
    match target.payload() {
        Some(Payload::ByteArray(b)) => {
            let mut b = b.borrow_mut();
            let n = data.len().min(b.len());
            b[..n].copy_from_slice(&data[..n]);
            Ok(())
        }
        Some(Payload::MemoryView(_)) => {
            let ro = vm.getattr(target, &str_key("readonly"))?;
            if matches!(ro, Value::Bool(true)) {
                return Err(vm.type_error(format!("{method}() argument must be read-write bytes-like object, not memoryview")));
            }
            let n = data.len().min(vm.len(target)?);
            let slice = vm.new_object(&vm.types.slice.clone(), Payload::Slice(Value::Int(0), Value::Int(n as i64), Value::None), false);
            let src = crate::objects::bytes::new_bytes(vm, data[..n].to_vec());
            vm.setitem(target, slice, src)
        }
        _ => Err(vm.type_error(format!("{method}() argument must be read-write bytes-like object, not {}", vm.type_name(target)))),
    }
}

/// The length of a writable buffer argument (see [`fill_buffer`]).
pub fn buffer_len(vm: &mut Vm, target: &Value, method: &str) -> PyResult<usize> {
    match target.payload() {
        Some(Payload::ByteArray(b)) => Ok(b.borrow().len()),
        Some(Payload::MemoryView(_)) => vm.len(target),
        _ => Err(vm.type_error(format!("{method}() argument must be read-write bytes-like object, not {}", vm.type_name(target)))),
    }
}

fn buffered_readinto_generic(vm: &mut Vm, a: &Args, method: &str, read: &str) -> PyResult<Value> {
    let s = this(vm, a, method)?;
    let Some(buf) = a.pos.get(1).cloned() else {
        return Err(vm.type_error(format!("{method}() takes exactly one argument (0 given)")));
    };
    let n = buffer_len(vm, &buf, method)?;
    let data = vm.call_method(&s, read, vec![Value::Int(n as i64)])?;
    let Some(Payload::Bytes(b)) = data.payload() else {
        return Err(vm.type_error("read() should return bytes"));
    };
    let b = b.to_vec();
    if b.len() > n {
        return Err(vm.value_error(format!("read() returned too much data: {n} bytes requested, {} returned", b.len())));
    }
    fill_buffer(vm, &buf, &b, method)?;
    Ok(Value::Int(b.len() as i64))
}

fn buffered_readinto(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    buffered_readinto_generic(vm, a, "readinto", "read")
}

fn buffered_readinto1(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    buffered_readinto_generic(vm, a, "readinto1", "read1")
}

fn text_read(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(unsupported(vm, "read"))
}

fn text_readline(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(unsupported(vm, "readline"))
}

fn text_write(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(unsupported(vm, "write"))
}

fn none_getter(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::None)
}

fn open_code(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "open_code", &["path"], 1, 1)?;
    let path = s[0].clone().unwrap_or(Value::None);
    if path.as_str().is_none() {
        return Err(vm.type_error(format!("open_code() argument 'path' must be str, not {}", vm.type_name(&path))));
    }
    crate::objects::files::open(vm, &Args::new(vec![path, vm.new_str("rb")]))
}

fn text_encoding(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "text_encoding", &["encoding", "stacklevel"], 1, 2)?;
    let enc = s[0].clone().unwrap_or(Value::None);
    if enc.is_none() {
        // pyx runs as CPython in UTF-8 mode.
        return Ok(vm.new_str("utf-8"));
    }
    Ok(enc)
}
