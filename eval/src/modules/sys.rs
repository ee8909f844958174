//! The native `sys` module (the part the core language needs; the rest
//! comes with the standard library issue).

use crate::objects::dict::Dict;
use crate::value::{Payload, PyRef, Value};
use crate::vm::{str_key, Args, Vm};
use crate::PyResult;

pub fn make(vm: &mut Vm) -> PyRef {
    crate::types::add_method(&vm.types.text_io, "write", stream_write);
    crate::types::add_method(&vm.types.text_io, "flush", stream_flush);
    crate::types::add_method(&vm.types.text_io, "fileno", stream_fileno);
    crate::types::add_method(&vm.types.text_io, "isatty", stream_isatty);
    crate::types::add_method(&vm.types.text_io, "readline", stream_readline);
    crate::types::add_method(&vm.types.text_io, "read", stream_read);
    crate::types::add_method(&vm.types.text_io, "readlines", stream_readlines);
    crate::types::add_method(&vm.types.text_io, "__iter__", stream_iter);
    crate::types::add_method(&vm.types.text_io, "__next__", stream_next);
    crate::types::add_method(&vm.types.text_io, "writable", stream_writable);
    crate::types::add_method(&vm.types.text_io, "readable", stream_readable);
    crate::types::add_method(&vm.types.text_io, "seekable", stream_seekable);
    crate::objects::frames::install_code_methods(vm);
    crate::types::add_method(&vm.types.simple_namespace, "__init__", namespace_init);
    crate::types::add_method(&vm.types.simple_namespace, "__eq__", namespace_eq);
    crate::types::add_method(&vm.types.simple_namespace, "__reduce__", namespace_reduce);
    crate::modules::native::set(&Value::Obj(vm.types.simple_namespace.clone()), "__hash__", Value::None);
    crate::modules::native::set(&Value::Obj(vm.types.simple_namespace.clone()), "__module__", str_key("types"));
    if let Payload::Class(c) = &vm.types.simple_namespace.payload {
        *c.tp_name.borrow_mut() = Some("types.SimpleNamespace".into());
    }
    let ns = vm.types.new_dict_obj();
    let stdout = stream(vm, 1, "<stdout>");
    let stderr = stream(vm, 2, "<stderr>");
    let stdin = stream(vm, 0, "<stdin>");
    crate::modules::std_buffer::attach(vm, &[(0, &stdin), (1, &stdout), (2, &stderr)]);
    let argv: Vec<Value> = vm.argv.clone().iter().map(|a| vm.new_str(a)).collect();
    let path: Vec<Value> = vm.path.clone().iter().map(|a| vm.new_str(a)).collect();
    let funcs: &[(&'static str, crate::value::NativeFn)] = &[
        ("exit", exit),
        ("getrecursionlimit", getrecursionlimit),
        ("setrecursionlimit", setrecursionlimit),
        ("exc_info", exc_info),
        ("exception", exception),
        ("unraisablehook", unraisablehook),
        ("excepthook", excepthook),
        ("displayhook", displayhook),
        ("breakpointhook", breakpointhook),
        ("get_int_max_str_digits", get_int_max_str_digits),
        ("set_int_max_str_digits", set_int_max_str_digits),
        ("getsizeof", getsizeof),
        ("intern", intern),
        ("getdefaultencoding", getdefaultencoding),
        ("getfilesystemencoding", getdefaultencoding),
        ("_getframe", getframe_unsupported),
        ("_current_frames", current_frames),
        ("_current_exceptions", current_exceptions),
        ("getfilesystemencodeerrors", getfilesystemencodeerrors),
        ("getrefcount", getrefcount),
        ("audit", audit),
        ("addaudithook", audit),
        ("is_finalizing", is_finalizing),
        ("gettrace", gettrace),
        ("getprofile", getprofile),
        ("settrace", settrace),
        ("setprofile", setprofile),
        ("getswitchinterval", getswitchinterval),
        ("setswitchinterval", setswitchinterval),
        ("get_asyncgen_hooks", get_asyncgen_hooks),
        ("get_coroutine_origin_tracking_depth", get_coroutine_origin_tracking_depth),
        ("set_coroutine_origin_tracking_depth", set_coroutine_origin_tracking_depth),
        ("set_asyncgen_hooks", set_asyncgen_hooks),
    ];
    if let Payload::Dict(d) = &ns.payload {
        let mut d = d.borrow_mut();
        d.set_str("__name__", str_key("sys"));
        d.set_str("__doc__", Value::None);
        d.set_str("argv", vm.new_list(argv));
        d.set_str("orig_argv", vm.new_list(vec![]));
        d.set_str("path", vm.new_list(path));
        d.set_str("modules", Value::Obj(vm.sys_modules.clone()));
        d.set_str("stdout", stdout.clone());
        d.set_str("stderr", stderr.clone());
        d.set_str("stdin", stdin.clone());
        d.set_str("__stdout__", stdout);
        d.set_str("__stderr__", stderr);
        d.set_str("__stdin__", stdin);
        d.set_str("maxsize", Value::Int(i64::MAX));
        d.set_str("maxunicode", Value::Int(0x10ffff));
        d.set_str("byteorder", vm.new_str(if cfg!(target_endian = "little") { "little" } else { "big" }));
        d.set_str("platform", vm.new_str(if cfg!(target_os = "macos") { "darwin" } else { "linux" }));
        // CPython's layout, `VERSION (BUILD, DATE, TIME) [COMPILER]`, which
        // `platform._sys_version` parses.
        d.set_str("version", vm.new_str("3.11.7 (pyx, Jan  1 2026, 00:00:00) [rustc]"));
        d.set_str("hexversion", Value::Int(0x030b07f0));
        d.set_str("api_version", Value::Int(1013));
        d.set_str("abiflags", vm.new_str(""));
        d.set_str("executable", vm.new_str(&std::env::current_exe().map(|p| p.display().to_string()).unwrap_or_default()));
        d.set_str("prefix", vm.new_str(""));
        d.set_str("dont_write_bytecode", Value::Bool(dont_write_bytecode()));
        d.set_str("meta_path", vm.new_list(vec![]));
        d.set_str("path_hooks", vm.new_list(vec![]));
        d.set_str("path_importer_cache", vm.new_dict(Dict::new()));
        let prefix = std::env::var("PYTHONPYCACHEPREFIX").ok().filter(|p| !p.is_empty());
        d.set_str("pycache_prefix", prefix.map_or(Value::None, |p| vm.new_str(&p)));
        d.set_str("warnoptions", vm.new_list(vec![]));
        d.set_str("_xoptions", vm.new_dict(Dict::new()));
        d.set_str("platlibdir", vm.new_str("lib"));
        d.set_str("exec_prefix", vm.new_str(""));
        d.set_str("base_prefix", vm.new_str(""));
        d.set_str("base_exec_prefix", vm.new_str(""));
        d.set_str("builtin_module_names", vm.new_tuple(crate::modules::native::builtin_module_names().into_iter().map(str_key).collect()));
        for (name, f) in funcs {
            d.set_str(name, vm.native(name, *f));
        }
        for name in ["excepthook", "displayhook", "unraisablehook", "breakpointhook"] {
            if let Some(f) = d.get_str(name).cloned() {
                d.set_str(&format!("__{name}__"), f);
            }
        }
    }
    let flags = flags(vm);
    if let Payload::Dict(d) = &ns.payload {
        d.borrow_mut().set_str("flags", flags);
    }
    let infos = info_structs(vm);
    if let Payload::Dict(d) = &ns.payload {
        for (name, v) in infos {
            d.borrow_mut().set_str(name, v);
        }
    }
    let vi = version_info(vm);
    let imp = implementation(vm, &vi);
    if let Payload::Dict(d) = &ns.payload {
        d.borrow_mut().set_str("version_info", vi);
        d.borrow_mut().set_str("implementation", imp);
    }
    let m = crate::modules::new_module(vm, "sys", ns);
    crate::modules::native::note_functions(&m, "sys");
    match m {
        Value::Obj(o) => o,
        _ => unreachable!("a module is an object"),
    }
}

/// `sys.hash_info`, `sys.float_info`, `sys.int_info`, `sys.thread_info`
/// (CPython 3.11 on 64-bit Linux).
fn info_structs(vm: &mut Vm) -> Vec<(&'static str, Value)> {
    use crate::modules::native::{struct_seq_new, struct_seq_type};
    let mut out = Vec::new();
    let f = ["width", "modulus", "inf", "nan", "imag", "algorithm", "hash_bits", "seed_bits", "cutoff"];
    let t = struct_seq_type(vm, "sys.hash_info", &f, f.len());
    let vals = vec![
        Value::Int(64),
        Value::Int((1i64 << 61) - 1),
        Value::Int(314159),
        Value::Int(0),
        Value::Int(1000003),
        vm.new_str("siphash13"),
        Value::Int(64),
        Value::Int(128),
        Value::Int(0),
    ];
    out.push(("hash_info", struct_seq_new(vm, &t, vals)));
    let f = ["max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp", "dig", "mant_dig", "epsilon", "radix", "rounds"];
    let t = struct_seq_type(vm, "sys.float_info", &f, f.len());
    let vals = vec![
        Value::Float(f64::MAX),
        Value::Int(f64::MAX_EXP as i64),
        Value::Int(f64::MAX_10_EXP as i64),
        Value::Float(f64::MIN_POSITIVE),
        Value::Int(f64::MIN_EXP as i64),
        Value::Int(f64::MIN_10_EXP as i64),
        Value::Int(f64::DIGITS as i64),
        Value::Int(f64::MANTISSA_DIGITS as i64),
        Value::Float(f64::EPSILON),
        Value::Int(2),
        Value::Int(1),
    ];
    out.push(("float_info", struct_seq_new(vm, &t, vals)));
    let f = ["bits_per_digit", "sizeof_digit", "default_max_str_digits", "str_digits_check_threshold"];
    let t = struct_seq_type(vm, "sys.int_info", &f, f.len());
    let vals = vec![Value::Int(30), Value::Int(4), Value::Int(4300), Value::Int(640)];
    out.push(("int_info", struct_seq_new(vm, &t, vals)));
    let f = ["name", "lock", "version"];
    let t = struct_seq_type(vm, "sys.thread_info", &f, f.len());
    let vals = vec![vm.new_str("pthread"), vm.new_str("semaphore"), Value::None];
    out.push(("thread_info", struct_seq_new(vm, &t, vals)));
    out
}

fn version_info(vm: &mut Vm) -> Value {
    // A tuple subclass with named fields, as CPython's struct sequence.
    let cls = crate::types::new_class(&vm.types.type_.clone(), "version_info", vec![vm.types.tuple.clone()], crate::value::BaseKind::Tuple);
    if let Payload::Class(c) = &cls.payload {
        c.builtin_exact.set(false);
        *c.qualname.borrow_mut() = "sys.version_info".into();
    }
    let items = vec![Value::Int(3), Value::Int(11), Value::Int(7), vm.new_str("final"), Value::Int(0)];
    let v = vm.new_object(&cls, Payload::Tuple(items.clone().into_boxed_slice()), true);
    if let Some(d) = v.obj().and_then(|o| o.dict.as_ref()) {
        let mut d = d.borrow_mut();
        for (name, x) in ["major", "minor", "micro", "releaselevel", "serial"].iter().zip(items) {
            d.set_str(name, x);
        }
    }
    v
}

fn implementation(vm: &mut Vm, vi: &Value) -> Value {
    let ns = vm.new_object(&vm.types.simple_namespace.clone(), Payload::Instance, true);
    if let Some(d) = ns.obj().and_then(|o| o.dict.as_ref()) {
        let mut d = d.borrow_mut();
        d.set_str("name", vm.new_str("pyx"));
        d.set_str("cache_tag", vm.new_str(crate::codecache::CACHE_TAG));
        d.set_str("version", vi.clone());
        d.set_str("hexversion", Value::Int(0x030b07f0));
        // sysconfig names its data module after it
        // (`_sysconfigdata__linux_x86_64-linux-gnu`).
        let multiarch = format!("{}-linux-gnu", std::env::consts::ARCH);
        d.set_str("_multiarch", vm.new_str(&multiarch));
    }
    ns
}

fn stream(vm: &mut Vm, fd: i64, name: &str) -> Value {
    let s = vm.new_object(&vm.types.text_io.clone(), Payload::Instance, true);
    if let Some(d) = s.obj().and_then(|o| o.dict.as_ref()) {
        let mut d = d.borrow_mut();
        d.set_str("_fd", Value::Int(fd));
        d.set_str("name", vm.new_str(name));
        d.set_str("encoding", vm.new_str("utf-8"));
        d.set_str("errors", vm.new_str(if fd == 2 { "backslashreplace" } else { "strict" }));
        d.set_str("mode", vm.new_str(if fd == 0 { "r" } else { "w" }));
    }
    s
}

/// A `sys` attribute (the user may have replaced it).
pub fn get(vm: &Vm, name: &str) -> Option<Value> {
    let sys = vm.sys.as_ref()?;
    match &sys.payload {
        Payload::Module { dict, .. } => match &dict.payload {
            Payload::Dict(d) => d.borrow().get_str(name).cloned(),
            _ => None,
        },
        _ => None,
    }
}

fn fd_of(v: &Value) -> Option<i64> {
    let o = v.obj()?;
    if !matches!(o.payload, Payload::Instance) {
        return None;
    }
    let d = o.dict.as_ref()?;
    let fd = d.borrow().get_str("_fd").cloned();
    match fd {
        Some(Value::Int(i)) => Some(i),
        _ => None,
    }
}

pub fn is_native_stream(vm: &Vm, v: &Value) -> bool {
    v.obj().is_some_and(|o| std::rc::Rc::ptr_eq(&o.class(), &vm.types.text_io))
}

/// Write text to a file object: our own streams directly, anything else
/// through its `write` method.
pub fn write_to(vm: &mut Vm, file: &Value, s: &str) -> PyResult<()> {
    if is_native_stream(vm, file) {
        match fd_of(file) {
            Some(1) => vm.stdout.write(s),
            Some(2) => vm.stderr.write(s),
            _ => return Err(vm.err(&vm.types.exc.os_error.clone(), "not writable")),
        }
        return Ok(());
    }
    let w = vm.getattr(file, &str_key("write"))?;
    let text = vm.new_str(s);
    vm.call(&w, vec![text])?;
    Ok(())
}

pub fn flush(vm: &mut Vm, file: &Value) -> PyResult<()> {
    if is_native_stream(vm, file) {
        match fd_of(file) {
            Some(1) => vm.stdout.flush(),
            Some(2) => vm.stderr.flush(),
            _ => {}
        }
        return Ok(());
    }
    let f = vm.getattr(file, &str_key("flush"))?;
    vm.call(&f, vec![])?;
    Ok(())
}

fn stream_write(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (Some(this), Some(s)) = (a.pos.first(), a.pos.get(1)) else {
        return Err(vm.type_error("write() takes exactly one argument"));
    };
    let Some(text) = s.as_str() else {
        return Err(vm.type_error(format!("write() argument must be str, not {}", vm.type_name(s))));
    };
    let n = text.len();
    let t = text.to_string_lossy();
    write_to(vm, &this.clone(), &t)?;
    Ok(Value::Int(n as i64))
}

fn stream_flush(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if let Some(this) = a.pos.first() {
        flush(vm, &this.clone())?;
    }
    Ok(Value::None)
}

fn stream_fileno(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let _ = vm;
    Ok(Value::Int(a.pos.first().and_then(fd_of).unwrap_or(-1)))
}

fn stream_isatty(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    use std::io::IsTerminal;
    let _ = vm;
    Ok(Value::Bool(match a.pos.first().and_then(fd_of) {
        Some(0) => std::io::stdin().is_terminal(),
        Some(1) => std::io::stdout().is_terminal(),
        Some(2) => std::io::stderr().is_terminal(),
        _ => false,
    }))
}

fn stream_readline(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    vm.stdout.flush();
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
    Ok(vm.new_str(&line))
}

fn exit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = a.pos.clone();
    Err(vm.new_exception(&vm.types.exc.system_exit.clone(), args))
}

