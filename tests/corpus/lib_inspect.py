# inspect: signature of functions, classes, methods, builtins; getsource;
# predicates; getmembers; cleandoc; Parameter kinds.
import inspect
import functools


def f(a, b: int = 1, /, c=2, *args, d, e: "str" = "x", **kw) -> bool:
    """Docstring of f.

        Indented.
    """
    return True


async def co(x):
    pass


def gen():
    yield 1


class K:
    """K doc."""
    attr = 1

    def __init__(self, x, y=2):
        self.x = x

    def method(self, z, *, w=None):
        return z

    @classmethod
    def cm(cls, q):
        pass

    @staticmethod
    def sm(r, s=3):
        pass

    @property
    def prop(self):
        return 1


sig = inspect.signature(f)
print(sig)
print(list(sig.parameters), sig.return_annotation)
for name, p in sig.parameters.items():
    print(name, p.kind, p.kind.description, p.default is inspect.Parameter.empty, p.annotation)
print(inspect.signature(K), inspect.signature(K.method), inspect.signature(K(1).method))
print(inspect.signature(K.cm), inspect.signature(K.sm), inspect.signature(lambda x, *y: 0))
print(inspect.signature(functools.partial(f, 1, 2, d=4)))
b = sig.bind(1, 2, 3, 4, d=5, z=6)
print(b.arguments, b.args, b.kwargs)
b.apply_defaults()
print(b)
try:
    sig.bind(1)
except TypeError as e:
    print("TypeError", e)
print(sig.replace(return_annotation=inspect.Signature.empty))
print(inspect.Signature([inspect.Parameter("a", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=3)]))

print(inspect.isfunction(f), inspect.isclass(K), inspect.ismethod(K(1).method), inspect.iscoroutinefunction(co),
      inspect.isgeneratorfunction(gen), inspect.isbuiltin(len), inspect.isroutine(len), inspect.ismodule(inspect),
      inspect.isabstract(K), inspect.isdatadescriptor(K.prop))
print(inspect.getdoc(f))
print(inspect.getdoc(K), inspect.cleandoc("  a\n    b\n  c"))
print([n for n, _ in inspect.getmembers(K) if not n.startswith("__")])
print([n for n, _ in inspect.getmembers(K, inspect.isfunction)])
print(inspect.getmro(K))
print(inspect.getsource(f))
print(inspect.getsource(K.method))
print(inspect.getsourcelines(gen)[1], inspect.getfile(f).endswith("lib_inspect.py"), inspect.getmodule(f).__name__)
print(inspect.getfullargspec(f))
print(inspect.getcallargs(f, 1, d=2))
print(inspect.unwrap(functools.wraps(f)(lambda: 0)) is f)
print(inspect.getattr_static(K, "prop").__class__.__name__, inspect.getattr_static(K, "cm").__class__.__name__)

frame = inspect.currentframe()
print(type(frame).__name__ if frame is not None else None)
print(inspect.getgeneratorstate(gen()))

