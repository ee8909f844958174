//! Methods of the built-in types and the item protocol on them.

use std::cell::RefCell;

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::code::{BinOp, CmpOp};
use crate::objects::dict::{self, Dict};
use crate::objects::str::PyStr;
use crate::types::add_method;
use crate::value::{Native, Payload, PyRef, Value};
use crate::vm::{ops, Args, Vm};
use crate::PyResult;

pub fn install(vm: &mut Vm) {
    ops::set_int_type(vm.types.int.clone());
    let t = &vm.types;
    add_method(&t.list, "append", list_append);
    add_method(&t.list, "pop", list_pop);
    add_method(&t.list, "extend", list_extend);
    add_method(&t.list, "insert", list_insert);
    add_method(&t.list, "reverse", list_reverse);
    add_method(&t.list, "sort", list_sort);
    add_method(&t.dict, "get", dict_get);
    add_method(&t.dict, "keys", dict_keys);
    add_method(&t.dict, "values", dict_values);
    add_method(&t.dict, "items", dict_items);
    add_method(&t.set, "add", set_add);
    add_method(&t.str_, "join", str_join);
    add_method(&t.str_, "upper", str_upper);
    add_method(&t.str_, "lower", str_lower);
    add_method(&t.exc.base_exception, "__init__", exc_init);
}

fn this(args: &Args) -> &Value {
    &args.pos[0]
}

fn list_append(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() != 2 {
        return Err(vm.type_error(format!("list.append() takes exactly one argument ({} given)", a.pos.len() - 1)));
    }
    if let Some(Payload::List(l)) = this(a).payload() {
        l.borrow_mut().push(a.pos[1].clone());
    }
    Ok(Value::None)
}

fn list_pop(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() > 2 {
        return Err(vm.type_error(format!("pop expected at most 1 argument, got {}", a.pos.len() - 1)));
    }
    let Some(Payload::List(l)) = this(a).payload() else { return Ok(Value::None) };
    let len = l.borrow().len() as i64;
    if len == 0 {
        return Err(vm.index_error("pop from empty list"));
    }
    let i = match a.pos.get(1) {
        Some(v) => ops::as_i64(v).unwrap_or(-1),
        None => -1,
    };
    let i = if i < 0 { i + len } else { i };
    if i < 0 || i >= len {
        return Err(vm.index_error("pop index out of range"));
    }
    Ok(l.borrow_mut().remove(i as usize))
}

fn list_extend(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("list.extend() takes no keyword arguments"));
    }
    if a.pos.len() != 2 {
        return Err(vm.type_error(format!("list.extend() takes exactly one argument ({} given)", a.pos.len().saturating_sub(1))));
    }
    let items = vm.to_vec(&a.pos[1])?;
    if let Some(Payload::List(l)) = this(a).payload() {
        l.borrow_mut().extend(items);
    }
    Ok(Value::None)
}

fn list_insert(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() != 3 {
        return Err(vm.type_error(format!("insert expected 2 arguments, got {}", a.pos.len().saturating_sub(1))));
    }
    let i = crate::builtins::index_i64(vm, &a.pos[1])?;
    if let Some(Payload::List(l)) = this(a).payload() {
        let len = l.borrow().len() as i64;
        let i = if i < 0 { (i + len).max(0) } else { i.min(len) };
        l.borrow_mut().insert(i as usize, a.pos[2].clone());
    }
    Ok(Value::None)
}

fn list_reverse(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() > 1 || !a.kw.is_empty() {
        return Err(vm.type_error(format!("list.reverse() takes no arguments ({} given)", a.pos.len() - 1)));
    }
    if let Some(Payload::List(l)) = this(a).payload() {
        l.borrow_mut().reverse();
    }
    Ok(Value::None)
}

/// Stable merge sort through Python comparisons; the list is emptied while
/// sorting (so mutation during the sort is detected, as in CPython).
pub fn sort_values(vm: &mut Vm, items: Vec<Value>, key: Option<&Value>, reverse: bool) -> PyResult<Vec<Value>> {
    let keys: Vec<Value> = match key {
        Some(k) if !k.is_none() => {
            let mut ks = Vec::with_capacity(items.len());
            for x in &items {
                ks.push(vm.call(k, vec![x.clone()])?);
            }
            ks
        }
        _ => items.clone(),
    };
    let mut idx: Vec<usize> = (0..items.len()).collect();
    // Insertion-merge sort with fallible comparisons.
    let mut err = None;
    let mut tmp = idx.clone();
    let mut width = 1;
    let n = idx.len();
    while width < n && err.is_none() {
        let mut i = 0;
        while i < n {
            let mid = (i + width).min(n);
            let hi = (i + 2 * width).min(n);
            let (mut l, mut r, mut o) = (i, mid, i);
            while l < mid && r < hi {
                // Take from the right only if right < left (stability).
                let (a, b) = if reverse { (&keys[idx[l]], &keys[idx[r]]) } else { (&keys[idx[r]], &keys[idx[l]]) };
                let lt = match vm.compare(a, b, CmpOp::Lt).and_then(|v| vm.truthy(&v)) {
                    Ok(b) => b,
                    Err(e) => {
                        err = Some(e);
                        false
                    }
                };
                if lt {
                    tmp[o] = idx[r];
                    r += 1;
                } else {
                    tmp[o] = idx[l];
                    l += 1;
                }
                o += 1;
            }
            while l < mid {
                tmp[o] = idx[l];
                l += 1;
                o += 1;
            }
            while r < hi {
                tmp[o] = idx[r];
                r += 1;
                o += 1;
            }
            i += 2 * width;
        }
        std::mem::swap(&mut idx, &mut tmp);
        width *= 2;
    }
    if let Some(e) = err {
        return Err(e);
    }
    Ok(idx.into_iter().map(|i| items[i].clone()).collect())
}

