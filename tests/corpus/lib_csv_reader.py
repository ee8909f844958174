# _csv.reader: quoting, escaping, doublequote, skipinitialspace, strict,
# QUOTE_NONNUMERIC/QUOTE_NONE, multi-line fields, line_num and errors.
import csv
import io


def read(data, **kw):
    src = io.StringIO(data, newline="") if isinstance(data, str) else data
    r = csv.reader(src, **kw)
    rows = []
    try:
        for row in r:
            rows.append((r.line_num, row))
    except Exception as e:
        rows.append((r.line_num, type(e).__name__, str(e)))
    print(repr(data)[:60], kw, rows)


read("a,b,c\r\n1,2,3\r\n")
read("a,b,c\n1,2,3")
read("a,b,c\r1,2,3\r")
read("")
read("\r\n\r\n")
read("\n")
read("a\n\nb\n")
read(",\n,,\n")
read('"a,b",c\n')
read('"a""b",c\n')
read('"a""b",c\n', doublequote=False)
read('"a\\"b",c\n', doublequote=False, escapechar="\\")
read('a\\,b,c\n', escapechar="\\")
read('a\\\nb,c\n', escapechar="\\")
read('a\\\r\nb,c\n', escapechar="\\")
read('a\\', escapechar="\\")
read('"a\\', escapechar="\\")
read('"multi\nline\nfield",x\nnext,row\n')
read('"multi\r\nline",x\r\n')
read('"unterminated\nfield')
read('"unterminated\nfield', strict=True)
read('"a"b,c\n')
read('"a"b,c\n', strict=True)
read('"a" ,c\n', strict=True)
read('a, b,  c\n', skipinitialspace=True)
read('a, "b,c", d\n', skipinitialspace=True)
read('a, b\n')
read('a;b;"c;d"\n', delimiter=";")
read("a\tb\tc\n", dialect="excel-tab")
read("'a,b',c\n", quotechar="'")
read('"a,b",c\n', quoting=csv.QUOTE_NONE)
read('"a,b",c\n', quotechar=None)
read('1,2.5,"x",-3e2\n', quoting=csv.QUOTE_NONNUMERIC)
read('1,abc\n', quoting=csv.QUOTE_NONNUMERIC)
read(',"",1\n', quoting=csv.QUOTE_NONNUMERIC)
read('a,b\rc,d\n')
read('a,"b\rc",d\n')
read(["a,b\n", "c,d\n"])
read(["a,b", "c,d"])
read(['"a\n', 'b",c\n', "d\n"])
read(["a,b\r\n", 'x"y,z\r\n'])
read(["a\nb,c\n"])
read(["a\rb,c\n"])
read(["abc\r\n", "def\r"])
read(["a,b\n", b"c,d\n"])
read(["a,b\n", 42])
read(["a\0b,c\n"])
read('"a"""\n')
read('"""a"""\n')
read('a"b"c,d\n')
read(' "a",b\n', skipinitialspace=True)
read('a,b,\n')
read('x|y\n', delimiter="|", quotechar="|")
read('é,ü,"ß,∑"\n')
read("a,b\n", lineterminator="X")
r = csv.reader(["a,b", "c"])
print(r.line_num, next(r), r.line_num, next(r), r.line_num)
try:
    next(r)
except StopIteration:
    print("StopIteration", r.line_num)
print(type(r).__name__, type(r).__module__, iter(r) is r, r.dialect.delimiter)
for bad in [(), (1,), ([], "nope"), ([], "excel", 3), ([],)]:
    try:
        csv.reader(*bad)
        print(bad, "ok")
    except Exception as e:
        print(bad, type(e).__name__, e)
try:
    csv.reader([], delimiter=",", bogus=1)
except Exception as e:
    print(type(e).__name__, e)
old = csv.field_size_limit()
print(old, csv.field_size_limit(10), csv.field_size_limit())
read("0123456789,x\n")
read("0123456789A,x\n")
read('"0123456789A",x\n')
csv.field_size_limit(old)
