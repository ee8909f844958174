//! `_contextvars` (PEP 567): `ContextVar`, `Token`, `Context` and
//! `copy_context`, as CPython's `Python/context.c`. A context maps
//! variables (by identity) to values; it is copied on write, so a copy
//! taken by `copy_context()` never sees later changes. Each OS thread has
//! its own current context (CPython: per thread state).
//!
//! Approximations: a context iterates its variables in the order they were
//! first set (CPython's HAMT order follows hashes of addresses, so no
//! program can rely on it); `keys()`, `values()` and `items()` return
//! lists where CPython returns its own iterable views.

use std::cell::RefCell;
use std::rc::Rc;

use crate::modules::native::{self, new_opaque, opaque, opaque_mut, positional};
use crate::value::{PyRef, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

pub struct Var {
    name: Value,
    default: Option<Value>,
}

pub struct Ctx {
    vars: Rc<Vec<(Value, Value)>>,
    entered: bool,
    prev: Option<Value>,
}

pub struct Token {
    ctx: Value,
    var: Value,
    old: Option<Value>,
    used: bool,
}

struct Types {
    var: PyRef,
    ctx: PyRef,
    token: PyRef,
    missing: Value,
}

thread_local! {
    static TYPES: RefCell<Option<Rc<Types>>> = const { RefCell::new(None) };
    /// The current context of this thread (made on first use).
    static CURRENT: RefCell<Option<Value>> = const { RefCell::new(None) };
}

fn types(vm: &mut Vm) -> PyResult<Rc<Types>> {
    if let Some(t) = TYPES.with(|t| t.borrow().clone()) {
        return Ok(t);
    }
    init(vm)?;
    Ok(TYPES.with(|t| t.borrow().clone()).expect("init made the types"))
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(vm, "_contextvars", &[("copy_context", copy_context)]);
    native::set(&m, "__doc__", vm.new_str("Context Variables"));
    if let Some(t) = TYPES.with(|t| t.borrow().clone()) {
        native::set(&m, "ContextVar", Value::Obj(t.var.clone()));
        native::set(&m, "Context", Value::Obj(t.ctx.clone()));
        native::set(&m, "Token", Value::Obj(t.token.clone()));
        return Ok(m);
    }
    let var = native::native_final_class(vm, "_contextvars", "ContextVar");
    native::add_new(&var, var_new);
    native::add_method(&var, "get", var_get);
    native::add_method(&var, "set", var_set);
    native::add_method(&var, "reset", var_reset);
    native::add_method(&var, "__repr__", var_repr);
    native::add_readonly_member(vm, &var, "name", var_name);
    native::add_classmethod(vm, &var, "__class_getitem__", crate::objects::generic_alias::class_getitem);

    let token = native::native_final_class(vm, "_contextvars", "Token");
    native::add_new(&token, token_new);
    native::add_method(&token, "__repr__", token_repr);
    native::add_readonly_member(vm, &token, "var", token_var);
    native::add_readonly_member(vm, &token, "old_value", token_old_value);
    native::add_classmethod(vm, &token, "__class_getitem__", crate::objects::generic_alias::class_getitem);
    let missing_cls = native::native_final_class(vm, "Token", "MISSING");
    native::add_method(&missing_cls, "__repr__", missing_repr);
    let missing = new_opaque(vm, &missing_cls, ());
    native::set(&Value::Obj(token.clone()), "MISSING", missing.clone());

    let ctx = native::native_final_class(vm, "_contextvars", "Context");
    native::add_new(&ctx, ctx_new);
    let methods: &[(&'static str, crate::value::NativeFn)] = &[
        ("run", ctx_run),
        ("copy", ctx_copy),
        ("get", ctx_get),
        ("keys", ctx_keys),
        ("values", ctx_values),
        ("items", ctx_items),
        ("__getitem__", ctx_getitem),
        ("__contains__", ctx_contains),
        ("__len__", ctx_len),
        ("__iter__", ctx_iter),
        ("__eq__", ctx_eq),
    ];
    for (n, f) in methods {
        native::add_method(&ctx, n, *f);
    }
    native::set(&Value::Obj(ctx.clone()), "__hash__", Value::None);

    native::set(&m, "ContextVar", Value::Obj(var.clone()));
    native::set(&m, "Context", Value::Obj(ctx.clone()));
    native::set(&m, "Token", Value::Obj(token.clone()));
    TYPES.with(|t| *t.borrow_mut() = Some(Rc::new(Types { var, ctx, token, missing })));
    Ok(m)
}

fn addr(v: &Value) -> String {
    format!("0x{:x}", crate::builtins::id_of(v))
}

// ---- the current context ------------------------------------------------------

fn new_ctx(vm: &mut Vm, vars: Rc<Vec<(Value, Value)>>) -> PyResult<Value> {
    let t = types(vm)?;
    Ok(new_opaque(vm, &t.ctx, Ctx { vars, entered: false, prev: None }))
}

fn current(vm: &mut Vm) -> PyResult<Value> {
    if let Some(c) = CURRENT.with(|c| c.borrow().clone()) {
        return Ok(c);
    }
    let c = new_ctx(vm, Rc::new(Vec::new()))?;
    CURRENT.with(|cur| *cur.borrow_mut() = Some(c.clone()));
    Ok(c)
}

fn vars_of(ctx: &Value) -> Rc<Vec<(Value, Value)>> {
    opaque::<Ctx>(ctx).map(|c| c.vars.clone()).unwrap_or_default()
}

fn lookup(vars: &[(Value, Value)], var: &Value) -> Option<Value> {
    vars.iter().find(|(k, _)| k.is(var)).map(|(_, v)| v.clone())
}

fn ctx_set(ctx: &Value, var: &Value, value: Option<Value>) {
    if let Some(mut c) = opaque_mut::<Ctx>(ctx) {
        let vars = Rc::make_mut(&mut c.vars);
        let at = vars.iter().position(|(k, _)| k.is(var));
        match (at, value) {
            (Some(i), Some(v)) => vars[i].1 = v,
            (Some(i), None) => {
                vars.remove(i);
            }
            (None, Some(v)) => vars.push((var.clone(), v)),
            (None, None) => {}
        }
    }
}

// ---- ContextVar -----------------------------------------------------------------

fn var_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let t = types(vm)?;
    let npos = a.pos.len().saturating_sub(1);
    if npos != 1 {
        let how = if npos == 0 { "exactly" } else { "at most" };
        return Err(vm.type_error(format!("ContextVar() takes {how} 1 positional argument ({npos} given)")));
    }
    let mut default = None;
    for (k, v) in &a.kw {
        match k.as_str().map(|s| s.to_string_lossy()).as_deref() {
            Some("default") => default = Some(v.clone()),
            Some(other) => return Err(vm.type_error(format!("'{other}' is an invalid keyword argument for ContextVar()"))),
            None => return Err(vm.type_error("keywords must be strings")),
        }
    }
    let name = a.pos[1].clone();
    if name.as_str().is_none() {
        return Err(vm.type_error("context variable name must be a str"));
    }
    Ok(new_opaque(vm, &t.var, Var { name, default }))
}

fn this_var<'a>(vm: &Vm, a: &'a Args, m: &str) -> PyResult<&'a Value> {
    native::this_method::<Var>(vm, a, "_contextvars.ContextVar", m)
}

