//! `_imp`: the hooks `importlib._bootstrap` uses to reach the interpreter
//! (built-in modules, frozen modules, the import lock). pyx cannot load C
//! extension modules.
//!
//! Frozen modules: CPython 3.11 freezes part of the standard library into
//! its binary (`_imp._frozen_module_names()`), so those modules report
//! `origin='frozen'`, a `FrozenImporter` loader, `<module 'os' (frozen)>` and
//! `<frozen os>` frames in tracebacks. pyx "freezes" the same modules by
//! compiling the standard library's source of each under that file name
//! when `importlib._bootstrap.FrozenImporter` asks for it.

use crate::modules::native::{self, positional};
use crate::value::Value;
use crate::vm::{str_key, Args, Vm};
use crate::PyResult;

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(
        vm,
        "_imp",
        &[
            ("is_builtin", is_builtin),
            ("create_builtin", create_builtin),
            ("exec_builtin", exec_builtin),
            ("is_frozen", is_frozen),
            ("is_frozen_package", is_frozen_package),
            ("find_frozen", find_frozen),
            ("get_frozen_object", get_frozen_object),
            ("init_frozen", get_frozen_object),
            ("_frozen_module_names", frozen_module_names),
            ("_override_frozen_modules_for_tests", override_frozen),
            ("extension_suffixes", extension_suffixes),
            ("create_dynamic", create_dynamic),
            ("exec_dynamic", exec_builtin),
            ("acquire_lock", acquire_lock),
            ("release_lock", release_lock),
            ("lock_held", lock_held),
            ("_fix_co_filename", fix_co_filename),
            ("source_hash", source_hash),
        ],
    );
    native::set(&m, "check_hash_based_pycs", str_key("never"));
    Ok(m)
}

fn str_arg(vm: &Vm, v: &Value, f: &str) -> PyResult<String> {
    v.as_str()
        .map(|s| s.to_string_lossy())
        .ok_or_else(|| vm.type_error(format!("{f}() argument must be str, not {}", vm.type_name(v))))
}

fn is_builtin(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "is_builtin", 1, 1)?;
    let name = str_arg(vm, &a[0], "is_builtin")?;
    // -1: built in but cannot be re-initialised (sys, builtins).
    Ok(Value::Int(if name == "sys" || name == "builtins" {
        -1
    } else if native::find(&name).is_some() {
        1
    } else {
        0
    }))
}

fn create_builtin(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "create_builtin", 1, 1)?;
    let name = vm.getattr(&a[0], &str_key("name"))?;
    let n = str_arg(vm, &name, "create_builtin")?;
    if let Some(m) = crate::modules::lookup(vm, &n) {
        if n == "sys" || n == "builtins" || crate::modules::native::find(&n).is_some() {
            return Ok(m);
        }
    }
    match native::find(&n) {
        Some(init) => native::init_module(vm, &n, init),
        None => {
            if n == "sys" || n == "builtins" {
                return Ok(crate::modules::lookup(vm, &n).unwrap_or(Value::None));
            }
            Err(vm.err(&vm.types.exc.import_error.clone(), format!("no built-in module named {n}")))
        }
    }
}

fn exec_builtin(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::Int(0))
}

/// The standard-library modules CPython 3.11 freezes: (name, the module
/// whose source it is). None is a package.
const FROZEN: &[(&str, &str)] = &[
    ("zipimport", "zipimport"),
    ("abc", "abc"),
    ("codecs", "codecs"),
    ("io", "io"),
    ("_collections_abc", "_collections_abc"),
    ("_sitebuiltins", "_sitebuiltins"),
    ("genericpath", "genericpath"),
    ("ntpath", "ntpath"),
    ("posixpath", "posixpath"),
    ("os.path", "posixpath"),
    ("os", "os"),
    ("site", "site"),
    ("stat", "stat"),
    ("importlib.util", "importlib.util"),
    ("importlib.machinery", "importlib.machinery"),
    ("runpy", "runpy"),
];

thread_local! {
    /// `_imp._override_frozen_modules_for_tests(-1)` turns frozen modules off.
    static FROZEN_OFF: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The frozen module `name` (its source module), if the standard library
/// has its source.
fn frozen(vm: &Vm, name: &str) -> Option<(&'static str, std::path::PathBuf)> {
    if FROZEN_OFF.with(|f| f.get()) {
        return None;
    }
    let (_, orig) = FROZEN.iter().find(|(n, _)| *n == name)?;
    let path = vm.stdlib.stdlib.as_ref()?.join(format!("{}.py", orig.replace('.', "/")));
    path.is_file().then_some((*orig, path))
}

fn is_frozen(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "is_frozen", 1, 1)?;
    let name = str_arg(vm, &a[0], "is_frozen")?;
    Ok(Value::Bool(frozen(vm, &name).is_some()))
}

