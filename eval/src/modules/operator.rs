//! `_operator`: the C accelerator of `operator.py` (CPython 3.11's
//! `Modules/_operator.c`): the operator functions, `itemgetter`,
//! `attrgetter` and `methodcaller`, with the C module's argument errors
//! (`operator.py` ends with `from _operator import *`, so these replace
//! its pure-Python versions).

use std::cell::RefCell;

use crate::code::{BinOp, CmpOp, Instr};
use crate::modules::native::{self, add_method, add_new, this_method, this_slot};
use crate::value::{NativeFn, Payload, PyRef, Value};
use crate::vm::{ops, str_key, Args, Vm};
use crate::PyResult;

const ITEMGETTER: &str = "operator.itemgetter";
const ATTRGETTER: &str = "operator.attrgetter";
const METHODCALLER: &str = "operator.methodcaller";

const DOC: &str = "Operator interface.\n\nThis module exports a set of functions implemented in C corresponding\nto the intrinsic operators of Python.  For example, operator.add(x, y)\nis equivalent to the expression x+y.  The function names are those\nused for special methods; variants without leading and trailing\n'__' are also provided for convenience.";

thread_local! {
    static REPR_ACTIVE: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let funcs: &[(&'static str, NativeFn)] = &[
        ("truth", truth),
        ("contains", contains),
        ("indexOf", index_of),
        ("countOf", count_of),
        ("is_", is_),
        ("is_not", is_not),
        ("index", index),
        ("add", add),
        ("sub", sub),
        ("mul", mul),
        ("matmul", matmul),
        ("floordiv", floordiv),
        ("truediv", truediv),
        ("mod", mod_),
        ("neg", neg),
        ("pos", pos),
        ("abs", abs),
        ("inv", inv),
        ("invert", invert),
        ("lshift", lshift),
        ("rshift", rshift),
        ("not_", not_),
        ("and_", and_),
        ("xor", xor),
        ("or_", or_),
        ("iadd", iadd),
        ("isub", isub),
        ("imul", imul),
        ("imatmul", imatmul),
        ("ifloordiv", ifloordiv),
        ("itruediv", itruediv),
        ("imod", imod),
        ("ilshift", ilshift),
        ("irshift", irshift),
        ("iand", iand),
        ("ixor", ixor),
        ("ior", ior),
        ("concat", concat),
        ("iconcat", iconcat),
        ("getitem", getitem),
        ("setitem", setitem),
        ("delitem", delitem),
        ("pow", pow),
        ("ipow", ipow),
        ("eq", eq),
        ("ne", ne),
        ("lt", lt),
        ("le", le),
        ("gt", gt),
        ("ge", ge),
        ("_compare_digest", compare_digest),
        ("length_hint", length_hint),
        ("call", call),
    ];
    let m = native::new_module(vm, "_operator", funcs);
    native::set(&m, "__doc__", vm.new_str(DOC));

    let ig = native::native_final_class(vm, "operator", "itemgetter");
    add_new(&ig, itemgetter_new);
    add_method(&ig, "__call__", itemgetter_call);
    add_method(&ig, "__repr__", itemgetter_repr);
    add_method(&ig, "__reduce__", itemgetter_reduce);
    set_doc(vm, &ig, "itemgetter(item, ...) --> itemgetter object\n\nReturn a callable object that fetches the given item(s) from its operand.\nAfter f = itemgetter(2), the call f(r) returns r[2].\nAfter g = itemgetter(2, 5, 3), the call g(r) returns (r[2], r[5], r[3])");
    native::set(&m, "itemgetter", Value::Obj(ig));

    let ag = native::native_final_class(vm, "operator", "attrgetter");
    add_new(&ag, attrgetter_new);
    add_method(&ag, "__call__", attrgetter_call);
    add_method(&ag, "__repr__", attrgetter_repr);
    add_method(&ag, "__reduce__", attrgetter_reduce);
    set_doc(vm, &ag, "attrgetter(attr, ...) --> attrgetter object\n\nReturn a callable object that fetches the given attribute(s) from its operand.\nAfter f = attrgetter('name'), the call f(r) returns r.name.\nAfter g = attrgetter('name', 'date'), the call g(r) returns (r.name, r.date).\nAfter h = attrgetter('name.first', 'name.last'), the call h(r) returns\n(r.name.first, r.name.last).");
    native::set(&m, "attrgetter", Value::Obj(ag));

    let mc = native::native_final_class(vm, "operator", "methodcaller");
    add_new(&mc, methodcaller_new);
    add_method(&mc, "__call__", methodcaller_call);
    add_method(&mc, "__repr__", methodcaller_repr);
    add_method(&mc, "__reduce__", methodcaller_reduce);
    set_doc(vm, &mc, "methodcaller(name, ...) --> methodcaller object\n\nReturn a callable object that calls the given method on its operand.\nAfter f = methodcaller('name'), the call f(r) returns r.name().\nAfter g = methodcaller('name', 'date', foo=1), the call g(r) returns\nr.name('date', foo=1).");
    native::set(&m, "methodcaller", Value::Obj(mc));
    Ok(m)
}

fn set_doc(vm: &Vm, cls: &PyRef, doc: &str) {
    native::set(&Value::Obj(cls.clone()), "__doc__", vm.new_str(doc));
}

// ---- argument checks (METH_O / METH_FASTCALL messages) ----------------------

/// A METH_O function: exactly one positional argument.
fn one<'a>(vm: &Vm, a: &'a Args, name: &str) -> PyResult<&'a Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("_operator.{name}() takes no keyword arguments")));
    }
    if a.pos.len() != 1 {
        return Err(vm.type_error(format!("_operator.{name}() takes exactly one argument ({} given)", a.pos.len())));
    }
    Ok(&a.pos[0])
}

