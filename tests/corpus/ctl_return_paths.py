# topic: return in loops, nested functions, try/else, implicit None, multiple values
def first_even(xs):
    for x in xs:
        if x % 2 == 0:
            return x
print(first_even([1, 3, 4, 6]), first_even([1]))
def multi():
    return 1, [2], {"three": 3}
a, b, c = multi()
print(a, b, c, multi())
def try_else():
    try:
        v = 1
    except Exception:
        return "except"
    else:
        return "else"
    finally:
        print("finally before returning")
print(try_else())
def early(x):
    if x:
        return
    return "late"
print(early(1), early(0))
def while_return():
    n = 0
    while True:
        n += 1
        if n == 5:
            return n

print(while_return())
