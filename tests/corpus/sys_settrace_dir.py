# sys.settrace/setprofile keep what they are given (gettrace/getprofile
# return it); object.__dir__ called from an overriding __dir__.
import sys

print(sys.gettrace(), sys.getprofile())
old = sys.gettrace()
sys.settrace(None)
print(sys.gettrace())
sys.settrace(old)
sys.setprofile(None)
print(sys.getprofile())
for bad in ((), (1, 2)):
    try:
        sys.settrace(*bad)
    except TypeError as e:
        print("TypeError", e)


class A:
    def __init__(self):
        self.inst = 1

    def __dir__(self):
        return sorted(set(object.__dir__(self)) - {"hidden"}) + ["extra"]

    def hidden(self):
        pass


print([n for n in dir(A()) if not n.startswith("__")])
print(type(object.__dir__(A())).__name__, "inst" in object.__dir__(A()))


class Empty:
    def __dir__(self):
        return []


print(dir(Empty()))
