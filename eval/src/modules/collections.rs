//! `_collections`: `deque` (with its iterators), `defaultdict`,
//! `_count_elements` (Counter's helper) and `_tuplegetter` (namedtuple's
//! field descriptor), as CPython 3.11's C module. `collections/__init__.py`
//! keeps its pure-Python `OrderedDict`.
//!
//! A deque's items live in a `VecDeque` inside `Payload::Opaque`; a
//! `state` counter, bumped by every append/pop/rotate/clear, lets its
//! iterators and searches detect mutation ("deque mutated during
//! iteration"). No borrow of the state is held while Python code runs
//! (comparisons, iteration of the argument, a subclass's constructor).

use std::cell::{RefCell, RefMut};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

use num_traits::ToPrimitive;

use crate::code::CmpOp;
use crate::modules::native::{self, add_method, add_new, bind, positional_only, this_method, this_slot};
use crate::objects::dict::Dict;
use crate::value::{Object, Payload, PyRef, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

const DQ: &str = "collections.deque";
const DD: &str = "collections.defaultdict";

struct Classes {
    deque: PyRef,
    defdict: PyRef,
    iter: PyRef,
    reviter: PyRef,
}

thread_local! {
    static CLASSES: RefCell<Option<Classes>> = const { RefCell::new(None) };
    /// Deques and defaultdicts whose repr is being computed.
    static REPR_ACTIVE: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
    /// `default_factory` of each defaultdict, by object (the weak
    /// reference keeps the address from being reused while listed).
    static FACTORIES: RefCell<(rustc_hash::FxHashMap<usize, (Weak<Object>, Value)>, usize)> =
        RefCell::new((Default::default(), 64));
}

fn classes<R>(f: impl FnOnce(&Classes) -> R) -> Option<R> {
    CLASSES.with(|c| c.borrow().as_ref().map(f))
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(vm, "_collections", &[("_count_elements", count_elements)]);
    native::set(&m, "__doc__", vm.new_str("High performance data structures.\n- deque:        ordered collection accessible from endpoints only\n- defaultdict:  dict subclass with a default value factory\n"));

    // deque
    let d = native::native_class(vm, "collections", "deque", None);
    if let Payload::Class(c) = &d.payload {
        c.collection_flags.set(crate::value::COLLECTION_SEQUENCE);
    }
    add_new(&d, deque_new);
    let methods: &[(&'static str, crate::value::NativeFn)] = &[
        ("__init__", deque_init),
        ("append", deque_append),
        ("appendleft", deque_appendleft),
        ("pop", deque_pop),
        ("popleft", deque_popleft),
        ("extend", deque_extend),
        ("extendleft", deque_extendleft),
        ("rotate", deque_rotate),
        ("clear", deque_clear),
        ("copy", deque_copy),
        ("__copy__", deque_copy_dunder),
        ("count", deque_count),
        ("index", deque_index),
        ("insert", deque_insert),
        ("remove", deque_remove),
        ("reverse", deque_reverse),
        ("__len__", deque_len),
        ("__getitem__", deque_getitem),
        ("__setitem__", deque_setitem),
        ("__delitem__", deque_delitem),
        ("__contains__", deque_contains),
        ("__iter__", deque_iter),
        ("__reversed__", deque_reversed),
        ("__repr__", deque_repr),
        ("__eq__", deque_eq),
        ("__ne__", deque_ne),
        ("__lt__", deque_lt),
        ("__le__", deque_le),
        ("__gt__", deque_gt),
        ("__ge__", deque_ge),
        ("__add__", deque_add),
        ("__mul__", deque_mul),
        ("__rmul__", deque_mul),
        ("__iadd__", deque_iadd),
        ("__imul__", deque_imul),
        ("__reduce__", deque_reduce),
    ];
    for (name, f) in methods {
        add_method(&d, name, *f);
    }
    native::add_getter(vm, &d, "maxlen", deque_maxlen);
    native::add_classmethod(vm, &d, "__class_getitem__", crate::objects::generic_alias::class_getitem);
    native::set(&Value::Obj(d.clone()), "__hash__", Value::None);
    native::set(&m, "deque", Value::Obj(d.clone()));

    // its iterators
    let it = native::native_final_class(vm, "_collections", "_deque_iterator");
    let rit = native::native_final_class(vm, "_collections", "_deque_reverse_iterator");
    add_new(&it, dequeiter_new);
    add_new(&rit, dequereviter_new);
    for c in [&it, &rit] {
        add_method(c, "__iter__", dequeiter_iter);
        add_method(c, "__next__", dequeiter_next);
        add_method(c, "__length_hint__", dequeiter_len);
        add_method(c, "__reduce__", dequeiter_reduce);
    }
    native::set(&m, "_deque_iterator", Value::Obj(it.clone()));
    native::set(&m, "_deque_reverse_iterator", Value::Obj(rit.clone()));

    // defaultdict: a dict subclass (instances carry `Payload::Dict`).
    let dict = vm.types.dict.clone();
    let dd = native::native_class(vm, "collections", "defaultdict", Some(dict));
    add_new(&dd, defdict_new);
    let methods: &[(&'static str, crate::value::NativeFn)] = &[
        ("__init__", defdict_init),
        ("__missing__", defdict_missing),
        ("copy", defdict_copy),
        ("__copy__", defdict_copy_dunder),
        ("__reduce__", defdict_reduce),
        ("__repr__", defdict_repr),
        ("__or__", defdict_or),
        ("__ror__", defdict_ror),
    ];
    for (name, f) in methods {
        add_method(&dd, name, *f);
    }
    native::add_property(vm, &dd, "default_factory", defdict_get_factory, defdict_set_factory);
    native::add_classmethod(vm, &dd, "__class_getitem__", crate::objects::generic_alias::class_getitem);
    native::set(&m, "defaultdict", Value::Obj(dd.clone()));

    // _tuplegetter
    let tg = native::native_final_class(vm, "_collections", "_tuplegetter");
    add_new(&tg, tuplegetter_new);
    add_method(&tg, "__get__", tuplegetter_get);
    add_method(&tg, "__set__", tuplegetter_set);
    add_method(&tg, "__delete__", tuplegetter_delete);
    add_method(&tg, "__repr__", tuplegetter_repr);
    add_method(&tg, "__reduce__", tuplegetter_reduce);
    native::add_property(vm, &tg, "__doc__", tuplegetter_get_doc, tuplegetter_set_doc);
    native::set(&m, "_tuplegetter", Value::Obj(tg));

    CLASSES.with(|c| *c.borrow_mut() = Some(Classes { deque: d, defdict: dd, iter: it, reviter: rit }));
    Ok(m)
}

// ---- helpers -----------------------------------------------------------

/// The type's own name (`_PyType_Name`), for reprs.
fn short_name(vm: &Vm, v: &Value) -> String {
    match &vm.type_of(v).payload {
        Payload::Class(c) => c.name.borrow().clone(),
        _ => String::new(),
    }
}

/// METH_O: the one argument after `self`.
fn one_arg<'a>(vm: &Vm, a: &'a Args, name: &str) -> PyResult<&'a Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    match a.pos.len() {
        2 => Ok(&a.pos[1]),
        n => Err(vm.type_error(format!("{name}() takes exactly one argument ({} given)", n.saturating_sub(1)))),
    }
}

