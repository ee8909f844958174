# topic: async generators driven by hand: __anext__, asend, athrow, aclose, async for
class Suspend:
    def __await__(self):
        v = yield "suspended"
        return v
async def agen(n):
    for i in range(n):
        got = await Suspend()
        yield (i, got)
def drive(coro, answer="ans"):
    try:
        r = coro.send(None)
        while True:
            r = coro.send(answer)
    except StopIteration as e:
        return e.value
g = agen(2)
print(type(g).__name__)
print(drive(g.__anext__()))
print(drive(g.__anext__()))
try:
    drive(g.__anext__())
except StopAsyncIteration as e:
    print("StopAsyncIteration", repr(e))
async def collect():
    out = []
    async for item in agen(3):
        out.append(item)
    out2 = [x async for x in agen(2)]
    return out, out2
print(drive(collect(), "v"))
async def plain():
    yield 1
    yield 2
p = plain()
print(drive(p.asend(None)))
print(drive(p.aclose()))
try:
    drive(p.__anext__())
except StopAsyncIteration:
    print("closed async gen stops")
async def catching():
    try:
        yield 1
    except ValueError as e:
        yield "handled " + str(e)
c = catching()
print(drive(c.__anext__()))
print(drive(c.athrow(ValueError("x"))))
