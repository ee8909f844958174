//! `_json`: the C accelerator of the `json` package (CPython 3.11's
//! `Modules/_json.c`): `scanstring`, `encode_basestring(_ascii)`, the
//! scanner (`make_scanner`, `_json.Scanner`) and the one-shot encoder
//! (`make_encoder`, `_json.Encoder`). Decoding errors are
//! `json.decoder.JSONDecodeError`s, made by importing `json.decoder` as
//! CPython does; the scanner's "nothing here" is `StopIteration(idx)`,
//! which `json.decoder` turns into "Expecting value".

use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::modules::native;
use crate::objects::str::PyStr;
use crate::value::{NativeFn, Payload, PyRef, Value};
use crate::vm::{str_key, Args, Vm};
use crate::PyResult;

const SCANNER: &str = "_json.Scanner";
const ENCODER: &str = "_json.Encoder";

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let funcs: &[(&'static str, NativeFn)] = &[
        ("encode_basestring_ascii", encode_basestring_ascii),
        ("encode_basestring", encode_basestring),
        ("scanstring", scanstring),
    ];
    let m = native::new_module(vm, "_json", funcs);
    native::set(&m, "__doc__", vm.new_str("json speedups\n"));

    let sc = native::native_final_class(vm, "_json", "Scanner");
    native::set(&Value::Obj(sc.clone()), "__doc__", vm.new_str("JSON scanner object"));
    native::add_new(&sc, scanner_new);
    native::add_method(&sc, "__call__", scanner_call);
    native::add_readonly_member(vm, &sc, "strict", sc_strict);
    native::add_readonly_member(vm, &sc, "object_hook", sc_object_hook);
    native::add_readonly_member(vm, &sc, "object_pairs_hook", sc_object_pairs_hook);
    native::add_readonly_member(vm, &sc, "parse_float", sc_parse_float);
    native::add_readonly_member(vm, &sc, "parse_int", sc_parse_int);
    native::add_readonly_member(vm, &sc, "parse_constant", sc_parse_constant);
    native::set(&m, "make_scanner", Value::Obj(sc));

    let en = native::native_final_class(vm, "_json", "Encoder");
    native::set(&Value::Obj(en.clone()), "__doc__", vm.new_str("_iterencode(obj, _current_indent_level) -> iterable"));
    native::add_new(&en, encoder_new);
    native::add_method(&en, "__call__", encoder_call);
    native::add_readonly_member(vm, &en, "markers", en_markers);
    native::add_readonly_member(vm, &en, "default", en_default);
    native::add_readonly_member(vm, &en, "encoder", en_encoder);
    native::add_readonly_member(vm, &en, "indent", en_indent);
    native::add_readonly_member(vm, &en, "key_separator", en_key_separator);
    native::add_readonly_member(vm, &en, "item_separator", en_item_separator);
    native::add_readonly_member(vm, &en, "sort_keys", en_sort_keys);
    native::add_readonly_member(vm, &en, "skipkeys", en_skipkeys);
    native::set(&m, "make_encoder", Value::Obj(en));
    Ok(m)
}

fn first_string_error(vm: &Vm, v: &Value) -> crate::PyErr {
    vm.type_error(format!("first argument must be a string, not {}", vm.type_name(v)))
}

fn str_value(vm: &Vm, cps: Vec<u32>) -> Value {
    vm.new_pystr(PyStr::from_code_points(cps))
}

// ---- encode_basestring(_ascii) ------------------------------------------------

const HEX: &[u8; 16] = b"0123456789abcdef";

fn push_u_escape(out: &mut Vec<u32>, c: u32) {
    out.push('\\' as u32);
    out.push('u' as u32);
    for shift in [12, 8, 4, 0] {
        out.push(HEX[((c >> shift) & 0xf) as usize] as u32);
    }
}

/// `ascii_escape_unicode`: `"..."` with everything outside printable ASCII
/// escaped (astral characters as surrogate pairs).
fn ascii_escape(s: &PyStr, out: &mut Vec<u32>) {
    out.push('"' as u32);
    for c in s.iter() {
        if (0x20..=0x7e).contains(&c) && c != '\\' as u32 && c != '"' as u32 {
            out.push(c);
            continue;
        }
        match char::from_u32(c) {
            Some('\\') => out.extend(['\\' as u32, '\\' as u32]),
            Some('"') => out.extend(['\\' as u32, '"' as u32]),
            Some('\u{8}') => out.extend(['\\' as u32, 'b' as u32]),
            Some('\u{c}') => out.extend(['\\' as u32, 'f' as u32]),
            Some('\n') => out.extend(['\\' as u32, 'n' as u32]),
            Some('\r') => out.extend(['\\' as u32, 'r' as u32]),
            Some('\t') => out.extend(['\\' as u32, 't' as u32]),
            _ => {
                if c >= 0x10000 {
                    let v = c - 0x10000;
                    push_u_escape(out, 0xd800 | ((v >> 10) & 0x3ff));
                    push_u_escape(out, 0xdc00 | (v & 0x3ff));
                } else {
                    push_u_escape(out, c);
                }
            }
        }
    }
    out.push('"' as u32);
}

