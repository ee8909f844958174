# asyncio cancellation and errors: cancel(), CancelledError handling and
# messages, wait_for/timeout with small deterministic timeouts, TaskGroup
# and exception groups, unhandled exception reporting of asyncio.run.
import asyncio


async def sleeper(log, name, delay=10):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError as e:
        log.append((name, "cancelled", e.args))
        raise
    finally:
        log.append((name, "finally"))


async def swallow():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        return "swallowed"


async def main():
    log = []
    t = asyncio.create_task(sleeper(log, "t"))
    await asyncio.sleep(0)
    print(t.cancel(), t.cancelling())
    try:
        await t
    except asyncio.CancelledError:
        print("caught", t.cancelled(), t.done())
    print(log)

    log = []
    t = asyncio.create_task(sleeper(log, "m"))
    await asyncio.sleep(0)
    t.cancel("with message")
    try:
        await t
    except asyncio.CancelledError as e:
        print("message", e.args)
    print(log)

    t = asyncio.create_task(swallow())
    await asyncio.sleep(0)
    t.cancel()
    print(await t, t.cancelled())

    t = asyncio.create_task(sleeper([], "early"))
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled before start", t.cancelled())

    try:
        await asyncio.wait_for(asyncio.sleep(10), timeout=0.01)
    except asyncio.TimeoutError as e:
        print("wait_for", type(e).__name__, isinstance(e, TimeoutError))
    print(await asyncio.wait_for(asyncio.sleep(0, "fast"), timeout=5))

    try:
        async with asyncio.timeout(0.01) as cm:
            await asyncio.sleep(10)
    except TimeoutError:
        print("timeout cm expired", cm.expired())

    async with asyncio.timeout(None) as cm:
        await asyncio.sleep(0)
    print("no timeout", cm.expired(), cm.when())

    async def bad(n):
        await asyncio.sleep(0)
        raise KeyError(n)

    log = []
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sleeper(log, "tg"))
            tg.create_task(bad(1))
            tg.create_task(bad(2))
    except* KeyError as eg:
        print("TaskGroup", sorted(str(e) for e in eg.exceptions))
    print(log)

    async with asyncio.TaskGroup() as tg:
        ts = [tg.create_task(asyncio.sleep(0, i)) for i in range(3)]
    print([t.result() for t in ts])

    fut = asyncio.get_running_loop().create_future()
    fut.set_exception(RuntimeError("in future"))
    try:
        await fut
    except RuntimeError as e:
        print("future raised", e)
    fut = asyncio.get_running_loop().create_future()
    fut.cancel()
    try:
        fut.result()
    except asyncio.CancelledError:
        print("future cancelled")
    try:
        asyncio.get_running_loop().create_future().result()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError", type(e).__name__)


asyncio.run(main())


async def fails():
    await asyncio.sleep(0)
    raise ZeroDivisionError("from run")


try:
    asyncio.run(fails())
except ZeroDivisionError as e:
    print("run raised", e)
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print(e)
