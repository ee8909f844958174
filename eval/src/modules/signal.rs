//! `_signal`: Python-level signal handlers (CPython's
//! `Modules/signalmodule.c`). The C handler only records the signal (and
//! writes its number to the wakeup fd); the VM calls the Python handler at
//! the next instruction boundary (`check`). SIGINT keeps pyx's own
//! handler while its Python handler is `default_int_handler`, which is
//! what raises KeyboardInterrupt.
//!
//! Approximation: handlers receive `None` as the frame (pyx has no frame
//! objects yet).

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

use crate::modules::native::{self, bind, positional};
use crate::value::{PyRef, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

const NSIG: usize = 65;

#[allow(clippy::declare_interior_mutable_const)]
const UNSET: AtomicBool = AtomicBool::new(false);
static PENDING: [AtomicBool; NSIG] = [UNSET; NSIG];
static ANY: AtomicBool = AtomicBool::new(false);
static WAKEUP_FD: AtomicI32 = AtomicI32::new(-1);

thread_local! {
    /// The Python handler of each signal (None until `_signal` is imported).
    static HANDLERS: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
    static DEFAULT_INT: RefCell<Option<Value>> = const { RefCell::new(None) };
    static ITIMER_ERROR: RefCell<Option<PyRef>> = const { RefCell::new(None) };
}

extern "C" fn on_signal(sig: libc::c_int) {
    let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
    if (sig as usize) < NSIG {
        PENDING[sig as usize].store(true, Ordering::SeqCst);
    }
    ANY.store(true, Ordering::SeqCst);
    crate::vm::finalize::wake();
    let fd = WAKEUP_FD.load(Ordering::Relaxed);
    if fd >= 0 {
        let b = [sig as u8];
        // SAFETY: write(2) is async-signal-safe; the buffer outlives the call.
        unsafe {
            libc::write(fd, b.as_ptr() as *const libc::c_void, 1);
        }
    }
    // SAFETY: restoring errno, as CPython's handler does.
    unsafe {
        *libc::__errno_location() = errno;
    }
}

/// `_thread.interrupt_main(sig)`: act as if `sig` had arrived (its Python
/// handler runs in the main thread; SIG_DFL and SIG_IGN do nothing).
/// Returns false when `_signal` was never imported (no handlers known).
pub fn simulate(sig: usize) -> bool {
    if HANDLERS.with(|h| h.borrow().is_empty()) {
        return false;
    }
    on_signal(sig as libc::c_int);
    true
}

/// `1 <= sig < NSIG`, or CPython's ValueError.
pub fn signal_in_range(vm: &Vm, sig: i64) -> PyResult<usize> {
    check_range(vm, sig)
}

/// Are Python handlers waiting to run?
#[inline]
pub fn any_pending() -> bool {
    ANY.load(Ordering::Relaxed)
}

/// Run the Python handlers of the signals that arrived (CPython's
/// `PyErr_CheckSignals`); the first exception a handler raises stops here.
pub fn check(vm: &mut Vm) -> PyResult<()> {
    if !ANY.swap(false, Ordering::SeqCst) {
        return Ok(());
    }
    for sig in 1..NSIG {
        if !PENDING[sig].swap(false, Ordering::SeqCst) {
            continue;
        }
        let h = HANDLERS.with(|h| h.borrow().get(sig).cloned()).unwrap_or(Value::None);
        if h.is_none() || matches!(h, Value::Int(_)) {
            continue;
        }
        if let Err(e) = vm.call(&h, vec![Value::Int(sig as i64), Value::None]) {
            // The others run at the next check.
            for (s, p) in PENDING.iter().enumerate().skip(sig + 1) {
                if p.load(Ordering::SeqCst) {
                    let _ = s;
                    ANY.store(true, Ordering::SeqCst);
                    crate::vm::finalize::wake();
                    break;
                }
            }
            return Err(e);
        }
    }
    Ok(())
}

fn consts() -> Vec<(&'static str, i64)> {
    vec![
        ("SIGHUP", libc::SIGHUP as i64),
        ("SIGINT", libc::SIGINT as i64),
        ("SIGQUIT", libc::SIGQUIT as i64),
        ("SIGILL", libc::SIGILL as i64),
        ("SIGTRAP", libc::SIGTRAP as i64),
        ("SIGABRT", libc::SIGABRT as i64),
        ("SIGIOT", libc::SIGIOT as i64),
        ("SIGBUS", libc::SIGBUS as i64),
        ("SIGFPE", libc::SIGFPE as i64),
        ("SIGKILL", libc::SIGKILL as i64),
        ("SIGUSR1", libc::SIGUSR1 as i64),
        ("SIGSEGV", libc::SIGSEGV as i64),
        ("SIGUSR2", libc::SIGUSR2 as i64),
        ("SIGPIPE", libc::SIGPIPE as i64),
        ("SIGALRM", libc::SIGALRM as i64),
        ("SIGTERM", libc::SIGTERM as i64),
        ("SIGSTKFLT", 16),
        ("SIGCHLD", libc::SIGCHLD as i64),
        ("SIGCLD", libc::SIGCHLD as i64),
        ("SIGCONT", libc::SIGCONT as i64),
        ("SIGSTOP", libc::SIGSTOP as i64),
        ("SIGTSTP", libc::SIGTSTP as i64),
        ("SIGTTIN", libc::SIGTTIN as i64),
        ("SIGTTOU", libc::SIGTTOU as i64),
        ("SIGURG", libc::SIGURG as i64),
        ("SIGXCPU", libc::SIGXCPU as i64),
        ("SIGXFSZ", libc::SIGXFSZ as i64),
        ("SIGVTALRM", libc::SIGVTALRM as i64),
        ("SIGPROF", libc::SIGPROF as i64),
        ("SIGWINCH", libc::SIGWINCH as i64),
        ("SIGIO", libc::SIGIO as i64),
        ("SIGPOLL", libc::SIGPOLL as i64),
        ("SIGPWR", libc::SIGPWR as i64),
        ("SIGSYS", libc::SIGSYS as i64),
        ("SIGRTMIN", libc::SIGRTMIN() as i64),
        ("SIGRTMAX", libc::SIGRTMAX() as i64),
        ("NSIG", NSIG as i64),
        ("SIG_DFL", 0),
        ("SIG_IGN", 1),
        ("SIG_BLOCK", libc::SIG_BLOCK as i64),
        ("SIG_UNBLOCK", libc::SIG_UNBLOCK as i64),
        ("SIG_SETMASK", libc::SIG_SETMASK as i64),
        ("ITIMER_REAL", libc::ITIMER_REAL as i64),
        ("ITIMER_VIRTUAL", libc::ITIMER_VIRTUAL as i64),
        ("ITIMER_PROF", libc::ITIMER_PROF as i64),
    ]
}

const DOC: &str = "This module provides mechanisms to use signal handlers in Python.\n\nFunctions:\n\nalarm() -- cause SIGALRM after a specified time [Unix only]\nsetitimer() -- cause a signal (described below) after a specified\n               float time and the timer may restart then [Unix only]\ngetitimer() -- get current value of timer [Unix only]\nsignal() -- set the action for a given signal\ngetsignal() -- get the signal action for a given signal\npause() -- wait until a signal arrives [Unix only]\ndefault_int_handler() -- default SIGINT handler\n\nsignal constants:\nSIG_DFL -- used to refer to the system default handler\nSIG_IGN -- used to ignore the signal\nNSIG -- number of defined signals\nSIGINT, SIGTERM, etc. -- signal numbers\n\nitimer constants:\nITIMER_REAL -- decrements in real time, and delivers SIGALRM upon\n               expiration\nITIMER_VIRTUAL -- decrements only when the process is executing,\n               and delivers SIGVTALRM upon expiration\nITIMER_PROF -- decrements both when the process is executing and\n               when the system is executing on behalf of the process.\n               Coupled with ITIMER_VIRTUAL, this timer is usually\n               used to profile the time spent by the application\n               in user and kernel space. SIGPROF is delivered upon\n               expiration.\n\n\n*** IMPORTANT NOTICE ***\nA signal handler function is called with two arguments:\nthe first is the signal number, the second is the interrupted stack frame.";

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let funcs: &[(&'static str, crate::value::NativeFn)] = &[
        ("signal", signal),
        ("getsignal", getsignal),
        ("default_int_handler", default_int_handler),
        ("alarm", alarm),
        ("pause", pause),
        ("raise_signal", raise_signal),
        ("strsignal", strsignal),
        ("valid_signals", valid_signals),
        ("set_wakeup_fd", set_wakeup_fd),
        ("siginterrupt", siginterrupt),
        ("setitimer", setitimer),
        ("getitimer", getitimer),
        ("pthread_sigmask", pthread_sigmask),
        ("pthread_kill", pthread_kill),
        ("sigpending", sigpending),
        ("sigwait", sigwait),
    ];
    let m = native::new_module(vm, "_signal", funcs);
    native::set(&m, "__doc__", vm.new_str(DOC));
    for (name, v) in consts() {
        native::set(&m, name, Value::Int(v));
    }
    let os_error = vm.types.exc.os_error.clone();
    let itimer = native::exception_class(vm, "signal", "itimer_error", Some(os_error))?;
    native::set(&m, "ItimerError", Value::Obj(itimer.clone()));
    ITIMER_ERROR.with(|c| *c.borrow_mut() = Some(itimer));
    let dih = match native::module_dict(&m).and_then(|d| match &d.payload {
        crate::value::Payload::Dict(d) => d.borrow().get_str("default_int_handler").cloned(),
        _ => None,
    }) {
        Some(f) => f,
        None => Value::None,
    };
    DEFAULT_INT.with(|d| *d.borrow_mut() = Some(dih.clone()));
    let initialized = HANDLERS.with(|h| !h.borrow().is_empty());
    if !initialized {
        // CPython ignores SIGXFSZ at start-up (SIGPIPE is ignored already).
        // SAFETY: setting a signal disposition to SIG_IGN.
        unsafe {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        }
        let mut hs = vec![Value::None; NSIG];
        for (sig, slot) in hs.iter_mut().enumerate().skip(1) {
            if sig == libc::SIGINT as usize {
                *slot = dih.clone();
                continue;
            }
            // SAFETY: querying the current action into a zeroed struct.
            let cur = unsafe {
                let mut old: libc::sigaction = std::mem::zeroed();
                if libc::sigaction(sig as libc::c_int, std::ptr::null(), &mut old) != 0 {
                    continue;
                }
                old.sa_sigaction
            };
            *slot = if cur == libc::SIG_DFL {
                Value::Int(0)
            } else if cur == libc::SIG_IGN {
                Value::Int(1)
            } else {
                Value::None
            };
        }
        HANDLERS.with(|h| *h.borrow_mut() = hs);
    }
    Ok(m)
}

fn sig_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let n = crate::objects::str_methods::c_int(vm, v)?;
    Ok(n)
}

