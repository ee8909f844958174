import threading, queue
results = []
def work(n, q):
    for i in range(n):
        q.put(i * i)
    results.append(threading.current_thread().name)
q = queue.Queue()
threads = [threading.Thread(target=work, args=(3, q), name='w%d' % i) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
    print(t.name, t.is_alive())
print(sorted(results), q.qsize(), [q.get() for _ in range(q.qsize())])
lock = threading.Lock()
with lock:
    print(lock.locked())
rl = threading.RLock()
with rl:
    with rl:
        print('rlock nested')
ev = threading.Event()
t = threading.Thread(target=ev.set)
t.start(); t.join()
print(ev.is_set(), ev.wait(0))
local = threading.local()
local.x = 1
def show():
    print('local has x in thread:', hasattr(local, 'x'))
t = threading.Thread(target=show); t.start(); t.join()
print(threading.main_thread().name, threading.current_thread() is threading.main_thread())
class MyThread(threading.Thread):
    def run(self):
        print('run in', self.name)
        raise ValueError('oops')
def hook(args):
    print('excepthook', args.exc_type.__name__, args.exc_value, args.thread.name)
threading.excepthook = hook
m = MyThread(name='mine'); m.start(); m.join()
print('done')
