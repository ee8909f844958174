//! The descriptors of a class's instance layout (docs/eval.md, "Values"):
//! `member_descriptor` for each name of `__slots__` (the value lives in
//! `Object::slots` at the descriptor's index) and the `getset_descriptor`s
//! `__dict__` and `__weakref__` that `type.__new__` adds to the class that
//! introduces them. The VM reads and writes them inline
//! (`Vm::generic_getattr`, `generic_setattr`, `delattr`); the methods
//! below are for explicit calls (`C.a.__get__(obj)`).

use std::rc::Rc;

use crate::value::{MemberDescr, MemberKind, Payload, PyRef, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

/// A new descriptor for `owner`.
pub fn new_member(vm: &mut Vm, owner: &PyRef, name: &str, kind: MemberKind) -> Value {
    let cls = match kind {
        MemberKind::Slot(_) => vm.types.member_descriptor.clone(),
        MemberKind::Dict | MemberKind::Weakref => crate::objects::mappingproxy::getset_type(vm),
    };
    let d = MemberDescr { name: vm.new_str(name), kind, owner: Rc::downgrade(owner) };
    vm.new_object(&cls, Payload::Member(d), false)
}

fn name_of(m: &MemberDescr) -> String {
    m.name.as_str().map(|s| s.to_string_lossy()).unwrap_or_default()
}

fn owner_name(m: &MemberDescr) -> String {
    m.owner.upgrade().map(|o| crate::types::class_name(&o)).unwrap_or_else(|| "?".into())
}

/// CPython's `descr_check`: the descriptor applies to instances of its
/// class (by real type, not `__class__`).
fn check(vm: &Vm, m: &MemberDescr, obj: &Value) -> PyResult<()> {
    let applies = match m.owner.upgrade() {
        Some(owner) => vm.isinstance(obj, &owner),
        None => false,
    };
    if applies {
        return Ok(());
    }
    Err(vm.type_error(format!("descriptor '{}' for '{}' objects doesn't apply to a '{}' object", name_of(m), owner_name(m), vm.type_name(obj))))
}

/// `descr.__get__(obj)` for an instance `obj`.
pub fn get(vm: &mut Vm, m: &MemberDescr, obj: &Value) -> PyResult<Value> {
    check(vm, m, obj)?;
    let o = obj.obj().expect("instances of classes with a layout are objects");
    match m.kind {
        MemberKind::Slot(i) => match crate::value::slot_get(o, i) {
            Some(v) => Ok(v),
            None => Err(vm.no_attribute(obj, &name_of(m))),
        },
        MemberKind::Dict => match &o.dict {
            Some(d) => Ok(d.value()),
            None => Err(vm.no_attribute(obj, "__dict__")),
        },
        MemberKind::Weakref => Ok(crate::modules::weakref::first_ref(o)),
    }
}

/// `descr.__set__(obj, v)`, or `descr.__delete__(obj)` when `v` is `None`.
pub fn set(vm: &mut Vm, m: &MemberDescr, obj: &Value, v: Option<Value>) -> PyResult<()> {
    check(vm, m, obj)?;
    let o = obj.obj().expect("instances of classes with a layout are objects");
    match m.kind {
        MemberKind::Slot(i) => {
            let Some(cell) = o.slots.get(i) else {
                return Err(vm.no_attribute(obj, &name_of(m)));
            };
            let old = match v {
                Some(v) => cell.replace(Some(v)),
                None => {
                    let old = cell.take();
                    if old.is_none() {
                        // CPython 3.11 words an unset slot's deletion so.
                        return Err(vm.attribute_error(name_of(m)));
                    }
                    old
                }
            };
            // The old value may run a finalizer only after the slot holds
            // the new one.
            drop(old);
            Ok(())
        }
        MemberKind::Dict => {
            if matches!(o.payload, Payload::Class(_)) {
                let t = vm.type_name(obj);
                return Err(vm.attribute_error(format!("attribute '__dict__' of '{t}' objects is not writable")));
            }
            if matches!(o.payload, Payload::Module { .. }) {
                return Err(vm.attribute_error("readonly attribute"));
            }
            set_dict(vm, obj, v)
        }
        MemberKind::Weakref => Err(vm.attribute_error(format!("attribute '__weakref__' of '{}' objects is not writable", owner_name(m)))),
    }
}

/// `obj.__dict__ = v` (`del obj.__dict__` when `v` is `None`) on an object
/// that has an instance dict.
pub fn set_dict(vm: &mut Vm, obj: &Value, v: Option<Value>) -> PyResult<()> {
    let o = obj.obj().expect("objects with a __dict__ are objects");
    let Some(d) = &o.dict else {
        return Err(vm.no_attribute(obj, "__dict__"));
    };
    // Built-in types with a dict (exceptions, functions) keep one.
    let builtin_dict = crate::types::mro_of(&o.class()).iter().any(|k| {
        crate::types::is_builtin_class(k) && matches!(&k.payload, Payload::Class(c) if c.base_kind == crate::value::BaseKind::Exception)
    }) || matches!(o.payload, Payload::Function(_));
    if v.is_none() && builtin_dict {
        return Err(vm.type_error("cannot delete __dict__"));
    }
    let new = match v {
        Some(v) => match &v {
            Value::Obj(n) if matches!(n.payload, Payload::Dict(_)) => n.clone(),
            _ => return Err(vm.type_error(format!("__dict__ must be set to a dictionary, not a '{}'", vm.type_name(&v)))),
        },
        // `del obj.__dict__`: a new, empty one.
        None => match vm.new_dict(Default::default()) {
            Value::Obj(n) => n,
            _ => unreachable!("new_dict makes an object"),
        },
    };
    d.set(new).map_err(|_| vm.err(&vm.types.exc.runtime_error.clone(), "__dict__ is in use"))
}

fn this(vm: &Vm, a: &Args, method: &str) -> PyResult<Value> {
    match a.pos.first() {
        Some(v) if matches!(v.payload(), Some(Payload::Member(_))) => Ok(v.clone()),
        Some(v) => Err(vm.type_error(format!("descriptor '{method}' requires a 'member_descriptor' object but received a '{}'", vm.type_name(v)))),
        None => Err(vm.type_error(format!("descriptor '{method}' of 'member_descriptor' object needs an argument"))),
    }
}

fn descr(v: &Value) -> &MemberDescr {
    match v.payload() {
        Some(Payload::Member(m)) => m,
        _ => unreachable!("checked by `this`"),
    }
}

/// `__get__(obj, type=None)`.
pub fn descr_get(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let d = this(vm, a, "__get__")?;
    if a.pos.len() < 2 || a.pos.len() > 3 {
        return Err(vm.type_error(format!("expected 1 or 2 arguments, got {}", a.pos.len().saturating_sub(1))));
    }
    let obj = a.pos[1].clone();
    if obj.is_none() {
        if a.pos.get(2).is_none_or(|t| t.is_none()) {
            return Err(vm.type_error("__get__(None, None) is invalid"));
        }
        return Ok(d);
    }
    get(vm, descr(&d), &obj)
}

pub fn descr_set(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let d = this(vm, a, "__set__")?;
    if a.pos.len() != 3 {
        return Err(vm.type_error(format!("expected 2 arguments, got {}", a.pos.len().saturating_sub(1))));
    }
    set(vm, descr(&d), &a.pos[1], Some(a.pos[2].clone()))?;
    Ok(Value::None)
}

pub fn descr_delete(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let d = this(vm, a, "__delete__")?;
    if a.pos.len() != 2 {
        return Err(vm.type_error(format!("expected 1 argument, got {}", a.pos.len().saturating_sub(1))));
    }
    set(vm, descr(&d), &a.pos[1], None)?;
    Ok(Value::None)
}

pub fn descr_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let d = this(vm, a, "__repr__")?;
    let m = descr(&d);
    let what = if matches!(m.kind, MemberKind::Slot(_)) { "member" } else { "attribute" };
    Ok(vm.new_str(&format!("<{what} '{}' of '{}' objects>", name_of(m), owner_name(m))))
}

