//! `gc`: the collector interface. pyx frees objects by reference counting
//! (`vm/finalize.rs`) and has no cycle collector yet, so:
//!
//! - `collect()` runs the pending finalizers and the `gc.callbacks`
//!   ("start"/"stop") and returns 0 (unreachable cycles are not found);
//! - `enable`/`disable`/`isenabled`, thresholds, debug flags, `freeze` and
//!   the stats are kept as state, with CPython's defaults and checks;
//! - `is_tracked` follows CPython's rules (atoms, `object()` and dicts of
//!   atoms are untracked; tuples count as tracked unless empty);
//! - `get_referents` visits what CPython's `tp_traverse` would, in the
//!   same order for lists, tuples, dicts and instances (sets in insertion
//!   order; objects of native modules show nothing);
//! - `get_referrers` searches the objects reachable from `sys.modules`,
//!   `builtins` and the running frames (CPython scans every tracked
//!   object); `get_objects` returns that same reachable set.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;

use crate::modules::native::{self, bind, positional};
use crate::objects::dict::Dict;
use crate::value::{Payload, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

thread_local! {
    static ENABLED: Cell<bool> = const { Cell::new(true) };
    static THRESHOLD: Cell<(i64, i64, i64)> = const { Cell::new((700, 10, 10)) };
    static DEBUG: Cell<i64> = const { Cell::new(0) };
    static STATS: Cell<[i64; 3]> = const { Cell::new([0; 3]) };
    static COLLECTING: Cell<bool> = const { Cell::new(false) };
    static MODULE: RefCell<Option<Value>> = const { RefCell::new(None) };
}

const DOC: &str = "This module provides access to the garbage collector for reference cycles.\n\nenable() -- Enable automatic garbage collection.\ndisable() -- Disable automatic garbage collection.\nisenabled() -- Returns true if automatic collection is enabled.\ncollect() -- Do a full collection right now.\nget_count() -- Return the current collection counts.\nget_stats() -- Return list of dictionaries containing per-generation stats.\nset_debug() -- Set debugging flags.\nget_debug() -- Get debugging flags.\nset_threshold() -- Set the collection thresholds.\nget_threshold() -- Return the current the collection thresholds.\nget_objects() -- Return a list of all objects tracked by the collector.\nis_tracked() -- Returns true if a given object is tracked.\nis_finalized() -- Returns true if a given object has been already finalized.\nget_referrers() -- Return the list of objects that refer to an object.\nget_referents() -- Return the list of objects that an object refers to.\nfreeze() -- Freeze all tracked objects and ignore them for future collections.\nunfreeze() -- Unfreeze all objects in the permanent generation.\nget_freeze_count() -- Return the number of objects in the permanent generation.\n";

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let funcs: &[(&'static str, crate::value::NativeFn)] = &[
        ("enable", enable),
        ("disable", disable),
        ("isenabled", isenabled),
        ("collect", collect),
        ("get_count", get_count),
        ("get_stats", get_stats),
        ("set_debug", set_debug),
        ("get_debug", get_debug),
        ("set_threshold", set_threshold),
        ("get_threshold", get_threshold),
        ("get_objects", get_objects),
        ("is_tracked", is_tracked),
        ("is_finalized", is_finalized),
        ("get_referrers", get_referrers),
        ("get_referents", get_referents),
        ("freeze", freeze),
        ("unfreeze", freeze),
        ("get_freeze_count", get_freeze_count),
    ];
    let m = native::new_module(vm, "gc", funcs);
    native::set(&m, "__doc__", vm.new_str(DOC));
    for (name, v) in [("DEBUG_STATS", 1), ("DEBUG_COLLECTABLE", 2), ("DEBUG_UNCOLLECTABLE", 4), ("DEBUG_SAVEALL", 32), ("DEBUG_LEAK", 38)] {
        native::set(&m, name, Value::Int(v));
    }
    native::set(&m, "garbage", vm.new_list(vec![]));
    native::set(&m, "callbacks", vm.new_list(vec![]));
    MODULE.with(|c| *c.borrow_mut() = Some(m.clone()));
    Ok(m)
}

fn noargs(vm: &Vm, a: &Args, f: &str) -> PyResult<()> {
    positional(vm, a, f, 0, 0).map(|_| ())
}

fn enable(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    noargs(vm, a, "enable")?;
    ENABLED.with(|e| e.set(true));
    Ok(Value::None)
}

fn disable(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    noargs(vm, a, "disable")?;
    ENABLED.with(|e| e.set(false));
    Ok(Value::None)
}

fn isenabled(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    noargs(vm, a, "isenabled")?;
    Ok(Value::Bool(ENABLED.with(|e| e.get())))
}

fn info_dict(vm: &mut Vm, generation: i64) -> PyResult<Value> {
    let d = vm.new_dict(Dict::new());
    for (k, v) in [("generation", generation), ("collected", 0), ("uncollectable", 0)] {
        let k = vm.new_str(k);
        vm.setitem(&d, k, Value::Int(v))?;
    }
    Ok(d)
}

fn run_callbacks(vm: &mut Vm, phase: &str, generation: i64) {
    let Some(m) = MODULE.with(|c| c.borrow().clone()) else { return };
    let Ok(cbs) = vm.getattr(&m, &crate::vm::str_key("callbacks")) else { return };
    let Ok(list) = vm.to_vec(&cbs) else { return };
    if list.is_empty() {
        return;
    }
    let Ok(info) = info_dict(vm, generation) else { return };
    let phase = vm.new_str(phase);
    for cb in list {
        if let Err(e) = vm.call(&cb, vec![phase.clone(), info.clone()]) {
            vm.unraisable(&e.0, Some(&cb), None);
        }
    }
}

fn collect(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "collect", &["generation"], 0, 1)?;
    let generation = match &s[0] {
        Some(v) => crate::objects::str_methods::c_int(vm, v)?,
        None => 2,
    };
    if !(0..=2).contains(&generation) {
        return Err(vm.value_error("invalid generation"));
    }
    if COLLECTING.with(|c| c.replace(true)) {
        return Ok(Value::Int(0));
    }
    run_callbacks(vm, "start", generation);
    vm.run_finalizers();
    STATS.with(|s| {
        let mut st = s.get();
        st[generation as usize] += 1;
        s.set(st);
    });
    run_callbacks(vm, "stop", generation);
    COLLECTING.with(|c| c.set(false));
    Ok(Value::Int(0))
}

