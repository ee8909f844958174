//! `posix`: the operating-system interface `os` is built on (Linux).

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;

use crate::modules::native::{self, bind, positional};
use crate::objects::dict::Dict;
use crate::value::{NativeFn, Payload, PyRef, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

thread_local! {
    static TYPES: std::cell::RefCell<Option<(PyRef, PyRef, PyRef, PyRef)>> = const { std::cell::RefCell::new(None) };
}

const STAT_FIELDS: &[&str] = &[
    "st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size", "st_atime_int", "st_mtime_int", "st_ctime_int",
    "st_atime", "st_mtime", "st_ctime", "st_atime_ns", "st_mtime_ns", "st_ctime_ns", "st_blksize", "st_blocks", "st_rdev",
];

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let funcs: &[(&'static str, NativeFn)] = &[
        ("stat", stat),
        ("lstat", lstat),
        ("fstat", fstat),
        ("getcwd", getcwd),
        ("getcwdb", getcwdb),
        ("chdir", chdir),
        ("listdir", listdir),
        ("scandir", scandir),
        ("mkdir", mkdir),
        ("rmdir", rmdir),
        ("unlink", unlink),
        ("remove", unlink),
        ("rename", rename),
        ("replace", rename),
        ("access", access),
        ("chmod", chmod),
        ("readlink", readlink),
        ("symlink", symlink),
        ("link", link),
        ("fspath", fspath),
        ("getpid", getpid),
        ("getppid", getppid),
        ("getuid", getuid),
        ("geteuid", geteuid),
        ("getgid", getgid),
        ("getegid", getegid),
        ("umask", umask),
        ("uname", uname),
        ("cpu_count", cpu_count),
        ("urandom", urandom),
        ("strerror", strerror),
        ("isatty", isatty),
        ("open", open),
        ("close", close),
        ("closerange", closerange),
        ("read", read),
        ("write", write),
        ("lseek", lseek),
        ("fsync", fsync),
        ("get_terminal_size", get_terminal_size),
        ("get_inheritable", get_inheritable),
        ("set_inheritable", set_inheritable),
        ("get_blocking", get_blocking),
        ("set_blocking", set_blocking),
        ("device_encoding", device_encoding),
        ("putenv", putenv),
        ("unsetenv", unsetenv),
        ("times", times),
        ("utime", utime),
        ("truncate", truncate),
        ("ftruncate", ftruncate),
        ("getloadavg", getloadavg),
        ("sysconf", sysconf),
    ];
    let m = native::new_module(vm, "posix", funcs);
    let stat_result = native::struct_seq_type(vm, "os.stat_result", STAT_FIELDS, 10);
    let terminal_size = native::struct_seq_type(vm, "os.terminal_size", &["columns", "lines"], 2);
    let uname_result = native::struct_seq_type(vm, "posix.uname_result", &["sysname", "nodename", "release", "version", "machine"], 5);
    let times_result = native::struct_seq_type(vm, "posix.times_result", &["user", "system", "children_user", "children_system", "elapsed"], 5);
    native::set(&m, "stat_result", Value::Obj(stat_result.clone()));
    native::set(&m, "terminal_size", Value::Obj(terminal_size.clone()));
    native::set(&m, "uname_result", Value::Obj(uname_result.clone()));
    native::set(&m, "times_result", Value::Obj(times_result.clone()));
    TYPES.with(|t| *t.borrow_mut() = Some((stat_result, terminal_size, uname_result, times_result)));
    install_scandir(vm, &m);
    crate::modules::posix_proc::install(vm, &m);
    native::set(&m, "error", Value::Obj(vm.types.exc.os_error.clone()));
    native::set(&m, "environ", environ(vm));
    native::set(&m, "_have_functions", vm.new_list(vec![]));
    let consts: &[(&str, i64)] = &[
        ("F_OK", libc::F_OK as i64),
        ("R_OK", libc::R_OK as i64),
        ("W_OK", libc::W_OK as i64),
        ("X_OK", libc::X_OK as i64),
        ("O_RDONLY", libc::O_RDONLY as i64),
        ("O_WRONLY", libc::O_WRONLY as i64),
        ("O_RDWR", libc::O_RDWR as i64),
        ("O_APPEND", libc::O_APPEND as i64),
        ("O_CREAT", libc::O_CREAT as i64),
        ("O_EXCL", libc::O_EXCL as i64),
        ("O_TRUNC", libc::O_TRUNC as i64),
        ("O_NONBLOCK", libc::O_NONBLOCK as i64),
        ("O_NOCTTY", libc::O_NOCTTY as i64),
        ("O_CLOEXEC", libc::O_CLOEXEC as i64),
        ("O_DIRECTORY", libc::O_DIRECTORY as i64),
        ("O_NOFOLLOW", libc::O_NOFOLLOW as i64),
        ("O_SYNC", libc::O_SYNC as i64),
        ("O_DSYNC", libc::O_DSYNC as i64),
        ("O_ACCMODE", libc::O_ACCMODE as i64),
        ("SEEK_SET", 0),
        ("SEEK_CUR", 1),
        ("SEEK_END", 2),
        ("EX_OK", 0),
        ("WNOHANG", libc::WNOHANG as i64),
        ("WUNTRACED", libc::WUNTRACED as i64),
        ("P_PID", 1),
        ("P_ALL", 0),
        ("NGROUPS_MAX", 65536),
        ("TMP_MAX", 238328),
    ];
    for (n, v) in consts {
        native::set(&m, n, Value::Int(*v));
    }
    Ok(m)
}

// ---- helpers ----------------------------------------------------------------

/// A path argument: str, bytes or an `os.PathLike`; remembers whether the
/// caller gave bytes (results then come back as bytes).
pub(crate) struct PathArg {
    pub(crate) bytes: Vec<u8>,
    pub(crate) is_bytes: bool,
    pub(crate) original: Value,
}

impl PathArg {
    fn os(&self) -> &std::ffi::OsStr {
        std::ffi::OsStr::from_bytes(&self.bytes)
    }
    pub(crate) fn c(&self, vm: &Vm) -> PyResult<CString> {
        CString::new(self.bytes.clone()).map_err(|_| vm.value_error("embedded null byte"))
    }
}

pub fn fspath_value(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if v.as_str().is_some() || matches!(v.payload(), Some(Payload::Bytes(_))) {
        return Ok(v.clone());
    }
    let cls = vm.type_of(v);
    if let Some(f) = vm.lookup_mro(&cls, "__fspath__") {
        let r = vm.call(&f, vec![v.clone()])?;
        if r.as_str().is_some() || matches!(r.payload(), Some(Payload::Bytes(_))) {
            return Ok(r);
        }
        return Err(vm.type_error(format!(
            "expected {}.__fspath__() to return str or bytes, not {}",
            crate::types::class_name(&cls),
            vm.type_name(&r)
        )));
    }
    Err(vm.type_error(format!("expected str, bytes or os.PathLike object, not {}", vm.type_name(v))))
}

pub(crate) fn path_arg(vm: &mut Vm, fname: &str, v: &Value) -> PyResult<PathArg> {
    let p = match fspath_value(vm, v) {
        Ok(p) => p,
        Err(_) => {
            return Err(vm.type_error(format!("{fname}: path should be string, bytes or os.PathLike, not {}", vm.type_name(v))));
        }
    };
    let (bytes, is_bytes) = match p.payload() {
        Some(Payload::Bytes(b)) => (b.to_vec(), true),
        _ => {
            let s = p.as_str().map(|s| s.to_string_lossy()).unwrap_or_default();
            (s.into_bytes(), false)
        }
    };
    if bytes.contains(&0) {
        return Err(vm.value_error(format!("{fname}: embedded null character in path")));
    }
    Ok(PathArg { bytes, is_bytes, original: v.clone() })
}

pub(crate) fn strerror_of(errno: i32) -> String {
    // SAFETY: strerror returns a pointer to a static NUL-terminated string.
    unsafe {
        let p = libc::strerror(errno);
        if p.is_null() {
            return format!("Unknown error {errno}");
        }
        std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
    }
}

/// OSError (or the subclass for `errno`) with CPython's arguments.
pub fn os_error(vm: &mut Vm, errno: i32, filename: Option<&Value>, filename2: Option<&Value>) -> crate::PyErr {
    let mut args = vec![Value::Int(errno as i64), vm.new_str(&strerror_of(errno))];
    if let Some(f) = filename {
        args.push(f.clone());
        if let Some(f2) = filename2 {
            args.push(Value::Int(0));
            args.push(f2.clone());
        }
    }
    let cls = Value::Obj(vm.types.exc.os_error.clone());
    match vm.call(&cls, args) {
        Ok(exc) => crate::PyErr(exc),
        Err(e) => e,
    }
}

fn io_err(vm: &mut Vm, e: std::io::Error, filename: Option<&Value>) -> crate::PyErr {
    os_error(vm, e.raw_os_error().unwrap_or(libc::EIO), filename, None)
}

pub(crate) fn last_errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EIO)
}

