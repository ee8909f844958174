# topic: async def coroutines driven by hand with send(), awaiting custom awaitables
class Suspend:
    def __init__(self, value):
        self.value = value
    def __await__(self):
        got = yield self.value
        return got
async def add_remote(a):
    x = await Suspend(("need", a))
    y = await Suspend(("need", a + 1))
    return x + y
async def main():
    r1 = await add_remote(1)
    r2 = await add_remote(10)
    return [r1, r2]
coro = main()
print(type(coro).__name__)
request = coro.send(None)
answers = 0
try:
    while True:
        print("request", request)
        answers += 1
        request = coro.send(request[1] * 100)
except StopIteration as e:
    print("result", e.value, "after", answers)
async def simple():
    return 42
c = simple()
try:
    c.send(None)
except StopIteration as e:
    print("simple", e.value)
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError", e)
async def raises():
    await Suspend(1)
    raise ValueError("in coroutine")
c = raises()
c.send(None)
try:
    c.send(None)
except ValueError as e:
    print("ValueError", e)
c = raises()
print(c.send(None))
try:
    c.throw(KeyError("thrown"))
except KeyError as e:
    print("KeyError", e)
c = simple()
c.close()
print(c.cr_frame, c.__qualname__)
