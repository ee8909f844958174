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
    // Signals sent to the process (kill, Ctrl-C) go to the interpreter
    // thread: this one only waits, with every signal blocked, so the
    // kernel picks the other (which started with the mask unchanged).
    // SAFETY: blocking signals for this thread only.
    unsafe {
        let mut all: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut all);
        libc::pthread_sigmask(libc::SIG_BLOCK, &all, std::ptr::null_mut());
    }
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
    let stdlib = crate::modules::stdlib::discover();
    let mut package = None;
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
        Target::Module(name) if stdlib.stdlib.is_some() => return run_module_with_runpy(name, args, stdlib),
        Target::Module(name) => {
            let cwd = std::env::current_dir().map(|p| p.display().to_string()).unwrap_or_default();
            // sys.path's order: the current directory, PYTHONPATH, the
            // standard library, site-packages.
            let mut dirs = vec![std::path::PathBuf::from(&cwd)];
            if let Some(pp) = std::env::var_os("PYTHONPATH") {
                dirs.extend(std::env::split_paths(&pp).filter(|p| !p.as_os_str().is_empty()));
            }
            dirs.extend(stdlib.stdlib.iter().cloned());
            dirs.extend(stdlib.site.iter().cloned());
            let rel = name.replace('.', "/");
            let mut found = None;
            'search: for dir in &dirs {
                for (cand, is_pkg) in [(format!("{rel}.py"), false), (format!("{rel}/__main__.py"), true)] {
                    let p = dir.join(&cand);
                    if p.is_file() {
                        // `__package__`: the package the code runs in.
                        package = Some(if is_pkg { name.clone() } else { name.rsplit_once('.').map(|(a, _)| a.to_string()).unwrap_or_default() });
                        found = Some(p);
                        break 'search;
                    }
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
    // As CPython at start-up: LC_CTYPE from the environment.
    // SAFETY: called before any other thread exists.
    unsafe {
        libc::setlocale(libc::LC_CTYPE, c"".as_ptr());
    }
    let mut vm = Vm::new(argv, vec![path0.clone()]);
    crate::modules::sys::set_paths(&mut vm, &path0, stdlib);
    let here = 0u8;
    vm.stack_base = &here as *const u8 as usize;
    vm.stack_size = STACK_SIZE;
    crate::vm::finalize::enable();
    crate::vm::finalize::install_sigint();
    let globals = main_globals(&mut vm, &filename, &target);
    if let (Some(p), Payload::Dict(d)) = (&package, &globals.payload) {
        d.borrow_mut().set_str("__package__", vm.new_str(p));
    }
    let result = decode(&mut vm, &source, &filename).and_then(|text| {
        let code = compile_source(&mut vm, &text, &filename, Mode::Exec)?;
        vm.run_code(code, globals.clone(), None)
    });
    shutdown(&mut vm, &globals, result)
}

/// The exit status, after what CPython does at exit: the uncaught
/// exception printed, threads and `atexit` callbacks, then the main
/// module's names dropped (running what finalizers remain) and the streams
/// flushed.
fn shutdown(vm: &mut Vm, globals: &PyRef, result: PyResult<Value>) -> i32 {
    vm.run_finalizers();
    let code = match result {
        Ok(_) => 0,
        Err(e) => handle_uncaught(vm, e.0),
    };
    finalize_interpreter(vm);
    if let Payload::Dict(d) = &globals.payload {
        let mut items = Vec::new();
        d.borrow_mut().drain_into(&mut items);
        drop(items);
    }
    vm.run_finalizers();
    vm.stdout.flush();
    vm.stderr.flush();
    crate::modules::faulthandler::forget_vm();
    code
}

/// `-m NAME` with a standard library: as CPython, `sys.argv[0]` is `-m`
/// and `sys.path[0]` the working directory while `runpy._run_module_as_main`
/// finds the module (or a package's `__main__`), sets `sys.argv[0]` to its
/// file and runs it in `__main__`'s namespace. runpy is one of the frozen
/// modules (`_imp`), so tracebacks show `<frozen runpy>` frames as CPython's.
fn run_module_with_runpy(name: &str, args: Vec<String>, stdlib: crate::modules::stdlib::Paths) -> i32 {
    let cwd = std::env::current_dir().map(|p| p.display().to_string()).unwrap_or_default();
    let runpy_path = stdlib.stdlib.as_ref().map(|d| d.join("runpy.py"));
    let mut argv = vec!["-m".to_string()];
    argv.extend(args);
    let mut vm = Vm::new(argv, vec![cwd.clone()]);
    crate::modules::sys::set_paths(&mut vm, &cwd, stdlib);
    let here = 0u8;
    vm.stack_base = &here as *const u8 as usize;
    vm.stack_size = STACK_SIZE;
    crate::vm::finalize::enable();
    crate::vm::finalize::install_sigint();
    let globals = main_globals(&mut vm, "", &Target::Command(String::new()));
    let result = (|| {
        if runpy_path.is_none() {
            return Err(vm.type_error("no standard library"));
        }
        let name_v = vm.new_str("runpy");
        let runpy = crate::modules::import(&mut vm, &name_v, &Value::None, &Value::Int(0))?;
        let f = vm.getattr(&runpy, &str_key("_run_module_as_main"))?;
        let n = vm.new_str(name);
        vm.call(&f, vec![n])
    })();
    shutdown(&mut vm, &globals, result)
}

/// What `Py_FinalizeEx` does before the modules go: wait for the
/// threads (`threading._shutdown`, when `threading` was imported), then
/// the `atexit` callbacks.
fn finalize_interpreter(vm: &mut Vm) {
    if let Some(threading) = crate::modules::lookup(vm, "threading") {
        let r = vm.getattr(&threading, &str_key("_shutdown")).and_then(|f| vm.call(&f, vec![]));
        if let Err(e) = r {
            vm.unraisable(&e.0, Some(&threading), None);
        }
        vm.run_finalizers();
    }
    crate::modules::atexit::run_exitfuncs(vm);
    vm.run_finalizers();
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
    match crate::modules::sys::get(vm, "excepthook") {
        Some(hook) if !crate::modules::sys::is_default_excepthook(&hook) && !hook.is_none() => {
            let tb = vm.getattr(&exc, &str_key("__traceback__")).unwrap_or(Value::None);
            let cls = Value::Obj(vm.type_of(&exc));
            if let Err(e) = vm.call(&hook, vec![cls, exc.clone(), tb]) {
                if vm.isinstance(&e.0, &vm.types.exc.system_exit.clone()) {
                    return handle_uncaught(vm, e.0);
                }
                let mut text = String::from("Error in sys.excepthook:\n");
                text.push_str(&crate::traceback::format_exception(vm, &e.0));
                text.push_str("\nOriginal exception was:\n");
                text.push_str(&crate::traceback::format_exception(vm, &exc));
                vm.stderr.write(&text);
            }
        }
        Some(hook) if !hook.is_none() => {
            let text = crate::traceback::format_exception(vm, &exc);
            vm.stderr.write(&text);
        }
        _ => {
            let mut text = String::from("sys.excepthook is missing\n");
            text.push_str(&crate::traceback::format_exception(vm, &exc));
            vm.stderr.write(&text);
        }
    }
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
    let module = match mode {
        Mode::Eval => parse_eval(vm, text, filename, false)?,
        _ => parse_source(vm, text, filename, false)?,
    };
    compile_parsed(vm, module, text, filename, mode)
}

/// Parse source text, raising its first syntax error as CPython does.
pub fn parse_source(vm: &mut Vm, text: &str, filename: &str, type_comments: bool) -> PyResult<pyx_syntax::ast::Module> {
    parse_source_as(vm, text, filename, type_comments, false)
}

/// [`parse_source`]; `eval_mode`: the error's source line is as in the
/// text (CPython's `eval` tokenizer adds no newline at the end).
fn parse_source_as(vm: &mut Vm, text: &str, filename: &str, type_comments: bool, eval_mode: bool) -> PyResult<pyx_syntax::ast::Module> {
    let parsed = pyx_syntax::parse_ast(text, pyx_syntax::ParseOptions { type_comments });
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
        let mut src = src;
        // Errors CPython's tokenizer raises itself carry the line without
        // its newline; the parser's carry it with one.
        let tokenizer_text = err.from_lexer
            && ["unterminated ", "invalid digit", "invalid decimal", "invalid hexadecimal", "invalid octal", "invalid binary", "unmatched ", "invalid character", "leading zeros", "closing parenthesis"]
                .iter()
                .any(|p| err.msg.starts_with(p));
        if !tokenizer_text && (!eval_mode || text[index.line_start(line).unwrap_or(0) as usize..].contains('\n')) {
            src.push('\n');
        }
        // Errors CPython reports at an INDENT token (which has no
        // position): the tokenizer's column, and no end column.
        let at_indent = err.msg == "unexpected indent" || err.msg == "Cannot have two type comments on def";
        let offset = if err.msg == "Cannot have two type comments on def" { col_chars } else { col_chars + 1 };
        let e = crate::traceback::syntax_error_text(vm, kind, &err.msg, filename, line, offset, Some(&src), line, end_chars.max(col_chars + 1) + 1);
        if at_indent {
            if let Some(d) = e.0.obj().and_then(|o| o.dict.as_ref()) {
                d.borrow_mut().set_str("end_offset", Value::Int(-1));
            }
        }
        return Err(e);
    }
    Ok(parsed.module)
}

