//! Asynchronous generators (PEP 525) and the awaitables their methods
//! return, plus `aiter()`/`anext()`.
//!
//! An async generator's frame yields two kinds of values: those of its
//! `yield` expressions (wrapped by `ASYNC_GEN_WRAP`) and those passed up by
//! an `await` inside it (for the event loop). The awaitable returned by
//! `asend`/`__anext__`/`athrow`/`aclose` resumes the frame: a wrapped value
//! completes the awaitable (StopIteration(value)); anything else is yielded
//! on to whoever drives the awaitable.

use crate::types::add_method;
use crate::value::{Payload, PyRef, Value};
use crate::vm::{str_key, Args, Vm};
use crate::{PyErr, PyResult};

/// What an awaitable of an async generator does when first driven.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum StepMode {
    Send,
    Throw,
    Close,
    /// `anext(it, default)` for any async iterator: drive the awaitable in
    /// `arg`, mapping StopAsyncIteration to the default.
    Delegate,
}

pub struct StepState {
    pub gen: PyRef,
    pub mode: StepMode,
    /// The value to send, or the exception to throw.
    pub arg: Value,
    pub started: bool,
    pub done: bool,
    /// `anext(it, default)`: returned instead of StopAsyncIteration.
    pub default: Option<Value>,
}

pub fn install(vm: &mut Vm) {
    let t = &vm.types;
    let g = t.async_generator.clone();
    add_method(&g, "__aiter__", agen_aiter);
    add_method(&g, "__anext__", agen_anext);
    add_method(&g, "asend", agen_asend);
    add_method(&g, "athrow", agen_athrow);
    add_method(&g, "aclose", agen_aclose);
    let s = t.async_generator_asend.clone();
    add_method(&s, "__await__", step_self);
    add_method(&s, "__iter__", step_self);
    add_method(&s, "__next__", step_next);
    add_method(&s, "send", step_send);
    add_method(&s, "throw", step_throw);
    add_method(&s, "close", step_close);
}

fn gen_of(vm: &Vm, v: &Value) -> PyResult<PyRef> {
    match v.payload() {
        Some(Payload::Generator(_)) => Ok(v.obj().expect("generator").clone()),
        _ => Err(vm.type_error("descriptor requires an 'async_generator' object")),
    }
}

fn new_step(vm: &mut Vm, gen: PyRef, mode: StepMode, arg: Value, default: Option<Value>) -> Value {
    let st = StepState { gen, mode, arg, started: false, done: false, default };
    vm.new_object(&vm.types.async_generator_asend.clone(), Payload::AsyncGenStep(std::cell::RefCell::new(st)), false)
}

/// The first `__anext__`/`asend`/`athrow`/`aclose` of an async generator
/// saves the current finalizer hook and calls the firstiter hook with it.
fn init_hooks(vm: &mut Vm, g: &PyRef) -> PyResult<()> {
    let Payload::Generator(st) = &g.payload else { return Ok(()) };
    if st.borrow().ag_hooks_inited {
        return Ok(());
    }
    let (first, fin) = crate::modules::sys::asyncgen_hooks();
    {
        let mut st = st.borrow_mut();
        st.ag_hooks_inited = true;
        if !fin.is_none() {
            st.ag_finalizer = Some(fin);
        }
    }
    if !first.is_none() {
        vm.call(&first, vec![Value::Obj(g.clone())])?;
    }
    Ok(())
}

fn agen_aiter(_vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(a.pos[0].clone())
}

fn agen_anext(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let g = gen_of(vm, &a.pos[0])?;
    init_hooks(vm, &g)?;
    Ok(new_step(vm, g, StepMode::Send, Value::None, None))
}

fn agen_asend(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let g = gen_of(vm, &a.pos[0])?;
    init_hooks(vm, &g)?;
    let v = a.pos.get(1).cloned().unwrap_or(Value::None);
    Ok(new_step(vm, g, StepMode::Send, v, None))
}

