//! The native hash modules `_md5`, `_sha1`, `_sha256`, `_sha512`, `_sha3`
//! and `_blake2` (what `hashlib` falls back to without OpenSSL), over the
//! RustCrypto digests and the BLAKE2 crates.

use std::cell::RefCell;
use std::collections::HashMap;

use sha3::digest::{Digest, ExtendableOutput, Update, XofReader};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use super::native::{self, add_getter, add_method, add_new, new_opaque, opaque, opaque_mut};
use crate::value::{Payload, PyRef, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

#[derive(Clone)]
enum Algo {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
    Sha3_224(sha3::Sha3_224),
    Sha3_256(sha3::Sha3_256),
    Sha3_384(sha3::Sha3_384),
    Sha3_512(sha3::Sha3_512),
    Shake128(sha3::Shake128),
    Shake256(sha3::Shake256),
    Blake2b(Box<blake2b_simd::State>),
    Blake2s(Box<blake2s_simd::State>),
}

#[derive(Clone)]
struct Hash {
    algo: Algo,
    name: &'static str,
}

/// (name, module, digest size, block size)
const INFO: &[(&str, &str, usize, usize)] = &[
    ("md5", "_md5", 16, 64),
    ("sha1", "_sha1", 20, 64),
    ("sha224", "_sha256", 28, 64),
    ("sha256", "_sha256", 32, 64),
    ("sha384", "_sha512", 48, 128),
    ("sha512", "_sha512", 64, 128),
    ("sha3_224", "_sha3", 28, 144),
    ("sha3_256", "_sha3", 32, 136),
    ("sha3_384", "_sha3", 48, 104),
    ("sha3_512", "_sha3", 64, 72),
    ("shake_128", "_sha3", 0, 168),
    ("shake_256", "_sha3", 0, 136),
    ("blake2b", "_blake2", 64, 128),
    ("blake2s", "_blake2", 32, 64),
];

fn info(name: &str) -> (usize, usize) {
    INFO.iter().find(|i| i.0 == name).map(|i| (i.2, i.3)).unwrap_or((0, 0))
}

impl Hash {
    fn fresh(name: &'static str) -> Option<Hash> {
        let algo = match name {
            "md5" => Algo::Md5(md5::Md5::new()),
            "sha1" => Algo::Sha1(sha1::Sha1::new()),
            "sha224" => Algo::Sha224(sha2::Sha224::new()),
            "sha256" => Algo::Sha256(sha2::Sha256::new()),
            "sha384" => Algo::Sha384(sha2::Sha384::new()),
            "sha512" => Algo::Sha512(sha2::Sha512::new()),
            "sha3_224" => Algo::Sha3_224(sha3::Sha3_224::new()),
            "sha3_256" => Algo::Sha3_256(sha3::Sha3_256::new()),
            "sha3_384" => Algo::Sha3_384(sha3::Sha3_384::new()),
            "sha3_512" => Algo::Sha3_512(sha3::Sha3_512::new()),
            "shake_128" => Algo::Shake128(sha3::Shake128::default()),
            "shake_256" => Algo::Shake256(sha3::Shake256::default()),
            _ => return None,
        };
        Some(Hash { algo, name })
    }

    fn update(&mut self, data: &[u8]) {
        match &mut self.algo {
            Algo::Md5(h) => Digest::update(h, data),
            Algo::Sha1(h) => Digest::update(h, data),
            Algo::Sha224(h) => Digest::update(h, data),
            Algo::Sha256(h) => Digest::update(h, data),
            Algo::Sha384(h) => Digest::update(h, data),
            Algo::Sha512(h) => Digest::update(h, data),
            Algo::Sha3_224(h) => Digest::update(h, data),
            Algo::Sha3_256(h) => Digest::update(h, data),
            Algo::Sha3_384(h) => Digest::update(h, data),
            Algo::Sha3_512(h) => Digest::update(h, data),
            Algo::Shake128(h) => Update::update(h, data),
            Algo::Shake256(h) => Update::update(h, data),
            Algo::Blake2b(h) => {
                h.update(data);
            }
            Algo::Blake2s(h) => {
                h.update(data);
            }
        }
    }

    fn digest(&self, length: usize) -> Vec<u8> {
        match self.algo.clone() {
            Algo::Md5(h) => h.finalize().to_vec(),
            Algo::Sha1(h) => h.finalize().to_vec(),
            Algo::Sha224(h) => h.finalize().to_vec(),
            Algo::Sha256(h) => h.finalize().to_vec(),
            Algo::Sha384(h) => h.finalize().to_vec(),
            Algo::Sha512(h) => h.finalize().to_vec(),
            Algo::Sha3_224(h) => h.finalize().to_vec(),
            Algo::Sha3_256(h) => h.finalize().to_vec(),
            Algo::Sha3_384(h) => h.finalize().to_vec(),
            Algo::Sha3_512(h) => h.finalize().to_vec(),
            Algo::Shake128(h) => {
                let mut out = vec![0u8; length];
                h.finalize_xof().read(&mut out);
                out
            }
            Algo::Shake256(h) => {
                let mut out = vec![0u8; length];
                h.finalize_xof().read(&mut out);
                out
            }
            Algo::Blake2b(h) => h.finalize().as_bytes().to_vec(),
            Algo::Blake2s(h) => h.finalize().as_bytes().to_vec(),
        }
    }

    fn digest_size(&self) -> usize {
        match &self.algo {
            Algo::Blake2b(h) => h.finalize().as_bytes().len(),
            Algo::Blake2s(h) => h.finalize().as_bytes().len(),
            _ => info(self.name).0,
        }
    }
}

thread_local! {
    static CLASSES: RefCell<HashMap<&'static str, PyRef>> = RefCell::new(HashMap::new());
}

fn is_shake(name: &str) -> bool {
    name.starts_with("shake")
}

/// The class of the hash objects named `name` (created once).
fn class(vm: &mut Vm, name: &'static str) -> PyRef {
    if let Some(c) = CLASSES.with(|c| c.borrow().get(name).cloned()) {
        return c;
    }
    let module = INFO.iter().find(|i| i.0 == name).map(|i| i.1).unwrap_or("_hashlib");
    let cls = native::native_final_class(vm, module, name);
    match module {
        "_sha3" => add_new(&cls, sha3_new),
        "_blake2" => {
            add_new(&cls, if name == "blake2b" { blake2b_new } else { blake2s_new });
            let (salt, key, digest) = if name == "blake2b" { (16, 64, 64) } else { (8, 32, 32) };
            let cv = Value::Obj(cls.clone());
            native::set(&cv, "SALT_SIZE", Value::Int(salt));
            native::set(&cv, "PERSON_SIZE", Value::Int(salt));
            native::set(&cv, "MAX_KEY_SIZE", Value::Int(key));
            native::set(&cv, "MAX_DIGEST_SIZE", Value::Int(digest));
        }
        _ => add_new(&cls, no_new),
    }
    add_method(&cls, "update", h_update);
    add_method(&cls, "digest", h_digest);
    add_method(&cls, "hexdigest", h_hexdigest);
    add_method(&cls, "copy", h_copy);
    add_getter(vm, &cls, "name", h_name);
    add_getter(vm, &cls, "digest_size", h_digest_size);
    add_getter(vm, &cls, "block_size", h_block_size);
    if module == "_sha3" {
        add_getter(vm, &cls, "_capacity_bits", h_capacity_bits);
        add_getter(vm, &cls, "_rate_bits", h_rate_bits);
        add_getter(vm, &cls, "_suffix", h_suffix);
    }
    CLASSES.with(|c| c.borrow_mut().insert(name, cls.clone()));
    cls
}

/// Data to hash: a bytes-like object (not a str).
fn data_arg(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    if v.as_str().is_some() {
        return Err(vm.type_error("Strings must be encoded before hashing"));
    }
    if matches!(v.payload(), Some(Payload::MemoryView(_))) {
        return native::buffer_bytes(vm, v);
    }
    native::buffer_bytes(vm, v).map_err(|_| vm.type_error("object supporting the buffer API required"))
}

fn make(vm: &mut Vm, cls: &PyRef, mut h: Hash, data: Option<&Value>) -> PyResult<Value> {
    if let Some(d) = data {
        let d = data_arg(vm, d)?;
        h.update(&d);
    }
    Ok(new_opaque(vm, cls, h))
}

// ---- modules -------------------------------------------------------------------

pub fn init_md5(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(vm, "_md5", &[("md5", md5_new)]);
    let c = class(vm, "md5");
    native::set(&m, "MD5Type", Value::Obj(c));
    Ok(m)
}

pub fn init_sha1(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(vm, "_sha1", &[("sha1", sha1_new)]);
    let c = class(vm, "sha1");
    native::set(&m, "SHA1Type", Value::Obj(c));
    Ok(m)
}

pub fn init_sha256(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(vm, "_sha256", &[("sha224", sha224_new), ("sha256", sha256_new)]);
    let c = class(vm, "sha224");
    native::set(&m, "SHA224Type", Value::Obj(c));
    let c = class(vm, "sha256");
    native::set(&m, "SHA256Type", Value::Obj(c));
    Ok(m)
}

pub fn init_sha512(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(vm, "_sha512", &[("sha384", sha384_new), ("sha512", sha512_new)]);
    class(vm, "sha384");
    // CPython 3.11 binds SHA384Type to the sha512 type (and has no SHA512Type).
    let c = class(vm, "sha512");
    native::set(&m, "SHA384Type", Value::Obj(c));
    Ok(m)
}

pub fn init_sha3(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(vm, "_sha3", &[]);
    for name in ["sha3_224", "sha3_256", "sha3_384", "sha3_512", "shake_128", "shake_256"] {
        let c = class(vm, name);
        native::set(&m, name, Value::Obj(c));
    }
    native::set(&m, "implementation", vm.new_str("tiny_sha3"));
    native::set(&m, "keccakopt", Value::Int(0));
    Ok(m)
}

pub fn init_blake2(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(vm, "_blake2", &[]);
    for name in ["blake2b", "blake2s"] {
        let c = class(vm, name);
        native::set(&m, name, Value::Obj(c));
    }
    for (k, v) in [
        ("BLAKE2B_SALT_SIZE", 16),
        ("BLAKE2B_PERSON_SIZE", 16),
        ("BLAKE2B_MAX_KEY_SIZE", 64),
        ("BLAKE2B_MAX_DIGEST_SIZE", 64),
        ("BLAKE2S_SALT_SIZE", 8),
        ("BLAKE2S_PERSON_SIZE", 8),
        ("BLAKE2S_MAX_KEY_SIZE", 32),
        ("BLAKE2S_MAX_DIGEST_SIZE", 32),
    ] {
        native::set(&m, k, Value::Int(v));
    }
    Ok(m)
}

// ---- constructors ------------------------------------------------------------------

/// `md5(string=None, *, usedforsecurity=True)` and the SHA-1/SHA-2 ones.
fn classic(vm: &mut Vm, a: &Args, name: &'static str) -> PyResult<Value> {
    let b = native::bind(vm, a, name, &["string", "usedforsecurity"], 0, 1)?;
    let cls = class(vm, name);
    let h = Hash::fresh(name).ok_or_else(|| vm.value_error("unsupported hash type"))?;
    make(vm, &cls, h, b[0].as_ref())
}

fn md5_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    classic(vm, a, "md5")
}
fn sha1_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    classic(vm, a, "sha1")
}
fn sha224_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    classic(vm, a, "sha224")
}
fn sha256_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    classic(vm, a, "sha256")
}
fn sha384_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    classic(vm, a, "sha384")
}
fn sha512_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    classic(vm, a, "sha512")
}

