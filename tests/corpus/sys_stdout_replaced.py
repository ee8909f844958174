# topic: replacing sys.stdout with a user object captures print output; restoring it
import sys
class Capture:
    def __init__(self):
        self.chunks = []
    def write(self, s):
        self.chunks.append(s)
        return len(s)
    def flush(self):
        pass
real = sys.stdout
cap = Capture()
sys.stdout = cap
print("captured", 1, 2)
print("second")
sys.stdout = real
print(cap.chunks)
print(sys.__stdout__ is real)
