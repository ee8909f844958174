# topic: three exceptions chained by context and cause in one uncaught traceback
def level3():
    raise KeyError("original")
def level2():
    try:
        level3()
    except KeyError as e:
        raise ValueError("converted") from e
def level1():
    try:
        level2()
    except ValueError:
        raise RuntimeError("final")
level1()
