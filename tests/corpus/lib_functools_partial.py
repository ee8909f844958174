# _functools.partial: calls, attributes, flattening, repr, pickling state.
from _functools import partial


def show(*args, **kwargs):
    return args, kwargs


p = partial(show, 1, 2, a=3)
print(p(), p(4), p(4, a=5, b=6))
print(p.func is show, p.args, p.keywords)
print(partial(show)(), partial(show, x=1)(x=2), partial(show, 1)(*[2, 3], **{'k': 4}))
print(partial(pow, 2)(10), partial(pow, exp=2)(7), partial(max, 3)(1, 2), partial(int, base=2)('101'))
print(repr(partial(max)), repr(partial(max, 1, 2)), repr(partial(max, key=abs)), repr(partial(pow, 2, mod=5)))
print(repr(partial(max, 'a', [1], x=None)))

# nested partials are flattened
inner = partial(show, 1, a=1)
outer = partial(inner, 2, b=2)
print(outer.func is show, outer.args, outer.keywords, outer())
print(partial(partial(partial(max, 1), 2), 3).args)
over = partial(partial(show, a=1), a=2)
print(over.keywords, over())
tagged = partial(show, 1)
tagged.note = 'kept'
wrapped = partial(tagged, 2)
print(wrapped.func is tagged, wrapped.args, wrapped(), tagged.note, tagged.__dict__)

# the keywords dict is live
kw = partial(show, a=1)
kw.keywords['b'] = 2
print(kw(), kw.keywords)

print(partial(max, 1).__reduce__())
q = partial(max, 1, key=abs)
q.extra = 5
r = q.__reduce__()
print(r[0].__name__, r[1], r[2])
s = partial(min)
s.__setstate__((max, (1, 2), {'key': abs}, {'attr': 9}))
print(s, s(), s.attr)
s.__setstate__((max, (3,), None, None))
print(s, s.keywords, s.__dict__)
for bad in (1, (1, 2), (1, 2, 3, 4), (max, 1, None, None), (max, (), 5, None), [max, (), {}, None]):
    try:
        s.__setstate__(bad)
    except TypeError as e:
        print('TypeError', e)
cyc = partial(max)
cyc.__setstate__((cyc, (), {}, None))
print(repr(cyc))

cases = ['partial()', 'partial(1)', 'partial(None)', 'partial(max, 1)()', 'hasattr(partial, "func")',
         'callable(partial(max))', 'partial(max) == partial(max)', 'partial(max, 1).args[0]',
         'partial[int]', 'type(partial(max)).__name__', 'partial.__module__',
         'partial(max).func.__name__']
for c in cases:
    try:
        r = eval(c)
        print(c, '->', r)
    except Exception as e:
        print(c, '!!', type(e).__name__, e)


class Tagged(partial):
    def __repr__(self):
        return 'Tagged' + repr(self.args)


t = Tagged(show, 1, z=0)
print(t, t(2), isinstance(t, partial), type(t).__name__)
nested = partial(t, 3)
print(nested.func is show, nested.args, nested())


class Loud(partial):
    def __call__(self, *a, **k):
        print('  Loud call', a)
        return super().__call__(*a, **k)


loud = Loud(show, 'x')
print(loud('y'))
keep = partial(loud, 'z')
print(keep.func is loud, keep())


class Method:
    f = partial(show, 'bound?')


print(Method().f(), Method.f())
for action in (lambda: setattr(partial(max), 'func', min), lambda: delattr(partial(max), 'args'),
               lambda: setattr(partial(max), 'keywords', {})):
    try:
        action()
    except AttributeError as e:
        print('AttributeError', e)
