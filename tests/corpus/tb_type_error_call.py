# topic: uncaught TypeError from calling with wrong arguments; call markers on the full call
def greet(name, greeting):
    return f"{greeting}, {name}"
message = greet("world")
