//! Running programs: `pyx run FILE`, `-c CODE`, `-m MODULE` — compiling
//! source through the shared front end, running it on a thread with a big
//! stack, and ending as `python3` ends (exit codes, tracebacks, flushing).

use std::rc::Rc;
use std::sync::Arc;

use crate::code::{Code, CodeUnit, Const};
use crate::objects::dict::Dict;
use crate::objects::str::PyStr;
use crate::value::{Payload, PyRef, Value};
use crate::vm::{str_key, Vm};
use crate::PyResult;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Exec,
    Eval,
    Single,
}

/// What to run.
pub enum Target {
    File(String),
    Command(String),
    Module(String),
}

/// The interpreter thread's stack: deep enough for the recursion limit's
/// worth of native re-entries (`__repr__` calling `repr` …), checked by
/// `Vm::check_stack` well before it runs out.
const STACK_SIZE: usize = 512 * 1024 * 1024;

/// Run a program and return the process exit code.
pub fn run(target: Target, args: Vec<String>) -> i32 {
    // A panic inside a native function becomes a SystemError (vm::call_kw);
    // keep Rust's report off the program's stderr unless asked for.
    if std::env::var_os("PYX_PANIC_TRACE").is_none() {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some("pyx-main") {
                default(info);
            }
        }));
    }
    let pid = std::process::id();
    let handle = std::thread::Builder::new().name("pyx-main".into()).stack_size(STACK_SIZE).spawn(move || {
        let code = run_on_this_thread(target, args);
        // A child made by `os.fork()` has only this thread: nobody is left
        // to join it, so it ends the process itself.
        if std::process::id() != pid {
            std::process::exit(code);
        }
        code
    });
    match handle {
        Ok(h) => h.join().unwrap_or_else(|_| {
            eprintln!("pyx: internal error: the interpreter panicked (this is a bug in pyx)");
            70
        }),
        Err(e) => {
            eprintln!("pyx: cannot start the interpreter thread: {e}");
            70
        }
    }
}

fn run_on_this_thread(target: Target, args: Vec<String>) -> i32 {
    let (argv0, path0, source, filename) = match &target {
        Target::File(path) => {
            let abs = std::path::absolute(path).map(|p| p.display().to_string()).unwrap_or_else(|_| path.clone());
            let bytes = match std::fs::read(path) {
                Ok(b) => b,
                Err(e) => {
                    let errno = e.raw_os_error().unwrap_or(2);
                    let msg = e.to_string();
                    let msg = msg.split(" (os error").next().unwrap_or(&msg).to_string();
                    eprintln!("pyx: can't open file '{abs}': [Errno {errno}] {msg}");
                    return 2;
                }
            };
            let dir = std::path::Path::new(&abs).parent().map(|p| p.display().to_string()).unwrap_or_default();
            // CPython makes the script's path absolute (3.9+): `__file__`
            // and tracebacks show it so.
            (path.clone(), dir, bytes, abs)
        }
        Target::Command(code) => ("-c".to_string(), String::new(), code.clone().into_bytes(), "<string>".to_string()),
        Target::Module(name) => {
            let cwd = std::env::current_dir().map(|p| p.display().to_string()).unwrap_or_default();
            let mut found = None;
            for cand in [format!("{}.py", name.replace('.', "/")), format!("{}/__main__.py", name.replace('.', "/"))] {
                let p = std::path::Path::new(&cwd).join(&cand);
                if p.is_file() {
                    found = Some(p);
                    break;
                }
            }
            match found {
                Some(p) => {
                    let bytes = std::fs::read(&p).unwrap_or_default();
                    let f = p.display().to_string();
                    (f.clone(), cwd, bytes, f)
                }
                None => {
                    eprintln!("pyx: No module named {name}");
                    return 1;
                }
            }
        }
    };
    let mut argv = vec![argv0];
    argv.extend(args);
    let mut vm = Vm::new(argv, vec![path0.clone()]);
    crate::modules::sys::set_paths(&mut vm, &path0, crate::modules::stdlib::discover());
    let here = 0u8;
    vm.stack_base = &here as *const u8 as usize;
    vm.stack_size = STACK_SIZE;
    crate::vm::finalize::enable();
    crate::vm::finalize::install_sigint();
    let globals = main_globals(&mut vm, &filename, &target);
    let result = decode(&mut vm, &source, &filename).and_then(|text| {
        let code = compile_source(&mut vm, &text, &filename, Mode::Exec)?;
        vm.run_code(code, globals.clone(), None)
    });
    vm.run_finalizers();
    let code = match result {
        Ok(_) => 0,
        Err(e) => handle_uncaught(&mut vm, e.0),
    };
    // Shutdown: the main module's names go, running what finalizers remain.
    if let Payload::Dict(d) = &globals.payload {
        let mut items = Vec::new();
        d.borrow_mut().drain_into(&mut items);
        drop(items);
    }
    vm.run_finalizers();
    vm.stdout.flush();
    vm.stderr.flush();
    code
}

