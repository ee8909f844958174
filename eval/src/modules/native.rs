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
    ("_codecs", crate::modules::codecs::init),
    ("_contextvars", crate::modules::contextvars::init),
    ("_bisect", crate::modules::bisect::init),
    ("_heapq", crate::modules::heapq::init),
    ("_locale", crate::modules::locale::init),
    ("_opcode", crate::modules::opcode::init),
    ("_signal", crate::modules::signal::init),
    ("atexit", crate::modules::atexit::init),
    ("_ast", crate::modules::ast::init),
    ("faulthandler", crate::modules::faulthandler::init),
    ("gc", crate::modules::gc::init),
    ("_blake2", crate::modules::hashes::init_blake2),
    ("_collections", crate::modules::collections::init),
    ("_abc", crate::modules::abc::init),
    ("_bz2", crate::modules::bz2::init),
    ("_csv", crate::modules::csv::init),
    ("_functools", crate::modules::functools::init),
    ("_imp", crate::modules::imp::init),
    ("_io", crate::modules::io::init),
    ("_json", crate::modules::json::init),
    ("_lzma", crate::modules::lzma::init),
    ("_md5", crate::modules::hashes::init_md5),
    ("_operator", crate::modules::operator::init),
    ("_sha1", crate::modules::hashes::init_sha1),
    ("_sha256", crate::modules::hashes::init_sha256),
    ("_sha3", crate::modules::hashes::init_sha3),
    ("_sha512", crate::modules::hashes::init_sha512),
    ("_sre", crate::modules::sre::init),
    ("_stat", crate::modules::stat::init),
    ("_posixsubprocess", crate::modules::posixsubprocess::init),
    ("_random", crate::modules::random::init),
    ("_socket", crate::modules::socket::init),
    ("_thread", crate::modules::thread::init),
    ("_queue", crate::modules::queue::init),
    ("_tracemalloc", crate::modules::tracemalloc::init),
    ("_warnings", crate::modules::warnings::init),
    ("_weakref", crate::modules::weakref::init),
    ("cmath", crate::modules::cmath::init),
    ("errno", crate::modules::errno::init),
    ("_struct", crate::modules::struct_::init),
    ("array", crate::modules::array::init),
    ("binascii", crate::modules::binascii::init),
    ("itertools", crate::modules::itertools::init),
    ("marshal", crate::modules::marshal::init),
    ("math", crate::modules::math::init),
    ("posix", crate::modules::posix::init),
    ("select", crate::modules::select::init),
    ("_string", crate::modules::string::init),
    ("time", crate::modules::time::init),
    ("unicodedata", crate::modules::unicodedata::init),
    ("zlib", crate::modules::zlib::init),
];

