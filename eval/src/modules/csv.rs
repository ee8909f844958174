//! The native `_csv` module under the standard library's `csv.py`:
//! `Dialect` (validated with CPython 3.11's messages), `reader` (CPython's
//! parser state machine, `line_num`, the field size limit), `writer`, the
//! dialect registry and `field_size_limit`.

use std::cell::{Cell, RefCell};

use super::native;
use crate::objects::dict::Dict;
use crate::objects::str::PyStr;
use crate::value::{Payload, PyRef, Value};
use crate::vm::{str_key, Args, Vm};
use crate::{PyErr, PyResult};

const QUOTE_MINIMAL: i64 = 0;
const QUOTE_ALL: i64 = 1;
const QUOTE_NONNUMERIC: i64 = 2;
const QUOTE_NONE: i64 = 3;

struct State {
    error: PyRef,
    dialect_type: PyRef,
    reader_type: PyRef,
    writer_type: PyRef,
    dialects: Value,
}

thread_local! {
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
    static FIELD_LIMIT: Cell<i64> = const { Cell::new(128 * 1024) };
}

fn with_state<T>(f: impl FnOnce(&State) -> T) -> T {
    STATE.with(|s| f(s.borrow().as_ref().expect("_csv is initialized")))
}

fn error(vm: &Vm, msg: impl AsRef<str>) -> PyErr {
    let e = with_state(|s| s.error.clone());
    vm.err(&e, msg)
}

/// The settings of a `_csv.Dialect` (CPython's `DialectObj`); an unset
/// quote or escape character is `None`.
#[derive(Clone)]
struct Dialect {
    delimiter: u32,
    quotechar: Option<u32>,
    escapechar: Option<u32>,
    doublequote: bool,
    skipinitialspace: bool,
    lineterminator: Value,
    quoting: i64,
    strict: bool,
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(
        vm,
        "_csv",
        &[
            ("reader", csv_reader),
            ("writer", csv_writer),
            ("register_dialect", register_dialect),
            ("unregister_dialect", unregister_dialect),
            ("get_dialect", get_dialect),
            ("list_dialects", list_dialects),
            ("field_size_limit", field_size_limit),
        ],
    );
    native::set(&m, "__doc__", vm.new_str(include_str!("csv_doc.txt")));
    native::set(&m, "__version__", vm.new_str("1.0"));
    for (name, v) in [("QUOTE_MINIMAL", QUOTE_MINIMAL), ("QUOTE_ALL", QUOTE_ALL), ("QUOTE_NONNUMERIC", QUOTE_NONNUMERIC), ("QUOTE_NONE", QUOTE_NONE)] {
        native::set(&m, name, Value::Int(v));
    }
    let error = native::exception_class(vm, "_csv", "Error", None)?;

    let dialect = native::native_class(vm, "_csv", "Dialect", None);
    native::set(&Value::Obj(dialect.clone()), "__doc__", vm.new_str("CSV dialect\n\nThe Dialect type records CSV parsing and generation options.\n"));
    native::add_new(&dialect, dialect_new);
    native::add_property(vm, &dialect, "delimiter", d_delimiter, not_writable_delimiter);
    native::add_property(vm, &dialect, "escapechar", d_escapechar, not_writable_escapechar);
    native::add_property(vm, &dialect, "lineterminator", d_lineterminator, not_writable_lineterminator);
    native::add_property(vm, &dialect, "quotechar", d_quotechar, not_writable_quotechar);
    native::add_property(vm, &dialect, "quoting", d_quoting, not_writable_quoting);
    native::add_readonly_member(vm, &dialect, "doublequote", d_doublequote);
    native::add_readonly_member(vm, &dialect, "skipinitialspace", d_skipinitialspace);
    native::add_readonly_member(vm, &dialect, "strict", d_strict);

