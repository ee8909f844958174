//! `_io.StringIO` and `_io.BytesIO`: not written yet; the classes exist so
//! that `io` imports, and constructing one raises NotImplementedError.

use crate::modules::native;
use crate::value::{PyRef, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

pub fn install(vm: &mut Vm, m: &Value, buffered: &PyRef, text: &PyRef) -> PyResult<()> {
    let bytes_io = native::native_class(vm, "_io", "BytesIO", Some(buffered.clone()));
    native::add_new(&bytes_io, not_yet);
    let string_io = native::native_class(vm, "_io", "StringIO", Some(text.clone()));
    native::add_new(&string_io, not_yet);
    native::set(m, "BytesIO", Value::Obj(bytes_io));
    native::set(m, "StringIO", Value::Obj(string_io));
    Ok(())
}

fn not_yet(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(vm.err(&vm.types.exc.not_implemented_error.clone(), "pyx: io.StringIO and io.BytesIO are not implemented yet"))
}
