//! Operators and protocols: arithmetic, comparison, truth, hashing,
//! attributes, items, iteration, repr/str/format.

use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::{str_key, Args, Vm};
use crate::code::{BinOp, CmpOp, Instr};
use crate::objects::dict;
use crate::objects::str::PyStr;
use crate::value::{IterState, Payload, PyRef, Value};
use crate::{PyErr, PyResult};

pub fn int_from_big(i: BigInt) -> Value {
    match i.to_i64() {
        Some(v) => Value::Int(v),
        None => Value::Obj(Rc::new(crate::value::Object {
            class: crate::value::ClassCell::new(int_type()),
            dict: None,
            slots: crate::value::no_slots(),
            payload: Payload::BigInt(i),
        })),
    }
}

thread_local! {
    static INT_TYPE: std::cell::RefCell<Option<PyRef>> = const { std::cell::RefCell::new(None) };
}

fn int_type() -> PyRef {
    INT_TYPE.with(|t| t.borrow().clone().expect("set_int_type runs at start-up"))
}

pub fn set_int_type(t: PyRef) {
    INT_TYPE.with(|x| *x.borrow_mut() = Some(t));
}

/// The integer value of an int-like (int, bool, big int).
pub fn as_big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some((*i).into()),
        Value::Bool(b) => Some((*b as i64).into()),
        Value::Obj(o) => match &o.payload {
            Payload::BigInt(b) => Some(b.clone()),
            _ => None,
        },
        _ => None,
    }
}

pub fn as_i64(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => as_big(v).and_then(|b| b.to_i64()),
    }
}

fn as_float(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(*f),
        Value::Obj(o) => match &o.payload {
            Payload::Float(f) => Some(*f),
            _ => None,
        },
        _ => None,
    }
}

fn is_intlike(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_)) || matches!(v.payload(), Some(Payload::BigInt(_)))
}

/// Equality of keys with native equality (see `dict::native_eq_key`).
pub fn native_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::None, Value::None) => true,
        (Value::Obj(x), Value::Obj(y)) => match (&x.payload, &y.payload) {
            (Payload::Str(p), Payload::Str(q)) => p.eq_str(q),
            (Payload::Bytes(p), Payload::Bytes(q)) => p == q,
            (Payload::Tuple(p), Payload::Tuple(q)) => {
                p.len() == q.len() && p.iter().zip(q.iter()).all(|(a, b)| a.is(b) || native_eq(a, b))
            }
            (Payload::BigInt(p), Payload::BigInt(q)) => p == q,
            _ => Rc::ptr_eq(x, y),
        },
        _ => {
            if let (Some(x), Some(y)) = (as_big(a), as_big(b)) {
                return x == y;
            }
            match (num_as_f64(a), num_as_f64(b)) {
                (Some(x), Some(y)) => x == y,
                _ => false,
            }
        }
    }
}

/// An int against a float, exactly (`2**53 + 1 != float(2**53 + 1)`);
/// None when either is not that kind or the float is NaN.
fn int_float_cmp(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    use num_traits::FromPrimitive;
    let (i, f, flip) = match (is_intlike(a), as_float(b), is_intlike(b), as_float(a)) {
        (true, Some(f), _, _) => (as_big(a)?, f, false),
        (_, _, true, Some(f)) => (as_big(b)?, f, true),
        _ => return None,
    };
    if f.is_nan() {
        return None;
    }
    let ord = if f.is_infinite() {
        if f > 0.0 {
            std::cmp::Ordering::Less
        } else {
            std::cmp::Ordering::Greater
        }
    } else {
        let fl = f.floor();
        let fb = BigInt::from_f64(fl)?;
        match i.cmp(&fb) {
            std::cmp::Ordering::Equal if f != fl => std::cmp::Ordering::Less,
            o => o,
        }
    };
    Some(if flip { ord.reverse() } else { ord })
}

pub fn num_as_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(*f),
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(*b as i64 as f64),
        _ => as_big(v).and_then(|b| b.to_f64()),
    }
}

pub fn set_cause(e: &Value, cause: &Value, as_context: bool) {
    if let Some(Payload::Exception(x)) = e.payload() {
        if as_context {
            *x.context.borrow_mut() = cause.clone();
        } else {
            *x.cause.borrow_mut() = cause.clone();
            x.suppress_context.set(true);
        }
    }
}

/// The `value` of a StopIteration.
pub fn stop_value(vm: &mut Vm, e: &Value) -> Value {
    if let Some(d) = e.obj().and_then(|o| o.dict.as_ref()) {
        if let Some(v) = d.borrow().get_str("value") {
            return v.clone();
        }
    }
    if let Some(Payload::Exception(x)) = e.payload() {
        if let Some(Payload::Tuple(t)) = x.args.borrow().payload() {
            return t.first().cloned().unwrap_or(Value::None);
        }
    }
    let _ = vm;
    Value::None
}

pub fn dict_update(vm: &mut Vm, target: &Value, src: &Value, merge: bool) -> PyResult<()> {
    let Some(Payload::Dict(t)) = target.payload() else { return Ok(()) };
    let items: Vec<(Value, Value)> = match src.payload() {
        Some(Payload::Dict(d)) => d.borrow().items(),
        _ => {
            let keys_attr = vm.lookup_mro(&vm.type_of(src), "keys");
            match keys_attr {
                Some(k) => {
                    let keys = vm.call(&k, vec![src.clone()])?;
                    let keys = vm.to_vec(&keys)?;
                    let mut out = Vec::new();
                    for k in keys {
                        let v = vm.getitem(src, &k)?;
                        out.push((k, v));
                    }
                    out
                }
                None => {
                    return Err(vm.type_error(format!(
                        "'{}' object is not a mapping",
                        vm.type_name(src)
                    )))
                }
            }
        }
    };
    for (k, v) in items {
        if merge && dict::contains(vm, t, &k)? {
            let ks = vm.str(&k)?;
            let ks = ks.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
            return Err(vm.type_error(format!("got multiple values for keyword argument '{ks}'")));
        }
        dict::set(vm, t, k, v)?;
    }
    Ok(())
}

/// Python's float repr: the shortest digits that round-trip, positional
/// between 1e-4 and 1e16, scientific otherwise.
/// Rust's shortest round-tripping digits, chosen as CPython's repr does
/// when two digit strings of that length both round-trip: the one nearer
/// the exact value, and on an exact tie the one with the even last digit
/// (Rust picks the upper one: 1490453661640834.25 gives ...834.3, CPython
/// ...834.2).
fn shortest_tie_even(f: f64, digits: String, exp: i32) -> String {
    let n = digits.len();
    let last = digits.as_bytes()[n - 1] - b'0';
    let parse = |d: &str| -> Option<f64> {
        let (a, b) = d.split_at(1);
        format!("{a}.{b}e{exp}").parse::<f64>().ok()
    };
    let mut alts = Vec::new();
    if last > 0 {
        alts.push(format!("{}{}", &digits[..n - 1], last - 1));
    }
    if last < 9 {
        alts.push(format!("{}{}", &digits[..n - 1], last + 1));
    }
    let alts: Vec<String> = alts.into_iter().filter(|d| parse(d) == Some(f)).collect();
    if alts.is_empty() {
        return digits;
    }
    // The exact value of f: at most 767 significant decimal digits.
    let exact = format!("{:.800e}", f);
    let Some((em, ee)) = exact.split_once('e') else { return digits };
    let Ok(ee) = ee.parse::<i32>() else { return digits };
    let edigits: String = em.chars().filter(|c| c.is_ascii_digit()).collect();
    // Compare as integers scaled to a common power of ten.
    let as_big = |d: &str, scale: i32, lo: i32| -> BigInt {
        let v: BigInt = d.parse().unwrap_or_default();
        v * BigInt::from(10u32).pow((scale - lo) as u32)
    };
    let e_scale = ee - (edigits.len() as i32 - 1);
    let d_scale = exp - (n as i32 - 1);
    let lo = e_scale.min(d_scale);
    let x = as_big(&edigits, e_scale, lo);
    let dist = |d: &str| (as_big(d, d_scale, lo) - &x).abs();
    let mut best = digits.clone();
    let mut best_dist = dist(&digits);
    for a in alts {
        let da = dist(&a);
        let even = (a.as_bytes()[n - 1] - b'0') % 2 == 0;
        if da < best_dist || (da == best_dist && even) {
            best = a;
            best_dist = da;
        }
    }
    best
}

/// `x // y` for floats (`y != 0`), as CPython's `_float_div_mod`.
pub fn float_floordiv(x: f64, y: f64) -> f64 {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    }
    let _ = m;
    if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(x / y)
    }
}

pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let e = format!("{:e}", f);
    let (mant, exp) = e.split_once('e').expect("{:e} has an exponent");
    let exp: i32 = exp.parse().expect("exponent is an integer");
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let digits = shortest_tie_even(f.abs(), digits, exp);
    let sign = if neg { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let n = digits.len() as i32;
        if exp >= 0 {
            if n <= exp + 1 {
                format!("{sign}{}{}.0", digits, "0".repeat((exp + 1 - n) as usize))
            } else {
                let (a, b) = digits.split_at((exp + 1) as usize);
                format!("{sign}{a}.{b}")
            }
        } else {
            format!("{sign}0.{}{}", "0".repeat((-exp - 1) as usize), digits)
        }
    } else {
        let (a, b) = digits.split_at(1);
        let m = if b.is_empty() { a.to_string() } else { format!("{a}.{b}") };
        format!("{sign}{m}e{}{:02}", if exp < 0 { "-" } else { "+" }, exp.abs())
    }
}

fn floor_div_i64(a: i64, b: i64) -> Option<i64> {
    let q = a.checked_div(b)?;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        Some(q - 1)
    } else {
        Some(q)
    }
}

fn py_mod_f(a: f64, b: f64) -> f64 {
    let m = a % b;
    if m != 0.0 && ((m < 0.0) != (b < 0.0)) {
        m + b
    } else if m == 0.0 {
        0.0f64.copysign(b)
    } else {
        m
    }
}

