//! Exceptions: `str()` of each kind, their attributes (`args`, `code`,
//! `errno`, `__traceback__` …) and methods (`with_traceback`, `add_note`).

use crate::types::add_method;
use crate::value::{Payload, Value};
use crate::vm::{ops, str_key, Args, Vm};
use crate::PyResult;

pub fn install(vm: &mut Vm) {
    let t = &vm.types;
    let b = t.exc.base_exception.clone();
    add_method(&b, "with_traceback", with_traceback);
    add_method(&b, "add_note", add_note);
    add_method(&t.exc.os_error, "__init__", os_error_init);
    add_method(&t.exc.import_error, "__init__", import_error_init);
    add_method(&t.exc.attribute_error, "__init__", attribute_error_init);
    add_method(&t.exc.name_error, "__init__", name_error_init);
    add_method(&t.exc.syntax_error, "__init__", syntax_error_init);
    add_method(&t.exc.unicode_decode_error, "__init__", unicode_error_init);
    add_method(&t.exc.unicode_encode_error, "__init__", unicode_error_init);
    add_method(&t.generator, "send", gen_send);
    add_method(&t.generator, "throw", gen_throw);
    add_method(&t.generator, "close", gen_close);
    add_method(&t.coroutine, "send", gen_send);
    add_method(&t.coroutine, "throw", gen_throw);
    add_method(&t.coroutine, "close", gen_close);
    add_method(&t.coroutine, "__await__", coro_await);
    crate::objects::tbobject::install(vm);
}

fn this(a: &Args) -> &Value {
    &a.pos[0]
}

