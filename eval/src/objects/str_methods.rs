//! The methods of `str` (CPython 3.11 semantics and messages), and the
//! algorithms on code-unit slices that `str` (code points) and
//! `bytes`/`bytearray` (bytes) share: search, split, replace, strip, pad.

use std::borrow::Cow;
use std::cmp::Ordering;

use num_traits::{Signed, ToPrimitive};

use crate::objects::codecs;
use crate::objects::str::{PyStr, StrData};
use crate::objects::unicode_tables as ut;
use crate::types::{add_method, add_native};
use crate::value::{Payload, Value};
use crate::vm::{ops, Args, Vm};
use crate::PyResult;

pub fn install(vm: &mut Vm) {
    let s = vm.types.str_.clone();
    let methods: &[(&'static str, crate::value::NativeFn)] = &[
        ("capitalize", str_capitalize),
        ("casefold", str_casefold),
        ("center", str_center),
        ("count", str_count),
        ("encode", str_encode),
        ("endswith", str_endswith),
        ("expandtabs", str_expandtabs),
        ("find", str_find),
        ("format", str_format),
        ("format_map", str_format_map),
        ("index", str_index),
        ("isalnum", str_isalnum),
        ("isalpha", str_isalpha),
        ("isascii", str_isascii),
        ("isdecimal", str_isdecimal),
        ("isdigit", str_isdigit),
        ("isidentifier", str_isidentifier),
        ("islower", str_islower),
        ("isnumeric", str_isnumeric),
        ("isprintable", str_isprintable),
        ("isspace", str_isspace),
        ("istitle", str_istitle),
        ("isupper", str_isupper),
        ("join", str_join),
        ("ljust", str_ljust),
        ("lower", str_lower),
        ("lstrip", str_lstrip),
        ("partition", str_partition),
        ("removeprefix", str_removeprefix),
        ("removesuffix", str_removesuffix),
        ("replace", str_replace),
        ("rfind", str_rfind),
        ("rindex", str_rindex),
        ("rjust", str_rjust),
        ("rpartition", str_rpartition),
        ("rsplit", str_rsplit),
        ("rstrip", str_rstrip),
        ("split", str_split),
        ("splitlines", str_splitlines),
        ("startswith", str_startswith),
        ("strip", str_strip),
        ("swapcase", str_swapcase),
        ("title", str_title),
        ("translate", str_translate),
        ("upper", str_upper),
        ("zfill", str_zfill),
        ("__rmod__", str_rmod),
        ("__getnewargs__", str_getnewargs),
        ("__sizeof__", str_sizeof),
    ];
    for (name, f) in methods {
        add_method(&s, name, *f);
    }
    add_native(&s, "maketrans", str_maketrans, false, false);
}

// ---- Unicode properties (CPython 3.11's database) ------------------------

fn in_table(t: &[(u32, u32)], c: u32) -> bool {
    t.binary_search_by(|&(a, b)| {
        if b < c {
            Ordering::Less
        } else if a > c {
            Ordering::Greater
        } else {
            Ordering::Equal
        }
    })
    .is_ok()
}

fn map_lookup(t: &'static [(u32, &'static [u32])], c: u32) -> Option<&'static [u32]> {
    t.binary_search_by(|&(k, _)| k.cmp(&c)).ok().map(|i| t[i].1)
}

pub fn is_alpha(c: u32) -> bool {
    if c < 128 {
        (c as u8).is_ascii_alphabetic()
    } else {
        in_table(ut::ALPHA, c)
    }
}
pub fn is_decimal(c: u32) -> bool {
    if c < 128 {
        (c as u8).is_ascii_digit()
    } else {
        in_table(ut::DECIMAL, c)
    }
}
/// The value of a Unicode decimal digit (every run of decimal digits in
/// the database starts at a zero and is a multiple of ten long).
pub fn decimal_value(c: u32) -> Option<u32> {
    if c < 128 {
        return (c as u8).is_ascii_digit().then(|| c - 48);
    }
    let t = ut::DECIMAL;
    let i = t.binary_search_by(|&(a, b)| {
        if b < c {
            Ordering::Less
        } else if a > c {
            Ordering::Greater
        } else {
            Ordering::Equal
        }
    });
    i.ok().map(|i| (c - t[i].0) % 10)
}

pub fn is_digit(c: u32) -> bool {
    if c < 128 {
        (c as u8).is_ascii_digit()
    } else {
        in_table(ut::DIGIT, c)
    }
}
pub fn is_numeric(c: u32) -> bool {
    if c < 128 {
        (c as u8).is_ascii_digit()
    } else {
        in_table(ut::NUMERIC, c)
    }
}
pub fn is_space(c: u32) -> bool {
    if c < 128 {
        matches!(c, 0x09..=0x0d | 0x1c..=0x20)
    } else {
        in_table(ut::SPACE, c)
    }
}
pub fn is_printable(c: u32) -> bool {
    if c < 128 {
        (0x20..0x7f).contains(&c)
    } else {
        in_table(ut::PRINTABLE, c)
    }
}
pub fn is_lower(c: u32) -> bool {
    if c < 128 {
        (c as u8).is_ascii_lowercase()
    } else {
        in_table(ut::LOWER, c)
    }
}
pub fn is_upper(c: u32) -> bool {
    if c < 128 {
        (c as u8).is_ascii_uppercase()
    } else {
        in_table(ut::UPPER, c)
    }
}
fn is_title(c: u32) -> bool {
    c >= 128 && in_table(ut::TITLE, c)
}
fn is_cased(c: u32) -> bool {
    is_lower(c) || is_upper(c) || is_title(c)
}
fn is_case_ignorable(c: u32) -> bool {
    in_table(ut::CASE_IGNORABLE, c)
}
pub fn is_alnum(c: u32) -> bool {
    is_alpha(c) || is_decimal(c) || is_digit(c) || is_numeric(c)
}
fn is_xid_start(c: u32) -> bool {
    c == '_' as u32 || in_table(ut::XID_START, c)
}
fn is_xid_continue(c: u32) -> bool {
    in_table(ut::XID_CONTINUE, c)
}

fn push_upper(out: &mut Vec<u32>, c: u32) {
    if c < 128 {
        out.push((c as u8).to_ascii_uppercase() as u32);
        return;
    }
    match map_lookup(ut::UPPER_MAP, c) {
        Some(m) => out.extend_from_slice(m),
        None => out.push(c),
    }
}

fn push_lower_simple(out: &mut Vec<u32>, c: u32) {
    if c < 128 {
        out.push((c as u8).to_ascii_lowercase() as u32);
        return;
    }
    match map_lookup(ut::LOWER_MAP, c) {
        Some(m) => out.extend_from_slice(m),
        None => out.push(c),
    }
}

/// Lowercase of `s[i]`, with the final-sigma rule.
fn push_lower(out: &mut Vec<u32>, s: &[u32], i: usize) {
    let c = s[i];
    if c == 0x3a3 {
        out.push(if final_sigma(s, i) { 0x3c2 } else { 0x3c3 });
    } else {
        push_lower_simple(out, c);
    }
}

fn final_sigma(s: &[u32], i: usize) -> bool {
    let mut j = i;
    let mut before = None;
    while j > 0 {
        j -= 1;
        if !is_case_ignorable(s[j]) {
            before = Some(s[j]);
            break;
        }
    }
    if !before.is_some_and(is_cased) {
        return false;
    }
    for &c in &s[i + 1..] {
        if !is_case_ignorable(c) {
            return !is_cased(c);
        }
    }
    true
}

fn push_title(out: &mut Vec<u32>, c: u32) {
    match map_lookup(ut::TITLE_EX, c) {
        Some(m) => out.extend_from_slice(m),
        None => push_upper(out, c),
    }
}

fn push_fold(out: &mut Vec<u32>, c: u32) {
    match map_lookup(ut::FOLD_EX, c) {
        Some(m) => out.extend_from_slice(m),
        None => push_lower_simple(out, c),
    }
}

// ---- code units ----------------------------------------------------------

/// A code unit: a byte (`bytes`, ASCII `str`) or a code point.
pub trait Unit: Copy + Eq + Ord + 'static {
    fn cp(self) -> u32;
    fn from_cp(c: u32) -> Self;
}
impl Unit for u8 {
    fn cp(self) -> u32 {
        self as u32
    }
    fn from_cp(c: u32) -> Self {
        c as u8
    }
}
impl Unit for u32 {
    fn cp(self) -> u32 {
        self
    }
    fn from_cp(c: u32) -> Self {
        c
    }
}

fn ascii_str(v: &[u8]) -> PyStr {
    match std::str::from_utf8(v) {
        Ok(s) => PyStr::new(s),
        Err(_) => PyStr::from_code_points(v.iter().map(|&c| c as u32).collect()),
    }
}

