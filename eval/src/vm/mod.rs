//! The virtual machine: frames, the dispatch loop, calls, exceptions
//! (docs/eval.md, "Frames and calls", "Exceptions").

pub mod finalize;
pub mod frame;
pub mod ops;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use num_bigint::BigInt;

use crate::code::{flags, Code, GlobalSlot, Instr};
use crate::objects::dict::{self, Dict};
use crate::objects::str::PyStr;
use crate::types::Types;
use crate::value::{ClassCell, BaseKind, ExcData, Function, IterState, Native, NativeFn, Object, Payload, PyRef, Value};
use crate::{PyErr, PyResult};
use frame::{Frame, GenState};

/// Positional and keyword arguments of a call into Rust.
#[derive(Default)]
pub struct Args {
    pub pos: Vec<Value>,
    pub kw: Vec<(Value, Value)>,
}

impl Args {
    pub fn new(pos: Vec<Value>) -> Args {
        Args { pos, kw: Vec::new() }
    }

    pub fn kwarg(&self, name: &str) -> Option<&Value> {
        self.kw.iter().find(|(k, _)| k.as_str().is_some_and(|s| s.eq_rust(name))).map(|(_, v)| v)
    }
}

/// How a run of the dispatch loop ended.
pub enum Exit {
    Return(Value),
    Yield(Value, Box<Frame>),
}

thread_local! {
    static INTERNED: RefCell<rustc_hash::FxHashMap<String, Value>> = RefCell::new(rustc_hash::FxHashMap::default());
}

/// An interned `str` value for a Rust string (names, attribute keys).
pub fn str_key(name: &str) -> Value {
    INTERNED.with(|m| {
        if let Some(v) = m.borrow().get(name) {
            return v.clone();
        }
        let v = Value::Obj(Rc::new(Object {
            class: ClassCell::new(crate::types::str_type()),
            dict: None,
            slots: crate::value::no_slots(),
            payload: Payload::Str(PyStr::new(name)),
        }));
        m.borrow_mut().insert(name.to_string(), v.clone());
        v
    })
}

/// Is `o` an instance of exactly the built-in type of its payload (not a
/// subclass that may override methods)?
pub fn is_exact_builtin(o: &PyRef) -> bool {
    let cls = o.class.borrow();
    match &cls.payload {
        Payload::Class(c) => c.builtin_exact.get(),
        _ => false,
    }
}

/// Names the VM looks up on every attribute access or call, interned once.
pub struct Names {
    pub getattribute: Value,
    pub getattr: Value,
    pub setattr: Value,
    pub delattr: Value,
    pub init: Value,
    pub new: Value,
    pub get: Value,
    pub set: Value,
    pub delete: Value,
    pub builtins: Value,
}

impl Names {
    fn new() -> Names {
        Names {
            getattribute: str_key("__getattribute__"),
            getattr: str_key("__getattr__"),
            setattr: str_key("__setattr__"),
            delattr: str_key("__delattr__"),
            init: str_key("__init__"),
            new: str_key("__new__"),
            get: str_key("__get__"),
            set: str_key("__set__"),
            delete: str_key("__delete__"),
            builtins: str_key("__builtins__"),
        }
    }
}

pub struct Vm {
    pub names: Names,
    /// The marker `LoadMethod` pushes in place of `self`.
    pub null: PyRef,
    pub types: Types,
    pub builtins: PyRef,
    pub frames: Vec<Box<Frame>>,
    /// The exception being handled in the running frame's context (a
    /// running generator has its own), or None; `current_handled` is what
    /// `sys.exc_info()` reports.
    pub handled: Value,
    /// The `handled` of the callers of the running generators, innermost
    /// last (CPython's exc_info stack).
    pub handled_outer: Vec<Value>,
    /// Set by `RERAISE n` with n > 0 (the re-raise ending a cleanup
    /// handler): the frame stays reported where the exception was raised
    /// (CPython restores `f_lasti`), for `tb_frame.f_lineno`.
    pub reraise_keep: bool,
    pub recursion_limit: usize,
    pub sys_modules: PyRef,
    pub sys: Option<PyRef>,
    pub argv: Vec<String>,
    pub path: Vec<String>,
    pub stdout: crate::io::Output,
    pub stderr: crate::io::Output,
    /// Address near the base of the interpreter thread's stack.
    pub stack_base: usize,
    pub stack_size: usize,
    pub sources: std::collections::HashMap<String, Rc<str>>,
    pub nested_runs: usize,
    /// Depth of Rust-level recursion (comparisons, reprs, hashes of nested
    /// containers), counted with the Python frames against the limit.
    pub c_depth: usize,
    pub in_unraisable_hook: bool,
    /// `sys.set_int_max_str_digits` (0: no limit).
    pub int_max_str_digits: usize,
    pub id_counter: Cell<u64>,
    /// Where the standard library is (set by `run` before any import).
    pub stdlib: crate::modules::stdlib::Paths,
    /// `importlib._bootstrap` once the import machinery runs on it.
    pub importlib: Option<Value>,
    /// 0: not started, 1: starting, 2: done (or no stdlib).
    pub import_boot: u8,
}

pub const NOT_FOUND: Option<Value> = None;

/// Bumped whenever any class's namespace or bases change: invalidates every
/// class's attribute cache (`ClassData::cache`).
pub static TYPE_EPOCH: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

pub fn bump_type_epoch() {
    TYPE_EPOCH.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}

impl Vm {
    /// Is this the `NULL` slot `LoadMethod` pushes when there is no self?
    #[inline]
    pub fn is_null(&self, v: &Value) -> bool {
        matches!(v, Value::Obj(o) if Rc::ptr_eq(o, &self.null))
    }

    pub fn new(argv: Vec<String>, path: Vec<String>) -> Vm {
        let types = Types::new();
        let builtins = types.new_dict_obj();
        let sys_modules = types.new_dict_obj();
        let here = 0u8;
        let null = Rc::new(Object { class: ClassCell::new(types.object.clone()), dict: None, slots: crate::value::no_slots(), payload: Payload::Instance });
        let mut vm = Vm {
            null,
            names: Names::new(),
            types,
            builtins,
            frames: Vec::new(),
            handled: Value::None,
            reraise_keep: false,
            recursion_limit: 1000,
            sys_modules,
            sys: None,
            argv,
            path,
            stdout: crate::io::Output::stdout(),
            stderr: crate::io::Output::stderr(),
            stack_base: &here as *const u8 as usize,
            stack_size: 0,
            sources: Default::default(),
            nested_runs: 0,
            c_depth: 0,
            handled_outer: Vec::new(),
            in_unraisable_hook: false,
            int_max_str_digits: 4300,
            id_counter: Cell::new(0),
            stdlib: Default::default(),
            importlib: None,
            import_boot: 0,
        };
        crate::types::install_methods(&mut vm);
        let builtins_module = crate::builtins::make_module(&mut vm);
        let sys = crate::modules::sys::make(&mut vm);
        vm.sys = Some(sys.clone());
        if let Payload::Dict(d) = &vm.sys_modules.payload {
            d.borrow_mut().set_str("sys", Value::Obj(sys));
            d.borrow_mut().set_str("builtins", builtins_module);
        }
        bump_type_epoch();
        vm
    }

    // ---- constructors ---------------------------------------------------

    pub fn new_str(&self, s: &str) -> Value {
        Value::Obj(Rc::new(Object { class: ClassCell::new(self.types.str_.clone()), dict: None, slots: crate::value::no_slots(), payload: Payload::Str(PyStr::new(s)) }))
    }

    pub fn new_pystr(&self, s: PyStr) -> Value {
        Value::Obj(Rc::new(Object { class: ClassCell::new(self.types.str_.clone()), dict: None, slots: crate::value::no_slots(), payload: Payload::Str(s) }))
    }

    pub fn new_list(&self, items: Vec<Value>) -> Value {
        Value::Obj(Rc::new(Object { class: ClassCell::new(self.types.list.clone()), dict: None, slots: crate::value::no_slots(), payload: Payload::List(RefCell::new(items)) }))
    }

    pub fn new_tuple(&self, items: Vec<Value>) -> Value {
        Value::Obj(Rc::new(Object { class: ClassCell::new(self.types.tuple.clone()), dict: None, slots: crate::value::no_slots(), payload: Payload::Tuple(items.into_boxed_slice()) }))
    }

    pub fn new_dict(&self, d: Dict) -> Value {
        Value::Obj(Rc::new(Object { class: ClassCell::new(self.types.dict.clone()), dict: None, slots: crate::value::no_slots(), payload: Payload::Dict(RefCell::new(d)) }))
    }

    pub fn new_set(&self, d: Dict, frozen: bool) -> Value {
        if frozen {
            Value::Obj(Rc::new(Object { class: ClassCell::new(self.types.frozenset.clone()), dict: None, slots: crate::value::no_slots(), payload: Payload::FrozenSet(d) }))
        } else {
            Value::Obj(Rc::new(Object { class: ClassCell::new(self.types.set.clone()), dict: None, slots: crate::value::no_slots(), payload: Payload::Set(RefCell::new(d)) }))
        }
    }

    pub fn new_object(&self, cls: &PyRef, payload: Payload, with_dict: bool) -> Value {
        Value::Obj(Rc::new(Object {
            class: ClassCell::new(cls.clone()),
            dict: if with_dict { Some(crate::value::InstDict::new(Dict::new())) } else { None },
            slots: match &cls.payload {
                Payload::Class(c) if c.nslots.get() != 0 => crate::value::new_slots(c.nslots.get() as usize),
                _ => crate::value::no_slots(),
            },
            payload,
        }))
    }

    pub fn new_iter(&self, state: IterState) -> Value {
        let it = &self.types.iters;
        let cls = match &state {
            IterState::Seq { seq, .. } => match seq.payload() {
                Some(Payload::List(_)) => &it.list_iterator,
                Some(Payload::Tuple(_)) => &it.tuple_iterator,
                _ => &self.types.iterator,
            },
            IterState::Str { s, .. } => match s.as_str() {
                Some(p) if p.as_ascii().is_some() => &it.str_ascii_iterator,
                _ => &it.str_iterator,
            },
            IterState::DictKeys { dict, .. } => match dict.payload() {
                Some(Payload::Set(_) | Payload::FrozenSet(_)) => &it.set_iterator,
                _ => &it.dict_keyiterator,
            },
            IterState::SetKeys { .. } => &it.set_iterator,
            IterState::DictValues { .. } => &it.dict_valueiterator,
            IterState::DictItems { .. } => &it.dict_itemiterator,
            IterState::Range { .. } => &it.range_iterator,
            IterState::BigRange { .. } => &it.longrange_iterator,
            IterState::Callable { .. } => &it.callable_iterator,
            IterState::Enumerate { .. } => &it.enumerate,
            IterState::Zip { .. } => &it.zip,
            IterState::Map { .. } => &it.map,
            IterState::Filter { .. } => &it.filter,
            IterState::Reversed { seq, .. } => match seq.payload() {
                Some(Payload::List(_)) => &it.list_reverseiterator,
                _ => &it.reversed,
            },
            IterState::Exhausted => &self.types.iterator,
        };
        self.new_object(cls, Payload::Iter(RefCell::new(state)), false)
    }

    pub fn int(&self, i: BigInt) -> Value {
        ops::int_from_big(i)
    }

    pub fn native(&self, name: &'static str, func: NativeFn) -> Value {
        self.new_object(
            &self.types.builtin_function,
            Payload::Native(Native { name, func, self_: None, is_method: false, is_static: false, module: false, owner: None }),
            false,
        )
    }

    // ---- errors ---------------------------------------------------------

    pub fn new_exception(&self, cls: &PyRef, args: Vec<Value>) -> PyErr {
        let exc = self.new_object(
            cls,
            Payload::Exception(ExcData {
                args: RefCell::new(self.new_tuple(args)),
                traceback: RefCell::new(Value::None),
                cause: RefCell::new(Value::None),
                context: RefCell::new(Value::None),
                suppress_context: Cell::new(false),
            }),
            true,
        );
        PyErr(exc)
    }

    pub fn err(&self, cls: &PyRef, msg: impl AsRef<str>) -> PyErr {
        self.new_exception(cls, vec![self.new_str(msg.as_ref())])
    }

