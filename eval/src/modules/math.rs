//! The native `math` module. Elementary functions come from the C math
//! library (the one CPython calls, so results agree bit for bit); the
//! functions CPython computes itself (gamma, lgamma, fsum, hypot, …)
//! follow the same algorithms. Error reporting follows CPython's rules:
//! an invalid argument or a singularity raises ValueError("math domain
//! error"), an overflow OverflowError("math range error").

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::modules::native;
use crate::value::{NativeFn, Payload, Value};
use crate::vm::ops;
use crate::vm::{Args, Vm};
use crate::PyResult;

/// The C math library (libm), as CPython uses it.
pub(crate) mod c {
    extern "C" {
        pub fn sin(x: f64) -> f64;
        pub fn cos(x: f64) -> f64;
        pub fn tan(x: f64) -> f64;
        pub fn asin(x: f64) -> f64;
        pub fn acos(x: f64) -> f64;
        pub fn atan(x: f64) -> f64;
        pub fn atan2(y: f64, x: f64) -> f64;
        pub fn sinh(x: f64) -> f64;
        pub fn cosh(x: f64) -> f64;
        pub fn tanh(x: f64) -> f64;
        pub fn asinh(x: f64) -> f64;
        pub fn acosh(x: f64) -> f64;
        pub fn atanh(x: f64) -> f64;
        pub fn exp(x: f64) -> f64;
        pub fn exp2(x: f64) -> f64;
        pub fn expm1(x: f64) -> f64;
        pub fn log(x: f64) -> f64;
        pub fn log2(x: f64) -> f64;
        pub fn log10(x: f64) -> f64;
        pub fn log1p(x: f64) -> f64;
        pub fn sqrt(x: f64) -> f64;
        // The Rust runtime carries a cbrt of its own; CPython's is glibc's.
        #[cfg_attr(all(target_os = "linux", target_env = "gnu"), link_name = "cbrtf64")]
        pub fn cbrt(x: f64) -> f64;
        pub fn erf(x: f64) -> f64;
        pub fn erfc(x: f64) -> f64;
        pub fn pow(x: f64, y: f64) -> f64;
        pub fn fmod(x: f64, y: f64) -> f64;
        pub fn hypot(x: f64, y: f64) -> f64;
        pub fn nextafter(x: f64, y: f64) -> f64;
        pub fn ldexp(x: f64, e: i32) -> f64;
        pub fn frexp(x: f64, e: *mut i32) -> f64;
        pub fn modf(x: f64, i: *mut f64) -> f64;
    }
}

/// Calls of the C library functions (pure functions of their arguments).
macro_rules! cm {
    ($f:ident($($x:expr),*)) => {
        // SAFETY: the libm functions take and return plain doubles.
        unsafe { c::$f($($x),*) }
    };
}
pub(crate) use cm;

#[cfg(any(target_os = "linux", target_os = "android"))]
fn errno_ptr() -> *mut i32 {
    // SAFETY: returns the calling thread's errno location.
    unsafe { libc::__errno_location() }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn errno_ptr() -> *mut i32 {
    // SAFETY: returns the calling thread's errno location.
    unsafe { libc::__error() }
}

pub(crate) fn errno_clear() {
    // SAFETY: errno is thread-local and always valid.
    unsafe { *errno_ptr() = 0 }
}

pub(crate) fn errno_get() -> i32 {
    // SAFETY: as above.
    unsafe { *errno_ptr() }
}

pub fn frexp(x: f64) -> (f64, i32) {
    let mut e = 0i32;
    // SAFETY: `e` is a valid out-pointer.
    let m = unsafe { c::frexp(x, &mut e) };
    (m, e)
}

pub fn ldexp(x: f64, e: i32) -> f64 {
    cm!(ldexp(x, e))
}

/// The error a libm-style computation reports, as CPython's `errno`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum MathErr {
    None,
    Dom,
    Range,
}

pub(crate) fn domain(vm: &Vm) -> crate::PyErr {
    vm.value_error("math domain error")
}

pub(crate) fn range(vm: &Vm) -> crate::PyErr {
    vm.overflow_error("math range error")
}

/// CPython's `is_error`: EDOM is a ValueError; ERANGE an OverflowError
/// unless the result is small (an underflow, which is not an error).
fn check(vm: &Vm, r: f64, e: MathErr) -> PyResult<f64> {
    match e {
        MathErr::None => Ok(r),
        MathErr::Dom => Err(domain(vm)),
        MathErr::Range => {
            if r.abs() < 1.5 {
                Ok(r)
            } else {
                Err(range(vm))
            }
        }
    }
}

fn errno_kind() -> MathErr {
    match errno_get() {
        0 => MathErr::None,
        libc::EDOM => MathErr::Dom,
        libc::ERANGE => MathErr::Range,
        _ => MathErr::Dom,
    }
}

