//! The built-in classes, class creation (C3 MRO) and instance creation.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::objects::dict::Dict;
use crate::value::{BaseKind, ClassCell, ClassData, ExcData, Native, NativeFn, Object, Payload, PyRef, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

thread_local! {
    static STR_TYPE: RefCell<Option<PyRef>> = const { RefCell::new(None) };
}

/// The `str` class (needed to build interned strings anywhere).
pub fn str_type() -> PyRef {
    STR_TYPE.with(|t| t.borrow().clone().expect("Types::new runs before any str is made"))
}

macro_rules! exc_types {
    ($root:ident; $($field:ident: $name:literal < $base:ident),* $(,)?) => {
        pub struct ExcTypes {
            pub $root: PyRef,
            $(pub $field: PyRef,)*
        }

        fn make_exc_types(t: &PyRef, object: &PyRef) -> ExcTypes {
            let $root = new_class(t, "BaseException", vec![object.clone()], BaseKind::Exception);
            $(let $field = new_class(t, $name, vec![$base.clone()], BaseKind::Exception);)*
            ExcTypes { $root, $($field,)* }
        }

        impl ExcTypes {
            pub fn all(&self) -> Vec<PyRef> {
                vec![self.$root.clone(), $(self.$field.clone(),)*]
            }
        }
    };
}

exc_types! {
    base_exception;
    system_exit: "SystemExit" < base_exception,
    keyboard_interrupt: "KeyboardInterrupt" < base_exception,
    generator_exit: "GeneratorExit" < base_exception,
    exception: "Exception" < base_exception,
    stop_iteration: "StopIteration" < exception,
    stop_async_iteration: "StopAsyncIteration" < exception,
    arithmetic_error: "ArithmeticError" < exception,
    floating_point_error: "FloatingPointError" < arithmetic_error,
    overflow_error: "OverflowError" < arithmetic_error,
    zero_division_error: "ZeroDivisionError" < arithmetic_error,
    assertion_error: "AssertionError" < exception,
    attribute_error: "AttributeError" < exception,
    buffer_error: "BufferError" < exception,
    eof_error: "EOFError" < exception,
    import_error: "ImportError" < exception,
    module_not_found_error: "ModuleNotFoundError" < import_error,
    lookup_error: "LookupError" < exception,
    index_error: "IndexError" < lookup_error,
    key_error: "KeyError" < lookup_error,
    memory_error: "MemoryError" < exception,
    name_error: "NameError" < exception,
    unbound_local_error: "UnboundLocalError" < name_error,
    os_error: "OSError" < exception,
    file_not_found_error: "FileNotFoundError" < os_error,
    file_exists_error: "FileExistsError" < os_error,
    permission_error: "PermissionError" < os_error,
    is_a_directory_error: "IsADirectoryError" < os_error,
    not_a_directory_error: "NotADirectoryError" < os_error,
    blocking_io_error: "BlockingIOError" < os_error,
    child_process_error: "ChildProcessError" < os_error,
    connection_error: "ConnectionError" < os_error,
    broken_pipe_error: "BrokenPipeError" < connection_error,
    connection_aborted_error: "ConnectionAbortedError" < connection_error,
    connection_refused_error: "ConnectionRefusedError" < connection_error,
    connection_reset_error: "ConnectionResetError" < connection_error,
    interrupted_error: "InterruptedError" < os_error,
    process_lookup_error: "ProcessLookupError" < os_error,
    timeout_error: "TimeoutError" < os_error,
    reference_error: "ReferenceError" < exception,
    runtime_error: "RuntimeError" < exception,
    not_implemented_error: "NotImplementedError" < runtime_error,
    recursion_error: "RecursionError" < runtime_error,
    syntax_error: "SyntaxError" < exception,
    indentation_error: "IndentationError" < syntax_error,
    tab_error: "TabError" < indentation_error,
    system_error: "SystemError" < exception,
    type_error: "TypeError" < exception,
    value_error: "ValueError" < exception,
    unicode_error: "UnicodeError" < value_error,
    unicode_decode_error: "UnicodeDecodeError" < unicode_error,
    unicode_encode_error: "UnicodeEncodeError" < unicode_error,
    unicode_translate_error: "UnicodeTranslateError" < unicode_error,
    base_exception_group: "BaseExceptionGroup" < base_exception,
    exception_group: "ExceptionGroup" < base_exception_group,
    warning: "Warning" < exception,
    user_warning: "UserWarning" < warning,
    deprecation_warning: "DeprecationWarning" < warning,
    runtime_warning: "RuntimeWarning" < warning,
    pending_deprecation_warning: "PendingDeprecationWarning" < warning,
    syntax_warning: "SyntaxWarning" < warning,
    future_warning: "FutureWarning" < warning,
    import_warning: "ImportWarning" < warning,
    unicode_warning: "UnicodeWarning" < warning,
    bytes_warning: "BytesWarning" < warning,
    resource_warning: "ResourceWarning" < warning,
    encoding_warning: "EncodingWarning" < warning,
}

macro_rules! iter_types {
    ($($field:ident: $name:literal),* $(,)?) => {
        pub struct IterTypes {
            $(pub $field: PyRef,)*
        }

        impl IterTypes {
            fn new(t: &PyRef, object: &PyRef) -> IterTypes {
                // The iterator classes of builtins can be subclassed; the
                // others cannot be instantiated from Python.
                let kind = |name: &str| match name {
                    "enumerate" | "zip" | "map" | "filter" | "reversed" => BaseKind::Native,
                    _ => BaseKind::Other,
                };
                IterTypes { $($field: new_class(t, $name, vec![object.clone()], kind($name)),)* }
            }

            pub fn all(&self) -> Vec<PyRef> {
                vec![$(self.$field.clone(),)*]
            }
        }
    };
}

iter_types! {
    list_iterator: "list_iterator",
    list_reverseiterator: "list_reverseiterator",
    tuple_iterator: "tuple_iterator",
    str_ascii_iterator: "str_ascii_iterator",
    str_iterator: "str_iterator",
    dict_keyiterator: "dict_keyiterator",
    dict_valueiterator: "dict_valueiterator",
    dict_itemiterator: "dict_itemiterator",
    set_iterator: "set_iterator",
    range_iterator: "range_iterator",
    longrange_iterator: "longrange_iterator",
    callable_iterator: "callable_iterator",
    enumerate: "enumerate",
    zip: "zip",
    map: "map",
    filter: "filter",
    reversed: "reversed",
}

pub struct Types {
    pub object: PyRef,
    pub type_: PyRef,
    pub none_type: PyRef,
    pub int: PyRef,
    pub bool_: PyRef,
    pub float: PyRef,
    pub complex: PyRef,
    pub str_: PyRef,
    pub bytes: PyRef,
    pub bytearray: PyRef,
    pub memoryview: PyRef,
    pub generic_alias: PyRef,
    pub union_type: PyRef,
    pub list: PyRef,
    pub tuple: PyRef,
    pub dict: PyRef,
    pub set: PyRef,
    pub frozenset: PyRef,
    pub range: PyRef,
    pub slice: PyRef,
    pub function: PyRef,
    pub builtin_function: PyRef,
    pub method: PyRef,
    pub module: PyRef,
    pub cell: PyRef,
    pub code: PyRef,
    pub iterator: PyRef,
    pub generator: PyRef,
    pub coroutine: PyRef,
    pub property: PyRef,
    pub classmethod: PyRef,
    pub staticmethod: PyRef,
    pub super_: PyRef,
    pub not_implemented_type: PyRef,
    pub ellipsis_type: PyRef,
    pub traceback: PyRef,
    pub member_descriptor: PyRef,
    pub text_io: PyRef,
    pub simple_namespace: PyRef,
    pub dict_keys: PyRef,
    /// Iterator classes by name (`list_iterator`, `enumerate`, …).
    pub iters: IterTypes,
    pub frame: PyRef,
    pub async_generator: PyRef,
    pub async_generator_asend: PyRef,
    pub file_text: PyRef,
    pub file_buffered_reader: PyRef,
    pub file_buffered_writer: PyRef,
    pub file_buffered_random: PyRef,
    pub file_io: PyRef,
    pub dict_values: PyRef,
    pub dict_items: PyRef,
    pub not_implemented: Value,
    pub ellipsis: Value,
    pub exc: ExcTypes,
}

/// A new built-in class whose metaclass is `meta`.
pub fn new_class(meta: &PyRef, name: &str, bases: Vec<PyRef>, kind: BaseKind) -> PyRef {
    let mro = linearize_simple(&bases);
    let cls = Rc::new(Object {
        class: ClassCell::new(meta.clone()),
        dict: Some(crate::value::InstDict::new(Dict::new())),
        slots: crate::value::no_slots(),
        payload: Payload::Class(Box::new(ClassData {
            name: RefCell::new(name.to_string()),
            qualname: RefCell::new(name.to_string()),
            bases: RefCell::new(bases),
            mro: RefCell::new(Vec::new()),
            base_kind: kind,
            version: Cell::new(0),
            builtin_exact: Cell::new(true),
            no_dict: Cell::new(false),
            nslots: Cell::new(0),
            cache: RefCell::new((0, Default::default())),
            subclasses: RefCell::new(Vec::new()),
            tp_name: RefCell::new(None),
            collection_flags: Cell::new(0),
        })),
    });
    if let Payload::Class(c) = &cls.payload {
        let mut full = vec![cls.clone()];
        full.extend(mro);
        *c.mro.borrow_mut() = full;
    }
    cls
}

/// A class of the `types` module.
fn types_class(meta: &PyRef, name: &str, object: &PyRef) -> PyRef {
    let c = new_class(meta, name, vec![object.clone()], BaseKind::Other);
    if let Some(d) = &c.dict {
        d.borrow_mut().set_str("__module__", crate::vm::str_key("types"));
    }
    c
}

/// A class of the `_io` module.
fn io_class(meta: &PyRef, name: &str, object: &PyRef) -> PyRef {
    let c = new_class(meta, name, vec![object.clone()], BaseKind::Native);
    if let Some(d) = &c.dict {
        d.borrow_mut().set_str("__module__", crate::vm::str_key("_io"));
    }
    c
}

/// The MRO tail for single-inheritance built-in classes.
fn linearize_simple(bases: &[PyRef]) -> Vec<PyRef> {
    let mut out: Vec<PyRef> = Vec::new();
    for b in bases {
        if let Payload::Class(c) = &b.payload {
            for k in c.mro.borrow().iter() {
                if !out.iter().any(|m| Rc::ptr_eq(m, k)) {
                    out.push(k.clone());
                }
            }
        }
    }
    out
}

impl Types {
    pub fn new() -> Types {
        // `type` is its own class: create it with an empty class cell first.
        let type_ = Rc::new(Object {
            class: ClassCell::empty(),
            dict: Some(crate::value::InstDict::new(Dict::new())),
            slots: crate::value::no_slots(),
            payload: Payload::Class(Box::new(ClassData {
                name: RefCell::new("type".into()),
                qualname: RefCell::new("type".into()),
                bases: RefCell::new(Vec::new()),
                mro: RefCell::new(Vec::new()),
                base_kind: BaseKind::Type,
                version: Cell::new(0),
                builtin_exact: Cell::new(true),
                no_dict: Cell::new(false),
                nslots: Cell::new(0),
            cache: RefCell::new((0, Default::default())),
            subclasses: RefCell::new(Vec::new()),
            tp_name: RefCell::new(None),
            collection_flags: Cell::new(0),
            })),
        });
        type_.class.set(type_.clone());
        let t = &type_;
        let object = new_class(t, "object", vec![], BaseKind::Object);
        if let Payload::Class(c) = &type_.payload {
            *c.bases.borrow_mut() = vec![object.clone()];
            *c.mro.borrow_mut() = vec![type_.clone(), object.clone()];
        }
        let o = || vec![object.clone()];
        let int = new_class(t, "int", o(), BaseKind::Int);
        let str_ = new_class(t, "str", o(), BaseKind::Str);
        STR_TYPE.with(|s| *s.borrow_mut() = Some(str_.clone()));
        let not_implemented_type = new_class(t, "NotImplementedType", o(), BaseKind::Other);
        let ellipsis_type = new_class(t, "ellipsis", o(), BaseKind::Other);
        let not_implemented = Value::Obj(Rc::new(Object {
            class: ClassCell::new(not_implemented_type.clone()),
            dict: None,
            slots: crate::value::no_slots(),
            payload: Payload::NotImplemented,
        }));
        let ellipsis =
            Value::Obj(Rc::new(Object { class: ClassCell::new(ellipsis_type.clone()), dict: None, slots: crate::value::no_slots(), payload: Payload::Ellipsis }));
        let dict_cls = new_class(t, "dict", vec![object.clone()], BaseKind::Dict);
        crate::value::set_dict_type(dict_cls.clone());
        // The namespaces made before `dict` existed get their class now.
        for c in [&type_, &object, &int, &str_, &not_implemented_type, &ellipsis_type, &dict_cls] {
            if let Some(d) = c.dict.as_ref().map(|d| d.get()) {
                if d.0.class.try_borrow().is_err() {
                    d.0.class.set(dict_cls.clone());
                }
            }
        }
        let exc = make_exc_types(t, &object);
        // ExceptionGroup(BaseExceptionGroup, Exception): two bases.
        if let Payload::Class(c) = &exc.exception_group.payload {
            *c.bases.borrow_mut() = vec![exc.base_exception_group.clone(), exc.exception.clone()];
            *c.mro.borrow_mut() = vec![
                exc.exception_group.clone(),
                exc.base_exception_group.clone(),
                exc.exception.clone(),
                exc.base_exception.clone(),
                object.clone(),
            ];
        }
        Types {
            bool_: new_class(t, "bool", vec![int.clone()], BaseKind::Int),
            none_type: new_class(t, "NoneType", o(), BaseKind::Other),
            float: new_class(t, "float", o(), BaseKind::Float),
            complex: new_class(t, "complex", o(), BaseKind::Other),
            bytes: new_class(t, "bytes", o(), BaseKind::Bytes),
            bytearray: new_class(t, "bytearray", o(), BaseKind::ByteArray),
            memoryview: new_class(t, "memoryview", o(), BaseKind::Other),
            // Subclassable (collections.abc's and typing's aliases are).
            generic_alias: {
                let g = new_class(t, "GenericAlias", vec![object.clone()], BaseKind::Object);
                if let Some(d) = &g.dict {
                    d.borrow_mut().set_str("__module__", crate::vm::str_key("types"));
                }
                g
            },
            union_type: types_class(t, "UnionType", &object),
            list: new_class(t, "list", o(), BaseKind::List),
            tuple: new_class(t, "tuple", o(), BaseKind::Tuple),
            dict: dict_cls.clone(),
            set: new_class(t, "set", o(), BaseKind::Set),
            frozenset: new_class(t, "frozenset", o(), BaseKind::Set),
            range: new_class(t, "range", o(), BaseKind::Other),
            slice: new_class(t, "slice", o(), BaseKind::Other),
            function: new_class(t, "function", o(), BaseKind::Other),
            builtin_function: new_class(t, "builtin_function_or_method", o(), BaseKind::Other),
            method: new_class(t, "method", o(), BaseKind::Other),
            module: new_class(t, "module", o(), BaseKind::Native),
            cell: new_class(t, "cell", o(), BaseKind::Other),
            code: new_class(t, "code", o(), BaseKind::Other),
            iterator: new_class(t, "iterator", o(), BaseKind::Other),
            generator: new_class(t, "generator", o(), BaseKind::Other),
            coroutine: new_class(t, "coroutine", o(), BaseKind::Other),
            property: new_class(t, "property", o(), BaseKind::Native),
            classmethod: new_class(t, "classmethod", o(), BaseKind::Native),
            staticmethod: new_class(t, "staticmethod", o(), BaseKind::Native),
            super_: new_class(t, "super", o(), BaseKind::Other),
            traceback: new_class(t, "traceback", o(), BaseKind::Other),
            member_descriptor: new_class(t, "member_descriptor", o(), BaseKind::Other),
            text_io: new_class(t, "TextIOWrapper", o(), BaseKind::Other),
            simple_namespace: new_class(t, "SimpleNamespace", o(), BaseKind::Object),
            dict_keys: new_class(t, "dict_keys", o(), BaseKind::Other),
            frame: new_class(t, "frame", o(), BaseKind::Other),
            async_generator: new_class(t, "async_generator", o(), BaseKind::Other),
            async_generator_asend: new_class(t, "async_generator_asend", o(), BaseKind::Other),
            file_text: io_class(t, "TextIOWrapper", &object),
            file_buffered_reader: io_class(t, "BufferedReader", &object),
            file_buffered_writer: io_class(t, "BufferedWriter", &object),
            file_buffered_random: io_class(t, "BufferedRandom", &object),
            file_io: io_class(t, "FileIO", &object),
            iters: IterTypes::new(t, &object),
            dict_values: new_class(t, "dict_values", o(), BaseKind::Other),
            dict_items: new_class(t, "dict_items", o(), BaseKind::Other),
            not_implemented_type,
            ellipsis_type,
            not_implemented,
            ellipsis,
            exc,
            int,
            str_,
            object,
            type_,
        }
    }

    pub fn new_dict_obj(&self) -> PyRef {
        Rc::new(Object { class: ClassCell::new(self.dict.clone()), dict: None, slots: crate::value::no_slots(), payload: Payload::Dict(RefCell::new(Dict::new())) })
    }
}

impl Default for Types {
    fn default() -> Self {
        Types::new()
    }
}

pub fn class_name(cls: &PyRef) -> String {
    match &cls.payload {
        Payload::Class(c) => match &*c.tp_name.borrow() {
            Some(t) => t.clone(),
            None => c.name.borrow().clone(),
        },
        _ => "?".into(),
    }
}

pub fn is_builtin_class(cls: &PyRef) -> bool {
    match &cls.payload {
        Payload::Class(c) => c.builtin_exact.get(),
        _ => false,
    }
}

/// Put a native method in a class's dict.
pub fn add_method(cls: &PyRef, name: &'static str, func: NativeFn) {
    add_native(cls, name, func, true, false);
}

/// A class method written in Rust (`dict.fromkeys`): receives the class.
pub fn add_classmethod(vm_types_classmethod: &PyRef, cls: &PyRef, name: &'static str, func: NativeFn) {
    if let Some(d) = &cls.dict {
        let f = Value::Obj(Rc::new(Object {
            class: ClassCell::new(builtin_function_type(cls)),
            dict: None,
            slots: crate::value::no_slots(),
            payload: Payload::Native(Native { name, func, self_: None, is_method: false, is_static: false, module: false, owner: None }),
        }));
        let cm = Value::Obj(Rc::new(Object { class: ClassCell::new(vm_types_classmethod.clone()), dict: None, slots: crate::value::no_slots(), payload: Payload::ClassMethod(f) }));
        d.borrow_mut().set_str(name, cm);
    }
}

pub fn add_native(cls: &PyRef, name: &'static str, func: NativeFn, is_method: bool, is_static: bool) {
    add_native_ext(cls, name, func, is_method, is_static, false);
}

/// [`add_native`], for a native module's class when `module` is set.
pub fn add_native_ext(cls: &PyRef, name: &'static str, func: NativeFn, is_method: bool, is_static: bool, module: bool) {
    crate::vm::bump_type_epoch();
    if let Some(d) = &cls.dict {
        let f = Value::Obj(Rc::new(Object {
            class: ClassCell::new(builtin_function_type(cls)),
            dict: None,
            slots: crate::value::no_slots(),
            payload: Payload::Native(Native {
                name,
                func,
                self_: None,
                is_method,
                is_static,
                module,
                owner: (is_method && !is_static).then(|| Rc::downgrade(cls)),
            }),
        }));
        d.borrow_mut().set_str(name, f);
    }
}

thread_local! {
    static BUILTIN_FN_TYPE: RefCell<Option<PyRef>> = const { RefCell::new(None) };
}

fn builtin_function_type(fallback: &PyRef) -> PyRef {
    BUILTIN_FN_TYPE.with(|t| t.borrow().clone()).unwrap_or_else(|| fallback.clone())
}

/// Install the methods of the built-in types.
pub fn install_methods(vm: &mut Vm) {
    BUILTIN_FN_TYPE.with(|t| *t.borrow_mut() = Some(vm.types.builtin_function.clone()));
    crate::objects::methods::install(vm);
    crate::objects::slots::install(vm);
    crate::objects::iter::install(vm);
    crate::objects::containers::install(vm);
    crate::objects::numbers::install(vm);
    crate::objects::exceptions::install(vm);
    crate::objects::exception_group::install(vm);
    crate::objects::files::install(vm);
    crate::objects::async_gen::install(vm);
    crate::objects::str_methods::install(vm);
    crate::objects::bytes::install(vm);
    crate::objects::memoryview::install(vm);
    crate::objects::generic_alias::install(vm);
    crate::modules::install_module_type(vm);
    crate::objects::reduce::install(vm);
    // `Py_TPFLAGS_SEQUENCE`/`MAPPING` of the built-in collections, which
    // subclasses inherit (structural pattern matching).
    let t = &vm.types;
    for (cls, bits) in [
        (&t.list, crate::value::COLLECTION_SEQUENCE),
        (&t.tuple, crate::value::COLLECTION_SEQUENCE),
        (&t.range, crate::value::COLLECTION_SEQUENCE),
        (&t.memoryview, crate::value::COLLECTION_SEQUENCE),
        (&t.dict, crate::value::COLLECTION_MAPPING),
    ] {
        if let Payload::Class(c) = &cls.payload {
            c.collection_flags.set(bits);
        }
    }
    crate::objects::member::install(vm);
}

/// C3 linearization of a new class's bases.
pub fn c3_mro(vm: &Vm, cls: &PyRef, bases: &[PyRef]) -> PyResult<Vec<PyRef>> {
    for (i, b) in bases.iter().enumerate() {
        if bases[..i].iter().any(|x| Rc::ptr_eq(x, b)) {
            return Err(vm.type_error(format!("duplicate base class {}", class_name(b))));
        }
    }
    let mut seqs: Vec<Vec<PyRef>> = bases
        .iter()
        .map(|b| match &b.payload {
            Payload::Class(c) => c.mro.borrow().clone(),
            _ => vec![b.clone()],
        })
        .collect();
    seqs.push(bases.to_vec());
    let mut out = vec![cls.clone()];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let mut picked = None;
        for s in &seqs {
            let head = &s[0];
            let in_tail = seqs.iter().any(|t| t[1..].iter().any(|x| Rc::ptr_eq(x, head)));
            if !in_tail {
                picked = Some(head.clone());
                break;
            }
        }
        let Some(h) = picked else {
            // CPython names the heads of the lists still to merge.
            let mut heads: Vec<PyRef> = Vec::new();
            for s in &seqs {
                if !heads.iter().any(|x| Rc::ptr_eq(x, &s[0])) {
                    heads.push(s[0].clone());
                }
            }
            let names: Vec<String> = heads.iter().map(class_name).collect();
            return Err(vm.type_error(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            )));
        };
        for s in &mut seqs {
            if Rc::ptr_eq(&s[0], &h) {
                s.remove(0);
            }
        }
        out.push(h);
    }
}

