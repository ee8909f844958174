//! `itertools`: the iterator building blocks, as CPython 3.11's C module
//! (same laziness — when each input is consumed —, reprs and messages).
//!
//! Every iterator is a native class whose instances carry their state in
//! `Payload::Opaque`; `__next__` copies what it needs out of the state,
//! releases the borrow, calls into Python (`vm.next`, the predicate…), then
//! stores the result back.

use std::any::Any;
use std::cell::{RefCell, RefMut};
use std::rc::Rc;

use crate::code::BinOp;
use crate::modules::native::{self, add_method, add_new, bind, positional_only};
use crate::value::{Payload, PyRef, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

const M: &str = "itertools";

struct Classes {
    grouper: PyRef,
    tee: PyRef,
}

thread_local! {
    static CLASSES: RefCell<Option<Classes>> = const { RefCell::new(None) };
}

fn grouper_class() -> Option<PyRef> {
    CLASSES.with(|c| c.borrow().as_ref().map(|c| c.grouper.clone()))
}

fn tee_class() -> Option<PyRef> {
    CLASSES.with(|c| c.borrow().as_ref().map(|c| c.tee.clone()))
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(vm, M, &[("tee", tee)]);
    type Methods = &'static [(&'static str, crate::value::NativeFn)];
    let specs: &[(&str, crate::value::NativeFn, crate::value::NativeFn, Methods)] = &[
        ("count", count_new, count_next, &[("__repr__", count_repr), ("__reduce__", count_reduce)]),
        ("cycle", cycle_new, cycle_next, &[]),
        ("repeat", repeat_new, repeat_next, &[("__repr__", repeat_repr), ("__length_hint__", repeat_len), ("__reduce__", repeat_reduce)]),
        ("accumulate", accumulate_new, accumulate_next, &[]),
        ("chain", chain_new, chain_next, &[]),
        ("compress", compress_new, compress_next, &[]),
        ("dropwhile", dropwhile_new, dropwhile_next, &[]),
        ("filterfalse", filterfalse_new, filterfalse_next, &[]),
        ("groupby", groupby_new, groupby_next, &[]),
        ("islice", islice_new, islice_next, &[]),
        ("pairwise", pairwise_new, pairwise_next, &[]),
        ("starmap", starmap_new, starmap_next, &[]),
        ("takewhile", takewhile_new, takewhile_next, &[]),
        ("zip_longest", zip_longest_new, zip_longest_next, &[]),
        ("product", product_new, product_next, &[]),
        ("permutations", permutations_new, permutations_next, &[]),
        ("combinations", combinations_new, combinations_next, &[]),
        ("combinations_with_replacement", cwr_new, cwr_next, &[]),
    ];
    for (name, new, next, methods) in specs {
        let cls = native::native_class(vm, M, name, None);
        add_new(&cls, *new);
        add_method(&cls, "__iter__", iter_self);
        add_method(&cls, "__next__", *next);
        for (mname, f) in methods.iter() {
            add_method(&cls, mname, *f);
        }
        if *name == "chain" {
            native::add_classmethod(vm, &cls, "from_iterable", chain_from_iterable);
            native::add_classmethod(vm, &cls, "__class_getitem__", crate::objects::generic_alias::class_getitem);
        }
        native::set(&m, name, Value::Obj(cls));
    }
    let grouper = native::native_final_class(vm, M, "_grouper");
    add_new(&grouper, grouper_new);
    add_method(&grouper, "__iter__", iter_self);
    add_method(&grouper, "__next__", grouper_next);
    native::set(&m, "_grouper", Value::Obj(grouper.clone()));
    let teec = native::native_final_class(vm, M, "_tee");
    add_new(&teec, tee_new);
    add_method(&teec, "__iter__", iter_self);
    add_method(&teec, "__next__", tee_next);
    add_method(&teec, "__copy__", tee_copy);
    native::set(&m, "_tee", Value::Obj(teec.clone()));
    let tdo = native::native_final_class(vm, M, "_tee_dataobject");
    native::set(&m, "_tee_dataobject", Value::Obj(tdo));
    CLASSES.with(|c| *c.borrow_mut() = Some(Classes { grouper, tee: teec }));
    Ok(m)
}

// ---- shared helpers --------------------------------------------------

fn this<'a>(vm: &Vm, a: &'a Args, tn: &str, m: &str) -> PyResult<&'a Value> {
    a.pos.first().ok_or_else(|| vm.type_error(format!("descriptor '{m}' of '{tn}' object needs an argument")))
}

/// The state of `v` as a `T`, or CPython's "descriptor requires" error.
fn st<'a, T: Any>(vm: &Vm, v: &'a Value, tn: &str, m: &str) -> PyResult<RefMut<'a, T>> {
    native::opaque_mut::<T>(v).ok_or_else(|| {
        vm.type_error(format!("descriptor '{m}' requires a '{tn}' object but received a '{}'", vm.type_name(v)))
    })
}

fn done(vm: &Vm) -> PyResult<Value> {
    Err(vm.stop_iteration(Value::None))
}

fn cls_arg(vm: &Vm, a: &Args) -> PyResult<PyRef> {
    match a.pos.first() {
        Some(Value::Obj(o)) if matches!(o.payload, Payload::Class(_)) => Ok(o.clone()),
        _ => Err(vm.type_error("__new__(X): X is not a type object")),
    }
}

/// The arguments after the class of a `__new__`.
fn new_args(a: &Args) -> Args {
    Args { pos: a.pos.get(1..).map(|s| s.to_vec()).unwrap_or_default(), kw: a.kw.clone() }
}

