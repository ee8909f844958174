//! `_sre`: the regular-expression engine that CPython's pure-Python `re`
//! package drives. `re._compiler` turns a pattern into a code list; this
//! module runs it (see `engine.rs`) and provides the `Pattern`, `Match`
//! and `SRE_Scanner` classes.

pub mod engine;

use std::cell::RefCell;
use std::rc::Rc;

use engine::{SreError, State};

use crate::modules::native::{self, add_method, add_new, new_module, new_opaque, opaque, set};
use crate::objects::dict::Dict;
use crate::objects::str::{PyStr, StrData};
use crate::objects::str_methods as sm;
use crate::value::{IterState, Payload, PyRef, Value};
use crate::vm::{str_key, Args, Vm};
use crate::PyResult;

const MAGIC: i64 = 20220615;

struct Classes {
    pattern: PyRef,
    match_: PyRef,
    scanner: PyRef,
}

thread_local! {
    static CLASSES: RefCell<Option<Rc<Classes>>> = const { RefCell::new(None) };
}

fn classes() -> Option<Rc<Classes>> {
    CLASSES.with(|c| c.borrow().clone())
}

/// A compiled pattern.
struct Pattern {
    pattern: Value,
    flags: i64,
    code: Rc<[u32]>,
    groups: usize,
    /// A dict, shown as a read-only mappingproxy (as CPython).
    groupindex: Option<Value>,
    indexgroup: Option<Value>,
    /// -1: no pattern string, 0: str, 1: bytes.
    isbytes: i8,
}

/// The result of a successful match.
struct MatchState {
    pattern: Value,
    string: Value,
    /// (start, end) of group 0 and each group, -1 when unset.
    regs: Vec<(i64, i64)>,
    pos: usize,
    endpos: usize,
    lastindex: i64,
}

struct Scanner {
    pattern: Value,
    string: Value,
    /// None once exhausted.
    start: Option<usize>,
    must_advance: bool,
    pos: usize,
    endpos: usize,
}

/// A subject string: a str, bytes or bytearray (read in place while the
/// engine runs, which calls no Python code), or a copy of another buffer.
enum Text {
    Str(Value),
    Bytes(Value),
    ByteArray(Value),
    Owned(Vec<u8>),
}

impl Text {
    fn is_bytes(&self) -> bool {
        !matches!(self, Text::Str(_))
    }
    fn len(&self) -> usize {
        match self {
            Text::Str(v) => v.as_str().map(|s| s.len()).unwrap_or(0),
            Text::Bytes(v) | Text::ByteArray(v) => match v.payload() {
                Some(Payload::Bytes(b)) => b.len(),
                Some(Payload::ByteArray(b)) => b.borrow().len(),
                _ => 0,
            },
            Text::Owned(b) => b.len(),
        }
    }
    /// `string[i:j]` as a new str or bytes.
    fn slice(&self, vm: &Vm, orig: &Value, i: usize, j: usize) -> Value {
        let bytes = |b: &[u8]| {
            let j = j.min(b.len());
            let i = i.min(j);
            if i == 0 && j == b.len() && matches!(orig.payload(), Some(Payload::Bytes(_))) && crate::vm::is_exact_builtin(&vm.type_of(orig)) {
                return orig.clone();
            }
            crate::objects::bytes::new_bytes(vm, b[i..j].to_vec())
        };
        match self {
            Text::Str(v) => {
                let Some(s) = v.as_str() else { return vm.new_str("") };
                let j = j.min(s.len());
                let i = i.min(j);
                if i == 0 && j == s.len() && crate::vm::is_exact_builtin(&vm.type_of(orig)) {
                    return v.clone();
                }
                vm.new_pystr(s.substring(i, j))
            }
            Text::Bytes(v) | Text::ByteArray(v) => match v.payload() {
                Some(Payload::Bytes(b)) => bytes(b),
                Some(Payload::ByteArray(b)) => bytes(&b.borrow()),
                _ => bytes(&[]),
            },
            Text::Owned(b) => bytes(b),
        }
    }
}

fn get_text(vm: &mut Vm, v: &Value) -> PyResult<Text> {
    match v.payload() {
        Some(Payload::Str(_)) => Ok(Text::Str(v.clone())),
        Some(Payload::Bytes(_)) => Ok(Text::Bytes(v.clone())),
        Some(Payload::ByteArray(_)) => Ok(Text::ByteArray(v.clone())),
        Some(Payload::MemoryView(_)) => Ok(Text::Owned(crate::objects::memoryview::view_bytes(vm, v)?)),
        _ => Err(vm.type_error(format!("expected string or bytes-like object, got '{}'", vm.type_name(v)))),
    }
}

/// What one engine run found.
struct Found {
    start: usize,
    end: usize,
    /// Spans of groups 1.., -1 when unset.
    spans: Vec<(i64, i64)>,
    lastindex: i64,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Match,
    FullMatch,
    Search,
}

enum RunErr {
    Sre(SreError),
    BadSpan,
}