fn check_range(vm: &Vm, sig: i64) -> PyResult<usize> {
    if sig < 1 || sig >= NSIG as i64 {
        return Err(vm.value_error("signal number out of range"));
    }
    Ok(sig as usize)
}

fn errno_error(vm: &mut Vm) -> crate::PyErr {
    let e = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
    crate::modules::posix::os_error(vm, e, None, None)
}

fn is_default_int(h: &Value) -> bool {
    DEFAULT_INT.with(|d| d.borrow().as_ref().is_some_and(|x| x.is(h)))
}

fn set_os_handler(vm: &mut Vm, sig: usize, handler: libc::sighandler_t) -> PyResult<()> {
    // SAFETY: installing a handler that only touches atomics and write(2).
    let r = unsafe {
        let mut act: libc::sigaction = std::mem::zeroed();
        act.sa_sigaction = handler;
        act.sa_flags = libc::SA_ONSTACK;
        libc::sigemptyset(&mut act.sa_mask);
        libc::sigaction(sig as libc::c_int, &act, std::ptr::null_mut())
    };
    if r != 0 {
        return Err(errno_error(vm));
    }
    Ok(())
}

fn signal(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "signal", 2, 2)?.to_vec();
    let sig = sig_arg(vm, &p[0])?;
    let sig = check_range(vm, sig)?;
    let handler = p[1].clone();
    let os: libc::sighandler_t = if native::is_callable(vm, &handler) {
        if sig == libc::SIGINT as usize && is_default_int(&handler) {
            crate::vm::finalize::sigint_handler()
        } else {
            on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t
        }
    } else {
        let exact_int = matches!(handler, Value::Int(_));
        match crate::vm::ops::as_i64(&handler) {
            Some(1) if exact_int => libc::SIG_IGN,
            Some(0) if exact_int => libc::SIG_DFL,
            _ => return Err(vm.type_error("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object")),
        }
    };
    check(vm)?;
    set_os_handler(vm, sig, os)?;
    let old = HANDLERS.with(|h| {
        let mut h = h.borrow_mut();
        std::mem::replace(&mut h[sig], handler)
    });
    Ok(old)
}

