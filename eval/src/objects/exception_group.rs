//! `BaseExceptionGroup` and `ExceptionGroup` (PEP 654): construction rules,
//! `split`/`subgroup`/`derive`, and the two helpers `except*` compiles to.

use crate::types::{add_method, add_native};
use crate::value::{Payload, PyRef, Value};
use crate::vm::{str_key, Args, Vm};
use crate::{PyErr, PyResult};

pub fn install(vm: &mut Vm) {
    let t = &vm.types;
    let beg = t.exc.base_exception_group.clone();
    add_native(&beg, "__new__", eg_new, false, true);
    add_method(&beg, "__init__", eg_init);
    add_method(&beg, "__str__", eg_str);
    add_method(&beg, "__repr__", eg_repr);
    add_method(&beg, "split", eg_split);
    add_method(&beg, "subgroup", eg_subgroup);
    add_method(&beg, "derive", eg_derive);
}

fn dict_get(v: &Value, name: &str) -> Option<Value> {
    v.obj()?.dict.as_ref()?.borrow().get_str(name).cloned()
}

fn dict_set(v: &Value, name: &str, x: Value) {
    if let Some(d) = v.obj().and_then(|o| o.dict.as_ref()) {
        d.borrow_mut().set_str(name, x);
    }
}

pub fn is_group(vm: &Vm, v: &Value) -> bool {
    vm.isinstance(v, &vm.types.exc.base_exception_group)
}

/// The sub-exceptions of a group.
pub fn exceptions_of(v: &Value) -> Vec<Value> {
    match dict_get(v, "exceptions").as_ref().and_then(|e| e.payload()) {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => Vec::new(),
    }
}

fn message_of(vm: &mut Vm, v: &Value) -> String {
    dict_get(v, "message").map(|m| vm.str_string(&m).unwrap_or_default()).unwrap_or_default()
}

fn eg_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(cls) = a.pos.first().and_then(|c| c.obj()).filter(|o| matches!(o.payload, Payload::Class(_))).cloned() else {
        return Err(vm.type_error("BaseExceptionGroup.__new__(X): X is not a type object"));
    };
    if a.pos.len() != 3 {
        return Err(vm.type_error(format!("BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)", a.pos.len().saturating_sub(1))));
    }
    let message = a.pos[1].clone();
    if message.as_str().is_none() {
        return Err(vm.type_error("argument 1 must be str, not ".to_string() + &vm.type_name(&message)));
    }
    let excs = &a.pos[2];
    let is_seq = matches!(excs.payload(), Some(Payload::List(_) | Payload::Tuple(_)));
    if !is_seq {
        return Err(vm.type_error("second argument (exceptions) must be a sequence"));
    }
    let items = vm.to_vec(excs)?;
    if items.is_empty() {
        return Err(vm.value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let mut all_exceptions = true;
    for (i, e) in items.iter().enumerate() {
        if !matches!(e.payload(), Some(Payload::Exception(_))) {
            return Err(vm.value_error(format!("Item {i} of second argument (exceptions) is not an exception")));
        }
        if !vm.isinstance(e, &vm.types.exc.exception.clone()) {
            all_exceptions = false;
        }
    }
    let beg = vm.types.exc.base_exception_group.clone();
    let eg = vm.types.exc.exception_group.clone();
    let mut cls = cls;
    if std::rc::Rc::ptr_eq(&cls, &beg) {
        if all_exceptions {
            cls = eg;
        }
    } else if vm.is_subclass(&cls, &eg) {
        if !all_exceptions {
            return Err(vm.type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
        }
    } else if !all_exceptions && !vm.is_subclass(&cls, &vm.types.exc.exception.clone()) {
        // A user subclass of BaseExceptionGroup may hold BaseExceptions.
    } else if !all_exceptions {
        let n = crate::types::class_name(&cls);
        return Err(vm.type_error(format!("Cannot nest BaseExceptions in '{n}'")));
    }
    let v = crate::builtins::exception_new_of(vm, &cls, vec![message.clone(), excs.clone()]);
    dict_set(&v, "message", message);
    let t = vm.new_tuple(items);
    dict_set(&v, "exceptions", t);
    Ok(v)
}

fn eg_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    // Arguments were taken by __new__; a subclass may pass others to
    // super().__init__, which only sets args.
    if let Some(Payload::Exception(x)) = a.pos.first().and_then(|v| v.payload()) {
        *x.args.borrow_mut() = vm.new_tuple(a.pos[1..].to_vec());
    }
    Ok(Value::None)
}

fn eg_str(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = &a.pos[0];
    let m = message_of(vm, v);
    let n = exceptions_of(v).len();
    Ok(vm.new_str(&format!("{m} ({n} sub-exception{})", if n == 1 { "" } else { "s" })))
}

fn eg_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = a.pos[0].clone();
    let name = vm.type_name(&v);
    let m = dict_get(&v, "message").unwrap_or(Value::None);
    let mr = vm.repr(&m)?.to_string_lossy();
    let l = vm.new_list(exceptions_of(&v));
    let lr = vm.repr(&l)?.to_string_lossy();
    Ok(vm.new_str(&format!("{name}({mr}, {lr})")))
}

