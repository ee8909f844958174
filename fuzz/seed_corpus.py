#!/usr/bin/env python3
"""Seed fuzz/corpus/<target>/ for the fuzz targets from the standard library
of the python3 running this script, plus a few hand-written corner cases.

    python3 fuzz/seed_corpus.py            # seeds corpus/parse and corpus/parse_utf8

Seeds (each at most MAX_LEN bytes, named by SHA-1 as libFuzzer names its
corpus files, so re-running adds nothing twice):
  * small stdlib modules (every Nth file under MAX_LEN bytes, sorted by path);
  * syntax-heavy test modules (test_grammar, test_fstring, test_patma, ...)
    cut into chunks at blank lines;
  * the `>>>` doctest snippets of test_syntax.py / test_exceptions.py, most
    of which are syntax errors CPython reports precisely;
  * the tokenizer's data files and the encoded modules (BOMs, coding cookies,
    latin-1 and koi8-r bytes) -- for the `parse` target only when not UTF-8.
"""
import hashlib
import os
import re
import sys
import sysconfig

MAX_LEN = 4096
SMALL_FILES = 300
HERE = os.path.dirname(os.path.abspath(__file__))
STDLIB = sysconfig.get_paths()["stdlib"]

SYNTAX_HEAVY = [
    "test/test_grammar.py", "test/test_fstring.py", "test/test_patma.py",
    "test/test_syntax.py", "test/test_type_comments.py", "test/test_unparse.py",
    "test/test_string_literals.py", "test/test_tokenize.py", "test/test_pep646_syntax.py",
    "test/test_exceptions.py", "test/test_coroutines.py", "test/test_named_expressions.py",
    "test/test_keywordonlyarg.py", "test/test_positional_only_arg.py", "test/test_decorators.py",
    "test/test_with.py", "test/test_except_star.py", "test/test_genexps.py",
    "test/test_unpack_ex.py", "test/test_global.py", "test/test_syntax.py",
    "test/test_ast.py", "test/test_compile.py", "test/test_eof.py", "test/test_utf8source.py",
    "test/test_source_encoding.py",
]
DOCTESTS = ["test/test_syntax.py", "test/test_exceptions.py", "test/test_genexps.py",
            "test/test_unpack_ex.py", "test/test_setcomps.py", "test/test_listcomps.py"]
RAW_DIRS = ["test/tokenizedata", "test/encoded_modules"]

HANDWRITTEN = [
    b"",
    b"\xef\xbb\xbfx = 1\n",
    b"# -*- coding: latin-1 -*-\ns = '\xe9'\n",
    b"#!/usr/bin/env python\n# vim: set fileencoding=koi8-r :\nx = '\xc1'\n",
    b"# coding: utf-8\nx = b'\\xff'\n\xff\n",
    b"def f(a,  # type: int\n      b):\n    # type: (...) -> None\n    pass  # type: ignore[x]\n",
    b"x = []  # type: List[int]\nfor a in b:  # type: int\n    pass\nwith c as d:  # type: e\n    pass\n",
    b"f'{x!r:>{width}.{prec}} {y=} {{}} {z:%Y-%m-%d} {\"\\N{DASH}\"}'\n",
    b"rb'\\x' Rb\"\" BR'''\n''' u'' F'{1}{2}' fr'{a}\\n' rf\"\"\"{b!s}\"\"\"\n",
    b"match x:\n    case [1, *rest] | {\"k\": _, **kw} if rest:\n        pass\n    case Point(x=0, y=_) as p:\n        pass\n",
    b"async def f():\n    async with a as b, c:\n        await x\n    async for i in y:\n        yield i\n",
    b"try:\n    pass\nexcept* (A, B) as e:\n    raise\nelse:\n    pass\nfinally:\n    pass\n",
    b"if x:\n\tpass\n        pass\n",
    b"class C(B, metaclass=M):\n    @d\n    def f[T](self, /, a, *, b=1, **k) -> 'C': ...\n",
    b"x = (yield)\ny = lambda *a, **k: (a, k)\nz = [i for i in range(3) if i async for j in k]\n",
    b"0x_1 1_000.0e-1_0j 0o777 0b101 1__0 09 0_ 1e 1.e5 .5j\n",
    b"del (a, [b]), c[1:2, ::3]\nglobal g\nnonlocal n\nassert x, 'm'\nraise E from F\n",
    b"(((((((((((((((((((((((((((((((((((((((((((((((((((((((((x)))))))))))))))))))))))))))))))))))))))))))))))))))))))))\n",
    b"x = \\\n  1 \\\n\n\\",
    b"'''unterminated\n",
    b"print 'hello'\nexec 'x'\n",
    b"a := 1\nf(x for x in y, 1)\n[*a] = b\nf(**k, *a)\n",
    b"\x00\n",
    b"\r\nif 1:\r\n    pass\r\n\x0cpass\r",
]


