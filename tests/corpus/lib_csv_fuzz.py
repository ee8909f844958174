# csv: random records written and read back under many dialects, and random
# text parsed under many dialects (rows, line_num and errors), hashed.
import csv
import hashlib
import io
import random

rng = random.Random(305)
ALPHABET = 'ab ,;|"\'\\\n\r\t\xe9\u20ac'
dialects = [
    {},
    {"quoting": csv.QUOTE_ALL},
    {"quoting": csv.QUOTE_NONNUMERIC},
    {"quoting": csv.QUOTE_NONE, "escapechar": "\\"},
    {"doublequote": False, "escapechar": "\\"},
    {"delimiter": ";", "quotechar": "'"},
    {"delimiter": "\t", "lineterminator": "\n"},
    {"skipinitialspace": True},
    {"strict": True},
    {"escapechar": "\\", "lineterminator": "\n"},
    {"quotechar": None, "escapechar": "|"},
    {"delimiter": "|", "escapechar": "\\", "strict": True, "skipinitialspace": True},
]


def field():
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 7)))


def digest(x):
    return hashlib.sha256(repr(x).encode("utf-8", "surrogatepass")).hexdigest()[:20]


for kw in dialects:
    records = [[field() for _ in range(rng.randrange(1, 5))] for _ in range(60)]
    out = io.StringIO()
    w = csv.writer(out, **kw)
    errors = 0
    for rec in records:
        try:
            w.writerow(rec)
        except csv.Error:
            errors += 1
    text = out.getvalue()
    back = []
    r = csv.reader(io.StringIO(text, newline=""), **kw)
    try:
        for row in r:
            back.append(row)
    except (csv.Error, ValueError) as e:
        back.append(("error", r.line_num, str(e)))
    print(kw, errors, digest(text), digest(back), r.line_num)

for kw in dialects:
    results = []
    for _ in range(150):
        text = "".join(rng.choice(ALPHABET + "x1.") for _ in range(rng.randrange(0, 25)))
        r = csv.reader(io.StringIO(text, newline=""), **kw)
        rows = []
        try:
            for row in r:
                rows.append((r.line_num, row))
        except (csv.Error, ValueError) as e:
            rows.append(("error", r.line_num, str(e)))
        results.append(rows)
    print(kw, digest(results), sum(len(x) for x in results))
print(results[-3:])
