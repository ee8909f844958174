# _socket and socket.py without the network: socketpair echo, a TCP
# server and client on 127.0.0.1 in one process (non-blocking sockets and
# select, no threads), UDP, timeouts, address conversion, numeric
# getaddrinfo and the argument errors of _socket.
import errno
import select
import socket
import _socket


def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except BaseException as e:
        print(type(e).__name__, e)


print(_socket.socket, _socket.SocketType is _socket.socket, socket.socket.__mro__[1])
print(socket.error is OSError, socket.timeout is TimeoutError, socket.gaierror.__mro__[1:3],
      socket.herror.__module__, socket.has_ipv6)
print(socket.AF_INET, repr(socket.AF_INET), socket.SOCK_STREAM, repr(socket.SOCK_DGRAM),
      socket.AF_UNIX, socket.SOL_SOCKET, socket.SO_REUSEADDR, socket.IPPROTO_TCP, socket.SHUT_WR)
print(len(socket.AddressFamily), len(socket.SocketKind), socket.MsgFlag.MSG_PEEK, socket.AddressInfo.AI_PASSIVE)

# socketpair
a, b = socket.socketpair()
print(a.family, a.type, a.proto, repr(a.family), a.getsockname(), a.getpeername())
a.sendall(b"hello")
print(b.recv(100))
a.send(memoryview(b"abc"))
buf = bytearray(10)
print(b.recv_into(buf), buf)
a.send(b"xyz")
print(b.recv_into(buf, 2), buf)
t(b.recv_into, b"abc")
t(b.recv_into, bytearray(3), 5)
t(b.recv_into, bytearray(3), -1)
a.send(b"q")
print(b.recv(1), b.recvfrom(10))
b.setblocking(False)
t(b.recv, 10)
print(b.gettimeout(), b.getblocking(), b.timeout)
b.settimeout(0.05)
t(b.recv, 10)
print(b.gettimeout(), b.getblocking())
t(b.settimeout, -1)
t(b.settimeout, "a")
b.settimeout(None)
f = b.makefile("rb")
a.sendall(b"line1\nline2\n")
a.shutdown(socket.SHUT_WR)
print(f.readline(), f.read())
f.close()
a.close()
print(b.recv(10))
b.close()
print(a)
print(a.fileno(), a._closed)
t(a.send, b"x")
t(a.getsockname)

p, q = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
p.send(b"datagram")
print(q.recvfrom(100), q.type)
p.close()
q.close()
t(socket.socketpair, socket.AF_INET)
t(_socket.socketpair, socket.AF_UNIX, socket.SOCK_STREAM, 0, 1)

# TCP on 127.0.0.1, one process, non-blocking
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
print("reuseaddr", srv.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
print("so_type", srv.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE), len(srv.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE, 4)))
t(srv.getsockopt, socket.SOL_SOCKET, socket.SO_TYPE, 0)
t(srv.getpeername)
srv.bind(("127.0.0.1", 0))
srv.listen()
host, port = srv.getsockname()
print("server", host, type(port).__name__, 0 < port < 65536)
srv.setblocking(False)
try:
    srv.accept()
except BlockingIOError as e:
    print("accept would block", e.errno == errno.EAGAIN)
cli = socket.socket()
cli.setblocking(False)
r = cli.connect_ex(("127.0.0.1", port))
print("connect_ex", errno.errorcode.get(r, r))
r, w, x = select.select([srv], [], [], 5)
print("server readable", r == [srv])
conn, addr = srv.accept()
print("accepted", addr[0], addr == cli.getsockname(), conn.getblocking(), conn.gettimeout(), type(conn).__name__)
r, w, x = select.select([], [cli], [], 5)
print("client writable", w == [cli], cli.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR))
print(cli.getpeername() == (host, port), conn.getsockname() == (host, port))
cli.send(b"ping")
print(conn.recv(10))
conn.sendall(b"pong" * 5000)
got = b""
while len(got) < 20000:
    select.select([cli], [], [], 5)
    try:
        got += cli.recv(65536)
    except BlockingIOError:
        pass
print(len(got), got[:8])
conn.settimeout(0.05)
try:
    conn.recv(10)
except TimeoutError as e:
    print("timeout:", type(e).__name__, e)
cli.close()
print("peer closed", conn.recv(10))
conn.close()
srv.close()

# blocking connect to a closed port
closed = socket.socket()
closed.bind(("127.0.0.1", 0))
dead_port = closed.getsockname()[1]
closed.close()
s = socket.socket()
t(s.connect, ("127.0.0.1", dead_port))
s.close()
s = socket.socket()
print("connect_ex refused", errno.errorcode[s.connect_ex(("127.0.0.1", dead_port))])
s.close()