fn getsignal(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "getsignal", 1, 1)?.to_vec();
    let sig = sig_arg(vm, &p[0])?;
    let sig = check_range(vm, sig)?;
    Ok(HANDLERS.with(|h| h.borrow().get(sig).cloned()).unwrap_or(Value::None))
}

fn default_int_handler(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() != 2 || !a.kw.is_empty() {
        return Err(vm.type_error(format!("default_int_handler expected 2 arguments, got {}", a.pos.len())));
    }
    Err(vm.new_exception(&vm.types.exc.keyboard_interrupt.clone(), vec![]))
}

fn alarm(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "alarm", 1, 1)?.to_vec();
    let secs = crate::objects::str_methods::c_int(vm, &p[0])?;
    // SAFETY: alarm(2) has no memory-safety preconditions.
    let r = unsafe { libc::alarm(secs as libc::c_uint) };
    Ok(Value::Int(r as i64))
}

fn pause(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    positional(vm, a, "pause", 0, 0)?;
    vm.stdout.flush();
    // SAFETY: pause(2) just waits for a signal.
    unsafe {
        libc::pause();
    }
    if crate::vm::finalize::INTERRUPTED.swap(false, Ordering::Relaxed) {
        return Err(vm.new_exception(&vm.types.exc.keyboard_interrupt.clone(), vec![]));
    }
    check(vm)?;
    Ok(Value::None)
}

