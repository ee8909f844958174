import atexit, sys

def a(): print('a')
def b(x): print('b', x)
def c(): raise RuntimeError('in c')
atexit.register(a)
atexit.register(b, 1)
atexit.register(c)
def hook(u):
    print('hook:', u.exc_type.__name__, u.exc_value, u.err_msg, u.object.__name__)
sys.unraisablehook = hook
atexit._run_exitfuncs()
print('after run')
atexit._run_exitfuncs()
atexit.register(b, 2)
atexit._clear()
atexit.register(b, 3)
def ex(t, v, tb):
    print('excepthook', t.__name__, v, tb is not None, file=sys.stderr)
sys.excepthook = ex
print(sys.__excepthook__ is not ex, callable(sys.__excepthook__))
sys.exit('exiting with message')
