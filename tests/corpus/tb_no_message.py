# topic: uncaught exception raised as a bare class (no message) from a lambda inside a comprehension
values = [1, 2, 0, 4]
check = lambda v: 10 // v
results = [check(v) for v in values]