pub fn cps(s: &PyStr) -> Cow<'_, [u32]> {
    match &s.data {
        StrData::Wide(v) => Cow::Borrowed(v),
        StrData::Ascii(a) => Cow::Owned(a.bytes().map(u32::from).collect()),
    }
}

fn ascii_of(s: &PyStr) -> Option<&[u8]> {
    s.as_ascii().map(|a| a.as_bytes())
}

pub fn find_in<T: Unit>(h: &[T], n: &[T], start: usize, end: usize) -> Option<usize> {
    let end = end.min(h.len());
    if start > end || end - start < n.len() {
        return None;
    }
    if n.is_empty() {
        return Some(start);
    }
    let first = n[0];
    let last = end - n.len();
    let mut i = start;
    while i <= last {
        if h[i] == first && h[i..i + n.len()] == *n {
            return Some(i);
        }
        i += 1;
    }
    None
}

pub fn rfind_in<T: Unit>(h: &[T], n: &[T], start: usize, end: usize) -> Option<usize> {
    let end = end.min(h.len());
    if start > end || end - start < n.len() {
        return None;
    }
    let mut i = end - n.len();
    loop {
        if h[i..i + n.len()] == *n {
            return Some(i);
        }
        if i == start {
            return None;
        }
        i -= 1;
    }
}

pub fn count_in<T: Unit>(h: &[T], n: &[T], start: usize, end: usize, max: usize) -> usize {
    let end = end.min(h.len());
    if start > end || end - start < n.len() {
        return 0;
    }
    if n.is_empty() {
        return (end - start + 1).min(max);
    }
    let mut c = 0;
    let mut i = start;
    while c < max {
        match find_in(h, n, i, end) {
            Some(p) => {
                c += 1;
                i = p + n.len();
            }
            None => break,
        }
    }
    c
}

/// Split on runs of whitespace.
pub fn split_ws<T: Unit, F: Fn(u32) -> bool>(s: &[T], maxsplit: i64, ws: F) -> Vec<(usize, usize)> {
    let n = s.len();
    let mut out = Vec::new();
    let mut left = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    let mut i = 0;
    loop {
        while i < n && ws(s[i].cp()) {
            i += 1;
        }
        if i == n {
            break;
        }
        if left == 0 {
            out.push((i, n));
            break;
        }
        let st = i;
        while i < n && !ws(s[i].cp()) {
            i += 1;
        }
        out.push((st, i));
        left -= 1;
    }
    out
}

pub fn rsplit_ws<T: Unit, F: Fn(u32) -> bool>(s: &[T], maxsplit: i64, ws: F) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut left = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    let mut i = s.len();
    loop {
        while i > 0 && ws(s[i - 1].cp()) {
            i -= 1;
        }
        if i == 0 {
            break;
        }
        if left == 0 {
            out.push((0, i));
            break;
        }
        let e = i;
        while i > 0 && !ws(s[i - 1].cp()) {
            i -= 1;
        }
        out.push((i, e));
        left -= 1;
    }
    out.reverse();
    out
}

pub fn split_sep<T: Unit>(s: &[T], sep: &[T], maxsplit: i64) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut left = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    let mut i = 0;
    while left > 0 {
        match find_in(s, sep, i, s.len()) {
            Some(p) => {
                out.push((i, p));
                i = p + sep.len();
                left -= 1;
            }
            None => break,
        }
    }
    out.push((i, s.len()));
    out
}

pub fn rsplit_sep<T: Unit>(s: &[T], sep: &[T], maxsplit: i64) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut left = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    let mut e = s.len();
    while left > 0 {
        match rfind_in(s, sep, 0, e) {
            Some(p) => {
                out.push((p + sep.len(), e));
                e = p;
                left -= 1;
            }
            None => break,
        }
    }
    out.push((0, e));
    out.reverse();
    out
}

pub fn replace_units<T: Unit>(s: &[T], old: &[T], new: &[T], count: i64) -> Vec<T> {
    let max = if count < 0 { usize::MAX } else { count as usize };
    let mut out = Vec::with_capacity(s.len());
    if old.is_empty() {
        let mut done = 0;
        for (i, &c) in s.iter().enumerate() {
            if done < max {
                out.extend_from_slice(new);
                done += 1;
            }
            out.push(c);
            let _ = i;
        }
        if done < max {
            out.extend_from_slice(new);
        }
        return out;
    }
    let mut i = 0;
    let mut done = 0;
    while done < max {
        match find_in(s, old, i, s.len()) {
            Some(p) => {
                out.extend_from_slice(&s[i..p]);
                out.extend_from_slice(new);
                i = p + old.len();
                done += 1;
            }
            None => break,
        }
    }
    out.extend_from_slice(&s[i..]);
    out
}

/// Line boundaries: `str` knows more than `bytes`.
pub fn splitlines_units<T: Unit>(s: &[T], keepends: bool, wide: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let n = s.len();
    let mut i = 0;
    while i < n {
        let st = i;
        let mut eol = None;
        while i < n {
            let c = s[i].cp();
            let brk = c == 10 || c == 13 || (wide && matches!(c, 0x0b | 0x0c | 0x1c | 0x1d | 0x1e | 0x85 | 0x2028 | 0x2029));
            if brk {
                let mut e = i + 1;
                if c == 13 && i + 1 < n && s[i + 1].cp() == 10 {
                    e = i + 2;
                }
                eol = Some((i, e));
                break;
            }
            i += 1;
        }
        match eol {
            Some((a, e)) => {
                out.push((st, if keepends { e } else { a }));
                i = e;
            }
            None => {
                out.push((st, n));
                break;
            }
        }
    }
    out
}

pub fn expandtabs_units<T: Unit>(s: &[T], tabsize: i64) -> Vec<T> {
    let mut out = Vec::with_capacity(s.len());
    let mut col: i64 = 0;
    for &c in s {
        match c.cp() {
            9 => {
                if tabsize > 0 {
                    let incr = tabsize - col % tabsize;
                    col += incr;
                    for _ in 0..incr {
                        out.push(T::from_cp(32));
                    }
                }
            }
            10 | 13 => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    out
}

/// `(left, right)` padding of `center`.
pub fn center_pad(len: usize, width: usize) -> (usize, usize) {
    let marg = width - len;
    let left = marg / 2 + (marg & width & 1);
    (left, marg - left)
}

pub fn zfill_units<T: Unit>(s: &[T], width: usize) -> Vec<T> {
    if s.len() >= width {
        return s.to_vec();
    }
    let fill = width - s.len();
    let mut out: Vec<T> = std::iter::repeat_n(T::from_cp(48), fill).collect();
    out.extend_from_slice(s);
    if !s.is_empty() && matches!(s[0].cp(), 43 | 45) {
        out[0] = s[0];
        out[fill] = T::from_cp(48);
    }
    out
}

/// Strip: `which` is 0 both, 1 left, 2 right.
pub fn strip_range<T: Unit>(s: &[T], which: u8, pred: &dyn Fn(T) -> bool) -> (usize, usize) {
    let mut a = 0;
    let mut b = s.len();
    if which != 2 {
        while a < b && pred(s[a]) {
            a += 1;
        }
    }
    if which != 1 {
        while b > a && pred(s[b - 1]) {
            b -= 1;
        }
    }
    (a, b)
}

// ---- arguments -----------------------------------------------------------

pub fn this_str<'a>(vm: &Vm, a: &'a Args, name: &str) -> PyResult<&'a PyStr> {
    match a.pos.first() {
        None => Err(vm.type_error(format!("unbound method str.{name}() needs an argument"))),
        Some(v) => v
            .as_str()
            .ok_or_else(|| vm.type_error(format!("descriptor '{name}' for 'str' objects doesn't apply to a '{}' object", vm.type_name(v)))),
    }
}

/// METH_NOARGS.
pub fn noargs(vm: &Vm, a: &Args, tn: &str, name: &str) -> PyResult<()> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("{tn}.{name}() takes no keyword arguments")));
    }
    if a.pos.len() > 1 {
        return Err(vm.type_error(format!("{tn}.{name}() takes no arguments ({} given)", a.pos.len() - 1)));
    }
    Ok(())
}

/// One positional argument.
pub fn onearg<'a>(vm: &Vm, a: &'a Args, tn: &str, name: &str) -> PyResult<&'a Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("{tn}.{name}() takes no keyword arguments")));
    }
    if a.pos.len() != 2 {
        return Err(vm.type_error(format!("{tn}.{name}() takes exactly one argument ({} given)", a.pos.len().saturating_sub(1))));
    }
    Ok(&a.pos[1])
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Positional-only arguments checked as `_PyArg_CheckPositional` does.
pub fn varargs<'a>(vm: &Vm, a: &'a Args, tn: &str, name: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("{tn}.{name}() takes no keyword arguments")));
    }
    let n = a.pos.len().saturating_sub(1);
    if n < min {
        return Err(vm.type_error(format!("{name} expected at least {min} argument{}, got {n}", plural(min))));
    }
    if n > max {
        return Err(vm.type_error(format!("{name} expected at most {max} argument{}, got {n}", plural(max))));
    }
    Ok(&a.pos[1..])
}