fn list_sort(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() > 1 {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    let Some(Payload::List(l)) = this(a).payload() else { return Ok(Value::None) };
    let items = std::mem::take(&mut *l.borrow_mut());
    let reverse = match a.kwarg("reverse") {
        Some(v) => vm.truthy(&v.clone())?,
        None => false,
    };
    let key = a.kwarg("key").cloned();
    let r = sort_values(vm, items.clone(), key.as_ref(), reverse);
    let modified = !l.borrow().is_empty();
    match r {
        Ok(sorted) => {
            *l.borrow_mut() = sorted;
            if modified {
                return Err(vm.value_error("list modified during sort"));
            }
            Ok(Value::None)
        }
        Err(e) => {
            *l.borrow_mut() = items;
            Err(e)
        }
    }
}

fn dict_get(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() < 2 || a.pos.len() > 3 {
        let n = a.pos.len().saturating_sub(1);
        return Err(vm.type_error(if n == 0 { format!("get expected at least 1 argument, got {n}") } else { format!("get expected at most 2 arguments, got {n}") }));
    }
    let Some(Payload::Dict(d)) = this(a).payload() else { return Ok(Value::None) };
    Ok(dict::get(vm, d, &a.pos[1])?.unwrap_or_else(|| a.pos.get(2).cloned().unwrap_or(Value::None)))
}

fn dict_view(vm: &mut Vm, a: &Args, kind: u8) -> PyResult<Value> {
    let Some(Payload::Dict(d)) = this(a).payload() else { return Ok(Value::None) };
    let b = d.borrow();
    let items: Vec<Value> = match kind {
        0 => b.keys(),
        1 => b.values(),
        _ => b.items().into_iter().map(|(k, v)| vm.new_tuple(vec![k, v])).collect(),
    };
    drop(b);
    Ok(vm.new_list(items))
}

fn dict_keys(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    dict_view(vm, a, 0)
}
fn dict_values(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    dict_view(vm, a, 1)
}
fn dict_items(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    dict_view(vm, a, 2)
}

fn set_add(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if let Some(Payload::Set(d)) = this(a).payload() {
        dict::set(vm, d, a.pos[1].clone(), Value::None)?;
    }
    Ok(Value::None)
}

fn str_join(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let sep = this(a).as_str().map(|s| s.code_points()).unwrap_or_default();
    let Some(src) = a.pos.get(1) else {
        return Err(vm.type_error("str.join() takes exactly one argument (0 given)"));
    };
    let items = vm.to_vec(src).map_err(|e| {
        if vm.isinstance(&e.0, &vm.types.exc.type_error.clone()) {
            vm.type_error("can only join an iterable")
        } else {
            e
        }
    })?;
    let mut out: Vec<u32> = Vec::new();
    for (i, x) in items.iter().enumerate() {
        let Some(s) = x.as_str() else {
            return Err(vm.type_error(format!("sequence item {i}: expected str instance, {} found", vm.type_name(x))));
        };
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend(s.iter());
    }
    Ok(vm.new_pystr(PyStr::from_code_points(out)))
}

fn str_upper(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(a).as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
    Ok(vm.new_str(&s.to_uppercase()))
}

fn str_lower(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this(a).as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
    Ok(vm.new_str(&s.to_lowercase()))
}

fn exc_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if let Some(Payload::Exception(x)) = this(a).payload() {
        *x.args.borrow_mut() = vm.new_tuple(a.pos[1..].to_vec());
    }
    Ok(Value::None)
}

pub fn str_find(s: &PyStr, sub: &PyStr, start: usize, end: usize) -> Option<usize> {
    crate::objects::str_methods::find_str(s, sub, start, end)
}

pub fn set_compare(vm: &mut Vm, a: &Value, b: &Value, op: CmpOp) -> PyResult<bool> {
    let ka = set_keys(a);
    let kb = set_keys(b);
    let cb = RefCell::new(set_dict(b));
    let ca = RefCell::new(set_dict(a));
    let mut a_in_b = true;
    for k in &ka {
        if !dict::contains(vm, &cb, k)? {
            a_in_b = false;
            break;
        }
    }
    let mut b_in_a = true;
    for k in &kb {
        if !dict::contains(vm, &ca, k)? {
            b_in_a = false;
            break;
        }
    }
    Ok(match op {
        CmpOp::Eq => a_in_b && b_in_a,
        CmpOp::Ne => !(a_in_b && b_in_a),
        CmpOp::Le => a_in_b,
        CmpOp::Lt => a_in_b && !b_in_a,
        CmpOp::Ge => b_in_a,
        CmpOp::Gt => b_in_a && !a_in_b,
    })
}

fn set_dict(v: &Value) -> Dict {
    match v.payload() {
        Some(Payload::Set(d)) => d.borrow().clone(),
        Some(Payload::FrozenSet(d)) => d.clone(),
        _ => Dict::new(),
    }
}

