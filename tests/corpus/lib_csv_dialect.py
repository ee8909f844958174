# _csv.Dialect validation (CPython's messages), csv.Dialect subclasses,
# the dialect registry and field_size_limit.
import csv
import _csv


def t(label, f, *a, **kw):
    try:
        r = f(*a, **kw)
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, "ok", r if not isinstance(r, _csv.Dialect) else show(r))


def show(d):
    return (d.delimiter, d.quotechar, d.escapechar, d.doublequote, d.skipinitialspace, d.lineterminator, d.quoting, d.strict)


D = _csv.Dialect
t("default", D)
t("delimiter ;", D, delimiter=";")
t("delimiter int", D, delimiter=1)
t("delimiter empty", D, delimiter="")
t("delimiter long", D, delimiter="ab")
t("delimiter None", D, delimiter=None)
t("delimiter bytes", D, delimiter=b",")
t("quotechar None", D, quotechar=None)
t("quotechar None quoting", D, quotechar=None, quoting=csv.QUOTE_ALL)
t("quotechar empty", D, quotechar="")
t("quotechar int", D, quotechar=1)
t("quotechar long", D, quotechar="ab")
t("escapechar", D, escapechar="\\")
t("escapechar empty", D, escapechar="")
t("escapechar int", D, escapechar=1)
t("escapechar long", D, escapechar="ab")
t("quoting 4", D, quoting=4)
t("quoting -1", D, quoting=-1)
t("quoting float", D, quoting=1.0)
t("quoting str", D, quoting="1")
t("quoting big", D, quoting=2**40)
t("quoting bool", D, quoting=True)
t("quoting none", D, quoting=csv.QUOTE_NONE)
t("lineterminator", D, lineterminator="\n")
t("lineterminator None", D, lineterminator=None)
t("lineterminator int", D, lineterminator=1)
t("lineterminator empty", D, lineterminator="")
t("doublequote 0", D, doublequote=0)
t("doublequote []", D, doublequote=[])
t("skipinitialspace", D, skipinitialspace="yes")
t("strict", D, strict=1)
t("positional", D, "excel")
t("positional unknown", D, "nope")
t("positional 2", D, "excel", ";")
t("too many", D, "excel", ";", 1, 2, 3, 4, 5, 6, 7, 8)
t("bad kw", D, bogus=1)
t("same delim quote", D, delimiter='"')
t("space delim", D, delimiter=" ", skipinitialspace=True)
t("newline delim", D, delimiter="\n")
e = csv.get_dialect("excel")
print(D(e) is e, D(e, delimiter=";") is e, show(D(e, delimiter=";")))
print(type(e).__name__, type(e).__module__, isinstance(e, D))
t("setattr delimiter", setattr, e, "delimiter", ";")
t("setattr strict", setattr, e, "strict", True)
t("setattr other", setattr, e, "other", 1)


class Obj:
    delimiter = ":"
    quotechar = "'"
    escapechar = None
    doublequote = False
    skipinitialspace = True
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL


t("from object", D, Obj())
t("from partial object", D, type("P", (), {"delimiter": "|"})())
t("from partial object 2", D, object())


class My(csv.Dialect):
    delimiter = ";"
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL


print(show(D(My())), show(D(My)))


class BadD(csv.Dialect):
    delimiter = ";;"
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL


t("bad csv.Dialect", BadD)
t("csv.Dialect itself", csv.Dialect)
for name in ("excel", "excel_tab", "unix_dialect"):
    d = getattr(csv, name)
    print(name, show(D(d)), d._name if hasattr(d, "_name") else None)

print("-- registry")
print(sorted(csv.list_dialects()))
t("register", csv.register_dialect, "semi", delimiter=";")
print(show(csv.get_dialect("semi")), sorted(csv.list_dialects()))
t("register My", csv.register_dialect, "my", My)
print(show(csv.get_dialect("my")))
t("register my+kw", csv.register_dialect, "my2", My, quoting=csv.QUOTE_ALL)
print(show(csv.get_dialect("my2")))
t("register str dialect", csv.register_dialect, "ex2", "excel")
print(show(csv.get_dialect("ex2")))
t("register bad", csv.register_dialect, "bad", delimiter="::")
t("register name int", csv.register_dialect, 1)
t("register no args", csv.register_dialect)
t("register too many", csv.register_dialect, "a", "excel", 3)
t("get unknown", csv.get_dialect, "zzz")
t("get int", csv.get_dialect, 1)
t("unregister", csv.unregister_dialect, "semi")
t("unregister again", csv.unregister_dialect, "semi")
t("unregister int", csv.unregister_dialect, 1)
t("get_dialect kw", csv.get_dialect, name="excel")
t("list_dialects args", csv.list_dialects, 1)
print(sorted(csv.list_dialects()))
print(csv.reader([], "my").dialect.delimiter, csv.writer(open("/dev/null", "w"), dialect="my2").dialect.quoting)

print("-- field_size_limit")
old = csv.field_size_limit()
t("fsl", csv.field_size_limit, 100)
t("fsl get", csv.field_size_limit)
t("fsl str", csv.field_size_limit, "5")
t("fsl float", csv.field_size_limit, 5.0)
t("fsl big", csv.field_size_limit, 2**70)
t("fsl neg", csv.field_size_limit, -1)
t("fsl two", csv.field_size_limit, 1, 2)
t("fsl kw", csv.field_size_limit, new_limit=7)
t("fsl get", csv.field_size_limit)
csv.field_size_limit(old)
print(csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC, csv.QUOTE_NONE, csv.__version__, _csv.__version__)
print(issubclass(csv.Error, Exception), csv.Error.__module__, csv.Error is _csv.Error)
print(sorted(n for n in dir(_csv) if not n.startswith("__")))
print(csv.__doc__ == _csv.__doc__, len(_csv.__doc__))
