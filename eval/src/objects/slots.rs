//! The dunder methods of the built-in types as attributes (`object.__eq__`,
//! `int.__add__`, `list.__len__` …): what explicit calls, `super()` and
//! subclasses of built-ins reach. The VM's own fast paths never go through
//! them.

use std::rc::Rc;

use crate::code::{BinOp, CmpOp};
use crate::types::add_method;
use crate::value::{Payload, PyRef, Value};
use crate::vm::{ops, str_key, Args, Vm};
use crate::PyResult;

/// `builtin_function_or_method.__reduce__`: a module function pickles as
/// its name (found again through `__module__`), a bound method as
/// `getattr(self, name)`.
fn builtin_reduce(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let Some(Payload::Native(n)) = this.payload() else {
        return Err(vm.type_error("descriptor '__reduce__' requires a 'builtin_function_or_method' object"));
    };
    match &n.self_ {
        Some(s) if !matches!(s.payload(), Some(Payload::Module { .. })) => {
            let s = s.clone();
            let name = vm.new_str(n.name);
            let getattr = vm.builtins_get("getattr").unwrap_or(Value::None);
            let args = vm.new_tuple(vec![s, name]);
            Ok(vm.new_tuple(vec![getattr, args]))
        }
        _ => Ok(vm.new_str(n.name)),
    }
}