/// A positional-only clinic function of exactly `n` arguments.
fn exactly<'a>(vm: &Vm, a: &'a Args, name: &str, n: usize) -> PyResult<&'a [Value]> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("_operator.{name}() takes no keyword arguments")));
    }
    if a.pos.len() != n {
        return Err(vm.type_error(format!("{name} expected {n} arguments, got {}", a.pos.len())));
    }
    Ok(&a.pos)
}

fn two<'a>(vm: &Vm, a: &'a Args, name: &str) -> PyResult<(&'a Value, &'a Value)> {
    let p = exactly(vm, a, name, 2)?;
    Ok((&p[0], &p[1]))
}

// ---- the operator functions ------------------------------------------------

macro_rules! binops {
    ($($f:ident $name:literal $op:ident;)*) => {
        $(fn $f(vm: &mut Vm, a: &Args) -> PyResult<Value> {
            let (x, y) = two(vm, a, $name)?;
            vm.binary_op(x, y, BinOp::$op)
        })*
    };
}

binops! {
    add "add" Add;
    sub "sub" Sub;
    mul "mul" Mul;
    matmul "matmul" MatMul;
    floordiv "floordiv" FloorDiv;
    truediv "truediv" TrueDiv;
    mod_ "mod" Mod;
    lshift "lshift" LShift;
    rshift "rshift" RShift;
    and_ "and_" And;
    xor "xor" Xor;
    or_ "or_" Or;
    pow "pow" Pow;
    iadd "iadd" InplaceAdd;
    isub "isub" InplaceSub;
    imul "imul" InplaceMul;
    imatmul "imatmul" InplaceMatMul;
    ifloordiv "ifloordiv" InplaceFloorDiv;
    itruediv "itruediv" InplaceTrueDiv;
    imod "imod" InplaceMod;
    ilshift "ilshift" InplaceLShift;
    irshift "irshift" InplaceRShift;
    iand "iand" InplaceAnd;
    ixor "ixor" InplaceXor;
    ior "ior" InplaceOr;
    ipow "ipow" InplacePow;
}

macro_rules! cmpops {
    ($($f:ident $name:literal $op:ident;)*) => {
        $(fn $f(vm: &mut Vm, a: &Args) -> PyResult<Value> {
            let (x, y) = two(vm, a, $name)?;
            vm.compare(x, y, CmpOp::$op)
        })*
    };
}

cmpops! {
    eq "eq" Eq;
    ne "ne" Ne;
    lt "lt" Lt;
    le "le" Le;
    gt "gt" Gt;
    ge "ge" Ge;
}

fn neg(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = one(vm, a, "neg")?;
    vm.unary_op(x, Instr::UnaryNegative)
}

