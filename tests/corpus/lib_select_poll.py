# select.select, select.poll and select.epoll on pipes: readiness, the
# order of results, timeouts, and CPython's argument errors.
import os
import select


def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except BaseException as e:
        print(type(e).__name__, e)


print(sorted(k for k in dir(select) if not k.startswith("__")))
print(select.error is OSError, select.POLLIN, select.POLLOUT, select.POLLHUP, select.EPOLLIN,
      select.EPOLLET, select.EPOLLONESHOT, select.EPOLL_CLOEXEC, select.PIPE_BUF)

r, w = os.pipe()


class F:
    def __init__(self, fd):
        self.fd = fd

    def fileno(self):
        return self.fd

    def __repr__(self):
        return "F(%d)" % self.fd


class Bad:
    def fileno(self):
        return "x"


# select.select
t(select.select, [r], [w], [], 0)
t(select.select, [r, F(r)], [w, F(w), w], [r], 0.0)
os.write(w, b"data")
t(select.select, (F(r), r), [], [], 0.5)
t(select.select, [], [], [], 0)
t(select.select, [], [], [], "x")
t(select.select, [], [], [], -1)
t(select.select, [], [], [], 1e300)
t(select.select, 5, [], [], 0)
t(select.select, [-1], [], [], 0)
t(select.select, ["a"], [], [], 0)
t(select.select, [Bad()], [], [], 0)
t(select.select, [5000], [], [], 0)
t(select.select, [2 ** 70], [], [], 0)
t(select.select, [], [], [], timeout=0)
t(select.select, [], [])
print(os.read(r, 100))

# poll
p = select.poll()
print(type(p).__name__, sorted(k for k in dir(p) if not k.startswith("__")))
t(select.poll, 1)
p.register(r)
p.register(F(w), select.POLLOUT)
t(p.poll, 0)
os.write(w, b"x")
t(p.poll, 100)
p.modify(w, select.POLLIN)
t(p.poll, 0.5)
p.register(r, select.POLLIN | select.POLLPRI)
t(p.poll, None)
t(p.unregister, F(w))
t(p.unregister, w)
t(p.modify, w, select.POLLIN)
t(p.register, r, "x")
t(p.register, "a")
t(p.register, r, -1)
t(p.register, r, 1 << 16)
t(p.poll, "x")
t(p.poll, 2 ** 70)
t(p.poll, timeout=0)
t(p.poll, 1, 2)
print(os.read(r, 100))
t(p.poll, 10)

# epoll
ep = select.epoll()
print(type(ep).__name__, ep.closed, type(ep.fileno()).__name__,
      sorted(k for k in dir(ep) if not k.startswith("__")))
ep.register(r, select.EPOLLIN)
ep.register(F(w), select.EPOLLOUT)
t(ep.poll, 0)
os.write(w, b"yz")
t(sorted, ep.poll(1))
ep.modify(w, select.EPOLLIN)
t(ep.poll, 0.1, 5)
t(ep.register, r)
t(ep.modify, 12345, select.EPOLLIN)
t(ep.unregister, 12345)
ep.unregister(r)
t(ep.poll, timeout=0, maxevents=1)
t(ep.poll, 0, 0)
t(ep.poll, "x")
t(ep.register, -1)
t(ep.register, "x")
t(ep.modify, w, "x")
t(ep.poll, 0, 3, 4)
print(os.read(r, 100))
ep.close()
ep.close()
print("closed", ep.closed)
t(ep.poll)
t(ep.fileno)
t(ep.register, r)
with select.epoll() as e2:
    print("in with", e2.closed)
print("after with", e2.closed)
t(select.epoll, "x")
t(select.epoll, -1, 5)
t(select.epoll, 0)
t(lambda: type(select.epoll(sizehint=10, flags=select.EPOLL_CLOEXEC)).__name__)
e3 = select.epoll.fromfd(os.dup(r))
print(type(e3).__name__, e3.closed)
e3.close()

# the write end closed: the read end reports hang-up / EOF
os.close(w)
p = select.poll()
p.register(r, select.POLLIN)
t(p.poll, 0)
t(select.select, [r], [], [], 0)
os.close(r)
