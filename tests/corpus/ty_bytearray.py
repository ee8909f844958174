# topic: bytearray mutation: append/extend/insert/pop/remove/reverse/slice assignment/clear
ba = bytearray(b"abc")
ba.append(100)
ba.extend(b"ef")
ba.insert(0, 64)
print(ba, ba.pop(), ba.pop(0), ba)
ba.remove(ord("c"))
ba.reverse()
print(ba, len(ba))
ba[0] = 90
ba[1:3] = b"XYZ"
print(ba)
del ba[0]
ba += b"!!"
print(ba, ba * 2, ba.upper(), bytes(ba), ba.decode(), ba.count(b"!"), ba.find(b"Z"))
ba[::2] = b"123"[: len(ba[::2])] if len(ba[::2]) <= 3 else ba[::2]
print(ba)
for bad in (lambda: ba.append(256), lambda: ba.append("a"), lambda: ba.remove(200), lambda: bytearray().pop(), lambda: ba.__setitem__(0, -1)):
    try:
        bad()
    except (ValueError, TypeError, IndexError) as e:
        print(type(e).__name__, e)
c = ba.copy()
c.clear()
print(c, ba == bytearray(bytes(ba)), bytearray(3), bytearray([1, 2]), bytearray("hé", "utf-8"), bytearray.fromhex("4142"))
print(repr(bytearray(b"'\"")), bytearray(b"ab") + b"cd", b"ab" + bytearray(b"cd"), type(b"ab" + bytearray(b"cd")).__name__)
