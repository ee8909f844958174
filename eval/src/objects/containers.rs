//! Methods of list, tuple, dict (with its views), set and frozenset.

use std::cell::RefCell;

use crate::code::CmpOp;
use crate::objects::dict::{self, Dict};
use crate::types::add_method;
use crate::value::{IterState, Payload, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

pub fn install(vm: &mut Vm) {
    let t = &vm.types;
    let l = t.list.clone();
    add_method(&l, "clear", list_clear);
    add_method(&l, "copy", list_copy);
    add_method(&l, "count", seq_count);
    add_method(&l, "index", seq_index);
    add_method(&l, "remove", list_remove);
    add_method(&l, "__iadd__", list_iadd);
    add_method(&l, "__reversed__", seq_reversed);
    let tu = t.tuple.clone();
    add_method(&tu, "count", seq_count);
    add_method(&tu, "index", seq_index);
    let d = t.dict.clone();
    add_method(&d, "pop", dict_pop);
    add_method(&d, "popitem", dict_popitem);
    add_method(&d, "setdefault", dict_setdefault);
    add_method(&d, "update", dict_update);
    add_method(&d, "copy", dict_copy);
    add_method(&d, "clear", dict_clear);
    add_method(&d, "keys", dict_keys);
    add_method(&d, "values", dict_values);
    add_method(&d, "items", dict_items);
    add_method(&d, "__reversed__", dict_reversed);
    add_method(&d, "__or__", dict_or);
    add_method(&d, "__ior__", dict_ior);
    crate::types::add_classmethod(&t.classmethod, &d, "fromkeys", dict_fromkeys);
    for v in [t.dict_keys.clone(), t.dict_values.clone(), t.dict_items.clone()] {
        add_method(&v, "__len__", view_len);
        add_method(&v, "__iter__", view_iter);
        add_method(&v, "__contains__", view_contains);
        add_method(&v, "__reversed__", view_reversed);
    }
    for v in [t.dict_keys.clone(), t.dict_items.clone()] {
        add_method(&v, "isdisjoint", set_isdisjoint);
    }
    let s = t.set.clone();
    add_method(&s, "remove", set_remove);
    add_method(&s, "discard", set_discard);
    add_method(&s, "pop", set_pop);
    add_method(&s, "clear", set_clear);
    add_method(&s, "update", set_update);
    add_method(&s, "intersection_update", set_intersection_update);
    add_method(&s, "difference_update", set_difference_update);
    add_method(&s, "symmetric_difference_update", set_symmetric_difference_update);
    for c in [t.set.clone(), t.frozenset.clone()] {
        add_method(&c, "copy", set_copy);
        add_method(&c, "union", set_union);
        add_method(&c, "intersection", set_intersection);
        add_method(&c, "difference", set_difference);
        add_method(&c, "symmetric_difference", set_symmetric_difference);
        add_method(&c, "issubset", set_issubset);
        add_method(&c, "issuperset", set_issuperset);
        add_method(&c, "isdisjoint", set_isdisjoint);
    }
}

fn this(a: &Args) -> &Value {
    &a.pos[0]
}

fn arg<'a>(vm: &Vm, a: &'a Args, i: usize, what: &str) -> PyResult<&'a Value> {
    a.pos.get(i).ok_or_else(|| {
        // CPython names the type for the methods of list and tuple.
        let owner = a.pos.first().map(|v| vm.type_name(v)).unwrap_or_default();
        let qualified = if matches!(owner.as_str(), "list" | "tuple") && !what.starts_with("__") { format!("{owner}.{what}") } else { what.to_string() };
        vm.type_error(format!("{qualified} takes exactly one argument (0 given)"))
    })
}

// ---- list and tuple ---------------------------------------------------------

fn list_clear(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_args(vm, a, "list.clear")?;
    if let Some(Payload::List(l)) = this(a).payload() {
        let old = std::mem::take(&mut *l.borrow_mut());
        drop(old);
    }
    Ok(Value::None)
}

