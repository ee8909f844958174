# topic: class body scoping: names not visible in methods, class variables vs globals, nested class access
x = "global x"
class A:
    x = "class x"
    def method(self):
        return x
    y = x
    def uses_class_attr(self):
        return A.x, self.x
    lam = lambda self: x
    class Inner:
        try:
            z = x
        except NameError:
            z = "no access"
print(A().method(), A.y, A().uses_class_attr(), A().lam(), A.Inner.z)
def f():
    v = "local v"
    class C:
        w = v
        def m(self):
            return v
    return C.w, C().m()
print(f())
def g():
    y = 1
    class D:
        y = 2
        def m(self):
            return y
    return D().m()
print(g())
