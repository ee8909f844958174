//! `select`: waiting for I/O on file descriptors — `select.select`, the
//! `poll` object and (Linux) the `epoll` object, with CPython's argument
//! checks and messages. `select.error` is `OSError`. A call interrupted by
//! a signal (EINTR) is retried with what is left of its timeout (PEP 475),
//! raising KeyboardInterrupt first if Ctrl-C interrupted it.

use std::time::{Duration, Instant};

use crate::modules::native::{self, bind, positional};
use crate::modules::posix::{last_errno, os_error};
use crate::value::{Payload, PyRef, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

thread_local! {
    static POLL_TYPE: std::cell::RefCell<Option<PyRef>> = const { std::cell::RefCell::new(None) };
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = native::new_module(vm, "select", &[("select", select), ("poll", poll_new)]);
    native::set(&m, "error", Value::Obj(vm.types.exc.os_error.clone()));
    let poll = native::native_final_class(vm, "select", "poll");
    native::add_method(&poll, "register", poll_register);
    native::add_method(&poll, "modify", poll_modify);
    native::add_method(&poll, "unregister", poll_unregister);
    native::add_method(&poll, "poll", poll_poll);
    POLL_TYPE.with(|t| *t.borrow_mut() = Some(poll));

    let ep = native::native_class(vm, "select", "epoll", None);
    native::add_new(&ep, epoll_new);
    native::add_method(&ep, "close", epoll_close);
    native::add_method(&ep, "fileno", epoll_fileno);
    native::add_method(&ep, "register", epoll_register);
    native::add_method(&ep, "modify", epoll_modify);
    native::add_method(&ep, "unregister", epoll_unregister);
    native::add_method(&ep, "poll", epoll_poll);
    native::add_method(&ep, "__enter__", epoll_enter);
    native::add_method(&ep, "__exit__", epoll_exit);
    native::add_getter(vm, &ep, "closed", epoll_closed);
    native::add_classmethod(vm, &ep, "fromfd", epoll_fromfd);
    native::set(&m, "epoll", Value::Obj(ep));

    let consts: &[(&str, i64)] = &[
        ("POLLIN", libc::POLLIN as i64),
        ("POLLPRI", libc::POLLPRI as i64),
        ("POLLOUT", libc::POLLOUT as i64),
        ("POLLERR", libc::POLLERR as i64),
        ("POLLHUP", libc::POLLHUP as i64),
        ("POLLNVAL", libc::POLLNVAL as i64),
        ("POLLRDNORM", libc::POLLRDNORM as i64),
        ("POLLRDBAND", libc::POLLRDBAND as i64),
        ("POLLWRNORM", libc::POLLWRNORM as i64),
        ("POLLWRBAND", libc::POLLWRBAND as i64),
        ("POLLMSG", 0x400),
        ("POLLRDHUP", libc::POLLRDHUP as i64),
        ("EPOLLIN", libc::EPOLLIN as i64),
        ("EPOLLOUT", libc::EPOLLOUT as i64),
        ("EPOLLPRI", libc::EPOLLPRI as i64),
        ("EPOLLERR", libc::EPOLLERR as i64),
        ("EPOLLHUP", libc::EPOLLHUP as i64),
        ("EPOLLET", libc::EPOLLET as u32 as i64),
        ("EPOLLONESHOT", libc::EPOLLONESHOT as i64),
        ("EPOLLEXCLUSIVE", libc::EPOLLEXCLUSIVE as i64),
        ("EPOLLRDHUP", libc::EPOLLRDHUP as i64),
        ("EPOLLRDNORM", libc::EPOLLRDNORM as i64),
        ("EPOLLRDBAND", libc::EPOLLRDBAND as i64),
        ("EPOLLWRNORM", libc::EPOLLWRNORM as i64),
        ("EPOLLWRBAND", libc::EPOLLWRBAND as i64),
        ("EPOLLMSG", libc::EPOLLMSG as i64),
        ("EPOLL_CLOEXEC", libc::EPOLL_CLOEXEC as i64),
        ("PIPE_BUF", libc::PIPE_BUF as i64),
    ];
    for (n, v) in consts {
        native::set(&m, n, Value::Int(*v));
    }
    Ok(m)
}

// ---- shared helpers -----------------------------------------------------------

/// `PyObject_AsFileDescriptor`: an int, or an object with `fileno()`.
pub fn fd_of(vm: &mut Vm, v: &Value) -> PyResult<libc::c_int> {
    let n = if let Some(b) = crate::vm::ops::as_big(v) {
        b
    } else {
        let cls = vm.type_of(v);
        let Some(f) = vm.lookup_mro(&cls, "fileno") else {
            return Err(vm.type_error("argument must be an int, or have a fileno() method."));
        };
        let r = vm.call(&f, vec![v.clone()])?;
        match crate::vm::ops::as_big(&r) {
            Some(b) => b,
            None => return Err(vm.type_error("fileno() returned a non-integer")),
        }
    };
    let Some(fd) = num_traits::ToPrimitive::to_i32(&n) else {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    };
    if fd < 0 {
        return Err(vm.value_error(format!("file descriptor cannot be a negative integer ({fd})")));
    }
    Ok(fd)
}

/// A timeout in seconds (`_PyTime_FromSecondsObject`, rounding up) as
/// nanoseconds; `None` is no timeout. `type_msg` is the caller's TypeError.
pub fn timeout_ns(vm: &mut Vm, v: &Value, type_msg: &str) -> PyResult<Option<i128>> {
    timeout_in(vm, v, type_msg, 1_000_000_000)
}

/// A timeout counted in units of `unit` nanoseconds, as nanoseconds.
fn timeout_in(vm: &mut Vm, v: &Value, type_msg: &str, unit: i128) -> PyResult<Option<i128>> {
    if v.is_none() {
        return Ok(None);
    }
    if let Value::Float(f) = v {
        return float_ns(vm, *f, unit).map(Some);
    }
    if let Some(b) = crate::vm::ops::as_big(v) {
        let ns = num_traits::ToPrimitive::to_i128(&b).and_then(|s| s.checked_mul(unit));
        return match ns {
            Some(ns) if ns.abs() <= i64::MAX as i128 => Ok(Some(ns)),
            _ => Err(vm.overflow_error("timestamp too large to convert to C _PyTime_t")),
        };
    }
    if vm.isinstance(v, &vm.types.float.clone()) {
        let f = vm.call(&Value::Obj(vm.types.float.clone()), vec![v.clone()])?;
        if let Value::Float(f) = f {
            return float_ns(vm, f, unit).map(Some);
        }
    }
    Err(vm.type_error(type_msg))
}

fn float_ns(vm: &mut Vm, f: f64, unit: i128) -> PyResult<i128> {
    if f.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    let ns = (f * unit as f64).ceil();
    if !(-9.2e18..=9.2e18).contains(&ns) {
        return Err(vm.overflow_error("timestamp out of range for platform time_t"));
    }
    Ok(ns as i128)
}

/// Milliseconds for poll(2)/epoll_wait(2), rounded up; -1 waits forever.
fn ns_to_ms(ns: i128) -> libc::c_int {
    if ns < 0 {
        return -1;
    }
    let ms = (ns + 999_999) / 1_000_000;
    ms.min(libc::c_int::MAX as i128) as libc::c_int
}

/// A deadline for a positive timeout, for recomputing after EINTR.
struct Deadline(Option<Instant>);

impl Deadline {
    fn new(ns: Option<i128>) -> Deadline {
        Deadline(ns.filter(|n| *n >= 0).map(|n| Instant::now() + Duration::from_nanos(n.min(u64::MAX as i128) as u64)))
    }
    /// Nanoseconds left (0 when passed), or None for no deadline.
    fn left(&self) -> Option<i128> {
        self.0.map(|d| d.saturating_duration_since(Instant::now()).as_nanos() as i128)
    }
}

// ---- select.select --------------------------------------------------------------

fn select(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("select.select() takes no keyword arguments"));
    }
    let n = a.pos.len();
    if !(3..=4).contains(&n) {
        return Err(vm.type_error(if n < 3 {
            format!("select expected at least 3 arguments, got {n}")
        } else {
            format!("select expected at most 4 arguments, got {n}")
        }));
    }
    let timeout = timeout_ns(vm, a.pos.get(3).unwrap_or(&Value::None), "timeout must be a float or None")?;
    if timeout.is_some_and(|t| t < 0) {
        return Err(vm.value_error("timeout must be non-negative"));
    }
    let mut lists: Vec<Vec<(Value, libc::c_int)>> = Vec::with_capacity(3);
    for seq in &a.pos[..3] {
        let items = match seq.payload() {
            Some(Payload::List(l)) => l.borrow().clone(),
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => match vm.to_vec(seq) {
                Ok(v) => v,
                Err(_) => return Err(vm.type_error("arguments 1-3 must be sequences")),
            },
        };
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            let fd = fd_of(vm, &it)?;
            if fd >= libc::FD_SETSIZE as libc::c_int {
                return Err(vm.value_error("filedescriptor out of range in select()"));
            }
            out.push((it, fd));
        }
        lists.push(out);
    }
    let deadline = Deadline::new(timeout);
    let mut left = timeout;
    loop {
        // SAFETY: fd_set is plain data; every fd is below FD_SETSIZE.
        let mut sets: [libc::fd_set; 3] = unsafe { std::mem::zeroed() };
        let mut maxfd = -1;
        for (set, list) in sets.iter_mut().zip(&lists) {
            // SAFETY: as above.
            unsafe { libc::FD_ZERO(set) };
            for (_, fd) in list {
                // SAFETY: as above.
                unsafe { libc::FD_SET(*fd, set) };
                maxfd = maxfd.max(*fd);
            }
        }
        let green = crate::modules::thread::poll_now() && left != Some(0);
        let left_now = if green { Some(0) } else { left };
        let mut tv = left_now.map(|ns| libc::timeval { tv_sec: (ns / 1_000_000_000) as libc::time_t, tv_usec: ((ns % 1_000_000_000) / 1000) as libc::suseconds_t });
        let tvp = tv.as_mut().map(|t| t as *mut libc::timeval).unwrap_or(std::ptr::null_mut());
        let [r, w, x] = &mut sets;
        // SAFETY: the sets and the timeval are valid for the call.
        let n = unsafe { libc::select(maxfd + 1, r, w, x, tvp) };
        if n < 0 {
            let e = last_errno();
            if e == libc::EINTR {
                crate::vm::finalize::check_sigint(vm)?;
                left = deadline.left();
                continue;
            }
            return Err(os_error(vm, e, None, None));
        }
        if n == 0 && green {
            // Other threads run meanwhile (see thread::idle).
            crate::modules::thread::idle(vm, deadline.0)?;
            left = deadline.left();
            continue;
        }
        let mut out = Vec::with_capacity(3);
        for (set, list) in sets.iter().zip(&lists) {
            let ready: Vec<Value> = list
                .iter()
                // SAFETY: set was filled by select.
                .filter(|(_, fd)| n > 0 && unsafe { libc::FD_ISSET(*fd, set) })
                .map(|(v, _)| v.clone())
                .collect();
            out.push(vm.new_list(ready));
        }
        return Ok(vm.new_tuple(out));
    }
}