/// `_PyType_Name`: the class's own name, for reprs.
fn short_name(vm: &Vm, v: &Value) -> String {
    match &vm.type_of(v).payload {
        Payload::Class(c) => c.name.borrow().clone(),
        _ => String::new(),
    }
}

fn iter_self(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    this(vm, a, "object", "__iter__").cloned()
}

fn is_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_)) || matches!(v.payload(), Some(Payload::BigInt(_)))
}

/// `PyNumber_Check`.
fn is_number(vm: &Vm, v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => true,
        Value::None => false,
        Value::Obj(o) => {
            if matches!(o.payload, Payload::BigInt(_) | Payload::Float(_) | Payload::Complex(..)) {
                return true;
            }
            let cls = o.class();
            ["__index__", "__int__", "__float__"].iter().any(|n| vm.lookup_mro(&cls, n).is_some())
        }
    }
}

fn ssize(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    crate::builtins::index_i64(vm, v)
}

/// `tuple(v)` (`PySequence_Tuple`).
fn to_items(vm: &mut Vm, v: &Value) -> PyResult<Vec<Value>> {
    vm.to_vec(v)
}

fn new_obj<T: Any>(vm: &Vm, a: &Args, state: T) -> PyResult<Value> {
    let cls = cls_arg(vm, a)?;
    Ok(native::new_opaque(vm, &cls, state))
}

fn reduce_tuple(vm: &Vm, v: &Value, args: Vec<Value>) -> Value {
    let t = vm.new_tuple(args);
    vm.new_tuple(vec![Value::Obj(vm.type_of(v)), t])
}

// ---- count -----------------------------------------------------------

struct Count {
    /// Fast mode: the next value, while it fits and the step is int 1.
    fast: Option<i64>,
    cnt: Value,
    step: Value,
}

fn count_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = new_args(a);
    let v = bind(vm, &args, "count", &["start", "step"], 0, 2)?;
    let (start, step) = (v[0].clone(), v[1].clone());
    if start.as_ref().is_some_and(|s| !is_number(vm, s)) || step.as_ref().is_some_and(|s| !is_number(vm, s)) {
        return Err(vm.type_error("a number is required"));
    }
    let mut fast = start.as_ref().is_none_or(is_int) && step.as_ref().is_none_or(is_int);
    let mut cnt = 0i64;
    if let Some(s) = &start {
        if fast {
            match crate::vm::ops::as_i64(s) {
                Some(c) => cnt = c,
                None => fast = false,
            }
        }
    }
    if fast {
        if let Some(s) = &step {
            if crate::vm::ops::as_i64(s) != Some(1) {
                fast = false;
            }
        }
    }
    let state = Count { fast: if fast { Some(cnt) } else { None }, cnt: start.unwrap_or(Value::Int(0)), step: step.unwrap_or(Value::Int(1)) };
    new_obj(vm, a, state)
}

fn count_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools.count";
    let s = this(vm, a, tn, "__next__")?;
    let (cur, step) = {
        let mut c = st::<Count>(vm, s, tn, "__next__")?;
        if let Some(n) = c.fast {
            match n.checked_add(1) {
                Some(m) => c.fast = Some(m),
                None => {
                    c.fast = None;
                    c.cnt = vm.int(num_bigint::BigInt::from(n) + 1);
                    c.step = Value::Int(1);
                }
            }
            return Ok(Value::Int(n));
        }
        (c.cnt.clone(), c.step.clone())
    };
    let next = vm.binary_op(&cur, &step, BinOp::Add)?;
    st::<Count>(vm, s, tn, "__next__")?.cnt = next;
    Ok(cur)
}

fn count_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools.count";
    let s = this(vm, a, tn, "__repr__")?;
    let name = short_name(vm, s);
    let (fast, cnt, step) = {
        let c = st::<Count>(vm, s, tn, "__repr__")?;
        (c.fast, c.cnt.clone(), c.step.clone())
    };
    if let Some(n) = fast {
        return Ok(vm.new_str(&format!("{name}({n})")));
    }
    let c = vm.repr(&cnt)?.to_string_lossy();
    if is_int(&step) && crate::vm::ops::as_i64(&step) == Some(1) {
        return Ok(vm.new_str(&format!("{name}({c})")));
    }
    let sr = vm.repr(&step)?.to_string_lossy();
    Ok(vm.new_str(&format!("{name}({c}, {sr})")))
}

fn count_reduce(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools.count";
    let s = this(vm, a, tn, "__reduce__")?;
    let args = {
        let c = st::<Count>(vm, s, tn, "__reduce__")?;
        match c.fast {
            Some(n) => vec![Value::Int(n)],
            None => vec![c.cnt.clone(), c.step.clone()],
        }
    };
    Ok(reduce_tuple(vm, s, args))
}

// ---- cycle -----------------------------------------------------------

struct Cycle {
    it: Option<Value>,
    saved: Vec<Value>,
    index: usize,
}

fn cycle_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = new_args(a);
    let p = positional_only(vm, &args, "cycle", 1, 1)?;
    let it = vm.iter(&p[0])?;
    new_obj(vm, a, Cycle { it: Some(it), saved: Vec::new(), index: 0 })
}

fn cycle_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools.cycle";
    let s = this(vm, a, tn, "__next__")?;
    let it = st::<Cycle>(vm, s, tn, "__next__")?.it.clone();
    if let Some(it) = it {
        match vm.next(&it)? {
            Some(x) => {
                st::<Cycle>(vm, s, tn, "__next__")?.saved.push(x.clone());
                return Ok(x);
            }
            None => st::<Cycle>(vm, s, tn, "__next__")?.it = None,
        }
    }
    let mut c = st::<Cycle>(vm, s, tn, "__next__")?;
    if c.saved.is_empty() {
        drop(c);
        return done(vm);
    }
    let i = c.index.min(c.saved.len() - 1);
    let x = c.saved[i].clone();
    c.index = if i + 1 >= c.saved.len() { 0 } else { i + 1 };
    Ok(x)
}