/// `type(name, bases, ns)`: create a class.
pub fn make_class(vm: &mut Vm, meta: &PyRef, name: &str, bases: Vec<PyRef>, ns: &Dict) -> PyResult<PyRef> {
    let bases = if bases.is_empty() { vec![vm.types.object.clone()] } else { bases };
    let mut kind = BaseKind::Object;
    for b in &bases {
        match &b.payload {
            Payload::Class(c) => {
                if c.base_kind != BaseKind::Object {
                    if kind != BaseKind::Object && kind != c.base_kind {
                        return Err(vm.type_error("multiple bases have instance lay-out conflict"));
                    }
                    if c.base_kind == BaseKind::Other || (c.builtin_exact.get() && *c.name.borrow() == "bool") {
                        return Err(vm.type_error(format!("type '{}' is not an acceptable base type", class_name(b))));
                    }
                    kind = c.base_kind;
                }
            }
            _ => return Err(vm.type_error("bases must be types")),
        }
    }
    if let Some(cell) = ns.get_str("__classcell__") {
        if !matches!(cell.payload(), Some(Payload::Cell(_))) {
            let t = class_name(&vm.type_of(cell));
            return Err(vm.type_error(format!("__classcell__ must be a nonlocal cell, not <class '{t}'>")));
        }
    }
    let qualname = match ns.get_str("__qualname__") {
        Some(v) => match v.as_str() {
            Some(s) => s.to_string_lossy(),
            None => return Err(vm.type_error(format!("type __qualname__ must be a str, not {}", vm.type_name(v)))),
        },
        None => name.to_string(),
    };
    let mut dict = Dict::new();
    for e in ns.iter() {
        if e.key.as_str().is_some_and(|s| s.eq_rust("__qualname__") || s.eq_rust("__classcell__")) {
            continue;
        }
        dict.set_native(e.hash, e.key.clone(), e.value.clone());
    }
    // `__init_subclass__` and `__class_getitem__` are implicitly class methods.
    for special in ["__init_subclass__", "__class_getitem__"] {
        if let Some(f) = dict.get_str(special).cloned() {
            if matches!(f.payload(), Some(Payload::Function(_))) {
                let cm = vm.new_object(&vm.types.classmethod.clone(), Payload::ClassMethod(f), false);
                dict.set_str(special, cm);
            }
        }
    }
    // A class that defines `__eq__` but not `__hash__` is unhashable.
    if dict.get_str("__eq__").is_some() && dict.get_str("__hash__").is_none() {
        dict.set_str("__hash__", Value::None);
    }
    if let Some(f) = dict.get_str("__new__").cloned() {
        if matches!(f.payload(), Some(Payload::Function(_))) {
            let sm = vm.new_object(&vm.types.staticmethod.clone(), Payload::StaticMethod(f), false);
            dict.set_str("__new__", sm);
        }
    }
    let cls = Rc::new(Object {
        class: ClassCell::new(meta.clone()),
        dict: Some(crate::value::InstDict::new(dict)),
        slots: crate::value::no_slots(),
        payload: Payload::Class(Box::new(ClassData {
            name: RefCell::new(name.to_string()),
            qualname: RefCell::new(qualname),
            bases: RefCell::new(bases.clone()),
            mro: RefCell::new(Vec::new()),
            base_kind: kind,
            version: Cell::new(0),
            builtin_exact: Cell::new(false),
            no_dict: Cell::new(false),
            nslots: Cell::new(0),
            cache: RefCell::new((0, Default::default())),
            subclasses: RefCell::new(Vec::new()),
            tp_name: RefCell::new(None),
            collection_flags: Cell::new(0),
        })),
    });
    let mro = c3_mro(vm, &cls, &bases)?;
    if let Payload::Class(c) = &cls.payload {
        *c.mro.borrow_mut() = mro;
        // `inherit_patma_flags`: from the first class of the MRO that has
        // one.
        let mro = c.mro.borrow();
        let flags = mro.iter().skip(1).find_map(|b| match &b.payload {
            Payload::Class(bc) if bc.collection_flags.get() != 0 => Some(bc.collection_flags.get()),
            _ => None,
        });
        c.collection_flags.set(flags.unwrap_or(0));
    }
    install_layout(vm, &cls, &bases, kind, ns)?;
    for b in &bases {
        if let Payload::Class(bc) = &b.payload {
            bc.subclasses.borrow_mut().push(Rc::downgrade(&cls));
        }
    }
    if let Some(cell) = ns.get_str("__classcell__") {
        if let Some(Payload::Cell(c)) = cell.payload() {
            *c.borrow_mut() = Some(Value::Obj(cls.clone()));
        }
    }
    // `__set_name__` on attributes, then `__init_subclass__` of the parent.
    let items = cls.dict.as_ref().map(|d| d.borrow().items()).unwrap_or_default();
    for (k, v) in items {
        if let (Some(Payload::Property { .. }), Some(d)) = (v.payload(), v.obj().and_then(|o| o.dict.as_ref())) {
            d.borrow_mut().set_str("__pyx_name__", k.clone());
        }
        let vcls = vm.type_of(&v);
        if !is_builtin_class(&vcls) {
            if let Some(set_name) = vm.lookup_mro(&vcls, "__set_name__") {
                vm.call(&set_name, vec![v.clone(), Value::Obj(cls.clone()), k.clone()])?;
            }
        }
    }
    Ok(cls)
}

