//! `_thread` with cooperative threads (docs/eval.md, "Threads"): pyx's
//! objects are not shared between OS threads, so the threads of a program
//! take turns on the interpreter's OS thread, each on a stack of its own
//! (see "cooperative threads" below). A blocking acquire of a lock that no
//! thread can ever release raises instead of hanging forever.

use std::cell::Cell;

use crate::modules::native::{self, bind, new_opaque, opaque, opaque_mut, positional};
use crate::value::{Payload, PyRef, Value};
use crate::vm::{str_key, Args, Vm};
use crate::{PyErr, PyResult};

pub struct Lock {
    locked: bool,
}

pub struct RLock {
    owner: i64,
    count: u64,
}

thread_local! {
    static LOCK_TYPE: std::cell::RefCell<Option<PyRef>> = const { std::cell::RefCell::new(None) };
    static NEXT_IDENT: Cell<i64> = const { Cell::new(0) };
}

fn main_ident() -> i64 {
    // SAFETY: pthread_self has no preconditions.
    (unsafe { libc::pthread_self() }) as i64
}

/// `get_ident()` of the thread running now.
pub fn current_ident() -> i64 {
    match CUR.with(|c| c.get()) {
        0 => main_ident(),
        id => id,
    }
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(
        vm,
        "_thread",
        &[
            ("allocate_lock", allocate_lock),
            ("allocate", allocate_lock),
            ("_set_sentinel", set_sentinel),
            ("get_ident", get_ident),
            ("get_native_id", get_native_id),
            ("start_new_thread", start_new_thread),
            ("start_new", start_new_thread),
            ("_count", count),
            ("stack_size", stack_size),
            ("interrupt_main", interrupt_main),
            ("exit", exit),
            ("exit_thread", exit),
        ],
    );
    let lock = native::native_class(vm, "_thread", "lock", None);
    native::add_new(&lock, lock_new);
    for (name, f) in [
        ("acquire", lock_acquire as crate::value::NativeFn),
        ("acquire_lock", lock_acquire),
        ("__enter__", lock_acquire),
        ("release", lock_release),
        ("release_lock", lock_release),
        ("locked", lock_locked),
        ("locked_lock", lock_locked),
        ("_at_fork_reinit", lock_reinit),
        ("__repr__", lock_repr),
    ] {
        native::add_method(&lock, name, f);
    }
    native::add_method(&lock, "__exit__", lock_exit);
    LOCK_TYPE.with(|t| *t.borrow_mut() = Some(lock.clone()));
    let rlock = native::native_class(vm, "_thread", "RLock", None);
    native::add_new(&rlock, rlock_new);
    for (name, f) in [
        ("acquire", rlock_acquire as crate::value::NativeFn),
        ("__enter__", rlock_acquire),
        ("release", rlock_release),
        ("_is_owned", rlock_is_owned),
        ("_recursion_count", rlock_recursion_count),
        ("_release_save", rlock_release_save),
        ("_acquire_restore", rlock_acquire_restore),
        ("_at_fork_reinit", rlock_reinit),
        ("__repr__", rlock_repr),
    ] {
        native::add_method(&rlock, name, f);
    }
    native::add_method(&rlock, "__exit__", rlock_exit);
    let local = native::native_class(vm, "_thread", "_local", None);
    if let Payload::Class(c) = &local.payload {
        // Its instances keep attributes (one set per thread, see LOCALS).
        c.no_dict.set(false);
    }
    native::add_new(&local, local_new);
    native::set(&m, "LockType", Value::Obj(lock));
    native::set(&m, "RLock", Value::Obj(rlock));
    native::set(&m, "_local", Value::Obj(local));
    native::set(&m, "error", Value::Obj(vm.types.exc.runtime_error.clone()));
    native::set(&m, "TIMEOUT_MAX", Value::Float(9223372036.0));
    Ok(m)
}

fn new_lock(vm: &Vm) -> Value {
    let cls = LOCK_TYPE.with(|t| t.borrow().clone()).unwrap_or_else(|| vm.types.object.clone());
    new_opaque(vm, &cls, Lock { locked: false })
}

