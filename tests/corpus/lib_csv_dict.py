# csv.DictReader / csv.DictWriter over io.StringIO, and csv.Sniffer.
import csv
import io

data = "name,age,city\r\nAnn,30,Oslo\r\nBob,25\r\nCy,40,Rome,extra1,extra2\r\n\r\n\"Di, Jr\",\"5\"\"\",\"multi\nline\"\r\n"
r = csv.DictReader(io.StringIO(data, newline=""))
print(r.fieldnames, r.line_num)
for row in r:
    print(r.line_num, row)
r = csv.DictReader(io.StringIO(data, newline=""), restkey="rest", restval="?")
print([dict(x) for x in r])
r = csv.DictReader(io.StringIO("a;b\n1;2\n"), fieldnames=["x", "y"], delimiter=";")
print(list(r))
r = csv.DictReader(io.StringIO(""))
print(r.fieldnames, list(r))
r = csv.DictReader(["a,b", "1,2"], dialect="excel")
print(r.dialect, list(r))

out = io.StringIO()
w = csv.DictWriter(out, ["name", "age", "note"], restval="-")
print(w.writeheader())
w.writerow({"name": "Ann", "age": 30})
w.writerows([{"name": "Bob", "note": "x,y"}, {"age": 1.5}])
print(repr(out.getvalue()))
try:
    w.writerow({"name": "x", "bogus": 1})
except ValueError as e:
    print("ValueError", e)
w2 = csv.DictWriter(io.StringIO(), ["a"], extrasaction="ignore")
w2.writerow({"a": 1, "b": 2})
print(repr(w2.writer.dialect.delimiter))
try:
    csv.DictWriter(io.StringIO(), ["a"], extrasaction="bad")
except ValueError as e:
    print("ValueError", e)
out = io.StringIO()
w = csv.DictWriter(out, ["a", "b"], quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
w.writeheader()
w.writerow({"a": 1, "b": "two"})
print(repr(out.getvalue()))

print("-- sniffer")
s = csv.Sniffer()
samples = [
    "a,b,c\r\n1,2,3\r\n4,5,6\r\n",
    "a;b;c\n1;2;3\n4;5;6\n",
    "name\tage\nann\t30\nbob\t25\n",
    "'a','b'\n'c','d'\n'e','f'\n",
    '"x", "y", "z"\n"1", "2", "3"\n',
    "h1|h2|h3\nv|w|x\nq|r|s\n",
    "id,name,score\n1,ann,3.5\n2,bob,4.0\n3,cy,2.25\n",
    "a:b:c\nd:e:f\n",
]
for sample in samples:
    try:
        d = s.sniff(sample)
        print(repr(d.delimiter), repr(d.quotechar), d.doublequote, d.skipinitialspace, repr(d.lineterminator), d.quoting)
    except csv.Error as e:
        print("Error", e)
    try:
        print("has_header", s.has_header(sample))
    except csv.Error as e:
        print("Error", e)
for bad in ["", "abc", "a b c"]:
    try:
        d = s.sniff(bad)
        print(repr(bad), repr(d.delimiter))
    except csv.Error as e:
        print(repr(bad), "Error", e)
d = s.sniff("a;b,c;d\n1;2,3;4\n", delimiters=";")
print(repr(d.delimiter))
d = s.sniff("x,y\n1,2\n")
print(csv.reader(["p,q"], d).__next__(), d.__name__ if hasattr(d, "__name__") else type(d).__name__)
