//! The native `time` module: the clocks, `sleep`, conversions between
//! timestamps and `struct_time` through the C library (`gmtime_r`,
//! `localtime_r`, `mktime`, `strftime`), the time zone attributes, and
//! `strptime` through the pure-Python `_strptime` module, as CPython does.

use std::cell::RefCell;
use std::ffi::{CStr, CString};

use num_traits::ToPrimitive;

use crate::modules::native;
use crate::value::{NativeFn, Payload, PyRef, Value};
use crate::vm::{str_key, Args, Vm};
use crate::PyResult;

extern "C" {
    fn tzset();
}

thread_local! {
    /// `time.struct_time`, and the module (for `tzset`).
    static STRUCT_TIME: RefCell<Option<PyRef>> = const { RefCell::new(None) };
    static MODULE: RefCell<Option<Value>> = const { RefCell::new(None) };
}

const FIELDS: [&str; 9] = ["tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst"];

fn os_error(vm: &mut Vm, errno: i32) -> crate::PyErr {
    let msg = std::io::Error::from_raw_os_error(errno).to_string();
    let msg = msg.split(" (os error").next().unwrap_or(&msg).to_string();
    let args = vec![Value::Int(errno as i64), vm.new_str(&msg)];
    let cls = Value::Obj(vm.types.exc.os_error.clone());
    match vm.call(&cls, args) {
        Ok(exc) => crate::PyErr(exc),
        Err(e) => e,
    }
}

fn last_errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EINVAL)
}

// ---- clocks ----

fn clock_ns(vm: &mut Vm, clk: libc::clockid_t) -> PyResult<i64> {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid out-pointer.
    if unsafe { libc::clock_gettime(clk, &mut ts) } != 0 {
        let e = last_errno();
        return Err(os_error(vm, e));
    }
    Ok((ts.tv_sec as i64).saturating_mul(1_000_000_000).saturating_add(ts.tv_nsec as i64))
}

/// Nanoseconds as float seconds, as CPython rounds them.
fn ns_to_secs(ns: i64) -> f64 {
    if ns % 1_000_000_000 == 0 {
        (ns / 1_000_000_000) as f64
    } else {
        ns as f64 / 1e9
    }
}

fn no_args(vm: &Vm, a: &Args, name: &str) -> PyResult<()> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("time.{name}() takes no keyword arguments")));
    }
    if !a.pos.is_empty() {
        return Err(vm.type_error(format!("time.{name}() takes no arguments ({} given)", a.pos.len())));
    }
    Ok(())
}

macro_rules! clock_fns {
    ($secs:ident, $ns:ident, $name:literal, $clk:expr) => {
        fn $secs(vm: &mut Vm, a: &Args) -> PyResult<Value> {
            no_args(vm, a, $name)?;
            Ok(Value::Float(ns_to_secs(clock_ns(vm, $clk)?)))
        }
        fn $ns(vm: &mut Vm, a: &Args) -> PyResult<Value> {
            no_args(vm, a, concat!($name, "_ns"))?;
            Ok(Value::Int(clock_ns(vm, $clk)?))
        }
    };
}

clock_fns!(t_time, t_time_ns, "time", libc::CLOCK_REALTIME);
clock_fns!(t_monotonic, t_monotonic_ns, "monotonic", libc::CLOCK_MONOTONIC);
clock_fns!(t_perf_counter, t_perf_counter_ns, "perf_counter", libc::CLOCK_MONOTONIC);
clock_fns!(t_process_time, t_process_time_ns, "process_time", libc::CLOCK_PROCESS_CPUTIME_ID);
clock_fns!(t_thread_time, t_thread_time_ns, "thread_time", libc::CLOCK_THREAD_CPUTIME_ID);

/// A C `int` argument (`PyArg_Parse` "i").
fn c_int(vm: &mut Vm, v: &Value) -> PyResult<i32> {
    if crate::objects::numbers::float_val(v).is_some() {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let b = crate::builtins::index_big(vm, v)?;
    match b.to_i64() {
        Some(i) if i > i32::MAX as i64 => Err(vm.overflow_error("signed integer is greater than maximum")),
        Some(i) if i < i32::MIN as i64 => Err(vm.overflow_error("signed integer is less than minimum")),
        Some(i) => Ok(i as i32),
        None => Err(vm.overflow_error("Python int too large to convert to C long")),
    }
}

fn one<'a>(vm: &Vm, a: &'a Args, name: &str) -> PyResult<&'a Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("time.{name}() takes no keyword arguments")));
    }
    if a.pos.len() != 1 {
        return Err(vm.type_error(format!("time.{name}() takes exactly one argument ({} given)", a.pos.len())));
    }
    Ok(&a.pos[0])
}