fn run_units<C: engine::Ch>(s: &[C], code: &[u32], groups: usize, start: usize, end: usize, must_advance: bool, mode: Mode) -> Result<Option<Found>, RunErr> {
    let mut st = State::new(s, code, groups, start, end);
    st.must_advance = must_advance;
    st.match_all = mode == Mode::FullMatch;
    let ok = match mode {
        Mode::Search => st.do_search(),
        _ => st.do_match(),
    }
    .map_err(RunErr::Sre)?;
    if !ok {
        return Ok(None);
    }
    let mut spans = Vec::with_capacity(groups);
    for g in 1..=groups {
        match st.span(g) {
            Ok(Some((a, b))) => spans.push((a as i64, b as i64)),
            Ok(None) => spans.push((-1, -1)),
            Err(()) => return Err(RunErr::BadSpan),
        }
    }
    Ok(Some(Found { start: st.start.max(0) as usize, end: st.ptr.max(0) as usize, spans, lastindex: st.lastindex as i64 }))
}

fn run(vm: &mut Vm, text: &Text, p: &Pattern, start: usize, end: usize, must_advance: bool, mode: Mode) -> PyResult<Option<Found>> {
    let code = p.code.clone();
    let r = match text {
        Text::Owned(b) => run_units(b, &code, p.groups, start, end, must_advance, mode),
        Text::Bytes(v) | Text::ByteArray(v) => match v.payload() {
            Some(Payload::Bytes(b)) => run_units(b, &code, p.groups, start, end, must_advance, mode),
            // No Python code runs while the engine does: the borrow ends
            // before anything could resize the bytearray.
            Some(Payload::ByteArray(b)) => match b.try_borrow() {
                Ok(b) => run_units(&b, &code, p.groups, start, end, must_advance, mode),
                Err(_) => Ok(None),
            },
            _ => Ok(None),
        },
        Text::Str(v) => match v.as_str().map(|s| &s.data) {
            Some(StrData::Ascii(a)) => run_units(a.as_bytes(), &code, p.groups, start, end, must_advance, mode),
            Some(StrData::Wide(w)) => run_units(&w[..], &code, p.groups, start, end, must_advance, mode),
            None => Ok(None),
        },
    };
    match r {
        Ok(f) => Ok(f),
        Err(RunErr::BadSpan) => Err(vm.err(
            &vm.types.exc.system_error.clone(),
            "The span of capturing group is wrong, please report a bug for the re module.",
        )),
        Err(RunErr::Sre(SreError::Interrupted)) => {
            crate::vm::finalize::INTERRUPTED.store(false, std::sync::atomic::Ordering::Relaxed);
            Err(vm.new_exception(&vm.types.exc.keyboard_interrupt.clone(), vec![]))
        }
        Err(RunErr::Sre(SreError::Illegal)) => Err(vm.err(&vm.types.exc.runtime_error.clone(), "internal error in regular expression engine")),
    }
}

// ----- argument helpers -----

fn pattern_of<'a>(vm: &Vm, a: &'a Args, method: &str) -> PyResult<std::cell::Ref<'a, Pattern>> {
    native::this::<Pattern>(vm, a, "re.Pattern", method)
}

fn match_of<'a>(vm: &Vm, a: &'a Args, method: &str) -> PyResult<std::cell::Ref<'a, MatchState>> {
    native::this::<MatchState>(vm, a, "re.Match", method)
}

/// Argument-clinic style arguments after `self`.
fn clinic(vm: &Vm, a: &Args, name: &str, names: &[&str], required: usize) -> PyResult<Vec<Option<Value>>> {
    let out = sm::kwargs(vm, a, name, names)?;
    for i in 0..required {
        if out[i].is_none() {
            return Err(vm.type_error(format!("{name}() missing required argument '{}' (pos {})", names[i], i + 1)));
        }
    }
    Ok(out)
}

fn ssize_arg(vm: &mut Vm, v: &Option<Value>, default: i64) -> PyResult<i64> {
    match v {
        None => Ok(default),
        Some(v) => sm::ssize(vm, v),
    }
}

/// Check the subject against the pattern kind, clamp pos/endpos.
fn state_init(vm: &mut Vm, p: &Pattern, string: &Value, pos: i64, endpos: i64) -> PyResult<(Text, usize, usize)> {
    let text = get_text(vm, string)?;
    if p.isbytes > 0 && !text.is_bytes() {
        return Err(vm.type_error("cannot use a bytes pattern on a string-like object"));
    }
    if p.isbytes == 0 && text.is_bytes() {
        return Err(vm.type_error("cannot use a string pattern on a bytes-like object"));
    }
    let len = text.len() as i64;
    let start = pos.clamp(0, len) as usize;
    let end = endpos.clamp(0, len) as usize;
    Ok((text, start, end))
}

fn pattern_copy(p: &Pattern) -> Pattern {
    Pattern {
        pattern: p.pattern.clone(),
        flags: p.flags,
        code: p.code.clone(),
        groups: p.groups,
        groupindex: p.groupindex.clone(),
        indexgroup: p.indexgroup.clone(),
        isbytes: p.isbytes,
    }
}

fn new_match(vm: &mut Vm, pattern: &Value, string: &Value, f: &Found, pos: usize, endpos: usize) -> PyResult<Value> {
    let Some(cls) = classes() else { return Err(vm.type_error("_sre is not initialised")) };
    let mut regs = Vec::with_capacity(f.spans.len() + 1);
    regs.push((f.start as i64, f.end as i64));
    regs.extend_from_slice(&f.spans);
    let m = MatchState { pattern: pattern.clone(), string: string.clone(), regs, pos, endpos, lastindex: f.lastindex };
    Ok(new_opaque(vm, &cls.match_, m))
}

// ----- module functions -----

