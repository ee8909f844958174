//! `_socket`: BSD sockets on libc, enough for `socket.py`, `selectors` and
//! `asyncio` — the `socket` type (which `socket.socket` subclasses), name
//! resolution, address conversion and the constants.
//!
//! Timeouts follow CPython: a socket's timeout is `None` (blocking
//! descriptor), `0.0` (non-blocking: an operation that would block raises
//! `BlockingIOError`) or positive (the descriptor is non-blocking and each
//! operation first waits with poll(2) for at most the timeout, raising
//! `TimeoutError("timed out")`). Calls interrupted by a signal are retried
//! (PEP 475). `sendmsg`/`recvmsg` (file-descriptor passing) and `CAPI` are
//! not provided.

use std::cell::Cell;
use std::ffi::{CStr, CString};
use std::time::{Duration, Instant};

use crate::modules::native::{self, bind};
use crate::modules::posix::{last_errno, os_error};
use crate::modules::select::timeout_ns;
use crate::value::{NativeFn, Payload, PyRef, Value};
use crate::vm::{Args, Vm};
use crate::PyResult;

const CLS: &str = "_socket.socket";

thread_local! {
    static SOCKET_TYPE: std::cell::RefCell<Option<PyRef>> = const { std::cell::RefCell::new(None) };
    static GAIERROR: std::cell::RefCell<Option<PyRef>> = const { std::cell::RefCell::new(None) };
    static HERROR: std::cell::RefCell<Option<PyRef>> = const { std::cell::RefCell::new(None) };
    /// `setdefaulttimeout`: nanoseconds, -1 for None.
    static DEFAULT_TIMEOUT: Cell<i64> = const { Cell::new(-1) };
}

/// A socket object's state. `timeout` is in nanoseconds, -1 for None.
pub struct Sock {
    fd: libc::c_int,
    family: libc::c_int,
    type_: libc::c_int,
    proto: libc::c_int,
    timeout: i64,
}

impl Drop for Sock {
    fn drop(&mut self) {
        if self.fd >= 0 {
            // SAFETY: the object owns its descriptor.
            unsafe { libc::close(self.fd) };
        }
    }
}

/// A copy of what an operation needs (no borrow held across calls).
#[derive(Clone, Copy)]
struct Info {
    fd: libc::c_int,
    family: libc::c_int,
    type_: libc::c_int,
    proto: libc::c_int,
    timeout: i64,
}

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let funcs: &[(&'static str, NativeFn)] = &[
        ("close", close_fd),
        ("dup", dup_fd),
        ("getaddrinfo", getaddrinfo),
        ("getnameinfo", getnameinfo),
        ("getdefaulttimeout", getdefaulttimeout),
        ("setdefaulttimeout", setdefaulttimeout),
        ("gethostname", gethostname),
        ("gethostbyname", gethostbyname),
        ("gethostbyname_ex", gethostbyname_ex),
        ("gethostbyaddr", gethostbyaddr),
        ("getservbyname", getservbyname),
        ("getservbyport", getservbyport),
        ("getprotobyname", getprotobyname),
        ("htons", htons),
        ("ntohs", htons),
        ("htonl", htonl),
        ("ntohl", htonl),
        ("inet_aton", inet_aton),
        ("inet_ntoa", inet_ntoa),
        ("inet_pton", inet_pton),
        ("inet_ntop", inet_ntop),
        ("if_nametoindex", if_nametoindex),
        ("if_indextoname", if_indextoname),
        ("if_nameindex", if_nameindex),
        ("socketpair", socketpair),
        ("CMSG_LEN", cmsg_len),
        ("CMSG_SPACE", cmsg_space),
    ];
    let m = native::new_module(vm, "_socket", funcs);
    let os_error_cls = vm.types.exc.os_error.clone();
    let gai = native::exception_class(vm, "socket", "gaierror", Some(os_error_cls.clone()))?;
    let herr = native::exception_class(vm, "socket", "herror", Some(os_error_cls.clone()))?;
    native::set(&m, "error", Value::Obj(os_error_cls));
    native::set(&m, "timeout", Value::Obj(vm.types.exc.timeout_error.clone()));
    native::set(&m, "gaierror", Value::Obj(gai.clone()));
    native::set(&m, "herror", Value::Obj(herr.clone()));
    native::set(&m, "has_ipv6", Value::Bool(true));
    GAIERROR.with(|g| *g.borrow_mut() = Some(gai));
    HERROR.with(|h| *h.borrow_mut() = Some(herr));
    for (name, v) in crate::modules::socket_consts::CONSTANTS {
        native::set(&m, name, Value::Int(*v));
    }

    let cls = native::native_class(vm, "_socket", "socket", None);
    native::add_new(&cls, sock_new);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__init__", sock_init),
        ("__repr__", sock_repr),
        ("_accept", sock_accept),
        ("bind", sock_bind),
        ("close", sock_close),
        ("connect", sock_connect),
        ("connect_ex", sock_connect_ex),
        ("detach", sock_detach),
        ("fileno", sock_fileno),
        ("getblocking", sock_getblocking),
        ("getpeername", sock_getpeername),
        ("getsockname", sock_getsockname),
        ("getsockopt", sock_getsockopt),
        ("gettimeout", sock_gettimeout),
        ("listen", sock_listen),
        ("recv", sock_recv),
        ("recv_into", sock_recv_into),
        ("recvfrom", sock_recvfrom),
        ("recvfrom_into", sock_recvfrom_into),
        ("send", sock_send),
        ("sendall", sock_sendall),
        ("sendto", sock_sendto),
        ("setblocking", sock_setblocking),
        ("setsockopt", sock_setsockopt),
        ("settimeout", sock_settimeout),
        ("shutdown", sock_shutdown),
    ];
    for (n, f) in methods {
        native::add_method(&cls, n, *f);
    }
    native::add_readonly_member(vm, &cls, "family", sock_family);
    native::add_readonly_member(vm, &cls, "type", sock_type);
    native::add_readonly_member(vm, &cls, "proto", sock_proto);
    native::add_readonly_member(vm, &cls, "timeout", sock_timeout_attr);
    native::set(&Value::Obj(cls.clone()), "__doc__", vm.new_str("socket(family=AF_INET, type=SOCK_STREAM, proto=0) -> socket object\nsocket(family=-1, type=-1, proto=-1, fileno=None) -> socket object"));
    native::set(&m, "socket", Value::Obj(cls.clone()));
    native::set(&m, "SocketType", Value::Obj(cls.clone()));
    SOCKET_TYPE.with(|t| *t.borrow_mut() = Some(cls));
    Ok(m)
}

mod ffi {
    extern "C" {
        pub fn inet_pton(af: libc::c_int, src: *const libc::c_char, dst: *mut libc::c_void) -> libc::c_int;
        pub fn inet_ntop(af: libc::c_int, src: *const libc::c_void, dst: *mut libc::c_char, size: libc::socklen_t) -> *const libc::c_char;
        pub fn inet_aton(cp: *const libc::c_char, inp: *mut libc::in_addr) -> libc::c_int;
        pub fn gethostbyname_r(
            name: *const libc::c_char,
            ret: *mut libc::hostent,
            buf: *mut libc::c_char,
            buflen: libc::size_t,
            result: *mut *mut libc::hostent,
            h_errnop: *mut libc::c_int,
        ) -> libc::c_int;
        pub fn gethostbyaddr_r(
            addr: *const libc::c_void,
            len: libc::socklen_t,
            type_: libc::c_int,
            ret: *mut libc::hostent,
            buf: *mut libc::c_char,
            buflen: libc::size_t,
            result: *mut *mut libc::hostent,
            h_errnop: *mut libc::c_int,
        ) -> libc::c_int;
    }
}

// ---- errors -------------------------------------------------------------------

fn errno_err(vm: &mut Vm, e: i32) -> crate::PyErr {
    os_error(vm, e, None, None)
}

fn timeout_err(vm: &Vm) -> crate::PyErr {
    vm.err(&vm.types.exc.timeout_error.clone(), "timed out")
}

fn plain_os_error(vm: &Vm, msg: &str) -> crate::PyErr {
    vm.err(&vm.types.exc.os_error.clone(), msg)
}

