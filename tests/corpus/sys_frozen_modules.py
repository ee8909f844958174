# Frozen standard-library modules as CPython 3.11 has them: os, posixpath, runpy... report origin 'frozen' and <frozen NAME> code file names.
import os, sys, runpy, abc, importlib.util
print(repr(os), os.__spec__, os.__loader__, os.__file__ == os.path.join(sys._stdlib_dir, 'os.py'))
print(os.path.join.__code__.co_filename, os.path.__name__, repr(os.path))
import _imp
print(_imp.is_frozen('os'), _imp.find_frozen('os.path'), _imp.find_frozen('json'))
print(_imp.is_frozen('runpy'), _imp.is_frozen('json'), runpy.__spec__.origin, abc.__loader__.__name__)
print(importlib.util.find_spec('stat').origin, importlib.util.find_spec('json').origin == os.path.join(sys._stdlib_dir, 'json', '__init__.py'))
os.environ['NO_SUCH_VAR_X']
