# operator.itemgetter / attrgetter / methodcaller and argument errors.
import operator
import _operator
from operator import itemgetter, attrgetter, methodcaller
import copy

def rebuild(x):
    f, args = x.__reduce__()
    return f(*args)

ig = itemgetter(1)
print(ig, ig([1, 2, 3]), ig("ab"), ig({1: "one"}), repr(itemgetter("k")), itemgetter(-1)((1, 2)))
ig3 = itemgetter(2, 0, 1)
print(ig3, ig3("abc"), ig3([7, 8, 9]), itemgetter(slice(1, None))("hello"))
print(ig.__reduce__(), ig3.__reduce__(), itemgetter((1, 2)).__reduce__(), itemgetter((1, 2)))
print(rebuild((ig3))("xyz"), copy.copy(ig)([5, 6]), copy.deepcopy(ig3)([1, 2, 3]))
print(type(ig), type(ig).__name__, type(ig).__module__, type(ig).__qualname__)
print(sorted([(3, "c"), (1, "a"), (2, "b")], key=itemgetter(1)), list(map(itemgetter(0), [(1, 2), (3, 4)])))
for call in [lambda: itemgetter(), lambda: itemgetter(a=1), lambda: ig(), lambda: ig(1, 2), lambda: ig(x=1),
             lambda: ig(5), lambda: ig([]), lambda: ig3("ab"), lambda: itemgetter("x")({}),
             lambda: itemgetter(1)(None)]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
l = []
rec = itemgetter(l)
l.append(rec)
print(rec)

class Obj:
    pass
o = Obj()
o.a = 1
o.b = Obj()
o.b.c = "deep"
o.b.d = Obj()
o.b.d.e = [1]
ag = attrgetter("a")
print(ag, ag(o), attrgetter("b.c")(o), attrgetter("b.d.e")(o), attrgetter("a", "b.c")(o))
print(attrgetter("b.c"), attrgetter("a", "b.c"), attrgetter("b.c").__reduce__(), attrgetter("a", "b.d.e").__reduce__())
print(rebuild((attrgetter("b.c", "a")))(o), copy.deepcopy(attrgetter("b.d.e"))(o))
print(attrgetter("real", "imag")(3 + 4j), attrgetter("__class__.__name__")(o))
for call in [lambda: attrgetter(), lambda: attrgetter(1), lambda: attrgetter("a", 2), lambda: attrgetter(a="x"),
             lambda: ag(), lambda: ag(1, 2), lambda: ag(o, x=1), lambda: attrgetter("zz")(o),
             lambda: attrgetter("b.zz")(o), lambda: attrgetter("a.b")(o), lambda: attrgetter("")(o),
             lambda: attrgetter("b.")(o), lambda: attrgetter(".b")(o), lambda: attrgetter("a", "nope")(o)]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)

mc = methodcaller("upper")
print(mc, mc("abc"), methodcaller("split", ",")("a,b"), methodcaller("split", sep=",", maxsplit=1)("a,b,c"))
print(methodcaller("replace", "a", "b"), methodcaller("f", 1, "x", k=[1], z=None))
print(mc.__reduce__(), methodcaller("replace", "a", "b").__reduce__())
r = methodcaller("split", ",", maxsplit=1).__reduce__()
print(type(r[0]).__name__, r[0].func is methodcaller, r[0].args, r[0].keywords, r[1])
print(rebuild((methodcaller("split", ",", maxsplit=1)))("a,b,c"))
print(copy.deepcopy(methodcaller("count", "a"))("banana"))
class K:
    def m(self, *a, **k):
        return (a, sorted(k.items()))
print(methodcaller("m", 1, 2, x=3, y=4)(K()))
for call in [lambda: methodcaller(), lambda: methodcaller(1), lambda: methodcaller(name="x"),
             lambda: mc(), lambda: mc("a", "b"), lambda: mc("a", x=1), lambda: methodcaller("nope")(1),
             lambda: methodcaller("upper", 1)("a")]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
d = {}
mrec = methodcaller("f", d)
d["me"] = mrec
print(mrec)

# not subclassable; the classes' reprs
for cls in (itemgetter, attrgetter, methodcaller):
    print(cls, cls.__name__)
    try:
        class Sub(cls):
            pass
        print("subclassed", cls.__name__)
    except TypeError as e:
        print("TypeError", e)

# length_hint
class LH:
    def __init__(self, v): self.v = v
    def __length_hint__(self): return self.v
class LenRaises:
    def __len__(self): raise TypeError("no len")
    def __length_hint__(self): return 4
class LenErr:
    def __len__(self): raise ValueError("bad len")
class HintTE:
    def __length_hint__(self): raise TypeError("x")
print(operator.length_hint([1, 2, 3]), operator.length_hint((), 5), operator.length_hint(iter([1, 2, 3])),
      operator.length_hint(iter(range(10))), operator.length_hint(3), operator.length_hint(3, 9),
      operator.length_hint(LH(7)), operator.length_hint(LH(NotImplemented), 2), operator.length_hint(LenRaises()),
      operator.length_hint(HintTE(), 11), operator.length_hint({1: 2}), operator.length_hint("abc"))
it = iter([1, 2, 3, 4])
next(it)
print(operator.length_hint(it), operator.length_hint(iter({1: 2, 3: 4})), operator.length_hint(reversed([1, 2])))
print(operator.length_hint(range(5)), operator.length_hint(iter(range(2, 20, 3))), operator.length_hint(iter(range(5, 0, -2))))
print(operator.length_hint(iter("héllo")), operator.length_hint(iter((1, 2))), operator.length_hint(map(str, [1])))
for call in [lambda: operator.length_hint(LH(-1)), lambda: operator.length_hint(LH("x")), lambda: operator.length_hint(LenErr()),
             lambda: operator.length_hint([], "x"), lambda: operator.length_hint(), lambda: operator.length_hint(1, 2, 3),
             lambda: operator.length_hint([], default=1), lambda: operator.length_hint(LH(2**70))]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)

# argument errors of the functions
for call in ["operator.add(1)", "operator.add(1, 2, 3)", "operator.add(a=1, b=2)", "operator.neg()",
             "operator.neg(1, 2)", "operator.neg(a=1)", "operator.truth()", "operator.setitem(1, 2)",
             "operator.call()", "operator.index()", "operator.not_(1, 2)", "operator.is_(1)",
             "operator.contains([])", "operator.countOf()", "operator.getitem([1])", "_operator._compare_digest('a')",
             "operator.iadd()", "operator.ipow(1, 2, 3)"]:
    try:
        eval(call)
    except TypeError as e:
        print(call, "->", e)
print(operator.add, operator.itemgetter, operator.__lt__ is operator.lt, operator.__call__ is operator.call)
