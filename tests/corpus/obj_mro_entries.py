# topic: PEP 560 __mro_entries__: on a class's instances, on a function object's own attributes (typing.TypedDict's way), bad return values, __orig_bases__
class Base:
    pass


class Entry:
    def __mro_entries__(self, bases):
        print("mro_entries got", [getattr(b, "__name__", type(b).__name__) for b in bases])
        return (Base,)


class C(Entry(), int):
    pass


print(C.__mro__, [type(b).__name__ for b in C.__orig_bases__])


def factory():
    pass


factory.__mro_entries__ = lambda bases: (Base,)


class D(factory):
    pass


print(D.__bases__, D.__orig_bases__[0] is factory)


class Bad:
    def __mro_entries__(self, bases):
        return [Base]


try:
    class E(Bad()):
        pass
except TypeError as e:
    print("TypeError", e)


class Raising:
    @property
    def __mro_entries__(self):
        raise KeyError("from property")


try:
    class F(Raising()):
        pass
except KeyError as e:
    print("KeyError", e)

from typing import TypedDict, NamedTuple


class Movie(TypedDict):
    title: str
    year: int


class Point(NamedTuple):
    x: int
    y: int = 0


print(Movie.__required_keys__ == {"title", "year"}, Movie(title="x", year=1), Point(1), Point._fields)