// ---- repeat ----------------------------------------------------------

struct Repeat {
    elem: Value,
    /// Remaining repetitions; -1 for endless.
    cnt: i64,
}

fn repeat_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = new_args(a);
    let v = bind(vm, &args, "repeat", &["object", "times"], 1, 2)?;
    let elem = v[0].clone().unwrap_or(Value::None);
    let mut cnt = -1;
    if let Some(t) = &v[1] {
        cnt = ssize(vm, t)?;
        if cnt < 0 {
            cnt = 0;
        }
    }
    new_obj(vm, a, Repeat { elem, cnt })
}

fn repeat_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools.repeat";
    let s = this(vm, a, tn, "__next__")?;
    let mut r = st::<Repeat>(vm, s, tn, "__next__")?;
    if r.cnt == 0 {
        drop(r);
        return done(vm);
    }
    if r.cnt > 0 {
        r.cnt -= 1;
    }
    Ok(r.elem.clone())
}

fn repeat_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools.repeat";
    let s = this(vm, a, tn, "__repr__")?;
    let name = short_name(vm, s);
    let (elem, cnt) = {
        let r = st::<Repeat>(vm, s, tn, "__repr__")?;
        (r.elem.clone(), r.cnt)
    };
    let e = vm.repr(&elem)?.to_string_lossy();
    Ok(vm.new_str(&if cnt == -1 { format!("{name}({e})") } else { format!("{name}({e}, {cnt})") }))
}

fn repeat_len(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools.repeat";
    let s = this(vm, a, tn, "__length_hint__")?;
    let cnt = st::<Repeat>(vm, s, tn, "__length_hint__")?.cnt;
    if cnt == -1 {
        return Err(vm.type_error("len() of unsized object"));
    }
    Ok(Value::Int(cnt))
}

fn repeat_reduce(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools.repeat";
    let s = this(vm, a, tn, "__reduce__")?;
    let args = {
        let r = st::<Repeat>(vm, s, tn, "__reduce__")?;
        if r.cnt >= 0 {
            vec![r.elem.clone(), Value::Int(r.cnt)]
        } else {
            vec![r.elem.clone()]
        }
    };
    Ok(reduce_tuple(vm, s, args))
}

// ---- accumulate ------------------------------------------------------

struct Accumulate {
    it: Value,
    func: Value,
    total: Option<Value>,
    initial: Option<Value>,
}

fn accumulate_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = new_args(a);
    let v = bind(vm, &args, "accumulate", &["iterable", "func", "initial"], 1, 2)?;
    let it = vm.iter(v[0].as_ref().unwrap_or(&Value::None))?;
    let func = v[1].clone().unwrap_or(Value::None);
    let initial = v[2].clone().filter(|x| !x.is_none());
    new_obj(vm, a, Accumulate { it, func, total: None, initial })
}

fn accumulate_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools.accumulate";
    let s = this(vm, a, tn, "__next__")?;
    let (it, func, total) = {
        let mut c = st::<Accumulate>(vm, s, tn, "__next__")?;
        if let Some(i) = c.initial.take() {
            c.total = Some(i.clone());
            return Ok(i);
        }
        (c.it.clone(), c.func.clone(), c.total.clone())
    };
    let Some(val) = vm.next(&it)? else { return done(vm) };
    let new = match total {
        None => val,
        Some(t) => {
            if func.is_none() {
                vm.binary_op(&t, &val, BinOp::Add)?
            } else {
                vm.call(&func, vec![t, val])?
            }
        }
    };
    st::<Accumulate>(vm, s, tn, "__next__")?.total = Some(new.clone());
    Ok(new)
}

// ---- chain -----------------------------------------------------------

struct Chain {
    source: Option<Value>,
    active: Option<Value>,
}

fn chain_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("chain() takes no keyword arguments"));
    }
    let t = vm.new_tuple(a.pos.get(1..).map(|s| s.to_vec()).unwrap_or_default());
    let source = vm.iter(&t)?;
    new_obj(vm, a, Chain { source: Some(source), active: None })
}

fn chain_from_iterable(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = new_args(a);
    let p = native::positional(vm, &args, "chain.from_iterable", 1, 1)?;
    let source = vm.iter(&p[0])?;
    new_obj(vm, a, Chain { source: Some(source), active: None })
}

fn chain_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools.chain";
    let s = this(vm, a, tn, "__next__")?;
    loop {
        let (source, active) = {
            let c = st::<Chain>(vm, s, tn, "__next__")?;
            (c.source.clone(), c.active.clone())
        };
        let Some(source) = source else { return done(vm) };
        let active = match active {
            Some(x) => x,
            None => {
                let iterable = match vm.next(&source) {
                    Ok(Some(x)) => x,
                    r => {
                        st::<Chain>(vm, s, tn, "__next__")?.source = None;
                        r?;
                        return done(vm);
                    }
                };
                match vm.iter(&iterable) {
                    Ok(it) => {
                        st::<Chain>(vm, s, tn, "__next__")?.active = Some(it.clone());
                        it
                    }
                    Err(e) => {
                        st::<Chain>(vm, s, tn, "__next__")?.source = None;
                        return Err(e);
                    }
                }
            }
        };
        if let Some(x) = vm.next(&active)? {
            return Ok(x);
        }
        st::<Chain>(vm, s, tn, "__next__")?.active = None;
    }
}

