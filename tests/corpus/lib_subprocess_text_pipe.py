# A conversation with a child over text pipes: readline returns as soon as a
# line has arrived (read1 reads what the pipe has, it does not wait to fill
# its buffer), read1 on a binary pipe likewise.
import subprocess
import sys

child = (
    "import sys\n"
    "b = sys.stdout.buffer\n"
    "b.write(sys.stdin.readline().encode()); b.flush()\n"
    "b.write(b'line2\\n'); b.flush()\n"
    "b.write(sys.stdin.read().encode()); b.flush()\n"
    "b.write(b'line4\\r\\nline5\\rline6')\n"
)
for kw in ("text", "universal_newlines"):
    p = subprocess.Popen([sys.executable, "-c", child], stdin=subprocess.PIPE, stdout=subprocess.PIPE, **{kw: True})
    with p:
        p.stdin.write("line1\n")
        p.stdin.flush()
        print(kw, repr(p.stdout.readline()))
        p.stdin.write("line3\n")
        p.stdin.close()
        print(repr(p.stdout.readline()), repr(p.stdout.read(6)), repr(p.stdout.read()))
    print(p.returncode)

p = subprocess.Popen([sys.executable, "-c", child], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
p.stdin.write(b"first\n")
p.stdin.flush()
got = b""
while b"line2\n" not in got:
    got += p.stdout.read1(100)
print(got)
p.stdin.close()
print(p.stdout.read())
p.wait()
