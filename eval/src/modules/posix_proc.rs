//! `posix`: processes — `fork`, the `exec` family, `waitpid` and the
//! wait-status macros, `register_at_fork`, `pipe`/`pipe2`, `dup`/`dup2`,
//! process groups and `_exit` (installed by `posix::init`).
//!
//! `os.fork()` forks the whole process. pyx runs Python code on one OS
//! thread (`_thread` runs a "thread" to completion inside
//! `start_new_thread`), so the child holds no lock another thread could
//! own and may go on running Python code as CPython's child does. The
//! interpreter's thread is not the process's first thread; the child has
//! only the interpreter's thread, so `run::run` ends a forked child with
//! `exit()` itself instead of returning to a `join` that no longer exists.

use std::ffi::CString;

use crate::modules::native::{self, bind, positional};
use crate::modules::posix::{fd_arg, fspath_value, int_arg, last_errno, os_error, path_arg};
use crate::value::{NativeFn, Payload, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

pub fn install(vm: &mut Vm, m: &Value) {
    let funcs: &[(&'static str, NativeFn)] = &[
        ("fork", fork),
        ("execv", execv),
        ("execve", execve),
        ("waitpid", waitpid),
        ("pidfd_open", pidfd_open),
        ("wait", wait),
        ("waitstatus_to_exitcode", waitstatus_to_exitcode),
        ("WIFEXITED", wifexited),
        ("WEXITSTATUS", wexitstatus),
        ("WIFSIGNALED", wifsignaled),
        ("WTERMSIG", wtermsig),
        ("WIFSTOPPED", wifstopped),
        ("WSTOPSIG", wstopsig),
        ("WIFCONTINUED", wifcontinued),
        ("WCOREDUMP", wcoredump),
        ("register_at_fork", register_at_fork),
        ("pipe", pipe),
        ("pipe2", pipe2),
        ("dup", dup),
        ("dup2", dup2),
        ("kill", kill),
        ("killpg", killpg),
        ("getpgrp", getpgrp),
        ("getpgid", getpgid),
        ("setpgid", setpgid),
        ("getsid", getsid),
        ("setsid", setsid),
        ("_exit", exit_),
    ];
    for (name, f) in funcs {
        let v = vm.native(name, *f);
        native::set(m, name, v);
    }
    let consts: &[(&str, i64)] = &[
        ("WCONTINUED", libc::WCONTINUED as i64),
        ("WEXITED", libc::WEXITED as i64),
        ("WSTOPPED", libc::WSTOPPED as i64),
        ("WNOWAIT", libc::WNOWAIT as i64),
        ("P_PGID", libc::P_PGID as i64),
        ("CLD_EXITED", libc::CLD_EXITED as i64),
        ("CLD_KILLED", libc::CLD_KILLED as i64),
        ("CLD_DUMPED", libc::CLD_DUMPED as i64),
        ("CLD_TRAPPED", libc::CLD_TRAPPED as i64),
        ("CLD_STOPPED", libc::CLD_STOPPED as i64),
        ("CLD_CONTINUED", libc::CLD_CONTINUED as i64),
        ("O_NDELAY", libc::O_NDELAY as i64),
        ("O_ASYNC", libc::O_ASYNC as i64),
        ("O_NOATIME", libc::O_NOATIME as i64),
        ("O_PATH", libc::O_PATH as i64),
        ("O_TMPFILE", libc::O_TMPFILE as i64),
    ];
    for (n, v) in consts {
        native::set(m, n, Value::Int(*v));
    }
}

fn errno_err(vm: &mut Vm) -> crate::PyErr {
    os_error(vm, last_errno(), None, None)
}

// ---- fork and the at-fork callbacks -------------------------------------------

thread_local! {
    /// `register_at_fork` callbacks: before, after_in_parent, after_in_child.
    static FORKERS: std::cell::RefCell<[Vec<Value>; 3]> = const { std::cell::RefCell::new([Vec::new(), Vec::new(), Vec::new()]) };
}

#[derive(Clone, Copy)]
pub enum ForkStage {
    Before = 0,
    Parent = 1,
    Child = 2,
}

/// Run the `register_at_fork` callbacks of one stage: `before` ones in
/// reverse order of registration, the others in order; an exception is
/// reported as unraisable (CPython's `run_at_forkers`).
pub fn run_forkers(vm: &mut Vm, stage: ForkStage) {
    let mut funcs = FORKERS.with(|f| f.borrow()[stage as usize].clone());
    if matches!(stage, ForkStage::Before) {
        funcs.reverse();
    }
    for f in funcs {
        if let Err(e) = vm.call(&f, vec![]) {
            vm.unraisable(&e.0, Some(&f), None);
        }
    }
}

fn is_callable(vm: &Vm, v: &Value) -> bool {
    match v.payload() {
        Some(Payload::Function(_) | Payload::Native(_) | Payload::Method { .. } | Payload::Class(_)) => true,
        _ => {
            let c = vm.type_of(v);
            vm.lookup_mro(&c, "__call__").is_some()
        }
    }
}

fn register_at_fork(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "register_at_fork", &["before", "after_in_child", "after_in_parent"], 0, 0)?;
    if s.iter().all(|x| x.is_none()) {
        return Err(vm.type_error("At least one argument is required."));
    }
    let names = ["before", "after_in_child", "after_in_parent"];
    for (i, v) in s.iter().enumerate() {
        if let Some(v) = v {
            if !is_callable(vm, v) {
                return Err(vm.type_error(format!("'{}' must be callable, not {}", names[i], vm.type_name(v))));
            }
        }
    }
    FORKERS.with(|f| {
        let mut f = f.borrow_mut();
        if let Some(v) = &s[0] {
            f[ForkStage::Before as usize].push(v.clone());
        }
        if let Some(v) = &s[1] {
            f[ForkStage::Child as usize].push(v.clone());
        }
        if let Some(v) = &s[2] {
            f[ForkStage::Parent as usize].push(v.clone());
        }
    });
    Ok(Value::None)
}

fn fork(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    positional(vm, a, "fork", 0, 0)?;
    run_forkers(vm, ForkStage::Before);
    // SAFETY: the interpreter is the only thread running Python code (see
    // the module comment); the child continues with a copy of its state.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        let e = last_errno();
        run_forkers(vm, ForkStage::Parent);
        return Err(os_error(vm, e, None, None));
    }
    if pid == 0 {
        crate::modules::thread::after_fork_child();
        run_forkers(vm, ForkStage::Child);
    } else {
        run_forkers(vm, ForkStage::Parent);
    }
    Ok(Value::Int(pid as i64))
}

