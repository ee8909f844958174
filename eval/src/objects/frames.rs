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
