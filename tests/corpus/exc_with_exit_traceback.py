# __exit__ receives the exception's own traceback; traceback.clear_frames
# (used by unittest's assertRaises) works on it.
import traceback
import unittest


class CM:
    def __enter__(self):
        return self

    def __exit__(self, t, v, tb):
        print(t.__name__, v, type(tb).__name__, tb is v.__traceback__ or tb.tb_lineno == v.__traceback__.tb_lineno)
        print(tb.tb_frame.f_code.co_name, tb.tb_lineno)
        return True


def f():
    with CM():
        1 / 0
    with CM():
        raise KeyError("k")
    return "done"


print(f())


def g():
    x = 1
    raise ValueError(x)


try:
    g()
except ValueError as e:
    tb = e.__traceback__
traceback.clear_frames(tb)
print(tb.tb_next.tb_frame.clear(), tb.tb_next.tb_frame.f_locals)


class T(unittest.TestCase):
    def test_raises(self):
        with self.assertRaises(ZeroDivisionError) as cm:
            1 / 0
        print("caught", type(cm.exception).__name__)
        self.assertRaises(KeyError, {}.__getitem__, 1)


r = unittest.TestResult()
unittest.defaultTestLoader.loadTestsFromTestCase(T).run(r)
print(r.testsRun, len(r.errors), len(r.failures))