// ---- compress, dropwhile, takewhile, filterfalse, starmap --------------

struct Compress {
    data: Value,
    selectors: Value,
}

fn compress_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = new_args(a);
    let v = bind(vm, &args, "compress", &["data", "selectors"], 2, 2)?;
    let data = vm.iter(v[0].as_ref().unwrap_or(&Value::None))?;
    let selectors = vm.iter(v[1].as_ref().unwrap_or(&Value::None))?;
    new_obj(vm, a, Compress { data, selectors })
}

fn compress_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools.compress";
    let s = this(vm, a, tn, "__next__")?;
    let (data, selectors) = {
        let c = st::<Compress>(vm, s, tn, "__next__")?;
        (c.data.clone(), c.selectors.clone())
    };
    loop {
        let Some(datum) = vm.next(&data)? else { return done(vm) };
        let Some(sel) = vm.next(&selectors)? else { return done(vm) };
        if vm.truthy(&sel)? {
            return Ok(datum);
        }
    }
}

struct Pred {
    func: Value,
    it: Value,
    /// dropwhile: dropping is over; takewhile: taking is over.
    flag: bool,
}

fn pred_new(vm: &mut Vm, a: &Args, name: &str) -> PyResult<Value> {
    let args = new_args(a);
    let p = positional_only(vm, &args, name, 2, 2)?;
    let func = p[0].clone();
    let it = vm.iter(&p[1])?;
    new_obj(vm, a, Pred { func, it, flag: false })
}

fn pred_parts(vm: &Vm, a: &Args, tn: &str) -> PyResult<(Value, Value, bool)> {
    let s = this(vm, a, tn, "__next__")?;
    let p = st::<Pred>(vm, s, tn, "__next__")?;
    Ok((p.func.clone(), p.it.clone(), p.flag))
}

fn set_flag(vm: &Vm, a: &Args, tn: &str) -> PyResult<()> {
    let s = this(vm, a, tn, "__next__")?;
    st::<Pred>(vm, s, tn, "__next__")?.flag = true;
    Ok(())
}

fn dropwhile_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred_new(vm, a, "dropwhile")
}

fn dropwhile_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools.dropwhile";
    let (func, it, started) = pred_parts(vm, a, tn)?;
    loop {
        let Some(item) = vm.next(&it)? else { return done(vm) };
        if started {
            return Ok(item);
        }
        let good = vm.call(&func, vec![item.clone()])?;
        if !vm.truthy(&good)? {
            set_flag(vm, a, tn)?;
            return Ok(item);
        }
    }
}

fn takewhile_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred_new(vm, a, "takewhile")
}

fn takewhile_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools.takewhile";
    let (func, it, stopped) = pred_parts(vm, a, tn)?;
    if stopped {
        return done(vm);
    }
    let Some(item) = vm.next(&it)? else { return done(vm) };
    let good = vm.call(&func, vec![item.clone()])?;
    if vm.truthy(&good)? {
        return Ok(item);
    }
    set_flag(vm, a, tn)?;
    done(vm)
}

fn filterfalse_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred_new(vm, a, "filterfalse")
}

fn filterfalse_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools.filterfalse";
    let (func, it, _) = pred_parts(vm, a, tn)?;
    let plain = func.is_none() || func.obj().is_some_and(|o| Rc::ptr_eq(o, &vm.types.bool_));
    loop {
        let Some(item) = vm.next(&it)? else { return done(vm) };
        let ok = if plain {
            vm.truthy(&item)?
        } else {
            let good = vm.call(&func, vec![item.clone()])?;
            vm.truthy(&good)?
        };
        if !ok {
            return Ok(item);
        }
    }
}

fn starmap_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred_new(vm, a, "starmap")
}

fn starmap_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools.starmap";
    let (func, it, _) = pred_parts(vm, a, tn)?;
    let Some(args) = vm.next(&it)? else { return done(vm) };
    let items = match args.payload() {
        Some(Payload::Tuple(t)) if args.obj().is_some_and(crate::vm::is_exact_builtin) => t.to_vec(),
        _ => to_items(vm, &args)?,
    };
    vm.call(&func, items)
}

// ---- groupby ---------------------------------------------------------

struct GroupBy {
    it: Value,
    keyfunc: Value,
    tgtkey: Option<Value>,
    currkey: Option<Value>,
    currvalue: Option<Value>,
    /// The id of the grouper that may still advance (0: none).
    currgrouper: u64,
    next_id: u64,
}

struct Grouper {
    parent: Value,
    tgtkey: Value,
    id: u64,
}

fn groupby_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = new_args(a);
    let v = bind(vm, &args, "groupby", &["iterable", "key"], 1, 2)?;
    let keyfunc = v[1].clone().unwrap_or(Value::None);
    let it = vm.iter(v[0].as_ref().unwrap_or(&Value::None))?;
    new_obj(vm, a, GroupBy { it, keyfunc, tgtkey: None, currkey: None, currvalue: None, currgrouper: 0, next_id: 0 })
}

const GB: &str = "itertools.groupby";

/// Advance the underlying iterator: false when it is exhausted.
fn groupby_step(vm: &mut Vm, gb: &Value) -> PyResult<bool> {
    let (it, keyfunc) = {
        let g = st::<GroupBy>(vm, gb, GB, "__next__")?;
        (g.it.clone(), g.keyfunc.clone())
    };
    let Some(value) = vm.next(&it)? else { return Ok(false) };
    let key = if keyfunc.is_none() { value.clone() } else { vm.call(&keyfunc, vec![value.clone()])? };
    let mut g = st::<GroupBy>(vm, gb, GB, "__next__")?;
    g.currvalue = Some(value);
    g.currkey = Some(key);
    Ok(true)
}