fn sre_compile(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let names = ["pattern", "flags", "code", "groups", "groupindex", "indexgroup"];
    let mut args = Args { pos: vec![Value::None], kw: a.kw.clone() };
    args.pos.extend(a.pos.iter().cloned());
    let v = clinic(vm, &args, "compile", &names, 6)?;
    let get = |i: usize| v[i].clone().unwrap_or(Value::None);
    let pattern = get(0);
    let flags = sm::c_int(vm, &get(1))?;
    let code_v = get(2);
    let Some(Payload::List(items)) = code_v.payload() else {
        return Err(vm.type_error(format!("compile() argument 'code' must be list, not {}", vm.type_name(&code_v))));
    };
    let items: Vec<Value> = items.borrow().clone();
    let mut code = Vec::with_capacity(items.len());
    for it in &items {
        let b = crate::builtins::index_big(vm, it)?;
        use num_traits::{Signed, ToPrimitive};
        if b.is_negative() {
            return Err(vm.overflow_error("can't convert negative value to unsigned int"));
        }
        match b.to_u32() {
            Some(x) => code.push(x),
            None => return Err(vm.overflow_error("regular expression code size limit exceeded")),
        }
    }
    let groups = sm::ssize(vm, &get(3))?;
    let groupindex = get(4);
    if !matches!(groupindex.payload(), Some(Payload::Dict(_))) {
        return Err(vm.type_error(format!("compile() argument 'groupindex' must be dict, not {}", vm.type_name(&groupindex))));
    }
    let indexgroup = get(5);
    if !matches!(indexgroup.payload(), Some(Payload::Tuple(_))) {
        return Err(vm.type_error(format!("compile() argument 'indexgroup' must be tuple, not {}", vm.type_name(&indexgroup))));
    }
    if groups < 0 || groups as u64 > engine::MAXGROUPS as u64 {
        return Err(vm.err(&vm.types.exc.runtime_error.clone(), "invalid SRE code"));
    }
    let isbytes = if pattern.is_none() {
        -1
    } else {
        if get_text(vm, &pattern)?.is_bytes() {
            1
        } else {
            0
        }
    };
    if !validate(&code, groups as usize) {
        return Err(vm.err(&vm.types.exc.runtime_error.clone(), "invalid SRE code"));
    }
    let gi_len = match groupindex.payload() {
        Some(Payload::Dict(d)) => d.borrow().len(),
        _ => 0,
    };
    let ig_len = match indexgroup.payload() {
        Some(Payload::Tuple(t)) => t.len(),
        _ => 0,
    };
    let p = Pattern {
        pattern,
        flags,
        code: code.into(),
        groups: groups as usize,
        groupindex: if gi_len > 0 { Some(groupindex) } else { None },
        indexgroup: if ig_len > 0 { Some(indexgroup) } else { None },
        isbytes,
    };
    let Some(cls) = classes() else { return Err(vm.type_error("_sre is not initialised")) };
    Ok(new_opaque(vm, &cls.pattern, p))
}

/// Check the code's structure before accepting it (CPython validates the
/// code in `_sre.compile` too): opcodes and their operands, skips inside
/// the code, group numbers in range, charsets well formed. The engine
/// bounds-checks every read as well, so nothing here is needed for safety.
fn validate(code: &[u32], groups: usize) -> bool {
    engine::validate(code, groups)
}

fn int_arg(vm: &mut Vm, a: &Args, name: &str) -> PyResult<u32> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("_sre.{name}() takes no keyword arguments")));
    }
    if a.pos.len() != 1 {
        return Err(vm.type_error(format!("_sre.{name}() takes exactly one argument ({} given)", a.pos.len())));
    }
    let v = a.pos[0].clone();
    let i = sm::c_int(vm, &v)?;
    Ok(i as u32)
}

fn sre_getcodesize(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.pos.is_empty() || !a.kw.is_empty() {
        return Err(vm.type_error(format!("_sre.getcodesize() takes no arguments ({} given)", a.pos.len() + a.kw.len())));
    }
    Ok(Value::Int(4))
}
fn sre_ascii_iscased(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let c = int_arg(vm, a, "ascii_iscased")?;
    Ok(Value::Bool(engine::ascii_iscased(c)))
}
fn sre_unicode_iscased(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let c = int_arg(vm, a, "unicode_iscased")?;
    Ok(Value::Bool(engine::unicode_iscased(c)))
}
fn sre_ascii_tolower(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let c = int_arg(vm, a, "ascii_tolower")?;
    Ok(Value::Int(engine::lower_ascii(c) as i32 as i64))
}
fn sre_unicode_tolower(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let c = int_arg(vm, a, "unicode_tolower")?;
    Ok(Value::Int(engine::lower_unicode(c) as i32 as i64))
}

// ----- Pattern -----

fn no_new_pattern(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(vm.type_error("cannot create 're.Pattern' instances"))
}
fn no_new_match(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(vm.type_error("cannot create 're.Match' instances"))
}
fn no_new_scanner(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(vm.type_error("cannot create '_sre.SRE_Scanner' instances"))
}

fn p_match_mode(vm: &mut Vm, a: &Args, name: &str, mode: Mode) -> PyResult<Value> {
    let p = pattern_copy(&*pattern_of(vm, a, name)?);
    let v = clinic(vm, a, name, &["string", "pos", "endpos"], 1)?;
    let string = v[0].clone().unwrap_or(Value::None);
    let pos = ssize_arg(vm, &v[1], 0)?;
    let endpos = ssize_arg(vm, &v[2], i64::MAX)?;
    let (text, start, end) = state_init(vm, &p, &string, pos, endpos)?;
    match run(vm, &text, &p, start, end, false, mode)? {
        None => Ok(Value::None),
        Some(f) => new_match(vm, &a.pos[0], &string, &f, start, end),
    }
}

