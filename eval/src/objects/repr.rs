//! `repr()` of built-in objects, with recursion guards for containers.

use std::cell::RefCell;
use std::rc::Rc;

use crate::objects::str::PyStr;
use crate::value::{Payload, Value};
use crate::vm::Vm;
use crate::PyResult;

thread_local! {
    /// Containers whose repr is in progress (for `[...]`).
    static IN_PROGRESS: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

pub fn repr(vm: &mut Vm, v: &Value) -> PyResult<PyStr> {
    if let Value::Obj(_) = v {
        vm.enter_recursive(" while getting the repr of an object")?;
        let r = repr_inner(vm, v);
        vm.leave_recursive();
        return r;
    }
    repr_inner(vm, v)
}

/// CPython 3.11's limit on int↔str conversion in base 10 (CVE-2020-10735).
pub fn check_int_digits(vm: &mut Vm, digits: usize) -> PyResult<()> {
    let limit = vm.int_max_str_digits;
    if limit > 0 && digits > limit {
        return Err(vm.value_error(format!(
            "Exceeds the limit ({limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
        )));
    }
    Ok(())
}

pub fn repr_uncounted(vm: &mut Vm, v: &Value) -> PyResult<PyStr> {
    repr_inner(vm, v)
}

fn repr_inner(vm: &mut Vm, v: &Value) -> PyResult<PyStr> {
    let s = match v {
        Value::None => "None".to_string(),
        Value::Bool(b) => if *b { "True" } else { "False" }.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => crate::vm::ops::float_repr(*f),
        Value::Obj(o) => {
            let cls = o.class();
            if !crate::types::is_builtin_class(&cls) {
                if let Some(f) = vm.lookup_mro(&cls, "__repr__") {
                    if !crate::value::is_core_native(&f) {
                        let r = vm.call(&f, vec![v.clone()])?;
                        return match r.as_str() {
                            Some(s) => Ok(s.substring(0, s.len())),
                            None => Err(vm.type_error(format!("__repr__ returned non-string (type {})", vm.type_name(&r)))),
                        };
                    }
                }
            }
            let key = Rc::as_ptr(o) as usize;
            let container = matches!(o.payload, Payload::List(_) | Payload::Dict(_) | Payload::Tuple(_) | Payload::Set(_));
            if container {
                if IN_PROGRESS.with(|p| p.borrow().contains(&key)) {
                    return Ok(PyStr::new(match o.payload {
                        Payload::Dict(_) => "{...}",
                        Payload::List(_) => "[...]",
                        _ => "(...)",
                    }));
                }
                IN_PROGRESS.with(|p| p.borrow_mut().push(key));
            }
            let r = repr_obj(vm, v);
            if container {
                IN_PROGRESS.with(|p| p.borrow_mut().retain(|k| *k != key));
            }
            return r;
        }
    };
    Ok(PyStr::new(&s))
}

fn join(vm: &mut Vm, items: &[Value]) -> PyResult<String> {
    let mut out = String::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&repr(vm, x)?.to_string_lossy());
    }
    Ok(out)
}

/// The repr of a built-in object, ignoring a subclass's `__repr__`.
pub fn repr_builtin(vm: &mut Vm, v: &Value) -> PyResult<PyStr> {
    match v {
        Value::Obj(_) => repr_obj(vm, v),
        _ => repr(vm, v),
    }
}

