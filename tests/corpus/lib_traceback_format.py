import traceback, sys
def f():
    1 / 0
try:
    f()
except ZeroDivisionError:
    print(traceback.format_exc())
    etype, value, tb = sys.exc_info()
    print(traceback.extract_tb(tb)[-1].name)
traceback.print_stack(limit=1, file=sys.stdout)
