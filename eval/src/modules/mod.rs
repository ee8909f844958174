//! Modules: module objects, `sys.modules`, the import statement, and the
//! native modules (one file each).

pub mod atexit;
pub mod bisect;
pub mod codecs;
pub mod heapq;
pub mod ast;
pub mod cmath;
pub mod csv;
pub mod array;
pub mod binascii;
pub mod abc;
pub mod bz2;
pub mod outbuf;
pub mod collections;
pub mod contextvars;
pub mod errno;
pub mod faulthandler;
pub mod functools;
pub mod gc;
pub mod hashes;
pub mod imp;
pub mod io;
pub mod io_memory;
pub mod io_wrap;
pub mod itertools;
pub mod json;
pub mod lzma;
pub mod marshal;
pub mod math;
pub mod native;
pub mod operator;
pub mod locale;
pub mod opcode;
pub mod posix;
pub mod signal;
pub mod posix_proc;
pub mod posixsubprocess;
pub mod select;
pub mod socket;
pub mod socket_consts;
pub mod sre;
pub mod stat;
pub mod random;
pub mod std_buffer;
pub mod stdlib;
pub mod string;
pub mod struct_;
pub mod sys;
pub mod queue;
pub mod thread;
pub mod time;
pub mod tracemalloc;
pub mod unicodedata;
pub mod warnings;
pub mod weakref;
pub mod zlib;

use crate::value::{Payload, PyRef, Value};
use crate::vm::{str_key, Args, Vm};
use crate::PyResult;

/// A module object over the namespace `ns` (a dict object).
pub fn new_module(vm: &mut Vm, name: &str, ns: PyRef) -> Value {
    if let Payload::Dict(d) = &ns.payload {
        let mut d = d.borrow_mut();
        if d.get_str("__name__").is_none() {
            d.set_str("__name__", vm.new_str(name));
        }
    }
    vm.new_object(&vm.types.module.clone(), Payload::Module { name: name.to_string(), dict: ns }, false)
}

/// A fresh module with an empty namespace.
pub fn empty_module(vm: &mut Vm, name: &str) -> Value {
    let ns = vm.types.new_dict_obj();
    if let Payload::Dict(d) = &ns.payload {
        let mut d = d.borrow_mut();
        d.set_str("__name__", vm.new_str(name));
        d.set_str("__doc__", Value::None);
        d.set_str("__package__", vm.new_str(""));
        d.set_str("__loader__", Value::None);
        d.set_str("__spec__", Value::None);
    }
    new_module(vm, name, ns)
}

/// Put a module in `sys.modules`.
pub fn register(vm: &mut Vm, name: &str, m: Value) {
    if let Payload::Dict(d) = &vm.sys_modules.payload {
        d.borrow_mut().set_str(name, m);
    }
}

pub fn lookup(vm: &Vm, name: &str) -> Option<Value> {
    match &vm.sys_modules.payload {
        Payload::Dict(d) => d.borrow().get_str(name).cloned(),
        _ => None,
    }
}

/// The `builtins` module object.
pub fn builtins_module(vm: &mut Vm) -> Value {
    lookup(vm, "builtins").unwrap_or_else(|| Value::Obj(vm.builtins.clone()))
}

/// Where a module's source is on `sys.path`: `name.py` or a package.
fn find_source(vm: &mut Vm, dotted: &str) -> Option<(std::path::PathBuf, bool)> {
    let rel = dotted.replace('.', "/");
    let paths: Vec<String> = match crate::modules::sys::get(vm, "path").map(|p| vm.to_vec(&p)) {
        Some(Ok(items)) => items.iter().filter_map(|v| v.as_str().map(|s| s.to_string_lossy())).collect(),
        _ => vm.path.clone(),
    };
    for p in paths {
        let base = if p.is_empty() { std::path::PathBuf::from(".") } else { std::path::PathBuf::from(&p) };
        let pkg = base.join(&rel).join("__init__.py");
        if pkg.is_file() {
            return Some((pkg, true));
        }
        let file = base.join(format!("{rel}.py"));
        if file.is_file() {
            return Some((file, false));
        }
    }
    None
}

