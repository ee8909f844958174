//! `_io.StringIO` and `_io.BytesIO`: in-memory streams kept as a vector
//! of code points / bytes and a position, with CPython's newline handling
//! for StringIO (`newline` None translates on write, '' reads universal
//! lines untranslated, '\r' and '\r\n' translate '\n' on write).

use crate::modules::io::{self, closed_error, rest, size_arg, this};
use crate::modules::native::{self, bind};
use crate::objects::str::PyStr;
use crate::value::{Payload, PyRef, Value};
use crate::vm::{str_key, Args, Vm};
use crate::PyResult;

pub fn install(vm: &mut Vm, m: &Value, buffered: &PyRef, text: &PyRef) -> PyResult<()> {
    let bytes_io = io::io_class(vm, "BytesIO", Some(buffered.clone()));
    native::add_new(&bytes_io, bytesio_new);
    let methods: &[(&'static str, crate::value::NativeFn)] = &[
        ("__init__", bytesio_init),
        ("read", bio_read),
        ("read1", bio_read),
        ("readline", bio_readline),
        ("readlines", bio_readlines),
        ("readinto", bio_readinto),
        ("write", bio_write),
        ("writelines", bio_writelines),
        ("seek", bio_seek),
        ("tell", bio_tell),
        ("truncate", bio_truncate),
        ("getvalue", bio_getvalue),
        ("getbuffer", bio_getbuffer),
        ("close", bio_close),
        ("flush", bio_flush),
        ("isatty", bio_isatty),
        ("readable", bio_true),
        ("writable", bio_true),
        ("seekable", bio_true),
        ("__iter__", bio_iter),
        ("__next__", bio_next),
        ("__getstate__", bio_getstate),
        ("__setstate__", bio_setstate),
        ("__sizeof__", bio_sizeof),
    ];
    for (n, f) in methods {
        native::add_method(&bytes_io, n, *f);
    }
    native::add_getter(vm, &bytes_io, "closed", bio_closed);

    let string_io = io::io_class(vm, "StringIO", Some(text.clone()));
    native::add_new(&string_io, stringio_new);
    let methods: &[(&'static str, crate::value::NativeFn)] = &[
        ("__init__", stringio_init),
        ("read", sio_read),
        ("readline", sio_readline),
        ("write", sio_write),
        ("seek", sio_seek),
        ("tell", sio_tell),
        ("truncate", sio_truncate),
        ("getvalue", sio_getvalue),
        ("close", sio_close),
        ("readable", sio_true),
        ("writable", sio_true),
        ("seekable", sio_true),
        ("__next__", sio_next),
        ("__getstate__", sio_getstate),
        ("__setstate__", sio_setstate),
    ];
    for (n, f) in methods {
        native::add_method(&string_io, n, *f);
    }
    native::add_getter(vm, &string_io, "closed", sio_closed);
    native::add_getter(vm, &string_io, "line_buffering", sio_line_buffering);
    native::add_getter(vm, &string_io, "newlines", sio_newlines);
    native::set(m, "BytesIO", Value::Obj(bytes_io));
    native::set(m, "StringIO", Value::Obj(string_io));
    Ok(())
}

// ---------------------------------------------------------------- StringIO

/// The largest stream (in bytes) a write may grow to: beyond it, a
/// MemoryError rather than an allocation that cannot succeed.
const MAX_LEN: usize = 1 << 34;

pub struct StringIO {
    buf: Vec<u32>,
    pos: usize,
    closed: bool,
    /// The `newline` argument (None, '', '\n', '\r', '\r\n').
    newline: Option<Vec<u32>>,
    readuniversal: bool,
    readtranslate: bool,
    writenl: Option<Vec<u32>>,
    /// Universal modes decode through a newline decoder that records the
    /// kinds of line ends seen (1 LF, 2 CR, 4 CRLF).
    has_decoder: bool,
    seennl: u8,
}

impl StringIO {
    fn new(newline: Option<Vec<u32>>) -> StringIO {
        let readuniversal = newline.as_ref().is_none_or(|n| n.is_empty());
        let readtranslate = newline.is_none();
        let writenl = newline.as_ref().filter(|n| n.first() == Some(&('\r' as u32))).cloned();
        StringIO { buf: Vec::new(), pos: 0, closed: false, newline, readuniversal, readtranslate, writenl, has_decoder: readuniversal, seennl: 0 }
    }

    fn write_cps(&mut self, text: &[u32]) -> Result<(), ()> {
        let mut owned: Option<Vec<u32>> = None;
        if self.has_decoder {
            let (translated, seen) = translate_newlines(text, self.readtranslate);
            self.seennl |= seen;
            owned = translated;
        }
        if let Some(nl) = &self.writenl {
            let src: &[u32] = owned.as_deref().unwrap_or(text);
            if src.contains(&('\n' as u32)) {
                let mut out = Vec::with_capacity(src.len() + 8);
                for &c in src {
                    if c == '\n' as u32 {
                        out.extend_from_slice(nl);
                    } else {
                        out.push(c);
                    }
                }
                owned = Some(out);
            }
        }
        let data: &[u32] = owned.as_deref().unwrap_or(text);
        if data.is_empty() {
            return Ok(());
        }
        if self.pos.saturating_add(data.len()) > MAX_LEN / 4 {
            return Err(());
        }
        if self.pos > self.buf.len() {
            self.buf.resize(self.pos, 0);
        }
        let end = self.pos + data.len();
        if self.pos == self.buf.len() {
            self.buf.extend_from_slice(data);
        } else {
            let overlap = end.min(self.buf.len()) - self.pos;
            self.buf[self.pos..self.pos + overlap].copy_from_slice(&data[..overlap]);
            self.buf.extend_from_slice(&data[overlap..]);
        }
        self.pos = end;
        Ok(())
    }

    /// The end (exclusive) of the line starting at `pos`, at most `limit`
    /// code points long.
    fn line_end(&self, limit: i64) -> usize {
        let start = self.pos.min(self.buf.len());
        let rest = &self.buf[start..];
        let found = if self.readtranslate {
            rest.iter().position(|&c| c == '\n' as u32).map(|p| p + 1)
        } else if self.readuniversal {
            rest.iter().position(|&c| c == '\n' as u32 || c == '\r' as u32).map(|p| {
                if rest[p] == '\r' as u32 && rest.get(p + 1) == Some(&('\n' as u32)) {
                    p + 2
                } else {
                    p + 1
                }
            })
        } else {
            let nl = self.newline.as_deref().unwrap_or(&[]);
            if nl.is_empty() {
                None
            } else {
                rest.windows(nl.len()).position(|w| w == nl).map(|p| p + nl.len())
            }
        };
        let mut n = found.unwrap_or(rest.len());
        if limit >= 0 && (limit as usize) < n {
            n = limit as usize;
        }
        start + n
    }
}

/// Translate '\r\n' and '\r' to '\n' (when `translate`), and report the
/// kinds of line end seen. None when nothing changed.
fn translate_newlines(text: &[u32], translate: bool) -> (Option<Vec<u32>>, u8) {
    let (cr, lf) = ('\r' as u32, '\n' as u32);
    if !text.iter().any(|&c| c == cr || c == lf) {
        return (None, 0);
    }
    let mut seen = 0u8;
    let mut out = if translate && text.contains(&cr) { Some(Vec::with_capacity(text.len())) } else { None };
    let mut i = 0;
    while i < text.len() {
        let c = text[i];
        if c == cr {
            if text.get(i + 1) == Some(&lf) {
                seen |= 4;
                i += 1;
            } else {
                seen |= 2;
            }
            if let Some(o) = &mut out {
                o.push(lf);
            }
        } else {
            if c == lf {
                seen |= 1;
            }
            if let Some(o) = &mut out {
                o.push(c);
            }
        }
        i += 1;
    }
    (out, seen)
}

/// The `newlines` value for a set of seen line-end kinds.
pub fn newlines_value(vm: &Vm, seen: u8) -> Value {
    let names: Vec<&str> = [(2u8, "\r"), (1, "\n"), (4, "\r\n")].iter().filter(|(b, _)| seen & b != 0).map(|(_, n)| *n).collect();
    let order = match seen {
        3 => vec!["\r", "\n"],
        5 => vec!["\n", "\r\n"],
        _ => names,
    };
    match order.len() {
        0 => Value::None,
        1 => vm.new_str(order[0]),
        _ => vm.new_tuple(order.iter().map(|s| vm.new_str(s)).collect()),
    }
}

fn sio_state<'a>(vm: &Vm, v: &'a Value) -> PyResult<std::cell::RefMut<'a, StringIO>> {
    native::opaque_mut::<StringIO>(v).ok_or_else(|| vm.type_error(format!("descriptor requires a '_io.StringIO' object but received a '{}'", vm.type_name(v))))
}

