# topic: uncaught ZeroDivisionError through two function frames (binary-op ~~~^~~~ markers)
def ratio(a, b):
    return a / b
def report(values):
    total = sum(values)
    return ratio(total, len(values) - 3)
print("start")
print(report([1, 2, 3]))