fn get_count(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    noargs(vm, a, "get_count")?;
    Ok(vm.new_tuple(vec![Value::Int(0), Value::Int(0), Value::Int(0)]))
}

fn get_stats(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    noargs(vm, a, "get_stats")?;
    let st = STATS.with(|s| s.get());
    let mut out = Vec::new();
    for n in st {
        let d = vm.new_dict(Dict::new());
        for (k, v) in [("collections", n), ("collected", 0), ("uncollectable", 0)] {
            let k = vm.new_str(k);
            vm.setitem(&d, k, Value::Int(v))?;
        }
        out.push(d);
    }
    Ok(vm.new_list(out))
}

fn set_debug(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "set_debug", &["flags"], 1, 1)?;
    let f = crate::objects::str_methods::c_int(vm, s[0].as_ref().unwrap_or(&Value::None))?;
    DEBUG.with(|d| d.set(f));
    Ok(Value::None)
}

fn get_debug(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    noargs(vm, a, "get_debug")?;
    Ok(Value::Int(DEBUG.with(|d| d.get())))
}

fn set_threshold(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("set_threshold() takes no keyword arguments"));
    }
    let n = a.pos.len();
    if n == 0 {
        return Err(vm.type_error("set_threshold() takes at least 1 argument (0 given)"));
    }
    if n > 3 {
        return Err(vm.type_error(format!("set_threshold() takes at most 3 arguments ({n} given)")));
    }
    let mut t = THRESHOLD.with(|t| t.get());
    let mut vals = Vec::new();
    for v in &a.pos {
        vals.push(crate::objects::str_methods::c_int(vm, v)?);
    }
    t.0 = vals[0];
    if let Some(&x) = vals.get(1) {
        t.1 = x;
    }
    if let Some(&x) = vals.get(2) {
        t.2 = x;
    }
    THRESHOLD.with(|c| c.set(t));
    Ok(Value::None)
}

fn get_threshold(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    noargs(vm, a, "get_threshold")?;
    let t = THRESHOLD.with(|t| t.get());
    Ok(vm.new_tuple(vec![Value::Int(t.0), Value::Int(t.1), Value::Int(t.2)]))
}

