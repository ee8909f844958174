# posix process and descriptor functions: pipes, dup, the wait-status
# macros, fork/waitpid/_exit, exec in a child, register_at_fork.
import os
import sys


def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except BaseException as e:
        print(type(e).__name__, e)


# pipes and descriptor inheritance
r, w = os.pipe()
print("pipe inheritable", os.get_inheritable(r), os.get_inheritable(w))
os.write(w, b"through the pipe")
print(os.read(r, 100))
r2, w2 = os.pipe2(0)
print("pipe2(0) inheritable", os.get_inheritable(r2), os.get_inheritable(w2))
r3, w3 = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
print("pipe2 flags", os.get_inheritable(r3), os.get_blocking(r3))
t(os.read, r3, 10)
t(os.pipe2, "x")
d = os.dup(r)
print("dup inheritable", os.get_inheritable(d), d != r)
print("dup2", os.dup2(r, 60), os.get_inheritable(60))
print("dup2 non-inheritable", os.dup2(r, 61, inheritable=False), os.get_inheritable(61))
os.set_inheritable(61, True)
print("set_inheritable", os.get_inheritable(61))
os.set_blocking(61, False)
print("set_blocking", os.get_blocking(61))
for fd in (d, 60, 61, r2, w2, r3, w3):
    os.close(fd)
t(os.dup, 12345)

# wait statuses
for st in (0, 0x300, 9, 0x8b, 0x137f, 0xffff):
    print(hex(st), os.WIFEXITED(st), os.WEXITSTATUS(st), os.WIFSIGNALED(st), os.WTERMSIG(st),
          os.WIFSTOPPED(st), os.WSTOPSIG(st), os.WCOREDUMP(st), os.WIFCONTINUED(st))
for st in (0, 0x300, 9, 0x137f, -1):
    t(os.waitstatus_to_exitcode, st)
t(os.WIFEXITED)
t(os.WIFEXITED, "a")
t(os.WEXITSTATUS, status=0x500)
t(os.waitpid, -1, 0)
t(os.waitpid, 1)
t(os.wait)
t(os.kill, 2 ** 22 + 12345, 0)

# register_at_fork
t(os.register_at_fork)
t(os.register_at_fork, before=1)
t(os.register_at_fork, x=1)
t(os.register_at_fork, print)
events = []
log = lambda s: (lambda: events.append(s))
os.register_at_fork(before=log("before 1"), after_in_parent=log("parent 1"), after_in_child=log("child 1"))
os.register_at_fork(before=log("before 2"), after_in_parent=log("parent 2"), after_in_child=log("child 2"))

# fork: the child reports through its exit status and a pipe (the output
# of the two processes is kept apart: stdout is flushed before each fork)
sys.stdout.flush()
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    os.write(w, ("hello from the child: " + ", ".join(events)).encode())
    os._exit(7)
os.close(w)
print("parent read", os.read(r, 100))
print("parent events", events)
os.close(r)
got, st = os.waitpid(pid, 0)
print("waitpid", got == pid, os.WIFEXITED(st), os.WEXITSTATUS(st), os.waitstatus_to_exitcode(st))
sys.stdout.flush()

# a child that runs the rest of the program's code and exits normally
pid = os.fork()
if pid == 0:
    print("child prints", flush=True)
    sys.exit(3)
got, st = os.waitpid(pid, 0)
print("child exited", os.waitstatus_to_exitcode(st))
sys.stdout.flush()

# os._exit drops what sys.stdout has buffered (as CPython does)
pid = os.fork()
if pid == 0:
    print("this line is lost")
    os._exit(0)
print("lost-line child", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
sys.stdout.flush()

# a child killed by a signal
pid = os.fork()
if pid == 0:
    os.kill(os.getpid(), 9)
    os._exit(1)
print("killed child", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))

# WNOHANG before the child ends
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(w)
    os.read(r, 1)
    os._exit(0)
os.close(r)
print("WNOHANG", os.waitpid(pid, os.WNOHANG))
os.close(w)
print("then", os.waitpid(pid, 0)[0] == pid)
sys.stdout.flush()

# exec in a child
pid = os.fork()
if pid == 0:
    os.execv("/bin/echo", ["echo", "exec'd", "echo"])
print("execv child", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    os.execve("/bin/sh", ["sh", "-c", "echo FOO=$FOO; exit 4"], {"FOO": "bar"})
print("execve child", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))

# exec argument errors
t(os.execv, "/nonexistent/program", [])
t(os.execv, "/nonexistent/program", ["", 1])
t(os.execv, "/nonexistent/program", [""])
t(os.execv, "/nonexistent/program", "abc")
t(os.execv, "/nonexistent/program", ("a",))
t(os.execve, "/nonexistent/program", ["a"], [])
t(os.execve, "/nonexistent/program", ["a"], {"A=": "b"})
t(os.execve, "/nonexistent/program", ["a"], {"A": "b"})
t(os.execve, "/nonexistent/program", [], {})
print("process group", os.getpgrp() == os.getpgid(0), os.getsid(0) > 0)
print("cpu_count", os.cpu_count() == os.sysconf("SC_NPROCESSORS_ONLN"))
