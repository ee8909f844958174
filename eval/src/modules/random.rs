//! The native `_random` module: `Random`, the Mersenne Twister (MT19937)
//! that `random.Random` subclasses, producing the same numbers as
//! CPython's for the same seed.

use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive};

use crate::modules::native;
use crate::value::Value;
use crate::vm::ops;
use crate::vm::{Args, Vm};
use crate::PyResult;

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER: u32 = 0x8000_0000;
const LOWER: u32 = 0x7fff_ffff;
const CLS: &str = "_random.Random";

thread_local! {
    static RANDOM_CLASS: std::cell::RefCell<Option<crate::value::PyRef>> = const { std::cell::RefCell::new(None) };
}

/// The generator state: 624 words and the position in them.
pub struct Mt {
    state: [u32; N],
    index: usize,
}

impl Mt {
    fn zeroed() -> Mt {
        Mt { state: [0; N], index: 0 }
    }

    fn next_u32(&mut self) -> u32 {
        let twist = |a: u32, b: u32, c: u32| {
            let y = (a & UPPER) | (b & LOWER);
            c ^ (y >> 1) ^ if y & 1 == 1 { MATRIX_A } else { 0 }
        };
        if self.index >= N {
            let mt = &mut self.state;
            for k in 0..N {
                mt[k] = twist(mt[k], mt[(k + 1) % N], mt[(k + M) % N]);
            }
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// A float in [0, 1) with 53 random bits.
    fn random(&mut self) -> f64 {
        let a = self.next_u32() >> 5;
        let b = self.next_u32() >> 6;
        (a as f64 * 67108864.0 + b as f64) * (1.0 / 9007199254740992.0)
    }

    fn init_genrand(&mut self, s: u32) {
        let mt = &mut self.state;
        mt[0] = s;
        for i in 1..N {
            mt[i] = 1812433253u32.wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19650218);
        let mt = &mut self.state;
        let (mut i, mut j) = (1usize, 0usize);
        let klen = key.len().max(1);
        for _ in 0..N.max(key.len()) {
            let prev = mt[i - 1] ^ (mt[i - 1] >> 30);
            mt[i] = (mt[i] ^ prev.wrapping_mul(1664525)).wrapping_add(key.get(j).copied().unwrap_or(0)).wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= klen {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = mt[i - 1] ^ (mt[i - 1] >> 30);
            mt[i] = (mt[i] ^ prev.wrapping_mul(1566083941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
    }

    /// Seed from the operating system's entropy (or, failing that, the
    /// time and the process id).
    fn seed_os(&mut self) {
        let mut key = [0u32; N];
        let mut bytes = [0u8; N * 4];
        if !fill_random(&mut bytes) {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0) as u64;
            bytes[..8].copy_from_slice(&now.to_le_bytes());
            bytes[8..12].copy_from_slice(&std::process::id().to_le_bytes());
        }
        for (k, c) in key.iter_mut().zip(bytes.chunks_exact(4)) {
            *k = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        }
        self.init_by_array(&key);
    }
}

/// Fill `buf` from the OS random source; false if it is not available.
pub fn fill_random(buf: &mut [u8]) -> bool {
    use std::io::Read;
    match std::fs::File::open("/dev/urandom") {
        Ok(mut f) => f.read_exact(buf).is_ok(),
        Err(_) => false,
    }
}

/// `random_seed`: None from the OS; ints by the 32-bit words of their
/// absolute value; anything else by its hash.
fn seed_with(vm: &mut Vm, self_: &Value, arg: Option<&Value>) -> PyResult<()> {
    let n: BigInt = match arg {
        None | Some(Value::None) => {
            let mut st = native::opaque_mut::<Mt>(self_).ok_or_else(|| vm.type_error("Random state is busy"))?;
            st.seed_os();
            return Ok(());
        }
        Some(v) => match ops::as_big(v) {
            Some(b) => b.abs(),
            None => {
                let h = vm.hash(v)?;
                BigInt::from(h as u64)
            }
        },
    };
    let (_, mut words) = n.to_u32_digits();
    if words.is_empty() {
        words.push(0);
    }
    let mut st = native::opaque_mut::<Mt>(self_).ok_or_else(|| vm.type_error("Random state is busy"))?;
    st.init_by_array(&words);
    Ok(())
}

fn r_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cls = match a.pos.first() {
        Some(Value::Obj(c)) if matches!(c.payload, crate::value::Payload::Class(_)) => c.clone(),
        Some(v) => return Err(vm.type_error(format!("_random.Random.__new__(X): X is not a type object ({})", vm.type_name(v)))),
        None => return Err(vm.type_error("_random.Random.__new__(): not enough arguments")),
    };
    let base = RANDOM_CLASS.with(|c| c.borrow().clone());
    if base.as_ref().is_some_and(|b| !vm.is_subclass(&cls, b)) {
        let n = crate::types::class_name(&cls);
        return Err(vm.type_error(format!("_random.Random.__new__({n}): {n} is not a subtype of _random.Random")));
    }
    Ok(native::new_opaque(vm, &cls, Mt::zeroed()))
}

fn r_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(self_) = a.pos.first().cloned() else {
        return Err(vm.type_error("descriptor '__init__' of '_random.Random' object needs an argument"));
    };
    if native::opaque::<Mt>(&self_).is_none() {
        return Err(vm.type_error(format!(
            "descriptor '__init__' requires a '_random.Random' object but received a '{}'",
            vm.type_name(&self_)
        )));
    }
    if !a.kw.is_empty() {
        return Err(vm.type_error("Random() takes no keyword arguments"));
    }
    if a.pos.len() > 2 {
        return Err(vm.type_error("Random() requires 0 or 1 argument"));
    }
    seed_with(vm, &self_, a.pos.get(1))?;
    Ok(Value::None)
}

fn no_kw(vm: &Vm, a: &Args, name: &str) -> PyResult<()> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("Random.{name}() takes no keyword arguments")));
    }
    Ok(())
}

