//! The native `unicodedata` module: CPython 3.11's Unicode 14.0 database
//! (the tables and algorithms are in the `pyx-ucd` crate) and its
//! `ucd_3_2_0` object, an instance of `unicodedata.UCD`, with the same
//! methods on the Unicode 3.2.0 view (used by `encodings.idna`).
//!
//! Other parts of the interpreter use [`char_name`] (the `namereplace`
//! error handler) and [`lookup_name`] (`\N{...}`).

use super::native;
use crate::objects::str::PyStr;
use crate::value::{NativeFn, Payload, Value};
use crate::vm::{str_key, Args, Vm};
use crate::{PyErr, PyResult};

pub use pyx_ucd::{char_name, lookup_name};

/// The state of a `unicodedata.UCD` instance: which database it views.
struct Ucd {
    old: bool,
}

const UCD: &str = "unicodedata.UCD";

type Method = fn(&mut Vm, &Args, bool, &str) -> PyResult<Value>;

/// The functions, each both a module function (Unicode 14.0) and a
/// method of `UCD` (`ucd_3_2_0`).
const FUNCTIONS: &[(&str, Method, NativeFn, NativeFn)] = &[
    ("decimal", decimal, m_decimal, u_decimal),
    ("digit", digit, m_digit, u_digit),
    ("numeric", numeric, m_numeric, u_numeric),
    ("category", category, m_category, u_category),
    ("bidirectional", bidirectional, m_bidirectional, u_bidirectional),
    ("combining", combining, m_combining, u_combining),
    ("mirrored", mirrored, m_mirrored, u_mirrored),
    ("east_asian_width", east_asian_width, m_east_asian_width, u_east_asian_width),
    ("decomposition", decomposition, m_decomposition, u_decomposition),
    ("name", name, m_name, u_name),
    ("lookup", lookup, m_lookup, u_lookup),
    ("normalize", normalize, m_normalize, u_normalize),
    ("is_normalized", is_normalized, m_is_normalized, u_is_normalized),
];

macro_rules! entry_points {
    ($($f:ident $m:ident $u:ident;)*) => {$(
        fn $m(vm: &mut Vm, a: &Args) -> PyResult<Value> {
            $f(vm, a, false, "unicodedata")
        }
        fn $u(vm: &mut Vm, a: &Args) -> PyResult<Value> {
            let name = stringify!($f);
            let old = native::this::<Ucd>(vm, a, UCD, name)?.old;
            let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
            $f(vm, &rest, old, "UCD")
        }
    )*};
}

entry_points! {
    decimal m_decimal u_decimal;
    digit m_digit u_digit;
    numeric m_numeric u_numeric;
    category m_category u_category;
    bidirectional m_bidirectional u_bidirectional;
    combining m_combining u_combining;
    mirrored m_mirrored u_mirrored;
    east_asian_width m_east_asian_width u_east_asian_width;
    decomposition m_decomposition u_decomposition;
    name m_name u_name;
    lookup m_lookup u_lookup;
    normalize m_normalize u_normalize;
    is_normalized m_is_normalized u_is_normalized;
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let funcs: Vec<(&'static str, NativeFn)> = FUNCTIONS.iter().map(|&(n, _, m, _)| (n, m)).collect();
    let m = native::new_module(vm, "unicodedata", &funcs);
    native::set(
        &m,
        "__doc__",
        vm.new_str(
            "This module provides access to the Unicode Character Database which\n\
             defines character properties for all Unicode characters. The data in\n\
             this database is based on the UnicodeData.txt file version\n\
             14.0.0 which is publicly available from ftp://ftp.unicode.org/.\n\
             \n\
             The module uses the same names and symbols as defined by the\n\
             UnicodeData File Format 14.0.0.",
        ),
    );
    native::set(&m, "unidata_version", vm.new_str(pyx_ucd::UNIDATA_VERSION));
    let cls = native::native_final_class(vm, "unicodedata", "UCD");
    native::add_new(&cls, ucd_new);
    for &(n, _, _, u) in FUNCTIONS {
        native::add_method(&cls, n, u);
    }
    native::add_readonly_member(vm, &cls, "unidata_version", ucd_version);
    let ucd = native::new_opaque(vm, &cls, Ucd { old: true });
    native::set(&m, "UCD", Value::Obj(cls));
    native::set(&m, "ucd_3_2_0", ucd);
    Ok(m)
}

fn ucd_new(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(vm.type_error(format!("cannot create '{UCD}' instances")))
}

fn ucd_version(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let old = native::this::<Ucd>(vm, a, UCD, "unidata_version")?.old;
    Ok(vm.new_str(if old { pyx_ucd::UNIDATA_VERSION_3_2_0 } else { pyx_ucd::UNIDATA_VERSION }))
}

// ---- arguments -------------------------------------------------------------------

/// A METH_O function's one argument.
fn one_arg<'a>(vm: &Vm, a: &'a Args, fname: &str, owner: &str) -> PyResult<&'a Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("{owner}.{fname}() takes no keyword arguments")));
    }
    if a.pos.len() != 1 {
        return Err(vm.type_error(format!("{owner}.{fname}() takes exactly one argument ({} given)", a.pos.len())));
    }
    Ok(&a.pos[0])
}

