//! `_codecs`: the codec registry (search functions, the lookup cache,
//! error handlers) and the codec functions the `encodings` package calls.
//! The codecs themselves are in `objects/codecs.rs`.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::modules::native::{self, bind, positional};
use crate::objects::codecs as cx;
use crate::objects::codecs::{DecCtx, EncCtx};
use crate::objects::dict::Dict;
use crate::value::{NativeFn, Payload, PyRef, Value};
use crate::vm::{str_key, Args, Vm};
use crate::{PyErr, PyResult};

#[derive(Default)]
struct Registry {
    /// Set once `encodings` has been imported (or is being imported).
    initialized: bool,
    search: Vec<Value>,
    cache: HashMap<String, Value>,
    /// Error handlers by name; `None` until the built-in ones are made.
    errors: Option<HashMap<String, Value>>,
    builtin_errors: HashMap<String, Value>,
    encoding_map: Option<PyRef>,
}

thread_local! {
    static REG: RefCell<Registry> = RefCell::new(Registry::default());
}

const BUILTIN_HANDLERS: &[(&str, &str, NativeFn)] = &[
    ("strict", "strict_errors", strict_errors),
    ("ignore", "ignore_errors", ignore_errors),
    ("replace", "replace_errors", replace_errors),
    ("xmlcharrefreplace", "xmlcharrefreplace_errors", xmlcharrefreplace_errors),
    ("backslashreplace", "backslashreplace_errors", backslashreplace_errors),
    ("namereplace", "namereplace_errors", namereplace_errors),
    ("surrogateescape", "surrogateescape", surrogateescape_errors),
    ("surrogatepass", "surrogatepass", surrogatepass_errors),
];

fn ensure_errors(vm: &Vm) {
    let missing = REG.with(|r| r.borrow().errors.is_none());
    if !missing {
        return;
    }
    let mut m = HashMap::new();
    for (name, fname, f) in BUILTIN_HANDLERS {
        m.insert(name.to_string(), vm.native(fname, *f));
    }
    REG.with(|r| {
        let mut r = r.borrow_mut();
        r.builtin_errors = m.clone();
        r.errors = Some(m);
    });
}

/// `codecs.lookup_error(name)`.
pub fn lookup_error(vm: &mut Vm, name: &str) -> PyResult<Value> {
    ensure_errors(vm);
    let h = REG.with(|r| r.borrow().errors.as_ref().and_then(|m| m.get(name).cloned()));
    h.ok_or_else(|| vm.err(&vm.types.exc.lookup_error, format!("unknown error handler name '{name}'")))
}

/// Is the handler registered as `name` still the built-in one?
pub fn handler_is_builtin(name: &str) -> bool {
    REG.with(|r| {
        let r = r.borrow();
        match (r.errors.as_ref().and_then(|m| m.get(name)), r.builtin_errors.get(name)) {
            (Some(a), Some(b)) => a.is(b),
            (None, _) => true,
            _ => false,
        }
    })
}

/// CPython's `_Py_normalize_encoding` (lower case; runs of characters
/// other than letters, digits and '.' become one '_').
fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut punct = false;
    for c in name.bytes() {
        if c.is_ascii_alphanumeric() || c == b'.' {
            if punct && !out.is_empty() {
                out.push('_');
            }
            punct = false;
            out.push(c.to_ascii_lowercase() as char);
        } else {
            punct = true;
        }
    }
    out
}

fn ensure_init(vm: &mut Vm) -> PyResult<()> {
    let done = REG.with(|r| r.borrow().initialized);
    if done {
        return Ok(());
    }
    REG.with(|r| r.borrow_mut().initialized = true);
    ensure_errors(vm);
    if vm.stdlib.stdlib.is_none() {
        return Ok(());
    }
    if let Err(e) = crate::modules::import(vm, &str_key("encodings"), &Value::None, &Value::Int(0)) {
        REG.with(|r| r.borrow_mut().initialized = false);
        return Err(e);
    }
    Ok(())
}

/// `codecs.lookup(encoding)`: the CodecInfo.
pub fn lookup_codec(vm: &mut Vm, encoding: &str) -> PyResult<Value> {
    ensure_init(vm)?;
    let key = normalize(encoding);
    if let Some(v) = REG.with(|r| r.borrow().cache.get(&key).cloned()) {
        return Ok(v);
    }
    let funcs = REG.with(|r| r.borrow().search.clone());
    let arg = vm.new_str(&key);
    for f in funcs {
        let r = vm.call(&f, vec![arg.clone()])?;
        if r.is_none() {
            continue;
        }
        let ok = matches!(r.payload(), Some(Payload::Tuple(t)) if t.len() == 4);
        if !ok {
            return Err(vm.type_error("codec search functions must return 4-tuples"));
        }
        REG.with(|reg| reg.borrow_mut().cache.insert(key, r.clone()));
        return Ok(r);
    }
    Err(cx::unknown_encoding(vm, encoding))
}

