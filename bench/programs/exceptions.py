# Raising and catching exceptions in a loop, try/finally.
class Oops(Exception):
    pass
def risky(i):
    if i % 3 == 0:
        raise Oops(i)
    return i
caught = 0
cleanups = 0
for i in range(150_000):
    try:
        risky(i)
    except Oops as e:
        caught += 1
    finally:
        cleanups += 1
d = {}
misses = 0
for i in range(100_000):
    try:
        d[i]
    except KeyError:
        misses += 1
print(caught, cleanups, misses)
