# topic: open() binary mode: bytes round trip, partial reads, seek whence, modes x and errors
path = "/tmp/pyx_corpus_bi_open_binary.bin"
data = bytes(range(256))
with open(path, "wb") as f:
    print(f.write(data), f.tell())
with open(path, "rb") as f:
    print(f.read(4), f.tell(), f.seek(-2, 2), f.read(), f.seek(10), f.read(3), f.seek(2, 1), f.read(1))
with open(path, "rb") as f:
    whole = f.read()
print(whole == data, len(whole), type(whole).__name__)
with open(path, "ab") as f:
    f.write(b"tail")
with open(path, "rb") as f:
    print(f.read()[-6:])
try:
    with open(path, "wb") as f:
        f.write("text")
except TypeError as e:
    print("TypeError", e)
try:
    open(path, "rw")
except ValueError as e:
    print("ValueError", e)
try:
    open(path, "rb", encoding="utf-8")
except ValueError as e:
    print("ValueError", e)
try:
    open(path, "x")
except FileExistsError as e:
    print("FileExistsError", e.errno, e.strerror)
try:
    open("/tmp/pyx_corpus_no_such_dir/file.txt")
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, e.strerror, e.filename)
    print(str(e))
with open(path, "wb") as f:
    f.write(b"line1\r\nline2\rline3\n")
with open(path, "r") as f:
    print(repr(f.read()))
with open(path, "r", newline="") as f:
    print(repr(f.read()))
with open(path, "rb") as f:
    print(f.readlines())
with open(path, "w", newline="\r\n") as f:
    f.write("a\nb\n")
with open(path, "rb") as f:
    print(f.read())
