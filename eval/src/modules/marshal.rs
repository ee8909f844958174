//! `marshal`: CPython's value serialization format (version 4) for the
//! values that have no code objects in them. pyx's code objects are not
//! CPython's, so `dumps` of a code object raises ValueError, and pyx never
//! reads or writes `.pyc` files.

use crate::modules::native::{self, positional};
use crate::value::{Payload, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(vm, "marshal", &[("dumps", dumps), ("loads", loads)]);
    native::set(&m, "version", Value::Int(4));
    Ok(m)
}

fn w_long(out: &mut Vec<u8>, x: i32) {
    out.extend_from_slice(&x.to_le_bytes());
}

fn dump(vm: &mut Vm, v: &Value, out: &mut Vec<u8>, depth: usize) -> PyResult<()> {
    if depth > 2000 {
        return Err(vm.value_error("object too deeply nested to marshal"));
    }
    match v {
        Value::None => out.push(b'N'),
        Value::Bool(true) => out.push(b'T'),
        Value::Bool(false) => out.push(b'F'),
        Value::Int(i) if i32::try_from(*i).is_ok() => {
            out.push(b'i');
            w_long(out, *i as i32);
        }
        Value::Float(f) => {
            out.push(b'g');
            out.extend_from_slice(&crate::value::canonical_nan(*f).to_le_bytes());
        }
        _ => {
            if let Some(b) = crate::vm::ops::as_big(v) {
                // Base 2**15 digits, sign in the count.
                out.push(b'l');
                let (sign, mag) = b.to_u32_digits();
                let mut digits: Vec<u16> = Vec::new();
                let mut n = num_bigint::BigUint::new(mag);
                let base = num_bigint::BigUint::from(1u32 << 15);
                while n > num_bigint::BigUint::from(0u32) {
                    let d = &n % &base;
                    digits.push(d.to_u32_digits().first().copied().unwrap_or(0) as u16);
                    n /= &base;
                }
                let count = digits.len() as i32;
                w_long(out, if sign == num_bigint::Sign::Minus { -count } else { count });
                for d in digits {
                    out.extend_from_slice(&d.to_le_bytes());
                }
                return Ok(());
            }
            match v.payload() {
                Some(Payload::Str(s)) => {
                    let bytes = s.to_string_lossy().into_bytes();
                    out.push(b'u');
                    w_long(out, bytes.len() as i32);
                    out.extend_from_slice(&bytes);
                }
                Some(Payload::Bytes(b)) => {
                    out.push(b's');
                    w_long(out, b.len() as i32);
                    out.extend_from_slice(b);
                }
                Some(Payload::ByteArray(b)) => {
                    let b = b.borrow().clone();
                    out.push(b's');
                    w_long(out, b.len() as i32);
                    out.extend_from_slice(&b);
                }
                Some(Payload::Complex(re, im)) => {
                    out.push(b'y');
                    out.extend_from_slice(&re.to_le_bytes());
                    out.extend_from_slice(&im.to_le_bytes());
                }
                Some(Payload::Tuple(items)) => {
                    let items = items.to_vec();
                    out.push(b'(');
                    w_long(out, items.len() as i32);
                    for x in &items {
                        dump(vm, x, out, depth + 1)?;
                    }
                }
                Some(Payload::List(items)) => {
                    let items = items.borrow().clone();
                    out.push(b'[');
                    w_long(out, items.len() as i32);
                    for x in &items {
                        dump(vm, x, out, depth + 1)?;
                    }
                }
                Some(Payload::Dict(d)) => {
                    let items: Vec<(Value, Value)> = d.borrow().iter().map(|e| (e.key.clone(), e.value.clone())).collect();
                    out.push(b'{');
                    for (k, x) in &items {
                        dump(vm, k, out, depth + 1)?;
                        dump(vm, x, out, depth + 1)?;
                    }
                    out.push(b'0');
                }
                Some(Payload::Set(d)) => {
                    let items: Vec<Value> = d.borrow().iter().map(|e| e.key.clone()).collect();
                    out.push(b'<');
                    w_long(out, items.len() as i32);
                    for x in &items {
                        dump(vm, x, out, depth + 1)?;
                    }
                }
                Some(Payload::FrozenSet(d)) => {
                    let items: Vec<Value> = d.iter().map(|e| e.key.clone()).collect();
                    out.push(b'>');
                    w_long(out, items.len() as i32);
                    for x in &items {
                        dump(vm, x, out, depth + 1)?;
                    }
                }
                Some(Payload::Ellipsis) => out.push(b'.'),
                Some(Payload::Code(_)) => return Err(vm.value_error("pyx cannot marshal code objects")),
                _ => return Err(vm.value_error("unmarshallable object")),
            }
        }
    }
    Ok(())
}

fn dumps(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "dumps", 1, 2)?;
    // A code object (what importlib writes into `.pyc` files) in pyx's own
    // form (`codecache.rs`): CPython's marshal format for code is its
    // bytecode, which pyx does not have.
    if let Some(Payload::Code(c)) = a[0].payload() {
        let unit = c.unit.clone();
        return match crate::codecache::encode(&unit) {
            Some(bytes) => Ok(crate::objects::bytes::new_bytes(vm, bytes)),
            None => Err(vm.value_error("unmarshallable object")),
        };
    }
    let mut out = Vec::new();
    dump(vm, &a[0], &mut out, 0)?;
    Ok(crate::objects::bytes::new_bytes(vm, out))
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    refs: Vec<Value>,
}