fn args_tuple(v: &Value) -> Vec<Value> {
    match v.payload() {
        Some(Payload::Exception(x)) => match x.args.borrow().payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

fn dict_get(v: &Value, name: &str) -> Option<Value> {
    v.obj()?.dict.as_ref()?.borrow().get_str(name).cloned()
}

/// `BaseException.__str__` and the special forms of its subclasses.
pub fn exc_str_native(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let args = args_tuple(v);
    if vm.isinstance(v, &vm.types.exc.key_error.clone()) && args.len() == 1 {
        let r = vm.repr(&args[0])?;
        return Ok(vm.new_pystr(r));
    }
    if vm.isinstance(v, &vm.types.exc.os_error.clone()) {
        let errno = dict_get(v, "errno").unwrap_or(Value::None);
        let strerror = dict_get(v, "strerror").unwrap_or(Value::None);
        if !errno.is_none() && !strerror.is_none() {
            let e = vm.str_string(&errno)?;
            let s = vm.str_string(&strerror)?;
            let filename = dict_get(v, "filename").unwrap_or(Value::None);
            let text = if filename.is_none() {
                format!("[Errno {e}] {s}")
            } else {
                let f = vm.repr(&filename)?.to_string_lossy();
                match dict_get(v, "filename2").filter(|f2| !f2.is_none()) {
                    Some(f2) => {
                        let f2 = vm.repr(&f2)?.to_string_lossy();
                        format!("[Errno {e}] {s}: {f} -> {f2}")
                    }
                    None => format!("[Errno {e}] {s}: {f}"),
                }
            };
            return Ok(vm.new_str(&text));
        }
    }
    if vm.isinstance(v, &vm.types.exc.unicode_error.clone()) {
        if let Some(s) = crate::objects::codecs::unicode_error_str(vm, v) {
            return Ok(vm.new_str(&s));
        }
    }
    if vm.isinstance(v, &vm.types.exc.syntax_error.clone()) {
        if let Some(msg) = dict_get(v, "msg") {
            let m = vm.str_string(&msg)?;
            let filename = dict_get(v, "filename").filter(|f| !f.is_none());
            let lineno = dict_get(v, "lineno").and_then(|l| ops::as_i64(&l));
            let text = match (filename, lineno) {
                (Some(f), Some(l)) => {
                    let f = vm.str_string(&f)?;
                    let base = f.rsplit('/').next().unwrap_or(&f).to_string();
                    format!("{m} ({base}, line {l})")
                }
                (Some(f), None) => {
                    let f = vm.str_string(&f)?;
                    format!("{m} ({f})")
                }
                (None, Some(l)) => format!("{m} (line {l})"),
                (None, None) => m,
            };
            return Ok(vm.new_str(&text));
        }
    }
    match args.len() {
        0 => Ok(vm.new_str("")),
        1 => vm.str(&args[0]),
        _ => {
            let t = vm.new_tuple(args);
            let r = vm.repr(&t)?;
            Ok(vm.new_pystr(r))
        }
    }
}

/// Attributes every exception has, computed from its state.
pub fn exc_attr(vm: &mut Vm, v: &Value, name: &str) -> PyResult<Option<Value>> {
    let Some(Payload::Exception(x)) = v.payload() else { return Ok(None) };
    Ok(Some(match name {
        "args" => x.args.borrow().clone(),
        "__cause__" => x.cause.borrow().clone(),
        "__context__" => x.context.borrow().clone(),
        "__suppress_context__" => Value::Bool(x.suppress_context.get()),
        "__traceback__" => x.traceback.borrow().clone(),
        "code" if vm.isinstance(v, &vm.types.exc.system_exit.clone()) => {
            let a = args_tuple(v);
            match a.len() {
                0 => Value::None,
                1 => a[0].clone(),
                _ => vm.new_tuple(a),
            }
        }
        "value" if vm.isinstance(v, &vm.types.exc.stop_iteration.clone()) => args_tuple(v).first().cloned().unwrap_or(Value::None),
        "name" | "obj" if vm.isinstance(v, &vm.types.exc.attribute_error.clone()) || vm.isinstance(v, &vm.types.exc.name_error.clone()) => Value::None,
        "errno" | "strerror" | "filename" | "filename2" if vm.isinstance(v, &vm.types.exc.os_error.clone()) => Value::None,
        "msg" | "path" | "name" if vm.isinstance(v, &vm.types.exc.import_error.clone()) => {
            if name == "msg" {
                args_tuple(v).first().cloned().unwrap_or(Value::None)
            } else {
                Value::None
            }
        }
        _ => return Ok(None),
    }))
}

/// Setting `args`, `__cause__`, `__context__`, `__traceback__`…
pub fn exc_setattr(vm: &mut Vm, v: &Value, name: &str, value: &Value) -> PyResult<bool> {
    let Some(Payload::Exception(x)) = v.payload() else { return Ok(false) };
    match name {
        "args" => {
            let items = vm.to_vec(value)?;
            *x.args.borrow_mut() = vm.new_tuple(items);
        }
        "__cause__" => {
            if !value.is_none() && !matches!(value.payload(), Some(Payload::Exception(_))) {
                return Err(vm.type_error("exception cause must be None or derive from BaseException"));
            }
            *x.cause.borrow_mut() = value.clone();
            x.suppress_context.set(true);
        }
        "__context__" => {
            if !value.is_none() && !matches!(value.payload(), Some(Payload::Exception(_))) {
                return Err(vm.type_error("exception context must be None or derive from BaseException"));
            }
            *x.context.borrow_mut() = value.clone();
        }
        "__suppress_context__" => {
            let b = vm.truthy(value)?;
            x.suppress_context.set(b);
        }
        "__traceback__" => {
            if !value.is_none() && !matches!(value.payload(), Some(Payload::Traceback(_))) {
                return Err(vm.type_error("__traceback__ must be a traceback or None"));
            }
            *x.traceback.borrow_mut() = value.clone();
        }
        _ => return Ok(false),
    }
    Ok(true)
}

fn with_traceback(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let tb = a.pos.get(1).cloned().unwrap_or(Value::None);
    exc_setattr(vm, this(a), "__traceback__", &tb)?;
    Ok(this(a).clone())
}

fn add_note(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(note) = a.pos.get(1) else {
        return Err(vm.type_error("add_note() takes exactly one argument (0 given)"));
    };
    if note.as_str().is_none() {
        return Err(vm.type_error(format!("note must be a str, not '{}'", vm.type_name(note))));
    }
    let existing = dict_get(this(a), "__notes__");
    match existing {
        Some(l) if !matches!(l.payload(), Some(Payload::List(_))) => {
            return Err(vm.type_error("Cannot add note: __notes__ is not a list"));
        }
        Some(l) if matches!(l.payload(), Some(Payload::List(_))) => {
            if let Some(Payload::List(l)) = l.payload() {
                l.borrow_mut().push(note.clone());
            }
        }
        _ => {
            let l = vm.new_list(vec![note.clone()]);
            if let Some(d) = this(a).obj().and_then(|o| o.dict.as_ref()) {
                d.borrow_mut().set_str("__notes__", l);
            }
        }
    }
    Ok(Value::None)
}

fn os_error_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = this(a);
    if let Some(Payload::Exception(x)) = v.payload() {
        // With a filename, `args` keeps only (errno, strerror).
        let n = a.pos.len() - 1;
        let args = if (3..=5).contains(&n) { a.pos[1..3].to_vec() } else { a.pos[1..].to_vec() };
        *x.args.borrow_mut() = vm.new_tuple(args);
    }
    if let Some(d) = v.obj().and_then(|o| o.dict.as_ref()) {
        let mut d = d.borrow_mut();
        if (2..=5).contains(&(a.pos.len() - 1)) {
            d.set_str("errno", a.pos[1].clone());
            d.set_str("strerror", a.pos[2].clone());
            if let Some(f) = a.pos.get(3) {
                d.set_str("filename", f.clone());
            }
            if let Some(f) = a.pos.get(5) {
                d.set_str("filename2", f.clone());
            }
        }
    }
    Ok(Value::None)
}

/// `AttributeError(*args, name=None, obj=None)`.
fn attribute_error_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    keyword_attrs_init(vm, a, "AttributeError", &["name", "obj"])
}