pub fn descr_name(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let d = this(vm, a, "__name__")?;
    Ok(descr(&d).name.clone())
}

pub fn descr_qualname(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let d = this(vm, a, "__qualname__")?;
    let m = descr(&d);
    let owner = m.owner.upgrade().map(|o| match &o.payload {
        Payload::Class(c) => c.qualname.borrow().clone(),
        _ => String::new(),
    });
    Ok(vm.new_str(&format!("{}.{}", owner.unwrap_or_default(), name_of(m))))
}

pub fn descr_objclass(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let d = this(vm, a, "__objclass__")?;
    Ok(descr(&d).owner.upgrade().map(Value::Obj).unwrap_or(Value::None))
}

/// The slot names `k` itself adds, in index order.
fn own_slots(k: &PyRef) -> Vec<String> {
    let mut out: Vec<(usize, String)> = Vec::new();
    if let Some(d) = &k.dict {
        for e in d.borrow().iter() {
            if let Some(Payload::Member(m)) = e.value.payload() {
                if let (MemberKind::Slot(i), true) = (m.kind, m.owner.as_ptr() == Rc::as_ptr(k)) {
                    out.push((i, name_of(m)));
                }
            }
        }
    }
    out.sort();
    out.into_iter().map(|(_, n)| n).collect()
}

