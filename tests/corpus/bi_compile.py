# topic: compile(): modes exec/eval/single, SyntaxError attributes, flags
c = compile("x = 1\ny = x + 1", "<test>", "exec")
ns = {}
exec(c, ns)
print(ns["y"], c.co_name, c.co_filename)
e = compile("3 ** 2", "<e>", "eval")
print(eval(e))
s = compile("4 * 4", "<s>", "single")
exec(s)
for src, mode in [("1 +", "eval"), ("def f(:\n  pass", "exec"), ("x = (1,\n", "exec"), ("  indented", "exec"), ("return 5", "exec"), ("a b", "eval"), ("'unterminated", "exec"), ("f(**x, *y)", "eval"), ("del f()", "exec"), ("x := 1", "exec")]:
    try:
        compile(src, "<src>", mode)
        print("compiled", repr(src))
    except SyntaxError as err:
        print(type(err).__name__, repr(err.msg), err.filename, err.lineno, err.offset, repr(err.text))
try:
    compile("1", "<x>", "bogus")
except ValueError as err:
    print("ValueError", err)
try:
    compile("if x:\nfoo()", "<i>", "exec")
except IndentationError as err:
    print("IndentationError", err.msg, err.lineno)
try:
    compile("if x:\n\tfoo()\n        bar()", "<t>", "exec")
except SyntaxError as err:
    print(type(err).__name__, err.msg)
try:
    compile("nonlocal x", "<n>", "exec")
except SyntaxError as err:
    print("SyntaxError", err.msg, err.lineno)
err = SyntaxError("message", ("file.py", 3, 5, "the text\n", 3, 8))
print(err, err.args, err.end_lineno, err.end_offset)
