//! The `builtins` module: built-in functions and the constructors of the
//! built-in types.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::objects::dict::{self, Dict};
use crate::objects::str::PyStr;
use crate::types::{add_native, class_name};
use crate::value::{ExcData, IterState, NativeFn, Payload, PyRef, Value};
use crate::vm::{ops, str_key, Args, Vm};
use crate::PyResult;

/// Fill the builtins namespace (`vm.builtins`) and return the module object.
pub fn make_module(vm: &mut Vm) -> Value {
    let ns = vm.builtins.clone();
    let Payload::Dict(d) = &ns.payload else { unreachable!("the builtins namespace is a dict") };
    let funcs: &[(&'static str, NativeFn)] = &[
        ("print", print),
        ("len", len),
        ("repr", repr),
        ("ascii", ascii),
        ("isinstance", isinstance),
        ("issubclass", issubclass),
        ("hasattr", hasattr),
        ("getattr", getattr),
        ("setattr", setattr),
        ("delattr", delattr),
        ("id", id),
        ("hash", hash),
        ("abs", abs),
        ("min", min),
        ("max", max),
        ("sum", sum),
        ("any", any),
        ("all", all),
        ("sorted", sorted),
        ("iter", iter),
        ("next", next),
        ("chr", chr),
        ("ord", ord),
        ("bin", bin),
        ("oct", oct),
        ("hex", hex),
        ("divmod", divmod),
        ("pow", pow),
        ("round", round),
        ("callable", callable),
        ("format", format),
        ("vars", vars),
        ("dir", dir),
        ("globals", globals),
        ("locals", locals),
        ("input", input),
        ("__build_class__", build_class),
        ("__import__", import),
        ("exec", exec),
        ("open", crate::objects::files::open),
        ("aiter", crate::objects::async_gen::aiter),
        ("anext", crate::objects::async_gen::anext),
        ("eval", eval),
        ("compile", compile),
        ("help", help),
        ("breakpoint", breakpoint),
    ];
    {
        let mut d = d.borrow_mut();
        for (name, f) in funcs {
            d.set_str(name, vm.native(name, *f));
        }
        let t = &vm.types;
        let classes = [
            ("object", &t.object),
            ("type", &t.type_),
            ("int", &t.int),
            ("bool", &t.bool_),
            ("float", &t.float),
            ("complex", &t.complex),
            ("str", &t.str_),
            ("bytes", &t.bytes),
            ("bytearray", &t.bytearray),
            ("memoryview", &t.memoryview),
            ("list", &t.list),
            ("tuple", &t.tuple),
            ("dict", &t.dict),
            ("set", &t.set),
            ("frozenset", &t.frozenset),
            ("range", &t.range),
            ("slice", &t.slice),
            ("property", &t.property),
            ("classmethod", &t.classmethod),
            ("staticmethod", &t.staticmethod),
            ("super", &t.super_),
            ("enumerate", &t.iters.enumerate),
            ("zip", &t.iters.zip),
            ("map", &t.iters.map),
            ("filter", &t.iters.filter),
            ("reversed", &t.iters.reversed),
        ];
        for (name, c) in classes {
            d.set_str(name, Value::Obj(c.clone()));
        }
        for c in t.exc.all() {
            let name = class_name(&c);
            d.set_str(&name, Value::Obj(c));
        }
        d.set_str("EnvironmentError", Value::Obj(t.exc.os_error.clone()));
        d.set_str("IOError", Value::Obj(t.exc.os_error.clone()));
        d.set_str("NotImplemented", t.not_implemented.clone());
        d.set_str("Ellipsis", t.ellipsis.clone());
        d.set_str("__debug__", Value::Bool(true));
        d.set_str("__name__", str_key("builtins"));
        d.set_str("__doc__", Value::None);
    }
    install_constructors(vm);
    let m = crate::modules::new_module(vm, "builtins", ns);
    crate::modules::native::note_functions(&m, "builtins");
    m
}

fn install_constructors(vm: &mut Vm) {
    let t = &vm.types;
    let news: &[(&PyRef, NativeFn)] = &[
        (&t.object, object_new),
        (&t.type_, type_new),
        (&t.int, int_new),
        (&t.bool_, bool_new),
        (&t.float, float_new),
        (&t.str_, str_new),
        (&t.list, list_new),
        (&t.tuple, tuple_new),
        (&t.dict, dict_new),
        (&t.set, set_new),
        (&t.frozenset, frozenset_new),
        (&t.range, range_new),
        (&t.slice, slice_new),
        (&t.property, property_new),
        (&t.classmethod, classmethod_new),
        (&t.staticmethod, staticmethod_new),
        (&t.method, method_new),
        (&t.super_, super_new),
        (&t.exc.base_exception, exception_new),
        (&t.iters.enumerate, enumerate_new),
        (&t.iters.zip, zip_new),
        (&t.iters.map, map_new),
        (&t.iters.filter, filter_new),
        (&t.iters.reversed, reversed_new),
    ];
    for (cls, f) in news {
        add_native(cls, "__new__", *f, false, true);
    }
    add_native(&t.object, "__init__", object_init, true, false);
    add_native(&t.list, "__init__", list_init, true, false);
    add_native(&t.dict, "__init__", dict_init, true, false);
    add_native(&t.set, "__init__", set_init, true, false);
    for c in [&t.property, &t.classmethod, &t.staticmethod] {
        add_native(c, "__init__", descriptor_init, true, false);
    }
    add_native(&t.property, "setter", property_setter, true, false);
    add_native(&t.property, "getter", property_getter, true, false);
    add_native(&t.property, "deleter", property_deleter, true, false);
    add_native(&t.property, "__get__", property_get, true, false);
    add_native(&t.property, "__set__", property_set, true, false);
    add_native(&t.property, "__delete__", property_delete, true, false);
    add_native(&t.classmethod, "__get__", classmethod_get, true, false);
    add_native(&t.staticmethod, "__get__", staticmethod_get, true, false);
    add_native(&t.type_, "mro", type_mro, true, false);
    add_native(&t.type_, "__init__", type_init, true, false);
    crate::types::add_classmethod(&t.classmethod, &t.object, "__init_subclass__", object_init_subclass);
    crate::types::add_classmethod(&t.classmethod, &t.object, "__subclasshook__", object_subclasshook);
    crate::types::add_classmethod(&t.classmethod, &t.type_, "__prepare__", type_prepare);
}

// ---- argument helpers ---------------------------------------------------

fn check_args(vm: &Vm, a: &Args, name: &str, min: usize, max: usize) -> PyResult<()> {
    let n = a.pos.len();
    if n < min || n > max {
        let msg = if min == max {
            if min == 1 {
                format!("{name}() takes exactly one argument ({n} given)")
            } else {
                format!("{name} expected {min} arguments, got {n}")
            }
        } else if n < min {
            format!("{name} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
        } else {
            format!("{name} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" })
        };
        return Err(vm.type_error(msg));
    }
    Ok(())
}

fn no_kw(vm: &Vm, a: &Args, name: &str) -> PyResult<()> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    Ok(())
}

fn kw_only(vm: &Vm, a: &Args, name: &str, allowed: &[&str]) -> PyResult<()> {
    for (k, _) in &a.kw {
        let ks = k.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
        if !allowed.contains(&ks.as_str()) {
            return Err(vm.type_error(format!("{name}() got an unexpected keyword argument '{ks}'")));
        }
    }
    Ok(())
}

/// `warnings.warn(msg, category, stacklevel=1)`.
pub fn warn(vm: &mut Vm, category: &PyRef, msg: &str) -> PyResult<()> {
    let msg = vm.new_str(msg);
    let w = match crate::modules::lookup(vm, "warnings") {
        Some(w) => w,
        None => crate::modules::import(vm, &str_key("warnings"), &Value::None, &Value::Int(0))?,
    };
    let f = vm.getattr(&w, &str_key("warn"))?;
    vm.call(&f, vec![msg, Value::Obj(category.clone()), Value::Int(1)])?;
    Ok(())
}

/// An `int` argument as i64, with CPython's messages.
pub fn index_i64(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        _ => {
            let b = index_big(vm, v)?;
            b.to_i64().ok_or_else(|| vm.overflow_error("Python int too large to convert to C ssize_t"))
        }
    }
}

/// `operator.index(v)`.
pub fn index_big(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    if let Some(b) = ops::as_big(v) {
        return Ok(b);
    }
    let cls = vm.type_of(v);
    if let Some(f) = vm.lookup_mro(&cls, "__index__") {
        let r = vm.call(&f, vec![v.clone()])?;
        return int_result(vm, &r, "__index__");
    }
    Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(v))))
}

/// What `__int__` or `__index__` returned, as an int: an instance of a
/// strict subclass of int is accepted with a DeprecationWarning.
fn int_result(vm: &mut Vm, r: &Value, name: &str) -> PyResult<BigInt> {
    let Some(b) = ops::as_big(r) else {
        return Err(vm.type_error(format!("{name} returned non-int (type {})", vm.type_name(r))));
    };
    if matches!(r, Value::Bool(_)) || !vm.exact_num(r) {
        let msg = format!(
            "{name} returned non-int (type {}).  The ability to return an instance of a strict subclass of int is deprecated, and may be removed in a future version of Python.",
            vm.type_name(r)
        );
        let cat = vm.types.exc.deprecation_warning.clone();
        warn(vm, &cat, &msg)?;
    }
    Ok(b)
}

fn str_arg(vm: &Vm, v: &Value, what: &str) -> PyResult<String> {
    match v.as_str() {
        Some(s) => Ok(s.to_string_lossy()),
        None => Err(vm.type_error(format!("{what} must be str, not {}", vm.type_name(v)))),
    }
}

fn class_arg(vm: &Vm, v: &Value) -> Option<PyRef> {
    match v.payload() {
        Some(Payload::Class(_)) => v.obj().cloned(),
        _ => {
            let _ = vm;
            None
        }
    }
}

// ---- output -------------------------------------------------------------

fn print(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    for (k, _) in &a.kw {
        let ks = k.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
        if !["sep", "end", "file", "flush"].contains(&ks.as_str()) {
            return Err(vm.type_error(format!("'{ks}' is an invalid keyword argument for print()")));
        }
    }
    let sep = match a.kwarg("sep") {
        None | Some(Value::None) => " ".to_string(),
        Some(v) => str_arg(vm, v, "sep").map_err(|_| vm.type_error(format!("sep must be None or a string, not {}", vm.type_name(v))))?,
    };
    let end = match a.kwarg("end") {
        None | Some(Value::None) => "\n".to_string(),
        Some(v) => str_arg(vm, v, "end").map_err(|_| vm.type_error(format!("end must be None or a string, not {}", vm.type_name(v))))?,
    };
    let file = a.kwarg("file").cloned().unwrap_or(Value::None);
    let flush = match a.kwarg("flush") {
        Some(v) => vm.truthy(&v.clone())?,
        None => false,
    };
    let file = if file.is_none() { crate::modules::sys::get(vm, "stdout").unwrap_or(Value::None) } else { file };
    if file.is_none() {
        return Ok(Value::None);
    }
    let native = crate::modules::sys::is_native_stream(vm, &file);
    let mut out = String::new();
    for (i, x) in a.pos.iter().enumerate() {
        if i > 0 {
            if native {
                out.push_str(&sep);
            } else {
                crate::modules::sys::write_to(vm, &file, &sep)?;
            }
        }
        let s = vm.str(x)?;
        let s = s.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
        if native {
            out.push_str(&s);
        } else {
            crate::modules::sys::write_to(vm, &file, &s)?;
        }
    }
    out.push_str(&end);
    crate::modules::sys::write_to(vm, &file, &out)?;
    if flush {
        crate::modules::sys::flush(vm, &file)?;
    }
    Ok(Value::None)
}

fn input(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "input", 0, 1)?;
    if let Some(p) = a.pos.first() {
        let s = vm.str_string(p)?;
        vm.stdout.write(&s);
    }
    vm.stdout.flush();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => Err(vm.err(&vm.types.exc.eof_error.clone(), "EOF when reading a line")),
        Ok(_) => {
            if line.ends_with('\n') {
                line.pop();
            }
            Ok(vm.new_str(&line))
        }
        Err(e) => Err(vm.err(&vm.types.exc.os_error.clone(), e.to_string())),
    }
}

// ---- introspection ------------------------------------------------------