    pub fn type_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.err(&self.types.exc.type_error, msg)
    }

    pub fn value_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.err(&self.types.exc.value_error, msg)
    }

    pub fn index_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.err(&self.types.exc.index_error, msg)
    }

    pub fn attribute_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.err(&self.types.exc.attribute_error, msg)
    }

    pub fn overflow_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.err(&self.types.exc.overflow_error, msg)
    }

    pub fn zero_division(&self, msg: impl AsRef<str>) -> PyErr {
        self.err(&self.types.exc.zero_division_error, msg)
    }

    pub fn name_error(&self, name: &str) -> PyErr {
        let e = self.err(&self.types.exc.name_error, format!("name '{name}' is not defined"));
        if let Some(d) = &e.0.obj().and_then(|o| o.dict.as_ref()) {
            d.borrow_mut().set_str("name", self.new_str(name));
        }
        e
    }

    pub fn key_error(&self, key: Value) -> PyErr {
        self.new_exception(&self.types.exc.key_error, vec![key])
    }

    pub fn stop_iteration(&self, value: Value) -> PyErr {
        let e = self.new_exception(&self.types.exc.stop_iteration, if value.is_none() { vec![] } else { vec![value.clone()] });
        if let Some(d) = e.0.obj().and_then(|o| o.dict.as_ref()) {
            d.borrow_mut().set_str("value", value);
        }
        e
    }

    pub fn memory_error(&self) -> PyErr {
        self.new_exception(&self.types.exc.memory_error, vec![])
    }

    // ---- types ----------------------------------------------------------

    #[inline]
    pub fn type_of(&self, v: &Value) -> PyRef {
        match v {
            Value::None => self.types.none_type.clone(),
            Value::Bool(_) => self.types.bool_.clone(),
            Value::Int(_) => self.types.int.clone(),
            Value::Float(_) => self.types.float.clone(),
            Value::Obj(o) => o.class(),
        }
    }

    pub fn type_name(&self, v: &Value) -> String {
        crate::types::class_name(&self.type_of(v))
    }

    pub fn is_subclass(&self, cls: &PyRef, base: &PyRef) -> bool {
        if Rc::ptr_eq(cls, base) {
            return true;
        }
        match &cls.payload {
            Payload::Class(c) => c.mro.borrow().iter().any(|k| Rc::ptr_eq(k, base)),
            _ => false,
        }
    }

    pub fn isinstance(&self, v: &Value, cls: &PyRef) -> bool {
        self.is_subclass(&self.type_of(v), cls)
    }

    /// Look a name up along a class's MRO.
    pub fn lookup_mro(&self, cls: &PyRef, name: &str) -> Option<Value> {
        self.lookup_mro_value(cls, &str_key(name))
    }

    /// Look a `str` name up along a class's MRO, through the class's cache
    /// (valid while no class anywhere has been modified: `TYPE_EPOCH`).
    pub fn lookup_mro_value(&self, cls: &PyRef, name: &Value) -> Option<Value> {
        let Payload::Class(c) = &cls.payload else { return None };
        let Some(s) = name.as_str() else { return None };
        let key = name.obj().map(|o| Rc::as_ptr(o) as usize).unwrap_or(0);
        let epoch = TYPE_EPOCH.load(std::sync::atomic::Ordering::Relaxed);
        if let Ok(cache) = c.cache.try_borrow() {
            if cache.0 == epoch {
                if let Some((_, v)) = cache.1.get(&key) {
                    return v.clone();
                }
            }
        }
        let hash = s.hash();
        let mut found = None;
        for k in c.mro.borrow().iter() {
            if let Some(d) = &k.dict {
                if let Some(v) = d.borrow().get_native(hash, name) {
                    found = Some(v.clone());
                    break;
                }
            }
        }
        if let Ok(mut cache) = c.cache.try_borrow_mut() {
            if cache.0 != epoch {
                cache.1.clear();
                cache.0 = epoch;
            }
            // The key string is kept alive so its address is not reused.
            cache.1.insert(key, (name.clone(), found.clone()));
        }
        found
    }

    // ---- frames and calls -----------------------------------------------

    fn check_stack(&self) -> PyResult<()> {
        let here = 0u8;
        let addr = &here as *const u8 as usize;
        let used = self.stack_base.saturating_sub(addr);
        if self.stack_size != 0 && used + 256 * 1024 > self.stack_size {
            return Err(self.err(&self.types.exc.recursion_error, "maximum recursion depth exceeded"));
        }
        Ok(())
    }

    pub fn make_frame(&mut self, func: &Function, args: &[Value], kwnames: &[Value], extra_self: Option<&Value>) -> PyResult<Box<Frame>> {
        let code = func.code.borrow().clone();
        let unit = &code.unit;
        let nlocals = unit.varnames.len();
        let mut fast: Vec<Option<Value>> = vec![None; nlocals];
        let argcount = unit.argcount as usize;
        let kwonly = unit.kwonlyargcount as usize;
        let npos_given = args.len() - kwnames.len() + extra_self.is_some() as usize;
        let positional = extra_self.into_iter().chain(args[..args.len() - kwnames.len()].iter());
        let has_varargs = unit.flags & flags::VARARGS != 0;
        let has_varkw = unit.flags & flags::VARKEYWORDS != 0;
        let mut extra_pos = Vec::new();
        for (i, a) in positional.enumerate() {
            if i < argcount {
                fast[i] = Some(a.clone());
            } else if has_varargs {
                extra_pos.push(a.clone());
            } else {
                let qn = func.qualname.borrow().as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
                let defaults = func.defaults.borrow().as_ref().map(|d| d.len()).unwrap_or(0);
                let expected = if defaults > 0 {
                    format!("from {} to {}", argcount - defaults, argcount)
                } else {
                    argcount.to_string()
                };
                return Err(self.type_error(format!(
                    "{qn}() takes {expected} positional argument{} but {npos_given} {} given",
                    if argcount == 1 && defaults == 0 { "" } else { "s" },
                    if npos_given == 1 { "was" } else { "were" }
                )));
            }
        }
        let mut varkw = if has_varkw { Some(Dict::new()) } else { None };
        let kwvals = &args[args.len() - kwnames.len()..];
        for (name, val) in kwnames.iter().zip(kwvals) {
            let Some(ns) = name.as_str() else { continue };
            let pos = unit.varnames[..argcount + kwonly]
                .iter()
                .enumerate()
                .skip(unit.posonlyargcount as usize)
                .find(|(_, v)| ns.eq_rust(v))
                .map(|(i, _)| i);
            match pos {
                Some(i) => {
                    if fast[i].is_some() {
                        let qn = func.qualname.borrow().as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
                        return Err(self.type_error(format!("{qn}() got multiple values for argument '{}'", ns.to_string_lossy())));
                    }
                    fast[i] = Some(val.clone());
                }
                None => match &mut varkw {
                    Some(d) => d.set_native(ns.hash(), name.clone(), val.clone()),
                    None => {
                        let qn = func.qualname.borrow().as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
                        // Positional-only parameters given by keyword.
                        let posonly: Vec<String> = kwnames
                            .iter()
                            .filter_map(|k| k.as_str().map(|s| s.to_string_lossy()))
                            .filter(|k| unit.varnames[..unit.posonlyargcount as usize].contains(k))
                            .collect();
                        if !posonly.is_empty() {
                            let list = posonly.iter().map(|p| format!("'{p}'")).collect::<Vec<_>>().join(", ");
                            return Err(self.type_error(format!(
                                "{qn}() got some positional-only arguments passed as keyword arguments: {list}"
                            )));
                        }
                        return Err(self.type_error(format!(
                            "{qn}() got an unexpected keyword argument '{}'",
                            ns.to_string_lossy()
                        )));
                    }
                },
            }
        }
        // Defaults.
        if let Some(defs) = func.defaults.borrow().as_ref() {
            let first = argcount - defs.len().min(argcount);
            for i in first..argcount {
                if fast[i].is_none() {
                    fast[i] = Some(defs[i - first].clone());
                }
            }
        }
        let mut missing = Vec::new();
        for (i, slot) in fast.iter().enumerate().take(argcount) {
            if slot.is_none() {
                missing.push(unit.varnames[i].clone());
            }
        }
        if !missing.is_empty() {
            let qn = func.qualname.borrow().as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
            return Err(self.type_error(format!(
                "{qn}() missing {} required positional argument{}: {}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                list_names(&missing)
            )));
        }
        if kwonly > 0 {
            let kwd = func.kwdefaults.borrow().clone();
            let mut missing = Vec::new();
            for i in argcount..argcount + kwonly {
                if fast[i].is_none() {
                    let name = &unit.varnames[i];
                    let d = kwd.as_ref().and_then(|d| match &d.payload {
                        Payload::Dict(d) => d.borrow().get_str(name).cloned(),
                        _ => None,
                    });
                    match d {
                        Some(v) => fast[i] = Some(v),
                        None => missing.push(name.clone()),
                    }
                }
            }
            if !missing.is_empty() {
                let qn = func.qualname.borrow().as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
                return Err(self.type_error(format!(
                    "{qn}() missing {} required keyword-only argument{}: {}",
                    missing.len(),
                    if missing.len() == 1 { "" } else { "s" },
                    list_names(&missing)
                )));
            }
        }
        let mut next = argcount + kwonly;
        if has_varargs {
            fast[next] = Some(self.new_tuple(extra_pos));
            next += 1;
        }
        if let Some(d) = varkw {
            fast[next] = Some(self.new_dict(d));
        }
        let mut cells = Vec::with_capacity(code.ncells());
        for _ in &unit.cellvars {
            cells.push(Rc::new(Object { class: ClassCell::new(self.types.cell.clone()), dict: None, slots: crate::value::no_slots(), payload: Payload::Cell(RefCell::new(None)) }));
        }
        for &(ci, vi) in &unit.cell_params {
            if let Payload::Cell(c) = &cells[ci as usize].payload {
                *c.borrow_mut() = fast[vi as usize].take();
            }
        }
        if let Some(cl) = &func.closure {
            cells.extend(cl.iter().cloned());
        }
        Ok(Box::new(Frame {
            code,
            fast,
            cells,
            stack: Vec::with_capacity(8),
            ip: 0,
            lasti: 0,
            globals: func.globals.clone(),
            locals: None,
            kwnames: None,
            generator: None,
            tb: None,
        }))
    }

    /// Call any callable from Rust.
    pub fn call(&mut self, func: &Value, args: Vec<Value>) -> PyResult<Value> {
        self.call_kw(func, args, Vec::new())
    }

    pub fn call_kw(&mut self, func: &Value, mut args: Vec<Value>, kw: Vec<(Value, Value)>) -> PyResult<Value> {
        if let Value::Obj(o) = func {
            match &o.payload {
                Payload::Function(f) => {
                    let kwnames: Vec<Value> = kw.iter().map(|(k, _)| k.clone()).collect();
                    args.extend(kw.into_iter().map(|(_, v)| v));
                    let frame = self.make_frame(f, &args, &kwnames, None)?;
                    return self.run_function_frame(frame, f);
                }
                Payload::Method { func, self_ } => {
                    args.insert(0, self_.clone());
                    let func = func.clone();
                    return self.call_kw(&func, args, kw);
                }
                Payload::Native(n) => {
                    if let Some(s) = &n.self_ {
                        args.insert(0, s.clone());
                    } else if let Some(owner) = n.owner.as_ref().and_then(|w| w.upgrade()) {
                        self.check_descriptor_self(o, n.name, &owner, args.first())?;
                    }
                    let f = n.func;
                    let name = n.name;
                    let args = Args { pos: args, kw };
                    // CPython 3.11's specialized calls count a level of
                    // recursion only for METH_O built-ins (one argument).
                    // Call sites in module code rarely run often enough to be
                    // specialized: there every built-in call is counted.
                    let counted = is_meth_o(name) || self.frames.last().is_some_and(|f| f.code.unit.flags & flags::OPTIMIZED == 0);
                    // Native-module objects nest (a chain of chains…): their
                    // calls check the Rust stack instead of overflowing it.
                    if n.module {
                        self.check_stack()?;
                    }
                    if counted {
                        self.enter_recursive(" while calling a Python object")?;
                    }
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(self, &args)));
                    if counted {
                        self.leave_recursive();
                    }
                    return match r {
                        Ok(r) => r,
                        Err(p) => {
                            let msg = p
                                .downcast_ref::<String>()
                                .cloned()
                                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                                .unwrap_or_default();
                            Err(self.err(&self.types.exc.system_error.clone(), format!("pyx internal error in {name}(): {msg}")))
                        }
                    };
                }
                Payload::Class(_) => return crate::types::call_class(self, o, Args { pos: args, kw }),
                Payload::StaticMethod(f) => {
                    let f = f.clone();
                    return self.call_kw(&f, args, kw);
                }
                _ => {}
            }
        }
        let cls = self.type_of(func);
        match self.lookup_mro(&cls, "__call__") {
            Some(call) => {
                args.insert(0, func.clone());
                // CPython's slot_tp_call counts a level (an instance whose
                // `__call__` is itself an instance would loop forever).
                self.enter_recursive(" while calling a Python object")?;
                let r = self.call_kw(&call, args, kw);
                self.leave_recursive();
                r
            }
            None => Err(self.type_error(format!("'{}' object is not callable", self.type_name(func)))),
        }
    }

    /// Run a function's fresh frame to completion (or make a generator).
    pub fn run_function_frame(&mut self, frame: Box<Frame>, f: &Function) -> PyResult<Value> {
        let fl = frame.code.unit.flags;
        if fl & (flags::GENERATOR | flags::COROUTINE | flags::ASYNC_GENERATOR) != 0 {
            return Ok(self.make_generator(frame, f, fl & flags::COROUTINE != 0));
        }
        match self.run_frame(frame)? {
            Exit::Return(v) => Ok(v),
            Exit::Yield(v, _) => Ok(v),
        }
    }

    pub fn make_generator(&mut self, frame: Box<Frame>, f: &Function, is_coroutine: bool) -> Value {
        let is_async_gen = frame.code.unit.flags & flags::ASYNC_GENERATOR != 0;
        let cls = if is_coroutine {
            self.types.coroutine.clone()
        } else if is_async_gen {
            self.types.async_generator.clone()
        } else {
            self.types.generator.clone()
        };
        self.new_object(
            &cls,
            Payload::Generator(RefCell::new(GenState {
                frame: Some(frame),
                running: false,
                started: false,
                finished: false,
                name: f.name.borrow().clone(),
                qualname: f.qualname.borrow().clone(),
                is_coroutine,
                exc_state: Vec::new(),
                ag_hooks_inited: false,
                ag_finalizer: None,
            })),
            false,
        )
    }

    /// Throw into a generator suspended in `yield from`/`await`: the
    /// exception goes to the sub-iterator first (PEP 380).
    fn throw_delegated(&mut self, gen: &PyRef, exc: PyErr) -> PyResult<Option<Value>> {
        let Payload::Generator(state) = &gen.payload else { return Err(exc) };
        let yf = {
            let s = state.borrow();
            if s.running || s.finished || !s.started {
                None
            } else {
                s.frame.as_ref().and_then(|f| delegate_of(f))
            }
        };
        let Some(yf) = yf else { return self.gen_resume_inner(gen, Value::None, Some(exc)) };
        let is_exit = self.isinstance(&exc.0, &self.types.exc.generator_exit.clone());
        let r: PyResult<Value> = if is_exit {
            // Close the sub-iterator, then raise GeneratorExit here.
            let close = match yf.payload() {
                Some(Payload::Generator(_)) | Some(Payload::AsyncGenStep(_)) => self.getattr(&yf, &str_key("close")).ok(),
                _ => self.getattr(&yf, &str_key("close")).ok(),
            };
            if let Some(c) = close {
                if let Err(e) = self.call(&c, vec![]) {
                    return self.gen_resume_inner(gen, Value::None, Some(e));
                }
            }
            return self.gen_resume_inner(gen, Value::None, Some(exc));
        } else {
            match yf.payload() {
                Some(Payload::Generator(_)) => {
                    let sub = yf.obj().expect("generator").clone();
                    match self.throw_delegated(&sub, exc) {
                        Ok(Some(v)) => Ok(v),
                        Ok(None) => Err(self.stop_iteration(Value::None)),
                        Err(e) => Err(e),
                    }
                }
                _ => match self.getattr(&yf, &str_key("throw")) {
                    Ok(t) => self.call(&t, vec![exc.0.clone()]),
                    Err(_) => return self.gen_resume_inner(gen, Value::None, Some(exc)),
                },
            }
        };
        match r {
            Ok(v) => Ok(Some(v)),
            Err(e) if self.isinstance(&e.0, &self.types.exc.stop_iteration.clone()) => {
                // The sub-iterator finished: resume after the delegation
                // with its return value.
                let v = ops::stop_value(self, &e.0);
                {
                    let mut s = state.borrow_mut();
                    if let Some(f) = s.frame.as_mut() {
                        if let Some(target) = send_target(f) {
                            f.stack.pop();
                            f.ip = target;
                        }
                    }
                }
                // Resuming pushes `v` where the Send would have left it.
                self.gen_resume_inner(gen, v, None)
            }
            Err(e) => self.gen_resume_inner(gen, Value::None, Some(e)),
        }
    }

    /// Resume a generator with `sent` (or throw `exc` into it).
    pub fn gen_resume(&mut self, gen: &PyRef, sent: Value, exc: Option<PyErr>) -> PyResult<Option<Value>> {
        match exc {
            Some(e) => self.throw_delegated(gen, e),
            None => self.gen_resume_inner(gen, sent, None),
        }
    }

    fn gen_resume_inner(&mut self, gen: &PyRef, sent: Value, exc: Option<PyErr>) -> PyResult<Option<Value>> {
        let Payload::Generator(state) = &gen.payload else {
            return Err(self.type_error("not a generator"));
        };
        let mut frame = {
            let mut s = state.borrow_mut();
            if s.running {
                return Err(self.value_error(if s.is_coroutine { "coroutine already executing" } else { "generator already executing" }));
            }
            if s.finished {
                if let Some(e) = exc {
                    return Err(e);
                }
                if s.is_coroutine {
                    return Err(self.err(&self.types.exc.runtime_error, "cannot reuse already awaited coroutine"));
                }
                return Ok(None);
            }
            if !s.started {
                if let Some(e) = exc {
                    // Thrown in before the first instruction: the generator
                    // ends, the exception propagates.
                    s.finished = true;
                    s.frame = None;
                    return Err(e);
                }
            }
            if !s.started && !sent.is_none() && exc.is_none() {
                let what = if s.is_coroutine { "coroutine" } else { "generator" };
                return Err(self.type_error(format!("can't send non-None value to a just-started {what}")));
            }
            let Some(frame) = s.frame.take() else {
                return Ok(None);
            };
            s.running = true;
            frame
        };
        let started = state.borrow().started;
        state.borrow_mut().started = true;
        if started && exc.is_none() {
            frame.stack.push(sent);
        }
        // The generator's own handled exception (kept while it is
        // suspended inside a handler) is what `sys.exc_info()` sees while
        // it runs; without one, the caller's shows through.
        let own = state.borrow_mut().exc_state.pop().unwrap_or(Value::None);
        let caller = std::mem::replace(&mut self.handled, own);
        self.handled_outer.push(caller);
        let result = match exc {
            Some(e) => {
                if started {
                    // The yield that is resumed raises.
                    frame.stack.push(Value::None);
                }
                self.run_frame_with(frame, Some(e))
            }
            None => self.run_frame_with(frame, None),
        };
        let caller = self.handled_outer.pop().unwrap_or(Value::None);
        let now = std::mem::replace(&mut self.handled, caller);
        let mut s = state.borrow_mut();
        s.running = false;
        match result {
            Ok(Exit::Yield(v, frame)) => {
                s.frame = Some(frame);
                if !now.is_none() {
                    s.exc_state.push(now);
                }
                Ok(Some(v))
            }
            Ok(Exit::Return(v)) => {
                s.finished = true;
                drop(s);
                Err(self.stop_iteration_ret(v))
            }
            Err(e) => {
                s.finished = true;
                drop(s);
                // A StopIteration escaping a generator becomes RuntimeError.
                if self.isinstance(&e.0, &self.types.exc.stop_iteration) {
                    let what = if state.borrow().is_coroutine { "coroutine" } else { "generator" };
                    let re = self.err(&self.types.exc.runtime_error, format!("{what} raised StopIteration"));
                    ops::set_cause(&re.0, &e.0, false);
                    ops::set_cause(&re.0, &e.0, true);
                    return Err(re);
                }
                Err(e)
            }
        }
    }

    /// The StopIteration raised when a generator returns `v` (marked so
    /// that `next()` can tell "exhausted" from "returned a value").
    fn stop_iteration_ret(&self, v: Value) -> PyErr {
        self.stop_iteration(v)
    }

    pub fn run_frame(&mut self, frame: Box<Frame>) -> PyResult<Exit> {
        self.run_frame_with(frame, None)
    }

    fn run_frame_with(&mut self, frame: Box<Frame>, throw: Option<PyErr>) -> PyResult<Exit> {
        if self.frames.len() + self.c_depth >= self.recursion_limit {
            return Err(self.err(&self.types.exc.recursion_error, "maximum recursion depth exceeded"));
        }
        self.check_stack()?;
        self.nested_runs += 1;
        let base = self.frames.len();
        self.frames.push(frame);
        let r = self.dispatch(base, throw);
        self.nested_runs -= 1;
        r
    }

    fn frame(&mut self) -> &mut Frame {
        self.frames.last_mut().expect("the dispatch loop runs with a frame")
    }

    /// Record a traceback entry for the current frame on `e`.
    fn add_traceback(cls: &PyRef, e: &PyErr, f: &mut Frame) {
        // Frames of what CPython runs in C (`_asyncio`) are left out.
        if !f.code.hidden {
            crate::objects::tbobject::push(cls, &e.0, f);
        }
    }

    /// Find a handler for `e` in the current frame, unwinding frames down to
    /// `base`. Returns the error if it leaves the base frame.
    fn unwind(&mut self, base: usize, e: PyErr, add_tb: bool) -> Result<(), PyErr> {
        let mut add_tb = add_tb;
        let keep = std::mem::take(&mut self.reraise_keep);
        loop {
            let f = self.frames.last_mut().expect("unwinding with a frame");
            if add_tb {
                if !f.code.hidden {
                    crate::objects::tbobject::push(&self.types.traceback, &e.0, f);
                }
            } else if !keep {
                // A re-raise moves the frame on (`tb_frame.f_lineno`).
                crate::objects::tbobject::moved(f);
            }
            add_tb = true;
            let lasti = f.lasti as u32;
            let entry = f.code.unit.exc_table.iter().find(|x| x.start <= lasti && lasti < x.end).copied();
            if let Some(h) = entry {
                f.stack.truncate(h.depth as usize);
                if h.lasti {
                    f.stack.push(Value::Int(lasti as i64));
                }
                f.stack.push(e.0);
                f.ip = h.target as usize;
                return Ok(());
            }
            // Leave this frame.
            self.frames.pop();
            if self.frames.len() <= base {
                return Err(e);
            }
        }
    }

    fn dispatch(&mut self, base: usize, throw: Option<PyErr>) -> PyResult<Exit> {
        if let Some(e) = throw {
            // Raise at the point where the generator was suspended.
            let f = self.frame();
            f.stack.pop();
            f.lasti = f.ip.saturating_sub(1);
            self.unwind(base, e, true)?;
        }
        loop {
            let result = self.step(base);
            match result {
                Ok(Some(exit)) => return Ok(exit),
                Ok(None) => {}
                Err((e, add_tb)) => {
                    self.unwind(base, e, add_tb)?;
                }
            }
        }
    }

    /// Execute instructions of the top frame until a frame change that ends
    /// this run, or an exception (with whether to add a traceback entry).
    fn step(&mut self, base: usize) -> Result<Option<Exit>, (PyErr, bool)> {
        macro_rules! tr {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(e) => return Err((e, true)),
                }
            };
        }
        loop {
            if finalize::pending() {
                // Signals are for the main thread (as CPython's).
                let main = crate::modules::thread::is_main();
                if main && finalize::INTERRUPTED.swap(false, std::sync::atomic::Ordering::Relaxed) {
                    return Err((self.new_exception(&self.types.exc.keyboard_interrupt.clone(), vec![]), true));
                }
                self.run_finalizers();
                if main && crate::modules::signal::any_pending() {
                    tr!(crate::modules::signal::check(self));
                }
                if crate::modules::faulthandler::any_pending() {
                    crate::modules::faulthandler::check(self);
                }
                if crate::modules::thread::switch_due() {
                    // Another thread's turn (the switch interval).
                    crate::modules::thread::preempt(self);
                }
            }
            let f = self.frames.last_mut().expect("a frame is running");
            let ip = f.ip;
            let Some(&instr) = f.code.unit.instrs.get(ip) else {
                return Err((self.err(&self.types.exc.system_error, "instruction pointer out of range"), true));
            };
            f.lasti = ip;
            if cfg!(debug_assertions) && std::env::var_os("PYX_TRACE").is_some() { eprintln!("{ip:4} {instr:?} depth={}", f.stack.len()); }
            f.ip = ip + 1;
            match instr {
                Instr::Nop => {}
                Instr::PopTop => {
                    f.stack.pop();
                }
                Instr::Copy(n) => {
                    let v = f.stack[f.stack.len() - n as usize].clone();
                    f.stack.push(v);
                }
                Instr::Swap(n) => {
                    let len = f.stack.len();
                    f.stack.swap(len - 1, len - n as usize);
                }
                Instr::LoadConst(i) => {
                    let v = f.code.consts[i as usize].clone();
                    f.stack.push(v);
                }
                Instr::LoadFast(i) => match &f.fast[i as usize] {
                    Some(v) => {
                        let v = v.clone();
                        f.stack.push(v);
                    }
                    None => {
                        let name = f.code.unit.varnames[i as usize].clone();
                        return Err((
                            self.err(
                                &self.types.exc.unbound_local_error,
                                format!("cannot access local variable '{name}' where it is not associated with a value"),
                            ),
                            true,
                        ));
                    }
                },
                Instr::StoreFast(i) => {
                    let v = f.stack.pop().expect("stack");
                    f.fast[i as usize] = Some(v);
                }
                Instr::DeleteFast(i) => {
                    if f.fast[i as usize].take().is_none() {
                        let name = f.code.unit.varnames[i as usize].clone();
                        return Err((
                            self.err(
                                &self.types.exc.unbound_local_error,
                                format!("cannot access local variable '{name}' where it is not associated with a value"),
                            ),
                            true,
                        ));
                    }
                }
                Instr::LoadDeref(i) | Instr::LoadClassDeref(i) => {
                    if let Instr::LoadClassDeref(_) = instr {
                        let name = deref_name(&f.code, i);
                        if let Some(l) = &f.locals {
                            let found = match &l.payload {
                                Payload::Dict(d) if is_exact_builtin(l) => d.borrow().get_str(&name).cloned(),
                                _ => {
                                    let l = Value::Obj(l.clone());
                                    match self.getitem(&l, &str_key(&name)) {
                                        Ok(v) => Some(v),
                                        Err(e) if self.isinstance(&e.0, &self.types.exc.key_error) => None,
                                        Err(e) => return Err((e, true)),
                                    }
                                }
                            };
                            if let Some(v) = found {
                                self.frame().stack.push(v);
                                continue;
                            }
                        }
                    }
                    let f = self.frame();
                    let cell = f.cells[i as usize].clone();
                    let Payload::Cell(c) = &cell.payload else { unreachable!("cells hold cells") };
                    let got = c.borrow().clone();
                    match got {
                        Some(v) => f.stack.push(v),
                        None => {
                            let name = deref_name(&f.code, i);
                            let is_free = i as usize >= f.code.unit.cellvars.len();
                            let msg = if is_free {
                                format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope")
                            } else {
                                format!("cannot access local variable '{name}' where it is not associated with a value")
                            };
                            let cls = if is_free { &self.types.exc.name_error } else { &self.types.exc.unbound_local_error };
                            return Err((self.err(cls, msg), true));
                        }
                    }
                }
                Instr::StoreDeref(i) => {
                    let v = f.stack.pop().expect("stack");
                    if let Payload::Cell(c) = &f.cells[i as usize].payload {
                        *c.borrow_mut() = Some(v);
                    }
                }
                Instr::DeleteDeref(i) => {
                    if let Payload::Cell(c) = &f.cells[i as usize].payload {
                        c.borrow_mut().take();
                    }
                }
                Instr::LoadClosure(i) => {
                    let c = f.cells[i as usize].clone();
                    f.stack.push(Value::Obj(c));
                }
                Instr::LoadGlobal(i) => {
                    let v = match cached_global(f, i as usize, &self.builtins) {
                        Some(v) => v,
                        None => {
                            let name = f.code.names[i as usize].clone();
                            tr!(self.load_global_filling(&name, i as usize))
                        }
                    };
                    self.frame().stack.push(v);
                }
                Instr::StoreGlobal(i) => {
                    let v = f.stack.pop().expect("stack");
                    let name = f.code.names[i as usize].clone();
                    let g = f.globals.clone();
                    if let Payload::Dict(d) = &g.payload {
                        let h = name.as_str().map(|s| s.hash()).unwrap_or(0);
                        d.borrow_mut().set_native(h, name, v);
                    }
                }
                Instr::DeleteGlobal(i) => {
                    let name = f.code.names[i as usize].clone();
                    let g = f.globals.clone();
                    let n = name.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
                    let removed = match &g.payload {
                        Payload::Dict(d) => d.borrow_mut().remove_str(&n).is_some(),
                        _ => false,
                    };
                    if !removed {
                        return Err((self.name_error(&n), true));
                    }
                }
                Instr::LoadName(i) => {
                    let name = f.code.names[i as usize].clone();
                    let local = match &f.locals {
                        Some(l) => match &l.payload {
                            Payload::Dict(d) if is_exact_builtin(l) => {
                                let s = name.as_str().expect("names are strs");
                                d.borrow().get_native(s.hash(), &name).cloned()
                            }
                            _ => {
                                let l = Value::Obj(l.clone());
                                match self.getitem(&l, &name) {
                                    Ok(v) => Some(v),
                                    Err(e) if self.isinstance(&e.0, &self.types.exc.key_error) => None,
                                    Err(e) => return Err((e, true)),
                                }
                            }
                        },
                        None => None,
                    };
                    let v = match local {
                        Some(v) => v,
                        None => tr!(self.load_global(&name)),
                    };
                    self.frame().stack.push(v);
                }
                Instr::StoreName(i) => {
                    let v = f.stack.pop().expect("stack");
                    let name = f.code.names[i as usize].clone();
                    let ns = f.locals.clone().unwrap_or_else(|| f.globals.clone());
                    match &ns.payload {
                        Payload::Dict(d) if is_exact_builtin(&ns) => {
                            let h = name.as_str().map(|s| s.hash()).unwrap_or(0);
                            d.borrow_mut().set_native(h, name, v);
                        }
                        _ => tr!(self.setitem(&Value::Obj(ns.clone()), name, v)),
                    }
                }
                Instr::DeleteName(i) => {
                    let name = f.code.names[i as usize].clone();
                    let ns = f.locals.clone().unwrap_or_else(|| f.globals.clone());
                    let n = name.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
                    let removed = match &ns.payload {
                        Payload::Dict(d) if is_exact_builtin(&ns) => d.borrow_mut().remove_str(&n).is_some(),
                        _ => match self.delitem(&Value::Obj(ns.clone()), &name) {
                            Ok(()) => true,
                            Err(e) if self.isinstance(&e.0, &self.types.exc.key_error) => false,
                            Err(e) => return Err((e, true)),
                        },
                    };
                    if !removed {
                        return Err((self.name_error(&n), true));
                    }
                }
                Instr::LoadMethod(i) => {
                    let name = f.code.names[i as usize].clone();
                    let obj = f.stack.pop().expect("stack");
                    // Fast path: an instance whose class has the default
                    // attribute hooks, a plain function on the class, and
                    // nothing of that name in the instance dict.
                    let mut fast = None;
                    if let Value::Obj(o) = &obj {
                        if matches!(o.payload, Payload::Instance) {
                            let cls = o.class();
                            let ga = self.lookup_mro_value(&cls, &self.names.getattribute.clone());
                            if ga.as_ref().is_none_or(|g| matches!(g.payload(), Some(Payload::Native(_)))) {
                                if let Some(func) = self.lookup_mro_value(&cls, &name) {
                                    if matches!(func.payload(), Some(Payload::Function(_))) {
                                        let shadowed = o.dict.as_ref().is_some_and(|d| {
                                            let s = name.as_str().expect("names are strs");
                                            d.borrow().get_native(s.hash(), &name).is_some()
                                        });
                                        if !shadowed {
                                            fast = Some(func);
                                        }
                                    }
                                }
                            }
                        }
                    }
                    let f = self.frame();
                    match fast {
                        Some(func) => {
                            f.stack.push(func);
                            f.stack.push(obj);
                        }
                        None => {
                            let v = tr!(self.getattr(&obj, &name));
                            let null = Value::Obj(self.null.clone());
                            let f = self.frame();
                            f.stack.push(v);
                            f.stack.push(null);
                        }
                    }
                }
                Instr::LoadAttr(i) => {
                    let name = f.code.names[i as usize].clone();
                    let obj = f.stack.pop().expect("stack");
                    let v = tr!(self.getattr(&obj, &name));
                    self.frame().stack.push(v);
                }
                Instr::StoreAttr(i) => {
                    let name = f.code.names[i as usize].clone();
                    let obj = f.stack.pop().expect("stack");
                    let v = f.stack.pop().expect("stack");
                    tr!(self.setattr(&obj, &name, v));
                }
                Instr::DeleteAttr(i) => {
                    let name = f.code.names[i as usize].clone();
                    let obj = f.stack.pop().expect("stack");
                    tr!(self.delattr(&obj, &name));
                }
                Instr::BinarySubscr => {
                    let k = f.stack.pop().expect("stack");
                    let o = f.stack.pop().expect("stack");
                    let v = tr!(self.getitem(&o, &k));
                    self.frame().stack.push(v);
                }
                Instr::StoreSubscr => {
                    let k = f.stack.pop().expect("stack");
                    let o = f.stack.pop().expect("stack");
                    let v = f.stack.pop().expect("stack");
                    tr!(self.setitem(&o, k, v));
                }
                Instr::DeleteSubscr => {
                    let k = f.stack.pop().expect("stack");
                    let o = f.stack.pop().expect("stack");
                    tr!(self.delitem(&o, &k));
                }
                Instr::BinaryOp(op) => {
                    let b = f.stack.pop().expect("stack");
                    let a = f.stack.pop().expect("stack");
                    // Small-int fast path.
                    let fast = match (&a, &b, op.base()) {
                        (Value::Int(x), Value::Int(y), crate::code::BinOp::Add) => x.checked_add(*y).map(Value::Int),
                        (Value::Int(x), Value::Int(y), crate::code::BinOp::Sub) => x.checked_sub(*y).map(Value::Int),
                        _ => None,
                    };
                    let v = match fast {
                        Some(v) => v,
                        None => tr!(self.binary_op(&a, &b, op)),
                    };
                    self.frame().stack.push(v);
                }
                Instr::UnaryNegative | Instr::UnaryPositive | Instr::UnaryInvert => {
                    let a = f.stack.pop().expect("stack");
                    let v = tr!(self.unary_op(&a, instr));
                    self.frame().stack.push(v);
                }
                Instr::UnaryNot => {
                    let a = f.stack.pop().expect("stack");
                    let t = tr!(self.truthy(&a));
                    self.frame().stack.push(Value::Bool(!t));
                }
                Instr::CompareOp(op) => {
                    let b = f.stack.pop().expect("stack");
                    let a = f.stack.pop().expect("stack");
                    let v = match (&a, &b) {
                        (Value::Int(x), Value::Int(y)) => Value::Bool(match op {
                            crate::code::CmpOp::Lt => x < y,
                            crate::code::CmpOp::Le => x <= y,
                            crate::code::CmpOp::Eq => x == y,
                            crate::code::CmpOp::Ne => x != y,
                            crate::code::CmpOp::Gt => x > y,
                            crate::code::CmpOp::Ge => x >= y,
                        }),
                        _ => tr!(self.compare(&a, &b, op)),
                    };
                    self.frame().stack.push(v);
                }
                Instr::IsOp(inv) => {
                    let b = f.stack.pop().expect("stack");
                    let a = f.stack.pop().expect("stack");
                    f.stack.push(Value::Bool(a.is(&b) != inv));
                }
                Instr::ContainsOp(inv) => {
                    let b = f.stack.pop().expect("stack");
                    let a = f.stack.pop().expect("stack");
                    let r = tr!(self.contains(&b, &a));
                    self.frame().stack.push(Value::Bool(r != inv));
                }
                Instr::Jump(t) => f.ip = t as usize,
                Instr::PopJumpIfFalse(t) | Instr::PopJumpIfTrue(t) => {
                    let v = f.stack.pop().expect("stack");
                    let b = match v {
                        Value::Bool(b) => b,
                        _ => tr!(self.truthy(&v)),
                    };
                    let want = matches!(instr, Instr::PopJumpIfTrue(_));
                    if b == want {
                        self.frame().ip = t as usize;
                    }
                }
                Instr::PopJumpIfNone(t) | Instr::PopJumpIfNotNone(t) => {
                    let v = f.stack.pop().expect("stack");
                    if v.is_none() == matches!(instr, Instr::PopJumpIfNone(_)) {
                        f.ip = t as usize;
                    }
                }
                Instr::JumpIfFalseOrPop(t) | Instr::JumpIfTrueOrPop(t) => {
                    let v = f.stack.last().expect("stack").clone();
                    let b = tr!(self.truthy(&v));
                    let want = matches!(instr, Instr::JumpIfTrueOrPop(_));
                    let f = self.frame();
                    if b == want {
                        f.ip = t as usize;
                    } else {
                        f.stack.pop();
                    }
                }
                Instr::GetIter => {
                    let v = f.stack.pop().expect("stack");
                    let it = tr!(self.iter(&v));
                    self.frame().stack.push(it);
                }
                Instr::ForIter(t) => {
                    let it = f.stack.last().expect("stack").clone();
                    match tr!(self.next(&it)) {
                        Some(v) => self.frame().stack.push(v),
                        None => {
                            let f = self.frame();
                            f.stack.pop();
                            f.ip = t as usize;
                        }
                    }
                }
                Instr::BuildList(n) => {
                    let at = f.stack.len() - n as usize;
                    let items = f.stack.split_off(at);
                    let v = self.new_list(items);
                    self.frame().stack.push(v);
                }
                Instr::BuildTuple(n) => {
                    let at = f.stack.len() - n as usize;
                    let items = f.stack.split_off(at);
                    let v = self.new_tuple(items);
                    self.frame().stack.push(v);
                }
                Instr::BuildSet(n) => {
                    let at = f.stack.len() - n as usize;
                    let items = f.stack.split_off(at);
                    let cell = RefCell::new(Dict::new());
                    for x in items {
                        tr!(dict::set(self, &cell, x, Value::None));
                    }
                    let v = self.new_set(cell.into_inner(), false);
                    self.frame().stack.push(v);
                }
                Instr::BuildMap(n) => {
                    let at = f.stack.len() - 2 * n as usize;
                    let items = f.stack.split_off(at);
                    let cell = RefCell::new(Dict::new());
                    let mut it = items.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        tr!(dict::set(self, &cell, k, v));
                    }
                    let v = self.new_dict(cell.into_inner());
                    self.frame().stack.push(v);
                }
                Instr::BuildConstKeyMap(_) => unreachable!("not emitted"),
                Instr::BuildString(n) => {
                    let at = f.stack.len() - n as usize;
                    let items = f.stack.split_off(at);
                    let mut out = PyStr::new("");
                    for x in &items {
                        if let Some(s) = x.as_str() {
                            out = out.concat(s);
                        }
                    }
                    let v = self.new_pystr(out);
                    self.frame().stack.push(v);
                }
                Instr::BuildSlice(n) => {
                    let step = if n == 3 { f.stack.pop().expect("stack") } else { Value::None };
                    let stop = f.stack.pop().expect("stack");
                    let start = f.stack.pop().expect("stack");
                    let v = self.new_object(&self.types.slice.clone(), Payload::Slice(start, stop, step), false);
                    self.frame().stack.push(v);
                }
                Instr::ListAppend(d) | Instr::SetAdd(d) => {
                    let v = f.stack.pop().expect("stack");
                    let target = f.stack[f.stack.len() - d as usize].clone();
                    match target.payload() {
                        Some(Payload::List(l)) => l.borrow_mut().push(v),
                        Some(Payload::Set(s)) => tr!(dict::set(self, s, v, Value::None)),
                        _ => {}
                    }
                }
                Instr::MapAdd(d) => {
                    let v = f.stack.pop().expect("stack");
                    let k = f.stack.pop().expect("stack");
                    let target = f.stack[f.stack.len() - d as usize].clone();
                    if let Some(Payload::Dict(m)) = target.payload() {
                        tr!(dict::set(self, m, k, v));
                    }
                }
                Instr::ListExtend(d) | Instr::SetUpdate(d) => {
                    let in_call = d & crate::compile::CALL_ARGS != 0;
                    let d = d & 0xffff;
                    let v = f.stack.pop().expect("stack");
                    let target = f.stack[f.stack.len() - d as usize].clone();
                    let callee = if in_call { f.stack.len().checked_sub(d as usize + 1).and_then(|i| f.stack.get(i)).cloned() } else { None };
                    let items = match self.to_vec(&v) {
                        Ok(items) => items,
                        Err(e) => {
                            if matches!(instr, Instr::ListExtend(_)) && self.isinstance(&e.0, &self.types.exc.type_error) && self.lookup_mro(&self.type_of(&v), "__iter__").is_none() {
                                if let Some(c) = callee {
                                    let desc = self.function_desc(&c);
                                    return Err((self.type_error(format!("{desc} argument after * must be an iterable, not {}", self.type_name(&v))), true));
                                }
                                return Err((self.type_error(format!("Value after * must be an iterable, not {}", self.type_name(&v))), true));
                            }
                            return Err((e, true));
                        }
                    };
                    match target.payload() {
                        Some(Payload::List(l)) => l.borrow_mut().extend(items),
                        Some(Payload::Set(s)) => {
                            for x in items {
                                tr!(dict::set(self, s, x, Value::None));
                            }
                        }
                        _ => {}
                    }
                }
                Instr::DictUpdate(d) | Instr::DictMerge(d) => {
                    let v = f.stack.pop().expect("stack");
                    let target = f.stack[f.stack.len() - d as usize].clone();
                    // For `**` in a call: the callable is below the
                    // positional tuple, under the mapping being built.
                    let callee = if matches!(instr, Instr::DictMerge(_)) {
                        f.stack.len().checked_sub(d as usize + 2).and_then(|i| f.stack.get(i)).cloned()
                    } else {
                        None
                    };
                    if let (Instr::DictMerge(_), Some(Payload::Dict(src))) = (instr, v.payload()) {
                        if src.borrow().keys().iter().any(|k| k.as_str().is_none()) {
                            return Err((self.type_error("keywords must be strings"), true));
                        }
                    }
                    if let Err(e) = ops::dict_update(self, &target, &v, matches!(instr, Instr::DictMerge(_))) {
                        let msg = self.str_string(&e.0).unwrap_or_default();
                        if let (Some(c), true) = (callee.clone(), msg.starts_with("got multiple values")) {
                            let desc = self.function_desc(&c);
                            return Err((self.type_error(format!("{desc} {msg}")), true));
                        }
                        if let (Some(c), true) = (callee, msg.ends_with("is not a mapping")) {
                            let desc = self.function_desc(&c);
                            return Err((self.type_error(format!("{desc} argument after ** must be a mapping, not {}", self.type_name(&v))), true));
                        }
                        return Err((e, true));
                    }
                }
                Instr::ListToTuple => {
                    let v = f.stack.pop().expect("stack");
                    let items = match v.payload() {
                        Some(Payload::List(l)) => l.borrow().clone(),
                        _ => Vec::new(),
                    };
                    let t = self.new_tuple(items);
                    self.frame().stack.push(t);
                }
                Instr::UnpackSequence(n) => {
                    let v = f.stack.pop().expect("stack");
                    let items = tr!(self.unpack(&v, n as usize, None));
                    self.frame().stack.extend(items.into_iter().rev());
                }
                Instr::UnpackEx(arg) => {
                    let before = (arg & 0xff) as usize;
                    let after = (arg >> 8) as usize;
                    let v = f.stack.pop().expect("stack");
                    let items = tr!(self.unpack(&v, before, Some(after)));
                    self.frame().stack.extend(items.into_iter().rev());
                }
                Instr::KwNames(i) => {
                    f.kwnames = Some(f.code.consts[i as usize].clone());
                }
                Instr::Call(n) | Instr::CallMethod(n) => {
                    let kwnames = f.kwnames.take();
                    let mut n = n as usize;
                    if let Instr::CallMethod(_) = instr {
                        // [callable, self-or-NULL, args…]: without self it is
                        // a plain call, with it self is the first argument.
                        let slot = f.stack.len() - n - 1;
                        if matches!(&f.stack[slot], Value::Obj(o) if Rc::ptr_eq(o, &self.null)) {
                            f.stack.remove(slot);
                        } else {
                            n += 1;
                        }
                    }
                    let at = f.stack.len() - n;
                    let func = f.stack[at - 1].clone();
                    // Python functions: push a frame, no Rust recursion.
                    if let Value::Obj(o) = &func {
                        let (pyfunc, self_) = match &o.payload {
                            Payload::Function(_) => (Some(o.clone()), None),
                            Payload::Method { func: Value::Obj(m), self_ } if matches!(m.payload, Payload::Function(_)) => {
                                (Some(m.clone()), Some(self_.clone()))
                            }
                            _ => (None, None),
                        };
                        if let Some(fo) = pyfunc {
                            let Payload::Function(fun) = &fo.payload else { unreachable!("checked above") };
                            let args = f.stack.split_off(at);
                            f.stack.pop();
                            let kwn: Vec<Value> = match kwnames.as_ref().and_then(|k| k.payload()) {
                                Some(Payload::Tuple(t)) => t.to_vec(),
                                _ => Vec::new(),
                            };
                            let frame = tr!(self.make_frame(fun, &args, &kwn, self_.as_ref()));
                            if frame.code.unit.flags & (flags::GENERATOR | flags::COROUTINE | flags::ASYNC_GENERATOR) != 0 {
                                let g = self.make_generator(frame, fun, frame_is_coroutine(&fo));
                                self.frame().stack.push(g);
                                continue;
                            }
                            if self.frames.len() + self.c_depth >= self.recursion_limit {
                                return Err((self.err(&self.types.exc.recursion_error, "maximum recursion depth exceeded"), true));
                            }
                            self.frames.push(frame);
                            continue;
                        }
                    }
                    let mut args = f.stack.split_off(at);
                    f.stack.pop();
                    let kw = match kwnames.as_ref().and_then(|k| k.payload()) {
                        Some(Payload::Tuple(names)) => {
                            let vals = args.split_off(args.len() - names.len());
                            names.iter().cloned().zip(vals).collect()
                        }
                        _ => Vec::new(),
                    };
                    let v = tr!(self.call_kw(&func, args, kw));
                    self.frame().stack.push(v);
                }
                Instr::CallFunctionEx(fl) => {
                    let kwargs = if fl & 1 != 0 { f.stack.pop() } else { None };
                    let args = f.stack.pop().expect("stack");
                    let func = f.stack.pop().expect("stack");
                    let pos = match args.payload() {
                        Some(Payload::Tuple(t)) => t.to_vec(),
                        _ => Vec::new(),
                    };
                    let kw = match kwargs.as_ref().and_then(|k| k.payload()) {
                        Some(Payload::Dict(d)) => d.borrow().items(),
                        _ => Vec::new(),
                    };
                    let v = tr!(self.call_kw(&func, pos, kw));
                    self.frame().stack.push(v);
                }
                Instr::MakeFunction(fl) => {
                    let code_v = f.stack.pop().expect("stack");
                    let closure = if fl & 8 != 0 { f.stack.pop() } else { None };
                    let annotations = if fl & 4 != 0 { f.stack.pop() } else { None };
                    let kwdefaults = if fl & 2 != 0 { f.stack.pop() } else { None };
                    let defaults = if fl & 1 != 0 { f.stack.pop() } else { None };
                    let globals = f.globals.clone();
                    let v = tr!(self.make_function(code_v, globals, closure, annotations, kwdefaults, defaults));
                    self.frame().stack.push(v);
                }
                Instr::ReturnValue => {
                    let v = f.stack.pop().unwrap_or(Value::None);
                    let done = self.frames.pop().expect("returning frame");
                    drop(done);
                    if self.frames.len() <= base {
                        return Ok(Some(Exit::Return(v)));
                    }
                    self.frame().stack.push(v);
                }
                Instr::YieldValue => {
                    let v = f.stack.pop().unwrap_or(Value::None);
                    let frame = self.frames.pop().expect("yielding frame");
                    return Ok(Some(Exit::Yield(v, frame)));
                }
                Instr::RaiseVarargs(n) => {
                    let e = match n {
                        0 => {
                            let handled = self.current_handled();
                            if handled.is_none() {
                                return Err((self.err(&self.types.exc.runtime_error, "No active exception to reraise"), true));
                            }
                            // A bare `raise` adds no traceback entry (the
                            // exception's own chain goes on as it is).
                            let e = PyErr(handled);
                            return Err((e, false));
                        }
                        1 => {
                            let v = f.stack.pop().expect("stack");
                            tr!(self.make_exception(v))
                        }
                        _ => {
                            let cause = f.stack.pop().expect("stack");
                            let v = f.stack.pop().expect("stack");
                            let e = tr!(self.make_exception(v));
                            let cause = if cause.is_none() {
                                Value::None
                            } else {
                                tr!(self.make_exception(cause).map(|c| c.0).map_err(|_| self.type_error(
                                    "exception causes must derive from BaseException"
                                )))
                            };
                            if let Some(Payload::Exception(x)) = e.0.payload() {
                                *x.cause.borrow_mut() = cause;
                                x.suppress_context.set(true);
                            }
                            e
                        }
                    };
                    self.set_context(&e);
                    return Err((e, true));
                }
                Instr::Reraise(n) => {
                    let v = f.stack.pop().expect("stack");
                    self.reraise_keep = n > 0;
                    return Err((PyErr(v), false));
                }
                Instr::PushExcInfo => {
                    let exc = f.stack.pop().expect("stack");
                    let prev = std::mem::replace(&mut self.handled, exc.clone());
                    let f = self.frame();
                    f.stack.push(prev);
                    f.stack.push(exc);
                }
                Instr::PopExcept => {
                    let prev = f.stack.pop().expect("stack");
                    self.handled = prev;
                }
                Instr::CheckExcMatch => {
                    let cls = f.stack.pop().expect("stack");
                    let exc = f.stack.last().expect("stack").clone();
                    let m = tr!(self.exception_matches(&exc, &cls));
                    self.frame().stack.push(Value::Bool(m));
                }
                Instr::FormatValue(fl) => {
                    let spec = if fl & 4 != 0 { f.stack.pop() } else { None };
                    let v = f.stack.pop().expect("stack");
                    let v = match fl & 3 {
                        1 => tr!(self.str(&v)),
                        2 => {
                            let s = tr!(self.repr(&v));
                            self.new_pystr(s)
                        }
                        3 => {
                            let s = tr!(self.ascii(&v));
                            self.new_str(&s)
                        }
                        _ => v,
                    };
                    let spec = spec.unwrap_or_else(|| str_key(""));
                    let out = tr!(self.format(&v, &spec));
                    self.frame().stack.push(out);
                }
                Instr::LoadBuildClass => {
                    let v = self.builtins_get("__build_class__").unwrap_or(Value::None);
                    self.frame().stack.push(v);
                }
                Instr::LoadAssertionError => {
                    let v = Value::Obj(self.types.exc.assertion_error.clone());
                    f.stack.push(v);
                }
                Instr::SetupAnnotations => {
                    let ns = f.locals.clone().unwrap_or_else(|| f.globals.clone());
                    if let Payload::Dict(d) = &ns.payload {
                        if d.borrow().get_str("__annotations__").is_none() {
                            let a = self.new_dict(Dict::new());
                            d.borrow_mut().set_str("__annotations__", a);
                        }
                    }
                }
                Instr::ImportName(i) => {
                    let name = f.code.names[i as usize].clone();
                    let fromlist = f.stack.pop().expect("stack");
                    let level = f.stack.pop().expect("stack");
                    let m = tr!(crate::modules::import(self, &name, &fromlist, &level));
                    self.frame().stack.push(m);
                }
                Instr::ImportFrom(i) => {
                    let name = f.code.names[i as usize].clone();
                    let m = f.stack.last().expect("stack").clone();
                    let v = match self.getattr(&m, &name) {
                        Ok(v) => v,
                        Err(e) if !self.isinstance(&e.0, &self.types.exc.attribute_error.clone()) => return Err((e, true)),
                        Err(_) => {
                            // As CPython: a submodule being imported (a
                            // circular import) is found in sys.modules.
                            let n = name.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
                            let mname = match self.getattr(&m, &str_key("__name__")) {
                                Ok(v) => v.as_str().map(|s| s.to_string_lossy()),
                                Err(_) => None,
                            };
                            let found = mname.as_ref().and_then(|mn| match &self.sys_modules.payload {
                                Payload::Dict(d) => d.borrow().get_str(&format!("{mn}.{n}")).cloned(),
                                _ => None,
                            });
                            match found {
                                Some(v) => v,
                                None => {
                                    let mname = mname.unwrap_or_else(|| "<unknown module name>".into());
                                    let file = self.getattr(&m, &str_key("__file__")).ok().and_then(|v| v.as_str().map(|s| s.to_string_lossy()));
                                    let initializing = match self.getattr(&m, &str_key("__spec__")) {
                                        Ok(spec) if !matches!(spec, Value::None) => match self.getattr(&spec, &str_key("_initializing")) {
                                            Ok(v) => self.truthy(&v).unwrap_or(false),
                                            Err(_) => false,
                                        },
                                        _ => false,
                                    };
                                    let place = file.unwrap_or_else(|| "unknown location".into());
                                    let msg = if initializing {
                                        format!("cannot import name '{n}' from partially initialized module '{mname}' (most likely due to a circular import) ({place})")
                                    } else {
                                        format!("cannot import name '{n}' from '{mname}' ({place})")
                                    };
                                    let e = self.err(&self.types.exc.import_error, msg);
                                    let nm = self.new_str(&mname);
                                    let _ = self.setattr(&e.0, &str_key("name"), nm);
                                    return Err((e, true));
                                }
                            }
                        }
                    };
                    self.frame().stack.push(v);
                }
                Instr::ImportStar => {
                    let m = f.stack.pop().expect("stack");
                    let ns = f.locals.clone().unwrap_or_else(|| f.globals.clone());
                    let md = match m.payload() {
                        Some(Payload::Module { dict, .. }) => dict.clone(),
                        _ => return Err((self.type_error("import * needs a module"), true)),
                    };
                    let all = match &md.payload {
                        Payload::Dict(d) => d.borrow().get_str("__all__").cloned(),
                        _ => None,
                    };
                    if let Some(all) = all {
                        // The names `__all__` lists, looked up as attributes.
                        let names = tr!(self.to_vec(&all));
                        for n in names {
                            let Some(s) = n.as_str() else {
                                let modname = match &md.payload {
                                    Payload::Dict(d) => d.borrow().get_str("__name__").and_then(|v| v.as_str().map(|s| s.to_string_lossy())),
                                    _ => None,
                                };
                                let msg = format!("Item in {}.__all__ must be str, not {}", modname.unwrap_or_else(|| "?".into()), self.type_name(&n));
                                return Err((self.type_error(msg), true));
                            };
                            let hash = s.hash();
                            let v = tr!(self.getattr(&m, &n));
                            if let Payload::Dict(d) = &ns.payload {
                                d.borrow_mut().set_native(hash, n.clone(), v);
                            }
                        }
                    } else if let (Payload::Dict(md), Payload::Dict(d)) = (&md.payload, &ns.payload) {
                        for e in md.borrow().iter() {
                            if let Some(s) = e.key.as_str() {
                                if s.at(0) != '_' as u32 {
                                    d.borrow_mut().set_native(e.hash, e.key.clone(), e.value.clone());
                                }
                            }
                        }
                    }
                }
                Instr::BeforeWith => {
                    let mgr = f.stack.pop().expect("stack");
                    let cls = self.type_of(&mgr);
                    let (Some(enter), Some(exit)) = (self.lookup_mro(&cls, "__enter__"), self.lookup_mro(&cls, "__exit__")) else {
                        let missing = if self.lookup_mro(&cls, "__enter__").is_none() { "" } else { " (missed __exit__ method)" };
                        return Err((
                            self.type_error(format!(
                                "'{}' object does not support the context manager protocol{missing}",
                                self.type_name(&mgr)
                            )),
                            true,
                        ));
                    };
                    let exit_bound = tr!(self.bind(&exit, &mgr, &cls));
                    let r = tr!(self.call(&enter, vec![mgr.clone()]));
                    let f = self.frame();
                    f.stack.push(exit_bound);
                    f.stack.push(r);
                }
                Instr::WithExceptStart => {
                    let exc = f.stack.last().expect("stack").clone();
                    let exit = f.stack[f.stack.len() - 3].clone();
                    let tp = Value::Obj(self.type_of(&exc));
                    let tb = match exc.payload() {
                        Some(Payload::Exception(x)) => x.traceback.borrow().clone(),
                        _ => Value::None,
                    };
                    let r = tr!(self.call(&exit, vec![tp, exc, tb]));
                    self.frame().stack.push(r);
                }
                Instr::GetYieldFromIter => {
                    let v = f.stack.pop().expect("stack");
                    let it = match v.payload() {
                        Some(Payload::Generator(g)) => {
                            let in_coroutine = f.code.unit.flags & (flags::COROUTINE | flags::ITERABLE_COROUTINE) != 0;
                            if g.borrow().is_coroutine && !in_coroutine {
                                return Err((self.type_error("cannot 'yield from' a coroutine object in a non-coroutine generator"), true));
                            }
                            v
                        }
                        _ => tr!(self.iter(&v)),
                    };
                    self.frame().stack.push(it);
                }
                Instr::Send(t) => {
                    let sent = f.stack.pop().expect("stack");
                    let it = f.stack.last().expect("stack").clone();
                    let r = match it.payload() {
                        Some(Payload::Generator(_)) => {
                            let g = it.obj().expect("generator object").clone();
                            match self.gen_resume(&g, sent, None) {
                                Ok(Some(v)) => Ok(Some(v)),
                                Ok(None) => Ok(None),
                                Err(e) if self.isinstance(&e.0, &self.types.exc.stop_iteration) => {
                                    let v = ops::stop_value(self, &e.0);
                                    let f = self.frame();
                                    f.stack.pop();
                                    f.stack.push(v);
                                    f.ip = t as usize;
                                    continue;
                                }
                                Err(e) => Err(e),
                            }
                        }
                        Some(Payload::Iter(_)) if sent.is_none() => self.next(&it),
                        _ => {
                            {
                                let meth = if sent.is_none() { "__next__" } else { "send" };
                                let m = tr!(self.getattr(&it, &str_key(meth)));
                                let args = if sent.is_none() { vec![] } else { vec![sent] };
                                match self.call(&m, args) {
                                    Ok(v) => Ok(Some(v)),
                                    Err(e) if self.isinstance(&e.0, &self.types.exc.stop_iteration) => {
                                        let v = ops::stop_value(self, &e.0);
                                        let f = self.frame();
                                        f.stack.pop();
                                        f.stack.push(v);
                                        f.ip = t as usize;
                                        continue;
                                    }
                                    Err(e) => Err(e),
                                }
                            }
                        }
                    };
                    match tr!(r) {
                        Some(v) => self.frame().stack.push(v),
                        None => {
                            let f = self.frame();
                            f.stack.pop();
                            f.stack.push(Value::None);
                            f.ip = t as usize;
                        }
                    }
                }
                Instr::CheckEgMatch => {
                    let types = f.stack.pop().expect("stack");
                    let exc = f.stack.pop().expect("stack");
                    let (rest, matched) = tr!(crate::objects::exception_group::check_eg_match(self, &exc, &types));
                    if !matched.is_none() {
                        // The handler runs with the matched part as the
                        // exception being handled.
                        self.handled = matched.clone();
                    }
                    let f = self.frame();
                    f.stack.push(rest);
                    f.stack.push(matched);
                }
                Instr::PrepReraiseStar => {
                    let list = f.stack.pop().expect("stack");
                    let orig = f.stack.pop().expect("stack");
                    let r = tr!(crate::objects::exception_group::prep_reraise_star(self, &orig, &list));
                    self.frame().stack.push(r);
                }
                Instr::PrintExpr => {
                    let v = f.stack.pop().expect("stack");
                    let hook = crate::modules::sys::get(self, "displayhook");
                    match hook {
                        Some(h) => {
                            tr!(self.call(&h, vec![v]));
                        }
                        None => return Err((self.err(&self.types.exc.runtime_error.clone(), "lost sys.displayhook"), true)),
                    }
                }
                Instr::GetLen => {
                    let v = f.stack.last().expect("stack").clone();
                    let n = tr!(self.len(&v));
                    self.frame().stack.push(Value::Int(n as i64));
                }
                Instr::MatchSequence | Instr::MatchMapping => {
                    let v = f.stack.last().expect("stack").clone();
                    let r = if matches!(instr, Instr::MatchSequence) { self.is_match_sequence(&v) } else { self.is_match_mapping(&v) };
                    self.frame().stack.push(Value::Bool(r));
                }
                Instr::MatchKeys => {
                    let keys = f.stack.last().expect("stack").clone();
                    let subject = f.stack[f.stack.len() - 2].clone();
                    let r = tr!(self.match_keys(&subject, &keys));
                    self.frame().stack.push(r);
                }
                Instr::MatchClass(n) => {
                    let names = f.stack.pop().expect("stack");
                    let cls = f.stack.pop().expect("stack");
                    let subject = f.stack.pop().expect("stack");
                    let r = tr!(self.match_class(&subject, &cls, &names, n as usize));
                    self.frame().stack.push(r);
                }
                Instr::CopyDictWithoutKeys => {
                    let keys = f.stack.pop().expect("stack");
                    let subject = f.stack.last().expect("stack").clone();
                    let copy = self.new_dict(Dict::new());
                    tr!(ops::dict_update(self, &copy, &subject, false));
                    if let (Some(Payload::Dict(d)), Some(Payload::Tuple(ks))) = (copy.payload(), keys.payload()) {
                        for k in ks.iter() {
                            tr!(dict::remove(self, d, k));
                        }
                    }
                    self.frame().stack.push(copy);
                }
                Instr::GetAwaitable => {
                    let v = f.stack.pop().expect("stack");
                    let it = tr!(crate::objects::async_gen::awaitable_iter(self, &v));
                    if let Some(Payload::Generator(g)) = it.payload() {
                        if g.borrow().is_coroutine && g.borrow().running {
                            return Err((self.err(&self.types.exc.runtime_error.clone(), "coroutine is being awaited already"), true));
                        }
                    }
                    self.frame().stack.push(it);
                }
                Instr::GetAiter => {
                    let v = f.stack.pop().expect("stack");
                    let it = tr!(crate::objects::async_gen::get_aiter(self, &v));
                    self.frame().stack.push(it);
                }
                Instr::GetAnext => {
                    let aiter = f.stack.last().expect("stack").clone();
                    let aw = tr!(crate::objects::async_gen::get_anext(self, &aiter));
                    self.frame().stack.push(aw);
                }
                Instr::EndAsyncFor => {
                    let exc = f.stack.pop().expect("stack");
                    f.stack.pop();
                    if !self.isinstance(&exc, &self.types.exc.stop_async_iteration.clone()) {
                        return Err((PyErr(exc), false));
                    }
                }
                Instr::AsyncGenWrap => {
                    let v = f.stack.pop().expect("stack");
                    let w = self.new_object(&self.types.object.clone(), Payload::AsyncGenWrapped(v), false);
                    self.frame().stack.push(w);
                }
                Instr::BeforeAsyncWith => {
                    let mgr = f.stack.pop().expect("stack");
                    let cls = self.type_of(&mgr);
                    let (Some(enter), Some(exit)) = (self.lookup_mro(&cls, "__aenter__"), self.lookup_mro(&cls, "__aexit__")) else {
                        let missing = if self.lookup_mro(&cls, "__aenter__").is_none() { "" } else { " (missed __aexit__ method)" };
                        return Err((
                            self.type_error(format!(
                                "'{}' object does not support the asynchronous context manager protocol{missing}",
                                self.type_name(&mgr)
                            )),
                            true,
                        ));
                    };
                    let exit_bound = tr!(self.bind(&exit, &mgr, &cls));
                    let r = tr!(self.call(&enter, vec![mgr.clone()]));
                    let f = self.frame();
                    f.stack.push(exit_bound);
                    f.stack.push(r);
                }
                other => {
                    return Err((
                        self.err(&self.types.exc.system_error, format!("pyx cannot execute {other:?} yet")),
                        true,
                    ))
                }
            }
        }
    }

    fn set_context(&self, e: &PyErr) {
        let handled = self.current_handled();
        if !handled.is_none() && !handled.is(&e.0) {
            if let Some(Payload::Exception(x)) = e.0.payload() {
                if x.context.borrow().is_none() {
                    *x.context.borrow_mut() = handled;
                }
            }
        }
    }

    /// The exception `sys.exc_info()` reports: the running context's, else
    /// the nearest caller's of the running generators.
    pub fn current_handled(&self) -> Value {
        if !self.handled.is_none() {
            return self.handled.clone();
        }
        self.handled_outer.iter().rev().find(|v| !v.is_none()).cloned().unwrap_or(Value::None)
    }

    pub fn builtins_get(&self, name: &str) -> Option<Value> {
        match &self.builtins.payload {
            Payload::Dict(d) => d.borrow().get_str(name).cloned(),
            _ => None,
        }
    }

    /// [`Vm::load_global`], then remember where the name was found in the
    /// running code's `LOAD_GLOBAL` cache (see [`cached_global`]).
    fn load_global_filling(&mut self, name: &Value, i: usize) -> PyResult<Value> {
        let v = self.load_global(name)?;
        let f = self.frames.last().expect("a frame is running");
        let Payload::Dict(g) = &f.globals.payload else { return Ok(v) };
        let Payload::Dict(b) = &self.builtins.payload else { return Ok(v) };
        let (g, b) = (g.borrow(), b.borrow());
        let h = name.as_str().map(|s| s.hash()).unwrap_or(0);
        let mut slot = GlobalSlot { globals: Rc::downgrade(&f.globals), globals_version: g.version, ..GlobalSlot::default() };
        if let Some(pos) = g.position_native(h, name) {
            slot.in_globals = true;
            slot.pos = pos as u32;
        } else {
            let key = &self.names.builtins;
            if let Some(bpos) = g.position_native(key.as_str().map(|s| s.hash()).unwrap_or(0), key) {
                // Only the real builtins, as a module or its dict.
                let Some(Value::Obj(o)) = g.value_at(bpos) else { return Ok(v) };
                let ns = match &o.payload {
                    Payload::Module { dict, .. } => dict.clone(),
                    _ => o.clone(),
                };
                if !Rc::ptr_eq(&ns, &self.builtins) {
                    return Ok(v);
                }
                slot.builtins_entry = Some((bpos as u32, Rc::downgrade(o)));
            }
            let Some(pos) = b.position_native(h, name) else { return Ok(v) };
            slot.pos = pos as u32;
            slot.builtins_version = b.version;
        }
        let mut cache = f.code.globals_cache.borrow_mut();
        if cache.len() != f.code.names.len() {
            *cache = vec![GlobalSlot::default(); f.code.names.len()];
        }
        if let Some(s) = cache.get_mut(i) {
            *s = slot;
        }
        Ok(v)
    }

    fn load_global(&mut self, name: &Value) -> PyResult<Value> {
        let f = self.frames.last().expect("a frame is running");
        let s = name.as_str().expect("names are strs");
        let h = s.hash();
        if let Payload::Dict(d) = &f.globals.payload {
            if let Some(v) = d.borrow().get_native(h, name) {
                return Ok(v.clone());
            }
            // The globals' own `__builtins__` (as `exec(code, {"__builtins__":
            // {...}})` gives) when it is not the real builtins.
            let key = &self.names.builtins;
            let custom = d.borrow().get_native(key.as_str().expect("a str").hash(), key).cloned();
            if let Some(Value::Obj(b)) = custom {
                let ns = match &b.payload {
                    Payload::Module { dict, .. } => dict.clone(),
                    _ => b.clone(),
                };
                if !Rc::ptr_eq(&ns, &self.builtins) {
                    if let Payload::Dict(bd) = &ns.payload {
                        if let Some(v) = bd.borrow().get_native(h, name) {
                            return Ok(v.clone());
                        }
                        return Err(self.name_error(&s.to_string_lossy()));
                    }
                }
            }
        }
        if let Payload::Dict(d) = &self.builtins.payload {
            if let Some(v) = d.borrow().get_native(h, name) {
                return Ok(v.clone());
            }
        }
        Err(self.name_error(&s.to_string_lossy()))
    }

    pub fn make_function(
        &mut self,
        code_v: Value,
        globals: PyRef,
        closure: Option<Value>,
        annotations: Option<Value>,
        kwdefaults: Option<Value>,
        defaults: Option<Value>,
    ) -> PyResult<Value> {
        let Some(Payload::Code(code)) = code_v.payload() else {
            return Err(self.err(&self.types.exc.system_error, "MAKE_FUNCTION without code"));
        };
        let code = code.clone();
        let closure = closure.and_then(|c| match c.payload() {
            Some(Payload::Tuple(t)) => Some(t.iter().filter_map(|x| x.obj().cloned()).collect::<Vec<_>>().into()),
            _ => None,
        });
        let defaults = defaults.and_then(|d| match d.payload() {
            Some(Payload::Tuple(t)) => Some(Rc::from(t.to_vec().into_boxed_slice())),
            _ => None,
        });
        let ann = match annotations {
            Some(a) => {
                let mut d = Dict::new();
                if let Some(Payload::Tuple(t)) = a.payload() {
                    for pair in t.chunks(2) {
                        if let [k, v] = pair {
                            if let Some(s) = k.as_str() {
                                d.set_native(s.hash(), k.clone(), v.clone());
                            }
                        }
                    }
                }
                Some(d)
            }
            None => None,
        };
        let module = match &globals.payload {
            Payload::Dict(d) => d.borrow().get_str("__name__").cloned().unwrap_or(Value::None),
            _ => Value::None,
        };
        let doc = match &code.unit.docstring {
            Some(d) => self.new_pystr(PyStr::from_ast(d)),
            None => Value::None,
        };
        let func = Function {
            name: RefCell::new(code.name.clone()),
            qualname: RefCell::new(code.qualname.clone()),
            code: RefCell::new(code),
            globals,
            defaults: RefCell::new(defaults),
            kwdefaults: RefCell::new(kwdefaults.and_then(|v| v.obj().cloned())),
            closure,
            doc: RefCell::new(doc),
            annotations: RefCell::new(ann.map(|d| match self.new_dict(d) {
                Value::Obj(o) => o,
                _ => unreachable!("new_dict makes an object"),
            })),
            module: RefCell::new(module),
        };
        Ok(self.new_object(&self.types.function.clone(), Payload::Function(Box::new(func)), true))
    }

    fn make_exception(&mut self, v: Value) -> PyResult<PyErr> {
        if let Value::Obj(o) = &v {
            if let Payload::Class(_) = &o.payload {
                if self.is_subclass(o, &self.types.exc.base_exception) {
                    let inst = self.call(&v, vec![])?;
                    if !matches!(inst.payload(), Some(Payload::Exception(_))) {
                        let (c, t) = (self.repr(&v)?.to_string_lossy(), Value::Obj(self.type_of(&inst)));
                        let t = self.repr(&t)?.to_string_lossy();
                        return Err(self.type_error(format!("calling {c} should have returned an instance of BaseException, not {t}")));
                    }
                    return Ok(PyErr(inst));
                }
            }
            if let Payload::Exception(_) = &o.payload {
                return Ok(PyErr(v));
            }
        }
        Err(self.type_error("exceptions must derive from BaseException"))
    }

    pub fn exception_matches(&mut self, exc: &Value, cls: &Value) -> PyResult<bool> {
        match cls.payload() {
            Some(Payload::Tuple(t)) => {
                for c in t.iter() {
                    if self.exception_matches(exc, c)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Some(Payload::Class(_)) => {
                let c = cls.obj().expect("a class is an object");
                if !self.is_subclass(c, &self.types.exc.base_exception) {
                    return Err(self.type_error("catching classes that do not inherit from BaseException is not allowed"));
                }
                Ok(self.isinstance(exc, c))
            }
            _ => Err(self.type_error("catching classes that do not inherit from BaseException is not allowed")),
        }
    }

    /// `classmethod.__get__` for `owner`: the wrapped object bound to the
    /// class, through its own `__get__` when it is a descriptor (3.9-3.12:
    /// `classmethod(property(f))` calls `f(owner)`).
    pub fn classmethod_get(&mut self, f: &Value, owner: Value) -> PyResult<Value> {
        match f.payload() {
            Some(Payload::Function(_) | Payload::Native(_)) => {}
            Some(Payload::Property { fget, .. }) => {
                if !fget.is_none() {
                    let g = fget.clone();
                    return self.call(&g, vec![owner]);
                }
            }
            _ => {
                let fcls = self.type_of(f);
                if !crate::types::is_builtin_class(&fcls) {
                    if let Some(get) = self.lookup_mro(&fcls, "__get__") {
                        return self.call(&get, vec![f.clone(), owner.clone(), owner]);
                    }
                }
            }
        }
        Ok(self.new_object(&self.types.method.clone(), Payload::Method { func: f.clone(), self_: owner }, false))
    }

    /// A built-in method called unbound (`int.__add__("a", 1)`): its first
    /// argument must be an instance of the class that defines it.
    fn check_descriptor_self(&mut self, method: &PyRef, name: &str, owner: &PyRef, first: Option<&Value>) -> PyResult<()> {
        if Rc::ptr_eq(owner, &self.types.object) {
            return Ok(());
        }
        if let Some(v) = first {
            if self.isinstance(v, owner) {
                return Ok(());
            }
            // The same method object shared by another class's dict
            // (bytearray's copies of bytes' methods).
            let vcls = self.type_of(v);
            if self.lookup_mro(&vcls, name).is_some_and(|m| m.obj().is_some_and(|m| Rc::ptr_eq(m, method))) {
                return Ok(());
            }
        }
        let o = crate::types::class_name(owner);
        let short = o.rsplit('.').next().unwrap_or(&o).to_string();
        // Slot wrappers (`__add__`) and method descriptors word it apart.
        const METHOD_DUNDERS: &[&str] = &[
            "__reduce__", "__reduce_ex__", "__format__", "__sizeof__", "__dir__", "__getnewargs__", "__getnewargs_ex__",
            "__subclasshook__", "__init_subclass__", "__round__", "__trunc__", "__floor__", "__ceil__", "__length_hint__",
            "__reversed__", "__getstate__", "__setstate__", "__copy__", "__deepcopy__", "__enter__", "__exit__",
            "__class_getitem__", "__subclasses__", "__instancecheck__", "__subclasscheck__", "__prepare__", "__getitem__", "__missing__",
        ];
        let wrapper = name.starts_with("__") && name.ends_with("__") && !METHOD_DUNDERS.contains(&name);
        let msg = match first {
            None if wrapper => format!("descriptor '{name}' of '{o}' object needs an argument"),
            None => format!("unbound method {short}.{name}() needs an argument"),
            Some(v) if wrapper => format!("descriptor '{name}' requires a '{o}' object but received a '{}'", self.type_name(v)),
            Some(v) => format!("descriptor '{name}' for '{o}' objects doesn't apply to a '{}' object", self.type_name(v)),
        };
        Err(self.type_error(msg))
    }

    /// Bind a function found on a class to an instance.
    pub fn bind(&mut self, attr: &Value, obj: &Value, cls: &PyRef) -> PyResult<Value> {
        match attr.payload() {
            Some(Payload::Function(_)) => {
                Ok(self.new_object(&self.types.method.clone(), Payload::Method { func: attr.clone(), self_: obj.clone() }, false))
            }
            Some(Payload::Native(n)) if n.is_method && n.self_.is_none() => Ok(self.new_object(
                &self.types.builtin_function.clone(),
                Payload::Native(Native { name: n.name, func: n.func, self_: Some(obj.clone()), is_method: true, is_static: false, module: n.module, owner: None }),
                false,
            )),
            Some(Payload::ClassMethod(f)) => self.classmethod_get(f, Value::Obj(cls.clone())),
            Some(Payload::StaticMethod(f)) => Ok(f.clone()),
            Some(Payload::Member(m)) => crate::objects::member::get(self, m, obj),
            Some(Payload::Property { fget, .. }) => {
                if fget.is_none() {
                    let n = self.type_name(obj);
                    let pname = property_name(attr).map(|p| format!("'{p}' ")).unwrap_or_default();
                    return Err(self.attribute_error(format!("property {pname}of '{n}' object has no getter")));
                }
                let fget = fget.clone();
                self.call(&fget, vec![obj.clone()])
            }
            _ => {
                let acls = self.type_of(attr);
                if Rc::ptr_eq(&acls, &self.types.member_descriptor) {
                    let n = attr
                        .obj()
                        .and_then(|o| o.dict.as_ref())
                        .and_then(|d| d.borrow().get_str("__name__").and_then(|v| v.as_str().map(|s| s.to_string_lossy())))
                        .unwrap_or_default();
                    return Err(self.no_attribute(obj, &n));
                }
                if !crate::types::is_builtin_class(&acls) {
                    if let Some(get) = self.lookup_mro(&acls, "__get__") {
                        return self.call(&get, vec![attr.clone(), obj.clone(), Value::Obj(cls.clone())]);
                    }
                }
                Ok(attr.clone())
            }
        }
    }

    pub fn to_vec(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        match v.payload() {
            Some(Payload::List(l)) => return Ok(l.borrow().clone()),
            Some(Payload::Tuple(t)) => return Ok(t.to_vec()),
            Some(Payload::Range { start, stop, step }) => {
                // Preallocation from the length, as CPython does: a huge
                // range fails at once instead of filling memory.
                let n = crate::objects::methods::range_len(start, stop, step);
                use num_traits::ToPrimitive;
                if n.to_u64().is_none_or(|n| n > 1 << 32) {
                    return Err(self.memory_error());
                }
            }
            _ => {}
        }
        // operator.length_hint: `__len__`, else `__length_hint__`, checked
        // as CPython checks it before preallocating.
        if let Value::Obj(o) = v {
            if matches!(o.payload, Payload::Instance) {
                let cls = o.class();
                if self.lookup_mro(&cls, "__len__").is_some() {
                    // Its errors propagate, as from CPython's preallocation.
                    self.len(v)?;
                } else {
                    if let Some(h) = self.lookup_mro(&cls, "__length_hint__") {
                        let r = self.call(&h, vec![v.clone()])?;
                        if !r.is(&self.types.not_implemented) {
                            let Some(n) = ops::as_i64(&r) else {
                                return Err(self.type_error(format!("'{}' object cannot be interpreted as an integer", self.type_name(&r))));
                            };
                            if n < 0 {
                                return Err(self.value_error("__length_hint__() should return >= 0"));
                            }
                        }
                    }
                }
            }
        }
        let it = self.iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.next(&it)? {
            out.push(x);
        }
        Ok(out)
    }

    fn unpack(&mut self, v: &Value, before: usize, after: Option<usize>) -> PyResult<Vec<Value>> {
        let items = match self.to_vec(v) {
            Ok(i) => i,
            Err(e) => {
                if self.isinstance(&e.0, &self.types.exc.type_error) && self.lookup_mro(&self.type_of(v), "__iter__").is_none() {
                    return Err(self.type_error(format!("cannot unpack non-iterable {} object", self.type_name(v))));
                }
                return Err(e);
            }
        };
        match after {
            None => {
                if items.len() > before {
                    return Err(self.value_error(format!("too many values to unpack (expected {before})")));
                }
                if items.len() < before {
                    return Err(self.value_error(format!(
                        "not enough values to unpack (expected {before}, got {})",
                        items.len()
                    )));
                }
                Ok(items)
            }
            Some(after) => {
                if items.len() < before + after {
                    return Err(self.value_error(format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        before + after,
                        items.len()
                    )));
                }
                let mut out = Vec::with_capacity(before + after + 1);
                out.extend(items[..before].iter().cloned());
                let mid = items[before..items.len() - after].to_vec();
                out.push(self.new_list(mid));
                out.extend(items[items.len() - after..].iter().cloned());
                Ok(out)
            }
        }
    }

    /// Run a module's code in `globals`.
    pub fn run_code(&mut self, code: Rc<Code>, globals: PyRef, locals: Option<PyRef>) -> PyResult<Value> {
        let frame = Box::new(Frame {
            cells: code
                .unit
                .cellvars
                .iter()
                .map(|_| Rc::new(Object { class: ClassCell::new(self.types.cell.clone()), dict: None, slots: crate::value::no_slots(), payload: Payload::Cell(RefCell::new(None)) }))
                .collect(),
            fast: vec![None; code.nlocals()],
            code,
            stack: Vec::new(),
            ip: 0,
            lasti: 0,
            locals: Some(locals.unwrap_or_else(|| globals.clone())),
            globals,
            kwnames: None,
            generator: None,
            tb: None,
        });
        match self.run_frame(frame)? {
            Exit::Return(v) | Exit::Yield(v, _) => Ok(v),
        }
    }

    /// Run a class body function with `ns` as its namespace.
    pub fn run_class_body(&mut self, func: &Function, ns: PyRef) -> PyResult<Value> {
        let mut frame = self.make_frame(func, &[], &[], None)?;
        frame.locals = Some(ns);
        match self.run_frame(frame)? {
            Exit::Return(v) | Exit::Yield(v, _) => Ok(v),
        }
    }

    /// Enter a level of Rust recursion (CPython's `Py_EnterRecursiveCall`).
    pub fn enter_recursive(&mut self, what: &str) -> PyResult<()> {
        self.c_depth += 1;
        if self.frames.len() + self.c_depth > self.recursion_limit || self.check_stack().is_err() {
            self.c_depth -= 1;
            return Err(self.err(&self.types.exc.recursion_error.clone(), format!("maximum recursion depth exceeded{what}")));
        }
        Ok(())
    }

    pub fn leave_recursive(&mut self) {
        self.c_depth = self.c_depth.saturating_sub(1);
    }

    /// Instances of subclasses go by their class's flags (inherited along
    /// the MRO), as a subclass of `list` may also derive from a mapping.
    fn is_match_sequence(&self, v: &Value) -> bool {
        match v {
            Value::Obj(o) if is_exact_builtin(o) => match v.payload() {
                Some(Payload::List(_) | Payload::Tuple(_) | Payload::Range { .. } | Payload::MemoryView(_)) => true,
                Some(Payload::Str(_) | Payload::Bytes(_) | Payload::ByteArray(_) | Payload::Dict(_)) => false,
                _ => self.collection_flags(v) & crate::value::COLLECTION_SEQUENCE != 0,
            },
            _ => self.collection_flags(v) & crate::value::COLLECTION_SEQUENCE != 0,
        }
    }

    fn is_match_mapping(&self, v: &Value) -> bool {
        match v {
            Value::Obj(o) if is_exact_builtin(o) => match v.payload() {
                Some(Payload::Dict(_)) => true,
                Some(Payload::List(_) | Payload::Tuple(_) | Payload::Range { .. } | Payload::MemoryView(_)) => false,
                _ => self.collection_flags(v) & crate::value::COLLECTION_MAPPING != 0,
            },
            _ => self.collection_flags(v) & crate::value::COLLECTION_MAPPING != 0,
        }
    }

    /// The class's `Py_TPFLAGS_SEQUENCE`/`MAPPING` (set through `_abc` by
    /// `collections.abc`, and on `collections.deque`).
    fn collection_flags(&self, v: &Value) -> u8 {
        match &self.type_of(v).payload {
            Payload::Class(c) => c.collection_flags.get(),
            _ => 0,
        }
    }

    fn match_keys(&mut self, subject: &Value, keys: &Value) -> PyResult<Value> {
        let keys = self.to_vec(keys)?;
        let get = self.getattr(subject, &str_key("get"))?;
        let marker = self.new_object(&self.types.object.clone(), Payload::Instance, false);
        let mut values = Vec::with_capacity(keys.len());
        for (i, k) in keys.iter().enumerate() {
            for earlier in &keys[..i] {
                if self.eq(earlier, k)? {
                    let r = self.repr(k)?.to_string_lossy();
                    return Err(self.value_error(format!("mapping pattern checks duplicate key ({r})")));
                }
            }
            let v = self.call(&get, vec![k.clone(), marker.clone()])?;
            if v.is(&marker) {
                return Ok(Value::None);
            }
            values.push(v);
        }
        Ok(self.new_tuple(values))
    }

    fn match_class(&mut self, subject: &Value, cls: &Value, names: &Value, npos: usize) -> PyResult<Value> {
        let Some(c) = cls.obj().filter(|o| matches!(o.payload, Payload::Class(_))).cloned() else {
            return Err(self.type_error("called match pattern must be a class"));
        };
        if !crate::builtins::isinstance_of(self, subject, cls)? {
            return Ok(Value::None);
        }
        let mut out = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        if npos > 0 {
            let match_args = self.lookup_mro(&c, "__match_args__");
            match match_args {
                Some(ma) => {
                    let Some(Payload::Tuple(t)) = ma.payload() else {
                        return Err(self.type_error(format!("{}.__match_args__ must be a tuple (got {})", crate::types::class_name(&c), self.type_name(&ma))));
                    };
                    let t = t.to_vec();
                    if npos > t.len() {
                        let s = if t.len() == 1 { "" } else { "s" };
                        return Err(self.type_error(format!(
                            "{}() accepts {} positional sub-pattern{s} ({npos} given)",
                            crate::types::class_name(&c),
                            t.len()
                        )));
                    }
                    for name in &t[..npos] {
                        let Some(n) = name.as_str().map(|s| s.to_string_lossy()) else {
                            return Err(self.type_error(format!("__match_args__ elements must be strings (got {})", self.type_name(name))));
                        };
                        if seen.contains(&n) {
                            return Err(self.type_error(format!("{}() got multiple sub-patterns for attribute '{n}'", crate::types::class_name(&c))));
                        }
                        seen.push(n);
                        match self.getattr(subject, name) {
                            Ok(v) => out.push(v),
                            Err(e) if self.isinstance(&e.0, &self.types.exc.attribute_error.clone()) => return Ok(Value::None),
                            Err(e) => return Err(e),
                        }
                    }
                }
                None => {
                    let t = &self.types;
                    let self_matching = [&t.bool_, &t.bytearray, &t.bytes, &t.dict, &t.float, &t.frozenset, &t.int, &t.list, &t.set, &t.str_, &t.tuple]
                        .iter()
                        .any(|k| self.is_subclass(&c, k));
                    if self_matching && npos == 1 {
                        out.push(subject.clone());
                    } else {
                        let s = if self_matching { "1 positional sub-pattern" } else { "0 positional sub-patterns" };
                        return Err(self.type_error(format!("{}() accepts {s} ({npos} given)", crate::types::class_name(&c))));
                    }
                }
            }
        }
        for name in self.to_vec(names)? {
            let n = name.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
            if seen.contains(&n) {
                return Err(self.type_error(format!("{}() got multiple sub-patterns for attribute '{n}'", crate::types::class_name(&c))));
            }
            seen.push(n);
            match self.getattr(subject, &name) {
                Ok(v) => out.push(v),
                Err(e) if self.isinstance(&e.0, &self.types.exc.attribute_error.clone()) => return Ok(Value::None),
                Err(e) => return Err(e),
            }
        }
        Ok(self.new_tuple(out))
    }

    /// `module.qualname()` for messages about calls (CPython's
    /// `_PyObject_FunctionStr`).
    pub fn function_desc(&mut self, f: &Value) -> String {
        let qn = self.getattr(f, &str_key("__qualname__")).ok().and_then(|q| q.as_str().map(|s| s.to_string_lossy()));
        let Some(qn) = qn else {
            return format!("{} object", self.type_name(f));
        };
        let module = self.getattr(f, &str_key("__module__")).ok().and_then(|m| m.as_str().map(|s| s.to_string_lossy()));
        match module {
            Some(m) if m != "builtins" => format!("{m}.{qn}()"),
            _ => format!("{qn}()"),
        }
    }

    pub fn next_id(&self) -> u64 {
        let n = self.id_counter.get() + 1;
        self.id_counter.set(n);
        n
    }

    pub fn add_tb_for_current(&mut self, e: &PyErr) {
        if let Some(f) = self.frames.last_mut() {
            Self::add_traceback(&self.types.traceback, e, f);
        }
    }
}

