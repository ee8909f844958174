//! `_weakref`: weak references with callbacks. A weak reference holds a
//! `std::rc::Weak` to its referent; the referent's `Drop` (vm/finalize.rs)
//! looks itself up in the registry below and queues the callbacks, which
//! the VM runs at the next instruction boundary, as CPython runs them
//! when the last reference goes.

use std::cell::RefCell;
use std::rc::{Rc, Weak};
use std::sync::atomic::{AtomicBool, Ordering};

use rustc_hash::FxHashMap;

use crate::modules::native::{self, new_opaque, opaque, positional};
use crate::value::{Object, Payload, PyRef, Value};
use crate::vm::{str_key, Args, Vm};
use crate::PyResult;

pub struct WeakRef {
    target: Weak<Object>,
    callback: Value,
    hash: Option<i64>,
}

pub struct Proxy {
    target: Weak<Object>,
    callback: Value,
}

thread_local! {
    /// Referent address → the weak reference objects to it (weakly).
    static REFS: RefCell<FxHashMap<usize, Vec<Weak<Object>>>> = RefCell::new(FxHashMap::default());
    /// (callback, weak reference) pairs to call.
    static CALLBACKS: RefCell<Vec<(Value, Value)>> = const { RefCell::new(Vec::new()) };
    static TYPES: RefCell<Option<(PyRef, PyRef, PyRef)>> = const { RefCell::new(None) };
}

/// Set once any weak reference exists: until then `Drop` skips the lookup.
pub static ANY: AtomicBool = AtomicBool::new(false);

/// Called from `Object::drop`: clear the weak references to the dying
/// object at `addr` and queue their callbacks. Returns true when callbacks
/// were queued.
pub fn on_drop(addr: usize) -> bool {
    let Ok(Some(list)) = REFS.try_with(|r| r.try_borrow_mut().ok().and_then(|mut r| r.remove(&addr))) else { return false };
    let mut queued = false;
    for w in list.iter().rev() {
        let Some(wr) = w.upgrade() else { continue };
        let v = Value::Obj(wr);
        let cb = match v.payload() {
            Some(Payload::Opaque(cell)) => match cell.try_borrow() {
                Ok(b) => {
                    if let Some(r) = b.downcast_ref::<WeakRef>() {
                        r.callback.clone()
                    } else if let Some(p) = b.downcast_ref::<Proxy>() {
                        p.callback.clone()
                    } else {
                        Value::None
                    }
                }
                Err(_) => Value::None,
            },
            _ => Value::None,
        };
        if !cb.is_none() {
            let _ = CALLBACKS.try_with(|c| c.borrow_mut().push((cb, v)));
            queued = true;
        }
    }
    queued
}

/// The queued callbacks (run by `Vm::run_finalizers`).
pub fn take_callbacks() -> Vec<(Value, Value)> {
    CALLBACKS.try_with(|c| std::mem::take(&mut *c.borrow_mut())).unwrap_or_default()
}

fn register(target: &PyRef, wr: &Value) {
    if let Value::Obj(o) = wr {
        ANY.store(true, Ordering::Relaxed);
        REFS.with(|r| {
            let mut r = r.borrow_mut();
            let list = r.entry(Rc::as_ptr(target) as usize).or_default();
            list.retain(|w| w.strong_count() > 0);
            list.push(Rc::downgrade(o));
        });
    }
}

fn live_refs(target: &PyRef) -> Vec<Value> {
    REFS.with(|r| {
        r.borrow()
            .get(&(Rc::as_ptr(target) as usize))
            .map(|l| l.iter().filter_map(|w| w.upgrade()).map(Value::Obj).collect())
            .unwrap_or_default()
    })
}

/// `obj.__weakref__`: the first live weak reference to `o`, or None.
pub fn first_ref(o: &PyRef) -> Value {
    live_refs(o).into_iter().next().unwrap_or(Value::None)
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(
        vm,
        "_weakref",
        &[("getweakrefcount", getweakrefcount), ("getweakrefs", getweakrefs), ("proxy", proxy), ("_remove_dead_weakref", remove_dead_weakref)],
    );
    let (reft, proxyt, cproxyt) = types(vm);
    native::set(&m, "ref", Value::Obj(reft.clone()));
    native::set(&m, "ReferenceType", Value::Obj(reft));
    native::set(&m, "ProxyType", Value::Obj(proxyt));
    native::set(&m, "CallableProxyType", Value::Obj(cproxyt));
    Ok(m)
}

