# asyncio tasks: create_task, names, done callbacks, gather (with
# return_exceptions), as_completed, wait (FIRST_COMPLETED/ALL_COMPLETED),
# shield, current_task/all_tasks, run's return value.
import asyncio


async def work(name, n, log):
    for i in range(n):
        log.append(f"{name}{i}")
        await asyncio.sleep(0)
    return name * n


async def fail(msg):
    await asyncio.sleep(0)
    raise ValueError(msg)


async def main():
    log = []
    t1 = asyncio.create_task(work("a", 3, log), name="first")
    t2 = asyncio.create_task(work("b", 2, log))
    print(t1.get_name(), t2.get_name().startswith("Task-"))
    done_order = []
    t1.add_done_callback(lambda t: done_order.append(("cb", t.get_name(), t.result())))
    print(await t1, await t2, log, done_order)
    print(t1.done(), t1.cancelled(), t1.exception())

    r = await asyncio.gather(work("x", 1, []), fail("bad"), work("y", 2, []), return_exceptions=True)
    print([type(v).__name__ + ":" + str(v) for v in r])
    try:
        await asyncio.gather(work("p", 1, []), fail("boom"))
    except ValueError as e:
        print("gather raised", e)

    out = []
    for fut in asyncio.as_completed([work("s", 3, []), work("t", 1, []), work("u", 2, [])]):
        out.append(await fut)
    print("as_completed", out)

    tasks = [asyncio.create_task(work(c, k, [])) for c, k in (("q", 4), ("r", 1), ("z", 2))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("first", sorted(t.result() for t in done), len(pending))
    done, pending = await asyncio.wait(pending)
    print("rest", sorted(t.result() for t in done), len(pending))

    inner = asyncio.create_task(work("sh", 2, []))
    print("shield", await asyncio.shield(inner))

    me = asyncio.current_task()
    print(me.get_name(), me in asyncio.all_tasks(), len(asyncio.all_tasks()))
    print(asyncio.iscoroutinefunction(work), asyncio.iscoroutine(work("n", 0, [])) if False else True)
    coro = work("n", 0, [])
    print(asyncio.iscoroutine(coro), asyncio.isfuture(t1))
    await coro
    return "main done"


print(asyncio.run(main()))
print(asyncio.run(work("again", 2, [])))