fn getrecursionlimit(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::Int(vm.recursion_limit as i64))
}

fn setrecursionlimit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(v) = a.pos.first() else {
        return Err(vm.type_error("setrecursionlimit() takes exactly one argument (0 given)"));
    };
    let n = match v {
        Value::Int(i) => *i,
        Value::Float(_) => return Err(vm.type_error("'float' object cannot be interpreted as an integer")),
        _ => crate::builtins::index_i64(vm, &v.clone())?,
    };
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    let depth = vm.frames.len();
    if (n as usize) <= depth {
        return Err(vm.err(
            &vm.types.exc.recursion_error.clone(),
            format!("cannot set the recursion limit to {n} at the recursion depth {depth}: the limit is too low"),
        ));
    }
    vm.recursion_limit = n.min(1 << 30) as usize;
    Ok(Value::None)
}

fn exc_info(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    let e = vm.current_handled();
    if e.is_none() {
        return Ok(vm.new_tuple(vec![Value::None, Value::None, Value::None]));
    }
    let t = Value::Obj(vm.type_of(&e));
    let tb = vm.getattr(&e, &str_key("__traceback__"))?;
    Ok(vm.new_tuple(vec![t, e, tb]))
}

fn exception(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(vm.current_handled())
}

fn getsizeof(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(v) = a.pos.first() else {
        return Err(vm.type_error("getsizeof() missing required argument 'object' (pos 1)"));
    };
    let n = match v.payload() {
        None => 28,
        Some(Payload::Str(s)) => 49 + s.len(),
        Some(Payload::List(l)) => 56 + 8 * l.borrow().len(),
        Some(Payload::Tuple(t)) => 40 + 8 * t.len(),
        Some(Payload::Dict(d)) => 64 + 24 * d.borrow().len(),
        _ => 48,
    };
    Ok(Value::Int(n as i64))
}