fn p_match(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    p_match_mode(vm, a, "match", Mode::Match)
}
fn p_fullmatch(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    p_match_mode(vm, a, "fullmatch", Mode::FullMatch)
}
fn p_search(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    p_match_mode(vm, a, "search", Mode::Search)
}

/// Group `g` (1-based) of a run as a value: the slice, or `default`.
fn group_value(vm: &Vm, text: &Text, string: &Value, f: &Found, g: usize, default: &Value) -> Value {
    match f.spans.get(g - 1) {
        Some(&(a, b)) if a >= 0 && b >= 0 => text.slice(vm, string, a as usize, b as usize),
        _ => default.clone(),
    }
}

fn empty_of(vm: &Vm, text: &Text, string: &Value) -> Value {
    text.slice(vm, string, 0, 0)
}

fn p_findall(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = pattern_copy(&*pattern_of(vm, a, "findall")?);
    let v = clinic(vm, a, "findall", &["string", "pos", "endpos"], 1)?;
    let string = v[0].clone().unwrap_or(Value::None);
    let pos = ssize_arg(vm, &v[1], 0)?;
    let endpos = ssize_arg(vm, &v[2], i64::MAX)?;
    let (text, mut start, end) = state_init(vm, &p, &string, pos, endpos)?;
    let mut out = Vec::new();
    let mut must_advance = false;
    let empty = empty_of(vm, &text, &string);
    while start <= end {
        let Some(f) = run(vm, &text, &p, start, end, must_advance, Mode::Search)? else { break };
        let item = match p.groups {
            0 => text.slice(vm, &string, f.start, f.end),
            1 => group_value(vm, &text, &string, &f, 1, &empty),
            n => {
                let items: Vec<Value> = (1..=n).map(|g| group_value(vm, &text, &string, &f, g, &empty)).collect();
                vm.new_tuple(items)
            }
        };
        out.push(item);
        must_advance = f.end == f.start;
        start = f.end;
    }
    Ok(vm.new_list(out))
}

fn new_scanner(vm: &mut Vm, a: &Args, name: &str) -> PyResult<Value> {
    let p = pattern_copy(&*pattern_of(vm, a, name)?);
    let v = clinic(vm, a, name, &["string", "pos", "endpos"], 1)?;
    let string = v[0].clone().unwrap_or(Value::None);
    let pos = ssize_arg(vm, &v[1], 0)?;
    let endpos = ssize_arg(vm, &v[2], i64::MAX)?;
    let (_, start, end) = state_init(vm, &p, &string, pos, endpos)?;
    let Some(cls) = classes() else { return Err(vm.type_error("_sre is not initialised")) };
    let s = Scanner { pattern: a.pos[0].clone(), string, start: Some(start), must_advance: false, pos: start, endpos: end };
    Ok(new_opaque(vm, &cls.scanner, s))
}

fn p_scanner(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    new_scanner(vm, a, "scanner")
}

fn p_finditer(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let sc = new_scanner(vm, a, "finditer")?;
    let search = vm.getattr(&sc, &str_key("search"))?;
    Ok(vm.new_iter(IterState::Callable { func: search, sentinel: Value::None, done: false }))
}

fn p_split(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = pattern_copy(&*pattern_of(vm, a, "split")?);
    let v = clinic(vm, a, "split", &["string", "maxsplit"], 1)?;
    let string = v[0].clone().unwrap_or(Value::None);
    let maxsplit = ssize_arg(vm, &v[1], 0)?;
    let (text, mut start, end) = state_init(vm, &p, &string, 0, i64::MAX)?;
    let mut out = Vec::new();
    let mut n = 0i64;
    let mut last = start;
    let mut must_advance = false;
    while maxsplit == 0 || n < maxsplit {
        let Some(f) = run(vm, &text, &p, start, end, must_advance, Mode::Search)? else { break };
        out.push(text.slice(vm, &string, last, f.start));
        for g in 1..=p.groups {
            out.push(group_value(vm, &text, &string, &f, g, &Value::None));
        }
        n += 1;
        must_advance = f.end == f.start;
        last = f.end;
        start = f.end;
    }
    out.push(text.slice(vm, &string, last, end));
    Ok(vm.new_list(out))
}

fn is_callable(vm: &Vm, v: &Value) -> bool {
    match v.payload() {
        Some(Payload::Function(_) | Payload::Native(_) | Payload::Method { .. } | Payload::Class(_)) => true,
        _ => {
            let c = vm.type_of(v);
            vm.lookup_mro(&c, "__call__").is_some()
        }
    }
}

/// Call `re.<name>(*args)` (the template helpers live in Python).
fn call_re(vm: &mut Vm, name: &str, args: Vec<Value>) -> PyResult<Value> {
    let modname = vm.new_str("re");
    let m = crate::modules::import(vm, &modname, &Value::None, &Value::Int(0))?;
    let f = vm.getattr(&m, &str_key(name))?;
    vm.call(&f, args)
}