fn groupby_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(vm, a, GB, "__next__")?;
    st::<GroupBy>(vm, s, GB, "__next__")?.currgrouper = 0;
    loop {
        let (curr, tgt) = {
            let g = st::<GroupBy>(vm, s, GB, "__next__")?;
            (g.currkey.clone(), g.tgtkey.clone())
        };
        if let Some(ck) = curr {
            match tgt {
                None => break,
                Some(tk) => {
                    if !vm.eq(&tk, &ck)? {
                        break;
                    }
                }
            }
        }
        if !groupby_step(vm, s)? {
            return done(vm);
        }
    }
    let (key, id) = {
        let mut g = st::<GroupBy>(vm, s, GB, "__next__")?;
        let key = g.currkey.clone().unwrap_or(Value::None);
        g.tgtkey = Some(key.clone());
        g.next_id += 1;
        g.currgrouper = g.next_id;
        (key, g.next_id)
    };
    let Some(gc) = grouper_class() else { return Err(vm.type_error("itertools is not initialized")) };
    let grouper = native::new_opaque(vm, &gc, Grouper { parent: s.clone(), tgtkey: key.clone(), id });
    Ok(vm.new_tuple(vec![key, grouper]))
}

fn grouper_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = new_args(a);
    let p = positional_only(vm, &args, "_grouper", 2, 2)?;
    let parent = p[0].clone();
    let tgtkey = p[1].clone();
    let id = match native::opaque_mut::<GroupBy>(&parent) {
        Some(mut g) => {
            g.next_id += 1;
            g.currgrouper = g.next_id;
            g.next_id
        }
        None => {
            return Err(vm.type_error(format!("_grouper() argument 1 must be itertools.groupby, not {}", vm.type_name(&parent))));
        }
    };
    new_obj(vm, a, Grouper { parent, tgtkey, id })
}

fn grouper_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools._grouper";
    let s = this(vm, a, tn, "__next__")?;
    let (parent, tgtkey, id) = {
        let g = st::<Grouper>(vm, s, tn, "__next__")?;
        (g.parent.clone(), g.tgtkey.clone(), g.id)
    };
    let (current, has_value) = {
        let g = st::<GroupBy>(vm, &parent, GB, "__next__")?;
        (g.currgrouper == id, g.currvalue.is_some())
    };
    if !current {
        return done(vm);
    }
    if !has_value && !groupby_step(vm, &parent)? {
        return done(vm);
    }
    let ck = st::<GroupBy>(vm, &parent, GB, "__next__")?.currkey.clone().unwrap_or(Value::None);
    if !vm.eq(&tgtkey, &ck)? {
        return done(vm);
    }
    let mut g = st::<GroupBy>(vm, &parent, GB, "__next__")?;
    let r = g.currvalue.take().unwrap_or(Value::None);
    g.currkey = None;
    Ok(r)
}

// ---- islice ----------------------------------------------------------

struct Islice {
    it: Option<Value>,
    next: i64,
    /// -1: no stop.
    stop: i64,
    step: i64,
    cnt: i64,
}

/// `PyNumber_AsSsize_t` with any error cleared: -1 on failure.
fn ssize_or_minus1(vm: &mut Vm, v: &Value) -> i64 {
    let cls = vm.type_of(v);
    if !is_int(v) && vm.lookup_mro(&cls, "__index__").is_none() {
        return -1;
    }
    match crate::builtins::index_big(vm, v) {
        Ok(b) => {
            use num_traits::ToPrimitive;
            b.to_i64().unwrap_or(-1)
        }
        Err(_) => -1,
    }
}

fn islice_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = new_args(a);
    let p = positional_only(vm, &args, "islice", 2, 4)?.to_vec();
    let stop_msg = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    let (mut start, mut stop, mut step) = (0i64, -1i64, 1i64);
    if p.len() == 2 {
        if !p[1].is_none() {
            stop = ssize_or_minus1(vm, &p[1]);
            if stop == -1 {
                return Err(vm.value_error(stop_msg));
            }
        }
    } else {
        if !p[1].is_none() {
            start = ssize_or_minus1(vm, &p[1]);
        }
        if !p[2].is_none() {
            stop = ssize_or_minus1(vm, &p[2]);
            if stop == -1 {
                return Err(vm.value_error(stop_msg));
            }
        }
    }
    if start < 0 || stop < -1 {
        return Err(vm.value_error("Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize."));
    }
    if let Some(s) = p.get(3) {
        if !s.is_none() {
            step = ssize_or_minus1(vm, s);
        }
    }
    if step < 1 {
        return Err(vm.value_error("Step for islice() must be a positive integer or None."));
    }
    let it = vm.iter(&p[0])?;
    new_obj(vm, a, Islice { it: Some(it), next: start, stop, step, cnt: 0 })
}

fn islice_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools.islice";
    let s = this(vm, a, tn, "__next__")?;
    let (it, stop) = {
        let l = st::<Islice>(vm, s, tn, "__next__")?;
        (l.it.clone(), l.stop)
    };
    let Some(it) = it else { return done(vm) };
    let empty = |vm: &mut Vm, r: PyResult<Option<Value>>| -> PyResult<Value> {
        st::<Islice>(vm, s, tn, "__next__")?.it = None;
        r?;
        done(vm)
    };
    loop {
        let (cnt, next) = {
            let l = st::<Islice>(vm, s, tn, "__next__")?;
            (l.cnt, l.next)
        };
        if cnt >= next {
            break;
        }
        match vm.next(&it) {
            Ok(Some(_)) => st::<Islice>(vm, s, tn, "__next__")?.cnt += 1,
            r => return empty(vm, r),
        }
    }
    let cnt = st::<Islice>(vm, s, tn, "__next__")?.cnt;
    if stop != -1 && cnt >= stop {
        return empty(vm, Ok(None));
    }
    let item = match vm.next(&it) {
        Ok(Some(x)) => x,
        r => return empty(vm, r),
    };
    let mut l = st::<Islice>(vm, s, tn, "__next__")?;
    l.cnt += 1;
    let old = l.next;
    l.next = match old.checked_add(l.step) {
        Some(n) if !(stop != -1 && n > stop) => n,
        _ => stop,
    };
    Ok(item)
}

