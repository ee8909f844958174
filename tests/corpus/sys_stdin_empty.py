# topic: reading from an empty stdin: read() and readline() return '', iteration stops
import sys
print(repr(sys.stdin.read()), repr(sys.stdin.readline()), list(sys.stdin))
