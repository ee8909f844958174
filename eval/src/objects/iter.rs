//! Built-in iterators.

use std::cell::RefCell;

use num_traits::Signed;

use crate::value::{IterState, Payload, Value};
use crate::vm::Vm;
use crate::PyResult;

pub fn next(vm: &mut Vm, it: &Value, st: &RefCell<IterState>) -> PyResult<Option<Value>> {
    let mut s = st.borrow_mut();
    match &mut *s {
        IterState::Range { next, stop, step, .. } => {
            if (*step > 0 && *next < *stop) || (*step < 0 && *next > *stop) {
                let v = *next;
                *next = next.saturating_add(*step);
                if v == i64::MAX || v == i64::MIN {
                    *s = IterState::Exhausted;
                }
                return Ok(Some(Value::Int(v)));
            }
            Ok(None)
        }
        IterState::BigRange { next, stop, step, .. } => {
            if (step.is_positive() && *next < *stop) || (step.is_negative() && *next > *stop) {
                let v = next.clone();
                *next += &*step;
                return Ok(Some(crate::vm::ops::int_from_big(v)));
            }
            Ok(None)
        }
        // An exhausted sequence iterator lets go of its sequence (`seq`
        // becomes None), as CPython's do: it stays exhausted even if the
        // sequence grows, and the sequence can be freed.
        IterState::Seq { seq: seq_slot, index } => {
            let seq = seq_slot.clone();
            let i = *index;
            match seq.payload() {
                _ if seq.is_none() => Ok(None),
                Some(Payload::List(l)) => {
                    let l = l.borrow();
                    if i < l.len() {
                        *index += 1;
                        return Ok(Some(l[i].clone()));
                    }
                    drop(l);
                    *seq_slot = Value::None;
                    Ok(None)
                }
                Some(Payload::Tuple(t)) => {
                    if i < t.len() {
                        *index += 1;
                        return Ok(Some(t[i].clone()));
                    }
                    *seq_slot = Value::None;
                    Ok(None)
                }
                _ => {
                    *index += 1;
                    drop(s);
                    match vm.getitem(&seq, &Value::Int(i as i64)) {
                        Ok(v) => Ok(Some(v)),
                        Err(e) if vm.isinstance(&e.0, &vm.types.exc.index_error.clone())
                            || vm.isinstance(&e.0, &vm.types.exc.stop_iteration.clone()) =>
                        {
                            if let IterState::Seq { seq, .. } = &mut *st.borrow_mut() {
                                *seq = Value::None;
                            }
                            Ok(None)
                        }
                        Err(e) => Err(e),
                    }
                }
            }
        }
        IterState::Str { s: text, index } => {
            let Some(t) = text.as_str() else { return Ok(None) };
            if *index < t.len() {
                let c = t.at(*index);
                *index += 1;
                let cs = crate::objects::str::PyStr::from_code_points(vec![c]);
                return Ok(Some(vm.new_pystr(cs)));
            }
            *text = Value::None;
            Ok(None)
        }
        IterState::DictKeys { dict, index, len_at_start, .. }
        | IterState::DictValues { dict, index, len_at_start }
        | IterState::DictItems { dict, index, len_at_start } => {
            let d = dict.clone();
            let (cell_len, entry) = match d.payload() {
                Some(Payload::Dict(c) | Payload::Set(c)) => {
                    let b = c.borrow();
                    (b.len(), b.entry_from(index).map(|e| (e.key.clone(), e.value.clone())))
                }
                Some(Payload::FrozenSet(c)) => (c.len(), c.entry_from(index).map(|e| (e.key.clone(), e.value.clone()))),
                _ => (0, None),
            };
            if cell_len != *len_at_start {
                let what = if matches!(d.payload(), Some(Payload::Dict(_))) { "dictionary" } else { "Set" };
                *len_at_start = usize::MAX;
                return Err(vm.err(&vm.types.exc.runtime_error, format!("{what} changed size during iteration")));
            }
            let kind = match &*s {
                IterState::DictKeys { .. } => 0,
                IterState::DictValues { .. } => 1,
                _ => 2,
            };
            drop(s);
            Ok(entry.map(|(k, v)| match kind {
                0 => k,
                1 => v,
                _ => vm.new_tuple(vec![k, v]),
            }))
        }
        IterState::SetKeys { set, keys, index, len_at_start } => {
            let now = match set.payload() {
                Some(Payload::Set(d)) => d.borrow().len(),
                Some(Payload::FrozenSet(d)) => d.len(),
                _ => *len_at_start,
            };
            if now != *len_at_start {
                *len_at_start = usize::MAX;
                drop(s);
                return Err(vm.err(&vm.types.exc.runtime_error.clone(), "Set changed size during iteration"));
            }
            if *index < keys.len() {
                *index += 1;
                return Ok(Some(keys[*index - 1].clone()));
            }
            Ok(None)
        }
        IterState::Callable { func, sentinel, done } => {
            if *done {
                return Ok(None);
            }
            let (f, sen) = (func.clone(), sentinel.clone());
            drop(s);
            let v = match vm.call(&f, vec![]) {
                Ok(v) => v,
                Err(e) if vm.isinstance(&e.0, &vm.types.exc.stop_iteration.clone()) => {
                    if let IterState::Callable { done, .. } = &mut *st.borrow_mut() {
                        *done = true;
                    }
                    return Ok(None);
                }
                Err(e) => return Err(e),
            };
            if vm.eq(&v, &sen)? {
                if let IterState::Callable { done, .. } = &mut *st.borrow_mut() {
                    *done = true;
                }
                return Ok(None);
            }
            Ok(Some(v))
        }
        IterState::Enumerate { iter, count } => {
            let inner = iter.clone();
            let c = count.clone();
            *count += 1u32;
            drop(s);
            match vm.next(&inner)? {
                Some(v) => Ok(Some(vm.new_tuple(vec![crate::vm::ops::int_from_big(c), v]))),
                None => Ok(None),
            }
        }
        IterState::Zip { iters, strict } => {
            let iters = iters.clone();
            let strict = *strict;
            drop(s);
            if iters.is_empty() {
                return Ok(None);
            }
            let mut out = Vec::with_capacity(iters.len());
            for (i, x) in iters.iter().enumerate() {
                match vm.next(x)? {
                    Some(v) => out.push(v),
                    None => {
                        if strict && (i > 0 || iters[1..].iter().any(|_| false)) {
                            let range = if i > 1 { format!("s 1-{i}") } else { " 1".to_string() };
                            return Err(vm.value_error(format!("zip() argument {} is shorter than argument{range}", i + 1)));
                        }
                        if strict && i == 0 {
                            for (j, y) in iters.iter().enumerate().skip(1) {
                                if vm.next(y)?.is_some() {
                                    let range = if j > 1 { format!("s 1-{j}") } else { " 1".to_string() };
                                    return Err(vm.value_error(format!("zip() argument {} is longer than argument{range}", j + 1)));
                                }
                            }
                        }
                        return Ok(None);
                    }
                }
            }
            Ok(Some(vm.new_tuple(out)))
        }
        IterState::Map { func, iters } => {
            let (f, iters) = (func.clone(), iters.clone());
            drop(s);
            let mut args = Vec::with_capacity(iters.len());
            for x in &iters {
                match vm.next(x)? {
                    Some(v) => args.push(v),
                    None => return Ok(None),
                }
            }
            vm.call(&f, args).map(Some)
        }
        IterState::Filter { func, iter } => {
            let (f, inner) = (func.clone(), iter.clone());
            drop(s);
            while let Some(v) = vm.next(&inner)? {
                let keep = if f.is_none() {
                    vm.truthy(&v)?
                } else {
                    let r = vm.call(&f, vec![v.clone()])?;
                    vm.truthy(&r)?
                };
                if keep {
                    return Ok(Some(v));
                }
            }
            Ok(None)
        }
        IterState::Reversed { seq, index } => {
            if *index < 0 || seq.is_none() {
                *seq = Value::None;
                return Ok(None);
            }
            let (seq, i) = (seq.clone(), *index);
            *index -= 1;
            drop(s);
            match vm.getitem(&seq, &Value::Int(i as i64)) {
                Ok(v) => Ok(Some(v)),
                Err(e) if vm.isinstance(&e.0, &vm.types.exc.index_error.clone())
                    || vm.isinstance(&e.0, &vm.types.exc.stop_iteration.clone()) =>
                {
                    if let IterState::Reversed { seq, index } = &mut *st.borrow_mut() {
                        *seq = Value::None;
                        *index = -1;
                    }
                    Ok(None)
                }
                Err(e) => Err(e),
            }
        }
        IterState::Exhausted => {
            let _ = it;
            Ok(None)
        }
    }
}

