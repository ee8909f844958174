# compile() of invalid trees: CPython's messages.
import ast
import re


def clean(e):
    return re.sub(r' at 0x[0-9a-f]+', ' at 0x...', str(e))


def L(node, **kw):
    node.lineno = 1
    node.col_offset = 0
    node.end_lineno = 1
    node.end_col_offset = 1
    return node


def try_compile(label, tree, mode="exec"):
    try:
        compile(tree, "<t>", mode)
        print(label, "ok")
    except Exception as e:
        print(label, type(e).__name__, clean(e))


def mod(*stmts):
    return ast.Module(body=list(stmts), type_ignores=[])


name = lambda i, ctx=None: L(ast.Name(id=i, ctx=ctx or ast.Load()))

try_compile("expr-as-stmt", mod(name("x")))
try_compile("stmt-as-expr", mod(L(ast.Expr(value=L(ast.Pass())))))
try_compile("int-as-expr", mod(L(ast.Expr(value=5))))
try_compile("missing value", mod(L(ast.Expr())))
try_compile("None value", mod(L(ast.Expr(value=None))))
try_compile("missing lineno", mod(ast.Expr(value=name("x"))))
try_compile("missing col", mod(ast.Pass(lineno=1)))
try_compile("body not list", ast.Module(body=5, type_ignores=[]))
try_compile("body tuple", ast.Module(body=(), type_ignores=[]))
try_compile("no type_ignores", ast.Module(body=[]))
try_compile("wrong mode", ast.Module(body=[], type_ignores=[]), "eval")
try_compile("wrong root", name("x"))
try_compile("store ctx load", mod(L(ast.Assign(targets=[name("x")], value=L(ast.Constant(1))))))
try_compile("load ctx store", mod(L(ast.Expr(value=name("x", ast.Store())))))
try_compile("del ctx", mod(L(ast.Delete(targets=[name("x", ast.Load())]))))
try_compile("empty body", mod(L(ast.If(test=name("x"), body=[], orelse=[]))))
try_compile("empty funcdef body", mod(L(ast.FunctionDef(name="f", args=ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[], decorator_list=[]))))
try_compile("name None", mod(L(ast.Expr(value=name("None")))))
try_compile("name True", mod(L(ast.Expr(value=name("True")))))
try_compile("bad op", mod(L(ast.Expr(value=L(ast.BinOp(left=L(ast.Constant(1)), op=ast.And(), right=L(ast.Constant(2))))))))
try_compile("bad constant", mod(L(ast.Expr(value=L(ast.Constant(value=[1]))))))
try_compile("bad constant obj", mod(L(ast.Expr(value=L(ast.Constant(value=object()))))))
try_compile("boolop 1 value", mod(L(ast.Expr(value=L(ast.BoolOp(op=ast.And(), values=[name("x")]))))))
try_compile("compare no comps", mod(L(ast.Expr(value=L(ast.Compare(left=name("x"), ops=[], comparators=[]))))))
try_compile("compare mismatch", mod(L(ast.Expr(value=L(ast.Compare(left=name("x"), ops=[ast.Eq()], comparators=[name("y"), name("z")]))))))
try_compile("dict mismatch", mod(L(ast.Expr(value=L(ast.Dict(keys=[name("x")], values=[]))))))
try_compile("identifier not str", mod(L(ast.Expr(value=L(ast.Name(id=5, ctx=ast.Load()))))))
try_compile("raise cause only", mod(L(ast.Raise(exc=None, cause=name("x")))))
try_compile("try empty", mod(L(ast.Try(body=[L(ast.Pass())], handlers=[], orelse=[], finalbody=[]))))
try_compile("try orelse", mod(L(ast.Try(body=[L(ast.Pass())], handlers=[], orelse=[L(ast.Pass())], finalbody=[L(ast.Pass())]))))
try_compile("import empty", mod(L(ast.Import(names=[]))))
try_compile("importfrom level", mod(L(ast.ImportFrom(module="x", names=[L(ast.alias(name="y"))], level=-1))))
try_compile("global empty", mod(L(ast.Global(names=[]))))
try_compile("comp empty", mod(L(ast.Expr(value=L(ast.ListComp(elt=name("x"), generators=[]))))))
try_compile("lineno range", mod(ast.Pass(lineno=2, col_offset=0, end_lineno=1, end_col_offset=0)))
try_compile("col range", mod(ast.Pass(lineno=1, col_offset=5, end_lineno=1, end_col_offset=2)))
try_compile("int field str", mod(L(ast.AnnAssign(target=name("x", ast.Store()), annotation=name("int"), simple="1"))))
try_compile("ann simple attr", mod(L(ast.AnnAssign(target=L(ast.Attribute(value=name("x"), attr="y", ctx=ast.Store())), annotation=name("int"), simple=1))))
try_compile("kw_defaults mismatch", mod(L(ast.FunctionDef(name="f", args=ast.arguments(posonlyargs=[], args=[], kwonlyargs=[L(ast.arg(arg="a"))], kw_defaults=[], defaults=[]), body=[L(ast.Pass())], decorator_list=[]))))
try_compile("defaults too many", mod(L(ast.FunctionDef(name="f", args=ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[L(ast.Constant(1))]), body=[L(ast.Pass())], decorator_list=[]))))
try_compile("stmt None in list", mod(None))
try_compile("match singleton", mod(L(ast.Match(subject=name("x"), cases=[ast.match_case(pattern=L(ast.MatchSingleton(value=1)), body=[L(ast.Pass())])]))))
try_compile("match no cases", mod(L(ast.Match(subject=name("x"), cases=[]))))
try_compile("nested tuple const", mod(L(ast.Expr(value=L(ast.Constant(value=(1, (2, 3))))))))
try_compile("tuple const", mod(L(ast.Expr(value=L(ast.Constant(value=(1, 2.5, "a", b"b", None, ...)))))))
try_compile("frozenset const", mod(L(ast.Expr(value=L(ast.Constant(value=frozenset({1})))))))
try_compile("good eval", ast.Expression(body=L(ast.Constant(1))), "eval")
try_compile("eval body None", ast.Expression(body=None), "eval")
try_compile("single", ast.Interactive(body=[L(ast.Expr(value=L(ast.Constant(1))))]), "single")
try_compile("bad mode", mod(), "bogus")
try_compile("str subclass", mod(L(ast.Expr(value=L(ast.Name(id=type("S", (str,), {})("x"), ctx=ast.Load()))))))
try_compile("huge lineno", mod(ast.Pass(lineno=2**40, col_offset=0)))
try_compile("ctx class not inst", mod(L(ast.Expr(value=L(ast.Name(id="x", ctx=ast.Load))))))
try_compile("ctx None", mod(L(ast.Expr(value=L(ast.Name(id="x", ctx=None))))))
try_compile("await outside", mod(L(ast.Expr(value=L(ast.Await(value=name("x")))))))
try_compile("return outside", mod(L(ast.Return(value=None))))

