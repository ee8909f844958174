# topic: function and class decorators, stacking order, decorator with args
log = []
def trace(f):
    log.append("decorating " + f.__name__)
    def wrapper(*a, **k):
        log.append("call " + f.__name__)
        return f(*a, **k)
    wrapper.__name__ = "wrapped_" + f.__name__
    return wrapper
def tag(label):
    log.append("tag factory " + label)
    def deco(f):
        log.append("tag apply " + label)
        f.label = label
        return f
    return deco
@trace
@tag("a")
def hello(x):
    return x * 2
print(hello(4), hello.__name__, log)
def register(cls):
    cls.registered = True
    return cls
@register
class Thing:
    pass
print(Thing.registered)
@lambda f: f()
def computed():
    return "called at definition"
print(computed)
items = {}
@items.setdefault("k", []).append
def nothing():
    pass
print(items["k"][0].__name__)
def deco_returning_other(f):
    return 42
@deco_returning_other
def gone():
    pass
print(gone)