impl Reader<'_> {
    fn bytes(&mut self, vm: &Vm, n: usize) -> PyResult<&[u8]> {
        if self.pos + n > self.data.len() {
            return Err(vm.err(&vm.types.exc.eof_error.clone(), "marshal data too short"));
        }
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    fn long(&mut self, vm: &Vm) -> PyResult<i32> {
        let b = self.bytes(vm, 4)?;
        Ok(i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn size(&mut self, vm: &Vm) -> PyResult<usize> {
        let n = self.long(vm)?;
        usize::try_from(n).map_err(|_| vm.value_error("bad marshal data (size out of range)"))
    }
}

fn load(vm: &mut Vm, r: &mut Reader, depth: usize) -> PyResult<Value> {
    if depth > 2000 {
        return Err(vm.value_error("recursion limit exceeded"));
    }
    let code = r.bytes(vm, 1)?[0];
    let flag = code & 0x80 != 0;
    let slot = if flag {
        r.refs.push(Value::None);
        Some(r.refs.len() - 1)
    } else {
        None
    };
    let v = match code & 0x7f {
        b'N' => Value::None,
        b'T' => Value::Bool(true),
        b'F' => Value::Bool(false),
        b'.' => vm.types.ellipsis.clone(),
        b'i' => Value::Int(r.long(vm)? as i64),
        b'g' => {
            let b = r.bytes(vm, 8)?;
            Value::float(f64::from_le_bytes(b.try_into().unwrap_or([0; 8])))
        }
        b'y' => {
            let b = r.bytes(vm, 16)?.to_vec();
            let re = f64::from_le_bytes(b[..8].try_into().unwrap_or([0; 8]));
            let im = f64::from_le_bytes(b[8..].try_into().unwrap_or([0; 8]));
            crate::objects::numbers::new_complex(vm, re, im)
        }
        b'l' => {
            let n = r.long(vm)?;
            let count = n.unsigned_abs() as usize;
            let mut big = num_bigint::BigInt::from(0);
            let mut digits = Vec::with_capacity(count.min(1 << 16));
            for _ in 0..count {
                let b = r.bytes(vm, 2)?;
                digits.push(u16::from_le_bytes([b[0], b[1]]));
            }
            for d in digits.iter().rev() {
                big = (big << 15) + num_bigint::BigInt::from(*d);
            }
            if n < 0 {
                big = -big;
            }
            vm.int(big)
        }
        b'u' | b't' | b'a' | b'A' => {
            let n = r.size(vm)?;
            let b = r.bytes(vm, n)?.to_vec();
            vm.new_str(&String::from_utf8_lossy(&b))
        }
        b'z' | b'Z' => {
            let n = r.bytes(vm, 1)?[0] as usize;
            let b = r.bytes(vm, n)?.to_vec();
            vm.new_str(&String::from_utf8_lossy(&b))
        }
        b's' => {
            let n = r.size(vm)?;
            let b = r.bytes(vm, n)?.to_vec();
            crate::objects::bytes::new_bytes(vm, b)
        }
        b'(' | b'[' | b'<' | b'>' | b')' => {
            let n = if code & 0x7f == b')' { r.bytes(vm, 1)?[0] as usize } else { r.size(vm)? };
            let mut items = Vec::with_capacity(n.min(1 << 16));
            for _ in 0..n {
                items.push(load(vm, r, depth + 1)?);
            }
            match code & 0x7f {
                b'[' => vm.new_list(items),
                b'<' | b'>' => {
                    let l = vm.new_list(items);
                    let cls = if code & 0x7f == b'<' { vm.types.set.clone() } else { vm.types.frozenset.clone() };
                    vm.call(&Value::Obj(cls), vec![l])?
                }
                _ => vm.new_tuple(items),
            }
        }
        b'{' => {
            let d = vm.new_dict(crate::objects::dict::Dict::new());
            loop {
                if r.data.get(r.pos) == Some(&b'0') {
                    r.pos += 1;
                    break;
                }
                let k = load(vm, r, depth + 1)?;
                let x = load(vm, r, depth + 1)?;
                vm.setitem(&d, k, x)?;
            }
            d
        }
        b'r' => {
            let i = r.size(vm)?;
            r.refs.get(i).cloned().ok_or_else(|| vm.value_error("bad marshal data (invalid reference)"))?
        }
        _ => return Err(vm.value_error("bad marshal data (unknown type code)")),
    };
    if let Some(i) = slot {
        r.refs[i] = v.clone();
    }
    Ok(v)
}

fn loads(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "loads", 1, 1)?;
    let data = native::buffer(vm, &a[0])?;
    if crate::codecache::is_encoded(&data) {
        let unit = match crate::codecache::decode(&data) {
            Ok(u) => std::sync::Arc::new(u),
            Err(crate::codecache::TOO_SHORT) => return Err(vm.err(&vm.types.exc.eof_error.clone(), crate::codecache::TOO_SHORT)),
            Err(why) => return Err(vm.value_error(format!("bad marshal data ({why})"))),
        };
        // Tracebacks show lines of the source the code came from.
        let source = match std::fs::read(&unit.filename) {
            Ok(bytes) => crate::run::decode(vm, &bytes, &unit.filename).unwrap_or_default(),
            Err(_) => String::new(),
        };
        let code = crate::run::materialize(vm, &unit, &std::rc::Rc::from(source.as_str()));
        return Ok(crate::objects::frames::code_object(vm, &code));
    }
    let mut r = Reader { data: &data, pos: 0, refs: Vec::new() };
    load(vm, &mut r, 0)
}