fn t_clock_gettime(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let clk = c_int(vm, &exact(vm, a, "clock_gettime", 1)?[0])?;
    Ok(Value::Float(ns_to_secs_ts(vm, clk)?))
}

fn ns_to_secs_ts(vm: &mut Vm, clk: i32) -> PyResult<f64> {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid out-pointer.
    if unsafe { libc::clock_gettime(clk as libc::clockid_t, &mut ts) } != 0 {
        let e = last_errno();
        return Err(os_error(vm, e));
    }
    Ok(ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9)
}

fn t_clock_gettime_ns(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let clk = c_int(vm, &exact(vm, a, "clock_gettime", 1)?[0])?;
    Ok(Value::Int(clock_ns(vm, clk as libc::clockid_t)?))
}

fn t_clock_getres(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let clk = c_int(vm, &exact(vm, a, "clock_getres", 1)?[0])?;
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid out-pointer.
    if unsafe { libc::clock_getres(clk as libc::clockid_t, &mut ts) } != 0 {
        let e = last_errno();
        return Err(os_error(vm, e));
    }
    Ok(Value::Float(ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9))
}

/// `PyArg_ParseTuple` with exactly `n` arguments.
fn exact<'a>(vm: &Vm, a: &'a Args, name: &str, n: usize) -> PyResult<&'a [Value]> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    if a.pos.len() != n {
        return Err(vm.type_error(format!("{name}() takes exactly {n} argument{} ({} given)", if n == 1 { "" } else { "s" }, a.pos.len())));
    }
    Ok(&a.pos)
}

fn settime(vm: &mut Vm, clk: i32, ns: i64) -> PyResult<Value> {
    let ts = libc::timespec { tv_sec: ns.div_euclid(1_000_000_000) as libc::time_t, tv_nsec: ns.rem_euclid(1_000_000_000) as _ };
    // SAFETY: `ts` is a valid timespec.
    if unsafe { libc::clock_settime(clk as libc::clockid_t, &ts) } != 0 {
        let e = last_errno();
        return Err(os_error(vm, e));
    }
    Ok(Value::None)
}

fn t_clock_settime(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = exact(vm, a, "clock_settime", 2)?.to_vec();
    let clk = c_int(vm, &args[0])?;
    let ns = secs_to_ns(vm, &args[1], Round::Floor)?;
    settime(vm, clk, ns)
}

fn t_clock_settime_ns(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = exact(vm, a, "clock_settime_ns", 2)?.to_vec();
    let clk = c_int(vm, &args[0])?;
    let b = crate::builtins::index_big(vm, &args[1])?;
    let Some(ns) = b.to_i64() else {
        return Err(vm.overflow_error("timestamp too large to convert to C _PyTime_t"));
    };
    settime(vm, clk, ns)
}

fn t_pthread_getcpuclockid(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = exact(vm, a, "pthread_getcpuclockid", 1)?[0].clone();
    let b = crate::builtins::index_big(vm, &v)?;
    let Some(id) = b.to_u64() else {
        return Err(vm.overflow_error("Python int too large to convert to C unsigned long"));
    };
    // A pthread_t is a pointer in glibc: an unknown id would crash it (as it
    // crashes CPython), so only this thread's id is passed on; pyx runs its
    // threads on this one OS thread.
    // SAFETY: pthread_self has no preconditions.
    let me = unsafe { libc::pthread_self() };
    if id != me as u64 {
        return Err(os_error(vm, libc::ESRCH));
    }
    let mut clk: libc::clockid_t = 0;
    // SAFETY: `me` is a live thread and `clk` a valid out-pointer.
    let r = unsafe { libc::pthread_getcpuclockid(me, &mut clk) };
    if r != 0 {
        return Err(os_error(vm, r));
    }
    Ok(Value::Int(clk as i64))
}

#[derive(Clone, Copy)]
enum Round {
    Floor,
    /// Away from zero (sleep timeouts).
    Up,
}