/// `PyFloat_AsDouble`: floats, `__float__`, `__index__`.
pub fn arg_f64(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => return Ok(*f),
        Value::Int(i) => return Ok(*i as f64),
        Value::Bool(b) => return Ok(*b as i64 as f64),
        _ => {}
    }
    if let Some(Payload::Float(f)) = v.payload() {
        return Ok(*f);
    }
    if let Some(Payload::BigInt(b)) = v.payload() {
        if vm.exact_num(v) {
            return big_to_f64(vm, b);
        }
    }
    let cls = vm.type_of(v);
    if let Some(f) = vm.lookup_mro(&cls, "__float__") {
        let r = vm.call(&f, vec![v.clone()])?;
        return match &r {
            Value::Float(f) => Ok(*f),
            _ => match r.payload() {
                Some(Payload::Float(f)) => Ok(*f),
                _ => {
                    let cn = cls_name(&cls);
                    Err(vm.type_error(format!("{cn}.__float__ returned non-float (type {})", vm.type_name(&r))))
                }
            },
        };
    }
    if let Some(f) = vm.lookup_mro(&cls, "__index__") {
        let r = vm.call(&f, vec![v.clone()])?;
        return match ops::as_big(&r) {
            Some(b) => big_to_f64(vm, &b),
            None => Err(vm.type_error(format!("__index__ returned non-int (type {})", vm.type_name(&r)))),
        };
    }
    Err(vm.type_error(format!("must be real number, not {}", vm.type_name(v))))
}

fn cls_name(cls: &crate::value::PyRef) -> String {
    match &cls.payload {
        Payload::Class(c) => c.name.borrow().clone(),
        _ => "?".into(),
    }
}

pub fn big_to_f64(vm: &Vm, b: &BigInt) -> PyResult<f64> {
    b.to_f64().filter(|f| f.is_finite()).ok_or_else(|| vm.overflow_error("int too large to convert to float"))
}

/// A positive big int as `(m, e)` with `0.5 <= m < 1` and value ~ m * 2**e,
/// `m` correctly rounded to 53 bits.
fn big_frexp(b: &BigInt) -> (f64, u64) {
    let bits = b.bits();
    let mag = b.magnitude();
    if bits <= 55 {
        let m = mag.to_u64().unwrap_or(0) as f64;
        return (m / 2f64.powi(bits as i32), bits);
    }
    let shift = bits - 55;
    let top: num_bigint::BigUint = mag >> shift;
    let mut t = top.to_u64().unwrap_or(0);
    if mag.trailing_zeros().unwrap_or(0) < shift {
        t |= 1;
    }
    (t as f64 / 2f64.powi(55), bits)
}

// ---- argument checking, with CPython's messages ----

/// A METH_O function: exactly one positional argument.
fn one<'a>(vm: &Vm, a: &'a Args, name: &str) -> PyResult<&'a Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("math.{name}() takes no keyword arguments")));
    }
    if a.pos.len() != 1 {
        return Err(vm.type_error(format!("math.{name}() takes exactly one argument ({} given)", a.pos.len())));
    }
    Ok(&a.pos[0])
}

/// A fastcall function with a positional argument count check.
fn fixed<'a>(vm: &Vm, a: &'a Args, name: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("math.{name}() takes no keyword arguments")));
    }
    let n = a.pos.len();
    if n < min || n > max {
        let msg = if min == max {
            format!("{name} expected {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
        } else if n < min {
            format!("{name} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
        } else {
            format!("{name} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" })
        };
        return Err(vm.type_error(msg));
    }
    Ok(&a.pos)
}

/// Any number of positional arguments only.
fn varargs<'a>(vm: &Vm, a: &'a Args, name: &str) -> PyResult<&'a [Value]> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("math.{name}() takes no keyword arguments")));
    }
    Ok(&a.pos)
}

// ---- the wrappers of CPython's math_1 / math_2 ----

fn math_1(vm: &mut Vm, a: &Args, name: &str, f: fn(f64) -> f64, can_overflow: bool) -> PyResult<Value> {
    let x = arg_f64(vm, one(vm, a, name)?)?;
    errno_clear();
    let r = f(x);
    let e = errno_kind();
    if r.is_nan() && !x.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range(vm) } else { domain(vm) });
    }
    if r.is_finite() {
        return Ok(Value::float(check(vm, r, e)?));
    }
    Ok(Value::float(r))
}

/// For functions that report their errors themselves (gamma, erf, …).
fn math_1a(vm: &mut Vm, a: &Args, name: &str, f: fn(f64) -> (f64, MathErr)) -> PyResult<Value> {
    let x = arg_f64(vm, one(vm, a, name)?)?;
    let (r, e) = f(x);
    Ok(Value::float(check(vm, r, e)?))
}

