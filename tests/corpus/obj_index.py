# topic: __index__ used by slicing, bin/hex, range, list repetition, operator.index-like uses
class I:
    def __init__(self, v): self.v = v
    def __index__(self): return self.v
print([0, 1, 2, 3, 4][I(1):I(3)], bin(I(5)), hex(I(255)), oct(I(8)), list(range(I(3))))
print("ab" * I(2), [1] * I(3), (I(2) * "x" if False else "skip"))
print(int.__index__(7), (10).__index__(), range(10)[I(4)])
class Bad:
    def __index__(self): return "nope"
try:
    [1, 2][Bad()]
except TypeError as e:
    print("TypeError", e)
try:
    lst2, fl = [1, 2], 1.0
    lst2[fl]
except TypeError as e:
    print("TypeError", e)
try:
    abc, one = "abc", "1"
    abc[one]
except TypeError as e:
    print("TypeError", e)
class IntLike:
    def __int__(self): return 3
print(int(IntLike()))
try:
    [1, 2, 3, 4][IntLike()]
except TypeError as e:
    print("TypeError", e)
print(int(I(9)), complex(I(2)) if False else "skip", float(I(2)) if hasattr(I, "__float__") else "no float")
