# asyncio synchronization: Lock, Event, Condition, Semaphore,
# BoundedSemaphore, Barrier and Queue / PriorityQueue / LifoQueue.
import asyncio


async def locked(lock, name, log):
    async with lock:
        log.append(name + " in")
        await asyncio.sleep(0)
        log.append(name + " out")


async def waiter(event, name, log):
    log.append(name + " waits")
    await event.wait()
    log.append(name + " woke")


async def producer(q, items):
    for it in items:
        await q.put(it)
        await asyncio.sleep(0)
    await q.put(None)


async def consumer(q, got):
    while True:
        it = await q.get()
        q.task_done()
        if it is None:
            return
        got.append(it)


async def main():
    lock = asyncio.Lock()
    log = []
    await asyncio.gather(*(locked(lock, n, log) for n in "abc"))
    print(log, lock.locked())

    ev = asyncio.Event()
    log = []
    ts = [asyncio.create_task(waiter(ev, n, log)) for n in "xy"]
    await asyncio.sleep(0)
    print(ev.is_set(), log)
    ev.set()
    await asyncio.gather(*ts)
    print(ev.is_set(), log)
    ev.clear()
    print(ev.is_set())

    sem = asyncio.Semaphore(2)
    active = []
    peak = [0]

    async def limited(i):
        async with sem:
            active.append(i)
            peak[0] = max(peak[0], len(active))
            await asyncio.sleep(0)
            active.remove(i)
        return i

    print(await asyncio.gather(*(limited(i) for i in range(5))), peak[0], sem.locked())
    bs = asyncio.BoundedSemaphore(1)
    await bs.acquire()
    bs.release()
    try:
        bs.release()
    except ValueError as e:
        print("ValueError", e)

    cond = asyncio.Condition()
    state = []

    async def cwait(n):
        async with cond:
            await cond.wait_for(lambda: state)
            return (n, state[0])

    cts = [asyncio.create_task(cwait(i)) for i in range(3)]
    await asyncio.sleep(0)
    async with cond:
        state.append("ready")
        cond.notify_all()
    print(await asyncio.gather(*cts))

    q = asyncio.Queue(maxsize=2)
    got = []
    await asyncio.gather(producer(q, [1, 2, 3, 4, 5]), consumer(q, got))
    print(got, q.empty(), q.qsize(), q.maxsize)
    q2 = asyncio.Queue(1)
    q2.put_nowait("a")
    try:
        q2.put_nowait("b")
    except asyncio.QueueFull:
        print("QueueFull", q2.full())
    print(q2.get_nowait())
    try:
        q2.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    pq = asyncio.PriorityQueue()
    for x in [5, 1, 3]:
        pq.put_nowait(x)
    lq = asyncio.LifoQueue()
    for x in [5, 1, 3]:
        lq.put_nowait(x)
    print([pq.get_nowait() for _ in range(3)], [lq.get_nowait() for _ in range(3)])
    jq = asyncio.Queue()
    for i in range(3):
        jq.put_nowait(i)

    async def drain():
        while not jq.empty():
            await jq.get()
            await asyncio.sleep(0)
            jq.task_done()

    t = asyncio.create_task(drain())
    await jq.join()
    await t
    print("joined", jq.qsize())

    barrier = asyncio.Barrier(3)
    order = []

    async def party(i):
        order.append(("arrive", i))
        pos = await barrier.wait()
        order.append(("pass", i))
        return pos

    print(sorted(await asyncio.gather(*(party(i) for i in range(3)))), order[:3], len(order))


asyncio.run(main())
