//! `list[int]` (types.GenericAlias) and `int | str` (types.UnionType): the
//! runtime forms of type hints, as evaluated annotations produce them.

use crate::types::{add_classmethod, add_method};
use crate::value::{Payload, Value};
use crate::vm::{str_key, Args, Vm};
use crate::PyResult;

pub fn install(vm: &mut Vm) {
    let t = &vm.types;
    for c in [t.list.clone(), t.dict.clone(), t.tuple.clone(), t.set.clone(), t.frozenset.clone(), t.type_.clone(), t.iters.enumerate.clone()] {
        add_classmethod(&t.classmethod, &c, "__class_getitem__", class_getitem);
    }
    add_method(&t.type_, "__or__", type_or);
    add_method(&t.type_, "__ror__", type_ror);
    let g = t.generic_alias.clone();
    crate::types::add_native(&g, "__new__", alias_new, false, true);
    add_method(&g, "__mro_entries__", alias_mro_entries);
    add_method(&g, "__call__", alias_call);
    add_method(&g, "__or__", type_or);
    add_method(&g, "__ror__", type_ror);
    add_method(&g, "__eq__", alias_eq);
    // Marked as a module native so that `hash()` calls it (the VM skips
    // core types' own `__hash__` natives).
    crate::modules::native::add_method(&g, "__hash__", alias_hash);
    add_method(&g, "__iter__", alias_iter);
    let u = t.union_type.clone();
    add_method(&u, "__or__", type_or);
    add_method(&u, "__ror__", type_ror);
    add_method(&u, "__eq__", alias_eq);
    crate::modules::native::add_method(&u, "__hash__", alias_hash);
}

fn attr(v: &Value, name: &str) -> Option<Value> {
    v.obj()?.dict.as_ref()?.borrow().get_str(name).cloned()
}

pub fn is_alias(vm: &Vm, v: &Value) -> bool {
    v.obj().is_some_and(|o| std::rc::Rc::ptr_eq(&o.class(), &vm.types.generic_alias))
}

pub fn is_union(vm: &Vm, v: &Value) -> bool {
    v.obj().is_some_and(|o| std::rc::Rc::ptr_eq(&o.class(), &vm.types.union_type))
}

/// The union's members.
pub fn union_args(v: &Value) -> Vec<Value> {
    match attr(v, "__args__").as_ref().and_then(|a| a.payload()) {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => Vec::new(),
    }
}

fn new_alias(vm: &mut Vm, origin: Value, args: Value) -> Value {
    let cls = vm.types.generic_alias.clone();
    new_alias_of(vm, &cls, origin, args)
}

/// The type variables among an alias's arguments (`__parameters__`), in
/// order, without repeats (CPython's `_Py_make_parameters`).
fn make_parameters(vm: &mut Vm, args: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for a in args {
        if matches!(a.payload(), Some(Payload::Class(_))) {
            continue;
        }
        let cls = vm.type_of(a);
        if vm.lookup_mro(&cls, "__typing_subst__").is_some() {
            if !out.iter().any(|x| x.is(a)) {
                out.push(a.clone());
            }
            continue;
        }
        if let Ok(ps) = vm.getattr(a, &str_key("__parameters__")) {
            if let Some(Payload::Tuple(t)) = ps.payload() {
                for p in t.iter() {
                    if !out.iter().any(|x| x.is(p)) {
                        out.push(p.clone());
                    }
                }
            }
        }
    }
    out
}

fn new_alias_of(vm: &mut Vm, cls: &crate::value::PyRef, origin: Value, args: Value) -> Value {
    let args = match args.payload() {
        Some(Payload::Tuple(_)) => args,
        _ => vm.new_tuple(vec![args]),
    };
    let items = match args.payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => Vec::new(),
    };
    let params = make_parameters(vm, &items);
    let params = vm.new_tuple(params);
    let g = vm.new_object(cls, Payload::Instance, true);
    if let Some(d) = g.obj().and_then(|o| o.dict.as_ref()) {
        let mut d = d.borrow_mut();
        d.set_str("__origin__", origin);
        d.set_str("__args__", args);
        d.set_str("__parameters__", params);
        d.set_str("__unpacked__", Value::Bool(false));
    }
    g
}