fn var_name(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = this_var(vm, a, "name")?;
    Ok(opaque::<Var>(v).map(|s| s.name.clone()).unwrap_or(Value::None))
}

fn var_get(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = this_var(vm, a, "get")?.clone();
    let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let p = positional(vm, &rest, "get", 0, 1)?;
    let ctx = current(vm)?;
    if let Some(x) = lookup(&vars_of(&ctx), &v) {
        return Ok(x);
    }
    if let Some(d) = p.first() {
        return Ok(d.clone());
    }
    if let Some(d) = opaque::<Var>(&v).and_then(|s| s.default.clone()) {
        return Ok(d);
    }
    let e = vm.new_exception(&vm.types.exc.lookup_error.clone(), vec![v]);
    Err(e)
}

fn var_set(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = this_var(vm, a, "set")?.clone();
    let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let p = positional(vm, &rest, "ContextVar.set", 1, 1)?;
    let value = p[0].clone();
    let ctx = current(vm)?;
    let old = lookup(&vars_of(&ctx), &v);
    ctx_set(&ctx, &v, Some(value));
    let t = types(vm)?;
    Ok(new_opaque(vm, &t.token, Token { ctx, var: v, old, used: false }))
}

fn var_reset(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = this_var(vm, a, "reset")?.clone();
    let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let p = positional(vm, &rest, "ContextVar.reset", 1, 1)?;
    let tok = p[0].clone();
    let Some((used, tvar, tctx, old)) = opaque::<Token>(&tok).map(|t| (t.used, t.var.clone(), t.ctx.clone(), t.old.clone())) else {
        let r = vm.repr(&tok)?.to_string_lossy();
        return Err(vm.type_error(format!("expected an instance of Token, got {r}")));
    };
    if used {
        let r = vm.repr(&tok)?.to_string_lossy();
        return Err(vm.err(&vm.types.exc.runtime_error.clone(), format!("{r} has already been used once")));
    }
    if !tvar.is(&v) {
        let r = vm.repr(&tok)?.to_string_lossy();
        return Err(vm.value_error(format!("{r} was created by a different ContextVar")));
    }
    let ctx = current(vm)?;
    if !ctx.is(&tctx) {
        let r = vm.repr(&tok)?.to_string_lossy();
        return Err(vm.value_error(format!("{r} was created in a different Context")));
    }
    if let Some(mut t) = opaque_mut::<Token>(&tok) {
        t.used = true;
    }
    ctx_set(&ctx, &v, old);
    Ok(Value::None)
}

