# topic: uncaught AttributeError on None in the middle of a method chain (markers under the attribute)
class Node:
    def __init__(self, nxt=None):
        self.nxt = nxt
    def next(self):
        return self.nxt
head = Node(Node(Node()))
print(head.next().next().next() is None)
head.next().next().next().next()