use crate::objects::containers::no_args;

fn repr_enter(v: &Value) -> bool {
    let key = v.obj().map(|o| Rc::as_ptr(o) as usize).unwrap_or(0);
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
    let key = v.obj().map(|o| Rc::as_ptr(o) as usize).unwrap_or(0);
    REPR_ACTIVE.with(|r| r.borrow_mut().retain(|k| *k != key));
}

// ---- deque -------------------------------------------------------------

struct Deque {
    items: VecDeque<Value>,
    maxlen: Option<usize>,
    /// Bumped whenever items are added, removed or moved.
    state: u64,
}

impl Deque {
    fn bump(&mut self) {
        self.state = self.state.wrapping_add(1);
    }

    /// Append on the right, trimming on the left past `maxlen`; returns
    /// what was dropped (to be released after the borrow ends).
    fn push_back(&mut self, v: Value) -> Option<Value> {
        self.items.push_back(v);
        self.bump();
        match self.maxlen {
            Some(m) if self.items.len() > m => self.items.pop_front(),
            _ => None,
        }
    }

    fn push_front(&mut self, v: Value) -> Option<Value> {
        self.items.push_front(v);
        self.bump();
        match self.maxlen {
            Some(m) if self.items.len() > m => self.items.pop_back(),
            _ => None,
        }
    }
}

fn dq<'a>(vm: &Vm, v: &'a Value) -> PyResult<RefMut<'a, Deque>> {
    native::opaque_mut::<Deque>(v).ok_or_else(|| vm.type_error(format!("'{}' object is not a deque", vm.type_name(v))))
}

/// Is `v` a deque (or an instance of a subclass)?
pub fn is_deque(v: &Value) -> bool {
    native::opaque::<Deque>(v).is_some()
}

fn new_deque(vm: &Vm, cls: &PyRef, maxlen: Option<usize>, items: VecDeque<Value>) -> Value {
    native::new_opaque(vm, cls, Deque { items, maxlen, state: 0 })
}

fn deque_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first() else { return Err(vm.type_error("deque.__new__(X): X is not a type object")) };
    if !matches!(cls.payload, Payload::Class(_)) {
        return Err(vm.type_error("deque.__new__(X): X is not a type object"));
    }
    Ok(new_deque(vm, &cls.clone(), None, VecDeque::new()))
}

fn deque_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<Deque>(vm, a, DQ, "__init__")?;
    let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let v = bind(vm, &rest, "deque", &["iterable", "maxlen"], 0, 2)?;
    let mut maxlen = None;
    if let Some(m) = v[1].as_ref().filter(|m| !m.is_none()) {
        let is_int = matches!(m, Value::Int(_) | Value::Bool(_)) || matches!(m.payload(), Some(Payload::BigInt(_)));
        if !is_int {
            return Err(vm.type_error("an integer is required"));
        }
        let Some(n) = crate::vm::ops::as_i64(m) else {
            return Err(vm.overflow_error("Python int too large to convert to C ssize_t"));
        };
        if n < 0 {
            return Err(vm.value_error("maxlen must be non-negative"));
        }
        maxlen = Some(n as usize);
    }
    let old = {
        let mut d = dq(vm, s)?;
        d.maxlen = maxlen;
        if d.items.is_empty() {
            VecDeque::new()
        } else {
            d.bump();
            std::mem::take(&mut d.items)
        }
    };
    drop(old);
    if let Some(it) = &v[0] {
        extend(vm, s, it, false)?;
    }
    Ok(Value::None)
}

/// `extend` / `extendleft`.
fn extend(vm: &mut Vm, s: &Value, iterable: &Value, left: bool) -> PyResult<()> {
    if s.is(iterable) {
        let items: Vec<Value> = dq(vm, s)?.items.iter().cloned().collect();
        let l = vm.new_list(items);
        return extend(vm, s, &l, left);
    }
    let it = vm.iter(iterable)?;
    let zero = dq(vm, s)?.maxlen == Some(0);
    while let Some(x) = vm.next(&it)? {
        if zero {
            continue;
        }
        let dropped = {
            let mut d = dq(vm, s)?;
            if left {
                d.push_front(x)
            } else {
                d.push_back(x)
            }
        };
        drop(dropped);
    }
    Ok(())
}

fn deque_append(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_method::<Deque>(vm, a, DQ, "append")?;
    let x = one_arg(vm, a, "deque.append")?.clone();
    let dropped = dq(vm, s)?.push_back(x);
    drop(dropped);
    Ok(Value::None)
}

fn deque_appendleft(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_method::<Deque>(vm, a, DQ, "appendleft")?;
    let x = one_arg(vm, a, "deque.appendleft")?.clone();
    let dropped = dq(vm, s)?.push_front(x);
    drop(dropped);
    Ok(Value::None)
}

fn pop_side(vm: &mut Vm, a: &Args, name: &str, left: bool) -> PyResult<Value> {
    let s = this_method::<Deque>(vm, a, DQ, name)?;
    no_args(vm, a, &format!("deque.{name}"))?;
    let mut d = dq(vm, s)?;
    let r = if left { d.items.pop_front() } else { d.items.pop_back() };
    match r {
        Some(v) => {
            d.bump();
            Ok(v)
        }
        None => {
            drop(d);
            Err(vm.index_error("pop from an empty deque"))
        }
    }
}

