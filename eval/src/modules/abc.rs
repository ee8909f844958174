//! `_abc`: the C accelerator of `abc.py` (CPython 3.11's `Modules/_abc.c`).
//!
//! Each ABC carries an `_abc._abc_data` object in its `_abc_impl`
//! attribute: the registry of virtual subclasses, the positive cache and
//! the negative cache (with the invalidation counter value it is valid
//! for). CPython keeps them as sets of weak references whose callbacks
//! remove dead entries; here they are weak pointers keyed by the class's
//! address (an address cannot be reused while the weak pointer holds its
//! allocation), and dead entries are skipped and pruned. `_get_dump`
//! returns them as sets of `weakref.ref` objects, as CPython does.

use std::cell::Cell;
use std::rc::{Rc, Weak};

use rustc_hash::FxHashMap;

use crate::modules::native;
use crate::value::{NativeFn, Object, Payload, PyRef, Value};
use crate::vm::{str_key, Args, Vm};
use crate::PyResult;

const DOC: &str = "Module contains faster C implementation of abc.ABCMeta";

/// `Py_TPFLAGS_SEQUENCE` / `Py_TPFLAGS_MAPPING` as `__abc_tpflags__` holds them.
const TPFLAGS_SEQUENCE: i64 = 1 << 5;
const TPFLAGS_MAPPING: i64 = 1 << 6;

thread_local! {
    /// `abc_invalidation_counter`: bumped by every `register`.
    static COUNTER: Cell<u64> = const { Cell::new(0) };
    static DATA_CLASS: std::cell::RefCell<Option<PyRef>> = const { std::cell::RefCell::new(None) };
}

/// A set of classes held weakly.
#[derive(Default)]
struct WeakSet {
    map: FxHashMap<usize, Weak<Object>>,
    /// Insertion order (for the registry's scan and `_get_dump`).
    order: Vec<usize>,
}

impl WeakSet {
    fn key(o: &PyRef) -> usize {
        Rc::as_ptr(o) as usize
    }

    fn contains(&self, v: &Value) -> bool {
        match v {
            Value::Obj(o) => self.map.get(&Self::key(o)).is_some_and(|w| w.strong_count() > 0),
            _ => false,
        }
    }

    fn add(&mut self, o: &PyRef) {
        let k = Self::key(o);
        if let Some(w) = self.map.get(&k) {
            if w.strong_count() > 0 {
                return;
            }
        }
        if self.order.len() >= 16 && self.order.len().is_power_of_two() {
            self.prune();
        }
        if self.map.insert(k, Rc::downgrade(o)).is_none() {
            self.order.push(k);
        }
    }

    fn prune(&mut self) {
        self.map.retain(|_, w| w.strong_count() > 0);
        let map = &self.map;
        self.order.retain(|k| map.contains_key(k));
    }

    fn live(&self) -> Vec<PyRef> {
        self.order.iter().filter_map(|k| self.map.get(k).and_then(|w| w.upgrade())).collect()
    }

    fn clear(&mut self) {
        self.map.clear();
        self.order.clear();
    }

    fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// `_abc._abc_data`.
#[derive(Default)]
struct AbcData {
    registry: WeakSet,
    cache: WeakSet,
    negative: WeakSet,
    negative_version: u64,
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let funcs: &[(&'static str, NativeFn)] = &[
        ("get_cache_token", get_cache_token),
        ("_abc_init", abc_init),
        ("_reset_registry", reset_registry),
        ("_reset_caches", reset_caches),
        ("_get_dump", get_dump),
        ("_abc_register", abc_register),
        ("_abc_instancecheck", abc_instancecheck),
        ("_abc_subclasscheck", abc_subclasscheck),
    ];
    let m = native::new_module(vm, "_abc", funcs);
    native::set(&m, "__doc__", vm.new_str(DOC));
    let data = native::native_final_class(vm, "_abc", "_abc_data");
    native::set(&Value::Obj(data.clone()), "__doc__", vm.new_str("Internal state held by ABC machinery."));
    native::add_new(&data, data_new);
    DATA_CLASS.with(|c| *c.borrow_mut() = Some(data));
    Ok(m)
}

fn data_class(vm: &Vm) -> PyResult<PyRef> {
    DATA_CLASS.with(|c| c.borrow().clone()).ok_or_else(|| vm.type_error("_abc is not initialized"))
}

fn data_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cls = data_class(vm)?;
    let _ = a;
    Ok(native::new_opaque(vm, &cls, AbcData::default()))
}

/// A METH_O function's one argument.
fn one<'a>(vm: &Vm, a: &'a Args, name: &str) -> PyResult<&'a Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("_abc.{name}() takes no keyword arguments")));
    }
    if a.pos.len() != 1 {
        return Err(vm.type_error(format!("_abc.{name}() takes exactly one argument ({} given)", a.pos.len())));
    }
    Ok(&a.pos[0])
}