/// `escape_unicode`: `"..."` with only `"`, `\` and control characters escaped.
fn escape(s: &PyStr, out: &mut Vec<u32>) {
    out.push('"' as u32);
    for c in s.iter() {
        match char::from_u32(c) {
            Some('\\') => out.extend(['\\' as u32, '\\' as u32]),
            Some('"') => out.extend(['\\' as u32, '"' as u32]),
            Some('\u{8}') => out.extend(['\\' as u32, 'b' as u32]),
            Some('\u{c}') => out.extend(['\\' as u32, 'f' as u32]),
            Some('\n') => out.extend(['\\' as u32, 'n' as u32]),
            Some('\r') => out.extend(['\\' as u32, 'r' as u32]),
            Some('\t') => out.extend(['\\' as u32, 't' as u32]),
            _ if c <= 0x1f => push_u_escape(out, c),
            _ => out.push(c),
        }
    }
    out.push('"' as u32);
}

fn meth_o<'a>(vm: &Vm, a: &'a Args, name: &str) -> PyResult<&'a Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("_json.{name}() takes no keyword arguments")));
    }
    if a.pos.len() != 1 {
        return Err(vm.type_error(format!("_json.{name}() takes exactly one argument ({} given)", a.pos.len())));
    }
    Ok(&a.pos[0])
}

fn encode_basestring_ascii(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = meth_o(vm, a, "encode_basestring_ascii")?;
    let Some(s) = v.as_str() else { return Err(first_string_error(vm, v)) };
    let mut out = Vec::with_capacity(s.len() + 2);
    ascii_escape(s, &mut out);
    Ok(str_value(vm, out))
}

fn encode_basestring(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = meth_o(vm, a, "encode_basestring")?;
    let Some(s) = v.as_str() else { return Err(first_string_error(vm, v)) };
    let mut out = Vec::with_capacity(s.len() + 2);
    escape(s, &mut out);
    Ok(str_value(vm, out))
}

// ---- decoding -------------------------------------------------------------------