fn cstr_lossy(p: *const libc::c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: a NUL-terminated string from libc.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

/// `socket.gaierror(code, gai_strerror(code))`; EAI_SYSTEM is an OSError
/// from errno.
fn gai_error(vm: &mut Vm, code: libc::c_int) -> crate::PyErr {
    if code == libc::EAI_SYSTEM {
        let e = last_errno();
        return errno_err(vm, e);
    }
    // SAFETY: gai_strerror returns a static string.
    let msg = cstr_lossy(unsafe { libc::gai_strerror(code) });
    raise_with(vm, &GAIERROR, code, &msg)
}

fn h_error(vm: &mut Vm, code: libc::c_int) -> crate::PyErr {
    // SAFETY: hstrerror returns a static string.
    let msg = cstr_lossy(unsafe { libc::hstrerror(code) });
    raise_with(vm, &HERROR, code, &msg)
}

fn raise_with(vm: &mut Vm, cls: &'static std::thread::LocalKey<std::cell::RefCell<Option<PyRef>>>, code: i32, msg: &str) -> crate::PyErr {
    let cls = cls.with(|c| c.borrow().clone()).unwrap_or_else(|| vm.types.exc.os_error.clone());
    let args = vec![Value::Int(code as i64), vm.new_str(msg)];
    match vm.call(&Value::Obj(cls), args) {
        Ok(e) => crate::PyErr(e),
        Err(e) => e,
    }
}

// ---- arguments ------------------------------------------------------------------

fn int_of(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    crate::builtins::index_i64(vm, v)
}

fn c_int_of(vm: &mut Vm, v: &Value) -> PyResult<libc::c_int> {
    let n = int_of(vm, v)?;
    libc::c_int::try_from(n).map_err(|_| {
        vm.overflow_error(if n < 0 { "signed integer is less than minimum" } else { "signed integer is greater than maximum" })
    })
}

/// The positional arguments after `self`, between `min` and `max` of them.
fn pos_args(vm: &Vm, a: &Args, fname: &str, min: usize, max: usize) -> PyResult<Vec<Value>> {
    let r = rest(a);
    Ok(native::positional(vm, &r, fname, min, max)?.to_vec())
}

/// The arguments after `self`.
fn rest(a: &Args) -> Args {
    Args { pos: a.pos.get(1..).map(|s| s.to_vec()).unwrap_or_default(), kw: a.kw.clone() }
}

fn this_value<'a>(vm: &Vm, a: &'a Args, method: &str) -> PyResult<&'a Value> {
    native::this_method::<Sock>(vm, a, CLS, method)
}

fn info(vm: &Vm, a: &Args, method: &str) -> PyResult<Info> {
    let v = this_value(vm, a, method)?;
    let s = native::opaque::<Sock>(v).ok_or_else(|| vm.type_error("socket object is busy"))?;
    Ok(Info { fd: s.fd, family: s.family, type_: s.type_, proto: s.proto, timeout: s.timeout })
}

fn with_sock<R>(vm: &Vm, v: &Value, f: impl FnOnce(&mut Sock) -> R) -> PyResult<R> {
    let mut s = native::opaque_mut::<Sock>(v).ok_or_else(|| vm.type_error("socket object is busy"))?;
    Ok(f(&mut s))
}

// ---- waiting and the retry loop (CPython's sock_call_ex) --------------------------

enum CallErr {
    Errno(i32),
    Timeout,
    Py(crate::PyErr),
}

impl CallErr {
    fn raise(self, vm: &mut Vm) -> crate::PyErr {
        match self {
            CallErr::Errno(e) => errno_err(vm, e),
            CallErr::Timeout => timeout_err(vm),
            CallErr::Py(e) => e,
        }
    }
}

/// Wait until `fd` is readable (or writable); Ok(true) when ready,
/// Ok(false) on timeout. `ns` < 0 waits forever.
fn wait_fd(fd: libc::c_int, writing: bool, connect: bool, ns: i64) -> Result<bool, i32> {
    let mut events = if writing { libc::POLLOUT } else { libc::POLLIN };
    if connect {
        events |= libc::POLLERR;
    }
    let mut p = libc::pollfd { fd, events, revents: 0 };
    let ms = if ns < 0 { -1 } else { ((ns as i128 + 999_999) / 1_000_000).min(libc::c_int::MAX as i128) as libc::c_int };
    // SAFETY: p is one valid pollfd.
    let n = unsafe { libc::poll(&mut p, 1, ms) };
    if n < 0 {
        return Err(last_errno());
    }
    Ok(n > 0)
}

/// Run `op` (a system call returning -1 with errno on failure) as CPython's
/// `sock_call_ex`: with a positive timeout, wait for readiness first (up
/// to `timeout` ns, or the socket's own); retry after EINTR and after a
/// false readiness (EAGAIN).
fn sock_call(vm: &mut Vm, s: &Info, writing: bool, connect: bool, timeout: Option<i64>, mut op: impl FnMut() -> isize) -> Result<isize, CallErr> {
    let timeout = timeout.unwrap_or(s.timeout);
    let has_timeout = timeout > 0;
    let deadline = if has_timeout { Some(Instant::now() + Duration::from_nanos(timeout as u64)) } else { None };
    loop {
        if !connect && crate::modules::thread::poll_now() {
            // Other threads run while this one waits (see thread::idle).
            match wait_fd(s.fd, writing, false, 0) {
                Err(libc::EINTR) => {
                    crate::vm::finalize::check_sigint(vm).map_err(CallErr::Py)?;
                    continue;
                }
                Err(e) => return Err(CallErr::Errno(e)),
                Ok(false) if timeout != 0 => {
                    if deadline.is_some_and(|d| Instant::now() >= d) {
                        return Err(CallErr::Timeout);
                    }
                    crate::modules::thread::idle(vm, deadline).map_err(CallErr::Py)?;
                    continue;
                }
                _ => {}
            }
        } else if has_timeout || connect {
            let interval = match deadline {
                Some(d) => d.saturating_duration_since(Instant::now()).as_nanos() as i64,
                None => -1,
            };
            match wait_fd(s.fd, writing, connect, interval) {
                Err(libc::EINTR) => {
                    crate::vm::finalize::check_sigint(vm).map_err(CallErr::Py)?;
                    continue;
                }
                Err(e) => return Err(CallErr::Errno(e)),
                Ok(false) => return Err(CallErr::Timeout),
                Ok(true) => {}
            }
        }
        let err = loop {
            let r = op();
            if r >= 0 {
                return Ok(r);
            }
            let e = last_errno();
            if e != libc::EINTR {
                break e;
            }
            crate::vm::finalize::check_sigint(vm).map_err(CallErr::Py)?;
        };
        if has_timeout && (err == libc::EWOULDBLOCK || err == libc::EAGAIN) {
            continue;
        }
        return Err(CallErr::Errno(err));
    }
}

// ---- addresses ------------------------------------------------------------------------

/// A socket address in C form.
struct SockAddr {
    storage: libc::sockaddr_storage,
    len: libc::socklen_t,
}

impl SockAddr {
    fn zeroed() -> SockAddr {
        // SAFETY: sockaddr_storage is plain data.
        SockAddr { storage: unsafe { std::mem::zeroed() }, len: std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t }
    }
    fn ptr(&self) -> *const libc::sockaddr {
        &self.storage as *const _ as *const libc::sockaddr
    }
    fn mut_ptr(&mut self) -> *mut libc::sockaddr {
        &mut self.storage as *mut _ as *mut libc::sockaddr
    }
}

/// A host name argument (`idna_converter`): str (IDNA-encoded), bytes or
/// bytearray.
fn host_bytes(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    match v.payload() {
        Some(Payload::Bytes(b)) => return Ok(b.to_vec()),
        Some(Payload::ByteArray(b)) => return Ok(b.borrow().clone()),
        _ => {}
    }
    if let Some(s) = v.as_str() {
        let s = s.to_string_lossy();
        if s.is_ascii() {
            return Ok(s.into_bytes());
        }
        let enc = vm.call_method(v, "encode", vec![vm.new_str("idna")])?;
        if let Some(Payload::Bytes(b)) = enc.payload() {
            return Ok(b.to_vec());
        }
    }
    Err(vm.type_error(format!("str, bytes or bytearray expected, not {}", vm.type_name(v))))
}

fn hints(family: libc::c_int, socktype: libc::c_int, proto: libc::c_int, flags: libc::c_int) -> libc::addrinfo {
    // SAFETY: addrinfo is plain data; zero is its "no hints" value.
    let mut h: libc::addrinfo = unsafe { std::mem::zeroed() };
    h.ai_family = family;
    h.ai_socktype = socktype;
    h.ai_protocol = proto;
    h.ai_flags = flags;
    h
}

/// getaddrinfo(3) results, freed on drop.
struct AddrInfo(*mut libc::addrinfo);

impl Drop for AddrInfo {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: the list came from getaddrinfo.
            unsafe { libc::freeaddrinfo(self.0) };
        }
    }
}

impl AddrInfo {
    fn iter(&self) -> impl Iterator<Item = &libc::addrinfo> {
        let mut p = self.0;
        std::iter::from_fn(move || {
            if p.is_null() {
                return None;
            }
            // SAFETY: a node of the list getaddrinfo returned.
            let r = unsafe { &*p };
            p = r.ai_next;
            Some(r)
        })
    }
}

fn gai(vm: &mut Vm, host: Option<&[u8]>, port: Option<&[u8]>, h: &libc::addrinfo) -> PyResult<AddrInfo> {
    let host_c = match host {
        Some(b) => Some(CString::new(b.to_vec()).map_err(|_| vm.value_error("embedded null character"))?),
        None => None,
    };
    let port_c = match port {
        Some(b) => Some(CString::new(b.to_vec()).map_err(|_| vm.value_error("embedded null character"))?),
        None => None,
    };
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    // SAFETY: the strings are NUL-terminated or null; res receives the list.
    let r = unsafe {
        libc::getaddrinfo(
            host_c.as_ref().map(|c| c.as_ptr()).unwrap_or(std::ptr::null()),
            port_c.as_ref().map(|c| c.as_ptr()).unwrap_or(std::ptr::null()),
            h,
            &mut res,
        )
    };
    if r != 0 {
        return Err(gai_error(vm, r));
    }
    Ok(AddrInfo(res))
}