fn sio_open<'a>(vm: &Vm, a: &'a Args, method: &str) -> PyResult<std::cell::RefMut<'a, StringIO>> {
    let Some(v) = a.pos.first() else { return Err(vm.type_error(format!("descriptor '{method}' of '_io.StringIO' object needs an argument"))) };
    let s = sio_state(vm, v)?;
    if s.closed {
        return Err(vm.value_error("I/O operation on closed file"));
    }
    Ok(s)
}

fn stringio_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first().cloned() else { return Err(vm.type_error("StringIO.__new__(X): X is not a type object")) };
    Ok(vm.new_object(&cls, Payload::Opaque(std::cell::RefCell::new(Box::new(StringIO::new(Some(vec!['\n' as u32]))))), true))
}

fn parse_newline(vm: &Vm, v: Option<&Value>) -> PyResult<Option<Vec<u32>>> {
    match v {
        None => Ok(Some(vec!['\n' as u32])),
        Some(Value::None) => Ok(None),
        Some(v) => match v.as_str() {
            Some(s) => {
                let cps = s.code_points();
                let ok = matches!(cps.as_slice(), [] | [10] | [13] | [13, 10]);
                if !ok {
                    return Err(vm.value_error(format!("illegal newline value: {}", s.repr())));
                }
                Ok(Some(cps))
            }
            None => Err(vm.type_error(format!("newline must be str or None, not {}", vm.type_name(v)))),
        },
    }
}