pub fn install(vm: &mut Vm) {
    let t = &vm.types;
    // The callable built-in types have `__call__` (collections.abc.Callable
    // looks for it); the views of keys and items and slices are unhashable.
    for cls in [t.function.clone(), t.builtin_function.clone(), t.method.clone()] {
        add_method(&cls, "__call__", call_self);
    }
    add_method(&t.builtin_function.clone(), "__reduce__", builtin_reduce);
    for cls in [t.dict_keys.clone(), t.dict_items.clone(), t.slice.clone()] {
        if let Some(d) = &cls.dict {
            d.borrow_mut().set_str("__hash__", Value::None);
        }
    }
    let o = t.object.clone();
    add_method(&o, "__eq__", object_eq);
    add_method(&o, "__ne__", object_ne);
    add_method(&o, "__hash__", object_hash);
    add_method(&o, "__repr__", object_repr);
    add_method(&o, "__str__", object_str);
    add_method(&o, "__format__", object_format);
    add_method(&o, "__setattr__", object_setattr);
    add_method(&o, "__getattribute__", object_getattribute);
    add_method(&o, "__delattr__", object_delattr);
    add_method(&o, "__dir__", object_dir);
    add_method(&o, "__sizeof__", object_sizeof);
    for name in ["__lt__", "__le__", "__gt__", "__ge__"] {
        add_method(&o, name, not_implemented);
    }
    // Arithmetic on the numeric and sequence types.
    let arith: &[(&'static str, crate::value::NativeFn, crate::value::NativeFn)] = &[
        ("add", op_add, rop_add),
        ("sub", op_sub, rop_sub),
        ("mul", op_mul, rop_mul),
        ("truediv", op_truediv, rop_truediv),
        ("floordiv", op_floordiv, rop_floordiv),
        ("mod", op_mod, rop_mod),
        ("pow", op_pow, rop_pow),
        ("lshift", op_lshift, rop_lshift),
        ("rshift", op_rshift, rop_rshift),
        ("and", op_and, rop_and),
        ("or", op_or, rop_or),
        ("xor", op_xor, rop_xor),
    ];
    let names: &[(&'static str, &'static str, &'static str)] = &[
        ("add", "__add__", "__radd__"),
        ("sub", "__sub__", "__rsub__"),
        ("mul", "__mul__", "__rmul__"),
        ("truediv", "__truediv__", "__rtruediv__"),
        ("floordiv", "__floordiv__", "__rfloordiv__"),
        ("mod", "__mod__", "__rmod__"),
        ("pow", "__pow__", "__rpow__"),
        ("lshift", "__lshift__", "__rlshift__"),
        ("rshift", "__rshift__", "__rrshift__"),
        ("and", "__and__", "__rand__"),
        ("or", "__or__", "__ror__"),
        ("xor", "__xor__", "__rxor__"),
    ];
    let numeric = [t.int.clone(), t.float.clone(), t.complex.clone()];
    for cls in &numeric {
        for ((_, f, rf), (_, n, rn)) in arith.iter().zip(names) {
            if Rc::ptr_eq(cls, &t.float) && matches!(*n, "__lshift__" | "__rshift__" | "__and__" | "__or__" | "__xor__") {
                continue;
            }
            add_method(cls, n, *f);
            add_method(cls, rn, *rf);
        }
        add_method(cls, "__neg__", op_neg);
        add_method(cls, "__pos__", op_pos);
        add_method(cls, "__abs__", op_abs);
        add_method(cls, "__bool__", op_bool);
    }
    add_method(&t.int, "__invert__", op_invert);
    add_method(&t.int, "__index__", int_index);
    add_method(&t.int, "__int__", int_index);
    add_method(&t.int, "__float__", to_float);
    add_method(&t.float, "__float__", to_float);
    add_method(&t.float, "__int__", float_int);
    add_method(&t.float, "__trunc__", float_int);
    add_method(&t.int, "__trunc__", int_index);
    for cls in [t.str_.clone(), t.list.clone(), t.tuple.clone(), t.bytes.clone()] {
        add_method(&cls, "__add__", op_add);
        add_method(&cls, "__mul__", op_mul);
        add_method(&cls, "__rmul__", rop_mul);
    }
    add_method(&t.str_, "__mod__", op_mod);
    for cls in [t.set.clone(), t.frozenset.clone()] {
        for (n, f) in [("__and__", op_and as crate::value::NativeFn), ("__or__", op_or), ("__xor__", op_xor), ("__sub__", op_sub)] {
            add_method(&cls, n, f);
        }
    }
    // Comparisons, hashing, containers.
    let all = [
        t.int.clone(),
        t.float.clone(),
        t.str_.clone(),
        t.list.clone(),
        t.tuple.clone(),
        t.dict.clone(),
        t.set.clone(),
        t.frozenset.clone(),
        t.bytes.clone(),
        t.range.clone(),
        t.complex.clone(),
    ];
    for cls in &all {
        add_method(cls, "__eq__", cmp_eq);
        add_method(cls, "__ne__", cmp_ne);
        add_method(cls, "__lt__", cmp_lt);
        add_method(cls, "__le__", cmp_le);
        add_method(cls, "__gt__", cmp_gt);
        add_method(cls, "__ge__", cmp_ge);
        add_method(cls, "__repr__", native_repr);
        add_method(cls, "__hash__", native_hash);
    }
    for cls in [t.list.clone(), t.dict.clone(), t.set.clone()] {
        if let Some(d) = &cls.dict {
            d.borrow_mut().set_str("__hash__", Value::None);
        }
    }
    for cls in [t.str_.clone(), t.list.clone(), t.tuple.clone(), t.dict.clone(), t.set.clone(), t.frozenset.clone(), t.bytes.clone(), t.range.clone()] {
        add_method(&cls, "__len__", seq_len);
        add_method(&cls, "__iter__", seq_iter);
        add_method(&cls, "__contains__", seq_contains);
    }
    for cls in [t.str_.clone(), t.list.clone(), t.tuple.clone(), t.dict.clone(), t.bytes.clone(), t.range.clone()] {
        add_method(&cls, "__getitem__", seq_getitem);
    }
    for cls in [t.list.clone(), t.dict.clone()] {
        add_method(&cls, "__setitem__", seq_setitem);
        add_method(&cls, "__delitem__", seq_delitem);
    }
    add_method(&t.str_, "__str__", str_str);
    add_method(&t.int, "__str__", native_repr);
    add_method(&t.float, "__str__", native_repr);
    add_method(&t.str_, "__format__", native_format);
    add_method(&t.int, "__format__", native_format);
    add_method(&t.float, "__format__", native_format);
    add_method(&t.exc.base_exception, "__str__", exc_str);
    add_method(&t.exc.base_exception, "__repr__", native_repr);
    let it = t.iterator.clone();
    add_method(&it, "__iter__", iter_self);
    add_method(&it, "__next__", iter_next);
    for c in t.iters.all() {
        add_method(&c, "__iter__", iter_self);
        add_method(&c, "__next__", iter_next);
    }
    let g = t.generator.clone();
    add_method(&g, "__iter__", iter_self);
    add_method(&g, "__next__", iter_next);
    add_method(&t.type_, "__call__", type_call);
    add_method(&t.type_, "__repr__", native_repr);
    add_method(&t.type_, "__subclasses__", type_subclasses);
    add_method(&t.type_, "__instancecheck__", type_instancecheck);
    add_method(&t.type_, "__subclasscheck__", type_subclasscheck);
    add_method(&t.function, "__get__", function_get);
}

fn this(a: &Args) -> &Value {
    &a.pos[0]
}

fn arg1<'a>(vm: &Vm, a: &'a Args, name: &str) -> PyResult<&'a Value> {
    a.pos.get(1).ok_or_else(|| vm.type_error(format!("expected 1 argument, got 0 ({name})")))
}

