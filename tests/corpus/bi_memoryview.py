# topic: memoryview basics: slicing, tolist, bytes, release, writes through to bytearray
ba = bytearray(b"hello world")
mv = memoryview(ba)
print(mv[0], mv[-1], bytes(mv[:5]), mv[6:].tobytes(), mv.tolist()[:3], len(mv), mv.readonly, mv.format, mv.itemsize, mv.nbytes)
mv[0] = ord("H")
mv[6:11] = b"WORLD"
print(ba)
ro = memoryview(b"abc")
print(ro.readonly, ro == b"abc", ro[1:] == b"bc", bytes(ro[::-1]))
try:
    ro[0] = 1
except TypeError as e:
    print("TypeError", e)
try:
    mv[0:2] = b"xyz"
except ValueError as e:
    print("ValueError", e)
mv.release()
try:
    mv[0]
except ValueError as e:
    print("ValueError", e)
with memoryview(b"ctx") as m2:
    print(m2.tobytes(), m2.hex())
print(memoryview(b"ab").obj)
try:
    memoryview("str")
except TypeError as e:
    print("TypeError", e)