/// The `__main__` module's namespace.
fn main_globals(vm: &mut Vm, filename: &str, target: &Target) -> PyRef {
    let g = vm.types.new_dict_obj();
    if let Payload::Dict(d) = &g.payload {
        let mut d = d.borrow_mut();
        d.set_str("__name__", str_key("__main__"));
        d.set_str("__doc__", Value::None);
        d.set_str("__package__", Value::None);
        d.set_str("__loader__", Value::None);
        d.set_str("__spec__", Value::None);
        d.set_str("__annotations__", vm.new_dict(Dict::new()));
        d.set_str("__builtins__", crate::modules::builtins_module(vm));
        if !matches!(target, Target::Command(_)) {
            d.set_str("__file__", vm.new_str(filename));
        }
    }
    let m = crate::modules::new_module(vm, "__main__", g.clone());
    crate::modules::register(vm, "__main__", m);
    g
}

/// Exit status for an exception that reached the top, printing it unless
/// it is `SystemExit`.
pub fn handle_uncaught(vm: &mut Vm, exc: Value) -> i32 {
    vm.stdout.flush();
    if vm.isinstance(&exc, &vm.types.exc.system_exit.clone()) {
        let code = match exc.payload() {
            Some(Payload::Exception(x)) => match x.args.borrow().payload() {
                Some(Payload::Tuple(t)) if t.len() == 1 => t[0].clone(),
                Some(Payload::Tuple(t)) if t.is_empty() => Value::None,
                _ => x.args.borrow().clone(),
            },
            _ => Value::None,
        };
        return match &code {
            Value::None => 0,
            Value::Int(i) => *i as i32,
            Value::Bool(b) => *b as i32,
            _ => {
                let s = vm.str_string(&code).unwrap_or_default();
                vm.stderr.write(&format!("{s}\n"));
                1
            }
        };
    }
    let text = crate::traceback::format_exception(vm, &exc);
    vm.stderr.write(&text);
    vm.stderr.flush();
    if vm.isinstance(&exc, &vm.types.exc.keyboard_interrupt.clone()) {
        vm.stdout.flush();
        crate::vm::finalize::exit_by_sigint();
        return 130;
    }
    1
}

/// Decode a source file's bytes (PEP 263), raising SyntaxError.
pub fn decode(vm: &mut Vm, bytes: &[u8], filename: &str) -> PyResult<String> {
    let decoded = pyx_syntax::source::decode(bytes);
    if let Some(err) = &decoded.error {
        let line = decoded.text.lines().nth(err.line.saturating_sub(1) as usize).map(|s| s.to_string());
        return Err(crate::traceback::syntax_error(vm, "SyntaxError", &err.msg, filename, err.line, 0, line.as_deref(), err.line, 0));
    }
    Ok(decoded.text.into_owned())
}