/// What `__length_hint__` of a built-in iterator returns in CPython (the
/// items left), for `operator.length_hint`; `None` for the iterators that
/// have none (`map`, `zip`, `enumerate`, ...).
pub fn length_hint(it: &Value) -> Option<i64> {
    let Some(Payload::Iter(st)) = it.payload() else { return None };
    let s = st.try_borrow().ok()?;
    let left = |len: usize, index: usize| Some(len.saturating_sub(index) as i64);
    match &*s {
        IterState::Seq { seq, .. } if seq.is_none() => Some(0),
        IterState::Seq { seq, index } => match seq.payload() {
            Some(Payload::List(l)) => left(l.borrow().len(), *index),
            Some(Payload::Tuple(t)) => left(t.len(), *index),
            Some(Payload::Bytes(b)) => left(b.len(), *index),
            Some(Payload::ByteArray(b)) => left(b.borrow().len(), *index),
            _ => None,
        },
        IterState::Range { next, stop, step, .. } => {
            let (n, e, st) = (*next as i128, *stop as i128, *step as i128);
            let r = if st > 0 && n < e {
                (e - n + st - 1) / st
            } else if st < 0 && n > e {
                (n - e + (-st) - 1) / (-st)
            } else {
                0
            };
            Some(r.min(i64::MAX as i128) as i64)
        }
        IterState::BigRange { next, stop, step, .. } => {
            let n = crate::objects::methods::range_len(next, stop, step);
            Some(num_traits::ToPrimitive::to_i64(&n).unwrap_or(i64::MAX))
        }
        IterState::Str { s: text, index } => left(text.as_str().map(|t| t.len()).unwrap_or(0), *index),
        IterState::DictKeys { dict, index, len_at_start, .. }
        | IterState::DictValues { dict, index, len_at_start }
        | IterState::DictItems { dict, index, len_at_start } => {
            let _ = index;
            let now = match dict.payload() {
                Some(Payload::Dict(c) | Payload::Set(c)) => c.borrow().len(),
                Some(Payload::FrozenSet(c)) => c.len(),
                _ => 0,
            };
            if now != *len_at_start {
                return Some(0);
            }
            // The entries already produced: count the live ones before `index`.
            let produced = match dict.payload() {
                Some(Payload::Dict(c) | Payload::Set(c)) => c.borrow().count_before(*index),
                Some(Payload::FrozenSet(c)) => c.count_before(*index),
                _ => 0,
            };
            Some(now.saturating_sub(produced) as i64)
        }
        IterState::SetKeys { keys, index, .. } => left(keys.len(), *index),
        IterState::Reversed { seq, index } => {
            if *index < 0 || seq.is_none() {
                return Some(0);
            }
            let len = match seq.payload() {
                Some(Payload::List(l)) => l.borrow().len() as isize,
                Some(Payload::Tuple(t)) => t.len() as isize,
                _ => *index + 1,
            };
            Some(if *index < len { *index as i64 + 1 } else { 0 })
        }
        IterState::Exhausted => Some(0),
        _ => None,
    }
}