// ---- exec -----------------------------------------------------------------------

/// A str/bytes/PathLike argument as C bytes (`PyUnicode_FSConverter`).
pub fn fs_bytes(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    let p = fspath_value(vm, v)?;
    Ok(match p.payload() {
        Some(Payload::Bytes(b)) => b.to_vec(),
        _ => p.as_str().map(|s| s.to_string_lossy().into_bytes()).unwrap_or_default(),
    })
}

fn c_string(vm: &Vm, b: Vec<u8>) -> PyResult<CString> {
    CString::new(b).map_err(|_| vm.value_error("embedded null byte"))
}

/// The argument vector of `execv`/`execve`, with CPython's checks.
fn exec_argv(vm: &mut Vm, v: &Value, fname: &str, execve: bool) -> PyResult<Vec<CString>> {
    let items = match v.payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        Some(Payload::List(l)) => l.borrow().clone(),
        _ => {
            return Err(vm.type_error(if execve { "execve: argv must be a tuple or list".to_string() } else { format!("{fname}() arg 2 must be a tuple or list") }));
        }
    };
    if items.is_empty() {
        return Err(vm.value_error(if execve { "execve: argv must not be empty".to_string() } else { format!("{fname}() arg 2 must not be empty") }));
    }
    let mut out = Vec::with_capacity(items.len());
    for x in &items {
        let b = fs_bytes(vm, x)?;
        out.push(c_string(vm, b)?);
    }
    if out[0].as_bytes().is_empty() {
        return Err(vm.value_error(if execve {
            "execve: argv first element cannot be empty".to_string()
        } else {
            format!("{fname}() arg 2 first element cannot be empty")
        }));
    }
    Ok(out)
}