fn deque_pop(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pop_side(vm, a, "pop", false)
}

fn deque_popleft(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pop_side(vm, a, "popleft", true)
}

fn deque_extend(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_method::<Deque>(vm, a, DQ, "extend")?;
    let x = one_arg(vm, a, "deque.extend")?.clone();
    extend(vm, s, &x, false)?;
    Ok(Value::None)
}

fn deque_extendleft(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_method::<Deque>(vm, a, DQ, "extendleft")?;
    let x = one_arg(vm, a, "deque.extendleft")?.clone();
    extend(vm, s, &x, true)?;
    Ok(Value::None)
}

fn rotate(d: &mut Deque, n: i64) {
    let len = d.items.len();
    if len <= 1 {
        return;
    }
    d.bump();
    let k = n.rem_euclid(len as i64) as usize;
    d.items.rotate_right(k);
}

fn deque_rotate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_method::<Deque>(vm, a, DQ, "rotate")?;
    let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let p = positional_only(vm, &rest, "deque.rotate", 0, 1)?;
    let n = match p.first() {
        Some(n) => crate::builtins::index_i64(vm, n)?,
        None => 1,
    };
    rotate(&mut *dq(vm, s)?, n);
    Ok(Value::None)
}

fn deque_clear(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_method::<Deque>(vm, a, DQ, "clear")?;
    no_args(vm, a, "deque.clear")?;
    let old = {
        let mut d = dq(vm, s)?;
        if d.items.is_empty() {
            return Ok(Value::None);
        }
        d.bump();
        std::mem::take(&mut d.items)
    };
    drop(old);
    Ok(Value::None)
}

/// `deque.copy()`: a deque of the same class (through the class's
/// constructor for subclasses).
fn copy_of(vm: &mut Vm, s: &Value) -> PyResult<Value> {
    let cls = vm.type_of(s);
    let exact = classes(|c| Rc::ptr_eq(&c.deque, &cls)).unwrap_or(false);
    let (items, maxlen) = {
        let d = dq(vm, s)?;
        (d.items.clone(), d.maxlen)
    };
    if exact {
        return Ok(new_deque(vm, &cls, maxlen, items));
    }
    let c = Value::Obj(cls.clone());
    let r = match maxlen {
        None => vm.call(&c, vec![s.clone()])?,
        Some(m) => vm.call(&c, vec![s.clone(), Value::Int(m as i64)])?,
    };
    if !is_deque(&r) {
        return Err(vm.type_error(format!("{}() must return a deque, not {}", crate::types::class_name(&cls), vm.type_name(&r))));
    }
    Ok(r)
}

fn deque_copy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_method::<Deque>(vm, a, DQ, "copy")?;
    no_args(vm, a, "deque.copy")?;
    copy_of(vm, s)
}

fn deque_copy_dunder(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_method::<Deque>(vm, a, DQ, "__copy__")?;
    no_args(vm, a, "deque.__copy__")?;
    copy_of(vm, s)
}

/// The item at `i` if the deque has not changed since `state`.
fn item_unchanged(vm: &Vm, s: &Value, i: usize, state: u64, err: &PyRef) -> PyResult<Option<Value>> {
    let d = dq(vm, s)?;
    if d.state != state {
        drop(d);
        return Err(vm.err(err, "deque mutated during iteration"));
    }
    Ok(d.items.get(i).cloned())
}

fn deque_count(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_method::<Deque>(vm, a, DQ, "count")?;
    let x = one_arg(vm, a, "deque.count")?.clone();
    let (n, state) = {
        let d = dq(vm, s)?;
        (d.items.len(), d.state)
    };
    let rt = vm.types.exc.runtime_error.clone();
    let mut count = 0i64;
    for i in 0..n {
        let Some(item) = item_unchanged(vm, s, i, state, &rt)? else { break };
        if vm.eq(&item, &x)? {
            count += 1;
        }
        if dq(vm, s)?.state != state {
            return Err(vm.err(&rt, "deque mutated during iteration"));
        }
    }
    Ok(Value::Int(count))
}

fn contains(vm: &mut Vm, s: &Value, x: &Value) -> PyResult<bool> {
    let (n, state) = {
        let d = dq(vm, s)?;
        (d.items.len(), d.state)
    };
    let rt = vm.types.exc.runtime_error.clone();
    for i in 0..n {
        let Some(item) = item_unchanged(vm, s, i, state, &rt)? else { break };
        if vm.eq(&item, x)? {
            return Ok(true);
        }
        if dq(vm, s)?.state != state {
            return Err(vm.err(&rt, "deque mutated during iteration"));
        }
    }
    Ok(false)
}

fn deque_contains(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<Deque>(vm, a, DQ, "__contains__")?;
    let Some(x) = a.pos.get(1) else { return Err(vm.type_error("expected 1 argument, got 0")) };
    Ok(Value::Bool(contains(vm, s, &x.clone())?))
}

/// A start/stop of `index()`: an int or `__index__`, clamped.
fn slice_index(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let cls = vm.type_of(v);
    let intlike = matches!(v, Value::Int(_) | Value::Bool(_)) || matches!(v.payload(), Some(Payload::BigInt(_)));
    if !intlike && vm.lookup_mro(&cls, "__index__").is_none() {
        return Err(vm.type_error("slice indices must be integers or have an __index__ method"));
    }
    let b = crate::builtins::index_big(vm, v)?;
    Ok(b.to_i64().unwrap_or(if b.sign() == num_bigint::Sign::Minus { i64::MIN } else { i64::MAX }))
}