fn list_copy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_args(vm, a, "list.copy")?;
    match this(a).payload() {
        Some(Payload::List(l)) => {
            let items = l.borrow().clone();
            Ok(vm.new_list(items))
        }
        _ => Err(vm.type_error("descriptor 'copy' requires a 'list' object")),
    }
}

fn items_of(v: &Value) -> Vec<Value> {
    match v.payload() {
        Some(Payload::List(l)) => l.borrow().clone(),
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => Vec::new(),
    }
}

fn seq_count(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = arg(vm, a, 1, "count()")?.clone();
    let mut n = 0;
    for item in items_of(this(a)) {
        if item.is(&x) || vm.eq(&item, &x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn clamp_index(vm: &mut Vm, v: Option<&Value>, len: usize, default: usize) -> PyResult<usize> {
    match v {
        None | Some(Value::None) => Ok(default),
        Some(v) => {
            // Clipped like CPython's `_PyEval_SliceIndex`: any int works.
            let i = crate::builtins::index_clamped(vm, v)?;
            let len = len as i64;
            Ok(if i < 0 { i.saturating_add(len).max(0) } else { i.min(len) } as usize)
        }
    }
}

fn seq_index(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = arg(vm, a, 1, "index()")?.clone();
    let items = items_of(this(a));
    let start = clamp_index(vm, a.pos.get(2), items.len(), 0)?;
    let stop = clamp_index(vm, a.pos.get(3), items.len(), items.len())?;
    for i in start..stop.min(items.len()) {
        if items[i].is(&x) || vm.eq(&items[i], &x)? {
            return Ok(Value::Int(i as i64));
        }
    }
    match this(a).payload() {
        Some(Payload::Tuple(_)) => Err(vm.value_error("tuple.index(x): x not in tuple")),
        _ => {
            let r = vm.repr(&x)?.to_string_lossy();
            Err(vm.value_error(format!("{r} is not in list")))
        }
    }
}

fn list_remove(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = arg(vm, a, 1, "remove()")?.clone();
    let Some(Payload::List(l)) = this(a).payload() else { return Ok(Value::None) };
    let mut i = 0;
    loop {
        let item = match l.borrow().get(i) {
            Some(v) => v.clone(),
            None => break,
        };
        if item.is(&x) || vm.eq(&item, &x)? {
            if i < l.borrow().len() {
                let removed = l.borrow_mut().remove(i);
                drop(removed);
            }
            return Ok(Value::None);
        }
        i += 1;
    }
    Err(vm.value_error("list.remove(x): x not in list"))
}

fn list_iadd(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let other = arg(vm, a, 1, "__iadd__")?.clone();
    let items = vm.to_vec(&other)?;
    if let Some(Payload::List(l)) = this(a).payload() {
        l.borrow_mut().extend(items);
    }
    Ok(this(a).clone())
}

fn seq_reversed(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let n = items_of(this(a)).len();
    Ok(vm.new_iter(IterState::Reversed { seq: this(a).clone(), index: n as isize - 1 }))
}

// ---- dict -------------------------------------------------------------------

fn dict_cell(v: &Value) -> Option<&RefCell<Dict>> {
    match v.payload() {
        Some(Payload::Dict(d)) => Some(d),
        _ => None,
    }
}

fn dict_pop(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let key = arg(vm, a, 1, "pop()")?.clone();
    let Some(d) = dict_cell(this(a)) else { return Err(vm.type_error("pop requires a dict")) };
    match dict::remove(vm, d, &key)? {
        Some(v) => Ok(v),
        None => match a.pos.get(2) {
            Some(default) => Ok(default.clone()),
            None => Err(vm.key_error(key)),
        },
    }
}

fn dict_popitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_args(vm, a, "dict.popitem")?;
    let Some(d) = dict_cell(this(a)) else { return Err(vm.type_error("popitem requires a dict")) };
    let e = d.borrow_mut().pop_last();
    match e {
        Some(e) => Ok(vm.new_tuple(vec![e.key, e.value])),
        None => Err(vm.err(&vm.types.exc.key_error.clone(), "popitem(): dictionary is empty")),
    }
}

fn dict_setdefault(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let key = arg(vm, a, 1, "setdefault()")?.clone();
    let default = a.pos.get(2).cloned().unwrap_or(Value::None);
    let Some(d) = dict_cell(this(a)) else { return Err(vm.type_error("setdefault requires a dict")) };
    if let Some(v) = dict::get(vm, d, &key)? {
        return Ok(v);
    }
    dict::set(vm, d, key, default.clone())?;
    Ok(default)
}

fn dict_update(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() > 2 {
        return Err(vm.type_error(format!("update expected at most 1 argument, got {}", a.pos.len() - 1)));
    }
    crate::builtins::dict_fill(vm, this(a), a.pos.get(1), &a.kw)?;
    Ok(Value::None)
}

fn dict_copy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_args(vm, a, "dict.copy")?;
    let Some(d) = dict_cell(this(a)) else { return Err(vm.type_error("copy requires a dict")) };
    let c = d.borrow().clone();
    Ok(vm.new_dict(c))
}

fn dict_clear(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_args(vm, a, "dict.clear")?;
    if let Some(d) = dict_cell(this(a)) {
        let old = std::mem::take(&mut *d.borrow_mut());
        drop(old);
    }
    Ok(Value::None)
}

fn view(vm: &mut Vm, a: &Args, kind: u8) -> PyResult<Value> {
    if dict_cell(this(a)).is_none() {
        return Err(vm.type_error("descriptor requires a 'dict' object"));
    }
    let cls = match kind {
        0 => vm.types.dict_keys.clone(),
        1 => vm.types.dict_values.clone(),
        _ => vm.types.dict_items.clone(),
    };
    Ok(vm.new_object(&cls, Payload::DictView { dict: this(a).clone(), kind }, false))
}

fn dict_keys(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_args(vm, a, "dict.keys")?;
    view(vm, a, 0)
}
fn dict_values(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_args(vm, a, "dict.values")?;
    view(vm, a, 1)
}
fn dict_items(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_args(vm, a, "dict.items")?;
    view(vm, a, 2)
}

fn dict_reversed(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let keys: Vec<Value> = dict_cell(this(a)).map(|d| d.borrow().keys()).unwrap_or_default().into_iter().rev().collect();
    let l = vm.new_list(keys);
    Ok(vm.new_iter(IterState::Seq { seq: l, index: 0 }))
}

fn dict_or(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let other = arg(vm, a, 1, "__or__")?.clone();
    if dict_cell(&other).is_none() {
        return Ok(vm.types.not_implemented.clone());
    }
    let c = dict_cell(this(a)).map(|d| d.borrow().clone()).unwrap_or_default();
    let out = vm.new_dict(c);
    crate::vm::ops::dict_update(vm, &out, &other, false)?;
    Ok(out)
}

fn dict_ior(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let other = arg(vm, a, 1, "__ior__")?.clone();
    crate::builtins::dict_fill(vm, this(a), Some(&other), &[])?;
    Ok(this(a).clone())
}

fn dict_fromkeys(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (Some(cls), Some(src)) = (a.pos.first(), a.pos.get(1)) else {
        return Err(vm.type_error("fromkeys expected at least 1 argument, got 0"));
    };
    let value = a.pos.get(2).cloned().unwrap_or(Value::None);
    let out = vm.call(cls, vec![])?;
    let keys = vm.to_vec(src)?;
    for k in keys {
        vm.setitem(&out, k, value.clone())?;
    }
    Ok(out)
}

/// The items a dict view yields now.
pub fn view_items(vm: &mut Vm, v: &Value) -> Vec<Value> {
    let Some(Payload::DictView { dict, kind }) = v.payload() else { return Vec::new() };
    let Some(d) = dict_cell(dict) else { return Vec::new() };
    let b = d.borrow();
    match kind {
        0 => b.keys(),
        1 => b.values(),
        _ => {
            let items = b.items();
            drop(b);
            items.into_iter().map(|(k, v)| vm.new_tuple(vec![k, v])).collect()
        }
    }
}

fn view_len(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let _ = vm;
    let n = match this(a).payload() {
        Some(Payload::DictView { dict, .. }) => dict_cell(dict).map(|d| d.borrow().len()).unwrap_or(0),
        _ => 0,
    };
    Ok(Value::Int(n as i64))
}

fn view_iter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Payload::DictView { dict, kind }) = this(a).payload() else {
        return Err(vm.type_error("not a dict view"));
    };
    let d = dict_cell(dict).map(|d| (d.borrow().len(), d.borrow().version)).unwrap_or((0, 0));
    let dict = dict.clone();
    Ok(vm.new_iter(match kind {
        0 => IterState::DictKeys { dict, index: 0, len_at_start: d.0, version: d.1 },
        1 => IterState::DictValues { dict, index: 0, len_at_start: d.0 },
        _ => IterState::DictItems { dict, index: 0, len_at_start: d.0 },
    }))
}

