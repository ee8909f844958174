//! `object.__reduce_ex__`, `object.__reduce__` and `object.__getstate__`:
//! how `copy` and `pickle` take objects apart (CPython's `reduce_newobj`
//! and `copyreg._reduce_ex`).

use crate::types::add_method;
use crate::value::{Payload, Value};
use crate::vm::{str_key, Args, Vm};
use crate::PyResult;

pub fn install(vm: &mut Vm) {
    let o = vm.types.object.clone();
    add_method(&o, "__reduce_ex__", reduce_ex);
    add_method(&o, "__reduce__", reduce);
    add_method(&o, "__getstate__", getstate);
    add_method(&vm.types.builtin_function.clone(), "__reduce__", native_reduce);
    add_method(&vm.types.range.clone(), "__reduce__", range_reduce);
    add_method(&vm.types.slice.clone(), "__reduce__", slice_reduce);
    add_method(&vm.types.ellipsis_type.clone(), "__reduce__", singleton_reduce);
    add_method(&vm.types.not_implemented_type.clone(), "__reduce__", singleton_reduce);
}

/// `builtin_function_or_method.__reduce__`: a function is pickled by name
/// (the pickler finds its module), a bound method as `getattr(self, name)`.
fn native_reduce(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let Some(Payload::Native(n)) = this.payload() else {
        return Err(vm.type_error("descriptor '__reduce__' requires a 'builtin_function_or_method' object"));
    };
    let name = vm.new_str(n.name);
    match &n.self_ {
        Some(s) if !matches!(s.payload(), Some(Payload::Module { .. })) => {
            let s = s.clone();
            let getattr = vm.builtins_get("getattr").unwrap_or(Value::None);
            let args = vm.new_tuple(vec![s, name]);
            Ok(vm.new_tuple(vec![getattr, args]))
        }
        _ => Ok(name),
    }
}

/// `range.__reduce__`: `(range, (start, stop, step))`.
fn range_reduce(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let Some(Payload::Range { start, stop, step }) = this.payload() else {
        return Err(vm.type_error("descriptor '__reduce__' requires a 'range' object"));
    };
    use crate::vm::ops::int_from_big;
    let args = vm.new_tuple(vec![int_from_big(start.clone()), int_from_big(stop.clone()), int_from_big(step.clone())]);
    Ok(vm.new_tuple(vec![Value::Obj(vm.types.range.clone()), args]))
}

/// `slice.__reduce__`: `(slice, (start, stop, step))`.
fn slice_reduce(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let Some(Payload::Slice(x, y, z)) = this.payload() else {
        return Err(vm.type_error("descriptor '__reduce__' requires a 'slice' object"));
    };
    let args = vm.new_tuple(vec![x.clone(), y.clone(), z.clone()]);
    Ok(vm.new_tuple(vec![Value::Obj(vm.types.slice.clone()), args]))
}

/// `Ellipsis.__reduce__()` and `NotImplemented.__reduce__()`: their names.
fn singleton_reduce(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    Ok(vm.new_str(if this.is(&vm.types.ellipsis) { "Ellipsis" } else { "NotImplemented" }))
}

fn import(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let n = vm.new_str(name);
    crate::modules::import(vm, &n, &Value::None, &Value::Int(0))
}

fn is_object_own(vm: &Vm, f: &Value, name: &str) -> bool {
    let own = vm.types.object.dict.as_ref().and_then(|d| d.borrow().get_str(name).cloned());
    own.is_some_and(|o| o.is(f))
}

fn reduce_ex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let proto = match a.pos.get(1) {
        Some(p) => crate::builtins::index_i64(vm, p)?,
        None => return Err(vm.type_error("__reduce_ex__() takes exactly one argument (0 given)")),
    };
    let cls = vm.type_of(&this);
    if let Some(r) = vm.lookup_mro(&cls, "__reduce__") {
        if !is_object_own(vm, &r, "__reduce__") {
            let bound = vm.getattr(&this, &str_key("__reduce__"))?;
            return vm.call(&bound, vec![]);
        }
    }
    common_reduce(vm, &this, proto)
}

fn reduce(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    common_reduce(vm, &this, 0)
}

fn common_reduce(vm: &mut Vm, this: &Value, proto: i64) -> PyResult<Value> {
    if proto >= 2 {
        return reduce_newobj(vm, this);
    }
    let copyreg = import(vm, "copyreg")?;
    let f = vm.getattr(&copyreg, &str_key("_reduce_ex"))?;
    vm.call(&f, vec![this.clone(), Value::Int(proto)])
}

