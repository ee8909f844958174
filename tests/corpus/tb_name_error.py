# topic: uncaught NameError with "Did you mean" suggestion for a similar local name
def compute():
    length = 10
    return lenght * 2
compute()
