# code.replace(), assigning __code__, types.FunctionType(code, globals, ...)
# and types.coroutine (which marks a generator's code CO_ITERABLE_COROUTINE).
import types


def f(a, b=2, *c, d, **e):
    x = 1
    return a + b + d


c = f.__code__
print(c is f.__code__, c == f.__code__, c.co_name, c.co_qualname)
print(c.co_argcount, c.co_posonlyargcount, c.co_kwonlyargcount, c.co_nlocals, c.co_varnames)

tests = [
    "c.replace(1)",
    "c.replace(co_name=1)",
    "c.replace(co_flags='x')",
    "c.replace(co_flags=1.5)",
    "c.replace(co_code='x')",
    "c.replace(co_consts=[1])",
    "c.replace(co_filename=b'x')",
    "c.replace(co_qualname=None)",
    "c.replace(co_linetable=1)",
    "c.replace(co_exceptiontable='')",
    "c.replace(bogus=1)",
    "c.replace(co_nlocals=9)",
    "c.replace(co_argcount=-1)",
    "c.replace(co_stacksize=-1)",
    "c.replace(co_nlocals=-1)",
    "c.replace(co_firstlineno=-5)",
    "c.replace(co_flags=-1)",
    "c.replace(co_argcount=9)",
    "c.replace(co_kwonlyargcount=3)",
    "c.replace(co_varnames=('a',))",
    "c.replace(co_flags=2**40)",
    "c.replace(co_names=(1,))",
    "c.replace(co_varnames=(1, 2, 3, 4, 5, 6))",
    "c.replace(co_posonlyargcount=5)",
    "c.replace(co_name='g').co_name",
    "c.replace(co_name='s\\udc80').co_name",
    "c.replace(co_qualname='A.g').co_qualname",
    "c.replace(co_filename='zz').co_filename",
    "c.replace(co_firstlineno=0).co_firstlineno",
    "c.replace(co_flags=True).co_flags",
    "c.replace(co_consts=c.co_consts + (99,)).co_consts[-1]",
    "c.replace(co_posonlyargcount=1).co_posonlyargcount",
    "c.replace().co_name",
    "c.replace() is c",
]
for t in tests:
    try:
        print(t, "->", repr(eval(t)))
    except Exception as ex:
        print(t, "->", type(ex).__name__, ex)

# A renamed code object in a new function, and assigned to __code__.
g = types.FunctionType(c.replace(co_name="renamed", co_qualname="Q.renamed"), globals())
print(g.__name__, g.__qualname__, g(1, d=3), g.__code__.co_name, g.__module__)
g2 = types.FunctionType(c, globals(), "h", (5,))
print(g2.__name__, g2(1, d=0), g2.__defaults__)


def add(a, b):
    return a + b


add.__code__ = add.__code__.replace(co_name="plus")
print(add.__name__, add.__code__.co_name, add(2, 3))


def boom():
    raise ValueError("boom")


boom.__code__ = boom.__code__.replace(co_name="kaboom", co_firstlineno=boom.__code__.co_firstlineno + 1000)
try:
    boom()
except ValueError as ex:
    tb = ex.__traceback__.tb_next
    print(tb.tb_frame.f_code.co_name, tb.tb_lineno - boom.__code__.co_firstlineno)


def outer():
    x = 1

    def inner():
        return x

    return inner


i = outer()
print(types.FunctionType(i.__code__, {}, None, None, i.__closure__)())
for args in [(i.__code__, {}), (i.__code__, {}, None, None, (1,)), (i.__code__, {}, None, None, 5),
             (1, {}), (c, 1), (c, {}, 5), (c, {}, None, [1]), (c, {}, None, None, (i.__closure__[0],))]:
    try:
        types.FunctionType(*args)
    except (TypeError, ValueError) as ex:
        print(type(ex).__name__, ex)
for v in [i.__code__, 1]:
    try:
        add.__code__ = v
    except (TypeError, ValueError) as ex:
        print(type(ex).__name__, ex)


@types.coroutine
def gen():
    got = yield "suspended"
    return got * 2


print(hex(gen.__code__.co_flags & 0x1a0))


async def main():
    return await gen()


co = main()
print(co.send(None))
try:
    co.send(21)
except StopIteration as ex:
    print("result", ex.value)
lines = list(add.__code__.co_lines())
print(len(lines) > 0, all(s < e for s, e, _ in lines))
