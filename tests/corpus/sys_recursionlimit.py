# topic: sys.getrecursionlimit/setrecursionlimit, RecursionError at the limit, errors for bad limits
import sys
print(sys.getrecursionlimit())
def depth(n=0):
    try:
        return depth(n + 1)
    except RecursionError:
        return n
sys.setrecursionlimit(200)
print(sys.getrecursionlimit())
d = depth()
print(150 < d < 200)
sys.setrecursionlimit(5000)
d = depth()
print(4500 < d < 5000)
sys.setrecursionlimit(1000)
for bad in (0, -5, "x", 1.5):
    try:
        sys.setrecursionlimit(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
def recurse():
    recurse()
try:
    recurse()
except RecursionError as e:
    print("RecursionError", e)
print("still alive", sys.getrecursionlimit())
