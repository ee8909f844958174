# sys.breakpointhook follows $PYTHONBREAKPOINT, read at each call.
import os
import sys
import warnings

print(sys.__breakpointhook__ is sys.breakpointhook)
os.environ["PYTHONBREAKPOINT"] = "0"
print(breakpoint())
os.environ["PYTHONBREAKPOINT"] = "builtins.len"
print(breakpoint("abc"))
os.environ["PYTHONBREAKPOINT"] = "int"
print(breakpoint("7"))
os.environ["PYTHONBREAKPOINT"] = "os.path.join"
print(breakpoint("a", "b"))
for bad in [".", "..", ".foo", "foo.", ".int", "int.", "nosuchmod_xyz.f", "os.nosuchattr"]:
    os.environ["PYTHONBREAKPOINT"] = bad
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        r = breakpoint()
    print(repr(bad), r, [(x.category.__name__, str(x.message)) for x in w])
seen = []
sys.breakpointhook = lambda *a, **k: seen.append((a, k))
breakpoint(1, two=2)
print(seen)
sys.breakpointhook = sys.__breakpointhook__
os.environ["PYTHONBREAKPOINT"] = "0"
print(breakpoint())
