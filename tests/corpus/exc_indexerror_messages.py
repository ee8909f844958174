# topic: IndexError messages from list, tuple, str, bytes, range, deque-free containers
cases = [
    lambda: [][0],
    lambda: [1][-2],
    lambda: (1,)[5],
    lambda: "ab"[9],
    lambda: b"ab"[9],
    lambda: bytearray(b"a")[3],
    lambda: range(2)[2],
    lambda: [].pop(),
    lambda: [1].pop(4),
    lambda: [1].__setitem__(3, 0),
    lambda: [1].__delitem__(3),
    lambda: memoryview(b"a")[5],
    lambda: [1].insert(0, 0) or [][1:2][0],
]
for c in cases:
    try:
        c()
    except IndexError as e:
        print("IndexError:", e)
