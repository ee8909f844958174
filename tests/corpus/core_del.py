# topic: del of names, attributes, subscripts, slices and its errors
x = 1
del x
try:
    x
except NameError as e:
    print("NameError", e)
lst = list(range(10))
del lst[0]
del lst[-1]
del lst[1:3]
del lst[::2]
print(lst)
d = {"a": 1, "b": 2}
del d["a"]
print(d)
try:
    del d["zz"]
except KeyError as e:
    print("KeyError", e)
class C:
    pass
c = C()
c.a = 1
c.b = 2
del c.a
print(vars(c))
try:
    del c.a
except AttributeError as e:
    print("AttributeError", e)
a, b = 1, 2
del a, b
print("a" in globals(), "b" in globals())
def f():
    y = 1
    del y
    try:
        return y
    except UnboundLocalError as e:
        return "UnboundLocalError " + str(e)
print(f())
t = (1, 2)
try:
    del t[0]
except TypeError as e:
    print("TypeError", e)
m = [[1, 2], [3, 4]]
del m[0][1], m[1]
print(m)