    let reader = native::native_final_class(vm, "_csv", "reader");
    native::set(&Value::Obj(reader.clone()), "__doc__", vm.new_str("CSV reader\n\nReader objects are responsible for reading and parsing tabular data\nin CSV format.\n"));
    native::add_new(&reader, no_new_reader);
    native::add_method(&reader, "__iter__", reader_iter);
    native::add_method(&reader, "__next__", reader_next);
    native::add_readonly_member(vm, &reader, "dialect", reader_dialect);
    native::add_readonly_member(vm, &reader, "line_num", reader_line_num);

    let writer = native::native_final_class(vm, "_csv", "writer");
    native::set(&Value::Obj(writer.clone()), "__doc__", vm.new_str("CSV writer\n\nWriter objects are responsible for generating tabular data\nin CSV format from sequence input.\n"));
    native::add_new(&writer, no_new_writer);
    native::add_method(&writer, "writerow", writer_writerow);
    native::add_method(&writer, "writerows", writer_writerows);
    native::add_readonly_member(vm, &writer, "dialect", writer_dialect);

    let dialects = vm.new_dict(Dict::new());
    native::set(&m, "Error", Value::Obj(error.clone()));
    native::set(&m, "Dialect", Value::Obj(dialect.clone()));
    native::set(&m, "Reader", Value::Obj(reader.clone()));
    native::set(&m, "Writer", Value::Obj(writer.clone()));
    let (reader, writer) = (reader.clone(), writer.clone());
    native::set(&m, "_dialects", dialects.clone());
    STATE.with(|s| *s.borrow_mut() = Some(State { error, dialect_type: dialect, reader_type: reader, writer_type: writer, dialects }));
    FIELD_LIMIT.with(|l| l.set(128 * 1024));
    Ok(m)
}

fn no_new_reader(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(vm.type_error("cannot create '_csv.reader' instances"))
}

fn no_new_writer(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(vm.type_error("cannot create '_csv.writer' instances"))
}

/// `PyArg_UnpackTuple(args, "", min, max)`: positional arguments only
/// (keywords go to the dialect), with its messages for an empty name.
fn unpack<'a>(vm: &Vm, a: &'a Args, min: usize, max: usize) -> PyResult<&'a [Value]> {
    let n = a.pos.len();
    if n < min {
        return Err(vm.type_error(format!(" expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })));
    }
    if n > max {
        return Err(vm.type_error(format!(" expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" })));
    }
    Ok(&a.pos)
}

// ---- Dialect --------------------------------------------------------------------------

const DIALECT_KWS: [&str; 9] = ["dialect", "delimiter", "doublequote", "escapechar", "lineterminator", "quotechar", "quoting", "skipinitialspace", "strict"];

fn dialect_of(v: &Value) -> Option<Dialect> {
    native::opaque::<Dialect>(v).map(|d| d.clone())
}

fn is_dialect(v: &Value) -> bool {
    native::opaque::<Dialect>(v).is_some()
}

/// `_csv.Dialect(dialect=None, **settings)` (CPython's `dialect_new`).
fn dialect_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos.first().cloned() else { return Err(vm.type_error("Dialect.__new__(X): X is not a type object")) };
    let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    make_dialect(vm, &cls, &rest)
}