fn no_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let name = match a.pos.first().and_then(|c| c.payload()) {
        Some(Payload::Class(c)) => c.name.borrow().clone(),
        _ => String::new(),
    };
    let module = INFO.iter().find(|i| i.0 == name).map(|i| i.1).unwrap_or("_hashlib");
    Err(vm.type_error(format!("cannot create '{module}.{name}' instances")))
}

/// The class a `__new__` was called for, and the algorithm behind it.
fn new_target(vm: &mut Vm, a: &Args) -> PyResult<(PyRef, &'static str)> {
    let Some(Value::Obj(cls)) = a.pos.first() else { return Err(vm.type_error("__new__(X): X is not a type object")) };
    let mro: Vec<PyRef> = match &cls.payload {
        Payload::Class(c) => c.mro.borrow().clone(),
        _ => return Err(vm.type_error("__new__(X): X is not a type object")),
    };
    for c in std::iter::once(cls).chain(mro.iter()) {
        if let Payload::Class(cd) = &c.payload {
            let n = cd.name.borrow().clone();
            if let Some(i) = INFO.iter().find(|i| i.0 == n) {
                if CLASSES.with(|m| m.borrow().get(i.0).is_some_and(|k| std::rc::Rc::ptr_eq(k, c))) {
                    return Ok((cls.clone(), i.0));
                }
            }
        }
    }
    Err(vm.type_error("unsupported hash type"))
}

