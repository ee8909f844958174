import sys
def ex(t, v, tb):
    print('excepthook', t.__name__, v, type(tb).__name__)
    raise ValueError('hook broke')
sys.excepthook = ex
def f():
    1/0
f()