fn pos(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = one(vm, a, "pos")?;
    vm.unary_op(x, Instr::UnaryPositive)
}

fn inv(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = one(vm, a, "inv")?;
    vm.unary_op(x, Instr::UnaryInvert)
}

fn invert(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = one(vm, a, "invert")?;
    vm.unary_op(x, Instr::UnaryInvert)
}

fn abs(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = one(vm, a, "abs")?.clone();
    let f = vm.builtins_get("abs").ok_or_else(|| vm.type_error("abs is missing"))?;
    vm.call(&f, vec![x])
}

fn truth(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = one(vm, a, "truth")?;
    Ok(Value::Bool(vm.truthy(x)?))
}

fn not_(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = one(vm, a, "not_")?;
    Ok(Value::Bool(!vm.truthy(x)?))
}

fn index(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let x = one(vm, a, "index")?;
    match x {
        Value::Int(i) => Ok(Value::Int(*i)),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        _ => {
            let x = x.clone();
            let b = crate::builtins::index_big(vm, &x)?;
            Ok(ops::int_from_big(b))
        }
    }
}

fn is_(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (x, y) = two(vm, a, "is_")?;
    Ok(Value::Bool(x.is(y)))
}

fn is_not(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (x, y) = two(vm, a, "is_not")?;
    Ok(Value::Bool(!x.is(y)))
}

fn contains(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (x, y) = two(vm, a, "contains")?;
    Ok(Value::Bool(vm.contains(x, y)?))
}

/// `_PySequence_IterSearch`: iterate `seq` comparing each item with `obj`.
fn iter_search(vm: &mut Vm, seq: &Value, obj: &Value, first: bool) -> PyResult<Option<i64>> {
    let it = match vm.iter(seq) {
        Ok(it) => it,
        Err(e) if vm.isinstance(&e.0, &vm.types.exc.type_error.clone()) => {
            return Err(vm.type_error(format!("argument of type '{}' is not iterable", vm.type_name(seq))));
        }
        Err(e) => return Err(e),
    };
    let mut n: i64 = 0;
    let mut i: i64 = 0;
    while let Some(x) = vm.next(&it)? {
        if vm.eq(&x, obj)? {
            if first {
                return Ok(Some(i));
            }
            n += 1;
        }
        i += 1;
    }
    Ok(if first { None } else { Some(n) })
}

fn index_of(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (x, y) = two(vm, a, "indexOf")?;
    let (x, y) = (x.clone(), y.clone());
    match iter_search(vm, &x, &y, true)? {
        Some(i) => Ok(Value::Int(i)),
        None => Err(vm.value_error("sequence.index(x): x not in sequence")),
    }
}

fn count_of(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (x, y) = two(vm, a, "countOf")?;
    let (x, y) = (x.clone(), y.clone());
    Ok(Value::Int(iter_search(vm, &x, &y, false)?.unwrap_or(0)))
}

fn getitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (x, y) = two(vm, a, "getitem")?;
    vm.getitem(x, y)
}

fn setitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = exactly(vm, a, "setitem", 3)?;
    vm.setitem(&p[0], p[1].clone(), p[2].clone())?;
    Ok(Value::None)
}

fn delitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (x, y) = two(vm, a, "delitem")?;
    vm.delitem(x, y)?;
    Ok(Value::None)
}

/// Does `v`'s type have `sq_concat` (the built-in sequences and their
/// subclasses)?
fn has_sq_concat(v: &Value) -> bool {
    matches!(
        v.payload(),
        Some(Payload::Str(_) | Payload::Bytes(_) | Payload::ByteArray(_) | Payload::List(_) | Payload::Tuple(_))
    )
}

/// `PySequence_Check`: has `__getitem__` and is not a dict.
fn is_sequence(vm: &Vm, v: &Value) -> bool {
    if matches!(v.payload(), Some(Payload::Dict(_))) {
        return false;
    }
    if has_sq_concat(v) {
        return true;
    }
    let cls = vm.type_of(v);
    if vm.is_subclass(&cls, &vm.types.dict) {
        return false;
    }
    vm.lookup_mro(&cls, "__getitem__").is_some()
}