/// The built-in value inside an instance of a subclass of a built-in type
/// (an exact built-in is returned as it is).
pub fn unwrap_builtin(vm: &Vm, v: &Value) -> Value {
    if let Value::Obj(o) = v {
        if crate::vm::is_exact_builtin(o) {
            return v.clone();
        }
        match &o.payload {
            Payload::BigInt(b) => return ops::int_from_big(b.clone()),
            Payload::Float(f) => return Value::Float(*f),
            Payload::Str(s) => return vm.new_pystr(s.substring(0, s.len())),
            Payload::Tuple(t) => return vm.new_tuple(t.to_vec()),
            Payload::Bytes(b) => return vm.new_object(&vm.types.bytes, Payload::Bytes(b.clone()), false),
            _ => {}
        }
    }
    v.clone()
}

fn object_eq(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let other = arg1(vm, a, "__eq__")?;
    Ok(if this(a).is(other) { Value::Bool(true) } else { vm.types.not_implemented.clone() })
}

fn object_ne(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let other = arg1(vm, a, "__ne__")?.clone();
    let r = vm.compare(this(a), &other, CmpOp::Eq)?;
    if r.is(&vm.types.not_implemented) {
        return Ok(r);
    }
    Ok(Value::Bool(!vm.truthy(&r)?))
}

fn object_hash(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let _ = vm;
    Ok(Value::Int(match this(a) {
        Value::Obj(o) => (Rc::as_ptr(o) as usize >> 4) as i64,
        other => crate::builtins::id_of(other) >> 4,
    }))
}

fn object_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = this(a);
    let cls = vm.type_of(v);
    let module = cls.dict.as_ref().and_then(|d| d.borrow().get_str("__module__").and_then(|m| m.as_str().map(|s| s.to_string_lossy())));
    let qn = match &cls.payload {
        Payload::Class(c) => c.qualname.borrow().clone(),
        _ => "?".into(),
    };
    let addr = crate::builtins::id_of(v);
    let s = match module {
        Some(m) if m != "builtins" => format!("<{m}.{qn} object at {addr:#x}>"),
        _ => format!("<{qn} object at {addr:#x}>"),
    };
    Ok(vm.new_str(&s))
}

fn object_str(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let r = vm.repr(this(a))?;
    Ok(vm.new_pystr(r))
}

fn object_format(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let spec = arg1(vm, a, "__format__")?.clone();
    if spec.as_str().is_some_and(|s| !s.is_empty()) {
        return Err(vm.type_error(format!("unsupported format string passed to {}.__format__", vm.type_name(this(a)))));
    }
    vm.str(this(a))
}

fn object_setattr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() != 3 {
        return Err(vm.type_error(format!("expected 2 arguments, got {}", a.pos.len().saturating_sub(1))));
    }
    let Some(name) = a.pos[1].as_str().map(|s| s.to_string_lossy()) else {
        return Err(vm.type_error(format!("attribute name must be string, not '{}'", vm.type_name(&a.pos[1]))));
    };
    vm.generic_setattr(&a.pos[0], &a.pos[1], &name, a.pos[2].clone())?;
    Ok(Value::None)
}

