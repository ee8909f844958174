# `from . import sub` while the package is still being imported (a circular
# import) finds the submodule in sys.modules; names that are missing give
# CPython's messages (with the module's file, or "partially initialized").
import os
import sys
import tempfile

root = tempfile.mkdtemp()
pkg = os.path.join(root, "circpkg")
os.mkdir(pkg)
files = {
    "__init__.py": "from . import a\nfrom . import b\n",
    "a.py": "from . import b\nVALUE = 'a sees ' + b.NAME\n",
    "b.py": "NAME = 'b'\nfrom . import a\n",
    "c.py": "from . import nothere\n",
    "d.py": "from circpkg.e import X\n",
    "e.py": "from circpkg.d import Y\nX = 1\n",
}
for name, text in files.items():
    with open(os.path.join(pkg, name), "w") as f:
        f.write(text)
sys.path.insert(0, root)
import circpkg
print(circpkg.a.VALUE, circpkg.b.a is circpkg.a)

def show(e):
    text = str(e).replace(root, "ROOT").replace(os.path.dirname(os.__file__), "STDLIB")
    print(type(e).__name__, text, e.name)

try:
    import circpkg.c
except ImportError as e:
    show(e)
try:
    import circpkg.d
except ImportError as e:
    show(e)
try:
    from os import no_such_name
except ImportError as e:
    show(e)

import shutil
shutil.rmtree(root)