fn concat_impl(vm: &mut Vm, x: &Value, y: &Value, inplace: bool) -> PyResult<Value> {
    if has_sq_concat(x) || crate::modules::collections::is_deque(x) {
        let op = if inplace { BinOp::InplaceAdd } else { BinOp::Add };
        return vm.binary_op(x, y, op);
    }
    if is_sequence(vm, x) && is_sequence(vm, y) {
        let op = if inplace { BinOp::InplaceAdd } else { BinOp::Add };
        match vm.binary_op(x, y, op) {
            Ok(v) => return Ok(v),
            Err(e) if vm.isinstance(&e.0, &vm.types.exc.type_error.clone()) && e.0.payload().is_some() => {
                // binary_op1 returned NotImplemented on both sides.
                if !is_unsupported_operands(vm, &e.0) {
                    return Err(e);
                }
            }
            Err(e) => return Err(e),
        }
    }
    Err(vm.type_error(format!("'{}' object can't be concatenated", vm.type_name(x))))
}

fn is_unsupported_operands(vm: &mut Vm, e: &Value) -> bool {
    let s = vm.str_string(e).unwrap_or_default();
    s.starts_with("unsupported operand type(s) for +")
}

fn concat(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (x, y) = two(vm, a, "concat")?;
    let (x, y) = (x.clone(), y.clone());
    concat_impl(vm, &x, &y, false)
}

fn iconcat(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (x, y) = two(vm, a, "iconcat")?;
    let (x, y) = (x.clone(), y.clone());
    concat_impl(vm, &x, &y, true)
}

fn compare_digest(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (x, y) = two(vm, a, "_compare_digest")?;
    let (x, y) = (x.clone(), y.clone());
    let (left, right) = match (x.as_str(), y.as_str()) {
        (Some(p), Some(q)) => {
            let (Some(p), Some(q)) = (p.as_ascii(), q.as_ascii()) else {
                return Err(vm.type_error("comparing strings with non-ASCII characters is not supported"));
            };
            (p.as_bytes().to_vec(), q.as_bytes().to_vec())
        }
        _ => {
            let has_buffer = |v: &Value| matches!(v.payload(), Some(Payload::Bytes(_) | Payload::ByteArray(_) | Payload::MemoryView(_)));
            if !has_buffer(&x) && !has_buffer(&y) {
                return Err(vm.type_error(format!(
                    "unsupported operand types(s) or combination of types: '{}' and '{}'",
                    vm.type_name(&x),
                    vm.type_name(&y)
                )));
            }
            let p = native::buffer_bytes(vm, &x)?;
            let q = native::buffer_bytes(vm, &y)?;
            (p, q)
        }
    };
    // Constant time in the length of `right`, as CPython's `_tscmp`.
    let mut result: u8 = if left.len() == right.len() { 0 } else { 1 };
    let l = if left.len() == right.len() { &left } else { &right };
    for (p, q) in l.iter().zip(right.iter()) {
        result |= p ^ q;
    }
    Ok(Value::Bool(result == 0))
}

/// `PyObject_LengthHint`.
pub fn length_hint_of(vm: &mut Vm, obj: &Value, default: i64) -> PyResult<i64> {
    let cls = vm.type_of(obj);
    let has_len = match obj.payload() {
        Some(Payload::Str(_) | Payload::List(_) | Payload::Tuple(_) | Payload::Dict(_) | Payload::Set(_) | Payload::FrozenSet(_) | Payload::Bytes(_) | Payload::ByteArray(_)) => true,
        _ => vm.lookup_mro(&cls, "__len__").is_some(),
    };
    if has_len {
        match vm.len(obj) {
            Ok(n) => return Ok(n as i64),
            Err(e) if vm.isinstance(&e.0, &vm.types.exc.type_error.clone()) => {}
            Err(e) => return Err(e),
        }
    }
    let Some(hint) = vm.lookup_mro(&cls, "__length_hint__") else {
        return Ok(builtin_length_hint(vm, obj).unwrap_or(default));
    };
    let r = match vm.call(&hint, vec![obj.clone()]) {
        Ok(r) => r,
        Err(e) if vm.isinstance(&e.0, &vm.types.exc.type_error.clone()) => return Ok(default),
        Err(e) => return Err(e),
    };
    if r.is(&vm.types.not_implemented) {
        return Ok(default);
    }
    let Some(n) = ops::as_big(&r) else {
        return Err(vm.type_error(format!("__length_hint__ must be an integer, not {}", vm.type_name(&r))));
    };
    use num_traits::ToPrimitive;
    let Some(n) = n.to_i64() else {
        return Err(vm.overflow_error("Python int too large to convert to C ssize_t"));
    };
    if n < 0 {
        return Err(vm.value_error("__length_hint__() should return >= 0"));
    }
    Ok(n)
}

