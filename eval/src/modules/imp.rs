//! `_imp`: the hooks `importlib._bootstrap` uses to reach the interpreter
//! (built-in modules, the import lock). pyx has no frozen modules and
//! cannot load C extension modules.

use crate::modules::native::{self, positional};
use crate::value::Value;
use crate::vm::{str_key, Args, Vm};
use crate::PyResult;

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(
        vm,
        "_imp",
        &[
            ("is_builtin", is_builtin),
            ("create_builtin", create_builtin),
            ("exec_builtin", exec_builtin),
            ("is_frozen", is_frozen),
            ("is_frozen_package", is_frozen),
            ("find_frozen", find_frozen),
            ("get_frozen_object", get_frozen_object),
            ("init_frozen", get_frozen_object),
            ("_frozen_module_names", frozen_module_names),
            ("_override_frozen_modules_for_tests", override_frozen),
            ("extension_suffixes", extension_suffixes),
            ("create_dynamic", create_dynamic),
            ("exec_dynamic", exec_builtin),
            ("acquire_lock", acquire_lock),
            ("release_lock", release_lock),
            ("lock_held", lock_held),
            ("_fix_co_filename", fix_co_filename),
            ("source_hash", source_hash),
        ],
    );
    native::set(&m, "check_hash_based_pycs", str_key("never"));
    Ok(m)
}

fn str_arg(vm: &Vm, v: &Value, f: &str) -> PyResult<String> {
    v.as_str()
        .map(|s| s.to_string_lossy())
        .ok_or_else(|| vm.type_error(format!("{f}() argument must be str, not {}", vm.type_name(v))))
}

fn is_builtin(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "is_builtin", 1, 1)?;
    let name = str_arg(vm, &a[0], "is_builtin")?;
    // -1: built in but cannot be re-initialised (sys, builtins).
    Ok(Value::Int(if name == "sys" || name == "builtins" {
        -1
    } else if native::find(&name).is_some() {
        1
    } else {
        0
    }))
}

fn create_builtin(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "create_builtin", 1, 1)?;
    let name = vm.getattr(&a[0], &str_key("name"))?;
    let n = str_arg(vm, &name, "create_builtin")?;
    if let Some(m) = crate::modules::lookup(vm, &n) {
        if n == "sys" || n == "builtins" || crate::modules::native::find(&n).is_some() {
            return Ok(m);
        }
    }
    match native::find(&n) {
        Some(init) => init(vm),
        None => {
            if n == "sys" || n == "builtins" {
                return Ok(crate::modules::lookup(vm, &n).unwrap_or(Value::None));
            }
            Err(vm.err(&vm.types.exc.import_error.clone(), format!("no built-in module named {n}")))
        }
    }
}

fn exec_builtin(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::Int(0))
}

fn is_frozen(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::Bool(false))
}

fn find_frozen(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::None)
}

fn get_frozen_object(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let name = a.pos.first().map(|v| vm.repr(v).map(|r| r.to_string_lossy())).transpose()?.unwrap_or_default();
    Err(vm.err(&vm.types.exc.import_error.clone(), format!("No such frozen object named {name}")))
}

fn frozen_module_names(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(vm.new_tuple(vec![]))
}

fn override_frozen(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::None)
}

fn extension_suffixes(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(vm.new_list(vec![]))
}

fn create_dynamic(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let name = match a.pos.first() {
        Some(spec) => vm.getattr(spec, &str_key("name")).ok().and_then(|n| n.as_str().map(|s| s.to_string_lossy())).unwrap_or_default(),
        None => String::new(),
    };
    Err(vm.err(&vm.types.exc.import_error.clone(), format!("pyx cannot load C extension modules ({name})")))
}

// One interpreter thread: the import lock is a counter.
thread_local! {
    static LOCK_DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn acquire_lock(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    LOCK_DEPTH.with(|d| d.set(d.get() + 1));
    Ok(Value::None)
}

fn release_lock(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    let depth = LOCK_DEPTH.with(|d| d.get());
    if depth == 0 {
        return Err(vm.err(&vm.types.exc.runtime_error.clone(), "not holding the import lock"));
    }
    LOCK_DEPTH.with(|d| d.set(depth - 1));
    Ok(Value::None)
}

fn lock_held(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::Bool(LOCK_DEPTH.with(|d| d.get()) > 0))
}

fn fix_co_filename(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::None)
}

fn source_hash(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slots = native::bind(vm, a, "source_hash", &["key", "source"], 2, 0)?;
    let key = crate::vm::ops::as_i64(slots[0].as_ref().unwrap_or(&Value::Int(0))).unwrap_or(0) as u64;
    let Some(data) = slots[1].as_ref().and_then(crate::objects::bytes::bytes_of) else {
        return Err(vm.type_error("a bytes-like object is required"));
    };
    let h = crate::objects::hashing::siphash13(key, 0, &data);
    Ok(crate::objects::bytes::new_bytes(vm, h.to_le_bytes().to_vec()))
}
