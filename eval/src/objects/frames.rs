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
        let co = code_object(vm, &code);
        d.set_str("f_code", co);
    }
    f
}

/// `sys._getframe(depth)`: snapshots of the running frames from
/// `vm.frames[index]` down, linked through `f_back`.
pub fn frame_chain(vm: &mut Vm, index: usize) -> Value {
    let mut older = Value::None;
    for i in 0..=index {
        let Some(fr) = vm.frames.get(i) else { break };
        if fr.code.hidden {
            continue;
        }
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

/// The code object of `code`: the one already showing it, if it lives.
pub fn code_object(vm: &Vm, code: &Rc<Code>) -> Value {
    if let Some(o) = code.obj.borrow().upgrade() {
        return Value::Obj(o);
    }
    let v = vm.new_object(&vm.types.code.clone(), Payload::Code(code.clone()), false);
    if let Value::Obj(o) = &v {
        *code.obj.borrow_mut() = Rc::downgrade(o);
    }
    v
}

/// Methods of code objects beyond their attributes.
pub fn install_code_methods(vm: &mut Vm) {
    crate::types::add_method(&vm.types.code.clone(), "co_positions", co_positions);
    crate::types::add_method(&vm.types.code.clone(), "co_lines", co_lines);
    crate::types::add_method(&vm.types.code.clone(), "replace", code_replace);
    crate::types::add_native(&vm.types.function.clone(), "__new__", function_new, false, true);
    crate::types::add_method(&vm.types.frame.clone(), "clear", frame_clear);
}

/// `frame.clear()` (what `traceback.clear_frames` and unittest's
/// `assertRaises` call): a frame object here is a snapshot that holds no
/// references the running frame needs, so there is nothing to release (its
/// `f_locals` may be a module's namespace, which must stay).
fn frame_clear(vm: &mut Vm, a: &crate::vm::Args) -> crate::PyResult<Value> {
    let f = a.pos.first().cloned().unwrap_or(Value::None);
    if !vm.isinstance(&f, &vm.types.frame.clone()) {
        return Err(vm.type_error(format!("descriptor 'clear' for 'frame' objects doesn't apply to a '{}' object", vm.type_name(&f))));
    }
    if a.pos.len() > 1 || !a.kw.is_empty() {
        return Err(vm.type_error(format!("frame.clear() takes no arguments ({} given)", a.pos.len() - 1 + a.kw.len())));
    }
    Ok(Value::None)
}

/// `types.FunctionType(code, globals, name=None, argdefs=None, closure=None)`.
fn function_new(vm: &mut Vm, a: &crate::vm::Args) -> crate::PyResult<Value> {
    const NAMES: [&str; 5] = ["code", "globals", "name", "argdefs", "closure"];
    let mut args: [Option<Value>; 5] = Default::default();
    let pos = a.pos.get(1..).unwrap_or(&[]);
    if pos.len() > 5 {
        return Err(vm.type_error(format!("function expected at most 5 arguments, got {}", pos.len())));
    }
    for (i, v) in pos.iter().enumerate() {
        args[i] = Some(v.clone());
    }
    for (k, v) in &a.kw {
        let ks = k.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
        let Some(i) = NAMES.iter().position(|n| *n == ks) else {
            return Err(vm.type_error(format!("function() got an unexpected keyword argument '{ks}'")));
        };
        if args[i].is_some() {
            return Err(vm.type_error(format!("argument for function() given by name ('{ks}') and position ({})", i + 1)));
        }
        args[i] = Some(v.clone());
    }
    for (i, n) in NAMES.iter().enumerate().take(2) {
        if args[i].is_none() {
            return Err(vm.type_error(format!("function() missing required argument '{n}' (pos {})", i + 1)));
        }
    }
    let [code, globals, name, defaults, closure] = args;
    let (code, globals) = (code.unwrap_or(Value::None), globals.unwrap_or(Value::None));
    let Some(Payload::Code(c)) = code.payload() else {
        return Err(vm.type_error(format!("function() argument 'code' must be code, not {}", vm.type_name(&code))));
    };
    let nfree = c.unit.freevars.len();
    let name_c = c.name.clone();
    let globals = match &globals {
        Value::Obj(o) if matches!(o.payload, Payload::Dict(_)) => o.clone(),
        _ => return Err(vm.type_error(format!("function() argument 'globals' must be dict, not {}", vm.type_name(&globals)))),
    };
    let name = name.filter(|v| !v.is_none());
    if name.as_ref().is_some_and(|n| n.as_str().is_none()) {
        return Err(vm.type_error("arg 3 (name) must be None or string"));
    }
    let defaults = defaults.filter(|v| !v.is_none());
    if defaults.as_ref().is_some_and(|d| !matches!(d.payload(), Some(Payload::Tuple(_)))) {
        return Err(vm.type_error("arg 4 (defaults) must be None or tuple"));
    }
    let closure = closure.filter(|v| !v.is_none());
    let cells = match closure.as_ref().map(|c| c.payload()) {
        None => {
            if nfree > 0 {
                return Err(vm.type_error("arg 5 (closure) must be tuple"));
            }
            Vec::new()
        }
        Some(Some(Payload::Tuple(t))) => t.to_vec(),
        Some(_) => return Err(vm.type_error("arg 5 (closure) must be None or tuple")),
    };
    if cells.len() != nfree {
        let n = name_c.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
        return Err(vm.value_error(format!("{n} requires closure of length {nfree}, not {}", cells.len())));
    }
    for c in &cells {
        if !matches!(c.payload(), Some(Payload::Cell(_))) {
            return Err(vm.type_error(format!("arg 5 (closure) expected cell, found {}", vm.type_name(c))));
        }
    }
    let closure = if cells.is_empty() { None } else { Some(vm.new_tuple(cells)) };
    let f = vm.make_function(code.clone(), globals, closure, None, None, defaults)?;
    if let (Some(n), Some(Payload::Function(func))) = (name, f.payload()) {
        *func.name.borrow_mut() = n;
    }
    Ok(f)
}

/// `code.co_lines()`: `(start, end, line)` for each run of instructions on
/// one line (offsets in CPython's 2-byte code units; line None for none).
fn co_lines(vm: &mut Vm, a: &crate::vm::Args) -> crate::PyResult<Value> {
    let Some(Payload::Code(c)) = a.pos.first().and_then(|v| v.payload()) else {
        return Err(vm.type_error("descriptor 'co_lines' requires a 'code' object"));
    };
    let c = c.clone();
    let mut items = Vec::new();
    let mut start = 0usize;
    let pos = &c.unit.positions;
    for i in 1..=pos.len() {
        if i == pos.len() || pos[i].line != pos[start].line {
            let line = if pos[start].line == 0 { Value::None } else { Value::Int(pos[start].line as i64) };
            items.push(vm.new_tuple(vec![Value::Int(2 * start as i64), Value::Int(2 * i as i64), line]));
            start = i;
        }
    }
    let list = vm.new_list(items);
    vm.iter(&list)
}

/// The keywords of `code.replace`, in CPython 3.11's order.
const REPLACE_INTS: [&str; 7] = ["co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals", "co_stacksize", "co_flags", "co_firstlineno"];
const REPLACE_OTHER: [(&str, &str); 11] = [
    ("co_code", "bytes"),
    ("co_consts", "tuple"),
    ("co_names", "tuple"),
    ("co_varnames", "tuple"),
    ("co_freevars", "tuple"),
    ("co_cellvars", "tuple"),
    ("co_filename", "str"),
    ("co_name", "str"),
    ("co_qualname", "str"),
    ("co_linetable", "bytes"),
    ("co_exceptiontable", "bytes"),
];

/// `code.replace(**changes)`: a new code object with the given fields
/// changed, checked as CPython 3.11 checks them. pyx's instructions are not
/// CPython bytecode: `co_code` cannot be replaced, `co_linetable`,
/// `co_exceptiontable` and `co_stacksize` are checked and ignored, and the
/// tables the instructions index (`co_consts`, `co_names`, `co_varnames`,
/// `co_freevars`, `co_cellvars`) may be renamed or extended, not shortened.
fn code_replace(vm: &mut Vm, a: &crate::vm::Args) -> crate::PyResult<Value> {
    let Some(Payload::Code(c)) = a.pos.first().and_then(|v| v.payload()) else {
        return Err(vm.type_error("descriptor 'replace' requires a 'code' object"));
    };
    let c = c.clone();
    if a.pos.len() > 1 {
        return Err(vm.type_error("replace() takes no positional arguments"));
    }
    for (k, _) in &a.kw {
        let ks = k.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
        if !REPLACE_INTS.contains(&ks.as_str()) && !REPLACE_OTHER.iter().any(|(n, _)| *n == ks) {
            return Err(vm.type_error(format!("'{ks}' is an invalid keyword argument for replace()")));
        }
    }
    let u = &c.unit;
    let mut ints = [
        u.argcount as i64,
        u.posonlyargcount as i64,
        u.kwonlyargcount as i64,
        u.varnames.len() as i64,
        0,
        u.flags as i64,
        u.firstlineno as i64,
    ];
    let mut given_nlocals = false;
    for (i, name) in REPLACE_INTS.iter().enumerate() {
        if let Some(v) = a.kwarg(name) {
            let v = v.clone();
            let n = crate::builtins::index_big(vm, &v)?;
            let n = num_traits::ToPrimitive::to_i32(&n).ok_or_else(|| vm.overflow_error("Python int too large to convert to C int"))?;
            ints[i] = n as i64;
            given_nlocals |= i == 3;
        }
    }
    let mut other: Vec<Option<Value>> = Vec::new();
    for (name, kind) in REPLACE_OTHER {
        let v = a.kwarg(name).cloned();
        if let Some(v) = &v {
            let ok = match kind {
                "bytes" => matches!(v.payload(), Some(Payload::Bytes(_))),
                "tuple" => matches!(v.payload(), Some(Payload::Tuple(_))),
                _ => v.as_str().is_some(),
            };
            if !ok {
                let got = if v.is_none() { "None".to_string() } else { vm.type_name(v).to_string() };
                return Err(vm.type_error(format!("replace() argument '{name}' must be {kind}, not {got}")));
            }
        }
        other.push(v);
    }
    for (i, name) in REPLACE_INTS.iter().enumerate() {
        if ints[i] < 0 {
            return Err(vm.value_error(format!("{name} must be a positive integer")));
        }
    }
    let tuple = |v: &Option<Value>| -> Option<Vec<Value>> {
        match v.as_ref().and_then(|v| v.payload()) {
            Some(Payload::Tuple(t)) => Some(t.to_vec()),
            _ => None,
        }
    };
    let [argcount, posonly, kwonly, nlocals, _stacksize, flags, firstlineno] = ints;
    let consts = tuple(&other[1]);
    let names = tuple(&other[2]);
    let varnames = tuple(&other[3]);
    let freevars = tuple(&other[4]);
    let cellvars = tuple(&other[5]);
    let nvarnames = varnames.as_ref().map_or(u.varnames.len(), |v| v.len()) as i64;
    let strings = |vm: &Vm, v: &Option<Vec<Value>>| -> crate::PyResult<Option<Vec<String>>> {
        let Some(v) = v else { return Ok(None) };
        let mut out = Vec::new();
        for x in v {
            match x.as_str() {
                Some(s) => out.push(s.to_string_lossy()),
                None => return Err(vm.err(&vm.types.exc.system_error.clone(), "non-string found in code slot")),
            }
        }
        Ok(Some(out))
    };
    let names_s = strings(vm, &names)?;
    let varnames_s = strings(vm, &varnames)?;
    let freevars_s = strings(vm, &freevars)?;
    let cellvars_s = strings(vm, &cellvars)?;
    if argcount < posonly {
        return Err(vm.err(&vm.types.exc.system_error.clone(), "Objects/codeobject.c:250: bad argument to internal function"));
    }
    let extra = (flags & crate::code::flags::VARARGS as i64 != 0) as i64 + (flags & crate::code::flags::VARKEYWORDS as i64 != 0) as i64;
    if nvarnames < argcount + kwonly + extra {
        return Err(vm.value_error("code: co_varnames is too small"));
    }
    if (given_nlocals || varnames.is_some()) && nlocals != nvarnames {
        return Err(vm.value_error("code: co_nlocals != len(co_varnames)"));
    }
    if other[0].is_some() {
        return Err(vm.value_error("code.replace(): pyx cannot replace co_code (its code objects do not run CPython bytecode)"));
    }
    let shorter = |what: &str, new: Option<usize>, old: usize| -> Option<String> {
        new.filter(|n| *n < old).map(|_| format!("code.replace(): pyx cannot shorten {what} (its instructions index it)"))
    };
    let cells_changed = |new: Option<usize>, old: usize| new.is_some_and(|n| n != old);
    if let Some(m) = shorter("co_consts", consts.as_ref().map(|v| v.len()), c.consts.len())
        .or_else(|| shorter("co_names", names.as_ref().map(|v| v.len()), c.names.len()))
        .or_else(|| shorter("co_varnames", varnames.as_ref().map(|v| v.len()), u.varnames.len()))
    {
        return Err(vm.value_error(m));
    }
    if cells_changed(freevars.as_ref().map(|v| v.len()), u.freevars.len()) || cells_changed(cellvars.as_ref().map(|v| v.len()), u.cellvars.len()) {
        return Err(vm.value_error("code.replace(): pyx cannot change the number of co_freevars or co_cellvars"));
    }
    let mut nu: crate::code::CodeUnit = (**u).clone();
    nu.argcount = argcount as u32;
    nu.posonlyargcount = posonly as u32;
    nu.kwonlyargcount = kwonly as u32;
    nu.flags = flags as u32;
    if firstlineno != u.firstlineno as i64 {
        // CPython's line table is relative to co_firstlineno.
        let delta = firstlineno - u.firstlineno as i64;
        let shift = |l: u32| if l == 0 { 0 } else { (l as i64 + delta).clamp(0, u32::MAX as i64) as u32 };
        for p in nu.positions.iter_mut() {
            p.line = shift(p.line);
            p.end_line = shift(p.end_line);
        }
        nu.firstlineno = firstlineno as u32;
    }
    if let Some(n) = names_s {
        nu.names = n;
    }
    if let Some(n) = varnames_s {
        nu.varnames = n;
    }
    if let Some(n) = freevars_s {
        nu.freevars = n;
    }
    if let Some(n) = cellvars_s {
        nu.cellvars = n;
    }
    let mut source = c.source.clone();
    if let Some(f) = other[6].as_ref().and_then(|v| v.as_str()) {
        nu.filename = f.to_string_lossy();
        if nu.filename != u.filename {
            source = std::fs::read_to_string(&nu.filename).ok().map(|t| Rc::from(t.as_str()));
        }
    }
    let name = match &other[7] {
        Some(v) => {
            nu.name = v.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
            v.clone()
        }
        None => c.name.clone(),
    };
    let qualname = match &other[8] {
        Some(v) => {
            nu.qualname = v.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
            v.clone()
        }
        None => c.qualname.clone(),
    };
    let intern = |v: Vec<Value>| -> Vec<Value> {
        v.into_iter()
            .map(|x| match x.as_str().and_then(|s| s.as_ascii().map(crate::vm::str_key)) {
                Some(k) => k,
                None => x,
            })
            .collect()
    };
    let code = Code {
        unit: std::sync::Arc::new(nu),
        consts: consts.unwrap_or_else(|| c.consts.clone()),
        names: names.map(intern).unwrap_or_else(|| c.names.clone()),
        varnames: varnames.map(intern).unwrap_or_else(|| c.varnames.clone()),
        name,
        qualname,
        source,
        obj: Default::default(),
        hidden: c.hidden,
        globals_cache: Default::default(),
    };
    Ok(code_object(vm, &Rc::new(code)))
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