/// The `__length_hint__` of the built-in iterators that pyx implements
/// without a Python-visible method.
fn builtin_length_hint(vm: &mut Vm, obj: &Value) -> Option<i64> {
    let _ = vm;
    crate::objects::iter::length_hint(obj)
}

fn length_hint(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("_operator.length_hint() takes no keyword arguments"));
    }
    let n = a.pos.len();
    if n == 0 {
        return Err(vm.type_error("length_hint expected at least 1 argument, got 0"));
    }
    if n > 2 {
        return Err(vm.type_error(format!("length_hint expected at most 2 arguments, got {n}")));
    }
    let obj = a.pos[0].clone();
    let default = match a.pos.get(1) {
        Some(d) => {
            let d = d.clone();
            crate::builtins::index_i64(vm, &d)?
        }
        None => 0,
    };
    Ok(Value::Int(length_hint_of(vm, &obj, default)?))
}

fn call(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.pos.is_empty() {
        return Err(vm.type_error("call expected at least 1 argument, got 0"));
    }
    let f = a.pos[0].clone();
    vm.call_kw(&f, a.pos[1..].to_vec(), a.kw.clone())
}

// ---- repr recursion guard ---------------------------------------------------

fn repr_enter(v: &Value) -> bool {
    let key = v.obj().map(|o| std::rc::Rc::as_ptr(o) as usize).unwrap_or(0);
    REPR_ACTIVE.with(|r| {
        let mut r = r.borrow_mut();
        if r.contains(&key) {
            false
        } else {
            r.push(key);
            true
        }
    })
}

fn repr_leave(v: &Value) {
    let key = v.obj().map(|o| std::rc::Rc::as_ptr(o) as usize).unwrap_or(0);
    REPR_ACTIVE.with(|r| r.borrow_mut().retain(|k| *k != key));
}

fn with_repr_guard(vm: &mut Vm, s: &Value, tp: &str, f: impl FnOnce(&mut Vm) -> PyResult<String>) -> PyResult<Value> {
    if !repr_enter(s) {
        return Ok(vm.new_str(&format!("{tp}(...)")));
    }
    let r = f(vm);
    repr_leave(s);
    let r = r?;
    Ok(vm.new_str(&r))
}

/// The call of a getter: one positional argument, no keywords.
fn getter_arg<'a>(vm: &Vm, a: &'a Args, what: &str) -> PyResult<&'a Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("{what}() takes no keyword arguments")));
    }
    if a.pos.len() != 2 {
        return Err(vm.type_error(format!("{what} expected 1 argument, got {}", a.pos.len().saturating_sub(1))));
    }
    Ok(&a.pos[1])
}

/// The arguments of a getter's `__new__`: `(cls, item, *items)`, no keywords.
fn new_args<'a>(vm: &Vm, a: &'a Args, what: &str) -> PyResult<&'a [Value]> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("{what}() takes no keyword arguments")));
    }
    let items = &a.pos[1.min(a.pos.len())..];
    if items.is_empty() {
        return Err(vm.type_error(format!("{what} expected 1 argument, got 0")));
    }
    Ok(items)
}

fn cls_of_new(vm: &Vm, a: &Args, what: &str) -> PyResult<PyRef> {
    match a.pos.first() {
        Some(Value::Obj(c)) if matches!(c.payload, Payload::Class(_)) => Ok(c.clone()),
        _ => Err(vm.type_error(format!("{what}.__new__(X): X is not a type object"))),
    }
}

// ---- itemgetter ---------------------------------------------------------------

struct ItemGetter {
    /// The single item, or the tuple of items when there are several.
    item: Value,
    nitems: usize,
}