fn not_found(vm: &mut Vm, name: &str) -> crate::PyErr {
    let msg = if vm.stdlib.stdlib.is_none() && vm.import_boot == 2 {
        format!("No module named '{name}' ({})", stdlib::NOT_FOUND_HINT)
    } else {
        format!("No module named '{name}'")
    };
    let e = vm.err(&vm.types.exc.module_not_found_error.clone(), msg);
    if let Some(d) = e.0.obj().and_then(|o| o.dict.as_ref()) {
        d.borrow_mut().set_str("name", vm.new_str(name));
    }
    e
}

/// Import one module by its full dotted name (its parent already imported).
fn import_one(vm: &mut Vm, full: &str) -> PyResult<Value> {
    if let Some(m) = lookup(vm, full) {
        return Ok(m);
    }
    if let Some(init) = native::find(full) {
        let m = native::init_module(vm, full, init)?;
        register(vm, full, m.clone());
        return Ok(m);
    }
    let Some((path, is_pkg)) = find_source(vm, full) else {
        return Err(not_found(vm, full));
    };
    let bytes = std::fs::read(&path).map_err(|e| vm.err(&vm.types.exc.os_error.clone(), e.to_string()))?;
    let filename = path.display().to_string();
    let m = empty_module(vm, full);
    let Some(Payload::Module { dict: ns, .. }) = m.payload() else { unreachable!("empty_module makes a module") };
    let ns = ns.clone();
    if let Payload::Dict(d) = &ns.payload {
        let mut d = d.borrow_mut();
        d.set_str("__file__", vm.new_str(&filename));
        let package = if is_pkg { full.to_string() } else { full.rsplit_once('.').map(|(p, _)| p.to_string()).unwrap_or_default() };
        d.set_str("__package__", vm.new_str(&package));
        if is_pkg {
            let dir = path.parent().map(|p| p.display().to_string()).unwrap_or_default();
            let l = vm.new_list(vec![vm.new_str(&dir)]);
            d.set_str("__path__", l);
        }
        d.set_str("__builtins__", Value::Obj(vm.builtins.clone()));
    }
    register(vm, full, m.clone());
    let run = crate::run::decode(vm, &bytes, &filename)
        .and_then(|text| crate::codecache::compile_module_file(vm, &path, &text, &filename))
        .and_then(|code| vm.run_code(code, ns, None));
    if let Err(e) = run {
        if let Payload::Dict(d) = &vm.sys_modules.payload {
            d.borrow_mut().remove_str(full);
        }
        return Err(e);
    }
    // The module may have replaced itself in sys.modules.
    let m = lookup(vm, full).unwrap_or(m);
    if let Some((parent, child)) = full.rsplit_once('.') {
        if let Some(p) = lookup(vm, parent) {
            vm.setattr(&p, &str_key(child), m.clone())?;
        }
    }
    Ok(m)
}

/// `PyImport_ImportModule(name)`: the module itself (the leaf of a dotted
/// name), imported if need be.
pub fn import_module(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let n = vm.new_str(name);
    let top = import(vm, &n, &Value::None, &Value::Int(0))?;
    if !name.contains('.') {
        return Ok(top);
    }
    match lookup(vm, name) {
        Some(m) => Ok(m),
        None => Ok(top),
    }
}

/// The package a relative import is relative to.
fn resolve_relative(vm: &mut Vm, name: &str, level: usize) -> PyResult<String> {
    let globals = vm.frames.last().map(|f| f.globals.clone());
    let package = globals.and_then(|g| match &g.payload {
        Payload::Dict(d) => {
            let d = d.borrow();
            let pkg = d.get_str("__package__").and_then(|p| p.as_str().map(|s| s.to_string_lossy()));
            match pkg {
                Some(p) => Some(p),
                None => {
                    let n = d.get_str("__name__").and_then(|p| p.as_str().map(|s| s.to_string_lossy()))?;
                    if d.get_str("__path__").is_some() {
                        Some(n)
                    } else {
                        Some(n.rsplit_once('.').map(|(p, _)| p.to_string()).unwrap_or_default())
                    }
                }
            }
        }
        _ => None,
    });
    let package = package.unwrap_or_default();
    if package.is_empty() {
        return Err(vm.err(&vm.types.exc.import_error.clone(), "attempted relative import with no known parent package"));
    }
    let parts: Vec<&str> = package.split('.').collect();
    if level > parts.len() {
        return Err(vm.err(&vm.types.exc.import_error.clone(), "attempted relative import beyond top-level package"));
    }
    let base = parts[..parts.len() - (level - 1)].join(".");
    Ok(if name.is_empty() { base } else { format!("{base}.{name}") })
}

