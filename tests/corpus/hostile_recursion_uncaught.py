# topic: hostile: infinite recursion through __getattr__ left uncaught (RecursionError traceback)
class Proxy:
    def __getattr__(self, name):
        return getattr(self.target, name)
p = Proxy()
print("calling")
p.anything