// ---- poll ---------------------------------------------------------------------------

/// A `select.poll` object: the registered descriptors in registration order.
struct Poll {
    fds: Vec<(libc::c_int, libc::c_short)>,
    polling: bool,
}

fn poll_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("select.poll() takes no keyword arguments"));
    }
    if !a.pos.is_empty() {
        return Err(vm.type_error(format!("select.poll() takes no arguments ({} given)", a.pos.len())));
    }
    let cls = POLL_TYPE.with(|t| t.borrow().clone()).expect("select is initialized");
    Ok(native::new_opaque(vm, &cls, Poll { fds: Vec::new(), polling: false }))
}

/// An `unsigned short` event mask (the argument clinic's converter).
fn ushort_mask(vm: &mut Vm, v: &Value) -> PyResult<libc::c_short> {
    let Some(b) = crate::vm::ops::as_big(v) else {
        return Err(vm.type_error("an integer is required"));
    };
    if b.sign() == num_bigint::Sign::Minus {
        return Err(vm.value_error("value must be positive"));
    }
    match num_traits::ToPrimitive::to_u16(&b) {
        Some(n) => Ok(n as libc::c_short),
        None => Err(vm.overflow_error("Python int too large for C unsigned short")),
    }
}

fn poll_this<'a>(vm: &Vm, a: &'a Args, method: &str) -> PyResult<&'a Value> {
    native::this_method::<Poll>(vm, a, "select.poll", method)
}

