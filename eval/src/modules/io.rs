//! `_io`: the classes `io` re-exports. Real files come from `open()`
//! (objects/files.rs); this module gives them their `_io` class hierarchy
//! and adds `open_code`, `text_encoding` and the in-memory streams.

use std::rc::Rc;

use crate::modules::native::{self, bind};
use crate::value::{Payload, PyRef, Value};
use crate::vm::{str_key, Args, Vm};
use crate::PyResult;

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(vm, "_io", &[("open", crate::objects::files::open), ("open_code", open_code), ("text_encoding", text_encoding)]);
    let iobase = native::native_class(vm, "_io", "_IOBase", None);
    let raw = native::native_class(vm, "_io", "_RawIOBase", Some(iobase.clone()));
    let buffered = native::native_class(vm, "_io", "_BufferedIOBase", Some(iobase.clone()));
    let text = native::native_class(vm, "_io", "_TextIOBase", Some(iobase.clone()));
    let t = &vm.types;
    let (file_io, reader, writer, random, file_text, text_io) =
        (t.file_io.clone(), t.file_buffered_reader.clone(), t.file_buffered_writer.clone(), t.file_buffered_random.clone(), t.file_text.clone(), t.text_io.clone());
    reparent(&file_io, &raw);
    for c in [&reader, &writer, &random] {
        reparent(c, &buffered);
    }
    reparent(&file_text, &text);
    reparent(&text_io, &text);
    for (name, v) in [
        ("_IOBase", &iobase),
        ("_RawIOBase", &raw),
        ("_BufferedIOBase", &buffered),
        ("_TextIOBase", &text),
        ("FileIO", &file_io),
        ("BufferedReader", &reader),
        ("BufferedWriter", &writer),
        ("BufferedRandom", &random),
        ("TextIOWrapper", &file_text),
    ] {
        native::set(&m, name, Value::Obj(v.clone()));
    }
    let rwpair = native::native_class(vm, "_io", "BufferedRWPair", Some(buffered.clone()));
    native::set(&m, "BufferedRWPair", Value::Obj(rwpair));
    let decoder = native::native_class(vm, "_io", "IncrementalNewlineDecoder", None);
    native::set(&m, "IncrementalNewlineDecoder", Value::Obj(decoder));
    crate::modules::io_memory::install(vm, &m, &buffered, &text)?;
    native::set(&m, "DEFAULT_BUFFER_SIZE", Value::Int(8192));
    native::set(&m, "BlockingIOError", Value::Obj(vm.types.exc.blocking_io_error.clone()));
    let unsupported = unsupported_operation(vm)?;
    native::set(&m, "UnsupportedOperation", unsupported);
    Ok(m)
}

/// Give a built-in class a new single base (and the MRO that follows).
fn reparent(cls: &PyRef, base: &PyRef) {
    if let (Payload::Class(c), Payload::Class(b)) = (&cls.payload, &base.payload) {
        *c.bases.borrow_mut() = vec![base.clone()];
        let mut mro = vec![cls.clone()];
        mro.extend(b.mro.borrow().iter().cloned());
        *c.mro.borrow_mut() = mro;
        if let Some(d) = &cls.dict {
            d.borrow_mut().set_str("__module__", str_key("_io"));
        }
        crate::vm::bump_type_epoch();
    }
    let _ = Rc::strong_count(cls);
}

fn unsupported_operation(vm: &mut Vm) -> PyResult<Value> {
    let type_ = Value::Obj(vm.types.type_.clone());
    let bases = vm.new_tuple(vec![Value::Obj(vm.types.exc.os_error.clone()), Value::Obj(vm.types.exc.value_error.clone())]);
    let ns = vm.new_dict(crate::objects::dict::Dict::new());
    vm.setitem(&ns, str_key("__module__"), str_key("io"))?;
    vm.call(&type_, vec![vm.new_str("UnsupportedOperation"), bases, ns])
}

fn open_code(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "open_code", &["path"], 1, 1)?;
    let path = s[0].clone().unwrap_or(Value::None);
    if path.as_str().is_none() {
        return Err(vm.type_error(format!("open_code() argument 'path' must be str, not {}", vm.type_name(&path))));
    }
    crate::objects::files::open(vm, &Args::new(vec![path, vm.new_str("rb")]))
}

fn text_encoding(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "text_encoding", &["encoding", "stacklevel"], 1, 2)?;
    let enc = s[0].clone().unwrap_or(Value::None);
    if enc.is_none() {
        // pyx always runs in UTF-8 mode.
        return Ok(vm.new_str("utf-8"));
    }
    Ok(enc)
}