# UDP
u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(("127.0.0.1", 0))
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2.bind(("127.0.0.1", 0))
u2.sendto(b"datagram", u1.getsockname())
data, addr = u1.recvfrom(100)
print(data, addr == u2.getsockname())
buf = bytearray(4)
u2.sendto(b"abcdefgh", 0, ("127.0.0.1", u1.getsockname()[1]))
n, addr = u1.recvfrom_into(buf)
print(n, buf, addr == u2.getsockname())
t(u1.sendto, b"x")
t(u1.sendto, b"x", 1, 2, 3)
u1.close()
u2.close()

# create_server / create_connection
srv = socket.create_server(("127.0.0.1", 0))
c = socket.create_connection(srv.getsockname(), timeout=5)
s2, _ = srv.accept()
c.sendall(b"via create_connection")
print(s2.recv(100), c.gettimeout(), s2.gettimeout())
with c, s2, srv:
    pass
print(c._closed, srv.fileno())

# addresses and argument errors
x = socket.socket()
t(x.bind, ("127.0.0.1",))
t(x.bind, "abc")
t(x.bind, ("127.0.0.1", "x"))
t(x.bind, ("127.0.0.1", 70000))
t(x.bind, (1, 0))
t(x.send, "str")
t(x.recv, -1)
t(x.recv, "x")
t(x.listen, "x")
t(x.setsockopt, socket.SOL_SOCKET, socket.SO_REUSEADDR, None)
t(x.shutdown, socket.SHUT_RDWR)
x.bind(("", 0))
print(x.getsockname()[0])
print("detach", x.detach() > 2, x.fileno())
x.close()
u = socket.socket(socket.AF_UNIX)
t(u.getsockname)
t(u.bind, 5)
t(u.connect, "/nonexistent/socket/path")
t(u.bind, "x" * 200)
u.close()
t(_socket.socket, 99)
t(_socket.socket, fileno=-5)
t(_socket.socket, fileno=1.5)
s = socket.socket(fileno=socket.socket(socket.AF_INET, socket.SOCK_DGRAM).detach())
print("from fileno", s.family, s.type, s.proto)
s.close()
s = _socket.socket(type=socket.SOCK_STREAM | socket.SOCK_NONBLOCK)
print("SOCK_NONBLOCK", s.type, s.timeout, repr(s)[:26])
s.close()
print(socket.getdefaulttimeout())
socket.setdefaulttimeout(2.5)
s = socket.socket()
print(s.gettimeout(), s.getblocking())
s.close()
socket.setdefaulttimeout(None)
t(socket.setdefaulttimeout, -1)

# conversions
print(socket.getaddrinfo("127.0.0.1", 80))
print(socket.getaddrinfo("127.0.0.1", "80", socket.AF_INET, socket.SOCK_STREAM))
print(socket.getaddrinfo(b"127.0.0.1", None, proto=socket.IPPROTO_UDP))
print(socket.getaddrinfo("::1", 8080, socket.AF_INET6, socket.SOCK_DGRAM))
t(socket.getaddrinfo, "127.0.0.1", 1.5)
t(socket.getaddrinfo, 1, 80)
t(socket.getaddrinfo, "127.0.0.1", 80, family=999)
t(socket.getaddrinfo, "not-numeric", 80, flags=socket.AI_NUMERICHOST)
t(_socket.getaddrinfo)
print(socket.getnameinfo(("127.0.0.1", 8080), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV))
print(socket.gethostbyname("127.0.0.1"), type(socket.gethostname()).__name__)
print(socket.inet_aton("10.1.2.3"), socket.inet_aton("1.2"), socket.inet_ntoa(b"\x7f\0\0\1"),
      socket.inet_ntoa(bytearray(b"abcd")))
t(socket.inet_aton, "x")
t(socket.inet_aton, b"1.2.3.4")
t(socket.inet_ntoa, b"\1\2")
t(socket.inet_ntoa, "1234")
print(socket.inet_pton(socket.AF_INET6, "::1").hex(), socket.inet_pton(socket.AF_INET, "1.2.3.4"),
      socket.inet_ntop(socket.AF_INET6, bytes(15) + b"\1"), socket.inet_ntop(socket.AF_INET, b"\1\2\3\4"))
t(socket.inet_pton, socket.AF_INET, "x")
t(socket.inet_pton, 99, "x")
t(socket.inet_ntop, socket.AF_INET, b"\1")
t(socket.inet_ntop, 99, b"1234")
print(socket.htons(1), socket.ntohs(256), socket.htonl(1), socket.ntohl(16777216))
t(socket.htons, 70000)
t(socket.htons, -1)
t(socket.htonl, 2 ** 32)
t(socket.htonl, -1)
print(socket.CMSG_LEN(4), socket.CMSG_SPACE(4))
