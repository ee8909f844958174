# topic: sys.argv for a script run by relative path with no arguments
import sys
print(sys.argv, len(sys.argv), type(sys.argv).__name__)
sys.argv.append("mutable")
print(sys.argv[-1])