fn len(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_kw(vm, a, "len")?;
    check_args(vm, a, "len", 1, 1)?;
    vm.len(&a.pos[0]).map(|n| Value::Int(n as i64))
}

fn repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "repr", 1, 1)?;
    let r = vm.repr(&a.pos[0])?;
    Ok(vm.new_pystr(r))
}

fn ascii(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "ascii", 1, 1)?;
    let r = vm.ascii(&a.pos[0])?;
    Ok(vm.new_str(&r))
}

fn format(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "format", 1, 2)?;
    let spec = a.pos.get(1).cloned().unwrap_or_else(|| str_key(""));
    if spec.as_str().is_none() {
        return Err(vm.type_error(format!("format() argument 2 must be str, not {}", vm.type_name(&spec))));
    }
    vm.format(&a.pos[0], &spec)
}

/// `isinstance` with tuples and `__instancecheck__`.
pub fn isinstance_of(vm: &mut Vm, obj: &Value, cls: &Value) -> PyResult<bool> {
    match cls.payload() {
        Some(Payload::Class(_)) => {
            let c = cls.obj().expect("class").clone();
            if vm.isinstance(obj, &c) {
                return Ok(true);
            }
            let meta = c.class();
            if !Rc::ptr_eq(&meta, &vm.types.type_) {
                if let Some(f) = vm.lookup_mro(&meta, "__instancecheck__") {
                    let r = vm.call(&f, vec![cls.clone(), obj.clone()])?;
                    return vm.truthy(&r);
                }
            }
            // `__class__` may be overridden (proxies): CPython's
            // `recursive_isinstance` checks it too.
            let ocls = vm.type_of(obj);
            if vm.lookup_mro(&ocls, "__class__").is_some() {
                if let Ok(Value::Obj(icls)) = vm.getattr(obj, &str_key("__class__")) {
                    if matches!(icls.payload, Payload::Class(_)) && !Rc::ptr_eq(&icls, &ocls) {
                        return Ok(vm.is_subclass(&icls, &c));
                    }
                }
            }
            Ok(false)
        }
        Some(Payload::Tuple(t)) => any_in_tuple(vm, t, " in __instancecheck__", |vm, c| isinstance_of(vm, obj, c)),
        _ if crate::objects::generic_alias::is_union(vm, cls) => {
            for c in crate::objects::generic_alias::union_args(cls) {
                if isinstance_of(vm, obj, &c)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ if crate::objects::generic_alias::is_alias(vm, cls) => Err(vm.type_error("isinstance() argument 2 cannot be a parameterized generic")),
        _ => {
            let ccls = vm.type_of(cls);
            if let Some(f) = vm.lookup_mro(&ccls, "__instancecheck__") {
                let r = vm.call(&f, vec![cls.clone(), obj.clone()])?;
                return vm.truthy(&r);
            }
            Err(vm.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"))
        }
    }
}

/// Whether `test` holds for an item of a tuple of classes (nested tuples
/// count as recursion: `what` names where, in the RecursionError).
fn any_in_tuple(vm: &mut Vm, items: &[Value], what: &str, mut test: impl FnMut(&mut Vm, &Value) -> PyResult<bool>) -> PyResult<bool> {
    vm.enter_recursive(what)?;
    let mut found = Ok(false);
    for item in items {
        match test(vm, item) {
            Ok(false) => {}
            r => {
                found = r;
                break;
            }
        }
    }
    vm.leave_recursive();
    found
}

fn isinstance(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "isinstance", 2, 2)?;
    isinstance_of(vm, &a.pos[0], &a.pos[1]).map(Value::Bool)
}

pub fn issubclass_of(vm: &mut Vm, c: &Value, cls: &Value) -> PyResult<bool> {
    match cls.payload() {
        Some(Payload::Tuple(t)) => any_in_tuple(vm, t, " in __subclasscheck__", |vm, x| issubclass_of(vm, c, x)),
        _ if crate::objects::generic_alias::is_union(vm, cls) => {
            for x in crate::objects::generic_alias::union_args(cls) {
                if issubclass_of(vm, c, &x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Some(Payload::Class(_)) => {
            let meta = vm.type_of(cls);
            if !Rc::ptr_eq(&meta, &vm.types.type_) {
                if let Some(f) = vm.lookup_mro(&meta, "__subclasscheck__") {
                    let r = vm.call(&f, vec![cls.clone(), c.clone()])?;
                    return vm.truthy(&r);
                }
            }
            let Some(sub) = class_arg(vm, c) else {
                return Err(vm.type_error("issubclass() arg 1 must be a class"));
            };
            Ok(vm.is_subclass(&sub, cls.obj().expect("class")))
        }
        _ => Err(vm.type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union")),
    }
}

fn issubclass(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "issubclass", 2, 2)?;
    issubclass_of(vm, &a.pos[0], &a.pos[1]).map(Value::Bool)
}

fn attr_name(vm: &Vm, v: &Value) -> PyResult<Value> {
    if v.as_str().is_some() {
        Ok(v.clone())
    } else {
        Err(vm.type_error(format!("attribute name must be string, not '{}'", vm.type_name(v))))
    }
}

fn hasattr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "hasattr", 2, 2)?;
    let name = attr_name(vm, &a.pos[1])?;
    match vm.getattr(&a.pos[0], &name) {
        Ok(_) => Ok(Value::Bool(true)),
        Err(e) if vm.isinstance(&e.0, &vm.types.exc.attribute_error.clone()) => Ok(Value::Bool(false)),
        Err(e) => Err(e),
    }
}

fn getattr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "getattr", 2, 3)?;
    let name = attr_name(vm, &a.pos[1])?;
    match vm.getattr(&a.pos[0], &name) {
        Ok(v) => Ok(v),
        Err(e) if a.pos.len() == 3 && vm.isinstance(&e.0, &vm.types.exc.attribute_error.clone()) => Ok(a.pos[2].clone()),
        Err(e) => Err(e),
    }
}

fn setattr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "setattr", 3, 3)?;
    let name = attr_name(vm, &a.pos[1])?;
    vm.setattr(&a.pos[0], &name, a.pos[2].clone())?;
    Ok(Value::None)
}

fn delattr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "delattr", 2, 2)?;
    let name = attr_name(vm, &a.pos[1])?;
    vm.delattr(&a.pos[0], &name)?;
    Ok(Value::None)
}

/// `id()`: the address of an object; immediates get a stable made-up one.
pub fn id_of(v: &Value) -> i64 {
    match v {
        Value::Obj(o) => Rc::as_ptr(o) as usize as i64,
        Value::None => 0x1000,
        Value::Bool(b) => 0x1010 + *b as i64 * 16,
        Value::Int(i) => 0x7f00_0000_0000_i64.wrapping_add(i.wrapping_mul(32)),
        Value::Float(f) => 0x7e00_0000_0000_i64 ^ (f.to_bits() as i64 & 0xffff_ffff),
    }
}

fn id(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "id", 1, 1)?;
    Ok(Value::Int(id_of(&a.pos[0])))
}

fn hash(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "hash", 1, 1)?;
    vm.hash(&a.pos[0]).map(Value::Int)
}

fn callable(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "callable", 1, 1)?;
    let v = &a.pos[0];
    let r = match v.payload() {
        Some(Payload::Function(_) | Payload::Native(_) | Payload::Method { .. } | Payload::Class(_)) => true,
        _ => {
            let c = vm.type_of(v);
            vm.lookup_mro(&c, "__call__").is_some()
        }
    };
    Ok(Value::Bool(r))
}

fn vars(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "vars", 0, 1)?;
    match a.pos.first() {
        None => locals(vm, a),
        Some(v) => match vm.getattr(v, &str_key("__dict__")) {
            Ok(d) => Ok(d),
            Err(_) => Err(vm.type_error("vars() argument must have __dict__ attribute")),
        },
    }
}

/// The names `object.__dir__` lists: the instance's dict and its class's
/// attributes (a module's dict; a class's and its bases').
pub fn default_dir(vm: &mut Vm, v: &Value) -> Vec<Value> {
    let cls = vm.type_of(v);
    let mut seen = Dict::new();
    let mut add = |d: &Dict| {
        for e in d.iter() {
            seen.set_native(e.hash, e.key.clone(), Value::None);
        }
    };
    match v.payload() {
        Some(Payload::Module { dict, .. }) => {
            if let Payload::Dict(d) = &dict.payload {
                add(&d.borrow());
            }
        }
        Some(Payload::Class(c)) => {
            for k in c.mro.borrow().iter() {
                if let Some(d) = &k.dict {
                    add(&d.borrow());
                }
            }
        }
        _ => {
            if let Some(d) = v.obj().and_then(|o| o.dict.as_ref()) {
                add(&d.borrow());
            }
            if let Payload::Class(c) = &cls.payload {
                for k in c.mro.borrow().iter() {
                    if let Some(d) = &k.dict {
                        add(&d.borrow());
                    }
                }
            }
        }
    }
    seen.keys()
}

fn dir(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "dir", 0, 1)?;
    let mut names: Vec<Value> = Vec::new();
    match a.pos.first() {
        None => {
            let l = locals(vm, &Args::default())?;
            if let Some(Payload::Dict(d)) = l.payload() {
                names = d.borrow().keys();
            }
        }
        Some(v) => {
            let cls = vm.type_of(v);
            let mut custom = None;
            if let Some(f) = vm.lookup_mro(&cls, "__dir__") {
                if !crate::value::is_core_native(&f) {
                    let r = vm.call(&f, vec![v.clone()])?;
                    custom = Some(vm.to_vec(&r)?);
                }
            }
            names = match custom {
                Some(n) => n,
                None => default_dir(vm, v),
            };
        }
    }
    let sorted = crate::objects::methods::sort_values(vm, names, None, false)?;
    Ok(vm.new_list(sorted))
}

fn caller_frame(vm: &Vm) -> Option<&crate::vm::frame::Frame> {
    vm.frames.last().map(|f| &**f)
}

fn globals(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    match caller_frame(vm) {
        Some(f) => Ok(Value::Obj(f.globals.clone())),
        None => Ok(vm.new_dict(Dict::new())),
    }
}

/// The local namespace of the running Python frame (a snapshot for
/// function frames, as CPython's `locals()`).
pub fn frame_locals(vm: &mut Vm) -> Value {
    let n = vm.frames.len();
    frame_locals_at(vm, n.wrapping_sub(1))
}

/// The local namespace of `vm.frames[i]` (a snapshot for function frames).
pub fn frame_locals_at(vm: &mut Vm, i: usize) -> Value {
    let Some(f) = vm.frames.get(i) else { return vm.new_dict(Dict::new()) };
    if let Some(l) = &f.locals {
        return Value::Obj(l.clone());
    }
    let mut d = Dict::new();
    let code = f.code.clone();
    for (i, name) in code.unit.varnames.iter().enumerate() {
        if let Some(Some(v)) = f.fast.get(i) {
            d.set_str(name, v.clone());
        }
    }
    let names = code.unit.cellvars.iter().chain(code.unit.freevars.iter());
    for (i, name) in names.enumerate() {
        if let Some(c) = f.cells.get(i) {
            if let Payload::Cell(c) = &c.payload {
                if let Some(v) = &*c.borrow() {
                    d.set_str(name, v.clone());
                }
            }
        }
    }
    vm.new_dict(d)
}

fn locals(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(frame_locals(vm))
}

// ---- numbers ------------------------------------------------------------

fn abs(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "abs", 1, 1)?;
    let v = &a.pos[0];
    match v {
        Value::Int(i) => return Ok(i.checked_abs().map(Value::Int).unwrap_or_else(|| ops::int_from_big(BigInt::from(*i).abs()))),
        Value::Bool(b) => return Ok(Value::Int(*b as i64)),
        Value::Float(f) => return Ok(Value::float(f.abs())),
        _ => {}
    }
    match v.payload() {
        Some(Payload::BigInt(b)) if vm.exact_num(v) => return Ok(ops::int_from_big(b.abs())),
        Some(Payload::Complex(re, im)) => return Ok(Value::Float(re.hypot(*im))),
        _ => {}
    }
    let cls = vm.type_of(v);
    match vm.lookup_mro(&cls, "__abs__") {
        Some(f) => vm.call(&f, vec![v.clone()]),
        None => match v.payload() {
            Some(Payload::BigInt(b)) => Ok(ops::int_from_big(b.abs())),
            Some(Payload::Float(f)) => Ok(Value::Float(f.abs())),
            _ => Err(vm.type_error(format!("bad operand type for abs(): '{}'", vm.type_name(v)))),
        },
    }
}

