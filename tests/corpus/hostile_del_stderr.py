# topic: hostile: __del__ raising prints "Exception ignored in" with a traceback to stderr (address masked)
import sys
class Masking:
    def __init__(self, real):
        self.real = real
    def write(self, s):
        out = []
        i = 0
        while i < len(s):
            if s.startswith("0x", i):
                j = i + 2
                while j < len(s) and s[j] in "0123456789abcdef":
                    j += 1
                out.append("0xADDR")
                i = j
            else:
                out.append(s[i])
                i += 1
        return self.real.write("".join(out))
    def flush(self):
        self.real.flush()
sys.stderr = Masking(sys.stderr)
class Bomb:
    def __del__(self):
        raise RuntimeError("cannot clean up")
b = Bomb()
del b
print("after first")
class BadStr:
    def __del__(self):
        1 / 0
x = BadStr()
x = None
print("after second")