/// A Dialect of class `cls` from `(dialect, delimiter, ...)` arguments
/// (`PyArg_ParseTupleAndKeywords` with "|OOOOOOOOO").
fn make_dialect(vm: &mut Vm, cls: &PyRef, a: &Args) -> PyResult<Value> {
    if a.pos.len() + a.kw.len() > DIALECT_KWS.len() {
        return Err(vm.type_error(format!("function takes at most {} arguments ({} given)", DIALECT_KWS.len(), a.pos.len() + a.kw.len())));
    }
    let mut slots: [Option<Value>; 9] = Default::default();
    for (i, v) in a.pos.iter().enumerate() {
        slots[i] = Some(v.clone());
    }
    for (k, v) in &a.kw {
        let key = k.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
        match DIALECT_KWS.iter().position(|n| *n == key) {
            Some(i) if i < a.pos.len() => {
                return Err(vm.type_error(format!("argument for function given by name ('{key}') and position ({})", i + 1)));
            }
            Some(i) => slots[i] = Some(v.clone()),
            None => return Err(vm.type_error(format!("'{key}' is an invalid keyword argument for this function"))),
        }
    }
    let [dialect, mut delimiter, mut doublequote, mut escapechar, mut lineterminator, mut quotechar, mut quoting, mut skipinitialspace, mut strict] = slots;
    if let Some(mut d) = dialect {
        if d.as_str().is_some() {
            d = lookup_dialect(vm, &d)?;
        }
        let no_settings = [&delimiter, &doublequote, &escapechar, &lineterminator, &quotechar, &quoting, &skipinitialspace, &strict].iter().all(|s| s.is_none());
        if is_dialect(&d) && no_settings {
            return Ok(d);
        }
        let fields = [
            (&mut delimiter, "delimiter"),
            (&mut doublequote, "doublequote"),
            (&mut escapechar, "escapechar"),
            (&mut lineterminator, "lineterminator"),
            (&mut quotechar, "quotechar"),
            (&mut quoting, "quoting"),
            (&mut skipinitialspace, "skipinitialspace"),
            (&mut strict, "strict"),
        ];
        for (slot, name) in fields {
            if slot.is_none() {
                // Missing attributes (any error) leave the default.
                if let Ok(v) = vm.getattr(&d, &str_key(name)) {
                    *slot = Some(v);
                }
            }
        }
    }
    let quotechar_is_none = matches!(quotechar, Some(Value::None));
    let quoting_given = quoting.is_some();
    let mut dl = Dialect {
        delimiter: set_char(vm, "delimiter", &delimiter, ',' as u32)?,
        doublequote: set_bool(vm, &doublequote, true)?,
        escapechar: set_char_or_none(vm, "escapechar", &escapechar, None)?,
        lineterminator: set_str(vm, "lineterminator", &lineterminator)?,
        quotechar: set_char_or_none(vm, "quotechar", &quotechar, Some('"' as u32))?,
        quoting: set_int(vm, "quoting", &quoting, QUOTE_MINIMAL)?,
        skipinitialspace: set_bool(vm, &skipinitialspace, false)?,
        strict: set_bool(vm, &strict, false)?,
    };
    if !(QUOTE_MINIMAL..=QUOTE_NONE).contains(&dl.quoting) {
        return Err(vm.type_error("bad \"quoting\" value"));
    }
    if quotechar_is_none && !quoting_given {
        dl.quoting = QUOTE_NONE;
    }
    if dl.quoting != QUOTE_NONE && dl.quotechar.is_none() {
        return Err(vm.type_error("quotechar must be set if quoting enabled"));
    }
    if dl.lineterminator.is_none() {
        return Err(vm.type_error("lineterminator must be set"));
    }
    Ok(native::new_opaque(vm, cls, dl))
}

fn set_char(vm: &Vm, name: &str, src: &Option<Value>, dflt: u32) -> PyResult<u32> {
    let Some(v) = src else { return Ok(dflt) };
    match v.as_str() {
        None => Err(vm.type_error(format!("\"{name}\" must be string, not {}", vm.type_name(v)))),
        Some(s) if s.len() != 1 => Err(vm.type_error(format!("\"{name}\" must be a 1-character string"))),
        Some(s) => Ok(s.at(0)),
    }
}

fn set_char_or_none(vm: &Vm, name: &str, src: &Option<Value>, dflt: Option<u32>) -> PyResult<Option<u32>> {
    match src {
        None => Ok(dflt),
        Some(Value::None) => Ok(None),
        Some(v) => match v.as_str() {
            None => Err(vm.type_error(format!("\"{name}\" must be string or None, not {}", vm.type_name(v)))),
            Some(s) if s.len() != 1 => Err(vm.type_error(format!("\"{name}\" must be a 1-character string"))),
            Some(s) => Ok(Some(s.at(0))),
        },
    }
}

