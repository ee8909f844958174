# topic: aiter() and anext() builtins on async iterators driven by hand
class AIt:
    def __init__(self):
        self.i = 0
    def __aiter__(self):
        return self
    async def __anext__(self):
        self.i += 1
        if self.i > 2:
            raise StopAsyncIteration
        return self.i
def run(coro):
    try:
        coro.send(None)
    except StopIteration as e:
        return e.value
    raise AssertionError("suspended")
it = aiter(AIt())
print(run(anext(it)), run(anext(it)))
try:
    run(anext(it))
except StopAsyncIteration:
    print("StopAsyncIteration")
print(run(anext(it, "default")))
try:
    aiter([1])
except TypeError as e:
    print("TypeError", e)
try:
    anext(iter([1]))
except TypeError as e:
    print("TypeError", e)