/// How a scan failed: a Python exception, or a `JSONDecodeError` still to
/// be made (message and position).
enum Fail {
    Py(crate::PyErr),
    Decode(&'static str, usize),
    Stop(usize),
}

impl From<crate::PyErr> for Fail {
    fn from(e: crate::PyErr) -> Fail {
        Fail::Py(e)
    }
}

/// The exception for a failed scan. A decoding error is a
/// `json.decoder.JSONDecodeError`, found in `sys.modules` only, as CPython
/// 3.11's `raise_errmsg` does: with `json.decoder` not imported yet, the
/// call fails with CPython's SystemError about a NULL result of `who`.
fn raise(vm: &mut Vm, f: Fail, pystr: &Value, who: &Value) -> crate::PyErr {
    match f {
        Fail::Py(e) => e,
        Fail::Stop(i) => vm.stop_iteration(Value::Int(i as i64)),
        Fail::Decode(msg, pos) => {
            let Some(m) = crate::modules::lookup(vm, "json.decoder") else {
                let r = vm.repr(who).map(|r| r.to_string_lossy()).unwrap_or_default();
                return vm.err(&vm.types.exc.system_error.clone(), format!("{r} returned NULL without setting an exception"));
            };
            let r = (|| -> PyResult<crate::PyErr> {
                let cls = vm.getattr(&m, &str_key("JSONDecodeError"))?;
                let exc = vm.call(&cls, vec![vm.new_str(msg), pystr.clone(), Value::Int(pos as i64)])?;
                Ok(crate::PyErr(exc))
            })();
            match r {
                Ok(e) | Err(e) => e,
            }
        }
    }
}

fn is_ws(c: u32) -> bool {
    c == ' ' as u32 || c == '\t' as u32 || c == '\n' as u32 || c == '\r' as u32
}

fn hex_digit(c: u32) -> Option<u32> {
    char::from_u32(c).and_then(|c| c.to_digit(16))
}

/// `scanstring_unicode`: the string whose opening quote is at `end - 1`;
/// returns its code points and the index after the closing quote.
fn scan_string(s: &[u32], mut end: usize, strict: bool) -> Result<(Vec<u32>, usize), Fail> {
    let len = s.len();
    let begin = end.wrapping_sub(1);
    let mut out: Vec<u32> = Vec::new();
    loop {
        // Find the end of the string or the next escape.
        let mut next = end;
        let mut c = 0u32;
        while next < len {
            c = s[next];
            if c == '"' as u32 || c == '\\' as u32 {
                break;
            }
            if c <= 0x1f && strict {
                return Err(Fail::Decode("Invalid control character at", next));
            }
            next += 1;
        }
        if next >= len {
            return Err(Fail::Decode("Unterminated string starting at", begin));
        }
        out.extend_from_slice(&s[end..next]);
        next += 1;
        if c == '"' as u32 {
            return Ok((out, next));
        }
        if next == len {
            return Err(Fail::Decode("Unterminated string starting at", begin));
        }
        let mut c = s[next];
        if c != 'u' as u32 {
            // Non-unicode backslash escapes.
            end = next + 1;
            c = match char::from_u32(c) {
                Some('"') => '"' as u32,
                Some('\\') => '\\' as u32,
                Some('/') => '/' as u32,
                Some('b') => 8,
                Some('f') => 12,
                Some('n') => 10,
                Some('r') => 13,
                Some('t') => 9,
                _ => return Err(Fail::Decode("Invalid \\escape", end - 2)),
            };
        } else {
            c = 0;
            next += 1;
            end = next + 4;
            if end >= len {
                return Err(Fail::Decode("Invalid \\uXXXX escape", next - 1));
            }
            while next < end {
                let Some(d) = hex_digit(s[next]) else { return Err(Fail::Decode("Invalid \\uXXXX escape", end - 5)) };
                c = (c << 4) | d;
                next += 1;
            }
            // Surrogate pair.
            if (0xd800..=0xdbff).contains(&c) && end + 6 < len && s[next] == '\\' as u32 && s[next + 1] == 'u' as u32 {
                next += 2;
                let mut c2 = 0u32;
                end += 6;
                while next < end {
                    let Some(d) = hex_digit(s[next]) else { return Err(Fail::Decode("Invalid \\uXXXX escape", end - 5)) };
                    c2 = (c2 << 4) | d;
                    next += 1;
                }
                if (0xdc00..=0xdfff).contains(&c2) {
                    c = 0x10000 + (((c - 0xd800) << 10) | (c2 - 0xdc00));
                } else {
                    end -= 6;
                }
            }
        }
        out.push(c);
    }
}

fn scanstring(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("scanstring() takes no keyword arguments"));
    }
    let n = a.pos.len();
    if n < 2 {
        return Err(vm.type_error(format!("scanstring() takes at least 2 arguments ({n} given)")));
    }
    if n > 3 {
        return Err(vm.type_error(format!("scanstring() takes at most 3 arguments ({n} given)")));
    }
    let pystr = a.pos[0].clone();
    let end = crate::builtins::index_i64(vm, &a.pos[1].clone())?;
    let strict = match a.pos.get(2) {
        Some(v) => {
            let v = v.clone();
            vm.truthy(&v)?
        }
        None => true,
    };
    let Some(s) = pystr.as_str() else { return Err(first_string_error(vm, &pystr)) };
    let cps = s.code_points();
    if end < 0 || end as usize > cps.len() {
        return Err(vm.value_error("end is out of bounds"));
    }
    match scan_string(&cps, end as usize, strict) {
        Ok((text, next)) => {
            let t = str_value(vm, text);
            Ok(vm.new_tuple(vec![t, Value::Int(next as i64)]))
        }
        Err(f) => {
            let who = crate::modules::lookup(vm, "_json").and_then(|m| native::module_dict(&m)).and_then(|d| match &d.payload {
                Payload::Dict(d) => d.borrow().get_str("scanstring").cloned(),
                _ => None,
            });
            let who = who.unwrap_or(Value::None);
            Err(raise(vm, f, &pystr, &who))
        }
    }
}

struct Scanner {
    strict: bool,
    object_hook: Value,
    object_pairs_hook: Value,
    parse_float: Value,
    parse_int: Value,
    parse_constant: Value,
}

fn scanner_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first().cloned() else { return Err(vm.type_error("Scanner.__new__(X): X is not a type object")) };
    let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let v = native::bind(vm, &rest, "make_scanner", &["context"], 1, 1)?;
    let ctx = v[0].clone().unwrap_or(Value::None);
    let strict = vm.getattr(&ctx, &str_key("strict"))?;
    let strict = vm.truthy(&strict)?;
    let object_hook = vm.getattr(&ctx, &str_key("object_hook"))?;
    let object_pairs_hook = vm.getattr(&ctx, &str_key("object_pairs_hook"))?;
    let parse_float = vm.getattr(&ctx, &str_key("parse_float"))?;
    let parse_int = vm.getattr(&ctx, &str_key("parse_int"))?;
    let parse_constant = vm.getattr(&ctx, &str_key("parse_constant"))?;
    Ok(native::new_opaque(vm, &cls, Scanner { strict, object_hook, object_pairs_hook, parse_float, parse_int, parse_constant }))
}