fn out_of_range(vm: &Vm) -> crate::PyErr {
    vm.overflow_error("timestamp out of range for platform time_t")
}

/// Seconds (int or float) as nanoseconds.
fn secs_to_ns(vm: &mut Vm, v: &Value, round: Round) -> PyResult<i64> {
    if let Some(f) = crate::objects::numbers::float_val(v) {
        if f.is_nan() {
            return Err(vm.value_error("Invalid value NaN (not a number)"));
        }
        let d = f * 1e9;
        let d = match round {
            Round::Floor => d.floor(),
            Round::Up => {
                if d >= 0.0 {
                    d.ceil()
                } else {
                    d.floor()
                }
            }
        };
        if !(-9.223372036854776e18..9.223372036854776e18).contains(&d) {
            return Err(out_of_range(vm));
        }
        return Ok(d as i64);
    }
    let b = crate::builtins::index_big(vm, v)?;
    b.to_i64().and_then(|s| s.checked_mul(1_000_000_000)).ok_or_else(|| vm.overflow_error("timestamp too large to convert to C _PyTime_t"))
}

/// A timestamp for `gmtime`/`localtime`/`ctime`: None is now; floats
/// round toward minus infinity.
fn to_time_t(vm: &mut Vm, v: Option<&Value>) -> PyResult<i64> {
    let v = match v {
        None | Some(Value::None) => {
            let ns = clock_ns(vm, libc::CLOCK_REALTIME)?;
            return Ok(ns.div_euclid(1_000_000_000));
        }
        Some(v) => v,
    };
    if let Some(f) = crate::objects::numbers::float_val(v) {
        if f.is_nan() {
            return Err(vm.value_error("Invalid value NaN (not a number)"));
        }
        let d = f.floor();
        if !(-9.223372036854776e18..9.223372036854776e18).contains(&d) {
            return Err(out_of_range(vm));
        }
        return Ok(d as i64);
    }
    let b = crate::builtins::index_big(vm, v)?;
    b.to_i64().ok_or_else(|| out_of_range(vm))
}

fn t_sleep(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = one(vm, a, "sleep")?.clone();
    let ns = secs_to_ns(vm, &v, Round::Up)?;
    if ns < 0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    // In slices, so that Ctrl-C interrupts the sleep.
    let start = std::time::Instant::now();
    let Some(end) = start.checked_add(std::time::Duration::from_nanos(ns as u64)) else {
        return Err(out_of_range(vm));
    };
    let main = crate::modules::thread::is_main();
    loop {
        if main && crate::vm::finalize::INTERRUPTED.swap(false, std::sync::atomic::Ordering::Relaxed) {
            return Err(vm.new_exception(&vm.types.exc.keyboard_interrupt.clone(), vec![]));
        }
        // Python signal handlers run during the sleep (PEP 475: it goes on
        // unless one raises).
        if main && crate::modules::signal::any_pending() {
            crate::modules::signal::check(vm)?;
        }
        let now = std::time::Instant::now();
        if now >= end {
            break;
        }
        if crate::modules::thread::others() {
            // Other threads run meanwhile.
            crate::modules::thread::wait(vm, Some(end), false);
        } else {
            std::thread::sleep((end - now).min(std::time::Duration::from_millis(20)));
        }
    }
    if ns == 0 {
        // `sleep(0)` lets another thread run.
        crate::modules::thread::preempt(vm);
    }
    Ok(Value::None)
}

// ---- struct_time ----

fn struct_time_cls(vm: &Vm) -> PyRef {
    STRUCT_TIME.with(|c| c.borrow().clone()).unwrap_or_else(|| vm.types.tuple.clone())
}

fn make_struct_time(vm: &mut Vm, items: Vec<Value>, zone: Value, gmtoff: Value) -> Value {
    let cls = struct_time_cls(vm);
    let v = vm.new_object(&cls, Payload::Tuple(items.into_boxed_slice()), true);
    if let Some(d) = v.obj().and_then(|o| o.dict.as_ref()) {
        let mut d = d.borrow_mut();
        d.set_str("tm_zone", zone);
        d.set_str("tm_gmtoff", gmtoff);
    }
    v
}