/// The sub-iterator a suspended frame delegates to (`yield from`, `await`):
/// suspended at the YieldValue right after a Send.
pub fn delegate_of(f: &Frame) -> Option<Value> {
    let instrs = &f.code.unit.instrs;
    if f.ip >= 2 && matches!(instrs.get(f.ip - 1), Some(Instr::YieldValue)) && matches!(instrs.get(f.ip - 2), Some(Instr::Send(_))) {
        return f.stack.last().cloned();
    }
    None
}

/// Where the Send before a suspended frame's yield jumps when done.
fn send_target(f: &Frame) -> Option<usize> {
    match f.code.unit.instrs.get(f.ip.checked_sub(2)?) {
        Some(Instr::Send(t)) => Some(*t as usize),
        _ => None,
    }
}

fn frame_is_coroutine(fo: &PyRef) -> bool {
    match &fo.payload {
        Payload::Function(f) => f.code.borrow().unit.flags & flags::COROUTINE != 0,
        _ => false,
    }
}

fn deref_name(code: &Code, i: u32) -> String {
    let i = i as usize;
    let u = &code.unit;
    if i < u.cellvars.len() {
        u.cellvars[i].clone()
    } else {
        u.freevars.get(i - u.cellvars.len()).cloned().unwrap_or_default()
    }
}

