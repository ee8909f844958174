# topic: function and module/class annotations
def f(a: int, b: "str" = "x", *args: float, c: list = None, **kw: dict) -> bool:
    return True
print(f.__annotations__)
class C:
    x: int
    y: str = "hi"
    z: "List[int]"
print(C.__annotations__, C.y, hasattr(C, "x"))
v: int = 5
w: float
print(__annotations__, v)
def g():
    local: int = 3
    return local
print(g(), g.__annotations__)
