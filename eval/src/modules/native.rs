//! The toolkit native modules are written with: the registry of modules
//! implemented in Rust, module and class construction, opaque instance
//! state, and argument binding with CPython's messages.
//!
//! A native module is one file under `modules/` with a `pub fn init(vm)
//! -> PyResult<Value>` that builds the module object; it is listed once in
//! [`NATIVE_MODULES`]. Its classes are made with [`native_class`]; their
//! instances carry a Rust value of the module's own type in
//! `Payload::Opaque`, reached with [`opaque`] / [`opaque_mut`]. Never hold
//! such a borrow across a call back into Python code.

use std::any::Any;
use std::cell::{Ref, RefCell, RefMut};

use crate::value::{BaseKind, NativeFn, Payload, PyRef, Value};
use crate::vm::{str_key, Args, Vm};
use crate::PyResult;

/// Builds a native module (called once, on its first import).
pub type ModuleInit = fn(&mut Vm) -> PyResult<Value>;

/// Every module implemented in Rust, by import name. `sys` and `builtins`
/// exist from start-up and are not listed.
pub const NATIVE_MODULES: &[(&str, ModuleInit)] = &[
    ("_random", crate::modules::random::init),
    ("errno", crate::modules::errno::init),
    ("math", crate::modules::math::init),
    ("time", crate::modules::time::init),
];

/// The init function of a native module.
pub fn find(name: &str) -> Option<ModuleInit> {
    NATIVE_MODULES.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// `sys.builtin_module_names`: sorted, as CPython's.
pub fn builtin_module_names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = NATIVE_MODULES.iter().map(|(n, _)| *n).collect();
    v.push("builtins");
    v.push("sys");
    v.sort_unstable();
    v
}