fn r_random(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_kw(vm, a, "random")?;
    let mut st = native::this_mut::<Mt>(vm, a, CLS, "random")?;
    if a.pos.len() != 1 {
        return Err(vm.type_error(format!("Random.random() takes no arguments ({} given)", a.pos.len() - 1)));
    }
    Ok(Value::Float(st.random()))
}

fn r_seed(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_kw(vm, a, "seed")?;
    drop(native::this::<Mt>(vm, a, CLS, "seed")?);
    if a.pos.len() > 2 {
        return Err(vm.type_error(format!("seed expected at most 1 argument, got {}", a.pos.len() - 1)));
    }
    seed_with(vm, &a.pos[0], a.pos.get(1))?;
    Ok(Value::None)
}

fn r_getstate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_kw(vm, a, "getstate")?;
    let items: Vec<Value> = {
        let st = native::this::<Mt>(vm, a, CLS, "getstate")?;
        if a.pos.len() != 1 {
            return Err(vm.type_error(format!("Random.getstate() takes no arguments ({} given)", a.pos.len() - 1)));
        }
        st.state.iter().map(|w| Value::Int(*w as i64)).chain(std::iter::once(Value::Int(st.index as i64))).collect()
    };
    Ok(vm.new_tuple(items))
}

fn r_setstate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_kw(vm, a, "setstate")?;
    drop(native::this::<Mt>(vm, a, CLS, "setstate")?);
    if a.pos.len() != 2 {
        return Err(vm.type_error(format!("Random.setstate() takes exactly one argument ({} given)", a.pos.len() - 1)));
    }
    let state = &a.pos[1];
    let items: Vec<Value> = match state.payload() {
        Some(crate::value::Payload::Tuple(t)) => t.to_vec(),
        _ => return Err(vm.type_error("state vector must be a tuple")),
    };
    if items.len() != N + 1 {
        return Err(vm.value_error("state vector is the wrong size"));
    }
    let mut words = [0u32; N];
    for (w, v) in words.iter_mut().zip(items.iter()) {
        let Some(b) = ops::as_big(v) else {
            return Err(vm.type_error("an integer is required"));
        };
        if b.sign() == Sign::Minus {
            return Err(vm.overflow_error("can't convert negative value to unsigned int"));
        }
        let Some(u) = b.to_u64() else {
            return Err(vm.overflow_error("Python int too large to convert to C unsigned long"));
        };
        *w = u as u32;
    }
    let Some(ib) = ops::as_big(&items[N]) else {
        return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(&items[N]))));
    };
    let Some(index) = ib.to_i64() else {
        return Err(vm.overflow_error("Python int too large to convert to C long"));
    };
    if !(0..=N as i64).contains(&index) {
        return Err(vm.value_error("invalid state"));
    }
    let mut st = native::this_mut::<Mt>(vm, a, CLS, "setstate")?;
    st.state = words;
    st.index = index as usize;
    Ok(Value::None)
}

fn r_getrandbits(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    no_kw(vm, a, "getrandbits")?;
    drop(native::this::<Mt>(vm, a, CLS, "getrandbits")?);
    if a.pos.len() != 2 {
        return Err(vm.type_error(format!("Random.getrandbits() takes exactly one argument ({} given)", a.pos.len() - 1)));
    }
    let kv = a.pos[1].clone();
    if crate::objects::numbers::float_val(&kv).is_some() {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let kb = crate::builtins::index_big(vm, &kv)?;
    let Some(k) = kb.to_i32() else {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    };
    if k < 0 {
        return Err(vm.value_error("number of bits must be non-negative"));
    }
    let mut st = native::this_mut::<Mt>(vm, a, CLS, "getrandbits")?;
    if k == 0 {
        return Ok(Value::Int(0));
    }
    if k <= 32 {
        return Ok(Value::Int((st.next_u32() >> (32 - k)) as i64));
    }
    // Least significant word first; the last one keeps its top bits.
    let words = (k as usize - 1) / 32 + 1;
    let mut out = Vec::with_capacity(words);
    let mut left = k;
    for _ in 0..words {
        let mut r = st.next_u32();
        if left < 32 {
            r >>= 32 - left;
        }
        out.push(r);
        left -= 32;
    }
    drop(st);
    Ok(ops::int_from_big(BigInt::from_slice(Sign::Plus, &out)))
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(vm, "_random", &[]);
    native::set(&m, "__doc__", vm.new_str("Module implements the Mersenne Twister random number generator."));
    let cls = native::native_class(vm, "_random", "Random", None);
    native::add_new(&cls, r_new);
    native::add_method(&cls, "__init__", r_init);
    native::add_method(&cls, "random", r_random);
    native::add_method(&cls, "seed", r_seed);
    native::add_method(&cls, "getstate", r_getstate);
    native::add_method(&cls, "setstate", r_setstate);
    native::add_method(&cls, "getrandbits", r_getrandbits);
    let doc = vm.new_str("Random() -> create a random number generator with its own internal state.");
    native::set(&Value::Obj(cls.clone()), "__doc__", doc);
    RANDOM_CLASS.with(|c| *c.borrow_mut() = Some(cls.clone()));
    native::set(&m, "Random", Value::Obj(cls));
    Ok(m)
}