fn set_keys(v: &Value) -> Vec<Value> {
    set_dict(v).set_keys()
}

pub fn set_binop(vm: &mut Vm, a: &Value, b: &Value, op: BinOp) -> PyResult<Option<Value>> {
    let cb = RefCell::new(set_dict(b));
    let ca = RefCell::new(set_dict(a));
    let out = RefCell::new(Dict::new());
    match op {
        BinOp::Or => {
            for k in set_keys(a).into_iter().chain(set_keys(b)) {
                dict::set(vm, &out, k, Value::None)?;
            }
        }
        BinOp::And => {
            // CPython walks the smaller set, looking keys up in the other.
            let (walk, other) = if ca.borrow().len() < cb.borrow().len() { (a, &cb) } else { (b, &ca) };
            for k in set_keys(walk) {
                if dict::contains(vm, other, &k)? {
                    dict::set(vm, &out, k, Value::None)?;
                }
            }
        }
        BinOp::Sub => {
            for k in set_keys(a) {
                if !dict::contains(vm, &cb, &k)? {
                    dict::set(vm, &out, k, Value::None)?;
                }
            }
        }
        BinOp::Xor => {
            // A copy of the right side, updated by the left.
            for k in set_keys(b) {
                dict::set(vm, &out, k, Value::None)?;
            }
            for k in set_keys(a) {
                if dict::contains(vm, &cb, &k)? {
                    dict::remove(vm, &out, &k)?;
                } else {
                    dict::set(vm, &out, k, Value::None)?;
                }
            }
        }
        _ => return Ok(None),
    }
    let frozen = matches!(a.payload(), Some(Payload::FrozenSet(_)));
    Ok(Some(vm.new_set(out.into_inner(), frozen)))
}

pub fn percent_format(vm: &mut Vm, fmt: &Value, args: &Value) -> PyResult<Value> {
    crate::objects::str_methods::percent_format(vm, fmt, args)
}

/// `type.__flags__`: CPython 3.11's `tp_flags` for the built-in types and
/// for classes (`inspect.isabstract` reads `Py_TPFLAGS_IS_ABSTRACT`).
fn type_flags(vm: &mut Vm, c: &PyRef) -> i64 {
    use crate::value::BaseKind as B;
    let Payload::Class(cd) = &c.payload else { return 0 };
    let builtin = cd.builtin_exact.get();
    if builtin {
        let known = match cd.name.borrow().as_str() {
            "object" => Some(0x81500),
            "int" => Some(0x1481500),
            "bool" => Some(0x1481100),
            "float" => Some(0x401500),
            "str" => Some(0x10481500),
            "bytes" => Some(0x8481500),
            "list" => Some(0x2485520),
            "tuple" => Some(0x4485520),
            "dict" => Some(0x20485540),
            "type" => Some(0x80085d00),
            "BaseException" | "Exception" => Some(0x40085500),
            _ => None,
        };
        if let Some(k) = known {
            return k;
        }
    }
    // The subclass bits (and MATCH_SELF, SEQUENCE, MAPPING) of the
    // built-in base.
    let base_bits: i64 = match cd.base_kind {
        B::Int => 0x1400000,
        B::Float => 0x400000,
        B::Str => 0x10400000,
        B::Bytes => 0x8400000,
        B::ByteArray => 0x400020,
        B::List => 0x2400020,
        B::Tuple => 0x4400020,
        B::Dict => 0x20400040,
        B::Set => 0x400000,
        B::Exception => 0x40000000,
        B::Type => 0x80000000u32 as i64,
        _ => 0,
    };
    if builtin {
        return 0x81500 | base_bits;
    }
    // HEAPTYPE | BASETYPE | READY | HAVE_GC, and MANAGED_DICT for plain
    // instances with a `__dict__`.
    let mut flags = 0x5600 | base_bits;
    if !cd.no_dict.get() && matches!(cd.base_kind, B::Object | B::Int | B::Float | B::Str | B::Bytes | B::List | B::Tuple | B::Dict | B::Set) {
        flags |= 0x10;
    }
    let abstract_ = match c.dict.as_ref().and_then(|d| d.borrow().get_str("__abstractmethods__").cloned()) {
        Some(v) => vm.truthy(&v).unwrap_or(false),
        None => false,
    };
    if abstract_ {
        flags |= 1 << 20;
    }
    flags
}

