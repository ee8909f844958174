# unittest hides its own frames from failure tracebacks by reassigning
# tb_next (TestResult._clean_tracebacks / _remove_unittest_tb_frames).
import io
import unittest


def check_positive(n):
    if n <= 0:
        raise ValueError(f"not positive: {n}")
    return n


class T(unittest.TestCase):
    def test_fail(self):
        self.assertEqual(check_positive(2), 3)

    def test_error(self):
        check_positive(-1)

    def test_chained(self):
        try:
            check_positive(0)
        except ValueError as e:
            raise KeyError("wrapped") from e

    def test_ok(self):
        self.assertTrue(check_positive(1))

    def test_sub(self):
        for i in (1, -5):
            with self.subTest(i=i):
                self.assertGreater(i, 0)


suite = unittest.defaultTestLoader.loadTestsFromTestCase(T)
result = unittest.TestResult()
suite.run(result)
print(result.testsRun, len(result.failures), len(result.errors))
for test, text in result.failures + result.errors:
    print("==", test)
    print(text, end="")

stream = io.StringIO()
runner = unittest.TextTestRunner(stream=stream, verbosity=2)
runner.run(unittest.defaultTestLoader.loadTestsFromTestCase(T))
for line in stream.getvalue().splitlines():
    if line.startswith("Ran "):
        line = line.split(" in ")[0]
    print(line)
