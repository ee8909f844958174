"""CPython's answers for the stdlib AST differential test.

Reads file paths (one per line) on stdin and prints one JSON object per line:
  {"path": P, "ok": true, "plain": SHA256, "attrs": SHA256}
where the hashes are of exactly what `python3 -m ast P` and
`python3 -m ast -a P` print (the dump plus a newline, UTF-8), or
  {"path": P, "ok": false, "type": "SyntaxError", "lineno": N, "msg": M}
when CPython rejects the file. Uses `ast.parse(..., type_comments=True)` and
`ast.dump(..., indent=3)` as `python3 -m ast` does.
"""
import ast
import hashlib
import json
import sys
import warnings

warnings.simplefilter("ignore")


def sha(text):
    return hashlib.sha256((text + "\n").encode("utf-8", "surrogatepass")).hexdigest()


def main():
    for line in sys.stdin:
        path = line.rstrip("\n")
        if not path:
            continue
        with open(path, "rb") as f:
            source = f.read()
        try:
            tree = ast.parse(source, path, type_comments=True)
        except SyntaxError as e:
            rec = {"path": path, "ok": False, "type": type(e).__name__,
                   "lineno": e.lineno, "msg": e.msg}
        except Exception as e:  # ValueError for NUL bytes, etc.
            rec = {"path": path, "ok": False, "type": type(e).__name__,
                   "lineno": 0, "msg": str(e)}
        else:
            rec = {"path": path, "ok": True,
                   "plain": sha(ast.dump(tree, indent=3)),
                   "attrs": sha(ast.dump(tree, include_attributes=True, indent=3))}
        print(json.dumps(rec), flush=False)


if __name__ == "__main__":
    main()