fn raise_signal(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "raise_signal", 1, 1)?.to_vec();
    let sig = sig_arg(vm, &p[0])?;
    // SAFETY: raise(3) delivers a signal to this thread.
    let r = unsafe { libc::raise(sig as libc::c_int) };
    if r != 0 {
        return Err(errno_error(vm));
    }
    if crate::vm::finalize::INTERRUPTED.swap(false, Ordering::Relaxed) {
        return Err(vm.new_exception(&vm.types.exc.keyboard_interrupt.clone(), vec![]));
    }
    check(vm)?;
    Ok(Value::None)
}

fn strsignal(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "strsignal", 1, 1)?.to_vec();
    let sig = sig_arg(vm, &p[0])?;
    check_range(vm, sig)?;
    // SAFETY: strsignal returns a pointer to a NUL-terminated string (or
    // NULL), read immediately.
    let s = unsafe {
        let p = libc::strsignal(sig as libc::c_int);
        if p.is_null() {
            return Ok(Value::None);
        }
        std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
    };
    if s.contains("Unknown signal") {
        return Ok(Value::None);
    }
    Ok(vm.new_str(&s))
}

fn sigset_to_set(vm: &mut Vm, set: &libc::sigset_t) -> PyResult<Value> {
    let s = vm.call(&Value::Obj(vm.types.set.clone()), vec![])?;
    for sig in 1..NSIG {
        // SAFETY: reading membership of an initialised set.
        if unsafe { libc::sigismember(set, sig as libc::c_int) } == 1 {
            vm.call_method(&s, "add", vec![Value::Int(sig as i64)])?;
        }
    }
    Ok(s)
}

