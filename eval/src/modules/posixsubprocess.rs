//! `_posixsubprocess`: `fork_exec`, the fork-and-exec behind
//! `subprocess.Popen` on POSIX, with CPython 3.11's arguments and its
//! protocol for reporting a failure in the child.
//!
//! Everything the child needs (argv, the executables to try, envp, cwd,
//! the descriptors to keep) is converted to C data before `fork()`; the
//! child then makes only async-signal-safe system calls until `exec`
//! replaces it. An error in the child (a failed `chdir`, `dup2`, `exec` …)
//! is written to `errpipe_write` as CPython's child writes it —
//! `OSError:<hex errno>:` (followed by `noexec` when it happened before
//! the program could run, so subprocess.py blames `cwd` rather than the
//! executable) or `SubprocessError:0:<message>` — and the child ends with
//! `_exit(255)`. subprocess.py turns that into `FileNotFoundError`,
//! `PermissionError` … with CPython's messages.
//!
//! `preexec_fn` is supported as in CPython: it runs in the child, after
//! the descriptors are set up and before the other descriptors are closed
//! and the program is executed. Running Python code in the child means
//! allocating; that is safe here because pyx runs Python code on a single
//! OS thread (no other thread can hold the allocator's lock at the fork),
//! and it is still as "NOT SAFE" as CPython's documentation says for
//! programs that use native threads. As in CPython, the `os.register_at_fork`
//! callbacks run around the fork only when there is a `preexec_fn`.
//! `allow_vfork` is accepted and ignored: pyx always uses `fork()`.

use std::ffi::CString;

use crate::modules::native;
use crate::modules::posix::{fd_arg, int_arg, last_errno, os_error};
use crate::modules::posix_proc::{c_array, fs_bytes, run_forkers, ForkStage};
use crate::value::{Payload, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

const DOC: &str = "A POSIX helper for the subprocess module.";

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(vm, "_posixsubprocess", &[("fork_exec", fork_exec)]);
    native::set(&m, "__doc__", vm.new_str(DOC));
    Ok(m)
}

/// What the child needs, all converted before the fork.
struct Child {
    argv: Vec<CString>,
    executables: Vec<CString>,
    envp: Option<Vec<CString>>,
    cwd: Option<CString>,
    close_fds: bool,
    fds_to_keep: Vec<libc::c_int>,
    p2cread: libc::c_int,
    p2cwrite: libc::c_int,
    c2pread: libc::c_int,
    c2pwrite: libc::c_int,
    errread: libc::c_int,
    errwrite: libc::c_int,
    errpipe_read: libc::c_int,
    errpipe_write: libc::c_int,
    restore_signals: bool,
    call_setsid: bool,
    pgid_to_set: libc::pid_t,
    gid: Option<libc::gid_t>,
    extra_groups: Option<Vec<libc::gid_t>>,
    uid: Option<libc::uid_t>,
    child_umask: libc::c_int,
    /// The highest descriptor to close when `close_range` is unavailable.
    max_fd: libc::c_int,
}

/// `bytes` items of a sequence (`_PySequence_BytesToCharpArray`).
fn bytes_array(vm: &mut Vm, v: &Value) -> PyResult<Vec<CString>> {
    let n = vm.len(v)?;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let item = vm.getitem(v, &Value::Int(i as i64))?;
        let Some(Payload::Bytes(b)) = item.payload() else {
            return Err(vm.type_error(format!("expected bytes, {} found", vm.type_name(&item))));
        };
        out.push(CString::new(b.to_vec()).map_err(|_| vm.value_error("embedded null byte"))?);
    }
    Ok(out)
}

fn id_arg(vm: &mut Vm, v: &Value, what: &str) -> PyResult<u32> {
    if crate::vm::ops::as_big(v).is_none() && vm.lookup_mro(&vm.type_of(v), "__index__").is_none() {
        return Err(vm.type_error(format!("{what} should be integer, not {}", vm.type_name(v))));
    }
    let n = int_arg(vm, v)?;
    if n == -1 {
        return Ok(u32::MAX);
    }
    u32::try_from(n).map_err(|_| vm.overflow_error(format!("{what} is {} than maximum", if n < 0 { "less" } else { "greater" })))
}