/// Resolve a host name to an address of family `af` (CPython's
/// `setipaddr`): '' is the wildcard, '<broadcast>' the broadcast address,
/// numeric addresses are parsed without a lookup.
fn setipaddr(vm: &mut Vm, name: &[u8], af: libc::c_int) -> PyResult<SockAddr> {
    let mut out = SockAddr::zeroed();
    if name.is_empty() {
        let h = hints(af, libc::SOCK_DGRAM, 0, libc::AI_PASSIVE);
        let res = gai(vm, None, Some(b"0"), &h)?;
        let items: Vec<&libc::addrinfo> = res.iter().collect();
        let first = items[0];
        if first.ai_family != libc::AF_INET && first.ai_family != libc::AF_INET6 {
            return Err(plain_os_error(vm, "unsupported address family"));
        }
        if items.len() > 1 {
            return Err(plain_os_error(vm, "wildcard resolved to multiple address"));
        }
        copy_addr(&mut out, first);
        return Ok(out);
    }
    if name == b"255.255.255.255" || name == b"<broadcast>" {
        if af != libc::AF_INET && af != libc::AF_UNSPEC {
            return Err(plain_os_error(vm, "address family mismatched"));
        }
        let sin = sin_mut(&mut out);
        sin.sin_family = libc::AF_INET as libc::sa_family_t;
        sin.sin_addr.s_addr = libc::INADDR_BROADCAST.to_be();
        out.len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
        return Ok(out);
    }
    let c = CString::new(name.to_vec()).map_err(|_| vm.value_error("embedded null character"))?;
    if af == libc::AF_UNSPEC || af == libc::AF_INET {
        let sin = sin_mut(&mut out);
        // SAFETY: c is NUL-terminated; sin_addr has room for an IPv4 address.
        if unsafe { ffi::inet_pton(libc::AF_INET, c.as_ptr(), &mut sin.sin_addr as *mut _ as *mut libc::c_void) } > 0 {
            sin.sin_family = libc::AF_INET as libc::sa_family_t;
            out.len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
            return Ok(out);
        }
    }
    if (af == libc::AF_UNSPEC || af == libc::AF_INET6) && !name.contains(&b'%') {
        let mut out6 = SockAddr::zeroed();
        let sin6 = sin6_mut(&mut out6);
        // SAFETY: as above, for an IPv6 address.
        if unsafe { ffi::inet_pton(libc::AF_INET6, c.as_ptr(), &mut sin6.sin6_addr as *mut _ as *mut libc::c_void) } > 0 {
            sin6.sin6_family = libc::AF_INET6 as libc::sa_family_t;
            out6.len = std::mem::size_of::<libc::sockaddr_in6>() as libc::socklen_t;
            return Ok(out6);
        }
    }
    let h = hints(af, 0, 0, 0);
    let res = gai(vm, Some(name), None, &h)?;
    let first = res.iter().next().expect("getaddrinfo returned at least one address");
    let mut out = SockAddr::zeroed();
    copy_addr(&mut out, first);
    let fam = out.storage.ss_family as libc::c_int;
    if fam != libc::AF_INET && fam != libc::AF_INET6 {
        return Err(plain_os_error(vm, "unknown address family"));
    }
    Ok(out)
}

fn copy_addr(out: &mut SockAddr, ai: &libc::addrinfo) {
    let n = (ai.ai_addrlen as usize).min(std::mem::size_of::<libc::sockaddr_storage>());
    // SAFETY: ai_addr points to ai_addrlen bytes; storage is big enough.
    unsafe { std::ptr::copy_nonoverlapping(ai.ai_addr as *const u8, out.mut_ptr() as *mut u8, n) };
    out.len = n as libc::socklen_t;
}

fn sin_mut(a: &mut SockAddr) -> &mut libc::sockaddr_in {
    // SAFETY: sockaddr_storage is large and aligned enough for any address.
    unsafe { &mut *(a.mut_ptr() as *mut libc::sockaddr_in) }
}

fn sin6_mut(a: &mut SockAddr) -> &mut libc::sockaddr_in6 {
    // SAFETY: as in sin_mut.
    unsafe { &mut *(a.mut_ptr() as *mut libc::sockaddr_in6) }
}

fn port_of(vm: &mut Vm, v: &Value, caller: &str) -> PyResult<u16> {
    let p = int_of(vm, v)?;
    u16::try_from(p).map_err(|_| vm.overflow_error(format!("{caller}(): port must be 0-65535.")))
}

/// A Python address for a socket of `family` in C form (`getsockaddrarg`).
fn sockaddr_arg(vm: &mut Vm, family: libc::c_int, addr: &Value, caller: &str) -> PyResult<SockAddr> {
    match family {
        libc::AF_UNIX => {
            let path: Vec<u8> = if let Some(s) = addr.as_str() {
                s.to_string_lossy().into_bytes()
            } else {
                match addr.payload() {
                    Some(Payload::Bytes(_) | Payload::ByteArray(_) | Payload::MemoryView(_)) => native::buffer(vm, addr)?,
                    _ => {
                        let p = crate::modules::posix::fspath_value(vm, addr)
                            .map_err(|_| vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(addr))))?;
                        crate::modules::posix_proc::fs_bytes(vm, &p)?
                    }
                }
            };
            let mut out = SockAddr::zeroed();
            // SAFETY: storage is large and aligned enough for sockaddr_un.
            let un = unsafe { &mut *(out.mut_ptr() as *mut libc::sockaddr_un) };
            let cap = un.sun_path.len();
            let abstract_ = path.is_empty() || path[0] == 0;
            if (abstract_ && path.len() > cap) || (!abstract_ && path.len() >= cap) {
                return Err(plain_os_error(vm, "AF_UNIX path too long"));
            }
            un.sun_family = libc::AF_UNIX as libc::sa_family_t;
            for (d, s) in un.sun_path.iter_mut().zip(&path) {
                *d = *s as libc::c_char;
            }
            let n = if abstract_ { path.len() } else { path.len() + 1 };
            out.len = (std::mem::size_of::<libc::sa_family_t>() + n) as libc::socklen_t;
            Ok(out)
        }
        libc::AF_INET => {
            let Some(Payload::Tuple(t)) = addr.payload() else {
                return Err(vm.type_error(format!("{caller}(): AF_INET address must be tuple, not {}", vm.type_name(addr))));
            };
            if t.len() != 2 {
                return Err(vm.type_error("AF_INET address must be a pair (host, port)"));
            }
            let (h, p) = (t[0].clone(), t[1].clone());
            let host = host_bytes(vm, &h)?;
            let port = port_of(vm, &p, caller)?;
            let mut out = setipaddr(vm, &host, libc::AF_INET)?;
            let sin = sin_mut(&mut out);
            sin.sin_port = port.to_be();
            out.len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
            Ok(out)
        }
        libc::AF_INET6 => {
            let msg = "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])";
            let Some(Payload::Tuple(t)) = addr.payload() else {
                return Err(vm.type_error(format!("{caller}(): AF_INET6 address must be tuple, not {}", vm.type_name(addr))));
            };
            if !(2..=4).contains(&t.len()) {
                return Err(vm.type_error(msg));
            }
            let t = t.to_vec();
            let host = host_bytes(vm, &t[0])?;
            let port = port_of(vm, &t[1], caller)?;
            let flowinfo = match t.get(2) {
                Some(v) => int_of(vm, v)?,
                None => 0,
            };
            let scope_id = match t.get(3) {
                Some(v) => int_of(vm, v)?,
                None => 0,
            };
            if !(0..=0xfffff).contains(&flowinfo) {
                return Err(vm.overflow_error(format!("{caller}(): flowinfo must be 0-1048575.")));
            }
            let mut out = setipaddr(vm, &host, libc::AF_INET6)?;
            let sin6 = sin6_mut(&mut out);
            sin6.sin6_port = port.to_be();
            sin6.sin6_flowinfo = (flowinfo as u32).to_be();
            sin6.sin6_scope_id = scope_id as u32;
            out.len = std::mem::size_of::<libc::sockaddr_in6>() as libc::socklen_t;
            Ok(out)
        }
        _ => Err(plain_os_error(vm, &format!("{caller}(): bad family"))),
    }
}

fn ntop(family: libc::c_int, src: *const libc::c_void) -> String {
    let mut buf = [0 as libc::c_char; 64];
    // SAFETY: src points to an address of `family`; buf is big enough.
    let p = unsafe { ffi::inet_ntop(family, src, buf.as_mut_ptr(), buf.len() as libc::socklen_t) };
    cstr_lossy(p)
}