fn deque_index(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_method::<Deque>(vm, a, DQ, "index")?;
    if !a.kw.is_empty() {
        return Err(vm.type_error("deque.index() takes no keyword arguments"));
    }
    let n = a.pos.len() - 1;
    if n < 1 {
        return Err(vm.type_error(format!("index() takes at least 1 argument ({n} given)")));
    }
    if n > 3 {
        return Err(vm.type_error(format!("index() takes at most 3 arguments ({n} given)")));
    }
    let x = a.pos[1].clone();
    let len = dq(vm, s)?.items.len() as i64;
    let mut start = match a.pos.get(2) {
        Some(v) => slice_index(vm, v)?,
        None => 0,
    };
    let mut stop = match a.pos.get(3) {
        Some(v) => slice_index(vm, v)?,
        None => len,
    };
    let len = dq(vm, s)?.items.len() as i64;
    if start < 0 {
        start = start.saturating_add(len).max(0);
    }
    if stop < 0 {
        stop = stop.saturating_add(len).max(0);
    }
    stop = stop.min(len);
    start = start.min(stop);
    let state = dq(vm, s)?.state;
    let rt = vm.types.exc.runtime_error.clone();
    for i in start..stop {
        let Some(item) = item_unchanged(vm, s, i as usize, state, &rt)? else { break };
        if vm.eq(&item, &x)? {
            return Ok(Value::Int(i));
        }
        if dq(vm, s)?.state != state {
            return Err(vm.err(&rt, "deque mutated during iteration"));
        }
    }
    let r = vm.repr(&x)?.to_string_lossy();
    Err(vm.value_error(format!("{r} is not in deque")))
}

fn deque_insert(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_method::<Deque>(vm, a, DQ, "insert")?;
    if !a.kw.is_empty() {
        return Err(vm.type_error("deque.insert() takes no keyword arguments"));
    }
    if a.pos.len() != 3 {
        return Err(vm.type_error(format!("insert() takes exactly 2 arguments ({} given)", a.pos.len() - 1)));
    }
    let index = crate::builtins::index_i64(vm, &a.pos[1])?;
    let x = a.pos[2].clone();
    let mut d = dq(vm, s)?;
    let n = d.items.len() as i64;
    if d.maxlen == Some(n as usize) {
        drop(d);
        return Err(vm.index_error("deque already at its maximum size"));
    }
    if index >= n {
        d.push_back(x);
    } else if index <= -n || index == 0 {
        d.push_front(x);
    } else {
        let i = if index < 0 { index + n } else { index };
        d.items.insert(i as usize, x);
        d.bump();
    }
    Ok(Value::None)
}

fn deque_remove(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_method::<Deque>(vm, a, DQ, "remove")?;
    let x = one_arg(vm, a, "deque.remove")?.clone();
    let (n, state) = {
        let d = dq(vm, s)?;
        (d.items.len(), d.state)
    };
    let ie = vm.types.exc.index_error.clone();
    for i in 0..n {
        let Some(item) = item_unchanged(vm, s, i, state, &ie)? else { break };
        let eq = vm.eq(&item, &x)?;
        if dq(vm, s)?.state != state {
            return Err(vm.err(&ie, "deque mutated during iteration"));
        }
        if eq {
            let removed = {
                let mut d = dq(vm, s)?;
                d.bump();
                d.items.remove(i)
            };
            drop(removed);
            return Ok(Value::None);
        }
    }
    let r = vm.repr(&x)?.to_string_lossy();
    Err(vm.value_error(format!("{r} is not in deque")))
}

fn deque_reverse(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_method::<Deque>(vm, a, DQ, "reverse")?;
    no_args(vm, a, "deque.reverse")?;
    let mut d = dq(vm, s)?;
    d.items.make_contiguous().reverse();
    Ok(Value::None)
}

fn deque_len(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<Deque>(vm, a, DQ, "__len__")?;
    let n = dq(vm, s)?.items.len();
    Ok(Value::Int(n as i64))
}

/// A sequence index (`PySequence_GetItem` rules): negative counts from
/// the end; `None` when out of range.
fn seq_index(vm: &mut Vm, s: &Value, key: &Value) -> PyResult<Option<usize>> {
    let cls = vm.type_of(key);
    let intlike = matches!(key, Value::Int(_) | Value::Bool(_)) || matches!(key.payload(), Some(Payload::BigInt(_)));
    if !intlike && vm.lookup_mro(&cls, "__index__").is_none() {
        return Err(vm.type_error(format!("sequence index must be integer, not '{}'", vm.type_name(key))));
    }
    let b = crate::builtins::index_big(vm, key)?;
    let Some(mut i) = b.to_i64() else {
        return Err(vm.index_error(format!("cannot fit '{}' into an index-sized integer", vm.type_name(key))));
    };
    let len = dq(vm, s)?.items.len() as i64;
    if i < 0 {
        i += len;
    }
    Ok(if i < 0 || i >= len { None } else { Some(i as usize) })
}

fn deque_getitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<Deque>(vm, a, DQ, "__getitem__")?;
    let Some(key) = a.pos.get(1) else { return Err(vm.type_error("expected 1 argument, got 0")) };
    let key = key.clone();
    match seq_index(vm, s, &key)? {
        Some(i) => {
            let v = dq(vm, s)?.items.get(i).cloned();
            v.ok_or_else(|| vm.index_error("deque index out of range"))
        }
        None => Err(vm.index_error("deque index out of range")),
    }
}

fn deque_setitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<Deque>(vm, a, DQ, "__setitem__")?;
    let (Some(key), Some(v)) = (a.pos.get(1), a.pos.get(2)) else { return Err(vm.type_error("expected 2 arguments")) };
    let (key, v) = (key.clone(), v.clone());
    let Some(i) = seq_index(vm, s, &key)? else { return Err(vm.index_error("deque index out of range")) };
    let old = {
        let mut d = dq(vm, s)?;
        match d.items.get_mut(i) {
            Some(slot) => std::mem::replace(slot, v),
            None => return Err(vm.index_error("deque index out of range")),
        }
    };
    drop(old);
    Ok(Value::None)
}

fn deque_delitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<Deque>(vm, a, DQ, "__delitem__")?;
    let Some(key) = a.pos.get(1) else { return Err(vm.type_error("expected 1 argument, got 0")) };
    let key = key.clone();
    let Some(i) = seq_index(vm, s, &key)? else { return Err(vm.index_error("deque index out of range")) };
    let old = {
        let mut d = dq(vm, s)?;
        d.bump();
        d.items.remove(i)
    };
    drop(old);
    Ok(Value::None)
}

