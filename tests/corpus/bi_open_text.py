# topic: open() text mode: write, read, readline(s), append, iteration, seek/tell, encodings
path = "/tmp/pyx_corpus_bi_open_text.txt"
with open(path, "w", encoding="utf-8") as f:
    n = f.write("first line\nsecond é\n")
    f.write("third")
    print("wrote", n, f.closed, f.mode, f.name == path)
print(f.closed)
with open(path, encoding="utf-8") as f:
    print(repr(f.read()))
with open(path, encoding="utf-8") as f:
    print(repr(f.readline()), repr(f.readline()), repr(f.readline()), repr(f.readline()))
with open(path) as f:
    print(f.readlines())
with open(path, "a") as f:
    f.write("\nappended")
with open(path) as f:
    for i, line in enumerate(f):
        print(i, repr(line))
with open(path, encoding="latin-1") as f:
    print(repr(f.read()[:22]))
with open(path, "w", encoding="latin-1") as f:
    f.write("café")
with open(path, "rb") as f:
    print(f.read())
try:
    with open(path, "w", encoding="ascii") as f:
        f.write("é")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError", e.reason, e.start, e.end)
with open(path, "w") as f:
    f.write("abc")
with open(path, encoding="ascii") as f:
    print(f.read(1), f.read(1), f.read())
with open(path, "r+") as f:
    f.seek(1)
    f.write("Z")
    f.seek(0)
    print(f.read(), f.tell())
f = open(path)
f.close()
try:
    f.read()
except ValueError as e:
    print("ValueError", e)
with open(path, "w", encoding="latin-1") as f:
    f.write("\xe9")
try:
    with open(path, encoding="utf-8") as f:
        f.read()
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e.encoding, e.reason)
with open(path, encoding="utf-8", errors="replace") as f:
    print(repr(f.read()))