fn two<'a>(vm: &Vm, a: &'a Args, name: &str) -> PyResult<(&'a Value, &'a Value)> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("_abc.{name}() takes no keyword arguments")));
    }
    if a.pos.len() != 2 {
        return Err(vm.type_error(format!("{name} expected 2 arguments, got {}", a.pos.len())));
    }
    Ok((&a.pos[0], &a.pos[1]))
}

/// `_PyObject_LookupAttr`: the attribute, or `None` on AttributeError.
fn lookup_attr(vm: &mut Vm, obj: &Value, name: &Value) -> PyResult<Option<Value>> {
    match vm.getattr(obj, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if vm.isinstance(&e.0, &vm.types.exc.attribute_error.clone()) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `_get_impl`: the class's `_abc_impl`, checked.
fn get_impl(vm: &mut Vm, cls: &Value) -> PyResult<Value> {
    let imp = vm.getattr(cls, &str_key("_abc_impl"))?;
    if native::opaque::<AbcData>(&imp).is_none() {
        return Err(vm.type_error("_abc_impl is set to a wrong type"));
    }
    Ok(imp)
}

fn with_data<R>(imp: &Value, f: impl FnOnce(&mut AbcData) -> R) -> R {
    let mut d = native::opaque_mut::<AbcData>(imp).expect("checked by get_impl");
    f(&mut d)
}

fn is_class(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::Class(_)))
}

fn get_cache_token(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.pos.is_empty() || !a.kw.is_empty() {
        return Err(vm.type_error(format!("_abc.get_cache_token() takes no arguments ({} given)", a.pos.len() + a.kw.len())));
    }
    Ok(Value::Int(COUNTER.with(|c| c.get()) as i64))
}

/// `_PyObject_IsAbstract`.
fn is_abstract(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    match lookup_attr(vm, v, &str_key("__isabstractmethod__"))? {
        Some(x) => vm.truthy(&x),
        None => Ok(false),
    }
}

/// `compute_abstract_methods`: set `__abstractmethods__`.
fn compute_abstract_methods(vm: &mut Vm, cls: &Value) -> PyResult<()> {
    let mut abstracts: Vec<Value> = Vec::new();
    // Stage 1: direct abstract methods.
    let ns = vm.getattr(cls, &str_key("__dict__"))?;
    let items_m = vm.getattr(&ns, &str_key("items"))?;
    let items = vm.call(&items_m, vec![])?;
    let items = vm.to_vec(&items)?;
    for it in items {
        let pair = match it.payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            Some(Payload::List(l)) => l.borrow().clone(),
            _ => return Err(vm.type_error("items() returned item which is not a tuple")),
        };
        if pair.len() != 2 {
            return Err(vm.type_error("items() returned item which size is not 2"));
        }
        if is_abstract(vm, &pair[1])? {
            abstracts.push(pair[0].clone());
        }
    }
    // Stage 2: inherited abstract methods.
    let bases = vm.getattr(cls, &str_key("__bases__"))?;
    let bases = match bases.payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => return Err(vm.type_error("__bases__ is not tuple")),
    };
    for base in bases {
        let Some(base_abstracts) = lookup_attr(vm, &base, &str_key("__abstractmethods__"))? else { continue };
        let it = vm.iter(&base_abstracts)?;
        while let Some(key) = vm.next(&it)? {
            let Some(value) = lookup_attr(vm, cls, &key)? else { continue };
            if is_abstract(vm, &value)? {
                abstracts.push(key);
            }
        }
    }
    let l = vm.new_list(abstracts);
    let frozenset = vm.builtins_get("frozenset").ok_or_else(|| vm.type_error("frozenset is missing"))?;
    let fs = vm.call(&frozenset, vec![l])?;
    vm.setattr(cls, &str_key("__abstractmethods__"), fs)
}