fn tm_to_struct(vm: &mut Vm, tm: &libc::tm) -> Value {
    let items = vec![
        Value::Int(tm.tm_year as i64 + 1900),
        Value::Int(tm.tm_mon as i64 + 1),
        Value::Int(tm.tm_mday as i64),
        Value::Int(tm.tm_hour as i64),
        Value::Int(tm.tm_min as i64),
        Value::Int(tm.tm_sec as i64),
        Value::Int((tm.tm_wday as i64 + 6) % 7),
        Value::Int(tm.tm_yday as i64 + 1),
        Value::Int(tm.tm_isdst as i64),
    ];
    let zone = if tm.tm_zone.is_null() {
        Value::None
    } else {
        // SAFETY: the C library's zone names are NUL-terminated strings.
        let s = unsafe { CStr::from_ptr(tm.tm_zone) };
        vm.new_str(&s.to_string_lossy())
    };
    make_struct_time(vm, items, zone, Value::Int(tm.tm_gmtoff as i64))
}

fn zero_tm() -> libc::tm {
    // SAFETY: `struct tm` is plain data; all zeros (null zone) is valid.
    unsafe { std::mem::zeroed() }
}

#[allow(irrefutable_let_patterns)]
fn c_gmtime(vm: &mut Vm, t: i64) -> PyResult<libc::tm> {
    let Ok(tt) = libc::time_t::try_from(t) else {
        return Err(out_of_range(vm));
    };
    let mut tm = zero_tm();
    // SAFETY: valid pointers to a time_t and a tm.
    let r = unsafe {
        *libc::__errno_location() = 0;
        libc::gmtime_r(&tt, &mut tm)
    };
    if r.is_null() {
        let e = last_errno();
        return Err(os_error(vm, if e == 0 { libc::EINVAL } else { e }));
    }
    Ok(tm)
}

#[allow(irrefutable_let_patterns)]
fn c_localtime(vm: &mut Vm, t: i64) -> PyResult<libc::tm> {
    let Ok(tt) = libc::time_t::try_from(t) else {
        return Err(out_of_range(vm));
    };
    let mut tm = zero_tm();
    // SAFETY: valid pointers to a time_t and a tm.
    let r = unsafe {
        *libc::__errno_location() = 0;
        libc::localtime_r(&tt, &mut tm)
    };
    if r.is_null() {
        let e = last_errno();
        return Err(os_error(vm, if e == 0 { libc::EINVAL } else { e }));
    }
    Ok(tm)
}

fn opt_arg<'a>(vm: &Vm, a: &'a Args, name: &str) -> PyResult<Option<&'a Value>> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    if a.pos.len() > 1 {
        return Err(vm.type_error(format!("{name}() takes at most 1 argument ({} given)", a.pos.len())));
    }
    Ok(a.pos.first())
}

fn t_gmtime(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = opt_arg(vm, a, "gmtime")?.cloned();
    let t = to_time_t(vm, v.as_ref())?;
    let tm = c_gmtime(vm, t)?;
    Ok(tm_to_struct(vm, &tm))
}

fn t_localtime(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = opt_arg(vm, a, "localtime")?.cloned();
    let t = to_time_t(vm, v.as_ref())?;
    let tm = c_localtime(vm, t)?;
    Ok(tm_to_struct(vm, &tm))
}

