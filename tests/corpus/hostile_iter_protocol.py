# topic: hostile: iterators that raise odd things, __next__ returning forever-false, __len__ lying to list()
class Explode:
    def __iter__(self):
        return self
    def __next__(self):
        raise KeyError("next exploded")
for fn in (lambda: list(Explode()), lambda: [x for x in Explode()], lambda: sum(Explode()), lambda: dict.fromkeys(Explode()), lambda: "".join(Explode())):
    try:
        fn()
    except KeyError as e:
        print("KeyError", e)
class LyingLen:
    def __init__(self):
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.i += 1
        if self.i > 3:
            raise StopIteration
        return self.i
    def __length_hint__(self):
        return 10 ** 6
print(list(LyingLen()))
class BadHint:
    def __iter__(self):
        return iter([1, 2])
    def __length_hint__(self):
        return -1
try:
    print(list(BadHint()))
except ValueError as e:
    print("ValueError", e)
class LenRaises:
    def __iter__(self):
        return iter([1])
    def __len__(self):
        raise RuntimeError("len exploded")
try:
    print(list(LenRaises()))
except RuntimeError as e:
    print("RuntimeError", e)
class GetitemForever:
    def __getitem__(self, i):
        if i > 5:
            raise IndexError
        return i
print(list(GetitemForever()), 3 in GetitemForever())