thread_local! {
    /// `_set_sentinel` locks by the thread that made them: released when
    /// that thread ends (what `Thread.join` waits for).
    static SENTINELS: std::cell::RefCell<Vec<(i64, Value)>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn set_sentinel(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    positional(vm, a, "_set_sentinel", 0, 0)?;
    let l = new_lock(vm);
    let me = current_ident();
    SENTINELS.with(|s| s.borrow_mut().push((me, l.clone())));
    Ok(l)
}

/// The thread `ident` has ended: release its sentinel locks.
fn release_sentinels(ident: i64) {
    let mine: Vec<Value> = SENTINELS.with(|s| {
        let mut s = s.borrow_mut();
        let (mine, rest): (Vec<_>, Vec<_>) = s.drain(..).partition(|(i, _)| *i == ident);
        *s = rest;
        mine.into_iter().map(|(_, l)| l).collect()
    });
    for l in mine {
        if let Some(mut st) = opaque_mut::<Lock>(&l) {
            st.locked = false;
        }
    }
    note_release();
}

fn allocate_lock(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    positional(vm, a, "allocate_lock", 0, 0)?;
    Ok(new_lock(vm))
}

fn lock_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first() else { return Err(vm.type_error("lock.__new__(X): X is not a type object")) };
    if a.pos.len() > 1 || !a.kw.is_empty() {
        return Err(vm.type_error("lock() takes no arguments"));
    }
    Ok(new_opaque(vm, &cls.clone(), Lock { locked: false }))
}

/// The `(blocking=True, timeout=-1)` arguments of `acquire`.
fn acquire_args(vm: &mut Vm, a: &Args) -> PyResult<(bool, f64)> {
    let rest = Args { pos: a.pos.iter().skip(1).cloned().collect(), kw: a.kw.clone() };
    let s = bind(vm, &rest, "acquire", &["blocking", "timeout"], 0, 2)?;
    let blocking = match &s[0] {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    let timeout = match &s[1] {
        Some(v) => crate::vm::ops::num_as_f64(v).ok_or_else(|| vm.type_error(format!("'{}' object cannot be interpreted as an integer or float", vm.type_name(v))))?,
        None => -1.0,
    };
    if !blocking && timeout != -1.0 {
        return Err(vm.value_error("can't specify a timeout for a non-blocking call"));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(vm.value_error("timeout value must be a non-negative number"));
    }
    if timeout > 9223372036.0 {
        return Err(vm.overflow_error("timeout value is too large"));
    }
    Ok((blocking, timeout))
}

fn deadlock(vm: &Vm) -> PyErr {
    vm.err(
        &vm.types.exc.runtime_error.clone(),
        "deadlock: blocking forever on a lock that no thread can release (every thread waits)",
    )
}

/// Wait until `take` succeeds (true) or `timeout` (seconds, -1: none)
/// passes (false); other threads run meanwhile.
fn acquire_wait(vm: &mut Vm, timeout: f64, mut take: impl FnMut() -> bool) -> PyResult<Value> {
    let deadline = if timeout >= 0.0 { Instant::now().checked_add(Duration::from_secs_f64(timeout.min(1e9))) } else { None };
    loop {
        if take() {
            return Ok(Value::Bool(true));
        }
        let now = Instant::now();
        if deadline.is_some_and(|d| now >= d) {
            return Ok(Value::Bool(false));
        }
        if others() {
            if !wait(vm, deadline, true) {
                return Err(deadlock(vm));
            }
        } else {
            // Only this thread could release it.
            let Some(d) = deadline else { return Err(deadlock(vm)) };
            std::thread::sleep((d - now).min(Duration::from_millis(20)));
        }
        main_thread_signals(vm)?;
    }
}

fn lock_acquire(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (blocking, timeout) = acquire_args(vm, a)?;
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    {
        let Some(mut l) = opaque_mut::<Lock>(&this) else { return Err(vm.type_error("descriptor 'acquire' requires a '_thread.lock' object")) };
        if !l.locked {
            l.locked = true;
            return Ok(Value::Bool(true));
        }
    }
    if !blocking || timeout == 0.0 {
        return Ok(Value::Bool(false));
    }
    acquire_wait(vm, timeout, || match opaque_mut::<Lock>(&this) {
        Some(mut l) if !l.locked => {
            l.locked = true;
            true
        }
        _ => false,
    })
}

fn lock_release(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let Some(mut l) = opaque_mut::<Lock>(&this) else { return Err(vm.type_error("descriptor 'release' requires a '_thread.lock' object")) };
    if !l.locked {
        drop(l);
        return Err(vm.err(&vm.types.exc.runtime_error.clone(), "release unlocked lock"));
    }
    l.locked = false;
    drop(l);
    note_release();
    Ok(Value::None)
}

fn lock_exit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    lock_release(vm, &Args::new(a.pos.iter().take(1).cloned().collect()))
}

fn lock_locked(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let Some(l) = opaque::<Lock>(&this) else { return Err(vm.type_error("descriptor 'locked' requires a '_thread.lock' object")) };
    Ok(Value::Bool(l.locked))
}

fn lock_reinit(_vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if let Some(mut l) = a.pos.first().and_then(opaque_mut::<Lock>) {
        l.locked = false;
    }
    note_release();
    Ok(Value::None)
}

fn addr(v: &Value) -> String {
    format!("0x{:x}", crate::builtins::id_of(v))
}

