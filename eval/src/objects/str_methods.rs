//! The methods of `str` (code-point semantics, CPython's messages), and the
//! `str.format` mini-language's field syntax.

use std::collections::HashMap;

use crate::objects::str::PyStr;
use crate::types::{add_method, add_native};
use crate::value::{Payload, Value};
use crate::vm::{str_key, Args, Vm};
use crate::PyResult;

pub fn install(vm: &mut Vm) {
    let s = vm.types.str_.clone();
    let methods: &[(&'static str, crate::value::NativeFn)] = &[
        ("capitalize", capitalize),
        ("casefold", casefold),
        ("center", center),
        ("count", count),
        ("encode", encode),
        ("endswith", endswith),
        ("expandtabs", expandtabs),
        ("find", find),
        ("format", format),
        ("format_map", format_map),
        ("index", index),
        ("isalnum", isalnum),
        ("isalpha", isalpha),
        ("isascii", isascii),
        ("isdecimal", isdecimal),
        ("isdigit", isdigit),
        ("isidentifier", isidentifier),
        ("islower", islower),
        ("isnumeric", isnumeric),
        ("isprintable", isprintable),
        ("isspace", isspace),
        ("istitle", istitle),
        ("isupper", isupper),
        ("ljust", ljust),
        ("lower", lower),
        ("lstrip", lstrip),
        ("partition", partition),
        ("removeprefix", removeprefix),
        ("removesuffix", removesuffix),
        ("replace", replace),
        ("rfind", rfind),
        ("rindex", rindex),
        ("rjust", rjust),
        ("rpartition", rpartition),
        ("rsplit", rsplit),
        ("rstrip", rstrip),
        ("split", split),
        ("splitlines", splitlines),
        ("startswith", startswith),
        ("strip", strip),
        ("swapcase", swapcase),
        ("title", title),
        ("translate", translate),
        ("upper", upper),
        ("zfill", zfill),
    ];
    for (name, f) in methods {
        add_method(&s, name, *f);
    }
    add_native(&s, "maketrans", maketrans, false, true);
}

// ---- helpers ----------------------------------------------------------------

fn this(vm: &Vm, a: &Args, name: &str) -> PyResult<Vec<u32>> {
    match a.pos.first().and_then(|v| v.as_str()) {
        Some(s) => Ok(s.code_points()),
        None => Err(vm.type_error(format!("descriptor '{name}' requires a 'str' object"))),
    }
}

/// Positional-or-keyword argument `i` (0 = first after self).
fn arg<'a>(a: &'a Args, i: usize, name: &str) -> Option<&'a Value> {
    a.pos.get(i + 1).or_else(|| a.kwarg(name))
}

fn check_kw(vm: &Vm, a: &Args, method: &str, allowed: &[&str]) -> PyResult<()> {
    for (k, _) in &a.kw {
        let ks = k.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
        if !allowed.contains(&ks.as_str()) {
            if allowed.is_empty() {
                return Err(vm.type_error(format!("str.{method}() takes no keyword arguments")));
            }
            return Err(vm.type_error(format!("{method}() got an unexpected keyword argument '{ks}'")));
        }
    }
    Ok(())
}

fn max_args(vm: &Vm, a: &Args, method: &str, n: usize) -> PyResult<()> {
    let given = a.pos.len().saturating_sub(1);
    if given > n {
        return Err(vm.type_error(format!("{method}() takes at most {n} argument{} ({given} given)", if n == 1 { "" } else { "s" })));
    }
    Ok(())
}

fn str_arg(vm: &Vm, v: &Value, what: &str) -> PyResult<Vec<u32>> {
    match v.as_str() {
        Some(s) => Ok(s.code_points()),
        None => Err(vm.type_error(format!("{what} must be str, not {}", vm.type_name(v)))),
    }
}

fn out(vm: &Vm, cps: Vec<u32>) -> Value {
    vm.new_pystr(PyStr::from_code_points(cps))
}

fn ch(c: u32) -> char {
    char::from_u32(c).unwrap_or('\u{fffd}')
}

pub fn py_isspace(c: u32) -> bool {
    (0x1c..=0x1f).contains(&c) || ch(c).is_whitespace() && !(0xd800..0xe000).contains(&c)
}

fn is_cased(c: char) -> bool {
    c.is_uppercase() || c.is_lowercase() || is_titlecase(c)
}

fn is_titlecase(c: char) -> bool {
    matches!(c as u32, 0x1c5 | 0x1c8 | 0x1cb | 0x1f2 | 0x1f88..=0x1f8f | 0x1f98..=0x1f9f | 0x1fa8..=0x1faf | 0x1fbc | 0x1fcc | 0x1ffc)
}

fn to_upper(c: u32, out: &mut Vec<u32>) {
    out.extend(ch(c).to_uppercase().map(|x| x as u32));
}

fn to_lower(c: u32, out: &mut Vec<u32>) {
    out.extend(ch(c).to_lowercase().map(|x| x as u32));
}

