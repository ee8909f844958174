# A class-heavy object graph: inheritance, super(), properties, traversal.
class Node:
    count = 0
    def __init__(self, value):
        self.value = value
        self.children = []
        Node.count += 1
    def add(self, child):
        self.children.append(child)
        return child
    def total(self):
        t = self.value
        for c in self.children:
            t += c.total()
        return t
class Weighted(Node):
    def __init__(self, value, weight):
        super().__init__(value)
        self.weight = weight
    @property
    def weighted(self):
        return self.value * self.weight
    def total(self):
        return super().total() + self.weighted
def build(depth, fan):
    root = Weighted(1, 2)
    frontier = [root]
    for d in range(depth):
        nxt = []
        for n in frontier:
            for k in range(fan):
                c = Weighted(d + k, k) if k % 2 else Node(d * k)
                nxt.append(n.add(c))
        frontier = nxt
    return root
r = build(7, 5)
print(Node.count, r.total())