// ---- __length_hint__, __reduce__, __setstate__ --------------------------

/// The methods CPython's built-in iterators have for `operator.length_hint`,
/// `pickle` and `copy`.
pub fn install(vm: &mut Vm) {
    let it = &vm.types.iters;
    let generic = vm.types.iterator.clone();
    let hinted = [
        it.list_iterator.clone(),
        it.list_reverseiterator.clone(),
        it.tuple_iterator.clone(),
        it.str_ascii_iterator.clone(),
        it.str_iterator.clone(),
        it.dict_keyiterator.clone(),
        it.dict_valueiterator.clone(),
        it.dict_itemiterator.clone(),
        it.set_iterator.clone(),
        it.range_iterator.clone(),
        it.longrange_iterator.clone(),
        it.reversed.clone(),
        generic.clone(),
    ];
    let stateful = [
        it.list_iterator.clone(),
        it.list_reverseiterator.clone(),
        it.tuple_iterator.clone(),
        it.str_ascii_iterator.clone(),
        it.str_iterator.clone(),
        it.range_iterator.clone(),
        it.longrange_iterator.clone(),
        it.reversed.clone(),
        it.zip.clone(),
        generic.clone(),
    ];
    let mut all = it.all();
    all.push(generic);
    for c in &hinted {
        crate::types::add_method(c, "__length_hint__", length_hint_method);
    }
    for c in &all {
        crate::types::add_method(c, "__reduce__", reduce_method);
    }
    for c in &stateful {
        crate::types::add_method(c, "__setstate__", setstate_method);
    }
}