fn object_getattribute(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let name = arg1(vm, a, "__getattribute__")?.clone();
    let Some(n) = name.as_str().map(|s| s.to_string_lossy()) else {
        return Err(vm.type_error(format!("attribute name must be string, not '{}'", vm.type_name(&name))));
    };
    match vm.generic_getattr(this(a), &name)? {
        Some(v) => Ok(v),
        None => Err(vm.no_attribute(this(a), &n)),
    }
}

fn object_delattr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let name = arg1(vm, a, "__delattr__")?.clone();
    let Some(n) = name.as_str().map(|s| s.to_string_lossy()) else {
        return Err(vm.type_error("attribute name must be string"));
    };
    let removed = this(a).obj().and_then(|o| o.dict.as_ref()).and_then(|d| d.borrow_mut().remove_str(&n)).is_some();
    if removed {
        Ok(Value::None)
    } else {
        Err(vm.no_attribute(this(a), &n))
    }
}

/// `object.__dir__(x)`: the default listing (not `dir(x)`, which would
/// call an overriding `__dir__` that calls this one again).
fn object_dir(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let names = crate::builtins::default_dir(vm, this(a));
    Ok(vm.new_list(names))
}

fn object_sizeof(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let _ = (vm, a);
    Ok(Value::Int(32))
}

fn not_implemented(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(vm.types.not_implemented.clone())
}

fn binop(vm: &mut Vm, a: &Args, op: BinOp, reflected: bool) -> PyResult<Value> {
    let Some(other) = a.pos.get(1) else {
        return Err(vm.type_error("expected 1 argument, got 0"));
    };
    let x = unwrap_builtin(vm, this(a));
    let y = unwrap_builtin(vm, other);
    // int's methods take ints only, float's take ints and floats.
    let is_int = |v: &Value| ops::as_big(v).is_some();
    let is_float = |v: &Value| crate::objects::numbers::float_val(v).is_some();
    if (is_int(&x) && !is_int(&y) && (is_float(&y) || matches!(y.payload(), Some(Payload::Complex(..)))))
        || (is_float(&x) && matches!(y.payload(), Some(Payload::Complex(..))))
    {
        return Ok(vm.types.not_implemented.clone());
    }
    let (l, r) = if reflected { (y, x) } else { (x, y) };
    match vm.native_binop(&l, &r, op) {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Ok(vm.types.not_implemented.clone()),
        Err(e) => {
            if vm.isinstance(&e.0, &vm.types.exc.type_error.clone()) {
                Ok(vm.types.not_implemented.clone())
            } else {
                Err(e)
            }
        }
    }
}

macro_rules! binops {
    ($($f:ident, $rf:ident, $op:ident;)*) => {
        $(
            fn $f(vm: &mut Vm, a: &Args) -> PyResult<Value> {
                binop(vm, a, BinOp::$op, false)
            }
            fn $rf(vm: &mut Vm, a: &Args) -> PyResult<Value> {
                binop(vm, a, BinOp::$op, true)
            }
        )*
    };
}

binops! {
    op_add, rop_add, Add;
    op_sub, rop_sub, Sub;
    op_mul, rop_mul, Mul;
    op_truediv, rop_truediv, TrueDiv;
    op_floordiv, rop_floordiv, FloorDiv;
    op_mod, rop_mod, Mod;
    op_pow, rop_pow, Pow;
    op_lshift, rop_lshift, LShift;
    op_rshift, rop_rshift, RShift;
    op_and, rop_and, And;
    op_or, rop_or, Or;
    op_xor, rop_xor, Xor;
}

fn unary(vm: &mut Vm, a: &Args, instr: crate::code::Instr) -> PyResult<Value> {
    let x = unwrap_builtin(vm, this(a));
    vm.unary_op(&x, instr)
}

fn op_neg(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    unary(vm, a, crate::code::Instr::UnaryNegative)
}

fn op_pos(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    unary(vm, a, crate::code::Instr::UnaryPositive)
}

fn op_invert(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    unary(vm, a, crate::code::Instr::UnaryInvert)
}

fn op_abs(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = unwrap_builtin(vm, this(a));
    let f = vm.builtins_get("abs").unwrap_or(Value::None);
    vm.call(&f, vec![x])
}