/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'` as CPython lists missing names.
fn list_names(names: &[String]) -> String {
    match names {
        [a] => format!("'{a}'"),
        [a, b] => format!("'{a}' and '{b}'"),
        _ => {
            let (last, init) = names.split_last().expect("at least three");
            let init: Vec<String> = init.iter().map(|n| format!("'{n}'")).collect();
            format!("{}, and '{last}'", init.join(", "))
        }
    }
}

/// The name a property was assigned to in its class (`__set_name__`).
pub fn property_name(p: &Value) -> Option<String> {
    let d = p.obj()?.dict.as_ref()?;
    let n = d.borrow().get_str("__pyx_name__").and_then(|v| v.as_str().map(|s| s.to_string_lossy()));
    n
}

/// Built-ins CPython defines with METH_O (their calls are counted against
/// the recursion limit even when specialized).
fn is_meth_o(name: &str) -> bool {
    matches!(
        name,
        "abs" | "ascii" | "bin" | "callable" | "chr" | "hex" | "id" | "len" | "oct" | "ord" | "repr" | "hash" | "append" | "add" | "remove" | "discard" | "join"
    )
}

pub fn base_kind_of(cls: &PyRef) -> BaseKind {
    match &cls.payload {
        Payload::Class(c) => c.base_kind,
        _ => BaseKind::Other,
    }
}

/// `LOAD_GLOBAL` of name `i` from the running code's inline cache, when the
/// dicts it was found in are unchanged since (`GlobalSlot`).
#[inline]
fn cached_global(f: &Frame, i: usize, builtins: &PyRef) -> Option<Value> {
    let cache = f.code.globals_cache.borrow();
    let slot = cache.get(i)?;
    if !std::ptr::eq(slot.globals.as_ptr(), Rc::as_ptr(&f.globals)) {
        return None;
    }
    let Payload::Dict(g) = &f.globals.payload else { return None };
    let g = g.borrow();
    if g.version != slot.globals_version {
        return None;
    }
    if slot.in_globals {
        return g.value_at(slot.pos as usize).cloned();
    }
    if let Some((bpos, held)) = &slot.builtins_entry {
        match g.value_at(*bpos as usize) {
            Some(Value::Obj(o)) if std::ptr::eq(Rc::as_ptr(o), held.as_ptr()) => {}
            _ => return None,
        }
    }
    let Payload::Dict(b) = &builtins.payload else { return None };
    let b = b.borrow();
    if b.version != slot.builtins_version {
        return None;
    }
    b.value_at(slot.pos as usize).cloned()
}
