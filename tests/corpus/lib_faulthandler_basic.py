import faulthandler, sys, tempfile, io, os, signal
print(faulthandler.is_enabled())
faulthandler.enable()
print(faulthandler.is_enabled())
faulthandler.enable(all_threads=False)
print(faulthandler.disable(), faulthandler.is_enabled(), faulthandler.disable())
def t(f):
    try:
        print('ok', repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: faulthandler.enable(file=io.StringIO()))
t(lambda: faulthandler.enable(file=3.5))
t(lambda: faulthandler.enable(file=-1))
t(lambda: faulthandler.dump_traceback_later(0))
t(lambda: faulthandler.dump_traceback_later(-1))
t(lambda: faulthandler.register(signal.SIGSEGV))
t(lambda: faulthandler.unregister(signal.SIGUSR2))
t(lambda: faulthandler.cancel_dump_traceback_later())
t(lambda: faulthandler.enable(2, False))
t(lambda: faulthandler.disable())

def read_dump(fn):
    fd, path = tempfile.mkstemp()
    os.close(fd)
    try:
        with open(path, 'wb') as f:
            fn(f)
        with open(path, 'rb') as f:
            return f.read().decode()
    finally:
        os.remove(path)

def inner(f):
    faulthandler.dump_traceback(f, all_threads=False)
def outer(f):
    inner(f)
print(read_dump(outer), end='')
print(read_dump(lambda f: faulthandler.dump_traceback(file=f.fileno(), all_threads=False)), end='')

def via_signal(f):
    faulthandler.register(signal.SIGUSR1, file=f, all_threads=False)
    os.kill(os.getpid(), signal.SIGUSR1)
    for _ in range(100):
        pass
    print('unregister', faulthandler.unregister(signal.SIGUSR1), faulthandler.unregister(signal.SIGUSR1))
print(read_dump(via_signal), end='')
class Rec(list):
    pass
faulthandler.dump_traceback_later(30, repeat=True)
faulthandler.dump_traceback_later(20)
faulthandler.cancel_dump_traceback_later()
faulthandler.cancel_dump_traceback_later()
print('done')