// ---- pairwise --------------------------------------------------------

struct Pairwise {
    it: Option<Value>,
    old: Option<Value>,
}

fn pairwise_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = new_args(a);
    let p = positional_only(vm, &args, "pairwise", 1, 1)?;
    let it = vm.iter(&p[0])?;
    new_obj(vm, a, Pairwise { it: Some(it), old: None })
}

fn pairwise_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools.pairwise";
    let s = this(vm, a, tn, "__next__")?;
    let (it, old) = {
        let p = st::<Pairwise>(vm, s, tn, "__next__")?;
        (p.it.clone(), p.old.clone())
    };
    let Some(it) = it else { return done(vm) };
    let clear = |vm: &mut Vm, r: PyResult<Option<Value>>| -> PyResult<Value> {
        let mut p = st::<Pairwise>(vm, s, tn, "__next__")?;
        p.it = None;
        p.old = None;
        drop(p);
        r?;
        done(vm)
    };
    let old = match old {
        Some(o) => o,
        None => match vm.next(&it) {
            Ok(Some(o)) => {
                st::<Pairwise>(vm, s, tn, "__next__")?.old = Some(o.clone());
                o
            }
            r => return clear(vm, r),
        },
    };
    let new = match vm.next(&it) {
        Ok(Some(n)) => n,
        r => return clear(vm, r),
    };
    st::<Pairwise>(vm, s, tn, "__next__")?.old = Some(new.clone());
    Ok(vm.new_tuple(vec![old, new]))
}

// ---- tee -------------------------------------------------------------

/// Values are buffered in links of this many, shared by the tee objects;
/// a link is freed when no tee object is before its end.
const LINKCELLS: usize = 57;

struct TeeLink {
    it: Value,
    values: Vec<Value>,
    next: Option<Rc<RefCell<TeeLink>>>,
    running: bool,
}

struct Tee {
    link: Rc<RefCell<TeeLink>>,
    index: usize,
}

fn new_link(it: Value) -> Rc<RefCell<TeeLink>> {
    Rc::new(RefCell::new(TeeLink { it, values: Vec::new(), next: None, running: false }))
}

fn make_tee(vm: &Vm, tee: Tee) -> PyResult<Value> {
    let Some(c) = tee_class() else { return Err(vm.type_error("itertools is not initialized")) };
    Ok(native::new_opaque(vm, &c, tee))
}

/// `tee_fromiterable`: a tee over `iterable`'s iterator (a copy if that
/// is a tee already).
fn tee_from(vm: &mut Vm, iterable: &Value) -> PyResult<Value> {
    let it = vm.iter(iterable)?;
    let copy = native::opaque::<Tee>(&it).map(|t| Tee { link: t.link.clone(), index: t.index });
    match copy {
        Some(t) => make_tee(vm, t),
        None => make_tee(vm, Tee { link: new_link(it), index: 0 }),
    }
}

fn tee_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = new_args(a);
    let p = positional_only(vm, &args, "_tee", 1, 1)?;
    tee_from(vm, &p[0].clone())
}

fn tee_copy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools._tee";
    let s = this(vm, a, tn, "__copy__")?;
    let t = {
        let t = st::<Tee>(vm, s, tn, "__copy__")?;
        Tee { link: t.link.clone(), index: t.index }
    };
    make_tee(vm, t)
}

fn tee_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools._tee";
    let s = this(vm, a, tn, "__next__")?;
    let (mut link, mut index) = {
        let t = st::<Tee>(vm, s, tn, "__next__")?;
        (t.link.clone(), t.index)
    };
    if index >= LINKCELLS {
        let next = {
            let mut l = link.borrow_mut();
            let it = l.it.clone();
            l.next.get_or_insert_with(|| new_link(it)).clone()
        };
        link = next;
        index = 0;
        let mut t = st::<Tee>(vm, s, tn, "__next__")?;
        t.link = link.clone();
        t.index = 0;
    }
    let cached = link.borrow().values.get(index).cloned();
    let value = match cached {
        Some(v) => v,
        None => {
            let it = {
                let mut l = link.borrow_mut();
                if l.running {
                    drop(l);
                    return Err(vm.err(&vm.types.exc.runtime_error.clone(), "cannot re-enter the tee iterator"));
                }
                l.running = true;
                l.it.clone()
            };
            let r = vm.next(&it);
            link.borrow_mut().running = false;
            let Some(v) = r? else { return done(vm) };
            link.borrow_mut().values.push(v.clone());
            v
        }
    };
    st::<Tee>(vm, s, tn, "__next__")?.index = index + 1;
    Ok(value)
}

