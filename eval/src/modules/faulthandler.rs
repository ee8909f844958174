//! `faulthandler`: dump the Python stack on a fatal signal (SIGSEGV,
//! SIGFPE, SIGABRT, SIGBUS, SIGILL), on demand (`dump_traceback`), on a
//! user signal (`register`) or after a timeout (`dump_traceback_later`),
//! in CPython's format (`  File "f.py", line 3 in g`).
//!
//! The fatal-signal handler reads the VM's frames without allocating,
//! as CPython's does. Approximations: a `register`ed signal dumps at the
//! next instruction boundary (not inside the C handler), and the
//! `dump_traceback_later` watchdog prints the timeout and thread lines
//! without frames (another thread cannot read pyx's frames safely).

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicPtr, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use crate::modules::native::{self, bind};
use crate::value::Value;
use crate::vm::{str_key, Args, Vm};
use crate::PyResult;

const FATAL: &[(libc::c_int, &str)] = &[
    (libc::SIGBUS, "Bus error"),
    (libc::SIGILL, "Illegal instruction"),
    (libc::SIGFPE, "Floating point exception"),
    (libc::SIGABRT, "Aborted"),
    (libc::SIGSEGV, "Segmentation fault"),
];

static ENABLED: AtomicBool = AtomicBool::new(false);
static FD: AtomicI32 = AtomicI32::new(2);
static ALL_THREADS: AtomicBool = AtomicBool::new(true);
static VM: AtomicPtr<Vm> = AtomicPtr::new(std::ptr::null_mut());
static USER_PENDING: AtomicU64 = AtomicU64::new(0);

struct UserSignal {
    fd: i32,
    all_threads: bool,
    chain: bool,
    previous: libc::sigaction,
}

struct Watchdog {
    cancel: Arc<(Mutex<bool>, Condvar)>,
    thread: Option<std::thread::JoinHandle<()>>,
}

