# _csv.writer: quoting styles, escaping, doublequote, line terminators,
# non-str fields, empty records and errors.
import csv
import io


def write(rows, **kw):
    out = io.StringIO()
    w = csv.writer(out, **kw)
    try:
        for row in rows:
            r = w.writerow(row)
        print(kw, repr(out.getvalue()), r)
    except Exception as e:
        print(kw, repr(out.getvalue()), type(e).__name__, e)


rows = [["a", "b c", "d,e", 'f"g', "h\ni", "j\rk", "", None, 1, 2.5, -3, True, 1e100, 10**30]]
write(rows)
write(rows, quoting=csv.QUOTE_ALL)
write(rows, quoting=csv.QUOTE_NONNUMERIC)
write(rows, quoting=csv.QUOTE_NONE)
write(rows, quoting=csv.QUOTE_NONE, escapechar="\\")
write(rows, doublequote=False)
write(rows, doublequote=False, escapechar="\\")
write(rows, escapechar="\\")
write(rows, lineterminator="\n")
write(rows, lineterminator="|")
write(rows, delimiter="\t")
write(rows, delimiter=";", quotechar="'")
write(rows, quotechar=None, escapechar="\\")
write(rows, dialect="unix")
write(rows, dialect="excel-tab")
write([["a\\b", "c"]], escapechar="\\")
write([["a\\b", "c"]], escapechar="\\", quoting=csv.QUOTE_NONE)
write([["a;b"]], delimiter=";", quoting=csv.QUOTE_NONE, escapechar="\\")
write([["x\ny"]], lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
write([["x\ry"]], lineterminator="\n")
write([["x\ry"]], lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
write([["x y"]], lineterminator=" ")
write([[]])
write([[""]])
write([[None]])
write([[""]], quoting=csv.QUOTE_NONE)
write([["", ""]], quoting=csv.QUOTE_NONE)
write([["", ""]])
write([[" "]])
class Num:
    def __float__(self):
        return 1.5

    def __str__(self):
        return "num"


class Idx:
    def __index__(self):
        return 7

    def __str__(self):
        return "idx"


write([[Num(), Idx(), 1 + 2j, "x", b"y", [1]]], quoting=csv.QUOTE_NONNUMERIC)
write([("t", "u")])
write([iter(["g1", "g2"])])
write(["abc"])
write([{"k": 1, "j": 2}])
write([range(3)])
write([1])
write([None])
write([["é", "ß∑", "\U0001f600"]])
write([["a", "b"], ["c"]], lineterminator="\n")


class Bad:
    def __str__(self):
        raise RuntimeError("no str")


write([["ok", Bad()]])


def gen():
    yield "a"
    raise KeyError("boom")


write([gen()])
out = io.StringIO()
w = csv.writer(out)
print(w.writerows([["a", 1], ["b", 2]]), repr(out.getvalue()))
print(type(w).__name__, type(w).__module__, w.dialect.lineterminator == "\r\n")


class W:
    def write(self, s):
        print("write", repr(s))
        return 99


print(csv.writer(W()).writerow(["x", "y"]))
for bad in [(), (1,), (io.StringIO(), "nope"), (io.StringIO(), "excel", 3)]:
    try:
        csv.writer(*bad)
        print("ok")
    except Exception as e:
        print(type(e).__name__, e)
try:
    csv.writer(io.StringIO()).writerows(5)
except Exception as e:
    print(type(e).__name__, e)
try:
    csv.writer(io.StringIO()).writerow()
except Exception as e:
    print(type(e).__name__, e)