fn sha3_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (cls, name) = new_target(vm, a)?;
    let sub = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let b = native::bind_posonly(vm, &sub, "sha3_224", &["data", "usedforsecurity"], 0, 1, 1)?;
    let h = Hash::fresh(name).ok_or_else(|| vm.value_error("unsupported hash type"))?;
    make(vm, &cls, h, b[0].as_ref())
}

fn blake2b_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    blake2_new(vm, a, true)
}

fn blake2s_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    blake2_new(vm, a, false)
}

const BLAKE2_PARAMS: &[&str] = &[
    "data",
    "digest_size",
    "key",
    "salt",
    "person",
    "fanout",
    "depth",
    "leaf_size",
    "node_offset",
    "node_depth",
    "inner_size",
    "last_node",
    "usedforsecurity",
];

fn int_param(vm: &mut Vm, v: &Option<Value>, default: i64) -> PyResult<BigInt> {
    match v {
        Some(v) => crate::builtins::index_big(vm, v),
        None => Ok(BigInt::from(default)),
    }
}

fn bytes_param(vm: &mut Vm, v: &Option<Value>) -> PyResult<Vec<u8>> {
    match v {
        Some(v) => native::buffer_bytes(vm, v),
        None => Ok(Vec::new()),
    }
}

fn blake2_new(vm: &mut Vm, a: &Args, big: bool) -> PyResult<Value> {
    let (cls, _) = new_target(vm, a)?;
    let name: &'static str = if big { "blake2b" } else { "blake2s" };
    let sub = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let b = native::bind_posonly(vm, &sub, name, BLAKE2_PARAMS, 0, 1, 1)?;
    let (max_digest, max_key, max_salt) = if big { (64usize, 64usize, 16usize) } else { (32, 32, 8) };
    let in_range = |x: &BigInt, lo: i64, hi: i64| x >= &BigInt::from(lo) && x <= &BigInt::from(hi);
    let digest_size = int_param(vm, &b[1], max_digest as i64)?;
    if !in_range(&digest_size, 1, max_digest as i64) {
        return Err(vm.value_error(format!("digest_size must be between 1 and {max_digest} bytes")));
    }
    let key = bytes_param(vm, &b[2])?;
    let salt = bytes_param(vm, &b[3])?;
    let person = bytes_param(vm, &b[4])?;
    if salt.len() > max_salt {
        return Err(vm.value_error(format!("maximum salt length is {max_salt} bytes")));
    }
    if person.len() > max_salt {
        return Err(vm.value_error(format!("maximum person length is {max_salt} bytes")));
    }
    let fanout = int_param(vm, &b[5], 1)?;
    if !in_range(&fanout, 0, 255) {
        return Err(vm.value_error("fanout must be between 0 and 255"));
    }
    let depth = int_param(vm, &b[6], 1)?;
    if !in_range(&depth, 1, 255) {
        return Err(vm.value_error("depth must be between 1 and 255"));
    }
    let leaf_size = int_param(vm, &b[7], 0)?;
    if leaf_size.is_negative() {
        return Err(vm.value_error("value must be positive"));
    }
    let Some(leaf_size) = leaf_size.to_u32() else {
        return Err(vm.overflow_error("leaf_size is too large"));
    };
    let node_offset = int_param(vm, &b[8], 0)?;
    if node_offset.is_negative() {
        return Err(vm.value_error("value must be positive"));
    }
    let Some(node_offset) = node_offset.to_u64() else {
        return Err(vm.overflow_error("int too big to convert"));
    };
    if !big && node_offset >= 1 << 48 {
        return Err(vm.overflow_error("node_offset is too large"));
    }
    let node_depth = int_param(vm, &b[9], 0)?;
    if !in_range(&node_depth, 0, 255) {
        return Err(vm.value_error("node_depth must be between 0 and 255"));
    }
    let inner_size = int_param(vm, &b[10], 0)?;
    if !in_range(&inner_size, 0, max_digest as i64) {
        return Err(vm.value_error(format!("inner_size must be between 0 and is {max_digest}")));
    }
    if key.len() > max_key {
        return Err(vm.value_error(format!("maximum key length is {max_key} bytes")));
    }
    let last_node = match &b[11] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let small = |x: &BigInt| x.to_u64().unwrap_or(0);
    let algo = if big {
        let mut p = blake2b_simd::Params::new();
        p.hash_length(small(&digest_size) as usize)
            .key(&key)
            .salt(&salt)
            .personal(&person)
            .fanout(small(&fanout) as u8)
            .max_depth(small(&depth) as u8)
            .max_leaf_length(leaf_size)
            .node_offset(node_offset)
            .node_depth(small(&node_depth) as u8)
            .inner_hash_length(small(&inner_size) as usize)
            .last_node(last_node);
        Algo::Blake2b(Box::new(p.to_state()))
    } else {
        let mut p = blake2s_simd::Params::new();
        p.hash_length(small(&digest_size) as usize)
            .key(&key)
            .salt(&salt)
            .personal(&person)
            .fanout(small(&fanout) as u8)
            .max_depth(small(&depth) as u8)
            .max_leaf_length(leaf_size)
            .node_offset(node_offset)
            .node_depth(small(&node_depth) as u8)
            .inner_hash_length(small(&inner_size) as usize)
            .last_node(last_node);
        Algo::Blake2s(Box::new(p.to_state()))
    };
    make(vm, &cls, Hash { algo, name }, b[0].as_ref())
}