/// The init function of a native module.
pub fn find(name: &str) -> Option<ModuleInit> {
    NATIVE_MODULES.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// Build native module `name` with its init function, and note the module
/// of each of its functions (see [`note_functions`]).
pub fn init_module(vm: &mut Vm, name: &str, init: ModuleInit) -> PyResult<Value> {
    let m = init(vm)?;
    note_functions(&m, name);
    Ok(m)
}

thread_local! {
    /// Module functions (natives without `self`) by address: the function
    /// (weakly, so a reused address is never mistaken for it), the module
    /// and its name — CPython's `m_self` and `m_module`.
    static MODULE_FNS: RefCell<rustc_hash::FxHashMap<usize, (std::rc::Weak<crate::value::Object>, std::rc::Weak<crate::value::Object>, String)>> =
        RefCell::new(Default::default());
}

/// Record `m` (named `name`) as the module of the native functions in its
/// namespace, for their `__module__`, `__self__` and pickling.
pub fn note_functions(m: &Value, name: &str) {
    let (Some(dict), Value::Obj(mo)) = (module_dict(m), m) else { return };
    let Payload::Dict(d) = &dict.payload else { return };
    let values: Vec<Value> = d.borrow().values();
    MODULE_FNS.with(|t| {
        let mut t = t.borrow_mut();
        for v in values {
            if let (Some(Payload::Native(n)), Value::Obj(o)) = (v.payload(), &v) {
                if n.self_.is_none() && !n.is_method && !n.is_static {
                    let key = std::rc::Rc::as_ptr(o) as usize;
                    t.entry(key).or_insert_with(|| (std::rc::Rc::downgrade(o), std::rc::Rc::downgrade(mo), name.to_string()));
                }
            }
        }
    });
}

/// The module (and its name) a native module function belongs to.
pub fn function_module(f: &Value) -> Option<(Option<Value>, String)> {
    let Value::Obj(o) = f else { return None };
    MODULE_FNS.with(|t| {
        let t = t.borrow();
        let (fw, mw, name) = t.get(&(std::rc::Rc::as_ptr(o) as usize))?;
        if !fw.upgrade().is_some_and(|x| std::rc::Rc::ptr_eq(&x, o)) {
            return None;
        }
        Some((mw.upgrade().map(Value::Obj), name.clone()))
    })
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
    make_native_class(vm, module, name, base, kind)
}

/// A class of a native module that Python classes cannot subclass
/// (CPython's types without `Py_TPFLAGS_BASETYPE`, `itertools._grouper`).
pub fn native_final_class(vm: &mut Vm, module: &str, name: &str) -> PyRef {
    let base = vm.types.object.clone();
    make_native_class(vm, module, name, base, BaseKind::Other)
}

fn make_native_class(vm: &mut Vm, module: &str, name: &str, base: PyRef, kind: BaseKind) -> PyRef {
    let cls = crate::types::new_class(&vm.types.type_.clone(), name, vec![base.clone()], kind);
    // Not one of the core built-in types: the VM has no inline fast paths
    // for it and dispatches to its (native) dunders as to Python methods.
    // Its instances have no `__dict__`; those of Python subclasses do.
    if let Payload::Class(c) = &cls.payload {
        c.builtin_exact.set(false);
        c.no_dict.set(true);
        if let Payload::Class(bc) = &base.payload {
            c.collection_flags.set(bc.collection_flags.get());
        }
        // Types of `builtins` have bare names in messages (CPython's tp_name).
        *c.tp_name.borrow_mut() = Some(if module == "builtins" { name.to_string() } else { format!("{module}.{name}") });
    }
    if let Some(d) = &cls.dict {
        let mut d = d.borrow_mut();
        d.set_str("__module__", str_key(module));
        d.set_str("__doc__", Value::None);
    }
    NATIVE_CLASSES.with(|s| s.borrow_mut().insert(std::rc::Rc::as_ptr(&cls) as usize));
    cls
}

thread_local! {
    static NATIVE_CLASSES: RefCell<rustc_hash::FxHashSet<usize>> = RefCell::new(Default::default());
}

/// Is `cls` a class made by [`native_class`] (not a Python subclass)?
pub fn is_native_class(cls: &PyRef) -> bool {
    NATIVE_CLASSES.with(|s| s.borrow().contains(&(std::rc::Rc::as_ptr(cls) as usize)))
}

/// A method of a native class (`self` is the first positional argument).
pub fn add_method(cls: &PyRef, name: &'static str, f: NativeFn) {
    crate::types::add_native_ext(cls, name, f, true, false, true);
}

/// The class's `__new__`: receives the class first, then the arguments.
pub fn add_new(cls: &PyRef, f: NativeFn) {
    crate::types::add_native_ext(cls, "__new__", f, false, true, true);
}

/// A class method (receives the class first).
pub fn add_classmethod(vm: &Vm, cls: &PyRef, name: &'static str, f: NativeFn) {
    crate::types::add_classmethod(&vm.types.classmethod, cls, name, f);
}

/// A function of a native module's class (see `Native::module`).
pub fn module_native(vm: &Vm, name: &'static str, f: NativeFn) -> Value {
    let n = crate::value::Native { name, func: f, self_: None, is_method: false, is_static: false, module: true, owner: None };
    vm.new_object(&vm.types.builtin_function.clone(), Payload::Native(n), false)
}

/// A read-only property computed by `get(self)`.
pub fn add_getter(vm: &mut Vm, cls: &PyRef, name: &'static str, get: NativeFn) {
    let fget = module_native(vm, name, get);
    let p = vm.new_object(
        &vm.types.property.clone(),
        Payload::Property { fget, fset: Value::None, fdel: Value::None, doc: Value::None },
        false,
    );
    set(&Value::Obj(cls.clone()), name, p);
}

/// A read-only member (CPython's `READONLY` `PyMemberDef`: setting or
/// deleting it raises "readonly attribute").
pub fn add_readonly_member(vm: &mut Vm, cls: &PyRef, name: &'static str, get: NativeFn) {
    let fget = module_native(vm, name, get);
    let fset = module_native(vm, name, readonly_attribute);
    let p = vm.new_object(&vm.types.property.clone(), Payload::Property { fget, fset: fset.clone(), fdel: fset, doc: Value::None }, false);
    set(&Value::Obj(cls.clone()), name, p);
}

fn readonly_attribute(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(vm.attribute_error("readonly attribute"))
}

/// A property with a getter and a setter (`set(self, value)`).
pub fn add_property(vm: &mut Vm, cls: &PyRef, name: &'static str, get: NativeFn, set_: NativeFn) {
    let fget = module_native(vm, name, get);
    let fset = module_native(vm, name, set_);
    let p = vm.new_object(&vm.types.property.clone(), Payload::Property { fget, fset, fdel: Value::None, doc: Value::None }, false);
    set(&Value::Obj(cls.clone()), name, p);
}

/// A new instance of `cls` (a native class or a Python subclass of one)
/// carrying `state`. Subclasses get an instance dict, as in CPython.
pub fn new_opaque<T: Any>(vm: &Vm, cls: &PyRef, state: T) -> Value {
    // A Python subclass with `__slots__` (no `__dict__`) keeps its slot
    // values in the instance dict too; `no_dict` hides it.
    let no_dict = matches!(&cls.payload, Payload::Class(c) if c.no_dict.get());
    vm.new_object(cls, Payload::Opaque(RefCell::new(Box::new(state))), !no_dict || !is_native_class(cls))
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
/// CPython 3.11's argument clinic does (`_PyArg_UnpackKeywords`, with the
/// same messages): `names[..required]` are required, positional arguments
/// fill `names[..max_pos]` (`max_pos` = names.len() unless some are
/// keyword-only), the rest come by keyword. Returns one slot per name.
pub fn bind(vm: &Vm, a: &Args, fname: &str, names: &[&str], required: usize, max_pos: usize) -> PyResult<Vec<Option<Value>>> {
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    let nargs = a.pos.len();
    let nkw = a.kw.len();
    let maxargs = names.len();
    if nargs + nkw > maxargs {
        return Err(vm.type_error(format!(
            "{fname}() takes at most {maxargs} {}argument{} ({} given)",
            if nargs == 0 { "keyword " } else { "" },
            if maxargs == 1 { "" } else { "s" },
            nargs + nkw
        )));
    }
    if nargs > max_pos {
        let msg = if max_pos == 0 {
            format!("{fname}() takes no positional arguments")
        } else {
            format!(
                "{fname}() takes {} {max_pos} positional argument{} ({nargs} given)",
                if required < max_pos { "at most" } else { "exactly" },
                if max_pos == 1 { "" } else { "s" }
            )
        };
        return Err(vm.type_error(msg));
    }
    for (i, v) in a.pos.iter().enumerate() {
        out[i] = Some(v.clone());
    }
    let mut keys = Vec::with_capacity(nkw);
    for (k, _) in &a.kw {
        match k.as_str() {
            Some(s) => keys.push(s.to_string_lossy()),
            None => return Err(vm.type_error("keywords must be strings")),
        }
    }
    let mut left = nkw;
    for i in nargs..maxargs {
        let found = if left > 0 { keys.iter().position(|k| k == names[i]) } else { None };
        match found {
            Some(j) => {
                out[i] = Some(a.kw[j].1.clone());
                left -= 1;
            }
            None if i < required => {
                return Err(vm.type_error(format!("{fname}() missing required argument '{}' (pos {})", names[i], i + 1)));
            }
            None => {}
        }
    }
    if left > 0 {
        for (i, name) in names.iter().enumerate().take(nargs) {
            if keys.iter().any(|k| k == name) {
                return Err(vm.type_error(format!("argument for {fname}() given by name ('{name}') and position ({})", i + 1)));
            }
        }
        if let Some(k) = keys.iter().find(|k| !names[nargs..].contains(&k.as_str())) {
            return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for {fname}()")));
        }
    }
    Ok(out)
}

/// [`bind`] where the first `posonly` parameters are positional-only
/// (`_PyArg_UnpackKeywords` with positional-only parameters): too few
/// positional arguments is its own error, and naming one of them by
/// keyword is an invalid keyword.
pub fn bind_posonly(vm: &Vm, a: &Args, fname: &str, names: &[&str], required: usize, max_pos: usize, posonly: usize) -> PyResult<Vec<Option<Value>>> {
    let (npos, nkw) = (a.pos.len(), a.kw.len());
    let min_pos = posonly.min(required);
    if npos + nkw <= names.len() && npos <= max_pos && npos < min_pos {
        let how = if min_pos < max_pos { "at least" } else { "exactly" };
        let s = if min_pos == 1 { "" } else { "s" };
        return Err(vm.type_error(format!("{fname}() takes {how} {min_pos} positional argument{s} ({npos} given)")));
    }
    // Positional-only names cannot be matched by keyword.
    let hidden: Vec<String> = names.iter().enumerate().map(|(i, n)| if i < posonly { format!("\0{n}") } else { n.to_string() }).collect();
    let hidden: Vec<&str> = hidden.iter().map(|s| s.as_str()).collect();
    bind(vm, a, fname, &hidden, required, max_pos)
}

/// Positional-only arguments of a class's `__new__` made by the argument
/// clinic: `_PyArg_NoKeywords` then `_PyArg_CheckPositional`.
pub fn positional_only<'a>(vm: &Vm, a: &'a Args, fname: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("{fname}() takes no keyword arguments")));
    }
    let n = a.pos.len();
    if n < min || n > max {
        let (how, lim) = if min == max {
            ("", min)
        } else if n < min {
            ("at least ", min)
        } else {
            ("at most ", max)
        };
        return Err(vm.type_error(format!("{fname} expected {how}{lim} argument{}, got {n}", if lim == 1 { "" } else { "s" })));
    }
    Ok(&a.pos)
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