fn types(vm: &mut Vm) -> (PyRef, PyRef, PyRef) {
    if let Some(t) = TYPES.with(|t| t.borrow().clone()) {
        return t;
    }
    let reft = native::native_class(vm, "weakref", "ReferenceType", None);
    native::add_new(&reft, ref_new);
    native::add_method(&reft, "__init__", ref_init);
    native::add_method(&reft, "__call__", ref_call);
    native::add_method(&reft, "__hash__", ref_hash);
    native::add_method(&reft, "__eq__", ref_eq);
    native::add_method(&reft, "__ne__", ref_ne);
    native::add_method(&reft, "__repr__", ref_repr);
    native::add_getter(vm, &reft, "__callback__", ref_callback);
    let ga = vm.getattr(&Value::Obj(vm.types.list.clone()), &str_key("__class_getitem__")).ok();
    if let Some(ga) = ga {
        native::set(&Value::Obj(reft.clone()), "__class_getitem__", ga);
    }
    let proxyt = native::native_class(vm, "weakref", "ProxyType", None);
    let cproxyt = native::native_class(vm, "weakref", "CallableProxyType", None);
    for t in [&proxyt, &cproxyt] {
        if let Payload::Class(c) = &t.payload {
            *c.name.borrow_mut() = if Rc::ptr_eq(t, &proxyt) { "weakproxy".into() } else { "weakcallableproxy".into() };
        }
        native::add_method(t, "__getattribute__", proxy_getattr);
        native::add_method(t, "__setattr__", proxy_setattr);
        native::add_method(t, "__delattr__", proxy_delattr);
        native::add_method(t, "__repr__", proxy_repr);
        native::add_method(t, "__str__", proxy_str);
        native::add_method(t, "__bool__", proxy_bool);
        native::add_method(t, "__len__", proxy_len);
        native::add_method(t, "__iter__", proxy_iter);
        native::add_method(t, "__next__", proxy_next);
        native::add_method(t, "__getitem__", proxy_getitem);
        native::add_method(t, "__setitem__", proxy_setitem);
        native::add_method(t, "__delitem__", proxy_delitem);
        native::add_method(t, "__contains__", proxy_contains);
        native::add_method(t, "__eq__", proxy_eq);
        native::add_method(t, "__ne__", proxy_ne);
        native::add_method(t, "__lt__", proxy_lt);
        native::add_method(t, "__le__", proxy_le);
        native::add_method(t, "__gt__", proxy_gt);
        native::add_method(t, "__ge__", proxy_ge);
        native::add_method(t, "__add__", proxy_add);
        native::add_method(t, "__sub__", proxy_sub);
        native::add_method(t, "__mul__", proxy_mul);
        native::set(&Value::Obj(t.clone()), "__hash__", Value::None);
    }
    native::add_method(&cproxyt, "__call__", proxy_call);
    let t = (reft, proxyt, cproxyt);
    TYPES.with(|x| *x.borrow_mut() = Some(t.clone()));
    t
}

/// Can `v` be weakly referenced? (CPython: types with a weaklist slot.)
fn referent(vm: &Vm, v: &Value) -> PyResult<PyRef> {
    let ok = match v {
        Value::Obj(o) => match &o.payload {
            Payload::Str(_) | Payload::BigInt(_) | Payload::Float(_) | Payload::Complex(..) | Payload::Bytes(_) | Payload::Tuple(_) | Payload::Native(_) => false,
            Payload::List(_) | Payload::Dict(_) | Payload::ByteArray(_) => !crate::vm::is_exact_builtin(o),
            Payload::NotImplemented | Payload::Ellipsis => false,
            // Not instances of `object`, of exceptions, or of classes whose
            // `__slots__` leave out `__weakref__` (pyx's own types made as
            // instances of a built-in class, `GenericAlias`, are allowed).
            Payload::Exception(_) => vm.lookup_mro(&o.class(), "__weakref__").is_some(),
            Payload::Instance => {
                let cls = o.class();
                vm.lookup_mro(&cls, "__weakref__").is_some()
                    || crate::types::mro_of(&cls).iter().any(|k| crate::types::is_builtin_class(k) && !Rc::ptr_eq(k, &vm.types.object))
            }
            _ => true,
        },
        _ => false,
    };
    match (ok, v) {
        (true, Value::Obj(o)) => Ok(o.clone()),
        _ => Err(vm.type_error(format!("cannot create weak reference to '{}' object", vm.type_name(v)))),
    }
}