/// Title case of one character (the titlecase mappings Rust lacks).
fn to_title(c: u32, out: &mut Vec<u32>) {
    let t = match c {
        0x1c4..=0x1c6 => Some(0x1c5),
        0x1c7..=0x1c9 => Some(0x1c8),
        0x1ca..=0x1cc => Some(0x1cb),
        0x1f1..=0x1f3 => Some(0x1f2),
        0xdf => {
            out.extend_from_slice(&[0x53, 0x73]);
            return;
        }
        _ => None,
    };
    match t {
        Some(t) => out.push(t),
        None => {
            let up: Vec<u32> = ch(c).to_uppercase().map(|x| x as u32).collect();
            if up.len() > 1 {
                // First letter upper, the rest lower (ﬁ → Fi).
                out.push(up[0]);
                for &u in &up[1..] {
                    to_lower(u, out);
                }
            } else {
                out.extend(up);
            }
        }
    }
}

/// Normalize `start`/`end` arguments as slices do.
fn span(vm: &mut Vm, a: &Args, first: usize, len: usize) -> PyResult<(usize, usize)> {
    let conv = |vm: &mut Vm, v: Option<&Value>, default: i64| -> PyResult<i64> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let b = crate::builtins::index_big(vm, v).map_err(|_| {
                    vm.type_error("slice indices must be integers or None or have an __index__ method")
                })?;
                use num_traits::{Signed, ToPrimitive};
                Ok(b.to_i64().unwrap_or(if b.is_negative() { i64::MIN / 2 } else { i64::MAX / 2 }))
            }
        }
    };
    let n = len as i64;
    let s = conv(vm, a.pos.get(first + 1), 0)?;
    let e = conv(vm, a.pos.get(first + 2), n)?;
    let fix = |x: i64| if x < 0 { (x + n).max(0) } else { x.min(n) };
    let (s, e) = (fix(s), fix(e));
    Ok((s as usize, e as usize))
}

fn find_in(hay: &[u32], needle: &[u32], start: usize, end: usize) -> Option<usize> {
    if start > end || end > hay.len() {
        return if needle.is_empty() && start <= hay.len() && start <= end { Some(start) } else { None };
    }
    if needle.is_empty() {
        return Some(start);
    }
    if end - start < needle.len() {
        return None;
    }
    (start..=end - needle.len()).find(|&i| hay[i..i + needle.len()] == *needle)
}

fn rfind_in(hay: &[u32], needle: &[u32], start: usize, end: usize) -> Option<usize> {
    if start > end || end > hay.len() {
        return None;
    }
    if needle.is_empty() {
        return Some(end);
    }
    if end - start < needle.len() {
        return None;
    }
    (start..=end - needle.len()).rev().find(|&i| hay[i..i + needle.len()] == *needle)
}

// ---- case ---------------------------------------------------------------------

fn upper(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "upper")?;
    let mut o = Vec::with_capacity(s.len());
    for c in s {
        to_upper(c, &mut o);
    }
    Ok(out(vm, o))
}

/// Capital sigma lowercases to final sigma at the end of a word (Unicode's
/// Final_Sigma condition: a cased letter before, none after).
fn lower_at(s: &[u32], i: usize, o: &mut Vec<u32>) {
    if s[i] == 0x3a3 {
        let before = s[..i].iter().rev().find(|&&c| !is_case_ignorable(c)).is_some_and(|&c| is_cased(ch(c)));
        let after = s[i + 1..].iter().find(|&&c| !is_case_ignorable(c)).is_some_and(|&c| is_cased(ch(c)));
        if before && !after {
            o.push(0x3c2);
            return;
        }
    }
    to_lower(s[i], o);
}

fn is_case_ignorable(c: u32) -> bool {
    matches!(c, 0x27 | 0x2e | 0x3a | 0x5e | 0x60 | 0xa8 | 0xad | 0xaf | 0xb4 | 0xb7 | 0xb8 | 0x2019)
}

fn lower(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "lower")?;
    let mut o = Vec::with_capacity(s.len());
    for i in 0..s.len() {
        lower_at(&s, i, &mut o);
    }
    Ok(out(vm, o))
}

fn casefold(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "casefold")?;
    let mut o = Vec::with_capacity(s.len());
    for c in s {
        // Full case folding where it differs from lowercasing.
        let fold: &[u32] = match c {
            0xdf | 0x1e9e => &[0x73, 0x73],
            0xfb00 => &[0x66, 0x66],
            0xfb01 => &[0x66, 0x69],
            0xfb02 => &[0x66, 0x6c],
            0xfb03 => &[0x66, 0x66, 0x69],
            0xfb04 => &[0x66, 0x66, 0x6c],
            0xfb05 | 0xfb06 => &[0x73, 0x74],
            0x3c2 => &[0x3c3],
            0x17f => &[0x73],
            _ => &[],
        };
        if fold.is_empty() {
            to_lower(c, &mut o);
        } else {
            o.extend_from_slice(fold);
        }
    }
    Ok(out(vm, o))
}

fn capitalize(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "capitalize")?;
    let mut o = Vec::with_capacity(s.len());
    for i in 0..s.len() {
        if i == 0 {
            to_title(s[i], &mut o);
        } else {
            lower_at(&s, i, &mut o);
        }
    }
    Ok(out(vm, o))
}

fn swapcase(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "swapcase")?;
    let mut o = Vec::with_capacity(s.len());
    for (i, &c) in s.iter().enumerate() {
        let x = ch(c);
        if x.is_uppercase() {
            lower_at(&s, i, &mut o);
        } else if x.is_lowercase() {
            to_upper(c, &mut o);
        } else {
            o.push(c);
        }
    }
    Ok(out(vm, o))
}