pub fn class_special_attr(vm: &mut Vm, c: &PyRef, name: &str) -> Option<Value> {
    let Payload::Class(cd) = &c.payload else { return None };
    Some(match name {
        "__name__" => vm.new_str(&cd.name.borrow()),
        "__qualname__" => vm.new_str(&cd.qualname.borrow()),
        "__mro__" => {
            let m: Vec<Value> = cd.mro.borrow().iter().map(|k| Value::Obj(k.clone())).collect();
            vm.new_tuple(m)
        }
        "__bases__" => {
            let m: Vec<Value> = cd.bases.borrow().iter().map(|k| Value::Obj(k.clone())).collect();
            vm.new_tuple(m)
        }
        "__base__" => cd.bases.borrow().first().map(|b| Value::Obj(b.clone())).unwrap_or(Value::None),
        "__class__" => Value::Obj(c.class()),
        "__flags__" => Value::Int(type_flags(vm, c)),
        "__doc__" => Value::None,
        "__module__" => vm.new_str("builtins"),
        "__dict__" if std::rc::Rc::ptr_eq(c, &vm.types.type_) => {
            // `type`'s own getset descriptors (`inspect.getattr_static`
            // reads `type.__dict__['__mro__']`).
            let mut d = c.dict.as_ref().map(|d| d.borrow().clone()).unwrap_or_default();
            for n in ["__name__", "__qualname__", "__bases__", "__mro__", "__base__", "__module__", "__dict__", "__doc__"] {
                if d.get_str(n).is_none() {
                    let g = crate::objects::mappingproxy::getset(vm, c, n);
                    d.set_str(n, g);
                }
            }
            let dv = vm.new_dict(d);
            crate::objects::mappingproxy::new_proxy(vm, dv)
        }
        "__dict__" => match &c.dict {
            Some(d) => crate::objects::mappingproxy::new_proxy(vm, d.value()),
            None => vm.new_dict(Default::default()),
        },
        "__code__" | "__defaults__" | "__kwdefaults__" | "__closure__" | "__annotations__" if std::rc::Rc::ptr_eq(c, &vm.types.function) => {
            crate::objects::mappingproxy::getset(vm, c, name)
        }
        "__globals__" | "__builtins__" if std::rc::Rc::ptr_eq(c, &vm.types.function) => {
            let d = vm.new_object(&vm.types.member_descriptor.clone(), Payload::Instance, true);
            if let Some(dd) = d.obj().and_then(|o| o.dict.as_ref()) {
                dd.borrow_mut().set_str("__name__", vm.new_str(name));
            }
            d
        }
        _ => return None,
    })
}

