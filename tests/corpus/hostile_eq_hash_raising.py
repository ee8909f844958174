# topic: hostile: __eq__ and __hash__ that raise, return non-bools, or return garbage, inside dicts/sets/lists
class HashRaises:
    def __hash__(self):
        raise ZeroDivisionError("hash failed")
for fn in (lambda: {HashRaises(): 1}, lambda: HashRaises() in {1: 2}, lambda: {HashRaises()}, lambda: hash(HashRaises())):
    try:
        fn()
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e)
class EqRaises:
    def __hash__(self):
        return 1
    def __eq__(self, other):
        raise KeyError("eq failed")
d = {EqRaises(): "first"}
try:
    d[EqRaises()] = "second"
except KeyError as e:
    print("KeyError", e)
try:
    [EqRaises()].index(EqRaises())
except KeyError as e:
    print("KeyError", e)
try:
    EqRaises() in [1, 2]
except KeyError as e:
    print("KeyError from list contains", e)
class BoolRaises:
    def __bool__(self):
        raise TypeError("no truth")
class EqWeird:
    def __eq__(self, other):
        return BoolRaises()
    __hash__ = object.__hash__
print(type(EqWeird() == 1).__name__)
try:
    EqWeird() in [1]
except TypeError as e:
    print("TypeError", e)
try:
    [EqWeird()] == [1]
except TypeError as e:
    print("TypeError", e)
class HashStr:
    def __hash__(self):
        return "not an int"
try:
    {HashStr()}
except TypeError as e:
    print("TypeError", e)
class HashHuge:
    def __hash__(self):
        return 10 ** 30
print(len({HashHuge(), HashHuge()}), hash(HashHuge()) == hash(10 ** 30))
class EqNone:
    def __eq__(self, other):
        return None
    __hash__ = object.__hash__
print(EqNone() == 1, EqNone() in [1], [EqNone()].count(1))