fn poll_register(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = poll_this(vm, a, "register")?.clone();
    let rest = Args::new(a.pos[1..].to_vec());
    if !a.kw.is_empty() {
        return Err(vm.type_error("register() takes no keyword arguments"));
    }
    let args = positional(vm, &rest, "register", 1, 2)?;
    let fd = fd_of(vm, &args[0])?;
    let mask = match args.get(1) {
        Some(m) => ushort_mask(vm, m)?,
        None => libc::POLLIN | libc::POLLPRI | libc::POLLOUT,
    };
    let mut st = native::opaque_mut::<Poll>(&this).ok_or_else(|| vm.type_error("poll object is busy"))?;
    match st.fds.iter_mut().find(|(f, _)| *f == fd) {
        Some(slot) => slot.1 = mask,
        None => st.fds.push((fd, mask)),
    }
    Ok(Value::None)
}

fn poll_modify(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = poll_this(vm, a, "modify")?.clone();
    if !a.kw.is_empty() {
        return Err(vm.type_error("modify() takes no keyword arguments"));
    }
    let rest = Args::new(a.pos[1..].to_vec());
    let args = positional(vm, &rest, "modify", 2, 2)?;
    let fd = fd_of(vm, &args[0])?;
    let mask = ushort_mask(vm, &args[1])?;
    let found = {
        let mut st = native::opaque_mut::<Poll>(&this).ok_or_else(|| vm.type_error("poll object is busy"))?;
        match st.fds.iter_mut().find(|(f, _)| *f == fd) {
            Some(slot) => {
                slot.1 = mask;
                true
            }
            None => false,
        }
    };
    if !found {
        return Err(os_error(vm, libc::ENOENT, None, None));
    }
    Ok(Value::None)
}

