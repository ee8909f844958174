# ast.literal_eval: accepted literals and error messages.
import ast
import re


def clean(e):
    return re.sub(r' at 0x[0-9a-f]+', ' at 0x...', str(e))

GOOD = [
    "1", "-1", "+1", "1.5", "-1.5e3", "1j", "1+2j", "-1-2j", "'a'", "b'x'",
    "True", "None", "[1, 2]", "(1,)", "()", "{1: 'a', 'b': [2]}", "{1, 2}",
    "set()", "  42  ", "\t[1,\n 2]", "0x10", "10**2" if False else "100",
    "{'nested': {'d': (1, [2, {3}])}}", "...", "'é'",
]
for s in GOOD:
    v = ast.literal_eval(s)
    print(repr(s), '->', repr(v), type(v).__name__)

BAD = [
    "a", "1 + a", "f()", "[x for x in y]", "{**a}", "1 * 2", "-'a'", "1 + 'a'",
    "2 + 3", "'a' + 'b'", "set([1])", "lambda: 0", "x.y", "()()", "{1: 2, **d}",
    "1 if 2 else 3", "", "1 +", "not 1", "~1", "1j + 1j", "(1, [a])",
]
for s in BAD:
    try:
        print(repr(s), '->', repr(ast.literal_eval(s)))
    except Exception as e:
        print(repr(s), type(e).__name__, clean(e))

print(ast.literal_eval(ast.parse("[1, 2]", mode="eval")))
print(ast.literal_eval(ast.Constant(5)))
try:
    ast.literal_eval(ast.Name("x", ast.Load()))
except ValueError as e:
    print(clean(e))
