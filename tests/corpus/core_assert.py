# topic: assert statement and AssertionError messages
def check(x):
    try:
        assert x > 0, f"x must be positive, got {x}"
        return "ok"
    except AssertionError as e:
        return ("AssertionError", e.args)
print(check(1))
print(check(-1))
try:
    assert False
except AssertionError as e:
    print(type(e).__name__, e.args, repr(str(e)))
try:
    assert [], ["list", "msg"]
except AssertionError as e:
    print(e.args)
calls = []
def side():
    calls.append(1)
    return "m"
assert True, side()
print(calls)
