# topic: __import__ and import of built-in modules only (sys, builtins)
import builtins
sys_mod = __import__("sys")
import sys
print(sys_mod is sys, builtins.len is len, builtins.__name__, type(builtins).__name__)
print(__import__("builtins").abs(-2), "sys" in sys.modules, sys.modules["builtins"] is builtins)
builtins.custom_builtin = "visible everywhere"
print(custom_builtin)
del builtins.custom_builtin
try:
    custom_builtin
except NameError as e:
    print("NameError", e)
try:
    import no_such_module_pyx_test
except ModuleNotFoundError as e:
    print("ModuleNotFoundError", e, e.name)
try:
    from sys import no_such_name
except ImportError as e:
    print("ImportError", e)
from sys import maxsize as ms
print(ms == sys.maxsize)
import sys as s2
print(s2 is sys)
print(__builtins__ is builtins or __builtins__ is builtins.__dict__)