/// Parse `text` as `compile(text, filename, "eval")` does: CPython's
/// `eval` rule (`expressions NEWLINE* ENDMARKER`, and its tokenizer adds
/// no newline at the end of the text). The result is a module of one
/// expression statement; a syntax error is reported at the token CPython's
/// parser stops at, with the source line as it is (no newline added).
pub fn parse_eval(vm: &mut Vm, text: &str, filename: &str, type_comments: bool) -> PyResult<pyx_syntax::ast::Module> {
    use pyx_syntax::ast::{ExprKind, StmtKind};
    use pyx_syntax::SyntaxKind as K;
    let lexed = pyx_syntax::lexer::lex(text);
    let sig: Vec<(u32, u32)> = lexed
        .tokens
        .iter()
        .filter(|t| t.kind > K::BOM && !matches!(t.kind, K::NEWLINE | K::INDENT | K::DEDENT) && !t.is_empty())
        .map(|t| (t.start, t.end))
        .collect();
    let last_end = sig.last().map_or(0, |t| t.1);
    let index = pyx_syntax::line_index::LineIndex::new(text);
    let raw_line = |line: u32| -> String {
        let start = index.line_start(line).unwrap_or(text.len() as u32) as usize;
        let rest = &text[start.min(text.len())..];
        rest[..rest.find('\n').map_or(rest.len(), |i| i + 1)].to_string()
    };
    let chars = |line: &str, col: u32| line.get(..col as usize).map_or(col as usize, |s| s.chars().count()) as u32;
    // The error at the token `start..end`.
    let at_token = |vm: &mut Vm, msg: &str, start: u32, end: u32| -> crate::PyErr {
        let (line, col) = index.line_col(start.into());
        let (end_line, end_col) = index.line_col(end.into());
        let src = raw_line(line);
        let end_src = raw_line(end_line);
        let (c, e) = (chars(&src, col), chars(&end_src, end_col));
        crate::traceback::syntax_error_text(vm, "SyntaxError", msg, filename, line, c + 1, Some(&src), end_line, e + 1)
    };
    // The error at ENDMARKER: on the last line, column -1.
    let at_end = |vm: &mut Vm, msg: &str| -> crate::PyErr {
        let lines = text.lines().count() as u32;
        let src = if lines == 0 { String::new() } else { raw_line(lines) };
        crate::traceback::syntax_error_text(vm, "SyntaxError", msg, filename, lines, 0, Some(&src), lines, 0)
    };
    let next_token = |from: u32| sig.iter().copied().find(|t| t.0 >= from);
    // Whether `range` is `( ... )` with the two parentheses matching.
    let parenthesized = |range: pyx_syntax::TextRange| -> bool {
        let (start, end): (u32, u32) = (range.start().into(), range.end().into());
        let mut depth = 0i32;
        for t in lexed.tokens.iter().filter(|t| t.start >= start && t.end <= end) {
            match t.kind {
                K::L_PAREN | K::L_BRACK | K::L_BRACE => depth += 1,
                K::R_PAREN | K::R_BRACK | K::R_BRACE => {
                    depth -= 1;
                    if depth == 0 {
                        return t.end == end && text.as_bytes().get(start as usize) == Some(&b'(');
                    }
                }
                _ if depth == 0 => return false,
                _ => {}
            }
        }
        false
    };
    let parsed = pyx_syntax::parse_ast(text, pyx_syntax::ParseOptions { type_comments });
    if let Some(err) = parsed.first_error() {
        let start: u32 = err.range.start().into();
        if err.msg == "invalid syntax" && !err.from_lexer && start >= last_end && !text.ends_with('\n') {
            return Err(at_end(vm, "invalid syntax"));
        }
        return parse_source_as(vm, text, filename, type_comments, true);
    }
    let module = parsed.module;
    let Some(first) = module.body.first() else {
        return Err(at_end(vm, "invalid syntax"));
    };
    let after = |e: &pyx_syntax::ast::Expr| next_token(e.range.end().into());
    let bad: Option<(u32, u32)> = match &first.kind {
        StmtKind::Expr { value } => {
            // Unparenthesized, the expression is the whole statement.
            let bare = value.range == first.range;
            let bad_elt = |e: &pyx_syntax::ast::Expr| match &e.kind {
                ExprKind::Starred { .. } => Some((e.range.start().into(), e.range.start().into())),
                ExprKind::NamedExpr { target, .. } => after(target),
                _ => None,
            };
            let inner = match &value.kind {
                _ if !bare => None,
                ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => next_token(value.range.start().into()),
                ExprKind::Starred { .. } => next_token(value.range.start().into()),
                ExprKind::NamedExpr { target, .. } => after(target),
                ExprKind::Tuple { elts, .. } if !parenthesized(value.range) => {
                    elts.iter().find_map(|e| bad_elt(e)).and_then(|(s, _)| next_token(s))
                }
                _ => None,
            };
            match inner {
                Some(t) => Some(t),
                None => next_token(first.range.end().into()),
            }
        }
        StmtKind::Assign { targets, .. } => targets.first().and_then(after),
        StmtKind::AugAssign { target, .. } | StmtKind::AnnAssign { target, .. } => after(target),
        // No other statement starts with an expression.
        _ => sig.first().copied(),
    };
    match bad {
        Some((start, end)) => Err(at_token(vm, "invalid syntax", start, end)),
        None if module.body.len() > 1 => Err(at_end(vm, "invalid syntax")),
        None => Ok(module),
    }
}