macro_rules! scanner_member {
    ($($f:ident $field:ident;)*) => {
        $(fn $f(vm: &mut Vm, a: &Args) -> PyResult<Value> {
            let s = native::this_slot::<Scanner>(vm, a, SCANNER, stringify!($field))?;
            Ok(native::opaque::<Scanner>(s).map(|s| s.$field.clone()).unwrap_or(Value::None))
        })*
    };
}

scanner_member! {
    sc_object_hook object_hook;
    sc_object_pairs_hook object_pairs_hook;
    sc_parse_float parse_float;
    sc_parse_int parse_int;
    sc_parse_constant parse_constant;
}

fn sc_strict(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = native::this_slot::<Scanner>(vm, a, SCANNER, "strict")?;
    Ok(Value::Bool(native::opaque::<Scanner>(s).is_some_and(|s| s.strict)))
}

/// One decode: the scanner's settings, the text, and the key memo.
struct Scan<'a> {
    strict: bool,
    object_hook: Value,
    object_pairs_hook: Value,
    /// `None` when it is `float` itself (the fast path).
    parse_float: Option<Value>,
    parse_int: Option<Value>,
    parse_constant: Value,
    s: &'a [u32],
    memo: FxHashMap<Vec<u32>, Value>,
}

impl Scan<'_> {
    fn scan_once(&mut self, vm: &mut Vm, idx: usize) -> Result<(Value, usize), Fail> {
        let s = self.s;
        let length = s.len();
        if idx >= length {
            return Err(Fail::Stop(idx));
        }
        let at = |i: usize, text: &str| -> bool { i + text.len() <= length && text.bytes().enumerate().all(|(k, b)| s[i + k] == b as u32) };
        match char::from_u32(s[idx]) {
            Some('"') => {
                let (text, next) = scan_string(s, idx + 1, self.strict)?;
                return Ok((str_value(vm, text), next));
            }
            Some('{') => {
                vm.enter_recursive(" while decoding a JSON object from a unicode string")?;
                let r = self.parse_object(vm, idx + 1);
                vm.leave_recursive();
                return r;
            }
            Some('[') => {
                vm.enter_recursive(" while decoding a JSON array from a unicode string")?;
                let r = self.parse_array(vm, idx + 1);
                vm.leave_recursive();
                return r;
            }
            Some('n') if idx + 3 < length && at(idx + 1, "ull") => return Ok((Value::None, idx + 4)),
            Some('t') if idx + 3 < length && at(idx + 1, "rue") => return Ok((Value::Bool(true), idx + 4)),
            Some('f') if idx + 4 < length && at(idx + 1, "alse") => return Ok((Value::Bool(false), idx + 5)),
            Some('N') if idx + 2 < length && at(idx + 1, "aN") => return self.constant(vm, "NaN", idx),
            Some('I') if idx + 7 < length && at(idx + 1, "nfinity") => return self.constant(vm, "Infinity", idx),
            Some('-') if idx + 8 < length && at(idx + 1, "Infinity") => return self.constant(vm, "-Infinity", idx),
            _ => {}
        }
        self.match_number(vm, idx)
    }

    fn constant(&mut self, vm: &mut Vm, name: &str, idx: usize) -> Result<(Value, usize), Fail> {
        let f = self.parse_constant.clone();
        let v = vm.call(&f, vec![vm.new_str(name)])?;
        Ok((v, idx + name.len()))
    }

    fn skip_ws(&self, mut idx: usize) -> usize {
        while idx < self.s.len() && is_ws(self.s[idx]) {
            idx += 1;
        }
        idx
    }

    fn is(&self, idx: usize, c: char) -> bool {
        idx < self.s.len() && self.s[idx] == c as u32
    }

    fn parse_object(&mut self, vm: &mut Vm, idx: usize) -> Result<(Value, usize), Fail> {
        let has_pairs_hook = !self.object_pairs_hook.is_none();
        let mut pairs: Vec<Value> = Vec::new();
        let dict = if has_pairs_hook { None } else { Some(vm.new_dict(crate::objects::dict::Dict::new())) };
        let mut idx = self.skip_ws(idx);
        if !self.is(idx, '}') {
            loop {
                // Read the key.
                if !self.is(idx, '"') {
                    return Err(Fail::Decode("Expecting property name enclosed in double quotes", idx));
                }
                let (text, next) = scan_string(self.s, idx + 1, self.strict)?;
                let key = match self.memo.get(&text) {
                    Some(k) => k.clone(),
                    None => {
                        let k = str_value(vm, text.clone());
                        self.memo.insert(text, k.clone());
                        k
                    }
                };
                idx = self.skip_ws(next);
                if !self.is(idx, ':') {
                    return Err(Fail::Decode("Expecting ':' delimiter", idx));
                }
                idx = self.skip_ws(idx + 1);
                // Read any JSON term.
                let (val, next) = self.scan_once(vm, idx)?;
                match &dict {
                    Some(d) => {
                        if let Some(Payload::Dict(cell)) = d.payload() {
                            crate::objects::dict::set(vm, cell, key, val)?;
                        }
                    }
                    None => pairs.push(vm.new_tuple(vec![key, val])),
                }
                idx = self.skip_ws(next);
                if self.is(idx, '}') {
                    break;
                }
                if !self.is(idx, ',') {
                    return Err(Fail::Decode("Expecting ',' delimiter", idx));
                }
                idx = self.skip_ws(idx + 1);
            }
        }
        let next = idx + 1;
        if has_pairs_hook {
            let l = vm.new_list(pairs);
            let hook = self.object_pairs_hook.clone();
            return Ok((vm.call(&hook, vec![l])?, next));
        }
        let d = dict.expect("a dict without a pairs hook");
        if !self.object_hook.is_none() {
            let hook = self.object_hook.clone();
            return Ok((vm.call(&hook, vec![d])?, next));
        }
        Ok((d, next))
    }

    fn parse_array(&mut self, vm: &mut Vm, idx: usize) -> Result<(Value, usize), Fail> {
        let mut items = Vec::new();
        let end_idx = self.s.len().wrapping_sub(1);
        let mut idx = self.skip_ws(idx);
        if !self.is(idx, ']') {
            loop {
                let (val, next) = self.scan_once(vm, idx)?;
                items.push(val);
                idx = self.skip_ws(next);
                if self.is(idx, ']') {
                    break;
                }
                if !self.is(idx, ',') {
                    return Err(Fail::Decode("Expecting ',' delimiter", idx));
                }
                idx = self.skip_ws(idx + 1);
            }
        }
        if !self.is(idx, ']') {
            return Err(Fail::Decode("Expecting value", end_idx));
        }
        Ok((vm.new_list(items), idx + 1))
    }

    fn match_number(&mut self, vm: &mut Vm, start: usize) -> Result<(Value, usize), Fail> {
        let s = self.s;
        let len = s.len();
        let digit = |i: usize| i < len && (b'0' as u32..=b'9' as u32).contains(&s[i]);
        let mut idx = start;
        if s[idx] == '-' as u32 {
            idx += 1;
            if idx >= len {
                return Err(Fail::Stop(start));
            }
        }
        if (b'1' as u32..=b'9' as u32).contains(&s[idx]) {
            idx += 1;
            while digit(idx) {
                idx += 1;
            }
        } else if s[idx] == '0' as u32 {
            idx += 1;
        } else {
            return Err(Fail::Stop(start));
        }
        let mut is_float = false;
        if idx + 1 < len && s[idx] == '.' as u32 && digit(idx + 1) {
            is_float = true;
            idx += 2;
            while digit(idx) {
                idx += 1;
            }
        }
        if idx + 1 < len && (s[idx] == 'e' as u32 || s[idx] == 'E' as u32) {
            let e_start = idx;
            idx += 1;
            if idx + 1 < len && (s[idx] == '-' as u32 || s[idx] == '+' as u32) {
                idx += 1;
            }
            while digit(idx) {
                idx += 1;
            }
            if digit(idx - 1) {
                is_float = true;
            } else {
                idx = e_start;
            }
        }
        let text: String = s[start..idx].iter().map(|&c| c as u8 as char).collect();
        let custom = if is_float { self.parse_float.clone() } else { self.parse_int.clone() };
        let v = match custom {
            Some(f) => vm.call(&f, vec![vm.new_str(&text)])?,
            None if is_float => Value::Float(text.parse::<f64>().unwrap_or(f64::NAN)),
            None => {
                let orig = vm.new_str(&text);
                let b = crate::builtins::parse_int(vm, &text, 10, &orig)?;
                crate::vm::ops::int_from_big(b)
            }
        };
        Ok((v, idx))
    }
}