fn subx(vm: &mut Vm, a: &Args, name: &str, with_count: bool) -> PyResult<Value> {
    let p = pattern_copy(&*pattern_of(vm, a, name)?);
    let v = clinic(vm, a, name, &["repl", "string", "count"], 2)?;
    let repl = v[0].clone().unwrap_or(Value::None);
    let string = v[1].clone().unwrap_or(Value::None);
    let count = ssize_arg(vm, &v[2], 0)?;
    let (filter, callable) = if is_callable(vm, &repl) {
        (repl.clone(), true)
    } else {
        let literal = match repl.payload() {
            Some(Payload::Str(s)) => !s.iter().any(|c| c == '\\' as u32),
            Some(Payload::Bytes(b)) => !b.contains(&b'\\'),
            Some(Payload::ByteArray(b)) => !b.borrow().contains(&b'\\'),
            Some(Payload::MemoryView(_)) => !crate::objects::memoryview::view_bytes(vm, &repl)?.contains(&b'\\'),
            _ => false,
        };
        if literal {
            (repl.clone(), false)
        } else {
            let f = call_re(vm, "_subx", vec![a.pos[0].clone(), repl.clone()])?;
            let c = is_callable(vm, &f);
            (f, c)
        }
    };
    let (text, mut start, end) = state_init(vm, &p, &string, 0, i64::MAX)?;
    let mut pieces: Vec<Value> = Vec::new();
    let mut n = 0i64;
    let mut i = 0usize;
    let mut must_advance = false;
    while count == 0 || n < count {
        let Some(f) = run(vm, &text, &p, start, end, must_advance, Mode::Search)? else { break };
        if i < f.start {
            pieces.push(text.slice(vm, &string, i, f.start));
        }
        if callable {
            let m = new_match(vm, &a.pos[0], &string, &f, 0, end)?;
            let item = vm.call(&filter, vec![m])?;
            if !item.is_none() {
                pieces.push(item);
            }
        } else if !filter.is_none() {
            pieces.push(filter.clone());
        }
        i = f.end;
        n += 1;
        must_advance = f.end == f.start;
        start = f.end;
    }
    if i < end {
        pieces.push(text.slice(vm, &string, i, end));
    }
    let joined = join_pieces(vm, &text, &string, pieces)?;
    if with_count {
        Ok(vm.new_tuple(vec![joined, Value::Int(n)]))
    } else {
        Ok(joined)
    }
}

fn join_pieces(vm: &mut Vm, text: &Text, string: &Value, pieces: Vec<Value>) -> PyResult<Value> {
    if pieces.is_empty() {
        return Ok(empty_of(vm, text, string));
    }
    if text.is_bytes() {
        let mut out = Vec::new();
        for (k, it) in pieces.iter().enumerate() {
            match it.payload() {
                Some(Payload::Bytes(b)) => out.extend_from_slice(b),
                Some(Payload::ByteArray(b)) => out.extend_from_slice(&b.borrow()),
                Some(Payload::MemoryView(_)) => out.extend(crate::objects::memoryview::view_bytes(vm, it)?),
                _ => return Err(vm.type_error(format!("sequence item {k}: expected a bytes-like object, {} found", vm.type_name(it)))),
            }
        }
        return Ok(crate::objects::bytes::new_bytes(vm, out));
    }
    let mut out: Vec<u32> = Vec::new();
    for (k, it) in pieces.iter().enumerate() {
        match it.as_str() {
            Some(s) => out.extend(s.iter()),
            None => return Err(vm.type_error(format!("sequence item {k}: expected str instance, {} found", vm.type_name(it)))),
        }
    }
    Ok(vm.new_pystr(PyStr::from_code_points(out)))
}

fn p_sub(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    subx(vm, a, "sub", false)
}
fn p_subn(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    subx(vm, a, "subn", true)
}

fn p_copy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pattern_of(vm, a, "__copy__")?;
    if a.pos.len() != 1 || !a.kw.is_empty() {
        return Err(vm.type_error(format!("Pattern.__copy__() takes no arguments ({} given)", a.pos.len().saturating_sub(1) + a.kw.len())));
    }
    Ok(a.pos[0].clone())
}
fn p_deepcopy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pattern_of(vm, a, "__deepcopy__")?;
    if a.pos.len() != 2 || !a.kw.is_empty() {
        return Err(vm.type_error(format!("Pattern.__deepcopy__() takes exactly one argument ({} given)", a.pos.len().saturating_sub(1) + a.kw.len())));
    }
    Ok(a.pos[0].clone())
}

fn p_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (pat, mut flags, isbytes) = {
        let p = pattern_of(vm, a, "__repr__")?;
        (p.pattern.clone(), p.flags, p.isbytes)
    };
    const NAMES: [(&str, i64); 9] = [
        ("re.TEMPLATE", 1),
        ("re.IGNORECASE", 2),
        ("re.LOCALE", 4),
        ("re.MULTILINE", 8),
        ("re.DOTALL", 16),
        ("re.UNICODE", 32),
        ("re.VERBOSE", 64),
        ("re.DEBUG", 128),
        ("re.ASCII", 256),
    ];
    if isbytes == 0 && (flags & (4 | 32 | 256)) == 32 {
        flags &= !32;
    }
    let mut items = Vec::new();
    for (n, v) in NAMES {
        if flags & v != 0 {
            items.push(n.to_string());
            flags &= !v;
        }
    }
    if flags != 0 {
        items.push(format!("0x{:x}", flags as u32));
    }
    let r = vm.repr(&pat)?;
    let r: Vec<u32> = r.iter().take(200).collect();
    let r = PyStr::from_code_points(r).to_string_lossy();
    let s = if items.is_empty() { format!("re.compile({r})") } else { format!("re.compile({r}, {})", items.join("|")) };
    Ok(vm.new_str(&s))
}