fn lock_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let locked = opaque::<Lock>(&this).map(|l| l.locked).unwrap_or(false);
    let cls = vm.type_of(&this);
    let name = crate::types::class_name(&cls);
    Ok(vm.new_str(&format!("<{} _thread.{name} object at {}>", if locked { "locked" } else { "unlocked" }, addr(&this))))
}

fn rlock_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first() else { return Err(vm.type_error("RLock.__new__(X): X is not a type object")) };
    Ok(new_opaque(vm, &cls.clone(), RLock { owner: 0, count: 0 }))
}

fn rlock_acquire(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (blocking, timeout) = acquire_args(vm, a)?;
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let me = current_ident();
    {
        let Some(mut l) = opaque_mut::<RLock>(&this) else { return Err(vm.type_error("descriptor 'acquire' requires a '_thread.RLock' object")) };
        if l.count == 0 || l.owner == me {
            if l.count == u64::MAX {
                drop(l);
                return Err(vm.overflow_error("Internal lock count overflowed"));
            }
            l.owner = me;
            l.count += 1;
            return Ok(Value::Bool(true));
        }
    }
    if !blocking || timeout == 0.0 {
        return Ok(Value::Bool(false));
    }
    acquire_wait(vm, timeout, || match opaque_mut::<RLock>(&this) {
        Some(mut l) if l.count == 0 => {
            l.owner = me;
            l.count = 1;
            true
        }
        _ => false,
    })
}

fn rlock_release(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let me = current_ident();
    let Some(mut l) = opaque_mut::<RLock>(&this) else { return Err(vm.type_error("descriptor 'release' requires a '_thread.RLock' object")) };
    if l.count == 0 || l.owner != me {
        drop(l);
        return Err(vm.err(&vm.types.exc.runtime_error.clone(), "cannot release un-acquired lock"));
    }
    l.count -= 1;
    if l.count == 0 {
        l.owner = 0;
        drop(l);
        note_release();
    }
    Ok(Value::None)
}

fn rlock_exit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    rlock_release(vm, &Args::new(a.pos.iter().take(1).cloned().collect()))
}

fn rlock_is_owned(_vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let me = current_ident();
    Ok(Value::Bool(a.pos.first().and_then(opaque::<RLock>).is_some_and(|l| l.count > 0 && l.owner == me)))
}

fn rlock_recursion_count(_vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let me = current_ident();
    let n = a.pos.first().and_then(opaque::<RLock>).map(|l| if l.owner == me { l.count } else { 0 }).unwrap_or(0);
    Ok(Value::Int(n as i64))
}

fn rlock_release_save(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let Some(mut l) = opaque_mut::<RLock>(&this) else { return Err(vm.type_error("an RLock is required")) };
    if l.count == 0 {
        drop(l);
        return Err(vm.err(&vm.types.exc.runtime_error.clone(), "cannot release un-acquired lock"));
    }
    let (count, owner) = (l.count, l.owner);
    l.count = 0;
    l.owner = 0;
    drop(l);
    note_release();
    Ok(vm.new_tuple(vec![Value::Int(count as i64), Value::Int(owner)]))
}

fn rlock_acquire_restore(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let state = a.pos.get(1).cloned().unwrap_or(Value::None);
    let items = vm.to_vec(&state)?;
    let (Some(count), Some(owner)) = (items.first().and_then(crate::vm::ops::as_i64), items.get(1).and_then(crate::vm::ops::as_i64)) else {
        return Err(vm.type_error("_acquire_restore() argument must be a (count, owner) tuple"));
    };
    if opaque::<RLock>(&this).is_none() {
        return Err(vm.type_error("an RLock is required"));
    }
    acquire_wait(vm, -1.0, || match opaque_mut::<RLock>(&this) {
        Some(mut l) if l.count == 0 || l.owner == owner => {
            l.count = count.max(0) as u64;
            l.owner = owner;
            true
        }
        _ => false,
    })?;
    Ok(Value::None)
}

fn rlock_reinit(_vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if let Some(mut l) = a.pos.first().and_then(opaque_mut::<RLock>) {
        l.count = 0;
        l.owner = 0;
    }
    note_release();
    Ok(Value::None)
}

fn rlock_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let (owner, count) = opaque::<RLock>(&this).map(|l| (l.owner, l.count)).unwrap_or((0, 0));
    let cls = vm.type_of(&this);
    let name = crate::types::class_name(&cls);
    let module = vm.getattr(&Value::Obj(cls), &str_key("__module__")).ok().and_then(|m| m.as_str().map(|s| s.to_string_lossy())).unwrap_or_default();
    Ok(vm.new_str(&format!(
        "<{} {module}.{name} object owner={owner} count={count} at {}>",
        if count > 0 { "locked" } else { "unlocked" },
        addr(&this)
    )))
}