/// A new module object `name` holding the given functions.
pub fn new_module(vm: &mut Vm, name: &str, funcs: &[(&'static str, NativeFn)]) -> Value {
    let m = crate::modules::empty_module(vm, name);
    for (fname, f) in funcs {
        let v = vm.native(fname, *f);
        set(&m, fname, v);
    }
    m
}

/// The namespace of a module object.
pub fn module_dict(m: &Value) -> Option<PyRef> {
    match m.payload() {
        Some(Payload::Module { dict, .. }) => Some(dict.clone()),
        _ => None,
    }
}

/// Set a module attribute (or a class attribute, for a class).
pub fn set(m: &Value, name: &str, v: Value) {
    match m.payload() {
        Some(Payload::Module { dict, .. }) => {
            if let Payload::Dict(d) = &dict.payload {
                d.borrow_mut().set_str(name, v);
            }
        }
        Some(Payload::Class(_)) => {
            if let Some(d) = m.obj().and_then(|o| o.dict.as_ref()) {
                d.borrow_mut().set_str(name, v);
                crate::vm::bump_type_epoch();
            }
        }
        _ => {}
    }
}

/// A class of a native module: `module.name`, deriving from `base` (or
/// `object`). Its `__new__` (added with [`add_new`]) builds the instances;
/// Python classes may subclass it.
pub fn native_class(vm: &mut Vm, module: &str, name: &str, base: Option<PyRef>) -> PyRef {
    let base = base.unwrap_or_else(|| vm.types.object.clone());
    let kind = match crate::vm::base_kind_of(&base) {
        BaseKind::Object | BaseKind::Other => BaseKind::Native,
        k => k,
    };
    let cls = crate::types::new_class(&vm.types.type_.clone(), name, vec![base], kind);
    NATIVE_CLASSES.with(|c| c.borrow_mut().push(cls.clone()));
    if let Some(d) = &cls.dict {
        let mut d = d.borrow_mut();
        d.set_str("__module__", str_key(module));
        d.set_str("__doc__", Value::None);
    }
    cls
}

thread_local! {
    /// The classes made by [`native_class`].
    static NATIVE_CLASSES: RefCell<Vec<PyRef>> = const { RefCell::new(Vec::new()) };
}

/// Was `cls` made by [`native_class`]?
pub fn is_native_class(cls: &PyRef) -> bool {
    NATIVE_CLASSES.with(|c| c.borrow().iter().any(|k| std::rc::Rc::ptr_eq(k, cls)))
}

/// The special method `name` of `cls` when the class defining it (first
/// along the MRO) is a native module's class and the method is written in
/// Rust: such methods are not the built-in types' own, which the VM
/// handles directly, so callers that skip native methods must call these.
pub fn native_special(cls: &PyRef, name: &str) -> Option<Value> {
    let Payload::Class(c) = &cls.payload else { return None };
    let mro = c.mro.borrow().clone();
    for k in std::iter::once(cls.clone()).chain(mro) {
        let found = k.dict.as_ref().and_then(|d| d.borrow().get_str(name).cloned());
        if let Some(f) = found {
            if is_native_class(&k) && matches!(f.payload(), Some(Payload::Native(_))) {
                return Some(f);
            }
            return None;
        }
    }
    None
}

/// A method of a native class (`self` is the first positional argument).
pub fn add_method(cls: &PyRef, name: &'static str, f: NativeFn) {
    crate::types::add_method(cls, name, f);
}

/// The class's `__new__`: receives the class first, then the arguments.
pub fn add_new(cls: &PyRef, f: NativeFn) {
    crate::types::add_native(cls, "__new__", f, false, true);
}

/// A class method (receives the class first).
pub fn add_classmethod(vm: &Vm, cls: &PyRef, name: &'static str, f: NativeFn) {
    crate::types::add_classmethod(&vm.types.classmethod, cls, name, f);
}

/// A read-only property computed by `get(self)`.
pub fn add_getter(vm: &mut Vm, cls: &PyRef, name: &'static str, get: NativeFn) {
    let fget = vm.native(name, get);
    let p = vm.new_object(
        &vm.types.property.clone(),
        Payload::Property { fget, fset: Value::None, fdel: Value::None, doc: Value::None },
        false,
    );
    set(&Value::Obj(cls.clone()), name, p);
}

/// A property with a getter and a setter (`set(self, value)`).
pub fn add_property(vm: &mut Vm, cls: &PyRef, name: &'static str, get: NativeFn, set_: NativeFn) {
    let fget = vm.native(name, get);
    let fset = vm.native(name, set_);
    let p = vm.new_object(&vm.types.property.clone(), Payload::Property { fget, fset, fdel: Value::None, doc: Value::None }, false);
    set(&Value::Obj(cls.clone()), name, p);
}

/// A new instance of `cls` (a native class or a Python subclass of one)
/// carrying `state`. Subclasses get an instance dict, as in CPython.
pub fn new_opaque<T: Any>(vm: &Vm, cls: &PyRef, state: T) -> Value {
    let exact = matches!(&cls.payload, Payload::Class(c) if c.builtin_exact.get());
    vm.new_object(cls, Payload::Opaque(RefCell::new(Box::new(state))), !exact)
}

/// The state of an opaque instance, if `v` carries a `T`.
pub fn opaque<T: Any>(v: &Value) -> Option<Ref<'_, T>> {
    match v.payload() {
        Some(Payload::Opaque(cell)) => {
            let r = cell.try_borrow().ok()?;
            Ref::filter_map(r, |b| b.downcast_ref::<T>()).ok()
        }
        _ => None,
    }
}

/// The state of an opaque instance, mutably.
pub fn opaque_mut<T: Any>(v: &Value) -> Option<RefMut<'_, T>> {
    match v.payload() {
        Some(Payload::Opaque(cell)) => {
            let r = cell.try_borrow_mut().ok()?;
            RefMut::filter_map(r, |b| b.downcast_mut::<T>()).ok()
        }
        _ => None,
    }
}

