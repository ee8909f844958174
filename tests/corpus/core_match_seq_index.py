# Sequence patterns whose star is a wildcard fetch items by index (never by
# iterating the subject); patterns of wildcards only fetch nothing.
import collections.abc


class Endless(collections.abc.Sequence):
    """Iterating would never stop: __getitem__ never raises."""

    def __init__(self, n):
        self.n = n
        self.calls = []

    def __getitem__(self, i):
        self.calls.append(i)
        return i * 10

    def __len__(self):
        return self.n


def show(s):
    match s:
        case [x, *_, y]:
            print("first/last", x, y, s.calls)
        case _:
            print("no match", s.calls)


show(Endless(42))
show(Endless(2))
show(Endless(1))

s = Endless(5)
match s:
    case [_, _, *_]:
        print("wildcards only", s.calls)

s = Endless(5)
match s:
    case [a, _, *_, _, b]:
        print("a b", a, b, s.calls)

s = Endless(3)
match s:
    case [*_, z]:
        print("z", z, s.calls)

s = Endless(3)
match s:
    case [_, _, _]:
        print("three wildcards", s.calls)


class NoNegative(collections.abc.Sequence):
    def __getitem__(self, i):
        if i < 0:
            raise IndexError("negative index")
        if i >= 4:
            raise IndexError(i)
        return chr(ord("a") + i)

    def __len__(self):
        return 4


match NoNegative():
    case [*_, "c", last]:
        print("last", last)

match [1, 2, 3, 4]:
    case [1, *_, 3]:
        print("wrong")
    case [1, *_, (4 | 5) as v]:
        print("alt", v)

match (1, 2, 3):
    case [*_, 3] if False:
        print("guard")
    case [first, *rest]:
        print(first, rest)