/// Compile source text to a runtime code object, raising SyntaxError as
/// CPython does.
pub fn compile_source(vm: &mut Vm, text: &str, filename: &str, mode: Mode) -> PyResult<Rc<Code>> {
    let parsed = pyx_syntax::parse_module(text, pyx_syntax::ParseOptions::default());
    let index = pyx_syntax::line_index::LineIndex::new(text);
    let line_text = |line: u32| -> String {
        let start = index.line_start(line).unwrap_or(0) as usize;
        let rest = &text[start.min(text.len())..];
        rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())].to_string()
    };
    if let Some(err) = parsed.first_error() {
        let (line, col) = index.line_col(err.range.start());
        let (end_line, end_col) = index.line_col(err.range.end());
        let src = line_text(line);
        let mut col_chars = src.get(..col as usize).map_or(col as usize, |s| s.chars().count()) as u32;
        if err.msg == "unexpected indent" {
            // CPython points at the indentation's last character.
            col_chars = (src.chars().take_while(|c| matches!(c, ' ' | '\t' | '\x0c')).count() as u32).saturating_sub(1);
        }
        let end_chars = if end_line == line {
            src.get(..end_col as usize).map_or(end_col as usize, |s| s.chars().count()) as u32
        } else {
            src.chars().count() as u32
        };
        let kind = match err.kind {
            pyx_syntax::ErrorKind::Syntax => "SyntaxError",
            pyx_syntax::ErrorKind::Indentation => "IndentationError",
            pyx_syntax::ErrorKind::Tab => "TabError",
        };
        return Err(crate::traceback::syntax_error(
            vm,
            kind,
            &err.msg,
            filename,
            line,
            col_chars + 1,
            Some(&src),
            line,
            end_chars.max(col_chars + 1) + 1,
        ));
    }
    let module = parsed.module;
    let table = match pyx_semantics::symtable::build(&module) {
        Ok(t) => t,
        Err(e) => {
            let src = line_text(e.lineno);
            let col = src.get(..e.col_offset as usize).map_or(e.col_offset as usize, |s| s.chars().count()) as u32;
            let (_, end_col) = index.line_col(e.range.end());
            let end = src.get(..end_col as usize).map_or(end_col as usize, |s| s.chars().count()) as u32;
            return Err(crate::traceback::syntax_error(
                vm,
                "SyntaxError",
                &e.msg,
                filename,
                e.lineno,
                col + 1,
                Some(&src),
                e.lineno,
                end.max(col + 1) + 1,
            ));
        }
    };
    let unit = match mode {
        Mode::Exec => crate::compile::compile_module(&module, &table, text, filename),
        Mode::Single => crate::compile::compile_interactive(&module, &table, text, filename),
        Mode::Eval => match module.body.as_slice() {
            [s] => match &s.kind {
                pyx_syntax::ast::StmtKind::Expr { value } => crate::compile::compile_expression(value, &table, text, filename),
                _ => {
                    let src = line_text(s.pos.lineno);
                    return Err(crate::traceback::syntax_error(
                        vm,
                        "SyntaxError",
                        "invalid syntax",
                        filename,
                        s.pos.lineno,
                        s.pos.col_offset + 1,
                        Some(&src),
                        s.pos.lineno,
                        s.pos.col_offset + 2,
                    ));
                }
            },
            _ => {
                return Err(crate::traceback::syntax_error(
                    vm,
                    "SyntaxError",
                    "invalid syntax",
                    filename,
                    1,
                    1,
                    Some(&line_text(1)),
                    1,
                    2,
                ))
            }
        },
    };
    let unit = match unit {
        Ok(u) => u,
        Err(e) => {
            let src = line_text(e.lineno);
            let col = src.get(..e.col as usize).map_or(e.col as usize, |s| s.chars().count()) as u32;
            let end = src.get(..e.end_col as usize).map_or(e.end_col as usize, |s| s.chars().count()) as u32;
            return Err(crate::traceback::syntax_error(
                vm,
                e.kind,
                &e.msg,
                filename,
                e.lineno,
                col + 1,
                Some(&src),
                e.lineno,
                end.max(col + 1) + 1,
            ));
        }
    };
    if std::env::var_os("PYX_DIS").is_some() {
        eprint!("{}", crate::code::disassemble(&unit));
    }
    let source: Rc<str> = Rc::from(text);
    Ok(materialize(vm, &Arc::new(unit), &source))
}

/// The runtime form of a compiled unit (constants made into values).
pub fn materialize(vm: &mut Vm, unit: &Arc<CodeUnit>, source: &Rc<str>) -> Rc<Code> {
    let consts = unit.consts.iter().map(|c| const_value(vm, c, source)).collect();
    let names = unit.names.iter().map(|n| str_key(n)).collect();
    let varnames = unit.varnames.iter().map(|n| str_key(n)).collect();
    Rc::new(Code {
        unit: unit.clone(),
        consts,
        names,
        varnames,
        name: str_key(&unit.name),
        qualname: vm.new_str(&unit.qualname),
        source: Some(source.clone()),
    })
}

fn const_value(vm: &mut Vm, c: &Const, source: &Rc<str>) -> Value {
    match c {
        Const::None => Value::None,
        Const::Bool(b) => Value::Bool(*b),
        Const::Ellipsis => vm.types.ellipsis.clone(),
        Const::Int(i) => vm.int(i.clone()),
        Const::Float(f) => Value::Float(*f),
        Const::Complex(re, im) => vm.new_object(&vm.types.complex.clone(), Payload::Complex(*re, *im), false),
        Const::Str(s) => {
            let p = PyStr::from_ast(s);
            match p.as_ascii() {
                Some(a) if a.len() <= 40 && a.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') => str_key(a),
                _ => vm.new_pystr(p),
            }
        }
        Const::Bytes(b) => vm.new_object(&vm.types.bytes.clone(), Payload::Bytes(b.clone().into_boxed_slice()), false),
        Const::Tuple(items) => {
            let v: Vec<Value> = items.iter().map(|i| const_value(vm, i, source)).collect();
            vm.new_tuple(v)
        }
        Const::Code(u) => {
            let code = materialize(vm, u, source);
            vm.new_object(&vm.types.code.clone(), Payload::Code(code), false)
        }
    }
}
