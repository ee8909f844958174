# topic: generator finally/with cleanup when abandoned early by break, by close, and when exhausted
class Res:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("open", self.name)
        return self
    def __exit__(self, *a):
        print("close", self.name)
def reader(name):
    with Res(name):
        for i in range(3):
            yield f"{name}:{i}"
for line in reader("a"):
    print(line)
g = reader("b")
for line in g:
    print(line)
    break
g.close()
print("after close b")
def tryfinally():
    try:
        yield 1
        yield 2
    finally:
        print("finally in generator")
t = tryfinally()
print(next(t))
del t
print("after del")