/// The codec of a text encoding (CPython's `_PyCodec_LookupTextEncoding`).
pub fn lookup_text_encoding(vm: &mut Vm, encoding: &str, alternate: &str) -> PyResult<Value> {
    let info = lookup_codec(vm, encoding)?;
    if let Ok(v) = vm.getattr(&info, &str_key("_is_text_encoding")) {
        if !vm.truthy(&v)? {
            return Err(vm.err(
                &vm.types.exc.lookup_error,
                format!("'{encoding}' is not a text encoding; use {alternate} to handle arbitrary codecs"),
            ));
        }
    }
    Ok(info)
}

/// Call an encoder or decoder of a CodecInfo: `f(obj[, errors])`, which
/// must return `(object, length)`; returns the object. Errors of simple
/// exception types are re-raised with the codec named, as CPython does.
pub fn call_codec(vm: &mut Vm, f: &Value, obj: Value, errors: Option<&str>, encoding: &str, what: &str) -> PyResult<Value> {
    let mut args = vec![obj];
    if let Some(e) = errors {
        args.push(vm.new_str(e));
    }
    let r = match vm.call(f, args) {
        Ok(r) => r,
        Err(e) => return Err(wrap_error(vm, e, what, encoding)),
    };
    match r.payload() {
        Some(Payload::Tuple(t)) if t.len() == 2 => Ok(t[0].clone()),
        _ => Err(vm.type_error(if what == "encoding" {
            "encoder must return a tuple (object, integer)"
        } else {
            "decoder must return a tuple (object,integer)"
        })),
    }
}

fn wrap_error(vm: &mut Vm, e: PyErr, what: &str, encoding: &str) -> PyErr {
    let exc = e.0.clone();
    let cls = vm.type_of(&exc);
    let base = vm.types.exc.base_exception.clone();
    let base_init = vm.lookup_mro(&base, "__init__");
    let base_new = vm.lookup_mro(&base, "__new__");
    let same = |a: Option<Value>, b: &Option<Value>| match (a, b) {
        (Some(a), Some(b)) => a.is(b),
        _ => false,
    };
    if !same(vm.lookup_mro(&cls, "__init__"), &base_init) || !same(vm.lookup_mro(&cls, "__new__"), &base_new) {
        return e;
    }
    let nargs = match exc.payload() {
        Some(Payload::Exception(x)) => match x.args.borrow().payload() {
            Some(Payload::Tuple(t)) => t.len(),
            _ => 0,
        },
        _ => return e,
    };
    if nargs > 1 {
        return e;
    }
    let dict_empty = match exc.obj().and_then(|o| o.dict.as_ref()) {
        Some(d) => d.borrow().len() == 0,
        None => true,
    };
    if !dict_empty {
        return e;
    }
    let text = match vm.str_string(&exc) {
        Ok(t) => t,
        Err(_) => return e,
    };
    let msg = format!("{what} with '{encoding}' codec failed ({}: {text})", crate::types::class_name(&cls));
    let new = vm.new_exception(&cls, vec![vm.new_str(&msg)]);
    if let (Some(Payload::Exception(old)), Some(Payload::Exception(nx))) = (exc.payload(), new.0.payload()) {
        *nx.traceback.borrow_mut() = old.traceback.borrow().clone();
    }
    crate::vm::ops::set_cause(&new.0, &exc, false);
    crate::vm::ops::set_cause(&new.0, &exc, true);
    new
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let funcs: &[(&'static str, NativeFn)] = &[
        ("register", register),
        ("unregister", unregister),
        ("lookup", lookup),
        ("encode", encode),
        ("decode", decode),
        ("register_error", register_error),
        ("lookup_error", lookup_error_py),
        ("utf_8_encode", utf_8_encode),
        ("utf_8_decode", utf_8_decode),
        ("utf_7_encode", utf_7_encode),
        ("utf_7_decode", utf_7_decode),
        ("utf_16_encode", utf_16_encode),
        ("utf_16_decode", utf_16_decode),
        ("utf_16_le_encode", utf_16_le_encode),
        ("utf_16_le_decode", utf_16_le_decode),
        ("utf_16_be_encode", utf_16_be_encode),
        ("utf_16_be_decode", utf_16_be_decode),
        ("utf_16_ex_decode", utf_16_ex_decode),
        ("utf_32_encode", utf_32_encode),
        ("utf_32_decode", utf_32_decode),
        ("utf_32_le_encode", utf_32_le_encode),
        ("utf_32_le_decode", utf_32_le_decode),
        ("utf_32_be_encode", utf_32_be_encode),
        ("utf_32_be_decode", utf_32_be_decode),
        ("utf_32_ex_decode", utf_32_ex_decode),
        ("latin_1_encode", latin_1_encode),
        ("latin_1_decode", latin_1_decode),
        ("ascii_encode", ascii_encode),
        ("ascii_decode", ascii_decode),
        ("charmap_encode", charmap_encode),
        ("charmap_decode", charmap_decode),
        ("charmap_build", charmap_build),
        ("unicode_escape_encode", unicode_escape_encode),
        ("unicode_escape_decode", unicode_escape_decode),
        ("raw_unicode_escape_encode", raw_unicode_escape_encode),
        ("raw_unicode_escape_decode", raw_unicode_escape_decode),
        ("escape_encode", escape_encode),
        ("escape_decode", escape_decode),
        ("readbuffer_encode", readbuffer_encode),
    ];
    let m = native::new_module(vm, "_codecs", funcs);
    let cls = native::native_final_class(vm, "builtins", "EncodingMap");
    native::add_method(&cls, "size", encoding_map_size);
    REG.with(|r| r.borrow_mut().encoding_map = Some(cls));
    ensure_errors(vm);
    Ok(m)
}

fn is_callable(vm: &Vm, v: &Value) -> bool {
    match v.payload() {
        Some(Payload::Function(_) | Payload::Native(_) | Payload::Method { .. } | Payload::Class(_)) => true,
        _ => vm.lookup_mro(&vm.type_of(v), "__call__").is_some(),
    }
}

// ---- the registry ----------------------------------------------------------------

fn register(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "register", 1, 1)?;
    if !is_callable(vm, &p[0]) {
        return Err(vm.type_error("argument must be callable"));
    }
    ensure_init(vm)?;
    REG.with(|r| r.borrow_mut().search.push(p[0].clone()));
    Ok(Value::None)
}