fn state_of<'a>(vm: &Vm, a: &'a crate::vm::Args, name: &str) -> PyResult<(&'a Value, &'a RefCell<IterState>)> {
    match a.pos.first() {
        Some(v) => match v.payload() {
            Some(Payload::Iter(st)) => Ok((v, st)),
            _ => Err(vm.type_error(format!("descriptor '{name}' requires an iterator object but received '{}'", vm.type_name(v)))),
        },
        None => Err(vm.type_error(format!("descriptor '{name}' needs an argument"))),
    }
}

fn length_hint_method(vm: &mut Vm, a: &crate::vm::Args) -> PyResult<Value> {
    let (v, st) = state_of(vm, a, "__length_hint__")?;
    // The generic sequence iterator: the sequence's length, if it has one.
    let generic = match &*st.borrow() {
        IterState::Seq { seq, index } if !seq.is_none() && !matches!(seq.payload(), Some(Payload::List(_) | Payload::Tuple(_) | Payload::Bytes(_) | Payload::ByteArray(_))) => {
            Some((seq.clone(), *index))
        }
        _ => None,
    };
    if let Some((seq, index)) = generic {
        let cls = vm.type_of(&seq);
        if vm.lookup_mro(&cls, "__len__").is_none() {
            return Ok(vm.types.not_implemented.clone());
        }
        let n = vm.len(&seq)?;
        return Ok(Value::Int(n.saturating_sub(index) as i64));
    }
    if let IterState::Reversed { seq, index } = &*st.borrow() {
        if !seq.is_none() && *index >= 0 && !matches!(seq.payload(), Some(Payload::List(_) | Payload::Tuple(_))) {
            let (seq, index) = (seq.clone(), *index);
            let n = vm.len(&seq)? as isize;
            return Ok(Value::Int(if n < index + 1 { 0 } else { index as i64 + 1 }));
        }
    }
    Ok(Value::Int(length_hint(v).unwrap_or(0)))
}

fn builtin(vm: &mut Vm, name: &str) -> Value {
    vm.builtins_get(name).unwrap_or(Value::None)
}