/// A time tuple as a C `struct tm` (CPython's `gettmarg`). The zone
/// string, if any, is returned alongside so that it outlives the call.
fn gettmarg(vm: &mut Vm, v: &Value, fname: &str) -> PyResult<(libc::tm, Option<CString>)> {
    let items: Vec<Value> = match v.payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => return Err(vm.type_error("Tuple or struct_time argument required")),
    };
    if items.len() != 9 {
        return Err(vm.type_error(format!("{fname}(): illegal time tuple argument")));
    }
    let mut f = [0i32; 9];
    for (slot, it) in f.iter_mut().zip(items.iter()) {
        *slot = c_int(vm, it)?;
    }
    let mut tm = zero_tm();
    if f[0] < i32::MIN + 1900 {
        return Err(vm.overflow_error("year out of range"));
    }
    tm.tm_year = f[0] - 1900;
    tm.tm_mon = f[1].wrapping_sub(1);
    tm.tm_mday = f[2];
    tm.tm_hour = f[3];
    tm.tm_min = f[4];
    tm.tm_sec = f[5];
    tm.tm_wday = f[6].wrapping_add(1) % 7;
    tm.tm_yday = f[7].wrapping_sub(1);
    tm.tm_isdst = f[8];
    let mut zone = None;
    let cls = vm.type_of(v);
    if std::rc::Rc::ptr_eq(&cls, &struct_time_cls(vm)) {
        let d = v.obj().and_then(|o| o.dict.as_ref()).map(|d| (d.borrow().get_str("tm_zone").cloned(), d.borrow().get_str("tm_gmtoff").cloned()));
        if let Some((z, off)) = d {
            if let Some(z) = z.filter(|z| !z.is_none()) {
                let s = match z.as_str() {
                    Some(s) => s.to_string_lossy(),
                    None => return Err(vm.type_error("bad argument type for built-in operation")),
                };
                // As a C string: cut at an embedded NUL.
                let s = s.split('\0').next().unwrap_or("").to_string();
                let c = CString::new(s).map_err(|_| vm.value_error("embedded null character"))?;
                tm.tm_zone = c.as_ptr();
                zone = Some(c);
            }
            if let Some(off) = off.filter(|o| !o.is_none()) {
                let b = crate::builtins::index_big(vm, &off)?;
                tm.tm_gmtoff = b.to_i64().ok_or_else(|| vm.overflow_error("Python int too large to convert to C long"))? as libc::c_long;
            }
        }
    }
    Ok((tm, zone))
}

/// CPython's `checktm`: ranges that asctime/strftime index arrays with.
fn checktm(vm: &Vm, tm: &mut libc::tm) -> PyResult<()> {
    if tm.tm_mon == -1 {
        tm.tm_mon = 0;
    } else if !(0..=11).contains(&tm.tm_mon) {
        return Err(vm.value_error("month out of range"));
    }
    if tm.tm_mday == 0 {
        tm.tm_mday = 1;
    } else if !(0..=31).contains(&tm.tm_mday) {
        return Err(vm.value_error("day of month out of range"));
    }
    if !(0..=23).contains(&tm.tm_hour) {
        return Err(vm.value_error("hour out of range"));
    }
    if !(0..=59).contains(&tm.tm_min) {
        return Err(vm.value_error("minute out of range"));
    }
    if !(0..=61).contains(&tm.tm_sec) {
        return Err(vm.value_error("seconds out of range"));
    }
    if tm.tm_wday < 0 {
        return Err(vm.value_error("day of week out of range"));
    }
    if tm.tm_yday == -1 {
        tm.tm_yday = 0;
    } else if !(0..=365).contains(&tm.tm_yday) {
        return Err(vm.value_error("day of year out of range"));
    }
    Ok(())
}

fn asctime_str(tm: &libc::tm) -> String {
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let d = DAYS.get(tm.tm_wday as usize).copied().unwrap_or("???");
    let m = MONTHS.get(tm.tm_mon as usize).copied().unwrap_or("???");
    format!("{d} {m}{:3} {:02}:{:02}:{:02} {}", tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_year as i64 + 1900)
}

fn t_asctime(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = opt_arg(vm, a, "asctime")?.cloned();
    let tm = match v {
        None => {
            let t = to_time_t(vm, None)?;
            c_localtime(vm, t)?
        }
        Some(v) => {
            let (mut tm, _z) = gettmarg(vm, &v, "asctime")?;
            checktm(vm, &mut tm)?;
            tm
        }
    };
    Ok(vm.new_str(&asctime_str(&tm)))
}

fn t_ctime(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = opt_arg(vm, a, "ctime")?.cloned();
    let t = to_time_t(vm, v.as_ref())?;
    let tm = c_localtime(vm, t)?;
    Ok(vm.new_str(&asctime_str(&tm)))
}

fn t_mktime(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = one(vm, a, "mktime")?.clone();
    let (mut tm, _z) = gettmarg(vm, &v, "mktime")?;
    tm.tm_wday = -1; // sentinel: untouched if mktime fails
    // SAFETY: a valid tm.
    let t = unsafe { libc::mktime(&mut tm) };
    if t == -1 && tm.tm_wday == -1 {
        return Err(vm.overflow_error("mktime argument out of range"));
    }
    Ok(Value::Float(t as f64))
}