fn op_bool(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = unwrap_builtin(vm, this(a));
    vm.truthy(&x).map(Value::Bool)
}

fn int_index(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = unwrap_builtin(vm, this(a));
    Ok(match x {
        Value::Bool(b) => Value::Int(b as i64),
        other => other,
    })
}

fn to_float(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = unwrap_builtin(vm, this(a));
    crate::builtins::float_of(vm, &x).map(Value::Float)
}

fn float_int(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = unwrap_builtin(vm, this(a));
    crate::builtins::int_of(vm, &x).map(ops::int_from_big)
}

fn cmp(vm: &mut Vm, a: &Args, op: CmpOp) -> PyResult<Value> {
    let Some(other) = a.pos.get(1) else {
        return Err(vm.type_error("expected 1 argument, got 0"));
    };
    let x = unwrap_builtin(vm, this(a));
    let y = unwrap_builtin(vm, other);
    // int's comparisons take ints only (float's handle the mix).
    if ops::as_big(&x).is_some() && ops::as_big(&y).is_none() {
        return Ok(vm.types.not_implemented.clone());
    }
    match vm.native_compare(&x, &y, op)? {
        Some(b) => Ok(Value::Bool(b)),
        None => Ok(vm.types.not_implemented.clone()),
    }
}

fn cmp_eq(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    cmp(vm, a, CmpOp::Eq)
}
fn cmp_ne(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    cmp(vm, a, CmpOp::Ne)
}
fn cmp_lt(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    cmp(vm, a, CmpOp::Lt)
}
fn cmp_le(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    cmp(vm, a, CmpOp::Le)
}
fn cmp_gt(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    cmp(vm, a, CmpOp::Gt)
}
fn cmp_ge(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    cmp(vm, a, CmpOp::Ge)
}

fn native_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = unwrap_builtin(vm, this(a));
    let r = if matches!(x.payload(), Some(Payload::Exception(_)) | Some(Payload::Class(_))) || !x.is(this(a)) {
        crate::objects::repr::repr_builtin(vm, &x)?
    } else {
        crate::objects::repr::repr_builtin(vm, &x)?
    };
    Ok(vm.new_pystr(r))
}

fn native_hash(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = unwrap_builtin(vm, this(a));
    vm.hash(&x).map(Value::Int)
}

fn native_format(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let spec = arg1(vm, a, "__format__")?.clone();
    let x = unwrap_builtin(vm, this(a));
    crate::objects::format::format(vm, &x, &spec)
}

fn str_str(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(unwrap_builtin(vm, this(a)))
}

fn exc_str(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    crate::objects::exceptions::exc_str_native(vm, this(a))
}

fn seq_len(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = this(a).clone();
    crate::objects::slots::native_len(vm, &x).map(|n| Value::Int(n as i64))
}

/// `len` of a built-in payload, ignoring overrides.
pub fn native_len(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    match v.payload() {
        Some(Payload::Str(s)) => Ok(s.len()),
        Some(Payload::List(l)) => Ok(l.borrow().len()),
        Some(Payload::Tuple(t)) => Ok(t.len()),
        Some(Payload::Dict(d) | Payload::Set(d)) => Ok(d.borrow().len()),
        Some(Payload::FrozenSet(d)) => Ok(d.len()),
        Some(Payload::Bytes(b)) => Ok(b.len()),
        _ => {
            let u = unwrap_builtin(vm, v);
            vm.len(&u)
        }
    }
}

fn seq_iter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    use crate::value::IterState;
    let v = this(a).clone();
    let st = match v.payload() {
        Some(Payload::List(_) | Payload::Tuple(_)) => IterState::Seq { seq: v.clone(), index: 0 },
        Some(Payload::Str(_)) => IterState::Str { s: v.clone(), index: 0 },
        Some(Payload::Dict(d)) => {
            let b = d.borrow();
            IterState::DictKeys { dict: v.clone(), index: 0, len_at_start: b.len(), version: b.version }
        }
        Some(Payload::Set(d)) => {
            let b = d.borrow();
            IterState::SetKeys { set: v.clone(), keys: b.set_keys(), index: 0, len_at_start: b.len() }
        }
        _ => {
            let u = unwrap_builtin(vm, &v);
            return vm.iter(&u);
        }
    };
    Ok(vm.new_iter(st))
}

