# open() over a file descriptor (what subprocess does with its pipes):
# binary and text modes, buffering=0, closefd, names, errors.
import os

r, w = os.pipe()
fw = open(w, "wb")
fr = open(r, "rb")
print(type(fw).__name__, type(fr).__name__, fw.name == w, fr.fileno() == r, fr.mode, fw.mode)
fw.write(b"through a pipe\nsecond line\n")
fw.flush()
print(fr.readline())
fw.close()
print(fr.read())
fr.close()
print(fw.closed, fr.closed)
try:
    os.fstat(w)
except OSError as e:
    print("closed with the object:", e.errno)

r, w = os.pipe()
with open(w, "w", encoding="utf-8") as tw:
    print(type(tw).__name__, tw.encoding)
    tw.write("text \u00e9\n")
with open(r, encoding="utf-8") as tr:
    print(repr(tr.read()))

r, w = os.pipe()
raw = open(w, "wb", buffering=0)
print(type(raw).__name__, raw.write(b"raw"))
raw.close()
print(os.read(r, 10))
os.close(r)

r, w = os.pipe()
keep = open(w, "wb", closefd=False)
keep.write(b"kept open")
keep.close()
os.write(w, b" and still usable")
os.close(w)
print(os.read(r, 100))
os.close(r)

for args, kw in [((99999,), {}), ((-1,), {}), (("some_file_name",), {"closefd": False})]:
    try:
        open(*args, **kw)
    except (OSError, ValueError) as e:
        print(type(e).__name__, e)