fn stringio_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "__init__")?;
    let s = bind(vm, &rest(a), "StringIO", &["initial_value", "newline"], 0, 2)?;
    let newline = parse_newline(vm, s[1].as_ref())?;
    let initial = match &s[0] {
        None | Some(Value::None) => None,
        Some(v) => match v.as_str() {
            Some(t) => Some(t.code_points()),
            None => return Err(vm.type_error(format!("initial_value must be str or None, not {}", vm.type_name(v)))),
        },
    };
    let mut st = sio_state(vm, &slf)?;
    *st = StringIO::new(newline);
    if let Some(init) = initial {
        if st.write_cps(&init).is_err() {
            return Err(vm.memory_error());
        }
        st.pos = 0;
    }
    Ok(Value::None)
}

fn sio_read(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let size = size_arg(vm, a.pos.get(1).or_else(|| a.kwarg("size")))?;
    let mut s = sio_open(vm, a, "read")?;
    let start = s.pos.min(s.buf.len());
    let end = if size < 0 { s.buf.len() } else { start.saturating_add(size as usize).min(s.buf.len()) };
    let out = s.buf[start..end].to_vec();
    if end > s.pos {
        s.pos = end;
    }
    drop(s);
    Ok(vm.new_pystr(PyStr::from_code_points(out)))
}

fn sio_readline(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let size = size_arg(vm, a.pos.get(1).or_else(|| a.kwarg("size")))?;
    let mut s = sio_open(vm, a, "readline")?;
    if s.pos >= s.buf.len() {
        return Ok(vm.new_str(""));
    }
    let end = s.line_end(size);
    let out = s.buf[s.pos..end].to_vec();
    s.pos = end;
    drop(s);
    Ok(vm.new_pystr(PyStr::from_code_points(out)))
}

fn sio_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "__next__")?;
    let exact = slf.obj().is_some_and(|o| matches!(&o.class().payload, Payload::Class(c) if c.name.borrow().as_str() == "StringIO") && crate::types::is_builtin_class(&o.class()));
    let line = if exact {
        sio_readline(vm, &Args::new(vec![slf]))?
    } else {
        let l = vm.call_method(&slf, "readline", vec![])?;
        if l.as_str().is_none() {
            return Err(vm.err(&vm.types.exc.os_error.clone(), format!("readline() should have returned a str object, not '{}'", vm.type_name(&l))));
        }
        l
    };
    if line.as_str().is_some_and(|s| s.is_empty()) {
        return Err(vm.stop_iteration(Value::None));
    }
    Ok(line)
}