fn divmod(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "divmod", 2, 2)?;
    let (x, y) = (&a.pos[0], &a.pos[1]);
    if let (Some(p), Some(q)) = (ops::as_big(x), ops::as_big(y)) {
        if q.is_zero() {
            return Err(vm.zero_division("integer division or modulo by zero"));
        }
        let (d, m) = ops::big_divmod(&p, &q);
        return Ok(vm.new_tuple(vec![ops::int_from_big(d), ops::int_from_big(m)]));
    }
    let d = vm.binary_op_named(x, y, "__divmod__", "__rdivmod__", "divmod()")?;
    Ok(d)
}

fn pow(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    kw_only(vm, a, "pow", &["base", "exp", "mod"])?;
    let base = a.pos.first().or_else(|| a.kwarg("base")).cloned();
    let exp = a.pos.get(1).or_else(|| a.kwarg("exp")).cloned();
    let modulo = a.pos.get(2).or_else(|| a.kwarg("mod")).cloned().unwrap_or(Value::None);
    let (Some(base), Some(exp)) = (base, exp) else {
        return Err(vm.type_error(format!("pow() missing required argument 'exp' (pos 2)")));
    };
    if modulo.is_none() {
        return vm.binary_op(&base, &exp, crate::code::BinOp::Pow);
    }
    match (ops::as_big(&base), ops::as_big(&exp), ops::as_big(&modulo)) {
        (Some(b), Some(e), Some(m)) => {
            if m.is_zero() {
                return Err(vm.value_error("pow() 3rd argument cannot be 0"));
            }
            let (b, e) = if e.is_negative() {
                let inv = mod_inverse(&b, &m).ok_or_else(|| vm.value_error("base is not invertible for the given modulus"))?;
                (inv, -e)
            } else {
                (b, e)
            };
            let r = b.modpow(&e, &m.abs());
            // Python's result has the sign of the modulus.
            let r = if m.is_negative() && !r.is_zero() { r + &m } else { r };
            let r = ((r % &m) + &m) % &m;
            Ok(ops::int_from_big(r))
        }
        _ => {
            let cls = vm.type_of(&base);
            if let Some(f) = vm.lookup_mro(&cls, "__pow__") {
                if !crate::value::is_core_native(&f) {
                    return vm.call(&f, vec![base.clone(), exp.clone(), modulo.clone()]);
                }
            }
            Err(vm.type_error("pow() 3rd argument not allowed unless all arguments are integers"))
        }
    }
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    use num_integer::Integer;
    let m = m.abs();
    let e = a.mod_floor(&m).extended_gcd(&m);
    if e.gcd != BigInt::from(1) {
        return None;
    }
    Some(e.x.mod_floor(&m))
}

fn round(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    kw_only(vm, a, "round", &["number", "ndigits"])?;
    let Some(x) = a.pos.first().or_else(|| a.kwarg("number")).cloned() else {
        return Err(vm.type_error("round() missing required argument 'number' (pos 1)"));
    };
    let nd = a.pos.get(1).or_else(|| a.kwarg("ndigits")).cloned().unwrap_or(Value::None);
    match &x {
        Value::Float(f) => {
            if nd.is_none() {
                if f.is_nan() {
                    return Err(vm.value_error("cannot convert float NaN to integer"));
                }
                if f.is_infinite() {
                    return Err(vm.overflow_error("cannot convert float infinity to integer"));
                }
                let r = f.round_ties_even();
                return Ok(match r.to_i64() {
                    Some(i) if r.abs() < 9.0e18 => Value::Int(i),
                    _ => ops::int_from_big(float_to_big(r)),
                });
            }
            let n = index_clamped(vm, &nd)?;
            return match round_float(*f, n) {
                Some(r) => Ok(Value::Float(r)),
                None => Err(vm.overflow_error("rounded value too large to represent")),
            };
        }
        Value::Int(_) | Value::Bool(_) => {
            if nd.is_none() {
                return Ok(ops::int_from_big(ops::as_big(&x).unwrap_or_default()));
            }
        }
        _ => {}
    }
    if let (Some(i), false) = (ops::as_big(&x), nd.is_none()) {
        let n = index_clamped(vm, &nd)?;
        if n >= 0 {
            return Ok(ops::int_from_big(i));
        }
        // Past the number's own digits the result is 0.
        if n < -(i.bits() as i64 / 3 + 2) {
            return Ok(Value::Int(0));
        }
        let p = BigInt::from(10).pow((-n) as u32);
        let (q, r) = ops::big_divmod(&i, &p);
        let twice = &r * 2;
        let q = if twice > p || (twice == p && (&q % 2u32) != BigInt::zero()) { q + 1 } else { q };
        return Ok(ops::int_from_big(q * p));
    }
    let cls = vm.type_of(&x);
    match vm.lookup_mro(&cls, "__round__") {
        Some(f) => {
            if nd.is_none() {
                vm.call(&f, vec![x.clone()])
            } else {
                vm.call(&f, vec![x.clone(), nd.clone()])
            }
        }
        None => Err(vm.type_error(format!("type {} doesn't define __round__ method", vm.type_name(&x)))),
    }
}

/// An index argument clipped to the i64 range (CPython's
/// `PyNumber_AsSsize_t(v, NULL)`).
pub fn index_clamped(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        _ => {
            let b = index_big(vm, v)?;
            Ok(b.to_i64().unwrap_or(if b.is_negative() { i64::MIN } else { i64::MAX }))
        }
    }
}

/// Round half to even at `n` decimal digits, on the float's exact value
/// (as CPython does, through correctly rounded decimal conversion); `None`
/// if the rounded value overflows.
pub fn round_float(f: f64, n: i64) -> Option<f64> {
    if !f.is_finite() || n > 330 {
        return Some(f);
    }
    if n < -330 {
        return Some(0.0 * f);
    }
    if n >= 0 {
        let s = format!("{:.*}", n as usize, f);
        return Some(s.parse().unwrap_or(f));
    }
    // f = mant * 2**exp exactly; round f / 10**k to an integer.
    let bits = f.abs().to_bits();
    let (raw_exp, frac) = ((bits >> 52) as i64, bits & ((1u64 << 52) - 1));
    let (mant, exp) = if raw_exp == 0 { (frac, -1074) } else { (frac | (1u64 << 52), raw_exp - 1075) };
    let p10 = BigInt::from(10).pow((-n) as u32);
    let (num, den) = if exp >= 0 { (BigInt::from(mant) << exp as usize, p10.clone()) } else { (BigInt::from(mant), &p10 << (-exp) as usize) };
    let (q, r) = ops::big_divmod(&num, &den);
    let twice: BigInt = r * 2;
    let q = if twice > den || (twice == den && (&q % 2u32) != BigInt::zero()) { q + 1 } else { q };
    let v: f64 = (q * p10).to_string().parse().unwrap_or(f64::INFINITY);
    if v.is_infinite() {
        return None;
    }
    Some(if f.is_sign_negative() { -v } else { v })
}

pub fn float_to_big(f: f64) -> BigInt {
    use num_traits::FromPrimitive;
    BigInt::from_f64(f.trunc()).unwrap_or_default()
}

fn int_to_base(vm: &mut Vm, v: &Value, radix: u32, prefix: &str) -> PyResult<Value> {
    let b = index_big(vm, v)?;
    let s = if b.is_negative() { format!("-{prefix}{}", (-b).to_str_radix(radix)) } else { format!("{prefix}{}", b.to_str_radix(radix)) };
    Ok(vm.new_str(&s))
}

fn bin(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "bin", 1, 1)?;
    int_to_base(vm, &a.pos[0], 2, "0b")
}

fn oct(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "oct", 1, 1)?;
    int_to_base(vm, &a.pos[0], 8, "0o")
}

fn hex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "hex", 1, 1)?;
    int_to_base(vm, &a.pos[0], 16, "0x")
}

fn chr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "chr", 1, 1)?;
    let i = match index_big(vm, &a.pos[0]) {
        Ok(i) => i,
        Err(_) if matches!(a.pos[0], Value::Float(_)) => return Err(vm.type_error("integer argument expected, got float")),
        Err(e) => return Err(e),
    };
    match i.to_u32() {
        Some(c) if c <= 0x10ffff => Ok(vm.new_pystr(PyStr::from_code_points(vec![c]))),
        _ => {
            if i.to_i64().is_none() {
                Err(vm.overflow_error("Python int too large to convert to C int"))
            } else {
                Err(vm.value_error("chr() arg not in range(0x110000)"))
            }
        }
    }
}

fn ord(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "ord", 1, 1)?;
    let v = &a.pos[0];
    match v.payload() {
        Some(Payload::Str(s)) => {
            if s.len() == 1 {
                Ok(Value::Int(s.at(0) as i64))
            } else {
                Err(vm.type_error(format!("ord() expected a character, but string of length {} found", s.len())))
            }
        }
        Some(Payload::Bytes(_) | Payload::ByteArray(_)) => {
            let b = crate::objects::bytes::bytes_of(v).unwrap_or_default();
            if b.len() == 1 {
                Ok(Value::Int(b[0] as i64))
            } else {
                Err(vm.type_error(format!("ord() expected a character, but string of length {} found", b.len())))
            }
        }
        _ => Err(vm.type_error(format!("ord() expected string of length 1, but {} found", vm.type_name(v)))),
    }
}

// ---- iteration ----------------------------------------------------------

fn iter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "iter", 1, 2)?;
    if a.pos.len() == 2 {
        let f = a.pos[0].clone();
        let mut ca = Args::new(vec![f.clone()]);
        ca.pos.truncate(1);
        if !callable(vm, &ca)?.is(&Value::Bool(true)) {
            return Err(vm.type_error("iter(v, w): v must be callable"));
        }
        return Ok(vm.new_iter(IterState::Callable { func: f, sentinel: a.pos[1].clone(), done: false }));
    }
    vm.iter(&a.pos[0])
}

fn next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "next", 1, 2)?;
    let it = &a.pos[0];
    let is_iter = matches!(it.payload(), Some(Payload::Iter(_) | Payload::Generator(_))) || {
        let c = vm.type_of(it);
        vm.lookup_mro(&c, "__next__").is_some()
    };
    if !is_iter {
        return Err(vm.type_error(format!("'{}' object is not an iterator", vm.type_name(it))));
    }
    // Generators: keep the StopIteration (and its value) when no default.
    if let (Some(Payload::Generator(_)), None) = (it.payload(), a.pos.get(1)) {
        let g = it.obj().expect("generator").clone();
        return match vm.gen_resume(&g, Value::None, None)? {
            Some(v) => Ok(v),
            None => Err(vm.stop_iteration(Value::None)),
        };
    }
    let c = vm.type_of(it);
    if !matches!(it.payload(), Some(Payload::Iter(_))) {
        if let Some(f) = vm.lookup_mro(&c, "__next__") {
            return match vm.call(&f, vec![it.clone()]) {
                Err(e) if a.pos.len() == 2 && vm.isinstance(&e.0, &vm.types.exc.stop_iteration.clone()) => Ok(a.pos[1].clone()),
                r => r,
            };
        }
    }
    match vm.next(it)? {
        Some(v) => Ok(v),
        None => match a.pos.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.stop_iteration(Value::None)),
        },
    }
}

fn enumerate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    kw_only(vm, a, "enumerate", &["iterable", "start"])?;
    let Some(src) = a.pos.first().or_else(|| a.kwarg("iterable")).cloned() else {
        return Err(vm.type_error("enumerate() missing required argument 'iterable' (pos 1)"));
    };
    let start = match a.pos.get(1).or_else(|| a.kwarg("start")) {
        Some(s) => index_big(vm, &s.clone())?,
        None => BigInt::zero(),
    };
    let it = vm.iter(&src)?;
    Ok(vm.new_iter(IterState::Enumerate { iter: it, count: start }))
}

fn zip(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    kw_only(vm, a, "zip", &["strict"])?;
    let strict = match a.kwarg("strict") {
        Some(v) => vm.truthy(&v.clone())?,
        None => false,
    };
    let mut iters = Vec::new();
    for (i, x) in a.pos.iter().enumerate() {
        match vm.iter(x) {
            Ok(it) => iters.push(it),
            Err(e) => {
                let _ = i;
                return Err(e);
            }
        }
    }
    Ok(vm.new_iter(IterState::Zip { iters, strict }))
}

