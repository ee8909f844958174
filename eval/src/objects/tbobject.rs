//! Traceback objects (`types.TracebackType`): a linked chain, outermost
//! frame first, that the VM extends at the front as an exception leaves
//! each frame (so a traceback object read from `__traceback__` keeps its
//! identity while the exception travels on). `tb_next` is writable, with
//! CPython's checks (a traceback or None, no loops); `tb_frame`,
//! `tb_lasti` and `tb_lineno` are read-only.

use std::rc::Rc;

use crate::modules::native;
use std::cell::{Cell, RefCell};

use crate::value::{Payload, PyRef, TbEntry, TbFrame, TbNode, Value};
use crate::vm::frame::Frame;
use crate::vm::{Args, Vm};
use crate::PyResult;

pub fn install(vm: &mut Vm) {
    let c = vm.types.traceback.clone();
    crate::types::add_native(&c, "__new__", tb_new, false, true);
    let get = native::module_native(vm, "tb_next", get_next);
    let set = native::module_native(vm, "tb_next", set_next);
    let del = native::module_native(vm, "tb_next", del_next);
    let p = vm.new_object(&vm.types.property.clone(), Payload::Property { fget: get, fset: set, fdel: del, doc: Value::None }, false);
    if let Some(d) = &c.dict {
        let mut d = d.borrow_mut();
        d.set_str("tb_next", p);
        d.set_str("__doc__", vm.new_str("TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno)\n--\n\nCreate a new traceback object."));
    }
    native::add_readonly_member(vm, &c, "tb_frame", get_frame);
    native::add_readonly_member(vm, &c, "tb_lasti", get_lasti);
    native::add_getter(vm, &c, "tb_lineno", get_lineno);
}

/// A traceback object for an entry, in front of `next` (`first`: the
/// first entry of the same frame activation, if this is not it).
pub fn new_node(cls: &PyRef, at: TbEntry, first: Option<Value>, next: Value) -> Value {
    let lineno = at.code.unit.positions.get(at.lasti).map(|p| p.line).unwrap_or(0) as i64;
    let own = TbFrame { lasti: Cell::new(at.lasti), frame: RefCell::new(Value::None) };
    let node = TbNode { lasti: at.lasti as i64 * 2, lineno, at: Some(at), own, first, next: RefCell::new(next) };
    Value::Obj(Rc::new(crate::value::Object { class: crate::value::ClassCell::new(cls.clone()), dict: None, slots: crate::value::no_slots(), payload: Payload::Traceback(node) }))
}

/// The frame data of an entry (its activation's first entry's).
fn frame_data(n: &TbNode) -> &TbFrame {
    match n.first.as_ref().and_then(node) {
        Some(first) => &first.own,
        None => &n.own,
    }
}

/// Prepend an entry for the frame `f` (at its current instruction) to the
/// traceback of the exception `e` (CPython's `PyTraceBack_Here`).
pub fn push(cls: &PyRef, e: &Value, f: &mut Frame) {
    if let Some(Payload::Exception(x)) = e.payload() {
        let first = f.tb.clone();
        if let Some(t) = first.as_ref().and_then(node) {
            t.own.lasti.set(f.lasti);
            update_frame(&t.own);
        }
        let next = x.traceback.replace(Value::None);
        let entry = TbEntry { code: f.code.clone(), lasti: f.lasti, globals: Some(f.globals.clone()) };
        let is_first = first.is_none();
        let n = new_node(cls, entry, first, next);
        if is_first {
            f.tb = Some(n.clone());
        }
        *x.traceback.borrow_mut() = n;
    }
}

/// An exception is re-raised in `f` (a `finally` body, an `except` clause
/// that does not match, a bare `raise`): the frame is now there, for the
/// `f_lineno` of its traceback entries' `tb_frame`.
pub fn moved(f: &Frame) {
    if let Some(t) = f.tb.as_ref().and_then(node) {
        t.own.lasti.set(f.lasti);
        update_frame(&t.own);
    }
}