fn abc_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cls = one(vm, a, "_abc_init")?.clone();
    compute_abstract_methods(vm, &cls)?;
    let data = native::new_opaque(vm, &data_class(vm)?, AbcData::default());
    vm.setattr(&cls, &str_key("_abc_impl"), data)?;
    // `__abc_tpflags__` (collections.abc's Sequence and Mapping) marks the
    // class for pattern matching, then goes from the class dict.
    if let Some(Payload::Class(c)) = cls.payload() {
        let dict = cls.obj().and_then(|o| o.dict.as_ref());
        let flags = dict.and_then(|d| d.borrow().get_str("__abc_tpflags__").cloned());
        if let Some(flags) = flags {
            if let Value::Int(val) = flags {
                if val & (TPFLAGS_SEQUENCE | TPFLAGS_MAPPING) == TPFLAGS_SEQUENCE | TPFLAGS_MAPPING {
                    return Err(vm.type_error("__abc_tpflags__ cannot be both Py_TPFLAGS_SEQUENCE and Py_TPFLAGS_MAPPING"));
                }
                c.collection_flags.set(c.collection_flags.get() | flags_bits(val));
            }
            if let Some(d) = dict {
                d.borrow_mut().remove_str("__abc_tpflags__");
                crate::vm::bump_type_epoch();
            }
        }
    }
    Ok(Value::None)
}

/// `Py_TPFLAGS_SEQUENCE`/`MAPPING` as pyx's `ClassData::collection_flags`.
fn flags_bits(val: i64) -> u8 {
    let mut b = 0;
    if val & TPFLAGS_SEQUENCE != 0 {
        b |= crate::value::COLLECTION_SEQUENCE;
    }
    if val & TPFLAGS_MAPPING != 0 {
        b |= crate::value::COLLECTION_MAPPING;
    }
    b
}

/// `_PyType_SetFlagsRecursive` for the collection flags: set on `cls` and
/// its subclasses, stopping at immutable types and at classes that
/// already have one.
fn set_collection_flags_recursive(cls: &PyRef, bits: u8) {
    let Payload::Class(c) = &cls.payload else { return };
    if c.builtin_exact.get() || native::is_native_class(cls) || c.collection_flags.get() != 0 {
        return;
    }
    c.collection_flags.set(bits);
    let subs: Vec<PyRef> = c.subclasses.borrow().iter().filter_map(|w| w.upgrade()).collect();
    for s in subs {
        set_collection_flags_recursive(&s, bits);
    }
}

fn abc_register(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (cls, sub) = two(vm, a, "_abc_register")?;
    let (cls, sub) = (cls.clone(), sub.clone());
    if !is_class(&sub) {
        return Err(vm.type_error("Can only register classes"));
    }
    if crate::builtins::issubclass_of(vm, &sub, &cls)? {
        return Ok(sub); // Already a subclass.
    }
    // Subtle: test for cycles *after* testing for "already a subclass";
    // this means we allow X.register(X) and interpret it as a no-op.
    if crate::builtins::issubclass_of(vm, &cls, &sub)? {
        return Err(vm.err(&vm.types.exc.runtime_error.clone(), "Refusing to create an inheritance cycle"));
    }
    let imp = get_impl(vm, &cls)?;
    let sub_ref = sub.obj().expect("a class").clone();
    with_data(&imp, |d| d.registry.add(&sub_ref));
    COUNTER.with(|c| c.set(c.get() + 1));
    if let Some(Payload::Class(c)) = cls.payload() {
        let bits = c.collection_flags.get();
        if bits != 0 {
            set_collection_flags_recursive(&sub_ref, bits);
        }
    }
    Ok(sub)
}

fn abc_instancecheck(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (cls, instance) = two(vm, a, "_abc_instancecheck")?;
    let (cls, instance) = (cls.clone(), instance.clone());
    let imp = get_impl(vm, &cls)?;
    let subclass = vm.getattr(&instance, &str_key("__class__"))?;
    if with_data(&imp, |d| d.cache.contains(&subclass)) {
        return Ok(Value::Bool(true));
    }
    let subtype = Value::Obj(vm.type_of(&instance));
    if subtype.is(&subclass) {
        let counter = COUNTER.with(|c| c.get());
        if with_data(&imp, |d| d.negative_version == counter && d.negative.contains(&subclass)) {
            return Ok(Value::Bool(false));
        }
        // Fall back to the subclass check.
        return vm.call_method(&cls, "__subclasscheck__", vec![subclass]);
    }
    let r = vm.call_method(&cls, "__subclasscheck__", vec![subclass])?;
    if vm.truthy(&r)? {
        return Ok(r);
    }
    vm.call_method(&cls, "__subclasscheck__", vec![subtype])
}