fn ref_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first().cloned() else { return Err(vm.type_error("weakref.__new__(X): X is not a type object")) };
    if !a.kw.is_empty() {
        return Err(vm.type_error("ref() takes no keyword arguments"));
    }
    let n = a.pos.len() - 1;
    if !(1..=2).contains(&n) {
        return Err(vm.type_error(if n == 0 {
            "__new__ expected at least 1 argument, got 0".to_string()
        } else {
            format!("__new__ expected at most 2 arguments, got {n}")
        }));
    }
    let target = referent(vm, &a.pos[1])?;
    let callback = a.pos.get(2).cloned().unwrap_or(Value::None);
    let (reft, _, _) = types(vm);
    // `ref(o)` without a callback is shared, as in CPython.
    if callback.is_none() && Rc::ptr_eq(&cls, &reft) {
        for r in live_refs(&target) {
            let basic = opaque::<WeakRef>(&r).is_some_and(|w| w.callback.is_none()) && Rc::ptr_eq(&vm.type_of(&r), &reft);
            if basic {
                return Ok(r);
            }
        }
    }
    let wr = new_opaque(vm, &cls, WeakRef { target: Rc::downgrade(&target), callback, hash: None });
    register(&target, &wr);
    Ok(wr)
}

fn ref_init(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::None)
}

fn target_of(v: &Value) -> Option<Value> {
    if let Some(w) = opaque::<WeakRef>(v) {
        return w.target.upgrade().map(Value::Obj);
    }
    opaque::<Proxy>(v).and_then(|p| p.target.upgrade().map(Value::Obj))
}

fn ref_call(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() != 1 || !a.kw.is_empty() {
        return Err(vm.type_error(format!("weakref() takes no arguments ({} given)", a.pos.len().saturating_sub(1) + a.kw.len())));
    }
    Ok(target_of(&a.pos[0]).unwrap_or(Value::None))
}

fn ref_callback(_vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(a.pos.first().and_then(|v| opaque::<WeakRef>(v).map(|w| w.callback.clone())).unwrap_or(Value::None))
}

fn ref_hash(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    if let Some(h) = opaque::<WeakRef>(&this).and_then(|w| w.hash) {
        return Ok(Value::Int(h));
    }
    let Some(t) = target_of(&this) else { return Err(vm.type_error("weak object has gone away")) };
    let h = vm.hash(&t)?;
    if let Some(mut w) = crate::modules::native::opaque_mut::<WeakRef>(&this) {
        w.hash = Some(h);
    }
    Ok(Value::Int(h))
}

fn ref_eq_impl(vm: &mut Vm, a: &Args) -> PyResult<Option<bool>> {
    let (Some(x), Some(y)) = (a.pos.first(), a.pos.get(1)) else { return Ok(None) };
    if opaque::<WeakRef>(y).is_none() {
        return Ok(None);
    }
    match (target_of(x), target_of(y)) {
        (Some(p), Some(q)) => vm.eq(&p, &q).map(Some),
        _ => Ok(Some(x.is(y))),
    }
}

fn ref_eq(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(match ref_eq_impl(vm, a)? {
        Some(b) => Value::Bool(b),
        None => vm.types.not_implemented.clone(),
    })
}

fn ref_ne(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(match ref_eq_impl(vm, a)? {
        Some(b) => Value::Bool(!b),
        None => vm.types.not_implemented.clone(),
    })
}

fn addr(v: &Value) -> String {
    format!("0x{:x}", crate::builtins::id_of(v))
}

fn ref_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let s = match target_of(&this) {
        None => format!("<weakref at {}; dead>", addr(&this)),
        Some(t) => {
            let tn = vm.type_name(&t);
            let name = match vm.getattr(&t, &str_key("__name__")) {
                Ok(n) => n.as_str().map(|s| s.to_string_lossy()),
                Err(_) => None,
            };
            match name {
                Some(n) => format!("<weakref at {}; to '{tn}' at {} ({n})>", addr(&this), addr(&t)),
                None => format!("<weakref at {}; to '{tn}' at {}>", addr(&this), addr(&t)),
            }
        }
    };
    Ok(vm.new_str(&s))
}

fn getweakrefcount(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "getweakrefcount", 1, 1)?;
    Ok(Value::Int(match &a[0] {
        Value::Obj(o) => live_refs(o).len() as i64,
        _ => 0,
    }))
}

fn getweakrefs(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "getweakrefs", 1, 1)?;
    let refs = match &a[0] {
        Value::Obj(o) => live_refs(o),
        _ => Vec::new(),
    };
    Ok(vm.new_list(refs))
}

fn remove_dead_weakref(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "_remove_dead_weakref", 2, 2)?;
    let (d, key) = (a[0].clone(), a[1].clone());
    if !matches!(d.payload(), Some(Payload::Dict(_))) {
        return Err(vm.type_error(format!("_remove_dead_weakref() argument 1 must be dict, not {}", vm.type_name(&d))));
    }
    let v = match vm.getitem(&d, &key) {
        Ok(v) => v,
        Err(e) if vm.isinstance(&e.0, &vm.types.exc.key_error.clone()) => return Ok(Value::None),
        Err(e) => return Err(e),
    };
    let dead = opaque::<WeakRef>(&v).is_some_and(|w| w.target.strong_count() == 0);
    if dead {
        vm.delitem(&d, &key)?;
    }
    Ok(Value::None)
}