fn t_strftime(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("strftime() takes no keyword arguments"));
    }
    if a.pos.is_empty() || a.pos.len() > 2 {
        let n = a.pos.len();
        return Err(vm.type_error(if n == 0 {
            "strftime() takes at least 1 argument (0 given)".to_string()
        } else {
            format!("strftime() takes at most 2 arguments ({n} given)")
        }));
    }
    let fmt = match a.pos[0].as_str() {
        Some(s) => s.to_string_lossy(),
        None => return Err(vm.type_error(format!("strftime() argument 1 must be str, not {}", vm.type_name(&a.pos[0])))),
    };
    let (mut tm, _zone) = match a.pos.get(1) {
        None => {
            let t = to_time_t(vm, None)?;
            (c_localtime(vm, t)?, None)
        }
        Some(v) => {
            let (mut tm, z) = gettmarg(vm, v, "strftime")?;
            checktm(vm, &mut tm)?;
            (tm, z)
        }
    };
    tm.tm_isdst = tm.tm_isdst.clamp(-1, 1);
    let Ok(cfmt) = CString::new(fmt.as_bytes()) else {
        return Err(vm.value_error("embedded null character"));
    };
    let fmtlen = fmt.len();
    let mut size = 1024usize;
    loop {
        let mut buf = vec![0u8; size];
        // SAFETY: `buf` has `size` writable bytes; `cfmt` and `tm` are valid
        // (the zone string, if any, lives in `_zone`).
        let n = unsafe { libc::strftime(buf.as_mut_ptr() as *mut libc::c_char, size, cfmt.as_ptr(), &tm) };
        if n > 0 || size >= 256 * fmtlen {
            buf.truncate(n);
            return Ok(vm.new_str(&String::from_utf8_lossy(&buf)));
        }
        size += size;
    }
}

fn t_strptime(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("strptime() takes no keyword arguments"));
    }
    let name = vm.new_str("_strptime");
    let m = crate::modules::import(vm, &name, &Value::None, &Value::Int(0))?;
    let f = vm.getattr(&m, &str_key("_strptime_time"))?;
    vm.call(&f, a.pos.clone())
}

// ---- struct_time's methods ----

fn st_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = native::bind(vm, a, "struct_time", &["cls", "sequence", "dict"], 2, 3)?;
    let seq = s[1].clone().unwrap_or(Value::None);
    let items = match seq.payload() {
        Some(Payload::Tuple(_)) | Some(Payload::List(_)) => vm.to_vec(&seq)?,
        _ => {
            let cls = vm.type_of(&seq);
            if vm.lookup_mro(&cls, "__iter__").is_none() && vm.lookup_mro(&cls, "__getitem__").is_none() {
                return Err(vm.type_error("constructor requires a sequence"));
            }
            vm.to_vec(&seq)?
        }
    };
    let n = items.len();
    if n < 9 {
        return Err(vm.type_error(format!("time.struct_time() takes an at least 9-sequence ({n}-sequence given)")));
    }
    if n > 11 {
        return Err(vm.type_error(format!("time.struct_time() takes an at most 11-sequence ({n}-sequence given)")));
    }
    let dict = s[2].clone().filter(|d| !d.is_none());
    let mut extra = [Value::None, Value::None];
    for (i, name) in ["tm_zone", "tm_gmtoff"].iter().enumerate() {
        if let Some(v) = items.get(9 + i) {
            extra[i] = v.clone();
        } else if let Some(d) = &dict {
            let key = str_key(name);
            if let Ok(v) = vm.getitem(d, &key) {
                extra[i] = v;
            }
        }
    }
    let [zone, off] = extra;
    let v = make_struct_time(vm, items[..9].to_vec(), zone, off);
    if let (Some(Value::Obj(c)), Value::Obj(o)) = (&s[0], &v) {
        if !std::rc::Rc::ptr_eq(c, &o.class()) && matches!(c.payload, Payload::Class(_)) {
            o.class.set(c.clone());
        }
    }
    Ok(v)
}

fn st_items(vm: &Vm, a: &Args) -> PyResult<Vec<Value>> {
    match a.pos.first().and_then(|v| v.payload()) {
        Some(Payload::Tuple(t)) => Ok(t.to_vec()),
        _ => Err(vm.type_error("descriptor requires a 'time.struct_time' object")),
    }
}