pub(crate) fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    crate::builtins::index_i64(vm, v)
}

pub(crate) fn fd_arg(vm: &mut Vm, v: &Value) -> PyResult<i32> {
    let n = int_arg(vm, v)?;
    i32::try_from(n).map_err(|_| vm.overflow_error("fd is greater than maximum"))
}

fn path_result(vm: &Vm, bytes: &[u8], as_bytes: bool) -> Value {
    if as_bytes {
        crate::objects::bytes::new_bytes(vm, bytes.to_vec())
    } else {
        vm.new_str(&decode_fs(bytes))
    }
}

/// File-system bytes to str (surrogateescape, as CPython on Linux).
pub fn decode_fs(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

fn follow_symlinks(vm: &mut Vm, v: &Option<Value>) -> PyResult<bool> {
    match v {
        Some(x) => vm.truthy(x),
        None => Ok(true),
    }
}

// ---- stat -------------------------------------------------------------------

fn stat_value(vm: &mut Vm, md: &std::fs::Metadata) -> Value {
    let cls = TYPES.with(|t| t.borrow().as_ref().map(|t| t.0.clone())).unwrap_or_else(|| vm.types.tuple.clone());
    let f = |s: i64, ns: i64| s as f64 + ns as f64 * 1e-9;
    let ns = |s: i64, ns: i64| vm.int(num_bigint::BigInt::from(s) * 1_000_000_000 + ns);
    let values = vec![
        Value::Int(md.mode() as i64),
        vm.int(md.ino().into()),
        vm.int(md.dev().into()),
        Value::Int(md.nlink() as i64),
        Value::Int(md.uid() as i64),
        Value::Int(md.gid() as i64),
        Value::Int(md.size() as i64),
        Value::Int(md.atime()),
        Value::Int(md.mtime()),
        Value::Int(md.ctime()),
        Value::Float(f(md.atime(), md.atime_nsec())),
        Value::Float(f(md.mtime(), md.mtime_nsec())),
        Value::Float(f(md.ctime(), md.ctime_nsec())),
        ns(md.atime(), md.atime_nsec()),
        ns(md.mtime(), md.mtime_nsec()),
        ns(md.ctime(), md.ctime_nsec()),
        Value::Int(md.blksize() as i64),
        Value::Int(md.blocks() as i64),
        vm.int(md.rdev().into()),
    ];
    let v = native::struct_seq_new(vm, &cls, values.clone());
    // The integer times are the tuple's items 7..9; the attributes are floats.
    if let Some(d) = v.obj().and_then(|o| o.dict.as_ref()) {
        let mut d = d.borrow_mut();
        d.set_str("st_atime", values[10].clone());
        d.set_str("st_mtime", values[11].clone());
        d.set_str("st_ctime", values[12].clone());
        d.remove_str("st_atime_int");
        d.remove_str("st_mtime_int");
        d.remove_str("st_ctime_int");
    }
    v
}

fn do_stat(vm: &mut Vm, a: &Args, fname: &str, follow_default: bool) -> PyResult<Value> {
    let s = bind(vm, a, fname, &["path", "dir_fd", "follow_symlinks"], 1, 1)?;
    let pv = s[0].clone().unwrap_or(Value::None);
    if let Some(fd) = crate::vm::ops::as_i64(&pv) {
        if !matches!(pv, Value::Bool(_)) {
            return fstat(vm, &Args::new(vec![Value::Int(fd)]));
        }
    }
    let p = path_arg(vm, fname, &pv)?;
    let follow = follow_default && follow_symlinks(vm, &s[2])?;
    let r = if follow { std::fs::metadata(p.os()) } else { std::fs::symlink_metadata(p.os()) };
    match r {
        Ok(md) => Ok(stat_value(vm, &md)),
        Err(e) => Err(io_err(vm, e, Some(&p.original))),
    }
}

fn stat(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    do_stat(vm, a, "stat", true)
}

fn lstat(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    do_stat(vm, a, "lstat", false)
}

fn fstat(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "fstat", &["fd"], 1, 1)?;
    let fd = fd_arg(vm, s[0].as_ref().unwrap_or(&Value::None))?;
    // Read the metadata through /proc's view of the descriptor.
    let path = format!("/proc/self/fd/{fd}");
    // SAFETY: fcntl F_GETFD only inspects the descriptor.
    if unsafe { libc::fcntl(fd, libc::F_GETFD) } < 0 {
        return Err(os_error(vm, libc::EBADF, None, None));
    }
    match std::fs::metadata(&path) {
        Ok(md) => Ok(stat_value(vm, &md)),
        Err(e) => Err(io_err(vm, e, None)),
    }
}