fn scanner_call(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = native::this_slot::<Scanner>(vm, a, SCANNER, "__call__")?.clone();
    let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let v = native::bind(vm, &rest, "scan_once", &["string", "idx"], 2, 2)?;
    let pystr = v[0].clone().unwrap_or(Value::None);
    let idx = crate::builtins::index_i64(vm, &v[1].clone().unwrap_or(Value::None))?;
    let Some(s) = pystr.as_str() else { return Err(first_string_error(vm, &pystr)) };
    if idx < 0 {
        return Err(vm.value_error("idx cannot be negative"));
    }
    let cps = s.code_points();
    let (strict, object_hook, object_pairs_hook, parse_float, parse_int, parse_constant) = {
        let sc = native::opaque::<Scanner>(&this).expect("checked by this_slot");
        (sc.strict, sc.object_hook.clone(), sc.object_pairs_hook.clone(), sc.parse_float.clone(), sc.parse_int.clone(), sc.parse_constant.clone())
    };
    let is_type = |v: &Value, t: &PyRef| matches!(v, Value::Obj(o) if Rc::ptr_eq(o, t));
    let parse_float = if is_type(&parse_float, &vm.types.float) { None } else { Some(parse_float) };
    let parse_int = if is_type(&parse_int, &vm.types.int) { None } else { Some(parse_int) };
    let mut scan = Scan { strict, object_hook, object_pairs_hook, parse_float, parse_int, parse_constant, s: &cps, memo: FxHashMap::default() };
    match scan.scan_once(vm, idx as usize) {
        Ok((v, next)) => Ok(vm.new_tuple(vec![v, Value::Int(next as i64)])),
        Err(f) => Err(raise(vm, f, &pystr, &this)),
    }
}