fn unregister(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "unregister", 1, 1)?;
    REG.with(|r| {
        let mut r = r.borrow_mut();
        if let Some(i) = r.search.iter().position(|f| f.is(&p[0])) {
            r.search.remove(i);
            r.cache.clear();
        }
    });
    Ok(Value::None)
}

fn str_of(vm: &Vm, v: &Value, what: &str) -> PyResult<String> {
    v.as_str().map(|s| s.to_string_lossy()).ok_or_else(|| vm.type_error(format!("{what} must be str, not {}", vm.type_name(v))))
}

fn lookup(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "lookup", 1, 1)?;
    let enc = str_of(vm, &p[0], "lookup() argument")?;
    lookup_codec(vm, &enc)
}

fn encode_decode(vm: &mut Vm, a: &Args, fname: &str) -> PyResult<Value> {
    let s = bind(vm, a, fname, &["obj", "encoding", "errors"], 1, 3)?;
    let obj = s[0].clone().unwrap_or(Value::None);
    let enc = match &s[1] {
        Some(v) => str_of(vm, v, &format!("{fname}() argument 'encoding'"))?,
        None => "utf-8".into(),
    };
    let errors = match &s[2] {
        Some(v) => Some(str_of(vm, v, &format!("{fname}() argument 'errors'"))?),
        None => None,
    };
    let info = lookup_codec(vm, &enc)?;
    let idx = if fname == "encode" { 0 } else { 1 };
    let f = vm.getitem(&info, &Value::Int(idx))?;
    call_codec(vm, &f, obj, errors.as_deref(), &enc, if fname == "encode" { "encoding" } else { "decoding" })
}

fn encode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    encode_decode(vm, a, "encode")
}

fn decode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    encode_decode(vm, a, "decode")
}

fn register_error(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "register_error", 2, 2)?;
    let name = str_of(vm, &p[0], "register_error() argument 1")?;
    if !is_callable(vm, &p[1]) {
        return Err(vm.type_error("handler must be callable"));
    }
    ensure_errors(vm);
    REG.with(|r| {
        if let Some(m) = r.borrow_mut().errors.as_mut() {
            m.insert(name, p[1].clone());
        }
    });
    Ok(Value::None)
}

fn lookup_error_py(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "lookup_error", 1, 1)?;
    let name = str_of(vm, &p[0], "lookup_error() argument")?;
    lookup_error(vm, &name)
}

// ---- the built-in error handlers as callables ---------------------------------------

enum Kind {
    Encode,
    Decode,
    Translate,
}

struct ExcInfo {
    kind: Kind,
    start: usize,
    end: usize,
    object: Value,
    encoding: String,
}