fn tee(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("itertools.tee() takes no keyword arguments"));
    }
    let p = positional_only(vm, a, "tee", 1, 2)?;
    let n = match p.get(1) {
        Some(n) => ssize(vm, n)?,
        None => 2,
    };
    if n < 0 {
        return Err(vm.value_error("n must be >= 0"));
    }
    if n == 0 {
        return Ok(vm.new_tuple(vec![]));
    }
    let it = vm.iter(&p[0])?;
    let copy_name = crate::vm::str_key("__copy__");
    let (first, copyfunc) = match vm.getattr(&it, &copy_name) {
        Ok(f) => (it, f),
        Err(e) if vm.isinstance(&e.0, &vm.types.exc.attribute_error.clone()) => {
            let t = tee_from(vm, &it)?;
            let f = vm.getattr(&t, &copy_name)?;
            (t, f)
        }
        Err(e) => return Err(e),
    };
    if n > (1 << 28) {
        return Err(vm.memory_error());
    }
    let mut out = vec![first];
    for _ in 1..n {
        out.push(vm.call(&copyfunc, vec![])?);
    }
    Ok(vm.new_tuple(out))
}

// ---- zip_longest -----------------------------------------------------

struct ZipLongest {
    its: Vec<Option<Value>>,
    numactive: usize,
    fill: Value,
}

fn zip_longest_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let mut fill = Value::None;
    if !a.kw.is_empty() {
        match (a.kw.len(), a.kwarg("fillvalue")) {
            (1, Some(f)) => fill = f.clone(),
            _ => return Err(vm.type_error("zip_longest() got an unexpected keyword argument")),
        }
    }
    let mut its = Vec::new();
    for x in a.pos.iter().skip(1) {
        its.push(Some(vm.iter(x)?));
    }
    let numactive = its.len();
    new_obj(vm, a, ZipLongest { its, numactive, fill })
}

fn zip_longest_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools.zip_longest";
    let s = this(vm, a, tn, "__next__")?;
    let (its, fill) = {
        let z = st::<ZipLongest>(vm, s, tn, "__next__")?;
        if z.its.is_empty() || z.numactive == 0 {
            drop(z);
            return done(vm);
        }
        (z.its.clone(), z.fill.clone())
    };
    let mut out = Vec::with_capacity(its.len());
    for (i, it) in its.iter().enumerate() {
        let Some(it) = it else {
            out.push(fill.clone());
            continue;
        };
        match vm.next(it) {
            Ok(Some(x)) => out.push(x),
            Ok(None) => {
                let mut z = st::<ZipLongest>(vm, s, tn, "__next__")?;
                z.numactive = z.numactive.saturating_sub(1);
                if z.numactive == 0 {
                    drop(z);
                    return done(vm);
                }
                if let Some(slot) = z.its.get_mut(i) {
                    *slot = None;
                }
                out.push(fill.clone());
            }
            Err(e) => {
                st::<ZipLongest>(vm, s, tn, "__next__")?.numactive = 0;
                return Err(e);
            }
        }
    }
    Ok(vm.new_tuple(out))
}

// ---- combinatorics -----------------------------------------------------

struct Product {
    pools: Vec<Rc<[Value]>>,
    indices: Vec<usize>,
    started: bool,
    stopped: bool,
}

fn product_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let mut repeat = 1i64;
    if !a.kw.is_empty() {
        let kwonly = Args { pos: Vec::new(), kw: a.kw.clone() };
        let v = bind(vm, &kwonly, "product", &["repeat"], 0, 0)?;
        if let Some(r) = &v[0] {
            repeat = ssize(vm, r)?;
        }
        if repeat < 0 {
            return Err(vm.value_error("repeat argument cannot be negative"));
        }
    }
    let nargs = a.pos.len().saturating_sub(1) as i64;
    if repeat != 0 && nargs > i64::MAX / 8 / repeat {
        return Err(vm.overflow_error("repeat argument too large"));
    }
    let npools = nargs * repeat;
    if npools > (1 << 26) {
        return Err(vm.memory_error());
    }
    let mut base: Vec<Rc<[Value]>> = Vec::new();
    for x in a.pos.iter().skip(1) {
        base.push(to_items(vm, x)?.into());
    }
    let mut pools = Vec::with_capacity(npools as usize);
    for _ in 0..repeat {
        pools.extend(base.iter().cloned());
    }
    let n = pools.len();
    new_obj(vm, a, Product { pools, indices: vec![0; n], started: false, stopped: false })
}

fn product_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools.product";
    let s = this(vm, a, tn, "__next__")?;
    let result = {
        let mut p = st::<Product>(vm, s, tn, "__next__")?;
        let p = &mut *p;
        if p.stopped {
            None
        } else if !p.started {
            p.started = true;
            if p.pools.iter().any(|x| x.is_empty()) {
                p.stopped = true;
                None
            } else {
                Some(p.pools.iter().map(|x| x[0].clone()).collect::<Vec<_>>())
            }
        } else {
            let mut i = p.pools.len();
            let mut advanced = false;
            while i > 0 {
                i -= 1;
                p.indices[i] += 1;
                if p.indices[i] == p.pools[i].len() {
                    p.indices[i] = 0;
                } else {
                    advanced = true;
                    break;
                }
            }
            if advanced {
                Some(p.pools.iter().zip(&p.indices).map(|(x, &j)| x[j].clone()).collect())
            } else {
                p.stopped = true;
                None
            }
        }
    };
    match result {
        Some(v) => Ok(vm.new_tuple(v)),
        None => done(vm),
    }
}

struct Combos {
    pool: Vec<Value>,
    indices: Vec<usize>,
    /// permutations: the cycle counters.
    cycles: Vec<usize>,
    r: usize,
    started: bool,
    stopped: bool,
}