fn view_reversed(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let items: Vec<Value> = view_items(vm, this(a)).into_iter().rev().collect();
    let l = vm.new_list(items);
    Ok(vm.new_iter(IterState::Seq { seq: l, index: 0 }))
}

fn view_contains(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = arg(vm, a, 1, "__contains__")?.clone();
    let Some(Payload::DictView { dict, kind }) = this(a).payload() else { return Ok(Value::Bool(false)) };
    let Some(d) = dict_cell(dict) else { return Ok(Value::Bool(false)) };
    match kind {
        0 => dict::contains(vm, d, &x).map(Value::Bool),
        1 => {
            for v in d.borrow().values() {
                if v.is(&x) || vm.eq(&v, &x)? {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }
        _ => {
            let Some(Payload::Tuple(kv)) = x.payload() else { return Ok(Value::Bool(false)) };
            if kv.len() != 2 {
                return Ok(Value::Bool(false));
            }
            match dict::get(vm, d, &kv[0])? {
                Some(v) => Ok(Value::Bool(v.is(&kv[1]) || vm.eq(&v, &kv[1])?)),
                None => Ok(Value::Bool(false)),
            }
        }
    }
}

// ---- set and frozenset ------------------------------------------------------

fn set_cell(v: &Value) -> Option<&RefCell<Dict>> {
    match v.payload() {
        Some(Payload::Set(d)) => Some(d),
        _ => None,
    }
}

/// The elements of a set, frozenset or any iterable, as a set dict.
fn as_set(vm: &mut Vm, v: &Value) -> PyResult<Dict> {
    match v.payload() {
        Some(Payload::Set(d)) => Ok(d.borrow().clone()),
        Some(Payload::FrozenSet(d)) => Ok(d.clone()),
        _ => {
            let items = vm.to_vec(v)?;
            let cell = RefCell::new(Dict::new());
            for x in items {
                dict::set(vm, &cell, x, Value::None)?;
            }
            Ok(cell.into_inner())
        }
    }
}

/// A new set or frozenset of the same kind as `like`.
fn same_kind(vm: &mut Vm, like: &Value, d: Dict) -> Value {
    vm.new_set(d, matches!(like.payload(), Some(Payload::FrozenSet(_))))
}

fn set_remove(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = arg(vm, a, 1, "remove()")?.clone();
    let Some(s) = set_cell(this(a)) else { return Err(vm.type_error("remove requires a set")) };
    match dict::remove(vm, s, &x)? {
        Some(_) => Ok(Value::None),
        None => Err(vm.key_error(x)),
    }
}

fn set_discard(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = arg(vm, a, 1, "discard()")?.clone();
    if let Some(s) = set_cell(this(a)) {
        dict::remove(vm, s, &x)?;
    }
    Ok(Value::None)
}

fn set_pop(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_args(vm, a, "set.pop")?;
    let Some(s) = set_cell(this(a)) else { return Err(vm.type_error("pop requires a set")) };
    let first = s.borrow().first().map(|e| e.key.clone());
    match first {
        Some(k) => {
            dict::remove(vm, s, &k)?;
            Ok(k)
        }
        None => Err(vm.err(&vm.types.exc.key_error.clone(), "pop from an empty set")),
    }
}

fn set_clear(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_args(vm, a, "set.clear")?;
    if let Some(s) = set_cell(this(a)) {
        let old = std::mem::take(&mut *s.borrow_mut());
        drop(old);
    }
    Ok(Value::None)
}

fn set_update(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    for other in &a.pos[1..] {
        let items = vm.to_vec(other)?;
        if let Some(s) = set_cell(this(a)) {
            for x in items {
                dict::set(vm, s, x, Value::None)?;
            }
        }
    }
    Ok(Value::None)
}

fn set_copy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if let (Some(Payload::FrozenSet(_)), Some(o)) = (this(a).payload(), this(a).obj()) {
        if crate::vm::is_exact_builtin(o) {
            return Ok(this(a).clone());
        }
    }
    let d = as_set(vm, this(a))?;
    Ok(same_kind(vm, this(a), d))
}

fn union_of(vm: &mut Vm, a: &Args) -> PyResult<Dict> {
    let cell = RefCell::new(as_set(vm, this(a))?);
    for other in &a.pos[1..] {
        for x in vm.to_vec(other)? {
            dict::set(vm, &cell, x, Value::None)?;
        }
    }
    Ok(cell.into_inner())
}

fn intersection_of(vm: &mut Vm, a: &Args) -> PyResult<Dict> {
    let mut cur = as_set(vm, this(a))?;
    for other in &a.pos[1..] {
        let o = RefCell::new(as_set(vm, other)?);
        let out = RefCell::new(Dict::new());
        for k in cur.set_keys() {
            if dict::contains(vm, &o, &k)? {
                dict::set(vm, &out, k, Value::None)?;
            }
        }
        cur = out.into_inner();
    }
    Ok(cur)
}

fn difference_of(vm: &mut Vm, a: &Args) -> PyResult<Dict> {
    let mut cur = as_set(vm, this(a))?;
    for other in &a.pos[1..] {
        let o = RefCell::new(as_set(vm, other)?);
        let out = RefCell::new(Dict::new());
        for k in cur.set_keys() {
            if !dict::contains(vm, &o, &k)? {
                dict::set(vm, &out, k, Value::None)?;
            }
        }
        cur = out.into_inner();
    }
    Ok(cur)
}

fn symmetric_of(vm: &mut Vm, a: &Args) -> PyResult<Dict> {
    let other = arg(vm, a, 1, "symmetric_difference()")?.clone();
    let mine = RefCell::new(as_set(vm, this(a))?);
    let theirs = RefCell::new(as_set(vm, &other)?);
    let out = RefCell::new(Dict::new());
    for k in mine.borrow().set_keys() {
        if !dict::contains(vm, &theirs, &k)? {
            dict::set(vm, &out, k, Value::None)?;
        }
    }
    for k in theirs.borrow().set_keys() {
        if !dict::contains(vm, &mine, &k)? {
            dict::set(vm, &out, k, Value::None)?;
        }
    }
    Ok(out.into_inner())
}

fn set_union(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let d = union_of(vm, a)?;
    Ok(same_kind(vm, this(a), d))
}

fn set_intersection(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let d = intersection_of(vm, a)?;
    Ok(same_kind(vm, this(a), d))
}

fn set_difference(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let d = difference_of(vm, a)?;
    Ok(same_kind(vm, this(a), d))
}

fn set_symmetric_difference(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let d = symmetric_of(vm, a)?;
    Ok(same_kind(vm, this(a), d))
}

fn replace_contents(vm: &mut Vm, target: &Value, d: Dict) -> PyResult<Value> {
    if let Some(s) = set_cell(target) {
        *s.borrow_mut() = d;
        let _ = vm;
    }
    Ok(Value::None)
}

fn set_intersection_update(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let d = intersection_of(vm, a)?;
    replace_contents(vm, this(a), d)
}

fn set_difference_update(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let d = difference_of(vm, a)?;
    replace_contents(vm, this(a), d)
}

fn set_symmetric_difference_update(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let d = symmetric_of(vm, a)?;
    replace_contents(vm, this(a), d)
}

fn subset(vm: &mut Vm, small: &Value, big: &Value) -> PyResult<bool> {
    let s = as_set(vm, small)?;
    let b = RefCell::new(as_set(vm, big)?);
    for k in s.set_keys() {
        if !dict::contains(vm, &b, &k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn set_issubset(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let other = arg(vm, a, 1, "issubset()")?.clone();
    subset(vm, this(a), &other).map(Value::Bool)
}

fn set_issuperset(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let other = arg(vm, a, 1, "issuperset()")?.clone();
    subset(vm, &other, this(a)).map(Value::Bool)
}

fn set_isdisjoint(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let other = arg(vm, a, 1, "isdisjoint()")?.clone();
    let mine = match this(a).payload() {
        Some(Payload::DictView { .. }) => {
            let items = view_items(vm, this(a));
            let l = vm.new_list(items);
            as_set(vm, &l)?
        }
        _ => as_set(vm, this(a))?,
    };
    let mine = RefCell::new(mine);
    for x in vm.to_vec(&other)? {
        if dict::contains(vm, &mine, &x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

/// Set operators on dict views (`d.keys() & other` …): a new set.
pub fn view_binop(vm: &mut Vm, a: &Value, b: &Value, op: crate::code::BinOp) -> PyResult<Option<Value>> {
    let to_set = |vm: &mut Vm, v: &Value| -> PyResult<Value> {
        let items = match v.payload() {
            Some(Payload::DictView { .. }) => view_items(vm, v),
            _ => vm.to_vec(v)?,
        };
        let cell = RefCell::new(Dict::new());
        for x in items {
            dict::set(vm, &cell, x, Value::None)?;
        }
        Ok(vm.new_set(cell.into_inner(), false))
    };
    let x = to_set(vm, a)?;
    let y = to_set(vm, b)?;
    crate::objects::methods::set_binop(vm, &x, &y, op)
}

/// `==` between a keys/items view and a set or another view.
pub fn view_compare(vm: &mut Vm, a: &Value, b: &Value, op: CmpOp) -> PyResult<Option<bool>> {
    let items_a = view_items(vm, a);
    let la = vm.new_list(items_a);
    let sa = as_set(vm, &la)?;
    let sa = vm.new_set(sa, false);
    let sb = match b.payload() {
        Some(Payload::DictView { .. }) => {
            let items = view_items(vm, b);
            let l = vm.new_list(items);
            let d = as_set(vm, &l)?;
            vm.new_set(d, false)
        }
        Some(Payload::Set(_) | Payload::FrozenSet(_)) => b.clone(),
        _ => return Ok(None),
    };
    crate::objects::methods::set_compare(vm, &sa, &sb, op).map(Some)
}

/// The check of CPython's `METH_NOARGS` methods.
pub fn no_args(vm: &Vm, a: &Args, name: &str) -> PyResult<()> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    if a.pos.len() > 1 {
        return Err(vm.type_error(format!("{name}() takes no arguments ({} given)", a.pos.len() - 1)));
    }
    Ok(())
}
