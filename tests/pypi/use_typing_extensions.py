from typing_extensions import (TypedDict, Literal, Protocol, runtime_checkable, Annotated,
    get_type_hints, get_args, get_origin, NotRequired, Required, Self, final, override,
    ParamSpec, TypeVarTuple, Unpack, deprecated, NamedTuple, TypeAlias, assert_never)
import typing_extensions as te

class Movie(TypedDict, total=False):
    title: Required[str]
    year: int

print(Movie.__required_keys__, Movie.__optional_keys__, Movie(title="x"))

@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...

class F:
    def close(self): pass
print(isinstance(F(), Closer), isinstance(1, Closer))
A = Annotated[int, "meta"]
print(get_origin(A) is Annotated, get_args(A), get_args(Literal[1, "a"]))
class P(NamedTuple):
    x: int
    y: str = "d"
print(P(1), P._fields)
def f(a: "int", b: A) -> Self: ...
print(get_type_hints(f), get_type_hints(f, include_extras=True)["b"])
@final
class Leaf: pass
print(getattr(Leaf, "__final__", None))
PS = ParamSpec("PS")
Ts = TypeVarTuple("Ts")
print(PS.__name__, Ts.__name__, hasattr(te, "TypeIs"))
@deprecated("use g")
def old(): return 1
import warnings
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    old()
print([str(x.message) for x in w], [x.category.__name__ for x in w])
