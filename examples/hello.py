"""A small program that exercises a little of everything the parser reads."""
import sys
from dataclasses import dataclass


@dataclass
class Point:
    x: int
    y: int = 0

    def norm2(self) -> int:
        return self.x ** 2 + self.y ** 2


def describe(p: Point) -> str:
    match p:
        case Point(x=0, y=0):
            return "origin"
        case Point(x=x, y=0) if x > 0:
            return f"on the positive x axis at {x}"
        case _:
            return f"{p!r} with |p|² = {p.norm2():,}"


if __name__ == "__main__":
    for p in [Point(0), Point(3), Point(3, 4)]:
        print(describe(p), file=sys.stdout)