fn deque_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<Deque>(vm, a, DQ, "__repr__")?;
    if !repr_enter(s) {
        return Ok(vm.new_str("[...]"));
    }
    let (items, maxlen) = match dq(vm, s) {
        Ok(d) => (d.items.iter().cloned().collect::<Vec<_>>(), d.maxlen),
        Err(e) => {
            repr_leave(s);
            return Err(e);
        }
    };
    let l = vm.new_list(items);
    let r = vm.repr(&l);
    repr_leave(s);
    let r = r?.to_string_lossy();
    let name = short_name(vm, s);
    Ok(vm.new_str(&match maxlen {
        Some(m) => format!("{name}({r}, maxlen={m})"),
        None => format!("{name}({r})"),
    }))
}

/// One step of a deque iterator over `s` (`(state, counter)`), for the
/// comparisons: CPython iterates both deques with their iterators.
fn step(vm: &Vm, s: &Value, st: (u64, usize), counter: &mut usize) -> PyResult<Option<Value>> {
    let d = dq(vm, s)?;
    if d.state != st.0 {
        *counter = 0;
        drop(d);
        return Err(vm.err(&vm.types.exc.runtime_error.clone(), "deque mutated during iteration"));
    }
    if *counter == 0 {
        return Ok(None);
    }
    let i = d.items.len().saturating_sub(*counter);
    *counter -= 1;
    Ok(d.items.get(i).cloned())
}

fn richcompare(vm: &mut Vm, a: &Args, op: CmpOp, name: &str) -> PyResult<Value> {
    let v = this_slot::<Deque>(vm, a, DQ, name)?.clone();
    let Some(w) = a.pos.get(1).cloned() else { return Err(vm.type_error("expected 1 argument, got 0")) };
    if !is_deque(&w) {
        return Ok(vm.types.not_implemented.clone());
    }
    let (vs, vst) = {
        let d = dq(vm, &v)?;
        (d.items.len(), d.state)
    };
    let (ws, wst) = {
        let d = dq(vm, &w)?;
        (d.items.len(), d.state)
    };
    match op {
        CmpOp::Eq if v.is(&w) => return Ok(Value::Bool(true)),
        CmpOp::Eq if vs != ws => return Ok(Value::Bool(false)),
        CmpOp::Ne if v.is(&w) => return Ok(Value::Bool(false)),
        CmpOp::Ne if vs != ws => return Ok(Value::Bool(true)),
        _ => {}
    }
    let (mut vc, mut wc) = (vs, ws);
    loop {
        let x = step(vm, &v, (vst, vs), &mut vc)?;
        let y = step(vm, &w, (wst, ws), &mut wc)?;
        let (Some(x), Some(y)) = (x.clone(), y.clone()) else {
            let (xn, yn) = (x.is_none(), y.is_none());
            return Ok(Value::Bool(match op {
                CmpOp::Lt => !yn,
                CmpOp::Le => xn,
                CmpOp::Eq => xn && yn,
                CmpOp::Ne => xn != yn,
                CmpOp::Gt => !xn,
                CmpOp::Ge => yn,
            }));
        };
        if !vm.eq(&x, &y)? {
            let r = vm.compare(&x, &y, op)?;
            let b = vm.truthy(&r)?;
            return Ok(Value::Bool(b));
        }
    }
}

fn deque_eq(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    richcompare(vm, a, CmpOp::Eq, "__eq__")
}
fn deque_ne(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    richcompare(vm, a, CmpOp::Ne, "__ne__")
}
fn deque_lt(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    richcompare(vm, a, CmpOp::Lt, "__lt__")
}
fn deque_le(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    richcompare(vm, a, CmpOp::Le, "__le__")
}
fn deque_gt(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    richcompare(vm, a, CmpOp::Gt, "__gt__")
}
fn deque_ge(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    richcompare(vm, a, CmpOp::Ge, "__ge__")
}

/// Does `other`'s (Python) class define the reflected operation? Then the
/// sequence fallback must wait for it, as CPython's number slots come
/// before `sq_concat`/`sq_repeat`.
fn defers_to(vm: &Vm, other: &Value, rname: &str) -> bool {
    let cls = vm.type_of(other);
    !crate::types::is_builtin_class(&cls) && vm.lookup_mro(&cls, rname).is_some_and(|f| !crate::value::is_core_native(&f))
}

fn deque_add(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<Deque>(vm, a, DQ, "__add__")?.clone();
    let Some(other) = a.pos.get(1).cloned() else { return Err(vm.type_error("expected 1 argument, got 0")) };
    if !is_deque(&other) {
        if defers_to(vm, &other, "__radd__") {
            return Ok(vm.types.not_implemented.clone());
        }
        return Err(vm.type_error(format!("can only concatenate deque (not \"{}\") to deque", vm.type_name(&other))));
    }
    let new = copy_of(vm, &s)?;
    extend(vm, &new, &other, false)?;
    Ok(new)
}

fn deque_iadd(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<Deque>(vm, a, DQ, "__iadd__")?.clone();
    let Some(other) = a.pos.get(1).cloned() else { return Err(vm.type_error("expected 1 argument, got 0")) };
    extend(vm, &s, &other, false)?;
    Ok(s)
}

/// The repeat count of `d * n`, or `None` when `n` is not an integer.
fn repeat_count(vm: &mut Vm, n: &Value) -> PyResult<Option<i64>> {
    let cls = vm.type_of(n);
    let intlike = matches!(n, Value::Int(_) | Value::Bool(_)) || matches!(n.payload(), Some(Payload::BigInt(_)));
    if !intlike && vm.lookup_mro(&cls, "__index__").is_none() {
        return Ok(None);
    }
    let b = crate::builtins::index_big(vm, n)?;
    match b.to_i64() {
        Some(i) => Ok(Some(i)),
        None => Err(vm.overflow_error(format!("cannot fit '{}' into an index-sized integer", vm.type_name(n)))),
    }
}