fn sio_write(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(arg) = a.pos.get(1) else { return Err(vm.type_error("write() takes exactly one argument (0 given)")) };
    let Some(text) = arg.as_str() else { return Err(vm.type_error(format!("string argument expected, got '{}'", vm.type_name(arg)))) };
    let mut s = sio_open(vm, a, "write")?;
    let n = text.len();
    if n > 0 {
        let cps = text.code_points();
        if s.write_cps(&cps).is_err() {
            return Err(vm.memory_error());
        }
    }
    Ok(Value::Int(n as i64))
}

fn whence_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<i64> {
    match v {
        None => Ok(0),
        Some(v) => crate::builtins::index_i64(vm, v),
    }
}

fn sio_seek(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(posv) = a.pos.get(1).cloned() else { return Err(vm.type_error("seek expected at least 1 argument, got 0")) };
    let pos = crate::builtins::index_i64(vm, &posv)?;
    let whence = whence_arg(vm, a.pos.get(2))?;
    let mut s = sio_open(vm, a, "seek")?;
    if !(0..=2).contains(&whence) {
        return Err(vm.value_error(format!("Invalid whence ({whence}, should be 0, 1 or 2)")));
    }
    if pos < 0 && whence == 0 {
        return Err(vm.value_error(format!("Negative seek position {pos}")));
    }
    if whence != 0 && pos != 0 {
        return Err(vm.err(&vm.types.exc.os_error.clone(), "Can't do nonzero cur-relative seeks"));
    }
    let newpos = match whence {
        1 => s.pos,
        2 => s.buf.len(),
        _ => pos as usize,
    };
    s.pos = newpos;
    Ok(Value::Int(newpos as i64))
}

fn sio_tell(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = sio_open(vm, a, "tell")?;
    Ok(Value::Int(s.pos as i64))
}

fn sio_truncate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let arg = a.pos.get(1).cloned();
    let size = match &arg {
        None | Some(Value::None) => None,
        Some(v) => Some(crate::builtins::index_i64(vm, v)?),
    };
    let mut s = sio_open(vm, a, "truncate")?;
    let size = size.unwrap_or(s.pos as i64);
    if size < 0 {
        return Err(vm.value_error(format!("Negative size value {size}")));
    }
    if (size as usize) < s.buf.len() {
        s.buf.truncate(size as usize);
    }
    Ok(Value::Int(size))
}

fn sio_getvalue(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = sio_open(vm, a, "getvalue")?;
    let out = s.buf.clone();
    drop(s);
    Ok(vm.new_pystr(PyStr::from_code_points(out)))
}

fn sio_close(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "close")?;
    let mut s = sio_state(vm, &slf)?;
    s.closed = true;
    s.buf = Vec::new();
    Ok(Value::None)
}

fn sio_closed(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "closed")?;
    let s = sio_state(vm, &slf)?;
    Ok(Value::Bool(s.closed))
}

fn sio_true(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    sio_open(vm, a, "readable")?;
    Ok(Value::Bool(true))
}

fn sio_line_buffering(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    sio_open(vm, a, "line_buffering")?;
    Ok(Value::Bool(false))
}

fn sio_newlines(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = sio_open(vm, a, "newlines")?;
    if !s.has_decoder {
        return Ok(Value::None);
    }
    let seen = s.seennl;
    drop(s);
    Ok(newlines_value(vm, seen))
}

fn instance_dict_copy(vm: &mut Vm, v: &Value) -> Value {
    match v.obj().and_then(|o| o.dict.as_ref()) {
        Some(d) if d.borrow().len() > 0 => {
            let d = d.borrow().clone();
            vm.new_dict(d)
        }
        _ => Value::None,
    }
}

fn sio_getstate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "__getstate__")?;
    let (buf, nl, pos) = {
        let s = sio_open(vm, a, "__getstate__")?;
        (s.buf.clone(), s.newline.clone(), s.pos)
    };
    let value = vm.new_pystr(PyStr::from_code_points(buf));
    let nl = match nl {
        Some(n) => vm.new_pystr(PyStr::from_code_points(n)),
        None => Value::None,
    };
    let d = instance_dict_copy(vm, &slf);
    Ok(vm.new_tuple(vec![value, nl, Value::Int(pos as i64), d]))
}

