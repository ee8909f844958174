import contextvars as cv, _contextvars
print(sorted(n for n in dir(_contextvars) if not n.startswith('__')))
print(cv.ContextVar.__module__, cv.Context.__qualname__, cv.Token.__name__)
v = cv.ContextVar('v', default=1)
w = cv.ContextVar('w')
n = cv.ContextVar('n', default=None)
print(v.name, v.get(), w.get('fallback'), n.get())
print(repr(v).startswith("<ContextVar name='v' default=1 at 0x"), repr(w).startswith("<ContextVar name='w' at 0x"), repr(n).startswith("<ContextVar name='n' default=None"))
t = v.set(5)
print(v.get(), t.var is v, t.old_value is cv.Token.MISSING, repr(cv.Token.MISSING), type(cv.Token.MISSING).__name__)
print(repr(t).startswith('<Token var=<ContextVar'))
t2 = v.set(6)
print(t2.old_value, v.get())
v.reset(t2)
print(v.get())
v.reset(t)
print(v.get(), repr(t).startswith('<Token used var='))
def tryit(f):
    try:
        r = f()
        print('ok', r)
    except Exception as e:
        msg = str(e)
        if ' at 0x' in msg:
            import re
            msg = re.sub(r' at 0x[0-9a-f]+', ' at ADDR', msg)
        print(type(e).__name__, msg)
tryit(lambda: w.get())
tryit(lambda: w.get(9))
tryit(lambda: w.get(1, 2))
tryit(lambda: cv.ContextVar(1))
tryit(lambda: cv.ContextVar())
tryit(lambda: cv.ContextVar('x', 1))
tryit(lambda: cv.ContextVar('x', defaultt=1))
tryit(lambda: cv.Context(1))
tryit(lambda: cv.Token())
tryit(lambda: v.reset(1))
tryit(lambda: v.reset(t))
tw = w.set(1)
tryit(lambda: v.reset(tw))
tryit(lambda: cv.copy_context().run(w.reset, tw))
w.reset(tw)
ctx = cv.copy_context()
tryit(lambda: ctx[1])
tryit(lambda: ctx[w])
tryit(lambda: 1 in ctx)
tryit(lambda: ctx.get(1))
tryit(lambda: hash(ctx))
tryit(lambda: ctx.run())
tryit(lambda: ctx.run(ctx.run, print))
tryit(lambda: v.set())
tryit(lambda: v.set(1, 2))
try:
    class S(cv.ContextVar): pass
except TypeError as e:
    print(e)
try:
    v.name = 'x'
except AttributeError as e:
    print(e)
print(cv.ContextVar[int], cv.Token[str])
print(hash(v) == hash(v), v == v, v != w)

# contexts
a = cv.ContextVar('a', default='A0')
b = cv.ContextVar('b')
a.set('A1')
ctx = cv.copy_context()
print(ctx[a], a in ctx, b in ctx, len(ctx) >= 1, ctx.get(b, 'nob'), ctx.get(b))
def inside(x, y=0):
    print('inside', a.get(), x, y)
    a.set('A2')
    b.set('B2')
    print('inside after', a.get(), b.get())
    return x + y
print(ctx.run(inside, 10, y=5))
print('outside', a.get(), b.get('no b'))
print('ctx', ctx[a], ctx[b])
print(sorted((k.name, val) for k, val in ctx.items() if k.name in 'ab'))
print(sorted(k.name for k in ctx if k.name in 'ab'), sorted(str(x) for x in ctx.values() if str(x).startswith(('A', 'B'))))
c2 = ctx.copy()
print(c2 == ctx, c2 is ctx, c2 != cv.Context(), cv.Context() == cv.Context(), ctx == 1)
c2.run(a.set, 'A3')
print(c2[a], ctx[a], c2 == ctx)
empty = cv.Context()
print(len(empty), list(empty), empty.run(a.get), empty.run(b.get, 'dflt'))
# nesting
def outer():
    a.set('outer')
    inner_ctx = cv.copy_context()
    def inner():
        a.set('inner')
        return a.get()
    r = inner_ctx.run(inner)
    return r, a.get(), inner_ctx[a]
print(cv.copy_context().run(outer), a.get())
# exception inside run restores the context
def boom():
    a.set('boom')
    raise ValueError('x')
c3 = cv.copy_context()
try:
    c3.run(boom)
except ValueError:
    pass
print(a.get(), c3[a])
# re-entering after exit is fine
print(c3.run(a.get))
# tokens from one context used in another
c4 = cv.copy_context()
tok = c4.run(a.set, 'c4')
tryit(lambda: a.reset(tok))
print(c4.run(a.reset, tok), c4[a])
# decimal uses contextvars
import decimal
with decimal.localcontext() as lc:
    lc.prec = 5
    print(decimal.Decimal(1) / decimal.Decimal(7))
print(decimal.Decimal(1) / decimal.Decimal(7))
