//! `_functools`: `reduce`, `partial` and `cmp_to_key` (its
//! `functools.KeyWrapper` objects), as CPython 3.11's C module.
//! `functools.py` keeps its pure-Python `lru_cache`.

use std::cell::RefCell;

use crate::code::CmpOp;
use crate::modules::native::{self, add_method, add_new, bind, this_method, this_slot};
use crate::value::{Payload, PyRef, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

const PARTIAL: &str = "functools.partial";
const KW: &str = "functools.KeyWrapper";

thread_local! {
    static KEY_CLASS: RefCell<Option<PyRef>> = const { RefCell::new(None) };
    static REPR_ACTIVE: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(vm, "_functools", &[("reduce", reduce), ("cmp_to_key", cmp_to_key)]);
    native::set(&m, "__doc__", vm.new_str("Tools that operate on functions."));

    let p = native::native_class(vm, "functools", "partial", None);
    // partial objects have a `__dict__`.
    if let Payload::Class(c) = &p.payload {
        c.no_dict.set(false);
    }
    add_new(&p, partial_new);
    add_method(&p, "__call__", partial_call);
    add_method(&p, "__repr__", partial_repr);
    add_method(&p, "__reduce__", partial_reduce);
    add_method(&p, "__setstate__", partial_setstate);
    native::add_readonly_member(vm, &p, "func", partial_func);
    native::add_readonly_member(vm, &p, "args", partial_args);
    native::add_readonly_member(vm, &p, "keywords", partial_keywords);
    native::add_classmethod(vm, &p, "__class_getitem__", crate::objects::generic_alias::class_getitem);
    native::set(&m, "partial", Value::Obj(p));

    let k = native::native_final_class(vm, "functools", "KeyWrapper");
    add_method(&k, "__call__", key_call);
    add_method(&k, "__lt__", key_lt);
    add_method(&k, "__le__", key_le);
    add_method(&k, "__eq__", key_eq);
    add_method(&k, "__ne__", key_ne);
    add_method(&k, "__gt__", key_gt);
    add_method(&k, "__ge__", key_ge);
    native::add_property(vm, &k, "obj", key_get_obj, key_set_obj);
    native::set(&Value::Obj(k.clone()), "__hash__", Value::None);
    KEY_CLASS.with(|c| *c.borrow_mut() = Some(k));
    Ok(m)
}

fn repr_enter(v: &Value) -> bool {
    let key = v.obj().map(|o| std::rc::Rc::as_ptr(o) as usize).unwrap_or(0);
    REPR_ACTIVE.with(|r| {
        let mut r = r.borrow_mut();
        if r.contains(&key) {
            false
        } else {
            r.push(key);
            true
        }
    })
}

fn repr_leave(v: &Value) {
    let key = v.obj().map(|o| std::rc::Rc::as_ptr(o) as usize).unwrap_or(0);
    REPR_ACTIVE.with(|r| r.borrow_mut().retain(|k| *k != key));
}

/// `PyCallable_Check`.
fn is_callable(vm: &Vm, v: &Value) -> bool {
    match v.payload() {
        Some(Payload::Function(_) | Payload::Native(_) | Payload::Method { .. } | Payload::Class(_)) => true,
        _ => {
            let c = vm.type_of(v);
            vm.lookup_mro(&c, "__call__").is_some_and(|f| !f.is_none())
        }
    }
}

// ---- reduce ----------------------------------------------------------------

fn reduce(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("reduce() takes no keyword arguments"));
    }
    let n = a.pos.len();
    if n < 2 {
        return Err(vm.type_error(format!("reduce expected at least 2 arguments, got {n}")));
    }
    if n > 3 {
        return Err(vm.type_error(format!("reduce expected at most 3 arguments, got {n}")));
    }
    let func = a.pos[0].clone();
    let it = match vm.iter(&a.pos[1]) {
        Ok(it) => it,
        Err(e) if vm.isinstance(&e.0, &vm.types.exc.type_error.clone()) => {
            return Err(vm.type_error("reduce() arg 2 must support iteration"));
        }
        Err(e) => return Err(e),
    };
    let mut result = a.pos.get(2).cloned();
    while let Some(x) = vm.next(&it)? {
        result = Some(match result {
            None => x,
            Some(r) => vm.call(&func, vec![r, x])?,
        });
    }
    result.ok_or_else(|| vm.type_error("reduce() of empty iterable with no initial value"))
}

// ---- partial -----------------------------------------------------------------

struct Partial {
    func: Value,
    /// A tuple.
    args: Value,
    /// A dict (the object itself is exposed as `keywords`).
    kw: Value,
}

fn dict_items(v: &Value) -> Vec<(Value, Value)> {
    match v.payload() {
        Some(Payload::Dict(d)) => d.borrow().items(),
        _ => Vec::new(),
    }
}

fn tuple_items(v: &Value) -> Vec<Value> {
    match v.payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => Vec::new(),
    }
}

fn has_empty_dict(v: &Value) -> bool {
    v.obj().is_none_or(|o| o.dict.as_ref().is_none_or(|d| d.borrow().is_empty()))
}

