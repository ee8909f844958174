#!/usr/bin/env python3
"""Record what CPython's parser says about each snippet.

Reads SNIPPETS from syntax_error_snippets.py (next to this script), runs
`ast.parse(src, type_comments=True)` on each and writes
syntax_errors.json: per snippet its source and either {"accepted": true}
or the exception class, message, line and offset. The JSON is only ever
produced by this script; rerun it after editing the snippets:

    python3 syntax/tests/data/record_syntax_errors.py
"""

import ast
import json
import pathlib
import sys
import warnings

HERE = pathlib.Path(__file__).resolve().parent


def load_snippets():
    namespace = {}
    source = (HERE / "syntax_error_snippets.py").read_text(encoding="utf-8")
    exec(compile(source, "syntax_error_snippets.py", "exec"), namespace)
    return namespace["SNIPPETS"]


def record(src):
    try:
        with warnings.catch_warnings():
            # `0777`-style and `1if` literals warn before they fail; the
            # warnings are not part of what we record.
            warnings.simplefilter("ignore")
            ast.parse(src, type_comments=True)
    except SyntaxError as e:
        return {
            "source": src,
            "accepted": False,
            "error": type(e).__name__,
            "msg": e.msg,
            "lineno": e.lineno,
            "offset": e.offset,
        }
    return {"source": src, "accepted": True}


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"record with CPython 3.11, not {sys.version.split()[0]}")
    snippets = load_snippets()
    results = [dict(index=i, **record(src)) for i, src in enumerate(snippets)]
    out = HERE / "syntax_errors.json"
    out.write_text(json.dumps({
        "python": sys.version.split()[0],
        "snippets": results,
    }, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    rejected = sum(1 for r in results if not r["accepted"])
    print(f"{len(results)} snippets, {rejected} rejected, written to {out}")


if __name__ == "__main__":
    main()
