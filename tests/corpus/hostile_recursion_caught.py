# topic: hostile: infinite recursion caught as RecursionError, repeatedly, and the interpreter recovers
def forever(n):
    return forever(n + 1)
for attempt in range(3):
    try:
        forever(0)
    except RecursionError as e:
        print("attempt", attempt, type(e).__name__, e)
def via_method():
    class A:
        def f(self):
            return self.f()
    return A().f()
try:
    via_method()
except RecursionError as e:
    print("method", e)
lam = lambda: lam()
try:
    lam()
except RecursionError as e:
    print("lambda", e)
def total(n):
    return 0 if n == 0 else n + total(n - 1)
print(total(500))
