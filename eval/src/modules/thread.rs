//! `_thread` in its single-thread form (docs/eval.md, "Threads"): pyx's
//! objects are not shared between OS threads yet, so a new thread runs to
//! completion inside `start_new_thread`, under its own thread identity.
//! Locks are real locks for that model: a blocking acquire of a lock that
//! no other thread can release raises instead of hanging forever.

use std::cell::Cell;

use crate::modules::native::{self, bind, new_opaque, opaque, opaque_mut, positional};
use crate::value::{Payload, PyRef, Value};
use crate::vm::{str_key, Args, Vm};
use crate::PyResult;

pub struct Lock {
    locked: bool,
}

pub struct RLock {
    owner: i64,
    count: u64,
}

thread_local! {
    static LOCK_TYPE: std::cell::RefCell<Option<PyRef>> = const { std::cell::RefCell::new(None) };
    /// The identities of the running threads, innermost last.
    static IDENTS: std::cell::RefCell<Vec<i64>> = const { std::cell::RefCell::new(Vec::new()) };
    static NEXT_IDENT: Cell<i64> = const { Cell::new(0) };
    static RUNNING: Cell<i64> = const { Cell::new(0) };
}

fn main_ident() -> i64 {
    // SAFETY: pthread_self has no preconditions.
    (unsafe { libc::pthread_self() }) as i64
}

/// `get_ident()` of the thread running now.
pub fn current_ident() -> i64 {
    IDENTS.with(|s| s.borrow().last().copied()).unwrap_or_else(main_ident)
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

/// Waiting for a lock only this thread could release.
fn wait_forever(vm: &mut Vm, timeout: f64) -> PyResult<Value> {
    if timeout >= 0.0 {
        std::thread::sleep(std::time::Duration::from_secs_f64(timeout.min(1e6)));
        return Ok(Value::Bool(false));
    }
    Err(vm.err(
        &vm.types.exc.runtime_error.clone(),
        "deadlock: blocking forever on a lock that no other thread can release (pyx runs threads one at a time)",
    ))
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
    wait_forever(vm, timeout)
}

fn lock_release(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let Some(mut l) = opaque_mut::<Lock>(&this) else { return Err(vm.type_error("descriptor 'release' requires a '_thread.lock' object")) };
    if !l.locked {
        drop(l);
        return Err(vm.err(&vm.types.exc.runtime_error.clone(), "release unlocked lock"));
    }
    l.locked = false;
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
    wait_forever(vm, timeout)
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
    Ok(vm.new_tuple(vec![Value::Int(count as i64), Value::Int(owner)]))
}

fn rlock_acquire_restore(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let state = a.pos.get(1).cloned().unwrap_or(Value::None);
    let items = vm.to_vec(&state)?;
    let (Some(count), Some(owner)) = (items.first().and_then(crate::vm::ops::as_i64), items.get(1).and_then(crate::vm::ops::as_i64)) else {
        return Err(vm.type_error("_acquire_restore() argument must be a (count, owner) tuple"));
    };
    let Some(mut l) = opaque_mut::<RLock>(&this) else { return Err(vm.type_error("an RLock is required")) };
    if l.count > 0 && l.owner != owner {
        drop(l);
        return wait_forever(vm, -1.0);
    }
    l.count = count.max(0) as u64;
    l.owner = owner;
    Ok(Value::None)
}

fn rlock_reinit(_vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if let Some(mut l) = a.pos.first().and_then(opaque_mut::<RLock>) {
        l.count = 0;
        l.owner = 0;
    }
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

/// Empty every `_local` for a new thread; the saved attributes.
fn locals_enter() -> Vec<(PyRef, Vec<(Value, Value)>)> {
    let live: Vec<PyRef> = LOCALS.with(|l| {
        let mut l = l.borrow_mut();
        l.retain(|w| w.strong_count() > 0);
        l.iter().filter_map(|w| w.upgrade()).collect()
    });
    let mut saved = Vec::new();
    for o in live {
        if let Some(d) = o.dict.as_ref().map(|d| d.get()) {
            if let Payload::Dict(dd) = &d.0.payload {
                let items = dd.borrow().items();
                dd.borrow_mut().clear();
                saved.push((o.clone(), items));
            }
        }
    }
    saved
}

fn locals_exit(vm: &mut Vm, saved: Vec<(PyRef, Vec<(Value, Value)>)>) {
    for (o, items) in saved {
        if let Some(d) = o.dict.as_ref().map(|d| d.get()) {
            let dv = Value::Obj(d.0.clone());
            if let Payload::Dict(dd) = &d.0.payload {
                dd.borrow_mut().clear();
            }
            for (k, v) in items {
                let _ = vm.setitem(&dv, k, v);
            }
        }
    }
}

fn get_ident(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    positional(vm, a, "get_ident", 0, 0)?;
    Ok(Value::Int(current_ident()))
}

fn get_native_id(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    positional(vm, a, "get_native_id", 0, 0)?;
    // SAFETY: gettid has no preconditions.
    let tid = unsafe { libc::gettid() } as i64;
    Ok(Value::Int(IDENTS.with(|s| s.borrow().len() as i64) + tid))
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
    IDENTS.with(|s| s.borrow_mut().push(ident));
    RUNNING.with(|r| r.set(r.get() + 1));
    let saved = std::mem::replace(&mut vm.handled, Value::None);
    let locals = locals_enter();
    let r = crate::modules::contextvars::with_fresh_context(|| vm.call_kw(&func, pos, kw));
    locals_exit(vm, locals);
    vm.handled = saved;
    RUNNING.with(|r| r.set(r.get() - 1));
    IDENTS.with(|s| s.borrow_mut().pop());
    release_sentinels(ident);
    if let Err(e) = r {
        if !vm.isinstance(&e.0, &vm.types.exc.system_exit.clone()) {
            let msg = format!("Exception ignored in thread started by: {}", vm.repr(&func).map(|r| r.to_string_lossy()).unwrap_or_default());
            vm.unraisable(&e.0, None, Some(&msg));
        }
    }
    Ok(Value::Int(ident))
}

fn count(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::Int(RUNNING.with(|r| r.get())))
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
    positional(vm, a, "interrupt_main", 0, 1)?;
    crate::vm::finalize::interrupt();
    Ok(Value::None)
}

fn exit(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(vm.new_exception(&vm.types.exc.system_exit.clone(), vec![]))
}
