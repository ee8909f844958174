# topic: uncaught ExceptionGroup printed with CPython's nested group box drawing
def fail(n):
    raise ValueError(f"bad value {n}")
errors = []
for i in range(2):
    try:
        fail(i)
    except ValueError as e:
        errors.append(e)
errors.append(ExceptionGroup("inner", [TypeError("wrong type")]))
raise ExceptionGroup("several failures", errors)