// ---- directories and files ----------------------------------------------------

fn getcwd(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    positional(vm, a, "getcwd", 0, 0)?;
    match std::env::current_dir() {
        Ok(p) => Ok(path_result(vm, p.as_os_str().as_bytes(), false)),
        Err(e) => Err(io_err(vm, e, None)),
    }
}

fn getcwdb(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    positional(vm, a, "getcwdb", 0, 0)?;
    match std::env::current_dir() {
        Ok(p) => Ok(path_result(vm, p.as_os_str().as_bytes(), true)),
        Err(e) => Err(io_err(vm, e, None)),
    }
}

fn chdir(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "chdir", &["path"], 1, 1)?;
    let p = path_arg(vm, "chdir", s[0].as_ref().unwrap_or(&Value::None))?;
    std::env::set_current_dir(p.os()).map_err(|e| io_err(vm, e, Some(&p.original)))?;
    Ok(Value::None)
}

fn listdir(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "listdir", &["path"], 0, 1)?;
    let p = match &s[0] {
        Some(v) if !v.is_none() => path_arg(vm, "listdir", v)?,
        _ => PathArg { bytes: b".".to_vec(), is_bytes: false, original: vm.new_str(".") },
    };
    let rd = std::fs::read_dir(p.os()).map_err(|e| io_err(vm, e, Some(&p.original)))?;
    let mut out = Vec::new();
    for entry in rd {
        let entry = entry.map_err(|e| io_err(vm, e, Some(&p.original)))?;
        out.push(path_result(vm, entry.file_name().as_bytes(), p.is_bytes));
    }
    Ok(vm.new_list(out))
}

fn mkdir(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "mkdir", &["path", "mode", "dir_fd"], 1, 2)?;
    let p = path_arg(vm, "mkdir", s[0].as_ref().unwrap_or(&Value::None))?;
    let mode = match &s[1] {
        Some(m) => int_arg(vm, m)?,
        None => 0o777,
    };
    let c = p.c(vm)?;
    // SAFETY: c is a valid NUL-terminated path.
    if unsafe { libc::mkdir(c.as_ptr(), mode as libc::mode_t) } != 0 {
        return Err(os_error(vm, last_errno(), Some(&p.original), None));
    }
    Ok(Value::None)
}

fn simple_path_call(vm: &mut Vm, a: &Args, fname: &str, f: unsafe extern "C" fn(*const libc::c_char) -> libc::c_int) -> PyResult<Value> {
    let s = bind(vm, a, fname, &["path", "dir_fd"], 1, 1)?;
    let p = path_arg(vm, fname, s[0].as_ref().unwrap_or(&Value::None))?;
    let c = p.c(vm)?;
    // SAFETY: c is a valid NUL-terminated path.
    if unsafe { f(c.as_ptr()) } != 0 {
        return Err(os_error(vm, last_errno(), Some(&p.original), None));
    }
    Ok(Value::None)
}

fn rmdir(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    simple_path_call(vm, a, "rmdir", libc::rmdir)
}

fn unlink(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    simple_path_call(vm, a, "unlink", libc::unlink)
}

fn two_paths(vm: &mut Vm, a: &Args, fname: &str) -> PyResult<(PathArg, PathArg)> {
    let s = bind(vm, a, fname, &["src", "dst", "src_dir_fd", "dst_dir_fd"], 2, 2)?;
    let p = path_arg(vm, fname, s[0].as_ref().unwrap_or(&Value::None))?;
    let q = path_arg(vm, fname, s[1].as_ref().unwrap_or(&Value::None))?;
    Ok((p, q))
}

fn rename(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (p, q) = two_paths(vm, a, "rename")?;
    std::fs::rename(p.os(), q.os()).map_err(|e| {
        let errno = e.raw_os_error().unwrap_or(libc::EIO);
        os_error(vm, errno, Some(&p.original), Some(&q.original))
    })?;
    Ok(Value::None)
}

fn symlink(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "symlink", &["src", "dst", "target_is_directory", "dir_fd"], 2, 3)?;
    let p = path_arg(vm, "symlink", s[0].as_ref().unwrap_or(&Value::None))?;
    let q = path_arg(vm, "symlink", s[1].as_ref().unwrap_or(&Value::None))?;
    std::os::unix::fs::symlink(p.os(), q.os()).map_err(|e| {
        let errno = e.raw_os_error().unwrap_or(libc::EIO);
        os_error(vm, errno, Some(&p.original), Some(&q.original))
    })?;
    Ok(Value::None)
}

fn link(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (p, q) = two_paths(vm, a, "link")?;
    std::fs::hard_link(p.os(), q.os()).map_err(|e| {
        let errno = e.raw_os_error().unwrap_or(libc::EIO);
        os_error(vm, errno, Some(&p.original), Some(&q.original))
    })?;
    Ok(Value::None)
}