// ---- encoding -------------------------------------------------------------------

#[derive(Clone)]
struct Encoder {
    markers: Value,
    default: Value,
    encoder: Value,
    indent: Value,
    key_separator: Value,
    item_separator: Value,
    sort_keys: bool,
    skipkeys: bool,
    allow_nan: bool,
}

#[derive(Clone, Copy)]
enum Fast {
    Ascii,
    Unicode,
    None,
}

fn encoder_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first().cloned() else { return Err(vm.type_error("Encoder.__new__(X): X is not a type object")) };
    let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let names = ["markers", "default", "encoder", "indent", "key_separator", "item_separator", "sort_keys", "skipkeys", "allow_nan"];
    let v = native::bind(vm, &rest, "make_encoder", &names, 9, 9)?;
    let v: Vec<Value> = v.into_iter().map(|x| x.unwrap_or(Value::None)).collect();
    for (i, x) in v.iter().enumerate().take(6).skip(4) {
        if x.as_str().is_none() {
            return Err(vm.type_error(format!("make_encoder() argument {} must be str, not {}", i + 1, vm.type_name(x))));
        }
    }
    let sort_keys = vm.truthy(&v[6])?;
    let skipkeys = vm.truthy(&v[7])?;
    let allow_nan = vm.truthy(&v[8])?;
    let markers = v[0].clone();
    if !markers.is_none() && !matches!(markers.payload(), Some(Payload::Dict(_))) {
        return Err(vm.type_error(format!("make_encoder() argument 1 must be dict or None, not {}", vm.type_name(&markers))));
    }
    let e = Encoder {
        markers,
        default: v[1].clone(),
        encoder: v[2].clone(),
        indent: v[3].clone(),
        key_separator: v[4].clone(),
        item_separator: v[5].clone(),
        sort_keys,
        skipkeys,
        allow_nan,
    };
    Ok(native::new_opaque(vm, &cls, e))
}

macro_rules! encoder_member {
    ($($f:ident $field:ident;)*) => {
        $(fn $f(vm: &mut Vm, a: &Args) -> PyResult<Value> {
            let s = native::this_slot::<Encoder>(vm, a, ENCODER, stringify!($field))?;
            Ok(native::opaque::<Encoder>(s).map(|s| s.$field.clone()).unwrap_or(Value::None))
        })*
    };
}

encoder_member! {
    en_markers markers;
    en_default default;
    en_encoder encoder;
    en_indent indent;
    en_key_separator key_separator;
    en_item_separator item_separator;
}

fn en_sort_keys(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = native::this_slot::<Encoder>(vm, a, ENCODER, "sort_keys")?;
    Ok(Value::Bool(native::opaque::<Encoder>(s).is_some_and(|s| s.sort_keys)))
}

fn en_skipkeys(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = native::this_slot::<Encoder>(vm, a, ENCODER, "skipkeys")?;
    Ok(Value::Bool(native::opaque::<Encoder>(s).is_some_and(|s| s.skipkeys)))
}

/// One `_iterencode` call.
struct Enc {
    e: Encoder,
    fast: Fast,
    key_sep: Vec<u32>,
    item_sep: Vec<u32>,
    out: Vec<u32>,
}

fn push_ascii(out: &mut Vec<u32>, s: &str) {
    out.extend(s.bytes().map(|b| b as u32));
}

