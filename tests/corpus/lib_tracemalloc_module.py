# tracemalloc over the minimal _tracemalloc: start/stop, snapshots, filters.
import tracemalloc

print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory(), tracemalloc.get_traceback_limit())
try:
    tracemalloc.take_snapshot()
except RuntimeError as e:
    print("RuntimeError", e)
tracemalloc.start(3)
print(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())
snap = tracemalloc.take_snapshot()
print(type(snap).__name__, snap.traceback_limit, type(snap.statistics("lineno")).__name__)
f = tracemalloc.Filter(False, "<frozen importlib._bootstrap>")
print(f.inclusive, f.filename_pattern, f.lineno, f.all_frames)
snap2 = snap.filter_traces([f])
print(type(snap2).__name__, snap2.traceback_limit)
tracemalloc.stop()
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
fr = tracemalloc.Frame(("a.py", 3))
tb = tracemalloc.Traceback((("a.py", 3), ("b.py", 4)))
print(fr, repr(fr), tb, len(tb), tb.format())
