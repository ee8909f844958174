# topic: messages of common ValueErrors
cases = [
    lambda: int("x"),
    lambda: int("10", 2),
    lambda: float("x1"),
    lambda: [1].index(2),
    lambda: [1].remove(2),
    lambda: "abc".index("d"),
    lambda: (1,).index(5),
    lambda: range(3).index(5),
    lambda: "a,b".split(","),
    lambda: "%d" % "s",
    lambda: chr(-5),
    lambda: (1, 2, 3).count(),
    lambda: int("1" * 5000),
    lambda: bytes([300]),
    lambda: "ab".center(4, "xy"),
    lambda: "{0}{}".format(1, 2),
    lambda: "x".encode("no-such-codec"),
    lambda: complex("j1"),
    lambda: memoryview(b"ab").cast("Q"),
    lambda: [].pop(),
    lambda: "abc".split(""),
    lambda: int("٣", 2),
    lambda: slice(0, 1, 0).indices(1),
]
for c in cases:
    try:
        r = c()
        print("no error:", repr(r))
    except (ValueError, TypeError, IndexError, LookupError) as e:
        print(type(e).__name__ + ":", e)
