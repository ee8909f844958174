# Generator pipelines and yield from.
def numbers(n):
    for i in range(n):
        yield i
def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x
def squares(it):
    for x in it:
        yield x * x
def chain(*its):
    for it in its:
        yield from it
total = sum(squares(evens(numbers(600_000))))
total2 = sum(x for x in chain(range(100_000), numbers(100_000)))
print(total, total2)