fn agen_athrow(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let g = gen_of(vm, &a.pos[0])?;
    init_hooks(vm, &g)?;
    let Some(e) = a.pos.get(1).cloned() else {
        return Err(vm.type_error("athrow expected at least 1 argument, got 0"));
    };
    Ok(new_step(vm, g, StepMode::Throw, e, None))
}

fn agen_aclose(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let g = gen_of(vm, &a.pos[0])?;
    init_hooks(vm, &g)?;
    Ok(new_step(vm, g, StepMode::Close, Value::None, None))
}

fn step_self(_vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(a.pos[0].clone())
}

fn step_state(vm: &Vm, v: &Value) -> PyResult<std::rc::Rc<crate::value::Object>> {
    match v.payload() {
        Some(Payload::AsyncGenStep(_)) => Ok(v.obj().expect("object").clone()),
        _ => Err(vm.type_error("descriptor requires an 'async_generator_asend' object")),
    }
}

/// An exception instance for `athrow(typ)`/`athrow(exc)`.
fn as_exception(vm: &mut Vm, e: &Value) -> PyResult<PyErr> {
    match e.payload() {
        Some(Payload::Exception(_)) => Ok(PyErr(e.clone())),
        Some(Payload::Class(_)) => {
            let inst = vm.call(e, vec![])?;
            Ok(PyErr(inst))
        }
        _ => Err(vm.type_error("exceptions must be classes or instances deriving from BaseException, not ".to_string() + &vm.type_name(e))),
    }
}

/// Drive the awaitable one step: send `sent` (or throw `throw`) in.
fn step(vm: &mut Vm, this: &Value, sent: Value, throw: Option<PyErr>) -> PyResult<Value> {
    let obj = step_state(vm, this)?;
    let Payload::AsyncGenStep(cell) = &obj.payload else { unreachable!("checked by step_state") };
    let (gen, mode, arg, started, done, default) = {
        let s = cell.borrow();
        (s.gen.clone(), s.mode, s.arg.clone(), s.started, s.done, s.default.clone())
    };
    if done {
        return Err(vm.err(&vm.types.exc.runtime_error.clone(), "cannot reuse already awaited __anext__()/asend()"));
    }
    // As CPython's awaitables, `throw()` before the first `send()` goes to
    // the generator without starting the awaitable: a later `send()`
    // still does its first action (for `aclose()`, throwing GeneratorExit).
    if throw.is_none() || mode == StepMode::Delegate {
        cell.borrow_mut().started = true;
    }
    if mode == StepMode::Delegate {
        let r = match throw {
            Some(e) => match vm.getattr(&arg, &str_key("throw")) {
                Ok(t) => vm.call(&t, vec![e.0]),
                Err(_) => Err(e),
            },
            None if sent.is_none() => match arg.payload() {
                Some(Payload::Generator(_)) => {
                    let g = arg.obj().expect("generator").clone();
                    match vm.gen_resume(&g, Value::None, None) {
                        Ok(Some(v)) => Ok(v),
                        Ok(None) => Err(vm.stop_iteration(Value::None)),
                        Err(e) => Err(e),
                    }
                }
                _ => vm.call_method(&arg, "__next__", vec![]),
            },
            None => vm.call_method(&arg, "send", vec![sent]),
        };
        return match r {
            Err(e) if vm.isinstance(&e.0, &vm.types.exc.stop_async_iteration.clone()) => {
                cell.borrow_mut().done = true;
                Err(vm.stop_iteration(default.unwrap_or(Value::None)))
            }
            Err(e) => {
                cell.borrow_mut().done = true;
                Err(e)
            }
            ok => ok,
        };
    }
    let (value, exc) = if let Some(e) = throw {
        (Value::None, Some(e))
    } else if !started {
        match mode {
            StepMode::Send => (arg, None),
            StepMode::Throw => (Value::None, Some(as_exception(vm, &arg)?)),
            StepMode::Close | StepMode::Delegate => (Value::None, Some(vm.new_exception(&vm.types.exc.generator_exit.clone(), vec![]))),
        }
    } else {
        (sent, None)
    };
    let finish = |vm: &mut Vm, cell: &std::cell::RefCell<StepState>| {
        cell.borrow_mut().done = true;
        let _ = vm;
    };
    let r = vm.gen_resume(&gen, value, exc);
    match r {
        Ok(Some(y)) => {
            if let Some(Payload::AsyncGenWrapped(inner)) = y.payload() {
                let inner = inner.clone();
                finish(vm, cell);
                if mode == StepMode::Close {
                    return Err(vm.err(&vm.types.exc.runtime_error.clone(), "async generator ignored GeneratorExit"));
                }
                return Err(vm.stop_iteration(inner));
            }
            Ok(y)
        }
        Ok(None) => {
            finish(vm, cell);
            if mode == StepMode::Close {
                return Err(vm.stop_iteration(Value::None));
            }
            match default {
                Some(d) => Err(vm.stop_iteration(d)),
                None => Err(vm.new_exception(&vm.types.exc.stop_async_iteration.clone(), vec![])),
            }
        }
        Err(e) => {
            finish(vm, cell);
            let is_stop = vm.isinstance(&e.0, &vm.types.exc.stop_iteration.clone());
            let is_async_stop = vm.isinstance(&e.0, &vm.types.exc.stop_async_iteration.clone());
            let is_exit = vm.isinstance(&e.0, &vm.types.exc.generator_exit.clone());
            if is_stop {
                // The generator returned: the async iteration is over.
                if mode == StepMode::Close {
                    return Err(vm.stop_iteration(Value::None));
                }
                return match default {
                    Some(d) => Err(vm.stop_iteration(d)),
                    None => Err(vm.new_exception(&vm.types.exc.stop_async_iteration.clone(), vec![])),
                };
            }
            if mode == StepMode::Close && (is_exit || is_async_stop) {
                return Err(vm.stop_iteration(Value::None));
            }
            if is_async_stop {
                if let Some(d) = default {
                    return Err(vm.stop_iteration(d));
                }
            }
            Err(e)
        }
    }
}

