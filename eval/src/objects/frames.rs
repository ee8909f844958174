//! Frame objects as Python sees them (`gen.gi_frame`, `sys._getframe` later):
//! a snapshot of the code and line, not the live frame.

use std::rc::Rc;

use crate::code::Code;
use crate::value::{Payload, Value};
use crate::vm::Vm;

pub fn frame_object(vm: &mut Vm, code: Rc<Code>, lasti: usize) -> Value {
    let f = vm.new_object(&vm.types.frame.clone(), Payload::Instance, true);
    if let Some(d) = f.obj().and_then(|o| o.dict.as_ref()) {
        let mut d = d.borrow_mut();
        let line = code.unit.positions.get(lasti).map(|p| p.line).unwrap_or(code.unit.firstlineno);
        d.set_str("f_lineno", Value::Int(line as i64));
        d.set_str("f_code", vm.new_object(&vm.types.code.clone(), Payload::Code(code.clone()), false));
    }
    f
}

/// `sys._getframe(depth)`: snapshots of the running frames from
/// `vm.frames[index]` down, linked through `f_back`.
pub fn frame_chain(vm: &mut Vm, index: usize) -> Value {
    let mut older = Value::None;
    for i in 0..=index {
        let Some(fr) = vm.frames.get(i) else { break };
        let (code, lasti, globals) = (fr.code.clone(), fr.lasti, fr.globals.clone());
        let locals = crate::builtins::frame_locals_at(vm, i);
        let f = frame_object(vm, code, lasti);
        if let Some(d) = f.obj().and_then(|o| o.dict.as_ref()) {
            let mut d = d.borrow_mut();
            d.set_str("f_back", older.clone());
            d.set_str("f_globals", Value::Obj(globals.clone()));
            d.set_str("f_locals", locals);
            d.set_str("f_lasti", Value::Int(lasti as i64 * 2));
            d.set_str("f_trace", Value::None);
            let builtins = match &globals.payload {
                Payload::Dict(g) => g.borrow().get_str("__builtins__").cloned(),
                _ => None,
            };
            d.set_str("f_builtins", builtins.unwrap_or(Value::None));
        }
        older = f;
    }
    older
}

/// Methods of code objects beyond their attributes.
pub fn install_code_methods(vm: &mut Vm) {
    crate::types::add_method(&vm.types.code.clone(), "co_positions", co_positions);
    crate::types::add_method(&vm.types.frame.clone(), "clear", frame_clear);
}

/// `frame.clear()`: a snapshot holds no live locals, so there is nothing
/// to release beyond its `f_locals` copy (`traceback.clear_frames`, which
/// `unittest`'s `assertRaises` calls, needs the method).
fn frame_clear(vm: &mut Vm, a: &crate::vm::Args) -> crate::PyResult<Value> {
    let Some(f) = a.pos.first() else { return Err(vm.type_error("descriptor 'clear' of 'frame' object needs an argument")) };
    if !vm.isinstance(f, &vm.types.frame.clone()) {
        return Err(vm.type_error(format!("descriptor 'clear' for 'frame' objects doesn't apply to a '{}' object", vm.type_name(f))));
    }
    if let Some(d) = f.obj().and_then(|o| o.dict.as_ref()) {
        let has = d.borrow().get_str("f_locals").is_some();
        if has {
            let empty = vm.new_dict(crate::objects::dict::Dict::new());
            d.borrow_mut().set_str("f_locals", empty);
        }
    }
    Ok(Value::None)
}

/// `code.co_positions()`: `(line, end_line, col, end_col)` per instruction
/// (pyx's instructions stand for CPython's 2-byte code units: `tb_lasti`
/// and `f_lasti` are twice the instruction index).
fn co_positions(vm: &mut Vm, a: &crate::vm::Args) -> crate::PyResult<Value> {
    let Some(Payload::Code(c)) = a.pos.first().and_then(|v| v.payload()) else {
        return Err(vm.type_error("descriptor 'co_positions' requires a 'code' object"));
    };
    let c = c.clone();
    let items: Vec<Value> = c
        .unit
        .positions
        .iter()
        .map(|p| {
            let n = |x: u32| if x == 0 { Value::None } else { Value::Int(x as i64) };
            let col = |x: u32, line: u32| if line == 0 { Value::None } else { Value::Int(x as i64) };
            vm.new_tuple(vec![n(p.line), n(p.end_line), col(p.col, p.line), col(p.end_col, p.line)])
        })
        .collect();
    let list = vm.new_list(items);
    vm.iter(&list)
}
