# topic: await on non-awaitables, iterating coroutines, __await__ returning non-iterator
async def f():
    return 1
class BadAwait:
    def __await__(self):
        return 5
async def await_int():
    await 3
async def await_bad():
    await BadAwait()
for factory in (await_int, await_bad):
    c = factory()
    try:
        c.send(None)
    except TypeError as e:
        print("TypeError", e)
c = f()
try:
    iter(c)
except TypeError as e:
    print("TypeError", e)
c.close()
c2 = f()
print(hasattr(c2, "__await__"), hasattr(c2, "__next__"))
c2.close()
