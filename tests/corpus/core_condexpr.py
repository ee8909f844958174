# topic: conditional expressions and short-circuit evaluation
def t(x):
    print("eval", x)
    return x
print(t(1) if t(True) else t(2))
print(t(1) if t(False) else t(2))
print("a" if 0 else "b" if 0 else "c")
x = 5
print("big" if x > 3 else "small", [("e" if v % 2 == 0 else "o") for v in range(4)])
print((lambda v: "neg" if v < 0 else "zero" if v == 0 else "pos")(-2))