fn intern(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    match a.pos.first().and_then(|v| v.as_str().map(|s| s.to_string_lossy())) {
        Some(s) => Ok(str_key(&s)),
        None => Err(vm.type_error("intern() argument must be str")),
    }
}

fn getdefaultencoding(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(vm.new_str("utf-8"))
}

/// `sys._getframe([depth])`: a snapshot of the caller's frame (and of its
/// callers through `f_back`); locals of function frames are copies.
fn getframe_unsupported(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = crate::modules::native::positional(vm, a, "_getframe", 0, 1)?;
    let depth = match a.first() {
        Some(v) => crate::builtins::index_i64(vm, v)?,
        None => 0,
    };
    let n = vm.frames.len() as i64;
    if depth < 0 {
        return Ok(crate::objects::frames::frame_chain(vm, (n - 1).max(0) as usize));
    }
    // Frames of functions CPython runs as C code do not count.
    let visible: Vec<usize> = (0..vm.frames.len()).rev().filter(|&i| !vm.frames[i].code.hidden).collect();
    match visible.get(depth as usize) {
        Some(&i) => Ok(crate::objects::frames::frame_chain(vm, i)),
        None => Err(vm.value_error("call stack is not deep enough")),
    }
}

fn thread_map(vm: &mut Vm, items: Vec<(i64, Value)>) -> PyResult<Value> {
    let d = vm.new_dict(crate::objects::dict::Dict::new());
    for (k, v) in items {
        vm.setitem(&d, Value::Int(k), v)?;
    }
    Ok(d)
}

