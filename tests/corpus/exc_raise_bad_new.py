# `raise C` where C.__new__ returns a non-exception; an instance whose
# __call__ is an instance of its own class recurses into RecursionError.


class MyException(Exception):
    def __new__(cls, *args):
        return object()


try:
    raise MyException
except TypeError as e:
    print("TypeError", e)


class A:
    pass


A.__call__ = A()
a = A()
try:
    a()
except RecursionError as e:
    print("RecursionError", e)