fn sio_setstate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "__setstate__")?;
    let state = a.pos.get(1).cloned().unwrap_or(Value::None);
    let items = match state.payload() {
        Some(Payload::Tuple(t)) if t.len() >= 4 => t.to_vec(),
        _ => return Err(vm.type_error(format!("{}.__setstate__ argument should be 4-tuple, got {}", vm.type_name(&slf), vm.type_name(&state)))),
    };
    let newline = parse_newline(vm, Some(&items[1]))?;
    let Some(value) = items[0].as_str().map(|s| s.code_points()) else {
        return Err(vm.type_error(format!("initial_value must be str or None, not {}", vm.type_name(&items[0]))));
    };
    let pos = match &items[2] {
        Value::Int(i) => *i,
        v => return Err(vm.type_error(format!("third item of state must be an integer, got {}", vm.type_name(v)))),
    };
    if pos < 0 {
        return Err(vm.value_error("position value cannot be negative"));
    }
    {
        let mut s = sio_open(vm, a, "__setstate__")?;
        *s = StringIO::new(newline);
        s.buf = value;
        s.pos = pos as usize;
    }
    set_dict_from(vm, &slf, &items[3])?;
    Ok(Value::None)
}

fn set_dict_from(vm: &mut Vm, slf: &Value, d: &Value) -> PyResult<()> {
    if d.is_none() {
        return Ok(());
    }
    let Some(Payload::Dict(src)) = d.payload() else {
        return Err(vm.type_error(format!("fourth item of state should be a dict, got a {}", vm.type_name(d))));
    };
    let entries: Vec<(Value, Value)> = src.borrow().iter().map(|e| (e.key.clone(), e.value.clone())).collect();
    for (k, v) in entries {
        if k.as_str().is_some() {
            vm.setattr(slf, &k, v)?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- BytesIO

pub struct BytesIO {
    buf: Vec<u8>,
    pos: usize,
    closed: bool,
}

fn bio_state<'a>(vm: &Vm, v: &'a Value) -> PyResult<std::cell::RefMut<'a, BytesIO>> {
    native::opaque_mut::<BytesIO>(v).ok_or_else(|| vm.type_error(format!("descriptor requires a '_io.BytesIO' object but received a '{}'", vm.type_name(v))))
}

fn bio_open<'a>(vm: &Vm, a: &'a Args, method: &str) -> PyResult<std::cell::RefMut<'a, BytesIO>> {
    let Some(v) = a.pos.first() else { return Err(vm.type_error(format!("descriptor '{method}' of '_io.BytesIO' object needs an argument"))) };
    let s = bio_state(vm, v)?;
    if s.closed {
        return Err(closed_error(vm));
    }
    Ok(s)
}

fn bytesio_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first().cloned() else { return Err(vm.type_error("BytesIO.__new__(X): X is not a type object")) };
    Ok(vm.new_object(&cls, Payload::Opaque(std::cell::RefCell::new(Box::new(BytesIO { buf: Vec::new(), pos: 0, closed: false }))), true))
}

fn bytesio_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "__init__")?;
    if a.pos.len() > 2 {
        return Err(vm.type_error(format!("BytesIO() takes at most 1 argument ({} given)", a.pos.len() - 1)));
    }
    let s = bind(vm, &rest(a), "BytesIO", &["initial_bytes"], 0, 1)?;
    let data = match &s[0] {
        None | Some(Value::None) => Vec::new(),
        Some(v) => native::buffer(vm, v)?,
    };
    let mut st = bio_state(vm, &slf)?;
    st.buf = data;
    st.pos = 0;
    st.closed = false;
    Ok(Value::None)
}

fn bio_read(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let size = size_arg(vm, a.pos.get(1).or_else(|| a.kwarg("size")))?;
    let mut s = bio_open(vm, a, "read")?;
    let start = s.pos.min(s.buf.len());
    let end = if size < 0 { s.buf.len() } else { start.saturating_add(size as usize).min(s.buf.len()) };
    let out = s.buf[start..end].to_vec();
    if end > s.pos {
        s.pos = end;
    }
    drop(s);
    Ok(crate::objects::bytes::new_bytes(vm, out))
}