# compile(..., PyCF_ONLY_AST) of bad source
for src in ["x = = 1", "x = (1 +", "1 +* 2"]:
    try:
        compile(src, "<s>", "exec", ast.PyCF_ONLY_AST)
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno, e.offset)


# More of CPython's validator (Python/ast.c) and obj2ast checks.
t = try_compile
M = lambda *s: ast.Module(body=list(s), type_ignores=[])
N = lambda i, c=None: L(ast.Name(id=i, ctx=c or ast.Load()))
args0 = lambda **k: ast.arguments(**{**dict(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), **k})
t('arg None', M(L(ast.FunctionDef(name='f', args=args0(args=[L(ast.arg(arg='None'))]), body=[L(ast.Pass())], decorator_list=[]))))
t('func None', M(L(ast.FunctionDef(name='None', args=args0(), body=[L(ast.Pass())], decorator_list=[]))))
t('attr None', M(L(ast.Expr(L(ast.Attribute(value=N('x'), attr='None', ctx=ast.Load()))))))
t('kw None', M(L(ast.Expr(L(ast.Call(func=N('x'), args=[], keywords=[L(ast.keyword(arg='None', value=N('y')))]))))))
t('import None', M(L(ast.Import(names=[L(ast.alias(name='None'))]))))
t('global None', M(L(ast.Global(names=['None']))))
t('name None store', M(L(ast.Assign(targets=[N('None', ast.Store())], value=N('x')))))
t('namedexpr attr', M(L(ast.Expr(L(ast.NamedExpr(target=L(ast.Attribute(value=N('x'), attr='a', ctx=ast.Store())), value=N('y')))))))
t('namedexpr load', M(L(ast.Expr(L(ast.NamedExpr(target=N('x'), value=N('y')))))))
t('binop store', M(L(ast.Assign(targets=[L(ast.BinOp(left=N('x'), op=ast.Add(), right=N('y')))], value=N('x')))))
t('starred load in store', M(L(ast.Assign(targets=[L(ast.Tuple(elts=[L(ast.Starred(value=N('x'), ctx=ast.Store()))], ctx=ast.Store()))], value=N('x')))))
t('starred inner load', M(L(ast.Assign(targets=[L(ast.Starred(value=N('x'), ctx=ast.Store()))], value=N('x')))))
t('matchas _', M(L(ast.Match(subject=N('x'), cases=[ast.match_case(pattern=L(ast.MatchAs(name='_')), body=[L(ast.Pass())])]))))
t('matchas pat no name', M(L(ast.Match(subject=N('x'), cases=[ast.match_case(pattern=L(ast.MatchAs(pattern=L(ast.MatchAs()))), body=[L(ast.Pass())])]))))
t('matchor 1', M(L(ast.Match(subject=N('x'), cases=[ast.match_case(pattern=L(ast.MatchOr(patterns=[L(ast.MatchAs())])), body=[L(ast.Pass())])]))))
t('matchstar top', M(L(ast.Match(subject=N('x'), cases=[ast.match_case(pattern=L(ast.MatchStar()), body=[L(ast.Pass())])]))))
t('matchvalue name', M(L(ast.Match(subject=N('x'), cases=[ast.match_case(pattern=L(ast.MatchValue(N('y'))), body=[L(ast.Pass())])]))))
t('matchvalue None', M(L(ast.Match(subject=N('x'), cases=[ast.match_case(pattern=L(ast.MatchValue(L(ast.Constant(None)))), body=[L(ast.Pass())])]))))
t('matchclass call', M(L(ast.Match(subject=N('x'), cases=[ast.match_case(pattern=L(ast.MatchClass(cls=L(ast.Call(func=N('x'), args=[], keywords=[])), patterns=[], kwd_attrs=[], kwd_patterns=[])), body=[L(ast.Pass())])]))))
t('matchclass kw mismatch', M(L(ast.Match(subject=N('x'), cases=[ast.match_case(pattern=L(ast.MatchClass(cls=N('C'), patterns=[], kwd_attrs=['a'], kwd_patterns=[])), body=[L(ast.Pass())])]))))
t('matchmapping mismatch', M(L(ast.Match(subject=N('x'), cases=[ast.match_case(pattern=L(ast.MatchMapping(keys=[L(ast.Constant(1))], patterns=[])), body=[L(ast.Pass())])]))))
t('matchmapping rest _', M(L(ast.Match(subject=N('x'), cases=[ast.match_case(pattern=L(ast.MatchMapping(keys=[], patterns=[], rest='_')), body=[L(ast.Pass())])]))))
t('empty match_case body', M(L(ast.Match(subject=N('x'), cases=[ast.match_case(pattern=L(ast.MatchAs()), body=[])]))))
t('lambda none default', M(L(ast.Expr(L(ast.Lambda(args=args0(defaults=[None], args=[L(ast.arg('a'))]), body=N('x')))))))
t('kw_defaults None ok', M(L(ast.Expr(L(ast.Lambda(args=args0(kwonlyargs=[L(ast.arg('a'))], kw_defaults=[None]), body=N('x')))))))
t('dict None key', M(L(ast.Expr(L(ast.Dict(keys=[None], values=[N('x')]))))))
t('dict None value', M(L(ast.Expr(L(ast.Dict(keys=[N('x')], values=[None]))))))
t('arg pos', M(L(ast.FunctionDef(name='f', args=args0(args=[ast.arg(arg='a', lineno=2, col_offset=0, end_lineno=1, end_col_offset=0)]), body=[L(ast.Pass())], decorator_list=[]))))
t('handler pos', M(L(ast.Try(body=[L(ast.Pass())], handlers=[ast.ExceptHandler(body=[L(ast.Pass())], lineno=3, col_offset=0, end_lineno=1, end_col_offset=0)], orelse=[], finalbody=[]))))
t('exc handler non', M(L(ast.Try(body=[L(ast.Pass())], handlers=[L(ast.Pass())], orelse=[], finalbody=[]))))
t('neg lineno', M(ast.Pass(lineno=-1, col_offset=0)))
t('neg lineno end', M(ast.Pass(lineno=-1, col_offset=0, end_lineno=1, end_col_offset=0)))
t('neg col', M(ast.Pass(lineno=1, col_offset=-1, end_lineno=1, end_col_offset=5)))
t('slice store', M(L(ast.Assign(targets=[L(ast.Slice())], value=N('x')))))
t('subscript slice bad', M(L(ast.Expr(L(ast.Subscript(value=N('x'), slice=N('y', ast.Store()), ctx=ast.Load()))))))
t('fv', M(L(ast.Expr(L(ast.JoinedStr(values=[L(ast.FormattedValue(value=N('x'), conversion=-1, format_spec=None))]))))))
t('fv conv', M(L(ast.Expr(L(ast.JoinedStr(values=[L(ast.FormattedValue(value=N('x'), conversion=5, format_spec=None))]))))))
t('joined bad', M(L(ast.Expr(L(ast.JoinedStr(values=[N('x')]))))))
t('interactive expression', ast.Interactive(body=[]), 'single')
t('expression in exec', ast.Expression(body=N('x')), 'exec')
t('yield outside', M(L(ast.Expr(L(ast.Yield())))))
t('nonlocal mod', M(L(ast.Nonlocal(names=['x']))))
t('break outside', M(L(ast.Break())))
t('ctx type', M(L(ast.Expr(L(ast.Name(id='x', ctx=ast.Add()))))))
t('ctx missing', M(L(ast.Expr(L(ast.Name(id='x'))))))
t('id missing', M(L(ast.Expr(L(ast.Name(ctx=ast.Load()))))))
t('id None', M(L(ast.Expr(L(ast.Name(id=None, ctx=ast.Load()))))))
t('opt missing', M(L(ast.Return())))
t('importfrom no level', M(L(ast.ImportFrom(module='os', names=[L(ast.alias('path'))]))))
t('alias no pos', M(L(ast.ImportFrom(module='os', names=[ast.alias('path')]))))
t('kw no pos', M(L(ast.Expr(L(ast.Call(func=N('x'), args=[], keywords=[ast.keyword(arg='a', value=N('y'))]))))))
t('list of str', M('x'))
t('string kind', M(L(ast.Expr(L(ast.Constant(value=1, kind=5))))))
t('int bool', M(L(ast.AnnAssign(target=N('x', ast.Store()), annotation=N('int'), simple=True))))
t('int float', M(L(ast.AnnAssign(target=N('x', ast.Store()), annotation=N('int'), simple=1.0))))
t('int huge', M(L(ast.AnnAssign(target=N('x', ast.Store()), annotation=N('int'), simple=2**70))))
t('lineno float', M(ast.Pass(lineno=1.0, col_offset=0)))
t('type_ignores item', ast.Module(body=[], type_ignores=[5]))
t('type_ignores good', ast.Module(body=[], type_ignores=[ast.TypeIgnore(lineno=1, tag='')]))
t('func_type mode', ast.Module(body=[], type_ignores=[]), 'func_type')


# The compiler's await checks, from source.
for src in ["await x", "def f():\n    await x", "lambda: await x", "async def f():\n    lambda: await x",
            "async def f():\n    [await y for y in z]", "def f():\n    [await y for y in z]",
            "async def f():\n    await x\n    async with a: pass\n    return [x async for x in y]",
            "def f():\n    (await y for y in z)", "class C:\n    await x", "async def f():\n    def g():\n        await x",
            "async def f():\n    yield\n    await x"]:
    try:
        compile(src, "<s>", "exec")
        print(repr(src), "ok")
    except SyntaxError as e:
        print(repr(src), e.msg, e.lineno, e.offset, e.end_offset)
