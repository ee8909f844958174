//! `_locale`: the C library's locale (CPython's `Modules/_localemodule.c`):
//! `setlocale`, `localeconv`, `nl_langinfo`, `strcoll`/`strxfrm`,
//! `getencoding`, and the gettext functions without message catalogs
//! (they return the message unchanged). As CPython, pyx sets `LC_CTYPE`
//! from the environment at start-up (`run.rs`).

use std::ffi::{CStr, CString};

use crate::modules::native::{self, positional};
use crate::objects::dict::Dict;
use crate::value::{PyRef, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

thread_local! {
    static ERROR: std::cell::RefCell<Option<PyRef>> = const { std::cell::RefCell::new(None) };
    static DOMAIN: std::cell::RefCell<String> = std::cell::RefCell::new("messages".to_string());
}

const LANGINFO: &[(&str, i64)] = &[
    ("CODESET", 14),
    ("D_T_FMT", 131112),
    ("D_FMT", 131113),
    ("T_FMT", 131114),
    ("T_FMT_AMPM", 131115),
    ("AM_STR", 131110),
    ("PM_STR", 131111),
    ("DAY_1", 131079),
    ("DAY_2", 131080),
    ("DAY_3", 131081),
    ("DAY_4", 131082),
    ("DAY_5", 131083),
    ("DAY_6", 131084),
    ("DAY_7", 131085),
    ("ABDAY_1", 131072),
    ("ABDAY_2", 131073),
    ("ABDAY_3", 131074),
    ("ABDAY_4", 131075),
    ("ABDAY_5", 131076),
    ("ABDAY_6", 131077),
    ("ABDAY_7", 131078),
    ("MON_1", 131098),
    ("MON_2", 131099),
    ("MON_3", 131100),
    ("MON_4", 131101),
    ("MON_5", 131102),
    ("MON_6", 131103),
    ("MON_7", 131104),
    ("MON_8", 131105),
    ("MON_9", 131106),
    ("MON_10", 131107),
    ("MON_11", 131108),
    ("MON_12", 131109),
    ("ABMON_1", 131086),
    ("ABMON_2", 131087),
    ("ABMON_3", 131088),
    ("ABMON_4", 131089),
    ("ABMON_5", 131090),
    ("ABMON_6", 131091),
    ("ABMON_7", 131092),
    ("ABMON_8", 131093),
    ("ABMON_9", 131094),
    ("ABMON_10", 131095),
    ("ABMON_11", 131096),
    ("ABMON_12", 131097),
    ("RADIXCHAR", 65536),
    ("THOUSEP", 65537),
    ("YESEXPR", 327680),
    ("NOEXPR", 327681),
    ("CRNCYSTR", 262159),
    ("ERA", 131116),
    ("ERA_D_FMT", 131118),
    ("ALT_DIGITS", 131119),
    ("ERA_D_T_FMT", 131120),
    ("ERA_T_FMT", 131121),
    ("_DATE_FMT", 131180),
];

const DOC: &str = "Support for POSIX locales.";

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let funcs: &[(&'static str, crate::value::NativeFn)] = &[
        ("setlocale", setlocale),
        ("localeconv", localeconv),
        ("strcoll", strcoll),
        ("strxfrm", strxfrm),
        ("nl_langinfo", nl_langinfo),
        ("getencoding", getencoding),
        ("gettext", gettext),
        ("dgettext", dgettext),
        ("dcgettext", dcgettext),
        ("textdomain", textdomain),
        ("bindtextdomain", bindtextdomain),
        ("bind_textdomain_codeset", bind_textdomain_codeset),
    ];
    let m = native::new_module(vm, "_locale", funcs);
    native::set(&m, "__doc__", vm.new_str(DOC));
    for (name, v) in [
        ("LC_CTYPE", libc::LC_CTYPE),
        ("LC_NUMERIC", libc::LC_NUMERIC),
        ("LC_TIME", libc::LC_TIME),
        ("LC_COLLATE", libc::LC_COLLATE),
        ("LC_MONETARY", libc::LC_MONETARY),
        ("LC_MESSAGES", libc::LC_MESSAGES),
        ("LC_ALL", libc::LC_ALL),
        ("CHAR_MAX", 127),
    ] {
        native::set(&m, name, Value::Int(v as i64));
    }
    for (name, v) in LANGINFO {
        native::set(&m, name, Value::Int(*v));
    }
    let error = match ERROR.with(|e| e.borrow().clone()) {
        Some(e) => e,
        None => {
            let e = native::exception_class(vm, "locale", "Error", None)?;
            ERROR.with(|c| *c.borrow_mut() = Some(e.clone()));
            e
        }
    };
    native::set(&m, "Error", Value::Obj(error));
    Ok(m)
}

fn locale_error(vm: &Vm, msg: &str) -> crate::PyErr {
    let cls = ERROR.with(|e| e.borrow().clone()).unwrap_or_else(|| vm.types.exc.exception.clone());
    vm.err(&cls, msg)
}

/// Text from the C library (locale-encoded; UTF-8 or ASCII here).
fn decode(vm: &Vm, p: *const libc::c_char) -> Value {
    if p.is_null() {
        return vm.new_str("");
    }
    // SAFETY: a NUL-terminated string owned by the C library, copied now.
    let s = unsafe { CStr::from_ptr(p) }.to_bytes();
    match std::str::from_utf8(s) {
        Ok(t) => vm.new_str(t),
        Err(_) => vm.new_str(&String::from_utf8_lossy(s)),
    }
}

fn cstring(vm: &Vm, v: &Value, f: &str, what: &str) -> PyResult<CString> {
    let Some(s) = v.as_str() else {
        return Err(vm.type_error(format!("{f}() argument {what} must be str or None, not {}", vm.type_name(v))));
    };
    CString::new(s.to_string_lossy()).map_err(|_| vm.value_error("embedded null character"))
}

fn setlocale(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "setlocale", 1, 2)?.to_vec();
    let cat = crate::objects::str_methods::c_int(vm, &p[0])?;
    let loc = match p.get(1) {
        Some(v) if !v.is_none() => Some(cstring(vm, v, "setlocale", "2")?),
        _ => None,
    };
    // SAFETY: setlocale with a valid C string or NULL (a query).
    let r = unsafe { libc::setlocale(cat as libc::c_int, loc.as_ref().map_or(std::ptr::null(), |c| c.as_ptr())) };
    if r.is_null() {
        return Err(locale_error(vm, if loc.is_some() { "unsupported locale setting" } else { "locale query failed" }));
    }
    Ok(decode(vm, r))
}

