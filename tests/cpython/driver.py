"""Run one CPython `Lib/test` module with unittest and print one line per test.

    INTERPRETER tests/cpython/driver.py test.test_bisect

This file is run by both interpreters (python3 and pyx) so that both use the
same loader and the same result class. Output, one line per test:

    @@ PASS test.test_bisect.TestBisect.test_precomputed
    @@ FAIL <id>        (assertion failed)
    @@ ERROR <id>       (unexpected exception; also for errors outside a test)
    @@ SKIP <id>        (skipped, or an expected failure)

and a last line `@@ DONE <tests run>`. A module that cannot be imported
prints `@@ IMPORT-ERROR <exception>` instead. Everything else a test prints
goes to stderr, so it cannot be mistaken for a result line.
"""

import sys
import unittest

OUT = sys.stdout


def emit(kind, ident):
    OUT.write("@@ %s %s\n" % (kind, ident))
    OUT.flush()


class LineResult(unittest.TestResult):
    def addSuccess(self, test):
        super().addSuccess(test)
        emit("PASS", test.id())

    def addFailure(self, test, err):
        super().addFailure(test, err)
        emit("FAIL", test.id())
        self._detail(test, err)

    def addError(self, test, err):
        super().addError(test, err)
        emit("ERROR", test.id())
        self._detail(test, err)

    def addSubTest(self, test, subtest, err):
        # A failing subtest fails its test; unittest then reports the test
        # itself neither as a success nor as a failure, so count it here.
        super().addSubTest(test, subtest, err)
        if err is not None:
            kind = "FAIL" if issubclass(err[0], test.failureException) else "ERROR"
            emit(kind, subtest.id())
            self._detail(subtest, err)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        emit("SKIP", test.id())

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        emit("SKIP", test.id())

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        emit("FAIL", test.id())

    def _exc_info_to_string(self, err, test):
        # unittest's version formats the traceback after trimming its own
        # frames by assigning `tb_next`; the result lines need none of it,
        # so both interpreters skip it (a failure in traceback formatting
        # would otherwise end the whole module).
        return self._line(err)

    @staticmethod
    def _line(err):
        try:
            return "%s: %s" % (err[0].__name__, err[1])
        except Exception:
            return "(unprintable exception)"

    def _detail(self, test, err):
        line = self._line(err)
        sys.stderr.write("--- %s\n%s\n" % (test.id(), line.splitlines()[0] if line else ""))


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: driver.py test.MODULE\n")
        return 2
    name = sys.argv[1]
    # Tests print freely; keep stdout for result lines only.
    sys.stdout = sys.stderr
    try:
        __import__(name)
        module = sys.modules[name]
        suite = unittest.defaultTestLoader.loadTestsFromModule(module)
    except BaseException as e:  # SkipTest, ImportError, SyntaxError, ...
        emit("IMPORT-ERROR", "%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))
        return 0
    result = LineResult()
    suite.run(result)
    emit("DONE", result.testsRun)
    return 0


if __name__ == "__main__":
    sys.exit(main())
