# PEP 475: a blocking select/poll/epoll/socket call interrupted by a
# signal runs the Python handler; the call goes on unless it raises.
import os
import select
import signal
import socket

got = []


def note(signum, frame):
    got.append(signum)


class Alarm(Exception):
    pass


def boom(signum, frame):
    raise Alarm("handler raised")


r, w = os.pipe()
pair = socket.socketpair()
signal.signal(signal.SIGALRM, note)
signal.setitimer(signal.ITIMER_REAL, 0.05)
print("select after a quiet handler:", select.select([r], [], [], 0.3), got)

signal.signal(signal.SIGALRM, boom)
for name, call in [
    ("select", lambda: select.select([r], [], [])),
    ("poll", lambda: (lambda p: (p.register(r, select.POLLIN), p.poll())[1])(select.poll())),
    ("epoll", lambda: (lambda e: (e.register(r, select.EPOLLIN), e.poll())[1])(select.epoll())),
    ("recv", lambda: pair[0].recv(10)),
    ("recv with timeout", lambda: (pair[0].settimeout(5), pair[0].recv(10))),
    ("accept", lambda: socket.create_server(("127.0.0.1", 0)).accept()),
    ("waitpid", None),
]:
    if call is None:
        pid = os.fork()
        if pid == 0:
            os.read(r, 1)
            os._exit(0)
        call = lambda: os.waitpid(pid, 0)
    signal.setitimer(signal.ITIMER_REAL, 0.05)
    try:
        call()
        print(name, "returned")
    except Alarm as e:
        print(name, "->", e)
os.write(w, b"x")
print("child", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