fn poll_unregister(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = poll_this(vm, a, "unregister")?.clone();
    if !a.kw.is_empty() {
        return Err(vm.type_error("unregister() takes no keyword arguments"));
    }
    let rest = Args::new(a.pos[1..].to_vec());
    let args = positional(vm, &rest, "unregister", 1, 1)?;
    let fd = fd_of(vm, &args[0])?;
    let removed = {
        let mut st = native::opaque_mut::<Poll>(&this).ok_or_else(|| vm.type_error("poll object is busy"))?;
        let before = st.fds.len();
        st.fds.retain(|(f, _)| *f != fd);
        st.fds.len() != before
    };
    if !removed {
        return Err(vm.key_error(Value::Int(fd as i64)));
    }
    Ok(Value::None)
}

fn poll_poll(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = poll_this(vm, a, "poll")?.clone();
    if !a.kw.is_empty() {
        return Err(vm.type_error("poll.poll() takes no keyword arguments"));
    }
    let rest = Args::new(a.pos[1..].to_vec());
    let args = positional(vm, &rest, "poll", 0, 1)?;
    let timeout = match args.first() {
        None => None,
        Some(v) => {
            // poll's timeout is in milliseconds.
            timeout_in(vm, v, "timeout must be an integer or None", 1_000_000)?
        }
    };
    let mut pfds: Vec<libc::pollfd> = {
        let mut st = native::opaque_mut::<Poll>(&this).ok_or_else(|| vm.type_error("poll object is busy"))?;
        if st.polling {
            return Err(vm.err(&vm.types.exc.runtime_error.clone(), "concurrent poll() invocation"));
        }
        st.polling = true;
        st.fds.iter().map(|(fd, ev)| libc::pollfd { fd: *fd, events: *ev, revents: 0 }).collect()
    };
    let result = wait_poll(vm, &mut pfds, timeout);
    if let Some(mut st) = native::opaque_mut::<Poll>(&this) {
        st.polling = false;
    }
    result?;
    let out: Vec<Value> = pfds
        .iter()
        .filter(|p| p.revents != 0)
        .map(|p| vm.new_tuple(vec![Value::Int(p.fd as i64), Value::Int(p.revents as u16 as i64)]))
        .collect();
    Ok(vm.new_list(out))
}