/// Do instances of `k` have a `__dict__`? (CPython: `tp_dictoffset != 0`.)
fn instances_have_dict(k: &PyRef) -> bool {
    match &k.payload {
        Payload::Class(c) if c.builtin_exact.get() => matches!(c.base_kind, BaseKind::Exception | BaseKind::Type),
        Payload::Class(c) => !c.no_dict.get(),
        _ => false,
    }
}

/// Can instances of `k` be weakly referenced? (CPython:
/// `tp_weaklistoffset != 0`.)
fn instances_have_weakref(k: &PyRef) -> bool {
    mro_of(k).iter().any(|c| match &c.payload {
        // (Native modules' classes are taken as without one, so that a
        // subclass may add `__weakref__`, as `weakref.WeakMethod` does.)
        Payload::Class(cd) if cd.builtin_exact.get() => matches!(cd.base_kind, BaseKind::Set | BaseKind::Type | BaseKind::Other),
        _ => c.dict.as_ref().is_some_and(|d| d.borrow().get_str("__weakref__").is_some_and(|v| matches!(v.payload(), Some(Payload::Member(_))))),
    })
}

/// Does `k` add slots of its own to the layout of its base?
fn adds_slots(k: &PyRef) -> bool {
    k.dict.as_ref().is_some_and(|d| {
        d.borrow().iter().any(|e| match e.value.payload() {
            Some(Payload::Member(m)) => matches!(m.kind, crate::value::MemberKind::Slot(_)) && m.owner.as_ptr() == Rc::as_ptr(k),
            _ => false,
        })
    })
}

