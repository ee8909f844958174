# Tracebacks through asyncio look as under CPython, whose Future, Task and
# running-loop functions are C code without Python frames.
import asyncio
import sys
import traceback


async def inner(n):
    await asyncio.sleep(0)
    if n:
        raise ValueError(f"deep {n}")
    return n


async def middle():
    return await asyncio.gather(inner(0), inner(2))


async def waits_forever():
    await asyncio.sleep(10)


def show(label):
    print("--", label)
    traceback.print_exc(file=sys.stdout)


async def main():
    try:
        await middle()
    except ValueError:
        show("gather")
    t = asyncio.create_task(inner(3))
    try:
        await t
    except ValueError:
        show("task")
    try:
        await asyncio.wait_for(inner(4), 1)
    except ValueError:
        show("wait_for")
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(inner(5))
    except* ValueError:
        show("TaskGroup")
    t = asyncio.create_task(waits_forever())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        show("cancelled")
    try:
        await asyncio.wait_for(waits_forever(), 0.01)
    except TimeoutError:
        show("timeout")
    fut = asyncio.get_running_loop().create_future()
    fut.set_exception(KeyError("k"))
    try:
        fut.result()
    except KeyError:
        show("future")
    print(sys._getframe().f_back.f_code.co_name if sys._getframe().f_back else None)


try:
    asyncio.get_running_loop()
except RuntimeError:
    show("no loop")
asyncio.run(main())
asyncio.run(inner(6))