fn title(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "title")?;
    let mut o = Vec::with_capacity(s.len());
    let mut prev_cased = false;
    for i in 0..s.len() {
        let x = ch(s[i]);
        if prev_cased {
            lower_at(&s, i, &mut o);
        } else {
            to_title(s[i], &mut o);
        }
        prev_cased = is_cased(x);
    }
    Ok(out(vm, o))
}

// ---- predicates ---------------------------------------------------------------

fn pred(vm: &mut Vm, a: &Args, name: &str, f: fn(u32) -> bool) -> PyResult<Value> {
    let s = this(vm, a, name)?;
    Ok(Value::Bool(!s.is_empty() && s.iter().all(|&c| f(c))))
}

fn is_decimal(c: u32) -> bool {
    let x = ch(c);
    x.is_ascii_digit() || (c > 0x7f && x.is_numeric() && crate::objects::str_methods::decimal_value(c).is_some())
}

/// The value of a Unicode decimal digit (category Nd): they come in runs of
/// ten from a code point ending in 0 (or 6 for a few scripts).
pub fn decimal_value(c: u32) -> Option<u32> {
    if (0x30..=0x39).contains(&c) {
        return Some(c - 0x30);
    }
    const ZEROS: &[u32] = &[
        0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090,
        0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50,
        0xabf0, 0xff10, 0x104a0, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0,
        0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e950, 0x1fbf0,
    ];
    ZEROS.iter().find(|&&z| c >= z && c < z + 10).map(|&z| c - z)
}

fn is_digit(c: u32) -> bool {
    is_decimal(c) || matches!(c, 0xb2 | 0xb3 | 0xb9 | 0x2070 | 0x2074..=0x2079 | 0x2080..=0x2089 | 0x2460..=0x2468 | 0x2474..=0x247c | 0x2488..=0x2490 | 0x24ea | 0x24f5..=0x24fd | 0x24ff | 0x2776..=0x277e | 0x2780..=0x2788 | 0x278a..=0x2792 | 0x1369..=0x1371)
}

fn isalnum(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred(vm, a, "isalnum", |c| ch(c).is_alphanumeric())
}
fn isalpha(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred(vm, a, "isalpha", |c| ch(c).is_alphabetic() && !(0x2160..=0x2188).contains(&c) && !ch(c).is_numeric())
}
fn isascii(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "isascii")?;
    Ok(Value::Bool(s.iter().all(|&c| c < 128)))
}
fn isdecimal(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred(vm, a, "isdecimal", is_decimal)
}
fn isdigit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred(vm, a, "isdigit", is_digit)
}
fn isnumeric(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred(vm, a, "isnumeric", |c| ch(c).is_numeric())
}
fn isspace(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred(vm, a, "isspace", py_isspace)
}
fn isprintable(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "isprintable")?;
    Ok(Value::Bool(s.iter().all(|&c| c == ' ' as u32 || crate::objects::str::is_printable(ch(c)) && !(0xd800..0xe000).contains(&c))))
}
fn isidentifier(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "isidentifier")?;
    let ok = !s.is_empty()
        && s.iter().enumerate().all(|(i, &c)| {
            let x = ch(c);
            if i == 0 {
                x == '_' || unicode_ident::is_xid_start(x)
            } else {
                unicode_ident::is_xid_continue(x)
            }
        });
    Ok(Value::Bool(ok))
}
fn islower(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "islower")?;
    let cased = s.iter().any(|&c| is_cased(ch(c)));
    Ok(Value::Bool(cased && !s.iter().any(|&c| ch(c).is_uppercase() || is_titlecase(ch(c)))))
}
fn isupper(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "isupper")?;
    let cased = s.iter().any(|&c| is_cased(ch(c)));
    Ok(Value::Bool(cased && !s.iter().any(|&c| ch(c).is_lowercase() || is_titlecase(ch(c)))))
}
fn istitle(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "istitle")?;
    let mut prev_cased = false;
    let mut any = false;
    for &c in &s {
        let x = ch(c);
        if x.is_uppercase() || is_titlecase(x) {
            if prev_cased {
                return Ok(Value::Bool(false));
            }
            prev_cased = true;
            any = true;
        } else if x.is_lowercase() {
            if !prev_cased {
                return Ok(Value::Bool(false));
            }
            prev_cased = true;
            any = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(Value::Bool(any))
}

// ---- searching ------------------------------------------------------------------

fn find_common(vm: &mut Vm, a: &Args, name: &str, rev: bool) -> PyResult<Option<usize>> {
    check_kw(vm, a, name, &[])?;
    let s = this(vm, a, name)?;
    let Some(subv) = a.pos.get(1) else {
        return Err(vm.type_error(format!("{name}() takes at least 1 argument (0 given)")));
    };
    max_args(vm, a, name, 3)?;
    let sub = match subv.as_str() {
        Some(x) => x.code_points(),
        None => return Err(vm.type_error(format!("must be str, not {}", vm.type_name(subv)))),
    };
    let (st, en) = span(vm, a, 1, s.len())?;
    // A start beyond the end finds nothing, even the empty string.
    if let Some(v) = a.pos.get(2) {
        if let Some(raw) = crate::vm::ops::as_i64(v) {
            if raw > s.len() as i64 {
                return Ok(None);
            }
        }
    }
    if st > s.len() {
        return Ok(None);
    }
    Ok(if rev { rfind_in(&s, &sub, st, en) } else { find_in(&s, &sub, st, en) })
}

fn find(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Int(find_common(vm, a, "find", false)?.map(|i| i as i64).unwrap_or(-1)))
}
fn rfind(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Int(find_common(vm, a, "rfind", true)?.map(|i| i as i64).unwrap_or(-1)))
}
fn index(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    match find_common(vm, a, "index", false)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(vm.value_error("substring not found")),
    }
}
fn rindex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    match find_common(vm, a, "rindex", true)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(vm.value_error("substring not found")),
    }
}

