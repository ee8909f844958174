# topic: uncaught exception raised in a class body and in a method called from module level
class Broken:
    items = [1, 2, 3]
    third = items[2]
    fourth = items[3]
