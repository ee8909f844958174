# asyncio error reporting: the loop's exception handler, exceptions in
# callbacks, a never-retrieved task exception, unfinished tasks cancelled
# by asyncio.run, repr of futures and tasks, KeyboardInterrupt-free exits.
import asyncio
import gc


def bad_callback():
    raise RuntimeError("in callback")


async def forever(log):
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        log.append("cancelled at shutdown")
        raise


async def raiser():
    raise LookupError("never retrieved")


log = []


async def main():
    loop = asyncio.get_running_loop()
    seen = []
    loop.set_exception_handler(lambda lp, ctx: seen.append((ctx["message"], type(ctx.get("exception")).__name__)))
    loop.call_soon(bad_callback)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(seen)
    loop.set_exception_handler(None)
    print(loop.get_exception_handler())

    t = asyncio.create_task(raiser())
    await asyncio.sleep(0)
    seen.clear()
    loop.set_exception_handler(lambda lp, ctx: seen.append(ctx["message"]))
    del t
    gc.collect()
    print(seen)

    fut = loop.create_future()
    print(repr(fut))
    fut.set_result([1, 2])
    print(repr(fut))
    fut = loop.create_future()
    fut.cancel()
    print(repr(fut))
    fut = loop.create_future()
    fut.set_exception(ValueError("v"))
    print(repr(fut))
    fut.exception()

    asyncio.create_task(forever(log), name="leftover")
    await asyncio.sleep(0)
    return "finished"


print(asyncio.run(main()), log)


async def nested():
    c = asyncio.sleep(0)
    try:
        asyncio.run(c)
    except RuntimeError as e:
        print("RuntimeError", e)
    c.close()


asyncio.run(nested())
try:
    asyncio.run(42)
except ValueError as e:
    print("ValueError", e)