fn is_frozen_package(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "is_frozen_package", 1, 1)?;
    let name = str_arg(vm, &a[0], "is_frozen_package")?;
    if frozen(vm, &name).is_none() {
        return Err(vm.err(&vm.types.exc.import_error.clone(), format!("No such frozen object named '{name}'")));
    }
    Ok(Value::Bool(false))
}

/// `find_frozen(name, *, withdata=False)` → `(None, ispkg, origname)` or None.
fn find_frozen(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let name = a.pos.first().cloned().unwrap_or(Value::None);
    let name = str_arg(vm, &name, "find_frozen")?;
    match frozen(vm, &name) {
        Some((orig, _)) => {
            let o = vm.new_str(orig);
            Ok(vm.new_tuple(vec![Value::None, Value::Bool(false), o]))
        }
        None => Ok(Value::None),
    }
}

/// `get_frozen_object(name, data=None)`: the module's code, compiled from
/// the standard library's source as `<frozen NAME>`.
fn get_frozen_object(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let name = a.pos.first().cloned().unwrap_or(Value::None);
    let name = str_arg(vm, &name, "get_frozen_object")?;
    let Some((orig, path)) = frozen(vm, &name) else {
        return Err(vm.err(&vm.types.exc.import_error.clone(), format!("No such frozen object named '{name}'")));
    };
    let filename = format!("<frozen {orig}>");
    let bytes = std::fs::read(&path).map_err(|e| vm.err(&vm.types.exc.import_error.clone(), format!("cannot read {}: {e}", path.display())))?;
    let text = crate::run::decode(vm, &bytes, &filename)?;
    let code = crate::codecache::compile_module_file(vm, &path, &text, &filename)?;
    Ok(crate::objects::frames::code_object(vm, &code))
}

fn frozen_module_names(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    let mut names = vec![vm.new_str("_frozen_importlib"), vm.new_str("_frozen_importlib_external")];
    for (n, _) in FROZEN {
        names.push(vm.new_str(n));
    }
    Ok(vm.new_list(names))
}

fn override_frozen(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let off = matches!(a.pos.first(), Some(Value::Int(i)) if *i < 0);
    let _ = vm;
    FROZEN_OFF.with(|f| f.set(off));
    Ok(Value::None)
}

fn extension_suffixes(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(vm.new_list(vec![]))
}

fn create_dynamic(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let name = match a.pos.first() {
        Some(spec) => vm.getattr(spec, &str_key("name")).ok().and_then(|n| n.as_str().map(|s| s.to_string_lossy())).unwrap_or_default(),
        None => String::new(),
    };
    Err(vm.err(&vm.types.exc.import_error.clone(), format!("pyx cannot load C extension modules ({name})")))
}

// One interpreter thread: the import lock is a counter.
thread_local! {
    static LOCK_DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn acquire_lock(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    LOCK_DEPTH.with(|d| d.set(d.get() + 1));
    Ok(Value::None)
}

fn release_lock(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    let depth = LOCK_DEPTH.with(|d| d.get());
    if depth == 0 {
        return Err(vm.err(&vm.types.exc.runtime_error.clone(), "not holding the import lock"));
    }
    LOCK_DEPTH.with(|d| d.set(depth - 1));
    Ok(Value::None)
}

fn lock_held(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::Bool(LOCK_DEPTH.with(|d| d.get()) > 0))
}

fn fix_co_filename(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::None)
}

fn source_hash(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let slots = native::bind(vm, a, "source_hash", &["key", "source"], 2, 0)?;
    let key = crate::vm::ops::as_i64(slots[0].as_ref().unwrap_or(&Value::Int(0))).unwrap_or(0) as u64;
    let Some(data) = slots[1].as_ref().and_then(crate::objects::bytes::bytes_of) else {
        return Err(vm.type_error("a bytes-like object is required"));
    };
    let h = crate::objects::hashing::siphash13(key, 0, &data);
    Ok(crate::objects::bytes::new_bytes(vm, h.to_le_bytes().to_vec()))
}
