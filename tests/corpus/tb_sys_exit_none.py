# topic: sys.exit() and sys.exit(None): exit status 0; finally blocks still run
import sys
try:
    print("in try")
    sys.exit()
finally:
    print("finally runs on SystemExit")
