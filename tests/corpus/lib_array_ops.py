# array.array: random operation sequences on every typecode (values in and
# out of range, slices, extended slices), the outcomes hashed; memoryview
# and buffer interplay.
import hashlib
import random
from array import array as A

rng = random.Random(2024)
LIMITS = {"b": 8, "B": 8, "h": 16, "H": 16, "i": 32, "I": 32, "l": 64, "L": 64, "q": 64, "Q": 64}


def value(tc):
    if tc in "fd":
        return rng.choice([0.0, -1.5, 1e10, 3.4e38, 1e39, rng.random(), -0.0, 7])
    if tc == "u":
        return rng.choice("aZé€\U0001f600")
    bits = LIMITS[tc]
    lo, hi = (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1) if tc.islower() else (0, 2**bits - 1)
    return rng.choice([lo, hi, lo - 1, hi + 1, 0, 1, rng.randint(lo, hi)])


def slc():
    return slice(rng.choice([None, -3, 0, 1, 5]), rng.choice([None, -1, 2, 9]), rng.choice([None, 1, 2, -1, -2]))


def step(a, tc):
    op = rng.randrange(17)
    if op == 0:
        a.append(value(tc))
    elif op == 1:
        a.insert(rng.randint(-8, 8), value(tc))
    elif op == 2:
        return a.pop(rng.randint(-4, 4)) if rng.random() < 0.7 else a.pop()
    elif op == 3:
        a.remove(value(tc))
    elif op == 4:
        a[rng.randint(-6, 6)] = value(tc)
    elif op == 5:
        a[slc()] = A(tc, [value(tc) for _ in range(rng.randrange(4))])
    elif op == 6:
        del a[slc()]
    elif op == 7:
        a.extend([value(tc) for _ in range(rng.randrange(3))])
    elif op == 8:
        return a.index(value(tc))
    elif op == 9:
        return a.count(value(tc))
    elif op == 10:
        a.reverse()
    elif op == 11:
        if tc != "u":
            a.byteswap()
    elif op == 12:
        return a[slc()]
    elif op == 13:
        return (a + A(tc, [value(tc)])) * rng.randint(-1, 2)
    elif op == 14:
        return a[rng.randint(-6, 6)]
    elif op == 15:
        del a[rng.randint(-6, 6)]
    else:
        return (a == a[:], a < A(tc, [value(tc)]), value(tc) in a)


for tc in "bBuhHiIlLqQfd":
    a = A(tc)
    log = []
    for _ in range(300):
        try:
            r = step(a, tc)
            log.append((repr(r), repr(a)))
        except Exception as e:
            log.append((type(e).__name__, str(e), repr(a)))
    print(tc, len(a), hashlib.sha256(repr(log).encode("utf-8", "surrogatepass")).hexdigest()[:20], log[-1])

a = A("h", [1, 2, 3, 4])
m = memoryview(a)
print(m.format, m.itemsize, m.nbytes, m.readonly, m.tolist(), m[1:3].tolist(), m[::-1].tolist(), bytes(m[1:2]))
m[2] = -7
m[0:2] = A("h", [9, 8])
print(a, m.tobytes(), m.cast("B").tolist()[:4])
for bad in (lambda: a.append(1), lambda: a.extend([1]), lambda: a.pop(), lambda: a.__delitem__(0), lambda: a.__setitem__(slice(0, 1), A("h")),
            lambda: a.__iadd__(A("h", [1])), lambda: a.__imul__(2), lambda: a.frombytes(b"\x00\x00"), lambda: m.__setitem__(0, 2**20),
            lambda: m.__setitem__(0, "x"), lambda: a.__setitem__(slice(0, 2), A("h", [5, 6]))):
    try:
        bad()
        print("ok", a)
    except Exception as e:
        print(type(e).__name__, e)
m.release()
a.append(5)
a *= 0
print(a, len(a))
f = A("d", [1.5, -2.0])
mv = memoryview(f)
mv[1] = 4
print(f, mv.tolist(), mv.format)
del mv
f.append(1.0)
u = A("u", "hé")
mu = memoryview(u)
print(mu.format, mu.itemsize, mu.nbytes, bytes(mu))
for bad in (mu.tolist, lambda: mu[0]):
    try:
        bad()
    except NotImplementedError as e:
        print("NotImplementedError", e)
del mu
print(bytes(A("I", [1, 2])), bytearray(A("b", [-1])), b"".join([A("B", [65, 66]), b"C"]) if False else None)
import hashlib as h
print(h.sha256(A("i", [1, 2, 3])).hexdigest()[:16], h.md5(memoryview(A("Q", [7]))).hexdigest()[:16])
import os
path = "/tmp/pyx_corpus_array.bin"
with open(path, "wb") as f:
    A("i", range(5)).tofile(f)
    print(f.write(A("h", [7, 8])), f.write(memoryview(A("b", [9]))))
b = A("i")
with open(path, "rb") as f:
    b.fromfile(f, 5)
    print(b, f.read())
os.remove(path)
