# enumerate, zip, map, filter and reversed can be subclassed; a subclass's
# __next__ can call the built-in one through super(). Subclasses of
# frozenset/tuple/int/float hash like their base.


class E(enumerate):
    def __init__(self, *a):
        self.x = 1


e = E("ab", 5)
print(type(e).__name__, list(e), e.x, isinstance(e, enumerate))


class E2(enumerate):
    def __next__(self):
        t = super().__next__()
        return t[1].upper()


print(list(E2("xyz")))


class R(reversed):
    pass


print(type(R([1, 2])).__name__, type(R(range(3))).__name__, list(R("abc")), type(R("abc")).__name__)


class Z(zip):
    pass


print(list(Z("ab", "cd")), type(Z()).__name__)


class M(map):
    pass


print(list(M(str, [1, 2])))


class F(filter):
    pass


print(list(F(None, [0, 1])))


class FS(frozenset):
    pass


t = FS([frozenset("abc")])
print(FS("abc") in t, hash(FS("abc")) == hash(frozenset("abc")), {FS("ab"): 1}[frozenset("ab")])


class T(tuple):
    pass


class I(int):
    pass


class Fl(float):
    pass


print(hash(T((1, 2))) == hash((1, 2)), hash(I(5)), hash(Fl(1.5)) == hash(1.5))
