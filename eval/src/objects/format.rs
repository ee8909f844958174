//! `format()` and the format-spec mini-language (the common subset for now:
//! fill, align, sign, width, `,`/`_` grouping, precision and the types
//! `d s f e g % x o b`).

use crate::objects::str::PyStr;
use crate::value::{Payload, Value};
use crate::vm::Vm;
use crate::PyResult;

struct Spec {
    fill: char,
    align: Option<char>,
    sign: char,
    /// A sign character was written (`-` included).
    sign_given: bool,
    alt: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
}

fn parse(s: &str) -> Option<Spec> {
    let cs: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut sp = Spec { fill: ' ', align: None, sign: '-', sign_given: false, alt: false, zero: false, width: 0, grouping: None, precision: None, ty: None };
    if cs.len() >= 2 && matches!(cs[1], '<' | '>' | '^' | '=') {
        sp.fill = cs[0];
        sp.align = Some(cs[1]);
        i = 2;
    } else if !cs.is_empty() && matches!(cs[0], '<' | '>' | '^' | '=') {
        sp.align = Some(cs[0]);
        i = 1;
    }
    if i < cs.len() && matches!(cs[i], '+' | '-' | ' ') {
        sp.sign = cs[i];
        sp.sign_given = true;
        i += 1;
    }
    if i < cs.len() && cs[i] == '#' {
        sp.alt = true;
        i += 1;
    }
    if i < cs.len() && cs[i] == '0' {
        sp.zero = true;
        i += 1;
    }
    let st = i;
    while i < cs.len() && cs[i].is_ascii_digit() {
        i += 1;
    }
    if i > st {
        // Too many digits is reported by the caller (`Spec::width` too big).
        sp.width = cs[st..i].iter().collect::<String>().parse().unwrap_or(usize::MAX);
    }
    if i < cs.len() && matches!(cs[i], ',' | '_') {
        sp.grouping = Some(cs[i]);
        i += 1;
    }
    if i < cs.len() && cs[i] == '.' {
        i += 1;
        let st = i;
        while i < cs.len() && cs[i].is_ascii_digit() {
            i += 1;
        }
        if i == st {
            return None;
        }
        sp.precision = Some(cs[st..i].iter().collect::<String>().parse().ok()?);
    }
    if i < cs.len() {
        sp.ty = Some(cs[i]);
        i += 1;
    }
    if i != cs.len() {
        return None;
    }
    Some(sp)
}

fn group(digits: &str, sep: char, every: usize) -> String {
    let mut out = String::new();
    let n = digits.len();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i) % every == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

fn pad(sp: &Spec, sign: &str, body: &str, default_right: bool) -> String {
    let len = sign.chars().count() + body.chars().count();
    if len >= sp.width {
        return format!("{sign}{body}");
    }
    let n = sp.width - len;
    let (fill, align) = if sp.zero && sp.align.is_none() { ('0', '=') } else { (sp.fill, sp.align.unwrap_or(if default_right { '>' } else { '<' })) };
    let f = |k: usize| fill.to_string().repeat(k);
    match align {
        '<' => format!("{sign}{body}{}", f(n)),
        '^' => format!("{}{sign}{body}{}", f(n / 2), f(n - n / 2)),
        '=' => format!("{sign}{}{body}", f(n)),
        _ => format!("{}{sign}{body}", f(n)),
    }
}

pub fn format(vm: &mut Vm, v: &Value, spec: &Value) -> PyResult<Value> {
    let spec_s = spec.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
    if spec_s.contains(",_") || spec_s.contains("_,") {
        return Err(vm.value_error(format!("Cannot specify both ',' and '_'.")));
    }
    let cls = vm.type_of(v);
    if !crate::types::is_builtin_class(&cls) {
        if let Some(f) = vm.lookup_mro(&cls, "__format__") {
            if !crate::value::is_core_native(&f) {
                let r = vm.call(&f, vec![v.clone(), spec.clone()])?;
                if r.as_str().is_none() {
                    return Err(vm.type_error(format!("__format__ must return a str, not {}", vm.type_name(&r))));
                }
                return Ok(r);
            }
        }
    }
    if spec_s.is_empty() {
        return vm.str(v);
    }
    let Some(sp) = parse(&spec_s) else {
        return Err(vm.value_error("Invalid format specifier"));
    };
    if sp.width > i64::MAX as usize / 2 || sp.precision.is_some_and(|p| p > i64::MAX as usize / 2) {
        return Err(vm.value_error("Too many decimal digits in format string"));
    }
    if sp.width > 1 << 32 {
        return Err(vm.memory_error());
    }
    let out = match v {
        Value::Int(_) | Value::Bool(_) => format_int(vm, v, &sp)?,
        Value::Float(f) => format_float(vm, *f, &sp)?,
        Value::Obj(o) => match &o.payload {
            Payload::BigInt(_) => format_int(vm, v, &sp)?,
            Payload::Complex(re, im) => format_complex(vm, *re, *im, &sp)?,
            Payload::Str(s) => {
                if sp.ty.is_some_and(|t| t != 's') {
                    return Err(vm.value_error(format!("Unknown format code '{}' for object of type 'str'", sp.ty.unwrap_or('s'))));
                }
                if let Some(g) = sp.grouping {
                    return Err(vm.value_error(format!("Cannot specify '{g}' with 's'.")));
                }
                if sp.sign_given {
                    let what = if sp.sign == ' ' { "Space" } else { "Sign" };
                    return Err(vm.value_error(format!("{what} not allowed in string format specifier")));
                }
                if sp.alt {
                    return Err(vm.value_error("Alternate form (#) not allowed in string format specifier"));
                }
                if sp.align == Some('=') {
                    return Err(vm.value_error("'=' alignment not allowed in string format specifier"));
                }
                let mut text = s.to_string_lossy();
                if let Some(p) = sp.precision {
                    text = text.chars().take(p).collect();
                }
                pad(&sp, "", &text, false)
            }
            _ => {
                return Err(vm.type_error(format!("unsupported format string passed to {}.__format__", vm.type_name(v))));
            }
        },
        Value::None => {
            return Err(vm.type_error("unsupported format string passed to NoneType.__format__"));
        }
    };
    Ok(vm.new_pystr(PyStr::from_string(out)))
}