fn iter_to_sigset(vm: &mut Vm, v: &Value) -> PyResult<libc::sigset_t> {
    // SAFETY: sigemptyset initialises the set.
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    unsafe {
        libc::sigemptyset(&mut set);
    }
    let items = vm.to_vec(v)?;
    for it in items {
        let n = match crate::vm::ops::as_i64(&it) {
            Some(n) => n,
            None => crate::builtins::index_i64(vm, &it)?,
        };
        if n <= 0 || n >= NSIG as i64 {
            return Err(vm.value_error(format!("signal number {n} out of range [1; {}]", NSIG - 1)));
        }
        // SAFETY: adding a valid signal number to an initialised set.
        unsafe {
            libc::sigaddset(&mut set, n as libc::c_int);
        }
    }
    Ok(set)
}

fn valid_signals(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    positional(vm, a, "valid_signals", 0, 0)?;
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    // SAFETY: filling a set we own.
    if unsafe { libc::sigfillset(&mut set) } != 0 {
        return Err(errno_error(vm));
    }
    sigset_to_set(vm, &set)
}

fn set_wakeup_fd(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "set_wakeup_fd", &["fd", "warn_on_full_buffer"], 1, 1)?;
    let fd = crate::builtins::index_i64(vm, s[0].as_ref().unwrap_or(&Value::None))?;
    if fd != -1 {
        // SAFETY: fstat on an arbitrary descriptor only reports an error.
        let ok = unsafe {
            let mut st: libc::stat = std::mem::zeroed();
            libc::fstat(fd as libc::c_int, &mut st) == 0
        };
        if !ok {
            return Err(errno_error(vm));
        }
    }
    let old = WAKEUP_FD.swap(fd as i32, Ordering::SeqCst);
    Ok(Value::Int(old as i64))
}

fn siginterrupt(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "siginterrupt", 2, 2)?.to_vec();
    let sig = sig_arg(vm, &p[0])?;
    let sig = check_range(vm, sig)?;
    let flag = crate::objects::str_methods::c_int(vm, &p[1])?;
    // SAFETY: reading and rewriting this signal's action.
    let r = unsafe {
        let mut act: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(sig as libc::c_int, std::ptr::null(), &mut act) != 0 {
            -1
        } else {
            if flag != 0 {
                act.sa_flags &= !libc::SA_RESTART;
            } else {
                act.sa_flags |= libc::SA_RESTART;
            }
            libc::sigaction(sig as libc::c_int, &act, std::ptr::null_mut())
        }
    };
    if r != 0 {
        return Err(errno_error(vm));
    }
    Ok(Value::None)
}

fn tv(secs: f64) -> libc::timeval {
    let whole = secs.trunc();
    let mut usec = ((secs - whole) * 1e6).round() as i64;
    let mut s = whole as i64;
    if usec >= 1_000_000 {
        s += 1;
        usec -= 1_000_000;
    }
    // CPython rounds up a positive delay that would be zero.
    if s == 0 && usec == 0 && secs > 0.0 {
        usec = 1;
    }
    libc::timeval { tv_sec: s as libc::time_t, tv_usec: usec as libc::suseconds_t }
}

fn itimer_tuple(vm: &Vm, v: &libc::itimerval) -> Value {
    let f = |t: &libc::timeval| Value::Float(t.tv_sec as f64 + t.tv_usec as f64 / 1e6);
    vm.new_tuple(vec![f(&v.it_value), f(&v.it_interval)])
}

fn itimer_error(vm: &mut Vm) -> crate::PyErr {
    let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
    let cls = ITIMER_ERROR.with(|c| c.borrow().clone()).unwrap_or_else(|| vm.types.exc.os_error.clone());
    let msg = crate::modules::posix::os_error(vm, errno, None, None);
    let args = match msg.0.payload() {
        Some(crate::value::Payload::Exception(x)) => vm.to_vec(&x.args.borrow().clone()).unwrap_or_default(),
        _ => vec![],
    };
    match vm.call(&Value::Obj(cls), args) {
        Ok(e) => crate::PyErr(e),
        Err(e) => e,
    }
}

