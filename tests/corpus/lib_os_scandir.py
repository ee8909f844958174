# posix.scandir and DirEntry over a fixed directory tree under /tmp.
import posix

def t(f):
    try:
        r = f()
        print(repr(r))
    except Exception as e:
        print(type(e).__name__, e)

base = "/tmp/pyx_corpus_scandir"

def rmtree(p):
    for e in posix.scandir(p):
        if e.is_dir(follow_symlinks=False):
            rmtree(e.path)
        else:
            posix.unlink(e.path)
    posix.rmdir(p)

try:
    rmtree(base)
except FileNotFoundError:
    pass
posix.mkdir(base)
posix.mkdir(base + "/sub")
posix.mkdir(base + "/sub/deeper")
for name in ["a.txt", "b.py", "sub/c.txt", "sub/deeper/d.bin"]:
    fd = posix.open(base + "/" + name, posix.O_WRONLY | posix.O_CREAT, 0o644)
    posix.write(fd, name.encode() * 3)
    posix.close(fd)
posix.symlink(base + "/a.txt", base + "/link")
posix.symlink(base + "/missing", base + "/broken")

entries = sorted(posix.scandir(base), key=lambda e: e.name)
for e in entries:
    print(repr(e), e.name, e.path == base + "/" + e.name, e.is_dir(), e.is_file(), e.is_symlink(),
          e.is_dir(follow_symlinks=False), e.is_file(follow_symlinks=False))
    print("  fspath", posix.fspath(e) == e.path, e.inode() == posix.lstat(e.path).st_ino)
    if e.name != "broken":
        st = e.stat()
        print("  size", st.st_size if not e.is_dir() else "dir", e.stat(follow_symlinks=False).st_size == posix.lstat(e.path).st_size)
    else:
        t(lambda: e.stat())
        print("  lstat ok", e.stat(follow_symlinks=False).st_size > 0)

print(type(entries[0]).__name__, type(entries[0]).__module__)
t(lambda: entries[0].is_dir(True))
t(lambda: posix.DirEntry())
print(posix.DirEntry[str])
bentries = sorted(posix.scandir(base.encode()), key=lambda e: e.name)
print([(e.name, e.path[-6:]) for e in bentries][:3])
with posix.scandir(base + "/sub") as it:
    print(sorted(e.name for e in it))
it = posix.scandir(base)
next(it)
it.close()
print(list(it))
it.close()
t(lambda: posix.scandir(base + "/nope"))
t(lambda: posix.scandir(1.5))
t(lambda: posix.scandir(base + "/a.txt"))
prev = posix.getcwd()
posix.chdir(base + "/sub")
print(sorted(e.path for e in posix.scandir()), sorted(e.path for e in posix.scandir(None)))
print(sorted(e.path for e in posix.scandir("deeper/")))
posix.chdir(prev)

def walk(p, depth=0):
    for e in sorted(posix.scandir(p), key=lambda e: e.name):
        print("  " * depth + e.name + ("/" if e.is_dir() else ""))
        if e.is_dir() and not e.is_symlink():
            walk(e.path, depth + 1)
walk(base)
rmtree(base)
print(posix.listdir("/tmp").count("pyx_corpus_scandir"))