fn math_2(vm: &mut Vm, a: &Args, name: &str, f: fn(f64, f64) -> f64) -> PyResult<Value> {
    let args = fixed(vm, a, name, 2, 2)?;
    let x = arg_f64(vm, &args[0])?;
    let y = arg_f64(vm, &args[1])?;
    let r = f(x, y);
    let e = if r.is_nan() {
        if !x.is_nan() && !y.is_nan() {
            MathErr::Dom
        } else {
            MathErr::None
        }
    } else if r.is_infinite() {
        if x.is_finite() && y.is_finite() {
            MathErr::Range
        } else {
            MathErr::None
        }
    } else {
        MathErr::None
    };
    Ok(Value::float(check(vm, r, e)?))
}

macro_rules! func1 {
    ($name:ident, $pyname:literal, $f:expr, $ovf:expr) => {
        fn $name(vm: &mut Vm, a: &Args) -> PyResult<Value> {
            math_1(vm, a, $pyname, $f, $ovf)
        }
    };
}

func1!(m_acos, "acos", |x| cm!(acos(x)), false);
func1!(m_acosh, "acosh", |x| cm!(acosh(x)), false);
func1!(m_asin, "asin", |x| cm!(asin(x)), false);
func1!(m_asinh, "asinh", |x| cm!(asinh(x)), false);
func1!(m_atan, "atan", |x| cm!(atan(x)), false);
func1!(m_atanh, "atanh", |x| cm!(atanh(x)), false);
func1!(m_cbrt, "cbrt", |x| cm!(cbrt(x)), false);
func1!(m_cos, "cos", |x| cm!(cos(x)), false);
func1!(m_cosh, "cosh", |x| cm!(cosh(x)), true);
func1!(m_exp, "exp", |x| cm!(exp(x)), true);
func1!(m_exp2, "exp2", |x| cm!(exp2(x)), true);
func1!(m_expm1, "expm1", |x| cm!(expm1(x)), true);
func1!(m_fabs, "fabs", |x| x.abs(), false);
func1!(m_log1p, "log1p", log1p, false);
func1!(m_sin, "sin", |x| cm!(sin(x)), false);
func1!(m_sinh, "sinh", |x| cm!(sinh(x)), true);
func1!(m_sqrt, "sqrt", |x| cm!(sqrt(x)), false);
func1!(m_tan, "tan", |x| cm!(tan(x)), false);
func1!(m_tanh, "tanh", |x| cm!(tanh(x)), false);

/// log1p keeping the sign of a zero argument.
fn log1p(x: f64) -> f64 {
    if x == 0.0 {
        x
    } else {
        cm!(log1p(x))
    }
}

fn with_errno(f: impl FnOnce() -> f64) -> (f64, MathErr) {
    errno_clear();
    let r = f();
    (r, errno_kind())
}

fn m_erf(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    math_1a(vm, a, "erf", |x| with_errno(|| cm!(erf(x))))
}

fn m_erfc(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    math_1a(vm, a, "erfc", |x| with_errno(|| cm!(erfc(x))))
}

fn m_gamma(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    math_1a(vm, a, "gamma", tgamma)
}

fn m_lgamma(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    math_1a(vm, a, "lgamma", lgamma)
}

fn atan2(y: f64, x: f64) -> f64 {
    use std::f64::consts::PI;
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if y.is_infinite() {
        if x.is_infinite() {
            let q = if x.is_sign_positive() { 0.25 * PI } else { 0.75 * PI };
            return q.copysign(y);
        }
        return (0.5 * PI).copysign(y);
    }
    if x.is_infinite() || y == 0.0 {
        return if x.is_sign_positive() { 0.0f64.copysign(y) } else { PI.copysign(y) };
    }
    cm!(atan2(y, x))
}

fn m_atan2(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    math_2(vm, a, "atan2", atan2)
}

fn m_copysign(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    math_2(vm, a, "copysign", f64::copysign)
}

/// IEEE 754 remainder: x - n*y for the integer n nearest x/y (ties to even).
pub fn remainder(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return f64::NAN;
        }
        let ax = x.abs();
        let ay = y.abs();
        let m = cm!(fmod(ax, ay));
        // Compare m with ay - m rather than with ay / 2 (which may be inexact).
        let comp = ay - m;
        let r = if m < comp {
            m
        } else if m > comp {
            -comp
        } else {
            // Halfway: even multiple wanted.
            m - 2.0 * cm!(fmod(0.5 * (ax - m), ay))
        };
        return 1.0f64.copysign(x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    x
}

fn m_remainder(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    math_2(vm, a, "remainder", remainder)
}

fn m_nextafter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = fixed(vm, a, "nextafter", 2, 2)?;
    let x = arg_f64(vm, &args[0])?;
    let y = arg_f64(vm, &args[1])?;
    Ok(Value::Float(cm!(nextafter(x, y))))
}

