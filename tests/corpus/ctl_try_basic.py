# topic: try/except/else/finally ordering and matching
def run(kind):
    out = []
    try:
        out.append("try")
        if kind == "value":
            raise ValueError("v")
        if kind == "key":
            {}["k"]
        if kind == "type":
            raise TypeError("t")
    except ValueError as e:
        out.append("except ValueError " + str(e))
    except (KeyError, IndexError) as e:
        out.append("except lookup " + repr(e))
    except Exception as e:
        out.append("except Exception " + type(e).__name__)
    else:
        out.append("else")
    finally:
        out.append("finally")
    return out
for k in ["none", "value", "key", "type"]:
    print(run(k))
try:
    try:
        raise ValueError("inner")
    finally:
        print("inner finally")
except ValueError as e:
    print("caught outside", e)
def name_cleared():
    e = "before"
    try:
        raise KeyError(1)
    except KeyError as e:
        pass
    try:
        return e
    except UnboundLocalError as err:
        return "UnboundLocalError " + str(err)
print(name_cleared())
try:
    raise ValueError
except ValueError as e:
    print(repr(e), e.args)
try:
    raise ValueError() from None
except ValueError as e:
    print(e.__suppress_context__, e.__cause__)
try:
    pass
except:
    print("no")
else:
    print("else without exception")
try:
    raise 5
except TypeError as e:
    print("TypeError", e)
try:
    try:
        1 / 0
    except:
        raise
except ZeroDivisionError as e:
    print("re-raised", e)