fn step_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    step(vm, &a.pos[0], Value::None, None)
}

fn step_send(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = a.pos.get(1).cloned().unwrap_or(Value::None);
    step(vm, &a.pos[0], v, None)
}

fn step_throw(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(e) = a.pos.get(1).cloned() else {
        return Err(vm.type_error("throw expected at least 1 argument, got 0"));
    };
    let e = as_exception(vm, &e)?;
    step(vm, &a.pos[0], Value::None, Some(e))
}

fn step_close(_vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if let Some(Payload::AsyncGenStep(cell)) = a.pos[0].payload() {
        cell.borrow_mut().done = true;
    }
    Ok(Value::None)
}

/// `aiter(x)`.
pub fn aiter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(x) = a.pos.first() else {
        return Err(vm.type_error("aiter() takes exactly one argument (0 given)"));
    };
    let cls = vm.type_of(x);
    if vm.lookup_mro(&cls, "__aiter__").is_none() {
        return Err(vm.type_error(format!("'{}' object is not an async iterable", vm.type_name(x))));
    }
    get_aiter(vm, x)
}

/// `GET_AITER`: `type(x).__aiter__(x)`, which must have `__anext__`.
pub fn get_aiter(vm: &mut Vm, x: &Value) -> PyResult<Value> {
    let cls = vm.type_of(x);
    let Some(f) = vm.lookup_mro(&cls, "__aiter__") else {
        return Err(vm.type_error(format!("'async for' requires an object with __aiter__ method, got {}", vm.type_name(x))));
    };
    let it = vm.call(&f, vec![x.clone()])?;
    let ic = vm.type_of(&it);
    if vm.lookup_mro(&ic, "__anext__").is_none() {
        return Err(vm.type_error(format!(
            "'async for' received an object from __aiter__ that does not implement __anext__: {}",
            vm.type_name(&it)
        )));
    }
    Ok(it)
}