fn m_ulp(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = arg_f64(vm, one(vm, a, "ulp")?)?;
    if x.is_nan() {
        return Ok(Value::Float(x));
    }
    let x = x.abs();
    if x.is_infinite() {
        return Ok(Value::Float(x));
    }
    let up = cm!(nextafter(x, f64::INFINITY));
    if up.is_infinite() {
        let down = cm!(nextafter(x, 0.0));
        return Ok(Value::Float(x - down));
    }
    Ok(Value::Float(up - x))
}

fn m_fmod(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = fixed(vm, a, "fmod", 2, 2)?;
    let x = arg_f64(vm, &args[0])?;
    let y = arg_f64(vm, &args[1])?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::Float(x));
    }
    let r = cm!(fmod(x, y));
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain(vm));
    }
    Ok(Value::Float(r))
}

pub fn pow(x: f64, y: f64) -> (f64, MathErr) {
    if !x.is_finite() || !y.is_finite() {
        let r = if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && cm!(fmod(y.abs(), 2.0)) == 1.0;
            if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if y > 0.0 && x.abs() > 1.0 {
            y
        } else if y < 0.0 && x.abs() < 1.0 {
            -y
        } else {
            0.0
        };
        return (r, MathErr::None);
    }
    let r = cm!(pow(x, y));
    let e = if r.is_nan() {
        MathErr::Dom
    } else if r.is_infinite() {
        if x == 0.0 {
            MathErr::Dom
        } else {
            MathErr::Range
        }
    } else {
        MathErr::None
    };
    (r, e)
}

fn m_pow(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = fixed(vm, a, "pow", 2, 2)?;
    let x = arg_f64(vm, &args[0])?;
    let y = arg_f64(vm, &args[1])?;
    let (r, e) = pow(x, y);
    Ok(Value::float(check(vm, r, e)?))
}

fn m_degrees(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = arg_f64(vm, one(vm, a, "degrees")?)?;
    Ok(Value::Float(x * (180.0 / std::f64::consts::PI)))
}

fn m_radians(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = arg_f64(vm, one(vm, a, "radians")?)?;
    Ok(Value::Float(x * (std::f64::consts::PI / 180.0)))
}

fn m_isfinite(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = arg_f64(vm, one(vm, a, "isfinite")?)?;
    Ok(Value::Bool(x.is_finite()))
}

fn m_isnan(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = arg_f64(vm, one(vm, a, "isnan")?)?;
    Ok(Value::Bool(x.is_nan()))
}

fn m_isinf(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = arg_f64(vm, one(vm, a, "isinf")?)?;
    Ok(Value::Bool(x.is_infinite()))
}

fn m_isclose(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = native::bind(vm, a, "isclose", &["a", "b", "rel_tol", "abs_tol"], 2, 2)?;
    let x = arg_f64(vm, s[0].as_ref().unwrap_or(&Value::None))?;
    let y = arg_f64(vm, s[1].as_ref().unwrap_or(&Value::None))?;
    let rel = match &s[2] {
        Some(v) => arg_f64(vm, v)?,
        None => 1e-9,
    };
    let abs = match &s[3] {
        Some(v) => arg_f64(vm, v)?,
        None => 0.0,
    };
    if rel < 0.0 || abs < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if x == y {
        return Ok(Value::Bool(true));
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (y - x).abs();
    Ok(Value::Bool(diff <= (rel * y).abs() || diff <= (rel * x).abs() || diff <= abs))
}

// ---- rounding ----

fn float_to_int(vm: &Vm, f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    Ok(ops::int_from_big(crate::builtins::float_to_big(f)))
}

fn is_exact_float(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

fn round_with(vm: &mut Vm, a: &Args, name: &str, special: &str, f: fn(f64) -> f64) -> PyResult<Value> {
    let x = one(vm, a, name)?;
    if let Some(f0) = is_exact_float(x) {
        return float_to_int(vm, f(f0));
    }
    let cls = vm.type_of(x);
    if let Some(m) = vm.lookup_mro(&cls, special) {
        return vm.call(&m, vec![x.clone()]);
    }
    let v = arg_f64(vm, x)?;
    float_to_int(vm, f(v))
}

fn m_floor(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    round_with(vm, a, "floor", "__floor__", f64::floor)
}

fn m_ceil(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    round_with(vm, a, "ceil", "__ceil__", f64::ceil)
}

fn m_trunc(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = one(vm, a, "trunc")?;
    if let Some(f) = is_exact_float(x) {
        return float_to_int(vm, f.trunc());
    }
    let cls = vm.type_of(x);
    match vm.lookup_mro(&cls, "__trunc__") {
        Some(m) => vm.call(&m, vec![x.clone()]),
        None => Err(vm.type_error(format!("type {} doesn't define __trunc__ method", cls_name(&cls)))),
    }
}

// ---- float decomposition ----

fn m_frexp(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = arg_f64(vm, one(vm, a, "frexp")?)?;
    let (m, e) = if x.is_nan() || x.is_infinite() || x == 0.0 { (x, 0) } else { frexp(x) };
    Ok(vm.new_tuple(vec![Value::Float(m), Value::Int(e as i64)]))
}

fn m_ldexp(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = fixed(vm, a, "ldexp", 2, 2)?;
    let x = arg_f64(vm, &args[0])?;
    let Some(i) = ops::as_big(&args[1]) else {
        return Err(vm.type_error("Expected an int as second argument to ldexp."));
    };
    let e = i.to_i64().unwrap_or(if i.is_negative() { i64::MIN } else { i64::MAX });
    let r = if x == 0.0 || !x.is_finite() {
        x
    } else if e > i32::MAX as i64 {
        return Err(range(vm));
    } else if e < i32::MIN as i64 {
        0.0f64.copysign(x)
    } else {
        let r = ldexp(x, e as i32);
        if r.is_infinite() {
            return Err(range(vm));
        }
        r
    };
    Ok(Value::Float(r))
}

fn m_modf(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = arg_f64(vm, one(vm, a, "modf")?)?;
    let (f, i) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else if x.is_nan() {
        (x, x)
    } else {
        let mut ip = 0.0f64;
        // SAFETY: `ip` is a valid out-pointer.
        let fp = unsafe { c::modf(x, &mut ip) };
        (fp, ip)
    };
    Ok(vm.new_tuple(vec![Value::Float(f), Value::Float(i)]))
}

// ---- logarithms ----

fn m_log_f(x: f64) -> f64 {
    if x.is_finite() {
        if x > 0.0 {
            cm!(log(x))
        } else if x == 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::NAN
        }
    } else if x.is_nan() || x > 0.0 {
        x
    } else {
        f64::NAN
    }
}

fn m_log2_f(x: f64) -> f64 {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            x
        } else {
            f64::NAN
        }
    } else if x > 0.0 {
        cm!(log2(x))
    } else if x == 0.0 {
        f64::NEG_INFINITY
    } else {
        f64::NAN
    }
}