/// The class of `k`'s MRO whose slots give `k`'s layout (CPython's
/// `solid_base`, for slots).
pub fn slot_base(k: &PyRef) -> Option<PyRef> {
    mro_of(k).into_iter().find(adds_slots)
}

/// `_Py_Mangle` for a `__slots__` name.
pub fn mangle(class: &str, name: &str) -> String {
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let stripped = class.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_string();
    }
    format!("_{stripped}{name}")
}

/// The instance layout of a new class (CPython's `type_new` for
/// `__slots__`): a `member_descriptor` per slot, placed after the slots of
/// the base whose layout it extends, and the `__dict__`/`__weakref__`
/// descriptors when this class is the first to have them; `__doc__`
/// defaults to None.
fn install_layout(vm: &mut Vm, cls: &PyRef, bases: &[PyRef], kind: BaseKind, ns: &Dict) -> PyResult<()> {
    let Payload::Class(cd) = &cls.payload else { return Ok(()) };
    let name = cd.name.borrow().clone();
    // The base whose layout this class extends (CPython's `best_base`):
    // the deepest slot layout among the bases, which must all be on one
    // line of inheritance.
    let mut winner: Option<PyRef> = None;
    let mut best: Option<PyRef> = None;
    for b in bases {
        let Some(s) = slot_base(b) else { continue };
        match &winner {
            None => {
                winner = Some(s);
                best = Some(b.clone());
            }
            Some(w) if vm.is_subclass(w, &s) => {}
            Some(w) if vm.is_subclass(&s, w) => {
                winner = Some(s);
                best = Some(b.clone());
            }
            Some(_) => return Err(vm.type_error("multiple bases have instance lay-out conflict")),
        }
    }
    if let Some(w) = &winner {
        if crate::vm::base_kind_of(w) != kind {
            return Err(vm.type_error("multiple bases have instance lay-out conflict"));
        }
    }
    let best = best.unwrap_or_else(|| {
        bases.iter().find(|b| matches!(&b.payload, Payload::Class(bc) if bc.base_kind == kind)).unwrap_or(&bases[0]).clone()
    });
    let inherited = match winner.as_ref().map(|w| &w.payload) {
        Some(Payload::Class(wc)) => wc.nslots.get(),
        _ => 0,
    };
    let base_dict = instances_have_dict(&best);
    let base_weak = instances_have_weakref(&best);
    let mro_dict = mro_of(cls)[1..].iter().any(instances_have_dict);
    let (mut add_dict, mut add_weak) = (!base_dict, !base_weak);
    let mut own: Vec<String> = Vec::new();
    if let Some(slots) = ns.get_str("__slots__").cloned() {
        let items = if slots.as_str().is_some() { vec![slots] } else { vm.to_vec(&slots)? };
        let (mut has_dict, mut has_weak) = (false, false);
        for it in &items {
            let Some(s) = it.as_str().map(|s| s.to_string_lossy()) else {
                return Err(vm.type_error(format!("__slots__ items must be strings, not '{}'", vm.type_name(it))));
            };
            let ident = vm.call_method(it, "isidentifier", vec![])?;
            if !matches!(ident, Value::Bool(true)) {
                return Err(vm.type_error("__slots__ must be identifiers"));
            }
            if s == "__dict__" {
                if base_dict || has_dict {
                    return Err(vm.type_error("__dict__ slot disallowed: we already got one"));
                }
                has_dict = true;
            } else if s == "__weakref__" {
                if base_weak || has_weak {
                    return Err(vm.type_error("__weakref__ slot disallowed: either we already got one, or __itemsize__ != 0"));
                }
                has_weak = true;
            } else {
                own.push(mangle(&name, &s));
            }
        }
        for s in &own {
            // (`__qualname__` and `__classcell__` leave the namespace.)
            if ns.get_str(s).is_some() && s != "__qualname__" && s != "__classcell__" {
                return Err(vm.value_error(format!("'{s}' in __slots__ conflicts with class variable")));
            }
        }
        if !own.is_empty() && matches!(kind, BaseKind::Int | BaseKind::Bytes | BaseKind::Tuple) {
            return Err(vm.type_error(format!("nonempty __slots__ not supported for subtype of '{}'", class_name(&best))));
        }
        own.sort();
        add_dict = has_dict;
        add_weak = has_weak;
        cd.no_dict.set(!has_dict && !mro_dict);
    }
    cd.nslots.set(inherited + own.len() as u32);
    let mut descrs = Vec::new();
    for (i, s) in own.iter().enumerate() {
        let m = crate::objects::member::new_member(vm, cls, s, crate::value::MemberKind::Slot(inherited as usize + i));
        descrs.push((s.clone(), m));
    }
    if add_dict {
        descrs.push(("__dict__".into(), crate::objects::member::new_member(vm, cls, "__dict__", crate::value::MemberKind::Dict)));
    }
    if add_weak {
        descrs.push(("__weakref__".into(), crate::objects::member::new_member(vm, cls, "__weakref__", crate::value::MemberKind::Weakref)));
    }
    if let Some(d) = &cls.dict {
        let mut d = d.borrow_mut();
        for (k, v) in descrs {
            d.set_str(&k, v);
        }
        if d.get_str("__doc__").is_none() {
            d.set_str("__doc__", Value::None);
        }
    }
    crate::vm::bump_type_epoch();
    Ok(())
}