/// A C address as Python sees it (`makesockaddr`); None for no address.
fn make_sockaddr(vm: &mut Vm, a: &SockAddr) -> Value {
    if a.len == 0 {
        return Value::None;
    }
    match a.storage.ss_family as libc::c_int {
        libc::AF_INET => {
            // SAFETY: the family says this is a sockaddr_in.
            let sin = unsafe { &*(a.ptr() as *const libc::sockaddr_in) };
            let host = ntop(libc::AF_INET, &sin.sin_addr as *const _ as *const libc::c_void);
            vm.new_tuple(vec![vm.new_str(&host), Value::Int(u16::from_be(sin.sin_port) as i64)])
        }
        libc::AF_INET6 => {
            // SAFETY: the family says this is a sockaddr_in6.
            let sin6 = unsafe { &*(a.ptr() as *const libc::sockaddr_in6) };
            let host = ntop(libc::AF_INET6, &sin6.sin6_addr as *const _ as *const libc::c_void);
            vm.new_tuple(vec![
                vm.new_str(&host),
                Value::Int(u16::from_be(sin6.sin6_port) as i64),
                Value::Int(u32::from_be(sin6.sin6_flowinfo) as i64),
                Value::Int(sin6.sin6_scope_id as i64),
            ])
        }
        libc::AF_UNIX => {
            // SAFETY: the family says this is a sockaddr_un.
            let un = unsafe { &*(a.ptr() as *const libc::sockaddr_un) };
            let n = (a.len as usize).saturating_sub(std::mem::size_of::<libc::sa_family_t>()).min(un.sun_path.len());
            let path: Vec<u8> = un.sun_path[..n].iter().map(|c| *c as u8).collect();
            if n > 0 && path[0] == 0 {
                return crate::objects::bytes::new_bytes(vm, path);
            }
            let end = path.iter().position(|b| *b == 0).unwrap_or(path.len());
            vm.new_str(&crate::modules::posix::decode_fs(&path[..end]))
        }
        fam => {
            // SAFETY: every sockaddr starts with the family and sa_data.
            let sa = unsafe { &*(a.ptr() as *const libc::sockaddr) };
            let data: Vec<u8> = sa.sa_data.iter().map(|c| *c as u8).collect();
            let b = crate::objects::bytes::new_bytes(vm, data);
            vm.new_tuple(vec![Value::Int(fam as i64), b])
        }
    }
}

// ---- construction ------------------------------------------------------------------------

fn sock_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let cls = match a.pos.first() {
        Some(Value::Obj(c)) if matches!(c.payload, Payload::Class(_)) => c.clone(),
        _ => return Err(vm.type_error("socket.__new__(X): X is not a type object")),
    };
    Ok(native::new_opaque(vm, &cls, Sock { fd: -1, family: libc::AF_INET, type_: libc::SOCK_STREAM, proto: 0, timeout: -1 }))
}

fn set_blocking_fd(fd: libc::c_int, blocking: bool) -> Result<(), i32> {
    // SAFETY: fcntl reports bad descriptors through errno.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags < 0 {
            return Err(last_errno());
        }
        let new = if blocking { flags & !libc::O_NONBLOCK } else { flags | libc::O_NONBLOCK };
        if new != flags && libc::fcntl(fd, libc::F_SETFL, new) < 0 {
            return Err(last_errno());
        }
    }
    Ok(())
}

fn getsockopt_int(fd: libc::c_int, level: libc::c_int, opt: libc::c_int) -> Result<libc::c_int, i32> {
    let mut v: libc::c_int = 0;
    let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: v and len are valid out-pointers.
    if unsafe { libc::getsockopt(fd, level, opt, &mut v as *mut _ as *mut libc::c_void, &mut len) } < 0 {
        return Err(last_errno());
    }
    Ok(v)
}

/// Fill a socket object's state from a descriptor (CPython's
/// `init_sockobject`): the type loses its SOCK_NONBLOCK/SOCK_CLOEXEC bits,
/// the timeout is the default one (the descriptor is made non-blocking
/// when that is not None).
fn init_sockobject(vm: &mut Vm, this: &Value, fd: libc::c_int, family: libc::c_int, type_: libc::c_int, proto: libc::c_int) -> PyResult<()> {
    let default = DEFAULT_TIMEOUT.with(|d| d.get());
    let timeout = if type_ & libc::SOCK_NONBLOCK != 0 { 0 } else { default };
    if type_ & libc::SOCK_NONBLOCK == 0 && default >= 0 {
        if let Err(e) = set_blocking_fd(fd, false) {
            return Err(errno_err(vm, e));
        }
    }
    let old = with_sock(vm, this, |s| {
        let old = s.fd;
        s.fd = fd;
        s.family = family;
        s.type_ = type_ & !(libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC);
        s.proto = proto;
        s.timeout = timeout;
        old
    })?;
    if old >= 0 && old != fd {
        // SAFETY: re-initialising a socket object drops its old descriptor.
        unsafe { libc::close(old) };
    }
    Ok(())
}

fn sock_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = this_value(vm, a, "__init__")?.clone();
    let s = bind(vm, &rest(a), "socket", &["family", "type", "proto", "fileno"], 0, 4)?;
    let mut family = match &s[0] {
        Some(v) => c_int_of(vm, v)?,
        None => -1,
    };
    let mut type_ = match &s[1] {
        Some(v) => c_int_of(vm, v)?,
        None => -1,
    };
    let mut proto = match &s[2] {
        Some(v) => c_int_of(vm, v)?,
        None => -1,
    };
    let fd = match &s[3] {
        Some(v) if !v.is_none() => {
            let fd = int_of(vm, v)?;
            if fd < 0 {
                return Err(vm.value_error("negative file descriptor"));
            }
            let fd = fd as libc::c_int;
            // Ask the descriptor for what was not given.
            let ask = |opt| getsockopt_int(fd, libc::SOL_SOCKET, opt);
            if family == -1 {
                family = ask(libc::SO_DOMAIN).map_err(|e| errno_err(vm, e))?;
            }
            if type_ == -1 {
                type_ = ask(libc::SO_TYPE).map_err(|e| errno_err(vm, e))?;
            }
            if proto == -1 {
                proto = ask(libc::SO_PROTOCOL).map_err(|e| errno_err(vm, e))?;
            }
            fd
        }
        _ => {
            if family == -1 {
                family = libc::AF_INET;
            }
            if type_ == -1 {
                type_ = libc::SOCK_STREAM;
            }
            if proto == -1 {
                proto = 0;
            }
            // SAFETY: socket reports failure through errno.
            let fd = unsafe { libc::socket(family, type_ | libc::SOCK_CLOEXEC, proto) };
            if fd < 0 {
                return Err(errno_err(vm, last_errno()));
            }
            fd
        }
    };
    init_sockobject(vm, &this, fd, family, type_, proto)?;
    Ok(Value::None)
}

/// A new `_socket.socket` over `fd`.
fn new_socket(vm: &mut Vm, fd: libc::c_int, family: libc::c_int, type_: libc::c_int, proto: libc::c_int) -> PyResult<Value> {
    let cls = SOCKET_TYPE.with(|t| t.borrow().clone()).expect("_socket is initialized");
    let v = native::new_opaque(vm, &cls, Sock { fd: -1, family, type_, proto, timeout: -1 });
    if let Err(e) = init_sockobject(vm, &v, fd, family, type_, proto) {
        // SAFETY: the descriptor was never handed out.
        unsafe { libc::close(fd) };
        return Err(e);
    }
    Ok(v)
}

fn sock_repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = info(vm, a, "__repr__")?;
    Ok(vm.new_str(&format!("<socket object, fd={}, family={}, type={}, proto={}>", s.fd, s.family, s.type_, s.proto)))
}

// ---- attributes ------------------------------------------------------------------------------

fn member(vm: &mut Vm, a: &Args, name: &str) -> PyResult<Info> {
    match a.pos.first() {
        Some(v) if native::opaque::<Sock>(v).is_some() => info(vm, a, name),
        Some(v) => Err(vm.type_error(format!("descriptor '{name}' for '{CLS}' objects doesn't apply to a '{}' object", vm.type_name(v)))),
        None => Err(vm.type_error(format!("descriptor '{name}' of '{CLS}' object needs an argument"))),
    }
}

fn sock_family(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Int(member(vm, a, "family")?.family as i64))
}

fn sock_type(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Int(member(vm, a, "type")?.type_ as i64))
}

fn sock_proto(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Int(member(vm, a, "proto")?.proto as i64))
}

fn timeout_value(ns: i64) -> Value {
    if ns < 0 {
        Value::None
    } else {
        Value::Float(ns as f64 / 1e9)
    }
}

fn sock_timeout_attr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(timeout_value(member(vm, a, "timeout")?.timeout))
}

fn sock_gettimeout(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(timeout_value(info(vm, a, "gettimeout")?.timeout))
}

fn sock_getblocking(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Bool(info(vm, a, "getblocking")?.timeout != 0))
}

fn sock_fileno(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    Ok(Value::Int(info(vm, a, "fileno")?.fd as i64))
}

/// A timeout argument: None is -1; negative values are an error.
fn timeout_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match timeout_ns(vm, v, &format!("'{}' object cannot be interpreted as an integer", vm.type_name(v)))? {
        None => Ok(-1),
        Some(ns) if ns < 0 => Err(vm.value_error("Timeout value out of range")),
        Some(ns) => Ok(ns.min(i64::MAX as i128) as i64),
    }
}

fn apply_timeout(vm: &mut Vm, this: &Value, fd: libc::c_int, timeout: i64) -> PyResult<Value> {
    with_sock(vm, this, |s| s.timeout = timeout)?;
    if fd >= 0 {
        if let Err(e) = set_blocking_fd(fd, timeout < 0) {
            return Err(errno_err(vm, e));
        }
    }
    Ok(Value::None)
}

fn sock_settimeout(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = info(vm, a, "settimeout")?;
    let this = a.pos[0].clone();
    let args = pos_args(vm, a, "settimeout", 1, 1)?;
    let t = timeout_arg(vm, &args[0])?;
    apply_timeout(vm, &this, s.fd, t)
}

fn sock_setblocking(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = info(vm, a, "setblocking")?;
    let this = a.pos[0].clone();
    let args = pos_args(vm, a, "setblocking", 1, 1)?;
    let block = vm.truthy(&args[0])?;
    apply_timeout(vm, &this, s.fd, if block { -1 } else { 0 })
}

// ---- operations --------------------------------------------------------------------------