fn st_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let items = st_items(vm, a)?;
    let mut parts = Vec::new();
    for (name, v) in FIELDS.iter().zip(items.iter()) {
        let r = vm.repr(v)?.to_string_lossy();
        parts.push(format!("{name}={r}"));
    }
    Ok(vm.new_str(&format!("time.struct_time({})", parts.join(", "))))
}

fn st_reduce(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let items = st_items(vm, a)?;
    let this = a.pos[0].clone();
    let mut d = crate::objects::dict::Dict::new();
    if let Some(od) = this.obj().and_then(|o| o.dict.as_ref()) {
        let od = od.borrow();
        for k in ["tm_zone", "tm_gmtoff"] {
            d.set_str(k, od.get_str(k).cloned().unwrap_or(Value::None));
        }
    }
    let dv = vm.new_dict(d);
    let t = vm.new_tuple(items);
    let args = vm.new_tuple(vec![t, dv]);
    let cls = Value::Obj(vm.type_of(&this));
    Ok(vm.new_tuple(vec![cls, args]))
}

macro_rules! field_getter {
    ($name:ident, $i:expr) => {
        fn $name(vm: &mut Vm, a: &Args) -> PyResult<Value> {
            let items = st_items(vm, a)?;
            Ok(items.get($i).cloned().unwrap_or(Value::None))
        }
    };
}
field_getter!(g0, 0);
field_getter!(g1, 1);
field_getter!(g2, 2);
field_getter!(g3, 3);
field_getter!(g4, 4);
field_getter!(g5, 5);
field_getter!(g6, 6);
field_getter!(g7, 7);
field_getter!(g8, 8);

// ---- time zone ----

/// `timezone`, `altzone`, `daylight`, `tzname` from the local time of
/// January and July of this year, as CPython computes them.
fn init_timezone(vm: &mut Vm, m: &Value) {
    // SAFETY: tzset reads TZ and sets the C library's zone state.
    unsafe { tzset() };
    const YEAR: i64 = (365 * 24 + 6) * 3600;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    let t = (now / YEAR) * YEAR;
    let zone_of = |vm: &mut Vm, t: i64| -> (String, i64) {
        match c_localtime(vm, t) {
            Ok(tm) => {
                let name = if tm.tm_zone.is_null() {
                    String::new()
                } else {
                    // SAFETY: NUL-terminated zone name from the C library.
                    unsafe { CStr::from_ptr(tm.tm_zone) }.to_string_lossy().into_owned()
                };
                (name, -(tm.tm_gmtoff as i64))
            }
            Err(_) => (String::new(), 0),
        }
    };
    let (jan_name, jan) = zone_of(vm, t);
    let (jul_name, jul) = zone_of(vm, t + YEAR / 2);
    let (tz, alt, names) = if jan < jul { (jul, jan, (jul_name, jan_name)) } else { (jan, jul, (jan_name, jul_name)) };
    native::set(m, "timezone", Value::Int(tz));
    native::set(m, "altzone", Value::Int(alt));
    native::set(m, "daylight", Value::Int((jan != jul) as i64));
    let names = vm.new_tuple(vec![vm.new_str(&names.0), vm.new_str(&names.1)]);
    native::set(m, "tzname", names);
}

fn t_tzset(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_args(vm, a, "tzset")?;
    if let Some(m) = MODULE.with(|m| m.borrow().clone()) {
        init_timezone(vm, &m);
    }
    Ok(Value::None)
}