fn readlink(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "readlink", &["path", "dir_fd"], 1, 1)?;
    let p = path_arg(vm, "readlink", s[0].as_ref().unwrap_or(&Value::None))?;
    match std::fs::read_link(p.os()) {
        Ok(t) => Ok(path_result(vm, t.as_os_str().as_bytes(), p.is_bytes)),
        Err(e) => Err(io_err(vm, e, Some(&p.original))),
    }
}

fn access(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "access", &["path", "mode", "dir_fd", "effective_ids", "follow_symlinks"], 2, 2)?;
    let p = path_arg(vm, "access", s[0].as_ref().unwrap_or(&Value::None))?;
    let mode = int_arg(vm, s[1].as_ref().unwrap_or(&Value::Int(0)))?;
    let c = p.c(vm)?;
    // SAFETY: c is a valid NUL-terminated path.
    Ok(Value::Bool(unsafe { libc::access(c.as_ptr(), mode as libc::c_int) } == 0))
}

fn chmod(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "chmod", &["path", "mode", "dir_fd", "follow_symlinks"], 2, 2)?;
    let p = path_arg(vm, "chmod", s[0].as_ref().unwrap_or(&Value::None))?;
    let mode = int_arg(vm, s[1].as_ref().unwrap_or(&Value::Int(0)))?;
    let c = p.c(vm)?;
    // SAFETY: c is a valid NUL-terminated path.
    if unsafe { libc::chmod(c.as_ptr(), mode as libc::mode_t) } != 0 {
        return Err(os_error(vm, last_errno(), Some(&p.original), None));
    }
    Ok(Value::None)
}

fn utime(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "utime", &["path", "times", "ns", "dir_fd", "follow_symlinks"], 1, 2)?;
    let p = path_arg(vm, "utime", s[0].as_ref().unwrap_or(&Value::None))?;
    let c = p.c(vm)?;
    let spec = |sec: f64| libc::timespec { tv_sec: sec.floor() as libc::time_t, tv_nsec: ((sec - sec.floor()) * 1e9) as libc::c_long };
    let times = match (&s[1], &s[2]) {
        (Some(t), _) if !t.is_none() => {
            let items = vm.to_vec(t)?;
            if items.len() != 2 {
                return Err(vm.type_error("utime: 'times' must be either a tuple of two ints or None"));
            }
            let x = crate::vm::ops::num_as_f64(&items[0]).ok_or_else(|| vm.type_error("utime: 'times' must be either a tuple of two ints or None"))?;
            let y = crate::vm::ops::num_as_f64(&items[1]).ok_or_else(|| vm.type_error("utime: 'times' must be either a tuple of two ints or None"))?;
            Some([spec(x), spec(y)])
        }
        (_, Some(ns)) => {
            let items = vm.to_vec(ns)?;
            let n0 = items.first().and_then(crate::vm::ops::as_i64).unwrap_or(0);
            let n1 = items.get(1).and_then(crate::vm::ops::as_i64).unwrap_or(0);
            let t = |n: i64| libc::timespec { tv_sec: n.div_euclid(1_000_000_000) as libc::time_t, tv_nsec: n.rem_euclid(1_000_000_000) as libc::c_long };
            Some([t(n0), t(n1)])
        }
        _ => None,
    };
    let ptr = times.as_ref().map(|t| t.as_ptr()).unwrap_or(std::ptr::null());
    // SAFETY: c is a valid path; ptr is null or points to two timespecs.
    if unsafe { libc::utimensat(libc::AT_FDCWD, c.as_ptr(), ptr, 0) } != 0 {
        return Err(os_error(vm, last_errno(), Some(&p.original), None));
    }
    Ok(Value::None)
}

fn truncate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "truncate", 2, 2)?;
    let p = path_arg(vm, "truncate", &a[0])?;
    let len = int_arg(vm, &a[1])?;
    let c = p.c(vm)?;
    // SAFETY: c is a valid NUL-terminated path.
    if unsafe { libc::truncate(c.as_ptr(), len as libc::off_t) } != 0 {
        return Err(os_error(vm, last_errno(), Some(&p.original), None));
    }
    Ok(Value::None)
}

fn fspath(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "fspath", &["path"], 1, 1)?;
    fspath_value(vm, s[0].as_ref().unwrap_or(&Value::None))
}

// ---- processes and the system -------------------------------------------------

fn getpid(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::Int(std::process::id() as i64))
}

fn getppid(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    // SAFETY: no preconditions.
    Ok(Value::Int(unsafe { libc::getppid() } as i64))
}

fn getuid(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    // SAFETY: no preconditions.
    Ok(Value::Int(unsafe { libc::getuid() } as i64))
}

fn geteuid(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    // SAFETY: no preconditions.
    Ok(Value::Int(unsafe { libc::geteuid() } as i64))
}

fn getgid(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    // SAFETY: no preconditions.
    Ok(Value::Int(unsafe { libc::getgid() } as i64))
}

fn getegid(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    // SAFETY: no preconditions.
    Ok(Value::Int(unsafe { libc::getegid() } as i64))
}

fn umask(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "umask", 1, 1)?;
    let m = int_arg(vm, &a[0])?;
    // SAFETY: no preconditions.
    Ok(Value::Int(unsafe { libc::umask(m as libc::mode_t) } as i64))
}

fn uname(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    // SAFETY: utsname is plain data; uname fills it.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    if unsafe { libc::uname(&mut u) } != 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    let field = |f: &[libc::c_char]| {
        let bytes: Vec<u8> = f.iter().take_while(|c| **c != 0).map(|c| *c as u8).collect();
        String::from_utf8_lossy(&bytes).into_owned()
    };
    let vals: Vec<Value> = [field(&u.sysname), field(&u.nodename), field(&u.release), field(&u.version), field(&u.machine)].iter().map(|s| vm.new_str(s)).collect();
    let cls = TYPES.with(|t| t.borrow().as_ref().map(|t| t.2.clone())).unwrap_or_else(|| vm.types.tuple.clone());
    Ok(native::struct_seq_new(vm, &cls, vals))
}

