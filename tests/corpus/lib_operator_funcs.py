# operator's functions (from _operator): results and errors.
import operator
import _operator

print(sorted(n for n in dir(_operator) if not n.startswith('__')))
print(operator.add is _operator.add, operator.itemgetter is _operator.itemgetter)
print(operator.__doc__.splitlines()[0])

vals = [0, 1, -7, 3.5, 2**70, -0.0, True, 1+2j, "ab", b"xy", [1, 2], (3,), {1, 2}, None]
binops = ["add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "lshift", "rshift",
          "and_", "or_", "xor", "matmul", "concat", "eq", "ne", "lt", "le", "gt", "ge",
          "is_", "is_not", "contains", "countOf", "indexOf", "getitem"]
for name in binops:
    f = getattr(operator, name)
    out = []
    for a in vals:
        for b in vals[:4] + vals[5:9]:
            try:
                r = f(a, b)
                out.append(repr(r)[:30])
            except Exception as e:
                out.append(type(e).__name__ + ":" + str(e)[:60])
    print(name, "|".join(out))

for name in ["neg", "pos", "abs", "inv", "invert", "truth", "not_", "index"]:
    f = getattr(operator, name)
    out = []
    for a in vals:
        try:
            out.append(repr(f(a)))
        except Exception as e:
            out.append(type(e).__name__ + ":" + str(e))
    print(name, out)

# in-place operators: mutable and immutable operands
l = [1]
r = operator.iadd(l, [2, 3]); print(r, r is l)
r = operator.iconcat(l, (4,)); print(r, r is l)
r = operator.imul(l, 2); print(r, r is l)
t = (1,)
r = operator.iadd(t, (2,)); print(r, r is t)
s = {1, 2}
r = operator.ior(s, {3}); print(sorted(r), r is s)
r = operator.iand(s, {1, 3}); print(sorted(r), r is s)
r = operator.isub(s, {1}); print(sorted(r), r is s)
r = operator.ixor(s, {5}); print(sorted(r), r is s)
x = 10
for name in ["iadd", "isub", "imul", "itruediv", "ifloordiv", "imod", "ipow", "ilshift", "irshift", "iand", "ior", "ixor"]:
    print(name, getattr(operator, name)(x, 3))
ba = bytearray(b"ab")
r = operator.iadd(ba, b"cd"); print(r, r is ba)
for name in ["iadd", "isub", "imatmul", "iconcat"]:
    try:
        getattr(operator, name)(1, "a")
    except TypeError as e:
        print(name, e)

class M:
    def __init__(self, v): self.v = v
    def __matmul__(self, o): return ("matmul", self.v, o)
    def __imatmul__(self, o): return ("imatmul", self.v, o)
    def __iadd__(self, o): self.v += o; return self
    def __repr__(self): return f"M({self.v})"
print(operator.matmul(M(1), 2), operator.imatmul(M(1), 2))
m = M(1); print(operator.iadd(m, 5), operator.iadd(m, 1) is m)

# setitem / delitem / getitem
d = {}
print(operator.setitem(d, "k", 1), d)
print(operator.getitem(d, "k"), operator.getitem([1, 2, 3], slice(1, None)))
print(operator.delitem(d, "k"), d)
l = [0, 1, 2, 3]
operator.setitem(l, slice(0, 2), ["a"]); print(l)
operator.delitem(l, -1); print(l)
for call in [lambda: operator.getitem({}, "x"), lambda: operator.delitem([], 0),
             lambda: operator.setitem((), 0, 1), lambda: operator.getitem(1, 1)]:
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)

# concat on sequences and non-sequences
class Seq:
    def __getitem__(self, i): return i
    def __add__(self, o): return "Seq.add"
class NoAdd:
    def __getitem__(self, i): return i
