# The event loop's scheduling: call_soon order, call_later/call_at by
# deadline, Handle.cancel, run_until_complete on a new loop, loop.time,
# custom awaitables, async generators and comprehensions, async context
# managers, contextvars copied into tasks and callbacks.
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="unset")


def cb(log, x):
    log.append(x)


class Awaitable:
    def __await__(self):
        v = yield from asyncio.sleep(0, "inner").__await__()
        return "custom " + v


async def agen(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i * i


class ACM:
    def __init__(self, log):
        self.log = log

    async def __aenter__(self):
        self.log.append("enter")
        await asyncio.sleep(0)
        return self

    async def __aexit__(self, *exc):
        self.log.append(("exit", exc[0].__name__ if exc[0] else None))
        return True


async def read_var(tag):
    await asyncio.sleep(0)
    return tag, var.get()


async def main():
    loop = asyncio.get_running_loop()
    log = []
    loop.call_soon(cb, log, 1)
    loop.call_soon(cb, log, 2)
    h = loop.call_soon(cb, log, "cancelled")
    loop.call_later(0.02, cb, log, "later-20ms")
    loop.call_later(0.01, cb, log, "later-10ms")
    loop.call_at(loop.time() + 0.005, cb, log, "at-5ms")
    loop.call_soon(cb, log, 3)
    h.cancel()
    print(h.cancelled())
    await asyncio.sleep(0.05)
    print(log)

    print(await Awaitable())
    print([x async for x in agen(4)])
    g = agen(3)
    print(await g.__anext__(), await anext(g), await anext(g), await anext(g, "end"))
    log = []
    async with ACM(log) as m:
        raise KeyError("suppressed")
    print(log, type(m).__name__)

    var.set("main")
    t = asyncio.create_task(read_var("task"))
    var.set("changed")
    print(await t, var.get())
    ctx = contextvars.copy_context()
    print(await asyncio.create_task(read_var("ctx"), context=ctx))

    def in_cb(fut):
        fut.set_result(var.get())

    fut = loop.create_future()
    loop.call_soon(in_cb, fut)
    print("callback sees", await fut)

    fut = loop.create_future()
    fut.add_done_callback(lambda f: log.append(("done", f.result())))
    loop.call_soon(fut.set_result, 42)
    print(await fut)
    await asyncio.sleep(0)
    print(log[-1])
    return loop.is_running()


print(asyncio.run(main()))
loop = asyncio.new_event_loop()
print(loop.run_until_complete(asyncio.sleep(0, "run_until_complete")), loop.is_closed())
loop.close()
print(loop.is_closed())
runner = asyncio.Runner()
with runner:
    print(runner.run(read_var("runner")))
