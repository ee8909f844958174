# topic: uncaught RecursionError: "[Previous line repeated N more times]"
def down(n):
    return down(n + 1)
down(0)
