# open() of descriptors (closefd, opener), path-like objects, tempfile's files (their raw name set to the descriptor).
import os, io, _io, tempfile
import shutil
_d = tempfile.mkdtemp(); os.chdir(_d)
with open('in.json', 'w') as _f: _f.write('{"a": [1, 2]}\n')
fd = os.open('in.json', os.O_RDONLY)
f = _io.FileIO(fd, 'r', closefd=True); print(f.read())
f.close()
try: os.fstat(fd)
except OSError as e: print('closed', e.errno)
fd = os.open('in.json', os.O_RDONLY)
with open(fd, closefd=False) as f: print(repr(f.read()), f.name == fd)
print(os.read(fd, 0), os.fstat(fd).st_size > 0); os.close(fd)
with tempfile.TemporaryFile() as t:
    t.write(b'abc'); t.seek(0); print(t.read())
with tempfile.NamedTemporaryFile('w+') as t:
    t.write('xyz'); t.seek(0); print(t.read())
d = tempfile.mkdtemp(); print(os.path.isdir(d)); os.rmdir(d)
try: open('in.json', closefd=False)
except ValueError as e: print(e)
try: open(-5)
except (ValueError, OSError) as e: print(type(e).__name__, e)
try: open(9999)
except OSError as e: print(type(e).__name__, e)
def opener(path, flags): print('opener', path, flags & os.O_CREAT != 0); return os.open(path, flags)
with open('in.json', opener=opener) as f: print(len(f.read()))
import pathlib
print(pathlib.Path('in.json').read_text()[:5], open(pathlib.Path('in.json')).name)

os.chdir('/'); shutil.rmtree(_d)
