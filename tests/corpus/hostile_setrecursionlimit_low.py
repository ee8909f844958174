# topic: hostile: a tiny recursion limit makes ordinary calls fail with RecursionError; raising it recovers
import sys
def depth3():
    def a():
        return b()
    def b():
        return c()
    def c():
        return "deep enough"
    return a()
print(depth3())
sys.setrecursionlimit(30)
def nest(n):
    return n if n == 0 else nest(n - 1)
try:
    print(nest(100))
except RecursionError as e:
    print("RecursionError", e)
sys.setrecursionlimit(1000)
print(nest(100))