fn exc_info(vm: &mut Vm, a: &Args, fname: &str) -> PyResult<(Value, ExcInfo)> {
    let p = positional(vm, a, fname, 1, 1)?;
    let exc = p[0].clone();
    let kind = if vm.isinstance(&exc, &vm.types.exc.unicode_encode_error.clone()) {
        Kind::Encode
    } else if vm.isinstance(&exc, &vm.types.exc.unicode_decode_error.clone()) {
        Kind::Decode
    } else if vm.isinstance(&exc, &vm.types.exc.unicode_translate_error.clone()) {
        Kind::Translate
    } else {
        return Err(vm.type_error(format!("don't know how to handle {} in error callback", vm.type_name(&exc))));
    };
    let object = vm.getattr(&exc, &str_key("object"))?;
    let len = match object.payload() {
        Some(Payload::Str(s)) => s.len(),
        Some(Payload::Bytes(b)) => b.len(),
        _ => {
            let what = if matches!(kind, Kind::Decode) { "bytes" } else { "str" };
            return Err(vm.type_error(format!("object attribute must be {what}")));
        }
    };
    let gi = |vm: &mut Vm, n: &str| -> PyResult<i64> {
        let v = vm.getattr(&exc, &str_key(n))?;
        crate::vm::ops::as_i64(&v).ok_or_else(|| vm.type_error(format!("{n} attribute must be int")))
    };
    let mut start = gi(vm, "start")?;
    let mut end = gi(vm, "end")?;
    let len = len as i64;
    if start < 0 {
        start = 0;
    }
    if start >= len {
        start = if len == 0 { 0 } else { len - 1 };
    }
    if end < 1 {
        end = 1;
    }
    if end > len {
        end = len;
    }
    let encoding = match kind {
        Kind::Translate => String::new(),
        _ => vm.getattr(&exc, &str_key("encoding")).ok().and_then(|v| v.as_str().map(|s| s.to_string_lossy())).unwrap_or_default(),
    };
    Ok((exc, ExcInfo { kind, start: start as usize, end: end.max(start) as usize, object, encoding }))
}

fn cps_of(info: &ExcInfo) -> Vec<u32> {
    match info.object.payload() {
        Some(Payload::Str(s)) => s.code_points()[info.start..info.end].to_vec(),
        _ => Vec::new(),
    }
}

fn rep_str(vm: &Vm, cps: Vec<u32>, end: usize) -> Value {
    let s = vm.new_pystr(crate::objects::str::PyStr::from_code_points(cps));
    vm.new_tuple(vec![s, Value::Int(end as i64)])
}

fn cant_handle(vm: &Vm, exc: &Value) -> PyErr {
    vm.type_error(format!("don't know how to handle {} in error callback", vm.type_name(exc)))
}

fn strict_errors(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "strict_errors", 1, 1)?;
    if vm.isinstance(&p[0], &vm.types.exc.base_exception.clone()) {
        return Err(PyErr(p[0].clone()));
    }
    Err(vm.type_error("codec must pass exception instance"))
}

fn ignore_errors(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (_, i) = exc_info(vm, a, "ignore_errors")?;
    Ok(rep_str(vm, Vec::new(), i.end))
}

fn replace_errors(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (_, i) = exc_info(vm, a, "replace_errors")?;
    let n = i.end - i.start;
    let cps = match i.kind {
        Kind::Encode => vec!['?' as u32; n],
        Kind::Decode => vec![0xfffd],
        Kind::Translate => vec![0xfffd; n],
    };
    Ok(rep_str(vm, cps, i.end))
}

fn xmlcharrefreplace_errors(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (exc, i) = exc_info(vm, a, "xmlcharrefreplace_errors")?;
    if !matches!(i.kind, Kind::Encode) {
        return Err(cant_handle(vm, &exc));
    }
    Ok(rep_str(vm, cx::xmlcharref_rep(&cps_of(&i)), i.end))
}

fn backslashreplace_errors(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (_, i) = exc_info(vm, a, "backslashreplace_errors")?;
    let cps = match (&i.kind, i.object.payload()) {
        (Kind::Decode, Some(Payload::Bytes(b))) => {
            b[i.start..i.end].iter().flat_map(|c| format!("\\x{c:02x}").chars().map(|ch| ch as u32).collect::<Vec<_>>()).collect()
        }
        _ => cx::backslash_rep(&cps_of(&i)),
    };
    Ok(rep_str(vm, cps, i.end))
}

fn namereplace_errors(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (exc, i) = exc_info(vm, a, "namereplace_errors")?;
    if !matches!(i.kind, Kind::Encode) {
        return Err(cant_handle(vm, &exc));
    }
    Ok(rep_str(vm, cx::namereplace_rep(&cps_of(&i)), i.end))
}

