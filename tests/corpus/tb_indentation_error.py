# topic: a file with an indentation error: IndentationError printed, exit status 1
def f():
    x = 1
      y = 2
    return x