/// In-place repetition (`deque_inplace_repeat`).
fn inplace_repeat(vm: &mut Vm, s: &Value, n: i64) -> PyResult<()> {
    let (size, maxlen) = {
        let d = dq(vm, s)?;
        (d.items.len() as i64, d.maxlen)
    };
    if size == 0 || n == 1 {
        return Ok(());
    }
    if n <= 0 {
        let old = {
            let mut d = dq(vm, s)?;
            d.bump();
            std::mem::take(&mut d.items)
        };
        drop(old);
        return Ok(());
    }
    let mut n = n;
    if let Some(m) = maxlen {
        let m = m as i64;
        if size == 1 {
            n = n.min(m);
        } else if n.saturating_mul(size) > m {
            n = (m + size - 1) / size;
        }
    }
    let total = n.checked_mul(size).filter(|t| *t <= (1 << 32));
    if total.is_none() {
        return Err(vm.memory_error());
    }
    let seq: Vec<Value> = dq(vm, s)?.items.iter().cloned().collect();
    let mut d = dq(vm, s)?;
    let mut dropped = Vec::new();
    for _ in 1..n {
        for x in &seq {
            if let Some(v) = d.push_back(x.clone()) {
                dropped.push(v);
            }
        }
    }
    drop(d);
    drop(dropped);
    Ok(())
}

fn deque_mul(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<Deque>(vm, a, DQ, "__mul__")?.clone();
    let Some(other) = a.pos.get(1).cloned() else { return Err(vm.type_error("expected 1 argument, got 0")) };
    let Some(n) = repeat_count(vm, &other)? else {
        if defers_to(vm, &other, "__rmul__") {
            return Ok(vm.types.not_implemented.clone());
        }
        return Err(vm.type_error(format!("can't multiply sequence by non-int of type '{}'", vm.type_name(&other))));
    };
    let new = copy_of(vm, &s)?;
    inplace_repeat(vm, &new, n)?;
    Ok(new)
}

fn deque_imul(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<Deque>(vm, a, DQ, "__imul__")?.clone();
    let Some(other) = a.pos.get(1).cloned() else { return Err(vm.type_error("expected 1 argument, got 0")) };
    let Some(n) = repeat_count(vm, &other)? else {
        return Err(vm.type_error(format!("can't multiply sequence by non-int of type '{}'", vm.type_name(&other))));
    };
    inplace_repeat(vm, &s, n)?;
    Ok(s)
}

fn deque_maxlen(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<Deque>(vm, a, DQ, "maxlen")?;
    let m = dq(vm, s)?.maxlen;
    Ok(m.map(|m| Value::Int(m as i64)).unwrap_or(Value::None))
}

fn deque_reduce(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_method::<Deque>(vm, a, DQ, "__reduce__")?.clone();
    no_args(vm, a, "deque.__reduce__")?;
    let dict = match s.obj().and_then(|o| o.dict.as_ref()) {
        Some(d) => d.value(),
        None => Value::None,
    };
    let it = make_iter(vm, &s, false)?;
    let cls = Value::Obj(vm.type_of(&s));
    let maxlen = dq(vm, &s)?.maxlen;
    let args = match maxlen {
        None => vm.new_tuple(vec![]),
        Some(m) => {
            let e = vm.new_tuple(vec![]);
            vm.new_tuple(vec![e, Value::Int(m as i64)])
        }
    };
    Ok(vm.new_tuple(vec![cls, args, dict, it]))
}

// ---- deque iterators -----------------------------------------------------

struct DequeIter {
    deque: Value,
    state: u64,
    /// Items left.
    counter: usize,
    reverse: bool,
}

fn make_iter(vm: &Vm, s: &Value, reverse: bool) -> PyResult<Value> {
    let (state, counter) = {
        let d = dq(vm, s)?;
        (d.state, d.items.len())
    };
    let Some(cls) = classes(|c| if reverse { c.reviter.clone() } else { c.iter.clone() }) else {
        return Err(vm.type_error("_collections is not initialized"));
    };
    Ok(native::new_opaque(vm, &cls, DequeIter { deque: s.clone(), state, counter, reverse }))
}

fn deque_iter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<Deque>(vm, a, DQ, "__iter__")?;
    make_iter(vm, s, false)
}

fn deque_reversed(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_method::<Deque>(vm, a, DQ, "__reversed__")?;
    no_args(vm, a, "deque.__reversed__")?;
    make_iter(vm, s, true)
}

fn iter_next(vm: &Vm, it: &Value) -> PyResult<Option<Value>> {
    let mut st = native::opaque_mut::<DequeIter>(it).ok_or_else(|| vm.type_error("expected a deque iterator"))?;
    if st.reverse && st.counter == 0 {
        return Ok(None);
    }
    let d = dq(vm, &st.deque)?;
    if d.state != st.state {
        drop(d);
        st.counter = 0;
        drop(st);
        return Err(vm.err(&vm.types.exc.runtime_error.clone(), "deque mutated during iteration"));
    }
    if st.counter == 0 {
        return Ok(None);
    }
    let i = if st.reverse { st.counter - 1 } else { d.items.len().saturating_sub(st.counter) };
    let v = d.items.get(i).cloned();
    drop(d);
    st.counter -= 1;
    Ok(v)
}

fn dequeiter_iter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    this_slot::<DequeIter>(vm, a, "_collections._deque_iterator", "__iter__").cloned()
}

fn dequeiter_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<DequeIter>(vm, a, "_collections._deque_iterator", "__next__")?;
    match iter_next(vm, s)? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

fn dequeiter_len(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_method::<DequeIter>(vm, a, "_collections._deque_iterator", "__length_hint__")?;
    let n = native::opaque::<DequeIter>(s).map(|i| i.counter).unwrap_or(0);
    Ok(Value::Int(n as i64))
}

fn dequeiter_reduce(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_method::<DequeIter>(vm, a, "_collections._deque_iterator", "__reduce__")?;
    let (d, counter) = match native::opaque::<DequeIter>(s) {
        Some(i) => (i.deque.clone(), i.counter),
        None => return Err(vm.type_error("expected a deque iterator")),
    };
    let len = dq(vm, &d)?.items.len();
    let cls = Value::Obj(vm.type_of(s));
    let args = vm.new_tuple(vec![d, Value::Int(len.saturating_sub(counter) as i64)]);
    Ok(vm.new_tuple(vec![cls, args]))
}

