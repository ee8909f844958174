//! Modules: module objects, `sys.modules`, the import statement, and the
//! native modules (one file each).

pub mod binascii;
pub mod hashes;
pub mod native;
pub mod struct_;
pub mod sys;

use crate::objects::dict::Dict;
use crate::value::{Payload, PyRef, Value};
use crate::vm::{str_key, Vm};
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

fn lookup(vm: &Vm, name: &str) -> Option<Value> {
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
    let e = vm.err(&vm.types.exc.module_not_found_error.clone(), format!("No module named '{name}'"));
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
        let m = init(vm)?;
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
        .and_then(|text| crate::run::compile_source(vm, &text, &filename, crate::run::Mode::Exec))
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

/// `IMPORT_NAME` / `__import__`.
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
    // Import each package along the dotted path.
    let mut top = None;
    let mut so_far = String::new();
    for part in full.split('.') {
        if !so_far.is_empty() {
            so_far.push('.');
        }
        so_far.push_str(part);
        let m = import_one(vm, &so_far)?;
        if top.is_none() {
            top = Some(m);
        }
    }
    let module = lookup(vm, &full).unwrap_or(Value::None);
    let has_fromlist = !fromlist.is_none() && vm.truthy(fromlist)?;
    if has_fromlist {
        // Submodules named in the fromlist.
        let names = vm.to_vec(fromlist)?;
        let is_pkg = match module.payload() {
            Some(Payload::Module { dict, .. }) => match &dict.payload {
                Payload::Dict(d) => d.borrow().get_str("__path__").is_some(),
                _ => false,
            },
            _ => false,
        };
        if is_pkg {
            for x in names {
                let Some(s) = x.as_str().map(|s| s.to_string_lossy()) else { continue };
                if s == "*" {
                    continue;
                }
                if vm.getattr(&module, &x).is_err() {
                    let sub = format!("{full}.{s}");
                    if find_source(vm, &sub).is_some() {
                        import_one(vm, &sub)?;
                    }
                }
            }
        }
        return Ok(module);
    }
    if level > 0 {
        // `from . import x` handled above; `import .x` is not valid syntax.
        return Ok(module);
    }
    Ok(top.unwrap_or(module))
}

/// A `__slots__` member: a descriptor the attribute machinery recognizes.
pub fn slot_descriptor(vm: &mut Vm, name: &str) -> Value {
    let d = vm.new_object(&vm.types.member_descriptor.clone(), Payload::Instance, true);
    if let Some(dd) = d.obj().and_then(|o| o.dict.as_ref()) {
        dd.borrow_mut().set_str("__name__", vm.new_str(name));
    }
    let _ = Dict::new();
    d
}