fn count(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_kw(vm, a, "count", &[])?;
    let s = this(vm, a, "count")?;
    let Some(subv) = a.pos.get(1) else {
        return Err(vm.type_error("count() takes at least 1 argument (0 given)"));
    };
    let sub = match subv.as_str() {
        Some(x) => x.code_points(),
        None => return Err(vm.type_error(format!("must be str, not {}", vm.type_name(subv)))),
    };
    let (st, en) = span(vm, a, 1, s.len())?;
    if st > en || st > s.len() {
        return Ok(Value::Int(0));
    }
    if sub.is_empty() {
        return Ok(Value::Int((en - st + 1) as i64));
    }
    let mut n = 0;
    let mut i = st;
    while i + sub.len() <= en {
        if s[i..i + sub.len()] == sub[..] {
            n += 1;
            i += sub.len();
        } else {
            i += 1;
        }
    }
    Ok(Value::Int(n))
}

fn affix(vm: &mut Vm, a: &Args, name: &str, end: bool) -> PyResult<Value> {
    check_kw(vm, a, name, &[])?;
    let s = this(vm, a, name)?;
    let Some(p) = a.pos.get(1).cloned() else {
        return Err(vm.type_error(format!("{name}() takes at least 1 argument (0 given)")));
    };
    let (st, en) = span(vm, a, 1, s.len())?;
    let candidates: Vec<Value> = match p.payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => vec![p.clone()],
    };
    for c in candidates {
        let Some(x) = c.as_str() else {
            let what = if matches!(p.payload(), Some(Payload::Tuple(_))) {
                format!("tuple for {name} must only contain str, not {}", vm.type_name(&c))
            } else {
                format!("{name} first arg must be str or a tuple of str, not {}", vm.type_name(&c))
            };
            return Err(vm.type_error(what));
        };
        let x = x.code_points();
        if st > s.len() || st > en {
            continue;
        }
        let hay = &s[st..en];
        let hit = if end { hay.ends_with(&x) } else { hay.starts_with(&x) };
        if hit {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn startswith(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    affix(vm, a, "startswith", false)
}
fn endswith(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    affix(vm, a, "endswith", true)
}

fn removeprefix(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "removeprefix")?;
    let Some(p) = a.pos.get(1) else { return Err(vm.type_error("removeprefix() takes exactly one argument (0 given)")) };
    let p = str_arg(vm, p, "removeprefix() argument")?;
    Ok(out(vm, if s.starts_with(&p) { s[p.len()..].to_vec() } else { s }))
}

fn removesuffix(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "removesuffix")?;
    let Some(p) = a.pos.get(1) else { return Err(vm.type_error("removesuffix() takes exactly one argument (0 given)")) };
    let p = str_arg(vm, p, "removesuffix() argument")?;
    Ok(out(vm, if !p.is_empty() && s.ends_with(&p) { s[..s.len() - p.len()].to_vec() } else { s }))
}

// ---- padding and stripping ---------------------------------------------------------

fn fill_arg(vm: &mut Vm, a: &Args, name: &str) -> PyResult<(usize, u32)> {
    check_kw(vm, a, name, &[])?;
    let Some(w) = a.pos.get(1) else {
        return Err(vm.type_error(format!("{name}() takes at least 1 argument (0 given)")));
    };
    max_args(vm, a, name, 2)?;
    let w = crate::builtins::index_i64(vm, w)?;
    if w > 1 << 40 {
        return Err(vm.memory_error());
    }
    let f = match a.pos.get(2) {
        None => ' ' as u32,
        Some(v) => match v.as_str() {
            Some(s) if s.len() == 1 => s.at(0),
            Some(_) => return Err(vm.type_error("The fill character must be exactly one character long")),
            None => return Err(vm.type_error(format!("{name}() argument 2 must be str, not {}", vm.type_name(v)))),
        },
    };
    Ok((w.max(0) as usize, f))
}

fn ljust(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (w, f) = fill_arg(vm, a, "ljust")?;
    let mut s = this(vm, a, "ljust")?;
    while s.len() < w {
        s.push(f);
    }
    Ok(out(vm, s))
}

fn rjust(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (w, f) = fill_arg(vm, a, "rjust")?;
    let s = this(vm, a, "rjust")?;
    if s.len() >= w {
        return Ok(out(vm, s));
    }
    let mut o = vec![f; w - s.len()];
    o.extend(s);
    Ok(out(vm, o))
}

fn center(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (w, f) = fill_arg(vm, a, "center")?;
    let s = this(vm, a, "center")?;
    if s.len() >= w {
        return Ok(out(vm, s));
    }
    let marg = w - s.len();
    let left = marg / 2 + (marg & w & 1);
    let mut o = vec![f; left];
    o.extend(s);
    o.extend(std::iter::repeat_n(f, marg - left));
    Ok(out(vm, o))
}

