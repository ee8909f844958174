# topic: input() at EOF raises EOFError (stdin is empty), prompt written to stdout
try:
    input("prompt> ")
except EOFError as e:
    print()
    print("EOFError", repr(e))
