//! `_bisect`: CPython's C bisection functions (`Modules/_bisectmodule.c`):
//! the same probes in the same order, `key=`, and the clinic's argument
//! handling (`hi=None` and `hi=-1` both mean `len(a)`).

use crate::code::CmpOp;
use crate::modules::native::{self, bind};
use crate::value::{Payload, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

const DOC: &str = "Bisection algorithms.\n\nThis module provides support for maintaining a list in sorted order without\nhaving to sort the list after each insertion. For long lists of items with\nexpensive comparison operations, this can be an improvement over the more\ncommon approach.\n";

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(
        vm,
        "_bisect",
        &[("bisect_right", bisect_right), ("bisect_left", bisect_left), ("insort_right", insort_right), ("insort_left", insort_left)],
    );
    native::set(&m, "__doc__", vm.new_str(DOC));
    Ok(m)
}

struct Call {
    a: Value,
    x: Value,
    lo: i64,
    hi: i64,
    key: Value,
}

fn args(vm: &mut Vm, a: &Args, f: &str) -> PyResult<Call> {
    let s = bind(vm, a, f, &["a", "x", "lo", "hi", "key"], 2, 4)?;
    let lo = match &s[2] {
        Some(v) => crate::builtins::index_i64(vm, v)?,
        None => 0,
    };
    let hi = match &s[3] {
        Some(v) if !v.is_none() => {
            if crate::vm::ops::as_big(v).is_none() && vm.lookup_mro(&vm.type_of(v), "__index__").is_none() {
                return Err(vm.type_error(format!("argument should be integer or None, not '{}'", vm.type_name(v))));
            }
            crate::builtins::index_i64(vm, v)?
        }
        _ => -1,
    };
    Ok(Call { a: s[0].clone().unwrap_or(Value::None), x: s[1].clone().unwrap_or(Value::None), lo, hi, key: s[4].clone().unwrap_or(Value::None) })
}

/// `PySequence_Size`.
fn seq_size(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    if matches!(v.payload(), Some(Payload::Dict(_))) {
        return Err(vm.type_error(format!("{} is not a sequence", vm.type_name(v))));
    }
    Ok(vm.len(v)? as i64)
}

fn bisect(vm: &mut Vm, c: &Call, x: &Value, right: bool) -> PyResult<i64> {
    let mut lo = c.lo;
    let mut hi = c.hi;
    if lo < 0 {
        return Err(vm.value_error("lo must be non-negative"));
    }
    if hi == -1 {
        hi = seq_size(vm, &c.a)?;
    }
    while lo < hi {
        let mid = ((lo as u64 + hi as u64) / 2) as i64;
        let mut item = vm.getitem(&c.a, &Value::Int(mid))?;
        if !c.key.is_none() {
            item = vm.call(&c.key, vec![item])?;
        }
        let r = if right { vm.compare(x, &item, CmpOp::Lt)? } else { vm.compare(&item, x, CmpOp::Lt)? };
        let res = vm.truthy(&r)?;
        if res == right {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

fn bisect_right(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let c = args(vm, a, "bisect_right")?;
    Ok(Value::Int(bisect(vm, &c, &c.x.clone(), true)?))
}

fn bisect_left(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let c = args(vm, a, "bisect_left")?;
    Ok(Value::Int(bisect(vm, &c, &c.x.clone(), false)?))
}

fn insort(vm: &mut Vm, a: &Args, f: &str, right: bool) -> PyResult<Value> {
    let c = args(vm, a, f)?;
    let probe = if c.key.is_none() { c.x.clone() } else { vm.call(&c.key, vec![c.x.clone()])? };
    let index = bisect(vm, &c, &probe, right)?;
    let exact_list = matches!(c.a.payload(), Some(Payload::List(_))) && std::rc::Rc::ptr_eq(&vm.type_of(&c.a), &vm.types.list);
    if exact_list {
        if let Some(Payload::List(l)) = c.a.payload() {
            let mut l = l.borrow_mut();
            let at = (index.max(0) as usize).min(l.len());
            l.insert(at, c.x.clone());
        }
    } else {
        vm.call_method(&c.a, "insert", vec![Value::Int(index), c.x.clone()])?;
    }
    Ok(Value::None)
}

fn insort_right(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    insort(vm, a, "insort_right", true)
}

fn insort_left(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    insort(vm, a, "insort_left", false)
}