fn times(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    // SAFETY: tms is plain data; times fills it.
    let mut t: libc::tms = unsafe { std::mem::zeroed() };
    let elapsed = unsafe { libc::times(&mut t) };
    // SAFETY: no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    let vals = vec![
        Value::Float(t.tms_utime as f64 / hz),
        Value::Float(t.tms_stime as f64 / hz),
        Value::Float(t.tms_cutime as f64 / hz),
        Value::Float(t.tms_cstime as f64 / hz),
        Value::Float(elapsed as f64 / hz),
    ];
    let cls = TYPES.with(|t| t.borrow().as_ref().map(|t| t.3.clone())).unwrap_or_else(|| vm.types.tuple.clone());
    Ok(native::struct_seq_new(vm, &cls, vals))
}

fn cpu_count(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    // CPython counts the online processors, not the usable ones
    // (`os.sched_getaffinity` is for that).
    // SAFETY: no preconditions.
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    Ok(if n >= 1 { Value::Int(n as i64) } else { Value::None })
}

fn sysconf(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "sysconf", 1, 1)?;
    let name = match a[0].as_str().map(|s| s.to_string_lossy()) {
        Some(n) => match n.as_str() {
            "SC_PAGE_SIZE" | "SC_PAGESIZE" => libc::_SC_PAGESIZE,
            "SC_NPROCESSORS_ONLN" => libc::_SC_NPROCESSORS_ONLN,
            "SC_NPROCESSORS_CONF" => libc::_SC_NPROCESSORS_CONF,
            "SC_CLK_TCK" => libc::_SC_CLK_TCK,
            "SC_OPEN_MAX" => libc::_SC_OPEN_MAX,
            "SC_PHYS_PAGES" => libc::_SC_PHYS_PAGES,
            "SC_ARG_MAX" => libc::_SC_ARG_MAX,
            "SC_CHILD_MAX" => libc::_SC_CHILD_MAX,
            "SC_IOV_MAX" => libc::_SC_IOV_MAX,
            "SC_NGROUPS_MAX" => libc::_SC_NGROUPS_MAX,
            "SC_HOST_NAME_MAX" => libc::_SC_HOST_NAME_MAX,
            "SC_LOGIN_NAME_MAX" => libc::_SC_LOGIN_NAME_MAX,
            "SC_MINSIGSTKSZ" => 249,
            _ => return Err(vm.value_error("unrecognized configuration name")),
        },
        None => int_arg(vm, &a[0])? as libc::c_int,
    };
    // SAFETY: sysconf accepts any name and reports unknown ones.
    Ok(Value::Int(unsafe { libc::sysconf(name) } as i64))
}

fn getloadavg(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    let mut l = [0f64; 3];
    // SAFETY: l has room for three doubles.
    if unsafe { libc::getloadavg(l.as_mut_ptr(), 3) } != 3 {
        return Err(vm.err(&vm.types.exc.os_error.clone(), "Load averages are unobtainable"));
    }
    Ok(vm.new_tuple(l.iter().map(|x| Value::Float(*x)).collect()))
}

fn urandom(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "urandom", 1, 1)?;
    let n = int_arg(vm, &a[0])?;
    if n < 0 {
        return Err(vm.value_error("negative argument not allowed"));
    }
    let mut buf = vec![0u8; n as usize];
    let mut filled = 0;
    while filled < buf.len() {
        // SAFETY: the pointer and length describe the unfilled part of buf.
        let r = unsafe { libc::getrandom(buf[filled..].as_mut_ptr() as *mut libc::c_void, buf.len() - filled, 0) };
        if r < 0 {
            let e = last_errno();
            if e == libc::EINTR {
                continue;
            }
            return Err(os_error(vm, e, None, None));
        }
        filled += r as usize;
    }
    Ok(crate::objects::bytes::new_bytes(vm, buf))
}

fn strerror(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "strerror", 1, 1)?;
    let n = int_arg(vm, &a[0])?;
    Ok(vm.new_str(&strerror_of(n as i32)))
}

// ---- file descriptors -------------------------------------------------------

fn isatty(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "isatty", 1, 1)?;
    let fd = fd_arg(vm, &a[0])?;
    // SAFETY: isatty accepts any descriptor.
    Ok(Value::Bool(unsafe { libc::isatty(fd) } == 1))
}

fn open(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "open", &["path", "flags", "mode", "dir_fd"], 2, 3)?;
    let p = path_arg(vm, "open", s[0].as_ref().unwrap_or(&Value::None))?;
    let flags = int_arg(vm, s[1].as_ref().unwrap_or(&Value::Int(0)))?;
    let mode = match &s[2] {
        Some(m) => int_arg(vm, m)?,
        None => 0o777,
    };
    let c = p.c(vm)?;
    // SAFETY: c is a valid NUL-terminated path.
    let fd = unsafe { libc::open(c.as_ptr(), flags as libc::c_int | libc::O_CLOEXEC, mode as libc::c_uint) };
    if fd < 0 {
        return Err(os_error(vm, last_errno(), Some(&p.original), None));
    }
    Ok(Value::Int(fd as i64))
}

fn close(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "close", &["fd"], 1, 1)?;
    let fd = fd_arg(vm, s[0].as_ref().unwrap_or(&Value::None))?;
    // SAFETY: closing a descriptor the program owns.
    if unsafe { libc::close(fd) } != 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    Ok(Value::None)
}

fn closerange(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "closerange", 2, 2)?;
    let lo = fd_arg(vm, &a[0])?;
    let hi = fd_arg(vm, &a[1])?;
    for fd in lo.max(0)..hi {
        // SAFETY: errors (not open) are ignored as CPython does.
        unsafe { libc::close(fd) };
    }
    Ok(Value::None)
}