fn local_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first() else { return Err(vm.type_error("_local.__new__(X): X is not a type object")) };
    let is_exact = native::is_native_class(cls);
    if is_exact && (a.pos.len() > 1 || !a.kw.is_empty()) {
        return Err(vm.type_error("Initialization arguments are not supported"));
    }
    let v = vm.new_object(&cls.clone(), Payload::Instance, true);
    if let Value::Obj(o) = &v {
        LOCALS.with(|l| l.borrow_mut().push(std::rc::Rc::downgrade(o)));
    }
    Ok(v)
}

thread_local! {
    /// Every `_thread._local` instance: a thread started (inline) sees
    /// them empty, and their attributes come back when it ends.
    static LOCALS: std::cell::RefCell<Vec<std::rc::Weak<crate::value::Object>>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn get_ident(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    positional(vm, a, "get_ident", 0, 0)?;
    Ok(Value::Int(current_ident()))
}

fn get_native_id(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    positional(vm, a, "get_native_id", 0, 0)?;
    // SAFETY: gettid has no preconditions.
    let tid = unsafe { libc::gettid() } as i64;
    // Distinct per thread: the OS thread's id plus the thread's number.
    let n = match CUR.with(|c| c.get()) {
        0 => 0,
        id => id.wrapping_sub(main_ident()) / 0x10000,
    };
    Ok(Value::Int(tid.wrapping_add(n)))
}

fn start_new_thread(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "start_new_thread", 2, 3)?;
    let (func, args) = (a[0].clone(), a[1].clone());
    if !matches!(args.payload(), Some(Payload::Tuple(_))) {
        return Err(vm.type_error("2nd arg must be a tuple"));
    }
    let kwargs = a.get(2).cloned();
    if let Some(k) = &kwargs {
        if !matches!(k.payload(), Some(Payload::Dict(_))) {
            return Err(vm.type_error("optional 3rd arg must be a dictionary"));
        }
    }
    let ident = NEXT_IDENT.with(|n| {
        n.set(n.get() + 1);
        main_ident().wrapping_add(n.get() * 0x10000)
    });
    let pos = vm.to_vec(&args)?;
    let kw: Vec<(Value, Value)> = match &kwargs {
        Some(k) => match k.payload() {
            Some(Payload::Dict(d)) => d.borrow().iter().map(|e| (e.key.clone(), e.value.clone())).collect(),
            _ => Vec::new(),
        },
        None => Vec::new(),
    };
    spawn(vm, ident, func, pos, kw)?;
    Ok(Value::Int(ident))
}

fn count(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::Int(LIVE.load(Ordering::Relaxed) as i64))
}

fn stack_size(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "stack_size", 0, 1)?;
    if let Some(v) = a.first() {
        let n = crate::builtins::index_i64(vm, v)?;
        if n != 0 && n < 32768 {
            return Err(vm.value_error("size not valid: 32768 bytes"));
        }
    }
    Ok(Value::Int(0))
}

fn interrupt_main(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "interrupt_main", 0, 1)?;
    let sig = match a.first() {
        Some(v) => crate::builtins::index_i64(vm, v)?,
        None => libc::SIGINT as i64,
    };
    let sig = crate::modules::signal::signal_in_range(vm, sig)?;
    if !crate::modules::signal::simulate(sig) && sig == libc::SIGINT as usize {
        crate::vm::finalize::interrupt();
    }
    Ok(Value::None)
}

fn exit(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(vm.new_exception(&vm.types.exc.system_exit.clone(), vec![]))
}

// ---- cooperative threads ----------------------------------------------------
//
// Each thread started by `start_new_thread` runs on a stack of its own (a
// `ucontext` on the interpreter's OS thread), and threads take turns: a
// thread gives way when it waits for a lock, sleeps, or when the switch
// timer has fired (checked at instruction boundaries, like CPython's
// switch interval). One thread runs at a time, so the `Rc` object model is
// untouched; the per-thread parts of the VM (frames, the exception being
// handled, the context, `_local` attributes) are swapped at each switch.

use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Other threads alive (besides the main one).
static LIVE: AtomicUsize = AtomicUsize::new(0);
/// Set by the switch timer: the running thread should give way.
static SWITCH_DUE: AtomicBool = AtomicBool::new(false);
/// Bumped whenever a lock is released (waiters look again).
static RELEASES: AtomicU64 = AtomicU64::new(0);
/// The VM, for a thread's first entry.
static VM_PTR: AtomicPtr<Vm> = AtomicPtr::new(std::ptr::null_mut());
static TIMER: std::sync::Once = std::sync::Once::new();

const STACK_LEN: usize = 256 << 20;
const GUARD: usize = 64 << 10;

