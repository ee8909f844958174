//! `_tracemalloc`, minimal: pyx does not trace its allocations. `start`
//! and `stop` switch the tracing flag (so `tracemalloc.is_tracing()` and
//! `take_snapshot()` behave), the traces are always empty and the traced
//! memory is reported as zero: approximate by design.

use std::cell::Cell;

use num_traits::ToPrimitive;

use crate::modules::native;
use crate::value::{NativeFn, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

const MAX_NFRAME: i64 = 65535;

thread_local! {
    static TRACING: Cell<bool> = const { Cell::new(false) };
    static NFRAME: Cell<i64> = const { Cell::new(1) };
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let funcs: &[(&'static str, NativeFn)] = &[
        ("_get_object_traceback", get_object_traceback),
        ("_get_traces", get_traces),
        ("clear_traces", clear_traces),
        ("get_traceback_limit", get_traceback_limit),
        ("get_traced_memory", get_traced_memory),
        ("get_tracemalloc_memory", get_tracemalloc_memory),
        ("is_tracing", is_tracing),
        ("reset_peak", reset_peak),
        ("start", start),
        ("stop", stop),
    ];
    let m = native::new_module(vm, "_tracemalloc", funcs);
    native::set(&m, "__doc__", vm.new_str("Debug module to trace memory blocks allocated by Python."));
    Ok(m)
}

fn no_args(vm: &Vm, a: &Args, name: &str) -> PyResult<()> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("_tracemalloc.{name}() takes no keyword arguments")));
    }
    if !a.pos.is_empty() {
        return Err(vm.type_error(format!("_tracemalloc.{name}() takes no arguments ({} given)", a.pos.len())));
    }
    Ok(())
}

fn is_tracing(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_args(vm, a, "is_tracing")?;
    Ok(Value::Bool(TRACING.with(|t| t.get())))
}

fn clear_traces(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_args(vm, a, "clear_traces")?;
    Ok(Value::None)
}

fn reset_peak(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_args(vm, a, "reset_peak")?;
    Ok(Value::None)
}

fn get_traces(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_args(vm, a, "_get_traces")?;
    Ok(vm.new_list(Vec::new()))
}

fn get_object_traceback(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("_tracemalloc._get_object_traceback() takes no keyword arguments"));
    }
    if a.pos.len() != 1 {
        return Err(vm.type_error(format!("_tracemalloc._get_object_traceback() takes exactly one argument ({} given)", a.pos.len())));
    }
    Ok(Value::None)
}

fn get_traceback_limit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_args(vm, a, "get_traceback_limit")?;
    Ok(Value::Int(NFRAME.with(|n| n.get())))
}

fn get_traced_memory(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_args(vm, a, "get_traced_memory")?;
    Ok(vm.new_tuple(vec![Value::Int(0), Value::Int(0)]))
}

fn get_tracemalloc_memory(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_args(vm, a, "get_tracemalloc_memory")?;
    Ok(Value::Int(0))
}

fn start(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("_tracemalloc.start() takes no keyword arguments"));
    }
    if a.pos.len() > 1 {
        return Err(vm.type_error(format!("start expected at most 1 argument, got {}", a.pos.len())));
    }
    let n = match a.pos.first() {
        None => 1,
        Some(v) => {
            let v = v.clone();
            let b = crate::builtins::index_big(vm, &v)?;
            b.to_i32().map(|x| x as i64).ok_or_else(|| vm.overflow_error("Python int too large to convert to C int"))?
        }
    };
    if !(1..=MAX_NFRAME).contains(&n) {
        return Err(vm.value_error(format!("the number of frames must be in range [1; {MAX_NFRAME}]")));
    }
    NFRAME.with(|x| x.set(n));
    TRACING.with(|t| t.set(true));
    Ok(Value::None)
}

fn stop(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_args(vm, a, "stop")?;
    TRACING.with(|t| t.set(false));
    Ok(Value::None)
}
