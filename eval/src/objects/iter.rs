//! Built-in iterators.

use std::cell::RefCell;

use num_traits::Signed;

use crate::value::{IterState, Payload, Value};
use crate::vm::Vm;
use crate::PyResult;

pub fn next(vm: &mut Vm, it: &Value, st: &RefCell<IterState>) -> PyResult<Option<Value>> {
    let mut s = st.borrow_mut();
    match &mut *s {
        IterState::Range { next, stop, step } => {
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
        IterState::BigRange { next, stop, step } => {
            if (step.is_positive() && *next < *stop) || (step.is_negative() && *next > *stop) {
                let v = next.clone();
                *next += &*step;
                return Ok(Some(crate::vm::ops::int_from_big(v)));
            }
            Ok(None)
        }
        IterState::Seq { seq, index } => {
            let seq = seq.clone();
            let i = *index;
            match seq.payload() {
                Some(Payload::List(l)) => {
                    let l = l.borrow();
                    if i < l.len() {
                        *index += 1;
                        return Ok(Some(l[i].clone()));
                    }
                    Ok(None)
                }
                Some(Payload::Tuple(t)) => {
                    if i < t.len() {
                        *index += 1;
                        return Ok(Some(t[i].clone()));
                    }
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
            if *index < 0 {
                return Ok(None);
            }
            let (seq, i) = (seq.clone(), *index);
            *index -= 1;
            drop(s);
            let v = vm.getitem(&seq, &Value::Int(i as i64))?;
            Ok(Some(v))
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
        IterState::Seq { seq, index } => match seq.payload() {
            Some(Payload::List(l)) => left(l.borrow().len(), *index),
            Some(Payload::Tuple(t)) => left(t.len(), *index),
            Some(Payload::Bytes(b)) => left(b.len(), *index),
            Some(Payload::ByteArray(b)) => left(b.borrow().len(), *index),
            _ => None,
        },
        IterState::Range { next, stop, step } => {
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
        IterState::BigRange { .. } => None,
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
            if *index < 0 {
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