fn bio_line(s: &mut BytesIO, limit: i64) -> Vec<u8> {
    let start = s.pos.min(s.buf.len());
    let rest = &s.buf[start..];
    let mut n = rest.iter().position(|&b| b == b'\n').map(|p| p + 1).unwrap_or(rest.len());
    if limit >= 0 && (limit as usize) < n {
        n = limit as usize;
    }
    let out = rest[..n].to_vec();
    s.pos = start + n;
    out
}

fn bio_readline(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let size = size_arg(vm, a.pos.get(1).or_else(|| a.kwarg("size")))?;
    let mut s = bio_open(vm, a, "readline")?;
    let out = bio_line(&mut s, size);
    drop(s);
    Ok(crate::objects::bytes::new_bytes(vm, out))
}

fn bio_readlines(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let hint = io::hint_arg(vm, a.pos.get(1).or_else(|| a.kwarg("size")))?;
    let mut s = bio_open(vm, a, "readlines")?;
    let mut lines = Vec::new();
    let mut total = 0usize;
    loop {
        let l = bio_line(&mut s, -1);
        if l.is_empty() {
            break;
        }
        total += l.len();
        lines.push(l);
        if hint > 0 && total as i64 >= hint {
            break;
        }
    }
    drop(s);
    let vals = lines.into_iter().map(|l| crate::objects::bytes::new_bytes(vm, l)).collect();
    Ok(vm.new_list(vals))
}

fn bio_readinto(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(target) = a.pos.get(1).cloned() else { return Err(vm.type_error("readinto() takes exactly one argument (0 given)")) };
    let n = io::buffer_len(vm, &target, "readinto")?;
    let data = {
        let mut s = bio_open(vm, a, "readinto")?;
        let start = s.pos.min(s.buf.len());
        let end = start.saturating_add(n).min(s.buf.len());
        let d = s.buf[start..end].to_vec();
        s.pos = start + d.len();
        d
    };
    io::fill_buffer(vm, &target, &data, "readinto")?;
    Ok(Value::Int(data.len() as i64))
}

fn bio_write_bytes(vm: &Vm, s: &mut BytesIO, data: &[u8]) -> PyResult<()> {
    if data.is_empty() {
        return Ok(());
    }
    if s.pos.saturating_add(data.len()) > MAX_LEN {
        return Err(vm.memory_error());
    }
    if s.pos > s.buf.len() {
        s.buf.resize(s.pos, 0);
    }
    let end = s.pos + data.len();
    if s.pos == s.buf.len() {
        s.buf.extend_from_slice(data);
    } else {
        let overlap = end.min(s.buf.len()) - s.pos;
        let p = s.pos;
        s.buf[p..p + overlap].copy_from_slice(&data[..overlap]);
        s.buf.extend_from_slice(&data[overlap..]);
    }
    s.pos = end;
    Ok(())
}

fn bio_write(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(arg) = a.pos.get(1) else { return Err(vm.type_error("write() takes exactly one argument (0 given)")) };
    bio_open(vm, a, "write")?;
    let data = native::buffer(vm, arg)?;
    let mut s = bio_open(vm, a, "write")?;
    bio_write_bytes(vm, &mut s, &data)?;
    Ok(Value::Int(data.len() as i64))
}

fn bio_writelines(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(lines) = a.pos.get(1).cloned() else { return Err(vm.type_error("writelines() takes exactly one argument (0 given)")) };
    bio_open(vm, a, "writelines")?;
    let it = vm.iter(&lines)?;
    while let Some(line) = vm.next(&it)? {
        let data = native::buffer(vm, &line)?;
        let mut s = bio_open(vm, a, "writelines")?;
        bio_write_bytes(vm, &mut s, &data)?;
    }
    Ok(Value::None)
}

fn bio_seek(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(posv) = a.pos.get(1).cloned() else { return Err(vm.type_error("seek expected at least 1 argument, got 0")) };
    let pos = crate::builtins::index_i64(vm, &posv)?;
    let whence = whence_arg(vm, a.pos.get(2))?;
    let mut s = bio_open(vm, a, "seek")?;
    if pos < 0 && whence == 0 {
        return Err(vm.value_error(format!("negative seek value {pos}")));
    }
    let newpos = match whence {
        0 => pos,
        1 => pos.checked_add(s.pos as i64).ok_or_else(|| vm.overflow_error("new position too large"))?,
        2 => pos.checked_add(s.buf.len() as i64).ok_or_else(|| vm.overflow_error("new position too large"))?,
        _ => return Err(vm.value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)"))),
    };
    let newpos = newpos.max(0);
    if newpos as u64 > (isize::MAX as u64) / 2 {
        return Err(vm.overflow_error("new position too large"));
    }
    s.pos = newpos as usize;
    Ok(Value::Int(newpos))
}

