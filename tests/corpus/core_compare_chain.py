# topic: chained comparisons evaluate each operand once and short-circuit
log = []
def v(x):
    log.append(x)
    return x
print(v(1) < v(2) < v(3), log)
log.clear()
print(v(3) < v(2) < v(5), log)
log.clear()
print(v(1) == v(1) != v(2) >= v(2) > v(0), log)
log.clear()
print(1 < 2 > 1, 1 < 2 < 2, "a" < "b" < "c", [1] < [1, 0] <= [2])
print(1 in [1, 2] in [[1, 2]], 3 not in [1] is not None)
x = 5
print(0 <= x < 10, 0 <= x < 5, 10 > x >= 5)
print((1, 2) < (1, 3), (1, 2) < (1,), (1, "a") < (1, "b"), [] == [], () != ())
try:
    1 < "a"
except TypeError as e:
    print("TypeError", e)
try:
    [1] < (1,)
except TypeError as e:
    print("TypeError", e)
print(None is None, None == None, None != 0, 1 == 1.0)
