//! Object destruction: `__del__` and generator clean-up run as CPython runs
//! them (when the last reference goes), and deep structures are freed
//! without deep Rust recursion.
//!
//! An object that needs a finalizer is resurrected in `Drop` — its fields
//! move into a fresh object queued here — and the VM runs the queue at the
//! next instruction boundary, where calling Python code is safe. CPython
//! runs `__del__` only once per object (PEP 442); the addresses of
//! resurrected objects are remembered so their final drop frees them.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::Rc;

use crate::value::{ClassCell, Object, Payload, PyRef, Value};
use crate::vm::Vm;

thread_local! {
    static PENDING: RefCell<Vec<PyRef>> = const { RefCell::new(Vec::new()) };
    static FINALIZED: RefCell<HashSet<usize>> = RefCell::new(HashSet::new());
    static DROP_DEPTH: Cell<usize> = const { Cell::new(0) };
    static DEFERRED: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
    /// Off until a VM runs on this thread (nothing may be queued before).
    static ENABLED: Cell<bool> = const { Cell::new(false) };
}

pub fn enable() {
    ENABLED.with(|e| e.set(true));
}

/// Set when finalizers are queued: read before every instruction, so a
/// plain static (the VM runs on one thread).
static HAS_PENDING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

#[inline]
pub fn pending() -> bool {
    HAS_PENDING.load(std::sync::atomic::Ordering::Relaxed)
}

/// Set by the SIGINT handler; the VM raises KeyboardInterrupt at the next
/// instruction boundary.
pub static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

extern "C" fn on_sigint(_sig: libc::c_int) {
    INTERRUPTED.store(true, std::sync::atomic::Ordering::Relaxed);
    HAS_PENDING.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Make the VM look at its queues (finalizers, signals) at the next
/// instruction boundary. Async-signal-safe.
pub fn wake() {
    HAS_PENDING.store(true, std::sync::atomic::Ordering::SeqCst);
}

/// pyx's own SIGINT handler (for `signal.signal(SIGINT, default_int_handler)`).
pub fn sigint_handler() -> libc::sighandler_t {
    on_sigint as extern "C" fn(libc::c_int) as libc::sighandler_t
}

/// Route Ctrl-C to KeyboardInterrupt.
pub fn install_sigint() {
    // SAFETY: the handler only stores to atomics (async-signal-safe).
    unsafe {
        libc::signal(libc::SIGINT, on_sigint as extern "C" fn(libc::c_int) as libc::sighandler_t);
    }
}

/// End the process as CPython does after an uncaught KeyboardInterrupt:
/// by the signal itself, so the parent sees "killed by SIGINT".
pub fn exit_by_sigint() {
    // SAFETY: restoring the default action and raising a signal.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
        libc::raise(libc::SIGINT);
    }
}

fn take_pending() -> Vec<PyRef> {
    HAS_PENDING.store(false, std::sync::atomic::Ordering::SeqCst);
    // Signals that arrived keep the VM looking (their handlers set their
    // own flag before this one).
    if INTERRUPTED.load(std::sync::atomic::Ordering::SeqCst)
        || crate::modules::signal::any_pending()
        || crate::modules::faulthandler::any_pending()
    {
        HAS_PENDING.store(true, std::sync::atomic::Ordering::SeqCst);
    }
    PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()))
}

/// Does this dying object need Python code run first?
fn wants_finalizer(o: &Object) -> bool {
    if !ENABLED.with(|e| e.get()) {
        return false;
    }
    let candidate = match &o.payload {
        Payload::Generator(g) => {
            let g = match g.try_borrow() {
                Ok(g) => g,
                Err(_) => return false,
            };
            if g.ag_finalizer.is_some() && !g.finished && !g.running {
                // The finalizer hook (asyncio's schedules `aclose()`).
                true
            } else if g.is_coroutine && !g.started && !g.finished {
                // Never awaited: CPython warns (`_PyErr_WarnUnawaitedCoroutine`).
                true
            } else if !g.started || g.finished || g.running {
                false
            } else {
                // Only a generator suspended inside try/with has clean-up to do.
                g.frame.as_ref().is_some_and(|f| {
                    let at = f.lasti as u32;
                    f.code.unit.exc_table.iter().any(|e| e.start <= at && at < e.end)
                })
            }
        }
        _ => {
            let Ok(cls) = o.class.try_borrow() else { return false };
            match &cls.payload {
                Payload::Class(c) if !c.builtin_exact.get() => {
                    c.mro.borrow().iter().any(|k| k.dict.as_ref().is_some_and(|d| d.try_borrow().is_ok_and(|d| d.get_str("__del__").is_some())))
                }
                _ => false,
            }
        }
    };
    if !candidate {
        return false;
    }
    // Finalized once already (resurrected for its finalizer): free it now.
    let addr = o as *const Object as usize;
    !FINALIZED.with(|f| f.borrow_mut().remove(&addr))
}