fn map(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_kw(vm, a, "map")?;
    if a.pos.len() < 2 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let mut iters = Vec::new();
    for x in &a.pos[1..] {
        iters.push(vm.iter(x)?);
    }
    Ok(vm.new_iter(IterState::Map { func: a.pos[0].clone(), iters }))
}

fn filter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_kw(vm, a, "filter")?;
    check_args(vm, a, "filter", 2, 2)?;
    let it = vm.iter(&a.pos[1])?;
    Ok(vm.new_iter(IterState::Filter { func: a.pos[0].clone(), iter: it }))
}

fn reversed(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "reversed", 1, 1)?;
    let v = &a.pos[0];
    let cls = vm.type_of(v);
    let builtin_payload = matches!(v.payload(), Some(Payload::Dict(_) | Payload::Range { .. } | Payload::List(_) | Payload::Tuple(_) | Payload::Str(_)));
    if !crate::types::is_builtin_class(&cls) || !builtin_payload {
        if let Some(f) = vm.lookup_mro(&cls, "__reversed__") {
            if f.is_none() {
                return Err(vm.type_error(format!("'{}' object is not reversible", vm.type_name(v))));
            }
            return vm.call(&f, vec![v.clone()]);
        }
    }
    match v.payload() {
        Some(Payload::Dict(d)) => {
            let keys: Vec<Value> = d.borrow().keys().into_iter().rev().collect();
            let l = vm.new_list(keys);
            return Ok(vm.new_iter(IterState::Seq { seq: l, index: 0 }));
        }
        Some(Payload::Range { start, stop, step }) => {
            let n = crate::objects::methods::range_len(start, stop, step);
            let last = start + (&n - 1u32) * step;
            let (new_start, new_stop, new_step) = if n.is_zero() { (start.clone(), start.clone(), BigInt::from(1)) } else { (last, start - step, -step) };
            return Ok(vm.new_iter(match (new_start.to_i64(), new_stop.to_i64(), new_step.to_i64()) {
                (Some(a), Some(b), Some(c)) => IterState::Range { start: a, next: a, stop: b, step: c },
                _ => IterState::BigRange { start: new_start.clone(), next: new_start, stop: new_stop, step: new_step },
            }));
        }
        Some(Payload::Set(_) | Payload::FrozenSet(_)) | None => {
            return Err(vm.type_error(format!("'{}' object is not reversible", vm.type_name(v))));
        }
        _ => {}
    }
    if vm.lookup_mro(&cls, "__getitem__").is_none() {
        return Err(vm.type_error(format!("'{}' object is not reversible", vm.type_name(v))));
    }
    if vm.lookup_mro(&cls, "__len__").is_none() {
        return Err(vm.type_error(format!("object of type '{}' has no len()", vm.type_name(v))));
    }
    let n = vm.len(v)?;
    Ok(vm.new_iter(IterState::Reversed { seq: v.clone(), index: n as isize - 1 }))
}

fn min_max(vm: &mut Vm, a: &Args, name: &str, want: crate::code::CmpOp) -> PyResult<Value> {
    kw_only(vm, a, name, &["key", "default"])?;
    let key = a.kwarg("key").cloned().filter(|k| !k.is_none());
    let default = a.kwarg("default").cloned();
    let items = match a.pos.len() {
        0 => return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0"))),
        1 => vm.to_vec(&a.pos[0])?,
        _ => {
            if default.is_some() {
                return Err(vm.type_error(format!("Cannot specify a default for {name}() with multiple positional arguments")));
            }
            a.pos.clone()
        }
    };
    let mut best: Option<(Value, Value)> = None;
    for x in items {
        let k = match &key {
            Some(f) => vm.call(f, vec![x.clone()])?,
            None => x.clone(),
        };
        best = match best {
            None => Some((k, x)),
            Some((bk, bx)) => {
                let better = vm.compare(&k, &bk, want)?;
                if vm.truthy(&better)? {
                    Some((k, x))
                } else {
                    Some((bk, bx))
                }
            }
        };
    }
    match best {
        Some((_, x)) => Ok(x),
        None => match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error(format!("{name}() arg is an empty sequence"))),
        },
    }
}

fn min(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    min_max(vm, a, "min", crate::code::CmpOp::Lt)
}

fn max(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    min_max(vm, a, "max", crate::code::CmpOp::Gt)
}

fn sum(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    kw_only(vm, a, "sum", &["start"])?;
    check_args(vm, a, "sum", 1, 2)?;
    let start = a.pos.get(1).or_else(|| a.kwarg("start")).cloned().unwrap_or(Value::Int(0));
    match start.payload() {
        Some(Payload::Str(_)) => return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]")),
        Some(Payload::Bytes(_)) => return Err(vm.type_error("sum() can't sum bytes [use b''.join(seq) instead]")),
        _ => {}
    }
    let it = vm.iter(&a.pos[0])?;
    let mut acc = start;
    while let Some(x) = vm.next(&it)? {
        acc = match (&acc, &x) {
            (Value::Int(p), Value::Int(q)) => match p.checked_add(*q) {
                Some(r) => Value::Int(r),
                None => vm.binary_op(&acc, &x, crate::code::BinOp::Add)?,
            },
            (Value::Float(p), Value::Float(q)) => Value::Float(p + q),
            _ => vm.binary_op(&acc, &x, crate::code::BinOp::Add)?,
        };
    }
    Ok(acc)
}

fn any(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "any", 1, 1)?;
    let it = vm.iter(&a.pos[0])?;
    while let Some(x) = vm.next(&it)? {
        if vm.truthy(&x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn all(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "all", 1, 1)?;
    let it = vm.iter(&a.pos[0])?;
    while let Some(x) = vm.next(&it)? {
        if !vm.truthy(&x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn sorted(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    kw_only(vm, a, "sorted", &["key", "reverse"])?;
    if a.pos.len() != 1 {
        return Err(vm.type_error(format!("sorted expected 1 argument, got {}", a.pos.len())));
    }
    let items = vm.to_vec(&a.pos[0])?;
    let key = a.kwarg("key").cloned().filter(|k| !k.is_none());
    let reverse = match a.kwarg("reverse") {
        Some(r) => vm.truthy(&r.clone())?,
        None => false,
    };
    let out = crate::objects::methods::sort_values(vm, items, key.as_ref(), reverse)?;
    Ok(vm.new_list(out))
}

// ---- classes --------------------------------------------------------------

fn build_class(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() < 2 {
        return Err(vm.type_error("__build_class__: not enough arguments"));
    }
    let func = a.pos[0].clone();
    let name = a.pos[1].clone();
    let Some(Payload::Function(_)) = func.payload() else {
        return Err(vm.type_error("__build_class__: func must be a function"));
    };
    let name_s = str_arg(vm, &name, "__build_class__: name")?;
    let orig_bases: Vec<Value> = a.pos[2..].to_vec();
    // PEP 560: `__mro_entries__` on non-class bases.
    let mut bases: Vec<Value> = Vec::new();
    let mut changed = false;
    for b in &orig_bases {
        if class_arg(vm, b).is_none() {
            // Looked up as an attribute of the base itself (a function's
            // `__mro_entries__`, as `typing.TypedDict` has, counts).
            let found = match vm.getattr(b, &str_key("__mro_entries__")) {
                Ok(me) => Some(me),
                Err(e) if vm.isinstance(&e.0, &vm.types.exc.attribute_error.clone()) => None,
                Err(e) => return Err(e),
            };
            if let Some(me) = found {
                let t = vm.new_tuple(orig_bases.clone());
                let r = vm.call(&me, vec![t])?;
                if !matches!(r.payload(), Some(Payload::Tuple(_))) {
                    return Err(vm.type_error("__mro_entries__ must return a tuple"));
                }
                bases.extend(vm.to_vec(&r)?);
                changed = true;
                continue;
            }
        }
        bases.push(b.clone());
    }
    let mut meta: Option<Value> = None;
    let mut kw = Vec::new();
    for (k, v) in &a.kw {
        if k.as_str().is_some_and(|s| s.eq_rust("metaclass")) {
            meta = Some(v.clone());
        } else {
            kw.push((k.clone(), v.clone()));
        }
    }
    let explicit_meta = meta.is_some();
    let mut meta = match meta {
        Some(m) => m,
        None => match bases.first() {
            Some(b) => Value::Obj(vm.type_of(b)),
            None => Value::Obj(vm.types.type_.clone()),
        },
    };
    // The most derived metaclass among the bases'.
    if class_arg(vm, &meta).is_some() {
        let mut winner = meta.obj().expect("class").clone();
        for b in &bases {
            let bm = vm.type_of(b);
            if vm.is_subclass(&winner, &bm) {
                continue;
            }
            if vm.is_subclass(&bm, &winner) {
                winner = bm;
                continue;
            }
            return Err(vm.type_error(
                "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
            ));
        }
        if !explicit_meta || !Rc::ptr_eq(&winner, meta.obj().expect("class")) {
            meta = Value::Obj(winner);
        }
    }
    let bases_t = vm.new_tuple(bases.clone());
    let ns = match vm.getattr(&meta, &str_key("__prepare__")) {
        Ok(p) => {
            let mut pos = vec![name.clone(), bases_t.clone()];
            pos.truncate(2);
            vm.call_kw(&p, pos, kw.clone())?
        }
        Err(_) => vm.new_dict(Dict::new()),
    };
    let Some(ns_obj) = ns.obj().cloned() else {
        return Err(vm.type_error(format!("{}.__prepare__() must return a mapping, not {}", class_name(&vm.type_of(&meta)), vm.type_name(&ns))));
    };
    let Some(Payload::Function(f)) = func.payload() else { unreachable!("checked above") };
    let cell = vm.run_class_body(f, ns_obj)?;
    if changed {
        vm.setitem(&ns, str_key("__orig_bases__"), vm.new_tuple(orig_bases))?;
    }
    let cls = vm.call_kw(&meta, vec![name, bases_t, ns], kw)?;
    if let (Some(Payload::Cell(c)), Some(Payload::Class(_))) = (cell.payload(), cls.payload()) {
        *c.borrow_mut() = Some(cls.clone());
    }
    let _ = name_s;
    Ok(cls)
}

fn type_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(meta) = a.pos.first().and_then(|m| class_arg(vm, m)) else {
        return Err(vm.type_error("type.__new__(X): X is not a type object"));
    };
    if a.pos.len() == 2 && Rc::ptr_eq(&meta, &vm.types.type_) {
        return Ok(Value::Obj(vm.type_of(&a.pos[1])));
    }
    if a.pos.len() != 4 {
        return Err(vm.type_error("type() takes 1 or 3 arguments"));
    }
    let name = str_arg(vm, &a.pos[1], "type.__new__() argument 1")?;
    let bases = match a.pos[2].payload() {
        Some(Payload::Tuple(t)) => {
            let mut out = Vec::new();
            for b in t.iter() {
                match class_arg(vm, b) {
                    Some(c) => out.push(c),
                    None => return Err(vm.type_error("bases must be types")),
                }
            }
            out
        }
        _ => return Err(vm.type_error(format!("type.__new__() argument 2 must be tuple, not {}", vm.type_name(&a.pos[2])))),
    };
    // The most derived metaclass of `meta` and the bases' (CPython's
    // `_PyType_CalculateMetaclass`); its own `__new__` takes over.
    let mut winner = meta.clone();
    for b in &bases {
        let t = b.class();
        if vm.is_subclass(&winner, &t) {
            continue;
        }
        if vm.is_subclass(&t, &winner) {
            winner = t;
            continue;
        }
        return Err(vm.type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        ));
    }
    let meta = if Rc::ptr_eq(&winner, &meta) {
        meta
    } else {
        if let Some(new) = vm.lookup_mro(&winner, "__new__") {
            let f = match new.payload() {
                Some(Payload::StaticMethod(f)) => f.clone(),
                _ => new.clone(),
            };
            let is_type_new = matches!(f.payload(), Some(Payload::Native(n)) if n.func as usize == type_new as usize);
            if !is_type_new {
                let mut pos = vec![Value::Obj(winner.clone())];
                pos.extend(a.pos[1..].iter().cloned());
                return vm.call_kw(&f, pos, a.kw.clone());
            }
        }
        winner
    };
    let mut ns = match a.pos[3].payload() {
        Some(Payload::Dict(d)) => d.borrow().clone(),
        _ => return Err(vm.type_error(format!("type.__new__() argument 3 must be dict, not {}", vm.type_name(&a.pos[3])))),
    };
    // `__module__` defaults to the calling code's module.
    if ns.get_str("__module__").is_none() {
        let module = vm.frames.last().and_then(|f| match &f.globals.payload {
            Payload::Dict(g) => g.borrow().get_str("__name__").cloned(),
            _ => None,
        });
        if let Some(m) = module {
            ns.set_str("__module__", m);
        }
    }
    let cls = crate::types::make_class(vm, &meta, &name, bases, &ns)?;
    // `__init_subclass__` of the nearest base that has one.
    let clsv = Value::Obj(cls.clone());
    let sup = vm.new_object(&vm.types.super_.clone(), Payload::Super { this: cls.clone(), obj: clsv.clone() }, false);
    let init_sub = vm.getattr(&sup, &str_key("__init_subclass__"))?;
    vm.call_kw(&init_sub, vec![], a.kw.clone())?;
    Ok(clsv)
}

fn type_mro(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(c) = a.pos.first().and_then(|c| class_arg(vm, c)) else {
        return Err(vm.type_error("descriptor 'mro' requires a 'type' object"));
    };
    let Payload::Class(cd) = &c.payload else { unreachable!("class_arg returns classes") };
    let m: Vec<Value> = cd.mro.borrow().iter().map(|k| Value::Obj(k.clone())).collect();
    Ok(vm.new_list(m))
}

/// `type.__prepare__(name, bases, **kwds)`: a fresh dict, whatever the
/// arguments (metaclasses call it through `super()`).
fn type_prepare(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(vm.new_dict(Dict::new()))
}

fn object_subclasshook(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(vm.types.not_implemented.clone())
}

fn object_init_subclass(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        let cls = a.pos.first().and_then(|c| c.obj()).map(class_name).unwrap_or_else(|| "object".into());
        return Err(vm.type_error(format!("{cls}.__init_subclass__() takes no keyword arguments")));
    }
    Ok(Value::None)
}

fn object_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(cls) = a.pos.first().and_then(|c| class_arg(vm, c)) else {
        return Err(vm.type_error("object.__new__(X): X is not a type object"));
    };
    if a.pos.len() > 1 || !a.kw.is_empty() {
        let init = vm.lookup_mro(&cls, "__init__");
        let init_is_object = init.as_ref().is_some_and(|i| matches!(i.payload(), Some(Payload::Native(n)) if n.name == "__init__" && std::ptr::fn_addr_eq(n.func, object_init as crate::value::NativeFn)));
        if init_is_object {
            return Err(vm.type_error(format!("{}() takes no arguments", class_name(&cls))));
        }
    }
    if let Payload::Class(c) = &cls.payload {
        if c.builtin_exact.get() && !Rc::ptr_eq(&cls, &vm.types.object) && c.base_kind == crate::value::BaseKind::Other {
            return Err(vm.type_error(format!("cannot create '{}' instances", c.name.borrow())));
        }
    }
    check_abstract(vm, &cls)?;
    crate::types::object_new(vm, &cls)
}

