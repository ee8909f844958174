import atexit, sys

class Named:
    def __init__(self, name, fail=None):
        self.name = name
        self.fail = fail
    def __call__(self, *args, **kwargs):
        print('exit', self.name, args, sorted(kwargs.items()))
        if self.fail:
            raise self.fail
    def __repr__(self):
        return '<Named %s>' % self.name
    def __eq__(self, other):
        return isinstance(other, Named) and other.name == self.name
    __hash__ = object.__hash__

base = atexit._ncallbacks()  # site may have registered some
r = atexit.register(Named('first'))
print(type(r).__name__, atexit._ncallbacks() - base)
atexit.register(Named('second'), 1, 2, key='v')
atexit.register(Named('boom', ValueError('bad thing')))
atexit.register(Named('removed'))
atexit.register(Named('removed'), 'again')
atexit.unregister(Named('removed'))
print(atexit._ncallbacks() - base)
atexit.register(Named('exits', SystemExit(5)))

@atexit.register
def decorated():
    print('decorated runs; registering more')
    atexit.register(Named('late'))

try:
    atexit.register()
except TypeError as e:
    print(e)
try:
    atexit.register(42)
except TypeError as e:
    print(e)
try:
    atexit.unregister()
except TypeError as e:
    print(e)
atexit.unregister(len)

# _run_exitfuncs runs and clears
atexit2 = []
def tmp():
    print('tmp run')
atexit.register(tmp)
print('ncallbacks', atexit._ncallbacks() - base)
atexit.unregister(decorated)
atexit.register(decorated)
print('main done')
sys.stdout.flush()
raise KeyError('uncaught first')