fn fork_exec(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("fork_exec() takes no keyword arguments"));
    }
    // 3.11.0 has 22 parameters; later 3.11 releases add allow_vfork.
    if a.pos.len() != 23 && a.pos.len() != 22 {
        return Err(vm.type_error(format!("fork_exec() takes exactly 23 arguments ({} given)", a.pos.len())));
    }
    let p = &a.pos;
    let close_fds = vm.truthy(&p[2])?;
    let Some(Payload::Tuple(keep)) = p[3].payload() else {
        return Err(vm.type_error(format!("fork_exec() argument 4 must be tuple, not {}", vm.type_name(&p[3]))));
    };
    let keep = keep.to_vec();
    let mut ints = [0 as libc::c_int; 8];
    for (i, slot) in ints.iter_mut().enumerate() {
        *slot = fd_arg(vm, &p[6 + i])?;
    }
    let [p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write] = ints;
    let restore_signals = vm.truthy(&p[14])?;
    let call_setsid = vm.truthy(&p[15])?;
    let pgid_to_set = int_arg(vm, &p[16])? as libc::pid_t;
    let child_umask = int_arg(vm, &p[20])? as libc::c_int;
    let preexec_fn = p[21].clone();

    if close_fds && errpipe_write < 3 {
        return Err(vm.value_error("errpipe_write must be >= 3"));
    }
    let mut fds_to_keep = Vec::with_capacity(keep.len());
    let mut prev: i64 = -1;
    for v in &keep {
        let fd = match v {
            Value::Int(n) => *n,
            _ => -1,
        };
        if fd < 0 || fd <= prev || fd > i32::MAX as i64 {
            return Err(vm.value_error("bad value(s) in fds_to_keep"));
        }
        prev = fd;
        fds_to_keep.push(fd as libc::c_int);
    }
    let executables = bytes_array(vm, &p[1])?;
    let argv = if p[0].is_none() {
        Vec::new()
    } else {
        let items = match p[0].payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            Some(Payload::List(l)) => l.borrow().clone(),
            _ => match vm.to_vec(&p[0]) {
                Ok(v) => v,
                Err(_) => return Err(vm.type_error("argv must be a tuple")),
            },
        };
        let mut out = Vec::with_capacity(items.len());
        for x in &items {
            let b = fs_bytes(vm, x)?;
            out.push(CString::new(b).map_err(|_| vm.value_error("embedded null byte"))?);
        }
        out
    };
    let envp = if p[5].is_none() { None } else { Some(bytes_array(vm, &p[5])?) };
    let cwd = if p[4].is_none() {
        None
    } else {
        let b = fs_bytes(vm, &p[4])?;
        Some(CString::new(b).map_err(|_| vm.value_error("embedded null byte"))?)
    };
    let extra_groups = if p[18].is_none() {
        None
    } else {
        let Some(Payload::List(l)) = p[18].payload() else {
            return Err(vm.type_error("setgroups argument must be a list"));
        };
        let items = l.borrow().clone();
        let mut gs = Vec::with_capacity(items.len());
        for g in &items {
            gs.push(id_arg(vm, g, "gid")?);
        }
        Some(gs)
    };
    let gid = if p[17].is_none() { None } else { Some(id_arg(vm, &p[17], "gid")?) };
    let uid = if p[19].is_none() { None } else { Some(id_arg(vm, &p[19], "uid")?) };
    // SAFETY: getrlimit fills the struct.
    let max_fd = unsafe {
        let mut rl: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut rl) == 0 && rl.rlim_cur != libc::RLIM_INFINITY {
            rl.rlim_cur.min(i32::MAX as u64) as libc::c_int
        } else {
            libc::sysconf(libc::_SC_OPEN_MAX).clamp(256, i32::MAX as libc::c_long) as libc::c_int
        }
    };
    let child = Child {
        argv,
        executables,
        envp,
        cwd,
        close_fds,
        fds_to_keep,
        p2cread,
        p2cwrite,
        c2pread,
        c2pwrite,
        errread,
        errwrite,
        errpipe_read,
        errpipe_write,
        restore_signals,
        call_setsid,
        pgid_to_set,
        gid,
        extra_groups,
        uid,
        child_umask,
        max_fd,
    };
    // The pointer arrays the child hands to exec, made before the fork.
    let argv_ptrs = c_array(&child.argv);
    let envp_ptrs = child.envp.as_deref().map(c_array);
    let preexec = if preexec_fn.is_none() { None } else { Some(preexec_fn) };
    if preexec.is_some() {
        run_forkers(vm, ForkStage::Before);
    }
    // SAFETY: see the module comment; the child only runs `child_exec`.
    let pid = unsafe { libc::fork() };
    if pid == 0 {
        if preexec.is_some() {
            run_forkers(vm, ForkStage::Child);
        }
        // SAFETY: in the child, on data prepared above.
        unsafe { child_exec(vm, &child, &argv_ptrs, envp_ptrs.as_deref(), preexec.as_ref()) }
    }
    let err = last_errno();
    if preexec.is_some() {
        run_forkers(vm, ForkStage::Parent);
    }
    if pid < 0 {
        return Err(os_error(vm, err, None, None));
    }
    Ok(Value::Int(pid as i64))
}