def write(dirpath, data, seen):
    if len(data) > MAX_LEN:
        return
    name = hashlib.sha1(data).hexdigest()
    if name in seen:
        return
    seen.add(name)
    with open(os.path.join(dirpath, name), "wb") as f:
        f.write(data)


def chunks(data):
    """Cut at blank lines into pieces of about MAX_LEN / 2 bytes."""
    out, cur = [], []
    size = 0
    for line in data.splitlines(keepends=True):
        cur.append(line)
        size += len(line)
        if size >= MAX_LEN // 2 and not line.strip():
            out.append(b"".join(cur))
            cur, size = [], 0
    if cur:
        out.append(b"".join(cur))
    return out


def doctest_snippets(data):
    out, cur = [], None
    for line in data.decode("utf-8", "replace").splitlines():
        s = line.lstrip()
        if s.startswith(">>> "):
            if cur:
                out.append("\n".join(cur) + "\n")
            cur = [s[4:]]
        elif s.startswith("...") and cur is not None:
            cur.append(s[4:])
        else:
            if cur:
                out.append("\n".join(cur) + "\n")
            cur = None
    return [s.encode() for s in out]


def seeds():
    small = []
    for root, dirs, files in os.walk(STDLIB):
        dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "site-packages"))
        for f in sorted(files):
            if f.endswith(".py"):
                p = os.path.join(root, f)
                if 0 < os.path.getsize(p) <= MAX_LEN:
                    small.append(p)
    step = max(1, len(small) // SMALL_FILES)
    for p in small[::step]:
        yield open(p, "rb").read()
    for rel in SYNTAX_HEAVY:
        p = os.path.join(STDLIB, rel)
        if os.path.exists(p):
            yield from chunks(open(p, "rb").read())
    for rel in DOCTESTS:
        p = os.path.join(STDLIB, rel)
        if os.path.exists(p):
            yield from doctest_snippets(open(p, "rb").read())
    for rel in RAW_DIRS:
        d = os.path.join(STDLIB, rel)
        if os.path.isdir(d):
            for f in sorted(os.listdir(d)):
                p = os.path.join(d, f)
                if os.path.isfile(p) and not f.endswith(".pyc"):
                    yield from chunks(open(p, "rb").read())
    yield from HANDWRITTEN


def main():
    counts = {}
    for target in ("parse", "parse_utf8"):
        d = os.path.join(HERE, "corpus", target)
        os.makedirs(d, exist_ok=True)
        seen = set(os.listdir(d))
        before = len(seen)
        for data in seeds():
            if target == "parse_utf8":
                try:
                    data.decode("utf-8")
                except UnicodeDecodeError:
                    continue
            write(d, data, seen)
        counts[target] = (len(seen) - before, len(seen))
    for target, (added, total) in counts.items():
        print(f"corpus/{target}: {added} seeds added, {total} files")


if __name__ == "__main__":
    sys.exit(main())