print(operator.concat("a", "b"), operator.concat([1], [2]), operator.concat(b"a", b"b"))
print(operator.concat(Seq(), Seq()), operator.concat(Seq(), [1]))
for a, b in [(1, 2), ([], ()), ("a", 1), (NoAdd(), NoAdd()), (Seq(), 1), ({}, {}), (Seq(), {})]:
    try:
        print(operator.concat(a, b))
    except TypeError as e:
        print("concat", e)
    try:
        print(operator.iconcat(a, b))
    except TypeError as e:
        print("iconcat", e)

# contains / countOf / indexOf: identity before equality
nan = float("nan")
print(operator.contains([nan], nan), operator.countOf([nan, nan, 1], nan), operator.indexOf([1, nan], nan))
print(operator.countOf("abcab", "a"), operator.indexOf(iter([5, 6, 7]), 7), operator.countOf({1: 2, 3: 4}, 3))
class Eq:
    def __eq__(self, o): return True
print(operator.countOf([1, 2, 3], Eq()), operator.indexOf([4, 5], Eq()))
for call in [lambda: operator.indexOf([1], 2), lambda: operator.countOf(1, 2),
             lambda: operator.contains(3, 3), lambda: operator.indexOf(None, 1)]:
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)
def gen_error():
    yield 1
    raise KeyError("boom")
try:
    operator.countOf(gen_error(), 5)
except KeyError as e:
    print("KeyError", e)

# index
class Idx:
    def __index__(self): return 7
class BadIdx:
    def __index__(self): return 1.5
print(operator.index(Idx()), operator.index(True), type(operator.index(True)), operator.index(-2**80))
for v in [BadIdx(), 1.0, "1", None]:
    try:
        operator.index(v)
    except TypeError as e:
        print("index", e)

# truth / not_ with __bool__ / __len__
class B:
    def __init__(self, b): self.b = b
    def __bool__(self): return self.b
class L:
    def __len__(self): return 0
class Bad:
    def __bool__(self): return 1
print(operator.truth(B(True)), operator.not_(B(True)), operator.truth(L()), operator.not_(L()), operator.truth([]))
try:
    operator.truth(Bad())
except TypeError as e:
    print("truth", e)

# rich comparisons return whatever the dunder returns
class C:
    def __lt__(self, o): return "lt!"
    def __eq__(self, o): return NotImplemented
print(operator.lt(C(), 1), operator.gt(1, C()), operator.eq(C(), C()), operator.ne(1, C()))
try:
    operator.lt(C(), C()) and operator.lt(1, "a")
except TypeError as e:
    print("lt", e)
try:
    operator.ge(None, 1)
except TypeError as e:
    print("ge", e)

# pow: two arguments only
print(operator.pow(2, 10), operator.pow(2, -1), operator.pow(-8, 1/3).real.__round__(3))
try:
    operator.pow(0, -1)
except ZeroDivisionError as e:
    print("pow", e)
print(operator.truediv(7, 2), operator.floordiv(-7, 2), operator.mod(-7, 2), operator.mod("%s-%s", (1, 2)))
for call in [lambda: operator.truediv(1, 0), lambda: operator.floordiv(1.0, 0), lambda: operator.mod(1, 0),
             lambda: operator.lshift(1, -1), lambda: operator.neg("x"), lambda: operator.inv(1.5),
             lambda: operator.abs("x"), lambda: operator.pos([])]:
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)

# call
print(operator.call(max, 1, 5, 3), operator.call(dict, a=1), operator.call(lambda *a, **k: (a, k), 1, x=2))

# _compare_digest
print(_operator._compare_digest("abc", "abc"), _operator._compare_digest("abc", "abd"), _operator._compare_digest("a", "ab"))
print(_operator._compare_digest(b"abc", bytearray(b"abc")), _operator._compare_digest(memoryview(b"x"), b"y"), _operator._compare_digest(b"", b""))
import hmac
print(hmac.compare_digest(b"k", b"k"))
for a, b in [("é", "é"), ("a", b"a"), (b"a", "a"), (1, 2), (1, b"a"), ([], [])]:
    try:
        _operator._compare_digest(a, b)
    except TypeError as e:
        print("_compare_digest", e)