// ---- proxies ---------------------------------------------------------------

fn proxy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "proxy", 1, 2)?;
    let target = referent(vm, &a[0])?;
    let callback = a.get(1).cloned().unwrap_or(Value::None);
    let (_, proxyt, cproxyt) = types(vm);
    let callable = is_callable(vm, &a[0]);
    let cls = if callable { cproxyt } else { proxyt };
    let p = new_opaque(vm, &cls, Proxy { target: Rc::downgrade(&target), callback });
    register(&target, &p);
    Ok(p)
}

fn live(vm: &Vm, a: &Args) -> PyResult<Value> {
    a.pos
        .first()
        .and_then(target_of)
        .ok_or_else(|| vm.err(&vm.types.exc.reference_error.clone(), "weakly-referenced object no longer exists"))
}

fn proxy_getattr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let t = live(vm, a)?;
    let name = a.pos.get(1).cloned().unwrap_or(Value::None);
    vm.getattr(&t, &name)
}

fn proxy_setattr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let t = live(vm, a)?;
    vm.setattr(&t, &a.pos.get(1).cloned().unwrap_or(Value::None), a.pos.get(2).cloned().unwrap_or(Value::None))?;
    Ok(Value::None)
}

fn proxy_delattr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let t = live(vm, a)?;
    vm.delattr(&t, &a.pos.get(1).cloned().unwrap_or(Value::None))?;
    Ok(Value::None)
}

fn proxy_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let s = match target_of(&this) {
        Some(t) => format!("<weakproxy at {}; to '{}' at {}>", addr(&this), vm.type_name(&t), addr(&t)),
        None => format!("<weakproxy at {}; dead>", addr(&this)),
    };
    Ok(vm.new_str(&s))
}

fn forward(vm: &mut Vm, a: &Args, method: &str) -> PyResult<Value> {
    let t = live(vm, a)?;
    let f = vm.getattr(&t, &str_key(method))?;
    vm.call(&f, a.pos.iter().skip(1).cloned().collect())
}

fn proxy_str(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let t = live(vm, a)?;
    let s = vm.str_string(&t)?;
    Ok(vm.new_str(&s))
}

fn proxy_bool(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let t = live(vm, a)?;
    Ok(Value::Bool(vm.truthy(&t)?))
}

fn proxy_len(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    forward(vm, a, "__len__")
}
fn proxy_iter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let t = live(vm, a)?;
    vm.iter(&t)
}
fn proxy_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    forward(vm, a, "__next__")
}
fn proxy_getitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    forward(vm, a, "__getitem__")
}
fn proxy_setitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    forward(vm, a, "__setitem__")
}
fn proxy_delitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    forward(vm, a, "__delitem__")
}
fn proxy_contains(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    forward(vm, a, "__contains__")
}
fn proxy_call(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let t = live(vm, a)?;
    vm.call_kw(&t, a.pos.iter().skip(1).cloned().collect(), a.kw.clone())
}

fn proxy_cmp(vm: &mut Vm, a: &Args, op: crate::code::CmpOp) -> PyResult<Value> {
    let t = live(vm, a)?;
    let other = a.pos.get(1).cloned().unwrap_or(Value::None);
    let other = target_of(&other).unwrap_or(other);
    vm.compare(&t, &other, op)
}
fn proxy_eq(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    proxy_cmp(vm, a, crate::code::CmpOp::Eq)
}
fn proxy_ne(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    proxy_cmp(vm, a, crate::code::CmpOp::Ne)
}
fn proxy_lt(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    proxy_cmp(vm, a, crate::code::CmpOp::Lt)
}
fn proxy_le(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    proxy_cmp(vm, a, crate::code::CmpOp::Le)
}
fn proxy_gt(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    proxy_cmp(vm, a, crate::code::CmpOp::Gt)
}
fn proxy_ge(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    proxy_cmp(vm, a, crate::code::CmpOp::Ge)
}
fn proxy_add(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    forward(vm, a, "__add__")
}
fn proxy_sub(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    forward(vm, a, "__sub__")
}
fn proxy_mul(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    forward(vm, a, "__mul__")
}

fn is_callable(vm: &Vm, v: &Value) -> bool {
    match v.payload() {
        Some(Payload::Function(_) | Payload::Native(_) | Payload::Method { .. } | Payload::Class(_)) => true,
        _ => vm.lookup_mro(&vm.type_of(v), "__call__").is_some(),
    }
}