pub fn special_attr(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Option<Value>> {
    Ok(Some(match (obj.payload(), name) {
        (_, "__class__") => Value::Obj(vm.type_of(obj)),
        (Some(Payload::Function(f)), "__name__") => f.name.borrow().clone(),
        (Some(Payload::Function(f)), "__qualname__") => f.qualname.borrow().clone(),
        (Some(Payload::Function(f)), "__doc__") => f.doc.borrow().clone(),
        (Some(Payload::Function(f)), "__module__") => f.module.borrow().clone(),
        (Some(Payload::Function(f)), "__defaults__") => match f.defaults.borrow().as_ref() {
            Some(d) => vm.new_tuple(d.to_vec()),
            None => Value::None,
        },
        (Some(Payload::Function(f)), "__kwdefaults__") => f.kwdefaults.borrow().clone().map(Value::Obj).unwrap_or(Value::None),
        (Some(Payload::Function(f)), "__annotations__") => {
            let existing = f.annotations.borrow().clone();
            match existing {
                Some(a) => Value::Obj(a),
                None => {
                    let d = vm.types.new_dict_obj();
                    *f.annotations.borrow_mut() = Some(d.clone());
                    Value::Obj(d)
                }
            }
        }
        (Some(Payload::Function(f)), "__closure__") => match &f.closure {
            Some(c) if !c.is_empty() => vm.new_tuple(c.iter().map(|x| Value::Obj(x.clone())).collect()),
            _ => Value::None,
        },
        (Some(Payload::Function(f)), "__globals__") => Value::Obj(f.globals.clone()),
        (Some(Payload::Function(f)), "__code__") => crate::objects::frames::code_object(vm, &f.code.borrow().clone()),
        (Some(Payload::Function(_)), "__builtins__") => Value::Obj(vm.builtins.clone()),
        (Some(Payload::Code(c)), "co_name") => c.name.clone(),
        (Some(Payload::Code(c)), "co_qualname") => c.qualname.clone(),
        (Some(Payload::Code(c)), "co_filename") => vm.new_str(&c.unit.filename),
        (Some(Payload::Code(c)), "co_firstlineno") => Value::Int(c.unit.firstlineno as i64),
        (Some(Payload::Code(c)), "co_argcount") => Value::Int(c.unit.argcount as i64),
        (Some(Payload::Code(c)), "co_posonlyargcount") => Value::Int(c.unit.posonlyargcount as i64),
        (Some(Payload::Code(c)), "co_kwonlyargcount") => Value::Int(c.unit.kwonlyargcount as i64),
        (Some(Payload::Code(c)), "co_flags") => Value::Int(c.unit.flags as i64),
        (Some(Payload::Code(c)), "co_nlocals") => Value::Int(c.unit.varnames.len() as i64),
        (Some(Payload::Code(c)), "co_varnames") => vm.new_tuple(c.varnames.clone()),
        (Some(Payload::Code(c)), "co_names") => vm.new_tuple(c.names.clone()),
        (Some(Payload::Code(c)), "co_cellvars") => {
            let v = c.unit.cellvars.iter().map(|n| vm.new_str(n)).collect();
            vm.new_tuple(v)
        }
        (Some(Payload::Code(c)), "co_freevars") => {
            let v = c.unit.freevars.iter().map(|n| vm.new_str(n)).collect();
            vm.new_tuple(v)
        }
        (Some(Payload::Code(c)), "co_consts") => vm.new_tuple(c.consts.clone()),
        (Some(Payload::Cell(c)), "cell_contents") => match c.borrow().clone() {
            Some(v) => v,
            None => return Err(vm.err(&vm.types.exc.value_error.clone(), "Cell is empty")),
        },
        (Some(Payload::Method { func, .. }), "__name__" | "__qualname__" | "__doc__" | "__module__" | "__annotations__" | "__defaults__" | "__code__" | "__wrapped__") => {
            let func = func.clone();
            return vm.getattr(&func, &crate::vm::str_key(name)).map(Some);
        }
        (Some(Payload::Native(n)), "__qualname__") => match n.owner.as_ref().and_then(|o| o.upgrade()) {
            // A method of a type: `object.__init__`.
            Some(owner) => vm.new_str(&format!("{}.{}", crate::types::class_name(&owner), n.name)),
            None => vm.new_str(n.name),
        },
        // A built-in type's method is a descriptor (`object.__setattr__.__get__(x)`).
        (Some(Payload::Native(n)), "__get__") if n.is_method && n.self_.is_none() => vm.new_object(
            &vm.types.builtin_function.clone(),
            Payload::Native(Native { name: "__get__", func: native_descr_get, self_: Some(obj.clone()), is_method: true, is_static: false, module: false, owner: None }),
            false,
        ),
        (Some(Payload::Native(n)), "__self__") => match &n.self_ {
            Some(s) => s.clone(),
            None => crate::modules::native::function_module(obj).and_then(|(m, _)| m).unwrap_or(Value::None),
        },
        (Some(Payload::Native(_)), "__module__") => match crate::modules::native::function_module(obj) {
            Some((_, name)) => vm.new_str(&name),
            None => Value::None,
        },
        (Some(Payload::Native(_)), "__doc__") => Value::None,
        (Some(Payload::Generator(g)), "__name__") => g.borrow().name.clone(),
        (Some(Payload::Generator(g)), "__qualname__") => g.borrow().qualname.clone(),
        (Some(Payload::Generator(g)), "gi_running" | "cr_running") => Value::Bool(g.borrow().running),
        // Origin tracking (`sys.set_coroutine_origin_tracking_depth`) is off.
        (Some(Payload::Generator(g)), "cr_origin") if g.borrow().is_coroutine => Value::None,
        (Some(Payload::Generator(g)), "gi_suspended" | "cr_suspended") => {
            let g = g.borrow();
            Value::Bool(g.started && !g.finished && !g.running)
        }
        (Some(Payload::Generator(g)), "gi_frame" | "cr_frame") => {
            let g = g.borrow();
            if g.finished {
                Value::None
            } else {
                let code = g.frame.as_ref().map(|f| (f.code.clone(), if g.started { f.lasti } else { 0 }));
                drop(g);
                match code {
                    Some((c, at)) => crate::objects::frames::frame_object(vm, c, at),
                    None => Value::None,
                }
            }
        }
        (Some(Payload::Generator(g)), "gi_code" | "cr_code") => match g.borrow().frame.as_ref() {
            Some(f) => crate::objects::frames::code_object(vm, &f.code.clone()),
            None => Value::None,
        },
        (Some(Payload::Generator(g)), "gi_yieldfrom" | "cr_await") => {
            let g = g.borrow();
            g.frame.as_ref().and_then(|f| crate::vm::delegate_of(f)).unwrap_or(Value::None)
        }
        (Some(Payload::Property { fget, .. }), "fget") => fget.clone(),
        (Some(Payload::Property { fset, .. }), "fset") => fset.clone(),
        (Some(Payload::Property { fdel, .. }), "fdel") => fdel.clone(),
        (Some(Payload::Property { doc, .. }), "__doc__") => doc.clone(),
        (Some(Payload::Property { fget, .. }), "__isabstractmethod__") => {
            let f = fget.clone();
            match vm.getattr(&f, &crate::vm::str_key("__isabstractmethod__")) {
                Ok(v) => v,
                Err(_) => Value::Bool(false),
            }
        }
        (Some(Payload::ClassMethod(f) | Payload::StaticMethod(f)), "__func__" | "__wrapped__") => f.clone(),
        (Some(Payload::ClassMethod(f) | Payload::StaticMethod(f)), "__isabstractmethod__") => {
            let f = f.clone();
            match vm.getattr(&f, &crate::vm::str_key("__isabstractmethod__")) {
                Ok(v) => v,
                Err(_) => Value::Bool(false),
            }
        }
        (Some(Payload::Slice(a, _, _)), "start") => a.clone(),
        (Some(Payload::Slice(_, b, _)), "stop") => b.clone(),
        (Some(Payload::Slice(_, _, c)), "step") => c.clone(),
        (Some(Payload::Range { start, .. }), "start") => ops::int_from_big(start.clone()),
        (Some(Payload::Range { stop, .. }), "stop") => ops::int_from_big(stop.clone()),
        (Some(Payload::Range { step, .. }), "step") => ops::int_from_big(step.clone()),
        (Some(Payload::Native(n)), "__name__") => vm.new_str(n.name),
        (Some(Payload::Method { func, .. }), "__func__") => func.clone(),
        (Some(Payload::Method { self_, .. }), "__self__") => self_.clone(),
        (Some(Payload::Exception(x)), "args") => x.args.borrow().clone(),
        (Some(Payload::Exception(x)), "__cause__") => x.cause.borrow().clone(),
        (Some(Payload::Exception(x)), "__context__") => x.context.borrow().clone(),
        (Some(Payload::Exception(x)), "__suppress_context__") => Value::Bool(x.suppress_context.get()),
        (Some(Payload::Exception(_)), "__traceback__") => Value::None,
        (Some(_), "__dict__") if obj.obj().is_some_and(|o| o.dict.is_some()) && !matches!(&vm.type_of(obj).payload, Payload::Class(c) if c.no_dict.get()) => {
            // The live namespace: writes through `__dict__` are attributes.
            match obj.obj().and_then(|o| o.dict.as_ref()) {
                Some(d) => d.value(),
                None => return Ok(None),
            }
        }
        // Every object has a `__doc__`: its class's, or None.
        (_, "__doc__") => {
            let cls = vm.type_of(obj);
            crate::types::mro_of(&cls)
                .iter()
                .find_map(|k| k.dict.as_ref().and_then(|d| d.borrow().get_str("__doc__").cloned()))
                .unwrap_or(Value::None)
        }
        _ => return Ok(None),
    }))
}

/// An integer for slicing or indexing: ints, or objects with `__index__`;
/// huge values clamp (they are out of range anyway).
fn clamp_index(vm: &mut Vm, v: &Value) -> Option<PyResult<i64>> {
    let b = match ops::as_big(v) {
        Some(b) => b,
        None => {
            let cls = vm.type_of(v);
            vm.lookup_mro(&cls, "__index__")?;
            match crate::builtins::index_big(vm, v) {
                Ok(b) => b,
                Err(e) => return Some(Err(e)),
            }
        }
    };
    use num_traits::Signed;
    Some(Ok(b.to_i64().unwrap_or(if b.is_negative() { i64::MIN / 2 } else { i64::MAX / 2 })))
}

fn index_of(vm: &mut Vm, key: &Value, len: usize, what: &str) -> PyResult<usize> {
    let Some(i) = clamp_index(vm, key) else {
        if what == "string" {
            return Err(vm.type_error(format!("string indices must be integers, not '{}'", vm.type_name(key))));
        }
        return Err(vm.type_error(format!("{what} indices must be integers or slices, not {}", vm.type_name(key))));
    };
    let i = i?;
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(vm.index_error(format!("{what} index out of range")));
    }
    Ok(j as usize)
}