fn format_int(vm: &mut Vm, v: &Value, sp: &Spec) -> PyResult<String> {
    let b = crate::vm::ops::as_big(v).expect("an int");
    let ty = sp.ty.unwrap_or('d');
    if matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        let f = num_traits::ToPrimitive::to_f64(&b).unwrap_or(f64::INFINITY);
        return format_float(vm, f, sp);
    }
    if sp.precision.is_some() {
        return Err(vm.value_error("Precision not allowed in integer format specifier"));
    }
    if let Some(g) = sp.grouping {
        if (g == ',' && ty != 'd') || (g == '_' && !matches!(ty, 'd' | 'x' | 'X' | 'o' | 'b')) {
            return Err(vm.value_error(format!("Cannot specify '{g}' with '{ty}'.")));
        }
    }
    if ty == 'c' && sp.sign_given {
        return Err(vm.value_error("Sign not allowed with integer format specifier 'c'"));
    }
    if ty == 'c' && sp.alt {
        return Err(vm.value_error("Alternate form (#) not allowed with integer format specifier 'c'"));
    }
    let neg = b < 0.into();
    let mag = if neg { -b } else { b };
    let (digits, prefix) = match ty {
        'd' | 'n' => {
            let s = mag.to_str_radix(10);
            crate::objects::repr::check_int_digits(vm, s.len())?;
            (s, "")
        }
        'x' => (mag.to_str_radix(16), "0x"),
        'X' => (mag.to_str_radix(16).to_uppercase(), "0X"),
        'o' => (mag.to_str_radix(8), "0o"),
        'b' => (mag.to_str_radix(2), "0b"),
        'c' => {
            let c = num_traits::ToPrimitive::to_u32(&mag).and_then(char::from_u32).unwrap_or('\u{fffd}');
            return Ok(pad(sp, "", &c.to_string(), false));
        }
        _ => return Err(vm.value_error(format!("Unknown format code '{ty}' for object of type 'int'"))),
    };
    let digits = match sp.grouping {
        Some(g) => group(&digits, g, if ty == 'd' { 3 } else { 4 }),
        None => digits,
    };
    let sign = if neg { "-" } else if sp.sign == '+' { "+" } else if sp.sign == ' ' { " " } else { "" };
    let sign = format!("{sign}{}", if sp.alt { prefix } else { "" });
    Ok(pad(sp, &sign, &digits, true))
}

