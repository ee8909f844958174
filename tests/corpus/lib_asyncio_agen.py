# Async generators under asyncio: sys.set_asyncgen_hooks (firstiter on the
# first iteration, the finalizer instead of closing an unfinished one),
# asyncio.run's hooks and shutdown_asyncgens, throw before send on the
# asend/athrow awaitables.
import asyncio
import sys

log = []


async def agen(tag):
    try:
        for i in range(10):
            yield i
            await asyncio.sleep(0)
    except BaseException as e:
        log.append((tag, "exc", type(e).__name__))
        raise
    finally:
        log.append((tag, "finally"))
        try:
            await asyncio.sleep(0)
        except BaseException as e:
            log.append((tag, "in finally", type(e).__name__))
            raise
        log.append((tag, "after await"))


keep = []


async def main():
    hooks = sys.get_asyncgen_hooks()
    print(type(hooks).__name__, hooks.firstiter.__name__, hooks.finalizer.__name__)
    g = agen("broken")
    async for x in g:
        if x == 2:
            break
    del g
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(log)
    log.clear()
    live = agen("live")
    keep.append(live)
    print(await live.__anext__(), await live.asend(None))
    log.append("main end")


asyncio.run(main())
print(log)
print(sys.get_asyncgen_hooks())

# Hooks outside asyncio.
calls = []
sys.set_asyncgen_hooks(firstiter=lambda g: calls.append(("first", g.__name__)), finalizer=lambda g: calls.append(("fin", g.__name__)))


async def plain():
    yield 1
    yield 2


def drive(aw):
    try:
        aw.send(None)
    except StopIteration as e:
        return e.value


p = plain()
print(calls)
print(drive(p.__anext__()), calls)
del p
print(calls)
p = plain()
del p
print(calls)
sys.set_asyncgen_hooks(None, None)
print(sys.get_asyncgen_hooks())
try:
    sys.set_asyncgen_hooks(firstiter=1)
except TypeError as e:
    print(e)


async def counted():
    try:
        yield 1
    except KeyError:
        yield "caught"
    yield 3


g = counted()
print(drive(g.__anext__()))
aw = g.asend(None)
try:
    print(aw.throw(KeyError))
except StopIteration as e:
    print("stop", e.value)
print(drive(g.__anext__()))