/// The expression of an `eval`-mode module (see [`parse_eval`]).
pub fn eval_expression<'m>(vm: &mut Vm, module: &'m pyx_syntax::ast::Module, _text: &str, filename: &str) -> PyResult<&'m pyx_syntax::ast::Expr> {
    match module.body.as_slice() {
        [s] => match &s.kind {
            pyx_syntax::ast::StmtKind::Expr { value } => Ok(value),
            _ => Err(crate::traceback::syntax_error_text(vm, "SyntaxError", "invalid syntax", filename, s.pos.lineno, s.pos.col_offset + 1, None, s.pos.lineno, s.pos.col_offset + 1)),
        },
        _ => Err(crate::traceback::syntax_error_text(vm, "SyntaxError", "invalid syntax", filename, 1, 0, None, 1, 0)),
    }
}

/// Line `lineno` of the file named `filename`, with its newline (CPython's
/// `PyErr_ProgramTextObject`, which the compiler's errors use).
pub fn program_text(filename: &str, lineno: u32) -> Option<String> {
    if lineno == 0 {
        return None;
    }
    let bytes = std::fs::read(filename).ok()?;
    let line = bytes.split_inclusive(|&b| b == b'\n').nth(lineno as usize - 1)?;
    Some(String::from_utf8_lossy(line).into_owned())
}

