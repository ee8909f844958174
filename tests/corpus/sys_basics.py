# topic: sys.maxsize, sys.version_info, sys.modules, sys.implementation exists
import sys
print(sys.maxsize, sys.maxsize == 2 ** 63 - 1, type(sys.maxsize).__name__)
print(sys.version_info[:2], sys.version_info.major, sys.version_info.minor, sys.version_info >= (3, 11), sys.version_info < (3, 12))
print("sys" in sys.modules, "builtins" in sys.modules, sys.modules["sys"] is sys)
print(hasattr(sys.implementation, "name"), isinstance(sys.implementation.name, str))
print(isinstance(sys.getsizeof([]), int), sys.getsizeof(1) > 0)
print(sys.exc_info())