/// `NameError(*args, name=None)`.
fn name_error_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    keyword_attrs_init(vm, a, "NameError", &["name"])
}

/// An exception `__init__` that keeps its positional arguments as `args`
/// and sets the keyword-only attributes `keys` (None when not given).
fn keyword_attrs_init(vm: &mut Vm, a: &Args, class: &str, keys: &[&str]) -> PyResult<Value> {
    let v = this(a);
    for (k, _) in &a.kw {
        let k = k.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
        if !keys.contains(&k.as_str()) {
            return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for {class}()")));
        }
    }
    if let Some(Payload::Exception(x)) = v.payload() {
        *x.args.borrow_mut() = vm.new_tuple(a.pos[1..].to_vec());
    }
    if let Some(d) = v.obj().and_then(|o| o.dict.as_ref()) {
        let mut d = d.borrow_mut();
        for key in keys {
            let given = a.kw.iter().find(|(k, _)| k.as_str().is_some_and(|s| s.eq_rust(key))).map(|(_, v)| v.clone());
            match given {
                Some(val) => d.set_str(key, val),
                None if d.get_str(key).is_none() => d.set_str(key, Value::None),
                None => {}
            }
        }
    }
    Ok(Value::None)
}

fn import_error_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = this(a);
    if let Some(Payload::Exception(x)) = v.payload() {
        *x.args.borrow_mut() = vm.new_tuple(a.pos[1..].to_vec());
    }
    if let Some(d) = v.obj().and_then(|o| o.dict.as_ref()) {
        let mut d = d.borrow_mut();
        for (k, val) in &a.kw {
            if let Some(k) = k.as_str().map(|s| s.to_string_lossy()) {
                if k == "name" || k == "path" {
                    d.set_str(&k, val.clone());
                } else {
                    drop(d);
                    return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for ImportError()")));
                }
            }
        }
    }
    Ok(Value::None)
}

// ---- generators and coroutines ---------------------------------------------

fn gen_of(vm: &Vm, v: &Value) -> PyResult<crate::value::PyRef> {
    match v.payload() {
        Some(Payload::Generator(_)) => Ok(v.obj().expect("generator").clone()),
        _ => Err(vm.type_error("descriptor requires a 'generator' object")),
    }
}