/// Calling a class: `type(x)`, or `__new__` then `__init__`.
pub fn call_class(vm: &mut Vm, cls: &PyRef, args: Args) -> PyResult<Value> {
    if Rc::ptr_eq(cls, &vm.types.type_) && args.pos.len() == 1 && args.kw.is_empty() {
        return Ok(Value::Obj(vm.type_of(&args.pos[0])));
    }
    // A metaclass's own `__call__` (other than type's) takes over.
    let meta = cls.class();
    if !Rc::ptr_eq(&meta, &vm.types.type_) {
        if let Some(call) = vm.lookup_mro(&meta, "__call__") {
            if matches!(call.payload(), Some(Payload::Function(_))) {
                let mut pos = vec![Value::Obj(cls.clone())];
                pos.extend(args.pos);
                return vm.call_kw(&call, pos, args.kw);
            }
        }
    }
    call_class_default(vm, cls, args)
}

/// `type.__call__`: `__new__`, then `__init__` if it returned an instance.
pub fn call_class_default(vm: &mut Vm, cls: &PyRef, args: Args) -> PyResult<Value> {
    let new = vm.lookup_mro_value(cls, &vm.names.new.clone());
    let obj = match new {
        Some(n) => {
            let f = match n.payload() {
                Some(Payload::StaticMethod(f)) => f.clone(),
                _ => n.clone(),
            };
            let mut pos = vec![Value::Obj(cls.clone())];
            pos.extend(args.pos.iter().cloned());
            match f.payload() {
                // A type's own constructor is not a counted call.
                Some(Payload::Native(n)) if n.self_.is_none() => (n.func)(vm, &Args { pos, kw: args.kw.clone() })?,
                _ => vm.call_kw(&f, pos, args.kw.clone())?,
            }
        }
        None => object_new(vm, cls)?,
    };
    if !vm.isinstance(&obj, cls) {
        return Ok(obj);
    }
    if let Some(init) = vm.lookup_mro_value(cls, &vm.names.init.clone()) {
        let mut pos = vec![obj.clone()];
        pos.extend(args.pos);
        let r = vm.call_kw(&init, pos, args.kw)?;
        if !r.is_none() {
            return Err(vm.type_error(format!("__init__() should return None, not '{}'", vm.type_name(&r))));
        }
    }
    Ok(obj)
}

