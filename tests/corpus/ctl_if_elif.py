# topic: if / elif / else chains and truthiness of conditions
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"
print([classify(n) for n in (-5, 0, 3, 99)])
class Falsy:
    def __bool__(self):
        print("bool called")
        return False
if Falsy():
    print("no")
else:
    print("falsy object")
class Lenny:
    def __len__(self):
        return 0
if not Lenny():
    print("len zero is false")
if []: print("no")
elif {}: print("no")
elif "x": print("string true")
