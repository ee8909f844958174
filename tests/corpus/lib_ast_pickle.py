# Pickling ast trees (AST.__reduce__); pickle imports codecs.
import ast
import pickle

t = ast.parse("f(x, *y, k=1)\nclass C: pass\nmatch p:\n    case [1, *_]: pass")
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    t2 = pickle.loads(pickle.dumps(t, proto))
    print(proto, ast.dump(t2, include_attributes=True) == ast.dump(t, include_attributes=True))
print(ast.unparse(t2))
exec(compile(pickle.loads(pickle.dumps(ast.parse("print(1 + 2)"))), "<p>", "exec"))
print(pickle.loads(pickle.dumps(ast.Load())).__class__.__name__)