fn read(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "read", 2, 2)?;
    let fd = fd_arg(vm, &a[0])?;
    let n = int_arg(vm, &a[1])?;
    if n < 0 {
        return Err(os_error(vm, libc::EINVAL, None, None));
    }
    let mut buf = vec![0u8; n as usize];
    // While other threads exist, wait for data without blocking them (a
    // pipe that another thread writes; see thread::idle).
    // SAFETY: F_GETFL on any descriptor (-1 if not open: no wait).
    let blocking = crate::modules::thread::poll_now() && unsafe { libc::fcntl(fd, libc::F_GETFL) } & libc::O_NONBLOCK == 0;
    while blocking && crate::modules::thread::poll_now() {
        let mut p = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
        // SAFETY: one valid pollfd, no wait.
        let r = unsafe { libc::poll(&mut p, 1, 0) };
        if r != 0 {
            break;
        }
        crate::modules::thread::idle(vm, None)?;
    }
    loop {
        // SAFETY: buf has n bytes of room.
        let r = unsafe { libc::read(fd, buf.as_mut_ptr() as *mut libc::c_void, buf.len()) };
        if r < 0 {
            let e = last_errno();
            if e == libc::EINTR {
                continue;
            }
            return Err(os_error(vm, e, None, None));
        }
        buf.truncate(r as usize);
        return Ok(crate::objects::bytes::new_bytes(vm, buf));
    }
}

fn write(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "write", 2, 2)?;
    let fd = fd_arg(vm, &a[0])?;
    let data = native::buffer(vm, &a[1])?;
    // sys.stdout's buffer is not flushed first (CPython's os.write does
    // not); sys.stderr is unbuffered in CPython, so nothing waits there.
    if fd == 2 {
        vm.stderr.flush();
    }
    loop {
        // SAFETY: data is a valid buffer of data.len() bytes.
        let r = unsafe { libc::write(fd, data.as_ptr() as *const libc::c_void, data.len()) };
        if r < 0 {
            let e = last_errno();
            if e == libc::EINTR {
                continue;
            }
            return Err(os_error(vm, e, None, None));
        }
        return Ok(Value::Int(r as i64));
    }
}

fn lseek(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "lseek", 3, 3)?;
    let fd = fd_arg(vm, &a[0])?;
    let pos = int_arg(vm, &a[1])?;
    let how = int_arg(vm, &a[2])?;
    // SAFETY: lseek reports bad arguments through errno.
    let r = unsafe { libc::lseek(fd, pos as libc::off_t, how as libc::c_int) };
    if r < 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    Ok(Value::Int(r as i64))
}

fn fd_call(vm: &mut Vm, a: &Args, fname: &str, f: unsafe extern "C" fn(libc::c_int) -> libc::c_int) -> PyResult<i32> {
    let a = positional(vm, a, fname, 1, 1)?;
    let fd = fd_arg(vm, &a[0])?;
    // SAFETY: the call reports bad descriptors through errno.
    let r = unsafe { f(fd) };
    if r < 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    Ok(r)
}

fn fsync(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    fd_call(vm, a, "fsync", libc::fsync)?;
    Ok(Value::None)
}

fn ftruncate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "ftruncate", 2, 2)?;
    let fd = fd_arg(vm, &a[0])?;
    let len = int_arg(vm, &a[1])?;
    // SAFETY: ftruncate reports bad arguments through errno.
    if unsafe { libc::ftruncate(fd, len as libc::off_t) } != 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    Ok(Value::None)
}

fn get_terminal_size(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "get_terminal_size", 0, 1)?;
    let fd = match a.first() {
        Some(v) => fd_arg(vm, v)?,
        None => 1,
    };
    // SAFETY: winsize is plain data; the ioctl fills it or fails.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) } != 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    let cls = TYPES.with(|t| t.borrow().as_ref().map(|t| t.1.clone())).unwrap_or_else(|| vm.types.tuple.clone());
    Ok(native::struct_seq_new(vm, &cls, vec![Value::Int(ws.ws_col as i64), Value::Int(ws.ws_row as i64)]))
}

fn get_inheritable(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "get_inheritable", 1, 1)?;
    let fd = fd_arg(vm, &a[0])?;
    // SAFETY: fcntl reports bad descriptors through errno.
    let r = unsafe { libc::fcntl(fd, libc::F_GETFD) };
    if r < 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    Ok(Value::Bool(r & libc::FD_CLOEXEC == 0))
}

fn set_inheritable(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "set_inheritable", 2, 2)?;
    let fd = fd_arg(vm, &a[0])?;
    let inh = vm.truthy(&a[1])?;
    // SAFETY: fcntl reports bad descriptors through errno.
    unsafe {
        let r = libc::fcntl(fd, libc::F_GETFD);
        if r < 0 {
            return Err(os_error(vm, last_errno(), None, None));
        }
        let flags = if inh { r & !libc::FD_CLOEXEC } else { r | libc::FD_CLOEXEC };
        if libc::fcntl(fd, libc::F_SETFD, flags) < 0 {
            return Err(os_error(vm, last_errno(), None, None));
        }
    }
    Ok(Value::None)
}

fn get_blocking(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "get_blocking", 1, 1)?;
    let fd = fd_arg(vm, &a[0])?;
    // SAFETY: fcntl reports bad descriptors through errno.
    let r = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if r < 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    Ok(Value::Bool(r & libc::O_NONBLOCK == 0))
}

fn set_blocking(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "set_blocking", 2, 2)?;
    let fd = fd_arg(vm, &a[0])?;
    let blocking = vm.truthy(&a[1])?;
    // SAFETY: fcntl reports bad descriptors through errno.
    unsafe {
        let r = libc::fcntl(fd, libc::F_GETFL);
        if r < 0 {
            return Err(os_error(vm, last_errno(), None, None));
        }
        let flags = if blocking { r & !libc::O_NONBLOCK } else { r | libc::O_NONBLOCK };
        if libc::fcntl(fd, libc::F_SETFL, flags) < 0 {
            return Err(os_error(vm, last_errno(), None, None));
        }
    }
    Ok(Value::None)
}

fn device_encoding(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "device_encoding", &["fd"], 1, 1)?;
    let fd = fd_arg(vm, s[0].as_ref().unwrap_or(&Value::None))?;
    // SAFETY: isatty accepts any descriptor.
    if unsafe { libc::isatty(fd) } == 1 {
        return Ok(vm.new_str("utf-8"));
    }
    Ok(Value::None)
}

// ---- the environment --------------------------------------------------------

fn environ(vm: &mut Vm) -> Value {
    let mut items = Vec::new();
    for (k, v) in std::env::vars_os() {
        items.push((k.as_bytes().to_vec(), v.as_bytes().to_vec()));
    }
    let dv = vm.new_dict(Dict::new());
    for (k, v) in items {
        let kv = crate::objects::bytes::new_bytes(vm, k);
        let vv = crate::objects::bytes::new_bytes(vm, v);
        let _ = vm.setitem(&dv, kv, vv);
    }
    dv
}

