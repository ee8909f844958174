# topic: uncaught exception raised "from None" suppresses the context section
def get(d, k):
    try:
        return d[k]
    except KeyError:
        raise AttributeError(k) from None
get({}, "x")
