# asyncio networking beyond streams: UDP datagram endpoints, a Unix-socket
# server, protocols (connection_made/data_received/eof_received),
# sock_accept/sock_connect, readuntil and the stream limit, signal handlers,
# run_forever/stop.
import asyncio
import os
import signal
import socket
import tempfile


class EchoUDP(asyncio.DatagramProtocol):
    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.transport.sendto(data[::-1], addr)


class Client(asyncio.DatagramProtocol):
    def __init__(self, fut):
        self.fut = fut

    def datagram_received(self, data, addr):
        self.fut.set_result(data)


class Upper(asyncio.Protocol):
    def __init__(self, log):
        self.log = log

    def connection_made(self, transport):
        self.transport = transport
        self.log.append("made")

    def data_received(self, data):
        self.log.append(("data", data))
        self.transport.write(data.upper())

    def eof_received(self):
        self.log.append("eof")
        self.transport.close()

    def connection_lost(self, exc):
        self.log.append(("lost", exc))


async def main():
    loop = asyncio.get_running_loop()
    server_t, _ = await loop.create_datagram_endpoint(EchoUDP, local_addr=("127.0.0.1", 0))
    addr = server_t.get_extra_info("sockname")
    fut = loop.create_future()
    client_t, _ = await loop.create_datagram_endpoint(lambda: Client(fut), remote_addr=addr)
    client_t.sendto(b"datagram")
    print(await fut)
    client_t.close()
    server_t.close()

    log = []
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "sock")
        server = await loop.create_unix_server(lambda: Upper(log), path)
        r, w = await asyncio.open_unix_connection(path)
        w.write(b"unix data")
        await w.drain()
        print(await r.readexactly(9))
        w.write_eof()
        print(await r.read())
        w.close()
        await w.wait_closed()
        server.close()
        await server.wait_closed()
    await asyncio.sleep(0)
    print(log)

    lsock = socket.socket()
    lsock.bind(("127.0.0.1", 0))
    lsock.listen()
    lsock.setblocking(False)
    csock = socket.socket()
    csock.setblocking(False)
    (conn, _), _ = await asyncio.gather(loop.sock_accept(lsock), loop.sock_connect(csock, lsock.getsockname()))
    await loop.sock_sendall(csock, b"abc;def;rest")
    csock.close()
    conn.setblocking(False)
    r, w = await asyncio.open_connection(sock=conn)
    print(await r.readuntil(b";"), await r.readuntil(b";"))
    try:
        await r.readuntil(b";")
    except asyncio.IncompleteReadError as e:
        print("IncompleteReadError", e.partial, e.expected)
    w.close()
    lsock.close()

    a, b = socket.socketpair()
    r, w = await asyncio.open_connection(sock=a, limit=4)
    b.sendall(b"toolongline\n")
    try:
        await r.readline()
    except ValueError as e:
        print("ValueError", e)
    w.close()
    b.close()

    got = loop.create_future()
    loop.add_signal_handler(signal.SIGUSR1, got.set_result, "SIGUSR1 handled")
    os.kill(os.getpid(), signal.SIGUSR1)
    print(await got)
    print(loop.remove_signal_handler(signal.SIGUSR1), loop.remove_signal_handler(signal.SIGUSR1))


asyncio.run(main())

loop = asyncio.new_event_loop()
ticks = []


def tick(n):
    ticks.append(n)
    if n == 3:
        loop.stop()
    else:
        loop.call_soon(tick, n + 1)


loop.call_soon(tick, 0)
loop.run_forever()
print(ticks, loop.is_running())
loop.close()