fn sock_close(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = this_value(vm, a, "close")?.clone();
    let fd = with_sock(vm, &this, |s| std::mem::replace(&mut s.fd, -1))?;
    if fd >= 0 {
        // SAFETY: the socket owned the descriptor.
        if unsafe { libc::close(fd) } < 0 {
            let e = last_errno();
            // ECONNRESET is not an error here (bpo-30319).
            if e != libc::ECONNRESET {
                return Err(errno_err(vm, e));
            }
        }
    }
    Ok(Value::None)
}

fn sock_detach(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let this = this_value(vm, a, "detach")?.clone();
    let fd = with_sock(vm, &this, |s| std::mem::replace(&mut s.fd, -1))?;
    Ok(Value::Int(fd as i64))
}

fn sock_bind(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = info(vm, a, "bind")?;
    let args = pos_args(vm, a, "bind", 1, 1)?;
    let addr = sockaddr_arg(vm, s.family, &args[0], "bind")?;
    // SAFETY: addr holds a valid address of addr.len bytes.
    if unsafe { libc::bind(s.fd, addr.ptr(), addr.len) } < 0 {
        return Err(errno_err(vm, last_errno()));
    }
    Ok(Value::None)
}

fn sock_listen(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = info(vm, a, "listen")?;
    let args = pos_args(vm, a, "listen", 0, 1)?;
    let backlog = match args.first() {
        Some(v) => c_int_of(vm, v)?.max(0),
        None => libc::SOMAXCONN.min(128),
    };
    // SAFETY: listen reports failure through errno.
    if unsafe { libc::listen(s.fd, backlog) } < 0 {
        return Err(errno_err(vm, last_errno()));
    }
    Ok(Value::None)
}

fn sock_accept(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = info(vm, a, "_accept")?;
    let mut addr = SockAddr::zeroed();
    let r = {
        let addr_ptr = addr.mut_ptr();
        let len_ptr = &mut addr.len as *mut libc::socklen_t;
        // SAFETY: addr and len are valid out-pointers for accept4.
        sock_call(vm, &s, false, false, None, || unsafe {
            *len_ptr = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
            libc::accept4(s.fd, addr_ptr, len_ptr, libc::SOCK_CLOEXEC) as isize
        })
    };
    let fd = r.map_err(|e| e.raise(vm))? as libc::c_int;
    let addr_v = make_sockaddr(vm, &addr);
    Ok(vm.new_tuple(vec![Value::Int(fd as i64), addr_v]))
}

/// connect(2) as CPython's `internal_connect`: Ok(0) when connected, or
/// the errno (`raise` false: connect_ex), with the timeout rules.
fn internal_connect(vm: &mut Vm, s: &Info, addr: &SockAddr, raise: bool) -> PyResult<i32> {
    // SAFETY: addr holds a valid address.
    let mut r = unsafe { libc::connect(s.fd, addr.ptr(), addr.len) };
    let mut err = if r < 0 { last_errno() } else { 0 };
    if r == 0 {
        return Ok(0);
    }
    // A blocking connect interrupted by a signal continues asynchronously.
    let wait = (err == libc::EINTR && s.timeout != 0) || (err == libc::EINPROGRESS && s.timeout != 0);
    if err == libc::EINTR {
        crate::vm::finalize::check_sigint(vm)?;
    }
    if !wait {
        if raise {
            return Err(errno_err(vm, err));
        }
        return Ok(err);
    }
    let fd = s.fd;
    let res = sock_call(vm, s, true, true, None, || {
        match getsockopt_int(fd, libc::SOL_SOCKET, libc::SO_ERROR) {
            Ok(0) => 0,
            Ok(e) => {
                // SAFETY: setting errno for sock_call to read.
                unsafe { *libc::__errno_location() = if e == libc::EINTR { libc::EINTR } else { e } };
                -1
            }
            Err(_) => -1,
        }
    });
    match res {
        Ok(_) => {
            r = 0;
            err = 0;
        }
        Err(CallErr::Errno(e)) => {
            r = -1;
            err = e;
        }
        Err(CallErr::Timeout) => {
            if raise {
                return Err(timeout_err(vm));
            }
            return Ok(libc::EWOULDBLOCK);
        }
        Err(CallErr::Py(e)) => return Err(e),
    }
    if r < 0 && raise {
        return Err(errno_err(vm, err));
    }
    Ok(err)
}

fn sock_connect(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = info(vm, a, "connect")?;
    let args = pos_args(vm, a, "connect", 1, 1)?;
    let addr = sockaddr_arg(vm, s.family, &args[0], "connect")?;
    internal_connect(vm, &s, &addr, true)?;
    Ok(Value::None)
}

fn sock_connect_ex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = info(vm, a, "connect_ex")?;
    let args = pos_args(vm, a, "connect_ex", 1, 1)?;
    let addr = sockaddr_arg(vm, s.family, &args[0], "connect_ex")?;
    Ok(Value::Int(internal_connect(vm, &s, &addr, false)? as i64))
}

fn name_call(vm: &mut Vm, a: &Args, method: &str, peer: bool) -> PyResult<Value> {
    let s = info(vm, a, method)?;
    native::positional(vm, &rest(a), method, 0, 0)?;
    let mut addr = SockAddr::zeroed();
    // SAFETY: addr and its length are valid out-pointers.
    let r = unsafe {
        if peer {
            libc::getpeername(s.fd, addr.mut_ptr(), &mut addr.len)
        } else {
            libc::getsockname(s.fd, addr.mut_ptr(), &mut addr.len)
        }
    };
    if r < 0 {
        return Err(errno_err(vm, last_errno()));
    }
    Ok(make_sockaddr(vm, &addr))
}

fn sock_getsockname(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    name_call(vm, a, "getsockname", false)
}

fn sock_getpeername(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    name_call(vm, a, "getpeername", true)
}

fn sock_shutdown(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = info(vm, a, "shutdown")?;
    let args = pos_args(vm, a, "shutdown", 1, 1)?;
    let how = c_int_of(vm, &args[0])?;
    // SAFETY: shutdown reports failure through errno.
    if unsafe { libc::shutdown(s.fd, how) } < 0 {
        return Err(errno_err(vm, last_errno()));
    }
    Ok(Value::None)
}

fn flags_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<libc::c_int> {
    match v {
        Some(v) => c_int_of(vm, v),
        None => Ok(0),
    }
}

fn recv_common(vm: &mut Vm, s: &Info, n: usize, flags: libc::c_int, with_addr: bool) -> PyResult<(Vec<u8>, Value)> {
    let mut buf = vec![0u8; n];
    let mut addr = SockAddr::zeroed();
    let r = {
        let buf_ptr = buf.as_mut_ptr();
        let addr_ptr = addr.mut_ptr();
        let len_ptr = &mut addr.len as *mut libc::socklen_t;
        sock_call(vm, s, false, false, None, || {
            // SAFETY: buf has n bytes; addr/len are valid out-pointers.
            unsafe {
                if with_addr {
                    *len_ptr = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
                    libc::recvfrom(s.fd, buf_ptr as *mut libc::c_void, n, flags, addr_ptr, len_ptr)
                } else {
                    libc::recv(s.fd, buf_ptr as *mut libc::c_void, n, flags)
                }
            }
        })
    };
    let got = r.map_err(|e| e.raise(vm))? as usize;
    buf.truncate(got);
    let addr_v = if with_addr { make_sockaddr(vm, &addr) } else { Value::None };
    Ok((buf, addr_v))
}

fn size_arg(vm: &mut Vm, v: &Value, what: &str) -> PyResult<usize> {
    let n = int_of(vm, v)?;
    if n < 0 {
        return Err(vm.value_error(format!("negative buffersize in {what}")));
    }
    Ok(n as usize)
}

fn sock_recv(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = info(vm, a, "recv")?;
    let args = pos_args(vm, a, "recv", 1, 2)?;
    let n = size_arg(vm, &args[0], "recv")?;
    let flags = flags_arg(vm, args.get(1))?;
    let (data, _) = recv_common(vm, &s, n, flags, false)?;
    Ok(crate::objects::bytes::new_bytes(vm, data))
}

fn sock_recvfrom(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = info(vm, a, "recvfrom")?;
    let args = pos_args(vm, a, "recvfrom", 1, 2)?;
    let n = size_arg(vm, &args[0], "recvfrom")?;
    let flags = flags_arg(vm, args.get(1))?;
    let (data, addr) = recv_common(vm, &s, n, flags, true)?;
    let b = crate::objects::bytes::new_bytes(vm, data);
    Ok(vm.new_tuple(vec![b, addr]))
}

/// The writable buffer and how much of it to fill (`recv_into`,
/// `recvfrom_into`).
fn into_args(vm: &mut Vm, a: &Args, method: &str) -> PyResult<(Value, usize, libc::c_int)> {
    let s = bind(vm, &rest(a), method, &["buffer", "nbytes", "flags"], 1, 3)?;
    let buf = s[0].clone().unwrap_or(Value::None);
    let writable = match buf.payload() {
        Some(Payload::ByteArray(_)) => true,
        Some(Payload::MemoryView(_)) => !matches!(vm.getattr(&buf, &crate::vm::str_key("readonly"))?, Value::Bool(true)),
        _ => false,
    };
    if !writable {
        return Err(vm.type_error(format!("{method}() argument 1 must be read-write bytes-like object, not {}", vm.type_name(&buf))));
    }
    let cap = crate::modules::io::buffer_len(vm, &buf, method)?;
    let n = match &s[1] {
        Some(v) => {
            let n = int_of(vm, v)?;
            if n < 0 {
                return Err(vm.value_error(format!("negative buffersize in {method}")));
            }
            n as usize
        }
        None => 0,
    };
    let n = if n == 0 { cap } else { n };
    if n > cap {
        return Err(vm.value_error(if method == "recv_into" { "buffer too small for requested bytes".to_string() } else { "nbytes is greater than the length of the buffer".to_string() }));
    }
    let flags = flags_arg(vm, s[2].as_ref())?;
    Ok((buf, n, flags))
}