/// `Py_TPFLAGS_IS_ABSTRACT`: a class whose own `__abstractmethods__` is
/// true cannot be instantiated (CPython's `object_new`).
fn check_abstract(vm: &mut Vm, cls: &PyRef) -> PyResult<()> {
    let Some(methods) = cls.dict.as_ref().and_then(|d| d.borrow().get_str("__abstractmethods__").cloned()) else { return Ok(()) };
    if !vm.truthy(&methods)? {
        return Ok(());
    }
    let mut names = vm.to_vec(&methods)?;
    let l = vm.new_list(std::mem::take(&mut names));
    vm.call_method(&l, "sort", vec![])?;
    let names = vm.to_vec(&l)?;
    let mut joined = Vec::with_capacity(names.len());
    for n in &names {
        joined.push(vm.str_string(n)?);
    }
    Err(vm.type_error(format!(
        "Can't instantiate abstract class {} with abstract method{} {}",
        class_name(cls),
        if names.len() > 1 { "s" } else { "" },
        joined.join(", ")
    )))
}

fn object_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() > 1 || !a.kw.is_empty() {
        if let Some(this) = a.pos.first() {
            let cls = vm.type_of(this);
            let new = vm.lookup_mro(&cls, "__new__");
            let new_is_object = new.as_ref().is_some_and(|n| matches!(n.payload(), Some(Payload::Native(x)) if std::ptr::fn_addr_eq(x.func, object_new as crate::value::NativeFn)));
            let init = vm.lookup_mro(&cls, "__init__");
            let init_is_object = init.as_ref().is_some_and(|i| matches!(i.payload(), Some(Payload::Native(x)) if std::ptr::fn_addr_eq(x.func, object_init as crate::value::NativeFn)));
            if new_is_object || !init_is_object {
                return Err(vm.type_error("object.__init__() takes exactly one argument (the instance to initialize)"));
            }
        }
    }
    Ok(Value::None)
}

/// A new exception instance of `cls` with `args`.
pub fn exception_new_of(vm: &mut Vm, cls: &PyRef, args: Vec<Value>) -> Value {
    let args = vm.new_tuple(args);
    let payload = Payload::Exception(ExcData {
        args: RefCell::new(args),
        traceback: RefCell::new(Value::None),
        cause: RefCell::new(Value::None),
        context: RefCell::new(Value::None),
        suppress_context: Cell::new(false),
    });
    vm.new_object(cls, payload, true)
}

/// `OSError(errno, …)` picks the subclass for the errno, as CPython does.
fn os_error_subclass(vm: &Vm, cls: &PyRef, args: &[Value]) -> PyRef {
    if !Rc::ptr_eq(cls, &vm.types.exc.os_error) || args.len() < 2 {
        return cls.clone();
    }
    let e = &vm.types.exc;
    let sub = match ops::as_i64(&args[0]) {
        Some(1 | 13) => &e.permission_error,
        Some(2) => &e.file_not_found_error,
        Some(3) => &e.process_lookup_error,
        Some(4) => &e.interrupted_error,
        Some(10) => &e.child_process_error,
        Some(11 | 114 | 115) => &e.blocking_io_error,
        Some(17) => &e.file_exists_error,
        Some(20) => &e.not_a_directory_error,
        Some(21) => &e.is_a_directory_error,
        Some(32 | 108) => &e.broken_pipe_error,
        Some(103) => &e.connection_aborted_error,
        Some(104) => &e.connection_reset_error,
        Some(110) => &e.timeout_error,
        Some(111) => &e.connection_refused_error,
        _ => cls,
    };
    sub.clone()
}

fn exception_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(cls) = a.pos.first().and_then(|c| class_arg(vm, c)) else {
        return Err(vm.type_error("BaseException.__new__(X): X is not a type object"));
    };
    // BaseException.__init__ takes no keywords; a subclass's own
    // __init__ may.
    if !a.kw.is_empty() {
        let base_init = vm.lookup_mro(&vm.types.exc.base_exception.clone(), "__init__");
        let own_init = vm.lookup_mro(&cls, "__init__");
        if matches!((&base_init, &own_init), (Some(b), Some(o)) if b.is(o)) {
            return Err(vm.type_error(format!("{}() takes no keyword arguments", crate::types::class_name(&cls))));
        }
    }
    let cls = os_error_subclass(vm, &cls, &a.pos[1..]);
    let args = vm.new_tuple(a.pos[1..].to_vec());
    let payload = Payload::Exception(ExcData {
        args: RefCell::new(args),
        traceback: RefCell::new(Value::None),
        cause: RefCell::new(Value::None),
        context: RefCell::new(Value::None),
        suppress_context: Cell::new(false),
    });
    Ok(vm.new_object(&cls, payload, true))
}

fn int_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    kw_only(vm, a, "int", &["base"])?;
    let cls = a.pos.first().and_then(|c| class_arg(vm, c)).unwrap_or_else(|| vm.types.int.clone());
    let x = a.pos.get(1).cloned();
    let base = a.pos.get(2).or_else(|| a.kwarg("base")).cloned();
    if a.pos.len() > 3 {
        return Err(vm.type_error(format!("int() takes at most 2 arguments ({} given)", a.pos.len() - 1)));
    }
    let v = match (x, base) {
        (None, None) => BigInt::zero(),
        (None, Some(_)) => return Err(vm.type_error("int() missing string argument")),
        (Some(x), Some(b)) => {
            let base = index_clamped(vm, &b)?;
            if base != 0 && !(2..=36).contains(&base) {
                return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
            }
            let text = match x.payload() {
                Some(Payload::Str(s)) => s.to_string_lossy(),
                Some(Payload::Bytes(b)) => String::from_utf8_lossy(b).into_owned(),
                Some(Payload::ByteArray(b)) => String::from_utf8_lossy(&b.borrow()).into_owned(),
                _ => return Err(vm.type_error("int() can't convert non-string with explicit base")),
            };
            parse_int(vm, &text, base as u32, &x)?
        }
        (Some(x), None) => int_of(vm, &x)?,
    };
    if Rc::ptr_eq(&cls, &vm.types.int) {
        return Ok(ops::int_from_big(v));
    }
    if Rc::ptr_eq(&cls, &vm.types.bool_) {
        return Ok(Value::Bool(!v.is_zero()));
    }
    Ok(vm.new_object(&cls, Payload::BigInt(v), true))
}

/// `int(x)` for one argument.
pub fn int_of(vm: &mut Vm, x: &Value) -> PyResult<BigInt> {
    match x {
        Value::Int(i) => return Ok(BigInt::from(*i)),
        Value::Bool(b) => return Ok(BigInt::from(*b as i64)),
        Value::Float(f) => return float_int(vm, *f),
        Value::None => return Err(vm.type_error("int() argument must be a string, a bytes-like object or a real number, not 'NoneType'")),
        _ => {}
    }
    if vm.exact_num(x) {
        if let Some(b) = ops::as_big(x) {
            return Ok(b);
        }
    }
    let cls = vm.type_of(x);
    for name in ["__int__", "__index__"] {
        if let Some(f) = vm.lookup_mro(&cls, name) {
            let r = vm.call(&f, vec![x.clone()])?;
            return int_result(vm, &r, name);
        }
    }
    if let Some(f) = vm.lookup_mro(&cls, "__trunc__") {
        let cat = vm.types.exc.deprecation_warning.clone();
        warn(vm, &cat, "The delegation of int() to __trunc__ is deprecated.")?;
        let r = vm.call(&f, vec![x.clone()])?;
        if let Some(b) = ops::as_big(&r) {
            return Ok(b);
        }
        let rcls = vm.type_of(&r);
        return match vm.lookup_mro(&rcls, "__index__") {
            Some(f) => {
                let i = vm.call(&f, vec![r.clone()])?;
                int_result(vm, &i, "__index__")
            }
            None => Err(vm.type_error(format!("__trunc__ returned non-Integral (type {})", vm.type_name(&r)))),
        };
    }
    if let Some(Payload::BigInt(b)) = x.payload() {
        return Ok(b.clone());
    }
    match x.payload() {
        Some(Payload::Str(s)) => {
            let t = s.to_string_lossy();
            parse_int(vm, &t, 10, x)
        }
        Some(Payload::Bytes(_) | Payload::ByteArray(_)) => {
            let b = crate::objects::bytes::bytes_of(x).unwrap_or_default();
            let t = String::from_utf8_lossy(&b).into_owned();
            parse_int(vm, &t, 10, x)
        }
        Some(Payload::Float(f)) => float_int(vm, *f),
        _ => {
            // Any other contiguous buffer (memoryview, array) as ASCII text.
            let data = crate::objects::memoryview::contiguous_bytes(x).or_else(|| crate::modules::array::buffer_bytes(x));
            match data {
                Some(d) => {
                    let t = String::from_utf8_lossy(&d).into_owned();
                    let shown = crate::objects::bytes::new_bytes(vm, d);
                    parse_int(vm, &t, 10, &shown)
                }
                None => Err(vm.type_error(format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                    vm.type_name(x)
                ))),
            }
        }
    }
}

fn float_int(vm: &mut Vm, f: f64) -> PyResult<BigInt> {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    Ok(float_to_big(f))
}