fn zfill(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(w) = a.pos.get(1) else { return Err(vm.type_error("zfill() takes exactly one argument (0 given)")) };
    let w = crate::builtins::index_i64(vm, w)?;
    if w > 1 << 40 {
        return Err(vm.memory_error());
    }
    let w = w.max(0) as usize;
    let s = this(vm, a, "zfill")?;
    if s.len() >= w {
        return Ok(out(vm, s));
    }
    let fill = w - s.len();
    let mut o = Vec::with_capacity(w);
    let signed = matches!(s.first(), Some(&c) if c == '+' as u32 || c == '-' as u32);
    if signed {
        o.push(s[0]);
    }
    o.extend(std::iter::repeat_n('0' as u32, fill));
    o.extend_from_slice(if signed { &s[1..] } else { &s[..] });
    Ok(out(vm, o))
}

fn strip_common(vm: &mut Vm, a: &Args, name: &str, left: bool, right: bool) -> PyResult<Value> {
    check_kw(vm, a, name, &[])?;
    max_args(vm, a, name, 1)?;
    let s = this(vm, a, name)?;
    let chars: Option<Vec<u32>> = match a.pos.get(1) {
        None | Some(Value::None) => None,
        Some(v) => match v.as_str() {
            Some(x) => Some(x.code_points()),
            None => return Err(vm.type_error(format!("{name} arg must be None or str"))),
        },
    };
    let strip = |c: u32| match &chars {
        None => py_isspace(c),
        Some(set) => set.contains(&c),
    };
    let mut st = 0;
    let mut en = s.len();
    if left {
        while st < en && strip(s[st]) {
            st += 1;
        }
    }
    if right {
        while en > st && strip(s[en - 1]) {
            en -= 1;
        }
    }
    Ok(out(vm, s[st..en].to_vec()))
}

fn strip(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    strip_common(vm, a, "strip", true, true)
}
fn lstrip(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    strip_common(vm, a, "lstrip", true, false)
}
fn rstrip(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    strip_common(vm, a, "rstrip", false, true)
}

fn expandtabs(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_kw(vm, a, "expandtabs", &["tabsize"])?;
    let s = this(vm, a, "expandtabs")?;
    let tab = match arg(a, 0, "tabsize") {
        Some(v) => crate::builtins::index_i64(vm, v)?,
        None => 8,
    };
    if tab > i32::MAX as i64 || tab < i32::MIN as i64 {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    let mut o = Vec::with_capacity(s.len());
    let mut col: i64 = 0;
    for c in s {
        if c == '\t' as u32 {
            if tab > 0 {
                let n = tab - col % tab;
                o.extend(std::iter::repeat_n(' ' as u32, n as usize));
                col += n;
            }
        } else {
            o.push(c);
            col += 1;
            if c == '\n' as u32 || c == '\r' as u32 {
                col = 0;
            }
        }
    }
    Ok(out(vm, o))
}

// ---- splitting ---------------------------------------------------------------------

fn sep_and_max(vm: &mut Vm, a: &Args, name: &str) -> PyResult<(Option<Vec<u32>>, i64)> {
    check_kw(vm, a, name, &["sep", "maxsplit"])?;
    max_args(vm, a, name, 2)?;
    let sep = match arg(a, 0, "sep") {
        None | Some(Value::None) => None,
        Some(v) => match v.as_str() {
            Some(x) => {
                if x.is_empty() {
                    return Err(vm.value_error("empty separator"));
                }
                Some(x.code_points())
            }
            None => return Err(vm.type_error(format!("must be str or None, not {}", vm.type_name(v)))),
        },
    };
    let max = match arg(a, 1, "maxsplit") {
        Some(v) => crate::builtins::index_i64(vm, v)?,
        None => -1,
    };
    Ok((sep, max))
}

fn split(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "split")?;
    let (sep, max) = sep_and_max(vm, a, "split")?;
    let mut parts: Vec<Vec<u32>> = Vec::new();
    let mut left = if max < 0 { usize::MAX } else { max as usize };
    match sep {
        None => {
            let mut i = 0;
            let n = s.len();
            loop {
                while i < n && py_isspace(s[i]) {
                    i += 1;
                }
                if i >= n {
                    break;
                }
                if left == 0 {
                    // The remainder keeps its trailing whitespace.
                    parts.push(s[i..].to_vec());
                    break;
                }
                let st = i;
                while i < n && !py_isspace(s[i]) {
                    i += 1;
                }
                parts.push(s[st..i].to_vec());
                left -= 1;
            }
        }
        Some(sep) => {
            let mut st = 0;
            let mut i = 0;
            while left > 0 && i + sep.len() <= s.len() {
                if s[i..i + sep.len()] == sep[..] {
                    parts.push(s[st..i].to_vec());
                    i += sep.len();
                    st = i;
                    left -= 1;
                } else {
                    i += 1;
                }
            }
            parts.push(s[st..].to_vec());
        }
    }
    let items = parts.into_iter().map(|p| out(vm, p)).collect();
    Ok(vm.new_list(items))
}