fn surrogateescape_errors(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (exc, i) = exc_info(vm, a, "surrogateescape")?;
    match (&i.kind, i.object.payload()) {
        (Kind::Decode, Some(Payload::Bytes(b))) => {
            let mut out = Vec::new();
            let mut k = i.start;
            while k < i.end && out.len() < 4 && b[k] >= 0x80 {
                out.push(0xdc00 + b[k] as u32);
                k += 1;
            }
            if out.is_empty() {
                return Err(PyErr(exc));
            }
            Ok(rep_str(vm, out, k))
        }
        (Kind::Encode, _) => {
            let cps = cps_of(&i);
            if cps.iter().any(|c| !(0xdc80..0xdd00).contains(c)) {
                return Err(PyErr(exc));
            }
            let b = crate::objects::bytes::new_bytes(vm, cps.iter().map(|c| (c - 0xdc00) as u8).collect());
            Ok(vm.new_tuple(vec![b, Value::Int(i.end as i64)]))
        }
        _ => Err(cant_handle(vm, &exc)),
    }
}

fn surrogatepass_errors(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (exc, i) = exc_info(vm, a, "surrogatepass")?;
    match (&i.kind, i.object.payload()) {
        (Kind::Decode, Some(Payload::Bytes(b))) => match cx::surrogatepass_decode(&i.encoding, b, i.start) {
            Some((c, n)) => Ok(rep_str(vm, vec![c], i.start + n)),
            None => {
                if cx::standard_utf(&i.encoding).is_none() {
                    return Err(PyErr(exc));
                }
                Err(PyErr(exc))
            }
        },
        (Kind::Encode, _) => match cx::surrogatepass_encode(&i.encoding, &cps_of(&i)) {
            Some(b) => {
                let b = crate::objects::bytes::new_bytes(vm, b);
                Ok(vm.new_tuple(vec![b, Value::Int(i.end as i64)]))
            }
            None => Err(PyErr(exc)),
        },
        _ => Err(cant_handle(vm, &exc)),
    }
}

// ---- argument helpers ----------------------------------------------------------------

fn arg_str(vm: &Vm, p: &[Value], i: usize, f: &str) -> PyResult<Vec<u32>> {
    match p.get(i).and_then(|v| v.as_str()) {
        Some(s) => Ok(s.code_points()),
        None => Err(vm.type_error(format!("{f}() argument {} must be str, not {}", i + 1, p.get(i).map(|v| vm.type_name(v)).unwrap_or_default()))),
    }
}

fn arg_errors(vm: &Vm, p: &[Value], i: usize, f: &str) -> PyResult<String> {
    match p.get(i) {
        None => Ok("strict".into()),
        Some(v) if v.is_none() => Ok("strict".into()),
        Some(v) => match v.as_str() {
            Some(s) => Ok(s.to_string_lossy()),
            None => Err(vm.type_error(format!("{f}() argument {} must be str or None, not {}", i + 1, vm.type_name(v)))),
        },
    }
}

fn arg_int(vm: &mut Vm, p: &[Value], i: usize, default: i64) -> PyResult<i64> {
    match p.get(i) {
        None => Ok(default),
        Some(v) => {
            if matches!(v, Value::Float(_)) || crate::vm::ops::as_big(v).is_none() {
                let idx = vm.lookup_mro(&vm.type_of(v), "__index__");
                if let (Some(f), false) = (idx, matches!(v, Value::Float(_))) {
                    let r = vm.call(&f, vec![v.clone()])?;
                    return crate::vm::ops::as_i64(&r).ok_or_else(|| vm.overflow_error("Python int too large to convert to C int"));
                }
                return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(v))));
            }
            match crate::vm::ops::as_i64(v) {
                Some(n) if n >= i32::MIN as i64 && n <= i32::MAX as i64 => Ok(n),
                _ => Err(vm.overflow_error("Python int too large to convert to C int")),
            }
        }
    }
}

fn arg_bool(vm: &mut Vm, p: &[Value], i: usize, default: bool) -> PyResult<bool> {
    Ok(arg_int(vm, p, i, default as i64)? != 0)
}

/// A `Py_buffer` argument; `str` too when `allow_str` (the `s*` format).
fn arg_buffer(vm: &Vm, p: &[Value], i: usize, allow_str: bool) -> PyResult<Vec<u8>> {
    let v = &p[i];
    if allow_str {
        if let Some(s) = v.as_str() {
            let mut out = Vec::new();
            for c in s.iter() {
                if (0xd800..0xe000).contains(&c) {
                    return Err(vm.err(
                        &vm.types.exc.unicode_encode_error,
                        "'utf-8' codec can't encode character in position: surrogates not allowed",
                    ));
                }
                let ch = char::from_u32(c).unwrap_or('\u{fffd}');
                let mut buf = [0u8; 4];
                out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
            }
            return Ok(out);
        }
    }
    native::buffer(vm, v)
}