fn set_bool(vm: &mut Vm, src: &Option<Value>, dflt: bool) -> PyResult<bool> {
    match src {
        None => Ok(dflt),
        Some(v) => vm.truthy(v),
    }
}

fn set_int(vm: &Vm, name: &str, src: &Option<Value>, dflt: i64) -> PyResult<i64> {
    let Some(v) = src else { return Ok(dflt) };
    let exact_int = matches!(v, Value::Int(_)) || (matches!(v.payload(), Some(Payload::BigInt(_))) && vm.exact_num(v));
    if !exact_int {
        return Err(vm.type_error(format!("\"{name}\" must be an integer")));
    }
    match v {
        Value::Int(i) if i32::try_from(*i).is_ok() => Ok(*i),
        _ => Err(vm.overflow_error("Python int too large to convert to C int")),
    }
}

/// The line terminator: `None` (unset) or a str.
fn set_str(vm: &Vm, name: &str, src: &Option<Value>) -> PyResult<Value> {
    match src {
        None => Ok(vm.new_str("\r\n")),
        Some(Value::None) => Ok(Value::None),
        Some(v) if v.as_str().is_some() => Ok(v.clone()),
        Some(_) => Err(vm.type_error(format!("\"{name}\" must be a string"))),
    }
}

fn char_or_none(vm: &Vm, c: Option<u32>) -> Value {
    match c {
        Some(c) => vm.new_pystr(PyStr::from_code_points(vec![c])),
        None => Value::None,
    }
}

fn this_dialect(vm: &Vm, a: &Args, name: &str) -> PyResult<Dialect> {
    native::this::<Dialect>(vm, a, "_csv.Dialect", name).map(|d| d.clone())
}

fn d_delimiter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let d = this_dialect(vm, a, "delimiter")?;
    Ok(char_or_none(vm, Some(d.delimiter)))
}

fn d_escapechar(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let d = this_dialect(vm, a, "escapechar")?;
    Ok(char_or_none(vm, d.escapechar))
}

fn d_quotechar(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let d = this_dialect(vm, a, "quotechar")?;
    Ok(char_or_none(vm, d.quotechar))
}

fn d_lineterminator(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(this_dialect(vm, a, "lineterminator")?.lineterminator)
}

fn d_quoting(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Int(this_dialect(vm, a, "quoting")?.quoting))
}

fn d_doublequote(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Bool(this_dialect(vm, a, "doublequote")?.doublequote))
}

fn d_skipinitialspace(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Bool(this_dialect(vm, a, "skipinitialspace")?.skipinitialspace))
}

fn d_strict(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Bool(this_dialect(vm, a, "strict")?.strict))
}

macro_rules! not_writable {
    ($($f:ident $name:literal;)*) => {$(
        fn $f(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
            Err(vm.attribute_error(concat!("attribute '", $name, "' of '_csv.Dialect' objects is not writable")))
        }
    )*};
}

not_writable! {
    not_writable_delimiter "delimiter";
    not_writable_escapechar "escapechar";
    not_writable_lineterminator "lineterminator";
    not_writable_quotechar "quotechar";
    not_writable_quoting "quoting";
}

/// `Dialect(dialect, **kwargs)` for reader, writer and register_dialect.
fn call_dialect(vm: &mut Vm, dialect: Option<&Value>, kw: &[(Value, Value)]) -> PyResult<(Value, Dialect)> {
    let cls = with_state(|s| s.dialect_type.clone());
    let args = Args { pos: dialect.cloned().into_iter().collect(), kw: kw.to_vec() };
    let d = make_dialect(vm, &cls, &args)?;
    let settings = dialect_of(&d).expect("a dialect");
    Ok((d, settings))
}

fn lookup_dialect(vm: &mut Vm, name: &Value) -> PyResult<Value> {
    let dialects = with_state(|s| s.dialects.clone());
    vm.hash(name)?;
    match vm.getitem(&dialects, name) {
        Ok(d) => Ok(d),
        Err(e) if vm.isinstance(&e.0, &vm.types.exc.key_error.clone()) => Err(error(vm, "unknown dialect")),
        Err(e) => Err(e),
    }
}