fn iter_new(vm: &mut Vm, a: &Args, reverse: bool) -> PyResult<Value> {
    if a.pos.len() < 2 || a.pos.len() > 3 {
        let n = a.pos.len().saturating_sub(1);
        return Err(vm.type_error(if n < 1 {
            format!("function takes at least 1 argument ({n} given)")
        } else {
            format!("function takes at most 2 arguments ({n} given)")
        }));
    }
    let d = a.pos[1].clone();
    if !is_deque(&d) {
        return Err(vm.type_error(format!("argument 1 must be collections.deque, not {}", vm.type_name(&d))));
    }
    let index = match a.pos.get(2) {
        Some(i) => crate::builtins::index_i64(vm, i)?,
        None => 0,
    };
    let it = make_iter(vm, &d, reverse)?;
    for _ in 0..index.max(0) {
        if iter_next(vm, &it)?.is_none() {
            break;
        }
    }
    Ok(it)
}

fn dequeiter_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    iter_new(vm, a, false)
}

fn dequereviter_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    iter_new(vm, a, true)
}

// ---- defaultdict -----------------------------------------------------------

fn factory_of(v: &Value) -> Value {
    let Some(o) = v.obj() else { return Value::None };
    let key = Rc::as_ptr(o) as usize;
    FACTORIES.with(|f| {
        let f = f.borrow();
        match f.0.get(&key) {
            Some((w, v)) if w.upgrade().is_some_and(|x| Rc::ptr_eq(&x, o)) => v.clone(),
            _ => Value::None,
        }
    })
}

fn set_factory(v: &Value, factory: Value) {
    let Some(o) = v.obj() else { return };
    let key = Rc::as_ptr(o) as usize;
    let old = FACTORIES.with(|f| {
        let mut f = f.borrow_mut();
        let (map, limit) = &mut *f;
        let old = map.insert(key, (Rc::downgrade(o), factory));
        // Forget the factories of defaultdicts that are gone.
        let mut dead = Vec::new();
        if map.len() > *limit {
            map.retain(|_, (w, v)| {
                if w.strong_count() == 0 {
                    dead.push(std::mem::replace(v, Value::None));
                    false
                } else {
                    true
                }
            });
            *limit = (map.len() * 2).max(64);
        }
        (old, dead)
    });
    drop(old);
}

fn is_defdict(vm: &Vm, v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::Dict(_))) && classes(|c| vm.isinstance(v, &c.defdict)).unwrap_or(false)
}

fn dd_self<'a>(vm: &Vm, a: &'a Args, m: &str, slot: bool) -> PyResult<&'a Value> {
    match a.pos.first() {
        Some(v) if is_defdict(vm, v) => Ok(v),
        Some(v) if slot => Err(vm.type_error(format!("descriptor '{m}' requires a '{DD}' object but received a '{}'", vm.type_name(v)))),
        Some(v) => Err(vm.type_error(format!("descriptor '{m}' for '{DD}' objects doesn't apply to a '{}' object", vm.type_name(v)))),
        None if slot => Err(vm.type_error(format!("descriptor '{m}' of '{DD}' object needs an argument"))),
        None => Err(vm.type_error(format!("unbound method defaultdict.{m}() needs an argument"))),
    }
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

fn defdict_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first() else { return Err(vm.type_error("defaultdict.__new__(X): X is not a type object")) };
    let Payload::Class(c) = &cls.payload else { return Err(vm.type_error("defaultdict.__new__(X): X is not a type object")) };
    let with_dict = !c.no_dict.get();
    let v = vm.new_object(&cls.clone(), Payload::Dict(RefCell::new(Dict::new())), with_dict);
    set_factory(&v, Value::None);
    Ok(v)
}

fn defdict_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = dd_self(vm, a, "__init__", true)?.clone();
    let mut rest: Vec<Value> = a.pos[1..].to_vec();
    let mut factory = Value::None;
    if !rest.is_empty() {
        let f = rest.remove(0);
        if !f.is_none() && !is_callable(vm, &f) {
            return Err(vm.type_error("first argument must be callable or None"));
        }
        factory = f;
    }
    set_factory(&s, factory);
    let init = vm.lookup_mro(&vm.types.dict.clone(), "__init__").ok_or_else(|| vm.type_error("dict has no __init__"))?;
    let mut pos = vec![s];
    pos.extend(rest);
    vm.call_kw(&init, pos, a.kw.clone())?;
    Ok(Value::None)
}

fn defdict_missing(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = dd_self(vm, a, "__missing__", false)?.clone();
    let key = one_arg(vm, a, "defaultdict.__missing__")?.clone();
    let factory = factory_of(&s);
    if factory.is_none() {
        return Err(vm.key_error(key));
    }
    let value = vm.call(&factory, vec![])?;
    vm.setitem(&s, key, value.clone())?;
    Ok(value)
}

/// `type(dd)(dd.default_factory, arg)`.
fn new_defdict(vm: &mut Vm, s: &Value, arg: Value) -> PyResult<Value> {
    let cls = Value::Obj(vm.type_of(s));
    let factory = factory_of(s);
    vm.call(&cls, vec![factory, arg])
}

fn defdict_copy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = dd_self(vm, a, "copy", false)?.clone();
    no_args(vm, a, "defaultdict.copy")?;
    new_defdict(vm, &s, s.clone())
}

fn defdict_copy_dunder(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = dd_self(vm, a, "__copy__", false)?.clone();
    no_args(vm, a, "defaultdict.__copy__")?;
    new_defdict(vm, &s, s.clone())
}

fn defdict_reduce(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = dd_self(vm, a, "__reduce__", false)?.clone();
    no_args(vm, a, "defaultdict.__reduce__")?;
    let factory = factory_of(&s);
    let args = if factory.is_none() { vm.new_tuple(vec![]) } else { vm.new_tuple(vec![factory]) };
    let items = vm.call_method(&s, "items", vec![])?;
    let it = vm.iter(&items)?;
    let cls = Value::Obj(vm.type_of(&s));
    Ok(vm.new_tuple(vec![cls, args, Value::None, Value::None, it]))
}

fn defdict_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = dd_self(vm, a, "__repr__", true)?.clone();
    // The dict part, with dict's own guard against recursion.
    let base = if repr_enter(&s) {
        let r = crate::objects::repr::repr_builtin(vm, &s);
        repr_leave(&s);
        r?.to_string_lossy()
    } else {
        "{...}".to_string()
    };
    let factory = factory_of(&s);
    let frepr = if factory.is_none() {
        "None".to_string()
    } else if repr_enter(&factory) {
        let r = vm.repr(&factory);
        repr_leave(&factory);
        r?.to_string_lossy()
    } else {
        "...".to_string()
    };
    let name = short_name(vm, &s);
    Ok(vm.new_str(&format!("{name}({frepr}, {base})")))
}