/// `self` of a method (not a slot: `append`, `__copy__`) of a native
/// class holding a `T`, with CPython's method-descriptor messages.
pub fn this_method<'a, T: Any>(vm: &Vm, a: &'a Args, tp_name: &str, method: &str) -> PyResult<&'a Value> {
    let short = tp_name.rsplit('.').next().unwrap_or(tp_name);
    match a.pos.first() {
        Some(v) if opaque::<T>(v).is_some() => Ok(v),
        Some(v) => Err(vm.type_error(format!("descriptor '{method}' for '{tp_name}' objects doesn't apply to a '{}' object", vm.type_name(v)))),
        None => Err(vm.type_error(format!("unbound method {short}.{method}() needs an argument"))),
    }
}

/// `self` of a slot (`__len__`, `__next__`) of a native class holding a
/// `T`, with CPython's slot-wrapper messages.
pub fn this_slot<'a, T: Any>(vm: &Vm, a: &'a Args, tp_name: &str, method: &str) -> PyResult<&'a Value> {
    match a.pos.first() {
        Some(v) if opaque::<T>(v).is_some() => Ok(v),
        Some(v) => Err(vm.type_error(format!("descriptor '{method}' requires a '{tp_name}' object but received a '{}'", vm.type_name(v)))),
        None => Err(vm.type_error(format!("descriptor '{method}' of '{tp_name}' object needs an argument"))),
    }
}