fn grouping(vm: &Vm, p: *const libc::c_char) -> Value {
    // SAFETY: a NUL-terminated byte string from localeconv.
    let s = if p.is_null() { &[][..] } else { unsafe { CStr::from_ptr(p) }.to_bytes() };
    if s.is_empty() {
        return vm.new_list(vec![]);
    }
    let mut out = Vec::new();
    for &b in s {
        out.push(Value::Int(b as i8 as i64));
        if b == 127 {
            break;
        }
    }
    // CPython also copies the terminating 0 unless CHAR_MAX ended it.
    if !s.contains(&127) {
        out.push(Value::Int(0));
    }
    vm.new_list(out)
}

fn localeconv(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    positional(vm, a, "localeconv", 0, 0)?;
    // SAFETY: localeconv returns a pointer to static data, read at once.
    let lc = unsafe { &*libc::localeconv() };
    let d = vm.new_dict(Dict::new());
    let ch = |c: libc::c_char| Value::Int(c as u8 as i64);
    let items: Vec<(&str, Value)> = vec![
        ("int_curr_symbol", decode(vm, lc.int_curr_symbol)),
        ("currency_symbol", decode(vm, lc.currency_symbol)),
        ("mon_decimal_point", decode(vm, lc.mon_decimal_point)),
        ("mon_thousands_sep", decode(vm, lc.mon_thousands_sep)),
        ("mon_grouping", grouping(vm, lc.mon_grouping)),
        ("positive_sign", decode(vm, lc.positive_sign)),
        ("negative_sign", decode(vm, lc.negative_sign)),
        ("int_frac_digits", ch(lc.int_frac_digits)),
        ("frac_digits", ch(lc.frac_digits)),
        ("p_cs_precedes", ch(lc.p_cs_precedes)),
        ("p_sep_by_space", ch(lc.p_sep_by_space)),
        ("n_cs_precedes", ch(lc.n_cs_precedes)),
        ("n_sep_by_space", ch(lc.n_sep_by_space)),
        ("p_sign_posn", ch(lc.p_sign_posn)),
        ("n_sign_posn", ch(lc.n_sign_posn)),
        ("decimal_point", decode(vm, lc.decimal_point)),
        ("thousands_sep", decode(vm, lc.thousands_sep)),
        ("grouping", grouping(vm, lc.grouping)),
    ];
    for (k, v) in items {
        let k = vm.new_str(k);
        vm.setitem(&d, k, v)?;
    }
    Ok(d)
}

