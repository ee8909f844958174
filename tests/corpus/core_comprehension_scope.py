# topic: comprehensions: own scope, nested loops, conditions, class-body scope
x = "global"
r = [x for x in range(3)]
print(r, x)
print([(i, j) for i in range(3) for j in range(i)])
print([[j for j in range(i)] for i in range(4)])
print({k: v for k, v in zip("abc", range(3)) if v != 1})
print({v % 3 for v in range(10)})
print(list(g * 2 for g in range(3)))
class K:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
    try:
        bad = [v * factor for v in range(2)]
    except NameError as e:
        err = str(e)
    factor = 3
print(K.doubled, K.err)
def outer():
    y = 10
    return [y + i for i in range(3)]
print(outer())
print([i for i in range(10) if i % 2 if i % 3])
gen = (i * i for i in range(4))
print(next(gen), list(gen), list(gen))
try:
    [undefined_name for _ in range(1)]
except NameError as e:
    print("NameError", e)
print([lambda: i for i in range(2)][0]())
print(sum(x for x in range(5)))
