# topic: type hints at run time: list[int] (GenericAlias), int | str (UnionType), evaluated annotations
print(list[int], dict[str, list[int]], tuple[int, ...], type[int], set[frozenset[int]])
print(int | str, int | None, list[int] | None, (int | str) | float, int | int)
print(isinstance(3, int | str), isinstance("a", int | str), isinstance(None, int | None), isinstance(2.5, int | str))
print(list[int]([1, 2]), dict[str, int](a=1), list[int].__origin__, list[int].__args__, (int | str).__args__)
print(list[int] == list[int], list[int] == list[str], (int | str) == (str | int))
def f(x: list[int], y: "str" = "s", *args: int, **kw: dict[str, int]) -> tuple[int, str] | None:
    return None
print(f.__annotations__)
class C:
    attr: list[int] = []
    other: int | None
print(C.__annotations__)
try:
    isinstance([], list[int])
except TypeError as e:
    print("TypeError", e)
