# topic: SystemExit with a non-int, non-None code prints it and exits 1; code True/False
import sys
try:
    sys.exit(False)
except SystemExit as e:
    print("code", repr(e.code))
try:
    sys.exit(True)
except SystemExit as e:
    print("code", repr(e.code))
sys.exit([1, 2])