/// A predicate from `split`/`subgroup`'s argument: a type, a tuple of
/// types, or a callable.
enum Cond {
    Types(Value),
    Call(Value),
}

fn cond_of(vm: &mut Vm, v: &Value) -> PyResult<Cond> {
    let is_type = |x: &Value| matches!(x.payload(), Some(Payload::Class(_)));
    match v.payload() {
        Some(Payload::Class(_)) => Ok(Cond::Types(v.clone())),
        Some(Payload::Tuple(t)) if t.iter().all(is_type) => Ok(Cond::Types(v.clone())),
        _ => {
            let c = vm.builtins_get("callable").unwrap_or(Value::None);
            let r = vm.call(&c, vec![v.clone()])?;
            if vm.truthy(&r)? {
                Ok(Cond::Call(v.clone()))
            } else {
                Err(vm.type_error("expected a function, exception type or tuple of exception types"))
            }
        }
    }
}

fn cond_matches(vm: &mut Vm, c: &Cond, e: &Value) -> PyResult<bool> {
    match c {
        Cond::Types(t) => crate::builtins::isinstance_of(vm, e, t),
        Cond::Call(f) => {
            let r = vm.call(f, vec![e.clone()])?;
            vm.truthy(&r)
        }
    }
}

/// `eg.derive(excs)` with the group's cause, context, traceback and notes.
fn derive_with_state(vm: &mut Vm, eg: &Value, excs: Vec<Value>) -> PyResult<Value> {
    let l = vm.new_list(excs);
    let d = vm.getattr(eg, &str_key("derive"))?;
    let new = vm.call(&d, vec![l])?;
    if let (Some(Payload::Exception(src)), Some(Payload::Exception(dst))) = (eg.payload(), new.payload()) {
        *dst.cause.borrow_mut() = src.cause.borrow().clone();
        *dst.context.borrow_mut() = src.context.borrow().clone();
        dst.suppress_context.set(src.suppress_context.get());
        *dst.traceback.borrow_mut() = src.traceback.borrow().clone();
    }
    if let Some(n) = dict_get(eg, "__notes__") {
        dict_set(&new, "__notes__", n);
    }
    Ok(new)
}

/// `(match, rest)` of a group by a condition.
fn split(vm: &mut Vm, eg: &Value, c: &Cond) -> PyResult<(Option<Value>, Option<Value>)> {
    if cond_matches(vm, c, eg)? {
        return Ok((Some(eg.clone()), None));
    }
    if !is_group(vm, eg) {
        return Ok((None, Some(eg.clone())));
    }
    let mut matched = Vec::new();
    let mut rest = Vec::new();
    for e in exceptions_of(eg) {
        let (m, r) = split(vm, &e, c)?;
        matched.extend(m);
        rest.extend(r);
    }
    let m = if matched.is_empty() { None } else { Some(derive_with_state(vm, eg, matched)?) };
    let r = if rest.is_empty() { None } else { Some(derive_with_state(vm, eg, rest)?) };
    Ok((m, r))
}

fn eg_split(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(arg) = a.pos.get(1) else { return Err(vm.type_error("split() takes exactly one argument (0 given)")) };
    let c = cond_of(vm, arg)?;
    let (m, r) = split(vm, &a.pos[0], &c)?;
    Ok(vm.new_tuple(vec![m.unwrap_or(Value::None), r.unwrap_or(Value::None)]))
}

fn eg_subgroup(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(arg) = a.pos.get(1) else { return Err(vm.type_error("subgroup() takes exactly one argument (0 given)")) };
    let c = cond_of(vm, arg)?;
    let (m, _) = split(vm, &a.pos[0], &c)?;
    Ok(m.unwrap_or(Value::None))
}

fn eg_derive(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(excs) = a.pos.get(1).cloned() else { return Err(vm.type_error("derive() takes exactly one argument (0 given)")) };
    let m = dict_get(&a.pos[0], "message").unwrap_or_else(|| vm.new_str(""));
    let cls = Value::Obj(vm.types.exc.base_exception_group.clone());
    vm.call(&cls, vec![m, excs])
}