fn defdict_or_impl(vm: &mut Vm, left: Value, right: Value, s: &Value) -> PyResult<Value> {
    let other = if s.is(&left) { &right } else { &left };
    if !matches!(other.payload(), Some(Payload::Dict(_))) {
        return Ok(vm.types.not_implemented.clone());
    }
    let new = new_defdict(vm, s, left.clone())?;
    crate::builtins::dict_fill(vm, &new, Some(&right), &[])?;
    Ok(new)
}

fn defdict_or(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = dd_self(vm, a, "__or__", true)?.clone();
    let Some(other) = a.pos.get(1).cloned() else { return Err(vm.type_error("expected 1 argument, got 0")) };
    defdict_or_impl(vm, s.clone(), other, &s)
}

fn defdict_ror(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = dd_self(vm, a, "__ror__", true)?.clone();
    let Some(other) = a.pos.get(1).cloned() else { return Err(vm.type_error("expected 1 argument, got 0")) };
    defdict_or_impl(vm, other, s.clone(), &s)
}

fn defdict_get_factory(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = dd_self(vm, a, "default_factory", true)?;
    Ok(factory_of(s))
}

fn defdict_set_factory(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = dd_self(vm, a, "default_factory", true)?.clone();
    set_factory(&s, a.pos.get(1).cloned().unwrap_or(Value::None));
    Ok(Value::None)
}

// ---- _count_elements ---------------------------------------------------------

fn count_elements(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional_only(vm, a, "_count_elements", 2, 2)?;
    let (mapping, iterable) = (p[0].clone(), p[1].clone());
    let it = vm.iter(&iterable)?;
    let mcls = vm.type_of(&mapping);
    let dict = vm.types.dict.clone();
    let same = |vm: &Vm, name: &str| match (vm.lookup_mro(&mcls, name), vm.lookup_mro(&dict, name)) {
        (Some(x), Some(y)) => x.is(&y),
        _ => false,
    };
    let fast = matches!(mapping.payload(), Some(Payload::Dict(_))) && same(vm, "get") && same(vm, "__setitem__");
    if fast {
        let Some(Payload::Dict(d)) = mapping.payload() else { return Ok(Value::None) };
        while let Some(key) = vm.next(&it)? {
            let hash = vm.hash(&key)?;
            match crate::objects::dict::get_hashed(vm, d, hash, &key)? {
                None => crate::objects::dict::set_hashed(vm, d, hash, key, Value::Int(1))?,
                Some(old) => {
                    let new = vm.binary_op(&old, &Value::Int(1), crate::code::BinOp::Add)?;
                    crate::objects::dict::set_hashed(vm, d, hash, key, new)?;
                }
            }
        }
    } else {
        let get = vm.getattr(&mapping, &crate::vm::str_key("get"))?;
        while let Some(key) = vm.next(&it)? {
            let old = vm.call(&get, vec![key.clone(), Value::Int(0)])?;
            let new = vm.binary_op(&old, &Value::Int(1), crate::code::BinOp::Add)?;
            vm.setitem(&mapping, key, new)?;
        }
    }
    Ok(Value::None)
}

// ---- _tuplegetter --------------------------------------------------------------

struct TupleGetter {
    index: i64,
    doc: Value,
}

const TG: &str = "_collections._tuplegetter";

fn tuplegetter_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first() else { return Err(vm.type_error("_tuplegetter.__new__(X): X is not a type object")) };
    let cls = cls.clone();
    let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let p = positional_only(vm, &rest, "_tuplegetter", 2, 2)?;
    let index = crate::builtins::index_i64(vm, &p[0])?;
    let doc = p[1].clone();
    Ok(native::new_opaque(vm, &cls, TupleGetter { index, doc }))
}

fn tg_parts(vm: &Vm, a: &Args, m: &str) -> PyResult<(i64, Value)> {
    let s = this_slot::<TupleGetter>(vm, a, TG, m)?;
    let t = native::opaque::<TupleGetter>(s).ok_or_else(|| vm.type_error("expected a _tuplegetter"))?;
    Ok((t.index, t.doc.clone()))
}

fn tuplegetter_get(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (index, _) = tg_parts(vm, a, "__get__")?;
    let s = a.pos[0].clone();
    let obj = a.pos.get(1).cloned().unwrap_or(Value::None);
    let items = match obj.payload() {
        Some(Payload::Tuple(t)) => t,
        _ => {
            if obj.is_none() {
                return Ok(s);
            }
            return Err(vm.type_error(format!("descriptor for index '{index}' for tuple subclasses doesn't apply to '{}' object", vm.type_name(&obj))));
        }
    };
    match usize::try_from(index).ok().and_then(|i| items.get(i)) {
        Some(v) => Ok(v.clone()),
        None => Err(vm.index_error("tuple index out of range")),
    }
}

fn tuplegetter_set(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    tg_parts(vm, a, "__set__")?;
    Err(vm.attribute_error("can't set attribute"))
}

fn tuplegetter_delete(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    tg_parts(vm, a, "__delete__")?;
    Err(vm.attribute_error("can't delete attribute"))
}

fn tuplegetter_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (index, doc) = tg_parts(vm, a, "__repr__")?;
    let name = short_name(vm, &a.pos[0]);
    let d = vm.repr(&doc)?.to_string_lossy();
    Ok(vm.new_str(&format!("{name}({index}, {d})")))
}

fn tuplegetter_reduce(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (index, doc) = tg_parts(vm, a, "__reduce__")?;
    let cls = Value::Obj(vm.type_of(&a.pos[0]));
    let args = vm.new_tuple(vec![Value::Int(index), doc]);
    Ok(vm.new_tuple(vec![cls, args]))
}

fn tuplegetter_get_doc(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(tg_parts(vm, a, "__doc__")?.1)
}

fn tuplegetter_set_doc(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<TupleGetter>(vm, a, TG, "__doc__")?;
    let v = a.pos.get(1).cloned().unwrap_or(Value::None);
    let old = native::opaque_mut::<TupleGetter>(s).map(|mut t| std::mem::replace(&mut t.doc, v));
    drop(old);
    Ok(Value::None)
}