/// poll(2) with a timeout in nanoseconds (None or negative: forever),
/// retried after EINTR.
fn wait_poll(vm: &mut Vm, pfds: &mut [libc::pollfd], timeout: Option<i128>) -> PyResult<()> {
    let deadline = Deadline::new(timeout);
    let mut left = timeout;
    loop {
        let ms = left.map(ns_to_ms).unwrap_or(-1);
        let green = crate::modules::thread::poll_now() && ms != 0;
        // SAFETY: pfds is a valid array of pollfd.
        let n = unsafe { libc::poll(pfds.as_mut_ptr(), pfds.len() as libc::nfds_t, if green { 0 } else { ms }) };
        if n == 0 && green {
            // Other threads run meanwhile (see thread::idle).
            crate::modules::thread::idle(vm, deadline.0)?;
            left = if timeout.is_some_and(|t| t >= 0) { deadline.left() } else { timeout };
            continue;
        }
        if n < 0 {
            let e = last_errno();
            if e == libc::EINTR {
                crate::vm::finalize::check_sigint(vm)?;
                left = if timeout.is_some_and(|t| t >= 0) { deadline.left() } else { timeout };
                continue;
            }
            return Err(os_error(vm, e, None, None));
        }
        return Ok(());
    }
}

// ---- epoll ---------------------------------------------------------------------------

/// A `select.epoll` object: its descriptor (-1 once closed).
struct Epoll {
    fd: libc::c_int,
}

impl Drop for Epoll {
    fn drop(&mut self) {
        if self.fd >= 0 {
            // SAFETY: the object owns its descriptor.
            unsafe { libc::close(self.fd) };
        }
    }
}

fn epoll_of(vm: &Vm, a: &Args, method: &str) -> PyResult<libc::c_int> {
    let v = native::this_method::<Epoll>(vm, a, "select.epoll", method)?;
    let fd = native::opaque::<Epoll>(v).map(|e| e.fd).unwrap_or(-1);
    if fd < 0 {
        return Err(vm.value_error("I/O operation on closed epoll object"));
    }
    Ok(fd)
}

fn cls_arg(vm: &Vm, a: &Args) -> PyResult<PyRef> {
    match a.pos.first() {
        Some(Value::Obj(c)) if matches!(c.payload, Payload::Class(_)) => Ok(c.clone()),
        _ => Err(vm.type_error("epoll.__new__(X): X is not a type object")),
    }
}

fn epoll_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cls = cls_arg(vm, a)?;
    let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let s = bind(vm, &rest, "epoll", &["sizehint", "flags"], 0, 2)?;
    let sizehint = match &s[0] {
        Some(v) => crate::builtins::index_i64(vm, v)?,
        None => -1,
    };
    let flags = match &s[1] {
        Some(v) => crate::builtins::index_i64(vm, v)?,
        None => 0,
    };
    if sizehint != -1 && sizehint <= 0 {
        return Err(vm.value_error("negative sizehint"));
    }
    if flags != 0 && flags != libc::EPOLL_CLOEXEC as i64 {
        return Err(vm.err(&vm.types.exc.os_error.clone(), "invalid flags"));
    }
    // SAFETY: epoll_create1 reports failure through errno.
    let fd = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
    if fd < 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    Ok(native::new_opaque(vm, &cls, Epoll { fd }))
}

fn epoll_fromfd(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cls = cls_arg(vm, a)?;
    let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let args = positional(vm, &rest, "fromfd", 1, 1)?;
    let fd = crate::modules::posix::fd_arg(vm, &args[0])?;
    Ok(native::new_opaque(vm, &cls, Epoll { fd }))
}

fn epoll_close(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = native::this_method::<Epoll>(vm, a, "select.epoll", "close")?;
    let fd = {
        let mut st = native::opaque_mut::<Epoll>(v).ok_or_else(|| vm.type_error("epoll object is busy"))?;
        std::mem::replace(&mut st.fd, -1)
    };
    // SAFETY: the object owned the descriptor.
    if fd >= 0 && unsafe { libc::close(fd) } != 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    Ok(Value::None)
}

fn epoll_closed(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let v = native::this_method::<Epoll>(vm, a, "select.epoll", "closed")?;
    Ok(Value::Bool(native::opaque::<Epoll>(v).map(|e| e.fd < 0).unwrap_or(true)))
}

fn epoll_fileno(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Int(epoll_of(vm, a, "fileno")? as i64))
}

fn epoll_enter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    epoll_of(vm, a, "__enter__")?;
    Ok(a.pos[0].clone())
}

fn epoll_exit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    epoll_close(vm, &Args::new(a.pos[..1.min(a.pos.len())].to_vec()))
}