/// Positional-only arguments checked as `PyArg_ParseTuple` does (`find`…).
pub fn tupleargs<'a>(vm: &Vm, a: &'a Args, tn: &str, name: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("{tn}.{name}() takes no keyword arguments")));
    }
    let n = a.pos.len().saturating_sub(1);
    if n < min {
        return Err(vm.type_error(format!("{name}() takes at least {min} argument{} ({n} given)", plural(min))));
    }
    if n > max {
        return Err(vm.type_error(format!("{name}() takes at most {max} argument{} ({n} given)", plural(max))));
    }
    Ok(&a.pos[1..])
}

/// Arguments that may be given by keyword (Argument Clinic).
pub fn kwargs(vm: &Vm, a: &Args, name: &str, names: &[&str]) -> PyResult<Vec<Option<Value>>> {
    let n = a.pos.len().saturating_sub(1);
    if n > names.len() {
        return Err(vm.type_error(format!("{name}() takes at most {} argument{} ({n} given)", names.len(), plural(names.len()))));
    }
    let mut out: Vec<Option<Value>> = a.pos.iter().skip(1).cloned().map(Some).collect();
    out.resize(names.len(), None);
    for (k, v) in &a.kw {
        let ks = k.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
        match names.iter().position(|x| *x == ks) {
            Some(i) => {
                if out[i].is_some() {
                    return Err(vm.type_error(format!("argument for {name}() given by name ('{ks}') and position ({})", i + 1)));
                }
                out[i] = Some(v.clone());
            }
            None => return Err(vm.type_error(format!("'{ks}' is an invalid keyword argument for {name}()"))),
        }
    }
    Ok(out)
}

/// A Py_ssize_t argument.
pub fn ssize(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    crate::builtins::index_i64(vm, v)
}

/// A C `int` argument (`expandtabs(tabsize)`).
pub fn c_int(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let b = crate::builtins::index_big(vm, v)?;
    match b.to_i64() {
        None => Err(vm.overflow_error("Python int too large to convert to C int")),
        Some(x) if x > i32::MAX as i64 || x < i32::MIN as i64 => Err(vm.overflow_error("Python int too large to convert to C int")),
        Some(x) => Ok(x),
    }
}

/// A start/end argument of the find family: None, or an index (clamped).
pub fn slice_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<i64>> {
    let Some(v) = v else { return Ok(None) };
    if v.is_none() {
        return Ok(None);
    }
    let b = match ops::as_big(v) {
        Some(b) => b,
        None => {
            let cls = vm.type_of(v);
            if vm.lookup_mro(&cls, "__index__").is_none() {
                return Err(vm.type_error("slice indices must be integers or None or have an __index__ method"));
            }
            crate::builtins::index_big(vm, v)?
        }
    };
    Ok(Some(b.to_i64().unwrap_or(if b.is_negative() { i64::MIN / 2 } else { i64::MAX / 2 })))
}

/// CPython's ADJUST_INDICES: `(start, end)`, `start` possibly past `len`.
pub fn adjust(start: Option<i64>, end: Option<i64>, len: usize) -> (usize, usize) {
    let n = len as i64;
    let mut e = end.unwrap_or(n);
    if e > n {
        e = n;
    } else if e < 0 {
        e = (e + n).max(0);
    }
    let mut s = start.unwrap_or(0);
    if s < 0 {
        s = (s + n).max(0);
    }
    (s as usize, e as usize)
}

fn new_str(vm: &Vm, s: PyStr) -> Value {
    vm.new_pystr(s)
}

// ---- case ----------------------------------------------------------------

fn map_str(vm: &mut Vm, a: &Args, name: &str, f: fn(&[u32]) -> Vec<u32>, ascii: fn(&[u8]) -> Vec<u8>) -> PyResult<Value> {
    let s = this_str(vm, a, name)?;
    noargs(vm, a, "str", name)?;
    let r = match ascii_of(s) {
        Some(b) => ascii_str(&ascii(b)),
        None => PyStr::from_code_points(f(&s.code_points())),
    };
    Ok(new_str(vm, r))
}

fn upper_cps(s: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(s.len());
    for &c in s {
        push_upper(&mut out, c);
    }
    out
}
fn lower_cps(s: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(s.len());
    for i in 0..s.len() {
        push_lower(&mut out, s, i);
    }
    out
}
fn fold_cps(s: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(s.len());
    for &c in s {
        push_fold(&mut out, c);
    }
    out
}
fn swapcase_cps(s: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(s.len());
    for i in 0..s.len() {
        let c = s[i];
        if is_upper(c) {
            push_lower(&mut out, s, i);
        } else if is_lower(c) {
            push_upper(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}
fn title_cps(s: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(s.len());
    let mut prev_cased = false;
    for i in 0..s.len() {
        let c = s[i];
        if prev_cased {
            push_lower(&mut out, s, i);
        } else {
            push_title(&mut out, c);
        }
        prev_cased = is_cased(c);
    }
    out
}
fn capitalize_cps(s: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(s.len());
    for i in 0..s.len() {
        if i == 0 {
            push_title(&mut out, s[0]);
        } else {
            push_lower(&mut out, s, i);
        }
    }
    out
}

fn a_upper(s: &[u8]) -> Vec<u8> {
    s.to_ascii_uppercase()
}
fn a_lower(s: &[u8]) -> Vec<u8> {
    s.to_ascii_lowercase()
}
pub fn a_swapcase(s: &[u8]) -> Vec<u8> {
    s.iter().map(|&c| if c.is_ascii_uppercase() { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() }).collect()
}
pub fn a_title(s: &[u8]) -> Vec<u8> {
    let mut prev = false;
    s.iter()
        .map(|&c| {
            let r = if prev { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() };
            prev = c.is_ascii_alphabetic();
            r
        })
        .collect()
}
pub fn a_capitalize(s: &[u8]) -> Vec<u8> {
    s.iter().enumerate().map(|(i, &c)| if i == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }).collect()
}

fn str_upper(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    map_str(vm, a, "upper", upper_cps, a_upper)
}
fn str_lower(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    map_str(vm, a, "lower", lower_cps, a_lower)
}
fn str_casefold(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    map_str(vm, a, "casefold", fold_cps, a_lower)
}
fn str_swapcase(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    map_str(vm, a, "swapcase", swapcase_cps, a_swapcase)
}
fn str_title(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    map_str(vm, a, "title", title_cps, a_title)
}
fn str_capitalize(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    map_str(vm, a, "capitalize", capitalize_cps, a_capitalize)
}

// ---- predicates ----------------------------------------------------------

fn pred(vm: &mut Vm, a: &Args, name: &str, f: fn(u32) -> bool) -> PyResult<Value> {
    let s = this_str(vm, a, name)?;
    noargs(vm, a, "str", name)?;
    Ok(Value::Bool(!s.is_empty() && s.iter().all(f)))
}

fn str_isalnum(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred(vm, a, "isalnum", is_alnum)
}
fn str_isalpha(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred(vm, a, "isalpha", is_alpha)
}
fn str_isdecimal(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred(vm, a, "isdecimal", is_decimal)
}
fn str_isdigit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred(vm, a, "isdigit", is_digit)
}
fn str_isnumeric(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred(vm, a, "isnumeric", is_numeric)
}
fn str_isspace(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred(vm, a, "isspace", is_space)
}
fn str_isascii(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_str(vm, a, "isascii")?;
    noargs(vm, a, "str", "isascii")?;
    Ok(Value::Bool(s.as_ascii().is_some()))
}
fn str_isprintable(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_str(vm, a, "isprintable")?;
    noargs(vm, a, "str", "isprintable")?;
    Ok(Value::Bool(s.iter().all(is_printable)))
}
fn str_isidentifier(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_str(vm, a, "isidentifier")?;
    noargs(vm, a, "str", "isidentifier")?;
    let mut it = s.iter();
    let ok = match it.next() {
        None => false,
        Some(c) => is_xid_start(c) && it.all(is_xid_continue),
    };
    Ok(Value::Bool(ok))
}
fn str_islower(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_str(vm, a, "islower")?;
    noargs(vm, a, "str", "islower")?;
    let mut cased = false;
    for c in s.iter() {
        if is_upper(c) || is_title(c) {
            return Ok(Value::Bool(false));
        }
        if is_lower(c) {
            cased = true;
        }
    }
    Ok(Value::Bool(cased))
}
fn str_isupper(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_str(vm, a, "isupper")?;
    noargs(vm, a, "str", "isupper")?;
    let mut cased = false;
    for c in s.iter() {
        if is_lower(c) || is_title(c) {
            return Ok(Value::Bool(false));
        }
        if is_upper(c) {
            cased = true;
        }
    }
    Ok(Value::Bool(cased))
}
fn str_istitle(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_str(vm, a, "istitle")?;
    noargs(vm, a, "str", "istitle")?;
    Ok(Value::Bool(istitle_iter(s.iter(), is_upper, is_lower, is_title)))
}

pub fn istitle_iter(it: impl Iterator<Item = u32>, up: fn(u32) -> bool, low: fn(u32) -> bool, title: fn(u32) -> bool) -> bool {
    let mut cased = false;
    let mut prev = false;
    for c in it {
        if up(c) || title(c) {
            if prev {
                return false;
            }
            prev = true;
            cased = true;
        } else if low(c) {
            if !prev {
                return false;
            }
            prev = true;
            cased = true;
        } else {
            prev = false;
        }
    }
    cased
}

// ---- search --------------------------------------------------------------

/// The `sub[, start[, end]]` arguments of the find family, adjusted.
fn find_args<'a>(vm: &mut Vm, a: &'a Args, name: &str) -> PyResult<(&'a PyStr, &'a PyStr, usize, usize)> {
    let s = this_str(vm, a, name)?;
    let args = tupleargs(vm, a, "str", name, 1, 3)?;
    let Some(sub) = args[0].as_str() else {
        return Err(vm.type_error(format!("must be str, not {}", vm.type_name(&args[0]))));
    };
    let st = slice_arg(vm, args.get(1))?;
    let en = slice_arg(vm, args.get(2))?;
    let (st, en) = adjust(st, en, s.len());
    Ok((s, sub, st, en))
}