/// Positional arguments of a METH_FASTCALL function.
fn fast_args<'a>(vm: &Vm, a: &'a Args, fname: &str, owner: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("{owner}.{fname}() takes no keyword arguments")));
    }
    native::positional_only(vm, a, fname, min, max)
}

/// A `chr: int(accept={str})` argument: a str of length 1.
fn char_arg(vm: &Vm, v: &Value, fname: &str, which: &str) -> PyResult<u32> {
    match v.as_str() {
        Some(s) if s.len() == 1 => Ok(s.at(0)),
        _ => Err(vm.type_error(format!("{fname}() {which} must be a unicode character, not {}", vm.type_name(v)))),
    }
}

/// A `unicode` argument.
fn str_arg<'a>(vm: &Vm, v: &'a Value, fname: &str, n: usize) -> PyResult<&'a PyStr> {
    v.as_str().ok_or_else(|| vm.type_error(format!("{fname}() argument {n} must be str, not {}", vm.type_name(v))))
}

// ---- the functions ---------------------------------------------------------------

fn with_default(vm: &Vm, found: Option<Value>, args: &[Value], msg: &str) -> PyResult<Value> {
    match found {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.value_error(msg)),
        },
    }
}

fn decimal(vm: &mut Vm, a: &Args, old: bool, owner: &str) -> PyResult<Value> {
    let args = fast_args(vm, a, "decimal", owner, 1, 2)?;
    let c = char_arg(vm, &args[0], "decimal", "argument 1")?;
    with_default(vm, pyx_ucd::decimal(c, old).map(|d| Value::Int(d as i64)), args, "not a decimal")
}

fn digit(vm: &mut Vm, a: &Args, _old: bool, owner: &str) -> PyResult<Value> {
    let args = fast_args(vm, a, "digit", owner, 1, 2)?;
    let c = char_arg(vm, &args[0], "digit", "argument 1")?;
    with_default(vm, pyx_ucd::digit(c).map(|d| Value::Int(d as i64)), args, "not a digit")
}

fn numeric(vm: &mut Vm, a: &Args, old: bool, owner: &str) -> PyResult<Value> {
    let args = fast_args(vm, a, "numeric", owner, 1, 2)?;
    let c = char_arg(vm, &args[0], "numeric", "argument 1")?;
    with_default(vm, pyx_ucd::numeric(c, old).map(Value::Float), args, "not a numeric character")
}

fn name(vm: &mut Vm, a: &Args, old: bool, owner: &str) -> PyResult<Value> {
    let args = fast_args(vm, a, "name", owner, 1, 2)?;
    let c = char_arg(vm, &args[0], "name", "argument 1")?;
    let found = pyx_ucd::name(c, old).map(|n| vm.new_str(&n));
    with_default(vm, found, args, "no such name")
}

fn category(vm: &mut Vm, a: &Args, old: bool, owner: &str) -> PyResult<Value> {
    let c = char_arg(vm, one_arg(vm, a, "category", owner)?, "category", "argument")?;
    Ok(str_key(pyx_ucd::category(c, old)))
}

fn bidirectional(vm: &mut Vm, a: &Args, old: bool, owner: &str) -> PyResult<Value> {
    let c = char_arg(vm, one_arg(vm, a, "bidirectional", owner)?, "bidirectional", "argument")?;
    Ok(str_key(pyx_ucd::bidirectional(c, old)))
}

fn combining(vm: &mut Vm, a: &Args, old: bool, owner: &str) -> PyResult<Value> {
    let c = char_arg(vm, one_arg(vm, a, "combining", owner)?, "combining", "argument")?;
    Ok(Value::Int(pyx_ucd::combining(c, old) as i64))
}

fn mirrored(vm: &mut Vm, a: &Args, old: bool, owner: &str) -> PyResult<Value> {
    let c = char_arg(vm, one_arg(vm, a, "mirrored", owner)?, "mirrored", "argument")?;
    Ok(Value::Int(pyx_ucd::mirrored(c, old) as i64))
}

fn east_asian_width(vm: &mut Vm, a: &Args, old: bool, owner: &str) -> PyResult<Value> {
    let c = char_arg(vm, one_arg(vm, a, "east_asian_width", owner)?, "east_asian_width", "argument")?;
    Ok(str_key(pyx_ucd::east_asian_width(c, old)))
}