/// A NULL-terminated array of pointers into `strings` (which must outlive it).
pub fn c_array(strings: &[CString]) -> Vec<*const libc::c_char> {
    strings.iter().map(|s| s.as_ptr()).chain(std::iter::once(std::ptr::null())).collect()
}

fn execv(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "execv", &["path", "argv"], 2, 2)?;
    let p = path_arg(vm, "execv", s[0].as_ref().unwrap_or(&Value::None))?;
    let argv = exec_argv(vm, s[1].as_ref().unwrap_or(&Value::None), "execv", false)?;
    let path = p.c(vm)?;
    let ptrs = c_array(&argv);
    // SAFETY: path and every argument are NUL-terminated and alive; the
    // array ends with NULL. execv returns only on failure.
    unsafe { libc::execv(path.as_ptr(), ptrs.as_ptr()) };
    Err(errno_err(vm))
}

fn execve(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "execve", &["path", "argv", "env"], 3, 3)?;
    let p = path_arg(vm, "execve", s[0].as_ref().unwrap_or(&Value::None))?;
    let argv = exec_argv(vm, s[1].as_ref().unwrap_or(&Value::None), "execve", true)?;
    let env = s[2].clone().unwrap_or(Value::None);
    let keys = vm.call_method(&env, "keys", vec![])?;
    let keys = vm.to_vec(&keys)?;
    let mut envp = Vec::with_capacity(keys.len());
    for k in keys {
        let v = vm.getitem(&env, &k)?;
        let mut kb = fs_bytes(vm, &k)?;
        if kb.is_empty() || kb[1..].contains(&b'=') {
            return Err(vm.value_error("illegal environment variable name"));
        }
        let vb = fs_bytes(vm, &v)?;
        kb.push(b'=');
        kb.extend_from_slice(&vb);
        envp.push(c_string(vm, kb)?);
    }
    let path = p.c(vm)?;
    let argp = c_array(&argv);
    let envpp = c_array(&envp);
    // SAFETY: as in execv, with a NULL-terminated environment array.
    unsafe { libc::execve(path.as_ptr(), argp.as_ptr(), envpp.as_ptr()) };
    let e = last_errno();
    Err(os_error(vm, e, Some(&p.original), None))
}

// ---- wait ---------------------------------------------------------------------

fn waitpid(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("waitpid() takes no keyword arguments"));
    }
    if a.pos.len() != 2 {
        return Err(vm.type_error(format!("waitpid() takes exactly 2 arguments ({} given)", a.pos.len())));
    }
    let pid = int_arg(vm, &a.pos[0])? as libc::pid_t;
    let options = int_arg(vm, &a.pos[1])? as libc::c_int;
    let mut status: libc::c_int = 0;
    loop {
        // SAFETY: status is a valid out-pointer.
        let r = unsafe { libc::waitpid(pid, &mut status, options) };
        if r < 0 {
            let e = last_errno();
            if e == libc::EINTR {
                crate::vm::finalize::check_sigint(vm)?;
                continue;
            }
            return Err(os_error(vm, e, None, None));
        }
        return Ok(vm.new_tuple(vec![Value::Int(r as i64), Value::Int(status as i64)]));
    }
}

/// `os.pidfd_open(pid, flags=0)`: a descriptor that becomes readable when
/// the process ends (what asyncio's `PidfdChildWatcher` polls).
fn pidfd_open(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "pidfd_open", &["pid", "flags"], 1, 2)?;
    let pid = int_arg(vm, s[0].as_ref().unwrap_or(&Value::None))? as libc::pid_t;
    let flags = match &s[1] {
        Some(v) => int_arg(vm, v)? as libc::c_uint,
        None => 0,
    };
    // SAFETY: a plain system call with integer arguments.
    let r = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, flags) };
    if r < 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    Ok(Value::Int(r))
}

