# topic: hostile: allocations far beyond memory raise MemoryError (or OverflowError) immediately
cases = [
    ("list repeat", lambda: [0] * (2 ** 62)),
    ("two-item list repeat", lambda: [0, 1] * (2 ** 61)),
    ("tuple repeat", lambda: (0,) * (2 ** 62)),
    ("str repeat", lambda: "x" * (2 ** 62)),
    ("bytes repeat", lambda: b"x" * (2 ** 62)),
    ("bytearray", lambda: bytearray(2 ** 62)),
    ("list of range", lambda: list(range(2 ** 62))),
    ("shift", lambda: 1 << (2 ** 62)),
    ("center", lambda: "x".center(2 ** 62)),
    ("ljust", lambda: "x".ljust(2 ** 62)),
    ("zfill", lambda: "x".zfill(2 ** 62)),
    ("repeat beyond ssize_t", lambda: [0] * (2 ** 64)),
    ("str beyond ssize_t", lambda: "ab" * (2 ** 64)),
    ("expandtabs", lambda: "\t".expandtabs(2 ** 62)),
    ("format width", lambda: format(1, "9999999999999999999d")),
]
for label, fn in cases:
    try:
        fn()
        print(label, "no error")
    except (MemoryError, OverflowError, ValueError) as e:
        print(label, type(e).__name__, e)
print("still running", len([0] * 1000))
