# _posixsubprocess.fork_exec used directly (as subprocess.Popen does):
# output through pipes, the PATH search, failures reported through the
# error pipe in CPython's "OSError:<hex errno>:[noexec]" format, cwd, env,
# umask, pass_fds/close_fds, preexec_fn and argument checks.
import os
import _posixsubprocess


def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except BaseException as e:
        print(type(e).__name__, e)


def read_all(fd):
    data = b""
    while True:
        part = os.read(fd, 4096)
        if not part:
            return data
        data += part


def run(args, exe_list, cwd=None, env=None, pass_fds=(), preexec=None, umask=-1, stdin_data=None):
    errpipe_read, errpipe_write = os.pipe()
    c2pread, c2pwrite = os.pipe()
    if stdin_data is not None:
        p2cread, p2cwrite = os.pipe()
    else:
        p2cread = p2cwrite = -1
    fds = tuple(sorted(set(pass_fds) | {errpipe_write}))
    try:
        pid = _posixsubprocess.fork_exec(
            args, exe_list, True, fds, cwd, env,
            p2cread, p2cwrite, c2pread, c2pwrite, -1, -1,
            errpipe_read, errpipe_write,
            True, False, -1, None, None, None, umask, preexec, True)
    finally:
        os.close(errpipe_write)
        os.close(c2pwrite)
        if p2cread != -1:
            os.close(p2cread)
    if stdin_data is not None:
        os.write(p2cwrite, stdin_data)
        os.close(p2cwrite)
    err = read_all(errpipe_read)
    os.close(errpipe_read)
    out = read_all(c2pread)
    os.close(c2pread)
    got, st = os.waitpid(pid, 0)
    print(got == pid, os.waitstatus_to_exitcode(st), out, err)


run([b"/bin/echo", b"hello", "w\u00f6rld"], [b"/bin/echo"])
run(["echo", "found on the path"], [os.path.join(d, b"echo") for d in (b"/nonexistent", b"/usr/bin", b"/bin")])
run(["no_such_program_xyz"], [b"/nonexistent/no_such_program_xyz", b"/also/not/here"])
run(["/etc/passwd"], [b"/etc/passwd"])
run(["/"], [b"/"])
run(["/bin/pwd"], [b"/bin/pwd"], cwd="/")
run(["/bin/pwd"], [b"/bin/pwd"], cwd=b"/nonexistent_directory_xyz")
run(["/bin/sh", "-c", "echo FOO=$FOO BAR=$BAR; exit 7"], [b"/bin/sh"], env=[b"FOO=foo", b"BAR=bar"])
run(["/bin/sh", "-c", "kill -TERM $$"], [b"/bin/sh"])
run(["/bin/cat"], [b"/bin/cat"], stdin_data=b"fed through stdin\n")
run(["/bin/sh", "-c", "umask"], [b"/bin/sh"], umask=0o27)
run(["/bin/sh", "-c", "ls /proc/self/fd | sort -n | tr '\\n' ' '"], [b"/bin/sh"])
keep_r, keep_w = os.pipe()
run(["/bin/sh", "-c", "ls /proc/self/fd | sort -n | tr '\\n' ' '"], [b"/bin/sh"], pass_fds=(keep_r,))
print("still not inheritable here", os.get_inheritable(keep_r))
os.close(keep_r)
os.close(keep_w)


def pre():
    os.environ["FROM_PREEXEC"] = "1"
    os.putenv("FROM_PREEXEC", "yes")


run(["/bin/sh", "-c", "echo preexec=$FROM_PREEXEC"], [b"/bin/sh"], preexec=pre)


def bad():
    raise ValueError("nope")


run(["/bin/echo", "never"], [b"/bin/echo"], preexec=bad)

base = [[b"/bin/true"], [b"/bin/true"], True, (), None, None, -1, -1, -1, -1, -1, -1,
        3, 4, True, False, -1, None, None, None, -1, None, True]
t(_posixsubprocess.fork_exec)
t(_posixsubprocess.fork_exec, *base[:22], 1, 2)
for i, v in [(13, 2), (3, [5]), (3, (5, 4)), (3, (5, 5)), (3, ("x",)), (3, (-1,)), (0, 5),
             (1, 5), (1, ["str"]), (5, 5), (4, 5), (16, "x"), (17, 5.0), (19, "x"), (18, (1,))]:
    a = list(base)
    a[i] = v
    t(_posixsubprocess.fork_exec, *a)
print(_posixsubprocess.__doc__)