/// `slice.indices(len)`: start, stop, step.
pub fn slice_indices(vm: &mut Vm, s: &Value, len: usize) -> PyResult<(i64, i64, i64)> {
    let Some(Payload::Slice(a, b, c)) = s.payload() else { return Ok((0, 0, 1)) };
    let n = len as i64;
    let bad = |vm: &Vm| vm.type_error("slice indices must be integers or None or have an __index__ method");
    let step = if c.is_none() {
        1
    } else {
        match clamp_index(vm, c) {
            Some(r) => r?,
            None => return Err(bad(vm)),
        }
    };
    if step == 0 {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    let conv = |v: &Value, default: i64, vm: &mut Vm| -> PyResult<i64> {
        if v.is_none() {
            return Ok(default);
        }
        let x = match clamp_index(vm, v) {
            Some(r) => r?,
            None => return Err(bad(vm)),
        };
        Ok(if x < 0 {
            (x + n).max(if step < 0 { -1 } else { 0 })
        } else {
            x.min(if step < 0 { n - 1 } else { n })
        })
    };
    let start = conv(a, if step < 0 { n - 1 } else { 0 }, vm)?;
    let stop = conv(b, if step < 0 { -1 } else { n }, vm)?;
    Ok((start, stop, step))
}

/// `slice.indices(len)` without size limits (CPython's
/// `_PySlice_GetLongIndices`): for `slice.indices` and slicing big ranges.
pub fn slice_indices_big(vm: &mut Vm, s: &Value, len: &BigInt) -> PyResult<(BigInt, BigInt, BigInt)> {
    use num_traits::{Signed, Zero};
    let Some(Payload::Slice(a, b, c)) = s.payload() else { return Ok((BigInt::zero(), BigInt::zero(), BigInt::from(1))) };
    let (a, b, c) = (a.clone(), b.clone(), c.clone());
    let conv = |vm: &mut Vm, v: &Value| -> PyResult<BigInt> {
        if ops::as_big(v).is_none() {
            let cls = vm.type_of(v);
            if vm.lookup_mro(&cls, "__index__").is_none() {
                return Err(vm.type_error("slice indices must be integers or None or have an __index__ method"));
            }
        }
        crate::builtins::index_big(vm, v)
    };
    let step = if c.is_none() { BigInt::from(1) } else { conv(vm, &c)? };
    if step.is_zero() {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    let back = step.is_negative();
    let lower = if back { BigInt::from(-1) } else { BigInt::zero() };
    let upper = if back { len - 1u32 } else { len.clone() };
    let mut bound = |vm: &mut Vm, v: &Value, default: &BigInt| -> PyResult<BigInt> {
        if v.is_none() {
            return Ok(default.clone());
        }
        let x = conv(vm, v)?;
        Ok(if x.is_negative() {
            let y = x + len;
            if y < lower {
                lower.clone()
            } else {
                y
            }
        } else if x > upper {
            upper.clone()
        } else {
            x
        })
    };
    let start = bound(vm, &a, if back { &upper } else { &lower })?;
    let stop = bound(vm, &b, if back { &lower } else { &upper })?;
    Ok((start, stop, step))
}

fn slice_positions(start: i64, stop: i64, step: i64) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        match i.checked_add(step) {
            Some(n) => i = n,
            None => break, // past either end (a step near sys.maxsize)
        }
    }
    out
}