fn p_eq_impl(vm: &mut Vm, a: &Args, negate: bool) -> PyResult<Value> {
    let (Some(x), Some(y)) = (a.pos.first(), a.pos.get(1)) else { return Err(vm.type_error("expected 1 argument")) };
    let (pa, pb) = {
        let (Some(l), Some(r)) = (opaque::<Pattern>(x), opaque::<Pattern>(y)) else { return Ok(vm.types.not_implemented.clone()) };
        if x.is(y) {
            return Ok(Value::Bool(!negate));
        }
        let same = l.flags == r.flags && l.isbytes == r.isbytes && l.code[..] == r.code[..];
        if !same {
            return Ok(Value::Bool(negate));
        }
        (l.pattern.clone(), r.pattern.clone())
    };
    let eq = vm.eq(&pa, &pb)?;
    Ok(Value::Bool(eq != negate))
}
fn p_eq(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    p_eq_impl(vm, a, false)
}
fn p_ne(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    p_eq_impl(vm, a, true)
}

fn p_hash(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (pat, flags, isbytes, code) = {
        let p = pattern_of(vm, a, "__hash__")?;
        (p.pattern.clone(), p.flags, p.isbytes, p.code.clone())
    };
    let mut h = vm.hash(&pat)?;
    let bytes: Vec<u8> = code.iter().flat_map(|c| c.to_le_bytes()).collect();
    let b = crate::objects::bytes::new_bytes(vm, bytes);
    h ^= vm.hash(&b)?;
    h ^= flags;
    h ^= isbytes as i64;
    h ^= code.len() as i64;
    if h == -1 {
        h = -2;
    }
    Ok(Value::Int(h))
}

fn p_pattern(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(pattern_of(vm, a, "pattern")?.pattern.clone())
}
fn p_flags(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Int(pattern_of(vm, a, "flags")?.flags))
}
fn p_groups(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Int(pattern_of(vm, a, "groups")?.groups as i64))
}
fn p_groupindex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let gi = pattern_of(vm, a, "groupindex")?.groupindex.clone();
    match gi {
        // CPython: a proxy of the pattern's dict, or a new empty dict.
        Some(d) => Ok(crate::objects::mappingproxy::new_proxy(vm, d)),
        None => Ok(vm.new_dict(Dict::new())),
    }
}

// ----- Match -----

/// The group number for `index` (an int or a group name).
fn match_index(vm: &mut Vm, m: &Value, index: &Value) -> PyResult<usize> {
    let (ngroups, gi) = {
        let ms = opaque::<MatchState>(m).ok_or_else(|| vm.type_error("not a match"))?;
        let gi = opaque::<Pattern>(&ms.pattern).and_then(|p| p.groupindex.clone());
        (ms.regs.len(), gi)
    };
    let is_int = matches!(index, Value::Int(_) | Value::Bool(_)) || matches!(index.payload(), Some(Payload::BigInt(_))) || {
        let c = vm.type_of(index);
        vm.lookup_mro(&c, "__index__").is_some()
    };
    let i: i64 = if is_int {
        let b = crate::builtins::index_big(vm, index)?;
        use num_traits::{Signed, ToPrimitive};
        b.to_i64().unwrap_or(if b.is_negative() { i64::MIN } else { i64::MAX })
    } else {
        let mut i = -1;
        if let Some(gi) = gi {
            vm.hash(index)?;
            let r = vm.getitem(&gi, index);
            if let Ok(Value::Int(n)) = r {
                i = n;
            }
        }
        i
    };
    if i < 0 || i as u64 >= ngroups as u64 {
        return Err(vm.index_error("no such group"));
    }
    Ok(i as usize)
}

fn match_slice(vm: &mut Vm, m: &Value, g: usize, default: &Value) -> PyResult<Value> {
    let (string, span) = {
        let ms = opaque::<MatchState>(m).ok_or_else(|| vm.type_error("not a match"))?;
        (ms.string.clone(), ms.regs.get(g).copied().unwrap_or((-1, -1)))
    };
    if span.0 < 0 || span.1 < 0 {
        return Ok(default.clone());
    }
    let text = get_text(vm, &string)?;
    Ok(text.slice(vm, &string, span.0 as usize, span.1 as usize))
}

fn m_group(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    match_of(vm, a, "group")?;
    if !a.kw.is_empty() {
        return Err(vm.type_error("group() takes no keyword arguments"));
    }
    let m = a.pos[0].clone();
    match a.pos.len() {
        1 => match_slice(vm, &m, 0, &Value::None),
        2 => {
            let g = match_index(vm, &m, &a.pos[1])?;
            match_slice(vm, &m, g, &Value::None)
        }
        _ => {
            let mut out = Vec::new();
            for idx in &a.pos[1..] {
                let g = match_index(vm, &m, idx)?;
                out.push(match_slice(vm, &m, g, &Value::None)?);
            }
            Ok(vm.new_tuple(out))
        }
    }
}

fn m_getitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    match_of(vm, a, "__getitem__")?;
    let v = native::positional(vm, a, "__getitem__", 2, 2)?;
    let m = v[0].clone();
    let g = match_index(vm, &m, &v[1].clone())?;
    match_slice(vm, &m, g, &Value::None)
}