/// `s.find(sub, start, end)` on code points (ASCII strings compare bytes).
pub fn find_str(s: &PyStr, sub: &PyStr, start: usize, end: usize) -> Option<usize> {
    find_generic(s, sub, start, end, false)
}

fn find_generic(s: &PyStr, sub: &PyStr, st: usize, en: usize, rev: bool) -> Option<usize> {
    match (ascii_of(s), ascii_of(sub)) {
        (Some(x), Some(y)) => {
            if rev {
                rfind_in(x, y, st, en)
            } else {
                find_in(x, y, st, en)
            }
        }
        _ => {
            let (x, y) = (cps(s), cps(sub));
            if rev {
                rfind_in(&x, &y, st, en)
            } else {
                find_in(&x, &y, st, en)
            }
        }
    }
}

fn str_find(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (s, sub, st, en) = find_args(vm, a, "find")?;
    Ok(Value::Int(find_generic(s, sub, st, en, false).map(|p| p as i64).unwrap_or(-1)))
}
fn str_rfind(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (s, sub, st, en) = find_args(vm, a, "rfind")?;
    Ok(Value::Int(find_generic(s, sub, st, en, true).map(|p| p as i64).unwrap_or(-1)))
}
fn str_index(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (s, sub, st, en) = find_args(vm, a, "index")?;
    match find_generic(s, sub, st, en, false) {
        Some(p) => Ok(Value::Int(p as i64)),
        None => Err(vm.value_error("substring not found")),
    }
}
fn str_rindex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (s, sub, st, en) = find_args(vm, a, "rindex")?;
    match find_generic(s, sub, st, en, true) {
        Some(p) => Ok(Value::Int(p as i64)),
        None => Err(vm.value_error("substring not found")),
    }
}
fn str_count(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (s, sub, st, en) = find_args(vm, a, "count")?;
    let n = match (ascii_of(s), ascii_of(sub)) {
        (Some(x), Some(y)) => count_in(x, y, st, en, usize::MAX),
        _ => count_in(&cps(s), &cps(sub), st, en, usize::MAX),
    };
    Ok(Value::Int(n as i64))
}

fn tailmatch(s: &PyStr, sub: &PyStr, st: usize, en: usize, end: bool) -> bool {
    let n = sub.len();
    if st > s.len() || en < st || en - st < n {
        return false;
    }
    let at = if end { en - n } else { st };
    (0..n).all(|i| s.at(at + i) == sub.at(i))
}

fn starts_ends(vm: &mut Vm, a: &Args, name: &str, end: bool) -> PyResult<Value> {
    let s = this_str(vm, a, name)?;
    let args = tupleargs(vm, a, "str", name, 1, 3)?;
    let st = slice_arg(vm, args.get(1))?;
    let en = slice_arg(vm, args.get(2))?;
    let (st, en) = adjust(st, en, s.len());
    match args[0].payload() {
        Some(Payload::Tuple(t)) => {
            for x in t.iter() {
                let Some(sub) = x.as_str() else {
                    return Err(vm.type_error(format!("tuple for {name} must only contain str, not {}", vm.type_name(x))));
                };
                if tailmatch(s, sub, st, en, end) {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }
        _ => match args[0].as_str() {
            Some(sub) => Ok(Value::Bool(tailmatch(s, sub, st, en, end))),
            None => Err(vm.type_error(format!("{name} first arg must be str or a tuple of str, not {}", vm.type_name(&args[0])))),
        },
    }
}
fn str_startswith(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    starts_ends(vm, a, "startswith", false)
}
fn str_endswith(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    starts_ends(vm, a, "endswith", true)
}

// ---- split / join / partition ----------------------------------------------

fn pieces(vm: &Vm, s: &PyStr, ranges: Vec<(usize, usize)>) -> Value {
    let items = ranges.into_iter().map(|(x, y)| vm.new_pystr(s.substring(x, y))).collect();
    vm.new_list(items)
}

fn split_impl(vm: &mut Vm, a: &Args, name: &str, rev: bool) -> PyResult<Value> {
    let s = this_str(vm, a, name)?;
    let args = kwargs(vm, a, name, &["sep", "maxsplit"])?;
    let maxsplit = match &args[1] {
        Some(v) => ssize(vm, v)?,
        None => -1,
    };
    let sep = match &args[0] {
        None => None,
        Some(v) if v.is_none() => None,
        Some(v) => match v.as_str() {
            Some(p) => Some(p),
            None => return Err(vm.type_error(format!("must be str or None, not {}", vm.type_name(v)))),
        },
    };
    let ranges = match sep {
        None => match ascii_of(s) {
            Some(b) => {
                if rev {
                    rsplit_ws(b, maxsplit, is_space)
                } else {
                    split_ws(b, maxsplit, is_space)
                }
            }
            None => {
                let c = cps(s);
                if rev {
                    rsplit_ws(&c, maxsplit, is_space)
                } else {
                    split_ws(&c, maxsplit, is_space)
                }
            }
        },
        Some(sep) => {
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            match (ascii_of(s), ascii_of(sep)) {
                (Some(x), Some(y)) => {
                    if rev {
                        rsplit_sep(x, y, maxsplit)
                    } else {
                        split_sep(x, y, maxsplit)
                    }
                }
                _ => {
                    let (x, y) = (cps(s), cps(sep));
                    if rev {
                        rsplit_sep(&x, &y, maxsplit)
                    } else {
                        split_sep(&x, &y, maxsplit)
                    }
                }
            }
        }
    };
    Ok(pieces(vm, s, ranges))
}
fn str_split(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    split_impl(vm, a, "split", false)
}
fn str_rsplit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    split_impl(vm, a, "rsplit", true)
}

fn str_splitlines(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_str(vm, a, "splitlines")?;
    let args = kwargs(vm, a, "splitlines", &["keepends"])?;
    let keep = match &args[0] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let ranges = match ascii_of(s) {
        Some(b) => splitlines_units(b, keep, true),
        None => splitlines_units(&cps(s), keep, true),
    };
    Ok(pieces(vm, s, ranges))
}

fn str_join(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let sep = this_str(vm, a, "join")?;
    let it = onearg(vm, a, "str", "join")?.clone();
    let items = match it.payload() {
        Some(Payload::List(_) | Payload::Tuple(_)) => vm.to_vec(&it)?,
        _ => {
            let cls = vm.type_of(&it);
            if vm.lookup_mro(&cls, "__iter__").is_none() && vm.lookup_mro(&cls, "__getitem__").is_none() {
                return Err(vm.type_error("can only join an iterable"));
            }
            vm.to_vec(&it)?
        }
    };
    let all_ascii = sep.as_ascii().is_some() && items.iter().all(|x| x.as_str().is_some_and(|s| s.as_ascii().is_some()));
    if all_ascii {
        let sep = sep.as_ascii().unwrap_or("");
        let mut out = String::new();
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push_str(x.as_str().and_then(|s| s.as_ascii()).unwrap_or(""));
        }
        return Ok(vm.new_pystr(PyStr::from_string(out)));
    }
    let sepc = sep.code_points();
    let mut out: Vec<u32> = Vec::new();
    for (i, x) in items.iter().enumerate() {
        let Some(s) = x.as_str() else {
            return Err(vm.type_error(format!("sequence item {i}: expected str instance, {} found", vm.type_name(x))));
        };
        if i > 0 {
            out.extend_from_slice(&sepc);
        }
        out.extend(s.iter());
    }
    Ok(vm.new_pystr(PyStr::from_code_points(out)))
}

