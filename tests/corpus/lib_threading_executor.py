# Thread pools: asyncio's run_in_executor/to_thread and ThreadPoolExecutor.map
# run their jobs in threads that interleave with the event loop.
import asyncio, time, concurrent.futures
def blocking(x):
    time.sleep(0.01)
    return x * 2
async def main():
    loop = asyncio.get_running_loop()
    r = await asyncio.gather(*(loop.run_in_executor(None, blocking, i) for i in range(4)))
    r2 = await asyncio.to_thread(blocking, 10)
    return r, r2
print(asyncio.run(main()))
with concurrent.futures.ThreadPoolExecutor(3) as ex:
    print(list(ex.map(blocking, range(5))))