fn wait(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    positional(vm, a, "wait", 0, 0)?;
    let mut status: libc::c_int = 0;
    loop {
        // SAFETY: status is a valid out-pointer.
        let r = unsafe { libc::wait(&mut status) };
        if r < 0 {
            let e = last_errno();
            if e == libc::EINTR {
                crate::vm::finalize::check_sigint(vm)?;
                continue;
            }
            return Err(os_error(vm, e, None, None));
        }
        return Ok(vm.new_tuple(vec![Value::Int(r as i64), Value::Int(status as i64)]));
    }
}

fn status_arg(vm: &mut Vm, a: &Args, fname: &str) -> PyResult<i32> {
    let s = bind(vm, a, fname, &["status"], 1, 1)?;
    let v = int_arg(vm, s[0].as_ref().unwrap_or(&Value::None))?;
    i32::try_from(v).map_err(|_| vm.overflow_error("signed integer is greater than maximum"))
}

fn waitstatus_to_exitcode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let st = status_arg(vm, a, "waitstatus_to_exitcode")?;
    if libc::WIFEXITED(st) {
        return Ok(Value::Int(libc::WEXITSTATUS(st) as i64));
    }
    if libc::WIFSIGNALED(st) {
        return Ok(Value::Int(-(libc::WTERMSIG(st) as i64)));
    }
    if libc::WIFSTOPPED(st) {
        return Err(vm.value_error(format!("process stopped by delivery of signal {}", libc::WSTOPSIG(st))));
    }
    Err(vm.value_error(format!("invalid wait status: {st}")))
}

macro_rules! wait_macro {
    ($fn_name:ident, $py:literal, $body:expr) => {
        fn $fn_name(vm: &mut Vm, a: &Args) -> PyResult<Value> {
            let st = status_arg(vm, a, $py)?;
            let f: fn(i32) -> Value = $body;
            Ok(f(st))
        }
    };
}

wait_macro!(wifexited, "WIFEXITED", |s| Value::Bool(libc::WIFEXITED(s)));
wait_macro!(wexitstatus, "WEXITSTATUS", |s| Value::Int(libc::WEXITSTATUS(s) as i64));
wait_macro!(wifsignaled, "WIFSIGNALED", |s| Value::Bool(libc::WIFSIGNALED(s)));
wait_macro!(wtermsig, "WTERMSIG", |s| Value::Int(libc::WTERMSIG(s) as i64));
wait_macro!(wifstopped, "WIFSTOPPED", |s| Value::Bool(libc::WIFSTOPPED(s)));
wait_macro!(wstopsig, "WSTOPSIG", |s| Value::Int(libc::WSTOPSIG(s) as i64));
wait_macro!(wifcontinued, "WIFCONTINUED", |s| Value::Bool(libc::WIFCONTINUED(s)));
wait_macro!(wcoredump, "WCOREDUMP", |s| Value::Bool(libc::WCOREDUMP(s)));

// ---- descriptors ----------------------------------------------------------------

fn pipe(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    positional(vm, a, "pipe", 0, 0)?;
    make_pipe(vm, libc::O_CLOEXEC)
}

fn pipe2(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "pipe2", 1, 1)?;
    let flags = int_arg(vm, &a[0])? as libc::c_int;
    make_pipe(vm, flags)
}

fn make_pipe(vm: &mut Vm, flags: libc::c_int) -> PyResult<Value> {
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: fds has room for two descriptors.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), flags) } != 0 {
        return Err(errno_err(vm));
    }
    Ok(vm.new_tuple(vec![Value::Int(fds[0] as i64), Value::Int(fds[1] as i64)]))
}

fn dup(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "dup", 1, 1)?;
    let fd = fd_arg(vm, &a[0])?;
    // The new descriptor is non-inheritable, as CPython's os.dup makes it.
    // SAFETY: fcntl reports bad descriptors through errno.
    let r = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    if r < 0 {
        return Err(errno_err(vm));
    }
    Ok(Value::Int(r as i64))
}

