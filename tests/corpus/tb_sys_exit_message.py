# topic: sys.exit("message"): message on stderr, exit status 1
import sys
print("working")
sys.exit("fatal: giving up")
