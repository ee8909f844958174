import signal, _signal, os, time
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler, signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGPIPE), signal.getsignal(signal.SIGXFSZ), signal.getsignal(signal.SIGCHLD))
print(_signal.NSIG, _signal.SIG_DFL, _signal.SIG_IGN, repr(signal.SIGINT), signal.SIGINT == 2, signal.Handlers.SIG_DFL, repr(signal.Handlers.SIG_IGN))
print(signal.Signals(15), signal.Signals['SIGUSR1'], signal.Signals.SIGALRM.value, signal.SIGCLD, signal.SIGIOT is signal.SIGABRT)
print(signal.Sigmasks.SIG_BLOCK, repr(signal.SIG_SETMASK), signal.ITIMER_REAL, signal.ITIMER_PROF)
print(signal.strsignal(signal.SIGINT), signal.strsignal(signal.SIGTERM), signal.strsignal(signal.SIGSEGV))
print(sorted(signal.valid_signals())[:5], len(signal.valid_signals()), signal.SIGRTMIN, signal.SIGRTMAX)
print(signal.ItimerError.__mro__[:2], signal.ItimerError.__module__, signal.ItimerError.__name__)

def t(f):
    try:
        print('ok', f())
    except BaseException as e:
        print(type(e).__name__, e)
t(lambda: signal.signal(0, signal.SIG_DFL))
t(lambda: signal.signal(65, signal.SIG_DFL))
t(lambda: signal.signal(signal.SIGKILL, signal.SIG_DFL))
t(lambda: signal.signal(signal.SIGSTOP, signal.SIG_IGN))
t(lambda: signal.signal(2, 5))
t(lambda: signal.signal(2, None))
t(lambda: signal.signal(2, 'x'))
t(lambda: signal.getsignal(100))
t(lambda: signal.getsignal(0))
t(lambda: signal.strsignal(100))
t(lambda: signal.default_int_handler(2, None))
t(lambda: signal.default_int_handler())
t(lambda: signal.alarm('x'))
t(lambda: signal.alarm(0))
t(lambda: signal.setitimer(signal.ITIMER_REAL, -1))
t(lambda: signal.setitimer(signal.ITIMER_REAL, 0))
t(lambda: signal.getitimer(signal.ITIMER_REAL))
t(lambda: signal.getitimer(7))
t(lambda: signal.pthread_sigmask(5, []))
t(lambda: signal.pthread_sigmask(signal.SIG_BLOCK, []))
t(lambda: signal.pthread_sigmask(signal.SIG_BLOCK, [0]))
t(lambda: signal.pthread_sigmask(signal.SIG_BLOCK, [100]))
t(lambda: signal.set_wakeup_fd(-1))
t(lambda: signal.siginterrupt(signal.SIGUSR1, True))
t(lambda: signal.raise_signal(0))
t(lambda: signal.raise_signal(-1))
t(lambda: signal.sigpending())

got = []
def handler(signum, frame):
    got.append(signum)
    print('handler', signal.Signals(signum).name)
old = signal.signal(signal.SIGUSR1, handler)
print('old', old, signal.getsignal(signal.SIGUSR1) is handler)
signal.raise_signal(signal.SIGUSR1)
print('after raise', got)
os.kill(os.getpid(), signal.SIGUSR1)
for i in range(5000):
    if len(got) == 2:
        break
    time.sleep(0.001)
print('after kill', got)
print(signal.signal(signal.SIGUSR1, signal.SIG_IGN) is handler)
signal.raise_signal(signal.SIGUSR1)
print('ignored', got)
print(signal.signal(signal.SIGUSR1, signal.SIG_DFL))
print(signal.getsignal(signal.SIGUSR1))

# a handler that raises
class Boom(Exception): pass
def raiser(signum, frame):
    raise Boom('from handler %d' % signum)
signal.signal(signal.SIGUSR2, raiser)
try:
    signal.raise_signal(signal.SIGUSR2)
    print('not reached')
except Boom as e:
    print('caught', e)

# SIGINT: the default handler raises KeyboardInterrupt; a custom one replaces it
try:
    signal.raise_signal(signal.SIGINT)
except KeyboardInterrupt:
    print('KeyboardInterrupt')
signal.signal(signal.SIGINT, lambda s, f: print('custom sigint', s))
signal.raise_signal(signal.SIGINT)
print(signal.signal(signal.SIGINT, signal.default_int_handler) is not None)
try:
    os.kill(os.getpid(), signal.SIGINT)
    for i in range(100000):
        pass
except KeyboardInterrupt:
    print('KeyboardInterrupt again')

# timers and alarm
fired = []
signal.signal(signal.SIGALRM, lambda s, f: fired.append(s))
signal.setitimer(signal.ITIMER_REAL, 0.05)
d, i = signal.getitimer(signal.ITIMER_REAL)
print(0 < d <= 0.05, i)
time.sleep(0.3)
print('fired', fired)
signal.alarm(5)
print(signal.alarm(0) in (4, 5))
signal.setitimer(signal.ITIMER_REAL, 0.02, 0.02)
time.sleep(0.15)
signal.setitimer(signal.ITIMER_REAL, 0)
print('repeating', len(fired) > 2)
# blocking
old = signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1])
print('old mask', old)
signal.signal(signal.SIGUSR1, handler)
os.kill(os.getpid(), signal.SIGUSR1)
print('pending', signal.sigpending(), got)
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGUSR1])
print('unblocked', got)
r, w = os.pipe()
os.set_blocking(w, False)
print(signal.set_wakeup_fd(w), signal.set_wakeup_fd(-1, warn_on_full_buffer=False) == w)
signal.set_wakeup_fd(w)
signal.raise_signal(signal.SIGUSR1)
signal.set_wakeup_fd(-1)
print('wakeup byte', os.read(r, 10))
import sys
sys.stdout.flush()
signal.signal(signal.SIGTERM, signal.SIG_DFL)
os.kill(os.getpid(), signal.SIGTERM)
time.sleep(1)
print('not reached')