fn partition_impl(vm: &mut Vm, a: &Args, name: &str, rev: bool) -> PyResult<Value> {
    let s = this_str(vm, a, name)?;
    let sepv = onearg(vm, a, "str", name)?;
    let Some(sep) = sepv.as_str() else {
        return Err(vm.type_error(format!("must be str, not {}", vm.type_name(sepv))));
    };
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let p = find_generic(s, sep, 0, s.len(), rev);
    let e = || vm.new_str("");
    let parts = match p {
        Some(p) => vec![
            vm.new_pystr(s.substring(0, p)),
            vm.new_pystr(sep.substring(0, sep.len())),
            vm.new_pystr(s.substring(p + sep.len(), s.len())),
        ],
        None if rev => vec![e(), e(), vm.new_pystr(s.substring(0, s.len()))],
        None => vec![vm.new_pystr(s.substring(0, s.len())), e(), e()],
    };
    Ok(vm.new_tuple(parts))
}
fn str_partition(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    partition_impl(vm, a, "partition", false)
}
fn str_rpartition(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    partition_impl(vm, a, "rpartition", true)
}

// ---- replace / strip / pad -------------------------------------------------

fn str_replace(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_str(vm, a, "replace")?;
    let args = varargs(vm, a, "str", "replace", 2, 3)?;
    let Some(old) = args[0].as_str() else {
        return Err(vm.type_error(format!("replace() argument 1 must be str, not {}", vm.type_name(&args[0]))));
    };
    let Some(new) = args[1].as_str() else {
        return Err(vm.type_error(format!("replace() argument 2 must be str, not {}", vm.type_name(&args[1]))));
    };
    let count = match args.get(2) {
        Some(v) => ssize(vm, v)?,
        None => -1,
    };
    let r = match (ascii_of(s), ascii_of(old), ascii_of(new)) {
        (Some(x), Some(y), Some(z)) => ascii_str(&replace_units(x, y, z, count)),
        _ => PyStr::from_code_points(replace_units(&cps(s), &cps(old), &cps(new), count)),
    };
    Ok(vm.new_pystr(r))
}

fn strip_impl(vm: &mut Vm, a: &Args, name: &str, which: u8) -> PyResult<Value> {
    let s = this_str(vm, a, name)?;
    let args = varargs(vm, a, "str", name, 0, 1)?;
    let chars = match args.first() {
        None => None,
        Some(v) if v.is_none() => None,
        Some(v) => match v.as_str() {
            Some(p) => Some(p.code_points()),
            None => return Err(vm.type_error(format!("{name} arg must be None or str"))),
        },
    };
    let (x, y) = match (&chars, ascii_of(s)) {
        (None, Some(b)) => strip_range(b, which, &|c: u8| is_space(c as u32)),
        (None, None) => strip_range(&cps(s), which, &|c: u32| is_space(c)),
        (Some(set), Some(b)) => strip_range(b, which, &|c: u8| set.contains(&(c as u32))),
        (Some(set), None) => strip_range(&cps(s), which, &|c: u32| set.contains(&c)),
    };
    Ok(vm.new_pystr(s.substring(x, y)))
}
fn str_strip(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    strip_impl(vm, a, "strip", 0)
}
fn str_lstrip(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    strip_impl(vm, a, "lstrip", 1)
}
fn str_rstrip(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    strip_impl(vm, a, "rstrip", 2)
}

fn pad_impl(vm: &mut Vm, a: &Args, name: &str, how: u8) -> PyResult<Value> {
    let s = this_str(vm, a, name)?;
    let args = varargs(vm, a, "str", name, 1, 2)?;
    let width = ssize(vm, &args[0])?;
    let fill = match args.get(1) {
        None => 32,
        Some(v) => match v.as_str() {
            Some(f) if f.len() == 1 => f.at(0),
            Some(_) => return Err(vm.type_error("The fill character must be exactly one character long")),
            None => return Err(vm.type_error(format!("The fill character must be a unicode character, not {}", vm.type_name(v)))),
        },
    };
    let len = s.len();
    if width <= len as i64 {
        return Ok(vm.new_pystr(s.substring(0, len)));
    }
    let width = width as usize;
    if width > (1usize << 40) {
        return Err(vm.memory_error());
    }
    let (l, r) = match how {
        0 => center_pad(len, width),
        1 => (0, width - len),
        _ => (width - len, 0),
    };
    let mut out = Vec::with_capacity(width);
    out.extend(std::iter::repeat_n(fill, l));
    out.extend(s.iter());
    out.extend(std::iter::repeat_n(fill, r));
    Ok(vm.new_pystr(PyStr::from_code_points(out)))
}
fn str_center(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pad_impl(vm, a, "center", 0)
}
fn str_ljust(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pad_impl(vm, a, "ljust", 1)
}
fn str_rjust(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pad_impl(vm, a, "rjust", 2)
}

fn str_zfill(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_str(vm, a, "zfill")?;
    let w = onearg(vm, a, "str", "zfill")?;
    let width = ssize(vm, w)?;
    if width > (1i64 << 40) {
        return Err(vm.memory_error());
    }
    let width = width.max(0) as usize;
    let r = match ascii_of(s) {
        Some(b) => ascii_str(&zfill_units(b, width)),
        None => PyStr::from_code_points(zfill_units(&cps(s), width)),
    };
    Ok(vm.new_pystr(r))
}

fn str_expandtabs(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_str(vm, a, "expandtabs")?;
    let args = kwargs(vm, a, "expandtabs", &["tabsize"])?;
    let ts = match &args[0] {
        Some(v) => c_int(vm, v)?,
        None => 8,
    };
    if ts > (1 << 30) && s.iter().any(|c| c == 9) {
        return Err(vm.memory_error());
    }
    let r = match ascii_of(s) {
        Some(b) => ascii_str(&expandtabs_units(b, ts)),
        None => PyStr::from_code_points(expandtabs_units(&cps(s), ts)),
    };
    Ok(vm.new_pystr(r))
}

fn affix(vm: &mut Vm, a: &Args, name: &str, suffix: bool) -> PyResult<Value> {
    let s = this_str(vm, a, name)?;
    let p = onearg(vm, a, "str", name)?;
    let Some(p) = p.as_str() else {
        return Err(vm.type_error(format!("{name}() argument must be str, not {}", vm.type_name(p))));
    };
    if !p.is_empty() && tailmatch(s, p, 0, s.len(), suffix) {
        let r = if suffix { s.substring(0, s.len() - p.len()) } else { s.substring(p.len(), s.len()) };
        return Ok(vm.new_pystr(r));
    }
    Ok(vm.new_pystr(s.substring(0, s.len())))
}
fn str_removeprefix(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    affix(vm, a, "removeprefix", false)
}
fn str_removesuffix(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    affix(vm, a, "removesuffix", true)
}

// ---- encode / translate ----------------------------------------------------

fn str_encode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_str(vm, a, "encode")?;
    let args = kwargs(vm, a, "encode", &["encoding", "errors"])?;
    let enc = match &args[0] {
        Some(v) => match v.as_str() {
            Some(e) => e.to_string_lossy(),
            None => return Err(vm.type_error(format!("encode() argument 'encoding' must be str, not {}", if v.is_none() { "None".to_string() } else { vm.type_name(v) }))),
        },
        None => "utf-8".into(),
    };
    let errors = match &args[1] {
        Some(v) => match v.as_str() {
            Some(e) => Some(e.to_string_lossy()),
            None => return Err(vm.type_error(format!("encode() argument 'errors' must be str, not {}", if v.is_none() { "None".to_string() } else { vm.type_name(v) }))),
        },
        None => None,
    };
    let obj = a.pos.first().cloned();
    codecs::encode_text(vm, s, obj.as_ref(), &enc, errors.as_deref())
}