fn itemgetter_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cls = cls_of_new(vm, a, "itemgetter")?;
    let items = new_args(vm, a, "itemgetter")?;
    let (item, nitems) = if items.len() == 1 { (items[0].clone(), 1) } else { (vm.new_tuple(items.to_vec()), items.len()) };
    Ok(native::new_opaque(vm, &cls, ItemGetter { item, nitems }))
}

fn itemgetter_call(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<ItemGetter>(vm, a, ITEMGETTER, "__call__")?;
    let (item, nitems) = native::opaque::<ItemGetter>(s).map(|g| (g.item.clone(), g.nitems)).unwrap_or((Value::None, 1));
    let obj = getter_arg(vm, a, "itemgetter")?.clone();
    if nitems == 1 {
        return vm.getitem(&obj, &item);
    }
    let keys = match item.payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => Vec::new(),
    };
    let mut out = Vec::with_capacity(keys.len());
    for k in keys {
        out.push(vm.getitem(&obj, &k)?);
    }
    Ok(vm.new_tuple(out))
}

fn itemgetter_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<ItemGetter>(vm, a, ITEMGETTER, "__repr__")?.clone();
    let (item, nitems) = native::opaque::<ItemGetter>(&s).map(|g| (g.item.clone(), g.nitems)).unwrap_or((Value::None, 1));
    with_repr_guard(vm, &s, ITEMGETTER, |vm| {
        let r = vm.repr(&item)?.to_string_lossy();
        Ok(if nitems == 1 { format!("{ITEMGETTER}({r})") } else { format!("{ITEMGETTER}{r}") })
    })
}

fn itemgetter_reduce(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_method::<ItemGetter>(vm, a, ITEMGETTER, "__reduce__")?.clone();
    let (item, nitems) = native::opaque::<ItemGetter>(&s).map(|g| (g.item.clone(), g.nitems)).unwrap_or((Value::None, 1));
    let cls = Value::Obj(vm.type_of(&s));
    let args = if nitems == 1 { vm.new_tuple(vec![item]) } else { item };
    Ok(vm.new_tuple(vec![cls, args]))
}

// ---- attrgetter ---------------------------------------------------------------

struct AttrGetter {
    /// One entry per attribute: its dotted components.
    attrs: Vec<Vec<Value>>,
}

fn attrgetter_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cls = cls_of_new(vm, a, "attrgetter")?;
    let items = new_args(vm, a, "attrgetter")?.to_vec();
    let mut attrs = Vec::with_capacity(items.len());
    for it in &items {
        let Some(s) = it.as_str() else { return Err(vm.type_error("attribute name must be a string")) };
        let cps = s.code_points();
        if !cps.contains(&('.' as u32)) {
            attrs.push(vec![it.clone()]);
            continue;
        }
        let parts: Vec<Value> = cps.split(|&c| c == '.' as u32).map(|p| vm.new_pystr(crate::objects::str::PyStr::from_code_points(p.to_vec()))).collect();
        attrs.push(parts);
    }
    Ok(native::new_opaque(vm, &cls, AttrGetter { attrs }))
}

fn attrs_of(s: &Value) -> Vec<Vec<Value>> {
    native::opaque::<AttrGetter>(s).map(|g| g.attrs.clone()).unwrap_or_default()
}

fn dotted_getattr(vm: &mut Vm, obj: &Value, chain: &[Value]) -> PyResult<Value> {
    let mut o = obj.clone();
    for name in chain {
        o = vm.getattr(&o, name)?;
    }
    Ok(o)
}

fn attrgetter_call(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<AttrGetter>(vm, a, ATTRGETTER, "__call__")?;
    let attrs = attrs_of(s);
    let obj = getter_arg(vm, a, "attrgetter")?.clone();
    if attrs.len() == 1 {
        return dotted_getattr(vm, &obj, &attrs[0]);
    }
    let mut out = Vec::with_capacity(attrs.len());
    for chain in &attrs {
        out.push(dotted_getattr(vm, &obj, chain)?);
    }
    Ok(vm.new_tuple(out))
}

