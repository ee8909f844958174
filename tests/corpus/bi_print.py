# topic: print(): sep, end, file, flush, non-str args, errors for bad keywords
import sys
print("a", "b", 3, sep="-", end="!\n")
print()
print("no newline", end="")
print(" continued")
print("x", "y", sep="")
print(*range(5), sep=", ")
print("to stdout", file=sys.stdout, flush=True)
print("to stderr", file=sys.stderr)
print(None, sep=None, end=None)
try:
    print("a", sep=5)
except TypeError as e:
    print("TypeError", e)
try:
    print("a", bogus=1)
except TypeError as e:
    print("TypeError", e)
class W:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
w = W()
print("into", "object", file=w)
print(w.parts)
print("", end="")
print("", "", sep="|")