impl Drop for Object {
    fn drop(&mut self) {
        if crate::modules::weakref::ANY.load(std::sync::atomic::Ordering::Relaxed)
            && crate::modules::weakref::on_drop(self as *const Object as usize)
        {
            HAS_PENDING.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        if wants_finalizer(self) {
            let revived = Rc::new(Object {
                class: ClassCell::from_option(self.class.take()),
                dict: self.dict.take(),
                slots: std::mem::replace(&mut self.slots, crate::value::no_slots()),
                payload: std::mem::replace(&mut self.payload, Payload::Instance),
            });
            FINALIZED.with(|f| f.borrow_mut().insert(Rc::as_ptr(&revived) as usize));
            PENDING.with(|p| p.borrow_mut().push(revived));
            HAS_PENDING.store(true, std::sync::atomic::Ordering::Relaxed);
            return;
        }
        // A native module's state (a deque of deques, a chain of chains)
        // is dropped with the same depth bound: past it, the state moves to
        // a holder object that the outermost drop frees later.
        if matches!(self.payload, Payload::Opaque(_)) {
            let depth = DROP_DEPTH.with(|d| d.get());
            let payload = std::mem::replace(&mut self.payload, Payload::Instance);
            let dict = self.dict.take();
            let slots = std::mem::replace(&mut self.slots, crate::value::no_slots());
            if depth >= 200 {
                let holder = Rc::new(Object { class: ClassCell::from_option(None), dict, slots, payload });
                DEFERRED.with(|q| q.borrow_mut().push(Value::Obj(holder)));
                return;
            }
            DROP_DEPTH.with(|d| d.set(depth + 1));
            drop(payload);
            drop(dict);
            drop(slots);
            if depth == 0 {
                loop {
                    let next = DEFERRED.with(|q| q.borrow_mut().pop());
                    match next {
                        Some(v) => drop(v),
                        None => break,
                    }
                }
            }
            DROP_DEPTH.with(|d| d.set(depth));
            return;
        }
        let mut children: Vec<Value> = Vec::new();
        match &mut self.payload {
            Payload::List(l) => children.append(l.get_mut()),
            Payload::Tuple(t) => children.extend(std::mem::take(t).into_vec()),
            Payload::Dict(d) | Payload::Set(d) => d.get_mut().drain_into(&mut children),
            Payload::FrozenSet(d) => d.drain_into(&mut children),
            Payload::Cell(c) => children.extend(c.get_mut().take()),
            Payload::Method { func, self_ } => {
                children.push(std::mem::replace(func, Value::None));
                children.push(std::mem::replace(self_, Value::None));
            }
            _ => {}
        }
        if let Some(d) = self.dict.take() {
            children.push(d.value());
        }
        for s in self.slots.iter_mut() {
            children.extend(s.get_mut().take());
        }
        if children.is_empty() {
            return;
        }
        let depth = DROP_DEPTH.with(|d| d.get());
        if depth >= 200 {
            DEFERRED.with(|q| q.borrow_mut().append(&mut children));
            return;
        }
        DROP_DEPTH.with(|d| d.set(depth + 1));
        drop(children);
        if depth == 0 {
            loop {
                let next = DEFERRED.with(|q| q.borrow_mut().pop());
                match next {
                    Some(v) => drop(v),
                    None => break,
                }
            }
        }
        DROP_DEPTH.with(|d| d.set(depth));
    }
}

impl Vm {
    /// Run the queued finalizers (at an instruction boundary).
    pub fn run_finalizers(&mut self) {
        loop {
            let batch = take_pending();
            let callbacks = crate::modules::weakref::take_callbacks();
            if batch.is_empty() && callbacks.is_empty() {
                return;
            }
            for (cb, wr) in callbacks {
                let saved = std::mem::replace(&mut self.handled, Value::None);
                if let Err(e) = self.call(&cb, vec![wr]) {
                    self.unraisable(&e.0, Some(&cb), None);
                }
                self.handled = saved;
            }
            for obj in batch {
                let v = Value::Obj(obj.clone());
                match &obj.payload {
                    Payload::Generator(g) if g.borrow().ag_finalizer.is_some() => {
                        let fin = g.borrow().ag_finalizer.clone().unwrap_or(Value::None);
                        let saved = std::mem::replace(&mut self.handled, Value::None);
                        if let Err(e) = self.call(&fin, vec![v.clone()]) {
                            self.unraisable(&e.0, Some(&v), None);
                        }
                        self.handled = saved;
                    }
                    Payload::Generator(g) if g.borrow().is_coroutine && !g.borrow().started && !g.borrow().finished => {
                        if let Payload::Generator(g) = &obj.payload {
                            g.borrow_mut().finished = true;
                        }
                        self.warn_unawaited_coroutine(&v);
                    }
                    Payload::Generator(_) => {
                        if let Err(e) = crate::objects::exceptions::close_generator(self, &obj) {
                            self.unraisable(&e.0, Some(&v), None);
                        }
                    }
                    _ => {
                        let cls = obj.class();
                        if let Some(del) = self.lookup_mro(&cls, "__del__") {
                            let saved = std::mem::replace(&mut self.handled, Value::None);
                            if let Err(e) = self.call(&del, vec![v.clone()]) {
                                self.unraisable(&e.0, Some(&del), None);
                            }
                            self.handled = saved;
                        }
                    }
                }
            }
        }
    }