fn m_log10_f(x: f64) -> f64 {
    if x.is_finite() {
        if x > 0.0 {
            cm!(log10(x))
        } else if x == 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::NAN
        }
    } else if x.is_nan() || x > 0.0 {
        x
    } else {
        f64::NAN
    }
}

/// The logarithm of any int (however large) or float.
fn loghelper(vm: &mut Vm, v: &Value, f: fn(f64) -> f64) -> PyResult<f64> {
    if let Some(b) = ops::as_big(v) {
        if !b.is_positive() {
            return Err(domain(vm));
        }
        return Ok(match b.to_f64().filter(|x| x.is_finite()) {
            Some(x) => f(x),
            None => {
                let (m, e) = big_frexp(&b);
                f(m) + f(2.0) * e as f64
            }
        });
    }
    let x = arg_f64(vm, v)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(domain(vm));
    }
    Ok(r)
}

fn m_log(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("log() takes no keyword arguments"));
    }
    if a.pos.is_empty() || a.pos.len() > 2 {
        return Err(vm.type_error("math.log requires 1 to 2 arguments"));
    }
    let num = loghelper(vm, &a.pos[0], m_log_f)?;
    if a.pos.len() == 1 {
        return Ok(Value::Float(num));
    }
    let den = loghelper(vm, &a.pos[1], m_log_f)?;
    if den == 0.0 {
        return Err(vm.zero_division("float division by zero"));
    }
    Ok(Value::Float(num / den))
}

fn m_log2(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = one(vm, a, "log2")?.clone();
    Ok(Value::Float(loghelper(vm, &x, m_log2_f)?))
}

fn m_log10(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = one(vm, a, "log10")?.clone();
    Ok(Value::Float(loghelper(vm, &x, m_log10_f)?))
}

// ---- gamma and lgamma (CPython's own Lanczos approximation) ----

const LANCZOS_G: f64 = 6.024680040776729583740234375;
const LANCZOS_G_MINUS_HALF: f64 = 5.524680040776729583740234375;
const LANCZOS_NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];
/// The denominator x*(x+1)*…*(x+11) as a polynomial.
const LANCZOS_DEN: [f64; 13] =
    [0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0, 13339535.0, 2637558.0, 357423.0, 32670.0, 1925.0, 66.0, 1.0];
/// (n-1)! for n = 1..=23, as doubles.
const GAMMA_INTEGRAL: [f64; 23] = [
    1.0, 1.0, 2.0, 6.0, 24.0, 120.0, 720.0, 5040.0, 40320.0, 362880.0, 3628800.0, 39916800.0, 479001600.0, 6227020800.0,
    87178291200.0, 1307674368000.0, 20922789888000.0, 355687428096000.0, 6402373705728000.0, 121645100408832000.0,
    2432902008176640000.0, 51090942171709440000.0, 1124000727777607680000.0,
];
const LOGPI: f64 = 1.144729885849400174143427351353058711647;

fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0f64, 0.0f64);
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        // As a rational function of 1/x, which cannot overflow.
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// sin(pi * x), exact at the integers (for the reflection formula).
fn sinpi(x: f64) -> f64 {
    use std::f64::consts::PI;
    let y = cm!(fmod(x.abs(), 2.0));
    let n = (2.0 * y).round() as i32;
    let r = match n {
        0 => cm!(sin(PI * y)),
        1 => cm!(cos(PI * (y - 0.5))),
        2 => cm!(sin(PI * (1.0 - y))),
        3 => -cm!(cos(PI * (y - 1.5))),
        _ => cm!(sin(PI * (y - 2.0))),
    };
    1.0f64.copysign(x) * r
}

fn tgamma(x: f64) -> (f64, MathErr) {
    use std::f64::consts::PI;
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return (x, MathErr::None);
        }
        return (f64::NAN, MathErr::Dom);
    }
    if x == 0.0 {
        return (f64::INFINITY.copysign(x), MathErr::Dom);
    }
    if x == x.floor() {
        if x < 0.0 {
            return (f64::NAN, MathErr::Dom);
        }
        if x <= 23.0 {
            return (GAMMA_INTEGRAL[x as usize - 1], MathErr::None);
        }
    }
    let ax = x.abs();
    if ax < 1e-20 {
        let r = 1.0 / x;
        return (r, if r.is_infinite() { MathErr::Range } else { MathErr::None });
    }
    if ax > 200.0 {
        if x < 0.0 {
            return (0.0 / sinpi(x), MathErr::None);
        }
        return (f64::INFINITY, MathErr::Range);
    }
    let y = ax + LANCZOS_G_MINUS_HALF;
    // The rounding error of y, for a first-order correction.
    let z = if ax > LANCZOS_G_MINUS_HALF {
        let q = y - ax;
        q - LANCZOS_G_MINUS_HALF
    } else {
        let q = y - LANCZOS_G_MINUS_HALF;
        q - ax
    };
    let z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -PI / sinpi(ax) / ax * cm!(exp(y)) / lanczos_sum(ax);
        r -= z * r;
        if ax < 140.0 {
            r /= cm!(pow(y, ax - 0.5));
        } else {
            let s = cm!(pow(y, ax / 2.0 - 0.25));
            r /= s;
            r /= s;
        }
    } else {
        r = lanczos_sum(ax) / cm!(exp(y));
        r += z * r;
        if ax < 140.0 {
            r *= cm!(pow(y, ax - 0.5));
        } else {
            let s = cm!(pow(y, ax / 2.0 - 0.25));
            r *= s;
            r *= s;
        }
    }
    (r, if r.is_infinite() { MathErr::Range } else { MathErr::None })
}

fn lgamma(x: f64) -> (f64, MathErr) {
    if !x.is_finite() {
        if x.is_nan() {
            return (x, MathErr::None);
        }
        return (f64::INFINITY, MathErr::None);
    }
    if x == x.floor() && x <= 2.0 {
        if x <= 0.0 {
            return (f64::INFINITY, MathErr::Dom);
        }
        return (0.0, MathErr::None);
    }
    let ax = x.abs();
    if ax < 1e-20 {
        return (-cm!(log(ax)), MathErr::None);
    }
    let mut r = cm!(log(lanczos_sum(ax))) - LANCZOS_G;
    r += (ax - 0.5) * (cm!(log(ax + LANCZOS_G - 0.5)) - 1.0);
    if x < 0.0 {
        r = LOGPI - cm!(log(sinpi(ax).abs())) - cm!(log(ax)) - r;
    }
    (r, if r.is_infinite() { MathErr::Range } else { MathErr::None })
}

// ---- sums and norms ----