fn var_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = this_var(vm, a, "__repr__")?.clone();
    let (name, default) = opaque::<Var>(&v).map(|s| (s.name.clone(), s.default.clone())).unwrap_or((Value::None, None));
    let mut s = format!("<ContextVar name={}", vm.repr(&name)?.to_string_lossy());
    if let Some(d) = default {
        s.push_str(&format!(" default={}", vm.repr(&d)?.to_string_lossy()));
    }
    s.push_str(&format!(" at {}>", addr(&v)));
    Ok(vm.new_str(&s))
}

// ---- Token ------------------------------------------------------------------------

fn token_new(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(vm.err(&vm.types.exc.runtime_error.clone(), "Tokens can only be created by ContextVars"))
}

fn token_var(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let t = native::this_method::<Token>(vm, a, "_contextvars.Token", "var")?;
    Ok(opaque::<Token>(t).map(|t| t.var.clone()).unwrap_or(Value::None))
}

fn token_old_value(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let t = native::this_method::<Token>(vm, a, "_contextvars.Token", "old_value")?.clone();
    let old = opaque::<Token>(&t).and_then(|t| t.old.clone());
    match old {
        Some(v) => Ok(v),
        None => Ok(types(vm)?.missing.clone()),
    }
}

fn token_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let t = native::this_method::<Token>(vm, a, "_contextvars.Token", "__repr__")?.clone();
    let (used, var) = opaque::<Token>(&t).map(|s| (s.used, s.var.clone())).unwrap_or((false, Value::None));
    let vr = vm.repr(&var)?.to_string_lossy();
    let s = format!("<Token{} var={vr} at {}>", if used { " used" } else { "" }, addr(&t));
    Ok(vm.new_str(&s))
}

fn missing_repr(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(vm.new_str("<Token.MISSING>"))
}

// ---- Context ----------------------------------------------------------------------

fn ctx_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() > 1 || !a.kw.is_empty() {
        return Err(vm.type_error("Context() does not accept any arguments"));
    }
    new_ctx(vm, Rc::new(Vec::new()))
}

fn copy_context(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    positional(vm, a, "copy_context", 0, 0)?;
    let ctx = current(vm)?;
    new_ctx(vm, vars_of(&ctx))
}

fn this_ctx<'a>(vm: &Vm, a: &'a Args, m: &str) -> PyResult<&'a Value> {
    native::this_method::<Ctx>(vm, a, "_contextvars.Context", m)
}

fn ctx_run(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let ctx = this_ctx(vm, a, "run")?.clone();
    let Some(func) = a.pos.get(1).cloned() else {
        return Err(vm.type_error("run() missing 1 required positional argument"));
    };
    let entered = opaque::<Ctx>(&ctx).map(|c| c.entered).unwrap_or(false);
    if entered {
        let r = vm.repr(&ctx)?.to_string_lossy();
        return Err(vm.err(&vm.types.exc.runtime_error.clone(), format!("cannot enter context: {r} is already entered")));
    }
    let prev = current(vm)?;
    if let Some(mut c) = opaque_mut::<Ctx>(&ctx) {
        c.entered = true;
        c.prev = Some(prev);
    }
    CURRENT.with(|c| *c.borrow_mut() = Some(ctx.clone()));
    let r = vm.call_kw(&func, a.pos[2..].to_vec(), a.kw.clone());
    let prev = opaque_mut::<Ctx>(&ctx).and_then(|mut c| {
        c.entered = false;
        c.prev.take()
    });
    CURRENT.with(|c| *c.borrow_mut() = prev);
    r
}