fn bio_tell(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bio_open(vm, a, "tell")?;
    Ok(Value::Int(s.pos as i64))
}

fn bio_truncate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let arg = a.pos.get(1).cloned();
    let size = match &arg {
        None | Some(Value::None) => None,
        Some(v) => Some(crate::builtins::index_i64(vm, v)?),
    };
    let mut s = bio_open(vm, a, "truncate")?;
    let size = size.unwrap_or(s.pos as i64);
    if size < 0 {
        return Err(vm.value_error(format!("negative size value {size}")));
    }
    if (size as usize) < s.buf.len() {
        s.buf.truncate(size as usize);
    }
    Ok(Value::Int(size))
}

fn bio_getvalue(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bio_open(vm, a, "getvalue")?;
    let out = s.buf.clone();
    drop(s);
    Ok(crate::objects::bytes::new_bytes(vm, out))
}

fn bio_getbuffer(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bio_open(vm, a, "getbuffer")?;
    let out = s.buf.clone();
    drop(s);
    // A view of a copy: writes through the view do not reach the stream.
    let ba = crate::objects::bytes::new_bytearray(vm, out);
    let mv = Value::Obj(vm.types.memoryview.clone());
    vm.call(&mv, vec![ba])
}

fn bio_close(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "close")?;
    let mut s = bio_state(vm, &slf)?;
    s.closed = true;
    s.buf = Vec::new();
    Ok(Value::None)
}

fn bio_closed(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "closed")?;
    let s = bio_state(vm, &slf)?;
    Ok(Value::Bool(s.closed))
}

fn bio_flush(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    bio_open(vm, a, "flush")?;
    Ok(Value::None)
}

fn bio_isatty(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    bio_open(vm, a, "isatty")?;
    Ok(Value::Bool(false))
}

fn bio_true(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    bio_open(vm, a, "readable")?;
    Ok(Value::Bool(true))
}

fn bio_iter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    this(vm, a, "__iter__")
}

fn bio_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let mut s = bio_open(vm, a, "__next__")?;
    let l = bio_line(&mut s, -1);
    drop(s);
    if l.is_empty() {
        return Err(vm.stop_iteration(Value::None));
    }
    Ok(crate::objects::bytes::new_bytes(vm, l))
}

fn bio_getstate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "__getstate__")?;
    let (buf, pos) = {
        let s = bio_open(vm, a, "__getstate__")?;
        (s.buf.clone(), s.pos)
    };
    let value = crate::objects::bytes::new_bytes(vm, buf);
    let d = instance_dict_copy(vm, &slf);
    Ok(vm.new_tuple(vec![value, Value::Int(pos as i64), d]))
}

fn bio_setstate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "__setstate__")?;
    let state = a.pos.get(1).cloned().unwrap_or(Value::None);
    let items = match state.payload() {
        Some(Payload::Tuple(t)) if t.len() >= 3 => t.to_vec(),
        _ => return Err(vm.type_error(format!("{}.__setstate__ argument should be 3-tuple, got {}", vm.type_name(&slf), vm.type_name(&state)))),
    };
    let data = native::buffer(vm, &items[0])?;
    let pos = match &items[1] {
        Value::Int(i) => *i,
        v => return Err(vm.type_error(format!("second item of state must be an integer, not {}", vm.type_name(v)))),
    };
    if pos < 0 {
        return Err(vm.value_error("position value cannot be negative"));
    }
    {
        let mut s = bio_open(vm, a, "__setstate__")?;
        s.buf = data;
        s.pos = pos as usize;
    }
    set_dict_from(vm, &slf, &items[2])?;
    Ok(Value::None)
}

fn bio_sizeof(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slf = this(vm, a, "__sizeof__")?;
    let s = bio_state(vm, &slf)?;
    Ok(Value::Int(88 + s.buf.capacity() as i64))
}

#[allow(dead_code)]
fn key(name: &str) -> Value {
    str_key(name)
}