fn freeze(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    noargs(vm, a, "freeze")?;
    Ok(Value::None)
}

fn get_freeze_count(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    noargs(vm, a, "get_freeze_count")?;
    Ok(Value::Int(0))
}

fn is_finalized(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    positional(vm, a, "gc.is_finalized", 1, 1)?;
    Ok(Value::Bool(false))
}

/// CPython's `PyObject_IS_GC`: does the type take part in collection?
fn is_gc(vm: &Vm, v: &Value) -> bool {
    let Value::Obj(o) = v else { return false };
    match &o.payload {
        Payload::Str(_) | Payload::BigInt(_) | Payload::Float(_) | Payload::Complex(..) | Payload::Bytes(_) | Payload::ByteArray(_) | Payload::Range { .. } => {
            !crate::vm::is_exact_builtin(o)
        }
        Payload::NotImplemented | Payload::Ellipsis => false,
        Payload::Instance => !std::rc::Rc::ptr_eq(&vm.type_of(v), &vm.types.object),
        _ => true,
    }
}

/// CPython's `_PyObject_GC_IS_TRACKED`, with the lazy untracking of dicts.
fn tracked(vm: &Vm, v: &Value) -> bool {
    let Value::Obj(o) = v else { return false };
    match &o.payload {
        Payload::Str(_)
        | Payload::BigInt(_)
        | Payload::Float(_)
        | Payload::Complex(..)
        | Payload::Bytes(_)
        | Payload::ByteArray(_)
        | Payload::Range { .. }
        | Payload::Slice(..)
        | Payload::NotImplemented
        | Payload::Ellipsis
        | Payload::Code(_) => o.dict.is_some() && !crate::vm::is_exact_builtin(o),
        Payload::Tuple(t) => !t.is_empty() || !crate::vm::is_exact_builtin(o),
        Payload::Dict(d) => {
            if !crate::vm::is_exact_builtin(o) {
                return true;
            }
            d.borrow().iter().any(|e| tracked(vm, &e.key) || tracked(vm, &e.value))
        }
        Payload::Instance => !std::rc::Rc::ptr_eq(&vm.type_of(v), &vm.types.object),
        _ => true,
    }
}

fn is_tracked(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = positional(vm, a, "gc.is_tracked", 1, 1)?;
    Ok(Value::Bool(tracked(vm, &p[0])))
}

fn all_str_keys(d: &Dict) -> bool {
    d.iter().all(|e| e.key.as_str().is_some())
}

fn dict_referents(d: &Dict, out: &mut Vec<Value>) {
    if all_str_keys(d) {
        out.extend(d.iter().map(|e| e.value.clone()));
    } else {
        for e in d.iter() {
            out.push(e.value.clone());
            out.push(e.key.clone());
        }
    }
}