/// `self` of a method as a `T`, or CPython's descriptor errors.
/// `cls_name` is the class's full name (`_random.Random`).
pub fn this<'a, T: Any>(vm: &Vm, a: &'a Args, cls_name: &str, method: &str) -> PyResult<Ref<'a, T>> {
    match a.pos.first() {
        Some(v) => opaque::<T>(v).ok_or_else(|| not_this(vm, v, cls_name, method)),
        None => Err(no_self(vm, cls_name, method)),
    }
}

/// `self` of a method as a mutable `T` (see [`this`]).
pub fn this_mut<'a, T: Any>(vm: &Vm, a: &'a Args, cls_name: &str, method: &str) -> PyResult<RefMut<'a, T>> {
    match a.pos.first() {
        Some(v) => opaque_mut::<T>(v).ok_or_else(|| not_this(vm, v, cls_name, method)),
        None => Err(no_self(vm, cls_name, method)),
    }
}

fn not_this(vm: &Vm, v: &Value, cls_name: &str, method: &str) -> crate::PyErr {
    vm.type_error(format!("descriptor '{method}' for '{cls_name}' objects doesn't apply to a '{}' object", vm.type_name(v)))
}

fn no_self(vm: &Vm, cls_name: &str, method: &str) -> crate::PyErr {
    let short = cls_name.rsplit('.').next().unwrap_or(cls_name);
    vm.type_error(format!("unbound method {short}.{method}() needs an argument"))
}

/// Bind a native function's arguments to its parameter names, as
/// CPython's argument clinic does: `names[..required]` are required,
/// positional arguments fill `names[..max_pos]` (`max_pos` = names.len()
/// unless some are keyword-only), the rest come by keyword. Returns one
/// slot per name.
pub fn bind(vm: &Vm, a: &Args, fname: &str, names: &[&str], required: usize, max_pos: usize) -> PyResult<Vec<Option<Value>>> {
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    if a.pos.len() > max_pos {
        let msg = if max_pos == 0 {
            format!("{fname}() takes no positional arguments")
        } else if required == max_pos {
            format!("{fname}() takes exactly {max_pos} positional argument{} ({} given)", if max_pos == 1 { "" } else { "s" }, a.pos.len())
        } else {
            format!("{fname}() takes at most {max_pos} positional argument{} ({} given)", if max_pos == 1 { "" } else { "s" }, a.pos.len())
        };
        return Err(vm.type_error(msg));
    }
    for (i, v) in a.pos.iter().enumerate() {
        out[i] = Some(v.clone());
    }
    for (k, v) in &a.kw {
        let key = k.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
        match names.iter().position(|n| *n == key) {
            Some(i) => {
                if out[i].is_some() {
                    return Err(vm.type_error(format!("argument for {fname}() given by name ('{key}') and position ({})", i + 1)));
                }
                out[i] = Some(v.clone());
            }
            None => return Err(vm.type_error(format!("'{key}' is an invalid keyword argument for {fname}()"))),
        }
    }
    for i in 0..required {
        if out[i].is_none() {
            return Err(vm.type_error(format!("{fname}() missing required argument '{}' (pos {})", names[i], i + 1)));
        }
    }
    Ok(out)
}

/// Only positional arguments, between `min` and `max` of them.
pub fn positional<'a>(vm: &Vm, a: &'a Args, fname: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("{fname}() takes no keyword arguments")));
    }
    let n = a.pos.len();
    if n < min || n > max {
        let msg = if min == max {
            if min == 0 {
                format!("{fname}() takes no arguments ({n} given)")
            } else if min == 1 {
                format!("{fname}() takes exactly one argument ({n} given)")
            } else {
                format!("{fname} expected {min} arguments, got {n}")
            }
        } else if n < min {
            format!("{fname} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
        } else {
            format!("{fname} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" })
        };
        return Err(vm.type_error(msg));
    }
    Ok(&a.pos)
}
