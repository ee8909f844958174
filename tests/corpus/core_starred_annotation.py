# PEP 646: `*args: *Ts` annotations, and iterating a GenericAlias.
from typing import TypeVarTuple, Unpack, get_type_hints


def f(*args: *tuple[int, str]):
    pass


print(f.__annotations__)
Ts = TypeVarTuple("Ts")


def g(*args: *Ts):
    pass


print(g.__annotations__, get_type_hints(g) == {"args": Unpack[Ts]})
star, = tuple[int, str]
print(star, star.__unpacked__, tuple[int].__unpacked__, star == tuple[int, str], star == next(iter(tuple[int, str])))
print(hash(star) == hash(next(iter(tuple[int, str]))), list[int], [*list[int]])
d = {list[int]: 1, int | str: 2, tuple[int, ...]: 3}
print(d[list[int]], d[str | int], d[tuple[int, ...]], hash(int | str) == hash(str | int), len({dict[str, int], dict[str, int]}))