fn seq_contains(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let item = arg1(vm, a, "__contains__")?.clone();
    let v = this(a).clone();
    match v.payload() {
        Some(Payload::List(_) | Payload::Tuple(_)) => {
            for x in vm.to_vec(&v)? {
                if x.is(&item) || vm.eq(&x, &item)? {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }
        _ => vm.contains(&v, &item).map(Value::Bool),
    }
}

fn seq_getitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let key = arg1(vm, a, "__getitem__")?.clone();
    match crate::objects::methods::native_getitem(vm, this(a), &key)? {
        Some(v) => Ok(v),
        None => Err(vm.type_error(format!("'{}' object is not subscriptable", vm.type_name(this(a))))),
    }
}

fn seq_setitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.len() != 3 {
        return Err(vm.type_error("expected 2 arguments"));
    }
    crate::objects::methods::native_setitem(vm, &a.pos[0], a.pos[1].clone(), a.pos[2].clone())?;
    Ok(Value::None)
}

fn seq_delitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let key = arg1(vm, a, "__delitem__")?.clone();
    crate::objects::methods::native_delitem(vm, this(a), &key)?;
    Ok(Value::None)
}

fn iter_self(_vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(this(a).clone())
}

fn iter_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let it = this(a).clone();
    if let Some(Payload::Generator(_)) = it.payload() {
        let g = it.obj().expect("generator").clone();
        return match vm.gen_resume(&g, Value::None, None)? {
            Some(v) => Ok(v),
            None => Err(vm.stop_iteration(Value::None)),
        };
    }
    // The built-in step itself, even for a subclass overriding `__next__`
    // (which is what calls this through `super()`).
    let r = match it.payload() {
        Some(Payload::Iter(st)) => crate::objects::iter::next(vm, &it, st)?,
        _ => vm.next(&it)?,
    };
    match r {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

fn type_call(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(cls) = this(a).obj().filter(|o| matches!(o.payload, Payload::Class(_))).cloned() else {
        let Some(first) = a.pos.first() else {
            return Err(vm.type_error("descriptor '__call__' of 'type' object needs an argument"));
        };
        let got = vm.type_name(first);
        return Err(vm.type_error(format!("descriptor '__call__' requires a 'type' object but received a '{got}'")));
    };
    crate::types::call_class_default(vm, &cls, Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() })
}

fn type_subclasses(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let subs: Vec<Value> = match this(a).payload() {
        Some(Payload::Class(c)) => c.subclasses.borrow().iter().filter_map(|w| w.upgrade()).map(Value::Obj).collect(),
        _ => Vec::new(),
    };
    Ok(vm.new_list(subs))
}

fn type_instancecheck(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let obj = arg1(vm, a, "__instancecheck__")?.clone();
    match this(a).obj() {
        Some(c) => {
            let c: PyRef = c.clone();
            Ok(Value::Bool(vm.isinstance(&obj, &c)))
        }
        None => Ok(Value::Bool(false)),
    }
}

fn type_subclasscheck(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let sub = arg1(vm, a, "__subclasscheck__")?.clone();
    match (sub.obj(), this(a).obj()) {
        (Some(s), Some(c)) if matches!(s.payload, Payload::Class(_)) => Ok(Value::Bool(vm.is_subclass(s, c))),
        _ => Err(vm.type_error("issubclass() arg 1 must be a class")),
    }
}

fn function_get(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let obj = a.pos.get(1).cloned().unwrap_or(Value::None);
    if obj.is_none() {
        return Ok(this(a).clone());
    }
    Ok(vm.new_object(&vm.types.method.clone(), Payload::Method { func: this(a).clone(), self_: obj }, false))
}

#[allow(dead_code)]
fn key(name: &str) -> Value {
    str_key(name)
}

/// `function.__call__` and the like: call `self` with the rest.
fn call_self(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(f) = a.pos.first().cloned() else { return Err(vm.type_error("descriptor '__call__' needs an argument")) };
    vm.call_kw(&f, a.pos[1..].to_vec(), a.kw.clone())
}