/// Parse an int literal as `int(text, base)` does.
pub fn parse_int(vm: &mut Vm, text: &str, base: u32, orig: &Value) -> PyResult<BigInt> {
    let bad = |vm: &mut Vm| {
        let r = vm.repr(orig).map(|r| r.to_string_lossy()).unwrap_or_default();
        vm.value_error(format!("invalid literal for int() with base {base}: {r}"))
    };
    let t = text.trim_matches(|c: char| c.is_whitespace());
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = digits.to_ascii_lowercase();
    let (mut base, mut body) = (base, lower.as_str());
    let prefixed = |b: &str, p: &str| b.len() > 2 && b.starts_with(p);
    if base == 0 {
        if prefixed(body, "0x") {
            base = 16;
            body = &body[2..];
        } else if prefixed(body, "0o") {
            base = 8;
            body = &body[2..];
        } else if prefixed(body, "0b") {
            base = 2;
            body = &body[2..];
        } else {
            base = 10;
            if body.len() > 1 && body.starts_with('0') && body.trim_start_matches(['0', '_']).len() > 0 {
                return Err(bad(vm));
            }
        }
        if body.starts_with('_') {
            body = &body[1..];
        }
    } else if (base == 16 && prefixed(body, "0x")) || (base == 8 && prefixed(body, "0o")) || (base == 2 && prefixed(body, "0b")) {
        body = &body[2..];
        if body.starts_with('_') {
            body = &body[1..];
        }
    }
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return Err(bad(vm));
    }
    let clean: String = body.chars().filter(|c| *c != '_').collect();
    // Non-ASCII digits (Unicode decimal digits) count as digits.
    if !matches!(base, 2 | 4 | 8 | 16 | 32) {
        let limit = vm.int_max_str_digits;
        let n = clean.chars().count();
        if limit > 0 && n > limit {
            return Err(vm.value_error(format!(
                "Exceeds the limit ({limit} digits) for integer string conversion: value has {n} digits; use sys.set_int_max_str_digits() to increase the limit"
            )));
        }
    }
    let clean: String = clean
        .chars()
        .map(|c| crate::objects::str_methods::decimal_value(c as u32).map(|d| char::from(b'0' + d as u8)).unwrap_or(c))
        .collect();
    match BigInt::parse_bytes(clean.as_bytes(), base) {
        Some(v) => Ok(if neg { -v } else { v }),
        None => Err(bad(vm)),
    }
}

fn bool_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_kw(vm, a, "bool")?;
    if a.pos.len() > 2 {
        return Err(vm.type_error(format!("bool expected at most 1 argument, got {}", a.pos.len() - 1)));
    }
    match a.pos.get(1) {
        Some(v) => vm.truthy(&v.clone()).map(Value::Bool),
        None => Ok(Value::Bool(false)),
    }
}

fn float_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cls = a.pos.first().and_then(|c| class_arg(vm, c)).unwrap_or_else(|| vm.types.float.clone());
    // Keywords are refused unless a subclass defines its own __init__.
    let float_init = vm.lookup_mro(&vm.types.float.clone(), "__init__");
    let own_init = vm.lookup_mro(&cls, "__init__");
    if Rc::ptr_eq(&cls, &vm.types.float) || matches!((&float_init, &own_init), (Some(f), Some(o)) if f.is(o)) {
        no_kw(vm, a, "float")?;
    }
    if a.pos.len() > 2 {
        return Err(vm.type_error(format!("float expected at most 1 argument, got {}", a.pos.len() - 1)));
    }
    let f = match a.pos.get(1) {
        None => 0.0,
        Some(x) => float_of(vm, x)?,
    };
    if Rc::ptr_eq(&cls, &vm.types.float) {
        return Ok(Value::Float(f));
    }
    Ok(vm.new_object(&cls, Payload::Float(f), true))
}

/// `float(x)`.
pub fn float_of(vm: &mut Vm, x: &Value) -> PyResult<f64> {
    match x {
        Value::Float(f) => return Ok(*f),
        Value::Int(i) => return Ok(*i as f64),
        Value::Bool(b) => return Ok(*b as i64 as f64),
        _ => {}
    }
    match x.payload() {
        Some(Payload::Str(s)) if vm.exact_num(x) || vm.lookup_mro(&vm.type_of(x), "__float__").is_none() => {
            // Unicode decimal digits and spaces count as their ASCII forms.
            let t: String = s
                .to_string_lossy()
                .chars()
                .map(|c| match crate::objects::str_methods::decimal_value(c as u32) {
                    Some(d) if !c.is_ascii() => char::from(b'0' + d as u8),
                    _ if c.is_whitespace() => ' ',
                    _ => c,
                })
                .collect();
            return parse_float(&t).ok_or_else(|| {
                let r = s.repr();
                vm.value_error(format!("could not convert string to float: {r}"))
            });
        }
        Some(Payload::BigInt(b)) if vm.exact_num(x) => {
            return b.to_f64().filter(|f| f.is_finite()).ok_or_else(|| vm.overflow_error("int too large to convert to float"));
        }
        _ => {}
    }
    let cls = vm.type_of(x);
    if let Some(f) = vm.lookup_mro(&cls, "__float__") {
        let r = vm.call(&f, vec![x.clone()])?;
        return match r {
            Value::Float(f) => Ok(f),
            _ => match r.payload() {
                Some(Payload::Float(f)) => {
                    let f = *f;
                    let msg = format!(
                        "{}.__float__ returned non-float (type {}).  The ability to return an instance of a strict subclass of float is deprecated, and may be removed in a future version of Python.",
                        class_name(&cls),
                        vm.type_name(&r)
                    );
                    let cat = vm.types.exc.deprecation_warning.clone();
                    warn(vm, &cat, &msg)?;
                    Ok(f)
                }
                _ => Err(vm.type_error(format!("{}.__float__ returned non-float (type {})", class_name(&cls), vm.type_name(&r)))),
            },
        };
    }
    if let Some(f) = vm.lookup_mro(&cls, "__index__") {
        let r = vm.call(&f, vec![x.clone()])?;
        if let Some(b) = ops::as_big(&r) {
            return b.to_f64().filter(|f| f.is_finite()).ok_or_else(|| vm.overflow_error("int too large to convert to float"));
        }
    }
    match x.payload() {
        Some(Payload::Float(f)) => return Ok(*f),
        Some(Payload::BigInt(b)) => return b.to_f64().filter(|f| f.is_finite()).ok_or_else(|| vm.overflow_error("int too large to convert to float")),
        _ => {}
    }
    // `PyFloat_FromString`: bytes, bytearray, then any contiguous buffer
    // (memoryview, array), parsed as ASCII text.
    let data = crate::objects::bytes::bytes_of(x)
        .or_else(|| crate::objects::memoryview::contiguous_bytes(x))
        .or_else(|| crate::modules::array::buffer_bytes(x));
    let Some(data) = data else {
        return Err(vm.type_error(format!("float() argument must be a string or a real number, not '{}'", vm.type_name(x))));
    };
    if let Some(f) = parse_float_bytes(&data) {
        return Ok(f);
    }
    let r = vm.repr(x)?;
    Err(vm.value_error(format!("could not convert string to float: {}", r.to_string_lossy())))
}

/// `float(b)` of a bytes-like object's contents: ASCII only, surrounded by
/// C whitespace (`Py_ISSPACE`), otherwise as `float(str)`.
fn parse_float_bytes(data: &[u8]) -> Option<f64> {
    if !data.is_ascii() {
        return None;
    }
    let is_space = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    let start = data.iter().position(|c| !is_space(c)).unwrap_or(data.len());
    let end = data.iter().rposition(|c| !is_space(c)).map_or(start, |e| e + 1);
    let body = std::str::from_utf8(&data[start..end]).ok()?;
    if body.is_empty() || body.starts_with(char::is_whitespace) || body.ends_with(char::is_whitespace) {
        return None;
    }
    parse_float(body)
}

/// Parse a float literal as `float(str)` does.
pub fn parse_float(t: &str) -> Option<f64> {
    let t = t.trim_matches(|c: char| c.is_whitespace());
    let lower = t.to_ascii_lowercase();
    let (sign, body) = match lower.as_bytes().first() {
        Some(b'-') => (-1.0, &lower[1..]),
        Some(b'+') => (1.0, &lower[1..]),
        _ => (1.0, lower.as_str()),
    };
    match body {
        "inf" | "infinity" => return Some(sign * f64::INFINITY),
        "nan" => return Some(crate::value::fresh_nan(f64::NAN.copysign(sign))),
        _ => {}
    }
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return None;
    }
    let ok = body.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-' | '_'));
    if !ok {
        return None;
    }
    // Underscores only between digits.
    let bytes = body.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' && !(i > 0 && bytes[i - 1].is_ascii_digit() && bytes.get(i + 1).is_some_and(|c| c.is_ascii_digit())) {
            return None;
        }
    }
    let clean: String = body.chars().filter(|c| *c != '_').collect();
    if !clean.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    clean.parse::<f64>().ok().map(|f| sign * f)
}

fn str_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    kw_only(vm, a, "str", &["object", "encoding", "errors"])?;
    let given = a.pos.len().saturating_sub(1) + a.kw.len();
    if given > 3 {
        return Err(vm.type_error(format!("str() takes at most 3 arguments ({given} given)")));
    }
    let cls = a.pos.first().and_then(|c| class_arg(vm, c)).unwrap_or_else(|| vm.types.str_.clone());
    let x = a.pos.get(1).or_else(|| a.kwarg("object")).cloned();
    let encoding = a.pos.get(2).or_else(|| a.kwarg("encoding")).cloned();
    let s = match (x, encoding) {
        (None, _) => vm.new_str(""),
        (Some(x), None) if a.kwarg("errors").is_none() => vm.str(&x)?,
        (Some(x), enc) => {
            let enc = match enc {
                Some(e) => str_arg(vm, &e, "str() argument 'encoding'")?,
                None => "utf-8".into(),
            };
            let errors = a.pos.get(3).or_else(|| a.kwarg("errors")).and_then(|e| e.as_str().map(|s| s.to_string_lossy()));
            match crate::objects::bytes::bytes_of(&x) {
                Some(b) => crate::objects::codecs::decode_text(vm, &b, None, &enc, errors.as_deref())?,
                None => return Err(vm.type_error(format!("decoding to str: need a bytes-like object, {} found", vm.type_name(&x)))),
            }
        }
    };
    if Rc::ptr_eq(&cls, &vm.types.str_) {
        return Ok(s);
    }
    let ps = match s.as_str() {
        Some(p) => p.substring(0, p.len()),
        None => PyStr::new(""),
    };
    Ok(vm.new_object(&cls, Payload::Str(ps), true))
}

fn new_of_kind(vm: &mut Vm, a: &Args, default: &PyRef, payload: Payload) -> Value {
    let cls = a.pos.first().and_then(|c| class_arg(vm, c)).unwrap_or_else(|| default.clone());
    let exact = Rc::ptr_eq(&cls, default);
    vm.new_object(&cls, payload, !exact)
}

fn list_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let t = vm.types.list.clone();
    Ok(new_of_kind(vm, a, &t, Payload::List(RefCell::new(Vec::new()))))
}

fn list_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_kw(vm, a, "list")?;
    if a.pos.len() > 2 {
        return Err(vm.type_error(format!("list expected at most 1 argument, got {}", a.pos.len() - 1)));
    }
    let items = match a.pos.get(1) {
        Some(src) => vm.to_vec(src)?,
        None => Vec::new(),
    };
    if let Some(Payload::List(l)) = a.pos.first().and_then(|s| s.payload()) {
        *l.borrow_mut() = items;
    }
    Ok(Value::None)
}

fn tuple_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_kw(vm, a, "tuple")?;
    if a.pos.len() > 2 {
        return Err(vm.type_error(format!("tuple expected at most 1 argument, got {}", a.pos.len() - 1)));
    }
    let cls = a.pos.first().and_then(|c| class_arg(vm, c)).unwrap_or_else(|| vm.types.tuple.clone());
    let exact = Rc::ptr_eq(&cls, &vm.types.tuple);
    if let (true, Some(src)) = (exact, a.pos.get(1)) {
        if let Some(Payload::Tuple(_)) = src.payload() {
            if let Value::Obj(o) = src {
                if crate::vm::is_exact_builtin(o) {
                    return Ok(src.clone());
                }
            }
        }
    }
    let items = match a.pos.get(1) {
        Some(src) => vm.to_vec(src)?,
        None => Vec::new(),
    };
    Ok(vm.new_object(&cls, Payload::Tuple(items.into_boxed_slice()), !exact))
}