// ---- the registry --------------------------------------------------------------------

fn register_dialect(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = unpack(vm, a, 1, 2)?;
    let name = args[0].clone();
    if name.as_str().is_none() {
        return Err(vm.type_error("dialect name must be a string"));
    }
    let (d, _) = call_dialect(vm, args.get(1), &a.kw)?;
    let dialects = with_state(|s| s.dialects.clone());
    vm.setitem(&dialects, name, d)?;
    Ok(Value::None)
}

fn unregister_dialect(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = native::bind(vm, a, "unregister_dialect", &["name"], 1, 1)?;
    let name = b[0].clone().unwrap_or(Value::None);
    let dialects = with_state(|s| s.dialects.clone());
    match vm.delitem(&dialects, &name) {
        Ok(()) => Ok(Value::None),
        Err(e) if vm.isinstance(&e.0, &vm.types.exc.key_error.clone()) => Err(error(vm, "unknown dialect")),
        Err(e) => Err(e),
    }
}

fn get_dialect(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = native::bind(vm, a, "get_dialect", &["name"], 1, 1)?;
    lookup_dialect(vm, b[0].as_ref().unwrap_or(&Value::None))
}

fn list_dialects(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("_csv.list_dialects() takes no keyword arguments"));
    }
    if !a.pos.is_empty() {
        return Err(vm.type_error(format!("_csv.list_dialects() takes no arguments ({} given)", a.pos.len())));
    }
    let dialects = with_state(|s| s.dialects.clone());
    let keys = match dialects.payload() {
        Some(Payload::Dict(d)) => d.borrow().keys(),
        _ => Vec::new(),
    };
    Ok(vm.new_list(keys))
}

fn field_size_limit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let b = native::bind(vm, a, "field_size_limit", &["new_limit"], 0, 1)?;
    let old = FIELD_LIMIT.with(|l| l.get());
    if let Some(v) = &b[0] {
        let exact_int = matches!(v, Value::Int(_)) || (matches!(v.payload(), Some(Payload::BigInt(_))) && vm.exact_num(v));
        if !exact_int {
            return Err(vm.type_error("limit must be an integer"));
        }
        let Value::Int(n) = v else { return Err(vm.overflow_error("Python int too large to convert to C long")) };
        FIELD_LIMIT.with(|l| l.set(*n));
    }
    Ok(Value::Int(old))
}

// ---- reader -----------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum ParserState {
    StartRecord,
    StartField,
    EscapedChar,
    InField,
    InQuotedField,
    EscapeInQuotedField,
    QuoteInQuotedField,
    EatCrnl,
    AfterEscapedCrnl,
}

struct Reader {
    iter: Value,
    dialect: Value,
    d: Dialect,
    fields: Vec<Value>,
    state: ParserState,
    field: Vec<u32>,
    numeric_field: bool,
    line_num: i64,
}

/// The end of a line (CPython's `EOL`).
const EOL: u32 = u32::MAX - 1;

fn csv_reader(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = unpack(vm, a, 1, 2)?;
    let iter = vm.iter(&args[0])?;
    let (dialect, d) = call_dialect(vm, args.get(1), &a.kw)?;
    let cls = with_state(|s| s.reader_type.clone());
    let r = Reader { iter, dialect, d, fields: Vec::new(), state: ParserState::StartRecord, field: Vec::new(), numeric_field: false, line_num: 0 };
    Ok(native::new_opaque(vm, &cls, r))
}

fn reader_iter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    native::this_slot::<Reader>(vm, a, "_csv.reader", "__iter__").cloned()
}

fn reader_dialect(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(native::this::<Reader>(vm, a, "_csv.reader", "dialect")?.dialect.clone())
}

fn reader_line_num(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Int(native::this::<Reader>(vm, a, "_csv.reader", "line_num")?.line_num))
}