/// Compile a parsed (or converted) module in `mode`; `text` is its source
/// (empty for a tree built in Python).
pub fn compile_parsed(vm: &mut Vm, module: pyx_syntax::ast::Module, text: &str, filename: &str, mode: Mode) -> PyResult<Rc<Code>> {
    let index = pyx_syntax::line_index::LineIndex::new(text);
    let table = match pyx_semantics::symtable::build(&module) {
        Ok(t) => t,
        Err(e) => {
            // CPython: UTF-8 byte offsets, and the line read from the
            // file named `filename` (None if there is none).
            let (end_line, end_col) = if text.is_empty() { (e.lineno, e.col_offset) } else { index.line_col(e.range.end()) };
            let src = program_text(filename, e.lineno);
            // future.c's errors give no end, and the late-import one its
            // column unadjusted.
            let future = e.msg == "not a chance"
                || e.msg.starts_with("future feature ")
                || (e.msg == "from __future__ imports must occur at the beginning of the file");
            let offset = if e.msg.starts_with("from __future__") { e.col_offset } else { e.col_offset + 1 };
            let err = crate::traceback::syntax_error_text(
                vm,
                "SyntaxError",
                &e.msg,
                filename,
                e.lineno,
                offset,
                src.as_deref(),
                end_line.max(e.lineno),
                end_col.max(e.col_offset) + 1,
            );
            if future {
                if let Some(d) = err.0.obj().and_then(|o| o.dict.as_ref()) {
                    let mut d = d.borrow_mut();
                    d.set_str("end_lineno", Value::None);
                    d.set_str("end_offset", Value::None);
                }
            }
            return Err(err);
        }
    };
    crate::compile::set_depth_limit(3 * vm.recursion_limit.saturating_sub(vm.frames.len() + vm.c_depth).min(1 << 28) as u32);
    let unit = match mode {
        Mode::Exec => crate::compile::compile_module(&module, &table, text, filename),
        Mode::Single => crate::compile::compile_interactive(&module, &table, text, filename),
        Mode::Eval => {
            let value = eval_expression(vm, &module, text, filename)?;
            crate::compile::compile_expression(value, &table, text, filename)
        }
    };
    let unit = match unit {
        Ok(u) => u,
        Err(e) if e.kind == "RecursionError" => return Err(vm.err(&vm.types.exc.recursion_error.clone(), e.msg)),
        Err(e) => {
            let src = program_text(filename, e.lineno);
            return Err(crate::traceback::syntax_error_text(
                vm,
                e.kind,
                &e.msg,
                filename,
                e.lineno,
                e.col + 1,
                src.as_deref(),
                e.lineno,
                e.end_col.max(e.col) + 1,
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
        obj: Default::default(),
        hidden: crate::code::is_c_accelerated(&unit.filename, &unit.qualname),
        globals_cache: Default::default(),
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
        Const::FrozenSet(items) => {
            let v: Vec<Value> = items.iter().map(|i| const_value(vm, i, source)).collect();
            let t = vm.new_tuple(v);
            let cls = Value::Obj(vm.types.frozenset.clone());
            // Constants always hash.
            vm.call(&cls, vec![t]).unwrap_or(Value::None)
        }
        Const::Code(u) => {
            let code = materialize(vm, u, source);
            crate::objects::frames::code_object(vm, &code)
        }
    }
}
