"""CPython's answers for the symbol-table differential test.

Reads file paths on stdin; for each prints one JSON line
  {"path": P, "sha": SHA256 of what `symtable_dump.py P` prints, "exit": 0|1}
using the project's reference tool `shared/tools/symtable_dump.py` (its
directory is the first argument) in this one process.
"""
import hashlib
import io
import json
import sys
import warnings
from contextlib import redirect_stdout

warnings.simplefilter("ignore")
sys.path.insert(0, sys.argv[1])
import symtable_dump  # noqa: E402


def main():
    for line in sys.stdin:
        path = line.rstrip("\n")
        if not path:
            continue
        buf = io.StringIO()
        with redirect_stdout(buf):
            code = symtable_dump.main(path)
        text = buf.getvalue()
        sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        print(json.dumps({"path": path, "sha": sha, "exit": code}))


if __name__ == "__main__":
    main()
