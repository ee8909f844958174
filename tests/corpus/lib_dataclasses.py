# dataclasses: fields, defaults, factories, frozen, order, asdict/astuple,
# replace, repr/eq, __post_init__, InitVar, KW_ONLY, slots.
import dataclasses
import re
from dataclasses import dataclass, field, fields, asdict, astuple, replace, InitVar, KW_ONLY, FrozenInstanceError
from typing import ClassVar, List


def clean(x):
    return re.sub(r' at 0x[0-9a-f]+', ' at 0x...', str(x))


@dataclass
class Point:
    x: int
    y: int = 0


p = Point(1)
print(p, p == Point(1, 0), p != Point(2), repr(Point(y=3, x=4)))
print([f.name for f in fields(p)], [f.type for f in fields(Point)], clean([f.default for f in fields(Point)]))
print(asdict(p), astuple(p), replace(p, y=9))
print(Point.__init__.__doc__, Point.__match_args__, Point.__dataclass_params__)
print(dataclasses.is_dataclass(p), dataclasses.is_dataclass(Point), dataclasses.is_dataclass(1))
try:
    Point()
except TypeError as e:
    print("TypeError", e)
try:
    hash(p)
except TypeError as e:
    print("TypeError", e)


@dataclass
class Inventory:
    items: List[str] = field(default_factory=list)
    count: int = field(default=0, repr=False, compare=False)
    tag: ClassVar[str] = "inv"
    meta: dict = field(default_factory=dict, metadata={"unit": "kg"})


a, b = Inventory(), Inventory()
a.items.append("x")
print(a, b, a.items is not b.items, Inventory.tag, fields(Inventory)[2].metadata["unit"])
print(Inventory(["y"], 5) == Inventory(["y"], 6))
try:
    @dataclass
    class Bad:
        xs: list = []
except ValueError as e:
    print("ValueError", e)


@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int = 0

    def bump(self):
        return replace(self, minor=self.minor + 1)


v = Version(1, 2)
print(v < Version(1, 3), v >= Version(1, 2), sorted([Version(2), Version(1, 5), Version(1)]))
print(hash(v) == hash(Version(1, 2)), v.bump(), {v: 1}[Version(1, 2)])
try:
    v.major = 3
except FrozenInstanceError as e:
    print("FrozenInstanceError", e)
try:
    del v.minor
except FrozenInstanceError as e:
    print("FrozenInstanceError", e)
try:
    Version(1) < (1, 0)
except TypeError as e:
    print("TypeError", e)


@dataclass
class WithPost:
    a: int
    b: int = field(init=False)
    scale: InitVar[int] = 2

    def __post_init__(self, scale):
        self.b = self.a * scale


w = WithPost(3)
print(w, WithPost(3, 5), [f.name for f in fields(w)])


@dataclass
class KW:
    a: int
    _: KW_ONLY
    b: int = 1
    c: int = 2


print(KW(0, c=5), KW(0, b=3))
try:
    KW(0, 1)
except TypeError as e:
    print("TypeError", e)


@dataclass(kw_only=True)
class AllKW:
    x: int
    y: str = "y"


print(AllKW(x=1))


@dataclass(slots=True)
class Slotted:
    a: int
    b: str = "b"


s = Slotted(1)
print(s, Slotted.__slots__, hasattr(s, "__dict__"))
try:
    s.c = 3
except AttributeError as e:
    print("AttributeError", e)


@dataclass(eq=False)
class NoEq:
    a: int


print(NoEq(1) == NoEq(1), NoEq(1).__eq__ is not None)


@dataclass(repr=False, unsafe_hash=True)
class Hashed:
    a: int
    b: int = field(default=0, hash=False)


print(hash(Hashed(1, 2)) == hash(Hashed(1, 3)), "Hashed object" in repr(Hashed(1)))


@dataclass
class Base:
    x: int = 0
    y: int = 1


@dataclass
class Derived(Base):
    z: int = 2
    x: int = 10


print(Derived(), [f.name for f in fields(Derived)])

C = dataclasses.make_dataclass("C", [("a", int), ("b", int, field(default=5))], namespace={"total": lambda self: self.a + self.b})
c = C(1)
print(c, c.total())

@dataclass
class Node:
    val: int
    children: list = field(default_factory=list)


tree = Node(1, [Node(2), Node(3, [Node(4)])])
print(asdict(tree))
print(astuple(tree))
print(asdict(Point(1, 2), dict_factory=lambda kv: sorted(kv, reverse=True)))
print(clean(dataclasses.fields(Version)[0]))
print(clean(dataclasses.MISSING), clean(dataclasses.field(default=1)))

@dataclass
class Rec:
    name: str
    parent: "Rec" = None


r = Rec("a", Rec("b"))
print(r)
r.parent.parent = r
print(repr(r)[:60])
