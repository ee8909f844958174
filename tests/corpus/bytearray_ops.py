# topic: bytearray: construction, mutation, slices, operators, methods returning bytearray, errors
ba = bytearray(b"hello")
print(ba, repr(ba), len(ba), ba[0], ba[-1], ba[1:3], ba[::-1], list(ba), bytearray(), bytearray(3), bytearray([65, 66]), bytearray("é", "utf-8"), bytearray(b"x") * 3)
ba.append(33)
ba.extend(b" ok")
ba.extend([65, 66])
ba.extend(bytearray(b"!"))
ba.extend(x for x in [67])
ba.insert(0, 62)
ba.insert(-1, 60)
ba.insert(100, 46)
print(ba, ba.pop(), ba.pop(0), ba.pop(-2), ba)
ba.remove(ord("o"))
ba.reverse()
print(ba)
ba[0] = 0x7a
ba[-1] = 0x41
ba[1:4] = b"__"
ba[0:0] = [49, 50]
ba[len(ba):] = bytearray(b"END")
print(ba)
ba[::2] = bytes(len(ba[::2]))
print(ba)
del ba[0]
del ba[-3:]
del ba[::2]
print(ba)
c = bytearray(b"abc")
d = c
c += b"def"
c *= 2
print(c, d, c is d, c.copy() is c, c.copy() == c)
c.clear()
print(c, d)
x = bytearray(b"Hello World")
print(x.upper(), x.lower(), x.split(), x.partition(b" "), x.replace(b"l", b"L"), x.find(b"o"), x.count(b"l"), x.startswith(b"He"), x.strip(b"Hd"), x.decode(), x.hex(), x.title(), x.center(15, b"*"))
print(bytearray.fromhex("41 42"), bytearray(b"a") + b"b", b"a" + bytearray(b"b"), type(b"a" + bytearray(b"b")).__name__, bytearray(b"ab") == b"ab", b"ab" == bytearray(b"ab"), bytearray(b"a") < bytearray(b"b"))
print(b"b" in bytearray(b"abc"), 99 in bytearray(b"abc"), bytes(bytearray(b"zz")), bytearray(b"-").join([b"a", b"b"]), type(bytearray(b"-").join([b"a"])).__name__, bytearray(b"a%sc") % b"b")
for bad in [lambda: ba.append(256), lambda: ba.append("a"), lambda: ba.remove(200), lambda: bytearray().pop(), lambda: bytearray(b"a").pop(5), lambda: ba.__setitem__(0, -1),
            lambda: hash(bytearray()), lambda: bytearray(b"abc").__setitem__(slice(0, 3, 2), b"x"), lambda: bytearray(b"a").__setitem__(0, b"x"),
            lambda: bytearray(b"a").__setitem__(slice(0, 1), 5), lambda: bytearray(b"a").__setitem__(slice(0, 1), "x"), lambda: bytearray(b"a").__setitem__(slice(0, 1), [300]),
            lambda: bytearray(b"a")["x"], lambda: bytearray(b"a")[5], lambda: bytearray(b"a").__delitem__(5), lambda: bytearray(b"a").extend(1), lambda: bytearray(b"a").extend([300]),
            lambda: bytearray(b"a").extend("ab"), lambda: bytearray(1.5), lambda: bytearray("a"), lambda: bytearray([300]), lambda: bytearray(b"a") + "b", lambda: bytearray(b"a").append(),
            lambda: bytearray(b"a").insert(0, 300), lambda: bytearray(b"a").remove(5)]:
    try:
        print(repr(bad()))
    except Exception as e:
        print(type(e).__name__, e)
y = bytearray(b"ab")
try:
    y += "c"
except TypeError as e:
    print("TypeError", e)
print(y, {1: bytearray(b"v")}, [bytearray(b"\x00'")], str(bytearray(b"s")), bytearray(b"abc").__len__(), bytearray(b"abc").__getitem__(1), bytearray(b"q").__contains__(113))