// ---- methods -------------------------------------------------------------------------

fn this(vm: &Vm, a: &Args, method: &str) -> PyResult<Hash> {
    let v = a.pos.first().cloned().unwrap_or(Value::None);
    let h = opaque::<Hash>(&v).map(|h| h.clone());
    match h {
        Some(h) => Ok(h),
        None => Err(vm.type_error(format!("descriptor '{method}' requires a hash object but received a '{}'", vm.type_name(&v)))),
    }
}

fn method_args(a: &Args) -> Args {
    Args { pos: a.pos.get(1..).unwrap_or(&[]).to_vec(), kw: a.kw.clone() }
}

fn h_update(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = a.pos.first().cloned().unwrap_or(Value::None);
    let name = opaque::<Hash>(&v).map(|h| h.name);
    let Some(name) = name else {
        return Err(vm.type_error(format!("descriptor 'update' requires a hash object but received a '{}'", vm.type_name(&v))));
    };
    let sub = method_args(a);
    let p = native::positional(vm, &sub, &format!("{name}.update"), 1, 1)?;
    let data = data_arg(vm, &p[0])?;
    if let Some(mut st) = opaque_mut::<Hash>(&a.pos[0]) {
        st.update(&data);
    }
    Ok(Value::None)
}

/// The length argument of a SHAKE digest.
fn shake_length(vm: &mut Vm, name: &str, method: &str, sub: &Args) -> PyResult<usize> {
    let p = native::positional(vm, sub, &format!("{name}.{method}"), 1, 1)?;
    let Some(n) = crate::vm::ops::as_big(&p[0]) else {
        return Err(vm.type_error("an integer is required"));
    };
    if n.is_negative() {
        return Err(vm.value_error("value must be positive"));
    }
    let Some(n) = n.to_u64() else {
        return Err(vm.overflow_error("Python int too large to convert to C unsigned long"));
    };
    if n >= 1 << 29 {
        return Err(vm.value_error("length is too large"));
    }
    Ok(n as usize)
}

