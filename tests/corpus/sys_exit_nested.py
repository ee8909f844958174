# topic: sys.exit from a nested function runs finally blocks and with __exit__ on the way out
import sys
class CM:
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        print("exit sees", et.__name__, ev.code)
def inner():
    try:
        sys.exit(4)
    finally:
        print("inner finally")
def outer():
    with CM():
        inner()
try:
    outer()
except SystemExit as e:
    print("caught", e.code, repr(e))
try:
    sys.exit("msg")
except SystemExit as e:
    print("caught", e.code, e.args)
print("exiting for real")
outer()