/// A struct sequence type (`os.stat_result`, `time.struct_time`): a tuple
/// subclass whose first `visible` fields are the tuple's items; every
/// field is also an attribute. `qualified` is `module.name`.
pub fn struct_seq_type(vm: &mut Vm, qualified: &str, fields: &[&str], visible: usize) -> PyRef {
    let (module, name) = qualified.rsplit_once('.').unwrap_or(("builtins", qualified));
    let cls = crate::types::new_class(&vm.types.type_.clone(), name, vec![vm.types.tuple.clone()], BaseKind::Tuple);
    if let Payload::Class(c) = &cls.payload {
        // Its own repr, not the tuple fast path's.
        // Its own `__repr__`, not the tuple's.
        c.builtin_exact.set(false);
    }
    let names: Vec<Value> = fields.iter().map(|f| str_key(f)).collect();
    let fields_tuple = vm.new_tuple(names);
    if let Some(d) = &cls.dict {
        let mut d = d.borrow_mut();
        d.set_str("__module__", str_key(module));
        d.set_str("n_sequence_fields", Value::Int(visible as i64));
        d.set_str("n_fields", Value::Int(fields.len() as i64));
        d.set_str("n_unnamed_fields", Value::Int(0));
        d.set_str("__pyx_fields__", fields_tuple);
        let match_args: Vec<Value> = fields.iter().take(visible).map(|f| str_key(f)).collect();
        d.set_str("__match_args__", vm.new_tuple(match_args));
    }
    add_method(&cls, "__repr__", struct_seq_repr);
    add_method(&cls, "__reduce__", struct_seq_reduce);
    add_new(&cls, struct_seq_new_py);
    cls
}

