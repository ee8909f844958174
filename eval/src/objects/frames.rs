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