pub(crate) fn env_bytes(vm: &mut Vm, v: &Value, what: &str) -> PyResult<Vec<u8>> {
    let p = fspath_value(vm, v).map_err(|_| vm.type_error(format!("{what}: str, bytes or os.PathLike object expected, not {}", vm.type_name(v))))?;
    Ok(match p.payload() {
        Some(Payload::Bytes(b)) => b.to_vec(),
        _ => p.as_str().map(|s| s.to_string_lossy().into_bytes()).unwrap_or_default(),
    })
}

fn putenv(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "putenv", 2, 2)?;
    let k = env_bytes(vm, &a[0], "putenv")?;
    let v = env_bytes(vm, &a[1], "putenv")?;
    if k.is_empty() || k.contains(&b'=') {
        return Err(vm.value_error("illegal environment variable name"));
    }
    if k.contains(&0) || v.contains(&0) {
        return Err(vm.value_error("embedded null byte"));
    }
    // The interpreter is single-threaded (see `_thread`), so changing the
    // process environment cannot race another thread.
    std::env::set_var(std::ffi::OsStr::from_bytes(&k), std::ffi::OsStr::from_bytes(&v));
    Ok(Value::None)
}

fn unsetenv(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let a = positional(vm, a, "unsetenv", 1, 1)?;
    let k = env_bytes(vm, &a[0], "unsetenv")?;
    if k.is_empty() || k.contains(&b'=') {
        return Err(vm.value_error("illegal environment variable name"));
    }
    if k.contains(&0) {
        return Err(vm.value_error("embedded null byte"));
    }
    std::env::remove_var(std::ffi::OsStr::from_bytes(&k));
    Ok(Value::None)
}

// ---- scandir ------------------------------------------------------------------

thread_local! {
    static SCANDIR_TYPES: std::cell::RefCell<Option<(PyRef, PyRef)>> = const { std::cell::RefCell::new(None) };
}

/// The state of a `posix.ScandirIterator`.
struct ScandirState {
    rd: Option<std::fs::ReadDir>,
    /// The directory as given (bytes of the path, joined with names).
    dir: Vec<u8>,
    is_bytes: bool,
}

/// The state of a `posix.DirEntry`.
struct DirEntryState {
    name: Vec<u8>,
    path: Vec<u8>,
    is_bytes: bool,
    ino: u64,
    /// From the directory entry itself (not following symlinks).
    file_type: Option<std::fs::FileType>,
    stat: Option<Value>,
    lstat: Option<Value>,
}

fn install_scandir(vm: &mut Vm, m: &Value) {
    let it = native::native_class(vm, "posix", "ScandirIterator", None);
    native::add_method(&it, "__iter__", scandir_iter);
    native::add_method(&it, "__next__", scandir_next);
    native::add_method(&it, "close", scandir_close);
    native::add_method(&it, "__enter__", scandir_iter);
    native::add_method(&it, "__exit__", scandir_exit);
    native::add_new(&it, no_new);
    let entry = native::native_class(vm, "posix", "DirEntry", None);
    native::add_new(&entry, no_new);
    let methods: &[(&'static str, NativeFn)] = &[
        ("inode", entry_inode),
        ("is_dir", entry_is_dir),
        ("is_file", entry_is_file),
        ("is_symlink", entry_is_symlink),
        ("stat", entry_stat),
        ("__fspath__", entry_fspath),
        ("__repr__", entry_repr),
    ];
    for (n, f) in methods {
        native::add_method(&entry, n, *f);
    }
    native::add_getter(vm, &entry, "name", entry_name);
    native::add_getter(vm, &entry, "path", entry_path);
    native::add_classmethod(vm, &entry, "__class_getitem__", entry_class_getitem);
    native::set(m, "DirEntry", Value::Obj(entry.clone()));
    SCANDIR_TYPES.with(|t| *t.borrow_mut() = Some((it, entry)));
}

fn no_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let name = match a.pos.first() {
        Some(Value::Obj(c)) => crate::types::class_name(c),
        _ => "object".into(),
    };
    Err(vm.type_error(format!("cannot create '{name}' instances")))
}

fn scandir(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "scandir", &["path"], 0, 1)?;
    let p = match &s[0] {
        Some(v) if !v.is_none() => {
            if matches!(v, Value::Int(_) | Value::Bool(_)) {
                return Err(vm.err(&vm.types.exc.not_implemented_error.clone(), "pyx: scandir() of a file descriptor is not supported"));
            }
            match fspath_value(vm, v) {
                Ok(_) => path_arg(vm, "scandir", v)?,
                Err(_) => {
                    return Err(vm.type_error(format!("scandir: path should be string, bytes, os.PathLike, integer or None, not {}", vm.type_name(v))));
                }
            }
        }
        _ => PathArg { bytes: b".".to_vec(), is_bytes: false, original: vm.new_str(".") },
    };
    let rd = std::fs::read_dir(p.os()).map_err(|e| io_err(vm, e, Some(&p.original)))?;
    let Some((cls, _)) = SCANDIR_TYPES.with(|t| t.borrow().clone()) else {
        return Err(vm.type_error("scandir is not initialized"));
    };
    Ok(native::new_opaque(vm, &cls, ScandirState { rd: Some(rd), dir: p.bytes, is_bytes: p.is_bytes }))
}

fn scandir_iter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.pos.first().cloned().ok_or_else(|| vm.type_error("__iter__ needs an argument"))
}