impl Reader {
    fn save_field(&mut self, vm: &mut Vm) -> PyResult<()> {
        let s = PyStr::from_code_points(std::mem::take(&mut self.field));
        let v = if self.numeric_field {
            self.numeric_field = false;
            let f = vm.new_pystr(s);
            Value::Float(crate::builtins::float_of(vm, &f)?)
        } else {
            vm.new_pystr(s)
        };
        self.fields.push(v);
        Ok(())
    }

    fn add_char(&mut self, vm: &Vm, c: u32) -> PyResult<()> {
        let limit = FIELD_LIMIT.with(|l| l.get());
        if self.field.len() as i64 >= limit {
            return Err(error(vm, format!("field larger than field limit ({limit})")));
        }
        self.field.push(c);
        Ok(())
    }

    /// CPython's `parse_process_char`.
    fn process(&mut self, vm: &mut Vm, c: u32) -> PyResult<()> {
        use ParserState::*;
        let d = &self.d;
        let (delim, quote, esc) = (d.delimiter, d.quotechar, d.escapechar);
        let quoting_on = d.quoting != QUOTE_NONE;
        let is_quote = |c: u32| quote == Some(c);
        let is_esc = |c: u32| esc == Some(c);
        let nl = |c: u32| c == '\n' as u32 || c == '\r' as u32;
        match self.state {
            StartRecord | StartField => {
                if self.state == StartRecord {
                    if c == EOL {
                        return Ok(());
                    }
                    if nl(c) {
                        self.state = EatCrnl;
                        return Ok(());
                    }
                    self.state = StartField;
                }
                if nl(c) || c == EOL {
                    self.save_field(vm)?;
                    self.state = if c == EOL { StartRecord } else { EatCrnl };
                } else if is_quote(c) && quoting_on {
                    self.state = InQuotedField;
                } else if is_esc(c) {
                    self.state = EscapedChar;
                } else if c == ' ' as u32 && self.d.skipinitialspace {
                } else if c == delim {
                    self.save_field(vm)?;
                } else {
                    if self.d.quoting == QUOTE_NONNUMERIC {
                        self.numeric_field = true;
                    }
                    self.add_char(vm, c)?;
                    self.state = InField;
                }
            }
            EscapedChar => {
                if nl(c) {
                    self.add_char(vm, c)?;
                    self.state = AfterEscapedCrnl;
                    return Ok(());
                }
                let c = if c == EOL { '\n' as u32 } else { c };
                self.add_char(vm, c)?;
                self.state = InField;
            }
            AfterEscapedCrnl | InField => {
                if self.state == AfterEscapedCrnl && c == EOL {
                    return Ok(());
                }
                if nl(c) || c == EOL {
                    self.save_field(vm)?;
                    self.state = if c == EOL { StartRecord } else { EatCrnl };
                } else if is_esc(c) {
                    self.state = EscapedChar;
                } else if c == delim {
                    self.save_field(vm)?;
                    self.state = StartField;
                } else {
                    // (The state stays: after an escaped newline, CPython
                    // keeps ignoring ends of lines until a delimiter.)
                    self.add_char(vm, c)?;
                }
            }
            InQuotedField => {
                if c == EOL {
                } else if is_esc(c) {
                    self.state = EscapeInQuotedField;
                } else if is_quote(c) && quoting_on {
                    self.state = if self.d.doublequote { QuoteInQuotedField } else { InField };
                } else {
                    self.add_char(vm, c)?;
                }
            }
            EscapeInQuotedField => {
                let c = if c == EOL { '\n' as u32 } else { c };
                self.add_char(vm, c)?;
                self.state = InQuotedField;
            }
            QuoteInQuotedField => {
                if quoting_on && is_quote(c) {
                    self.add_char(vm, c)?;
                    self.state = InQuotedField;
                } else if c == delim {
                    self.save_field(vm)?;
                    self.state = StartField;
                } else if nl(c) || c == EOL {
                    self.save_field(vm)?;
                    self.state = if c == EOL { StartRecord } else { EatCrnl };
                } else if !self.d.strict {
                    self.add_char(vm, c)?;
                    self.state = InField;
                } else {
                    let show = |c: u32| char::from_u32(c).map(String::from).unwrap_or_default();
                    let q = show(self.d.quotechar.unwrap_or(0));
                    return Err(error(vm, format!("'{}' expected after '{}'", show(delim), q)));
                }
            }
            EatCrnl => {
                if nl(c) {
                } else if c == EOL {
                    self.state = StartRecord;
                } else {
                    return Err(error(vm, "new-line character seen in unquoted field - do you need to open the file in universal-newline mode?"));
                }
            }
        }
        Ok(())
    }
}