thread_local! {
    static PREVIOUS: RefCell<Vec<(libc::c_int, libc::sigaction)>> = const { RefCell::new(Vec::new()) };
    static USER: RefCell<Vec<(libc::c_int, UserSignal)>> = const { RefCell::new(Vec::new()) };
    static WATCHDOG: RefCell<Option<Watchdog>> = const { RefCell::new(None) };
    /// Objects whose file descriptors are in use (kept alive, as CPython).
    static FILES: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let funcs: &[(&'static str, crate::value::NativeFn)] = &[
        ("enable", enable),
        ("disable", disable),
        ("is_enabled", is_enabled),
        ("dump_traceback", dump_traceback),
        ("dump_traceback_later", dump_traceback_later),
        ("cancel_dump_traceback_later", cancel_dump_traceback_later),
        ("register", register),
        ("unregister", unregister),
        ("_sigsegv", sigsegv),
        ("_sigabrt", sigabrt),
        ("_sigfpe", sigfpe),
        ("_read_null", sigsegv),
        ("_stack_overflow", sigsegv),
        ("_fatal_error_c_thread", sigabrt),
    ];
    let m = native::new_module(vm, "faulthandler", funcs);
    native::set(&m, "__doc__", vm.new_str("faulthandler module."));
    Ok(m)
}

/// The VM is going away: the fatal handler must not read it any more.
pub fn forget_vm() {
    VM.store(std::ptr::null_mut(), Ordering::SeqCst);
}

// ---- writing without allocating -------------------------------------------------

fn put(fd: i32, b: &[u8]) {
    let mut off = 0;
    while off < b.len() {
        // SAFETY: writing from a live slice.
        let n = unsafe { libc::write(fd, b[off..].as_ptr() as *const libc::c_void, b.len() - off) };
        if n <= 0 {
            return;
        }
        off += n as usize;
    }
}

fn put_dec(fd: i32, mut v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    put(fd, &buf[i..]);
}

fn put_hex16(fd: i32, v: u64) {
    let mut buf = [0u8; 18];
    buf[0] = b'0';
    buf[1] = b'x';
    for k in 0..16 {
        let d = ((v >> ((15 - k) * 4)) & 0xf) as u8;
        buf[2 + k] = if d < 10 { b'0' + d } else { b'a' + d - 10 };
    }
    put(fd, &buf);
}

fn thread_id() -> u64 {
    // SAFETY: pthread_self has no preconditions.
    (unsafe { libc::pthread_self() }) as u64
}

/// The stack of `vm`, most recent call first.
fn dump_frames(fd: i32, vm: &Vm) {
    if vm.frames.is_empty() {
        put(fd, b"  <no Python frame>\n");
        return;
    }
    for f in vm.frames.iter().rev() {
        let unit = &f.code.unit;
        let line = unit.positions.get(f.lasti).map(|p| p.line).unwrap_or(0);
        put(fd, b"  File \"");
        put(fd, unit.filename.as_bytes());
        put(fd, b"\", line ");
        put_dec(fd, line as u64);
        put(fd, b" in ");
        put(fd, unit.name.as_bytes());
        put(fd, b"\n");
    }
}

fn dump_header(fd: i32, all_threads: bool) {
    if all_threads {
        put(fd, b"Current thread ");
        put_hex16(fd, thread_id());
        put(fd, b" (most recent call first):\n");
    } else {
        put(fd, b"Stack (most recent call first):\n");
    }
}

extern "C" fn on_fatal(sig: libc::c_int) {
    let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
    let fd = FD.load(Ordering::SeqCst);
    let name = FATAL.iter().find(|(s, _)| *s == sig).map(|(_, n)| *n).unwrap_or("?");
    // Restore the previous handlers first (a second fault then ends us).
    restore_fatal_handlers();
    put(fd, b"Fatal Python error: ");
    put(fd, name.as_bytes());
    put(fd, b"\n\n");
    let all = ALL_THREADS.load(Ordering::SeqCst);
    dump_header(fd, all);
    let vm = VM.load(Ordering::SeqCst);
    if !vm.is_null() {
        // SAFETY: the VM outlives its run (forget_vm clears this before it
        // goes); like CPython's handler, this reads it as it stands.
        dump_frames(fd, unsafe { &*vm });
    }
    // SAFETY: restoring errno, then re-raising with the old disposition;
    // if that handler returns (Rust's own SIGSEGV handler does, expecting
    // the fault to recur), with the default one.
    unsafe {
        *libc::__errno_location() = errno;
        libc::raise(sig);
        libc::signal(sig, libc::SIG_DFL);
        libc::raise(sig);
    }
}

fn restore_fatal_handlers() {
    if !ENABLED.swap(false, Ordering::SeqCst) {
        return;
    }
    let prev = PREVIOUS.try_with(|p| std::mem::take(&mut *p.borrow_mut())).unwrap_or_default();
    for (sig, act) in prev {
        // SAFETY: reinstalling a previously saved action.
        unsafe {
            libc::sigaction(sig, &act, std::ptr::null_mut());
        }
    }
}

// ---- arguments ----------------------------------------------------------------------

/// The file argument: its descriptor (flushing a file object first).
fn file_fd(vm: &mut Vm, file: Option<&Value>) -> PyResult<i32> {
    let file = match file {
        Some(f) if !f.is_none() => f.clone(),
        _ => {
            let e = crate::modules::sys::get(vm, "stderr").unwrap_or(Value::None);
            if e.is_none() {
                return Err(vm.err(&vm.types.exc.runtime_error.clone(), "sys.stderr is None"));
            }
            e
        }
    };
    if let Some(n) = crate::vm::ops::as_i64(&file).filter(|_| matches!(file, Value::Int(_) | Value::Bool(_))) {
        if n < 0 {
            return Err(vm.value_error("file is not a valid file descripter"));
        }
        return Ok(n as i32);
    }
    let r = vm.call_method(&file, "fileno", vec![])?;
    let n = crate::vm::ops::as_i64(&r).ok_or_else(|| vm.err(&vm.types.exc.runtime_error.clone(), "file.fileno() is not a valid file descriptor"))?;
    if n < 0 {
        return Err(vm.value_error("file is not a valid file descripter"));
    }
    if vm.getattr(&file, &str_key("flush")).is_ok() {
        vm.call_method(&file, "flush", vec![])?;
    }
    if matches!(n, 1 | 2) {
        vm.stdout.flush();
        vm.stderr.flush();
    }
    FILES.with(|f| f.borrow_mut().push(file));
    Ok(n as i32)
}

fn truthy_arg(vm: &mut Vm, v: &Option<Value>, default: bool) -> PyResult<bool> {
    match v {
        Some(v) => vm.truthy(v),
        None => Ok(default),
    }
}

// ---- the functions ---------------------------------------------------------------------

fn enable(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "enable", &["file", "all_threads"], 0, 2)?;
    let fd = file_fd(vm, s[0].as_ref())?;
    let all = truthy_arg(vm, &s[1], true)?;
    FD.store(fd, Ordering::SeqCst);
    ALL_THREADS.store(all, Ordering::SeqCst);
    VM.store(vm as *mut Vm, Ordering::SeqCst);
    if ENABLED.swap(true, Ordering::SeqCst) {
        return Ok(Value::None);
    }
    let mut prev = Vec::new();
    for (sig, _) in FATAL {
        // SAFETY: installing a handler, keeping the old action to restore.
        unsafe {
            let mut act: libc::sigaction = std::mem::zeroed();
            act.sa_sigaction = on_fatal as extern "C" fn(libc::c_int) as libc::sighandler_t;
            act.sa_flags = libc::SA_NODEFER | libc::SA_ONSTACK;
            libc::sigemptyset(&mut act.sa_mask);
            let mut old: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(*sig, &act, &mut old) == 0 {
                prev.push((*sig, old));
            }
        }
    }
    PREVIOUS.with(|p| *p.borrow_mut() = prev);
    Ok(Value::None)
}