fn pair(vm: &Vm, v: Value, n: usize) -> Value {
    vm.new_tuple(vec![v, Value::Int(n as i64)])
}

fn bytes_pair(vm: &Vm, b: Vec<u8>, n: usize) -> Value {
    let v = crate::objects::bytes::new_bytes(vm, b);
    pair(vm, v, n)
}

fn str_pair(vm: &Vm, s: Vec<u32>, n: usize) -> Value {
    let v = vm.new_pystr(crate::objects::str::PyStr::from_code_points(s));
    pair(vm, v, n)
}

fn no_kw(vm: &Vm, a: &Args, f: &str) -> PyResult<()> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("_codecs.{f}() takes no keyword arguments")));
    }
    Ok(())
}

fn pos<'a>(vm: &Vm, a: &'a Args, f: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
    no_kw(vm, a, f)?;
    positional(vm, a, f, min, max)
}

// ---- codec functions ---------------------------------------------------------------

fn utf_8_encode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = pos(vm, a, "utf_8_encode", 1, 2)?;
    let s = arg_str(vm, p, 0, "utf_8_encode")?;
    let errors = arg_errors(vm, p, 1, "utf_8_encode")?;
    let mut e = EncCtx::new("utf-8", &errors, &s, Some(p[0].clone()));
    let b = cx::encode_utf8(vm, &mut e)?;
    Ok(bytes_pair(vm, b, s.len()))
}

fn utf_8_decode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = pos(vm, a, "utf_8_decode", 1, 3)?;
    let data = arg_buffer(vm, p, 0, false)?;
    let errors = arg_errors(vm, p, 1, "utf_8_decode")?;
    let fin = arg_bool(vm, p, 2, false)?;
    let mut d = DecCtx::new("utf-8", &errors, &data);
    let (s, n) = cx::decode_utf8(vm, &mut d, fin)?;
    Ok(str_pair(vm, s, n))
}

fn utf_7_encode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = pos(vm, a, "utf_7_encode", 1, 2)?;
    let s = arg_str(vm, p, 0, "utf_7_encode")?;
    arg_errors(vm, p, 1, "utf_7_encode")?;
    Ok(bytes_pair(vm, cx::encode_utf7(&s), s.len()))
}

fn utf_7_decode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = pos(vm, a, "utf_7_decode", 1, 3)?;
    let data = arg_buffer(vm, p, 0, false)?;
    let errors = arg_errors(vm, p, 1, "utf_7_decode")?;
    let fin = arg_bool(vm, p, 2, false)?;
    let mut d = DecCtx::new("utf7", &errors, &data);
    let (s, n) = cx::decode_utf7(vm, &mut d, fin)?;
    Ok(str_pair(vm, s, n))
}

fn utf_enc(vm: &mut Vm, a: &Args, f: &str, unit: usize, fixed: Option<i64>) -> PyResult<Value> {
    let max = if fixed.is_some() { 2 } else { 3 };
    let p = pos(vm, a, f, 1, max)?;
    let s = arg_str(vm, p, 0, f)?;
    let errors = arg_errors(vm, p, 1, f)?;
    let bo = match fixed {
        Some(b) => b,
        None => arg_int(vm, p, 2, 0)?,
    };
    let name = match (unit, bo.signum()) {
        (2, 0) => "utf-16",
        (2, -1) => "utf-16-le",
        (2, _) => "utf-16-be",
        (_, 0) => "utf-32",
        (_, -1) => "utf-32-le",
        _ => "utf-32-be",
    };
    let mut e = EncCtx::new(name, &errors, &s, Some(p[0].clone()));
    let b = cx::encode_utf16_32(vm, &mut e, unit, bo)?;
    Ok(bytes_pair(vm, b, s.len()))
}

fn utf_dec(vm: &mut Vm, a: &Args, f: &str, unit: usize, fixed: Option<i64>, ex: bool) -> PyResult<Value> {
    let max = if ex { 4 } else { 3 };
    let p = pos(vm, a, f, 1, max)?;
    let data = arg_buffer(vm, p, 0, false)?;
    let errors = arg_errors(vm, p, 1, f)?;
    let (bo, fin) = if ex { (arg_int(vm, p, 2, 0)?, arg_bool(vm, p, 3, false)?) } else { (fixed.unwrap_or(0), arg_bool(vm, p, 2, false)?) };
    let (s, n, bo) = cx::decode_utf16_32(vm, &data, &errors, unit, bo, fin)?;
    if ex {
        let v = vm.new_pystr(crate::objects::str::PyStr::from_code_points(s));
        return Ok(vm.new_tuple(vec![v, Value::Int(n as i64), Value::Int(bo)]));
    }
    Ok(str_pair(vm, s, n))
}