/// `IMPORT_NAME` / `__import__`: CPython's `PyImport_ImportModuleLevelObject`.
/// Modules already in `sys.modules` are found here; anything else goes to
/// `importlib._bootstrap._find_and_load` (the standard library's own
/// import machinery: `sys.meta_path`, `sys.path_hooks`, specs, loaders),
/// or, with no standard library, to the small importer below that knows
/// native modules and `.py` files on `sys.path`.
pub fn import(vm: &mut Vm, name: &Value, fromlist: &Value, level: &Value) -> PyResult<Value> {
    let Some(n) = name.as_str().map(|s| s.to_string_lossy()) else {
        return Err(vm.type_error(format!("module name must be str, not {}", vm.type_name(name))));
    };
    let level = crate::vm::ops::as_i64(level).unwrap_or(0);
    if level < 0 {
        return Err(vm.value_error("level must be >= 0"));
    }
    if n.is_empty() && level == 0 {
        return Err(vm.value_error("Empty module name"));
    }
    let full = if level > 0 { resolve_relative(vm, &n, level as usize)? } else { n.clone() };
    let boot = match lookup(vm, &full) {
        Some(_) => vm.importlib.clone(),
        None => boot_importlib(vm)?,
    };
    let module = match &boot {
        Some(b) => import_with(vm, b, &full)?,
        None => import_legacy(vm, &full)?,
    };
    let has_fromlist = !fromlist.is_none() && vm.truthy(fromlist)?;
    if !has_fromlist {
        if level == 0 || !n.is_empty() {
            let front = n.split('.').next().unwrap_or("").to_string();
            if level == 0 {
                if front == full {
                    return Ok(module);
                }
                return match lookup(vm, &front) {
                    Some(m) => Ok(m),
                    None => import(vm, &vm.new_str(&front), &Value::None, &Value::Int(0)),
                };
            }
            let cut_off = n.len() - front.len();
            let to_return = &full[..full.len() - cut_off];
            return match lookup(vm, to_return) {
                Some(m) => Ok(m),
                None => Err(vm.key_error(vm.new_str(&format!("'{to_return}' not in sys.modules as expected")))),
            };
        }
        return Ok(module);
    }
    let is_pkg = match module.payload() {
        Some(Payload::Module { dict, .. }) => match &dict.payload {
            Payload::Dict(d) => d.borrow().get_str("__path__").is_some(),
            _ => false,
        },
        _ => vm.getattr(&module, &str_key("__path__")).is_ok(),
    };
    if !is_pkg {
        return Ok(module);
    }
    match &boot {
        Some(b) => {
            let f = vm.getattr(b, &str_key("_handle_fromlist"))?;
            let imp = import_function(vm);
            let r = vm.call(&f, vec![module, fromlist.clone(), imp]);
            r.map_err(strip_importlib_frames)
        }
        None => {
            for x in vm.to_vec(fromlist)? {
                let Some(s) = x.as_str().map(|s| s.to_string_lossy()) else { continue };
                if s == "*" {
                    continue;
                }
                if vm.getattr(&module, &x).is_err() {
                    let sub = format!("{full}.{s}");
                    if native::find(&sub).is_some() || find_source(vm, &sub).is_some() {
                        import_one(vm, &sub)?;
                    }
                }
            }
            Ok(module)
        }
    }
}

/// `builtins.__import__` as the program sees it.
fn import_function(vm: &mut Vm) -> Value {
    vm.builtins_get("__import__").unwrap_or(Value::None)
}

/// Through `importlib._bootstrap`.
fn import_with(vm: &mut Vm, boot: &Value, full: &str) -> PyResult<Value> {
    if let Some(m) = lookup(vm, full) {
        if m.is_none() {
            return Err(not_found_msg(vm, full, format!("import of {full} halted; None in sys.modules")));
        }
        // A module still running its body (a circular import from another
        // thread would wait here; with one thread it is just returned).
        let initializing = match module_attr(&m, "__spec__") {
            Some(spec) if !spec.is_none() => match vm.getattr(&spec, &str_key("_initializing")) {
                Ok(v) => vm.truthy(&v)?,
                Err(_) => false,
            },
            _ => false,
        };
        if initializing {
            let f = vm.getattr(boot, &str_key("_lock_unlock_module"))?;
            vm.call(&f, vec![vm.new_str(full)]).map_err(strip_importlib_frames)?;
        }
        return Ok(m);
    }
    let f = vm.getattr(boot, &str_key("_find_and_load"))?;
    let imp = import_function(vm);
    vm.call(&f, vec![vm.new_str(full), imp]).map_err(strip_importlib_frames)
}