fn new_dict_from(vm: &mut Vm, items: Vec<(Value, Value)>) -> PyResult<Value> {
    let d = vm.new_dict(crate::objects::dict::Dict::new());
    if let Some(Payload::Dict(cell)) = d.payload() {
        for (k, v) in items {
            crate::objects::dict::set(vm, cell, k, v)?;
        }
    }
    Ok(d)
}

fn partial_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first() else { return Err(vm.type_error("partial.__new__(X): X is not a type object")) };
    let cls = cls.clone();
    if a.pos.len() < 2 {
        return Err(vm.type_error("type 'partial' takes at least one argument"));
    }
    let mut func = a.pos[1].clone();
    let mut pargs: Vec<Value> = Vec::new();
    let mut pkw: Vec<(Value, Value)> = Vec::new();
    // A partial of a partial (whose class keeps partial's `__call__` and
    // whose instance has no attributes) is flattened.
    let inner = native::opaque::<Partial>(&func).map(|p| (p.func.clone(), p.args.clone(), p.kw.clone()));
    if let Some((f, args, kw)) = inner {
        let fcls = vm.type_of(&func);
        let own_call = vm.lookup_mro(&fcls, "__call__").is_some_and(|c| matches!(c.payload(), Some(Payload::Native(n)) if std::ptr::fn_addr_eq(n.func, partial_call as crate::value::NativeFn)));
        if own_call && has_empty_dict(&func) {
            pargs = tuple_items(&args);
            pkw = dict_items(&kw);
            func = f;
        }
    }
    if !is_callable(vm, &func) {
        return Err(vm.type_error("the first argument must be callable"));
    }
    pargs.extend(a.pos[2..].iter().cloned());
    let mut kw = pkw;
    kw.extend(a.kw.iter().cloned());
    let kw = new_dict_from(vm, kw)?;
    let args = vm.new_tuple(pargs);
    Ok(native::new_opaque(vm, &cls, Partial { func, args, kw }))
}

fn parts(vm: &Vm, s: &Value) -> PyResult<(Value, Value, Value)> {
    native::opaque::<Partial>(s).map(|p| (p.func.clone(), p.args.clone(), p.kw.clone())).ok_or_else(|| vm.type_error("expected a partial object"))
}

fn partial_call(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<Partial>(vm, a, PARTIAL, "__call__")?;
    let (func, args, kw) = parts(vm, s)?;
    let mut pos = tuple_items(&args);
    pos.extend(a.pos[1..].iter().cloned());
    let stored = dict_items(&kw);
    let kwargs = if stored.is_empty() {
        a.kw.clone()
    } else {
        let mut merged: Vec<(Value, Value)> = Vec::with_capacity(stored.len() + a.kw.len());
        for (k, v) in stored {
            if k.as_str().is_none() {
                return Err(vm.type_error("keywords must be strings"));
            }
            merged.push((k, v));
        }
        for (k, v) in &a.kw {
            let ks = k.as_str().map(|s| s.to_string_lossy());
            match merged.iter_mut().find(|(mk, _)| mk.as_str().map(|s| s.to_string_lossy()) == ks) {
                Some(slot) => slot.1 = v.clone(),
                None => merged.push((k.clone(), v.clone())),
            }
        }
        merged
    };
    vm.call_kw(&func, pos, kwargs)
}

fn partial_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<Partial>(vm, a, PARTIAL, "__repr__")?.clone();
    let name = crate::types::class_name(&vm.type_of(&s));
    if !repr_enter(&s) {
        return Ok(vm.new_str("..."));
    }
    let r = (|| -> PyResult<String> {
        let (func, args, kw) = parts(vm, &s)?;
        let mut out = format!("{name}({}", vm.repr(&func)?.to_string_lossy());
        for x in tuple_items(&args) {
            out.push_str(", ");
            out.push_str(&vm.repr(&x)?.to_string_lossy());
        }
        for (k, v) in dict_items(&kw) {
            out.push_str(", ");
            out.push_str(&vm.str_string(&k)?);
            out.push('=');
            out.push_str(&vm.repr(&v)?.to_string_lossy());
        }
        out.push(')');
        Ok(out)
    })();
    repr_leave(&s);
    Ok(vm.new_str(&r?))
}

fn partial_reduce(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_method::<Partial>(vm, a, PARTIAL, "__reduce__")?.clone();
    let (func, args, kw) = parts(vm, &s)?;
    let dict = match s.obj().and_then(|o| o.dict.as_ref()) {
        Some(d) if !d.borrow().is_empty() => d.value(),
        _ => Value::None,
    };
    let cls = Value::Obj(vm.type_of(&s));
    let fargs = vm.new_tuple(vec![func.clone()]);
    let state = vm.new_tuple(vec![func, args, kw, dict]);
    Ok(vm.new_tuple(vec![cls, fargs, state]))
}