/// `sys._current_frames()`.
fn current_frames(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    crate::modules::native::positional(vm, a, "_current_frames", 0, 0)?;
    let items = crate::modules::thread::current_frames(vm);
    thread_map(vm, items)
}

/// `sys._current_exceptions()`.
fn current_exceptions(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    crate::modules::native::positional(vm, a, "_current_exceptions", 0, 0)?;
    let items = crate::modules::thread::current_exceptions(vm);
    // 3.11 gives exc_info() triples.
    let mut triples = Vec::with_capacity(items.len());
    for (id, e) in items {
        let t = if e.is_none() {
            vm.new_tuple(vec![Value::None, Value::None, Value::None])
        } else {
            let cls = Value::Obj(vm.type_of(&e));
            let tb = vm.getattr(&e, &str_key("__traceback__"))?;
            vm.new_tuple(vec![cls, e, tb])
        };
        triples.push((id, t));
    }
    thread_map(vm, triples)
}

fn getfilesystemencodeerrors(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(vm.new_str("surrogateescape"))
}

fn getrefcount(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = crate::modules::native::positional(vm, a, "getrefcount", 1, 1)?;
    Ok(Value::Int(match &a[0] {
        Value::Obj(o) => std::rc::Rc::strong_count(o) as i64,
        _ => 1_000_000_000,
    }))
}