/// Do instances of `cls` have a `__dict__` and a `__weakref__`?
fn dict_weak(cls: &PyRef) -> (bool, bool) {
    let dict = match &cls.payload {
        Payload::Class(cd) => !cd.no_dict.get(),
        _ => true,
    };
    let weak = crate::types::mro_of(cls).iter().any(|k| {
        k.dict.as_ref().is_some_and(|d| matches!(d.borrow().get_str("__weakref__").and_then(|v| v.payload()), Some(Payload::Member(m)) if m.kind == MemberKind::Weakref))
    });
    (dict, weak)
}

/// `__class__` assignment from `a` to `b` keeps the instance's layout
/// (CPython's `compatible_for_assignment`): the same slots (the same
/// class adding them, or two classes adding the same names to the same
/// layout), `__dict__` and `__weakref__`.
pub fn same_layout(a: &PyRef, b: &PyRef) -> bool {
    if dict_weak(a) != dict_weak(b) {
        return false;
    }
    let parent = |k: &PyRef| crate::types::mro_of(k).into_iter().skip(1).find(|c| !own_slots(c).is_empty());
    match (crate::types::slot_base(a), crate::types::slot_base(b)) {
        (None, None) => true,
        (Some(x), Some(y)) if Rc::ptr_eq(&x, &y) => true,
        (Some(x), Some(y)) => {
            let same_parent = match (parent(&x), parent(&y)) {
                (None, None) => true,
                (Some(p), Some(q)) => Rc::ptr_eq(&p, &q),
                _ => false,
            };
            same_parent && own_slots(&x) == own_slots(&y)
        }
        _ => false,
    }
}

/// The methods of `member_descriptor`.
pub fn install(vm: &mut Vm) {
    let md = vm.types.member_descriptor.clone();
    crate::modules::native::add_method(&md, "__get__", descr_get);
    crate::modules::native::add_method(&md, "__set__", descr_set);
    crate::modules::native::add_method(&md, "__delete__", descr_delete);
    crate::modules::native::add_method(&md, "__repr__", descr_repr);
    crate::modules::native::add_getter(vm, &md, "__name__", descr_name);
    crate::modules::native::add_getter(vm, &md, "__qualname__", descr_qualname);
    crate::modules::native::add_getter(vm, &md, "__objclass__", descr_objclass);
}