fn str_maketrans(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("maketrans() takes no keyword arguments"));
    }
    let n = a.pos.len();
    if n == 0 {
        return Err(vm.type_error("maketrans expected at least 1 argument, got 0"));
    }
    if n > 3 {
        return Err(vm.type_error(format!("maketrans expected at most 3 arguments, got {n}")));
    }
    let out = std::cell::RefCell::new(crate::objects::dict::Dict::new());
    if n == 1 {
        let Some(Payload::Dict(d)) = a.pos[0].payload() else {
            return Err(vm.type_error("if you give only one argument to maketrans it must be a dict"));
        };
        let items = d.borrow().items();
        for (k, v) in items {
            let key = if let Some(s) = k.as_str() {
                if s.len() != 1 {
                    return Err(vm.value_error("string keys in translate table must be of length 1"));
                }
                Value::Int(s.at(0) as i64)
            } else if ops::as_big(&k).is_some() {
                k.clone()
            } else {
                return Err(vm.type_error("keys in translate table must be strings or integers"));
            };
            crate::objects::dict::set(vm, &out, key, v)?;
        }
        return Ok(vm.new_dict(out.into_inner()));
    }
    let Some(x) = a.pos[0].as_str() else {
        return Err(vm.type_error(format!("maketrans() argument 1 must be str, not {}", vm.type_name(&a.pos[0]))));
    };
    let Some(y) = a.pos[1].as_str() else {
        return Err(vm.type_error(format!("maketrans() argument 2 must be str, not {}", vm.type_name(&a.pos[1]))));
    };
    if x.len() != y.len() {
        return Err(vm.value_error("the first two maketrans arguments must have equal length"));
    }
    for i in 0..x.len() {
        crate::objects::dict::set(vm, &out, Value::Int(x.at(i) as i64), Value::Int(y.at(i) as i64))?;
    }
    if let Some(zv) = a.pos.get(2) {
        let Some(z) = zv.as_str() else {
            return Err(vm.type_error(format!("maketrans() argument 3 must be str, not {}", vm.type_name(zv))));
        };
        for c in z.iter() {
            crate::objects::dict::set(vm, &out, Value::Int(c as i64), Value::None)?;
        }
    }
    Ok(vm.new_dict(out.into_inner()))
}

fn str_translate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_str(vm, a, "translate")?;
    let table = onearg(vm, a, "str", "translate")?.clone();
    let mut out: Vec<u32> = Vec::with_capacity(s.len());
    let lookup_err = vm.types.exc.lookup_error.clone();
    for c in s.iter() {
        let r = match vm.getitem(&table, &Value::Int(c as i64)) {
            Ok(v) => v,
            Err(e) if vm.isinstance(&e.0, &lookup_err) => {
                out.push(c);
                continue;
            }
            Err(e) => return Err(e),
        };
        if r.is_none() {
            continue;
        }
        if let Some(t) = r.as_str() {
            out.extend(t.iter());
            continue;
        }
        match ops::as_big(&r) {
            Some(b) => match b.to_u32().filter(|&v| v < 0x110000) {
                Some(v) => out.push(v),
                None => return Err(vm.value_error("character mapping must be in range(0x110000)")),
            },
            None => return Err(vm.type_error("character mapping must return integer, None or str")),
        }
    }
    Ok(vm.new_pystr(PyStr::from_code_points(out)))
}

fn str_rmod(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let _ = this_str(vm, a, "__rmod__")?;
    match a.pos.get(1) {
        Some(other) if other.as_str().is_some() => crate::objects::methods::percent_format(vm, other, &a.pos[0]),
        Some(_) => Ok(vm.types.not_implemented.clone()),
        None => Err(vm.type_error("expected 1 argument, got 0")),
    }
}

fn str_getnewargs(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_str(vm, a, "__getnewargs__")?;
    let v = vm.new_pystr(s.substring(0, s.len()));
    Ok(vm.new_tuple(vec![v]))
}

fn str_sizeof(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_str(vm, a, "__sizeof__")?;
    let n = match &s.data {
        StrData::Ascii(x) => 49 + x.len() as i64,
        StrData::Wide(v) => {
            let m = v.iter().copied().max().unwrap_or(0);
            let per = if m < 256 {
                1
            } else if m < 65536 {
                2
            } else {
                4
            };
            let base = if m < 256 { 73 } else { 74 };
            base + per * v.len() as i64 + per - 1
        }
    };
    Ok(Value::Int(n))
}

// ---- str.format ------------------------------------------------------------

enum AutoNum {
    Init,
    Auto(usize),
    Manual,
}

struct Fmt<'a> {
    args: Option<&'a [Value]>,
    kwargs: Option<Value>,
    auto: AutoNum,
}

fn is_digits(s: &[u32]) -> bool {
    !s.is_empty() && s.iter().all(|&c| (48..58).contains(&c))
}

fn parse_index(vm: &Vm, s: &[u32]) -> PyResult<Option<usize>> {
    if !is_digits(s) {
        return Ok(None);
    }
    let mut n: usize = 0;
    for &c in s {
        n = match n.checked_mul(10).and_then(|x| x.checked_add((c - 48) as usize)) {
            Some(v) if v <= isize::MAX as usize => v,
            _ => return Err(vm.value_error("Too many decimal digits in format string")),
        };
    }
    Ok(Some(n))
}

fn cps_value(vm: &Vm, s: &[u32]) -> Value {
    vm.new_pystr(PyStr::from_code_points(s.to_vec()))
}