fn is_unpacked(v: &Value) -> bool {
    matches!(attr(v, "__unpacked__"), Some(Value::Bool(true)))
}

/// `iter(tuple[int, str])` yields `*tuple[int, str]` (PEP 646), which is
/// what `*args: *tuple[int, str]` and `tuple[*tuple[int, str]]` evaluate.
fn alias_iter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos[0].clone();
    let cls = vm.type_of(&this);
    let origin = attr(&this, "__origin__").unwrap_or(Value::None);
    let args = attr(&this, "__args__").unwrap_or(Value::None);
    let star = new_alias_of(vm, &cls, origin, args);
    if let Some(d) = star.obj().and_then(|o| o.dict.as_ref()) {
        d.borrow_mut().set_str("__unpacked__", Value::Bool(true));
    }
    let l = vm.new_list(vec![star]);
    vm.iter(&l)
}

/// `GenericAlias(origin, args)` (and its subclasses' `super().__new__`).
fn alias_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first().cloned() else { return Err(vm.type_error("GenericAlias.__new__(X): X is not a type object")) };
    if !a.kw.is_empty() {
        return Err(vm.type_error("GenericAlias() takes no keyword arguments"));
    }
    if a.pos.len() != 3 {
        return Err(vm.type_error(format!("GenericAlias expected 2 arguments, got {}", a.pos.len() - 1)));
    }
    Ok(new_alias_of(vm, &cls, a.pos[1].clone(), a.pos[2].clone()))
}

fn alias_mro_entries(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let origin = a.pos.first().and_then(|g| attr(g, "__origin__")).unwrap_or(Value::None);
    Ok(vm.new_tuple(vec![origin]))
}

pub fn class_getitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (Some(cls), Some(item)) = (a.pos.first(), a.pos.get(1)) else {
        return Err(vm.type_error("__class_getitem__ expects one argument"));
    };
    Ok(new_alias(vm, cls.clone(), item.clone()))
}

fn alias_call(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let origin = attr(&a.pos[0], "__origin__").unwrap_or(Value::None);
    vm.call_kw(&origin, a.pos[1..].to_vec(), a.kw.clone())
}

fn key_of(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let o = attr(v, "__origin__").unwrap_or(Value::None);
    let args = attr(v, "__args__").unwrap_or(Value::None);
    Ok(vm.new_tuple(vec![o, args, Value::Bool(is_unpacked(v))]))
}

fn alias_eq(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let other = a.pos.get(1).cloned().unwrap_or(Value::None);
    let same_kind = (is_alias(vm, &a.pos[0]) && is_alias(vm, &other)) || (is_union(vm, &a.pos[0]) && is_union(vm, &other));
    if !same_kind {
        return Ok(vm.types.not_implemented.clone());
    }
    if is_union(vm, &other) {
        // Unions compare as sets of their members.
        let (xs, ys) = (union_args(&a.pos[0]), union_args(&other));
        if xs.len() != ys.len() {
            return Ok(Value::Bool(false));
        }
        for x in &xs {
            let mut found = false;
            for y in &ys {
                if x.is(y) || vm.eq(x, y)? {
                    found = true;
                    break;
                }
            }
            if !found {
                return Ok(Value::Bool(false));
            }
        }
        return Ok(Value::Bool(true));
    }
    let x = key_of(vm, &a.pos[0])?;
    let y = key_of(vm, &other)?;
    vm.eq(&x, &y).map(Value::Bool)
}

fn alias_hash(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if is_union(vm, &a.pos[0]) {
        // Unions are equal as sets of members: hash(frozenset(__args__)).
        let members = union_args(&a.pos[0]);
        let fs = vm.builtins_get("frozenset").unwrap_or(Value::None);
        let t = vm.new_tuple(members);
        let f = vm.call(&fs, vec![t])?;
        return vm.hash(&f).map(Value::Int);
    }
    let k = key_of(vm, &a.pos[0])?;
    vm.hash(&k).map(Value::Int)
}