fn disable(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    let was = ENABLED.load(Ordering::SeqCst);
    restore_fatal_handlers();
    Ok(Value::Bool(was))
}

fn is_enabled(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::Bool(ENABLED.load(Ordering::SeqCst)))
}

fn dump_traceback(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "dump_traceback", &["file", "all_threads"], 0, 2)?;
    let fd = file_fd(vm, s[0].as_ref())?;
    let all = truthy_arg(vm, &s[1], true)?;
    dump_header(fd, all);
    dump_frames(fd, vm);
    Ok(Value::None)
}

fn cancel_watchdog() {
    let w = WATCHDOG.with(|w| w.borrow_mut().take());
    if let Some(mut w) = w {
        {
            let (m, c) = &*w.cancel;
            if let Ok(mut g) = m.lock() {
                *g = true;
            }
            c.notify_all();
        }
        if let Some(t) = w.thread.take() {
            let _ = t.join();
        }
    }
}

fn dump_traceback_later(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "dump_traceback_later", &["timeout", "repeat", "file", "exit"], 1, 4)?;
    let timeout = s[0].as_ref().and_then(crate::vm::ops::num_as_f64).ok_or_else(|| vm.type_error("timeout must be a number"))?;
    let us = (timeout * 1e6) as i64;
    if us <= 0 {
        return Err(vm.value_error("timeout must be greater than 0"));
    }
    let repeat = truthy_arg(vm, &s[1], false)?;
    let fd = file_fd(vm, s[2].as_ref())?;
    let exit = truthy_arg(vm, &s[3], false)?;
    cancel_watchdog();
    let cancel = Arc::new((Mutex::new(false), Condvar::new()));
    let c2 = cancel.clone();
    let tid = thread_id();
    let secs = us / 1_000_000;
    let header = format!("Timeout ({}:{:02}:{:02})!\n", secs / 3600, (secs / 60) % 60, secs % 60);
    let thread = std::thread::spawn(move || {
        let (m, c) = &*c2;
        loop {
            let g = m.lock().expect("watchdog lock");
            let (g, res) = c.wait_timeout_while(g, std::time::Duration::from_micros(us as u64), |cancelled| !*cancelled).expect("watchdog wait");
            if *g {
                return;
            }
            drop(g);
            if res.timed_out() {
                put(fd, header.as_bytes());
                put(fd, b"Thread ");
                put_hex16(fd, tid);
                put(fd, b" (most recent call first):\n");
                if exit {
                    // SAFETY: ending the process, as CPython's _exit(1).
                    unsafe { libc::_exit(1) };
                }
                if !repeat {
                    return;
                }
            }
        }
    });
    WATCHDOG.with(|w| *w.borrow_mut() = Some(Watchdog { cancel, thread: Some(thread) }));
    Ok(Value::None)
}

fn cancel_dump_traceback_later(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    cancel_watchdog();
    Ok(Value::None)
}

extern "C" fn on_user(sig: libc::c_int) {
    if (0..64).contains(&sig) {
        USER_PENDING.fetch_or(1 << sig, Ordering::SeqCst);
        crate::vm::finalize::wake();
    }
}

