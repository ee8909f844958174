# `from module import *` binds exactly the names in the module's
# `__all__` (a list or a tuple); without `__all__`, every public name.
import sys
import types

from posixpath import *
print("join" in dir(), "genericpath" in dir(), "os" in dir(), "sys" in dir())

m = types.ModuleType("star_mod")
exec("import math\nx = 1\ny = 2\n_private = 3\n__all__ = ('x', '_private')", m.__dict__)
sys.modules["star_mod"] = m
ns = {}
exec("from star_mod import *", ns)
print(sorted(k for k in ns if k != "__builtins__"))

m2 = types.ModuleType("star_mod2")
exec("import math\nx = 1\n_private = 3", m2.__dict__)
sys.modules["star_mod2"] = m2
ns = {}
exec("from star_mod2 import *", ns)
print(sorted(k for k in ns if k != "__builtins__"))

m3 = types.ModuleType("star_mod3")
m3.__all__ = ["present", "missing"]
m3.present = 1
sys.modules["star_mod3"] = m3
try:
    exec("from star_mod3 import *", {})
except AttributeError as e:
    print("AttributeError", e)
m4 = types.ModuleType("star_mod4")
m4.__all__ = ["a", 5]
m4.a = 1
sys.modules["star_mod4"] = m4
try:
    exec("from star_mod4 import *", {})
except TypeError as e:
    print("TypeError", e)