enum State {
    Ready,
    /// Waiting until `deadline`, or (with `since`) until a lock is
    /// released after the release count `since`.
    Waiting { deadline: Option<Instant>, since: Option<u64> },
    Done,
}

/// The per-thread parts of the VM while the thread is not running.
struct Saved {
    frames: Vec<Box<crate::vm::frame::Frame>>,
    handled: Value,
    handled_outer: Vec<Value>,
    reraise_keep: bool,
    nested_runs: usize,
    c_depth: usize,
    stack_base: usize,
    stack_size: usize,
    context: Option<Value>,
    locals: Vec<(std::rc::Weak<crate::value::Object>, Vec<(Value, Value)>)>,
}

struct Green {
    ident: i64,
    ctx: Box<libc::ucontext_t>,
    /// The mapping of the thread's stack (None: the main thread's own).
    stack: Option<(usize, usize)>,
    state: State,
    saved: Option<Saved>,
    start: Option<(Value, Vec<Value>, Vec<(Value, Value)>)>,
}

thread_local! {
    /// Never dropped: at exit, suspended threads' objects are left alone
    /// (their finalizers must not run after the VM has gone).
    static SCHED: std::cell::RefCell<std::mem::ManuallyDrop<Vec<Green>>> = const { std::cell::RefCell::new(std::mem::ManuallyDrop::new(Vec::new())) };
    /// Identity of the running thread (0: the main thread).
    static CUR: Cell<i64> = const { Cell::new(0) };
}

fn zeroed_ctx() -> Box<libc::ucontext_t> {
    // SAFETY: ucontext_t is plain data; all zero is a valid (unused) value.
    Box::new(unsafe { std::mem::zeroed() })
}

fn ensure_main() {
    SCHED.with(|s| {
        let mut s = s.borrow_mut();
        if s.is_empty() {
            s.push(Green { ident: 0, ctx: zeroed_ctx(), stack: None, state: State::Ready, saved: None, start: None });
        }
    });
}

/// Is the main thread running? (Only it runs signal handlers and gets
/// KeyboardInterrupt, as in CPython.)
#[inline]
pub fn is_main() -> bool {
    CUR.with(|c| c.get()) == 0
}

/// A signal (or Ctrl-C) waits for the main thread.
fn signal_waiting() -> bool {
    crate::vm::finalize::INTERRUPTED.load(Ordering::Relaxed) || crate::modules::signal::any_pending()
}

/// Are other threads alive?
pub fn others() -> bool {
    LIVE.load(Ordering::Relaxed) > 0
}

/// Has the switch timer fired? (Read at instruction boundaries once
/// `finalize::pending()` is set.)
#[inline]
pub fn switch_due() -> bool {
    SWITCH_DUE.load(Ordering::Relaxed)
}

fn note_release() {
    RELEASES.fetch_add(1, Ordering::Relaxed);
}

/// For a blocking system call while other threads exist: the call is made
/// without waiting (`poll_now`), and when nothing was ready this lets the
/// others run for a moment (until `deadline` at the latest) before it is
/// tried again. Signals that arrived are handled (main thread).
pub fn idle(vm: &mut Vm, deadline: Option<Instant>) -> PyResult<()> {
    let slice = Instant::now() + Duration::from_millis(2);
    let until = match deadline {
        Some(d) if d < slice => d,
        _ => slice,
    };
    wait(vm, Some(until), false);
    if is_main() {
        crate::vm::finalize::check_sigint(vm)?;
    }
    Ok(())
}

/// Should a blocking system call only poll (other threads need turns)?
#[inline]
pub fn poll_now() -> bool {
    others()
}

/// Something other threads may wait for has happened (`_queue`'s put):
/// waiters look again.
pub fn notify() {
    note_release();
}

/// Wait (letting other threads run) until something is released or
/// `deadline` passes, for waits outside locks (`SimpleQueue.get`). Raises
/// when no thread could ever end the wait, and for signals in the main
/// thread.
pub fn wait_for_others(vm: &mut Vm, deadline: Option<Instant>) -> PyResult<()> {
    if others() {
        if !wait(vm, deadline, true) {
            return Err(deadlock(vm));
        }
    } else {
        let Some(d) = deadline else { return Err(deadlock(vm)) };
        let now = Instant::now();
        if d > now {
            std::thread::sleep((d - now).min(Duration::from_millis(20)));
        }
    }
    main_thread_signals(vm)?;
    Ok(())
}