fn ctx_copy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let ctx = this_ctx(vm, a, "copy")?.clone();
    new_ctx(vm, vars_of(&ctx))
}

fn key_arg(vm: &mut Vm, k: &Value) -> PyResult<()> {
    if opaque::<Var>(k).is_none() {
        let r = vm.repr(k)?.to_string_lossy();
        return Err(vm.type_error(format!("a ContextVar key was expected, got {r}")));
    }
    Ok(())
}

fn ctx_getitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let ctx = this_ctx(vm, a, "__getitem__")?.clone();
    let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let p = positional(vm, &rest, "__getitem__", 1, 1)?;
    key_arg(vm, &p[0])?;
    match lookup(&vars_of(&ctx), &p[0]) {
        Some(v) => Ok(v),
        None => Err(vm.key_error(p[0].clone())),
    }
}

fn ctx_get(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let ctx = this_ctx(vm, a, "get")?.clone();
    let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let p = positional(vm, &rest, "get", 1, 2)?;
    key_arg(vm, &p[0])?;
    Ok(lookup(&vars_of(&ctx), &p[0]).unwrap_or_else(|| p.get(1).cloned().unwrap_or(Value::None)))
}

fn ctx_contains(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let ctx = this_ctx(vm, a, "__contains__")?.clone();
    let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let p = positional(vm, &rest, "__contains__", 1, 1)?;
    key_arg(vm, &p[0])?;
    Ok(Value::Bool(lookup(&vars_of(&ctx), &p[0]).is_some()))
}

fn ctx_len(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let ctx = this_ctx(vm, a, "__len__")?;
    Ok(Value::Int(vars_of(ctx).len() as i64))
}

fn ctx_keys(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let ctx = this_ctx(vm, a, "keys")?;
    Ok(vm.new_list(vars_of(ctx).iter().map(|(k, _)| k.clone()).collect()))
}

fn ctx_values(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let ctx = this_ctx(vm, a, "values")?;
    Ok(vm.new_list(vars_of(ctx).iter().map(|(_, v)| v.clone()).collect()))
}

fn ctx_items(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let ctx = this_ctx(vm, a, "items")?;
    let items = vars_of(ctx).iter().map(|(k, v)| vm.new_tuple(vec![k.clone(), v.clone()])).collect();
    Ok(vm.new_list(items))
}

fn ctx_iter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let keys = ctx_keys(vm, a)?;
    vm.iter(&keys)
}

fn ctx_eq(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let ctx = this_ctx(vm, a, "__eq__")?.clone();
    let Some(other) = a.pos.get(1).cloned() else { return Err(vm.type_error("expected 1 argument, got 0")) };
    if opaque::<Ctx>(&other).is_none() {
        return Ok(vm.types.not_implemented.clone());
    }
    let (x, y) = (vars_of(&ctx), vars_of(&other));
    if x.len() != y.len() {
        return Ok(Value::Bool(false));
    }
    for (k, v) in x.iter() {
        match lookup(&y, k) {
            Some(w) => {
                if !vm.eq(v, &w)? {
                    return Ok(Value::Bool(false));
                }
            }
            None => return Ok(Value::Bool(false)),
        }
    }
    Ok(Value::Bool(true))
}

/// Take the current context out (a thread switch saves it).
pub fn take_current() -> Option<Value> {
    CURRENT.with(|c| c.borrow_mut().take())
}

/// Make `c` the current context (a thread switch restores it).
pub fn set_current(c: Option<Value>) {
    CURRENT.with(|cur| *cur.borrow_mut() = c);
}

/// Run `f` with a fresh, empty current context (a new thread's start).
pub fn with_fresh_context<R>(f: impl FnOnce() -> R) -> R {
    let saved = CURRENT.with(|c| c.borrow_mut().take());
    let r = f();
    CURRENT.with(|c| *c.borrow_mut() = saved);
    r
}