fn reduce_newobj(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let cls = vm.type_of(this);
    let copyreg = import(vm, "copyreg")?;
    let (newobj, args) = if let Some(f) = vm.lookup_mro(&cls, "__getnewargs_ex__") {
        let r = vm.call(&f, vec![this.clone()])?;
        let items = match r.payload() {
            Some(Payload::Tuple(t)) if t.len() == 2 => t.to_vec(),
            _ => return Err(vm.type_error("__getnewargs_ex__ should return a tuple of length 2")),
        };
        let f = vm.getattr(&copyreg, &str_key("__newobj_ex__"))?;
        (f, vm.new_tuple(vec![Value::Obj(cls.clone()), items[0].clone(), items[1].clone()]))
    } else {
        let mut args = vec![Value::Obj(cls.clone())];
        if let Some(f) = vm.lookup_mro(&cls, "__getnewargs__") {
            let r = vm.call(&f, vec![this.clone()])?;
            match r.payload() {
                Some(Payload::Tuple(t)) => args.extend(t.iter().cloned()),
                _ => return Err(vm.type_error(format!("__getnewargs__ should return a tuple, not '{}'", vm.type_name(&r)))),
            }
        }
        let f = vm.getattr(&copyreg, &str_key("__newobj__"))?;
        (f, vm.new_tuple(args))
    };
    let gs = vm.getattr(this, &str_key("__getstate__"))?;
    let state = vm.call(&gs, vec![])?;
    let listitems = if matches!(this.payload(), Some(Payload::List(_))) { vm.iter(this)? } else { Value::None };
    let dictitems = if matches!(this.payload(), Some(Payload::Dict(_))) {
        let items = vm.getattr(this, &str_key("items"))?;
        let it = vm.call(&items, vec![])?;
        vm.iter(&it)?
    } else {
        Value::None
    };
    Ok(vm.new_tuple(vec![newobj, args, state, listitems, dictitems]))
}

/// `object.__getstate__()`: the instance dict (None when empty and there
/// are no slots), or `(dict, slots)` when `__slots__` hold values.
fn getstate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let cls = vm.type_of(&this);
    let basic = matches!(this.payload(), Some(Payload::Instance));
    if !basic && !matches!(this.payload(), Some(Payload::List(_) | Payload::Dict(_) | Payload::Set(_) | Payload::Exception(_))) {
        let exact = matches!(&cls.payload, Payload::Class(c) if c.builtin_exact.get());
        if exact || crate::modules::native::is_native_class(&cls) {
            if !matches!(this.payload(), Some(Payload::Str(_) | Payload::BigInt(_) | Payload::Float(_) | Payload::Tuple(_) | Payload::Bytes(_) | Payload::FrozenSet(_) | Payload::Complex(..))) && this.obj().is_some() {
                return Err(vm.type_error(format!("cannot pickle '{}' object", vm.type_name(&this))));
            }
        }
    }
    // Slot names of the class and its bases (mangled, as
    // `copyreg._slotnames` gives them).
    let mut slot_names: Vec<String> = Vec::new();
    for k in crate::types::mro_of(&cls) {
        let slots = k.dict.as_ref().and_then(|d| d.borrow().get_str("__slots__").cloned());
        if let Some(s) = slots {
            let names = if s.as_str().is_some() { vec![s] } else { vm.to_vec(&s).unwrap_or_default() };
            let kname = crate::types::class_name(&k);
            for n in names {
                if let Some(n) = n.as_str().map(|x| x.to_string_lossy()) {
                    let n = crate::types::mangle(&kname, &n);
                    if n != "__dict__" && n != "__weakref__" && !slot_names.contains(&n) {
                        slot_names.push(n);
                    }
                }
            }
        }
    }
    let dict = this.obj().and_then(|o| o.dict.as_ref()).map(|d| d.value());
    if slot_names.is_empty() {
        return Ok(match dict {
            Some(d) if vm.len(&d)? > 0 => d,
            _ => Value::None,
        });
    }
    let slots = vm.new_dict(crate::objects::dict::Dict::new());
    for n in &slot_names {
        if let Ok(v) = vm.getattr(&this, &str_key(n)) {
            vm.setitem(&slots, str_key(n), v)?;
        }
    }
    let rest = match dict {
        Some(d) if vm.len(&d)? > 0 => d,
        _ => Value::None,
    };
    let slots = if vm.len(&slots)? > 0 { slots } else { Value::None };
    Ok(vm.new_tuple(vec![rest, slots]))
}
