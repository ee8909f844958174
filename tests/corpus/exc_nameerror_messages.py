# topic: NameError and UnboundLocalError messages, .name attribute, free variables
try:
    undefined_variable
except NameError as e:
    print(type(e).__name__, e, e.name)
def f():
    print(local_before)
    local_before = 1
try:
    f()
except UnboundLocalError as e:
    print(type(e).__name__, e, isinstance(e, NameError))
def outer():
    def inner():
        return later
    try:
        inner()
    except NameError as e:
        print(type(e).__name__, e)
    later = 1
    return inner()
print(outer())
def deleted_free():
    x = 1
    def g():
        return x
    del x
    return g
try:
    deleted_free()()
except NameError as e:
    print(type(e).__name__, e)
try:
    del never_bound
except NameError as e:
    print(type(e).__name__, e)
class K:
    try:
        print(class_level_undefined)
    except NameError as e:
        print(type(e).__name__, e)