pub fn native_getitem(vm: &mut Vm, obj: &Value, key: &Value) -> PyResult<Option<Value>> {
    if matches!(obj.payload(), Some(Payload::Bytes(_) | Payload::ByteArray(_))) {
        return crate::objects::bytes::native_getitem(vm, obj, key);
    }
    if matches!(obj.payload(), Some(Payload::MemoryView(_))) {
        return crate::objects::memoryview::native_getitem(vm, obj, key).map(Some);
    }
    let is_slice = matches!(key.payload(), Some(Payload::Slice(..)));
    Ok(Some(match obj.payload() {
        Some(Payload::List(l)) => {
            let len = l.borrow().len();
            if is_slice {
                let (a, b, c) = slice_indices(vm, key, len)?;
                let items = l.borrow();
                let v = slice_positions(a, b, c).into_iter().map(|i| items[i].clone()).collect();
                drop(items);
                vm.new_list(v)
            } else {
                let i = index_of(vm, key, len, "list")?;
                l.borrow()[i].clone()
            }
        }
        Some(Payload::Tuple(t)) => {
            if is_slice {
                let (a, b, c) = slice_indices(vm, key, t.len())?;
                if a == 0 && b == t.len() as i64 && c == 1 && obj.obj().is_some_and(crate::vm::is_exact_builtin) {
                    return Ok(Some(obj.clone()));
                }
                let v = slice_positions(a, b, c).into_iter().map(|i| t[i].clone()).collect();
                vm.new_tuple(v)
            } else {
                let i = index_of(vm, key, t.len(), "tuple")?;
                t[i].clone()
            }
        }
        Some(Payload::Str(s)) => {
            if is_slice {
                let (a, b, c) = slice_indices(vm, key, s.len())?;
                let cps: Vec<u32> = slice_positions(a, b, c).into_iter().map(|i| s.at(i)).collect();
                vm.new_pystr(PyStr::from_code_points(cps))
            } else {
                let i = index_of(vm, key, s.len(), "string")?;
                vm.new_pystr(PyStr::from_code_points(vec![s.at(i)]))
            }
        }
        Some(Payload::Dict(d)) => match dict::get(vm, d, key)? {
            Some(v) => v,
            None => {
                let cls = vm.type_of(obj);
                if !crate::types::is_builtin_class(&cls) {
                    if let Some(m) = vm.lookup_mro(&cls, "__missing__") {
                        return vm.call(&m, vec![obj.clone(), key.clone()]).map(Some);
                    }
                }
                return Err(vm.key_error(key.clone()));
            }
        },
        Some(Payload::Range { start, stop, step }) => {
            let n = range_len(start, stop, step);
            if !is_slice {
                let key_int = match ops::as_big(key) {
                    Some(i) => Some(i),
                    None => {
                        let cls = vm.type_of(key);
                        match vm.lookup_mro(&cls, "__index__") {
                            Some(_) => Some(crate::builtins::index_big(vm, key)?),
                            None => None,
                        }
                    }
                };
                if let Some(i) = key_int {
                    use num_traits::Signed;
                    let j = if i.is_negative() { &i + &n } else { i };
                    if j.is_negative() || j >= n {
                        return Err(vm.index_error("range object index out of range"));
                    }
                    return Ok(Some(ops::int_from_big(start + step * j)));
                }
            }
            if is_slice {
                let (a, b, c) = slice_indices_big(vm, key, &n)?;
                let new_start = start + step * a;
                let new_stop = start + step * b;
                let new_step = step * c;
                return Ok(Some(vm.new_object(&vm.types.range.clone(), Payload::Range { start: new_start, stop: new_stop, step: new_step }, false)));
            }
            let Some(len) = n.to_usize() else {
                return Err(vm.overflow_error("Python int too large to convert to C ssize_t"));
            };
            let i = index_of(vm, key, len, "range object")?;
            ops::int_from_big(start + step * num_bigint::BigInt::from(i))
        }
        _ => return Ok(None),
    }))
}

pub fn native_setitem(vm: &mut Vm, obj: &Value, key: Value, v: Value) -> PyResult<()> {
    if matches!(obj.payload(), Some(Payload::ByteArray(_))) {
        return crate::objects::bytes::native_setitem(vm, obj, &key, &v);
    }
    if matches!(obj.payload(), Some(Payload::MemoryView(_))) {
        let f = vm.lookup_mro(&vm.types.memoryview.clone(), "__setitem__").unwrap_or(Value::None);
        vm.call(&f, vec![obj.clone(), key, v])?;
        return Ok(());
    }
    match obj.payload() {
        Some(Payload::List(l)) => {
            if matches!(key.payload(), Some(Payload::Slice(..))) {
                let new = vm.to_vec(&v)?;
                let len = l.borrow().len();
                let (a, b, c) = slice_indices(vm, &key, len)?;
                if c == 1 {
                    let b = b.max(a);
                    l.borrow_mut().splice(a as usize..b as usize, new);
                } else {
                    let pos = slice_positions(a, b, c);
                    if pos.len() != new.len() {
                        return Err(vm.value_error(format!(
                            "attempt to assign sequence of size {} to extended slice of size {}",
                            new.len(),
                            pos.len()
                        )));
                    }
                    let mut lb = l.borrow_mut();
                    for (p, x) in pos.into_iter().zip(new) {
                        lb[p] = x;
                    }
                }
                return Ok(());
            }
            let len = l.borrow().len();
            let i = index_of(vm, &key, len, "list assignment")?;
            l.borrow_mut()[i] = v;
            Ok(())
        }
        Some(Payload::Dict(d)) => dict::set(vm, d, key, v),
        _ => Err(vm.type_error(format!("'{}' object does not support item assignment", vm.type_name(obj)))),
    }
}