fn utf_16_encode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    utf_enc(vm, a, "utf_16_encode", 2, None)
}
fn utf_16_le_encode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    utf_enc(vm, a, "utf_16_le_encode", 2, Some(-1))
}
fn utf_16_be_encode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    utf_enc(vm, a, "utf_16_be_encode", 2, Some(1))
}
fn utf_32_encode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    utf_enc(vm, a, "utf_32_encode", 4, None)
}
fn utf_32_le_encode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    utf_enc(vm, a, "utf_32_le_encode", 4, Some(-1))
}
fn utf_32_be_encode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    utf_enc(vm, a, "utf_32_be_encode", 4, Some(1))
}
fn utf_16_decode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    utf_dec(vm, a, "utf_16_decode", 2, None, false)
}
fn utf_16_le_decode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    utf_dec(vm, a, "utf_16_le_decode", 2, Some(-1), false)
}
fn utf_16_be_decode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    utf_dec(vm, a, "utf_16_be_decode", 2, Some(1), false)
}
fn utf_16_ex_decode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    utf_dec(vm, a, "utf_16_ex_decode", 2, None, true)
}
fn utf_32_decode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    utf_dec(vm, a, "utf_32_decode", 4, None, false)
}
fn utf_32_le_decode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    utf_dec(vm, a, "utf_32_le_decode", 4, Some(-1), false)
}
fn utf_32_be_decode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    utf_dec(vm, a, "utf_32_be_decode", 4, Some(1), false)
}
fn utf_32_ex_decode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    utf_dec(vm, a, "utf_32_ex_decode", 4, None, true)
}

fn latin_1_encode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    ucs1_encode(vm, a, "latin_1_encode", "latin-1", 0x100)
}
fn ascii_encode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    ucs1_encode(vm, a, "ascii_encode", "ascii", 0x80)
}

fn ucs1_encode(vm: &mut Vm, a: &Args, f: &str, name: &str, limit: u32) -> PyResult<Value> {
    let p = pos(vm, a, f, 1, 2)?;
    let s = arg_str(vm, p, 0, f)?;
    let errors = arg_errors(vm, p, 1, f)?;
    let mut e = EncCtx::new(name, &errors, &s, Some(p[0].clone()));
    let b = cx::encode_ucs1(vm, &mut e, limit)?;
    Ok(bytes_pair(vm, b, s.len()))
}

fn latin_1_decode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = pos(vm, a, "latin_1_decode", 1, 2)?;
    let data = arg_buffer(vm, p, 0, false)?;
    arg_errors(vm, p, 1, "latin_1_decode")?;
    Ok(str_pair(vm, data.iter().map(|&b| b as u32).collect(), data.len()))
}

fn ascii_decode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = pos(vm, a, "ascii_decode", 1, 2)?;
    let data = arg_buffer(vm, p, 0, false)?;
    let errors = arg_errors(vm, p, 1, "ascii_decode")?;
    let mut d = DecCtx::new("ascii", &errors, &data);
    let s = cx::decode_ascii(vm, &mut d)?;
    Ok(str_pair(vm, s, data.len()))
}

/// The state of an `EncodingMap` (`charmap_build`).
pub struct EncodingMap(HashMap<u32, u8>);

fn encoding_map_size(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = native::this_method::<EncodingMap>(vm, a, "EncodingMap", "size")?;
    let n = native::opaque::<EncodingMap>(this).map(|m| m.0.len()).unwrap_or(0);
    Ok(Value::Int(n as i64))
}

fn charmap_build(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = pos(vm, a, "charmap_build", 1, 1)?;
    let Some(s) = p[0].as_str() else {
        return Err(vm.type_error(format!("charmap_build() argument must be str, not {}", vm.type_name(&p[0]))));
    };
    let cps = s.code_points();
    let need_dict = cps.len() != 256 || cps[0] != 0 || cps[1..].iter().any(|&c| c == 0 || c > 0xffff);
    if need_dict {
        let d = vm.new_dict(Dict::new());
        for (i, &c) in cps.iter().enumerate() {
            vm.setitem(&d, Value::Int(c as i64), Value::Int(i as i64))?;
        }
        return Ok(d);
    }
    let mut m = HashMap::new();
    for (i, &c) in cps.iter().enumerate() {
        if c == 0xfffe {
            continue;
        }
        m.insert(c, i as u8);
    }
    let cls = REG.with(|r| r.borrow().encoding_map.clone());
    match cls {
        Some(cls) => Ok(native::new_opaque(vm, &cls, EncodingMap(m))),
        None => Err(vm.type_error("EncodingMap type missing")),
    }
}