fn uint_mask(vm: &mut Vm, v: &Value) -> PyResult<u32> {
    let n = crate::builtins::index_big(vm, v)?;
    match num_traits::ToPrimitive::to_u32(&n) {
        Some(m) => Ok(m),
        None => match num_traits::ToPrimitive::to_i32(&n) {
            // A negative mask is taken as its unsigned bits, as C does.
            Some(m) => Ok(m as u32),
            None => Err(vm.overflow_error("Python int too large to convert to C unsigned long")),
        },
    }
}

fn epoll_ctl(vm: &mut Vm, a: &Args, method: &str, op: libc::c_int) -> PyResult<Value> {
    let epfd = epoll_of(vm, a, method)?;
    let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let (fd, mask) = match op {
        libc::EPOLL_CTL_DEL => {
            let s = bind(vm, &rest, method, &["fd"], 1, 1)?;
            (fd_of(vm, s[0].as_ref().unwrap_or(&Value::None))?, 0)
        }
        _ => {
            let required = if op == libc::EPOLL_CTL_ADD { 1 } else { 2 };
            let s = bind(vm, &rest, method, &["fd", "eventmask"], required, 2)?;
            let fd = fd_of(vm, s[0].as_ref().unwrap_or(&Value::None))?;
            let mask = match &s[1] {
                Some(m) => uint_mask(vm, m)?,
                None => (libc::EPOLLIN | libc::EPOLLPRI | libc::EPOLLOUT) as u32,
            };
            (fd, mask)
        }
    };
    let mut ev = libc::epoll_event { events: mask, u64: fd as u64 };
    // SAFETY: ev is valid for the call.
    if unsafe { libc::epoll_ctl(epfd, op, fd, &mut ev) } != 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    Ok(Value::None)
}

fn epoll_register(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    epoll_ctl(vm, a, "register", libc::EPOLL_CTL_ADD)
}

fn epoll_modify(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    epoll_ctl(vm, a, "modify", libc::EPOLL_CTL_MOD)
}

fn epoll_unregister(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    epoll_ctl(vm, a, "unregister", libc::EPOLL_CTL_DEL)
}

fn epoll_poll(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let epfd = epoll_of(vm, a, "poll")?;
    let rest = Args { pos: a.pos[1..].to_vec(), kw: a.kw.clone() };
    let s = bind(vm, &rest, "poll", &["timeout", "maxevents"], 0, 2)?;
    let timeout = timeout_ns(vm, s[0].as_ref().unwrap_or(&Value::None), "timeout must be an integer or None")?;
    let maxevents = match &s[1] {
        Some(v) => crate::builtins::index_i64(vm, v)?,
        None => -1,
    };
    let maxevents = if maxevents == -1 {
        libc::FD_SETSIZE as i64 - 1
    } else if maxevents < 1 {
        return Err(vm.value_error(format!("maxevents must be greater than 0, got {maxevents}")));
    } else {
        maxevents
    };
    let mut events = vec![libc::epoll_event { events: 0, u64: 0 }; maxevents as usize];
    let deadline = Deadline::new(timeout);
    let mut left = timeout;
    loop {
        let ms = left.map(ns_to_ms).unwrap_or(-1);
        let green = crate::modules::thread::poll_now() && ms != 0;
        // SAFETY: events has room for maxevents entries.
        let n = unsafe { libc::epoll_wait(epfd, events.as_mut_ptr(), maxevents as libc::c_int, if green { 0 } else { ms }) };
        if n == 0 && green {
            // Other threads run meanwhile (see thread::idle).
            crate::modules::thread::idle(vm, deadline.0)?;
            left = if timeout.is_some_and(|t| t >= 0) { deadline.left() } else { timeout };
            continue;
        }
        if n < 0 {
            let e = last_errno();
            if e == libc::EINTR {
                crate::vm::finalize::check_sigint(vm)?;
                left = if timeout.is_some_and(|t| t >= 0) { deadline.left() } else { timeout };
                continue;
            }
            return Err(os_error(vm, e, None, None));
        }
        let out: Vec<Value> = events[..n as usize]
            .iter()
            .map(|e| {
                let (fd, ev) = (e.u64 as libc::c_int, e.events);
                vm.new_tuple(vec![Value::Int(fd as i64), Value::Int(ev as i64)])
            })
            .collect();
        return Ok(vm.new_list(out));
    }
}