impl Vm {
    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Obj(o) => {
                if crate::vm::is_exact_builtin(o) {
                    match &o.payload {
                        Payload::Str(s) => return Ok(!s.is_empty()),
                        Payload::List(l) => return Ok(!l.borrow().is_empty()),
                        Payload::Tuple(t) => return Ok(!t.is_empty()),
                        Payload::Dict(d) | Payload::Set(d) => return Ok(!d.borrow().is_empty()),
                        Payload::BigInt(b) => return Ok(!b.is_zero()),
                        Payload::Float(f) => return Ok(*f != 0.0),
                        Payload::Complex(re, im) => return Ok(*re != 0.0 || *im != 0.0),
                        Payload::FrozenSet(d) => return Ok(!d.is_empty()),
                        Payload::Bytes(b) => return Ok(!b.is_empty()),
                        Payload::ByteArray(b) => return Ok(!b.borrow().is_empty()),
                        Payload::Range { start, stop, step } => return Ok(!crate::objects::methods::range_len(start, stop, step).is_zero()),
                        _ => {}
                    }
                }
                let cls = o.class();
                let bool_fn = self.lookup_mro(&cls, "__bool__").filter(|f| !(crate::vm::is_exact_builtin(o) && matches!(f.payload(), Some(Payload::Native(_)))));
                if let Some(b) = bool_fn {
                    let r = self.call(&b, vec![v.clone()])?;
                    return match r {
                        Value::Bool(b) => Ok(b),
                        _ => Err(self.type_error(format!("__bool__ should return bool, returned {}", self.type_name(&r)))),
                    };
                }
                if self.lookup_mro(&cls, "__len__").is_some() {
                    return Ok(self.len(v)? != 0);
                }
                true
            }
        })
    }

    pub fn hash(&mut self, v: &Value) -> PyResult<i64> {
        Ok(match v {
            Value::None => 0x5f3759df,
            Value::Bool(b) => *b as i64,
            Value::Int(i) => hash_int(*i),
            Value::Float(f) => hash_float(*f),
            Value::Obj(o) => {
                let exact = crate::vm::is_exact_builtin(o);
                match &o.payload {
                    Payload::Str(s) if exact => s.hash(),
                    Payload::BigInt(b) if exact => hash_big(b),
                    Payload::Tuple(items) if exact => {
                        let mut hs = Vec::with_capacity(items.len());
                        for x in items.iter() {
                            hs.push(self.hash(x)?);
                        }
                        crate::objects::hashing::hash_tuple(&hs)
                    }
                    Payload::Complex(re, im) if exact => {
                        let h = hash_float(*re).wrapping_add(hash_float(*im).wrapping_mul(1000003));
                        if h == -1 {
                            -2
                        } else {
                            h
                        }
                    }
                    Payload::Bytes(b) if exact => crate::objects::hashing::hash_bytes(b),
                    Payload::FrozenSet(d) if exact => {
                        let hs: Vec<i64> = d.iter().map(|e| e.hash).collect();
                        crate::objects::hashing::hash_frozenset(&hs)
                    }
                    Payload::Range { start, stop, step } if exact => {
                        // CPython's range_hash: the hash of (len, start, step),
                        // with None for what the length makes irrelevant.
                        let n = crate::objects::methods::range_len(start, stop, step);
                        let (first, st) = if n.is_zero() {
                            (Value::None, Value::None)
                        } else if n.is_one() {
                            (int_from_big(start.clone()), Value::None)
                        } else {
                            (int_from_big(start.clone()), int_from_big(step.clone()))
                        };
                        let t = self.new_tuple(vec![int_from_big(n), first, st]);
                        self.hash(&t)?
                    }
                    Payload::List(_) | Payload::Dict(_) | Payload::Set(_) if exact => {
                        return Err(self.type_error(format!("unhashable type: '{}'", self.type_name(v))))
                    }
                    _ => {
                        let cls = o.class();
                        let found = self.lookup_mro(&cls, "__hash__");
                        // A subclass that keeps str's/bytes' own hash hashes like them.
                        if matches!(found.as_ref().and_then(|h| h.payload()), Some(Payload::Native(_))) {
                            match &o.payload {
                                Payload::Str(s) => return Ok(s.hash()),
                                Payload::Bytes(b) => return Ok(crate::objects::hashing::hash_bytes(b)),
                                Payload::FrozenSet(d) => {
                                    let hs: Vec<i64> = d.iter().map(|e| e.hash).collect();
                                    return Ok(crate::objects::hashing::hash_frozenset(&hs));
                                }
                                _ => {}
                            }
                        }
                        match found {
                            Some(Value::None) => {
                                return Err(self.type_error(format!("unhashable type: '{}'", self.type_name(v))))
                            }
                            Some(h) if matches!(h.payload(), Some(Payload::Native(n)) if n.module) || !(exact && matches!(h.payload(), Some(Payload::Native(_)))) && !matches!(h.payload(), Some(Payload::Native(n)) if !n.module && n.name == "__hash__" && !matches!(o.payload, Payload::BigInt(_) | Payload::Float(_) | Payload::Str(_) | Payload::Tuple(_) | Payload::Bytes(_) | Payload::FrozenSet(_) | Payload::Complex(..))) => {
                                let r = self.call(&h, vec![v.clone()])?;
                                // A result that fits a Py_ssize_t is the hash
                                // itself; a bigger int is hashed (slot_tp_hash).
                                let h = match (as_i64(&r), as_big(&r)) {
                                    (Some(h), _) => h,
                                    (None, Some(b)) => hash_big(&b),
                                    (None, None) => return Err(self.type_error("__hash__ method should return an integer")),
                                };
                                if h == -1 {
                                    -2
                                } else {
                                    h
                                }
                            }
                            _ => (Rc::as_ptr(o) as usize >> 4) as i64,
                        }
                    }
                }
            }
        })
    }

    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if a.is(b) {
            return Ok(true);
        }
        let r = self.compare(a, b, CmpOp::Eq)?;
        self.truthy(&r)
    }

    /// Rich comparison with reflection and NotImplemented.
    pub fn compare(&mut self, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
        if matches!(a, Value::Obj(_)) && matches!(b, Value::Obj(_)) {
            self.enter_recursive(" in comparison")?;
            let r = self.compare_inner(a, b, op);
            self.leave_recursive();
            return r;
        }
        self.compare_inner(a, b, op)
    }

    fn compare_inner(&mut self, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
        if let Some(r) = self.native_compare(a, b, op)? {
            return Ok(Value::Bool(r));
        }
        let ta = self.type_of(a);
        let tb = self.type_of(b);
        let reflected_first = !Rc::ptr_eq(&ta, &tb) && self.is_subclass(&tb, &ta) && !crate::types::is_builtin_class(&tb);
        let try_op = |vm: &mut Vm, x: &Value, y: &Value, op: CmpOp| -> PyResult<Option<Value>> {
            let t = vm.type_of(x);
            let builtin = crate::types::is_builtin_class(&t);
            match vm.lookup_mro(&t, op.dunder()) {
                // Built-in types' own comparisons (memoryview == bytes…)
                // run when `native_compare` had no answer.
                Some(f) if builtin || !crate::value::is_core_native(&f) => {
                    let r = vm.call(&f, vec![x.clone(), y.clone()])?;
                    if r.is(&vm.types.not_implemented) {
                        Ok(None)
                    } else {
                        Ok(Some(r))
                    }
                }
                // A subclass of a built-in type (other than `object`)
                // inherits its comparison: `int.__gt__` for the reflected
                // operand when the other side's `__lt__` gave up.
                Some(f)
                    if op != CmpOp::Ne
                        && op != CmpOp::Eq
                        && !vm.lookup_mro(&vm.types.object.clone(), op.dunder()).is_some_and(|o| o.is(&f)) =>
                {
                    let r = vm.call(&f, vec![x.clone(), y.clone()])?;
                    if r.is(&vm.types.not_implemented) {
                        Ok(None)
                    } else {
                        Ok(Some(r))
                    }
                }
                _ => {
                    // `__ne__` defaults to the negation of `__eq__`.
                    if op == CmpOp::Ne {
                        if let Some(f) = vm.lookup_mro(&t, "__eq__") {
                            if !crate::value::is_core_native(&f) {
                                let r = vm.call(&f, vec![x.clone(), y.clone()])?;
                                if r.is(&vm.types.not_implemented) {
                                    return Ok(None);
                                }
                                let t = vm.truthy(&r)?;
                                return Ok(Some(Value::Bool(!t)));
                            }
                        }
                    }
                    Ok(None)
                }
            }
        };
        if reflected_first {
            if let Some(r) = try_op(self, b, a, op.swapped())? {
                return Ok(r);
            }
            if let Some(r) = try_op(self, a, b, op)? {
                return Ok(r);
            }
        } else {
            if let Some(r) = try_op(self, a, b, op)? {
                return Ok(r);
            }
            if let Some(r) = try_op(self, b, a, op.swapped())? {
                return Ok(r);
            }
        }
        match op {
            CmpOp::Eq => Ok(Value::Bool(a.is(b))),
            CmpOp::Ne => Ok(Value::Bool(!a.is(b))),
            _ => Err(self.type_error(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                self.type_name(a),
                self.type_name(b)
            ))),
        }
    }

    pub fn native_compare(&mut self, a: &Value, b: &Value, op: CmpOp) -> PyResult<Option<bool>> {
        use std::cmp::Ordering;
        // A subclass of a built-in container that defines the comparison
        // (Counter.__eq__, a namedtuple's __lt__…) is asked first.
        for v in [a, b] {
            if let Value::Obj(o) = v {
                if matches!(o.payload, Payload::Dict(_) | Payload::Set(_) | Payload::FrozenSet(_) | Payload::List(_) | Payload::Tuple(_))
                    && !crate::vm::is_exact_builtin(o)
                    && self.lookup_mro(&o.class(), op.dunder()).is_some_and(|f| !crate::value::is_core_native(&f))
                {
                    return Ok(None);
                }
            }
        }
        let ord: Option<Ordering> = if is_intlike(a) && is_intlike(b) {
            match (a, b) {
                (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
                _ => as_big(a).zip(as_big(b)).map(|(x, y)| x.cmp(&y)),
            }
        } else if let Some(ord) = int_float_cmp(a, b) {
            Some(ord)
        } else if let (Some(x), Some(y)) = (
            if is_intlike(a) || as_float(a).is_some() { num_as_f64(a).or(as_float(a)) } else { None },
            if is_intlike(b) || as_float(b).is_some() { num_as_f64(b).or(as_float(b)) } else { None },
        ) {
            if x.is_nan() || y.is_nan() {
                return Ok(Some(op == CmpOp::Ne));
            }
            x.partial_cmp(&y)
        } else {
            match (a.payload(), b.payload()) {
                (Some(Payload::Str(x)), Some(Payload::Str(y))) => Some(x.cmp_str(y)),
                (Some(Payload::Bytes(_) | Payload::ByteArray(_)), Some(Payload::Bytes(_) | Payload::ByteArray(_))) => {
                    let x = crate::objects::bytes::bytes_of(a).unwrap_or_default();
                    let y = crate::objects::bytes::bytes_of(b).unwrap_or_default();
                    Some(x.cmp(&y))
                }
                (Some(Payload::List(_)), Some(Payload::List(_))) | (Some(Payload::Tuple(_)), Some(Payload::Tuple(_))) => {
                    let xs = self.to_vec(a)?;
                    let ys = self.to_vec(b)?;
                    for (x, y) in xs.iter().zip(ys.iter()) {
                        if !self.eq(x, y)? {
                            if op == CmpOp::Eq {
                                return Ok(Some(false));
                            }
                            if op == CmpOp::Ne {
                                return Ok(Some(true));
                            }
                            let r = self.compare(x, y, op)?;
                            return Ok(Some(self.truthy(&r)?));
                        }
                    }
                    Some(xs.len().cmp(&ys.len()))
                }
                (Some(Payload::Dict(x)), Some(Payload::Dict(y))) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                    let xs = x.borrow().items();
                    if xs.len() != y.borrow().len() {
                        return Ok(Some(op == CmpOp::Ne));
                    }
                    for (k, v) in xs {
                        match dict::get(self, y, &k)? {
                            Some(w) if self.eq(&v, &w)? => {}
                            _ => return Ok(Some(op == CmpOp::Ne)),
                        }
                    }
                    return Ok(Some(op == CmpOp::Eq));
                }
                (Some(Payload::Set(_) | Payload::FrozenSet(_)), Some(Payload::Set(_) | Payload::FrozenSet(_))) => {
                    return crate::objects::methods::set_compare(self, a, b, op).map(Some);
                }
                (Some(Payload::Method { func: f1, self_: s1 }), Some(Payload::Method { func: f2, self_: s2 })) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                    let same = f1.is(f2) && s1.is(s2);
                    return Ok(Some(same == (op == CmpOp::Eq)));
                }
                (Some(Payload::Native(n1)), Some(Payload::Native(n2))) if matches!(op, CmpOp::Eq | CmpOp::Ne) && n1.self_.is_some() => {
                    let same = std::ptr::fn_addr_eq(n1.func, n2.func) && n1.name == n2.name && n2.self_.as_ref().is_some_and(|s| n1.self_.as_ref().is_some_and(|t| t.is(s)));
                    return Ok(Some(same == (op == CmpOp::Eq)));
                }
                (Some(Payload::Slice(a1, a2, a3)), Some(Payload::Slice(b1, b2, b3))) => {
                    let ta = self.new_tuple(vec![a1.clone(), a2.clone(), a3.clone()]);
                    let tb = self.new_tuple(vec![b1.clone(), b2.clone(), b3.clone()]);
                    let r = self.compare(&ta, &tb, op)?;
                    return Ok(Some(self.truthy(&r)?));
                }
                (Some(Payload::DictView { kind: 0 | 2, .. }), _) => return crate::objects::containers::view_compare(self, a, b, op),
                (_, Some(Payload::DictView { kind: 0 | 2, .. })) => return crate::objects::containers::view_compare(self, b, a, op.swapped()),
                (Some(Payload::Complex(ar, ai)), _) | (_, Some(Payload::Complex(ar, ai))) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                    let other = if matches!(a.payload(), Some(Payload::Complex(..))) { b } else { a };
                    let Some((br, bi)) = crate::objects::numbers::as_complex(other) else { return Ok(None) };
                    let same = *ar == br && *ai == bi;
                    return Ok(Some(same == (op == CmpOp::Eq)));
                }
                (Some(Payload::Range { start: s1, stop: e1, step: t1 }), Some(Payload::Range { start: s2, stop: e2, step: t2 }))
                    if matches!(op, CmpOp::Eq | CmpOp::Ne) =>
                {
                    // As sequences: same length, then (if not empty) same
                    // first item, then (if longer than one) same step.
                    use crate::objects::methods::range_len;
                    let n = range_len(s1, e1, t1);
                    let same = n == range_len(s2, e2, t2) && (n.is_zero() || (s1 == s2 && (n.is_one() || t1 == t2)));
                    return Ok(Some(same == (op == CmpOp::Eq)));
                }
                (None, None) if matches!(a, Value::None) && matches!(b, Value::None) => Some(Ordering::Equal).filter(|_| matches!(op, CmpOp::Eq | CmpOp::Ne)),
                _ => None,
            }
        };
        let Some(ord) = ord else { return Ok(None) };
        // Subclasses of built-ins may override comparisons.
        for v in [a, b] {
            if let Value::Obj(o) = v {
                if !crate::vm::is_exact_builtin(o) && self.lookup_mro(&o.class(), op.dunder()).is_some_and(|f| !crate::value::is_core_native(&f)) {
                    return Ok(None);
                }
            }
        }
        Ok(Some(match op {
            CmpOp::Lt => ord == Ordering::Less,
            CmpOp::Le => ord != Ordering::Greater,
            CmpOp::Eq => ord == Ordering::Equal,
            CmpOp::Ne => ord != Ordering::Equal,
            CmpOp::Gt => ord == Ordering::Greater,
            CmpOp::Ge => ord != Ordering::Less,
        }))
    }

    pub fn binary_op(&mut self, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
        if op.is_inplace() && matches!(a.payload(), Some(Payload::ByteArray(_))) {
            if let Some(v) = crate::objects::bytes::inplace(self, a, b, op.base())? {
                return Ok(v);
            }
        }
        if op.is_inplace() {
            if let Value::Obj(o) = a {
                if crate::vm::is_exact_builtin(o) {
                    match (&o.payload, op.base()) {
                        // `l += it` and `l *= n` mutate the list.
                        (Payload::List(l), BinOp::Add) => {
                            let items = self.to_vec(b)?;
                            l.borrow_mut().extend(items);
                            return Ok(a.clone());
                        }
                        (Payload::List(l), BinOp::Mul) if is_intlike(b) => {
                            let r = self.repeat(a, b)?;
                            if let Some(Payload::List(nl)) = r.payload() {
                                let items = nl.borrow().clone();
                                *l.borrow_mut() = items;
                            }
                            return Ok(a.clone());
                        }
                        (Payload::ByteArray(ba), BinOp::Add) => {
                            if let Some(more) = crate::objects::bytes::bytes_of(b) {
                                ba.borrow_mut().extend(more);
                                return Ok(a.clone());
                            }
                        }
                        (Payload::Set(s), BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor)
                            if matches!(b.payload(), Some(Payload::Set(_) | Payload::FrozenSet(_))) =>
                        {
                            if let Some(r) = crate::objects::methods::set_binop(self, a, b, op.base())? {
                                let d = match r.payload() {
                                    Some(Payload::Set(d)) => d.borrow().clone(),
                                    _ => crate::objects::dict::Dict::new(),
                                };
                                *s.borrow_mut() = d;
                                return Ok(a.clone());
                            }
                        }
                        (Payload::Dict(_), BinOp::Or) if matches!(b.payload(), Some(Payload::Dict(_))) => {
                            dict_update(self, a, b, false)?;
                            return Ok(a.clone());
                        }
                        _ => {}
                    }
                }
            }
        }
        let (name, rname, iname) = op.dunders();
        // A subclass of a built-in sequence or container that defines the
        // operator (a namedtuple's `__add__`) is asked before the built-in.
        let overrides = |vm: &Vm, v: &Value, dunder: &str| match v {
            Value::Obj(o) => {
                matches!(o.payload, Payload::Str(_) | Payload::List(_) | Payload::Tuple(_) | Payload::Dict(_) | Payload::Set(_) | Payload::FrozenSet(_) | Payload::Bytes(_) | Payload::ByteArray(_))
                    && !crate::vm::is_exact_builtin(o)
                    && vm.lookup_mro(&o.class(), dunder).is_some_and(|f| !crate::value::is_core_native(&f))
            }
            _ => false,
        };
        let user_op = overrides(self, a, name) || overrides(self, b, rname) || (op.is_inplace() && overrides(self, a, iname));
        if !user_op {
            if let Some(v) = self.native_binop(a, b, op.base())? {
                return Ok(v);
            }
        }
        let ta = self.type_of(a);
        let tb = self.type_of(b);
        if op.is_inplace() {
            if let Some(f) = self.lookup_mro(&ta, iname) {
                let r = self.call(&f, vec![a.clone(), b.clone()])?;
                if !r.is(&self.types.not_implemented) {
                    return Ok(r);
                }
            }
        }
        // Built-in types' own dunders (natives) are tried too: they cover
        // what `native_binop` leaves (`dict | dict`, subclasses…).
        let a_user = true;
        let b_user = !crate::types::is_builtin_class(&tb);
        let b_has = true;
        let rfirst = !Rc::ptr_eq(&ta, &tb) && b_user && self.is_subclass(&tb, &ta);
        let call_forward = |vm: &mut Vm| -> PyResult<Option<Value>> {
            if !a_user {
                return Ok(None);
            }
            match vm.lookup_mro(&ta, name) {
                Some(f) => {
                    let r = vm.call(&f, vec![a.clone(), b.clone()])?;
                    Ok(if r.is(&vm.types.not_implemented) { None } else { Some(r) })
                }
                None => Ok(None),
            }
        };
        let call_reflected = |vm: &mut Vm| -> PyResult<Option<Value>> {
            if !b_has || Rc::ptr_eq(&ta, &tb) {
                return Ok(None);
            }
            match vm.lookup_mro(&tb, rname) {
                Some(f) => {
                    let r = vm.call(&f, vec![b.clone(), a.clone()])?;
                    Ok(if r.is(&vm.types.not_implemented) { None } else { Some(r) })
                }
                None => Ok(None),
            }
        };
        let r = if rfirst {
            match call_reflected(self)? {
                Some(r) => Some(r),
                None => call_forward(self)?,
            }
        } else {
            match call_forward(self)? {
                Some(r) => Some(r),
                None => call_reflected(self)?,
            }
        };
        if let Some(r) = r {
            return Ok(r);
        }
        if op.base() == BinOp::Add {
            if let (Some(Payload::Str(_)), false) = (a.payload(), matches!(b.payload(), Some(Payload::Str(_)))) {
                return Err(self.type_error(format!("can only concatenate str (not \"{}\") to str", self.type_name(b))));
            }
            if let (Some(Payload::Tuple(_)), false) = (a.payload(), matches!(b.payload(), Some(Payload::Tuple(_)))) {
                return Err(self.type_error(format!("can only concatenate tuple (not \"{}\") to tuple", self.type_name(b))));
            }
            if let (Some(Payload::List(_)), false) = (a.payload(), matches!(b.payload(), Some(Payload::List(_)))) {
                return Err(self.type_error(format!(
                    "can only concatenate list (not \"{}\") to list",
                    self.type_name(b)
                )));
            }
        }
        if op.base() == BinOp::Mul {
            let seq = |v: &Value| matches!(v.payload(), Some(Payload::Str(_) | Payload::List(_) | Payload::Tuple(_) | Payload::Bytes(_) | Payload::ByteArray(_)));
            let other = if seq(a) { Some(b) } else if seq(b) { Some(a) } else { None };
            if let Some(o) = other {
                let oc = self.type_of(o);
                if self.lookup_mro(&oc, "__index__").is_some() {
                    let n = crate::builtins::index_big(self, o)?;
                    let n = int_from_big(n);
                    let s = if seq(a) { a } else { b };
                    if let Some(v) = self.native_binop(s, &n, BinOp::Mul)? {
                        return Ok(v);
                    }
                }
                return Err(self.type_error(format!("can't multiply sequence by non-int of type '{}'", self.type_name(o))));
            }
        }
        Err(self.type_error(format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op.symbol(),
            self.type_name(a),
            self.type_name(b)
        )))
    }

    pub fn native_binop(&mut self, a: &Value, b: &Value, op: BinOp) -> PyResult<Option<Value>> {
        if let Some(v) = crate::objects::numbers::complex_binop(self, a, b, op)? {
            return Ok(Some(v));
        }
        if matches!(op, BinOp::And | BinOp::Or | BinOp::Xor | BinOp::Sub)
            && (matches!(a.payload(), Some(Payload::DictView { kind: 0 | 2, .. })) || matches!(b.payload(), Some(Payload::DictView { kind: 0 | 2, .. })))
        {
            return crate::objects::containers::view_binop(self, a, b, op);
        }
        if let (Value::Bool(x), Value::Bool(y)) = (a, b) {
            match op {
                BinOp::And => return Ok(Some(Value::Bool(x & y))),
                BinOp::Or => return Ok(Some(Value::Bool(x | y))),
                BinOp::Xor => return Ok(Some(Value::Bool(x ^ y))),
                _ => {}
            }
        }
        // Integers.
        if is_intlike(a) && is_intlike(b) && self.exact_num(a) && self.exact_num(b) {
            if let (Value::Int(x), Value::Int(y)) = (a, b) {
                let (x, y) = (*x, *y);
                let r = match op {
                    BinOp::Add => x.checked_add(y),
                    BinOp::Sub => x.checked_sub(y),
                    BinOp::Mul => x.checked_mul(y),
                    BinOp::FloorDiv => {
                        if y == 0 {
                            return Err(self.zero_division("integer division or modulo by zero"));
                        }
                        floor_div_i64(x, y)
                    }
                    BinOp::Mod => {
                        if y == 0 {
                            return Err(self.zero_division("integer modulo by zero"));
                        }
                        x.checked_rem(y).map(|m| if m != 0 && ((m < 0) != (y < 0)) { m + y } else { m })
                    }
                    BinOp::And => Some(x & y),
                    BinOp::Or => Some(x | y),
                    BinOp::Xor => Some(x ^ y),
                    _ => None,
                };
                if let Some(r) = r {
                    return Ok(Some(Value::Int(r)));
                }
            }
            let x = as_big(a).expect("intlike");
            let y = as_big(b).expect("intlike");
            let r = match op {
                BinOp::Add => x + y,
                BinOp::Sub => x - y,
                BinOp::Mul => x * y,
                BinOp::FloorDiv | BinOp::Mod => {
                    if y.is_zero() {
                        return Err(self.zero_division(if op == BinOp::Mod { "integer modulo by zero" } else { "integer division or modulo by zero" }));
                    }
                    let (q, m) = big_divmod(&x, &y);
                    if op == BinOp::FloorDiv {
                        q
                    } else {
                        m
                    }
                }
                BinOp::TrueDiv => {
                    if y.is_zero() {
                        return Err(self.zero_division("division by zero"));
                    }
                    return match int_true_divide(&x, &y) {
                        Some(r) => Ok(Some(Value::Float(r))),
                        None => Err(self.overflow_error("integer division result too large for a float")),
                    };
                }
                BinOp::Pow => {
                    if y.is_negative() {
                        let fx = x.to_f64().unwrap_or(f64::INFINITY);
                        let fy = y.to_f64().unwrap_or(f64::NEG_INFINITY);
                        if fx == 0.0 {
                            return Err(self.zero_division("0.0 cannot be raised to a negative power"));
                        }
                        return Ok(Some(Value::Float(fx.powf(fy))));
                    }
                    let Some(e) = y.to_u32() else {
                        return Err(self.memory_error());
                    };
                    if x.bits() as u64 * e as u64 > 1 << 34 {
                        return Err(self.memory_error());
                    }
                    num_traits::pow::Pow::pow(x, e)
                }
                BinOp::LShift => {
                    if y.is_negative() {
                        return Err(self.value_error("negative shift count"));
                    }
                    if x.is_zero() {
                        return Ok(Some(Value::Int(0)));
                    }
                    let Some(s) = y.to_u64().filter(|s| *s < (1 << 34)) else {
                        if y.to_i64().is_none() {
                            return Err(self.overflow_error("too many digits in integer"));
                        }
                        return Err(self.memory_error());
                    };
                    x << s
                }
                BinOp::RShift => {
                    if y.is_negative() {
                        return Err(self.value_error("negative shift count"));
                    }
                    let s = y.to_u64().unwrap_or(u64::MAX).min(1 << 40);
                    // Python's >> floors.
                    if x.is_negative() {
                        -((-x - 1u32) >> s) - 1u32
                    } else {
                        x >> s
                    }
                }
                BinOp::And => x & y,
                BinOp::Or => x | y,
                BinOp::Xor => x ^ y,
                BinOp::MatMul => return Ok(None),
                _ => return Ok(None),
            };
            return Ok(Some(int_from_big(r)));
        }
        // Floats (and int/float mixes).
        let fa = if as_float(a).is_some() || is_intlike(a) { num_as_f64(a).or(as_float(a)) } else { None };
        let fb = if as_float(b).is_some() || is_intlike(b) { num_as_f64(b).or(as_float(b)) } else { None };
        if let (Some(x), Some(y)) = (fa, fb) {
            if !(self.exact_num(a) && self.exact_num(b)) {
                return Ok(None);
            }
            if (is_intlike(a) && as_big(a).and_then(|v| v.to_f64()).is_none_or(|f| f.is_infinite()))
                || (is_intlike(b) && as_big(b).and_then(|v| v.to_f64()).is_none_or(|f| f.is_infinite()))
            {
                return Err(self.overflow_error("int too large to convert to float"));
            }
            let r = match op {
                BinOp::Add => x + y,
                BinOp::Sub => x - y,
                BinOp::Mul => x * y,
                BinOp::TrueDiv => {
                    if y == 0.0 {
                        return Err(self.zero_division("float division by zero"));
                    }
                    x / y
                }
                BinOp::FloorDiv => {
                    if y == 0.0 {
                        return Err(self.zero_division("float floor division by zero"));
                    }
                    float_floordiv(x, y)
                }
                BinOp::Mod => {
                    if y == 0.0 {
                        return Err(self.zero_division("float modulo"));
                    }
                    py_mod_f(x, y)
                }
                BinOp::Pow => {
                    if x == 0.0 && y < 0.0 && y.is_finite() {
                        return Err(self.zero_division("0.0 cannot be raised to a negative power"));
                    }
                    if x < 0.0 && y.fract() != 0.0 && y.is_finite() && x.is_finite() {
                        let c = crate::objects::numbers::new_complex(self, x, 0.0);
                        return crate::objects::numbers::complex_binop(self, &c, &Value::Float(y), BinOp::Pow);
                    }
                    let r = x.powf(y);
                    if r.is_infinite() && x.is_finite() && y.is_finite() {
                        return Err(self.overflow_error("(34, 'Numerical result out of range')"));
                    }
                    r
                }
                _ => return Ok(None),
            };
            return Ok(Some(Value::float(r)));
        }
        // Sequences.
        if matches!(a.payload(), Some(Payload::Bytes(_) | Payload::ByteArray(_))) {
            if let Some(v) = crate::objects::bytes::binop(self, a, b, op)? {
                return Ok(Some(v));
            }
        }
        if op == BinOp::Mul && is_intlike(a) && matches!(b.payload(), Some(Payload::Bytes(_) | Payload::ByteArray(_))) {
            return crate::objects::bytes::binop(self, b, a, op);
        }
        match (a.payload(), b.payload(), op) {
            (Some(Payload::Str(x)), Some(Payload::Str(y)), BinOp::Add) => return Ok(Some(self.new_pystr(x.concat(y)))),
            (Some(Payload::List(x)), Some(Payload::List(y)), BinOp::Add) => {
                let mut v = x.borrow().clone();
                v.extend(y.borrow().iter().cloned());
                return Ok(Some(self.new_list(v)));
            }
            (Some(Payload::Tuple(x)), Some(Payload::Tuple(y)), BinOp::Add) => {
                let mut v = x.to_vec();
                v.extend(y.iter().cloned());
                return Ok(Some(self.new_tuple(v)));
            }
            (Some(Payload::Str(_) | Payload::List(_) | Payload::Tuple(_)), _, BinOp::Mul) if is_intlike(b) => {
                return self.repeat(a, b).map(Some)
            }
            (_, Some(Payload::Str(_) | Payload::List(_) | Payload::Tuple(_)), BinOp::Mul) if is_intlike(a) => {
                return self.repeat(b, a).map(Some)
            }
            (Some(Payload::Str(_)), _, BinOp::Mod) => return crate::objects::methods::percent_format(self, a, b).map(Some),
            (Some(Payload::Set(_) | Payload::FrozenSet(_)), Some(Payload::Set(_) | Payload::FrozenSet(_)), _) => {
                return crate::objects::methods::set_binop(self, a, b, op)
            }
            _ => {}
        }
        Ok(None)
    }

    pub fn exact_num(&self, v: &Value) -> bool {
        match v {
            Value::Obj(o) => crate::vm::is_exact_builtin(o),
            _ => true,
        }
    }

    fn repeat(&mut self, seq: &Value, n: &Value) -> PyResult<Value> {
        let n = match as_big(n) {
            Some(b) => b,
            None => return Err(self.type_error("can't multiply sequence by non-int")),
        };
        if n.to_i64().is_none() {
            return Err(self.overflow_error("cannot fit 'int' into an index-sized integer"));
        }
        let n = if n.is_negative() { 0 } else { n.to_usize().unwrap_or(usize::MAX) };
        let len = match seq.payload() {
            Some(Payload::Str(s)) => s.len(),
            Some(Payload::List(l)) => l.borrow().len(),
            Some(Payload::Tuple(t)) => t.len(),
            _ => 0,
        };
        if len != 0 && n.checked_mul(len).is_none_or(|t| t > (1usize << 40)) {
            return Err(self.memory_error());
        }
        Ok(match seq.payload() {
            Some(Payload::Str(s)) => {
                let cps = s.code_points();
                let mut out = Vec::with_capacity(cps.len() * n);
                for _ in 0..n {
                    out.extend_from_slice(&cps);
                }
                self.new_pystr(PyStr::from_code_points(out))
            }
            Some(Payload::List(l)) => {
                let items = l.borrow().clone();
                let mut out = Vec::with_capacity(items.len() * n);
                for _ in 0..n {
                    out.extend(items.iter().cloned());
                }
                self.new_list(out)
            }
            Some(Payload::Tuple(t)) => {
                let mut out = Vec::with_capacity(t.len() * n);
                for _ in 0..n {
                    out.extend(t.iter().cloned());
                }
                self.new_tuple(out)
            }
            _ => unreachable!("repeat is called on sequences"),
        })
    }

    pub fn unary_op(&mut self, a: &Value, instr: Instr) -> PyResult<Value> {
        match (a, instr) {
            (Value::Int(i), Instr::UnaryNegative) => {
                return Ok(i.checked_neg().map(Value::Int).unwrap_or_else(|| int_from_big(-BigInt::from(*i))))
            }
            (Value::Int(i), Instr::UnaryPositive) => return Ok(Value::Int(*i)),
            (Value::Int(i), Instr::UnaryInvert) => return Ok(Value::Int(!*i)),
            (Value::Bool(b), _) => return self.unary_op(&Value::Int(*b as i64), instr),
            (Value::Float(f), Instr::UnaryNegative) => return Ok(Value::float(-f)),
            (Value::Float(f), Instr::UnaryPositive) => return Ok(Value::Float(*f)),
            _ => {}
        }
        if let (Some(Payload::Complex(re, im)), true) = (a.payload(), self.exact_num(a)) {
            match instr {
                Instr::UnaryNegative => return Ok(crate::objects::numbers::new_complex(self, -re, -im)),
                Instr::UnaryPositive => return Ok(crate::objects::numbers::new_complex(self, *re, *im)),
                _ => {}
            }
        }
        if let (Some(Payload::BigInt(b)), true) = (a.payload(), self.exact_num(a)) {
            return Ok(match instr {
                Instr::UnaryNegative => int_from_big(-b),
                Instr::UnaryPositive => int_from_big(b.clone()),
                _ => int_from_big(-b - 1u32),
            });
        }
        let (name, sym) = match instr {
            Instr::UnaryNegative => ("__neg__", "unary -"),
            Instr::UnaryPositive => ("__pos__", "unary +"),
            _ => ("__invert__", "unary ~"),
        };
        let t = self.type_of(a);
        match self.lookup_mro(&t, name) {
            Some(f) => self.call(&f, vec![a.clone()]),
            None => Err(self.type_error(format!("bad operand type for {sym}: '{}'", self.type_name(a)))),
        }
    }

    /// `len(v)`.
    pub fn len(&mut self, v: &Value) -> PyResult<usize> {
        if let Value::Obj(o) = v {
            let n = match &o.payload {
                Payload::Str(s) => Some(s.len()),
                Payload::List(l) => Some(l.borrow().len()),
                Payload::Tuple(t) => Some(t.len()),
                Payload::Dict(d) | Payload::Set(d) => Some(d.borrow().len()),
                Payload::FrozenSet(d) => Some(d.len()),
                Payload::Bytes(b) => Some(b.len()),
                Payload::ByteArray(b) => Some(b.borrow().len()),
                Payload::Range { start, stop, step } => {
                    let n = crate::objects::methods::range_len(start, stop, step);
                    return n.to_isize().map(|n| n as usize).ok_or_else(|| self.overflow_error("Python int too large to convert to C ssize_t"));
                }
                _ => None,
            };
            if let Some(n) = n {
                if crate::vm::is_exact_builtin(o) {
                    return Ok(n);
                }
                let cls = o.class();
                match self.lookup_mro(&cls, "__len__") {
                    Some(f) if !crate::value::is_core_native(&f) => {}
                    _ => return Ok(n),
                }
            }
        }
        let cls = self.type_of(v);
        let Some(f) = self.lookup_mro(&cls, "__len__") else {
            return Err(self.type_error(format!("object of type '{}' has no len()", self.type_name(v))));
        };
        let r = self.call(&f, vec![v.clone()])?;
        let n = match as_big(&r) {
            Some(n) => n,
            None => {
                let rc = self.type_of(&r);
                if self.lookup_mro(&rc, "__index__").is_none() {
                    return Err(self.type_error(format!("'{}' object cannot be interpreted as an integer", self.type_name(&r))));
                }
                crate::builtins::index_big(self, &r)?
            }
        };
        if n.is_negative() {
            return Err(self.value_error("__len__() should return >= 0"));
        }
        n.to_usize().ok_or_else(|| self.overflow_error("cannot fit 'int' into an index-sized integer"))
    }

    /// A binary operation known only by its dunders (`divmod`).
    pub fn binary_op_named(&mut self, a: &Value, b: &Value, name: &str, rname: &str, what: &str) -> PyResult<Value> {
        let ta = self.type_of(a);
        let tb = self.type_of(b);
        if let Some(f) = self.lookup_mro(&ta, name) {
            let r = self.call(&f, vec![a.clone(), b.clone()])?;
            if !r.is(&self.types.not_implemented) {
                return Ok(r);
            }
        }
        if !Rc::ptr_eq(&ta, &tb) {
            if let Some(f) = self.lookup_mro(&tb, rname) {
                let r = self.call(&f, vec![b.clone(), a.clone()])?;
                if !r.is(&self.types.not_implemented) {
                    return Ok(r);
                }
            }
        }
        if name == "__divmod__" {
            if let (Some(x), Some(y)) = (num_as_f64(a).or(as_float(a)), num_as_f64(b).or(as_float(b))) {
                if y == 0.0 {
                    return Err(self.zero_division("float divmod()"));
                }
                let m = py_mod_f(x, y);
                let q = ((x - m) / y).round();
                return Ok(self.new_tuple(vec![Value::Float(q), Value::Float(m)]));
            }
        }
        Err(self.type_error(format!(
            "unsupported operand type(s) for {what}: '{}' and '{}'",
            self.type_name(a),
            self.type_name(b)
        )))
    }

    // ---- attributes -----------------------------------------------------

    pub fn getattr(&mut self, obj: &Value, name: &Value) -> PyResult<Value> {
        let n = name.as_str().expect("attribute names are strs");
        if let Some(Payload::Super { this, obj: inst }) = obj.payload() {
            let (this, inst) = (this.clone(), inst.clone());
            return self.super_getattr(obj, &this, &inst, name);
        }
        let cls = self.type_of(obj);
        if !crate::types::is_builtin_class(&cls) {
            if let Some(ga) = self.lookup_mro_value(&cls, &self.names.getattribute.clone()) {
                if !crate::value::is_core_native(&ga) {
                    let r = self.call(&ga, vec![obj.clone(), name.clone()]);
                    return match r {
                        Err(e) if self.isinstance(&e.0, &self.types.exc.attribute_error) => {
                            match self.lookup_mro(&cls, "__getattr__") {
                                Some(g) => self.call(&g, vec![obj.clone(), name.clone()]),
                                None => Err(e),
                            }
                        }
                        r => r,
                    };
                }
            }
        }
        let found = match self.generic_getattr(obj, name) {
            Ok(v) => v,
            // An AttributeError from a property or descriptor also falls
            // back to `__getattr__`.
            Err(e) if self.isinstance(&e.0, &self.types.exc.attribute_error.clone()) => match self.lookup_mro_value(&cls, &self.names.getattr.clone()) {
                Some(g) => return self.call(&g, vec![obj.clone(), name.clone()]),
                None => match module_getattr_hook(obj) {
                    Some(g) => return self.call(&g, vec![name.clone()]),
                    None => return Err(e),
                },
            },
            Err(e) => return Err(e),
        };
        match found {
            Some(v) => Ok(v),
            None => {
                if let Some(g) = self.lookup_mro_value(&cls, &self.names.getattr.clone()) {
                    return self.call(&g, vec![obj.clone(), name.clone()]);
                }
                // PEP 562: a module's own `__getattr__(name)`.
                if let Some(g) = module_getattr_hook(obj) {
                    return self.call(&g, vec![name.clone()]);
                }
                // A bound method forwards other attributes to its function.
                if let Some(Payload::Method { func, .. }) = obj.payload() {
                    let func = func.clone();
                    return self.getattr(&func, name);
                }
                let ns = n.to_string_lossy();
                Err(self.no_attribute(obj, &ns))
            }
        }
    }

    /// Attribute lookup on `super(this, inst)`: the MRO after `this`.
    fn super_getattr(&mut self, sup: &Value, this: &PyRef, inst: &Value, name: &Value) -> PyResult<Value> {
        let ns = name.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
        let inst_is_class = matches!(inst.payload(), Some(Payload::Class(_))) && inst.obj().is_some_and(|c| self.is_subclass(c, this));
        let start_cls = if inst_is_class { inst.obj().expect("class").clone() } else { self.type_of(inst) };
        let mro = match &start_cls.payload {
            Payload::Class(c) => c.mro.borrow().clone(),
            _ => Vec::new(),
        };
        if ns != "__class__" {
            let pos = mro.iter().position(|k| Rc::ptr_eq(k, this)).map(|p| p + 1).unwrap_or(mro.len());
            for k in &mro[pos..] {
                let found = k.dict.as_ref().and_then(|d| d.borrow().get_str(&ns).cloned());
                if let Some(v) = found {
                    if inst.is_none() {
                        return Ok(v);
                    }
                    if inst_is_class {
                        if let Some(Payload::ClassMethod(f)) = v.payload() {
                            return self.classmethod_get(&f.clone(), inst.clone());
                        }
                        return Ok(match v.payload() {
                            Some(Payload::StaticMethod(f)) => f.clone(),
                            Some(Payload::Native(nf)) if nf.is_static => v.clone(),
                            _ => v,
                        });
                    }
                    return self.bind(&v, inst, &start_cls);
                }
            }
        }
        match ns.as_str() {
            "__thisclass__" => return Ok(Value::Obj(this.clone())),
            "__self__" => return Ok(inst.clone()),
            "__self_class__" => return Ok(Value::Obj(start_cls)),
            "__class__" => return Ok(Value::Obj(self.types.super_.clone())),
            _ => {}
        }
        Err(self.no_attribute(sup, &ns))
    }

    pub fn no_attribute(&self, obj: &Value, name: &str) -> PyErr {
        let e = match obj.payload() {
            Some(Payload::Module { name: m, dict }) => {
                let d = match &dict.payload {
                    Payload::Dict(d) => Some(d.borrow()),
                    _ => None,
                };
                let mname = d.as_ref().and_then(|d| d.get_str("__name__").and_then(|n| n.as_str().map(|s| s.to_string_lossy()))).unwrap_or_else(|| m.clone());
                let initializing = d.as_ref().and_then(|d| d.get_str("__spec__").cloned()).is_some_and(|spec| {
                    spec.obj().and_then(|o| o.dict.as_ref()).is_some_and(|sd| sd.borrow().get_str("_initializing").is_some_and(|v| matches!(v, Value::Bool(true))))
                });
                if initializing {
                    self.attribute_error(format!("partially initialized module '{mname}' has no attribute '{name}' (most likely due to a circular import)"))
                } else {
                    self.attribute_error(format!("module '{mname}' has no attribute '{name}'"))
                }
            }
            Some(Payload::Class(c)) => {
                self.attribute_error(format!("type object '{}' has no attribute '{name}'", c.name.borrow()))
            }
            _ => self.attribute_error(format!("'{}' object has no attribute '{name}'", self.type_name(obj))),
        };
        if let Some(d) = e.0.obj().and_then(|o| o.dict.as_ref()) {
            d.borrow_mut().set_str("name", self.new_str(name));
            d.borrow_mut().set_str("obj", obj.clone());
        }
        e
    }

    /// `object.__getattribute__`: data descriptors, the instance dict, then
    /// other class attributes. `None` when not found.
    pub fn generic_getattr(&mut self, obj: &Value, name: &Value) -> PyResult<Option<Value>> {
        let n = name.as_str().expect("attribute names are strs");
        let cls = self.type_of(obj);
        if let Some(Payload::Module { dict, .. }) = obj.payload() {
            if let Payload::Dict(d) = &dict.payload {
                let found = d.borrow().get_native(n.hash(), name).cloned();
                if let Some(v) = found {
                    return Ok(Some(v));
                }
            }
            if n.eq_rust("__dict__") {
                return Ok(Some(Value::Obj(dict.clone())));
            }
        }
        // Classes: look along the class's own MRO (with descriptors bound to
        // the class), after data descriptors of the metaclass.
        if let Some(Payload::Class(_)) = obj.payload() {
            let c = obj.obj().expect("class object").clone();
            // `type`'s data descriptors win over the class's own
            // `__dict__`/`__weakref__` descriptors (which are for its
            // instances).
            if n.eq_rust("__dict__") || n.eq_rust("__name__") || n.eq_rust("__qualname__") {
                let ns = n.to_string_lossy();
                if let Some(v) = crate::objects::methods::class_special_attr(self, &c, &ns) {
                    return Ok(Some(v));
                }
            } else if n.eq_rust("__weakref__") {
                return Ok(Some(crate::modules::weakref::first_ref(&c)));
            }
            if let Some(v) = self.lookup_mro_value(&c, name) {
                if let Some(Payload::ClassMethod(f)) = v.payload() {
                    return self.classmethod_get(&f.clone(), obj.clone()).map(Some);
                }
                return Ok(Some(match v.payload() {
                    Some(Payload::StaticMethod(f)) => f.clone(),
                    Some(Payload::Native(nf)) if nf.is_static => v.clone(),
                    _ => {
                        let vcls = self.type_of(&v);
                        if !crate::types::is_builtin_class(&vcls) {
                            if let Some(get) = self.lookup_mro(&vcls, "__get__") {
                                return Ok(Some(self.call(&get, vec![v.clone(), Value::None, obj.clone()])?));
                            }
                        }
                        v
                    }
                }));
            }
            let ns = n.to_string_lossy();
            if let Some(v) = crate::objects::methods::class_special_attr(self, &c, &ns) {
                return Ok(Some(v));
            }
            if let Some(v) = self.lookup_mro_value(&cls, name) {
                return Ok(Some(self.bind(&v, obj, &cls)?));
            }
            return Ok(None);
        }
        let attr = self.lookup_mro_value(&cls, name);
        // Data descriptors win over the instance dict.
        if let Some(a) = &attr {
            let is_data = match a.payload() {
                Some(Payload::Member(m)) => return crate::objects::member::get(self, m, obj).map(Some),
                Some(Payload::Property { .. }) => true,
                _ => {
                    let acls = self.type_of(a);
                    !crate::types::is_builtin_class(&acls)
                        && (self.lookup_mro_value(&acls, &self.names.set.clone()).is_some() || self.lookup_mro_value(&acls, &self.names.delete.clone()).is_some())
                        && self.lookup_mro_value(&acls, &self.names.get.clone()).is_some()
                }
            };
            if is_data {
                return Ok(Some(self.bind(a, obj, &cls)?));
            }
        }
        if let Some(o) = obj.obj() {
            if let Some(d) = &o.dict {
                let found = d.borrow().get_native(n.hash(), name).cloned();
                if let Some(v) = found {
                    return Ok(Some(v));
                }
            }
        }
        if let Some(a) = attr {
            return Ok(Some(self.bind(&a, obj, &cls)?));
        }
        let ns = n.to_string_lossy();
        if let Some(v) = crate::objects::exceptions::exc_attr(self, obj, &ns)? {
            return Ok(Some(v));
        }
        if let Some(v) = crate::objects::numbers::number_attr(self, obj, &ns) {
            return Ok(Some(v));
        }
        if let Some(v) = crate::objects::files::file_attr(self, obj, &ns) {
            return Ok(Some(v));
        }
        if let (Some(Payload::DictView { dict, .. }), "mapping") = (obj.payload(), ns.as_str()) {
            return Ok(Some(dict.clone()));
        }
        if let Some(v) = crate::objects::memoryview::attr(self, obj, &ns) {
            return Ok(Some(v));
        }
        if let Some(v) = crate::objects::generic_alias::alias_attr(self, obj, &ns)? {
            return Ok(Some(v));
        }
        crate::objects::methods::special_attr(self, obj, &ns)
    }

    pub fn setattr(&mut self, obj: &Value, name: &Value, v: Value) -> PyResult<()> {
        let n = name.as_str().expect("attribute names are strs");
        let ns = n.to_string_lossy();
        let cls = self.type_of(obj);
        if !crate::types::is_builtin_class(&cls) {
            if let Some(sa) = self.lookup_mro_value(&cls, &self.names.setattr.clone()) {
                if !crate::value::is_core_native(&sa) {
                    self.call(&sa, vec![obj.clone(), name.clone(), v])?;
                    return Ok(());
                }
            }
        }
        self.generic_setattr(obj, name, &ns, v)
    }

    pub fn generic_setattr(&mut self, obj: &Value, name: &Value, ns: &str, v: Value) -> PyResult<()> {
        let cls = self.type_of(obj);
        // `type`'s read-only getset descriptors.
        if matches!(ns, "__dict__" | "__mro__" | "__weakref__") && matches!(obj.payload(), Some(Payload::Class(_))) {
            let t = crate::types::class_name(&cls);
            return Err(self.attribute_error(format!("attribute '{ns}' of '{t}' objects is not writable")));
        }
        if let Some(a) = self.lookup_mro_value(&cls, name) {
            match a.payload() {
                Some(Payload::Member(m)) => {
                    return crate::objects::member::set(self, m, obj, Some(v));
                }
                Some(Payload::Property { fget, fset, .. }) => {
                    if fset.is_none() && matches!(fget.payload(), Some(Payload::Native(n)) if n.module) {
                        // A native module's getter (CPython's getset descriptor).
                        let owner = self.type_name(obj);
                        return Err(self.attribute_error(format!("attribute '{ns}' of '{owner}' objects is not writable")));
                    }
                    if fset.is_none() {
                        let owner = self.type_name(obj);
                        let pname = crate::vm::property_name(&a).unwrap_or_else(|| ns.to_string());
                        return Err(self.attribute_error(format!("property '{pname}' of '{owner}' object has no setter")));
                    }
                    let fset = fset.clone();
                    self.call(&fset, vec![obj.clone(), v])?;
                    return Ok(());
                }
                _ => {
                    let acls = self.type_of(&a);
                    if !crate::types::is_builtin_class(&acls) {
                        if let Some(set) = self.lookup_mro(&acls, "__set__") {
                            self.call(&set, vec![a.clone(), obj.clone(), v])?;
                            return Ok(());
                        }
                    }
                }
            }
        }
        // The dict of an object whose class has no `__dict__` descriptor of
        // its own making (exceptions, functions).
        if ns == "__dict__" && obj.obj().is_some_and(|o| o.dict.is_some() && !matches!(o.payload, Payload::Class(_) | Payload::Module { .. })) {
            return crate::objects::member::set_dict(self, obj, Some(v));
        }
        if let Some(Payload::Module { dict, .. }) = obj.payload().filter(|_| ns != "__class__") {
            if let Payload::Dict(d) = &dict.payload {
                let hash = name.as_str().map(|s| s.hash()).unwrap_or(0);
                d.borrow_mut().set_native(hash, name.clone(), v);
            }
            return Ok(());
        }
        if crate::objects::exceptions::exc_setattr(self, obj, ns, &v)? {
            return Ok(());
        }
        // A function's own attributes live in the function (its calls use
        // them: `f.__defaults__ = …`, `f.__qualname__` in messages).
        if let Some(Payload::Function(f)) = obj.payload() {
            match ns {
                "__code__" => {
                    let Some(Payload::Code(code)) = v.payload() else {
                        return Err(self.type_error("__code__ must be set to a code object"));
                    };
                    let nclosure = f.closure.as_ref().map_or(0, |c| c.len());
                    let nfree = code.unit.freevars.len();
                    if nclosure != nfree {
                        let name = f.name.borrow().as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
                        return Err(self.value_error(format!("{name}() requires a code object with {nclosure} free vars, not {nfree}")));
                    }
                    *f.code.borrow_mut() = code.clone();
                    return Ok(());
                }
                "__defaults__" => {
                    *f.defaults.borrow_mut() = match v.payload() {
                        _ if v.is_none() => None,
                        Some(Payload::Tuple(t)) => Some(t.to_vec().into()),
                        _ => return Err(self.type_error("__defaults__ must be set to a tuple object")),
                    };
                    return Ok(());
                }
                "__kwdefaults__" => {
                    *f.kwdefaults.borrow_mut() = match &v {
                        Value::None => None,
                        Value::Obj(o) if matches!(o.payload, Payload::Dict(_)) => Some(o.clone()),
                        _ => return Err(self.type_error("__kwdefaults__ must be set to a dict object")),
                    };
                    return Ok(());
                }
                "__name__" | "__qualname__" => {
                    if v.as_str().is_none() {
                        return Err(self.type_error(format!("{ns} must be set to a string object")));
                    }
                    let slot = if ns == "__name__" { &f.name } else { &f.qualname };
                    *slot.borrow_mut() = v;
                    return Ok(());
                }
                "__doc__" => {
                    *f.doc.borrow_mut() = v;
                    return Ok(());
                }
                "__module__" => {
                    *f.module.borrow_mut() = v;
                    return Ok(());
                }
                _ => {}
            }
        }
        if ns == "__class__" {
            let Some(new_cls) = v.obj().filter(|o| matches!(o.payload, Payload::Class(_))).cloned() else {
                return Err(self.type_error(format!("__class__ must be set to a class, not '{}' object", self.type_name(&v))));
            };
            let Some(o) = obj.obj() else {
                return Err(self.type_error("__class__ assignment only supported for mutable types or ModuleType subclasses"));
            };
            let module = self.types.module.clone();
            if matches!(o.payload, Payload::Module { .. }) && self.is_subclass(&cls, &module) && self.is_subclass(&new_cls, &module) {
                o.class.set(new_cls);
                return Ok(());
            }
            if crate::types::is_builtin_class(&cls) || crate::types::is_builtin_class(&new_cls) {
                return Err(self.type_error("__class__ assignment only supported for mutable types or ModuleType subclasses"));
            }
            let same_layout = crate::vm::base_kind_of(&new_cls) == crate::vm::base_kind_of(&cls)
                && crate::objects::member::same_layout(&new_cls, &cls);
            if !same_layout {
                return Err(self.type_error(format!(
                    "__class__ assignment: '{}' object layout differs from '{}'",
                    crate::types::class_name(&new_cls),
                    crate::types::class_name(&cls)
                )));
            }
            o.class.set(new_cls);
            return Ok(());
        }
        if let Payload::Class(c) = &cls.payload {
            if c.no_dict.get() && !matches!(obj.payload(), Some(Payload::Class(_))) {
                let is_slot = self.lookup_mro(&cls, ns).is_some_and(|d| d.obj().is_some_and(|o| Rc::ptr_eq(&o.class(), &self.types.member_descriptor)));
                if !is_slot {
                    return Err(self.no_attribute(obj, ns));
                }
            }
        }
        if let Some(Payload::Class(c)) = obj.payload() {
            if c.builtin_exact.get() {
                return Err(self.type_error(format!("cannot set '{ns}' attribute of immutable type '{}'", c.name.borrow())));
            }
            if ns == "__name__" || ns == "__qualname__" {
                let Some(s) = v.as_str().map(|s| s.to_string_lossy()) else {
                    return Err(self.type_error(format!("can only assign string to {}.{ns}, not '{}'", c.name.borrow(), self.type_name(&v))));
                };
                if ns == "__name__" {
                    *c.name.borrow_mut() = s;
                } else {
                    *c.qualname.borrow_mut() = s;
                }
                crate::vm::bump_type_epoch();
                return Ok(());
            }
        }
        match obj.obj().and_then(|o| o.dict.as_ref().map(|d| (o, d))) {
            Some((o, d)) => {
                let hash = name.as_str().map(|s| s.hash()).unwrap_or(0);
                d.borrow_mut().set_native(hash, name.clone(), v);
                if let Payload::Class(c) = &o.payload {
                    c.version.set(c.version.get() + 1);
                    crate::vm::bump_type_epoch();
                }
                Ok(())
            }
            None => {
                let tn = self.type_name(obj);
                // A built-in type's own attribute: a method is read-only, a
                // data attribute (`int.real`) is not writable.
                if crate::types::is_builtin_class(&cls) {
                    if let Some(a) = self.lookup_mro(&cls, &ns) {
                        let data = a.obj().is_some_and(|o| Rc::ptr_eq(&o.class(), &self.types.member_descriptor))
                            || matches!(a.payload(), Some(Payload::Property { .. }));
                        return Err(self.attribute_error(if data {
                            format!("attribute '{ns}' of '{tn}' objects is not writable")
                        } else {
                            format!("'{tn}' object attribute '{ns}' is read-only")
                        }));
                    }
                    if self.getattr(obj, name).is_ok() {
                        return Err(self.attribute_error(format!("attribute '{ns}' of '{tn}' objects is not writable")));
                    }
                }
                Err(self.attribute_error(format!("'{tn}' object has no attribute '{ns}'")))
            }
        }
    }

    pub fn delattr(&mut self, obj: &Value, name: &Value) -> PyResult<()> {
        let n = name.as_str().expect("attribute names are strs").to_string_lossy();
        let cls = self.type_of(obj);
        if matches!(obj.payload(), Some(Payload::Class(_))) && matches!(n.as_str(), "__dict__" | "__mro__" | "__weakref__") {
            let t = crate::types::class_name(&cls);
            return Err(self.attribute_error(format!("attribute '{n}' of '{t}' objects is not writable")));
        }
        let builtin = crate::types::is_builtin_class(&cls);
        if !builtin {
            if let Some(da) = self.lookup_mro(&cls, "__delattr__") {
                if !crate::value::is_core_native(&da) {
                    self.call(&da, vec![obj.clone(), name.clone()])?;
                    return Ok(());
                }
            }
        }
        // Properties of built-in types too (`del tb.tb_next`).
        if !builtin || !matches!(obj.payload(), Some(Payload::Class(_))) {
            if let Some(a) = self.lookup_mro(&cls, &n).filter(|a| !builtin || matches!(a.payload(), Some(Payload::Property { .. }))) {
                if let Some(Payload::Member(m)) = a.payload() {
                    return crate::objects::member::set(self, m, obj, None);
                }
                if let Some(Payload::Property { fget, fdel, .. }) = a.payload() {
                    if fdel.is_none() && matches!(fget.payload(), Some(Payload::Native(nf)) if nf.module) {
                        let owner = self.type_name(obj);
                        return Err(self.attribute_error(format!("attribute '{n}' of '{owner}' objects is not writable")));
                    }
                    if fdel.is_none() {
                        let owner = self.type_name(obj);
                        return Err(self.attribute_error(format!("property '{n}' of '{owner}' object has no deleter")));
                    }
                    let fdel = fdel.clone();
                    self.call(&fdel, vec![obj.clone()])?;
                    return Ok(());
                }
                let acls = self.type_of(&a);
                if !crate::types::is_builtin_class(&acls) {
                    if let Some(del) = self.lookup_mro(&acls, "__delete__") {
                        self.call(&del, vec![a.clone(), obj.clone()])?;
                        return Ok(());
                    }
                }
            }
        }
        if n == "__dict__" && obj.obj().is_some_and(|o| o.dict.is_some() && !matches!(o.payload, Payload::Class(_) | Payload::Module { .. })) {
            return crate::objects::member::set_dict(self, obj, None);
        }
        let removed = match obj.payload() {
            Some(Payload::Module { dict, .. }) => match &dict.payload {
                Payload::Dict(d) => d.borrow_mut().remove_str(&n).is_some(),
                _ => false,
            },
            _ => {
                if matches!(obj.payload(), Some(Payload::Class(_))) {
                    crate::vm::bump_type_epoch();
                }
                obj.obj().and_then(|o| o.dict.as_ref()).and_then(|d| d.borrow_mut().remove_str(&n)).is_some()
            }
        };
        if removed {
            Ok(())
        } else {
            Err(self.no_attribute(obj, &n))
        }
    }

    /// Call a method by name on an object.
    pub fn call_method(&mut self, obj: &Value, name: &str, args: Vec<Value>) -> PyResult<Value> {
        let m = self.getattr(obj, &str_key(name))?;
        self.call(&m, args)
    }

    // ---- items ----------------------------------------------------------

    pub fn getitem(&mut self, obj: &Value, key: &Value) -> PyResult<Value> {
        if let Value::Obj(o) = obj {
            let overridden = || {
                !crate::vm::is_exact_builtin(o)
                    && self.lookup_mro(&o.class(), "__getitem__").is_some_and(|f| !crate::value::is_core_native(&f))
            };
            if crate::vm::is_exact_builtin(o) || (!matches!(o.payload, Payload::Instance) && !overridden()) {
                if let Some(v) = crate::objects::methods::native_getitem(self, obj, key)? {
                    return Ok(v);
                }
            }
        }
        let cls = self.type_of(obj);
        if let Some(f) = self.lookup_mro(&cls, "__getitem__") {
            if !crate::value::is_core_native(&f) {
                return self.call(&f, vec![obj.clone(), key.clone()]);
            }
        }
        if let Some(Payload::Class(_)) = obj.payload() {
            let c = obj.obj().expect("class").clone();
            if let Some(cg) = self.lookup_mro(&c, "__class_getitem__") {
                let f = match cg.payload() {
                    Some(Payload::ClassMethod(f)) => f.clone(),
                    _ => cg,
                };
                return self.call(&f, vec![obj.clone(), key.clone()]);
            }
            return Err(self.type_error(format!("type '{}' is not subscriptable", crate::types::class_name(&c))));
        }
        Err(self.type_error(format!("'{}' object is not subscriptable", self.type_name(obj))))
    }

    pub fn setitem(&mut self, obj: &Value, key: Value, v: Value) -> PyResult<()> {
        let cls = self.type_of(obj);
        if !crate::types::is_builtin_class(&cls) {
            if let Some(f) = self.lookup_mro(&cls, "__setitem__") {
                if !crate::value::is_core_native(&f) {
                    self.call(&f, vec![obj.clone(), key, v])?;
                    return Ok(());
                }
            }
        }
        crate::objects::methods::native_setitem(self, obj, key, v)
    }

    pub fn delitem(&mut self, obj: &Value, key: &Value) -> PyResult<()> {
        let cls = self.type_of(obj);
        if !crate::types::is_builtin_class(&cls) {
            if let Some(f) = self.lookup_mro(&cls, "__delitem__") {
                if !crate::value::is_core_native(&f) {
                    self.call(&f, vec![obj.clone(), key.clone()])?;
                    return Ok(());
                }
            }
        }
        crate::objects::methods::native_delitem(self, obj, key)
    }

    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container.payload() {
            Some(Payload::Dict(d) | Payload::Set(d)) => return dict::contains(self, d, item),
            Some(Payload::FrozenSet(d)) => {
                let cell = std::cell::RefCell::new(d.clone());
                return dict::contains(self, &cell, item);
            }
            Some(Payload::Bytes(_) | Payload::ByteArray(_)) => {
                let cls = if matches!(container.payload(), Some(Payload::ByteArray(_))) { self.types.bytearray.clone() } else { self.types.bytes.clone() };
                let c = self.lookup_mro(&cls, "__contains__");
                if let Some(f) = c {
                    let r = self.call(&f, vec![container.clone(), item.clone()])?;
                    return self.truthy(&r);
                }
            }
            Some(Payload::Range { .. })
                if crate::vm::is_exact_builtin(container.obj().expect("range"))
                    && (matches!(item, Value::Int(_) | Value::Bool(_))
                        || item.obj().is_some_and(|o| matches!(o.payload, Payload::BigInt(_)) && crate::vm::is_exact_builtin(o))) =>
            {
                return Ok(crate::objects::numbers::range_position(self, container, item)?.is_some());
            }
            Some(Payload::Str(s)) => {
                let Some(sub) = item.as_str() else {
                    return Err(self.type_error(format!(
                        "'in <string>' requires string as left operand, not {}",
                        self.type_name(item)
                    )));
                };
                return Ok(crate::objects::methods::str_find(s, sub, 0, s.len()).is_some());
            }
            _ => {}
        }
        let cls = self.type_of(container);
        if let Some(f) = self.lookup_mro(&cls, "__contains__") {
            if !crate::value::is_core_native(&f) {
                let r = self.call(&f, vec![container.clone(), item.clone()])?;
                return self.truthy(&r);
            }
        }
        let it = match self.iter(container) {
            Ok(it) => it,
            Err(_) => {
                return Err(self.type_error(format!(
                    "argument of type '{}' is not iterable",
                    self.type_name(container)
                )))
            }
        };
        while let Some(x) = self.next(&it)? {
            if x.is(item) || self.eq(&x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    // ---- iteration ------------------------------------------------------

    pub fn iter(&mut self, v: &Value) -> PyResult<Value> {
        if let Value::Obj(o) = v {
            let exact = crate::vm::is_exact_builtin(o);
            let st = match &o.payload {
                Payload::List(_) | Payload::Tuple(_) if exact => Some(IterState::Seq { seq: v.clone(), index: 0 }),
                Payload::Str(_) if exact => Some(IterState::Str { s: v.clone(), index: 0 }),
                Payload::Dict(d) if exact => {
                    let b = d.borrow();
                    Some(IterState::DictKeys { dict: v.clone(), index: 0, len_at_start: b.len(), version: b.version })
                }
                Payload::Set(d) if exact => {
                    let b = d.borrow();
                    Some(IterState::SetKeys { set: v.clone(), keys: b.set_keys(), index: 0, len_at_start: b.len() })
                }
                Payload::FrozenSet(d) => Some(IterState::SetKeys { set: v.clone(), keys: d.set_keys(), index: 0, len_at_start: d.len() }),
                Payload::Range { start, stop, step } => match (start.to_i64(), stop.to_i64(), step.to_i64()) {
                    (Some(a), Some(b), Some(c)) => Some(IterState::Range { start: a, next: a, stop: b, step: c }),
                    _ => Some(IterState::BigRange { start: start.clone(), next: start.clone(), stop: stop.clone(), step: step.clone() }),
                },
                Payload::Generator(g) if g.borrow().is_coroutine => {
                    return Err(self.type_error("'coroutine' object is not iterable"));
                }
                Payload::Iter(_) | Payload::Generator(_) => return Ok(v.clone()),
                _ => None,
            };
            if let Some(st) = st {
                return Ok(self.new_iter(st));
            }
        }
        let cls = self.type_of(v);
        if let Some(f) = self.lookup_mro(&cls, "__iter__") {
            if f.is_none() {
                return Err(self.type_error(format!("'{}' object is not iterable", self.type_name(v))));
            }
            let it = self.call(&f, vec![v.clone()])?;
            let itc = self.type_of(&it);
            if self.lookup_mro(&itc, "__next__").is_none() && !matches!(it.payload(), Some(Payload::Iter(_) | Payload::Generator(_))) {
                return Err(self.type_error(format!("iter() returned non-iterator of type '{}'", self.type_name(&it))));
            }
            return Ok(it);
        }
        if self.lookup_mro(&cls, "__getitem__").is_some() {
            return Ok(self.new_iter(IterState::Seq { seq: v.clone(), index: 0 }));
        }
        Err(self.type_error(format!("'{}' object is not iterable", self.type_name(v))))
    }

    /// The next item, or `None` when exhausted.
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        if let Value::Obj(o) = it {
            match &o.payload {
                Payload::Iter(st)
                    if crate::vm::is_exact_builtin(o)
                        || self.lookup_mro(&o.class(), "__next__").map_or(true, |f| crate::value::is_core_native(&f)) =>
                {
                    return crate::objects::iter::next(self, it, st)
                }
                Payload::Generator(_) => {
                    return match self.gen_resume(o, Value::None, None) {
                        Ok(v) => Ok(v),
                        Err(e) if self.isinstance(&e.0, &self.types.exc.stop_iteration) => Ok(None),
                        Err(e) => Err(e),
                    };
                }
                _ => {}
            }
        }
        let cls = self.type_of(it);
        match self.lookup_mro(&cls, "__next__") {
            Some(f) => match self.call(&f, vec![it.clone()]) {
                Ok(v) => Ok(Some(v)),
                Err(e) if self.isinstance(&e.0, &self.types.exc.stop_iteration) => Ok(None),
                Err(e) => Err(e),
            },
            None => Err(self.type_error(format!("'{}' object is not an iterator", self.type_name(it)))),
        }
    }

    // ---- text -----------------------------------------------------------

    pub fn repr(&mut self, v: &Value) -> PyResult<PyStr> {
        crate::objects::repr::repr(self, v)
    }

    pub fn str(&mut self, v: &Value) -> PyResult<Value> {
        if let Value::Obj(o) = v {
            if let Payload::Str(_) = &o.payload {
                if crate::vm::is_exact_builtin(o) {
                    return Ok(v.clone());
                }
            }
            // CPython's PyObject_Str counts against the recursion limit.
            self.enter_recursive(" while getting the str of an object")?;
            let r = self.str_inner(v);
            self.leave_recursive();
            return r;
        }
        self.str_inner(v)
    }

    fn str_inner(&mut self, v: &Value) -> PyResult<Value> {
        if let Value::Obj(o) = v {
            if let Payload::Str(_) = &o.payload {
                if crate::vm::is_exact_builtin(o) {
                    return Ok(v.clone());
                }
            }
        }
        let cls = self.type_of(v);
        if !crate::types::is_builtin_class(&cls) {
            if let Some(f) = self.lookup_mro(&cls, "__str__") {
                // A built-in type's own `__str__` is bypassed (the paths
                // below are it); one a class put in its own namespace
                // (`IntEnum.__str__ = int.__repr__`) is called.
                if !crate::value::is_core_native(&f) || self.defined_by_user_class(&cls, "__str__") {
                    let r = self.call(&f, vec![v.clone()])?;
                    if r.as_str().is_none() {
                        return Err(self.type_error(format!("__str__ returned non-string (type {})", self.type_name(&r))));
                    }
                    return Ok(r);
                }
            }
        }
        if let Some(Payload::Str(s)) = v.payload() {
            return Ok(self.new_pystr(s.substring(0, s.len())));
        }
        if let Some(Payload::Exception(_)) = v.payload() {
            let cls = self.type_of(v);
            if let Some(f) = self.lookup_mro(&cls, "__str__") {
                let r = self.call(&f, vec![v.clone()])?;
                if r.as_str().is_none() {
                    return Err(self.type_error(format!("__str__ returned non-string (type {})", self.type_name(&r))));
                }
                return Ok(r);
            }
        }
        if let Some(Payload::Exception(x)) = v.payload() {
            let args = x.args.borrow().clone();
            if let Some(Payload::Tuple(t)) = args.payload() {
                if self.isinstance(v, &self.types.exc.key_error.clone()) && t.len() == 1 {
                    let r = self.repr(&t[0])?;
                    return Ok(self.new_pystr(r));
                }
                return match t.len() {
                    0 => Ok(self.new_str("")),
                    1 => self.str(&t[0].clone()),
                    _ => {
                        let r = self.repr(&args)?;
                        Ok(self.new_pystr(r))
                    }
                };
            }
        }
        // object.__str__ calls the type's repr directly (not counted).
        let r = crate::objects::repr::repr_uncounted(self, v)?;
        Ok(self.new_pystr(r))
    }

    /// Is the first class along `cls`'s MRO defining `name` a class made
    /// by a `class` statement (not a built-in type)?
    fn defined_by_user_class(&self, cls: &PyRef, name: &str) -> bool {
        let Payload::Class(c) = &cls.payload else { return false };
        for k in c.mro.borrow().iter() {
            if k.dict.as_ref().is_some_and(|d| d.borrow().get_str(name).is_some()) {
                return !crate::types::is_builtin_class(k) && !crate::modules::native::is_native_class(k);
            }
        }
        false
    }

    pub fn str_string(&mut self, v: &Value) -> PyResult<String> {
        let s = self.str(v)?;
        Ok(s.as_str().map(|s| s.to_string_lossy()).unwrap_or_default())
    }

    pub fn ascii(&mut self, v: &Value) -> PyResult<String> {
        let r = self.repr(v)?;
        let mut out = String::new();
        for c in r.iter() {
            if c < 128 {
                out.push(c as u8 as char);
            } else if c <= 0xff {
                out.push_str(&format!("\\x{c:02x}"));
            } else if c <= 0xffff {
                out.push_str(&format!("\\u{c:04x}"));
            } else {
                out.push_str(&format!("\\U{c:08x}"));
            }
        }
        Ok(out)
    }

    pub fn format(&mut self, v: &Value, spec: &Value) -> PyResult<Value> {
        crate::objects::format::format(self, v, spec)
    }

    pub fn args_of(&self, pos: Vec<Value>) -> Args {
        Args::new(pos)
    }
}