fn save_locals() -> Vec<(std::rc::Weak<crate::value::Object>, Vec<(Value, Value)>)> {
    let live: Vec<PyRef> = LOCALS.with(|l| {
        let mut l = l.borrow_mut();
        l.retain(|w| w.strong_count() > 0);
        l.iter().filter_map(|w| w.upgrade()).collect()
    });
    let mut out = Vec::new();
    for o in live {
        if let Some(d) = o.dict.as_ref().map(|d| d.get()) {
            if let Payload::Dict(dd) = &d.0.payload {
                let items = dd.borrow().items();
                dd.borrow_mut().clear();
                out.push((std::rc::Rc::downgrade(&o), items));
            }
        }
    }
    out
}

fn restore_locals(vm: &mut Vm, saved: Vec<(std::rc::Weak<crate::value::Object>, Vec<(Value, Value)>)>) {
    for (w, items) in saved {
        let Some(o) = w.upgrade() else { continue };
        if let Some(d) = o.dict.as_ref().map(|d| d.get()) {
            let dv = Value::Obj(d.0.clone());
            for (k, v) in items {
                let _ = vm.setitem(&dv, k, v);
            }
        }
    }
}

fn save_state(vm: &mut Vm) -> Saved {
    Saved {
        frames: std::mem::take(&mut vm.frames),
        handled: std::mem::replace(&mut vm.handled, Value::None),
        handled_outer: std::mem::take(&mut vm.handled_outer),
        reraise_keep: std::mem::take(&mut vm.reraise_keep),
        nested_runs: std::mem::take(&mut vm.nested_runs),
        c_depth: std::mem::take(&mut vm.c_depth),
        stack_base: vm.stack_base,
        stack_size: vm.stack_size,
        context: crate::modules::contextvars::take_current(),
        locals: save_locals(),
    }
}

fn restore_state(vm: &mut Vm, s: Saved) {
    vm.frames = s.frames;
    vm.handled = s.handled;
    vm.handled_outer = s.handled_outer;
    vm.reraise_keep = s.reraise_keep;
    vm.nested_runs = s.nested_runs;
    vm.c_depth = s.c_depth;
    vm.stack_base = s.stack_base;
    vm.stack_size = s.stack_size;
    crate::modules::contextvars::set_current(s.context);
    restore_locals(vm, s.locals);
}

/// The next thread that may run (round robin after the running one).
fn pick(now: Instant) -> Option<i64> {
    let cur = CUR.with(|c| c.get());
    let epoch = RELEASES.load(Ordering::Relaxed);
    let signal = signal_waiting();
    SCHED.with(|s| {
        let s = s.borrow();
        let n = s.len();
        let at = s.iter().position(|g| g.ident == cur).unwrap_or(0);
        (1..n).map(|k| &s[(at + k) % n]).find(|g| match &g.state {
            State::Ready => true,
            State::Waiting { deadline, since } => {
                deadline.is_some_and(|d| d <= now) || since.is_some_and(|e| epoch > e) || (g.ident == 0 && signal)
            }
            State::Done => false,
        })
        .map(|g| g.ident)
    })
}

/// The earliest deadline of the waiting threads.
fn earliest() -> Option<Instant> {
    SCHED.with(|s| {
        s.borrow()
            .iter()
            .filter_map(|g| match &g.state {
                State::Waiting { deadline, .. } => *deadline,
                _ => None,
            })
            .min()
    })
}

fn set_state(ident: i64, st: State) {
    SCHED.with(|s| {
        if let Some(g) = s.borrow_mut().iter_mut().find(|g| g.ident == ident) {
            g.state = st;
        }
    });
}

/// Run thread `to` until it gives way back to this one.
fn switch_to(vm: &mut Vm, to: i64) {
    let cur = CUR.with(|c| c.get());
    if to == cur {
        return;
    }
    let mine = save_state(vm);
    let (from_ctx, to_ctx, theirs, fresh) = SCHED.with(|s| {
        let mut s = s.borrow_mut();
        let a = s.iter().position(|g| g.ident == cur).expect("the running thread is scheduled");
        s[a].saved = Some(mine);
        let from: *mut libc::ucontext_t = &mut *s[a].ctx;
        let b = s.iter().position(|g| g.ident == to).expect("the next thread is scheduled");
        let to_ctx: *const libc::ucontext_t = &*s[b].ctx;
        (from, to_ctx, s[b].saved.take(), s[b].stack)
    });
    match theirs {
        Some(st) => restore_state(vm, st),
        None => {
            // A thread's first turn: nothing of its own yet.
            let (base, len) = fresh.unwrap_or((0, 0));
            vm.stack_base = base + len;
            vm.stack_size = len - GUARD;
            crate::modules::contextvars::set_current(None);
        }
    }
    CUR.with(|c| c.set(to));
    // The VM escapes to the other thread through this pointer, so the
    // compiler cannot keep any of it in registers across the switch.
    VM_PTR.store(vm as *mut Vm, Ordering::SeqCst);
    // SAFETY: both contexts live in boxes owned by SCHED that are only
    // freed once their thread is done and has left for good (reap).
    unsafe {
        libc::swapcontext(from_ctx, to_ctx);
    }
    reap();
}

