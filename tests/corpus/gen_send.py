# topic: generator send(): priming, accumulating, sending non-None to a fresh generator
def averager():
    total = 0
    count = 0
    avg = None
    while True:
        value = yield avg
        if value is None:
            break
        total += value
        count += 1
        avg = total / count
    return (count, avg)
a = averager()
print(a.send(None))
print(a.send(10))
print(a.send(20))
print(a.send(60))
try:
    a.send(None)
except StopIteration as e:
    print("finished with", e.value)
b = averager()
try:
    b.send(5)
except TypeError as e:
    print("TypeError", e)
def echo():
    received = []
    while len(received) < 3:
        received.append((yield len(received)))
    return received
e = echo()
next(e)
e.send("a")
e.send("b")
try:
    e.send("c")
except StopIteration as s:
    print(s.value)
