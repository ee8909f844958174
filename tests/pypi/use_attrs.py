import attr, attrs

@attrs.define
class Point:
    x: int
    y: int = 0
    tags: list = attrs.field(factory=list)

@attrs.frozen(order=True)
class Version:
    major: int
    minor: int = attrs.field(validator=attrs.validators.instance_of(int))

@attr.s(auto_attribs=True, slots=True)
class Old:
    a: str
    b: float = 1.5

p = Point(1, 2)
print(p, p == Point(1, 2), p != Point(2, 1))
p.tags.append("t")
print(attrs.asdict(p), attrs.astuple(p))
print(attrs.evolve(p, y=5))
print(sorted([Version(2, 0), Version(1, 3), Version(1, 2)]))
try:
    Version(1, "x")
except TypeError as e:
    print("TypeError", e.args[0])
v = Version(1, 2)
try:
    v.major = 3
except attrs.exceptions.FrozenInstanceError as e:
    print("frozen", type(e).__name__)
print(hash(v) == hash(Version(1, 2)))
print(Old("s"), [f.name for f in attrs.fields(Old)], hasattr(Old("s"), "__dict__"))
print(attrs.has(Point), attrs.has(int))