fn abc_subclasscheck(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (cls, sub) = two(vm, a, "_abc_subclasscheck")?;
    let (cls, sub) = (cls.clone(), sub.clone());
    if !is_class(&sub) {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    }
    let sub_ref = sub.obj().expect("a class").clone();
    let imp = get_impl(vm, &cls)?;
    // 1. Check cache.
    if with_data(&imp, |d| d.cache.contains(&sub)) {
        return Ok(Value::Bool(true));
    }
    // 2. Check negative cache; may have to invalidate.
    let counter = COUNTER.with(|c| c.get());
    let negative = with_data(&imp, |d| {
        if d.negative_version < counter {
            d.negative.clear();
            d.negative_version = counter;
            false
        } else {
            d.negative.contains(&sub)
        }
    });
    if negative {
        return Ok(Value::Bool(false));
    }
    // 3. Check the subclass hook.
    let ok = vm.call_method(&cls, "__subclasshook__", vec![sub.clone()])?;
    match ok {
        Value::Bool(true) => {
            with_data(&imp, |d| d.cache.add(&sub_ref));
            return Ok(Value::Bool(true));
        }
        Value::Bool(false) => {
            with_data(&imp, |d| d.negative.add(&sub_ref));
            return Ok(Value::Bool(false));
        }
        _ => {
            if !ok.is(&vm.types.not_implemented) {
                return Err(vm.err(&vm.types.exc.assertion_error.clone(), "__subclasshook__ must return either False, True, or NotImplemented"));
            }
        }
    }
    // 4. Check if it's a direct subclass.
    if let (Payload::Class(c), Some(me)) = (&sub_ref.payload, cls.obj()) {
        if c.mro.borrow().iter().any(|k| Rc::ptr_eq(k, me)) {
            with_data(&imp, |d| d.cache.add(&sub_ref));
            return Ok(Value::Bool(true));
        }
    }
    // 5. Check if it's a subclass of a registered class (recursive).
    let (direct, registry) = with_data(&imp, |d| {
        if d.registry.contains(&sub) {
            (true, Vec::new())
        } else if d.registry.is_empty() {
            (false, Vec::new())
        } else {
            (false, d.registry.live())
        }
    });
    if direct {
        return Ok(Value::Bool(true));
    }
    for rkey in registry {
        if crate::builtins::issubclass_of(vm, &sub, &Value::Obj(rkey))? {
            with_data(&imp, |d| d.cache.add(&sub_ref));
            return Ok(Value::Bool(true));
        }
    }
    // 6. Check if it's a subclass of a subclass (recursive).
    let subclasses = vm.call_method(&cls, "__subclasses__", vec![])?;
    let subclasses = match subclasses.payload() {
        Some(Payload::List(l)) => l.borrow().clone(),
        _ => return Err(vm.type_error("__subclasses__() must return a list")),
    };
    for scls in subclasses {
        if crate::builtins::issubclass_of(vm, &sub, &scls)? {
            with_data(&imp, |d| d.cache.add(&sub_ref));
            return Ok(Value::Bool(true));
        }
    }
    // No dice; update negative cache.
    with_data(&imp, |d| d.negative.add(&sub_ref));
    Ok(Value::Bool(false))
}

fn weak_set_value(vm: &mut Vm, items: Vec<PyRef>) -> PyResult<Value> {
    let weakref = crate::modules::import_module(vm, "_weakref")?;
    let ref_type = vm.getattr(&weakref, &str_key("ref"))?;
    let mut refs = Vec::with_capacity(items.len());
    for o in items {
        refs.push(vm.call(&ref_type, vec![Value::Obj(o)])?);
    }
    let l = vm.new_list(refs);
    let set = vm.builtins_get("set").ok_or_else(|| vm.type_error("set is missing"))?;
    vm.call(&set, vec![l])
}

fn get_dump(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cls = one(vm, a, "_get_dump")?.clone();
    let imp = get_impl(vm, &cls)?;
    let (registry, cache, negative, version) = with_data(&imp, |d| (d.registry.live(), d.cache.live(), d.negative.live(), d.negative_version));
    let registry = weak_set_value(vm, registry)?;
    let cache = weak_set_value(vm, cache)?;
    let negative = weak_set_value(vm, negative)?;
    Ok(vm.new_tuple(vec![registry, cache, negative, Value::Int(version as i64)]))
}

fn reset_registry(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cls = one(vm, a, "_reset_registry")?.clone();
    let imp = get_impl(vm, &cls)?;
    with_data(&imp, |d| d.registry.clear());
    Ok(Value::None)
}

fn reset_caches(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cls = one(vm, a, "_reset_caches")?.clone();
    let imp = get_impl(vm, &cls)?;
    with_data(&imp, |d| {
        d.cache.clear();
        d.negative.clear();
    });
    Ok(Value::None)
}