/// The items an iterator has left, without consuming it (dict and set
/// iterators pickle as the list of what remains, as CPython's do).
fn remaining(vm: &mut Vm, st: &RefCell<IterState>) -> Vec<Value> {
    let s = st.borrow();
    match &*s {
        IterState::DictKeys { dict, index, len_at_start, .. }
        | IterState::DictValues { dict, index, len_at_start }
        | IterState::DictItems { dict, index, len_at_start } => {
            let kind = match &*s {
                IterState::DictKeys { .. } => 0,
                IterState::DictValues { .. } => 1,
                _ => 2,
            };
            let mut pos = *index;
            let mut out = Vec::new();
            let mut take = |k: &Value, v: &Value, out: &mut Vec<Value>| {
                out.push(match kind {
                    0 => k.clone(),
                    1 => v.clone(),
                    _ => vm.new_tuple(vec![k.clone(), v.clone()]),
                })
            };
            match dict.payload() {
                Some(Payload::Dict(c) | Payload::Set(c)) => {
                    let b = c.borrow();
                    if b.len() == *len_at_start {
                        while let Some(e) = b.entry_from(&mut pos) {
                            take(&e.key, &e.value, &mut out);
                        }
                    }
                }
                Some(Payload::FrozenSet(c)) => {
                    while let Some(e) = c.entry_from(&mut pos) {
                        take(&e.key, &e.value, &mut out);
                    }
                }
                _ => {}
            }
            out
        }
        IterState::SetKeys { keys, index, .. } => keys.get(*index..).map(|k| k.to_vec()).unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn reduce_method(vm: &mut Vm, a: &crate::vm::Args) -> PyResult<Value> {
    use crate::vm::ops::int_from_big;
    use num_bigint::BigInt;
    let (v, st) = state_of(vm, a, "__reduce__")?;
    let v = v.clone();
    let iter = builtin(vm, "iter");
    let is_list_iter = std::rc::Rc::ptr_eq(&vm.type_of(&v), &vm.types.iters.list_iterator);
    enum Plan {
        Indexed(Value, Value, Value), // callable, object, state
        Args(Value, Vec<Value>),
        Remaining,
    }
    let plan = {
        let s = st.borrow();
        match &*s {
            IterState::Seq { seq, index } => {
                if seq.is_none() {
                    let empty = if is_list_iter { vm.new_list(vec![]) } else { vm.new_tuple(vec![]) };
                    Plan::Args(iter.clone(), vec![empty])
                } else {
                    Plan::Indexed(iter.clone(), seq.clone(), Value::Int(*index as i64))
                }
            }
            IterState::Str { s: text, index } => {
                if text.is_none() {
                    Plan::Args(iter.clone(), vec![vm.new_str("")])
                } else {
                    Plan::Indexed(iter.clone(), text.clone(), Value::Int(*index as i64))
                }
            }
            IterState::Range { start, next, stop, step } => {
                let (a0, n, e, t) = (BigInt::from(*start), BigInt::from(*next), BigInt::from(*stop), BigInt::from(*step));
                let len = crate::objects::methods::range_len(&a0, &e, &t);
                let done = crate::objects::methods::range_len(&a0, &n, &t);
                let stop = &a0 + &len * &t;
                let r = vm.new_object(&vm.types.range.clone(), Payload::Range { start: a0, stop, step: t }, false);
                Plan::Indexed(iter.clone(), r, int_from_big(done.min(len)))
            }
            IterState::BigRange { start, next, stop, step } => {
                let len = crate::objects::methods::range_len(start, stop, step);
                let done = crate::objects::methods::range_len(start, next, step);
                let stop = start + &len * step;
                let r = vm.new_object(&vm.types.range.clone(), Payload::Range { start: start.clone(), stop, step: step.clone() }, false);
                Plan::Indexed(iter.clone(), r, int_from_big(done.min(len)))
            }
            IterState::Reversed { seq, index } => {
                let rev = builtin(vm, "reversed");
                if seq.is_none() || *index < 0 {
                    let empty = if matches!(seq.payload(), Some(Payload::List(_))) || std::rc::Rc::ptr_eq(&vm.type_of(&v), &vm.types.iters.list_reverseiterator) {
                        vm.new_list(vec![])
                    } else {
                        vm.new_tuple(vec![])
                    };
                    Plan::Args(rev, vec![empty])
                } else {
                    Plan::Indexed(rev, seq.clone(), Value::Int(*index as i64))
                }
            }
            IterState::Callable { func, sentinel, done } => {
                if *done {
                    Plan::Args(iter.clone(), vec![vm.new_tuple(vec![])])
                } else {
                    Plan::Args(iter.clone(), vec![func.clone(), sentinel.clone()])
                }
            }
            IterState::Enumerate { iter: inner, count } => {
                let cls = Value::Obj(vm.type_of(&v));
                Plan::Args(cls, vec![inner.clone(), int_from_big(count.clone())])
            }
            IterState::Zip { iters, strict } => {
                let cls = Value::Obj(vm.type_of(&v));
                let t = vm.new_tuple(iters.clone());
                let r = if *strict { vec![cls, t, Value::Bool(true)] } else { vec![cls, t] };
                drop(s);
                return Ok(vm.new_tuple(r));
            }
            IterState::Map { func, iters } => {
                let cls = Value::Obj(vm.type_of(&v));
                let mut args = vec![func.clone()];
                args.extend(iters.iter().cloned());
                Plan::Args(cls, args)
            }
            IterState::Filter { func, iter: inner } => {
                let cls = Value::Obj(vm.type_of(&v));
                Plan::Args(cls, vec![func.clone(), inner.clone()])
            }
            IterState::DictKeys { .. } | IterState::DictValues { .. } | IterState::DictItems { .. } | IterState::SetKeys { .. } => Plan::Remaining,
            IterState::Exhausted => Plan::Args(iter.clone(), vec![vm.new_tuple(vec![])]),
        }
    };
    Ok(match plan {
        Plan::Indexed(f, obj, state) => {
            let args = vm.new_tuple(vec![obj]);
            vm.new_tuple(vec![f, args, state])
        }
        Plan::Args(f, args) => {
            let args = vm.new_tuple(args);
            vm.new_tuple(vec![f, args])
        }
        Plan::Remaining => {
            let items = remaining(vm, st);
            let l = vm.new_list(items);
            let args = vm.new_tuple(vec![l]);
            vm.new_tuple(vec![iter, args])
        }
    })
}

fn setstate_method(vm: &mut Vm, a: &crate::vm::Args) -> PyResult<Value> {
    use num_bigint::BigInt;
    let (_, st) = state_of(vm, a, "__setstate__")?;
    let arg = match a.pos.get(1) {
        Some(x) => x.clone(),
        None => return Err(vm.type_error("__setstate__() takes exactly one argument (0 given)")),
    };
    // zip's state is its `strict` flag; every other state is an index.
    let is_zip = matches!(&*st.borrow(), IterState::Zip { .. });
    if is_zip {
        let b = vm.truthy(&arg)?;
        if let IterState::Zip { strict, .. } = &mut *st.borrow_mut() {
            *strict = b;
        }
        return Ok(Value::None);
    }
    let idx = crate::builtins::index_big(vm, &arg)?;
    // Lengths of sequences are read before borrowing the state mutably.
    let seq_len = {
        let s = st.borrow();
        match &*s {
            IterState::Seq { seq, .. } | IterState::Reversed { seq, .. } if !seq.is_none() => Some(seq.clone()),
            _ => None,
        }
    };
    let len = match &seq_len {
        Some(seq) => match seq.payload() {
            Some(Payload::List(l)) => Some(l.borrow().len() as i64),
            Some(Payload::Tuple(t)) => Some(t.len() as i64),
            _ => {
                let is_rev = matches!(&*st.borrow(), IterState::Reversed { .. });
                if is_rev {
                    Some(vm.len(seq)? as i64)
                } else {
                    None
                }
            }
        },
        None => None,
    };
    let small = num_traits::ToPrimitive::to_i64(&idx).unwrap_or(if num_traits::Signed::is_negative(&idx) { i64::MIN } else { i64::MAX });
    let mut s = st.borrow_mut();
    match &mut *s {
        IterState::Seq { seq, index } => {
            if !seq.is_none() {
                let mut i = small.max(0);
                if let Some(n) = len {
                    i = i.min(n);
                }
                *index = i as usize;
            }
        }
        IterState::Str { s: text, index } => {
            if let Some(t) = text.as_str() {
                *index = small.max(0).min(t.len() as i64) as usize;
            }
        }
        IterState::Reversed { seq, index } => {
            if !seq.is_none() {
                let mut i = small.max(-1);
                if let Some(n) = len {
                    i = i.min(n - 1);
                }
                *index = i as isize;
            }
        }
        IterState::Range { start, next, stop, step } => {
            let (a0, e, t) = (BigInt::from(*start), BigInt::from(*stop), BigInt::from(*step));
            let len = crate::objects::methods::range_len(&a0, &e, &t);
            let i = if num_traits::Signed::is_negative(&idx) { BigInt::from(0) } else { idx.min(len) };
            let n = &a0 + i * &t;
            match num_traits::ToPrimitive::to_i64(&n) {
                Some(n) => *next = n,
                None => *next = *stop,
            }
        }
        IterState::BigRange { start, next, stop, step } => {
            let len = crate::objects::methods::range_len(start, stop, step);
            let i = if num_traits::Signed::is_negative(&idx) { BigInt::from(0) } else { idx.min(len) };
            *next = &*start + i * &*step;
        }
        _ => {}
    }
    Ok(Value::None)
}