/// Keep a frame snapshot already handed out in step with the frame.
fn update_frame(t: &TbFrame) {
    let fo = t.frame.borrow().clone();
    let Some(d) = fo.obj().and_then(|o| o.dict.as_ref()) else { return };
    let code = {
        let b = d.borrow();
        match b.get_str("f_code").and_then(|c| c.payload()) {
            Some(Payload::Code(c)) => c.clone(),
            _ => return,
        }
    };
    let lasti = t.lasti.get();
    let line = code.unit.positions.get(lasti).map(|p| p.line).unwrap_or(code.unit.firstlineno);
    let mut d = d.borrow_mut();
    d.set_str("f_lineno", Value::Int(line as i64));
    d.set_str("f_lasti", Value::Int(lasti as i64 * 2));
}

fn node(v: &Value) -> Option<&TbNode> {
    match v.payload() {
        Some(Payload::Traceback(n)) => Some(n),
        _ => None,
    }
}

/// The traceback objects of a chain, from `head` (outermost) on.
pub fn chain(head: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    let mut cur = head.clone();
    while let Some(n) = node(&cur) {
        out.push(cur.clone());
        let next = n.next.borrow().clone();
        cur = next;
    }
    out
}

/// One line of a printed traceback: where, and the line number shown.
pub struct TbLine {
    pub at: Option<TbEntry>,
    pub lineno: i64,
}

/// The lines of the traceback of exception `exc`, outermost first.
pub fn lines_of(exc: &Value) -> Vec<TbLine> {
    let Some(Payload::Exception(x)) = exc.payload() else { return Vec::new() };
    let head = x.traceback.borrow().clone();
    chain(&head)
        .iter()
        .filter_map(|v| node(v).map(|n| TbLine { at: n.at.clone(), lineno: n.lineno }))
        .collect()
}

/// Drop the entries `drop` selects from the traceback of `e`, relinking the
/// others in place (CPython's `remove_importlib_frames`).
pub fn remove_entries(e: &Value, drop: impl Fn(&TbEntry) -> bool) {
    let Some(Payload::Exception(x)) = e.payload() else { return };
    let head = x.traceback.borrow().clone();
    let all = chain(&head);
    let keep: Vec<Value> = all.iter().filter(|v| !node(v).and_then(|n| n.at.as_ref()).is_some_and(&drop)).cloned().collect();
    if keep.len() == all.len() {
        return;
    }
    for (i, v) in keep.iter().enumerate() {
        if let Some(n) = node(v) {
            *n.next.borrow_mut() = keep.get(i + 1).cloned().unwrap_or(Value::None);
        }
    }
    *x.traceback.borrow_mut() = keep.first().cloned().unwrap_or(Value::None);
}

fn this<'a>(vm: &Vm, a: &'a Args, name: &str) -> PyResult<&'a TbNode> {
    let v = a.pos.first().unwrap_or(&Value::None);
    node(v).ok_or_else(|| vm.type_error(format!("descriptor '{name}' for 'traceback' objects doesn't apply to a '{}' object", vm.type_name(v))))
}

fn get_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(this(vm, a, "tb_next")?.next.borrow().clone())
}

fn set_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let n = this(vm, a, "tb_next")?;
    let new = a.pos.get(1).cloned().unwrap_or(Value::None);
    if !new.is_none() && node(&new).is_none() {
        return Err(vm.type_error(format!("expected traceback object, got '{}'", vm.type_name(&new))));
    }
    let me = a.pos[0].obj().map(|o| Rc::as_ptr(o) as usize);
    let mut cur = new.clone();
    while let Some(c) = node(&cur) {
        if cur.obj().map(|o| Rc::as_ptr(o) as usize) == me {
            return Err(vm.err(&vm.types.exc.value_error.clone(), "traceback loop detected"));
        }
        let next = c.next.borrow().clone();
        cur = next;
    }
    *n.next.borrow_mut() = new;
    Ok(Value::None)
}

fn del_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    this(vm, a, "tb_next")?;
    Err(vm.type_error("can't delete tb_next attribute"))
}

fn get_lasti(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Int(this(vm, a, "tb_lasti")?.lasti))
}

fn get_lineno(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Int(this(vm, a, "tb_lineno")?.lineno))
}