fn union_member(vm: &Vm, v: &Value) -> bool {
    v.is_none() || matches!(v.payload(), Some(Payload::Class(_))) || is_alias(vm, v) || is_union(vm, v)
}

fn make_union(vm: &mut Vm, x: &Value, y: &Value) -> PyResult<Value> {
    if !union_member(vm, x) || !union_member(vm, y) {
        return Ok(vm.types.not_implemented.clone());
    }
    let mut members: Vec<Value> = Vec::new();
    for v in [x, y] {
        let parts = if is_union(vm, v) { union_args(v) } else { vec![v.clone()] };
        for p in parts {
            // `None` stands for its type in a union.
            let p = if p.is_none() { Value::Obj(vm.types.none_type.clone()) } else { p };
            let mut dup = false;
            for m in &members {
                if m.is(&p) || vm.eq(m, &p)? {
                    dup = true;
                }
            }
            if !dup {
                members.push(p);
            }
        }
    }
    if members.len() == 1 {
        return Ok(members.pop().expect("one member"));
    }
    let u = vm.new_object(&vm.types.union_type.clone(), Payload::Instance, true);
    if let Some(d) = u.obj().and_then(|o| o.dict.as_ref()) {
        d.borrow_mut().set_str("__args__", vm.new_tuple(members));
    }
    Ok(u)
}

fn type_or(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let other = a.pos.get(1).cloned().unwrap_or(Value::None);
    make_union(vm, &a.pos[0], &other)
}

fn type_ror(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let other = a.pos.get(1).cloned().unwrap_or(Value::None);
    make_union(vm, &other, &a.pos[0])
}

/// How a type hint prints: `int`, `list[int]`, `int | None`, `...`.
fn hint_repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    if is_alias(vm, v) || is_union(vm, v) {
        return alias_repr(vm, v);
    }
    match v.payload() {
        Some(Payload::Class(c)) => {
            let o = v.obj().expect("class");
            if std::rc::Rc::ptr_eq(o, &vm.types.none_type) {
                return Ok("None".into());
            }
            let module = o.dict.as_ref().and_then(|d| d.borrow().get_str("__module__").and_then(|m| m.as_str().map(|s| s.to_string_lossy())));
            let qn = c.qualname.borrow().clone();
            Ok(match module {
                Some(m) if m != "builtins" => format!("{m}.{qn}"),
                _ => qn,
            })
        }
        Some(Payload::Ellipsis) => Ok("...".into()),
        _ => Ok(vm.repr(v)?.to_string_lossy()),
    }
}

pub fn alias_repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    if is_union(vm, v) {
        let mut parts = Vec::new();
        for p in union_args(v) {
            parts.push(hint_repr(vm, &p)?);
        }
        return Ok(parts.join(" | "));
    }
    let origin = attr(v, "__origin__").unwrap_or(Value::None);
    let args = union_args(v);
    let mut parts = Vec::new();
    for p in &args {
        if let Some(Payload::Tuple(t)) = p.payload() {
            if t.is_empty() {
                parts.push("()".to_string());
                continue;
            }
        }
        parts.push(hint_repr(vm, p)?);
    }
    let o = hint_repr(vm, &origin)?;
    let star = if is_unpacked(v) { "*" } else { "" };
    Ok(format!("{star}{o}[{}]", parts.join(", ")))
}

/// Attributes of aliases read from their namespace, plus `__name__`.
pub fn alias_attr(vm: &mut Vm, v: &Value, name: &str) -> PyResult<Option<Value>> {
    if !is_alias(vm, v) {
        return Ok(None);
    }
    let origin = attr(v, "__origin__").unwrap_or(Value::None);
    if name.starts_with("__") && !matches!(name, "__name__" | "__qualname__" | "__module__" | "__mro__") {
        return Ok(None);
    }
    vm.getattr(&origin, &str_key(name)).map(Some)
}
