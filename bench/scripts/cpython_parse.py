"""CPython's side of bench/benches/parse.rs: time `ast.parse` in-process.

Usage:
    python3 cpython_parse.py check LISTFILE
        -> {"version": ..., "rejected": [paths ast.parse rejects]}
    python3 cpython_parse.py time LISTFILE ROUNDS
        -> {"version": ..., "files": N, "bytes": N, "seconds": [one per round]}

LISTFILE holds one path a line. Every file is read and decoded (PEP 263,
via tokenize.detect_encoding) into memory before any timing; `time` then runs
one untimed warm-up pass and ROUNDS timed passes of `ast.parse` over all the
files, in order. The garbage collector is left as `ast.parse` users get it
(enabled). Output is one JSON object on stdout.
"""

import ast
import io
import json
import sys
import time
import tokenize


def load(list_file):
    with open(list_file, encoding="utf-8") as f:
        paths = [line.rstrip("\n") for line in f if line.strip()]
    sources = []
    total = 0
    for path in paths:
        with open(path, "rb") as f:
            raw = f.read()
        total += len(raw)
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
            text = raw.decode(encoding)
        except (SyntaxError, UnicodeDecodeError, LookupError):
            text = None
        sources.append((path, text))
    return sources, total


def main(argv):
    mode, list_file = argv[1], argv[2]
    sources, total = load(list_file)
    out = {"version": sys.version.split()[0]}
    if mode == "check":
        rejected = []
        for path, text in sources:
            if text is None:
                rejected.append(path)
                continue
            try:
                ast.parse(text, path)
            except (SyntaxError, ValueError):
                rejected.append(path)
        out["rejected"] = rejected
    elif mode == "time":
        rounds = int(argv[3])
        parse = ast.parse
        for path, text in sources:  # warm-up, untimed
            parse(text, path)
        seconds = []
        for _ in range(rounds):
            start = time.perf_counter()
            for path, text in sources:
                parse(text, path)
            seconds.append(time.perf_counter() - start)
        out.update(files=len(sources), bytes=total, seconds=seconds)
    else:
        sys.exit(f"unknown mode {mode!r}")
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