/// `anext(it[, default])`.
pub fn anext(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(it) = a.pos.first().cloned() else {
        return Err(vm.type_error("anext expected at least 1 argument, got 0"));
    };
    let cls = vm.type_of(&it);
    let Some(f) = vm.lookup_mro(&cls, "__anext__") else {
        return Err(vm.type_error(format!("'{}' object is not an async iterator", vm.type_name(&it))));
    };
    match a.pos.get(1) {
        None => vm.call(&f, vec![it]),
        Some(d) => {
            // An async generator's own awaitable can carry the default.
            if let (Some(Payload::Generator(_)), true) = (it.payload(), std::rc::Rc::ptr_eq(&cls, &vm.types.async_generator)) {
                let g = it.obj().expect("generator").clone();
                return Ok(new_step(vm, g, StepMode::Send, Value::None, Some(d.clone())));
            }
            let aw = vm.call(&f, vec![it.clone()])?;
            let inner = awaitable_iter(vm, &aw)?;
            let holder = it.obj().cloned().unwrap_or_else(|| vm.types.object.clone());
            Ok(new_step(vm, holder, StepMode::Delegate, inner, Some(d.clone())))
        }
    }
}

/// `GET_ANEXT`: the awaitable of `__anext__`, made ready to await.
pub fn get_anext(vm: &mut Vm, aiter: &Value) -> PyResult<Value> {
    let cls = vm.type_of(aiter);
    let Some(f) = vm.lookup_mro(&cls, "__anext__") else {
        return Err(vm.type_error(format!("'async for' requires an iterator with __anext__ method, got {}", vm.type_name(aiter))));
    };
    let aw = vm.call(&f, vec![aiter.clone()])?;
    awaitable_iter(vm, &aw).map_err(|e| {
        if vm.isinstance(&e.0, &vm.types.exc.type_error.clone()) {
            vm.type_error(format!("'async for' received an invalid object from __anext__: {}", vm.type_name(&aw)))
        } else {
            e
        }
    })
}

/// What `await x` iterates: coroutines and our awaitables as they are,
/// anything else through `__await__`.
pub fn awaitable_iter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v.payload() {
        Some(Payload::Generator(g)) if g.borrow().is_coroutine => Ok(v.clone()),
        // A generator made by `types.coroutine` (CO_ITERABLE_COROUTINE).
        Some(Payload::Generator(g))
            if g.borrow().frame.as_ref().is_some_and(|f| f.code.unit.flags & crate::code::flags::ITERABLE_COROUTINE != 0) =>
        {
            Ok(v.clone())
        }
        Some(Payload::AsyncGenStep(_)) => Ok(v.clone()),
        _ => {
            let cls = vm.type_of(v);
            let Some(aw) = vm.lookup_mro(&cls, "__await__") else {
                return Err(vm.type_error(format!("object {} can't be used in 'await' expression", vm.type_name(v))));
            };
            let it = vm.call(&aw, vec![v.clone()])?;
            let ok = matches!(it.payload(), Some(Payload::Generator(_) | Payload::Iter(_) | Payload::AsyncGenStep(_))) || {
                let ic = vm.type_of(&it);
                vm.lookup_mro(&ic, "__next__").is_some()
            };
            if !ok {
                return Err(vm.type_error(format!("__await__() returned non-iterator of type '{}'", vm.type_name(&it))));
            }
            if let Some(Payload::Generator(g)) = it.payload() {
                if g.borrow().is_coroutine {
                    return Err(vm.type_error("__await__() returned a coroutine"));
                }
            }
            Ok(it)
        }
    }
}

#[allow(dead_code)]
fn key(s: &str) -> Value {
    str_key(s)
}
