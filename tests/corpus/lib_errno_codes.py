# errno: every constant and the errorcode table.
import errno

names = sorted(n for n in dir(errno) if n.startswith('E'))
print(len(names))
for n in names:
    print(n, getattr(errno, n), errno.errorcode[getattr(errno, n)])
print(len(errno.errorcode))
print(list(errno.errorcode.items())[:20])
print(sorted(errno.errorcode)[-5:])
print(errno.ENOENT, errno.EAGAIN == errno.EWOULDBLOCK, errno.errorcode[errno.EWOULDBLOCK])
print(errno.errorcode[errno.EDEADLOCK], errno.errorcode[errno.ENOTSUP])
print(type(errno.errorcode), errno.__name__)
try:
    open('/nonexistent/file/here')
except OSError as e:
    print(e.errno == errno.ENOENT, errno.errorcode[e.errno])
print([n for n in vars(errno) if not n.startswith('__')][:10])