    /// "coroutine 'f' was never awaited", a RuntimeWarning at the running
    /// frame. (CPython goes through `warnings._warn_unawaited_coroutine`,
    /// which passes the coroutine as `source=`; the pure-Python
    /// `warn_explicit` pyx runs would take it for the output file, so the
    /// warning goes without it, and without CPython's tracemalloc hint.)
    fn warn_unawaited_coroutine(&mut self, coro: &Value) {
        let saved = std::mem::replace(&mut self.handled, Value::None);
        let name = self.new_str("warnings");
        let qualname = match coro.payload() {
            Some(Payload::Generator(g)) => g.borrow().qualname.clone(),
            _ => Value::None,
        };
        let r = crate::modules::import(self, &name, &Value::None, &Value::Int(0))
            .and_then(|w| self.getattr(&w, &crate::vm::str_key("warn")))
            .and_then(|f| {
                let q = self.str_string(&qualname)?;
                let msg = self.new_str(&format!("coroutine '{q}' was never awaited"));
                let cat = Value::Obj(self.types.exc.runtime_warning.clone());
                self.call(&f, vec![msg, cat, Value::Int(1)])
            });
        if let Err(e) = r {
            self.unraisable(&e.0, Some(coro), None);
        }
        self.handled = saved;
    }

    /// Report an exception that cannot be raised (from `__del__`, a
    /// generator's clean-up…) through `sys.unraisablehook`.
    pub fn unraisable(&mut self, exc: &Value, obj: Option<&Value>, err_msg: Option<&str>) {
        let hook = crate::modules::sys::get(self, "unraisablehook");
        let is_default = hook.as_ref().is_none_or(|h| matches!(h.payload(), Some(Payload::Native(n)) if n.name == "unraisablehook"));
        if !is_default && !self.in_unraisable_hook {
            self.in_unraisable_hook = true;
            let args = self.new_object(&self.types.simple_namespace.clone(), Payload::Instance, true);
            if let Some(d) = args.obj().and_then(|o| o.dict.as_ref()) {
                let mut d = d.borrow_mut();
                d.set_str("exc_type", Value::Obj(self.type_of(exc)));
                d.set_str("exc_value", exc.clone());
                let tb = match exc.payload() {
                    Some(Payload::Exception(x)) => x.traceback.borrow().clone(),
                    _ => Value::None,
                };
                d.set_str("exc_traceback", tb);
                d.set_str("err_msg", err_msg.map(|m| self.new_str(m)).unwrap_or(Value::None));
                d.set_str("object", obj.cloned().unwrap_or(Value::None));
            }
            let ok = match hook {
                Some(h) => self.call(&h, vec![args]).is_ok(),
                None => false,
            };
            self.in_unraisable_hook = false;
            if ok {
                return;
            }
        }
        let mut text = match obj {
            Some(o) => {
                let r = self.repr(o).map(|r| r.to_string_lossy()).unwrap_or_else(|_| "<object repr() failed>".into());
                format!("{}: {r}\n", err_msg.unwrap_or("Exception ignored in"))
            }
            None => format!("{}\n", err_msg.unwrap_or("Exception ignored in")),
        };
        text.push_str(&crate::traceback::format_exception(self, exc));
        let stderr = crate::modules::sys::get(self, "stderr").unwrap_or(Value::None);
        if stderr.is_none() || crate::modules::sys::write_to(self, &stderr, &text).is_err() {
            self.stderr.write(&text);
        }
    }
}

/// Raise KeyboardInterrupt at the next instruction boundary
/// (`_thread.interrupt_main`).
pub fn interrupt() {
    INTERRUPTED.store(true, std::sync::atomic::Ordering::Relaxed);
    HAS_PENDING.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// After a system call failed with EINTR (PEP 475: it is retried unless
/// this fails): raise KeyboardInterrupt if Ctrl-C interrupted it, and run
/// the Python handlers of the signals that arrived (CPython's
/// `PyErr_CheckSignals`), so a handler that raises ends the wait.
pub fn check_sigint(vm: &mut Vm) -> crate::PyResult<()> {
    if INTERRUPTED.swap(false, std::sync::atomic::Ordering::Relaxed) {
        return Err(vm.new_exception(&vm.types.exc.keyboard_interrupt.clone(), vec![]));
    }
    if crate::modules::signal::any_pending() {
        crate::modules::signal::check(vm)?;
    }
    Ok(())
}
