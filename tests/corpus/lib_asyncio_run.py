# asyncio.run of small coroutines: sleep(0), gather, tasks, a socketpair
# through the event loop's sock_* methods and a subprocess-free stream.
import asyncio
import socket


async def add(a, b):
    await asyncio.sleep(0)
    return a + b


async def ticker(name, n, log):
    for i in range(n):
        log.append((name, i))
        await asyncio.sleep(0)
    return name


async def main():
    print(await add(1, 2))
    print(await asyncio.gather(add(1, 1), add(2, 2), add(3, 3)))
    log = []
    results = await asyncio.gather(ticker("a", 3, log), ticker("b", 2, log))
    print(results, log)
    task = asyncio.create_task(add(10, 20))
    print(await task, task.done())
    loop = asyncio.get_running_loop()
    a, b = socket.socketpair()
    a.setblocking(False)
    b.setblocking(False)
    await loop.sock_sendall(a, b"through the loop")
    print(await loop.sock_recv(b, 100))
    a.close()
    b.close()
    fut = loop.create_future()
    loop.call_soon(fut.set_result, "callback ran")
    print(await fut)
    try:
        await asyncio.wait_for(asyncio.sleep(10), timeout=0.01)
    except asyncio.TimeoutError:
        print("wait_for timed out")
    return "done"


print(asyncio.run(main()))
