# Threads that must interleave: a producer and a consumer through a queue,
# a thread spinning until the main thread tells it to stop, Event.wait
# woken by another thread, a Barrier, Condition.notify, per-thread locals,
# lock timeouts, and _thread.interrupt_main.
import _thread
import queue
import signal
import threading
import time

q = queue.Queue(maxsize=2)
got = []
def consumer():
    while True:
        x = q.get()
        if x is None:
            break
        got.append(x)
c = threading.Thread(target=consumer)
c.start()
for i in range(6):
    q.put(i)          # blocks when the queue is full: the consumer runs
q.put(None)
c.join()
print("queue", got)

stop = False
spins = [0]
def spin():
    while not stop:
        spins[0] += 1
t = threading.Thread(target=spin)
t.start()
time.sleep(0.05)
stop = True
t.join()
print("spun", spins[0] > 0, t.is_alive())

ev = threading.Event()
def setter():
    time.sleep(0.01)
    ev.set()
threading.Thread(target=setter).start()
print("event", ev.wait(5))

b = threading.Barrier(3)
order = []
def party(i):
    n = b.wait()
    order.append(i)
ts = [threading.Thread(target=party, args=(i,)) for i in range(2)]
for t in ts:
    t.start()
b.wait()
for t in ts:
    t.join()
print("barrier", sorted(order))

cond = threading.Condition()
items = []
def waiter():
    with cond:
        cond.wait_for(lambda: items)
        print("condition saw", items)
w = threading.Thread(target=waiter)
w.start()
time.sleep(0.01)
with cond:
    items.append("x")
    cond.notify()
w.join()

loc = threading.local()
loc.v = "main"
seen = []
def use_local(name):
    seen.append(getattr(loc, "v", None))
    loc.v = name
    time.sleep(0.01)
    seen.append(loc.v)
ts = [threading.Thread(target=use_local, args=("t%d" % i,)) for i in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("local", sorted(seen, key=str), loc.v)

lock = threading.Lock()
lock.acquire()
start = time.monotonic()
print("timeout", lock.acquire(timeout=0.05), time.monotonic() - start >= 0.04)
def releaser():
    time.sleep(0.01)
    lock.release()
threading.Thread(target=releaser).start()
print("released", lock.acquire(timeout=5))

ids = set()
def record():
    ids.add(threading.get_ident())
    time.sleep(0.01)
ts = [threading.Thread(target=record) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("idents", threading.get_ident() not in ids, all(isinstance(i, int) for i in ids), threading.active_count())

def interrupter():
    _thread.interrupt_main()
try:
    t = threading.Thread(target=interrupter)
    t.start()
    t.join()
    time.sleep(0.01)
except KeyboardInterrupt:
    print("KeyboardInterrupt in the main thread")
t.join()
try:
    _thread.interrupt_main(signal.NSIG)
except ValueError as e:
    print("ValueError", e)
old = signal.signal(signal.SIGTERM, lambda s, f: print("handler", s == signal.SIGTERM))
_thread.interrupt_main(signal.SIGTERM)
signal.signal(signal.SIGTERM, old)
