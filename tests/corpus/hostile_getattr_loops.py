# topic: hostile: __getattribute__/__setattr__/descriptor recursion raises RecursionError, not a crash
class G:
    def __getattribute__(self, name):
        return self.__dict__[name]
try:
    G().x
except RecursionError as e:
    print("getattribute RecursionError", e)
class S:
    def __setattr__(self, name, value):
        setattr(self, name, value)
try:
    S().y = 1
except RecursionError as e:
    print("setattr RecursionError", e)
class D:
    def __get__(self, obj, owner):
        return obj.d
class H:
    d = D()
try:
    H().d
except RecursionError as e:
    print("descriptor RecursionError", e)
class P:
    @property
    def p(self):
        return self.p
try:
    P().p
except RecursionError as e:
    print("property RecursionError", e)
class Hash:
    def __hash__(self):
        return hash(self)
try:
    hash(Hash())
except RecursionError as e:
    print("hash RecursionError", e)
class Len:
    def __len__(self):
        return len(self)
try:
    len(Len())
except RecursionError as e:
    print("len RecursionError", e)
class Iter:
    def __iter__(self):
        return iter(self)
try:
    iter(Iter())
except RecursionError as e:
    print("iter RecursionError", e)
print("all recovered")
