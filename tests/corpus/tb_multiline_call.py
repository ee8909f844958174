# topic: uncaught exception in an expression spanning several lines
def combine(a, b, c):
    return a + b + c
total = combine(
    1,
    2,
    "three",
)
