//! `mappingproxy` (`types.MappingProxyType`, what `cls.__dict__` returns):
//! a read-only view of a mapping; and the descriptor objects `function`'s
//! attributes show at class level (`types.GetSetDescriptorType`).

use crate::modules::native::{self, new_opaque, opaque};
use crate::value::{Payload, PyRef, Value};
use crate::vm::{str_key, Args, Vm};
use crate::PyResult;

struct Proxy(Value);

struct GetSet {
    name: String,
    owner: PyRef,
}

thread_local! {
    static TYPES: std::cell::RefCell<Option<(PyRef, PyRef)>> = const { std::cell::RefCell::new(None) };
}

fn types(vm: &mut Vm) -> (PyRef, PyRef) {
    if let Some(t) = TYPES.with(|t| t.borrow().clone()) {
        return t;
    }
    let mp = native::native_class(vm, "builtins", "mappingproxy", None);
    if let Payload::Class(c) = &mp.payload {
        c.collection_flags.set(crate::value::COLLECTION_MAPPING);
    }
    native::add_new(&mp, proxy_new);
    for (name, f) in [
        ("__getitem__", getitem as crate::value::NativeFn),
        ("__contains__", contains),
        ("__iter__", iter),
        ("__reversed__", reversed),
        ("__len__", len),
        ("__repr__", repr),
        ("__str__", str_),
        ("__eq__", eq),
        ("__ne__", ne),
        ("__or__", or),
        ("__ror__", ror),
        ("__ior__", ior),
        ("get", get),
        ("keys", keys),
        ("values", values),
        ("items", items),
        ("copy", copy),
    ] {
        native::add_method(&mp, name, f);
    }
    native::set(&Value::Obj(mp.clone()), "__hash__", Value::None);
    if let Ok(ga) = vm.getattr(&Value::Obj(vm.types.list.clone()), &str_key("__class_getitem__")) {
        native::set(&Value::Obj(mp.clone()), "__class_getitem__", ga);
    }
    let gs = native::native_class(vm, "builtins", "getset_descriptor", None);
    native::add_method(&gs, "__get__", gs_get);
    native::add_method(&gs, "__set__", gs_set);
    native::add_method(&gs, "__delete__", gs_delete);
    native::add_method(&gs, "__repr__", gs_repr);
    native::add_getter(vm, &gs, "__name__", gs_name);
    native::add_getter(vm, &gs, "__objclass__", gs_objclass);
    native::add_getter(vm, &gs, "__qualname__", gs_qualname);
    let t = (mp, gs);
    TYPES.with(|x| *x.borrow_mut() = Some(t.clone()));
    t
}

/// The `types.MappingProxyType` class.
pub fn proxy_type(vm: &mut Vm) -> PyRef {
    types(vm).0
}

/// A read-only view of `mapping`.
pub fn new_proxy(vm: &mut Vm, mapping: Value) -> Value {
    let cls = types(vm).0;
    new_opaque(vm, &cls, Proxy(mapping))
}

/// `getset_descriptor` (`types.GetSetDescriptorType`).
pub fn getset_type(vm: &mut Vm) -> PyRef {
    types(vm).1
}

/// The descriptor `owner.name` shows at class level.
pub fn getset(vm: &mut Vm, owner: &PyRef, name: &str) -> Value {
    let cls = types(vm).1;
    new_opaque(vm, &cls, GetSet { name: name.to_string(), owner: owner.clone() })
}

fn proxy_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = native::bind(vm, &Args { pos: a.pos.iter().skip(1).cloned().collect(), kw: a.kw.clone() }, "mappingproxy", &["mapping"], 1, 1)?;
    let m = s[0].clone().unwrap_or(Value::None);
    let is_mapping = matches!(m.payload(), Some(Payload::Dict(_)))
        || (!matches!(m.payload(), Some(Payload::List(_) | Payload::Tuple(_))) && vm.lookup_mro(&vm.type_of(&m), "__getitem__").is_some() && vm.lookup_mro(&vm.type_of(&m), "keys").is_some());
    if !is_mapping {
        return Err(vm.type_error(format!("mappingproxy() argument must be a mapping, not {}", vm.type_name(&m))));
    }
    Ok(new_proxy(vm, m))
}

fn inner(vm: &Vm, a: &Args) -> PyResult<Value> {
    a.pos
        .first()
        .and_then(|v| opaque::<Proxy>(v).map(|p| p.0.clone()))
        .ok_or_else(|| vm.type_error("descriptor requires a 'mappingproxy' object"))
}

fn call_on(vm: &mut Vm, a: &Args, method: &str) -> PyResult<Value> {
    let m = inner(vm, a)?;
    let f = vm.getattr(&m, &str_key(method))?;
    vm.call(&f, a.pos.iter().skip(1).cloned().collect())
}