fn wide(vm: &Vm, v: &Value, f: &str, n: usize) -> PyResult<Vec<libc::wchar_t>> {
    let Some(s) = v.as_str() else {
        return Err(vm.type_error(format!("{f}() argument {n} must be str, not {}", vm.type_name(v))));
    };
    let mut w: Vec<libc::wchar_t> = Vec::new();
    for c in s.iter() {
        if c == 0 {
            return Err(vm.value_error("embedded null character"));
        }
        w.push(c as libc::wchar_t);
    }
    w.push(0);
    Ok(w)
}

extern "C" {
    fn wcscoll(a: *const libc::wchar_t, b: *const libc::wchar_t) -> libc::c_int;
    fn wcsxfrm(dest: *mut libc::wchar_t, src: *const libc::wchar_t, n: libc::size_t) -> libc::size_t;
}

fn strcoll(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "strcoll", 2, 2)?.to_vec();
    let x = wide(vm, &p[0], "strcoll", 1)?;
    let y = wide(vm, &p[1], "strcoll", 2)?;
    // SAFETY: both are NUL-terminated wide strings.
    let r = unsafe { wcscoll(x.as_ptr(), y.as_ptr()) };
    Ok(Value::Int(r as i64))
}

fn strxfrm(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "strxfrm", 1, 1)?.to_vec();
    let x = wide(vm, &p[0], "strxfrm", 1)?;
    // SAFETY: a size query, then a buffer of the size asked for.
    let n = unsafe { wcsxfrm(std::ptr::null_mut(), x.as_ptr(), 0) };
    let mut buf: Vec<libc::wchar_t> = vec![0; n + 1];
    unsafe {
        wcsxfrm(buf.as_mut_ptr(), x.as_ptr(), n + 1);
    }
    let cps: Vec<u32> = buf[..n].iter().map(|&c| c as u32).collect();
    Ok(vm.new_pystr(crate::objects::str::PyStr::from_code_points(cps)))
}

fn nl_langinfo(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "nl_langinfo", 1, 1)?.to_vec();
    let key = crate::objects::str_methods::c_int(vm, &p[0])?;
    if !LANGINFO.iter().any(|(_, v)| *v == key) {
        return Err(vm.value_error("unsupported langinfo constant"));
    }
    // SAFETY: nl_langinfo with a supported item returns a static string.
    let r = unsafe { libc::nl_langinfo(key as libc::nl_item) };
    Ok(decode(vm, r))
}

fn getencoding(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    positional(vm, a, "getencoding", 0, 0)?;
    // SAFETY: as nl_langinfo above.
    let r = unsafe { libc::nl_langinfo(libc::CODESET) };
    let v = decode(vm, r);
    if v.as_str().is_some_and(|s| s.is_empty()) {
        return Ok(vm.new_str("utf-8"));
    }
    Ok(v)
}

fn str_arg(vm: &Vm, v: &Value, f: &str, n: usize) -> PyResult<Value> {
    if v.as_str().is_none() {
        return Err(vm.type_error(format!("{f}() argument {n} must be str, not {}", vm.type_name(v))));
    }
    Ok(v.clone())
}

fn gettext(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "gettext", 1, 1)?.to_vec();
    str_arg(vm, &p[0], "gettext", 1)
}

fn dgettext(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "dgettext", 2, 2)?.to_vec();
    str_arg(vm, &p[1], "dgettext", 2)
}

fn dcgettext(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "dcgettext", 3, 3)?.to_vec();
    str_arg(vm, &p[1], "dcgettext", 2)
}

fn textdomain(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "textdomain", 1, 1)?.to_vec();
    if let Some(s) = p[0].as_str() {
        DOMAIN.with(|d| *d.borrow_mut() = s.to_string_lossy());
    } else if !p[0].is_none() {
        return Err(vm.type_error(format!("textdomain() argument must be str or None, not {}", vm.type_name(&p[0]))));
    }
    let d = DOMAIN.with(|d| d.borrow().clone());
    Ok(vm.new_str(&d))
}

fn bindtextdomain(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "bindtextdomain", 2, 2)?.to_vec();
    str_arg(vm, &p[0], "bindtextdomain", 1)?;
    if p[1].is_none() {
        return Ok(vm.new_str("/usr/share/locale"));
    }
    let Some(dir) = p[1].as_str().map(|s| s.to_string_lossy()) else {
        return Err(vm.type_error(format!("bindtextdomain() argument 2 must be str or None, not {}", vm.type_name(&p[1]))));
    };
    let abs = std::path::absolute(&dir).map(|d| d.display().to_string()).unwrap_or(dir);
    Ok(vm.new_str(&abs))
}

fn bind_textdomain_codeset(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "bind_textdomain_codeset", 2, 2)?.to_vec();
    str_arg(vm, &p[0], "bind_textdomain_codeset", 1)?;
    Ok(p[1].clone())
}
