# marshal round-trips code objects (what importlib keeps in .pyc files);
# the bytes themselves are each implementation's own.
import marshal, types

src = '''
def f(a, *rest, k=2.5, **kw):
    return [a * k for _ in rest], sorted(kw)
class C:
    def m(self):
        return __class__.__name__, (lambda: 1j)()
result = f(2, 'x', 'y', z=1), C().m(), {1, 2} | {3}, b'\\x00', -0.0, 10 ** 25
'''
code = compile(src, "<marshalled>", "exec")
again = marshal.loads(marshal.dumps(code))
print(type(again) is types.CodeType, again.co_filename, again.co_name)
ns = {}
exec(again, ns)
print(ns["result"])
print([c.co_name for c in again.co_consts if isinstance(c, types.CodeType)])
fn = ns["f"]
print(fn.__code__.co_varnames, fn.__code__.co_argcount, fn.__code__.co_kwonlyargcount)
try:
    marshal.loads(marshal.dumps(code)[:-3])
except (ValueError, EOFError) as e:
    print("truncated:", type(e).__name__)
print(marshal.loads(marshal.dumps((1, "two", [3.0], {"k": None}))))
