# topic: async for/with, async comprehensions, async generators, aiter/anext with defaults
import sys
class Ticker:
    def __init__(self, n): self.n = n; self.i = 0
    def __aiter__(self): return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i
class Ctx:
    async def __aenter__(self):
        print("enter"); return "ctx"
    async def __aexit__(self, *a):
        print("exit", a[0].__name__ if a[0] else None); return True
async def agen(n):
    for i in range(n):
        yield i * 10
    print("agen done")
async def main():
    out = []
    async for x in Ticker(3):
        out.append(x)
    print(out)
    async with Ctx() as c:
        print("inside", c)
        raise ValueError("swallowed")
    print([x async for x in agen(3)])
    g = agen(2)
    print(type(g).__name__, await g.__anext__(), await anext(g))
    try:
        await anext(g)
    except StopAsyncIteration:
        print("stop")
    print(await anext(agen(0), "default"))
    it = aiter(Ticker(2))
    print(await anext(it), await anext(it))
    return "result"
c = main()
try:
    c.send(None)
except StopIteration as e:
    print("returned", e.value)
