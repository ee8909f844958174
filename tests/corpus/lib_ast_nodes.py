# The node classes: hierarchy, _fields, construction rules, pickling, copy.
import ast
import copy
import re


def clean(e):
    return re.sub(r' at 0x[0-9a-f]+', ' at 0x...', str(e))


print(ast.AST, ast.AST.__mro__, ast.AST._fields, ast.AST._attributes)
for name in ["mod", "Module", "stmt", "FunctionDef", "expr", "Name", "expr_context", "Load", "boolop", "And",
             "operator", "Add", "unaryop", "USub", "cmpop", "NotIn", "comprehension", "excepthandler",
             "ExceptHandler", "arguments", "arg", "keyword", "alias", "withitem", "match_case", "pattern",
             "MatchAs", "type_ignore", "TypeIgnore", "TryStar"]:
    cls = getattr(ast, name)
    print(name, cls.__bases__[0].__name__, cls._fields, cls._attributes, getattr(cls, "__match_args__", None),
          cls.__module__)
print(ast.Name.__doc__, ast.stmt.__doc__.splitlines()[0])
print(ast.FunctionDef.returns, ast.FunctionDef.type_comment, ast.arg.end_lineno, ast.expr.end_col_offset)
print(hasattr(ast.Name, "id"), hasattr(ast.Return, "value"), ast.Return.value)

# Positional and keyword construction.
n = ast.Name("x", ast.Load())
print(n.id, type(n.ctx).__name__, n._fields, clean(vars(n)))
n = ast.Name(id="y", ctx=ast.Store(), lineno=3, col_offset=4, extra=5)
print(sorted(vars(n).items(), key=lambda kv: kv[0]) if False else sorted(vars(n)))
n = ast.Name("z")
print(vars(n), hasattr(n, "ctx"))
for args, kw in [(("a", ast.Load(), 3), {}), ((), {}), (("a",), {"id": "b"})]:
    try:
        r = ast.Name(*args, **kw)
        print("ok", vars(r))
    except TypeError as e:
        print("TypeError", e)
try:
    ast.Load(1)
except TypeError as e:
    print("TypeError", e)
try:
    ast.AST(1)
except TypeError as e:
    print("TypeError", e)
print(vars(ast.AST(a=1)))
print(vars(ast.Constant(value=1, kind=None)))

# Singletons
t = ast.parse("x = y")
print(t.body[0].targets[0].ctx is ast.parse("a = 1").body[0].targets[0].ctx)
print(ast.Load() is ast.Load(), type(ast.Load()).__name__)
print(ast.parse("a + b").body[0].value.op is ast.parse("c + d").body[0].value.op)

# Missing attribute access
try:
    ast.Name().id
except AttributeError as e:
    print("AttributeError", e)

# Subclasses
class MyName(ast.Name):
    _fields = ("id", "ctx", "extra")
m = MyName("a", ast.Load(), 9)
print(clean(vars(m)), isinstance(m, ast.expr), isinstance(m, ast.AST))

# __reduce__, pickle, copy
t = ast.parse("f(x, *y, k=1)\nclass C: pass")
print(t.body[0].value.__reduce__()[0].__name__, t.body[0].value.__reduce__()[1])
t3 = copy.deepcopy(t)
print(ast.dump(t3) == ast.dump(t), t3.body[0] is not t.body[0])
t4 = copy.copy(t.body[0])
print(t4.value is t.body[0].value)

# match on nodes
for node in ast.walk(ast.parse("a = b + 1")):
    match node:
        case ast.BinOp(left=ast.Name(id=lid), op=ast.Add(), right=ast.Constant(value=v)):
            print("BinOp", lid, v)
        case ast.Assign(targets=[ast.Name(id=tid)]):
            print("Assign", tid)
        case ast.Name(i, ctx):
            print("Name", i, type(ctx).__name__)

# dump of hand-built partial nodes
print(ast.dump(ast.Name()))
print(ast.dump(ast.Name("x")))
print(ast.dump(ast.FunctionDef(name="f")))
print(ast.dump(ast.Constant(value=1, kind="u")))
print(ast.dump(ast.Constant(1, lineno=1), include_attributes=True))
print(ast.dump(ast.alias("a")))
print(ast.dump(ast.Raise()))
print(ast.dump(ast.MatchSingleton(None)))

# Deprecated aliases still present in 3.11
print(ast.Num, ast.Str, ast.Bytes, ast.NameConstant, ast.Ellipsis)
print(isinstance(ast.Constant(1), ast.Num), isinstance(ast.Constant("s"), ast.Str), isinstance(ast.Constant(1), ast.Str))
n = ast.Num(5)
print(type(n).__name__, n.n, n.value)
s = ast.Str("x")
print(type(s).__name__, s.s)
print(type(ast.Index(ast.Name("x"))).__name__, ast.ExtSlice, ast.Suite, ast.AugLoad, ast.Param)
print(ast.dump(ast.Index(value=ast.Constant(1))))
print(clean(repr(ast.Name("x"))).replace("object at 0x...", "object"))
