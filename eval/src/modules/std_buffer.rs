//! `sys.stdin.buffer`, `sys.stdout.buffer`, `sys.stderr.buffer`: the binary
//! layer under pyx's standard streams. Writes go into the same output
//! buffer as the text stream's (so text and bytes keep their order; CPython
//! can reorder them when its text layer holds pending bytes), reads come
//! from the same process-wide stdin buffer as the text stream's.

use std::io::{BufRead, Read};

use super::native::{self, add_method};
use crate::value::{PyRef, Value};
use crate::vm::{str_key, Args, Vm};
use crate::PyResult;

/// Make `buffer` objects for the three streams (called once `sys` exists).
pub fn attach(vm: &mut Vm, streams: &[(i64, &Value)]) {
    let writer = native::native_final_class(vm, "_io", "BufferedWriter");
    let reader = native::native_final_class(vm, "_io", "BufferedReader");
    for cls in [&writer, &reader] {
        add_method(cls, "write", b_write);
        add_method(cls, "flush", b_flush);
        add_method(cls, "fileno", b_fileno);
        add_method(cls, "isatty", b_isatty);
        add_method(cls, "read", b_read);
        add_method(cls, "read1", b_read);
        add_method(cls, "readline", b_readline);
        add_method(cls, "readable", b_readable);
        add_method(cls, "writable", b_writable);
        add_method(cls, "seekable", b_false);
        add_method(cls, "close", b_flush);
        add_method(cls, "__enter__", b_enter);
        add_method(cls, "__exit__", b_flush);
    }
    for (fd, stream) in streams {
        let cls: &PyRef = if *fd == 0 { &reader } else { &writer };
        let b = vm.new_object(cls, crate::value::Payload::Instance, true);
        if let Some(d) = b.obj().and_then(|o| o.dict.as_ref()) {
            let mut d = d.borrow_mut();
            d.set_str("_fd", Value::Int(*fd));
            d.set_str("closed", Value::Bool(false));
            d.set_str("mode", vm.new_str(if *fd == 0 { "rb" } else { "wb" }));
            d.set_str("name", vm.new_str(["<stdin>", "<stdout>", "<stderr>"][*fd as usize]));
        }
        if let Some(d) = stream.obj().and_then(|o| o.dict.as_ref()) {
            d.borrow_mut().set_str("buffer", b);
        }
    }
}

fn fd(vm: &mut Vm, a: &Args) -> PyResult<i64> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    match vm.getattr(&this, &str_key("_fd"))? {
        Value::Int(i) => Ok(i),
        _ => Err(vm.value_error("I/O operation on uninitialized object")),
    }
}

fn b_write(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let fd = fd(vm, a)?;
    let Some(data) = a.pos.get(1) else { return Err(vm.type_error("write() takes exactly one argument (0 given)")) };
    let bytes = native::buffer_bytes(vm, data)?;
    match fd {
        1 => vm.stdout.write_bytes(&bytes),
        2 => vm.stderr.write_bytes(&bytes),
        _ => return Err(crate::modules::io::unsupported(vm, "write")),
    }
    Ok(Value::Int(bytes.len() as i64))
}

fn b_flush(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    match fd(vm, a)? {
        1 => vm.stdout.flush(),
        2 => vm.stderr.flush(),
        _ => {}
    }
    Ok(Value::None)
}

fn b_fileno(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Int(fd(vm, a)?))
}

fn b_isatty(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let fd = fd(vm, a)?;
    // SAFETY: isatty only inspects the descriptor.
    Ok(Value::Bool(unsafe { libc::isatty(fd as i32) } == 1))
}

fn b_readable(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Bool(fd(vm, a)? == 0))
}

fn b_writable(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Bool(fd(vm, a)? != 0))
}

fn b_false(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::Bool(false))
}

fn b_enter(_vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(a.pos.first().cloned().unwrap_or(Value::None))
}

fn size_arg(vm: &mut Vm, a: &Args) -> PyResult<Option<usize>> {
    match a.pos.get(1) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Int(n)) if *n < 0 => Ok(None),
        Some(Value::Int(n)) => Ok(Some(*n as usize)),
        Some(v) => Err(vm.type_error(format!("argument should be integer or None, not '{}'", vm.type_name(v)))),
    }
}

fn b_read(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if fd(vm, a)? != 0 {
        return Err(crate::modules::io::unsupported(vm, "read"));
    }
    let n = size_arg(vm, a)?;
    vm.stdout.flush();
    let mut out = Vec::new();
    let stdin = std::io::stdin();
    let mut lock = stdin.lock();
    let r = match n {
        None => lock.read_to_end(&mut out).map(|_| ()),
        Some(n) => (&mut lock).take(n as u64).read_to_end(&mut out).map(|_| ()),
    };
    r.map_err(|e| vm.err(&vm.types.exc.os_error.clone(), e.to_string()))?;
    Ok(crate::objects::bytes::new_bytes(vm, out))
}

fn b_readline(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if fd(vm, a)? != 0 {
        return Err(crate::modules::io::unsupported(vm, "readline"));
    }
    let limit = size_arg(vm, a)?;
    vm.stdout.flush();
    let mut out = Vec::new();
    let stdin = std::io::stdin();
    let mut lock = stdin.lock();
    let r = match limit {
        None => lock.read_until(b'\n', &mut out).map(|_| ()),
        Some(n) => (&mut lock).take(n as u64).read_until(b'\n', &mut out).map(|_| ()),
    };
    r.map_err(|e| vm.err(&vm.types.exc.os_error.clone(), e.to_string()))?;
    Ok(crate::objects::bytes::new_bytes(vm, out))
}