fn audit(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::None)
}

fn is_finalizing(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::Bool(false))
}

thread_local! {
    /// The functions `sys.settrace`/`sys.setprofile` were given. pyx does
    /// not call them (no trace or profile events are produced); they are
    /// kept so that code saving and restoring them (doctest, test.support)
    /// sees what it set.
    static TRACE: std::cell::RefCell<Value> = const { std::cell::RefCell::new(Value::None) };
    static PROFILE: std::cell::RefCell<Value> = const { std::cell::RefCell::new(Value::None) };
}

fn gettrace(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(TRACE.with(|t| t.borrow().clone()))
}

fn getprofile(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(PROFILE.with(|t| t.borrow().clone()))
}

fn settrace(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let f = one_hook(vm, a, "settrace")?;
    TRACE.with(|t| *t.borrow_mut() = f);
    Ok(Value::None)
}

fn setprofile(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let f = one_hook(vm, a, "setprofile")?;
    PROFILE.with(|t| *t.borrow_mut() = f);
    Ok(Value::None)
}

fn one_hook(vm: &mut Vm, a: &Args, name: &str) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("sys.{name}() takes no keyword arguments")));
    }
    if a.pos.len() != 1 {
        return Err(vm.type_error(format!("sys.{name}() takes exactly one argument ({} given)", a.pos.len())));
    }
    Ok(a.pos[0].clone())
}

fn getswitchinterval(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::Float(0.005))
}

fn setswitchinterval(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::None)
}

thread_local! {
    /// `sys.set_asyncgen_hooks`: (firstiter, finalizer), and the
    /// `asyncgen_hooks` struct sequence type.
    static ASYNCGEN_HOOKS: std::cell::RefCell<(Value, Value, Option<crate::value::PyRef>)> = const { std::cell::RefCell::new((Value::None, Value::None, None)) };
}