fn sock_recv_into(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = info(vm, a, "recv_into")?;
    let (buf, n, flags) = into_args(vm, a, "recv_into")?;
    let (data, _) = recv_common(vm, &s, n, flags, false)?;
    crate::modules::io::fill_buffer(vm, &buf, &data, "recv_into")?;
    Ok(Value::Int(data.len() as i64))
}

fn sock_recvfrom_into(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = info(vm, a, "recvfrom_into")?;
    let (buf, n, flags) = into_args(vm, a, "recvfrom_into")?;
    let (data, addr) = recv_common(vm, &s, n, flags, true)?;
    crate::modules::io::fill_buffer(vm, &buf, &data, "recvfrom_into")?;
    Ok(vm.new_tuple(vec![Value::Int(data.len() as i64), addr]))
}

fn send_once(vm: &mut Vm, s: &Info, data: &[u8], flags: libc::c_int, to: Option<&SockAddr>, timeout: Option<i64>) -> Result<usize, CallErr> {
    let r = sock_call(vm, s, true, false, timeout, || {
        // SAFETY: data is a valid buffer; the address (if any) is valid.
        unsafe {
            match to {
                Some(addr) => libc::sendto(s.fd, data.as_ptr() as *const libc::c_void, data.len(), flags, addr.ptr(), addr.len),
                None => libc::send(s.fd, data.as_ptr() as *const libc::c_void, data.len(), flags),
            }
        }
    })?;
    Ok(r as usize)
}

fn sock_send(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = info(vm, a, "send")?;
    let args = pos_args(vm, a, "send", 1, 2)?;
    let data = native::buffer(vm, &args[0])?;
    let flags = flags_arg(vm, args.get(1))?;
    let n = send_once(vm, &s, &data, flags, None, None).map_err(|e| e.raise(vm))?;
    Ok(Value::Int(n as i64))
}

fn sock_sendall(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = info(vm, a, "sendall")?;
    let args = pos_args(vm, a, "sendall", 1, 2)?;
    let data = native::buffer(vm, &args[0])?;
    let flags = flags_arg(vm, args.get(1))?;
    let deadline = if s.timeout > 0 { Some(Instant::now() + Duration::from_nanos(s.timeout as u64)) } else { None };
    let mut done = 0;
    loop {
        let timeout = match deadline {
            Some(d) => {
                let left = d.saturating_duration_since(Instant::now()).as_nanos() as i64;
                if left <= 0 {
                    return Err(timeout_err(vm));
                }
                Some(left)
            }
            None => None,
        };
        let n = send_once(vm, &s, &data[done..], flags, None, timeout).map_err(|e| e.raise(vm))?;
        done += n;
        crate::vm::finalize::check_sigint(vm)?;
        if done >= data.len() {
            return Ok(Value::None);
        }
    }
}

fn sock_sendto(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = info(vm, a, "sendto")?;
    if !a.kw.is_empty() {
        return Err(vm.type_error("sendto() takes no keyword arguments"));
    }
    let args = &a.pos[1..];
    let (data_v, flags_v, addr_v) = match args.len() {
        2 => (&args[0], None, &args[1]),
        3 => (&args[0], Some(&args[1]), &args[2]),
        n => return Err(vm.type_error(format!("sendto() takes 2 or 3 arguments ({n} given)"))),
    };
    let data = native::buffer(vm, data_v)?;
    let flags = flags_arg(vm, flags_v)?;
    let addr = sockaddr_arg(vm, s.family, addr_v, "sendto")?;
    let n = send_once(vm, &s, &data, flags, Some(&addr), None).map_err(|e| e.raise(vm))?;
    Ok(Value::Int(n as i64))
}

fn sock_setsockopt(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = info(vm, a, "setsockopt")?;
    let args = pos_args(vm, a, "setsockopt", 3, 4)?;
    let level = c_int_of(vm, &args[0])?;
    let opt = c_int_of(vm, &args[1])?;
    // SAFETY (all branches): the value pointer covers the given length.
    let r = if args.len() == 4 {
        if !args[2].is_none() {
            return Err(vm.type_error(format!("setsockopt() argument 3 must be NoneType, not {}", vm.type_name(&args[2]))));
        }
        let optlen = int_of(vm, &args[3])? as libc::socklen_t;
        unsafe { libc::setsockopt(s.fd, level, opt, std::ptr::null(), optlen) }
    } else if let Some(n) = crate::vm::ops::as_i64(&args[2]) {
        let v = n as libc::c_int;
        unsafe { libc::setsockopt(s.fd, level, opt, &v as *const _ as *const libc::c_void, std::mem::size_of::<libc::c_int>() as libc::socklen_t) }
    } else {
        let buf = native::buffer(vm, &args[2])?;
        unsafe { libc::setsockopt(s.fd, level, opt, buf.as_ptr() as *const libc::c_void, buf.len() as libc::socklen_t) }
    };
    if r < 0 {
        return Err(errno_err(vm, last_errno()));
    }
    Ok(Value::None)
}

fn sock_getsockopt(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = info(vm, a, "getsockopt")?;
    let args = pos_args(vm, a, "getsockopt", 2, 3)?;
    let level = c_int_of(vm, &args[0])?;
    let opt = c_int_of(vm, &args[1])?;
    let buflen = match args.get(2) {
        Some(v) => int_of(vm, v)?,
        None => 0,
    };
    match (buflen != 0).then_some(buflen) {
        None => match getsockopt_int(s.fd, level, opt) {
            Ok(v) => Ok(Value::Int(v as i64)),
            Err(e) => Err(errno_err(vm, e)),
        },
        Some(n) => {
            if n <= 0 || n > 1024 {
                return Err(plain_os_error(vm, "getsockopt buflen out of range"));
            }
            let mut buf = vec![0u8; n as usize];
            let mut len = n as libc::socklen_t;
            // SAFETY: buf has len bytes.
            if unsafe { libc::getsockopt(s.fd, level, opt, buf.as_mut_ptr() as *mut libc::c_void, &mut len) } < 0 {
                return Err(errno_err(vm, last_errno()));
            }
            buf.truncate(len as usize);
            Ok(crate::objects::bytes::new_bytes(vm, buf))
        }
    }
}

// ---- module functions ---------------------------------------------------------------------

fn close_fd(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = native::positional(vm, a, "close", 1, 1)?;
    let fd = c_int_of(vm, &args[0])?;
    // SAFETY: closing a descriptor the caller names.
    if unsafe { libc::close(fd) } < 0 {
        let e = last_errno();
        if e != libc::ECONNRESET {
            return Err(errno_err(vm, e));
        }
    }
    Ok(Value::None)
}

fn dup_fd(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = native::positional(vm, a, "dup", 1, 1)?;
    let fd = c_int_of(vm, &args[0])?;
    // SAFETY: fcntl reports bad descriptors through errno.
    let r = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    if r < 0 {
        return Err(errno_err(vm, last_errno()));
    }
    Ok(Value::Int(r as i64))
}

fn socketpair(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error("socketpair() takes no keyword arguments"));
    }
    if a.pos.len() > 3 {
        return Err(vm.type_error(format!("socketpair() takes at most 3 arguments ({} given)", a.pos.len())));
    }
    let family = match a.pos.first() {
        Some(v) => c_int_of(vm, v)?,
        None => libc::AF_UNIX,
    };
    let type_ = match a.pos.get(1) {
        Some(v) => c_int_of(vm, v)?,
        None => libc::SOCK_STREAM,
    };
    let proto = match a.pos.get(2) {
        Some(v) => c_int_of(vm, v)?,
        None => 0,
    };
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: fds has room for two descriptors.
    if unsafe { libc::socketpair(family, type_ | libc::SOCK_CLOEXEC, proto, fds.as_mut_ptr()) } < 0 {
        return Err(errno_err(vm, last_errno()));
    }
    let s0 = match new_socket(vm, fds[0], family, type_, proto) {
        Ok(s) => s,
        Err(e) => {
            // SAFETY: the second descriptor was never handed out.
            unsafe { libc::close(fds[1]) };
            return Err(e);
        }
    };
    let s1 = new_socket(vm, fds[1], family, type_, proto)?;
    Ok(vm.new_tuple(vec![s0, s1]))
}

fn getdefaulttimeout(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    native::positional(vm, a, "getdefaulttimeout", 0, 0)?;
    Ok(timeout_value(DEFAULT_TIMEOUT.with(|d| d.get())))
}

fn setdefaulttimeout(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = native::positional(vm, a, "setdefaulttimeout", 1, 1)?;
    let t = timeout_arg(vm, &args[0])?;
    DEFAULT_TIMEOUT.with(|d| d.set(t));
    Ok(Value::None)
}

