# topic: KeyError str quoting, LookupError catching both KeyError and IndexError
try:
    {"a": 1}["b"]
except LookupError as e:
    print(type(e).__name__, str(e), repr(e))
try:
    [][0]
except LookupError as e:
    print(type(e).__name__, str(e))
print(str(KeyError("with 'quote'")), str(KeyError("")), str(KeyError(None)), str(KeyError(1, 2)), str(KeyError(("t",))))
d = {}
try:
    d[(1, 2)]
except KeyError as e:
    print(str(e), e.args)
try:
    set().remove("s")
except KeyError as e:
    print(repr(e))