fn rsplit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "rsplit")?;
    let (sep, max) = sep_and_max(vm, a, "rsplit")?;
    let mut parts: Vec<Vec<u32>> = Vec::new();
    let mut left = if max < 0 { usize::MAX } else { max as usize };
    match sep {
        None => {
            let mut i = s.len();
            loop {
                while i > 0 && py_isspace(s[i - 1]) {
                    i -= 1;
                }
                if i == 0 {
                    break;
                }
                if left == 0 {
                    // The remainder keeps its leading whitespace.
                    parts.push(s[..i].to_vec());
                    break;
                }
                let en = i;
                while i > 0 && !py_isspace(s[i - 1]) {
                    i -= 1;
                }
                parts.push(s[i..en].to_vec());
                left -= 1;
            }
        }
        Some(sep) => {
            let mut en = s.len();
            let mut i = s.len();
            while left > 0 && i >= sep.len() {
                if s[i - sep.len()..i] == sep[..] {
                    parts.push(s[i..en].to_vec());
                    i -= sep.len();
                    en = i;
                    left -= 1;
                } else {
                    i -= 1;
                }
            }
            parts.push(s[..en].to_vec());
        }
    }
    parts.reverse();
    let items = parts.into_iter().map(|p| out(vm, p)).collect();
    Ok(vm.new_list(items))
}

fn is_line_break(c: u32) -> bool {
    matches!(c, 0x0a | 0x0b | 0x0c | 0x0d | 0x1c | 0x1d | 0x1e | 0x85 | 0x2028 | 0x2029)
}

fn splitlines(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_kw(vm, a, "splitlines", &["keepends"])?;
    let s = this(vm, a, "splitlines")?;
    let keep = match arg(a, 0, "keepends") {
        Some(v) => vm.truthy(&v.clone())?,
        None => false,
    };
    let mut parts = Vec::new();
    let mut i = 0;
    let mut st = 0;
    while i < s.len() {
        if is_line_break(s[i]) {
            let mut eol = i + 1;
            if s[i] == 0x0d && s.get(i + 1) == Some(&0x0a) {
                eol += 1;
            }
            parts.push(s[st..if keep { eol } else { i }].to_vec());
            i = eol;
            st = eol;
        } else {
            i += 1;
        }
    }
    if st < s.len() {
        parts.push(s[st..].to_vec());
    }
    let items = parts.into_iter().map(|p| out(vm, p)).collect();
    Ok(vm.new_list(items))
}

fn partition_common(vm: &mut Vm, a: &Args, name: &str, rev: bool) -> PyResult<Value> {
    let s = this(vm, a, name)?;
    let Some(sv) = a.pos.get(1) else { return Err(vm.type_error(format!("{name}() takes exactly one argument (0 given)"))) };
    let sep = match sv.as_str() {
        Some(x) => x.code_points(),
        None => return Err(vm.type_error(format!("must be str, not {}", vm.type_name(sv)))),
    };
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let pos = if rev { rfind_in(&s, &sep, 0, s.len()) } else { find_in(&s, &sep, 0, s.len()) };
    let parts = match pos {
        Some(p) => vec![s[..p].to_vec(), sep.clone(), s[p + sep.len()..].to_vec()],
        None if rev => vec![vec![], vec![], s],
        None => vec![s, vec![], vec![]],
    };
    let items = parts.into_iter().map(|p| out(vm, p)).collect();
    Ok(vm.new_tuple(items))
}

fn partition(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    partition_common(vm, a, "partition", false)
}
fn rpartition(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    partition_common(vm, a, "rpartition", true)
}

fn replace(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_kw(vm, a, "replace", &[])?;
    let s = this(vm, a, "replace")?;
    if a.pos.len() < 3 {
        return Err(vm.type_error(format!("replace expected at least 2 arguments, got {}", a.pos.len().saturating_sub(1))));
    }
    max_args(vm, a, "replace", 3)?;
    let old = str_arg(vm, &a.pos[1], "replace() argument 1")?;
    let new = str_arg(vm, &a.pos[2], "replace() argument 2")?;
    let max = match a.pos.get(3) {
        Some(v) => crate::builtins::index_i64(vm, v)?,
        None => -1,
    };
    let mut left = if max < 0 { usize::MAX } else { max as usize };
    let mut o = Vec::with_capacity(s.len());
    if old.is_empty() {
        for (i, &c) in s.iter().enumerate() {
            if left > 0 {
                o.extend_from_slice(&new);
                left -= 1;
            }
            o.push(c);
            let _ = i;
        }
        if left > 0 {
            o.extend_from_slice(&new);
        }
        return Ok(out(vm, o));
    }
    let mut i = 0;
    while i < s.len() {
        if left > 0 && i + old.len() <= s.len() && s[i..i + old.len()] == old[..] {
            o.extend_from_slice(&new);
            i += old.len();
            left -= 1;
        } else {
            o.push(s[i]);
            i += 1;
        }
    }
    Ok(out(vm, o))
}

// ---- encode / translate ------------------------------------------------------------

fn encode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_kw(vm, a, "encode", &["encoding", "errors"])?;
    let Some(s) = a.pos.first().and_then(|v| v.as_str()).map(|s| s.substring(0, s.len())) else {
        return Err(vm.type_error("descriptor 'encode' requires a 'str' object"));
    };
    let enc = match arg(a, 0, "encoding") {
        Some(v) => str_arg(vm, v, "encode() argument 'encoding'").map(|c| c.into_iter().map(ch).collect::<String>())?,
        None => "utf-8".into(),
    };
    let errors = match arg(a, 1, "errors") {
        Some(v) => str_arg(vm, v, "encode() argument 'errors'").map(|c| c.into_iter().map(ch).collect::<String>())?,
        None => "strict".into(),
    };
    let Some(codec) = crate::objects::codecs::lookup(&enc) else {
        return Err(crate::objects::codecs::unknown_encoding(vm, &enc));
    };
    let bytes = crate::objects::codecs::encode(vm, &s, codec, &errors)?;
    Ok(vm.new_object(&vm.types.bytes.clone(), Payload::Bytes(bytes.into_boxed_slice()), false))
}

