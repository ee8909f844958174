# topic: buffered stdout is flushed before the traceback; print(flush=True) and partial lines
import sys
print("line one")
print("partial line without newline", end="")
sys.stdout.write(" and more")
print("to stderr first", file=sys.stderr)
{}["missing"]
