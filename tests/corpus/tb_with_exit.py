# __exit__ receives the exception's traceback (a real traceback object),
# frame.clear(), traceback.clear_frames and unittest's assertRaises.
import traceback
import unittest


class CM:
    def __enter__(self):
        return self

    def __exit__(self, t, v, tb):
        if t is None:
            print("clean exit", v, tb)
            return False
        print(t.__name__, v, type(tb).__name__, tb.tb_lineno, tb.tb_frame.f_code.co_name, tb.tb_next is None)
        print(traceback.format_tb(tb))
        traceback.clear_frames(tb)
        return True


def f():
    with CM():
        int("z")


f()
with CM():
    pass


def g():
    with CM():
        h()


def h():
    raise KeyError("deep")


g()


def k():
    return 1 / 0


try:
    k()
except ZeroDivisionError as e:
    tb = e.__traceback__.tb_next
    print(tb.tb_frame.f_code.co_name, tb.tb_frame.clear(), traceback.clear_frames(tb))

tc = unittest.TestCase()
with tc.assertRaises(ValueError) as cm:
    int("q")
print(type(cm.exception).__name__, cm.exception, cm.exception.__traceback__)
tc.assertRaises(KeyError, {}.__getitem__, 1)
with tc.assertRaisesRegex(TypeError, "unsupported"):
    1 + "a"
try:
    with tc.assertRaises(ValueError):
        pass
except AssertionError as e:
    print("AssertionError", e)
print("done")