fn format_float(vm: &mut Vm, f: f64, sp: &Spec) -> PyResult<String> {
    let neg = f.is_sign_negative() && !(f == 0.0 && false);
    let a = f.abs();
    let ty = sp.ty;
    let body = if a.is_nan() {
        "nan".to_string()
    } else if a.is_infinite() {
        "inf".to_string()
    } else {
        match ty {
            Some('f') | Some('F') => {
                let s = format!("{:.*}", sp.precision.unwrap_or(6), a);
                if sp.alt && !s.contains('.') {
                    format!("{s}.")
                } else {
                    s
                }
            }
            Some('%') => {
                let s = format!("{:.*}", sp.precision.unwrap_or(6), a * 100.0);
                let point = if sp.alt && !s.contains('.') { "." } else { "" };
                format!("{s}{point}%")
            }
            Some('e') | Some('E') => {
                let s = format!("{:.*e}", sp.precision.unwrap_or(6), a);
                let (m, e) = s.split_once('e').expect("exponent");
                let e: i32 = e.parse().unwrap_or(0);
                let point = if sp.alt && !m.contains('.') { "." } else { "" };
                let r = format!("{m}{point}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
                if ty == Some('E') {
                    r.to_uppercase()
                } else {
                    r
                }
            }
            None if sp.precision.is_some() => {
                // Like 'g', but fixed notation keeps a digit after the
                // point, and switches to exponent when it could not.
                let p = sp.precision.unwrap_or(6).max(1);
                let s = format!("{:.*e}", p - 1, a);
                let (m, e) = s.split_once('e').expect("exponent");
                let exp: i32 = e.parse().unwrap_or(0);
                if exp < -4 || exp >= p as i32 - 1 {
                    let m = if m.contains('.') { m.trim_end_matches('0').trim_end_matches('.').to_string() } else { m.to_string() };
                    format!("{m}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
                } else {
                    let s = format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, a);
                    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
                    if s.contains('.') {
                        s
                    } else {
                        format!("{s}.0")
                    }
                }
            }
            Some('g') | Some('G') | Some('n') | None => {
                if ty.is_none() && sp.precision.is_none() {
                    crate::vm::ops::float_repr(a)
                } else {
                    let p = sp.precision.unwrap_or(6).max(1);
                    let exp = if a == 0.0 { 0 } else { a.log10().floor() as i32 };
                    let s = format!("{:.*e}", p - 1, a);
                    let (_, e) = s.split_once('e').expect("exponent");
                    let exp2: i32 = e.parse().unwrap_or(exp);
                    if exp2 >= -4 && exp2 < p as i32 {
                        let s = format!("{:.*}", (p as i32 - 1 - exp2).max(0) as usize, a);
                        if sp.alt && !s.contains('.') {
                            format!("{s}.")
                        } else if sp.alt || !s.contains('.') {
                            s
                        } else {
                            s.trim_end_matches('0').trim_end_matches('.').to_string()
                        }
                    } else {
                        let (m, _) = s.split_once('e').expect("exponent");
                        let m = if sp.alt && !m.contains('.') {
                            format!("{m}.")
                        } else if sp.alt || !m.contains('.') {
                            m.to_string()
                        } else {
                            m.trim_end_matches('0').trim_end_matches('.').to_string()
                        };
                        format!("{m}e{}{:02}", if exp2 < 0 { '-' } else { '+' }, exp2.abs())
                    }
                }
            }
            Some(t) => return Err(vm.value_error(format!("Unknown format code '{t}' for object of type 'float'"))),
        }
    };
    let body = if matches!(ty, Some('G') | Some('F')) { body.to_uppercase() } else { body };
    let body = match sp.grouping {
        Some(g) => {
            let (int, frac) = match body.find(['.', 'e', '%']) {
                Some(i) => body.split_at(i),
                None => (body.as_str(), ""),
            };
            format!("{}{frac}", group(int, g, 3))
        }
        None => body,
    };
    let sign = if neg && !f.is_nan() { "-" } else if sp.sign == '+' { "+" } else if sp.sign == ' ' { " " } else { "" };
    Ok(pad(sp, sign, &body, true))
}

/// `complex.__format__`: each part formatted as a float; without a type
/// code, the repr's form (parentheses when there is a real part, no `.0`).
fn format_complex(vm: &mut Vm, re: f64, im: f64, sp: &Spec) -> PyResult<String> {
    if sp.zero {
        return Err(vm.value_error("Zero padding is not allowed in complex format specifier"));
    }
    if sp.align == Some('=') {
        return Err(vm.value_error("'=' alignment flag is not allowed in complex format specifier"));
    }
    if let Some(t) = sp.ty {
        if !matches!(t, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n') {
            return Err(vm.value_error(format!("Unknown format code '{t}' for object of type 'complex'")));
        }
    }
    let repr_mode = sp.ty.is_none();
    let part = Spec {
        fill: ' ',
        align: None,
        sign: '-',
        sign_given: false,
        alt: sp.alt,
        zero: false,
        width: 0,
        grouping: sp.grouping,
        precision: sp.precision,
        ty: if repr_mode && sp.precision.is_some() { Some('g') } else { sp.ty },
    };
    let mut body = |x: f64| -> PyResult<String> {
        let s = format_float(vm, x.abs(), &part)?;
        if repr_mode && sp.precision.is_none() {
            // The repr has no `.0`; the alternate form keeps the point.
            if let Some(int) = s.strip_suffix(".0") {
                return Ok(if sp.alt { format!("{int}.") } else { int.to_string() });
            }
            if sp.alt && !s.contains(['.', 'n', 'i']) {
                return Ok(match s.split_once('e') {
                    Some((m, e)) => format!("{m}.e{e}"),
                    None => format!("{s}."),
                });
            }
        }
        Ok(s)
    };
    let re_body = body(re)?;
    let im_body = body(im)?;
    let spec_sign = |neg: bool| if neg { "-" } else if sp.sign == '+' { "+" } else if sp.sign == ' ' { " " } else { "" };
    let negative = |x: f64| x.is_sign_negative() && !x.is_nan();
    let skip_re = repr_mode && re == 0.0 && re.is_sign_positive();
    let text = if skip_re {
        format!("{}{im_body}j", spec_sign(negative(im)))
    } else {
        let im_sign = if negative(im) { "-" } else { "+" };
        let t = format!("{}{re_body}{im_sign}{im_body}j", spec_sign(negative(re)));
        if repr_mode { format!("({t})") } else { t }
    };
    Ok(pad(sp, "", &text, true))
}
