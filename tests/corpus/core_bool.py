# topic: bool as int subclass, truthiness, and/or/not return values
print(True + True, True * 10, False - 1, True / 2, True // 1, -True, ~True)
print(isinstance(True, int), bool.__mro__ == (bool, int, object), int(True), str(False))
print(True & False, True | False, True ^ True, type(True & True), type(True & 1))
for v in [0, 1, -1, 0.0, "", "a", [], [0], (), {}, None, 0j, range(0), range(1)]:
    print(repr(v), bool(v), not v)
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "x", "" and "y", [] or {} or 0)
print(bool("False"), True == 1, hash(True), {True: "a", 1: "b"})
print(repr(True), f"{True}", "%d" % True, "%s" % False, format(True, "d"))
try:
    class B(bool):
        pass
except TypeError as e:
    print("TypeError", e)
