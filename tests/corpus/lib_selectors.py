# selectors: DefaultSelector (epoll on Linux), PollSelector and
# SelectSelector over socketpairs and pipes: register/modify/unregister,
# select with and without timeouts, get_key/get_map, errors.
import os
import selectors
import socket

print(selectors.DefaultSelector.__name__)
for cls in (selectors.DefaultSelector, selectors.PollSelector, selectors.SelectSelector, selectors.EpollSelector):
    print("--", cls.__name__)
    sel = cls()
    a, b = socket.socketpair()
    r, w = os.pipe()
    key = sel.register(a, selectors.EVENT_READ, data="sock-a")
    print(key.fileobj is a, key.fd == a.fileno(), key.events, key.data)
    sel.register(r, selectors.EVENT_READ, "pipe-r")
    sel.register(w, selectors.EVENT_WRITE, "pipe-w")
    print("ready", sorted((k.data, ev) for k, ev in sel.select(0)))
    b.send(b"ping")
    os.write(w, b"x")
    print("ready", sorted((k.data, ev) for k, ev in sel.select(1)))
    print("read", a.recv(10), os.read(r, 10))
    key = sel.modify(a, selectors.EVENT_READ | selectors.EVENT_WRITE, "both")
    print("modified", key.events, key.data, sel.get_key(a).data)
    print("ready", sorted((k.data, ev) for k, ev in sel.select(timeout=0.5)))
    sel.unregister(w)
    print("map", sorted(k.data for k in sel.get_map().values()), len(sel.get_map()), a in sel.get_map())
    try:
        sel.register(a, selectors.EVENT_READ)
    except KeyError as e:
        print("KeyError", e)
    try:
        sel.unregister(w)
    except KeyError as e:
        print("KeyError", e)
    try:
        sel.register(b, 0)
    except ValueError as e:
        print("ValueError", e)
    try:
        sel.get_key(b)
    except KeyError as e:
        print("KeyError", e)
    print("timeout", sel.select(0.01) == [] or "events")
    sel.unregister(a)
    sel.unregister(r)
    print("empty", sel.select(0))
    with sel:
        pass
    try:
        sel.get_map()
        print("closed map", sel.get_map())
    except RuntimeError as e:
        print("RuntimeError", e)
    a.close()
    b.close()
    os.close(r)
    os.close(w)

# an echo loop driven by a selector: one listening socket, one client
sel = selectors.DefaultSelector()
srv = socket.create_server(("127.0.0.1", 0))
srv.setblocking(False)
sel.register(srv, selectors.EVENT_READ, "accept")
cli = socket.socket()
cli.setblocking(False)
cli.connect_ex(srv.getsockname())
sel.register(cli, selectors.EVENT_WRITE, "client-connected")
log = []
pending = [b"one", b"two", b"three"]
received = []
done = False
while not done:
    for key, ev in sel.select(5):
        if key.data == "accept":
            conn, _ = srv.accept()
            conn.setblocking(False)
            sel.register(conn, selectors.EVENT_READ, "echo")
            log.append("accepted")
        elif key.data == "echo":
            data = key.fileobj.recv(100)
            if data:
                key.fileobj.send(data.upper())
            else:
                sel.unregister(key.fileobj)
                key.fileobj.close()
                log.append("server saw EOF")
                done = True
        elif key.data == "client-connected":
            log.append("connected")
            sel.modify(cli, selectors.EVENT_READ, "client-read")
            cli.send(pending.pop(0))
        elif key.data == "client-read":
            received.append(cli.recv(100))
            if pending:
                cli.send(pending.pop(0))
            else:
                sel.unregister(cli)
                cli.close()
print(log, received)
sel.close()
srv.close()