fn module_attr(m: &Value, name: &str) -> Option<Value> {
    match m.payload() {
        Some(Payload::Module { dict, .. }) => match &dict.payload {
            Payload::Dict(d) => d.borrow().get_str(name).cloned(),
            _ => None,
        },
        _ => None,
    }
}

/// CPython hides the import machinery's own frames from tracebacks of
/// exceptions that pass through it (`remove_importlib_frames`).
fn strip_importlib_frames(e: crate::PyErr) -> crate::PyErr {
    crate::objects::tbobject::remove_entries(&e.0, |t| t.code.unit.filename.starts_with("<frozen importlib"));
    e
}

/// Without the standard library: each package along the dotted path.
fn import_legacy(vm: &mut Vm, full: &str) -> PyResult<Value> {
    let mut so_far = String::new();
    let mut last = Value::None;
    for part in full.split('.') {
        if !so_far.is_empty() {
            so_far.push('.');
        }
        so_far.push_str(part);
        last = import_one(vm, &so_far)?;
    }
    Ok(lookup(vm, full).unwrap_or(last))
}

/// Start the import machinery on the standard library's `importlib`
/// (once, at the first import that `sys.modules` cannot answer). While it
/// starts, imports (of native modules) take the small importer.
fn boot_importlib(vm: &mut Vm) -> PyResult<Option<Value>> {
    match vm.import_boot {
        2 => return Ok(vm.importlib.clone()),
        1 => return Ok(None),
        _ => {}
    }
    vm.import_boot = 1;
    let r = boot_inner(vm);
    vm.import_boot = 2;
    let boot = r?;
    vm.importlib = boot.clone();
    Ok(boot)
}

pub fn load_frozen(vm: &mut Vm, name: &str, path: &std::path::Path, filename: &str) -> PyResult<Value> {
    let bytes = std::fs::read(path).map_err(|e| vm.err(&vm.types.exc.import_error.clone(), format!("pyx: cannot read {}: {e}", path.display())))?;
    let m = empty_module(vm, name);
    let Some(Payload::Module { dict: ns, .. }) = m.payload() else { unreachable!("empty_module makes a module") };
    let ns = ns.clone();
    if let Payload::Dict(d) = &ns.payload {
        d.borrow_mut().set_str("__builtins__", Value::Obj(vm.builtins.clone()));
    }
    register(vm, name, m.clone());
    let text = crate::run::decode(vm, &bytes, filename)?;
    let code = crate::codecache::compile_module_file(vm, path, &text, filename)?;
    vm.run_code(code, ns, None)?;
    Ok(m)
}

fn boot_inner(vm: &mut Vm) -> PyResult<Option<Value>> {
    let Some(dir) = vm.stdlib.stdlib.clone() else { return Ok(None) };
    let lib = dir.join("importlib");
    let boot = load_frozen(vm, "_frozen_importlib", &lib.join("_bootstrap.py"), "<frozen importlib._bootstrap>")?;
    let imp = import_one(vm, "_imp")?;
    let sys = lookup(vm, "sys").unwrap_or(Value::None);
    let install = vm.getattr(&boot, &str_key("_install"))?;
    vm.call(&install, vec![sys, imp])?;
    let external = load_frozen(vm, "_frozen_importlib_external", &lib.join("_bootstrap_external.py"), "<frozen importlib._bootstrap_external>")?;
    // pyx's `.pyc` files carry its own magic number (`codecache.rs`).
    let magic = crate::codecache::magic();
    let magic_bytes = crate::objects::bytes::new_bytes(vm, magic.to_vec());
    vm.setattr(&external, &str_key("MAGIC_NUMBER"), magic_bytes)?;
    vm.setattr(&external, &str_key("_RAW_MAGIC_NUMBER"), Value::Int(i64::from(u32::from_le_bytes(magic))))?;
    let ext = vm.getattr(&boot, &str_key("_install_external_importers"))?;
    vm.call(&ext, vec![])?;
    Ok(Some(boot))
}