/// A group wrapping one exception (a naked exception caught by `except*`).
fn wrap(vm: &mut Vm, e: &Value) -> PyResult<Value> {
    let cls = Value::Obj(vm.types.exc.base_exception_group.clone());
    let l = vm.new_list(vec![e.clone()]);
    let m = vm.new_str("");
    let g = vm.call(&cls, vec![m, l])?;
    if let (Some(Payload::Exception(src)), Some(Payload::Exception(dst))) = (e.payload(), g.payload()) {
        *dst.traceback.borrow_mut() = src.traceback.borrow().clone();
    }
    Ok(g)
}

/// `CHECK_EG_MATCH`: split `exc` by the `except*` clause's types.
pub fn check_eg_match(vm: &mut Vm, exc: &Value, types: &Value) -> PyResult<(Value, Value)> {
    let items = match types.payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => vec![types.clone()],
    };
    for t in &items {
        let Some(c) = t.obj().filter(|o| matches!(o.payload, Payload::Class(_))) else {
            return Err(vm.type_error("catching classes that do not inherit from BaseException is not allowed"));
        };
        if !vm.is_subclass(c, &vm.types.exc.base_exception.clone()) {
            return Err(vm.type_error("catching classes that do not inherit from BaseException is not allowed"));
        }
        if vm.is_subclass(c, &vm.types.exc.base_exception_group.clone()) {
            return Err(vm.type_error("catching ExceptionGroup with except* is not allowed. Use except instead."));
        }
    }
    if exc.is_none() {
        return Ok((Value::None, Value::None));
    }
    let cond = Cond::Types(types.clone());
    if !is_group(vm, exc) {
        if cond_matches(vm, &cond, exc)? {
            let g = wrap(vm, exc)?;
            return Ok((Value::None, g));
        }
        return Ok((exc.clone(), Value::None));
    }
    let (m, r) = split(vm, exc, &cond)?;
    Ok((r.unwrap_or(Value::None), m.unwrap_or(Value::None)))
}

fn addr(v: &Value) -> usize {
    v.obj().map(|o| std::rc::Rc::as_ptr(o) as usize).unwrap_or(0)
}

fn leaves(vm: &Vm, v: &Value, out: &mut Vec<usize>) {
    if is_group(vm, v) {
        for e in exceptions_of(v) {
            leaves(vm, &e, out);
        }
    } else {
        out.push(addr(v));
    }
}

/// `orig` restricted to the leaves in `keep` (by identity).
fn project(vm: &mut Vm, orig: &Value, keep: &[usize]) -> PyResult<Option<Value>> {
    if !is_group(vm, orig) {
        return Ok(if keep.contains(&addr(orig)) { Some(orig.clone()) } else { None });
    }
    let subs = exceptions_of(orig);
    let mut kept = Vec::new();
    let mut all = true;
    for e in &subs {
        match project(vm, e, keep)? {
            Some(p) => {
                if !p.is(e) {
                    all = false;
                }
                kept.push(p);
            }
            None => all = false,
        }
    }
    if kept.is_empty() {
        return Ok(None);
    }
    if all {
        return Ok(Some(orig.clone()));
    }
    derive_with_state(vm, orig, kept).map(Some)
}

/// `PREP_RERAISE_STAR`: what leaves a `try`/`except*` — the unhandled and
/// re-raised parts of `orig` (in its shape), plus exceptions raised by the
/// handlers, or None.
pub fn prep_reraise_star(vm: &mut Vm, orig: &Value, list: &Value) -> PyResult<Value> {
    let items: Vec<Value> = vm.to_vec(list)?.into_iter().filter(|v| !v.is_none()).collect();
    if items.is_empty() {
        return Ok(Value::None);
    }
    let mut orig_leaves = Vec::new();
    leaves(vm, orig, &mut orig_leaves);
    let mut keep = Vec::new();
    let mut raised = Vec::new();
    for it in &items {
        let mut ls = Vec::new();
        leaves(vm, it, &mut ls);
        if it.is(orig) || ls.iter().all(|l| orig_leaves.contains(l)) {
            keep.extend(ls);
        } else {
            raised.push(it.clone());
        }
    }
    let reraised = if keep.is_empty() { None } else { project(vm, orig, &keep)? };
    if raised.is_empty() {
        return Ok(reraised.unwrap_or(Value::None));
    }
    raised.extend(reraised);
    if raised.len() == 1 {
        return Ok(raised.pop().expect("one item"));
    }
    let cls = Value::Obj(vm.types.exc.base_exception_group.clone());
    let l = vm.new_list(raised);
    let m = vm.new_str("");
    let g = vm.call(&cls, vec![m, l])?;
    if let (Some(Payload::Exception(src)), Some(Payload::Exception(dst))) = (orig.payload(), g.payload()) {
        *dst.traceback.borrow_mut() = src.traceback.borrow().clone();
    }
    Ok(g)
}

#[allow(dead_code)]
fn unused(_: PyRef, _: PyErr) {}
