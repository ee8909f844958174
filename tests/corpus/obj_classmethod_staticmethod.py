# topic: classmethod and staticmethod: binding, inheritance, calling via instance and class
class A:
    count = 0
    @classmethod
    def make(cls, *args):
        cls.count += 1
        return cls, args
    @staticmethod
    def util(x):
        return x * 2
class B(A):
    pass
print(A.make(1)[0].__name__, B.make()[0].__name__, B().make()[0].__name__)
print(A.count, B.count)
print(A.util(2), A().util(3), B.util(4))
print(type(A.__dict__["make"]).__name__, type(A.__dict__["util"]).__name__)
print(A.__dict__["util"](5))
cm = A.__dict__["make"]
print(cm.__func__.__name__, A.make.__self__ is A)
sm = staticmethod(len)
print(sm("abc"), sm.__func__ is len)
class C:
    @classmethod
    @property
    def weird(cls):
        return "classprop " + cls.__name__
print(C.weird)