fn not_found_msg(vm: &mut Vm, name: &str, msg: String) -> crate::PyErr {
    let e = vm.err(&vm.types.exc.module_not_found_error.clone(), msg);
    if let Some(d) = e.0.obj().and_then(|o| o.dict.as_ref()) {
        d.borrow_mut().set_str("name", vm.new_str(name));
    }
    e
}

/// `repr(module)`, as `importlib._bootstrap._module_repr_from_spec` makes it.
pub fn module_repr(vm: &mut Vm, m: &Value, payload_name: &str, ns: &PyRef) -> PyResult<String> {
    if let Some(boot) = vm.importlib.clone() {
        let f = vm.getattr(&boot, &str_key("_module_repr"))?;
        let r = vm.call(&f, vec![m.clone()])?;
        return Ok(r.as_str().map(|s| s.to_string_lossy()).unwrap_or_default());
    }
    Ok(module_repr_simple(payload_name, ns))
}

fn module_repr_simple(payload_name: &str, ns: &PyRef) -> String {
    let Payload::Dict(d) = &ns.payload else { return format!("<module '{payload_name}'>") };
    let d = d.borrow();
    let s = |v: Option<&Value>| v.and_then(|x| x.as_str().map(|s| s.to_string_lossy()));
    let name = s(d.get_str("__name__")).unwrap_or_else(|| "?".into());
    let spec = d.get_str("__spec__").cloned().filter(|v| !v.is_none());
    let spec_attr = |k: &str| spec.as_ref().and_then(|sp| sp.obj()).and_then(|o| o.dict.as_ref()).and_then(|sd| sd.borrow().get_str(k).cloned());
    if let Some(origin) = spec_attr("origin") {
        if let Some(o) = origin.as_str().map(|x| x.to_string_lossy()) {
            let has_location = spec_attr("_set_fileattr").is_some_and(|v| matches!(v, Value::Bool(true)));
            return if has_location { format!("<module '{name}' from '{o}'>") } else { format!("<module '{name}' ({o})>") };
        }
        if let Some(Value::Obj(locs)) = spec_attr("submodule_search_locations") {
            let _ = locs;
            return format!("<module '{name}' (namespace)>");
        }
    }
    if let Some(f) = s(d.get_str("__file__")) {
        return format!("<module '{name}' from '{f}'>");
    }
    if native::find(&name).is_some() || name == "sys" || name == "builtins" {
        return format!("<module '{name}' (built-in)>");
    }
    format!("<module '{name}'>")
}

fn module_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first().cloned() else { return Err(vm.type_error("module.__new__(X): X is not a type object")) };
    let ns = vm.types.new_dict_obj();
    let exact = std::rc::Rc::ptr_eq(&cls, &vm.types.module);
    Ok(vm.new_object(&cls, Payload::Module { name: "?".into(), dict: ns }, !exact))
}

fn module_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let rest = Args { pos: a.pos.iter().skip(1).cloned().collect(), kw: a.kw.clone() };
    let s = native::bind(vm, &rest, "module", &["name", "doc"], 1, 2)?;
    let name = s[0].clone().unwrap_or(Value::None);
    if name.as_str().is_none() {
        return Err(vm.type_error(format!("module.__init__() argument 'name' must be str, not {}", vm.type_name(&name))));
    }
    if let Some(Payload::Module { dict, .. }) = a.pos.first().and_then(|m| m.payload()) {
        if let Payload::Dict(d) = &dict.payload {
            let mut d = d.borrow_mut();
            d.set_str("__name__", name);
            d.set_str("__doc__", s[1].clone().unwrap_or(Value::None));
            d.set_str("__package__", Value::None);
            d.set_str("__loader__", Value::None);
            d.set_str("__spec__", Value::None);
        }
    }
    Ok(Value::None)
}

/// `module(name, doc=None)`.
pub fn install_module_type(vm: &mut Vm) {
    let m = vm.types.module.clone();
    crate::types::add_native(&m, "__new__", module_new, false, true);
    crate::types::add_method(&m, "__init__", module_init);
}