/// An instance of a struct sequence type: `values` has one value per field.
pub fn struct_seq_new(vm: &Vm, cls: &PyRef, values: Vec<Value>) -> Value {
    let fields = struct_seq_fields(cls);
    let visible = match cls.dict.as_ref().and_then(|d| d.borrow().get_str("n_sequence_fields").cloned()) {
        Some(Value::Int(n)) => n as usize,
        _ => values.len(),
    };
    let items: Vec<Value> = values.iter().take(visible).cloned().collect();
    let v = vm.new_object(cls, Payload::Tuple(items.into_boxed_slice()), true);
    if let Some(d) = v.obj().and_then(|o| o.dict.as_ref()) {
        let mut d = d.borrow_mut();
        for (f, x) in fields.iter().zip(values) {
            d.set_str(f, x);
        }
    }
    v
}

fn struct_seq_fields(cls: &PyRef) -> Vec<String> {
    for k in crate::types::mro_of(cls) {
        if let Some(Value::Obj(t)) = k.dict.as_ref().and_then(|d| d.borrow().get_str("__pyx_fields__").cloned()) {
            if let Payload::Tuple(items) = &t.payload {
                return items.iter().filter_map(|x| x.as_str().map(|s| s.to_string_lossy())).collect();
            }
        }
    }
    Vec::new()
}

