# tb_lineno is where each frame raised; tb_frame.f_lineno is where the frame
# was when the exception left it (a finally body or an except clause that
# did not match re-raises further on), relative to the def line.


def report(f):
    try:
        f()
    except Exception as ex:
        t = ex.__traceback__.tb_next
    out = []
    while t:
        code = t.tb_frame.f_code
        out.append((code.co_name, t.tb_lineno - code.co_firstlineno, t.tb_frame.f_lineno - code.co_firstlineno))
        t = t.tb_next
    print(out)


def simple():
    1/0
    pass


def in_except():
    try:
        1/0
    except:
        1/0
        pass


def other_except():
    try:
        1/0
    except TypeError as ex:
        pass


def two_handlers():
    try:
        1/0
    except TypeError:
        pass
    except KeyError:
        pass


def named_except():
    try:
        1/0
    except Exception as ex:
        1/0
        pass


def in_try():
    try:
        1/0
    finally:
        pass


def finally_normal():
    try:
        pass
    finally:
        1/0
        pass


def finally_except():
    try:
        1/0
    finally:
        1/0
        pass


class Noop:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        pass


class ExitFails:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        raise ValueError


def after_with():
    with Noop():
        1/0
        pass


def raise_in_exit():
    with ExitFails():
        1/0


def bare_raise():
    try:
        1/0
    except ZeroDivisionError:
        x = 1
        raise


def calls():
    x = 1
    simple()


for f in (simple, in_except, other_except, two_handlers, named_except, in_try, finally_normal,
          finally_except, after_with, raise_in_exit, bare_raise, calls):
    report(f)


# A bare `raise` adds no entry of its own: g does not appear.
def g():
    raise


def handler_calls_g():
    try:
        1/0
    except ZeroDivisionError:
        g()


report(handler_calls_g)

# Entries of one frame activation share its frame object; a recursive
# call is another activation.
try:
    handler_calls_g()
except ZeroDivisionError as e:
    t = e.__traceback__.tb_next
    print(t.tb_frame is t.tb_next.tb_frame, t.tb_frame is e.__traceback__.tb_frame)


def rec(n):
    if n == 0:
        raise KeyError(n)
    rec(n - 1)


try:
    rec(2)
except KeyError as e:
    t = e.__traceback__.tb_next
    frames = []
    while t:
        frames.append(t.tb_frame)
        t = t.tb_next
    print(len(frames), len({id(f) for f in frames}), [f.f_lineno - f.f_code.co_firstlineno for f in frames])

handler_calls_g()