impl Fmt<'_> {
    fn build(&mut self, vm: &mut Vm, s: &[u32], depth: i32, out: &mut Vec<u32>) -> PyResult<()> {
        if depth <= 0 {
            return Err(vm.value_error("Max string recursion exceeded"));
        }
        let n = s.len();
        let mut i = 0;
        while i < n {
            // Literal text up to a brace.
            let start = i;
            let mut c = 0;
            let mut markup = false;
            while i < n {
                c = s[i];
                i += 1;
                if c == '{' as u32 || c == '}' as u32 {
                    markup = true;
                    break;
                }
            }
            let at_end = i >= n;
            let mut len = i - start;
            if c == '}' as u32 && markup && (at_end || s[i] != c) {
                return Err(vm.value_error("Single '}' encountered in format string"));
            }
            if at_end && c == '{' as u32 && markup {
                return Err(vm.value_error("Single '{' encountered in format string"));
            }
            if !at_end && markup {
                if s[i] == c {
                    i += 1;
                    markup = false;
                } else {
                    len -= 1;
                }
            }
            out.extend_from_slice(&s[start..start + len]);
            if !markup {
                continue;
            }
            // The field.
            let fstart = i;
            let mut c = 0u32;
            while i < n {
                c = s[i];
                i += 1;
                if c == '{' as u32 {
                    return Err(vm.value_error("unexpected '{' in field name"));
                }
                if c == '[' as u32 {
                    while i < n && s[i] != ']' as u32 {
                        i += 1;
                    }
                    continue;
                }
                if c == '}' as u32 || c == ':' as u32 || c == '!' as u32 {
                    break;
                }
            }
            let hit = c == '}' as u32 || c == ':' as u32 || c == '!' as u32;
            let fend = if hit { i - 1 } else { i };
            let field_name = &s[fstart..fend];
            let mut conversion = 0u32;
            let mut spec: &[u32] = &[];
            let mut spec_expand = false;
            if hit && (c == '!' as u32 || c == ':' as u32) {
                let mut need_spec = true;
                if c == '!' as u32 {
                    if i >= n {
                        return Err(vm.value_error("end of string while looking for conversion specifier"));
                    }
                    conversion = s[i];
                    i += 1;
                    if i < n {
                        let c2 = s[i];
                        i += 1;
                        if c2 == '}' as u32 {
                            need_spec = false;
                        } else if c2 != ':' as u32 {
                            return Err(vm.value_error("expected ':' after conversion specifier"));
                        }
                    }
                }
                if need_spec {
                    let sstart = i;
                    let mut count = 1;
                    let mut done = false;
                    while i < n {
                        let c3 = s[i];
                        i += 1;
                        if c3 == '{' as u32 {
                            spec_expand = true;
                            count += 1;
                        } else if c3 == '}' as u32 {
                            count -= 1;
                            if count == 0 {
                                spec = &s[sstart..i - 1];
                                done = true;
                                break;
                            }
                        }
                    }
                    if !done {
                        return Err(vm.value_error("unmatched '{' in format spec"));
                    }
                }
            } else if !(hit && c == '}' as u32) {
                return Err(vm.value_error("expected '}' before end of string"));
            }
            let obj = self.get_field(vm, field_name)?;
            let obj = match conversion {
                0 => obj,
                0x72 => {
                    let r = vm.repr(&obj)?;
                    vm.new_pystr(r)
                }
                0x73 => vm.str(&obj)?,
                0x61 => {
                    let r = vm.ascii(&obj)?;
                    vm.new_str(&r)
                }
                c => {
                    return Err(vm.value_error(if c > 32 && c < 127 {
                        format!("Unknown conversion specifier {}", c as u8 as char)
                    } else {
                        format!("Unknown conversion specifier \\x{c:x}")
                    }))
                }
            };
            let spec_v = if spec_expand {
                let mut sub = Vec::new();
                self.build(vm, spec, depth - 1, &mut sub)?;
                PyStr::from_code_points(sub)
            } else {
                PyStr::from_code_points(spec.to_vec())
            };
            if spec_v.is_empty() {
                if let Some(t) = obj.as_str().filter(|_| obj.obj().is_some_and(crate::vm::is_exact_builtin)) {
                    out.extend(t.iter());
                    continue;
                }
            }
            let spec_val = vm.new_pystr(spec_v);
            let r = vm.format(&obj, &spec_val)?;
            match r.as_str() {
                Some(t) => out.extend(t.iter()),
                None => return Err(vm.type_error(format!("__format__ must return a str, not {}", vm.type_name(&r)))),
            }
        }
        Ok(())
    }

    fn get_field(&mut self, vm: &mut Vm, name: &[u32]) -> PyResult<Value> {
        let mut i = 0;
        while i < name.len() && name[i] != '.' as u32 && name[i] != '[' as u32 {
            i += 1;
        }
        let first = &name[..i];
        let mut idx = parse_index(vm, first)?;
        let empty = first.is_empty();
        if empty || idx.is_some() {
            if let AutoNum::Init = self.auto {
                self.auto = if empty { AutoNum::Auto(0) } else { AutoNum::Manual };
            }
            match (&self.auto, empty) {
                (AutoNum::Manual, true) => {
                    return Err(vm.value_error("cannot switch from manual field specification to automatic field numbering"))
                }
                (AutoNum::Auto(_), false) => {
                    return Err(vm.value_error("cannot switch from automatic field numbering to manual field specification"))
                }
                _ => {}
            }
            if empty {
                if let AutoNum::Auto(k) = &mut self.auto {
                    idx = Some(*k);
                    *k += 1;
                }
            }
        }
        let mut obj = match idx {
            None => {
                let key = cps_value(vm, first);
                match &self.kwargs {
                    None => return Err(vm.key_error(key)),
                    Some(kw) => {
                        let kw = kw.clone();
                        vm.getitem(&kw, &key)?
                    }
                }
            }
            Some(k) => match self.args {
                None => return Err(vm.value_error("Format string contains positional fields")),
                Some(args) => match args.get(k) {
                    Some(v) => v.clone(),
                    None => return Err(vm.index_error(format!("Replacement index {k} out of range for positional args tuple"))),
                },
            },
        };
        // The rest: `.attr` and `[key]`.
        while i < name.len() {
            let c = name[i];
            i += 1;
            if c == '.' as u32 {
                let st = i;
                while i < name.len() && name[i] != '.' as u32 && name[i] != '[' as u32 {
                    i += 1;
                }
                if st == i {
                    return Err(vm.value_error("Empty attribute in format string"));
                }
                let attr = cps_value(vm, &name[st..i]);
                let attr = match attr.as_str() {
                    Some(s) => crate::vm::str_key(&s.to_string_lossy()),
                    None => attr,
                };
                obj = vm.getattr(&obj, &attr)?;
            } else if c == '[' as u32 {
                let st = i;
                while i < name.len() && name[i] != ']' as u32 {
                    i += 1;
                }
                if i >= name.len() {
                    return Err(vm.value_error("Missing ']' in format string"));
                }
                let key = &name[st..i];
                i += 1;
                if key.is_empty() {
                    return Err(vm.value_error("Empty attribute in format string"));
                }
                let k = match parse_index(vm, key)? {
                    Some(n) => Value::Int(n as i64),
                    None => cps_value(vm, key),
                };
                obj = vm.getitem(&obj, &k)?;
            } else {
                return Err(vm.value_error("Only '.' or '[' may follow ']' in format field specifier"));
            }
        }
        Ok(obj)
    }
}

fn str_format(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_str(vm, a, "format")?;
    let kwargs = if a.kw.is_empty() {
        None
    } else {
        let d = std::cell::RefCell::new(crate::objects::dict::Dict::new());
        for (k, v) in &a.kw {
            crate::objects::dict::set(vm, &d, k.clone(), v.clone())?;
        }
        Some(vm.new_dict(d.into_inner()))
    };
    let text = s.code_points();
    let mut f = Fmt { args: Some(&a.pos[1..]), kwargs, auto: AutoNum::Init };
    let mut out = Vec::with_capacity(text.len());
    f.build(vm, &text, 2, &mut out)?;
    Ok(vm.new_pystr(PyStr::from_code_points(out)))
}

fn str_format_map(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_str(vm, a, "format_map")?;
    let m = onearg(vm, a, "str", "format_map")?.clone();
    let text = s.code_points();
    let mut f = Fmt { args: None, kwargs: Some(m), auto: AutoNum::Init };
    let mut out = Vec::with_capacity(text.len());
    f.build(vm, &text, 2, &mut out)?;
    Ok(vm.new_pystr(PyStr::from_code_points(out)))
}

// ---- %-formatting ------------------------------------------------------------

/// The flags, width and precision of one `%` conversion.
#[derive(Default)]
pub struct PctSpec {
    pub left: bool,
    pub plus: bool,
    pub space: bool,
    pub alt: bool,
    pub zero: bool,
    pub width: usize,
    pub prec: Option<usize>,
}

fn pad_to(body: Vec<u32>, sp: &PctSpec) -> Vec<u32> {
    if body.len() >= sp.width {
        return body;
    }
    let n = sp.width - body.len();
    let mut out = Vec::with_capacity(sp.width);
    if sp.left {
        out.extend(body);
        out.extend(std::iter::repeat_n(32, n));
    } else {
        out.extend(std::iter::repeat_n(32, n));
        out.extend(body);
    }
    out
}

/// A numeric `%` conversion (`d i u x X o e E f F g G`), padded.
pub fn pct_number(vm: &mut Vm, v: &Value, conv: u8, sp: &PctSpec, bytes: bool) -> PyResult<String> {
    let is_float = matches!(v, Value::Float(_)) || matches!(v.payload(), Some(Payload::Float(_)));
    let has = |vm: &Vm, name: &str| {
        let cls = vm.type_of(v);
        vm.lookup_mro(&cls, name).is_some()
    };
    match conv {
        b'd' | b'i' | b'u' | b'x' | b'X' | b'o' => {
            let n = if let Some(b) = ops::as_big(v) {
                b
            } else if matches!(conv, b'x' | b'X' | b'o') {
                if is_float || !has(vm, "__index__") {
                    return Err(vm.type_error(format!("%{} format: an integer is required, not {}", conv as char, vm.type_name(v))));
                }
                crate::builtins::index_big(vm, v)?
            } else if is_float || has(vm, "__int__") || has(vm, "__index__") || has(vm, "__float__") {
                crate::builtins::int_of(vm, v)?
            } else {
                let shown = if bytes && matches!(conv, b'i' | b'u') { 'd' } else { conv as char };
                return Err(vm.type_error(format!("%{shown} format: a real number is required, not {}", vm.type_name(v))));
            };
            let radix = match conv {
                b'x' | b'X' => 16,
                b'o' => 8,
                _ => 10,
            };
            let mut digits = n.magnitude().to_str_radix(radix);
            if conv == b'X' {
                digits = digits.to_ascii_uppercase();
            }
            if let Some(p) = sp.prec {
                if p > digits.len() {
                    digits = "0".repeat(p - digits.len()) + &digits;
                }
            }
            let mut head = String::new();
            if n.is_negative() {
                head.push('-');
            } else if sp.plus {
                head.push('+');
            } else if sp.space {
                head.push(' ');
            }
            if sp.alt {
                head.push_str(match conv {
                    b'x' => "0x",
                    b'X' => "0X",
                    b'o' => "0o",
                    _ => "",
                });
            }
            let len = head.len() + digits.len();
            if sp.width > len && !sp.left && sp.zero {
                return Ok(head + &"0".repeat(sp.width - len) + &digits);
            }
            let body: Vec<u32> = (head + &digits).chars().map(|c| c as u32).collect();
            Ok(pad_to(body, sp).into_iter().map(|c| c as u8 as char).collect())
        }
        _ => {
            let f = match v {
                Value::Float(f) => *f,
                _ => match v.payload() {
                    Some(Payload::Float(f)) => *f,
                    _ => {
                        if ops::as_big(v).is_some() || has(vm, "__float__") || has(vm, "__index__") {
                            crate::builtins::float_of(vm, v)?
                        } else {
                            return Err(vm.type_error(if bytes {
                                format!("float argument required, not {}", vm.type_name(v))
                            } else {
                                format!("must be real number, not {}", vm.type_name(v))
                            }));
                        }
                    }
                },
            };
            let mut spec = String::new();
            if sp.plus {
                spec.push('+');
            } else if sp.space {
                spec.push(' ');
            }
            if sp.alt {
                spec.push('#');
            }
            spec.push('.');
            spec.push_str(&sp.prec.unwrap_or(6).to_string());
            spec.push(conv.to_ascii_lowercase() as char);
            let sv = vm.new_str(&spec);
            let r = vm.format(&Value::Float(f), &sv)?;
            let mut s = r.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
            if sp.alt && matches!(conv, b'f' | b'F' | b'e' | b'E') && f.is_finite() && !s.contains('.') {
                let at = s.find('e').unwrap_or(s.len());
                s.insert(at, '.');
            }
            if conv.is_ascii_uppercase() {
                s = s.to_ascii_uppercase();
            }
            if s.len() < sp.width && sp.zero && !sp.left && f.is_finite() {
                let sign_len = if s.starts_with(['-', '+', ' ']) { 1 } else { 0 };
                let zeros = "0".repeat(sp.width - s.len());
                s.insert_str(sign_len, &zeros);
                return Ok(s);
            }
            let body: Vec<u32> = s.chars().map(|c| c as u32).collect();
            Ok(pad_to(body, sp).into_iter().filter_map(char::from_u32).collect())
        }
    }
}