/// Write all of `data`, retrying after EINTR; errors are ignored (there is
/// nobody to tell).
unsafe fn write_noraise(fd: libc::c_int, data: &[u8]) {
    let mut done = 0;
    while done < data.len() {
        let r = libc::write(fd, data[done..].as_ptr() as *const libc::c_void, data.len() - done);
        if r < 0 {
            if *libc::__errno_location() == libc::EINTR {
                continue;
            }
            return;
        }
        done += r as usize;
    }
}

unsafe fn errno() -> libc::c_int {
    *libc::__errno_location()
}

unsafe fn set_inheritable(fd: libc::c_int, inheritable: bool) -> Result<(), libc::c_int> {
    let flags = libc::fcntl(fd, libc::F_GETFD);
    if flags < 0 {
        return Err(errno());
    }
    let new = if inheritable { flags & !libc::FD_CLOEXEC } else { flags | libc::FD_CLOEXEC };
    if new != flags && libc::fcntl(fd, libc::F_SETFD, new) < 0 {
        return Err(errno());
    }
    Ok(())
}

/// `-1` is an error with errno, as CPython's `POSIX_CALL`.
unsafe fn check(r: libc::c_int) -> Result<libc::c_int, libc::c_int> {
    if r < 0 {
        Err(errno())
    } else {
        Ok(r)
    }
}

/// Close every descriptor from `start` up except `keep` (sorted).
unsafe fn close_open_fds(start: libc::c_int, keep: &[libc::c_int], max_fd: libc::c_int) {
    let close_range = |lo: libc::c_int, hi: libc::c_uint| libc::syscall(libc::SYS_close_range, lo as libc::c_uint, hi, 0 as libc::c_uint) == 0;
    let mut lo = start;
    let mut ok = true;
    for &k in keep {
        if k < lo {
            continue;
        }
        if k > lo && !close_range(lo, (k - 1) as libc::c_uint) {
            ok = false;
            break;
        }
        lo = k + 1;
    }
    if ok && close_range(lo, libc::c_uint::MAX) {
        return;
    }
    // No close_range (Linux before 5.9): every descriptor up to the limit.
    for fd in start..max_fd {
        if !keep.contains(&fd) {
            libc::close(fd);
        }
    }
}

