# Compile-time checks of match patterns, and which classes sequence and
# mapping patterns accept (flags inherited along the MRO, registration).
import array
import collections
import collections.abc

sources = [
    'case "a" | a: pass',
    'case [a, [b] | [c] | [d]]: pass',
    'case [a, [b] | [b]]: pass',
    'case (x, y) | (y, x): pass',
    'case 0+0: pass',
    'case {0+0: _}: pass',
    'case 0j+0: pass',
    'case 0j+0j: pass',
    'case -1-2j: pass',
    'case {-1-2j: _, 1: _}: pass',
    'case {**_}: pass',
    'case {f"": _}: pass',
    'case f"": pass',
    'case f"{x}": pass',
    'case {"a": _, "a": _}: pass',
    'case {0: _, False: _}: pass',
    'case {0: _, 0.0: _}: pass',
    'case {0: _, -0: _}: pass',
    'case {0: _, 0j: _}: pass',
    'case {1: _, True: _, 2: _}: pass',
    'case {"a": _, b"a": _}: pass',
    'case {None: _, None: _}: pass',
    'case {x.y: _, x.y: _}: pass',
    'case a, a: pass',
    'case {"k": a, "l": a}: pass',
    'case C(x, x): pass',
    'case C(x=x, y=x): pass',
    'case C(x, y=x): pass',
    'case a as a: pass',
    'case [*a, a]: pass',
    'case {"k": a, **a}: pass',
    'case a | "a": pass',
    'case x | [_ as x] if x: pass',
    'case _ | _: pass',
    'case (_ as x) | [x]: pass',
    'case _ | _ if condition(): pass',
    'case (1 | 2) | x: pass',
]
for src in sources:
    code = "match subject:\n    " + src + "\n"
    try:
        compile(code, "<case>", "exec")
        print("ok:", src)
    except SyntaxError as e:
        print("SyntaxError:", src, "->", e.msg)


def kind(x):
    match x:
        case [*_]:
            return "seq"
        case {}:
            return "map"
        case _:
            return "neither"


class C:
    pass


class M1(collections.UserDict, collections.abc.Sequence):
    pass


class M2(C, collections.UserDict, collections.abc.Sequence):
    pass


class M3(collections.UserDict, C, list):
    pass


class M4(dict, collections.abc.Sequence, C):
    pass


class S1(collections.UserList, collections.abc.Mapping):
    def __getitem__(self, i):
        return 0

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0


class S3(list, C, collections.abc.Mapping):
    pass


class S4(collections.UserList, dict, C):
    pass


class Parent:
    pass


class ChildPre(Parent):
    pass


collections.abc.Sequence.register(Parent)


class ChildPost(Parent):
    pass


for cls in [M1, M2, M3, M4, S1, S3, S4, Parent, ChildPre, ChildPost]:
    print(cls.__name__, kind(cls()))

values = [[], (), range(2), memoryview(b""), collections.deque(), array.array("b", b"ab"), {},
          collections.OrderedDict(), collections.defaultdict(), collections.Counter(),
          type.__dict__, "", b"", bytearray(), set(), frozenset()]
for v in values:
    print(type(v).__name__, kind(v))

match array.array("b", b"abc"):
    case (x, y, z):
        print("array items", x, y, z)

match bytearray(b"xy"):
    case bytearray(z):
        print("bytearray self", z)