pub fn big_divmod(x: &BigInt, y: &BigInt) -> (BigInt, BigInt) {
    use num_integer::Integer;
    x.div_mod_floor(y)
}

const MODULUS: u64 = (1 << 61) - 1;

pub fn hash_int(i: i64) -> i64 {
    let neg = i < 0;
    let m = (i.unsigned_abs() % MODULUS) as i64;
    let h = if neg { -m } else { m };
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn hash_big(b: &BigInt) -> i64 {
    let m = BigInt::from(MODULUS);
    let r = (b.abs() % &m).to_i64().unwrap_or(0);
    let h = if b.is_negative() { -r } else { r };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// CPython's numeric hash for floats: equal to the int hash for integral
/// values, so `hash(1.0) == hash(1)`.
pub fn hash_float(f: f64) -> i64 {
    if f.is_nan() {
        // CPython hashes a NaN by its identity, which is pyx's NaN serial.
        let h = (f.to_bits() & ((1 << 51) - 1)) as i64;
        return if h == -1 { -2 } else { h };
    }
    if f.is_infinite() {
        return if f > 0.0 { 314159 } else { -314159 };
    }
    if f.fract() == 0.0 && f.abs() < 9.2e18 {
        return hash_int(f as i64);
    }
    let (mut m, mut e) = frexp(f.abs());
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (61 - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 { e % 61 } else { 61 - 1 - ((-1 - e) % 61) };
    x = ((x << e) & MODULUS) | (x >> (61 - e));
    let h = if f < 0.0 { -(x as i64) } else { x as i64 };
    if h == -1 {
        -2
    } else {
        h
    }
}

fn frexp(f: f64) -> (f64, i32) {
    if f == 0.0 {
        return (0.0, 0);
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(f * 2f64.powi(54));
        return (m, e - 54);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, e)
}

/// The `__getattr__` function in a module's namespace (PEP 562).
fn module_getattr_hook(obj: &Value) -> Option<Value> {
    let Some(Payload::Module { dict, .. }) = obj.payload() else { return None };
    match &dict.payload {
        Payload::Dict(d) => d.borrow().get_str("__getattr__").cloned(),
        _ => None,
    }
}

/// `x / y` for ints, correctly rounded (half to even, subnormals included);
/// `None` if the quotient overflows a float. `y` is not zero.
pub fn int_true_divide(x: &BigInt, y: &BigInt) -> Option<f64> {
    use num_bigint::BigUint;
    let neg = x.is_negative() != y.is_negative();
    let (a, b) = (x.magnitude(), y.magnitude());
    let sign = |v: f64| if neg { -v } else { v };
    const EXACT: u64 = 1 << 53;
    if let (Some(p), Some(q)) = (a.to_u64(), b.to_u64()) {
        if p <= EXACT && q <= EXACT {
            return Some(sign(p as f64 / q as f64));
        }
    }
    if a.bits() == 0 {
        return Some(sign(0.0));
    }
    // q = floor(a * 2**s / b) with at least 55 bits, its lowest bit made
    // sticky (set when the division was inexact).
    let s: i64 = 56 + b.bits() as i64 - a.bits() as i64;
    let (num, den): (BigUint, BigUint) = if s >= 0 { (a << s as usize, b.clone()) } else { (a.clone(), b << (-s) as usize) };
    let (mut q, r) = (&num / &den, &num % &den);
    if r.bits() != 0 {
        q |= BigUint::from(1u32);
    }
    // value = q * 2**-s; keep 53 bits, fewer below the normal range.
    let top = q.bits() as i64 - 1 - s;
    if top > 1023 {
        return None;
    }
    let lsb = (top - 52).max(-1074);
    let shift = (lsb + s) as u64;
    let half = q.bit(shift - 1);
    let sticky = (q.trailing_zeros().unwrap_or(0)) < shift - 1;
    let mut m = (&q >> shift as usize).to_u64().unwrap_or(0);
    if half && (sticky || m & 1 == 1) {
        m += 1;
    }
    if m == 0 {
        return Some(sign(0.0));
    }
    if lsb + (64 - m.leading_zeros() as i64) - 1 > 1023 {
        return None;
    }
    let pow2 = |k: i64| f64::from_bits(((k + 1023) as u64) << 52);
    let v = if lsb < -1022 { (m as f64) * pow2(lsb + 200) * pow2(-200) } else { (m as f64) * pow2(lsb) };
    Some(sign(v))
}
