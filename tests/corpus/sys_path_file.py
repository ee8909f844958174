# topic: sys.path[0] is the script's directory; __file__ and __name__ of the main module
import sys
print(__name__)
print(__file__.endswith("/sys_path_file.py"), __file__.startswith("/"))
print(sys.path[0] == __file__.rsplit("/", 1)[0])
print(type(sys.path).__name__, all(isinstance(p, str) for p in sys.path))
print(sys.modules["__main__"].__name__, sys.modules["__main__"] is sys.modules[__name__])
print(__builtins__.__name__ if hasattr(__builtins__, "__name__") else "dict", __doc__, __spec__, __package__)