/// What CPython's `tp_traverse` of `v` visits (approximately, see above).
fn referents(vm: &Vm, v: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    let Value::Obj(o) = v else { return out };
    match &o.payload {
        Payload::List(l) => out.extend(l.borrow().iter().rev().cloned()),
        Payload::Tuple(t) => out.extend(t.iter().rev().cloned()),
        Payload::Dict(d) => dict_referents(&d.borrow(), &mut out),
        Payload::Set(d) => out.extend(d.borrow().iter().map(|e| e.key.clone())),
        Payload::FrozenSet(d) => out.extend(d.iter().map(|e| e.key.clone())),
        Payload::Module { dict, .. } => out.push(Value::Obj(dict.clone())),
        Payload::Method { func, self_ } => {
            out.push(func.clone());
            out.push(self_.clone());
        }
        Payload::Cell(c) => {
            if let Some(x) = c.borrow().clone() {
                out.push(x);
            }
        }
        Payload::Function(f) => {
            out.push(Value::Obj(f.globals.clone()));
            out.push(f.module.borrow().clone());
            if let Some(d) = f.defaults.borrow().as_ref() {
                out.push(vm.new_tuple(d.to_vec()));
            }
            if let Some(k) = f.kwdefaults.borrow().as_ref() {
                out.push(Value::Obj(k.clone()));
            }
            out.push(f.doc.borrow().clone());
            out.push(f.name.borrow().clone());
            if let Some(c) = &f.closure {
                out.push(vm.new_tuple(c.iter().map(|c| Value::Obj(c.clone())).collect()));
            }
            if let Some(an) = f.annotations.borrow().as_ref() {
                out.push(Value::Obj(an.clone()));
            }
            out.push(f.qualname.borrow().clone());
        }
        Payload::Class(c) => {
            if let Some(d) = &o.dict {
                out.push(d.value());
            }
            out.push(vm.new_tuple(c.mro.borrow().iter().map(|k| Value::Obj(k.clone())).collect()));
            out.push(vm.new_tuple(c.bases.borrow().iter().map(|k| Value::Obj(k.clone())).collect()));
        }
        Payload::Property { fget, fset, fdel, doc } => out.extend([fget.clone(), fset.clone(), fdel.clone(), doc.clone()]),
        Payload::ClassMethod(f) | Payload::StaticMethod(f) => out.push(f.clone()),
        Payload::DictView { dict, .. } => out.push(dict.clone()),
        Payload::Slice(a, b, c) => out.extend([a.clone(), b.clone(), c.clone()]),
        Payload::Exception(x) => {
            out.push(x.args.borrow().clone());
        }
        _ => {}
    }
    let heap_instance = !matches!(o.payload, Payload::Class(_) | Payload::Module { .. }) && !crate::vm::is_exact_builtin(o);
    if heap_instance {
        if let Some(d) = o.dict.as_ref().map(|d| d.get()) {
            if let Payload::Dict(dd) = &d.0.payload {
                let dd = dd.borrow();
                if all_str_keys(&dd) {
                    out.extend(dd.iter().map(|e| e.value.clone()));
                } else {
                    out.push(Value::Obj(d.0.clone()));
                }
            }
        }
        out.push(Value::Obj(vm.type_of(v)));
    }
    out
}

fn get_referents(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("get_referents() takes no keyword arguments"));
    }
    let mut out = Vec::new();
    for v in &a.pos {
        if is_gc(vm, v) {
            out.extend(referents(vm, v));
        }
    }
    Ok(vm.new_list(out))
}

/// Every object reachable from the roots (modules, builtins, frames).
fn reachable(vm: &Vm) -> Vec<Value> {
    let mut seen: HashSet<usize> = HashSet::new();
    let mut order = Vec::new();
    let mut stack: Vec<Value> = vec![Value::Obj(vm.sys_modules.clone()), Value::Obj(vm.builtins.clone())];
    for f in vm.frames.iter() {
        stack.push(Value::Obj(f.globals.clone()));
        if let Some(l) = &f.locals {
            stack.push(Value::Obj(l.clone()));
        }
        stack.extend(f.fast.iter().flatten().cloned());
        stack.extend(f.stack.iter().cloned());
        stack.extend(f.cells.iter().map(|c| Value::Obj(c.clone())));
    }
    while let Some(v) = stack.pop() {
        let Value::Obj(o) = &v else { continue };
        if !seen.insert(std::rc::Rc::as_ptr(o) as *const () as usize) {
            continue;
        }
        if order.len() > 2_000_000 {
            break;
        }
        let refs = referents(vm, &v);
        order.push(v);
        stack.extend(refs.into_iter().rev());
    }
    order
}

fn get_referrers(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("get_referrers() takes no keyword arguments"));
    }
    let targets: Vec<Value> = a.pos.clone();
    let mut out = Vec::new();
    for v in reachable(vm) {
        if !tracked(vm, &v) {
            continue;
        }
        if referents(vm, &v).iter().any(|r| targets.iter().any(|t| t.is(r))) {
            out.push(v);
        }
    }
    Ok(vm.new_list(out))
}

fn get_objects(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "get_objects", &["generation"], 0, 1)?;
    if let Some(g) = s[0].as_ref().filter(|g| !g.is_none()) {
        let g = crate::builtins::index_i64(vm, g)?;
        if g >= 3 {
            return Err(vm.value_error("generation parameter must be less than the number of available generations (3)"));
        }
        if g < 0 {
            return Err(vm.value_error("generation parameter cannot be negative"));
        }
    }
    let objs: Vec<Value> = reachable(vm).into_iter().filter(|v| tracked(vm, v)).collect();
    Ok(vm.new_list(objs))
}