/// Free the stacks of the threads that have ended (not the running one).
fn reap() {
    let cur = CUR.with(|c| c.get());
    let dead: Vec<Green> = SCHED.with(|s| {
        let mut s = s.borrow_mut();
        let (dead, keep): (Vec<Green>, Vec<Green>) = s.drain(..).partition(|g| matches!(g.state, State::Done) && g.ident != cur);
        **s = keep;
        dead
    });
    for g in dead {
        if let Some((p, len)) = g.stack {
            // SAFETY: the mapping made in start_new_thread; its thread has
            // switched away for the last time.
            unsafe {
                libc::munmap(p as *mut libc::c_void, len);
            }
        }
    }
}

/// Give way to another thread that can run (the switch interval or a
/// `sleep(0)`); back when this thread's turn comes again.
pub fn preempt(vm: &mut Vm) {
    SWITCH_DUE.store(false, Ordering::Relaxed);
    if !others() {
        return;
    }
    let cur = CUR.with(|c| c.get());
    set_state(cur, State::Ready);
    if let Some(t) = pick(Instant::now()) {
        switch_to(vm, t);
    }
}

/// The running thread waits until `deadline` (None: no limit) or, with
/// `on_release`, until some lock is released; other threads run meanwhile.
/// Returns false when nothing could ever end the wait (a deadlock). Also
/// returns (true) early when a signal is pending, for the caller to handle.
pub fn wait(vm: &mut Vm, deadline: Option<Instant>, on_release: bool) -> bool {
    let cur = CUR.with(|c| c.get());
    let since = on_release.then(|| RELEASES.load(Ordering::Relaxed));
    set_state(cur, State::Waiting { deadline, since });
    let ok = loop {
        let now = Instant::now();
        if deadline.is_some_and(|d| d <= now) || since.is_some_and(|e| RELEASES.load(Ordering::Relaxed) > e) {
            break true;
        }
        if let Some(t) = pick(now) {
            switch_to(vm, t);
            break true;
        }
        if cur == 0 && signal_waiting() {
            break true;
        }
        match earliest() {
            Some(d) => {
                let now = Instant::now();
                if d > now {
                    std::thread::sleep((d - now).min(Duration::from_millis(20)));
                }
            }
            None => break false,
        }
    };
    set_state(cur, State::Ready);
    ok
}

fn start_timer() {
    TIMER.call_once(|| {
        // A plain OS thread that touches no Python object: it only raises
        // the switch flag every 5 ms while other threads exist.
        let _ = std::thread::Builder::new().name("pyx-switch".into()).spawn(|| loop {
            std::thread::sleep(Duration::from_millis(5));
            if LIVE.load(Ordering::Relaxed) > 0 {
                SWITCH_DUE.store(true, Ordering::Relaxed);
                crate::vm::finalize::wake();
            }
        });
    });
}

extern "C" fn green_entry() {
    // SAFETY: set by switch_to just before the first switch to this thread.
    let vm = unsafe { &mut *VM_PTR.load(Ordering::SeqCst) };
    let me = CUR.with(|c| c.get());
    let start = SCHED.with(|s| s.borrow_mut().iter_mut().find(|g| g.ident == me).and_then(|g| g.start.take()));
    if let Some((func, pos, kw)) = start {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| vm.call_kw(&func, pos, kw)));
        if let Ok(Err(e)) = r {
            if !vm.isinstance(&e.0, &vm.types.exc.system_exit.clone()) {
                let msg = format!("Exception ignored in thread started by: {}", vm.repr(&func).map(|r| r.to_string_lossy()).unwrap_or_default());
                vm.unraisable(&e.0, None, Some(&msg));
            }
        }
    }
    release_sentinels(me);
    vm.frames.clear();
    vm.handled = Value::None;
    vm.handled_outer.clear();
    set_state(me, State::Done);
    LIVE.fetch_sub(1, Ordering::Relaxed);
    // Leave for good: to a thread that can run, else to any live one (it
    // finds out for itself whether it can go on).
    loop {
        let next = pick(Instant::now()).or_else(|| {
            SCHED.with(|s| s.borrow().iter().find(|g| g.ident != me && !matches!(g.state, State::Done)).map(|g| g.ident))
        });
        match next {
            Some(t) => switch_to(vm, t),
            // The only thread left (a forked child's): the process ends.
            // SAFETY: _exit has no preconditions.
            None => unsafe { libc::_exit(0) },
        }
    }
}