/// The hooks asyncio's event loop installs: an async generator calls
/// `firstiter` on its first iteration and saves `finalizer`, which runs in
/// place of closing it when it is freed unfinished.
fn get_asyncgen_hooks(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    crate::modules::native::positional(vm, a, "get_asyncgen_hooks", 0, 0)?;
    let (first, fin, cls) = ASYNCGEN_HOOKS.with(|h| h.borrow().clone());
    let cls = match cls {
        Some(c) => c,
        None => {
            let c = crate::modules::native::struct_seq_type(vm, "asyncgen_hooks", &["firstiter", "finalizer"], 2);
            ASYNCGEN_HOOKS.with(|h| h.borrow_mut().2 = Some(c.clone()));
            c
        }
    };
    Ok(crate::modules::native::struct_seq_new(vm, &cls, vec![first, fin]))
}

thread_local! {
    static ORIGIN_DEPTH: std::cell::Cell<i64> = const { std::cell::Cell::new(0) };
}

/// The depth is kept and reported; coroutines do not record their origin
/// (`cr_origin` stays None).
fn get_coroutine_origin_tracking_depth(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    crate::modules::native::positional(vm, a, "get_coroutine_origin_tracking_depth", 0, 0)?;
    Ok(Value::Int(ORIGIN_DEPTH.with(|d| d.get())))
}

fn set_coroutine_origin_tracking_depth(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = crate::modules::native::bind(vm, a, "set_coroutine_origin_tracking_depth", &["depth"], 1, 1)?;
    let v = s[0].clone().unwrap_or(Value::None);
    if matches!(v, Value::Float(_)) || matches!(v.payload(), Some(Payload::Float(_))) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let depth = crate::builtins::index_i64(vm, &v)?;
    if depth < 0 {
        return Err(vm.value_error("depth must be >= 0"));
    }
    ORIGIN_DEPTH.with(|d| d.set(depth));
    Ok(Value::None)
}

/// The current (firstiter, finalizer) hooks.
pub fn asyncgen_hooks() -> (Value, Value) {
    ASYNCGEN_HOOKS.with(|h| {
        let h = h.borrow();
        (h.0.clone(), h.1.clone())
    })
}

fn set_asyncgen_hooks(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = crate::modules::native::bind(vm, a, "set_asyncgen_hooks", &["firstiter", "finalizer"], 0, 2)?;
    let callable = |vm: &Vm, v: &Value| match v.payload() {
        Some(Payload::Function(_) | Payload::Native(_) | Payload::Method { .. } | Payload::Class(_)) => true,
        _ => v.is_none() || vm.lookup_mro(&vm.type_of(v), "__call__").is_some(),
    };
    for (v, name) in s.iter().zip(["firstiter", "finalizer"]) {
        if let Some(v) = v {
            if !callable(vm, v) {
                return Err(vm.type_error(format!("callable {name} expected, got {}", vm.type_name(v))));
            }
        }
    }
    ASYNCGEN_HOOKS.with(|h| {
        let mut h = h.borrow_mut();
        if let Some(v) = &s[0] {
            h.0 = v.clone();
        }
        if let Some(v) = &s[1] {
            h.1 = v.clone();
        }
    });
    Ok(Value::None)
}

#[allow(dead_code)]
fn empty() -> Dict {
    Dict::new()
}

/// The default `sys.unraisablehook`: "Exception ignored in: …" and the
/// traceback, on `sys.stderr`.
fn unraisablehook(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(args) = a.pos.first() else {
        return Err(vm.type_error("unraisablehook expected 1 argument, got 0"));
    };
    let get = |vm: &mut Vm, n: &str| vm.getattr(args, &str_key(n)).unwrap_or(Value::None);
    let exc = get(vm, "exc_value");
    let obj = get(vm, "object");
    let msg = get(vm, "err_msg");
    let msg = msg.as_str().map(|s| s.to_string_lossy());
    let obj = if obj.is_none() { None } else { Some(obj) };
    vm.unraisable(&exc, obj.as_ref(), msg.as_deref());
    Ok(Value::None)
}

/// `sys.excepthook(type, value, traceback)`: the traceback and the
/// exception, to `sys.stderr`.
fn excepthook(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() != 3 {
        return Err(vm.type_error(format!("excepthook expected 3 arguments, got {}", a.pos.len())));
    }
    let exc = a.pos[1].clone();
    let text = if vm.isinstance(&exc, &vm.types.exc.base_exception.clone()) {
        crate::traceback::format_exception(vm, &exc)
    } else {
        let t = vm.type_name(&exc);
        format!("TypeError: print_exception(): Exception expected for value, {t} found\n")
    };
    let err = get(vm, "stderr").unwrap_or(Value::None);
    if err.is_none() || write_to(vm, &err, &text).is_err() {
        vm.stderr.write(&text);
    }
    Ok(Value::None)
}

