# stat / _stat: constants, predicates, S_IMODE / S_IFMT, filemode, errors.
import stat
import _stat
import os

names = sorted(n for n in dir(_stat) if not n.startswith("_"))
print(names)
print([(n, getattr(_stat, n)) for n in names if not callable(getattr(_stat, n))])
print(stat.S_ISDIR is _stat.S_ISDIR, stat.filemode is _stat.filemode, stat.S_IFMT is _stat.S_IFMT)
print(_stat.__doc__.splitlines()[:3])

modes = [0, 0o777, 0o4755, 0o2755, 0o1777, 0o6000, 0o7777, 0o644 | stat.S_IFREG, 0o755 | stat.S_IFDIR,
         0o777 | stat.S_IFLNK, stat.S_IFCHR | 0o620, stat.S_IFBLK | 0o660, stat.S_IFIFO | 0o600,
         stat.S_IFSOCK | 0o755, 0o170000, 0o070000, 0o4644 | stat.S_IFREG, 0o1000 | stat.S_IFDIR, 2**32 - 1, True]
preds = ["S_ISDIR", "S_ISCHR", "S_ISBLK", "S_ISREG", "S_ISFIFO", "S_ISLNK", "S_ISSOCK", "S_ISDOOR", "S_ISPORT", "S_ISWHT"]
for m in modes:
    print(oct(m), _stat.filemode(m), _stat.S_IMODE(m), _stat.S_IFMT(m), [p for p in preds if getattr(_stat, p)(m)])
for bits in range(0, 0o10000, 0o111):
    print(_stat.filemode(bits | stat.S_IFREG), end=" ")
print()

st = os.stat(".")
print(stat.S_ISDIR(st.st_mode), stat.S_ISREG(st.st_mode), stat.filemode(st.st_mode)[0])
st = os.stat("lib_stat_module.py")
print(stat.S_ISDIR(st.st_mode), stat.S_ISREG(st.st_mode), stat.filemode(st.st_mode)[0], stat.S_IFMT(st.st_mode) == stat.S_IFREG)

class I(int):
    pass
class Idx:
    def __index__(self):
        return 0o755
print(_stat.S_IMODE(I(0o100644)), _stat.filemode(I(0o40755)))
for call in ["_stat.S_ISDIR()", "_stat.S_ISDIR(1, 2)", "_stat.S_ISDIR('x')", "_stat.S_ISDIR(-1)",
             "_stat.S_ISDIR(2**40)", "_stat.S_IMODE(-1)", "_stat.S_IMODE(2**32)", "_stat.filemode(-1)",
             "_stat.filemode(2**32)", "_stat.filemode(2**64)", "_stat.S_IFMT(1.5)", "_stat.filemode(x=1)",
             "_stat.S_ISDIR(mode=1)", "_stat.S_IMODE()", "_stat.S_IMODE(Idx())", "_stat.filemode(None)"]:
    try:
        print(call, eval(call))
    except Exception as e:
        print(call, type(e).__name__, e)