fn dup2(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "dup2", &["fd", "fd2", "inheritable"], 2, 3)?;
    let fd = fd_arg(vm, s[0].as_ref().unwrap_or(&Value::None))?;
    let fd2 = fd_arg(vm, s[1].as_ref().unwrap_or(&Value::None))?;
    let inheritable = match &s[2] {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    // SAFETY: dup2/dup3 report bad descriptors through errno.
    let r = unsafe {
        if inheritable || fd == fd2 {
            libc::dup2(fd, fd2)
        } else {
            libc::dup3(fd, fd2, libc::O_CLOEXEC)
        }
    };
    if r < 0 {
        return Err(errno_err(vm));
    }
    Ok(Value::Int(r as i64))
}

// ---- signals and process groups -------------------------------------------------

fn two_ints(vm: &mut Vm, a: &Args, fname: &str) -> PyResult<(i64, i64)> {
    let a = positional(vm, a, fname, 2, 2)?;
    Ok((int_arg(vm, &a[0])?, int_arg(vm, &a[1])?))
}

fn kill(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (pid, sig) = two_ints(vm, a, "kill")?;
    // SAFETY: kill reports bad arguments through errno.
    if unsafe { libc::kill(pid as libc::pid_t, sig as libc::c_int) } != 0 {
        return Err(errno_err(vm));
    }
    Ok(Value::None)
}

fn killpg(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (pgid, sig) = two_ints(vm, a, "killpg")?;
    // SAFETY: killpg reports bad arguments through errno.
    if unsafe { libc::killpg(pgid as libc::pid_t, sig as libc::c_int) } != 0 {
        return Err(errno_err(vm));
    }
    Ok(Value::None)
}

fn getpgrp(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    positional(vm, a, "getpgrp", 0, 0)?;
    // SAFETY: no preconditions.
    Ok(Value::Int(unsafe { libc::getpgrp() } as i64))
}

fn pid_call(vm: &mut Vm, a: &Args, fname: &str, f: unsafe extern "C" fn(libc::pid_t) -> libc::pid_t) -> PyResult<Value> {
    let a = positional(vm, a, fname, 1, 1)?;
    let pid = int_arg(vm, &a[0])?;
    // SAFETY: the call reports bad arguments through errno.
    let r = unsafe { f(pid as libc::pid_t) };
    if r < 0 {
        return Err(errno_err(vm));
    }
    Ok(Value::Int(r as i64))
}

fn getpgid(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pid_call(vm, a, "getpgid", libc::getpgid)
}

fn getsid(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pid_call(vm, a, "getsid", libc::getsid)
}

fn setpgid(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (pid, pgrp) = two_ints(vm, a, "setpgid")?;
    // SAFETY: setpgid reports bad arguments through errno.
    if unsafe { libc::setpgid(pid as libc::pid_t, pgrp as libc::pid_t) } != 0 {
        return Err(errno_err(vm));
    }
    Ok(Value::None)
}

fn setsid(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    positional(vm, a, "setsid", 0, 0)?;
    // SAFETY: setsid reports failure through errno.
    if unsafe { libc::setsid() } < 0 {
        return Err(errno_err(vm));
    }
    Ok(Value::None)
}

/// `os._exit`: end the process at once, without running `atexit`
/// handlers, finalizers or flushing `sys.stdout`'s buffer (CPython loses
/// buffered output the same way); `sys.stderr` is unbuffered in CPython,
/// so what it holds is written.
fn exit_(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "_exit", &["status"], 1, 1)?;
    let code = int_arg(vm, s[0].as_ref().unwrap_or(&Value::Int(0)))?;
    vm.stderr.flush();
    // SAFETY: _exit ends the process; nothing runs after it.
    unsafe { libc::_exit(code as libc::c_int) }
}

/// Set `fd`'s close-on-exec flag (false: inheritable).
pub fn set_cloexec(fd: libc::c_int, cloexec: bool) -> bool {
    // SAFETY: fcntl on any descriptor; failures are reported.
    unsafe {
        let r = libc::fcntl(fd, libc::F_GETFD);
        if r < 0 {
            return false;
        }
        let flags = if cloexec { r | libc::FD_CLOEXEC } else { r & !libc::FD_CLOEXEC };
        flags == r || libc::fcntl(fd, libc::F_SETFD, flags) >= 0
    }
}
