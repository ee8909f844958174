# topic: a file with a syntax error: CPython prints the SyntaxError with a caret and exits 1
print("never printed")
def broken(:
    pass
