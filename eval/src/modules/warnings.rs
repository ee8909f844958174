//! `_warnings`: the C half of `warnings`, in the small form pyx needs:
//! `warn` and `warn_explicit` hand over to the pure-Python `warnings`
//! module (which keeps its own filters, since this module has none), and
//! print the warning themselves when `warnings` cannot be imported.

use crate::modules::native::{self, bind};
use crate::value::Value;
use crate::vm::{str_key, Args, Vm};
use crate::PyResult;

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    Ok(native::new_module(vm, "_warnings", &[("warn", warn), ("warn_explicit", warn_explicit)]))
}

fn warnings_module(vm: &mut Vm) -> Option<Value> {
    if let Some(m) = crate::modules::lookup(vm, "warnings") {
        return Some(m);
    }
    let name = vm.new_str("warnings");
    crate::modules::import(vm, &name, &Value::None, &Value::Int(0)).ok()
}

fn warn(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "warn", &["message", "category", "stacklevel", "source"], 1, 4)?;
    if let Some(w) = warnings_module(vm) {
        let f = vm.getattr(&w, &str_key("warn"))?;
        let pos: Vec<Value> = s.iter().map(|v| v.clone().unwrap_or(Value::None)).collect();
        let stacklevel = s[2].clone().unwrap_or(Value::Int(1));
        return vm.call(&f, vec![pos[0].clone(), pos[1].clone(), stacklevel, pos[3].clone()]);
    }
    let msg = s[0].clone().unwrap_or(Value::None);
    let text = vm.str_string(&msg)?;
    let category = match &s[1] {
        Some(c) if !c.is_none() => vm.getattr(c, &str_key("__name__")).ok().and_then(|n| n.as_str().map(|s| s.to_string_lossy())),
        _ => None,
    }
    .unwrap_or_else(|| "UserWarning".into());
    vm.stderr.write(&format!("{category}: {text}\n"));
    Ok(Value::None)
}

fn warn_explicit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let names = ["message", "category", "filename", "lineno", "module", "registry", "module_globals", "source"];
    let s = bind(vm, a, "warn_explicit", &names, 4, 8)?;
    if let Some(w) = warnings_module(vm) {
        let f = vm.getattr(&w, &str_key("warn_explicit"))?;
        let pos: Vec<Value> = s.iter().map(|v| v.clone().unwrap_or(Value::None)).collect();
        return vm.call(&f, pos);
    }
    let text = vm.str_string(s[0].as_ref().unwrap_or(&Value::None))?;
    let file = vm.str_string(s[2].as_ref().unwrap_or(&Value::None))?;
    let line = vm.str_string(s[3].as_ref().unwrap_or(&Value::None))?;
    vm.stderr.write(&format!("{file}:{line}: {text}\n"));
    Ok(Value::None)
}
