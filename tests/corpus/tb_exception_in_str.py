# topic: uncaught exception whose __str__ raises: "<exception str() failed>"
class Weird(Exception):
    def __str__(self):
        raise RuntimeError("str is broken")
raise Weird("payload")