fn t_get_clock_info(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = exact(vm, a, "get_clock_info", 1)?[0].clone();
    let Some(name) = v.as_str().map(|s| s.to_string_lossy()) else {
        return Err(vm.type_error(format!("get_clock_info() argument 1 must be str, not {}", vm.type_name(&v))));
    };
    let (imp, clk, monotonic, adjustable) = match name.as_str() {
        "time" => ("clock_gettime(CLOCK_REALTIME)", libc::CLOCK_REALTIME, false, true),
        "monotonic" | "perf_counter" => ("clock_gettime(CLOCK_MONOTONIC)", libc::CLOCK_MONOTONIC, true, false),
        "process_time" => ("clock_gettime(CLOCK_PROCESS_CPUTIME_ID)", libc::CLOCK_PROCESS_CPUTIME_ID, true, false),
        "thread_time" => ("clock_gettime(CLOCK_THREAD_CPUTIME_ID)", libc::CLOCK_THREAD_CPUTIME_ID, true, false),
        _ => return Err(vm.value_error("unknown clock")),
    };
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid out-pointer.
    let res = if unsafe { libc::clock_getres(clk, &mut ts) } == 0 { ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9 } else { 1e-9 };
    let ns = vm.new_object(&vm.types.simple_namespace.clone(), Payload::Instance, true);
    if let Some(d) = ns.obj().and_then(|o| o.dict.as_ref()) {
        let mut d = d.borrow_mut();
        d.set_str("implementation", vm.new_str(imp));
        d.set_str("monotonic", Value::Bool(monotonic));
        d.set_str("adjustable", Value::Bool(adjustable));
        d.set_str("resolution", Value::Float(res));
    }
    Ok(ns)
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let funcs: &[(&'static str, NativeFn)] = &[
        ("time", t_time),
        ("time_ns", t_time_ns),
        ("monotonic", t_monotonic),
        ("monotonic_ns", t_monotonic_ns),
        ("perf_counter", t_perf_counter),
        ("perf_counter_ns", t_perf_counter_ns),
        ("process_time", t_process_time),
        ("process_time_ns", t_process_time_ns),
        ("thread_time", t_thread_time),
        ("thread_time_ns", t_thread_time_ns),
        ("clock_gettime", t_clock_gettime),
        ("clock_gettime_ns", t_clock_gettime_ns),
        ("clock_getres", t_clock_getres),
        ("clock_settime", t_clock_settime),
        ("clock_settime_ns", t_clock_settime_ns),
        ("pthread_getcpuclockid", t_pthread_getcpuclockid),
        ("sleep", t_sleep),
        ("gmtime", t_gmtime),
        ("localtime", t_localtime),
        ("mktime", t_mktime),
        ("asctime", t_asctime),
        ("ctime", t_ctime),
        ("strftime", t_strftime),
        ("strptime", t_strptime),
        ("tzset", t_tzset),
        ("get_clock_info", t_get_clock_info),
    ];
    let m = native::new_module(vm, "time", funcs);
    let cls = native::native_class(vm, "time", "struct_time", Some(vm.types.tuple.clone()));
    if let Payload::Class(c) = &cls.payload {
        // Its instances carry a dict (tm_zone, tm_gmtoff) and its own repr.
        c.builtin_exact.set(false);
    }
    native::add_new(&cls, st_new);
    native::add_method(&cls, "__repr__", st_repr);
    native::add_method(&cls, "__reduce__", st_reduce);
    let getters: [NativeFn; 9] = [g0, g1, g2, g3, g4, g5, g6, g7, g8];
    for (name, g) in FIELDS.iter().zip(getters) {
        native::add_getter(vm, &cls, name, g);
    }
    let cv = Value::Obj(cls.clone());
    native::set(&cv, "n_fields", Value::Int(11));
    native::set(&cv, "n_sequence_fields", Value::Int(9));
    native::set(&cv, "n_unnamed_fields", Value::Int(0));
    let names: Vec<Value> = FIELDS.iter().map(|n| str_key(n)).collect();
    let ma = vm.new_tuple(names);
    native::set(&cv, "__match_args__", ma);
    STRUCT_TIME.with(|c| *c.borrow_mut() = Some(cls.clone()));
    MODULE.with(|mm| *mm.borrow_mut() = Some(m.clone()));
    native::set(&m, "struct_time", cv);
    for (name, v) in [
        ("CLOCK_BOOTTIME", libc::CLOCK_BOOTTIME),
        ("CLOCK_MONOTONIC", libc::CLOCK_MONOTONIC),
        ("CLOCK_MONOTONIC_RAW", libc::CLOCK_MONOTONIC_RAW),
        ("CLOCK_PROCESS_CPUTIME_ID", libc::CLOCK_PROCESS_CPUTIME_ID),
        ("CLOCK_REALTIME", libc::CLOCK_REALTIME),
        ("CLOCK_TAI", libc::CLOCK_TAI),
        ("CLOCK_THREAD_CPUTIME_ID", libc::CLOCK_THREAD_CPUTIME_ID),
    ] {
        native::set(&m, name, Value::Int(v as i64));
    }
    native::set(&m, "_STRUCT_TM_ITEMS", Value::Int(11));
    init_timezone(vm, &m);
    Ok(m)
}