fn dict_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let t = vm.types.dict.clone();
    Ok(new_of_kind(vm, a, &t, Payload::Dict(RefCell::new(Dict::new()))))
}

/// `dict.update`-style filling from a mapping or pairs, then keywords.
pub fn dict_fill(vm: &mut Vm, target: &Value, src: Option<&Value>, kw: &[(Value, Value)]) -> PyResult<()> {
    let Some(Payload::Dict(d)) = target.payload() else { return Ok(()) };
    if let Some(src) = src {
        let is_mapping = matches!(src.payload(), Some(Payload::Dict(_))) || {
            let c = vm.type_of(src);
            vm.lookup_mro(&c, "keys").is_some()
        };
        if is_mapping {
            ops::dict_update(vm, target, src, false)?;
        } else {
            let it = vm.iter(src).map_err(|e| {
                if vm.isinstance(&e.0, &vm.types.exc.type_error.clone()) {
                    vm.type_error(format!("'{}' object is not iterable", vm.type_name(src)))
                } else {
                    e
                }
            })?;
            let mut i = 0;
            while let Some(item) = vm.next(&it)? {
                let pair = match vm.to_vec(&item) {
                    Ok(p) => p,
                    Err(_) => {
                        return Err(vm.type_error(format!(
                            "cannot convert dictionary update sequence element #{i} to a sequence"
                        )))
                    }
                };
                if pair.len() != 2 {
                    return Err(vm.value_error(format!(
                        "dictionary update sequence element #{i} has length {}; 2 is required",
                        pair.len()
                    )));
                }
                let mut p = pair.into_iter();
                let (k, v) = (p.next().expect("two items"), p.next().expect("two items"));
                dict::set(vm, d, k, v)?;
                i += 1;
            }
        }
    }
    for (k, v) in kw {
        dict::set(vm, d, k.clone(), v.clone())?;
    }
    Ok(())
}

fn dict_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() > 2 {
        return Err(vm.type_error(format!("dict expected at most 1 argument, got {}", a.pos.len() - 1)));
    }
    let Some(this) = a.pos.first() else { return Ok(Value::None) };
    dict_fill(vm, this, a.pos.get(1), &a.kw)?;
    Ok(Value::None)
}

fn set_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let t = vm.types.set.clone();
    Ok(new_of_kind(vm, a, &t, Payload::Set(RefCell::new(Dict::new()))))
}

fn set_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_kw(vm, a, "set")?;
    if a.pos.len() > 2 {
        return Err(vm.type_error(format!("set expected at most 1 argument, got {}", a.pos.len() - 1)));
    }
    let items = match a.pos.get(1) {
        Some(src) => vm.to_vec(src)?,
        None => Vec::new(),
    };
    if let Some(Payload::Set(s)) = a.pos.first().and_then(|s| s.payload()) {
        s.borrow_mut().clear();
        for x in items {
            dict::set(vm, s, x, Value::None)?;
        }
    }
    Ok(Value::None)
}

fn frozenset_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_kw(vm, a, "frozenset")?;
    let cls = a.pos.first().and_then(|c| class_arg(vm, c)).unwrap_or_else(|| vm.types.frozenset.clone());
    let items = match a.pos.get(1) {
        Some(src) => vm.to_vec(src)?,
        None => Vec::new(),
    };
    let cell = RefCell::new(Dict::new());
    for x in items {
        dict::set(vm, &cell, x, Value::None)?;
    }
    let exact = Rc::ptr_eq(&cls, &vm.types.frozenset);
    Ok(vm.new_object(&cls, Payload::FrozenSet(cell.into_inner()), !exact))
}

fn range_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_kw(vm, a, "range")?;
    let args = &a.pos[1.min(a.pos.len())..];
    let (start, stop, step) = match args.len() {
        1 => (BigInt::zero(), index_big(vm, &args[0])?, BigInt::from(1)),
        2 => (index_big(vm, &args[0])?, index_big(vm, &args[1])?, BigInt::from(1)),
        3 => (index_big(vm, &args[0])?, index_big(vm, &args[1])?, index_big(vm, &args[2])?),
        0 => return Err(vm.type_error("range expected at least 1 argument, got 0")),
        n => return Err(vm.type_error(format!("range expected at most 3 arguments, got {n}"))),
    };
    if step.is_zero() {
        return Err(vm.value_error("range() arg 3 must not be zero"));
    }
    Ok(vm.new_object(&vm.types.range.clone(), Payload::Range { start, stop, step }, false))
}

fn slice_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_kw(vm, a, "slice")?;
    let args = &a.pos[1.min(a.pos.len())..];
    let (start, stop, step) = match args.len() {
        1 => (Value::None, args[0].clone(), Value::None),
        2 => (args[0].clone(), args[1].clone(), Value::None),
        3 => (args[0].clone(), args[1].clone(), args[2].clone()),
        0 => return Err(vm.type_error("slice expected at least 1 argument, got 0")),
        n => return Err(vm.type_error(format!("slice expected at most 3 arguments, got {n}"))),
    };
    Ok(vm.new_object(&vm.types.slice.clone(), Payload::Slice(start, stop, step), false))
}

fn property_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    kw_only(vm, a, "property", &["fget", "fset", "fdel", "doc"])?;
    let get = |i: usize, name: &str| a.pos.get(i).or_else(|| a.kwarg(name)).cloned().unwrap_or(Value::None);
    let fget = get(1, "fget");
    let mut doc = get(4, "doc");
    if doc.is_none() && !fget.is_none() {
        if let Ok(d) = vm.getattr(&fget, &str_key("__doc__")) {
            doc = d;
        }
    }
    let p = Payload::Property { fget, fset: get(2, "fset"), fdel: get(3, "fdel"), doc };
    let cls = a.pos.first().and_then(|c| class_arg(vm, c)).unwrap_or_else(|| vm.types.property.clone());
    Ok(vm.new_object(&cls, p, true))
}

fn property_copy(vm: &mut Vm, a: &Args, which: u8) -> PyResult<Value> {
    let (Some(this), Some(f)) = (a.pos.first(), a.pos.get(1)) else {
        return Err(vm.type_error("property method expects one argument"));
    };
    let Some(Payload::Property { fget, fset, fdel, doc }) = this.payload() else {
        return Err(vm.type_error("descriptor requires a 'property' object"));
    };
    let (mut g, mut s, mut d) = (fget.clone(), fset.clone(), fdel.clone());
    match which {
        0 => g = f.clone(),
        1 => s = f.clone(),
        _ => d = f.clone(),
    }
    let cls = vm.type_of(this);
    Ok(vm.new_object(&cls, Payload::Property { fget: g, fset: s, fdel: d, doc: doc.clone() }, true))
}

fn property_getter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    property_copy(vm, a, 0)
}

fn property_setter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    property_copy(vm, a, 1)
}

fn property_deleter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    property_copy(vm, a, 2)
}

/// `property.__get__(self, obj, type=None)`.
fn property_get(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "__get__", 2, 3)?;
    let (this, obj) = (a.pos[0].clone(), a.pos[1].clone());
    if obj.is_none() {
        return Ok(this);
    }
    let cls = vm.type_of(&obj);
    vm.bind(&this, &obj, &cls)
}

/// `property.__set__(self, obj, value)`.
fn property_set(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "__set__", 3, 3)?;
    let Some(Payload::Property { fset, .. }) = a.pos[0].payload() else {
        return Err(vm.type_error("descriptor '__set__' requires a 'property' object"));
    };
    if fset.is_none() {
        let owner = vm.type_name(&a.pos[1]);
        let pname = crate::vm::property_name(&a.pos[0]).map(|p| format!("'{p}' ")).unwrap_or_default();
        return Err(vm.attribute_error(format!("property {pname}of '{owner}' object has no setter")));
    }
    let fset = fset.clone();
    vm.call(&fset, vec![a.pos[1].clone(), a.pos[2].clone()])?;
    Ok(Value::None)
}

/// `property.__delete__(self, obj)`.
fn property_delete(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "__delete__", 2, 2)?;
    let Some(Payload::Property { fdel, .. }) = a.pos[0].payload() else {
        return Err(vm.type_error("descriptor '__delete__' requires a 'property' object"));
    };
    if fdel.is_none() {
        let owner = vm.type_name(&a.pos[1]);
        let pname = crate::vm::property_name(&a.pos[0]).map(|p| format!("'{p}' ")).unwrap_or_default();
        return Err(vm.attribute_error(format!("property {pname}of '{owner}' object has no deleter")));
    }
    let fdel = fdel.clone();
    vm.call(&fdel, vec![a.pos[1].clone()])?;
    Ok(Value::None)
}

/// `classmethod.__get__(self, obj, type=None)`.
fn classmethod_get(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "__get__", 2, 3)?;
    let Some(Payload::ClassMethod(f)) = a.pos[0].payload() else {
        return Err(vm.type_error("descriptor '__get__' requires a 'classmethod' object"));
    };
    let owner = match a.pos.get(2) {
        Some(t) if !t.is_none() => t.clone(),
        _ => Value::Obj(vm.type_of(&a.pos[1])),
    };
    Ok(vm.new_object(&vm.types.method.clone(), Payload::Method { func: f.clone(), self_: owner }, false))
}

/// `staticmethod.__get__(self, obj, type=None)`.
fn staticmethod_get(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "__get__", 2, 3)?;
    match a.pos[0].payload() {
        Some(Payload::StaticMethod(f)) => Ok(f.clone()),
        _ => Err(vm.type_error("descriptor '__get__' requires a 'staticmethod' object")),
    }
}

/// `property`/`classmethod`/`staticmethod.__init__`: `__new__` did the work.
fn descriptor_init(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::None)
}

fn classmethod_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "classmethod", 2, 2)?;
    let cls = a.pos.first().and_then(|c| class_arg(vm, c)).unwrap_or_else(|| vm.types.classmethod.clone());
    Ok(vm.new_object(&cls, Payload::ClassMethod(a.pos[1].clone()), true))
}

fn staticmethod_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    check_args(vm, a, "staticmethod", 2, 2)?;
    let cls = a.pos.first().and_then(|c| class_arg(vm, c)).unwrap_or_else(|| vm.types.staticmethod.clone());
    Ok(vm.new_object(&cls, Payload::StaticMethod(a.pos[1].clone()), true))
}

/// `types.MethodType(function, instance)`.
fn method_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("method() takes no keyword arguments"));
    }
    let rest = Args::new(a.pos.iter().skip(1).cloned().collect());
    check_args(vm, &rest, "method", 2, 2)?;
    let (func, obj) = (rest.pos[0].clone(), rest.pos[1].clone());
    if !crate::modules::native::is_callable(vm, &func) {
        return Err(vm.type_error("first argument must be callable"));
    }
    if obj.is_none() {
        return Err(vm.type_error("instance must not be None"));
    }
    Ok(vm.new_object(&vm.types.method.clone(), Payload::Method { func, self_: obj }, false))
}

fn super_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = &a.pos[1.min(a.pos.len())..];
    let (this, obj) = match args.len() {
        0 => {
            let Some(f) = vm.frames.last() else {
                return Err(vm.err(&vm.types.exc.runtime_error.clone(), "super(): no current frame"));
            };
            let code = f.code.clone();
            if code.unit.argcount == 0 && code.unit.flags & crate::code::flags::VARARGS == 0 {
                return Err(vm.err(&vm.types.exc.runtime_error.clone(), "super(): no arguments"));
            }
            // The first argument: a fast local, or a cell if captured.
            let first_name = code.unit.varnames.first().cloned().unwrap_or_default();
            let mut obj = f.fast.first().cloned().flatten();
            if obj.is_none() {
                if let Some(ci) = code.unit.cellvars.iter().position(|c| *c == first_name) {
                    if let Payload::Cell(c) = &f.cells[ci].payload {
                        obj = c.borrow().clone();
                    }
                }
            }
            let Some(obj) = obj else {
                return Err(vm.err(&vm.types.exc.runtime_error.clone(), "super(): arg[0] deleted"));
            };
            let ncell = code.unit.cellvars.len();
            let Some(fi) = code.unit.freevars.iter().position(|n| n == "__class__") else {
                return Err(vm.err(&vm.types.exc.runtime_error.clone(), "super(): __class__ cell not found"));
            };
            let cls = match &f.cells.get(ncell + fi).map(|c| &c.payload) {
                Some(Payload::Cell(c)) => c.borrow().clone(),
                _ => None,
            };
            let Some(cls) = cls.and_then(|c| class_arg(vm, &c)) else {
                return Err(vm.err(&vm.types.exc.runtime_error.clone(), "super(): empty __class__ cell"));
            };
            (cls, obj)
        }
        1 | 2 => {
            let Some(cls) = class_arg(vm, &args[0]) else {
                return Err(vm.type_error(format!("super() argument 1 must be a type, not {}", vm.type_name(&args[0]))));
            };
            (cls, args.get(1).cloned().unwrap_or(Value::None))
        }
        n => return Err(vm.type_error(format!("super() takes at most 2 arguments ({n} given)"))),
    };
    if !obj.is_none() {
        let ok = match class_arg(vm, &obj) {
            Some(c) if vm.is_subclass(&c, &this) => true,
            _ => vm.isinstance(&obj, &this),
        };
        if !ok {
            return Err(vm.type_error("super(type, obj): obj must be an instance or subtype of type"));
        }
    }
    Ok(vm.new_object(&vm.types.super_.clone(), Payload::Super { this, obj }, false))
}