fn m_groups(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let n = match_of(vm, a, "groups")?.regs.len();
    let v = clinic(vm, a, "groups", &["default"], 0)?;
    let default = v[0].clone().unwrap_or(Value::None);
    let m = a.pos[0].clone();
    let mut out = Vec::new();
    for g in 1..n {
        out.push(match_slice(vm, &m, g, &default)?);
    }
    Ok(vm.new_tuple(out))
}

fn m_groupdict(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let gi = {
        let ms = match_of(vm, a, "groupdict")?;
        opaque::<Pattern>(&ms.pattern).and_then(|p| p.groupindex.clone())
    };
    let v = clinic(vm, a, "groupdict", &["default"], 0)?;
    let default = v[0].clone().unwrap_or(Value::None);
    let m = a.pos[0].clone();
    let out = vm.new_dict(Dict::new());
    if let Some(gi) = gi {
        let keys = vm.to_vec(&gi)?;
        for k in keys {
            let g = match_index(vm, &m, &k)?;
            let val = match_slice(vm, &m, g, &default)?;
            vm.setitem(&out, k, val)?;
        }
    }
    Ok(out)
}

fn m_span_of(vm: &mut Vm, a: &Args, name: &str) -> PyResult<(i64, i64)> {
    match_of(vm, a, name)?;
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    let n = a.pos.len() - 1;
    if n > 1 {
        return Err(vm.type_error(format!("{name} expected at most 1 argument, got {n}")));
    }
    let m = a.pos[0].clone();
    let g = match a.pos.get(1) {
        None => 0,
        Some(i) => match_index(vm, &m, &i.clone())?,
    };
    let ms = match_of(vm, a, name)?;
    Ok(ms.regs.get(g).copied().unwrap_or((-1, -1)))
}

fn m_start(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Int(m_span_of(vm, a, "start")?.0))
}
fn m_end(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Int(m_span_of(vm, a, "end")?.1))
}
fn m_span(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (s, e) = m_span_of(vm, a, "span")?;
    Ok(vm.new_tuple(vec![Value::Int(s), Value::Int(e)]))
}

fn m_expand(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let pat = match_of(vm, a, "expand")?.pattern.clone();
    let v = clinic(vm, a, "expand", &["template"], 1)?;
    let t = v[0].clone().unwrap_or(Value::None);
    call_re(vm, "_expand", vec![pat, a.pos[0].clone(), t])
}

fn m_regs(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let regs = match_of(vm, a, "regs")?.regs.clone();
    let items: Vec<Value> = regs.iter().map(|&(s, e)| vm.new_tuple(vec![Value::Int(s), Value::Int(e)])).collect();
    Ok(vm.new_tuple(items))
}
fn m_string(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(match_of(vm, a, "string")?.string.clone())
}
fn m_re(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(match_of(vm, a, "re")?.pattern.clone())
}
fn m_pos(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Int(match_of(vm, a, "pos")?.pos as i64))
}
fn m_endpos(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Int(match_of(vm, a, "endpos")?.endpos as i64))
}
fn m_lastindex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let li = match_of(vm, a, "lastindex")?.lastindex;
    Ok(if li >= 0 { Value::Int(li) } else { Value::None })
}
fn m_lastgroup(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (li, ig) = {
        let ms = match_of(vm, a, "lastgroup")?;
        (ms.lastindex, opaque::<Pattern>(&ms.pattern).and_then(|p| p.indexgroup.clone()))
    };
    if li < 0 {
        return Ok(Value::None);
    }
    if let Some(Payload::Tuple(t)) = ig.as_ref().and_then(|v| v.payload()) {
        if let Some(v) = t.get(li as usize) {
            return Ok(v.clone());
        }
    }
    Ok(Value::None)
}

fn m_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (s, e) = match_of(vm, a, "__repr__")?.regs[0];
    let m = a.pos[0].clone();
    let g = match_slice(vm, &m, 0, &Value::None)?;
    let r = vm.repr(&g)?;
    let r: Vec<u32> = r.iter().take(50).collect();
    let r = PyStr::from_code_points(r).to_string_lossy();
    Ok(vm.new_str(&format!("<re.Match object; span=({s}, {e}), match={r}>")))
}

fn m_copy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    match_of(vm, a, "__copy__")?;
    if a.pos.len() != 1 || !a.kw.is_empty() {
        return Err(vm.type_error(format!("Match.__copy__() takes no arguments ({} given)", a.pos.len().saturating_sub(1) + a.kw.len())));
    }
    Ok(a.pos[0].clone())
}
fn m_deepcopy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    match_of(vm, a, "__deepcopy__")?;
    if a.pos.len() != 2 || !a.kw.is_empty() {
        return Err(vm.type_error(format!("Match.__deepcopy__() takes exactly one argument ({} given)", a.pos.len().saturating_sub(1) + a.kw.len())));
    }
    Ok(a.pos[0].clone())
}

// ----- Scanner -----