fn charmap_encode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = pos(vm, a, "charmap_encode", 1, 3)?;
    let s = arg_str(vm, p, 0, "charmap_encode")?;
    let errors = arg_errors(vm, p, 1, "charmap_encode")?;
    let mapping = p.get(2).cloned().unwrap_or(Value::None);
    if mapping.is_none() {
        let mut e = EncCtx::new("latin-1", &errors, &s, Some(p[0].clone()));
        let b = cx::encode_ucs1(vm, &mut e, 0x100)?;
        return Ok(bytes_pair(vm, b, s.len()));
    }
    let mut e = EncCtx::new("charmap", &errors, &s, Some(p[0].clone()));
    let table = native::opaque::<EncodingMap>(&mapping).map(|m| m.0.clone());
    let b = match &table {
        Some(t) => cx::encode_charmap(vm, &mut e, &cx::CharmapEnc::Table(t))?,
        None => cx::encode_charmap(vm, &mut e, &cx::CharmapEnc::Object(&mapping))?,
    };
    Ok(bytes_pair(vm, b, s.len()))
}

fn charmap_decode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = pos(vm, a, "charmap_decode", 1, 3)?;
    let data = arg_buffer(vm, p, 0, false)?;
    let errors = arg_errors(vm, p, 1, "charmap_decode")?;
    let mapping = p.get(2).cloned().unwrap_or(Value::None);
    if mapping.is_none() {
        return Ok(str_pair(vm, data.iter().map(|&b| b as u32).collect(), data.len()));
    }
    let s = cx::decode_charmap(vm, &data, &errors, &mapping)?;
    Ok(str_pair(vm, s, data.len()))
}

fn unicode_escape_encode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = pos(vm, a, "unicode_escape_encode", 1, 2)?;
    let s = arg_str(vm, p, 0, "unicode_escape_encode")?;
    arg_errors(vm, p, 1, "unicode_escape_encode")?;
    Ok(bytes_pair(vm, cx::encode_unicode_escape(&s, false), s.len()))
}

fn raw_unicode_escape_encode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = pos(vm, a, "raw_unicode_escape_encode", 1, 2)?;
    let s = arg_str(vm, p, 0, "raw_unicode_escape_encode")?;
    arg_errors(vm, p, 1, "raw_unicode_escape_encode")?;
    Ok(bytes_pair(vm, cx::encode_unicode_escape(&s, true), s.len()))
}

fn unicode_escape_decode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    escape_dec(vm, a, "unicode_escape_decode", false)
}

fn raw_unicode_escape_decode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    escape_dec(vm, a, "raw_unicode_escape_decode", true)
}

fn escape_dec(vm: &mut Vm, a: &Args, f: &str, raw: bool) -> PyResult<Value> {
    let p = pos(vm, a, f, 1, 3)?;
    let data = arg_buffer(vm, p, 0, true)?;
    let errors = arg_errors(vm, p, 1, f)?;
    let fin = arg_bool(vm, p, 2, true)?;
    let (s, n) = cx::decode_unicode_escape(vm, &data, &errors, fin, raw)?;
    Ok(str_pair(vm, s, n))
}

fn escape_encode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = pos(vm, a, "escape_encode", 1, 2)?;
    let Some(Payload::Bytes(b)) = p[0].payload() else {
        return Err(vm.type_error(format!("escape_encode() argument 1 must be bytes, not {}", vm.type_name(&p[0]))));
    };
    let b = b.to_vec();
    arg_errors(vm, p, 1, "escape_encode")?;
    Ok(bytes_pair(vm, cx::escape_encode(&b), b.len()))
}

fn escape_decode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = pos(vm, a, "escape_decode", 1, 2)?;
    let data = arg_buffer(vm, p, 0, true)?;
    let errors = arg_errors(vm, p, 1, "escape_decode")?;
    let out = cx::escape_decode(vm, &data, &errors)?;
    Ok(bytes_pair(vm, out, data.len()))
}

fn readbuffer_encode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = pos(vm, a, "readbuffer_encode", 1, 2)?;
    let data = arg_buffer(vm, p, 0, true)?;
    arg_errors(vm, p, 1, "readbuffer_encode")?;
    let n = data.len();
    Ok(bytes_pair(vm, data, n))
}