fn gen_send(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let g = gen_of(vm, this(a))?;
    let sent = a.pos.get(1).cloned().unwrap_or(Value::None);
    match vm.gen_resume(&g, sent, None)? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

/// The exception `throw(typ[, val[, tb]])` raises.
fn throw_exception(vm: &mut Vm, a: &Args) -> PyResult<crate::PyErr> {
    let Some(typ) = a.pos.get(1).cloned() else {
        return Err(vm.type_error("throw expected at least 1 argument, got 0"));
    };
    let val = a.pos.get(2).cloned().unwrap_or(Value::None);
    let tb = a.pos.get(3).cloned().unwrap_or(Value::None);
    if !tb.is_none() && !matches!(tb.payload(), Some(Payload::Traceback(_))) {
        return Err(vm.type_error("throw() third argument must be a traceback object"));
    }
    let exc = match typ.payload() {
        Some(Payload::Class(_)) => {
            let c = typ.obj().expect("class").clone();
            if !vm.is_subclass(&c, &vm.types.exc.base_exception.clone()) {
                return Err(vm.type_error(format!(
                    "exceptions must be classes or instances deriving from BaseException, not type"
                )));
            }
            // Instantiating the class (CPython's PyErr_NormalizeException):
            // an error doing so is what gets thrown into the generator.
            let made = if matches!(val.payload(), Some(Payload::Exception(_))) && vm.isinstance(&val, &c) {
                Ok(val)
            } else if val.is_none() {
                vm.call(&typ, vec![])
            } else if let Some(Payload::Tuple(t)) = val.payload() {
                let items = t.to_vec();
                vm.call(&typ, items)
            } else {
                vm.call(&typ, vec![val])
            };
            match made {
                Ok(v) if matches!(v.payload(), Some(Payload::Exception(_))) => v,
                Ok(v) => {
                    let c = vm.repr(&typ)?.to_string_lossy();
                    let t = Value::Obj(vm.type_of(&v));
                    let t = vm.repr(&t)?.to_string_lossy();
                    vm.type_error(format!("calling {c} should have returned an instance of BaseException, not {t}")).0
                }
                Err(e) => return Ok(e),
            }
        }
        Some(Payload::Exception(_)) => {
            if !val.is_none() {
                return Err(vm.type_error("instance exception may not have a separate value"));
            }
            typ
        }
        _ => {
            return Err(vm.type_error(format!(
                "exceptions must be classes or instances deriving from BaseException, not {}",
                vm.type_name(&typ)
            )))
        }
    };
    // `throw(typ, val, tb)`: the exception goes on from that traceback.
    if let (Some(Payload::Exception(x)), false) = (exc.payload(), tb.is_none()) {
        *x.traceback.borrow_mut() = tb;
    }
    Ok(crate::PyErr(exc))
}

fn gen_throw(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let g = gen_of(vm, this(a))?;
    let e = throw_exception(vm, a)?;
    match vm.gen_resume(&g, Value::None, Some(e))? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

fn gen_close(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let g = gen_of(vm, this(a))?;
    close_generator(vm, &g)
}

/// `generator.close()` (also what finalization does).
pub fn close_generator(vm: &mut Vm, g: &crate::value::PyRef) -> PyResult<Value> {
    let g = g.clone();
    let (started, finished) = match &g.payload {
        Payload::Generator(s) => {
            let s = s.borrow();
            (s.started, s.finished)
        }
        _ => (false, true),
    };
    if finished {
        return Ok(Value::None);
    }
    if !started {
        if let Payload::Generator(s) = &g.payload {
            let mut s = s.borrow_mut();
            s.finished = true;
            s.frame = None;
        }
        return Ok(Value::None);
    }
    let exit = vm.new_exception(&vm.types.exc.generator_exit.clone(), vec![]);
    match vm.gen_resume(&g, Value::None, Some(exit)) {
        Ok(Some(_)) => Err(vm.err(&vm.types.exc.runtime_error.clone(), "generator ignored GeneratorExit")),
        Ok(None) => Ok(Value::None),
        Err(e) => {
            if vm.isinstance(&e.0, &vm.types.exc.generator_exit.clone()) || vm.isinstance(&e.0, &vm.types.exc.stop_iteration.clone()) {
                Ok(Value::None)
            } else {
                Err(e)
            }
        }
    }
}

/// `coroutine.__await__()`: a `coroutine_wrapper`, an iterator over the
/// coroutine that a plain generator may `yield from` (a coroutine itself
/// may not be).
fn coro_await(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let coro = this(a).clone();
    gen_of(vm, &coro)?;
    let cls = CORO_WRAPPER.with(|c| c.borrow().clone());
    let cls = match cls {
        Some(c) => c,
        None => {
            let c = crate::modules::native::native_final_class(vm, "builtins", "coroutine_wrapper");
            crate::modules::native::add_method(&c, "__next__", wrapper_next);
            crate::modules::native::add_method(&c, "send", wrapper_send);
            crate::modules::native::add_method(&c, "throw", wrapper_throw);
            crate::modules::native::add_method(&c, "close", wrapper_close);
            crate::modules::native::add_method(&c, "__iter__", wrapper_iter);
            CORO_WRAPPER.with(|w| *w.borrow_mut() = Some(c.clone()));
            c
        }
    };
    Ok(crate::modules::native::new_opaque(vm, &cls, CoroWrapper(coro)))
}

thread_local! {
    static CORO_WRAPPER: std::cell::RefCell<Option<crate::value::PyRef>> = const { std::cell::RefCell::new(None) };
}

struct CoroWrapper(Value);

/// The wrapper's arguments with its coroutine in place of `self`.
fn wrapped(vm: &Vm, a: &Args) -> PyResult<Args> {
    let coro = match a.pos.first().and_then(|v| crate::modules::native::opaque::<CoroWrapper>(v)) {
        Some(w) => w.0.clone(),
        None => return Err(vm.type_error("descriptor requires a 'coroutine_wrapper' object")),
    };
    let mut pos = vec![coro];
    pos.extend(a.pos.iter().skip(1).cloned());
    Ok(Args { pos, kw: a.kw.clone() })
}

fn wrapper_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let w = wrapped(vm, a)?;
    let w = Args::new(vec![w.pos[0].clone()]);
    gen_send(vm, &w)
}

fn wrapper_send(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let w = wrapped(vm, a)?;
    gen_send(vm, &w)
}

fn wrapper_throw(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let w = wrapped(vm, a)?;
    gen_throw(vm, &w)
}

fn wrapper_close(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let w = wrapped(vm, a)?;
    gen_close(vm, &w)
}

fn wrapper_iter(_vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(a.pos.first().cloned().unwrap_or(Value::None))
}

#[allow(dead_code)]
fn key(s: &str) -> Value {
    str_key(s)
}

/// `SyntaxError(msg, (filename, lineno, offset, text, end_lineno, end_offset))`.
fn syntax_error_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = this(a).clone();
    if let Some(Payload::Exception(x)) = v.payload() {
        *x.args.borrow_mut() = vm.new_tuple(a.pos[1..].to_vec());
    }
    let Some(d) = v.obj().and_then(|o| o.dict.as_ref()) else { return Ok(Value::None) };
    let names = ["filename", "lineno", "offset", "text", "end_lineno", "end_offset"];
    {
        let mut dm = d.borrow_mut();
        dm.set_str("msg", a.pos.get(1).cloned().unwrap_or(Value::None));
        for n in names {
            dm.set_str(n, Value::None);
        }
        dm.set_str("print_file_and_line", Value::None);
    }
    if a.pos.len() == 3 {
        let info = vm.to_vec(&a.pos[2])?;
        if info.len() < 4 || info.len() > 6 {
            return Err(vm.index_error("tuple index out of range"));
        }
        let mut dm = d.borrow_mut();
        for (n, val) in names.iter().zip(info) {
            dm.set_str(n, val);
        }
    }
    Ok(Value::None)
}

/// `UnicodeDecodeError(encoding, object, start, end, reason)`.
fn unicode_error_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = this(a).clone();
    if let Some(Payload::Exception(x)) = v.payload() {
        *x.args.borrow_mut() = vm.new_tuple(a.pos[1..].to_vec());
    }
    if a.pos.len() == 6 {
        if let Some(d) = v.obj().and_then(|o| o.dict.as_ref()) {
            let mut d = d.borrow_mut();
            for (i, n) in ["encoding", "object", "start", "end", "reason"].iter().enumerate() {
                d.set_str(n, a.pos[i + 1].clone());
            }
        }
    }
    Ok(Value::None)
}