fn m_fsum(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let seq = one(vm, a, "fsum")?.clone();
    let it = vm.iter(&seq)?;
    let mut p: Vec<f64> = Vec::new();
    let mut special = 0.0f64;
    let mut inf_sum = 0.0f64;
    while let Some(item) = vm.next(&it)? {
        let mut x = arg_f64(vm, &item)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..p.len() {
            let mut y = p[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                p[i] = lo;
                i += 1;
            }
            x = hi;
        }
        p.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                // From a nan or inf among the summands, or an overflow.
                if xsave.is_finite() {
                    return Err(vm.overflow_error("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special += xsave;
                p.clear();
            } else {
                p.push(x);
            }
        }
    }
    if special != 0.0 {
        if inf_sum.is_nan() {
            return Err(vm.value_error("-inf + inf in fsum"));
        }
        return Ok(Value::Float(special));
    }
    let mut hi = 0.0f64;
    let mut n = p.len();
    if n > 0 {
        n -= 1;
        hi = p[n];
        let mut lo = 0.0f64;
        // Add the partials from the top, until the sum becomes inexact.
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        // Half-even rounding across the partials left.
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(Value::Float(hi))
}

/// sqrt(sum(x*x)) of non-negative finite values (max = the largest),
/// accurately: scaled, split squares, compensated sums, and a corrected
/// square root.
fn vector_norm(v: &[f64], max: f64, found_nan: bool) -> f64 {
    const T27: f64 = 134217729.0;
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || v.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp(max);
    let (mut csum, mut f1, mut f2, mut f3) = (1.0f64, 0.0f64, 0.0f64, 0.0f64);
    if max_e < -1023 {
        // The scale would overflow: divide by max instead.
        for &x in v {
            let x = x / max;
            let x = x * x;
            let old = csum;
            csum += x;
            f1 += (old - csum) + x;
        }
        return max * cm!(sqrt(csum - 1.0 + f1));
    }
    let scale = ldexp(1.0, -max_e);
    let split = |x: f64| {
        let t = x * T27;
        let hi = t - (t - x);
        (hi, x - hi)
    };
    for &x in v {
        let x = x * scale;
        let (hi, lo) = split(x);
        let sq = hi * hi;
        let old = csum;
        csum += sq;
        f1 += (old - csum) + sq;
        let cross = 2.0 * hi * lo;
        let old = csum;
        csum += cross;
        f2 += (old - csum) + cross;
        f3 += lo * lo;
    }
    let h = cm!(sqrt(csum - 1.0 + (f1 + f2 + f3)));
    let (hi, lo) = split(h);
    let x = -hi * hi;
    let old = csum;
    csum += x;
    f1 += (old - csum) + x;
    let x = -2.0 * hi * lo;
    let old = csum;
    csum += x;
    f2 += (old - csum) + x;
    let x = -lo * lo;
    let old = csum;
    csum += x;
    f3 += (old - csum) + x;
    let x = csum - 1.0 + (f1 + f2 + f3);
    (h + x / (2.0 * h)) / scale
}

fn m_hypot(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = varargs(vm, a, "hypot")?.to_vec();
    let mut v = Vec::with_capacity(args.len());
    let mut max = 0.0f64;
    let mut nan = false;
    for x in &args {
        let x = arg_f64(vm, x)?.abs();
        nan |= x.is_nan();
        if x > max {
            max = x;
        }
        v.push(x);
    }
    Ok(Value::Float(vector_norm(&v, max, nan)))
}

fn m_dist(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = fixed(vm, a, "dist", 2, 2)?.to_vec();
    let p = vm.to_vec(&args[0])?;
    let q = vm.to_vec(&args[1])?;
    if p.len() != q.len() {
        return Err(vm.value_error("both points must have the same number of dimensions"));
    }
    let mut v = Vec::with_capacity(p.len());
    let mut max = 0.0f64;
    let mut nan = false;
    for (px, qx) in p.iter().zip(q.iter()) {
        let px = arg_f64(vm, px)?;
        let qx = arg_f64(vm, qx)?;
        let x = (px - qx).abs();
        nan |= x.is_nan();
        if x > max {
            max = x;
        }
        v.push(x);
    }
    Ok(Value::Float(vector_norm(&v, max, nan)))
}

fn m_prod(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() != 1 {
        return Err(vm.type_error(format!("prod() takes exactly 1 positional argument ({} given)", a.pos.len())));
    }
    let s = native::bind(vm, a, "prod", &["iterable", "start"], 1, 1)?;
    let mut acc = s[1].clone().unwrap_or(Value::Int(1));
    let it = vm.iter(&a.pos[0])?;
    while let Some(x) = vm.next(&it)? {
        acc = vm.binary_op(&acc, &x, crate::code::BinOp::Mul)?;
    }
    Ok(acc)
}

// ---- integer functions ----

fn index(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    crate::builtins::index_big(vm, v)
}

fn m_gcd(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = varargs(vm, a, "gcd")?.to_vec();
    let mut acc = BigInt::zero();
    for (i, x) in args.iter().enumerate() {
        let b = index(vm, x)?;
        if i == 0 {
            acc = b.abs();
        } else if !acc.is_one() {
            acc = acc.gcd(&b);
        }
    }
    Ok(ops::int_from_big(acc))
}

fn m_lcm(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = varargs(vm, a, "lcm")?.to_vec();
    let mut acc = BigInt::one();
    for (i, x) in args.iter().enumerate() {
        let b = index(vm, x)?;
        if i == 0 {
            acc = b.abs();
        } else if !acc.is_zero() {
            acc = if b.is_zero() { BigInt::zero() } else { (&acc / acc.gcd(&b) * &b).abs() };
        }
    }
    Ok(ops::int_from_big(acc))
}

fn m_isqrt(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = one(vm, a, "isqrt")?.clone();
    let n = index(vm, &x)?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    Ok(ops::int_from_big(n.sqrt()))
}

/// lo * (lo+1) * … * (lo+count-1), by binary splitting.
fn range_prod(lo: &BigInt, count: u64) -> BigInt {
    if count == 0 {
        return BigInt::one();
    }
    if count <= 16 {
        let mut r = lo.clone();
        let mut k = lo.clone();
        for _ in 1..count {
            k += 1u32;
            r *= &k;
        }
        return r;
    }
    let half = count / 2;
    let mid = lo + BigInt::from(half);
    range_prod(lo, half) * range_prod(&mid, count - half)
}

fn m_factorial(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = one(vm, a, "factorial")?.clone();
    let n = index(vm, &x)?;
    if n.is_negative() {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let Some(n) = n.to_i64() else {
        return Err(vm.overflow_error(format!("factorial() argument should not exceed {}", i64::MAX)));
    };
    if n < 2 {
        return Ok(Value::Int(1));
    }
    Ok(ops::int_from_big(range_prod(&BigInt::one(), n as u64)))
}

fn nonneg(vm: &mut Vm, v: &Value, what: &str) -> PyResult<BigInt> {
    let b = index(vm, v)?;
    if b.is_negative() {
        return Err(vm.value_error(format!("{what} must be a non-negative integer")));
    }
    Ok(b)
}

fn m_perm(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = fixed(vm, a, "perm", 1, 2)?.to_vec();
    let n = nonneg(vm, &args[0], "n")?;
    let k = match args.get(1) {
        None | Some(Value::None) => n.clone(),
        Some(k) => nonneg(vm, k, "k")?,
    };
    if k > n {
        return Ok(Value::Int(0));
    }
    let Some(kk) = k.to_i64() else {
        return Err(vm.overflow_error(format!("k must not exceed {}", i64::MAX)));
    };
    if kk == 0 {
        return Ok(Value::Int(1));
    }
    let lo = &n - &k + 1u32;
    Ok(ops::int_from_big(range_prod(&lo, kk as u64)))
}

fn m_comb(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = fixed(vm, a, "comb", 2, 2)?.to_vec();
    let n = nonneg(vm, &args[0], "n")?;
    let k = nonneg(vm, &args[1], "k")?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let nk = &n - &k;
    let k = if nk < k { nk } else { k };
    let Some(kk) = k.to_i64() else {
        return Err(vm.overflow_error(format!("min(n - k, k) must not exceed {}", i64::MAX)));
    };
    if kk == 0 {
        return Ok(Value::Int(1));
    }
    let lo = &n - &k + 1u32;
    let num = range_prod(&lo, kk as u64);
    let den = range_prod(&BigInt::one(), kk as u64);
    Ok(ops::int_from_big(num / den))
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let funcs: &[(&'static str, NativeFn)] = &[
        ("acos", m_acos),
        ("acosh", m_acosh),
        ("asin", m_asin),
        ("asinh", m_asinh),
        ("atan", m_atan),
        ("atan2", m_atan2),
        ("atanh", m_atanh),
        ("cbrt", m_cbrt),
        ("ceil", m_ceil),
        ("comb", m_comb),
        ("copysign", m_copysign),
        ("cos", m_cos),
        ("cosh", m_cosh),
        ("degrees", m_degrees),
        ("dist", m_dist),
        ("erf", m_erf),
        ("erfc", m_erfc),
        ("exp", m_exp),
        ("exp2", m_exp2),
        ("expm1", m_expm1),
        ("fabs", m_fabs),
        ("factorial", m_factorial),
        ("floor", m_floor),
        ("fmod", m_fmod),
        ("frexp", m_frexp),
        ("fsum", m_fsum),
        ("gamma", m_gamma),
        ("gcd", m_gcd),
        ("hypot", m_hypot),
        ("isclose", m_isclose),
        ("isfinite", m_isfinite),
        ("isinf", m_isinf),
        ("isnan", m_isnan),
        ("isqrt", m_isqrt),
        ("lcm", m_lcm),
        ("ldexp", m_ldexp),
        ("lgamma", m_lgamma),
        ("log", m_log),
        ("log10", m_log10),
        ("log1p", m_log1p),
        ("log2", m_log2),
        ("modf", m_modf),
        ("nextafter", m_nextafter),
        ("perm", m_perm),
        ("pow", m_pow),
        ("prod", m_prod),
        ("radians", m_radians),
        ("remainder", m_remainder),
        ("sin", m_sin),
        ("sinh", m_sinh),
        ("sqrt", m_sqrt),
        ("tan", m_tan),
        ("tanh", m_tanh),
        ("trunc", m_trunc),
        ("ulp", m_ulp),
    ];
    let m = native::new_module(vm, "math", funcs);
    native::set(&m, "pi", Value::Float(std::f64::consts::PI));
    native::set(&m, "e", Value::Float(std::f64::consts::E));
    native::set(&m, "tau", Value::Float(std::f64::consts::TAU));
    native::set(&m, "inf", Value::Float(f64::INFINITY));
    native::set(&m, "nan", Value::float(f64::NAN));
    Ok(m)
}