fn scan(vm: &mut Vm, a: &Args, name: &str, mode: Mode) -> PyResult<Value> {
    let me = a.pos.first().cloned().unwrap_or(Value::None);
    let (pat, string, start, must_advance, pos, endpos) = {
        let s = native::this::<Scanner>(vm, a, "_sre.SRE_Scanner", name)?;
        (s.pattern.clone(), s.string.clone(), s.start, s.must_advance, s.pos, s.endpos)
    };
    native::positional(vm, &Args::new(a.pos[1..].to_vec()), name, 0, 0)?;
    let Some(start) = start else { return Ok(Value::None) };
    let p = match opaque::<Pattern>(&pat) {
        Some(p) => pattern_copy(&p),
        None => return Err(vm.type_error("scanner has no pattern")),
    };
    let text = get_text(vm, &string)?;
    let found = run(vm, &text, &p, start, endpos, must_advance, mode)?;
    let result = match &found {
        None => Value::None,
        Some(f) => new_match(vm, &pat, &string, f, pos, endpos)?,
    };
    if let Some(mut s) = native::opaque_mut::<Scanner>(&me) {
        match &found {
            None => s.start = None,
            Some(f) => {
                s.must_advance = f.end == f.start;
                s.start = Some(f.end);
            }
        }
    }
    Ok(result)
}

fn s_match(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    scan(vm, a, "match", Mode::Match)
}
fn s_search(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    scan(vm, a, "search", Mode::Search)
}
fn s_pattern(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(native::this::<Scanner>(vm, a, "_sre.SRE_Scanner", "pattern")?.pattern.clone())
}

/// Setting a member attribute (CPython's READONLY members).
fn readonly(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(vm.attribute_error("readonly attribute"))
}

macro_rules! not_writable {
    ($f:ident, $cls:literal, $name:literal) => {
        fn $f(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
            Err(vm.attribute_error(concat!("attribute '", $name, "' of '", $cls, "' objects is not writable")))
        }
    };
}
not_writable!(not_writable_groupindex, "re.Pattern", "groupindex");
not_writable!(not_writable_regs, "re.Match", "regs");
not_writable!(not_writable_lastindex, "re.Match", "lastindex");
not_writable!(not_writable_lastgroup, "re.Match", "lastgroup");

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = new_module(
        vm,
        "_sre",
        &[
            ("compile", sre_compile),
            ("getcodesize", sre_getcodesize),
            ("ascii_iscased", sre_ascii_iscased),
            ("unicode_iscased", sre_unicode_iscased),
            ("ascii_tolower", sre_ascii_tolower),
            ("unicode_tolower", sre_unicode_tolower),
        ],
    );
    set(&m, "MAGIC", Value::Int(MAGIC));
    set(&m, "CODESIZE", Value::Int(4));
    set(&m, "MAXREPEAT", Value::Int(engine::MAXREPEAT as i64));
    set(&m, "MAXGROUPS", Value::Int(engine::MAXGROUPS as i64));
    let c = vm.new_str(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB ");
    set(&m, "copyright", c);

    let pattern = native::native_final_class(vm, "re", "Pattern");
    add_new(&pattern, no_new_pattern);
    for (n, f) in [
        ("match", p_match as crate::value::NativeFn),
        ("fullmatch", p_fullmatch),
        ("search", p_search),
        ("findall", p_findall),
        ("finditer", p_finditer),
        ("scanner", p_scanner),
        ("split", p_split),
        ("sub", p_sub),
        ("subn", p_subn),
        ("__copy__", p_copy),
        ("__deepcopy__", p_deepcopy),
        ("__repr__", p_repr),
        ("__eq__", p_eq),
        ("__ne__", p_ne),
        ("__hash__", p_hash),
    ] {
        add_method(&pattern, n, f);
    }
    native::add_property(vm, &pattern, "pattern", p_pattern, readonly);
    native::add_property(vm, &pattern, "flags", p_flags, readonly);
    native::add_property(vm, &pattern, "groups", p_groups, readonly);
    native::add_property(vm, &pattern, "groupindex", p_groupindex, not_writable_groupindex);
    native::add_classmethod(vm, &pattern, "__class_getitem__", crate::objects::generic_alias::class_getitem);

    let match_ = native::native_final_class(vm, "re", "Match");
    add_new(&match_, no_new_match);
    for (n, f) in [
        ("group", m_group as crate::value::NativeFn),
        ("groups", m_groups),
        ("groupdict", m_groupdict),
        ("start", m_start),
        ("end", m_end),
        ("span", m_span),
        ("expand", m_expand),
        ("__getitem__", m_getitem),
        ("__repr__", m_repr),
        ("__copy__", m_copy),
        ("__deepcopy__", m_deepcopy),
    ] {
        add_method(&match_, n, f);
    }
    native::add_property(vm, &match_, "regs", m_regs, not_writable_regs);
    native::add_property(vm, &match_, "string", m_string, readonly);
    native::add_property(vm, &match_, "re", m_re, readonly);
    native::add_property(vm, &match_, "pos", m_pos, readonly);
    native::add_property(vm, &match_, "endpos", m_endpos, readonly);
    native::add_property(vm, &match_, "lastindex", m_lastindex, not_writable_lastindex);
    native::add_property(vm, &match_, "lastgroup", m_lastgroup, not_writable_lastgroup);
    native::add_classmethod(vm, &match_, "__class_getitem__", crate::objects::generic_alias::class_getitem);

    let scanner = native::native_final_class(vm, "_sre", "SRE_Scanner");
    add_new(&scanner, no_new_scanner);
    add_method(&scanner, "match", s_match);
    add_method(&scanner, "search", s_search);
    native::add_property(vm, &scanner, "pattern", s_pattern, readonly);

    CLASSES.with(|c| *c.borrow_mut() = Some(Rc::new(Classes { pattern, match_, scanner })));
    Ok(m)
}