pub fn native_delitem(vm: &mut Vm, obj: &Value, key: &Value) -> PyResult<()> {
    if matches!(obj.payload(), Some(Payload::ByteArray(_))) {
        let f = vm.lookup_mro(&vm.types.bytearray.clone(), "__delitem__").unwrap_or(Value::None);
        vm.call(&f, vec![obj.clone(), key.clone()])?;
        return Ok(());
    }
    match obj.payload() {
        Some(Payload::List(l)) => {
            if matches!(key.payload(), Some(Payload::Slice(..))) {
                let len = l.borrow().len();
                let (a, b, c) = slice_indices(vm, key, len)?;
                let mut pos = slice_positions(a, b, c);
                pos.sort_unstable();
                let mut lb = l.borrow_mut();
                for p in pos.into_iter().rev() {
                    lb.remove(p);
                }
                return Ok(());
            }
            let len = l.borrow().len();
            let i = index_of(vm, key, len, "list assignment")?;
            l.borrow_mut().remove(i);
            Ok(())
        }
        Some(Payload::Dict(d)) => match dict::remove(vm, d, key)? {
            Some(_) => Ok(()),
            None => Err(vm.key_error(key.clone())),
        },
        _ => Err(vm.type_error(format!("'{}' object doesn't support item deletion", vm.type_name(obj)))),
    }
}

/// The length of `range(start, stop, step)`.
pub fn range_len(start: &num_bigint::BigInt, stop: &num_bigint::BigInt, step: &num_bigint::BigInt) -> num_bigint::BigInt {
    use num_traits::{Signed, Zero};
    let zero = num_bigint::BigInt::zero();
    if step.is_positive() {
        if start < stop {
            (stop - start - 1u32) / step + 1u32
        } else {
            zero
        }
    } else if start > stop {
        (start - stop - 1u32) / (-step) + 1u32
    } else {
        zero
    }
}

/// `bytes.decode(encoding, errors)` for the codecs the core language needs.
pub fn decode(vm: &mut Vm, b: &[u8], encoding: &str, errors: &str) -> PyResult<Value> {
    let enc = encoding.to_ascii_lowercase().replace('_', "-");
    match enc.as_str() {
        "utf-8" | "utf8" => match std::str::from_utf8(b) {
            Ok(s) => Ok(vm.new_str(s)),
            Err(e) => {
                if errors == "replace" {
                    return Ok(vm.new_str(&String::from_utf8_lossy(b)));
                }
                let pos = e.valid_up_to();
                Err(vm.err(
                    &vm.types.exc.unicode_decode_error.clone(),
                    format!("'utf-8' codec can't decode byte 0x{:02x} in position {pos}: invalid start byte", b[pos]),
                ))
            }
        },
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" => {
            Ok(vm.new_pystr(PyStr::from_code_points(b.iter().map(|&c| c as u32).collect())))
        }
        "ascii" | "us-ascii" => {
            if let Some(pos) = b.iter().position(|&c| c >= 128) {
                if errors == "replace" {
                    let cps = b.iter().map(|&c| if c < 128 { c as u32 } else { 0xfffd }).collect();
                    return Ok(vm.new_pystr(PyStr::from_code_points(cps)));
                }
                return Err(vm.err(
                    &vm.types.exc.unicode_decode_error.clone(),
                    format!("'ascii' codec can't decode byte 0x{:02x} in position {pos}: ordinal not in range(128)", b[pos]),
                ));
            }
            Ok(vm.new_str(std::str::from_utf8(b).unwrap_or_default()))
        }
        _ => Err(vm.err(&vm.types.exc.lookup_error.clone(), format!("unknown encoding: {encoding}"))),
    }
}

/// `method_descriptor.__get__(instance, owner=None)`: bound to the instance,
/// or the descriptor itself when the instance is None.
fn native_descr_get(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (Some(method), Some(inst)) = (a.pos.first(), a.pos.get(1)) else {
        return Err(vm.type_error(format!("expected 1 argument, got {}", a.pos.len().saturating_sub(1))));
    };
    if a.pos.len() > 3 {
        return Err(vm.type_error(format!("expected at most 2 arguments, got {}", a.pos.len() - 1)));
    }
    if matches!(inst, Value::None) {
        return Ok(method.clone());
    }
    let (method, inst) = (method.clone(), inst.clone());
    if let Some(Payload::Native(n)) = method.payload() {
        if let Some(owner) = n.owner.as_ref().and_then(|w| w.upgrade()) {
            if !vm.isinstance(&inst, &owner) {
                let o = crate::types::class_name(&owner);
                return Err(vm.type_error(format!("descriptor '{}' for '{o}' objects doesn't apply to a '{}' object", n.name, vm.type_name(&inst))));
            }
        }
    }
    let cls = vm.type_of(&inst);
    vm.bind(&method, &inst, &cls)
}
