# topic: list methods: append/extend/insert/pop/remove/index/count/reverse/copy/clear
l = [3, 1, 4, 1, 5]
l.append(9)
l.extend((2, 6))
l.insert(0, 0)
l.insert(100, 99)
l.insert(-1, 98)
print(l, l.index(1), l.index(1, 3), l.count(1), l.count(7))
print(l.pop(), l.pop(0), l.pop(-2), l)
l.remove(1)
print(l)
l.reverse()
print(l)
c = l.copy()
c.clear()
print(c, l)
for bad in (lambda: l.index(42), lambda: l.remove(42), lambda: [].pop(), lambda: l.pop(100), lambda: l.index(1, 0, 1), lambda: l.insert("a", 1)):
    try:
        bad()
    except (ValueError, IndexError, TypeError) as e:
        print(type(e).__name__, e)
l.extend(range(3))
l.extend("ab")
print(l)
l[:] = []
print(l, [1, 2] * 2, [0] * 0, [[]] * 2)