fn getitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let m = inner(vm, a)?;
    vm.getitem(&m, a.pos.get(1).unwrap_or(&Value::None))
}
fn contains(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let m = inner(vm, a)?;
    Ok(Value::Bool(vm.contains(&m, a.pos.get(1).unwrap_or(&Value::None))?))
}
fn iter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let m = inner(vm, a)?;
    vm.iter(&m)
}
fn reversed(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    call_on(vm, a, "__reversed__")
}
fn len(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let m = inner(vm, a)?;
    Ok(Value::Int(vm.len(&m)? as i64))
}
fn repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let m = inner(vm, a)?;
    let r = vm.repr(&m)?;
    Ok(vm.new_str(&format!("mappingproxy({})", r.to_string_lossy())))
}
fn str_(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let m = inner(vm, a)?;
    let s = vm.str_string(&m)?;
    Ok(vm.new_str(&s))
}
fn eq(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let m = inner(vm, a)?;
    vm.compare(&m, a.pos.get(1).unwrap_or(&Value::None), crate::code::CmpOp::Eq)
}
fn ne(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let m = inner(vm, a)?;
    vm.compare(&m, a.pos.get(1).unwrap_or(&Value::None), crate::code::CmpOp::Ne)
}
fn or(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let m = inner(vm, a)?;
    let other = a.pos.get(1).cloned().unwrap_or(Value::None);
    let other = opaque::<Proxy>(&other).map(|p| p.0.clone()).unwrap_or(other);
    let c = vm.call(&Value::Obj(vm.types.dict.clone()), vec![m])?;
    let upd = vm.getattr(&c, &str_key("update"))?;
    vm.call(&upd, vec![other])?;
    Ok(c)
}
fn ror(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let m = inner(vm, a)?;
    let other = a.pos.get(1).cloned().unwrap_or(Value::None);
    let c = vm.call(&Value::Obj(vm.types.dict.clone()), vec![other])?;
    let upd = vm.getattr(&c, &str_key("update"))?;
    vm.call(&upd, vec![m])?;
    Ok(c)
}
fn ior(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(vm.type_error("'|=' is not supported by mappingproxy; use '|' instead"))
}
fn get(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    call_on(vm, a, "get")
}
fn keys(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    call_on(vm, a, "keys")
}
fn values(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    call_on(vm, a, "values")
}
fn items(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    call_on(vm, a, "items")
}
fn copy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    call_on(vm, a, "copy")
}

fn gs_get(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if is_member(a) {
        return crate::objects::member::descr_get(vm, a);
    }
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let obj = a.pos.get(1).cloned().unwrap_or(Value::None);
    if obj.is_none() {
        return Ok(this);
    }
    let Some((name, owner)) = opaque::<GetSet>(&this).map(|g| (g.name.clone(), g.owner.clone())) else {
        return Ok(Value::None);
    };
    if !vm.isinstance(&obj, &owner) {
        let (o, t) = (crate::types::class_name(&owner), vm.type_name(&obj));
        return Err(vm.type_error(format!("descriptor '{name}' for '{o}' objects doesn't apply to a '{t}' object")));
    }
    vm.getattr(&obj, &str_key(&name))
}
/// The descriptor's target, checked against its owner class.
fn gs_target(vm: &mut Vm, a: &Args, method: &str, argc: usize) -> PyResult<(String, Value)> {
    if a.pos.len() != argc + 1 {
        return Err(vm.type_error(format!("expected {argc} argument{}, got {}", if argc == 1 { "" } else { "s" }, a.pos.len().saturating_sub(1))));
    }
    let this = a.pos[0].clone();
    let obj = a.pos[1].clone();
    let Some((name, owner)) = opaque::<GetSet>(&this).map(|g| (g.name.clone(), g.owner.clone())) else {
        return Err(vm.type_error(format!("descriptor '{method}' requires a 'getset_descriptor' object")));
    };
    if !vm.isinstance(&obj, &owner) {
        let (o, t) = (crate::types::class_name(&owner), vm.type_name(&obj));
        return Err(vm.type_error(format!("descriptor '{name}' for '{o}' objects doesn't apply to a '{t}' object")));
    }
    Ok((name, obj))
}
fn gs_set(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if is_member(a) {
        return crate::objects::member::descr_set(vm, a);
    }
    let (name, obj) = gs_target(vm, a, "__set__", 2)?;
    vm.setattr(&obj, &str_key(&name), a.pos[2].clone())?;
    Ok(Value::None)
}
fn gs_delete(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if is_member(a) {
        return crate::objects::member::descr_delete(vm, a);
    }
    let (name, obj) = gs_target(vm, a, "__delete__", 1)?;
    vm.delattr(&obj, &str_key(&name))?;
    Ok(Value::None)
}
fn gs_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if is_member(a) {
        return crate::objects::member::descr_repr(vm, a);
    }
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let (name, owner) = opaque::<GetSet>(&this).map(|g| (g.name.clone(), crate::types::class_name(&g.owner))).unwrap_or_default();
    Ok(vm.new_str(&format!("<attribute '{name}' of '{owner}' objects>")))
}
fn gs_name(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if is_member(a) {
        return crate::objects::member::descr_name(vm, a);
    }
    let name = a.pos.first().and_then(|v| opaque::<GetSet>(v).map(|g| g.name.clone())).unwrap_or_default();
    Ok(vm.new_str(&name))
}
fn gs_objclass(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if is_member(a) {
        return crate::objects::member::descr_objclass(vm, a);
    }
    Ok(a.pos.first().and_then(|v| opaque::<GetSet>(v).map(|g| Value::Obj(g.owner.clone()))).unwrap_or(Value::None))
}

/// A layout descriptor (`__dict__`, `__weakref__` of a Python class).
fn is_member(a: &Args) -> bool {
    matches!(a.pos.first().and_then(|v| v.payload()), Some(Payload::Member(_)))
}

fn gs_qualname(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if is_member(a) {
        return crate::objects::member::descr_qualname(vm, a);
    }
    let q = a
        .pos
        .first()
        .and_then(|v| opaque::<GetSet>(v).map(|g| (g.name.clone(), g.owner.clone())))
        .map(|(n, o)| match &o.payload {
            Payload::Class(c) => format!("{}.{n}", c.qualname.borrow()),
            _ => n,
        })
        .unwrap_or_default();
    Ok(vm.new_str(&q))
}
