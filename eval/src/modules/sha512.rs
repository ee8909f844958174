//! The native `_sha512` module (`sha512`, `sha384`), which `random`
//! seeds strings and bytes with; the hashing is the `sha2` crate's.

use sha2::{Digest, Sha384, Sha512};

use crate::modules::native;
use crate::value::{PyRef, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

#[derive(Clone)]
enum State {
    S512(Sha512),
    S384(Sha384),
}

impl State {
    fn update(&mut self, data: &[u8]) {
        match self {
            State::S512(h) => h.update(data),
            State::S384(h) => h.update(data),
        }
    }

    fn digest(&self) -> Vec<u8> {
        match self {
            State::S512(h) => h.clone().finalize().to_vec(),
            State::S384(h) => h.clone().finalize().to_vec(),
        }
    }

    fn name(&self) -> &'static str {
        match self {
            State::S512(_) => "sha512",
            State::S384(_) => "sha384",
        }
    }
}

thread_local! {
    static CLASSES: std::cell::RefCell<Option<(PyRef, PyRef)>> = const { std::cell::RefCell::new(None) };
}

/// The bytes of a hashing argument, with CPython's messages.
fn data_of(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    if v.as_str().is_some() {
        return Err(vm.type_error("Strings must be encoded before hashing"));
    }
    native::buffer(vm, v).map_err(|_| vm.type_error("object supporting the buffer API required"))
}

fn make(vm: &mut Vm, a: &Args, fname: &str, st: State) -> PyResult<Value> {
    let s = native::bind(vm, a, fname, &["string", "usedforsecurity"], 0, 1)?;
    let mut st = st;
    if let Some(v) = &s[0] {
        let data = data_of(vm, v)?;
        st.update(&data);
    }
    let cls = CLASSES.with(|c| c.borrow().clone()).map(|(c512, c384)| if matches!(st, State::S512(_)) { c512 } else { c384 });
    let Some(cls) = cls else { return Err(vm.type_error("_sha512 is not initialized")) };
    Ok(native::new_opaque(vm, &cls, st))
}

fn f_sha512(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    make(vm, a, "sha512", State::S512(Sha512::new()))
}

fn f_sha384(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    make(vm, a, "sha384", State::S384(Sha384::new()))
}

fn state(vm: &Vm, a: &Args, method: &str) -> PyResult<State> {
    let st = native::this::<State>(vm, a, "_sha512.sha512", method)?;
    Ok(st.clone())
}

fn m_update(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let name = state(vm, a, "update")?.name();
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("{name}.update() takes no keyword arguments")));
    }
    if a.pos.len() != 2 {
        return Err(vm.type_error(format!("{name}.update() takes exactly one argument ({} given)", a.pos.len() - 1)));
    }
    let data = data_of(vm, &a.pos[1])?;
    let mut st = native::this_mut::<State>(vm, a, "_sha512.sha512", "update")?;
    st.update(&data);
    Ok(Value::None)
}

fn no_args(vm: &Vm, a: &Args, name: &str, method: &str) -> PyResult<()> {
    if a.pos.len() != 1 || !a.kw.is_empty() {
        return Err(vm.type_error(format!("{name}.{method}() takes no arguments ({} given)", a.pos.len().saturating_sub(1) + a.kw.len())));
    }
    Ok(())
}

fn m_digest(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let st = state(vm, a, "digest")?;
    no_args(vm, a, st.name(), "digest")?;
    let d = st.digest();
    Ok(vm.new_object(&vm.types.bytes.clone(), crate::value::Payload::Bytes(d.into_boxed_slice()), false))
}

fn m_hexdigest(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let st = state(vm, a, "hexdigest")?;
    no_args(vm, a, st.name(), "hexdigest")?;
    let hex: String = st.digest().iter().map(|b| format!("{b:02x}")).collect();
    Ok(vm.new_str(&hex))
}

fn m_copy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let st = state(vm, a, "copy")?;
    no_args(vm, a, st.name(), "copy")?;
    let cls = vm.type_of(&a.pos[0]);
    Ok(native::new_opaque(vm, &cls, st))
}

fn g_name(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(vm.new_str(state(vm, a, "name")?.name()))
}

fn g_digest_size(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Int(match state(vm, a, "digest_size")? {
        State::S512(_) => 64,
        State::S384(_) => 48,
    }))
}

fn g_block_size(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    state(vm, a, "block_size")?;
    Ok(Value::Int(128))
}

fn hash_class(vm: &mut Vm, name: &str) -> PyRef {
    let cls = native::native_final_class(vm, "_sha512", name);
    native::add_method(&cls, "update", m_update);
    native::add_method(&cls, "digest", m_digest);
    native::add_method(&cls, "hexdigest", m_hexdigest);
    native::add_method(&cls, "copy", m_copy);
    native::add_getter(vm, &cls, "name", g_name);
    native::add_getter(vm, &cls, "digest_size", g_digest_size);
    native::add_getter(vm, &cls, "block_size", g_block_size);
    cls
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(vm, "_sha512", &[("sha512", f_sha512), ("sha384", f_sha384)]);
    let c512 = hash_class(vm, "sha512");
    let c384 = hash_class(vm, "sha384");
    // CPython 3.11 exports the sha512 type under this name.
    native::set(&m, "SHA384Type", Value::Obj(c512.clone()));
    CLASSES.with(|c| *c.borrow_mut() = Some((c512, c384)));
    Ok(m)
}
