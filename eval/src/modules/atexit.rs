//! `atexit`: functions run at normal interpreter exit, last registered
//! first (CPython's `Modules/atexitmodule.c`). `run::run_on_this_thread`
//! calls [`run_exitfuncs`] after the main program has finished (and its
//! uncaught exception, if any, has been printed); an exception in a
//! callback is reported through `sys.unraisablehook` as
//! "Exception ignored in atexit callback".

use std::cell::RefCell;

use crate::modules::native;
use crate::value::Value;
use crate::vm::{Args, Vm};
use crate::PyResult;

struct Callback {
    func: Value,
    args: Vec<Value>,
    kwargs: Vec<(Value, Value)>,
}

thread_local! {
    static CALLBACKS: RefCell<Vec<Option<Callback>>> = const { RefCell::new(Vec::new()) };
}

const DOC: &str = "allow programmer to define multiple exit functions to be executed\nupon normal program termination.\n\nTwo public functions, register and unregister, are defined.\n";

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(
        vm,
        "atexit",
        &[("register", register), ("unregister", unregister), ("_clear", clear), ("_run_exitfuncs", run_py), ("_ncallbacks", ncallbacks)],
    );
    native::set(&m, "__doc__", vm.new_str(DOC));
    Ok(m)
}

fn register(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(func) = a.pos.first().cloned() else {
        return Err(vm.type_error("register() takes at least 1 argument (0 given)"));
    };
    if !native::is_callable(vm, &func) {
        return Err(vm.type_error("the first argument must be callable"));
    }
    let cb = Callback { func: func.clone(), args: a.pos[1..].to_vec(), kwargs: a.kw.clone() };
    CALLBACKS.with(|c| c.borrow_mut().push(Some(cb)));
    Ok(func)
}

fn unregister(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = native::positional(vm, a, "atexit.unregister", 1, 1)?;
    let func = p[0].clone();
    let n = CALLBACKS.with(|c| c.borrow().len());
    for i in 0..n {
        let Some(f) = CALLBACKS.with(|c| c.borrow().get(i).and_then(|cb| cb.as_ref().map(|cb| cb.func.clone()))) else { continue };
        if vm.eq(&f, &func)? {
            CALLBACKS.with(|c| {
                if let Some(slot) = c.borrow_mut().get_mut(i) {
                    *slot = None;
                }
            });
        }
    }
    Ok(Value::None)
}

fn clear(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    CALLBACKS.with(|c| c.borrow_mut().clear());
    Ok(Value::None)
}

fn ncallbacks(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    // As CPython, unregistered slots still count.
    Ok(Value::Int(CALLBACKS.with(|c| c.borrow().len()) as i64))
}

fn run_py(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    run_exitfuncs(vm);
    Ok(Value::None)
}

/// Call the registered functions, last first, then forget them all.
pub fn run_exitfuncs(vm: &mut Vm) {
    let n = CALLBACKS.with(|c| c.borrow().len());
    for i in (0..n).rev() {
        let cb = CALLBACKS.with(|c| c.borrow().get(i).and_then(|cb| cb.as_ref().map(|cb| (cb.func.clone(), cb.args.clone(), cb.kwargs.clone()))));
        let Some((func, args, kwargs)) = cb else { continue };
        if let Err(e) = vm.call_kw(&func, args, kwargs) {
            vm.unraisable(&e.0, Some(&func), Some("Exception ignored in atexit callback"));
        }
    }
    CALLBACKS.with(|c| c.borrow_mut().clear());
}
