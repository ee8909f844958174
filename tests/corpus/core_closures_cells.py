# topic: closures, cells, late binding, __closure__ contents
def counter():
    count = 0
    def step():
        nonlocal count
        count += 1
        return count
    return step
c1, c2 = counter(), counter()
print(c1(), c1(), c2())
print(len(c1.__closure__), c1.__closure__[0].cell_contents, c1.__code__.co_freevars)
def adders():
    return [lambda x, i=i: x + i for i in range(3)], [lambda x: x + i for i in range(3)]
early, late = adders()
print([f(10) for f in early], [f(10) for f in late])
def outer():
    v = 1
    def show():
        return v
    v = 2
    return show
print(outer()())
def deleter():
    z = 1
    def read():
        return z
    del z
    try:
        read()
    except NameError as e:
        return type(e).__name__ + ": " + str(e)
print(deleter())
def nested3():
    a = 1
    def l2():
        b = 2
        def l3():
            return a + b
        return l3
    return l2()()
print(nested3())
print(counter.__closure__, counter.__code__.co_cellvars)
