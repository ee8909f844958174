# compile() of ast trees: parse -> compile -> exec, hand-built trees,
# NodeTransformer rewrites, location helpers.
import ast

src = '''
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return f"Point({self.x!r}, {self.y:>3})"

print([fib(i) for i in range(10)])
print(Point(1, 2))
try:
    1 / 0
except ZeroDivisionError as e:
    print("caught", e)
with open(__file__) as fh:
    pass
match Point(1, 2):
    case Point(x=1, y=y):
        print("matched", y)
lam = lambda *a, **k: (a, k)
print(lam(1, b=2))
print({k: v for k, v in zip("ab", range(2))}, {x for x in (1, 1)}, list(x * 2 for x in (1, 2)))
g = (yield_ for yield_ in range(3))
print(sum(g))
'''
tree = ast.parse(src)
code = compile(tree, "<ast>", "exec")
print(type(code).__name__, code.co_filename)
exec(code, {"__name__": "m", "__file__": __file__})

# eval mode
e = ast.parse("1 + 2 * 3", mode="eval")
print(eval(compile(e, "<ast>", "eval")))
print(eval(compile(ast.Expression(body=ast.Constant(41)), "<x>", "eval")) if False else "")

# Hand-built tree with fix_missing_locations.
mod = ast.Module(
    body=[
        ast.Assign(targets=[ast.Name(id="x", ctx=ast.Store())], value=ast.Constant(value=40)),
        ast.AugAssign(target=ast.Name(id="x", ctx=ast.Store()), op=ast.Add(), value=ast.Constant(2)),
        ast.Expr(value=ast.Call(func=ast.Name(id="print", ctx=ast.Load()), args=[ast.Name(id="x", ctx=ast.Load())], keywords=[])),
    ],
    type_ignores=[],
)
ast.fix_missing_locations(mod)
print(ast.dump(mod, include_attributes=True))
exec(compile(mod, "<hand>", "exec"))

# single mode
exec(compile(ast.parse("y = 5", mode="single"), "<s>", "single"))

# NodeTransformer: turn additions into multiplications, rename names.
class Rewriter(ast.NodeTransformer):
    def visit_BinOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Add):
            return ast.copy_location(ast.BinOp(left=node.left, op=ast.Mult(), right=node.right), node)
        return node

    def visit_Name(self, node):
        if node.id == "foo":
            return ast.copy_location(ast.Name(id="bar", ctx=node.ctx), node)
        return node

    def visit_Pass(self, node):
        return None

t = ast.parse("bar = 3\nfoo = foo + 4\npass\nprint(foo + 1)")
t = Rewriter().visit(t)
print(ast.unparse(t))
exec(compile(t, "<rw>", "exec"), {})

# NodeVisitor counting nodes.
class Counter(ast.NodeVisitor):
    def __init__(self):
        self.names = []
    def visit_Name(self, node):
        self.names.append(node.id)
        self.generic_visit(node)
    def visit_Constant(self, node):
        self.names.append(repr(node.value))

c = Counter()
c.visit(ast.parse("a = b + c(d, 1, 'x')"))
print(c.names)

# walk, iter_fields, iter_child_nodes
t = ast.parse("def f(x):\n    return x + 1\n")
print(sorted(type(n).__name__ for n in ast.walk(t)))
print([(k, type(v).__name__) for k, v in ast.iter_fields(t.body[0])])
print([type(n).__name__ for n in ast.iter_child_nodes(t.body[0])])

# increment_lineno, copy_location
t = ast.parse("x = 1\ny = 2")
ast.increment_lineno(t, 10)
print([(n.lineno, n.end_lineno) for n in ast.walk(t) if hasattr(n, "lineno")])
exec(compile(t, "<inc>", "exec"))

# get_source_segment
s = "x = [1,\n     2]\ny = 'é' + z"
t = ast.parse(s)
print(repr(ast.get_source_segment(s, t.body[0].value)))
print(repr(ast.get_source_segment(s, t.body[1].value.right)))
print(repr(ast.get_source_segment(s, t.body[1].value, padded=True)))

# compile with PyCF_ONLY_AST returns the tree; a tree passes through
t2 = compile("a = 1", "<s>", "exec", ast.PyCF_ONLY_AST)
print(type(t2).__name__, compile(t2, "<s>", "exec", ast.PyCF_ONLY_AST) is t2)
print(ast.PyCF_ONLY_AST, ast.PyCF_TYPE_COMMENTS, ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)

# Code from a tree reports the tree's line numbers.
t = ast.parse("def f():\n    return 1 / 0\n")
ast.increment_lineno(t, 99)
ns = {}
exec(compile(t, "<lines>", "exec"), ns)
try:
    ns["f"]()
except ZeroDivisionError as e:
    tb = e.__traceback__
    while tb.tb_next:
        tb = tb.tb_next
    print("line", tb.tb_lineno, ns["f"].__code__.co_firstlineno)