fn gethostname(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    native::positional(vm, a, "gethostname", 0, 0)?;
    let mut buf = [0 as libc::c_char; 1024];
    // SAFETY: buf has room; the result is NUL-terminated within it.
    if unsafe { libc::gethostname(buf.as_mut_ptr(), buf.len() - 1) } < 0 {
        return Err(errno_err(vm, last_errno()));
    }
    let s = cstr_lossy(buf.as_ptr());
    Ok(vm.new_str(&s))
}

fn str_arg(vm: &mut Vm, v: &Value, fname: &str, n: usize) -> PyResult<String> {
    match v.as_str() {
        Some(s) => Ok(s.to_string_lossy()),
        None => Err(vm.type_error(format!("{fname}() argument {n} must be str, not {}", vm.type_name(v)))),
    }
}

fn addr_string(a: &SockAddr) -> String {
    match a.storage.ss_family as libc::c_int {
        libc::AF_INET6 => {
            // SAFETY: the family says this is a sockaddr_in6.
            let sin6 = unsafe { &*(a.ptr() as *const libc::sockaddr_in6) };
            ntop(libc::AF_INET6, &sin6.sin6_addr as *const _ as *const libc::c_void)
        }
        _ => {
            // SAFETY: otherwise a sockaddr_in (setipaddr makes only these).
            let sin = unsafe { &*(a.ptr() as *const libc::sockaddr_in) };
            ntop(libc::AF_INET, &sin.sin_addr as *const _ as *const libc::c_void)
        }
    }
}

fn gethostbyname(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = native::positional(vm, a, "gethostbyname", 1, 1)?;
    let name = host_bytes(vm, &args[0])?;
    let addr = setipaddr(vm, &name, libc::AF_INET)?;
    Ok(vm.new_str(&addr_string(&addr)))
}


/// `(name, aliases, addresses)` from a hostent (`gethost_common`).
fn hostent_value(vm: &mut Vm, h: &libc::hostent) -> Value {
    let name = vm.new_str(&cstr_lossy(h.h_name));
    let mut aliases = Vec::new();
    let mut p = h.h_aliases;
    // SAFETY: NULL-terminated arrays from the resolver.
    unsafe {
        while !p.is_null() && !(*p).is_null() {
            aliases.push(vm.new_str(&cstr_lossy(*p)));
            p = p.add(1);
        }
    }
    let mut addrs = Vec::new();
    let mut q = h.h_addr_list;
    // SAFETY: as above; each entry has h_length bytes.
    unsafe {
        while !q.is_null() && !(*q).is_null() {
            addrs.push(vm.new_str(&ntop(h.h_addrtype, *q as *const libc::c_void)));
            q = q.add(1);
        }
    }
    let al = vm.new_list(aliases);
    let ad = vm.new_list(addrs);
    vm.new_tuple(vec![name, al, ad])
}

fn gethostbyname_ex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = native::positional(vm, a, "gethostbyname_ex", 1, 1)?;
    let name = host_bytes(vm, &args[0])?;
    setipaddr(vm, &name, libc::AF_INET)?;
    let c = CString::new(name).map_err(|_| vm.value_error("embedded null character"))?;
    // SAFETY: hostent is plain data; buf is the resolver's scratch space.
    let mut he: libc::hostent = unsafe { std::mem::zeroed() };
    let mut buf = vec![0 as libc::c_char; 16384];
    let mut result: *mut libc::hostent = std::ptr::null_mut();
    let mut herr: libc::c_int = 0;
    // SAFETY: every pointer is valid for the call.
    unsafe { ffi::gethostbyname_r(c.as_ptr(), &mut he, buf.as_mut_ptr(), buf.len(), &mut result, &mut herr) };
    if result.is_null() {
        return Err(h_error(vm, herr));
    }
    Ok(hostent_value(vm, &he))
}

fn gethostbyaddr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = native::positional(vm, a, "gethostbyaddr", 1, 1)?;
    let name = host_bytes(vm, &args[0])?;
    let addr = setipaddr(vm, &name, libc::AF_UNSPEC)?;
    let (ptr, len, fam) = match addr.storage.ss_family as libc::c_int {
        libc::AF_INET6 => {
            // SAFETY: the family says this is a sockaddr_in6.
            let sin6 = unsafe { &*(addr.ptr() as *const libc::sockaddr_in6) };
            (&sin6.sin6_addr as *const _ as *const libc::c_void, 16, libc::AF_INET6)
        }
        _ => {
            // SAFETY: a sockaddr_in.
            let sin = unsafe { &*(addr.ptr() as *const libc::sockaddr_in) };
            (&sin.sin_addr as *const _ as *const libc::c_void, 4, libc::AF_INET)
        }
    };
    // SAFETY: as in gethostbyname_ex.
    let mut he: libc::hostent = unsafe { std::mem::zeroed() };
    let mut buf = vec![0 as libc::c_char; 16384];
    let mut result: *mut libc::hostent = std::ptr::null_mut();
    let mut herr: libc::c_int = 0;
    // SAFETY: every pointer is valid for the call.
    unsafe { ffi::gethostbyaddr_r(ptr, len, fam, &mut he, buf.as_mut_ptr(), buf.len(), &mut result, &mut herr) };
    if result.is_null() {
        return Err(h_error(vm, herr));
    }
    Ok(hostent_value(vm, &he))
}

fn getaddrinfo(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = bind(vm, a, "getaddrinfo", &["host", "port", "family", "type", "proto", "flags"], 2, 6)?;
    let host_v = s[0].clone().unwrap_or(Value::None);
    let port_v = s[1].clone().unwrap_or(Value::None);
    let host = if host_v.is_none() {
        None
    } else if host_v.as_str().is_some() || matches!(host_v.payload(), Some(Payload::Bytes(_))) {
        Some(host_bytes(vm, &host_v)?)
    } else {
        return Err(vm.type_error("getaddrinfo() argument 1 must be string or None"));
    };
    let port: Option<Vec<u8>> = if port_v.is_none() {
        None
    } else if let Some(n) = crate::vm::ops::as_big(&port_v) {
        Some(n.to_string().into_bytes())
    } else if let Some(st) = port_v.as_str() {
        Some(st.to_string_lossy().into_bytes())
    } else if let Some(Payload::Bytes(b)) = port_v.payload() {
        Some(b.to_vec())
    } else {
        return Err(plain_os_error(vm, "Int or String expected"));
    };
    let mut ints = [0 as libc::c_int; 4];
    for (i, slot) in ints.iter_mut().enumerate() {
        if let Some(v) = &s[2 + i] {
            *slot = c_int_of(vm, v)?;
        }
    }
    let [family, socktype, proto, flags] = ints;
    let h = hints(family, socktype, proto, flags);
    let res = gai(vm, host.as_deref(), port.as_deref(), &h)?;
    let mut out = Vec::new();
    for ai in res.iter() {
        let mut sa = SockAddr::zeroed();
        copy_addr(&mut sa, ai);
        let addr = make_sockaddr(vm, &sa);
        let canon = vm.new_str(&cstr_lossy(ai.ai_canonname));
        out.push(vm.new_tuple(vec![
            Value::Int(ai.ai_family as i64),
            Value::Int(ai.ai_socktype as i64),
            Value::Int(ai.ai_protocol as i64),
            canon,
            addr,
        ]));
    }
    Ok(vm.new_list(out))
}

fn getnameinfo(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = native::positional(vm, a, "getnameinfo", 2, 2)?.to_vec();
    let Some(Payload::Tuple(t)) = args[0].payload() else {
        return Err(vm.type_error("getnameinfo() argument 1 must be a tuple"));
    };
    let t = t.to_vec();
    let flags = c_int_of(vm, &args[1])?;
    if !(2..=4).contains(&t.len()) {
        return Err(vm.type_error(format!("getnameinfo(): illegal sockaddr argument")));
    }
    let host = str_arg(vm, &t[0], "getnameinfo", 1)?;
    let port = int_of(vm, &t[1])?;
    let flowinfo = match t.get(2) {
        Some(v) => int_of(vm, v)?,
        None => 0,
    };
    let scope_id = match t.get(3) {
        Some(v) => int_of(vm, v)?,
        None => 0,
    };
    if !(0..=0xfffff).contains(&flowinfo) {
        return Err(vm.overflow_error("getnameinfo(): flowinfo must be 0-1048575."));
    }
    let h = hints(libc::AF_UNSPEC, libc::SOCK_DGRAM, 0, libc::AI_NUMERICHOST);
    let res = gai(vm, Some(host.as_bytes()), Some(port.to_string().as_bytes()), &h)?;
    let items: Vec<&libc::addrinfo> = res.iter().collect();
    if items.len() > 1 {
        return Err(plain_os_error(vm, "sockaddr resolved to multiple addresses"));
    }
    let mut sa = SockAddr::zeroed();
    copy_addr(&mut sa, items[0]);
    match sa.storage.ss_family as libc::c_int {
        libc::AF_INET => {
            if t.len() != 2 {
                return Err(plain_os_error(vm, "IPv4 sockaddr must be 2 tuple"));
            }
        }
        libc::AF_INET6 => {
            let sin6 = sin6_mut(&mut sa);
            sin6.sin6_flowinfo = (flowinfo as u32).to_be();
            sin6.sin6_scope_id = scope_id as u32;
        }
        _ => {}
    }
    let mut hbuf = [0 as libc::c_char; 1025];
    let mut pbuf = [0 as libc::c_char; 32];
    // SAFETY: the address and the buffers are valid for the call.
    let r = unsafe { libc::getnameinfo(sa.ptr(), sa.len, hbuf.as_mut_ptr(), hbuf.len() as libc::socklen_t, pbuf.as_mut_ptr(), pbuf.len() as libc::socklen_t, flags) };
    if r != 0 {
        return Err(gai_error(vm, r));
    }
    let h = vm.new_str(&cstr_lossy(hbuf.as_ptr()));
    let p = vm.new_str(&cstr_lossy(pbuf.as_ptr()));
    Ok(vm.new_tuple(vec![h, p]))
}

