# _tracemalloc (pyx: minimal, no real tracing): the API's shape and errors.
import _tracemalloc as t

print(sorted(n for n in dir(t) if not n.startswith("__")))
print(t.__doc__)
print(t.is_tracing(), t.get_traceback_limit(), t.get_traced_memory(), t._get_traces(), t._get_object_traceback(object()))
t.start()
print(t.is_tracing(), t.get_traceback_limit())
cur, peak = t.get_traced_memory()
print(type(cur).__name__, type(peak).__name__, peak >= cur >= 0, type(t._get_traces()).__name__)
print(t.reset_peak(), t.clear_traces(), type(t.get_tracemalloc_memory()).__name__)
t.stop()
print(t.is_tracing(), t.get_traced_memory(), t._get_traces())
t.start(5)
print(t.is_tracing(), t.get_traceback_limit())
t.stop()
print(t.get_traceback_limit())
for c in ["t.start(0)", "t.start(70000)", "t.start(1, 2)", "t.start(nframe=2)", "t.start('x')", "t.start(1.0)",
          "t.is_tracing(1)", "t._get_object_traceback()", "t.start(2**70)", "t.stop(1)", "t.get_traced_memory(x=1)"]:
    try:
        print(c, eval(c))
    except Exception as e:
        print(c, type(e).__name__, e)
print(t.is_tracing())