/// Is `v` the built-in `sys.excepthook`?
pub fn is_default_excepthook(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::Native(n)) if n.name == "excepthook")
}

/// `sys.displayhook`: print the repr of a non-None value and keep it in
/// `builtins._`.
fn displayhook(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = a.pos.first().cloned().unwrap_or(Value::None);
    if v.is_none() {
        return Ok(Value::None);
    }
    if let Payload::Dict(d) = &vm.builtins.payload {
        d.borrow_mut().set_str("_", Value::None);
    }
    let r = vm.repr(&v)?.to_string_lossy();
    let out = get(vm, "stdout").unwrap_or(Value::None);
    write_to(vm, &out, &format!("{r}\n"))?;
    if let Payload::Dict(d) = &vm.builtins.payload {
        d.borrow_mut().set_str("_", v);
    }
    Ok(Value::None)
}

fn stream_read(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    use std::io::Read;
    vm.stdout.flush();
    let mut buf = String::new();
    let _ = std::io::stdin().read_to_string(&mut buf);
    Ok(vm.new_str(&buf))
}

fn stream_readlines(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let mut out = Vec::new();
    loop {
        let l = stream_readline(vm, a)?;
        if l.as_str().is_none_or(|s| s.is_empty()) {
            break;
        }
        out.push(l);
    }
    Ok(vm.new_list(out))
}

fn stream_iter(_vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(a.pos[0].clone())
}

fn stream_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let l = stream_readline(vm, a)?;
    if l.as_str().is_none_or(|s| s.is_empty()) {
        return Err(vm.stop_iteration(Value::None));
    }
    Ok(l)
}

fn stream_writable(_vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Bool(a.pos.first().and_then(fd_of).is_some_and(|fd| fd != 0)))
}

fn stream_readable(_vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Bool(a.pos.first().and_then(fd_of) == Some(0)))
}

fn stream_seekable(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::Bool(false))
}

fn get_int_max_str_digits(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::Int(vm.int_max_str_digits as i64))
}

fn set_int_max_str_digits(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(v) = a.pos.first().or_else(|| a.kwarg("maxdigits")) else {
        return Err(vm.type_error("set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)"));
    };
    let n = crate::builtins::index_i64(vm, &v.clone())?;
    if n != 0 && n < 640 {
        return Err(vm.value_error("maxdigits must be 0 or larger than 640"));
    }
    vm.int_max_str_digits = n.max(0) as usize;
    Ok(Value::None)
}

fn flags(vm: &mut Vm) -> Value {
    const FIELDS: &[&str] = &[
        "debug", "inspect", "interactive", "optimize", "dont_write_bytecode", "no_user_site", "no_site", "ignore_environment",
        "verbose", "bytes_warning", "quiet", "hash_randomization", "isolated", "dev_mode", "utf8_mode", "warn_default_encoding",
        "safe_path", "int_max_str_digits",
    ];
    let cls = crate::modules::native::struct_seq_type(vm, "sys.flags", FIELDS, FIELDS.len());
    let mut values: Vec<Value> = FIELDS.iter().map(|_| Value::Int(0)).collect();
    values[4] = Value::Int(dont_write_bytecode() as i64);
    values[11] = Value::Int(1); // hash_randomization
    values[13] = Value::Bool(false);
    values[14] = Value::Int(1); // utf8_mode
    values[16] = Value::Bool(false);
    values[17] = Value::Int(-1);
    crate::modules::native::struct_seq_new(vm, &cls, values)
}

/// Point `sys` at the standard library `run` found: `sys.path` gets the
/// script directory, `PYTHONPATH`, the stdlib and site-packages; the
/// prefixes are the interpreter's whose stdlib it is.
pub fn set_paths(vm: &mut Vm, first: &str, paths: crate::modules::stdlib::Paths) {
    let mut path: Vec<String> = vec![first.to_string()];
    if let Some(pp) = std::env::var_os("PYTHONPATH") {
        for p in std::env::split_paths(&pp) {
            let s = p.display().to_string();
            if !s.is_empty() {
                path.push(s);
            }
        }
    }
    if let Some(dir) = &paths.stdlib {
        path.push(dir.display().to_string());
        path.push(dir.join("lib-dynload").display().to_string());
    }
    for s in &paths.site {
        path.push(s.display().to_string());
    }
    let items: Vec<Value> = path.iter().map(|p| vm.new_str(p)).collect();
    let list = vm.new_list(items);
    let strs = [
        ("prefix", paths.prefix.clone()),
        ("exec_prefix", paths.exec_prefix.clone()),
        ("base_prefix", paths.base_prefix.clone()),
        ("base_exec_prefix", paths.base_exec_prefix.clone()),
    ];
    if let Some(sys) = vm.sys.clone() {
        if let Payload::Module { dict, .. } = &sys.payload {
            if let Payload::Dict(d) = &dict.payload {
                let mut d = d.borrow_mut();
                d.set_str("path", list);
                for (k, v) in strs {
                    d.set_str(k, vm.new_str(&v));
                }
                let dir = match &paths.stdlib {
                    Some(dir) => vm.new_str(&dir.display().to_string()),
                    None => Value::None,
                };
                d.set_str("_stdlib_dir", dir);
            }
        }
    }
    vm.path = path;
    vm.stdlib = paths;
}