fn decomposition(vm: &mut Vm, a: &Args, old: bool, owner: &str) -> PyResult<Value> {
    let c = char_arg(vm, one_arg(vm, a, "decomposition", owner)?, "decomposition", "argument")?;
    Ok(vm.new_str(&pyx_ucd::decomposition(c, old)))
}

fn lookup(vm: &mut Vm, a: &Args, old: bool, owner: &str) -> PyResult<Value> {
    let v = one_arg(vm, a, "lookup", owner)?;
    // `str(accept={str, robuffer})`: a str (as UTF-8) or bytes.
    let bytes: Vec<u8> = match v.payload() {
        Some(Payload::Str(s)) => match s.to_utf8() {
            Some(u) => u.into_bytes(),
            None => return Err(encode_error(vm, v, s)),
        },
        Some(Payload::Bytes(b)) => b.to_vec(),
        Some(Payload::ByteArray(_)) | Some(Payload::MemoryView(_)) => {
            return Err(vm.type_error(format!("lookup() argument must be read-only bytes-like object, not {}", vm.type_name(v))))
        }
        _ => return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(v)))),
    };
    if bytes.len() > pyx_ucd::NAME_MAXLEN {
        let msg = vm.new_str("name too long");
        return Err(vm.key_error(msg));
    }
    match pyx_ucd::lookup(&bytes, true, old) {
        Some(pyx_ucd::Named::Char(c)) => Ok(vm.new_pystr(PyStr::from_code_points(vec![c]))),
        Some(pyx_ucd::Named::Sequence(s)) => Ok(vm.new_pystr(PyStr::from_code_points(s.to_vec()))),
        None => {
            // The message is formatted with `%s`: it stops at a NUL.
            let shown = bytes.split(|&b| b == 0).next().unwrap_or(&[]);
            let msg = vm.new_str(&format!("undefined character name '{}'", String::from_utf8_lossy(shown)));
            Err(vm.key_error(msg))
        }
    }
}

/// A str with lone surrogates cannot be UTF-8 encoded for `lookup`.
fn encode_error(vm: &mut Vm, v: &Value, s: &PyStr) -> PyErr {
    let i = s.iter().position(|c| (0xD800..0xE000).contains(&c)).unwrap_or(0);
    let cls = vm.types.exc.unicode_encode_error.clone();
    let args = vec![vm.new_str("utf-8"), v.clone(), Value::Int(i as i64), Value::Int(i as i64 + 1), vm.new_str("surrogates not allowed")];
    match vm.call(&Value::Obj(cls), args) {
        Ok(e) => PyErr(e),
        Err(e) => e,
    }
}

/// The form and string arguments of `normalize`/`is_normalized`; `None`
/// for the string when it is empty or ASCII (normalized in every form).
fn form_and_str(vm: &mut Vm, a: &Args, fname: &str, owner: &str) -> PyResult<(pyx_ucd::Form, Option<Vec<u32>>, Value)> {
    let args = fast_args(vm, a, fname, owner, 2, 2)?;
    let form = str_arg(vm, &args[0], fname, 1)?;
    let s = str_arg(vm, &args[1], fname, 2)?;
    let input = args[1].clone();
    if s.is_empty() {
        return Ok((pyx_ucd::Form::Nfc, None, input));
    }
    let form = form.as_ascii().and_then(pyx_ucd::Form::from_name).ok_or_else(|| vm.value_error("invalid normalization form"))?;
    let cps = if s.as_ascii().is_some() { None } else { Some(s.code_points()) };
    Ok((form, cps, input))
}

fn normalize(vm: &mut Vm, a: &Args, old: bool, owner: &str) -> PyResult<Value> {
    let (form, s, input) = form_and_str(vm, a, "normalize", owner)?;
    let Some(st) = input.as_str() else { return Ok(input) };
    // CPython returns the argument itself (even a str subclass instance)
    // when it is empty or its quick check says YES (never for 3.2.0).
    if st.is_empty() || (!old && s.as_ref().is_none_or(|s| pyx_ucd::quick_check_yes(form, s))) {
        return Ok(input);
    }
    let out = match &s {
        Some(s) => pyx_ucd::normalize(form, s, old),
        None => st.code_points(),
    };
    Ok(vm.new_pystr(PyStr::from_code_points(out)))
}

fn is_normalized(vm: &mut Vm, a: &Args, old: bool, owner: &str) -> PyResult<Value> {
    let (form, s, _) = form_and_str(vm, a, "is_normalized", owner)?;
    Ok(Value::Bool(match s {
        Some(s) => pyx_ucd::is_normalized(form, &s, old),
        None => true,
    }))
}
