# topic: uncaught KeyError on a subscript in a nested call (subscript ~~~~^^^^^ markers)
settings = {"host": "localhost", "port": 8080}
def lookup(name):
    return settings[name]
def main():
    print(lookup("host"))
    print(lookup("user"))
main()
