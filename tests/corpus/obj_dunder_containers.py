# topic: a full user container: __len__, __getitem__, __setitem__, __delitem__, __contains__, __iter__, __reversed__, __bool__
class Bag:
    def __init__(self, *items):
        self.items = list(items)
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        if isinstance(i, slice):
            return Bag(*self.items[i])
        return self.items[i]
    def __setitem__(self, i, v):
        self.items[i] = v
    def __delitem__(self, i):
        del self.items[i]
    def __contains__(self, v):
        return v in self.items
    def __iter__(self):
        return iter(self.items)
    def __reversed__(self):
        return reversed(self.items)
    def __repr__(self):
        return f"Bag{tuple(self.items)}"
    def __eq__(self, other):
        return isinstance(other, Bag) and self.items == other.items
    def __add__(self, other):
        return Bag(*self.items, *other.items)
b = Bag(1, 2, 3, 4)
print(len(b), b[0], b[-1], b[1:3], 3 in b, 9 in b, list(b), list(reversed(b)), bool(b), bool(Bag()))
b[0] = 10
del b[1]
print(b, b == Bag(10, 3, 4), b + Bag(5), sorted(b), max(b), sum(b), [x * 2 for x in b])
x, *y = b
print(x, y, dict(zip(b, "abc")), enumerate(b).__next__())
print(b.__class__.__name__, Bag.__len__(b), b.__getitem__(slice(None, None, -1)))