/// `object.__new__(cls)`: an empty instance of the right representation.
pub fn object_new(vm: &mut Vm, cls: &PyRef) -> PyResult<Value> {
    let kind = crate::vm::base_kind_of(cls);
    let payload = match kind {
        BaseKind::Object => Payload::Instance,
        BaseKind::Exception => Payload::Exception(ExcData {
            args: RefCell::new(vm.new_tuple(vec![])),
            traceback: RefCell::new(Value::None),
            cause: RefCell::new(Value::None),
            context: RefCell::new(Value::None),
            suppress_context: Cell::new(false),
        }),
        BaseKind::List => Payload::List(RefCell::new(Vec::new())),
        BaseKind::ByteArray => Payload::ByteArray(RefCell::new(Vec::new())),
        BaseKind::Dict => Payload::Dict(RefCell::new(Dict::new())),
        BaseKind::Set => Payload::Set(RefCell::new(Dict::new())),
        _ => {
            let n = class_name(cls);
            if matches!(kind, BaseKind::Int | BaseKind::Float | BaseKind::Str | BaseKind::Bytes | BaseKind::Tuple | BaseKind::Native) {
                return Err(vm.type_error(format!("object.__new__({n}) is not safe, use {n}.__new__()")));
            }
            return Err(vm.type_error(format!("cannot create '{n}' instances")));
        }
    };
    let with_dict = !std::rc::Rc::ptr_eq(cls, &vm.types.object);
    Ok(vm.new_object(cls, payload, with_dict))
}

/// A class's MRO (itself first).
pub fn mro_of(cls: &PyRef) -> Vec<PyRef> {
    match &cls.payload {
        Payload::Class(c) => c.mro.borrow().clone(),
        _ => vec![cls.clone()],
    }
}

/// A class's `__module__` as a string ("builtins" when unset).
pub fn class_module(_vm: &Vm, cls: &PyRef) -> String {
    cls.dict
        .as_ref()
        .and_then(|d| d.borrow().get_str("__module__").and_then(|m| m.as_str().map(|s| s.to_string_lossy())))
        .unwrap_or_else(|| "builtins".into())
}