/// Parse flags, width, precision at `fmt[*i..]`, taking `*` values from
/// `next_arg`.
pub fn pct_parse_spec<T: Unit>(
    vm: &mut Vm,
    fmt: &[T],
    i: &mut usize,
    next_arg: &mut dyn FnMut(&mut Vm) -> PyResult<Value>,
) -> PyResult<PctSpec> {
    let mut sp = PctSpec::default();
    while *i < fmt.len() {
        match fmt[*i].cp() {
            0x2d => sp.left = true,
            0x2b => sp.plus = true,
            0x20 => sp.space = true,
            0x23 => sp.alt = true,
            0x30 => sp.zero = true,
            _ => break,
        }
        *i += 1;
    }
    if *i < fmt.len() && fmt[*i].cp() == 0x2a {
        *i += 1;
        let v = next_arg(vm)?;
        if ops::as_big(&v).is_none() {
            return Err(vm.type_error("* wants int"));
        }
        let w = ssize(vm, &v)?;
        if w < 0 {
            sp.left = true;
        }
        sp.width = w.unsigned_abs() as usize;
    } else {
        let mut w: usize = 0;
        while *i < fmt.len() && (48..58).contains(&fmt[*i].cp()) {
            w = w.saturating_mul(10).saturating_add((fmt[*i].cp() - 48) as usize);
            *i += 1;
        }
        sp.width = w;
    }
    if *i < fmt.len() && fmt[*i].cp() == 0x2e {
        *i += 1;
        if *i < fmt.len() && fmt[*i].cp() == 0x2a {
            *i += 1;
            let v = next_arg(vm)?;
            if ops::as_big(&v).is_none() {
                return Err(vm.type_error("* wants int"));
            }
            sp.prec = Some(ssize(vm, &v)?.max(0) as usize);
        } else {
            let mut p: usize = 0;
            while *i < fmt.len() && (48..58).contains(&fmt[*i].cp()) {
                p = p.saturating_mul(10).saturating_add((fmt[*i].cp() - 48) as usize);
                *i += 1;
            }
            sp.prec = Some(p);
        }
    }
    if sp.width > (1 << 40) || sp.prec.is_some_and(|p| p > (1 << 40)) {
        return Err(vm.memory_error());
    }
    while *i < fmt.len() && matches!(fmt[*i].cp(), 0x68 | 0x6c | 0x4c) {
        *i += 1;
    }
    Ok(sp)
}

/// `str % args` with CPython's rules.
pub fn percent_format(vm: &mut Vm, fmt: &Value, args: &Value) -> PyResult<Value> {
    let f = fmt.as_str().map(|s| s.code_points()).unwrap_or_default();
    let is_tuple = matches!(args.payload(), Some(Payload::Tuple(_)));
    let dict = {
        let cls = vm.type_of(args);
        if !is_tuple && args.as_str().is_none() && vm.lookup_mro(&cls, "__getitem__").is_some() {
            Some(args.clone())
        } else {
            None
        }
    };
    // CPython's state: the current argument source, its length (-1 for a
    // single object) and the next index (-2 before a single object is used).
    let mut cur = args.clone();
    let (mut arglen, mut argidx): (i64, i64) = match args.payload() {
        Some(Payload::Tuple(t)) => (t.len() as i64, 0),
        _ => (-1, -2),
    };
    let mut out: Vec<u32> = Vec::with_capacity(f.len());
    let mut i = 0;
    while i < f.len() {
        let c = f[i];
        i += 1;
        if c != 0x25 {
            out.push(c);
            continue;
        }
        if i >= f.len() {
            return Err(vm.value_error("incomplete format"));
        }
        if f[i] == 0x25 {
            out.push(0x25);
            i += 1;
            continue;
        }
        if f[i] == 0x28 {
            let Some(d) = dict.clone() else { return Err(vm.type_error("format requires a mapping")) };
            let mut depth = 1;
            let st = i + 1;
            let mut j = st;
            while j < f.len() && depth > 0 {
                if f[j] == 0x28 {
                    depth += 1;
                } else if f[j] == 0x29 {
                    depth -= 1;
                }
                j += 1;
            }
            if depth > 0 {
                return Err(vm.value_error("incomplete format key"));
            }
            let key = vm.new_pystr(PyStr::from_code_points(f[st..j - 1].to_vec()));
            cur = vm.getitem(&d, &key)?;
            arglen = -1;
            argidx = -2;
            i = j;
        }
        let mut take = |vm: &mut Vm| -> PyResult<Value> {
            if argidx < arglen {
                argidx += 1;
                if arglen < 0 {
                    return Ok(cur.clone());
                }
                if let Some(Payload::Tuple(t)) = cur.payload() {
                    if let Some(v) = t.get((argidx - 1) as usize) {
                        return Ok(v.clone());
                    }
                }
            }
            Err(vm.type_error("not enough arguments for format string"))
        };
        let sp = pct_parse_spec(vm, &f, &mut i, &mut take)?;
        if i >= f.len() {
            return Err(vm.value_error("incomplete format"));
        }
        let conv = f[i];
        i += 1;
        let v = take(vm)?;
        let body: Vec<u32> = match conv {
            0x73 | 0x72 | 0x61 => {
                let mut t = match conv {
                    0x73 => {
                        let s = vm.str(&v)?;
                        s.as_str().map(|s| s.code_points()).unwrap_or_default()
                    }
                    0x72 => vm.repr(&v)?.code_points(),
                    _ => vm.ascii(&v)?.chars().map(|c| c as u32).collect(),
                };
                if let Some(p) = sp.prec {
                    t.truncate(p);
                }
                pad_to(t, &sp)
            }
            0x63 => {
                let ch = if let Some(s) = v.as_str() {
                    if s.len() != 1 {
                        return Err(vm.type_error("%c requires int or char"));
                    }
                    s.at(0)
                } else if let Some(b) = ops::as_big(&v) {
                    match b.to_u32().filter(|&c| c < 0x110000) {
                        Some(c) => c,
                        None => return Err(vm.overflow_error("%c arg not in range(0x110000)")),
                    }
                } else {
                    let cls = vm.type_of(&v);
                    if vm.lookup_mro(&cls, "__index__").is_none() {
                        return Err(vm.type_error("%c requires int or char"));
                    }
                    let b = crate::builtins::index_big(vm, &v)?;
                    match b.to_u32().filter(|&c| c < 0x110000) {
                        Some(c) => c,
                        None => return Err(vm.overflow_error("%c arg not in range(0x110000)")),
                    }
                };
                pad_to(vec![ch], &sp)
            }
            0x64 | 0x69 | 0x75 | 0x78 | 0x58 | 0x6f | 0x65 | 0x45 | 0x66 | 0x46 | 0x67 | 0x47 => {
                pct_number(vm, &v, conv as u8, &sp, false)?.chars().map(|c| c as u32).collect()
            }
            c => {
                let shown = if (31..=126).contains(&c) { c as u8 as char } else { '?' };
                return Err(vm.value_error(format!("unsupported format character '{shown}' (0x{c:x}) at index {}", i - 1)));
            }
        };
        out.extend(body);
    }
    if argidx < arglen && dict.is_none() {
        return Err(vm.type_error("not all arguments converted during string formatting"));
    }
    Ok(vm.new_pystr(PyStr::from_code_points(out)))
}