fn pool_and_r(vm: &mut Vm, a: &Args, name: &str, r_required: bool) -> PyResult<(Vec<Value>, Option<i64>)> {
    let args = new_args(a);
    let v = bind(vm, &args, name, &["iterable", "r"], if r_required { 2 } else { 1 }, 2)?;
    let pool = to_items(vm, v[0].as_ref().unwrap_or(&Value::None))?;
    let r = match &v[1] {
        Some(r) if !r_required && r.is_none() => None,
        Some(r) if !r_required && !is_int(r) => return Err(vm.type_error("Expected int as r")),
        Some(r) => Some(ssize(vm, r)?),
        None => None,
    };
    if r.is_some_and(|r| r < 0) {
        return Err(vm.value_error("r must be non-negative"));
    }
    // CPython allocates r indices up front.
    if r.is_some_and(|r| r >= 1 << 32) {
        return Err(vm.memory_error());
    }
    Ok((pool, r))
}

fn combinations_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (pool, r) = pool_and_r(vm, a, "combinations", true)?;
    let r = r.unwrap_or(0) as usize;
    let n = pool.len();
    if r > (1 << 28) {
        return new_obj(vm, a, Combos { pool, indices: Vec::new(), cycles: Vec::new(), r, started: false, stopped: true });
    }
    new_obj(vm, a, Combos { pool, indices: (0..r).collect(), cycles: Vec::new(), r, started: false, stopped: r > n })
}

fn combinations_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools.combinations";
    let s = this(vm, a, tn, "__next__")?;
    let result = {
        let mut c = st::<Combos>(vm, s, tn, "__next__")?;
        let c = &mut *c;
        let n = c.pool.len();
        let r = c.r;
        if c.stopped {
            None
        } else if !c.started {
            c.started = true;
            Some(c.indices.iter().map(|&i| c.pool[i].clone()).collect::<Vec<_>>())
        } else {
            // The rightmost index that is not at its maximum.
            let mut i = r;
            let mut found = false;
            while i > 0 {
                i -= 1;
                if c.indices[i] != i + n - r {
                    found = true;
                    break;
                }
            }
            if !found {
                c.stopped = true;
                None
            } else {
                c.indices[i] += 1;
                for j in i + 1..r {
                    c.indices[j] = c.indices[j - 1] + 1;
                }
                Some(c.indices.iter().map(|&i| c.pool[i].clone()).collect())
            }
        }
    };
    match result {
        Some(v) => Ok(vm.new_tuple(v)),
        None => done(vm),
    }
}

fn cwr_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (pool, r) = pool_and_r(vm, a, "combinations_with_replacement", true)?;
    let r = r.unwrap_or(0) as usize;
    let n = pool.len();
    if r > (1 << 28) && n > 0 {
        return Err(vm.memory_error());
    }
    let stopped = n == 0 && r > 0;
    let indices = if stopped { Vec::new() } else { vec![0; r] };
    new_obj(vm, a, Combos { pool, indices, cycles: Vec::new(), r, started: false, stopped })
}

fn cwr_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools.combinations_with_replacement";
    let s = this(vm, a, tn, "__next__")?;
    let result = {
        let mut c = st::<Combos>(vm, s, tn, "__next__")?;
        let c = &mut *c;
        let n = c.pool.len();
        let r = c.r;
        if c.stopped {
            None
        } else if !c.started {
            c.started = true;
            Some(c.indices.iter().map(|&i| c.pool[i].clone()).collect::<Vec<_>>())
        } else {
            let mut i = r;
            let mut found = false;
            while i > 0 {
                i -= 1;
                if c.indices[i] != n - 1 {
                    found = true;
                    break;
                }
            }
            if !found {
                c.stopped = true;
                None
            } else {
                let v = c.indices[i] + 1;
                for j in i..r {
                    c.indices[j] = v;
                }
                Some(c.indices.iter().map(|&i| c.pool[i].clone()).collect())
            }
        }
    };
    match result {
        Some(v) => Ok(vm.new_tuple(v)),
        None => done(vm),
    }
}

fn permutations_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (pool, r) = pool_and_r(vm, a, "permutations", false)?;
    let n = pool.len();
    let r = match r {
        Some(r) => r as usize,
        None => n,
    };
    if r > n {
        return new_obj(vm, a, Combos { pool, indices: Vec::new(), cycles: Vec::new(), r, started: false, stopped: true });
    }
    let indices = (0..n).collect();
    let cycles = (0..r).map(|i| n - i).collect();
    new_obj(vm, a, Combos { pool, indices, cycles, r, started: false, stopped: false })
}

fn permutations_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tn = "itertools.permutations";
    let s = this(vm, a, tn, "__next__")?;
    let result = {
        let mut c = st::<Combos>(vm, s, tn, "__next__")?;
        let c = &mut *c;
        let n = c.pool.len();
        let r = c.r;
        if c.stopped {
            None
        } else if !c.started {
            c.started = true;
            Some(c.indices[..r].iter().map(|&i| c.pool[i].clone()).collect::<Vec<_>>())
        } else if n == 0 {
            c.stopped = true;
            None
        } else {
            // Decrement the rightmost cycle, rotating indices as needed.
            let mut i = r;
            let mut found = false;
            while i > 0 {
                i -= 1;
                c.cycles[i] -= 1;
                if c.cycles[i] == 0 {
                    // Rotate indices[i:] left by one.
                    c.indices[i..].rotate_left(1);
                    c.cycles[i] = n - i;
                } else {
                    let j = c.cycles[i];
                    c.indices.swap(i, n - j);
                    found = true;
                    break;
                }
            }
            if !found {
                c.stopped = true;
                None
            } else {
                Some(c.indices[..r].iter().map(|&i| c.pool[i].clone()).collect())
            }
        }
    };
    match result {
        Some(v) => Ok(vm.new_tuple(v)),
        None => done(vm),
    }
}
