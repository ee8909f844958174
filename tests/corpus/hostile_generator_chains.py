# topic: hostile: very long chains of nested generators: a moderate one works, an extreme one raises RecursionError
def chain(depth):
    g = iter(range(5))
    for _ in range(depth):
        g = (x for x in g)
    return g
print(list(chain(300)))
try:
    next(chain(20000))
except RecursionError as e:
    print("RecursionError", e)
def nested_yield_from(depth):
    if depth == 0:
        yield "bottom"
        return
    yield from nested_yield_from(depth - 1)
print(list(nested_yield_from(200)))
try:
    list(nested_yield_from(20000))
except RecursionError as e:
    print("RecursionError", e)
def wide():
    for i in range(100000):
        yield i
print(sum(wide()))
print("done")