/// In a forked child only the thread that forked goes on.
pub fn after_fork_child() {
    let cur = CUR.with(|c| c.get());
    SCHED.with(|s| {
        let mut s = s.borrow_mut();
        // The other stacks are the parent's memory copied: left as they are.
        s.retain(|g| g.ident == cur);
    });
    LIVE.store(0, Ordering::Relaxed);
    SENTINELS.with(|s| s.borrow_mut().retain(|(i, _)| *i == current_ident()));
}

fn spawn(vm: &mut Vm, ident: i64, func: Value, pos: Vec<Value>, kw: Vec<(Value, Value)>) -> PyResult<()> {
    ensure_main();
    // SAFETY: an anonymous private mapping; checked for failure.
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            STACK_LEN,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE | libc::MAP_STACK,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        return Err(vm.err(&vm.types.exc.runtime_error.clone(), "can't start new thread"));
    }
    let mut ctx = zeroed_ctx();
    // SAFETY: the guard page is inside the new mapping; getcontext and
    // makecontext fill in `ctx` for a stack that stays mapped until reap.
    unsafe {
        libc::mprotect(p, GUARD, libc::PROT_NONE);
        if libc::getcontext(&mut *ctx) != 0 {
            libc::munmap(p, STACK_LEN);
            return Err(vm.err(&vm.types.exc.runtime_error.clone(), "can't start new thread"));
        }
        ctx.uc_stack.ss_sp = p;
        ctx.uc_stack.ss_size = STACK_LEN;
        ctx.uc_link = std::ptr::null_mut();
        libc::makecontext(&mut *ctx, green_entry, 0);
    }
    SCHED.with(|s| {
        s.borrow_mut().push(Green {
            ident,
            ctx,
            stack: Some((p as usize, STACK_LEN)),
            state: State::Ready,
            saved: None,
            start: Some((func, pos, kw)),
        })
    });
    LIVE.fetch_add(1, Ordering::Relaxed);
    start_timer();
    Ok(())
}

/// `sys._current_frames()`: each live thread's innermost frame (snapshots,
/// as `sys._getframe` makes them).
pub fn current_frames(vm: &mut Vm) -> Vec<(i64, Value)> {
    fn top(vm: &Vm) -> Option<usize> {
        (0..vm.frames.len()).rev().find(|&i| !vm.frames[i].code.hidden)
    }
    let mut out = Vec::new();
    if let Some(i) = top(vm) {
        out.push((current_ident(), crate::objects::frames::frame_chain(vm, i)));
    }
    let cur = CUR.with(|c| c.get());
    let others: Vec<(i64, Vec<Box<crate::vm::frame::Frame>>)> = SCHED.with(|s| {
        s.borrow_mut()
            .iter_mut()
            .filter(|g| g.ident != cur && !matches!(g.state, State::Done))
            .filter_map(|g| g.saved.as_mut().map(|sv| (g.ident, std::mem::take(&mut sv.frames))))
            .collect()
    });
    for (id, mut frames) in others {
        std::mem::swap(&mut vm.frames, &mut frames);
        let f = top(vm).map(|i| crate::objects::frames::frame_chain(vm, i));
        std::mem::swap(&mut vm.frames, &mut frames);
        SCHED.with(|s| {
            if let Some(sv) = s.borrow_mut().iter_mut().find(|g| g.ident == id).and_then(|g| g.saved.as_mut()) {
                sv.frames = frames;
            }
        });
        if let Some(f) = f {
            out.push((if id == 0 { main_ident() } else { id }, f));
        }
    }
    out
}

/// `sys._current_exceptions()`: the exception each live thread handles.
pub fn current_exceptions(vm: &mut Vm) -> Vec<(i64, Value)> {
    let mut out = vec![(current_ident(), vm.current_handled())];
    let cur = CUR.with(|c| c.get());
    SCHED.with(|s| {
        for g in s.borrow().iter().filter(|g| g.ident != cur && !matches!(g.state, State::Done)) {
            if let Some(sv) = &g.saved {
                let h = if !sv.handled.is_none() { sv.handled.clone() } else { sv.handled_outer.iter().rev().find(|v| !v.is_none()).cloned().unwrap_or(Value::None) };
                out.push((if g.ident == 0 { main_ident() } else { g.ident }, h));
            }
        }
    });
    out
}

/// While the main thread waits: Ctrl-C and pending signal handlers run
/// there (CPython runs them in the main thread only).
fn main_thread_signals(vm: &mut Vm) -> PyResult<()> {
    if is_main() {
        if crate::vm::finalize::INTERRUPTED.swap(false, Ordering::Relaxed) {
            return Err(vm.new_exception(&vm.types.exc.keyboard_interrupt.clone(), vec![]));
        }
        if crate::modules::signal::any_pending() {
            crate::modules::signal::check(vm)?;
        }
    }
    Ok(())
}