fn translate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "translate")?;
    let Some(table) = a.pos.get(1).cloned() else {
        return Err(vm.type_error("translate() takes exactly one argument (0 given)"));
    };
    let mut o = Vec::with_capacity(s.len());
    for c in s {
        match vm.getitem(&table, &Value::Int(c as i64)) {
            Ok(Value::None) => {}
            Ok(v) => match v.as_str() {
                Some(x) => o.extend(x.iter()),
                None => match crate::vm::ops::as_i64(&v) {
                    Some(n) if (0..=0x10ffff).contains(&n) => o.push(n as u32),
                    Some(_) => return Err(vm.value_error("character mapping must be in range(0x110000)")),
                    None => return Err(vm.type_error("character mapping must return integer, None or str")),
                },
            },
            Err(e) if vm.isinstance(&e.0, &vm.types.exc.lookup_error.clone()) => o.push(c),
            Err(e) => return Err(e),
        }
    }
    Ok(out(vm, o))
}

fn maketrans(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let d = vm.new_dict(crate::objects::dict::Dict::new());
    match a.pos.len() {
        1 => {
            let Some(Payload::Dict(src)) = a.pos[0].payload() else {
                return Err(vm.type_error("if you give only one argument to maketrans it must be a dict"));
            };
            for (k, v) in src.borrow().items() {
                let key = match k.as_str() {
                    Some(s) if s.len() == 1 => Value::Int(s.at(0) as i64),
                    Some(_) => return Err(vm.value_error("string keys in translate table must be of length 1")),
                    None if crate::vm::ops::as_i64(&k).is_some() => k.clone(),
                    None => return Err(vm.type_error("keys in translate table must be strings or integers")),
                };
                vm.setitem(&d, key, v)?;
            }
        }
        2 | 3 => {
            let x = str_arg(vm, &a.pos[0], "maketrans() argument 1")?;
            let y = str_arg(vm, &a.pos[1], "maketrans() argument 2")?;
            if x.len() != y.len() {
                return Err(vm.value_error("the first two maketrans arguments must have equal length"));
            }
            for (p, q) in x.iter().zip(y.iter()) {
                vm.setitem(&d, Value::Int(*p as i64), Value::Int(*q as i64))?;
            }
            if let Some(z) = a.pos.get(2) {
                for c in str_arg(vm, z, "maketrans() argument 3")? {
                    vm.setitem(&d, Value::Int(c as i64), Value::None)?;
                }
            }
        }
        n => return Err(vm.type_error(format!("maketrans() takes at most 3 arguments ({n} given)"))),
    }
    Ok(d)
}

// ---- str.format ------------------------------------------------------------------

fn format(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "format")?;
    let pos: Vec<Value> = a.pos[1..].to_vec();
    let mut kw: HashMap<String, Value> = HashMap::new();
    for (k, v) in &a.kw {
        kw.insert(k.as_str().map(|s| s.to_string_lossy()).unwrap_or_default(), v.clone());
    }
    let mut auto = AutoNumber::Unset;
    let r = vformat(vm, &s, &pos, &Lookup::Kw(&kw), &mut auto, 2)?;
    Ok(out(vm, r))
}

fn format_map(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, "format_map")?;
    let Some(m) = a.pos.get(1).cloned() else {
        return Err(vm.type_error("format_map() takes exactly one argument (0 given)"));
    };
    let mut auto = AutoNumber::Unset;
    let r = vformat(vm, &s, &[], &Lookup::Map(m), &mut auto, 2)?;
    Ok(out(vm, r))
}

enum Lookup<'a> {
    Kw(&'a HashMap<String, Value>),
    Map(Value),
}

#[derive(PartialEq, Eq)]
enum AutoNumber {
    Unset,
    Auto(usize),
    Manual,
}

fn to_string(cps: &[u32]) -> String {
    cps.iter().map(|&c| ch(c)).collect()
}

fn vformat(vm: &mut Vm, s: &[u32], pos: &[Value], kw: &Lookup, auto: &mut AutoNumber, depth: u32) -> PyResult<Vec<u32>> {
    let mut o = Vec::with_capacity(s.len());
    let mut i = 0;
    let n = s.len();
    while i < n {
        let c = s[i];
        if c == '{' as u32 {
            if s.get(i + 1) == Some(&('{' as u32)) {
                o.push(c);
                i += 2;
                continue;
            }
            // Find the matching '}' (format specs may nest one level).
            let mut j = i + 1;
            let mut level = 1;
            while j < n {
                if s[j] == '{' as u32 {
                    level += 1;
                } else if s[j] == '}' as u32 {
                    level -= 1;
                    if level == 0 {
                        break;
                    }
                }
                j += 1;
            }
            if j >= n {
                if i + 1 == n {
                    return Err(vm.value_error("Single '{' encountered in format string"));
                }
                return Err(vm.value_error(if level > 1 { "unmatched '{' in format spec" } else { "expected '}' before end of string" }));
            }
            if depth == 0 {
                return Err(vm.value_error("Max string recursion exceeded"));
            }
            let field = &s[i + 1..j];
            let text = format_field(vm, field, pos, kw, auto, depth)?;
            o.extend(text);
            i = j + 1;
        } else if c == '}' as u32 {
            if s.get(i + 1) == Some(&('}' as u32)) {
                o.push(c);
                i += 2;
                continue;
            }
            return Err(vm.value_error("Single '}' encountered in format string"));
        } else {
            o.push(c);
            i += 1;
        }
    }
    Ok(o)
}