/// The child's side: set up descriptors and the process, then exec. Never
/// returns. Only async-signal-safe calls, except a `preexec_fn`.
unsafe fn child_exec(
    vm: &mut Vm,
    c: &Child,
    argv: &[*const libc::c_char],
    envp: Option<&[*const libc::c_char]>,
    preexec: Option<&Value>,
) -> ! {
    let mut reached_preexec = false;
    let mut err_msg: &[u8] = b"";
    let result = (|| -> Result<(), libc::c_int> {
        // make_inheritable: the descriptors to keep, except the error pipe.
        for &fd in &c.fds_to_keep {
            if fd != c.errpipe_write {
                set_inheritable(fd, true)?;
            }
        }
        // The parent's ends of the pipes.
        for fd in [c.p2cwrite, c.c2pread, c.errread] {
            if fd != -1 {
                check(libc::close(fd))?;
            }
        }
        check(libc::close(c.errpipe_read))?;
        // A descriptor about to be overwritten by a dup2 below is moved first.
        let mut c2pwrite = c.c2pwrite;
        if c2pwrite == 0 {
            c2pwrite = check(libc::dup(c2pwrite))?;
            set_inheritable(c2pwrite, false)?;
        }
        let mut errwrite = c.errwrite;
        while errwrite == 0 || errwrite == 1 {
            errwrite = check(libc::dup(errwrite))?;
            set_inheritable(errwrite, false)?;
        }
        // dup2 clears close-on-exec, but is a no-op when the numbers match.
        for (fd, target) in [(c.p2cread, 0), (c2pwrite, 1), (errwrite, 2)] {
            if fd == target {
                set_inheritable(fd, true)?;
            } else if fd != -1 {
                check(libc::dup2(fd, target))?;
            }
        }
        if let Some(cwd) = &c.cwd {
            check(libc::chdir(cwd.as_ptr()))?;
        }
        if c.child_umask >= 0 {
            libc::umask(c.child_umask as libc::mode_t);
        }
        if c.restore_signals {
            // What the interpreter ignores, a new program gets by default.
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
            libc::signal(libc::SIGXFSZ, libc::SIG_DFL);
        }
        if c.call_setsid {
            check(libc::setsid())?;
        }
        if c.pgid_to_set >= 0 {
            check(libc::setpgid(0, c.pgid_to_set))?;
        }
        if let Some(groups) = &c.extra_groups {
            if !groups.is_empty() {
                check(libc::setgroups(groups.len(), groups.as_ptr()))?;
            }
        }
        if let Some(gid) = c.gid {
            if gid != u32::MAX {
                check(libc::setregid(gid, gid))?;
            }
        }
        if let Some(uid) = c.uid {
            if uid != u32::MAX {
                check(libc::setreuid(uid, uid))?;
            }
        }
        reached_preexec = true;
        if let Some(f) = preexec {
            if vm.call(f, vec![]).is_err() {
                err_msg = b"Exception occurred in preexec_fn.";
                return Err(0);
            }
        }
        // After preexec_fn, which may have opened descriptors.
        if c.close_fds {
            close_open_fds(3, &c.fds_to_keep, c.max_fd);
        }
        // The PATH search of os._execvpe: the first error that is not
        // "no such file" is the one reported.
        let mut saved = 0;
        for exe in &c.executables {
            match envp {
                Some(e) => libc::execve(exe.as_ptr(), argv.as_ptr(), e.as_ptr()),
                None => libc::execv(exe.as_ptr(), argv.as_ptr()),
            };
            let e = errno();
            if e != libc::ENOENT && e != libc::ENOTDIR && saved == 0 {
                saved = e;
            }
        }
        Err(if saved != 0 { saved } else { errno() })
    })();
    let saved_errno = match result {
        Ok(()) => 0,
        Err(e) => e,
    };
    let fd = c.errpipe_write;
    if saved_errno != 0 {
        write_noraise(fd, b"OSError:");
        let mut hex = [0u8; 16];
        let mut cur = hex.len();
        let mut n = saved_errno as u32;
        while n != 0 && cur > 0 {
            cur -= 1;
            hex[cur] = b"0123456789abcdef"[(n % 16) as usize];
            n /= 16;
        }
        write_noraise(fd, &hex[cur..]);
        write_noraise(fd, b":");
        if !reached_preexec {
            // The error happened before exec (chdir, dup2 …).
            write_noraise(fd, b"noexec");
        }
    } else {
        write_noraise(fd, b"SubprocessError:0:");
        write_noraise(fd, err_msg);
    }
    libc::_exit(255)
}
