# topic: uncaught error with many distinct frames (no repetition collapsing) and a method frame
class Calculator:
    def evaluate(self, tokens):
        return self.apply(tokens[0], tokens[1:])
    def apply(self, op, rest):
        return step1(op, rest)
def step1(op, rest):
    return step2(op, rest)
def step2(op, rest):
    return step3(op, rest)
def step3(op, rest):
    return {"+": sum}[op](rest)
print(Calculator().evaluate(["+", 1, 2]))
Calculator().evaluate(["*", 1, 2])
