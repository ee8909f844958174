# topic: sys.stdout.write/stderr.write return values, print(file=...), flush, stdout attributes
import sys
n = sys.stdout.write("written with write\n")
print("returned", n)
m = sys.stderr.write("to stderr via write\n")
print("stderr returned", m)
print("print to stderr", file=sys.stderr, flush=True)
sys.stdout.flush()
sys.stderr.flush()
print(sys.stdout.encoding.lower().replace("-", ""), sys.stderr.encoding.lower().replace("-", ""))
print(sys.stdout.writable(), sys.stdin.readable(), sys.stdout.isatty())
print("é ☃ 日本", file=sys.stdout)
print("é ☃ 日本", file=sys.stderr)
sys.stdout.write("no newline at end")