/// `types.SimpleNamespace(**kwargs)`: the keywords become attributes.
fn namespace_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() > 1 {
        return Err(vm.type_error("no positional arguments expected"));
    }
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    for (k, v) in &a.kw {
        vm.setattr(&this, k, v.clone())?;
    }
    Ok(Value::None)
}

fn namespace_dict(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    vm.getattr(v, &str_key("__dict__"))
}

/// Two namespaces are equal when both are SimpleNamespace instances with
/// equal `__dict__`s.
fn namespace_eq(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (Some(x), Some(y)) = (a.pos.first(), a.pos.get(1)) else { return Ok(vm.types.not_implemented.clone()) };
    let ns = vm.types.simple_namespace.clone();
    let is_ns = |vm: &Vm, v: &Value| vm.is_subclass(&vm.type_of(v), &ns);
    if !is_ns(vm, x) || !is_ns(vm, y) {
        return Ok(vm.types.not_implemented.clone());
    }
    let (dx, dy) = (namespace_dict(vm, x)?, namespace_dict(vm, y)?);
    let r = vm.eq(&dx, &dy)?;
    Ok(Value::Bool(r))
}

fn namespace_reduce(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let cls = Value::Obj(vm.type_of(&this));
    let d = namespace_dict(vm, &this)?;
    let empty = vm.new_tuple(vec![]);
    Ok(vm.new_tuple(vec![cls, empty, d]))
}

/// `-B` on the command line (the CLI sets it before the VM starts).
pub static NO_BYTECODE_OPTION: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The initial `sys.dont_write_bytecode`: `-B` or a non-empty
/// `PYTHONDONTWRITEBYTECODE`, as CPython decides it.
pub fn dont_write_bytecode() -> bool {
    NO_BYTECODE_OPTION.load(std::sync::atomic::Ordering::Relaxed) || std::env::var_os("PYTHONDONTWRITEBYTECODE").is_some_and(|v| !v.is_empty())
}

/// `sys.breakpointhook(*args, **kws)`: calls the callable named by
/// `$PYTHONBREAKPOINT` (read at each call; `pdb.set_trace` when unset or
/// empty, nothing for `0`), warning when it cannot be imported.
fn breakpointhook(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let env = std::env::var("PYTHONBREAKPOINT").ok().filter(|s| !s.is_empty());
    let hookname = env.unwrap_or_else(|| "pdb.set_trace".to_string());
    if hookname == "0" {
        return Ok(Value::None);
    }
    let found = match hookname.rfind('.') {
        Some(0) => None,
        Some(i) => Some((hookname[..i].to_string(), hookname[i + 1..].to_string())),
        None => Some(("builtins".to_string(), hookname.clone())),
    };
    let hook = match found {
        None => None,
        Some((module, attr)) => {
            let import = vm.builtins_get("__import__").unwrap_or(Value::None);
            let args = vec![vm.new_str(&module), Value::None, Value::None, vm.new_tuple(vec![vm.new_str("__name__")]), Value::Int(0)];
            let r = vm.call(&import, args).and_then(|m| vm.getattr(&m, &str_key(&attr)));
            match r {
                Ok(h) => Some(h),
                Err(e) => {
                    let ie = vm.types.exc.import_error.clone();
                    let ae = vm.types.exc.attribute_error.clone();
                    if !(vm.isinstance(&e.0, &ie) || vm.isinstance(&e.0, &ae)) {
                        return Err(e);
                    }
                    None
                }
            }
        }
    };
    match hook {
        Some(h) => vm.call_kw(&h, a.pos.clone(), a.kw.clone()),
        None => {
            let cat = vm.types.exc.runtime_warning.clone();
            crate::builtins::warn(vm, &cat, &format!("Ignoring unimportable $PYTHONBREAKPOINT: \"{hookname}\""))?;
            Ok(Value::None)
        }
    }
}