/// Dump for the `register`ed signals that arrived (at an instruction
/// boundary).
pub fn check(vm: &mut Vm) {
    let bits = USER_PENDING.swap(0, Ordering::SeqCst);
    if bits == 0 {
        return;
    }
    for sig in 1..64 {
        if bits & (1 << sig) == 0 {
            continue;
        }
        let u = USER.with(|u| u.borrow().iter().find(|(s, _)| *s == sig).map(|(_, u)| (u.fd, u.all_threads, u.chain, u.previous)));
        if let Some((fd, all, chain, previous)) = u {
            dump_header(fd, all);
            dump_frames(fd, vm);
            if chain && previous.sa_sigaction != libc::SIG_DFL && previous.sa_sigaction != libc::SIG_IGN {
                // SAFETY: calling the previous C handler as CPython does.
                let f: extern "C" fn(libc::c_int) = unsafe { std::mem::transmute(previous.sa_sigaction) };
                f(sig);
            }
        }
    }
}

/// Are dumps for registered signals waiting?
#[inline]
pub fn any_pending() -> bool {
    USER_PENDING.load(Ordering::Relaxed) != 0
}

fn register(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "register", &["signum", "file", "all_threads", "chain"], 1, 4)?;
    let sig = crate::objects::str_methods::c_int(vm, s[0].as_ref().unwrap_or(&Value::None))? as libc::c_int;
    if FATAL.iter().any(|(f, _)| *f == sig) {
        return Err(vm.err(&vm.types.exc.runtime_error.clone(), format!("signal {sig} cannot be registered, use enable() instead")));
    }
    if !(1..64).contains(&sig) {
        return Err(vm.value_error("signal number out of range"));
    }
    let fd = file_fd(vm, s[1].as_ref())?;
    let all = truthy_arg(vm, &s[2], true)?;
    let chain = truthy_arg(vm, &s[3], false)?;
    let existing = USER.with(|u| u.borrow().iter().position(|(s, _)| *s == sig));
    let previous = match existing {
        Some(i) => USER.with(|u| u.borrow()[i].1.previous),
        None => {
            // SAFETY: installing our handler and keeping the old action.
            unsafe {
                let mut act: libc::sigaction = std::mem::zeroed();
                act.sa_sigaction = on_user as extern "C" fn(libc::c_int) as libc::sighandler_t;
                act.sa_flags = libc::SA_ONSTACK | if chain { libc::SA_NODEFER } else { 0 } | libc::SA_RESTART;
                libc::sigemptyset(&mut act.sa_mask);
                let mut old: libc::sigaction = std::mem::zeroed();
                if libc::sigaction(sig, &act, &mut old) != 0 {
                    let e = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
                    return Err(crate::modules::posix::os_error(vm, e, None, None));
                }
                old
            }
        }
    };
    USER.with(|u| {
        let mut u = u.borrow_mut();
        u.retain(|(s, _)| *s != sig);
        u.push((sig, UserSignal { fd, all_threads: all, chain, previous }));
    });
    Ok(Value::None)
}

fn unregister(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = native::positional(vm, a, "unregister", 1, 1)?.to_vec();
    let sig = crate::objects::str_methods::c_int(vm, &p[0])? as libc::c_int;
    if !(1..65).contains(&sig) {
        return Err(vm.value_error("signal number out of range"));
    }
    let found = USER.with(|u| {
        let mut u = u.borrow_mut();
        let i = u.iter().position(|(s, _)| *s == sig)?;
        Some(u.remove(i).1)
    });
    match found {
        Some(us) => {
            // SAFETY: reinstalling the saved action.
            unsafe {
                libc::sigaction(sig, &us.previous, std::ptr::null_mut());
            }
            Ok(Value::Bool(true))
        }
        None => Ok(Value::Bool(false)),
    }
}

fn sigsegv(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    vm.stdout.flush();
    vm.stderr.flush();
    // SAFETY: deliberately raising a fatal signal (a test helper). Rust's
    // own SIGSEGV handler would return: the default action ends us.
    unsafe {
        if !ENABLED.load(Ordering::SeqCst) {
            libc::signal(libc::SIGSEGV, libc::SIG_DFL);
        }
        libc::raise(libc::SIGSEGV);
    }
    Ok(Value::None)
}

fn sigabrt(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    vm.stdout.flush();
    vm.stderr.flush();
    // SAFETY: deliberately aborting (a test helper).
    unsafe {
        libc::abort();
    }
}

fn sigfpe(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    vm.stdout.flush();
    vm.stderr.flush();
    // SAFETY: deliberately raising a fatal signal (a test helper).
    unsafe {
        libc::raise(libc::SIGFPE);
    }
    Ok(Value::None)
}
