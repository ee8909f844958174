# Subclasses of the module type: construction, attributes, __class__ assignment (importlib.util._LazyModule does it).
import types, sys
class M(types.ModuleType):
    def hello(self): return 'hi ' + self.__name__
m = M('mm', 'doc')
print(m.hello(), m.__doc__, type(m).__name__, isinstance(m, types.ModuleType))
m.x = 5
print(m.x, m.__dict__['x'], sorted(k for k in m.__dict__ if not k.startswith('__')))
print(repr(m))
class L(types.ModuleType):
    def __getattribute__(self, attr):
        self.__class__ = types.ModuleType
        return getattr(self, attr) if attr != '__name__' else 'lazy'
l = L('ll')
l.y = 3
print(l.y, type(l).__name__)
sys.modules['mm'] = m
import mm
print(mm is m)
