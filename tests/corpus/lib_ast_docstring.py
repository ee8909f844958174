# ast.get_docstring (imports inspect for cleandoc).
import ast

# get_docstring
t = ast.parse('"""Module doc.\n\n    More.\n    """\ndef f():\n    "  f doc  "\nclass C:\n    x = 1\nasync def g():\n    """g"""')
print(repr(ast.get_docstring(t)))
print(repr(ast.get_docstring(t, clean=False)))
print(repr(ast.get_docstring(t.body[1])))
print(repr(ast.get_docstring(t.body[2])))
print(repr(ast.get_docstring(t.body[3])))
try:
    ast.get_docstring(t.body[1].body[0])
except TypeError as e:
    print("TypeError", e)