/// `tb_frame`: for the VM's entries, a snapshot of the frame (its code,
/// line and globals; its locals are gone by now, `f_locals` is empty),
/// made once.
fn get_frame(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let n = this(vm, a, "tb_frame")?;
    let data = frame_data(n);
    let existing = data.frame.borrow().clone();
    if !existing.is_none() {
        return Ok(existing);
    }
    let Some(at) = n.at.clone() else { return Ok(Value::None) };
    let lasti = data.lasti.get();
    let f = crate::objects::frames::frame_object(vm, at.code.clone(), lasti);
    if let Some(d) = f.obj().and_then(|o| o.dict.as_ref()) {
        let globals = at.globals.clone().map(Value::Obj).unwrap_or(Value::None);
        let builtins = match at.globals.as_ref().map(|g| &g.payload) {
            Some(Payload::Dict(g)) => g.borrow().get_str("__builtins__").cloned(),
            _ => None,
        };
        // A module's frame has its namespace as locals; a function's
        // locals are gone by now.
        let locals = if at.code.unit.name == "<module>" && at.code.unit.flags & crate::code::flags::OPTIMIZED == 0 {
            globals.clone()
        } else {
            vm.new_dict(crate::objects::dict::Dict::new())
        };
        let mut d = d.borrow_mut();
        d.set_str("f_back", Value::None);
        d.set_str("f_globals", globals);
        d.set_str("f_locals", locals);
        d.set_str("f_lasti", Value::Int(lasti as i64 * 2));
        d.set_str("f_trace", Value::None);
        d.set_str("f_builtins", builtins.unwrap_or(Value::None));
    }
    *data.frame.borrow_mut() = f.clone();
    Ok(f)
}

/// `TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno)`.
fn tb_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(cls) = a.pos.first() else {
        return Err(vm.type_error("traceback.__new__(): not enough arguments"));
    };
    let tb_cls = vm.types.traceback.clone();
    match cls.obj() {
        Some(c) if matches!(c.payload, Payload::Class(_)) => {
            if !Rc::ptr_eq(c, &tb_cls) {
                let name = crate::types::class_name(c);
                return Err(vm.type_error(format!("traceback.__new__({name}): {name} is not a subtype of traceback")));
            }
        }
        _ => return Err(vm.type_error(format!("traceback.__new__(X): X is not a type object ({})", vm.type_name(cls)))),
    }
    let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let b = native::bind(vm, &rest, "TracebackType", &["tb_next", "tb_frame", "tb_lasti", "tb_lineno"], 4, 4)?;
    let [Some(next), Some(frame), Some(lasti), Some(lineno)] = [&b[0], &b[1], &b[2], &b[3]] else {
        return Err(vm.type_error("TracebackType() missing required argument"));
    };
    let frame_cls = vm.types.frame.clone();
    if !vm.isinstance(frame, &frame_cls) {
        return Err(vm.type_error(format!("TracebackType() argument 'tb_frame' must be frame, not {}", vm.type_name(frame))));
    }
    let lasti = crate::objects::str_methods::c_int(vm, lasti)?;
    let lineno = crate::objects::str_methods::c_int(vm, lineno)?;
    if !next.is_none() && node(next).is_none() {
        return Err(vm.type_error(format!("expected traceback object or None, got '{}'", vm.type_name(next))));
    }
    let fd = |name: &str| frame.obj().and_then(|o| o.dict.as_ref()).and_then(|d| d.borrow().get_str(name).cloned());
    let code = match fd("f_code").as_ref().and_then(|c| c.payload()) {
        Some(Payload::Code(c)) => Some(c.clone()),
        _ => None,
    };
    let globals = fd("f_globals").and_then(|g| g.obj().filter(|o| matches!(o.payload, Payload::Dict(_))).cloned());
    let at = code.map(|code| TbEntry { code, lasti: if lasti >= 0 { lasti as usize / 2 } else { usize::MAX }, globals });
    let own = TbFrame { lasti: Cell::new(at.as_ref().map_or(0, |a| a.lasti)), frame: RefCell::new(frame.clone()) };
    let node = TbNode { at, lasti, lineno, own, first: None, next: RefCell::new(next.clone()) };
    Ok(vm.new_object(&tb_cls, Payload::Traceback(node), false))
}