/// The attribute names as given (dotted), as `str` objects.
fn attr_strings(vm: &Vm, attrs: &[Vec<Value>]) -> Vec<Value> {
    attrs
        .iter()
        .map(|chain| {
            if chain.len() == 1 {
                return chain[0].clone();
            }
            let mut cps = Vec::new();
            for (i, p) in chain.iter().enumerate() {
                if i > 0 {
                    cps.push('.' as u32);
                }
                if let Some(s) = p.as_str() {
                    cps.extend(s.iter());
                }
            }
            vm.new_pystr(crate::objects::str::PyStr::from_code_points(cps))
        })
        .collect()
}

fn attrgetter_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<AttrGetter>(vm, a, ATTRGETTER, "__repr__")?.clone();
    let names = attr_strings(vm, &attrs_of(&s));
    with_repr_guard(vm, &s, ATTRGETTER, |vm| {
        if names.len() == 1 {
            let r = vm.repr(&names[0])?.to_string_lossy();
            return Ok(format!("{ATTRGETTER}({r})"));
        }
        let t = vm.new_tuple(names);
        let r = vm.repr(&t)?.to_string_lossy();
        Ok(format!("{ATTRGETTER}{r}"))
    })
}

fn attrgetter_reduce(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_method::<AttrGetter>(vm, a, ATTRGETTER, "__reduce__")?.clone();
    let names = attr_strings(vm, &attrs_of(&s));
    let cls = Value::Obj(vm.type_of(&s));
    let t = vm.new_tuple(names);
    Ok(vm.new_tuple(vec![cls, t]))
}

// ---- methodcaller ---------------------------------------------------------------

struct MethodCaller {
    name: Value,
    args: Vec<Value>,
    kw: Vec<(Value, Value)>,
}

fn methodcaller_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cls = cls_of_new(vm, a, "methodcaller")?;
    if a.pos.len() < 2 {
        return Err(vm.type_error("methodcaller needs at least one argument, the method name"));
    }
    let name = a.pos[1].clone();
    if name.as_str().is_none() {
        return Err(vm.type_error("method name must be a string"));
    }
    let args = a.pos[2..].to_vec();
    Ok(native::new_opaque(vm, &cls, MethodCaller { name, args, kw: a.kw.clone() }))
}

fn mc_parts(s: &Value) -> (Value, Vec<Value>, Vec<(Value, Value)>) {
    native::opaque::<MethodCaller>(s).map(|m| (m.name.clone(), m.args.clone(), m.kw.clone())).unwrap_or((Value::None, Vec::new(), Vec::new()))
}

fn methodcaller_call(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<MethodCaller>(vm, a, METHODCALLER, "__call__")?;
    let (name, args, kw) = mc_parts(s);
    let obj = getter_arg(vm, a, "methodcaller")?.clone();
    let m = vm.getattr(&obj, &name)?;
    vm.call_kw(&m, args, kw)
}

fn methodcaller_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_slot::<MethodCaller>(vm, a, METHODCALLER, "__repr__")?.clone();
    let (name, args, kw) = mc_parts(&s);
    with_repr_guard(vm, &s, METHODCALLER, |vm| {
        let n = vm.repr(&name)?.to_string_lossy();
        if args.is_empty() && kw.is_empty() {
            return Ok(format!("{METHODCALLER}({n})"));
        }
        let mut parts = Vec::new();
        for x in &args {
            parts.push(vm.repr(x)?.to_string_lossy());
        }
        for (k, v) in &kw {
            let k = vm.str_string(k)?;
            parts.push(format!("{k}={}", vm.repr(v)?.to_string_lossy()));
        }
        Ok(format!("{METHODCALLER}({n}, {})", parts.join(", ")))
    })
}

fn methodcaller_reduce(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = this_method::<MethodCaller>(vm, a, METHODCALLER, "__reduce__")?.clone();
    let (name, args, kw) = mc_parts(&s);
    let cls = Value::Obj(vm.type_of(&s));
    if kw.is_empty() {
        let mut newargs = vec![name];
        newargs.extend(args);
        let t = vm.new_tuple(newargs);
        return Ok(vm.new_tuple(vec![cls, t]));
    }
    let functools = crate::modules::import_module(vm, "functools")?;
    let partial = vm.getattr(&functools, &str_key("partial"))?;
    let ctor = vm.call_kw(&partial, vec![cls, name], kw)?;
    let t = vm.new_tuple(args);
    Ok(vm.new_tuple(vec![ctor, t]))
}