fn getservbyname(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = native::positional(vm, a, "getservbyname", 1, 2)?.to_vec();
    let name = str_arg(vm, &args[0], "getservbyname", 1)?;
    let proto = match args.get(1) {
        Some(v) => Some(str_arg(vm, v, "getservbyname", 2)?),
        None => None,
    };
    let n = CString::new(name).map_err(|_| vm.value_error("embedded null character"))?;
    let p = proto.map(CString::new).transpose().map_err(|_| vm.value_error("embedded null character"))?;
    // SAFETY: NUL-terminated strings; the result is static storage.
    let se = unsafe { libc::getservbyname(n.as_ptr(), p.as_ref().map(|c| c.as_ptr()).unwrap_or(std::ptr::null())) };
    if se.is_null() {
        return Err(plain_os_error(vm, "service/proto not found"));
    }
    // SAFETY: a valid servent.
    Ok(Value::Int(u16::from_be(unsafe { (*se).s_port } as u16) as i64))
}

fn getservbyport(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = native::positional(vm, a, "getservbyport", 1, 2)?.to_vec();
    let port = int_of(vm, &args[0])?;
    if !(0..=0xffff).contains(&port) {
        return Err(vm.overflow_error("getservbyport: port must be 0-65535."));
    }
    let proto = match args.get(1) {
        Some(v) => Some(str_arg(vm, v, "getservbyport", 2)?),
        None => None,
    };
    let p = proto.map(CString::new).transpose().map_err(|_| vm.value_error("embedded null character"))?;
    // SAFETY: as in getservbyname.
    let se = unsafe { libc::getservbyport((port as u16).to_be() as libc::c_int, p.as_ref().map(|c| c.as_ptr()).unwrap_or(std::ptr::null())) };
    if se.is_null() {
        return Err(plain_os_error(vm, "port/proto not found"));
    }
    // SAFETY: a valid servent.
    let name = cstr_lossy(unsafe { (*se).s_name });
    Ok(vm.new_str(&name))
}

fn getprotobyname(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = native::positional(vm, a, "getprotobyname", 1, 1)?.to_vec();
    let name = str_arg(vm, &args[0], "getprotobyname", 1)?;
    let n = CString::new(name).map_err(|_| vm.value_error("embedded null character"))?;
    // SAFETY: NUL-terminated; the result is static storage.
    let pe = unsafe { libc::getprotobyname(n.as_ptr()) };
    if pe.is_null() {
        return Err(plain_os_error(vm, "protocol not found"));
    }
    // SAFETY: a valid protoent.
    Ok(Value::Int(unsafe { (*pe).p_proto } as i64))
}

fn htons(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = native::positional(vm, a, "htons", 1, 1)?;
    let n = crate::builtins::index_big(vm, &args[0])?;
    if n.sign() == num_bigint::Sign::Minus {
        return Err(vm.overflow_error("htons: can't convert negative Python int to C 16-bit unsigned integer"));
    }
    let Some(v) = num_traits::ToPrimitive::to_u16(&n) else {
        return Err(vm.overflow_error("htons: Python int too large to convert to C 16-bit unsigned integer"));
    };
    Ok(Value::Int(v.swap_bytes() as i64))
}

fn htonl(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = native::positional(vm, a, "htonl", 1, 1)?;
    let n = crate::builtins::index_big(vm, &args[0])?;
    if n.sign() == num_bigint::Sign::Minus {
        return Err(vm.overflow_error("can't convert negative value to unsigned int"));
    }
    let Some(v) = num_traits::ToPrimitive::to_u32(&n) else {
        return Err(vm.overflow_error("int larger than 32 bits"));
    };
    Ok(Value::Int(v.swap_bytes() as i64))
}

fn inet_aton(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = native::positional(vm, a, "inet_aton", 1, 1)?;
    let s = str_arg(vm, &args[0], "inet_aton", 1)?;
    let c = CString::new(s).map_err(|_| vm.value_error("embedded null character"))?;
    let mut addr = libc::in_addr { s_addr: 0 };
    // SAFETY: c is NUL-terminated; addr is a valid out-pointer.
    if unsafe { ffi::inet_aton(c.as_ptr(), &mut addr) } == 0 {
        return Err(plain_os_error(vm, "illegal IP address string passed to inet_aton"));
    }
    Ok(crate::objects::bytes::new_bytes(vm, addr.s_addr.to_ne_bytes().to_vec()))
}

fn inet_ntoa(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = native::positional(vm, a, "inet_ntoa", 1, 1)?;
    let b = native::buffer(vm, &args[0])?;
    if b.len() != 4 {
        return Err(plain_os_error(vm, "packed IP wrong length for inet_ntoa"));
    }
    Ok(vm.new_str(&format!("{}.{}.{}.{}", b[0], b[1], b[2], b[3])))
}

fn inet_pton(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = native::positional(vm, a, "inet_pton", 2, 2)?.to_vec();
    let af = c_int_of(vm, &args[0])?;
    let s = str_arg(vm, &args[1], "inet_pton", 2)?;
    let c = CString::new(s).map_err(|_| vm.value_error("embedded null character"))?;
    let mut buf = [0u8; 16];
    // SAFETY: buf has room for an IPv6 address.
    let r = unsafe { ffi::inet_pton(af, c.as_ptr(), buf.as_mut_ptr() as *mut libc::c_void) };
    if r < 0 {
        return Err(errno_err(vm, last_errno()));
    }
    if r == 0 {
        return Err(plain_os_error(vm, "illegal IP address string passed to inet_pton"));
    }
    let n = if af == libc::AF_INET { 4 } else { 16 };
    Ok(crate::objects::bytes::new_bytes(vm, buf[..n].to_vec()))
}

fn inet_ntop(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = native::positional(vm, a, "inet_ntop", 2, 2)?.to_vec();
    let af = c_int_of(vm, &args[0])?;
    let b = native::buffer(vm, &args[1])?;
    let want = match af {
        libc::AF_INET => 4,
        libc::AF_INET6 => 16,
        _ => return Err(vm.value_error(format!("unknown address family {af}"))),
    };
    if b.len() != want {
        return Err(vm.value_error("invalid length of packed IP address string"));
    }
    Ok(vm.new_str(&ntop(af, b.as_ptr() as *const libc::c_void)))
}

fn if_nametoindex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = native::positional(vm, a, "if_nametoindex", 1, 1)?;
    let name = crate::modules::posix_proc::fs_bytes(vm, &args[0])?;
    let c = CString::new(name).map_err(|_| vm.value_error("embedded null byte"))?;
    // SAFETY: c is NUL-terminated.
    let i = unsafe { libc::if_nametoindex(c.as_ptr()) };
    if i == 0 {
        return Err(plain_os_error(vm, "no interface with this name"));
    }
    Ok(Value::Int(i as i64))
}

fn if_indextoname(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let args = native::positional(vm, a, "if_indextoname", 1, 1)?;
    let i = int_of(vm, &args[0])?;
    let mut buf = [0 as libc::c_char; libc::IF_NAMESIZE + 1];
    // SAFETY: buf has IF_NAMESIZE bytes.
    let p = unsafe { libc::if_indextoname(i as libc::c_uint, buf.as_mut_ptr()) };
    if p.is_null() {
        return Err(errno_err(vm, last_errno()));
    }
    Ok(vm.new_str(&cstr_lossy(buf.as_ptr())))
}

fn if_nameindex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    native::positional(vm, a, "if_nameindex", 0, 0)?;
    // SAFETY: the list is freed below.
    let list = unsafe { libc::if_nameindex() };
    if list.is_null() {
        return Err(errno_err(vm, last_errno()));
    }
    let mut out = Vec::new();
    let mut p = list;
    // SAFETY: the array ends with a zero entry.
    unsafe {
        while (*p).if_index != 0 {
            let name = vm.new_str(&cstr_lossy((*p).if_name));
            out.push(vm.new_tuple(vec![Value::Int((*p).if_index as i64), name]));
            p = p.add(1);
        }
        libc::if_freenameindex(list);
    }
    Ok(vm.new_list(out))
}

fn cmsg(vm: &mut Vm, a: &Args, fname: &str, space: bool) -> PyResult<Value> {
    let args = native::positional(vm, a, fname, 1, 1)?;
    let n = int_of(vm, &args[0])?;
    if n < 0 || n > u32::MAX as i64 {
        return Err(vm.overflow_error(format!("{fname}() argument out of range")));
    }
    // SAFETY: pure arithmetic macros.
    let r = unsafe {
        if space {
            libc::CMSG_SPACE(n as u32)
        } else {
            libc::CMSG_LEN(n as u32)
        }
    };
    Ok(Value::Int(r as i64))
}

fn cmsg_len(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    cmsg(vm, a, "CMSG_LEN", false)
}

fn cmsg_space(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    cmsg(vm, a, "CMSG_SPACE", true)
}