impl Enc {
    fn encode_string(&mut self, vm: &mut Vm, v: &Value) -> PyResult<()> {
        let s = v.as_str().expect("a str");
        match self.fast {
            Fast::Ascii => ascii_escape(s, &mut self.out),
            Fast::Unicode => escape(s, &mut self.out),
            Fast::None => {
                let f = self.e.encoder.clone();
                let r = vm.call(&f, vec![v.clone()])?;
                let Some(rs) = r.as_str() else {
                    return Err(vm.type_error(format!("encoder() must return a string, not {}", vm.type_name(&r))));
                };
                self.out.extend(rs.iter());
            }
        }
        Ok(())
    }

    fn float_text(&self, vm: &Vm, f: f64) -> PyResult<String> {
        if !f.is_finite() {
            if !self.e.allow_nan {
                return Err(vm.value_error("Out of range float values are not JSON compliant"));
            }
            return Ok(if f > 0.0 {
                "Infinity"
            } else if f < 0.0 {
                "-Infinity"
            } else {
                "NaN"
            }
            .to_string());
        }
        Ok(crate::vm::ops::float_repr(f))
    }

    fn int_text(&self, vm: &mut Vm, v: &Value) -> PyResult<String> {
        match v {
            Value::Int(i) => Ok(i.to_string()),
            _ => Ok(crate::objects::repr::repr_builtin(vm, v)?.to_string_lossy()),
        }
    }

    /// Register `obj` in `markers` (a dict of ids), or "Circular reference".
    fn mark(&mut self, vm: &mut Vm, obj: &Value) -> PyResult<Option<Value>> {
        let Some(Payload::Dict(cell)) = self.e.markers.payload() else { return Ok(None) };
        let ident = Value::Int(crate::builtins::id_of(obj));
        if crate::objects::dict::contains(vm, cell, &ident)? {
            return Err(vm.value_error("Circular reference detected"));
        }
        crate::objects::dict::set(vm, cell, ident.clone(), obj.clone())?;
        Ok(Some(ident))
    }

    fn unmark(&mut self, vm: &mut Vm, ident: Option<Value>) -> PyResult<()> {
        if let (Some(ident), Some(Payload::Dict(cell))) = (ident, self.e.markers.payload()) {
            if crate::objects::dict::remove(vm, cell, &ident)?.is_none() {
                return Err(vm.key_error(ident));
            }
        }
        Ok(())
    }

    fn encode_obj(&mut self, vm: &mut Vm, obj: &Value) -> PyResult<()> {
        match obj {
            Value::None => push_ascii(&mut self.out, "null"),
            Value::Bool(true) => push_ascii(&mut self.out, "true"),
            Value::Bool(false) => push_ascii(&mut self.out, "false"),
            Value::Int(i) => push_ascii(&mut self.out, &i.to_string()),
            Value::Float(f) => {
                let t = self.float_text(vm, *f)?;
                push_ascii(&mut self.out, &t);
            }
            Value::Obj(o) => match &o.payload {
                Payload::Str(_) => self.encode_string(vm, obj)?,
                Payload::BigInt(_) => {
                    let t = self.int_text(vm, obj)?;
                    push_ascii(&mut self.out, &t);
                }
                Payload::Float(f) => {
                    let t = self.float_text(vm, *f)?;
                    push_ascii(&mut self.out, &t);
                }
                Payload::List(_) | Payload::Tuple(_) => {
                    vm.enter_recursive(" while encoding a JSON object")?;
                    let r = self.encode_list(vm, obj);
                    vm.leave_recursive();
                    r?
                }
                Payload::Dict(_) => {
                    vm.enter_recursive(" while encoding a JSON object")?;
                    let r = self.encode_dict(vm, obj);
                    vm.leave_recursive();
                    r?
                }
                _ => self.encode_default(vm, obj)?,
            },
        }
        Ok(())
    }

    fn encode_default(&mut self, vm: &mut Vm, obj: &Value) -> PyResult<()> {
        let ident = self.mark(vm, obj)?;
        let f = self.e.default.clone();
        let newobj = vm.call(&f, vec![obj.clone()])?;
        vm.enter_recursive(" while encoding a JSON object")?;
        let r = self.encode_obj(vm, &newobj);
        vm.leave_recursive();
        r?;
        self.unmark(vm, ident)
    }

    fn seq_len(v: &Value) -> usize {
        match v.payload() {
            Some(Payload::List(l)) => l.borrow().len(),
            Some(Payload::Tuple(t)) => t.len(),
            _ => 0,
        }
    }

    fn seq_item(v: &Value, i: usize) -> Option<Value> {
        match v.payload() {
            Some(Payload::List(l)) => l.borrow().get(i).cloned(),
            Some(Payload::Tuple(t)) => t.get(i).cloned(),
            _ => None,
        }
    }