fn reader_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = native::this_slot::<Reader>(vm, a, "_csv.reader", "__next__")?.clone();
    let st = |vm: &Vm| native::opaque_mut::<Reader>(&this).ok_or_else(|| vm.err(&vm.types.exc.runtime_error.clone(), "reader already executing"));
    let iter = {
        let mut r = st(vm)?;
        r.fields.clear();
        r.field.clear();
        r.state = ParserState::StartRecord;
        r.numeric_field = false;
        r.iter.clone()
    };
    loop {
        let line = vm.next(&iter)?;
        let mut r = st(vm)?;
        let Some(line) = line else {
            if r.field.is_empty() && r.state != ParserState::InQuotedField {
                return Err(vm.stop_iteration(Value::None));
            }
            if r.d.strict {
                return Err(error(vm, "unexpected end of data"));
            }
            r.save_field(vm)?;
            break;
        };
        let Some(s) = line.as_str() else {
            return Err(error(vm, format!("iterator should return strings, not {} (the file should be opened in text mode)", vm.type_name(&line))));
        };
        r.line_num += 1;
        for c in s.iter() {
            r.process(vm, c)?;
        }
        r.process(vm, EOL)?;
        if r.state == ParserState::StartRecord {
            break;
        }
    }
    let fields = std::mem::take(&mut st(vm)?.fields);
    Ok(vm.new_list(fields))
}

// ---- writer -----------------------------------------------------------------------------

struct Writer {
    write: Value,
    dialect: Value,
    d: Dialect,
}

fn csv_writer(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = unpack(vm, a, 1, 2)?;
    let write = match vm.getattr(&args[0], &str_key("write")) {
        Ok(w) => w,
        Err(e) if vm.isinstance(&e.0, &vm.types.exc.attribute_error.clone()) => {
            return Err(vm.type_error("argument 1 must have a \"write\" method"));
        }
        Err(e) => return Err(e),
    };
    let (dialect, d) = call_dialect(vm, args.get(1), &a.kw)?;
    let cls = with_state(|s| s.writer_type.clone());
    Ok(native::new_opaque(vm, &cls, Writer { write, dialect, d }))
}

fn writer_dialect(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(native::this::<Writer>(vm, a, "_csv.writer", "dialect")?.dialect.clone())
}

/// CPython's `PyNumber_Check`: has `__index__`, `__int__` or `__float__`, or is complex.
fn is_number(vm: &Vm, v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => return true,
        Value::None => return false,
        _ => {}
    }
    if matches!(v.payload(), Some(Payload::BigInt(_) | Payload::Float(_) | Payload::Complex(..))) {
        return true;
    }
    let cls = vm.type_of(v);
    ["__index__", "__int__", "__float__"].iter().any(|n| vm.lookup_mro(&cls, n).is_some())
}

