//! `_queue`: `SimpleQueue` (an unbounded FIFO whose `get` waits for a
//! `put` from another thread, see `_thread`'s cooperative threads) and
//! `Empty`.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use crate::modules::native::{self, bind, new_opaque, opaque_mut, positional};
use crate::value::{PyRef, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

pub struct SimpleQueue {
    items: VecDeque<Value>,
}

thread_local! {
    static EMPTY: std::cell::RefCell<Option<PyRef>> = const { std::cell::RefCell::new(None) };
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(vm, "_queue", &[]);
    let exc = vm.types.exc.exception.clone();
    let empty = native::exception_class(vm, "_queue", "Empty", Some(exc))?;
    EMPTY.with(|e| *e.borrow_mut() = Some(empty.clone()));
    let q = native::native_class(vm, "_queue", "SimpleQueue", None);
    native::add_new(&q, sq_new);
    for (name, f) in [
        ("put", sq_put as crate::value::NativeFn),
        ("put_nowait", sq_put_nowait),
        ("get", sq_get),
        ("get_nowait", sq_get_nowait),
        ("empty", sq_empty),
        ("qsize", sq_qsize),
    ] {
        native::add_method(&q, name, f);
    }
    native::add_classmethod(vm, &q, "__class_getitem__", crate::objects::generic_alias::class_getitem);
    native::set(&m, "Empty", Value::Obj(empty));
    native::set(&m, "SimpleQueue", Value::Obj(q));
    Ok(m)
}

fn sq_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first() else { return Err(vm.type_error("SimpleQueue.__new__(X): X is not a type object")) };
    if native::is_native_class(cls) && (a.pos.len() > 1 || !a.kw.is_empty()) {
        return Err(vm.type_error(if a.pos.len() > 1 { "SimpleQueue() takes no positional arguments" } else { "SimpleQueue() takes no keyword arguments" }));
    }
    Ok(new_opaque(vm, &cls.clone(), SimpleQueue { items: VecDeque::new() }))
}

fn this(vm: &Vm, a: &Args, method: &str) -> PyResult<Value> {
    let v = a.pos.first().cloned().unwrap_or(Value::None);
    if opaque_mut::<SimpleQueue>(&v).is_none() {
        return Err(vm.type_error(format!("descriptor '{method}' requires a '_queue.SimpleQueue' object")));
    }
    Ok(v)
}

fn rest(a: &Args) -> Args {
    Args { pos: a.pos.iter().skip(1).cloned().collect(), kw: a.kw.clone() }
}

fn push(q: &Value, item: Value) {
    if let Some(mut s) = opaque_mut::<SimpleQueue>(q) {
        s.items.push_back(item);
    }
    crate::modules::thread::notify();
}

fn sq_put(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let q = this(vm, a, "put")?;
    let s = bind(vm, &rest(a), "put", &["item", "block", "timeout"], 1, 3)?;
    push(&q, s[0].clone().unwrap_or(Value::None));
    Ok(Value::None)
}

fn sq_put_nowait(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let q = this(vm, a, "put_nowait")?;
    let s = bind(vm, &rest(a), "put_nowait", &["item"], 1, 1)?;
    push(&q, s[0].clone().unwrap_or(Value::None));
    Ok(Value::None)
}

fn empty_error(vm: &Vm) -> crate::PyErr {
    let cls = EMPTY.with(|e| e.borrow().clone()).unwrap_or_else(|| vm.types.exc.exception.clone());
    vm.new_exception(&cls, vec![])
}

fn take(q: &Value) -> Option<Value> {
    opaque_mut::<SimpleQueue>(q).and_then(|mut s| s.items.pop_front())
}

fn sq_get(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let q = this(vm, a, "get")?;
    let s = bind(vm, &rest(a), "get", &["block", "timeout"], 0, 2)?;
    let block = match &s[0] {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    let timeout = match &s[1] {
        None | Some(Value::None) => None,
        Some(v) => {
            let t = crate::vm::ops::num_as_f64(v).ok_or_else(|| vm.type_error(format!("'{}' object cannot be interpreted as an integer or float", vm.type_name(v))))?;
            if t < 0.0 {
                return Err(vm.value_error("'timeout' must be a non-negative number"));
            }
            Some(t)
        }
    };
    if let Some(v) = take(&q) {
        return Ok(v);
    }
    if !block {
        return Err(empty_error(vm));
    }
    let deadline = timeout.and_then(|t| Instant::now().checked_add(Duration::from_secs_f64(t.min(1e9))));
    loop {
        if deadline.is_some_and(|d| Instant::now() >= d) {
            return Err(empty_error(vm));
        }
        crate::modules::thread::wait_for_others(vm, deadline)?;
        if let Some(v) = take(&q) {
            return Ok(v);
        }
    }
}

fn sq_get_nowait(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let q = this(vm, a, "get_nowait")?;
    positional(vm, &rest(a), "get_nowait", 0, 0)?;
    take(&q).ok_or_else(|| empty_error(vm))
}

fn sq_empty(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let q = this(vm, a, "empty")?;
    positional(vm, &rest(a), "empty", 0, 0)?;
    Ok(Value::Bool(opaque_mut::<SimpleQueue>(&q).is_some_and(|s| s.items.is_empty())))
}

fn sq_qsize(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let q = this(vm, a, "qsize")?;
    positional(vm, &rest(a), "qsize", 0, 0)?;
    Ok(Value::Int(opaque_mut::<SimpleQueue>(&q).map(|s| s.items.len() as i64).unwrap_or(0)))
}