fn format_field(vm: &mut Vm, field: &[u32], pos: &[Value], kw: &Lookup, auto: &mut AutoNumber, depth: u32) -> PyResult<Vec<u32>> {
    // field_name [! conversion] [: spec] — the name ends at the first '!'
    // or ':' outside brackets.
    let mut k = 0;
    let mut in_bracket = false;
    while k < field.len() {
        let c = field[k];
        if c == '[' as u32 {
            in_bracket = true;
        } else if c == ']' as u32 {
            in_bracket = false;
        } else if !in_bracket && (c == '!' as u32 || c == ':' as u32) {
            break;
        }
        k += 1;
    }
    let name = &field[..k];
    let mut conversion: Option<u32> = None;
    let mut spec: &[u32] = &[];
    if k < field.len() && field[k] == '!' as u32 {
        if k + 1 >= field.len() {
            return Err(vm.value_error("end of string while looking for conversion specifier"));
        }
        conversion = Some(field[k + 1]);
        k += 2;
        if k < field.len() {
            if field[k] != ':' as u32 {
                return Err(vm.value_error("expected ':' after conversion specifier"));
            }
            spec = &field[k + 1..];
        }
    } else if k < field.len() {
        spec = &field[k + 1..];
    }
    // The first part: an index, a name, or empty (automatic numbering).
    let mut p = 0;
    while p < name.len() && name[p] != '.' as u32 && name[p] != '[' as u32 {
        p += 1;
    }
    let first = &name[..p];
    let mut value = if first.is_empty() {
        let idx = match auto {
            AutoNumber::Manual => return Err(vm.value_error("cannot switch from manual field specification to automatic field numbering")),
            AutoNumber::Unset => 0,
            AutoNumber::Auto(n) => *n,
        };
        *auto = AutoNumber::Auto(idx + 1);
        match pos.get(idx) {
            Some(v) => v.clone(),
            None => return Err(vm.index_error(format!("Replacement index {idx} out of range for positional args tuple"))),
        }
    } else if first.iter().all(|&c| c < 128 && (c as u8).is_ascii_digit()) {
        if let AutoNumber::Auto(_) = auto {
            return Err(vm.value_error("cannot switch from automatic field numbering to manual field specification"));
        }
        *auto = AutoNumber::Manual;
        let idx: usize = to_string(first).parse().unwrap_or(usize::MAX);
        match pos.get(idx) {
            Some(v) => v.clone(),
            None => return Err(vm.index_error(format!("Replacement index {idx} out of range for positional args tuple"))),
        }
    } else {
        let key = to_string(first);
        match kw {
            Lookup::Kw(m) => match m.get(&key) {
                Some(v) => v.clone(),
                None => return Err(vm.key_error(vm.new_str(&key))),
            },
            Lookup::Map(m) => {
                let k = vm.new_str(&key);
                vm.getitem(m, &k)?
            }
        }
    };
    // .attr and [index] parts.
    let mut q = p;
    while q < name.len() {
        if name[q] == '.' as u32 {
            let st = q + 1;
            q = st;
            while q < name.len() && name[q] != '.' as u32 && name[q] != '[' as u32 {
                q += 1;
            }
            if st == q {
                return Err(vm.value_error("Empty attribute in format string"));
            }
            let attr = str_key(&to_string(&name[st..q]));
            value = vm.getattr(&value, &attr)?;
        } else if name[q] == '[' as u32 {
            let st = q + 1;
            q = st;
            while q < name.len() && name[q] != ']' as u32 {
                q += 1;
            }
            if q >= name.len() {
                return Err(vm.value_error("Missing ']' in format string"));
            }
            let key_s = &name[st..q];
            if key_s.is_empty() {
                return Err(vm.value_error("Empty attribute in format string"));
            }
            let key = if key_s.iter().all(|&c| c < 128 && (c as u8).is_ascii_digit()) {
                Value::Int(to_string(key_s).parse().unwrap_or(i64::MAX))
            } else {
                vm.new_str(&to_string(key_s))
            };
            value = vm.getitem(&value, &key)?;
            q += 1;
            if q < name.len() && name[q] != '.' as u32 && name[q] != '[' as u32 {
                return Err(vm.value_error("Only '.' or '[' may follow ']' in format field specifier"));
            }
        } else {
            return Err(vm.value_error("Only '.' or '[' may follow ']' in format field specifier"));
        }
    }
    let value = match conversion {
        None => value,
        Some(c) if c == 'r' as u32 => {
            let r = vm.repr(&value)?;
            vm.new_pystr(r)
        }
        Some(c) if c == 's' as u32 => vm.str(&value)?,
        Some(c) if c == 'a' as u32 => {
            let r = vm.ascii(&value)?;
            vm.new_str(&r)
        }
        Some(c) => return Err(vm.value_error(format!("Unknown conversion specifier {}", ch(c)))),
    };
    // The spec may itself hold replacement fields.
    let spec = vformat(vm, spec, pos, kw, auto, depth - 1)?;
    let spec_v = out(vm, spec);
    let r = vm.format(&value, &spec_v)?;
    Ok(r.as_str().map(|s| s.code_points()).unwrap_or_default())
}