fn scandir_next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(this) = a.pos.first() else { return Err(vm.type_error("__next__ needs an argument")) };
    let next = {
        let Some(mut st) = native::opaque_mut::<ScandirState>(this) else {
            return Err(vm.type_error("descriptor '__next__' requires a 'posix.ScandirIterator' object"));
        };
        let dir = st.dir.clone();
        let is_bytes = st.is_bytes;
        match st.rd.as_mut().and_then(|rd| rd.next()) {
            None => {
                st.rd = None;
                None
            }
            Some(r) => Some((r, dir, is_bytes)),
        }
    };
    let Some((r, dir, is_bytes)) = next else { return Err(vm.stop_iteration(Value::None)) };
    let entry = match r {
        Ok(e) => e,
        Err(e) => {
            let d = path_result(vm, &dir, is_bytes);
            return Err(io_err(vm, e, Some(&d)));
        }
    };
    use std::os::unix::fs::DirEntryExt;
    let name = entry.file_name().as_bytes().to_vec();
    let mut path = dir;
    if !path.is_empty() && path.last() != Some(&b'/') {
        path.push(b'/');
    }
    path.extend_from_slice(&name);
    let state = DirEntryState { name, path, is_bytes, ino: entry.ino(), file_type: entry.file_type().ok(), stat: None, lstat: None };
    let Some((_, cls)) = SCANDIR_TYPES.with(|t| t.borrow().clone()) else {
        return Err(vm.type_error("scandir is not initialized"));
    };
    Ok(native::new_opaque(vm, &cls, state))
}

fn scandir_close(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(this) = a.pos.first() else { return Err(vm.type_error("close needs an argument")) };
    if let Some(mut st) = native::opaque_mut::<ScandirState>(this) {
        st.rd = None;
    }
    Ok(Value::None)
}

fn scandir_exit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    scandir_close(vm, a)?;
    Ok(Value::None)
}

fn entry_state<'a>(vm: &Vm, a: &'a Args, method: &str) -> PyResult<std::cell::RefMut<'a, DirEntryState>> {
    let Some(this) = a.pos.first() else { return Err(vm.type_error(format!("descriptor '{method}' of 'posix.DirEntry' object needs an argument"))) };
    native::opaque_mut::<DirEntryState>(this)
        .ok_or_else(|| vm.type_error(format!("descriptor '{method}' requires a 'posix.DirEntry' object but received a '{}'", vm.type_name(this))))
}

fn entry_name(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (name, b) = {
        let s = entry_state(vm, a, "name")?;
        (s.name.clone(), s.is_bytes)
    };
    Ok(path_result(vm, &name, b))
}

fn entry_path(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let (path, b) = {
        let s = entry_state(vm, a, "path")?;
        (s.path.clone(), s.is_bytes)
    };
    Ok(path_result(vm, &path, b))
}

fn entry_fspath(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    positional(vm, &Args::new(a.pos.iter().skip(1).cloned().collect()), "__fspath__", 0, 0)?;
    entry_path(vm, a)
}

fn entry_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let name = entry_name(vm, a)?;
    let r = vm.repr(&name)?.to_string_lossy();
    Ok(vm.new_str(&format!("<DirEntry {r}>")))
}

fn entry_inode(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let ino = entry_state(vm, a, "inode")?.ino;
    Ok(vm.int(ino.into()))
}

fn entry_follow(vm: &mut Vm, a: &Args, method: &str) -> PyResult<bool> {
    let s = bind(vm, &Args { pos: a.pos.iter().skip(1).cloned().collect(), kw: a.kw.clone() }, method, &["follow_symlinks"], 0, 0)?;
    follow_symlinks(vm, &s[0])
}

/// The entry's metadata: through a symlink when `follow`.
fn entry_metadata(vm: &mut Vm, a: &Args, follow: bool) -> PyResult<Result<std::fs::Metadata, (std::io::Error, Vec<u8>, bool)>> {
    let (path, is_bytes) = {
        let s = entry_state(vm, a, "stat")?;
        (s.path.clone(), s.is_bytes)
    };
    let os = std::ffi::OsStr::from_bytes(&path);
    let r = if follow { std::fs::metadata(os) } else { std::fs::symlink_metadata(os) };
    Ok(r.map_err(|e| (e, path, is_bytes)))
}

fn entry_is_kind(vm: &mut Vm, a: &Args, method: &str, want_dir: bool) -> PyResult<Value> {
    let follow = entry_follow(vm, a, method)?;
    let ft = entry_state(vm, a, method)?.file_type;
    let is_link = ft.is_some_and(|t| t.is_symlink());
    if let Some(t) = ft {
        if !(follow && is_link) {
            return Ok(Value::Bool(if want_dir { t.is_dir() } else { t.is_file() }));
        }
    }
    match entry_metadata(vm, a, follow)? {
        Ok(md) => Ok(Value::Bool(if want_dir { md.is_dir() } else { md.is_file() })),
        Err((e, _, _)) if e.kind() == std::io::ErrorKind::NotFound => Ok(Value::Bool(false)),
        Err((e, path, b)) => {
            let p = path_result(vm, &path, b);
            Err(io_err(vm, e, Some(&p)))
        }
    }
}

fn entry_is_dir(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    entry_is_kind(vm, a, "is_dir", true)
}

fn entry_is_file(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    entry_is_kind(vm, a, "is_file", false)
}

fn entry_is_symlink(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    positional(vm, &Args::new(a.pos.iter().skip(1).cloned().collect()), "is_symlink", 0, 0)?;
    let ft = entry_state(vm, a, "is_symlink")?.file_type;
    if let Some(t) = ft {
        return Ok(Value::Bool(t.is_symlink()));
    }
    match entry_metadata(vm, a, false)? {
        Ok(md) => Ok(Value::Bool(md.file_type().is_symlink())),
        Err(_) => Ok(Value::Bool(false)),
    }
}

fn entry_stat(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let follow = entry_follow(vm, a, "stat")?;
    let (cached, is_link) = {
        let s = entry_state(vm, a, "stat")?;
        let is_link = s.file_type.is_some_and(|t| t.is_symlink());
        (if follow && is_link { s.stat.clone() } else { s.lstat.clone() }, is_link)
    };
    if let Some(v) = cached {
        return Ok(v);
    }
    let v = match entry_metadata(vm, a, follow && is_link)? {
        Ok(md) => stat_value(vm, &md),
        Err((e, path, b)) => {
            let p = path_result(vm, &path, b);
            return Err(io_err(vm, e, Some(&p)));
        }
    };
    let mut s = entry_state(vm, a, "stat")?;
    if follow && is_link {
        s.stat = Some(v.clone());
    } else {
        s.lstat = Some(v.clone());
    }
    Ok(v)
}

fn entry_class_getitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    crate::objects::generic_alias::class_getitem(vm, a)
}