fn seconds_arg(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match crate::vm::ops::num_as_f64(v) {
        Some(f) if matches!(v, Value::Float(_) | Value::Int(_) | Value::Bool(_)) => Ok(f),
        _ => {
            let r = vm.call(&Value::Obj(vm.types.float.clone()), vec![v.clone()]);
            match r {
                Ok(Value::Float(f)) => Ok(f),
                _ => Err(vm.type_error(format!("must be real number, not {}", vm.type_name(v)))),
            }
        }
    }
}

fn setitimer(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "setitimer", 2, 3)?.to_vec();
    let which = crate::objects::str_methods::c_int(vm, &p[0])?;
    let secs = seconds_arg(vm, &p[1])?;
    let interval = match p.get(2) {
        Some(v) => seconds_arg(vm, v)?,
        None => 0.0,
    };
    let new = libc::itimerval { it_value: tv(secs), it_interval: tv(interval) };
    let mut old: libc::itimerval = unsafe { std::mem::zeroed() };
    // SAFETY: both structs are valid for the call.
    if unsafe { libc::setitimer(which as libc::c_int, &new, &mut old) } != 0 {
        return Err(itimer_error(vm));
    }
    Ok(itimer_tuple(vm, &old))
}

fn getitimer(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "getitimer", 1, 1)?.to_vec();
    let which = crate::objects::str_methods::c_int(vm, &p[0])?;
    let mut old: libc::itimerval = unsafe { std::mem::zeroed() };
    // SAFETY: the struct is valid for the call.
    if unsafe { libc::getitimer(which as libc::c_int, &mut old) } != 0 {
        return Err(itimer_error(vm));
    }
    Ok(itimer_tuple(vm, &old))
}

fn pthread_sigmask(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "pthread_sigmask", 2, 2)?.to_vec();
    let how = crate::objects::str_methods::c_int(vm, &p[0])?;
    let set = iter_to_sigset(vm, &p[1])?;
    let mut old: libc::sigset_t = unsafe { std::mem::zeroed() };
    // SAFETY: both sets are initialised.
    let r = unsafe { libc::pthread_sigmask(how as libc::c_int, &set, &mut old) };
    if r != 0 {
        return Err(crate::modules::posix::os_error(vm, r, None, None));
    }
    check(vm)?;
    sigset_to_set(vm, &old)
}

fn pthread_kill(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "pthread_kill", 2, 2)?.to_vec();
    let tid = match crate::vm::ops::as_big(&p[0]) {
        Some(b) => num_traits::ToPrimitive::to_u64(&b).or_else(|| num_traits::ToPrimitive::to_i64(&b).map(|x| x as u64)),
        None => None,
    };
    let Some(tid) = tid else { return Err(vm.overflow_error("Python int too large to convert to C unsigned long")) };
    let sig = sig_arg(vm, &p[1])?;
    // SAFETY: pthread_kill reports an invalid thread id as an error.
    let r = unsafe { libc::pthread_kill(tid as libc::pthread_t, sig as libc::c_int) };
    if r != 0 {
        return Err(crate::modules::posix::os_error(vm, r, None, None));
    }
    if crate::vm::finalize::INTERRUPTED.swap(false, Ordering::Relaxed) {
        return Err(vm.new_exception(&vm.types.exc.keyboard_interrupt.clone(), vec![]));
    }
    check(vm)?;
    Ok(Value::None)
}

fn sigpending(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    positional(vm, a, "sigpending", 0, 0)?;
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    // SAFETY: the set is written by the call.
    if unsafe { libc::sigpending(&mut set) } != 0 {
        return Err(errno_error(vm));
    }
    sigset_to_set(vm, &set)
}

fn sigwait(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "sigwait", 1, 1)?.to_vec();
    let set = iter_to_sigset(vm, &p[0])?;
    let mut sig: libc::c_int = 0;
    vm.stdout.flush();
    // SAFETY: the set is initialised and `sig` is written by the call.
    let r = unsafe { libc::sigwait(&set, &mut sig) };
    if r != 0 {
        return Err(crate::modules::posix::os_error(vm, r, None, None));
    }
    Ok(Value::Int(sig as i64))
}