fn repr_obj(vm: &mut Vm, v: &Value) -> PyResult<PyStr> {
    let o = v.obj().expect("an object");
    let s = match &o.payload {
        Payload::Str(s) => return Ok(PyStr::new(&s.repr())),
        Payload::BigInt(b) => {
            let s = b.to_string();
            check_int_digits(vm, s.trim_start_matches('-').len())?;
            s
        }
        Payload::Float(f) => crate::vm::ops::float_repr(*f),
        Payload::List(l) => {
            let items = l.borrow().clone();
            format!("[{}]", join(vm, &items)?)
        }
        Payload::Tuple(t) => {
            let items = t.to_vec();
            if items.len() == 1 {
                format!("({},)", join(vm, &items)?)
            } else {
                format!("({})", join(vm, &items)?)
            }
        }
        Payload::Dict(d) => {
            let items = d.borrow().items();
            let mut out = String::from("{");
            for (i, (k, val)) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&repr(vm, k)?.to_string_lossy());
                out.push_str(": ");
                out.push_str(&repr(vm, val)?.to_string_lossy());
            }
            out.push('}');
            out
        }
        Payload::Set(d) => {
            let keys = d.borrow().set_keys();
            if keys.is_empty() {
                "set()".into()
            } else {
                format!("{{{}}}", join(vm, &keys)?)
            }
        }
        Payload::FrozenSet(d) => {
            let keys = d.set_keys();
            if keys.is_empty() {
                "frozenset()".into()
            } else {
                format!("frozenset({{{}}})", join(vm, &keys)?)
            }
        }
        Payload::Range { start, stop, step } => {
            if *step == 1.into() {
                format!("range({start}, {stop})")
            } else {
                format!("range({start}, {stop}, {step})")
            }
        }
        Payload::Slice(a, b, c) => {
            let (a, b, c) = (a.clone(), b.clone(), c.clone());
            format!("slice({}, {}, {})", repr(vm, &a)?.to_string_lossy(), repr(vm, &b)?.to_string_lossy(), repr(vm, &c)?.to_string_lossy())
        }
        Payload::Function(f) => {
            let q = f.qualname.borrow().as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
            format!("<function {q} at {:#x}>", Rc::as_ptr(o) as usize)
        }
        Payload::Code(c) => {
            let name = c.name.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
            format!("<code object {name} at {:#x}, file \"{}\", line {}>", Rc::as_ptr(o) as usize, c.unit.filename, c.unit.firstlineno)
        }
        Payload::Native(n) => match &n.self_ {
            Some(s) if !matches!(s.payload(), Some(Payload::Module { .. })) => {
                format!("<built-in method {} of {} object at {:#x}>", n.name, vm.type_name(s), addr(s))
            }
            _ => format!("<built-in function {}>", n.name),
        },
        Payload::Method { func, self_ } => {
            let q = match func.payload() {
                Some(Payload::Function(f)) => f.qualname.borrow().as_str().map(|s| s.to_string_lossy()).unwrap_or_default(),
                _ => "?".into(),
            };
            let (func, self_) = (func.clone(), self_.clone());
            let _ = func;
            format!("<bound method {q} of {}>", repr(vm, &self_)?.to_string_lossy())
        }
        Payload::Class(c) => {
            let module = o
                .dict
                .as_ref()
                .and_then(|d| d.borrow().get_str("__module__").and_then(|m| m.as_str().map(|s| s.to_string_lossy())));
            match module {
                Some(m) if m != "builtins" => format!("<class '{m}.{}'>", c.qualname.borrow()),
                _ => format!("<class '{}'>", c.name.borrow()),
            }
        }
        Payload::Module { name, dict } => crate::modules::module_repr(vm, v, name, dict)?,
        Payload::NotImplemented => "NotImplemented".into(),
        Payload::Ellipsis => "Ellipsis".into(),
        Payload::Exception(_) if crate::objects::exception_group::is_group(vm, v) => {
            let cls = o.class();
            if let Some(f) = vm.lookup_mro(&cls, "__repr__") {
                let r = vm.call(&f, vec![v.clone()])?;
                return Ok(r.as_str().map(|s| s.substring(0, s.len())).unwrap_or_else(|| PyStr::new("")));
            }
            String::new()
        }
        Payload::Exception(x) => {
            let args = x.args.borrow().clone();
            let name = vm.type_name(v);
            match args.payload() {
                Some(Payload::Tuple(t)) if t.len() == 1 => format!("{name}({})", repr(vm, &t[0].clone())?.to_string_lossy()),
                _ => format!("{name}{}", repr(vm, &args)?.to_string_lossy()),
            }
        }
        Payload::Generator(g) => {
            let q = g.borrow().qualname.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
            let what = if g.borrow().is_coroutine {
                "coroutine"
            } else if std::rc::Rc::ptr_eq(&o.class(), &vm.types.async_generator) {
                "async_generator"
            } else {
                "generator"
            };
            format!("<{what} object {q} at {:#x}>", Rc::as_ptr(o) as usize)
        }
        Payload::Cell(_) => format!("<cell at {:#x}>", Rc::as_ptr(o) as usize),
        Payload::Complex(re, im) => complex_repr(*re, *im),
        Payload::Bytes(b) => bytes_repr(b),
        Payload::ByteArray(b) => {
            let r = crate::objects::bytes::bytearray_repr(&b.borrow());
            let n = vm.type_name(v);
            if n == "bytearray" {
                r
            } else {
                r.replacen("bytearray", &n, 1)
            }
        }
        Payload::DictView { kind, .. } => {
            let items = crate::objects::containers::view_items(vm, v);
            let name = ["dict_keys", "dict_values", "dict_items"][(*kind as usize).min(2)];
            format!("{name}([{}])", join(vm, &items)?)
        }
        Payload::MemoryView(m) => {
            if m.borrow().released {
                format!("<released memory at {:#x}>", Rc::as_ptr(o) as usize)
            } else {
                format!("<memory at {:#x}>", Rc::as_ptr(o) as usize)
            }
        }
        Payload::Traceback(_) => format!("<traceback object at {:#x}>", Rc::as_ptr(o) as usize),
        Payload::Super { this, obj } => {
            let tn = crate::types::class_name(this);
            let on = if obj.is_none() { "NULL".to_string() } else { format!("<{} object>", vm.type_name(obj)) };
            format!("<super: <class '{tn}'>, {on}>")
        }
        Payload::Property { .. } => format!("<property object at {:#x}>", Rc::as_ptr(o) as usize),
        Payload::Member(_) => {
            let r = crate::objects::member::descr_repr(vm, &crate::vm::Args { pos: vec![v.clone()], kw: Vec::new() })?;
            r.as_str().map(|s| s.to_string_lossy()).unwrap_or_default()
        }
        Payload::Instance if vm.is_subclass(&o.class(), &vm.types.simple_namespace) => {
            // namespace(a=1, b=2), with `namespace(...)` for a cycle; a
            // subclass shows its own name.
            let exact = Rc::ptr_eq(&o.class(), &vm.types.simple_namespace);
            let tname = if exact { "namespace".to_string() } else { crate::types::class_name(&o.class()) };
            let key = Rc::as_ptr(o) as usize;
            if IN_PROGRESS.with(|p| p.borrow().contains(&key)) {
                return Ok(PyStr::new(&format!("{tname}(...)")));
            }
            let items = o.dict.as_ref().map(|d| d.borrow().items()).unwrap_or_default();
            IN_PROGRESS.with(|p| p.borrow_mut().push(key));
            let mut parts = Vec::new();
            let mut err = None;
            for (k, val) in items {
                let name = k.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
                match repr(vm, &val) {
                    Ok(r) => parts.push(format!("{name}={}", r.to_string_lossy())),
                    Err(e) => {
                        err = Some(e);
                        break;
                    }
                }
            }
            IN_PROGRESS.with(|p| p.borrow_mut().retain(|k| *k != key));
            if let Some(e) = err {
                return Err(e);
            }
            format!("{tname}({})", parts.join(", "))
        }
        _ if crate::objects::generic_alias::is_alias(vm, v) || crate::objects::generic_alias::is_union(vm, v) => {
            crate::objects::generic_alias::alias_repr(vm, v)?
        }
        Payload::File(_) | Payload::Opaque(_) if native_repr(vm, &o.class()).is_some() => {
            let f = native_repr(vm, &o.class()).unwrap_or(Value::None);
            let r = vm.call(&f, vec![v.clone()])?;
            return match r.as_str() {
                Some(s) => Ok(s.substring(0, s.len())),
                None => Err(vm.type_error(format!("__repr__ returned non-string (type {})", vm.type_name(&r)))),
            };
        }
        _ => {
            let cls = o.class();
            let module = cls
                .dict
                .as_ref()
                .and_then(|d| d.borrow().get_str("__module__").and_then(|m| m.as_str().map(|s| s.to_string_lossy())));
            let qn = match &cls.payload {
                Payload::Class(c) => c.qualname.borrow().clone(),
                _ => "?".into(),
            };
            match module {
                Some(m) if m != "builtins" => format!("<{m}.{qn} object at {:#x}>", Rc::as_ptr(o) as usize),
                _ => format!("<{qn} object at {:#x}>", Rc::as_ptr(o) as usize),
            }
        }
    };
    Ok(PyStr::from_string(s))
}