    fn encode_list(&mut self, vm: &mut Vm, seq: &Value) -> PyResult<()> {
        if Self::seq_len(seq) == 0 {
            push_ascii(&mut self.out, "[]");
            return Ok(());
        }
        let ident = self.mark(vm, seq)?;
        self.out.push('[' as u32);
        let mut i = 0;
        while let Some(item) = Self::seq_item(seq, i) {
            if i > 0 {
                let sep = self.item_sep.clone();
                self.out.extend(sep);
            }
            self.encode_obj(vm, &item)?;
            i += 1;
        }
        self.unmark(vm, ident)?;
        self.out.push(']' as u32);
        Ok(())
    }

    fn encode_dict(&mut self, vm: &mut Vm, dct: &Value) -> PyResult<()> {
        let (empty, exact) = match dct {
            Value::Obj(o) => match &o.payload {
                Payload::Dict(d) => (d.borrow().is_empty(), crate::vm::is_exact_builtin(o)),
                _ => (true, true),
            },
            _ => (true, true),
        };
        if empty {
            push_ascii(&mut self.out, "{}");
            return Ok(());
        }
        let ident = self.mark(vm, dct)?;
        self.out.push('{' as u32);
        let items: Vec<Value> = if exact {
            let pairs = match dct.payload() {
                Some(Payload::Dict(d)) => d.borrow().items(),
                _ => Vec::new(),
            };
            pairs.into_iter().map(|(k, v)| vm.new_tuple(vec![k, v])).collect()
        } else {
            let it = vm.call_method(dct, "items", vec![])?;
            vm.to_vec(&it)?
        };
        let items = if self.e.sort_keys {
            let l = vm.new_list(items);
            vm.call_method(&l, "sort", vec![])?;
            vm.to_vec(&l)?
        } else {
            items
        };
        let mut first = true;
        for item in items {
            let (key, value) = match item.payload() {
                Some(Payload::Tuple(t)) if t.len() == 2 => (t[0].clone(), t[1].clone()),
                _ => return Err(vm.value_error("items must return 2-tuples")),
            };
            let kstr: Value = match &key {
                _ if key.as_str().is_some() => key.clone(),
                Value::Float(f) => {
                    let t = self.float_text(vm, *f)?;
                    vm.new_str(&t)
                }
                Value::Obj(o) if matches!(o.payload, Payload::Float(_)) => {
                    let Payload::Float(f) = o.payload else { unreachable!() };
                    let t = self.float_text(vm, f)?;
                    vm.new_str(&t)
                }
                Value::Bool(b) => vm.new_str(if *b { "true" } else { "false" }),
                Value::None => vm.new_str("null"),
                Value::Int(_) => {
                    let t = self.int_text(vm, &key)?;
                    vm.new_str(&t)
                }
                Value::Obj(o) if matches!(o.payload, Payload::BigInt(_)) => {
                    let t = self.int_text(vm, &key)?;
                    vm.new_str(&t)
                }
                _ if self.e.skipkeys => continue,
                _ => {
                    return Err(vm.type_error(format!("keys must be str, int, float, bool or None, not {}", vm.type_name(&key))));
                }
            };
            if !first {
                let sep = self.item_sep.clone();
                self.out.extend(sep);
            }
            first = false;
            self.encode_string(vm, &kstr)?;
            let sep = self.key_sep.clone();
            self.out.extend(sep);
            self.encode_obj(vm, &value)?;
        }
        self.unmark(vm, ident)?;
        self.out.push('}' as u32);
        Ok(())
    }
}

fn encoder_call(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = native::this_slot::<Encoder>(vm, a, ENCODER, "__call__")?.clone();
    let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let v = native::bind(vm, &rest, "_iterencode", &["obj", "_current_indent_level"], 2, 2)?;
    let obj = v[0].clone().unwrap_or(Value::None);
    crate::builtins::index_i64(vm, &v[1].clone().unwrap_or(Value::None))?;
    let e = native::opaque::<Encoder>(&this).map(|e| e.clone()).expect("checked by this_slot");
    let fast = match e.encoder.payload() {
        Some(Payload::Native(n)) if std::ptr::fn_addr_eq(n.func, encode_basestring_ascii as NativeFn) => Fast::Ascii,
        Some(Payload::Native(n)) if std::ptr::fn_addr_eq(n.func, encode_basestring as NativeFn) => Fast::Unicode,
        _ => Fast::None,
    };
    let key_sep = e.key_separator.as_str().map(|s| s.code_points()).unwrap_or_default();
    let item_sep = e.item_separator.as_str().map(|s| s.code_points()).unwrap_or_default();
    let mut enc = Enc { e, fast, key_sep, item_sep, out: Vec::new() };
    enc.encode_obj(vm, &obj)?;
    let out = std::mem::take(&mut enc.out);
    let s = str_value(vm, out);
    Ok(vm.new_list(vec![s]))
}