/// Append one field to the record (CPython's `join_append`).
fn join_append(vm: &Vm, d: &Dialect, rec: &mut Vec<u32>, num_fields: &mut usize, field: Option<&PyStr>, mut quoted: bool) -> PyResult<()> {
    let lt: Vec<u32> = d.lineterminator.as_str().map(|s| s.code_points()).unwrap_or_default();
    let mut body = Vec::new();
    if let Some(f) = field {
        for c in f.iter() {
            let mut want_escape = false;
            if c == d.delimiter || d.escapechar == Some(c) || d.quotechar == Some(c) || lt.contains(&c) {
                if d.quoting == QUOTE_NONE {
                    want_escape = true;
                } else {
                    if d.quotechar == Some(c) {
                        if d.doublequote {
                            body.push(c);
                        } else {
                            want_escape = true;
                        }
                    } else if d.escapechar == Some(c) {
                        want_escape = true;
                    }
                    if !want_escape {
                        quoted = true;
                    }
                }
                if want_escape {
                    match d.escapechar {
                        Some(e) => body.push(e),
                        None => return Err(error(vm, "need to escape, but no escapechar set")),
                    }
                }
            }
            body.push(c);
        }
    }
    if *num_fields > 0 {
        rec.push(d.delimiter);
    }
    let q = d.quotechar.unwrap_or(0);
    if quoted {
        rec.push(q);
    }
    rec.extend(body);
    if quoted {
        rec.push(q);
    }
    *num_fields += 1;
    Ok(())
}

fn writerow(vm: &mut Vm, this: &Value, seq: &Value) -> PyResult<Value> {
    let (d, write) = {
        let w = native::opaque::<Writer>(this).ok_or_else(|| vm.type_error("not a writer"))?;
        (w.d.clone(), w.write.clone())
    };
    let it = match vm.iter(seq) {
        Ok(it) => it,
        Err(e) if vm.isinstance(&e.0, &vm.types.exc.type_error.clone()) => {
            return Err(error(vm, format!("iterable expected, not {}", vm.type_name(seq))));
        }
        Err(e) => return Err(e),
    };
    let mut rec = Vec::new();
    let mut num_fields = 0usize;
    while let Some(field) = vm.next(&it)? {
        let quoted = match d.quoting {
            QUOTE_NONNUMERIC => !is_number(vm, &field),
            QUOTE_ALL => true,
            _ => false,
        };
        if field.is_none() {
            join_append(vm, &d, &mut rec, &mut num_fields, None, quoted)?;
        } else if let Some(s) = field.as_str() {
            join_append(vm, &d, &mut rec, &mut num_fields, Some(s), quoted)?;
        } else {
            let s = vm.str(&field)?;
            let s = s.as_str().map(|s| s.substring(0, s.len())).unwrap_or_else(|| PyStr::new(""));
            join_append(vm, &d, &mut rec, &mut num_fields, Some(&s), quoted)?;
        }
    }
    if num_fields > 0 && rec.is_empty() {
        if d.quoting == QUOTE_NONE {
            return Err(error(vm, "single empty field record must be quoted"));
        }
        num_fields -= 1;
        join_append(vm, &d, &mut rec, &mut num_fields, None, true)?;
    }
    if let Some(lt) = d.lineterminator.as_str() {
        rec.extend(lt.iter());
    }
    let line = vm.new_pystr(PyStr::from_code_points(rec));
    vm.call(&write, vec![line])
}

fn writer_writerow(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = native::this_method::<Writer>(vm, a, "_csv.writer", "writerow")?.clone();
    if !a.kw.is_empty() {
        return Err(vm.type_error("writer.writerow() takes no keyword arguments"));
    }
    if a.pos.len() != 2 {
        return Err(vm.type_error(format!("writer.writerow() takes exactly one argument ({} given)", a.pos.len() - 1)));
    }
    writerow(vm, &this, &a.pos[1])
}

fn writer_writerows(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = native::this_method::<Writer>(vm, a, "_csv.writer", "writerows")?.clone();
    if !a.kw.is_empty() {
        return Err(vm.type_error("writer.writerows() takes no keyword arguments"));
    }
    if a.pos.len() != 2 {
        return Err(vm.type_error(format!("writer.writerows() takes exactly one argument ({} given)", a.pos.len() - 1)));
    }
    let it = vm.iter(&a.pos[1])?;
    while let Some(row) = vm.next(&it)? {
        writerow(vm, &this, &row)?;
    }
    Ok(Value::None)
}