fn addr(v: &Value) -> usize {
    v.obj().map(|o| Rc::as_ptr(o) as usize).unwrap_or(0)
}

pub fn complex_repr(re: f64, im: f64) -> String {
    let fmt = |f: f64| {
        let r = crate::vm::ops::float_repr(f);
        r.strip_suffix(".0").map(|s| s.to_string()).unwrap_or(r)
    };
    if re == 0.0 && re.is_sign_positive() {
        format!("{}j", fmt(im))
    } else {
        let sign = if im < 0.0 || (im == 0.0 && im.is_sign_negative()) { "-" } else { "+" };
        format!("({}{sign}{}j)", fmt(re), fmt(im.abs()))
    }
}

pub fn bytes_repr(b: &[u8]) -> String {
    let has_single = b.contains(&b'\'');
    let has_double = b.contains(&b'"');
    let q = if has_single && !has_double { '"' } else { '\'' };
    let mut out = String::from("b");
    out.push(q);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            _ if c as char == q => {
                out.push('\\');
                out.push(q);
            }
            0x20..=0x7e => out.push(c as char),
            _ => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(q);
    out
}

/// The `__repr__` a native module's class defines (for objects whose
/// state is `Payload::File` / `Payload::Opaque`), unless it is object's.
fn native_repr(vm: &Vm, cls: &crate::value::PyRef) -> Option<Value> {
    let f = vm.lookup_mro(cls, "__repr__")?;
    let base = vm.lookup_mro(&vm.types.object, "__repr__");
    match (&f, &base) {
        (Value::Obj(a), Some(Value::Obj(b))) if Rc::ptr_eq(a, b) => None,
        _ => Some(f),
    }
}