fn struct_seq_new_py(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first().cloned() else { return Err(vm.type_error("struct sequence __new__ needs a type")) };
    let s = bind(vm, &Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() }, "structseq", &["sequence", "dict"], 1, 2)?;
    let seq = s[0].clone().unwrap_or(Value::None);
    let items = vm.to_vec(&seq)?;
    let fields = struct_seq_fields(&cls);
    let visible = match cls.dict.as_ref().and_then(|d| d.borrow().get_str("n_sequence_fields").cloned()) {
        Some(Value::Int(n)) => n as usize,
        _ => fields.len(),
    };
    let name = format!("{}.{}", crate::types::class_module(vm, &cls), crate::types::class_name(&cls));
    if items.len() < visible {
        return Err(vm.type_error(format!("{name}() takes an at least {visible}-sequence ({}-sequence given)", items.len())));
    }
    if items.len() > fields.len() {
        return Err(vm.type_error(format!("{name}() takes an at most {}-sequence ({}-sequence given)", fields.len(), items.len())));
    }
    let mut values = items;
    while values.len() < fields.len() {
        values.push(Value::None);
    }
    Ok(struct_seq_new(vm, &cls, values))
}

fn struct_seq_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let cls = vm.type_of(&this);
    let fields = struct_seq_fields(&cls);
    let items = match this.payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => Vec::new(),
    };
    // CPython prints the type's tp_name: bare for the `builtins` ones.
    let module = crate::types::class_module(vm, &cls);
    let mut out = if module == "builtins" {
        format!("{}(", crate::types::class_name(&cls))
    } else {
        format!("{module}.{}(", crate::types::class_name(&cls))
    };
    for (i, (f, v)) in fields.iter().zip(items.iter()).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let r = vm.repr(v)?;
        out.push_str(&format!("{f}={}", r.to_string_lossy()));
    }
    out.push(')');
    Ok(vm.new_str(&out))
}

fn struct_seq_reduce(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let cls = vm.type_of(&this);
    let items = match this.payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => Vec::new(),
    };
    let t = vm.new_tuple(items);
    let d = vm.new_dict(crate::objects::dict::Dict::new());
    let args = vm.new_tuple(vec![t, d]);
    Ok(vm.new_tuple(vec![Value::Obj(cls), args]))
}

/// The bytes of a bytes-like argument (bytes, bytearray, memoryview), or
/// CPython's "a bytes-like object is required, not 'T'".
pub fn buffer(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = crate::objects::bytes::bytes_of(v) {
        return Ok(b);
    }
    if let Some(b) = crate::objects::memoryview::raw_bytes(v) {
        return Ok(b);
    }
    if let Some(b) = crate::modules::array::buffer_bytes(v) {
        return Ok(b);
    }
    Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(v))))
}

/// The bytes of a bytes-like argument (`bytes`, `bytearray`,
/// `memoryview`), or CPython's "a bytes-like object is required" error;
/// a released memoryview is a ValueError, as in CPython.
pub fn buffer_bytes(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    match v.payload() {
        Some(Payload::Bytes(b)) => Ok(b.to_vec()),
        Some(Payload::ByteArray(b)) => Ok(b.borrow().clone()),
        Some(Payload::MemoryView(_)) => crate::objects::memoryview::view_bytes(vm, v),
        _ => crate::modules::array::buffer_bytes(v).ok_or_else(|| vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(v)))),
    }
}

/// An exception class `module.name` deriving from `base` (or `Exception`).
pub fn exception_class(vm: &mut Vm, module: &str, name: &str, base: Option<PyRef>) -> PyResult<PyRef> {
    let base = base.unwrap_or_else(|| vm.types.exc.exception.clone());
    let mut ns = crate::objects::dict::Dict::new();
    ns.set_str("__module__", vm.new_str(module));
    let meta = vm.types.type_.clone();
    crate::types::make_class(vm, &meta, name, vec![base], &ns)
}

/// `callable(v)`.
pub fn is_callable(vm: &Vm, v: &Value) -> bool {
    match v.payload() {
        Some(Payload::Function(_) | Payload::Native(_) | Payload::Method { .. } | Payload::Class(_)) => true,
        _ => vm.lookup_mro(&vm.type_of(v), "__call__").is_some(),
    }
}
