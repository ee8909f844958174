# asyncio I/O: streams over a socketpair and a local server, subprocesses
# (exec and shell, pipes and return codes) with the pidfd child watcher.
import asyncio
import socket
import sys


async def handle(reader, writer):
    line = await reader.readline()
    writer.write(b"echo: " + line.upper())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def main():
    a, b = socket.socketpair()
    r1, w1 = await asyncio.open_connection(sock=a)
    r2, w2 = await asyncio.open_connection(sock=b)
    w1.write(b"hello\nworld\n")
    await w1.drain()
    print(await r2.readline(), await r2.readexactly(3), await r2.read(2))
    w1.close()
    await w1.wait_closed()
    print(await r2.read(), r2.at_eof())
    w2.close()
    await w2.wait_closed()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        r, w = await asyncio.open_connection("127.0.0.1", port)
        w.write(b"ping\n")
        print(await r.readline())
        print(await r.read())
        w.close()
        await w.wait_closed()

    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "import sys; print(sys.stdin.read().upper()); sys.exit(3)",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
    out, err = await proc.communicate(b"to the child")
    print(out, err, proc.returncode)
    proc = await asyncio.create_subprocess_shell("echo shell; echo err >&2", stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await proc.communicate()
    print(out, err, await proc.wait())
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", "import sys; sys.stdout.write('x' * 200000)", stdout=asyncio.subprocess.PIPE)
    data = await proc.stdout.read()
    print(len(data), await proc.wait())
    proc = await asyncio.create_subprocess_exec("false")
    print("false", await proc.wait())
    try:
        await asyncio.create_subprocess_exec("/nonexistent/program")
    except FileNotFoundError as e:
        print("FileNotFoundError", e.errno)


asyncio.set_child_watcher(asyncio.PidfdChildWatcher())
asyncio.run(main())
