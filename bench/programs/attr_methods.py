# Attribute and method access on instances.
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def add(self, other):
        return Vec(self.x + other.x, self.y + other.y)
    def dot(self, other):
        return self.x * other.x + self.y * other.y
    def scale(self, k):
        self.x *= k
        self.y *= k
acc = Vec(0, 0)
v = Vec(1, 2)
s = 0
for i in range(300_000):
    acc = acc.add(v)
    s += acc.dot(v) % 1000
    if i % 1000 == 0:
        acc.scale(0)
print(acc.x, acc.y, s)