// ---- code -----------------------------------------------------------------

fn import(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    kw_only(vm, a, "__import__", &["name", "globals", "locals", "fromlist", "level"])?;
    let Some(name) = a.pos.first().or_else(|| a.kwarg("name")).cloned() else {
        return Err(vm.type_error("__import__() missing required argument 'name' (pos 1)"));
    };
    let fromlist = a.pos.get(3).or_else(|| a.kwarg("fromlist")).cloned().unwrap_or(Value::None);
    let level = a.pos.get(4).or_else(|| a.kwarg("level")).cloned().unwrap_or(Value::Int(0));
    crate::modules::import(vm, &name, &fromlist, &level)
}

fn exec_or_eval(vm: &mut Vm, a: &Args, mode: crate::run::Mode, name: &str) -> PyResult<Value> {
    kw_only(vm, a, name, &["globals", "locals"])?;
    check_args(vm, a, name, 1, 3)?;
    let src = &a.pos[0];
    let globals = a.pos.get(1).or_else(|| a.kwarg("globals")).cloned().unwrap_or(Value::None);
    let locals = a.pos.get(2).or_else(|| a.kwarg("locals")).cloned().unwrap_or(Value::None);
    let (globals, locals) = if globals.is_none() {
        let g = match vm.frames.last() {
            Some(f) => f.globals.clone(),
            None => return Err(vm.type_error(format!("{name}() needs a frame"))),
        };
        let l = if locals.is_none() { frame_locals(vm) } else { locals };
        (g, l)
    } else {
        let Some(Payload::Dict(_)) = globals.payload() else {
            return Err(vm.type_error(format!("{name}() globals must be a dict, not {}", vm.type_name(&globals))));
        };
        let g = globals.obj().expect("dict").clone();
        let l = if locals.is_none() { globals.clone() } else { locals };
        (g, l)
    };
    if let Payload::Dict(d) = &globals.payload {
        if d.borrow().get_str("__builtins__").is_none() {
            let b = Value::Obj(vm.builtins.clone());
            d.borrow_mut().set_str("__builtins__", b);
        }
    }
    let code = match src.payload() {
        Some(Payload::Code(c)) => c.clone(),
        Some(Payload::Str(s)) => {
            let text = s.to_string_lossy();
            // eval() skips leading spaces and tabs.
            let text = if matches!(mode, crate::run::Mode::Eval) { text.trim_start_matches([' ', '\t']) } else { &text };
            check_str_source(vm, text, "<string>")?;
            crate::run::compile_source(vm, text, "<string>", mode)?
        }
        Some(Payload::Bytes(b)) => {
            let text = String::from_utf8_lossy(b).into_owned();
            let text = if matches!(mode, crate::run::Mode::Eval) { text.trim_start_matches([' ', '\t']) } else { &text };
            crate::run::compile_source(vm, text, "<string>", mode)?
        }
        _ => {
            return Err(vm.type_error(format!(
                "{name}() arg 1 must be a string, bytes or code object"
            )))
        }
    };
    let r = vm.run_code(code, globals, locals.obj().cloned())?;
    Ok(if matches!(mode, crate::run::Mode::Eval) { r } else { Value::None })
}

fn exec(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    exec_or_eval(vm, a, crate::run::Mode::Exec, "exec")
}

fn eval(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    exec_or_eval(vm, a, crate::run::Mode::Eval, "eval")
}

/// `enumerate(...)` and friends are classes: their `__new__` drops the class.
fn without_cls(a: &Args) -> Args {
    Args { pos: a.pos.get(1..).map(|p| p.to_vec()).unwrap_or_default(), kw: a.kw.clone() }
}

/// An iterator made by `enumerate(...)` and friends, moved into an
/// instance of the subclass `__new__` was called for (`class E(enumerate)`).
fn in_subclass(vm: &mut Vm, a: &Args, it: Value) -> PyResult<Value> {
    let Some(cls) = a.pos.first().and_then(|c| class_arg(vm, c)) else { return Ok(it) };
    let made = vm.type_of(&it);
    // Already the class asked for, or what a `__reversed__` returned.
    if std::rc::Rc::ptr_eq(&cls, &made) || !crate::types::mro_of(&cls).iter().any(|k| std::rc::Rc::ptr_eq(k, &made)) {
        return Ok(it);
    }
    let Some(Payload::Iter(st)) = it.payload() else { return Ok(it) };
    let state = std::mem::replace(&mut *st.borrow_mut(), IterState::Exhausted);
    Ok(vm.new_object(&cls, Payload::Iter(std::cell::RefCell::new(state)), true))
}

fn enumerate_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let it = enumerate(vm, &without_cls(a))?;
    in_subclass(vm, a, it)
}

fn zip_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let it = zip(vm, &without_cls(a))?;
    in_subclass(vm, a, it)
}

fn map_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let it = map(vm, &without_cls(a))?;
    in_subclass(vm, a, it)
}

fn filter_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let it = filter(vm, &without_cls(a))?;
    in_subclass(vm, a, it)
}

fn reversed_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let it = reversed(vm, &without_cls(a))?;
    in_subclass(vm, a, it)
}

/// A `str` source may not start with a byte order mark (CPython's
/// tokenizer sees U+FEFF as a character).
fn check_str_source(vm: &mut Vm, text: &str, filename: &str) -> PyResult<()> {
    if text.starts_with('\u{feff}') {
        let line = text.split('\n').next().unwrap_or("");
        return Err(crate::traceback::syntax_error_text(vm, "SyntaxError", "invalid non-printable character U+FEFF", filename, 1, 1, Some(line), 1, 1));
    }
    Ok(())
}

/// `compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1)`.
/// With `PyCF_ONLY_AST` in `flags` the result is the tree of `ast` nodes;
/// `source` may itself be such a tree.
fn compile(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    kw_only(vm, a, "compile", &["source", "filename", "mode", "flags", "dont_inherit", "optimize", "_feature_version"])?;
    let get = |i: usize, n: &str| a.pos.get(i).or_else(|| a.kwarg(n)).cloned();
    let (Some(src), Some(filename), Some(mode)) = (get(0, "source"), get(1, "filename"), get(2, "mode")) else {
        return Err(vm.type_error("compile() missing required argument"));
    };
    let flags = match get(3, "flags") {
        Some(f) => match crate::vm::ops::as_i64(&f) {
            Some(i) => i,
            None => return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(&f)))),
        },
        None => 0,
    };
    // PyCF_MASK | PyCF_MASK_OBSOLETE | PyCF_COMPILE_MASK
    if flags & !(0x1fe_0000 | 0x10 | 0x7600) != 0 {
        return Err(vm.value_error("compile(): unrecognised flags"));
    }
    if let Some(o) = get(5, "optimize") {
        if !matches!(crate::vm::ops::as_i64(&o), Some(-1..=2)) {
            return Err(vm.value_error("compile(): invalid optimize value"));
        }
    }
    let only_ast = flags & crate::modules::ast::PYCF_ONLY_AST != 0;
    let mode_name = mode.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
    let func_type = mode_name == "func_type";
    let mode = match mode_name.as_str() {
        "exec" => crate::run::Mode::Exec,
        "eval" => crate::run::Mode::Eval,
        "single" => crate::run::Mode::Single,
        "func_type" if only_ast => crate::run::Mode::Eval,
        "func_type" => return Err(vm.value_error("compile() mode 'func_type' requires flag PyCF_ONLY_AST")),
        _ if only_ast => return Err(vm.value_error("compile() mode must be 'exec', 'eval', 'single' or 'func_type'")),
        _ => return Err(vm.value_error("compile() mode must be 'exec', 'eval' or 'single'")),
    };
    let filename = match filename.as_str() {
        Some(s) => s.to_string_lossy(),
        None => match crate::objects::bytes::bytes_of(&filename) {
            Some(b) => String::from_utf8_lossy(&b).into_owned(),
            None => return Err(vm.type_error(format!("compile() argument 'filename' must be str, not {}", vm.type_name(&filename)))),
        },
    };
    if crate::modules::ast::is_ast(vm, &src) {
        if only_ast {
            return Ok(src);
        }
        let module = crate::modules::ast::tree_to_module(vm, &src, &mode_name)?;
        let code = crate::run::compile_parsed(vm, module, "", &filename, mode)?;
        return Ok(crate::objects::frames::code_object(vm, &code));
    }
    let text = match src.payload() {
        Some(Payload::Str(s)) => {
            let t = s.to_string_lossy();
            check_str_source(vm, &t, &filename)?;
            t
        }
        Some(Payload::Bytes(_) | Payload::ByteArray(_)) => {
            let b = crate::objects::bytes::bytes_of(&src).unwrap_or_default();
            crate::run::decode(vm, &b, &filename)?
        }
        Some(Payload::Code(_)) => return Ok(src),
        _ => return Err(vm.type_error("compile() arg 1 must be a string, bytes or AST object")),
    };
    if text.contains('\0') {
        return Err(vm.err(&vm.types.exc.syntax_error.clone(), "source code string cannot contain null bytes"));
    }
    if func_type {
        return crate::modules::ast::parse_func_type(vm, &text, &filename);
    }
    if only_ast {
        let type_comments = flags & crate::modules::ast::PYCF_TYPE_COMMENTS != 0;
        let module = match mode {
            crate::run::Mode::Eval => crate::run::parse_eval(vm, &text, &filename, type_comments)?,
            _ => crate::run::parse_source(vm, &text, &filename, type_comments)?,
        };
        let mut conv = crate::modules::ast::to_py::ToPy::new(vm);
        return match mode {
            crate::run::Mode::Exec => Ok(conv.module(&module)),
            crate::run::Mode::Single => Ok(conv.interactive(&module)),
            crate::run::Mode::Eval => {
                let e = crate::run::eval_expression(conv.vm, &module, &text, &filename)?;
                Ok(conv.expression(e))
            }
        };
    }
    let code = crate::run::compile_source(vm, &text, &filename, mode)?;
    Ok(crate::objects::frames::code_object(vm, &code))
}

/// `type.__init__(cls, name, bases, ns)`: checks the argument count only.
fn type_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let n = a.pos.len().saturating_sub(1);
    if n != 1 && n != 3 {
        return Err(vm.type_error("type.__init__() takes 1 or 3 arguments"));
    }
    Ok(Value::None)
}

/// `help(obj)`: the object's docstring (pydoc comes with the standard
/// library).
fn help(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(obj) = a.pos.first() else {
        vm.stdout.write("Type help(object) for help about object.\n");
        return Ok(Value::None);
    };
    let doc = vm.getattr(obj, &str_key("__doc__")).unwrap_or(Value::None);
    let text = if doc.is_none() { "No documentation found.".to_string() } else { vm.str_string(&doc)? };
    let r = vm.repr(obj)?.to_string_lossy();
    vm.stdout.write(&format!("Help on {r}:\n\n{text}\n"));
    Ok(Value::None)
}

/// `breakpoint()`: calls `sys.breakpointhook` if one is set; the debugger
/// (pdb) comes with the standard library.
fn breakpoint(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    match crate::modules::sys::get(vm, "breakpointhook") {
        Some(h) => vm.call_kw(&h, a.pos.clone(), a.kw.clone()),
        None => Err(vm.err(&vm.types.exc.runtime_error.clone(), "lost sys.breakpointhook")),
    }
}
