# topic: sys.exit with a large code is taken modulo 256 by the OS; negative code
import sys
sys.exit(258)