fn partial_setstate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_method::<Partial>(vm, a, PARTIAL, "__setstate__")?.clone();
    let Some(state) = a.pos.get(1).cloned() else { return Err(vm.type_error("partial.__setstate__() takes exactly one argument (0 given)")) };
    let invalid = || "invalid partial state";
    let items = match state.payload() {
        Some(Payload::Tuple(t)) if t.len() == 4 => t.to_vec(),
        _ => return Err(vm.type_error(invalid())),
    };
    let (func, fargs, kw, dict) = (items[0].clone(), items[1].clone(), items[2].clone(), items[3].clone());
    if !is_callable(vm, &func) || !matches!(fargs.payload(), Some(Payload::Tuple(_))) || !(kw.is_none() || matches!(kw.payload(), Some(Payload::Dict(_)))) {
        return Err(vm.type_error(invalid()));
    }
    let fargs = if fargs.obj().is_some_and(crate::vm::is_exact_builtin) { fargs } else { vm.new_tuple(tuple_items(&fargs)) };
    let exact_dict = kw.obj().is_some_and(crate::vm::is_exact_builtin);
    let kw = if kw.is_none() || !exact_dict { new_dict_from(vm, dict_items(&kw))? } else { kw };
    let old = native::opaque_mut::<Partial>(&s).map(|mut p| std::mem::replace(&mut *p, Partial { func, args: fargs, kw }));
    drop(old);
    if let Some(d) = s.obj().and_then(|o| o.dict.as_ref()) {
        let items = dict_items(&dict);
        let old = std::mem::take(&mut *d.borrow_mut());
        drop(old);
        let d = d.get();
        for (k, v) in items {
            crate::objects::dict::set(vm, d.cell(), k, v)?;
        }
    }
    Ok(Value::None)
}

fn partial_func(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<Partial>(vm, a, PARTIAL, "func")?;
    Ok(parts(vm, s)?.0)
}

fn partial_args(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<Partial>(vm, a, PARTIAL, "args")?;
    Ok(parts(vm, s)?.1)
}

fn partial_keywords(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<Partial>(vm, a, PARTIAL, "keywords")?;
    Ok(parts(vm, s)?.2)
}

// ---- cmp_to_key ----------------------------------------------------------------

struct Key {
    cmp: Value,
    obj: Option<Value>,
}

fn new_key(vm: &Vm, cmp: Value, obj: Option<Value>) -> PyResult<Value> {
    let Some(cls) = KEY_CLASS.with(|c| c.borrow().clone()) else { return Err(vm.type_error("_functools is not initialized")) };
    Ok(native::new_opaque(vm, &cls, Key { cmp, obj }))
}

fn cmp_to_key(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = bind(vm, a, "cmp_to_key", &["mycmp"], 1, 1)?;
    new_key(vm, v[0].clone().unwrap_or(Value::None), None)
}

fn key_call(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<Key>(vm, a, KW, "__call__")?;
    let cmp = native::opaque::<Key>(s).map(|k| k.cmp.clone()).unwrap_or(Value::None);
    let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let v = bind(vm, &rest, "K", &["obj"], 1, 1)?;
    new_key(vm, cmp, v[0].clone())
}

fn key_compare(vm: &mut Vm, a: &Args, op: CmpOp, name: &str) -> PyResult<Value> {
    let s = this_slot::<Key>(vm, a, KW, name)?;
    let Some(other) = a.pos.get(1) else { return Err(vm.type_error("expected 1 argument, got 0")) };
    let Some((cmp, x)) = native::opaque::<Key>(s).map(|k| (k.cmp.clone(), k.obj.clone())) else {
        return Err(vm.type_error("other argument must be K instance"));
    };
    let y = match native::opaque::<Key>(other) {
        Some(k) => k.obj.clone(),
        _ => return Err(vm.type_error("other argument must be K instance")),
    };
    let (Some(x), Some(y)) = (x, y) else { return Err(vm.attribute_error("object")) };
    let res = vm.call(&cmp, vec![x, y])?;
    vm.compare(&res, &Value::Int(0), op)
}

fn key_lt(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    key_compare(vm, a, CmpOp::Lt, "__lt__")
}
fn key_le(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    key_compare(vm, a, CmpOp::Le, "__le__")
}
fn key_eq(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    key_compare(vm, a, CmpOp::Eq, "__eq__")
}
fn key_ne(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    key_compare(vm, a, CmpOp::Ne, "__ne__")
}
fn key_gt(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    key_compare(vm, a, CmpOp::Gt, "__gt__")
}
fn key_ge(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    key_compare(vm, a, CmpOp::Ge, "__ge__")
}

fn key_get_obj(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<Key>(vm, a, KW, "obj")?;
    match native::opaque::<Key>(s).and_then(|k| k.obj.clone()) {
        Some(v) => Ok(v),
        None => Err(vm.attribute_error("obj")),
    }
}

fn key_set_obj(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<Key>(vm, a, KW, "obj")?;
    let v = a.pos.get(1).cloned();
    let old = native::opaque_mut::<Key>(s).map(|mut k| std::mem::replace(&mut k.obj, v));
    drop(old);
    Ok(Value::None)
}