fn digest_bytes(vm: &mut Vm, a: &Args, method: &str) -> PyResult<Vec<u8>> {
    let h = this(vm, a, method)?;
    let sub = method_args(a);
    if is_shake(h.name) {
        let n = shake_length(vm, h.name, method, &sub)?;
        return Ok(h.digest(n));
    }
    if !sub.kw.is_empty() {
        return Err(vm.type_error(format!("{}.{method}() takes no keyword arguments", h.name)));
    }
    if !sub.pos.is_empty() {
        return Err(vm.type_error(format!("{}.{method}() takes no arguments ({} given)", h.name, sub.pos.len())));
    }
    Ok(h.digest(0))
}

fn h_digest(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let d = digest_bytes(vm, a, "digest")?;
    Ok(crate::objects::bytes::new_bytes(vm, d))
}

fn h_hexdigest(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let d = digest_bytes(vm, a, "hexdigest")?;
    let s: String = d.iter().map(|b| format!("{b:02x}")).collect();
    Ok(vm.new_str(&s))
}

fn h_copy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let h = this(vm, a, "copy")?;
    if a.pos.len() > 1 || !a.kw.is_empty() {
        if matches!(h.name, "md5" | "sha1" | "sha224" | "sha256" | "sha384" | "sha512") {
            return Err(vm.type_error("copy() takes no arguments"));
        }
        return Err(vm.type_error(format!("{}.copy() takes no arguments ({} given)", h.name, a.pos.len() - 1)));
    }
    let cls = vm.type_of(&a.pos[0]);
    Ok(new_opaque(vm, &cls, h))
}

fn h_name(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let h = this(vm, a, "name")?;
    Ok(vm.new_str(h.name))
}

fn h_digest_size(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let h = this(vm, a, "digest_size")?;
    Ok(Value::Int(h.digest_size() as i64))
}

fn h_block_size(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let h = this(vm, a, "block_size")?;
    Ok(Value::Int(info(h.name).1 as i64))
}

fn h_rate_bits(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let h = this(vm, a, "_rate_bits")?;
    Ok(Value::Int(info(h.name).1 as i64 * 8))
}

fn h_capacity_bits(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let h = this(vm, a, "_capacity_bits")?;
    Ok(Value::Int(1600 - info(h.name).1 as i64 * 8))
}

fn h_suffix(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let h = this(vm, a, "_suffix")?;
    let s = if is_shake(h.name) { 0x1f } else { 0x06 };
    Ok(crate::objects::bytes::new_bytes(vm, vec![s]))
}
